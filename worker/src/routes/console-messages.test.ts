import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ConsoleMessage, Contact, QueuePage } from '../../../sdk/src/schemas/console';
import type { MessageCreated, MessagePage, PublicMessageDetail, TrackedMessage } from '../../../sdk/src/schemas/message';
import {
  addCalendarDay, AUTHOR, createCampaign, createSite, db, eventKinds, expectNoPersonalData, expectProblem, FOREIGN_ORIGIN, messageRow, request,
  seedMessages, submit, track, validMessage,
} from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';
import { continueMatchText } from '../db/search-index';
import { endOfLocalDay, localDay, startOfLocalDay } from '../lib/site-time';

async function submitted(siteId: string, unitId: string, overrides: Parameters<typeof validMessage>[1] = {}) {
  const response = await submit(siteId, validMessage(unitId, overrides));
  expect(response.status).toBe(201);
  return response.json<MessageCreated>();
}

function act(as: TestOfficial, id: string, action: string, body: unknown = {}, origin?: string | null) {
  return consoleRequest(`/v1/console/messages/${id}/${action}`, { as, method: 'POST', body, origin });
}

async function acted(as: TestOfficial, id: string, action: string, body: unknown = {}): Promise<ConsoleMessage> {
  const response = await act(as, id, action, body);
  if (response.status !== 200) throw new Error(`${action}: ${response.status} ${await response.text()}`);
  return response.json<ConsoleMessage>();
}

async function queue(as: TestOfficial, query = ''): Promise<QueuePage> {
  const response = await consoleRequest(`/v1/console/messages${query}`, { as });
  expect(response.status).toBe(200);
  return response.json<QueuePage>();
}

/** A county with a moderator, a responder for the county head (and so every department), and one per department. */
async function county(overrides: Parameters<typeof createSite>[0] = {}) {
  const site = await createSite(overrides);
  const [moderator, headResponder, eduResponder, transportResponder, admin] = await Promise.all([
    createOfficial(site.siteId, 'moderator'),
    createOfficial(site.siteId, 'responder', [site.headUnit]),
    createOfficial(site.siteId, 'responder', [site.eduUnit]),
    createOfficial(site.siteId, 'responder', [site.transportUnit], { displayName: '交通局王科长' }),
    createOfficial(site.siteId, 'admin'),
  ]);
  return { ...site, moderator, headResponder, eduResponder, transportResponder, admin };
}

describe('the handling loop 受理 → 转办 → 回复 → 办结', () => {
  it('takes a message from submission to closing, and the citizen and the public see the transferred unit’s replies', async () => {
    const c = await county();
    const { id, trackingCode } = await submitted(c.siteId, c.headUnit);

    let message = await acted(c.moderator, id, 'publish');
    expect(message.moderation).toBe('published');
    expect(message.actions).toEqual(expect.arrayContaining(['hide', 'accept', 'transfer', 'note']));
    expect(message.actions).not.toContain('reply');

    message = await acted(c.headResponder, id, 'accept');
    expect(message.status).toBe('accepted');
    message = await acted(c.headResponder, id, 'transfer', { unitId: c.transportUnit, reason: '属交通运输局职责' });
    expect(message.unit).toEqual({ id: c.transportUnit, name: '测试县交通运输局' });
    // A department's responder who sends a message on sees where it went, and has nothing more to do with it.
    const [own] = await seedMessages(c.siteId, [{ unitId: c.eduUnit, status: 'accepted' }]);
    const sentOn = await acted(c.eduResponder, own!, 'transfer', { unitId: c.transportUnit, reason: '属交通运输局职责' });
    expect(sentOn).toMatchObject({ unit: { id: c.transportUnit }, actions: [] });
    await expectProblem(await consoleRequest(`/v1/console/messages/${own}`, { as: c.eduResponder }), 403, 'forbidden');
    expect((await queue(c.transportResponder)).items.map((m) => m.id)).toContain(id);
    expect((await queue(c.eduResponder)).items.map((m) => m.id)).not.toContain(id);

    message = await acted(c.transportResponder, id, 'reply', { kind: 'interim', body: '已安排人员现场查看，一周内答复。' });
    expect(message.status).toBe('in_progress');
    message = await acted(c.transportResponder, id, 'reply', { kind: 'final', body: '已增派交警早晚高峰值守，并施划临时停车区。' });
    expect(message.status).toBe('replied');
    message = await acted(c.transportResponder, id, 'close');
    expect(message.status).toBe('closed');
    expect(message.actions).toEqual(['note', 'reveal']);
    expect(message.timeline.find((e) => e.kind === 'transferred')).toMatchObject({
      isPublic: true, unit: { name: '测试县交通运输局' }, fromUnit: { name: '测试县县长' }, note: '属交通运输局职责',
    });
    expect(message.timeline.find((e) => e.kind === 'closed')?.account).toBe('交通局王科长');

    const tracked = await (await track(c.siteId, trackingCode)).json<TrackedMessage>();
    expect(tracked.replies.map((r) => [r.kind, r.unit.name])).toEqual([['interim', '测试县交通运输局'], ['final', '测试县交通运输局']]);
    expect(tracked.timeline.map((e) => e.kind)).toEqual(['submitted', 'published', 'accepted', 'transferred', 'replied', 'replied', 'closed']);

    const detail = await (await request(`/v1/sites/${c.siteId}/messages/${id}`)).json<PublicMessageDetail>();
    expect(detail.status).toBe('closed');
    expect(detail.replies).toHaveLength(2);
    expect(detail.timeline.find((e) => e.kind === 'transferred')?.note).toBe('属交通运输局职责');
    const answered = await (await request(`/v1/sites/${c.siteId}/messages?status=answered`)).json<MessagePage>();
    expect(answered.items[0]).toMatchObject({
      id, replyCount: 2,
      latestReply: { kind: 'final', unit: { id: c.transportUnit, name: '测试县交通运输局' }, excerpt: '已增派交警早晚高峰值守，并施划临时停车区。' },
    });
  });

  it('keeps a private message out of public view while it is handled to the end', async () => {
    const c = await county();
    const { id } = await submitted(c.siteId, c.eduUnit, { isPublic: false });
    await expectProblem(await act(c.moderator, id, 'publish'), 409, 'invalid_transition');
    await acted(c.eduResponder, id, 'accept');
    await acted(c.eduResponder, id, 'reply', { kind: 'final', body: '已联系您本人说明情况。' });
    expect((await acted(c.eduResponder, id, 'close')).status).toBe('closed');
    expect((await request(`/v1/sites/${c.siteId}/messages/${id}`)).status).toBe(404);
    expect((await messageRow(id))!.moderation).toBe('pending');
  });

  it('moderates: reject with a reason, hide a published message, publish it again', async () => {
    const c = await county();
    const [spam, shown] = await Promise.all([submitted(c.siteId, c.eduUnit), submitted(c.siteId, c.eduUnit)]);
    const rejected = await acted(c.moderator, spam.id, 'reject', { reason: 'advertising', note: '推销培训班' });
    expect(rejected).toMatchObject({ moderation: 'rejected', moderationReason: 'advertising' });
    expect(rejected.actions).toEqual(['note']);
    expect(rejected.timeline.at(-1)).toMatchObject({ kind: 'rejected', isPublic: false, note: '推销培训班' });

    await acted(c.moderator, shown.id, 'publish');
    expect((await request(`/v1/sites/${c.siteId}/messages/${shown.id}`)).status).toBe(200);
    await acted(c.moderator, shown.id, 'hide', { reason: 'personal_data', note: '正文含他人电话' });
    expect((await request(`/v1/sites/${c.siteId}/messages/${shown.id}`)).status).toBe(404);
    await acted(c.moderator, shown.id, 'publish');
    expect((await request(`/v1/sites/${c.siteId}/messages/${shown.id}`)).status).toBe(200);
  });

  it('extends the deadline by working days, skipping holidays, with the reason on the public timeline', async () => {
    const c = await county();
    const [id] = await seedMessages(c.siteId, [{ unitId: c.eduUnit, status: 'accepted', dueAt: new Date('2027-01-29T15:59:59.999Z') }]);
    // Friday 29 January 2027 (Beijing). Monday 1 February is a holiday; Saturday 6 February a make-up working day.
    await addCalendarDay(c.siteId, '2027-02-01', 'holiday');
    await addCalendarDay(c.siteId, '2027-02-06', 'workday');
    // The official sees the new deadline before confirming it.
    expect(await (await consoleRequest(`/v1/console/messages/${id}/extension?days=5`, { as: c.eduResponder })).json())
      .toEqual({ dueAt: '2027-02-06T23:59:59+08:00', countedFrom: 'deadline', calendarNotSetFor: null });
    const message = await acted(c.eduResponder, id!, 'extend', { days: 5, reason: '需协调多部门现场核查' });
    // Tue 2, Wed 3, Thu 4, Fri 5, Sat 6 (worked).
    expect(message.dueAt).toBe('2027-02-06T23:59:59+08:00');
    const detail = await (await request(`/v1/sites/${c.siteId}/messages/${id}`)).json<PublicMessageDetail>();
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'extended', note: '需协调多部门现场核查' });
  });

  it('says when an extension carries the deadline into a year the site’s calendar has nothing of', async () => {
    const c = await county();
    // Monday 29 December 2036 (Beijing); five working days on are in 2037.
    const [id] = await seedMessages(c.siteId, [{ unitId: c.eduUnit, status: 'accepted', dueAt: new Date('2036-12-29T15:59:59.999Z') }]);
    const preview = () => consoleRequest(`/v1/console/messages/${id}/extension?days=5`, { as: c.eduResponder }).then((r) => r.json());
    expect(await preview()).toEqual({ dueAt: '2037-01-05T23:59:59+08:00', countedFrom: 'deadline', calendarNotSetFor: 2037 });
    // Within its own year, nothing to say; once 2037 has its holidays, neither.
    await addCalendarDay(c.siteId, '2037-01-01', 'holiday');
    expect(await preview()).toEqual({ dueAt: '2037-01-06T23:59:59+08:00', countedFrom: 'deadline', calendarNotSetFor: null });
    expect(await (await consoleRequest(`/v1/console/messages/${id}/extension?days=1`, { as: c.eduResponder })).json())
      .toEqual({ dueAt: '2036-12-30T23:59:59+08:00', countedFrom: 'deadline', calendarNotSetFor: null });
  });

  it('extends an overdue message from today, not from its past deadline, as previewed, and it leaves 已超期', async () => {
    const c = await county();
    const [id] = await seedMessages(c.siteId, [{ unitId: c.eduUnit, status: 'in_progress', dueAt: new Date(Date.now() - 20 * 86_400_000) }]);
    // Counted independently of src/lib/calendar: the working days after today in China, the first of them a holiday.
    const chinaDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    const weekday = (day: string) => ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
    const workingDaysAfterToday = (n: number, holiday: string) => {
      const days: string[] = [];
      for (let ms = Date.parse(`${chinaDay(Date.now())}T00:00:00Z`) + 86_400_000; days.length < n; ms += 86_400_000) {
        const day = new Date(ms).toISOString().slice(0, 10);
        if (weekday(day) && day !== holiday) days.push(day);
      }
      return days;
    };
    const holiday = workingDaysAfterToday(1, '')[0]!;
    await addCalendarDay(c.siteId, holiday, 'holiday');
    const expected = `${workingDaysAfterToday(5, holiday).at(-1)}T23:59:59+08:00`;
    expect((await queue(c.eduResponder, '?tab=overdue')).counts.overdue).toBe(1);

    const preview = await (await consoleRequest(`/v1/console/messages/${id}/extension?days=5`, { as: c.eduResponder })).json();
    // Carried into next year (late in December), whose calendar this site has nothing of, it says so.
    const year = expected.slice(0, 4);
    expect(preview).toEqual({ dueAt: expected, countedFrom: 'today', calendarNotSetFor: year > chinaDay(Date.now()).slice(0, 4) && !holiday.startsWith(year) ? Number(year) : null });
    const message = await acted(c.eduResponder, id!, 'extend', { days: 5, reason: '需补充材料' });
    expect(message).toMatchObject({ dueAt: expected, overdue: false });
    const overdueTab = await queue(c.eduResponder, '?tab=overdue');
    expect(overdueTab.items).toEqual([]);
    expect(overdueTab.counts.overdue).toBe(0);
  });

  it('previews an extension only for whom and what may be extended', async () => {
    const c = await county();
    const [closed] = await seedMessages(c.siteId, [{ unitId: c.eduUnit, status: 'closed' }]);
    await expectProblem(await consoleRequest(`/v1/console/messages/${closed}/extension?days=5`, { as: c.eduResponder }), 409, 'invalid_transition');
    const [open] = await seedMessages(c.siteId, [{ unitId: c.eduUnit, status: 'accepted' }]);
    const tooMany = await expectProblem(await consoleRequest(`/v1/console/messages/${open}/extension?days=31`, { as: c.eduResponder }), 422, 'validation');
    expect(tooMany.errors).toEqual([expect.objectContaining({ field: 'days', code: 'above_maximum' })]);
    // 1e1 is not 10 working days: a count is digits only, here as in the console's own field.
    const notDigits = await expectProblem(await consoleRequest(`/v1/console/messages/${open}/extension?days=1e1`, { as: c.eduResponder }), 422, 'validation');
    expect(notDigits.errors).toEqual([expect.objectContaining({ field: 'days', code: 'invalid' })]);
  });

  it('keeps internal notes among officials', async () => {
    const c = await county();
    const { id, trackingCode } = await submitted(c.siteId, c.eduUnit);
    await acted(c.moderator, id, 'publish');
    const message = await acted(c.eduResponder, id, 'notes', { body: '与去年12号留言为同一问题' });
    expect(message.notes).toEqual([expect.objectContaining({ body: '与去年12号留言为同一问题' })]);
    expect(await (await request(`/v1/sites/${c.siteId}/messages/${id}`)).text()).not.toContain('去年12号');
    expect(await (await track(c.siteId, trackingCode)).text()).not.toContain('去年12号');
  });

  it('stores one note for the same note sent twice with its Idempotency-Key, together or one after the other; another key, or the key on another message, is another note', async () => {
    const c = await county();
    const [{ id }, { id: other }] = await Promise.all([submitted(c.siteId, c.eduUnit), submitted(c.siteId, c.eduUnit)]);
    await acted(c.moderator, id, 'publish');
    await acted(c.moderator, other, 'publish');
    const note = (body: string, key: string, on = id) => consoleRequest(`/v1/console/messages/${on}/notes`,
      { as: c.eduResponder, method: 'POST', body: { body }, headers: { 'Idempotency-Key': key } });
    const twice = await Promise.all([note('已电话联系学校', 'note-key-0001'), note('已电话联系学校', 'note-key-0001')]);
    expect(twice.map((r) => r.status)).toEqual([200, 200]);
    const again = await note('已电话联系学校', 'note-key-0001');
    expect(again.status).toBe(200);
    expect((await again.json<ConsoleMessage>()).notes.map((n) => n.body)).toEqual(['已电话联系学校']);
    await note('已电话联系学校', 'note-key-0002');
    await note('已电话联系学校', 'note-key-0001', other);
    const rows = await env.DB.prepare('SELECT message_id, count(*) AS n FROM message_notes WHERE message_id IN (?, ?) GROUP BY 1 ORDER BY 2 DESC')
      .bind(id, other).all<{ message_id: string; n: number }>();
    expect(rows.results).toEqual([{ message_id: id, n: 2 }, { message_id: other, n: 1 }]);
    // An empty note is named as an official's text, not as the citizen's message.
    const empty = await expectProblem(await note('', 'note-key-0003'), 422, 'validation');
    expect(empty.errors).toEqual([expect.objectContaining({ field: 'body', code: 'required', message: '请填写内容' })]);
  });
});

describe('an action sent again with its Idempotency-Key', () => {
  /** Each action the console sends with a key, the message it starts from, and who takes it. */
  const cases: { action: string; from: Omit<Parameters<typeof seedMessages>[1][number], 'unitId'>; as: 'moderator' | 'eduResponder'; body: Record<string, unknown>; event: string }[] = [
    { action: 'publish', from: { moderation: 'pending' }, as: 'moderator', body: {}, event: 'published' },
    { action: 'reject', from: { moderation: 'pending' }, as: 'moderator', body: { reason: 'off_topic', note: '与本县无关' }, event: 'rejected' },
    { action: 'hide', from: {}, as: 'moderator', body: { reason: 'personal_data' }, event: 'hidden' },
    { action: 'accept', from: {}, as: 'eduResponder', body: {}, event: 'accepted' },
    { action: 'transfer', from: { status: 'accepted' }, as: 'eduResponder', body: { reason: '属交通运输局职责' }, event: 'transferred' },
    { action: 'reply', from: { status: 'accepted' }, as: 'eduResponder', body: { kind: 'final', body: '已安排处理。' }, event: 'replied' },
    { action: 'extend', from: { status: 'accepted' }, as: 'eduResponder', body: { days: 5, reason: '需会同住建部门现场勘查' }, event: 'extended' },
    { action: 'close', from: { status: 'replied' }, as: 'eduResponder', body: {}, event: 'closed' },
    { action: 'adopt', from: { type: 'suggestion', status: 'accepted' }, as: 'eduResponder', body: { note: '已纳入明年城建计划' }, event: 'adopted' },
  ];

  it.each(cases)('$action: the same key again (the answer lost, or a kept form sent twice) answers as the first and does it once; another key is refused by the version', async ({ action, from, as, body, event }) => {
    const c = await county();
    const [id] = await seedMessages(c.siteId, [{ unitId: c.eduUnit, ...from }]);
    const official = c[as];
    const input = action === 'transfer' ? { ...body, unitId: c.transportUnit } : body;
    const read = await consoleRequest(`/v1/console/messages/${id}`, { as: official });
    const { version } = await read.json<ConsoleMessage>();
    const send = (key: string) => consoleRequest(`/v1/console/messages/${id}/${action}`,
      { as: official, method: 'POST', body: input, headers: { 'If-Match': `"${version}"`, 'Idempotency-Key': key } });
    const kinds = async () => (await env.DB.prepare('SELECT kind FROM message_events WHERE message_id = ? AND kind = ?').bind(id, event).all()).results.length;

    // Two copies at once (a double send on a slow network), then one more after both.
    const [first, second] = await Promise.all([send(`${action}-key-1`), send(`${action}-key-1`)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const again = await send(`${action}-key-1`);
    expect(again.status).toBe(200);
    const answers = await Promise.all([first, second, again].map((r) => r.json<ConsoleMessage>()));
    expect(new Set(answers.map((m) => m.status)).size).toBe(1);
    expect(answers[2]!.timeline.filter((e) => e.kind === event)).toHaveLength(1);
    expect(await kinds()).toBe(1);
    if (action === 'reply') expect((await env.DB.prepare('SELECT count(*) AS n FROM replies WHERE message_id = ?').bind(id).first<{ n: number }>())?.n).toBe(1);
    // Another key is another action, judged by the version the page read: refused, as before.
    await expectProblem(await send(`${action}-key-2`), 412, 'changed_since_read');
    expect(await kinds()).toBe(1);
  });

  it('knows a key by its action and its words, and only while nothing has happened since: else it is an action of its own', async () => {
    const c = await county();
    const [hidden, replied, other, extended, moved] = await seedMessages(c.siteId, [
      { unitId: c.eduUnit }, ...Array.from({ length: 4 }, () => ({ unitId: c.eduUnit, status: 'accepted' as const })),
    ]);
    const send = async (as: TestOfficial, id: string, action: string, body: unknown, key: string) => {
      const { version } = await (await consoleRequest(`/v1/console/messages/${id}`, { as: c.admin })).json<ConsoleMessage>();
      return consoleRequest(`/v1/console/messages/${id}/${action}`, { as, method: 'POST', body, headers: { 'If-Match': `"${version}"`, 'Idempotency-Key': key } });
    };
    const count = async (id: string, kind: string) =>
      (await env.DB.prepare('SELECT count(*) AS n FROM message_events WHERE message_id = ? AND kind = ?').bind(id, kind).first<{ n: number }>())!.n;

    // 隐藏 with a key, published again by an admin, 隐藏 again with the same key (a form kept since its
    // answer was lost): hidden again, not answered as done while the message is on the board.
    const before = (await (await consoleRequest(`/v1/console/messages/${hidden}`, { as: c.moderator })).json<ConsoleMessage>()).version;
    expect((await send(c.moderator, hidden!, 'hide', { reason: 'advertising' }, 'hide-key-0001')).status).toBe(200);
    expect((await send(c.admin, hidden!, 'publish', {}, 'publish-key-01')).status).toBe(200);
    // Published again, the message is as it was before the 隐藏, but a page read then is out of date:
    // its version is refused, with any key.
    const stale = await consoleRequest(`/v1/console/messages/${hidden}/hide`, { as: c.moderator, method: 'POST', body: { reason: 'advertising' }, headers: { 'If-Match': `"${before}"`, 'Idempotency-Key': 'hide-key-0001' } });
    await expectProblem(stale, 412, 'changed_since_read');
    const again = await send(c.moderator, hidden!, 'hide', { reason: 'advertising' }, 'hide-key-0001');
    expect(again.status).toBe(200);
    expect((await again.json<ConsoleMessage>()).moderation).toBe('hidden');
    expect(await count(hidden!, 'hidden')).toBe(2);
    // And that second one is now what the key names: sent once more, answered as done.
    expect((await send(c.moderator, hidden!, 'hide', { reason: 'advertising' }, 'hide-key-0001')).status).toBe(200);
    expect(await count(hidden!, 'hidden')).toBe(2);

    // The same key for another action (办结 after the reply) or on another message is that action.
    expect((await send(c.eduResponder, replied!, 'reply', { kind: 'final', body: '已处理。' }, 'reuse-key-0001')).status).toBe(200);
    const closed = await send(c.eduResponder, replied!, 'close', {}, 'reuse-key-0001');
    expect((await closed.json<ConsoleMessage>()).status).toBe('closed');
    const elsewhere = await send(c.eduResponder, other!, 'reply', { kind: 'final', body: '已处理。' }, 'reuse-key-0001');
    expect(elsewhere.status).toBe(200);
    expect((await elsewhere.json<ConsoleMessage>()).replies).toHaveLength(1);

    // The same key with other words: another extension, judged by the version sent.
    expect((await send(c.eduResponder, extended!, 'extend', { days: 3, reason: '需要协调' }, 'extend-key-001')).status).toBe(200);
    expect((await send(c.eduResponder, extended!, 'extend', { days: 5, reason: '另外的理由' }, 'extend-key-001')).status).toBe(200);
    expect(await count(extended!, 'extended')).toBe(2);
    const note = (body: string) => consoleRequest(`/v1/console/messages/${extended}/notes`, { as: c.eduResponder, method: 'POST', body: { body }, headers: { 'Idempotency-Key': 'note-key-0009' } });
    await note('备注一');
    const notes = await (await note('完全不同的备注')).json<ConsoleMessage>();
    expect(notes.notes.map((n) => n.body).sort()).toEqual(['备注一', '完全不同的备注'].sort());

    // 转办 out of the official's units, sent again after the new unit wrote a note: answered as done,
    // without that unit's notes.
    const transfer = { unitId: c.transportUnit, reason: '属交通运输局职责' };
    expect((await send(c.eduResponder, moved!, 'transfer', transfer, 'move-key-00001')).status).toBe(200);
    await acted(c.transportResponder, moved!, 'notes', { body: '交通局内部备注' });
    const replayed = await send(c.eduResponder, moved!, 'transfer', transfer, 'move-key-00001');
    expect(replayed.status).toBe(200);
    const seen = await replayed.json<ConsoleMessage>();
    expect(seen).toMatchObject({ unit: { id: c.transportUnit }, actions: [], notes: [] });
    expect(JSON.stringify(seen)).not.toContain('交通局内部备注');
    expect(await count(moved!, 'transferred')).toBe(1);
  });

  it('knows a key by the official and the message: another official’s same key, or the key on another message, is an action of its own', async () => {
    const c = await county();
    const [id, other] = await seedMessages(c.siteId, [{ unitId: c.eduUnit }, { unitId: c.eduUnit }]);
    const accept = (as: TestOfficial, on: string) => consoleRequest(`/v1/console/messages/${on}/accept`,
      { as, method: 'POST', body: {}, headers: { 'Idempotency-Key': 'accept-key-0001' } });
    expect((await accept(c.eduResponder, id!)).status).toBe(200);
    // The same key from a colleague is not the first official's action: the state refuses it.
    await expectProblem(await accept(c.admin, id!), 409, 'invalid_transition');
    const elsewhere = await accept(c.eduResponder, other!);
    expect(elsewhere.status).toBe(200);
    expect((await elsewhere.json<ConsoleMessage>()).status).toBe('accepted');
    const keys = await env.DB.prepare("SELECT count(DISTINCT action_key) AS n FROM message_events WHERE message_id IN (?, ?) AND kind = 'accepted'").bind(id, other).first<{ n: number }>();
    expect(keys?.n).toBe(2);
  });
});

describe('the tallies behind the queue’s counts', () => {
  /** The tallies the triggers keep, and the same counted from the messages themselves. */
  async function talliesOf(siteId: string) {
    // Per unit, and per site (the row of unit '*').
    const kept = await env.DB.prepare(`SELECT unit_id, status, moderation, is_public, n FROM message_counts
      WHERE site_id = ? AND n > 0 ORDER BY 1, 2, 3, 4`).bind(siteId).all();
    const counted = await env.DB.prepare(`SELECT unit_id, status, moderation, is_public, count(*) AS n FROM messages
      WHERE site_id = ?1 GROUP BY 1, 2, 3, 4
      UNION ALL SELECT '*', status, moderation, is_public, count(*) FROM messages WHERE site_id = ?1 GROUP BY 2, 3, 4
      ORDER BY 1, 2, 3, 4`).bind(siteId).all();
    return { kept: kept.results, counted: counted.results };
  }

  it('follow every submission and action, and the counts per tab with them', async () => {
    const c = await county();
    const { id } = await submitted(c.siteId, c.headUnit);
    const steps: [TestOfficial, string, unknown][] = [
      [c.moderator, 'publish', {}], [c.headResponder, 'accept', {}],
      [c.headResponder, 'transfer', { unitId: c.transportUnit, reason: '属交通运输局职责' }],
      [c.transportResponder, 'reply', { kind: 'final', body: '已处理。' }], [c.transportResponder, 'close', {}],
    ];
    for (const [as, action, body] of steps) {
      await acted(as, id, action, body);
      const { kept, counted } = await talliesOf(c.siteId);
      expect(kept, action).toEqual(counted);
    }
    expect((await queue(c.transportResponder)).counts).toMatchObject({ closed: 1, all: 1, new: 0, handling: 0 });
    expect((await queue(c.eduResponder)).counts.all).toBe(0);
    const [spam] = await Promise.all([submitted(c.siteId, c.eduUnit), submitted(c.siteId, c.eduUnit)]);
    await acted(c.moderator, spam.id, 'reject', { reason: 'advertising' });
    expect((await queue(c.eduResponder)).counts).toMatchObject({ moderation: 1, new: 1, all: 2 });
    const { kept, counted } = await talliesOf(c.siteId);
    expect(kept).toEqual(counted);
  });
});

describe('refused transitions', () => {
  it.each([
    ['reply to a rejected message', 'rejected', 'reply', { kind: 'final', body: '答复' }],
    ['accept a rejected message', 'rejected', 'accept', {}],
    ['close a message with no reply', 'accepted', 'close', {}],
    ['close twice', 'closed', 'close', {}],
    ['accept twice', 'accepted', 'accept', {}],
    ['reply before accepting', 'submitted', 'reply', { kind: 'final', body: '答复' }],
    ['extend a closed message', 'closed', 'extend', { days: 3, reason: '核查' }],
    ['extend before accepting (a deadline put off, not handled)', 'submitted', 'extend', { days: 3, reason: '核查' }],
    ['transfer a replied message', 'replied', 'transfer', { unitId: 'other', reason: '转办' }],
    ['reject a published message', 'published', 'reject', { reason: 'abusive' }],
    ['hide a pending message', 'pending', 'hide', { reason: 'abusive' }],
  ] as const)('refuses to %s (409 invalid_transition), writing nothing', async (_, state, action, body) => {
    const c = await county();
    const moderation = state === 'rejected' || state === 'published' || state === 'pending' ? state : 'published';
    const status = state === 'rejected' || state === 'published' || state === 'pending' ? 'submitted' : state;
    const [id] = await seedMessages(c.siteId, [{ unitId: c.eduUnit, moderation, status }]);
    const before = await eventKinds(id!);
    await expectProblem(await act(c.admin, id!, action, body), 409, 'invalid_transition');
    expect(await eventKinds(id!)).toEqual(before);
    expect((await messageRow(id!))!.status).toBe(status);
  });

  it('refuses a transfer to the same unit or to a unit that does not exist, by field', async () => {
    const c = await county();
    const [id] = await seedMessages(c.siteId, [{ unitId: c.eduUnit, status: 'accepted' }]);
    const same = await expectProblem(await act(c.eduResponder, id!, 'transfer', { unitId: c.eduUnit, reason: '转办' }), 422, 'validation');
    expect(same.errors).toEqual([{ field: 'unitId', code: 'same_unit', message: '留言已在该单位，请选择其他单位' }]);
    for (const unitId of ['nowhere', c.inactiveUnit]) {
      const unknown = await expectProblem(await act(c.eduResponder, id!, 'transfer', { unitId, reason: '转办' }), 422, 'validation');
      expect(unknown.errors?.[0]).toMatchObject({ field: 'unitId', code: 'unknown_unit' });
    }
    const empty = await expectProblem(await act(c.eduResponder, id!, 'transfer', { unitId: c.transportUnit, reason: ' ' }), 422, 'validation');
    expect(empty.errors?.[0]).toMatchObject({ field: 'reason', code: 'required' });
    expect((await messageRow(id!))!.unit_id).toBe(c.eduUnit);
  });

  it('lets only one of two simultaneous closes through', async () => {
    const c = await county();
    const [id] = await seedMessages(c.siteId, [{ unitId: c.eduUnit, status: 'replied' }]);
    const answers = await Promise.all([act(c.eduResponder, id!, 'close'), act(c.admin, id!, 'close')]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await eventKinds(id!)).filter((k) => k === 'closed')).toHaveLength(1);
  });

  it('refuses an action sent with the version of a page read before a colleague handled the message (412), and takes it once read again', async () => {
    const c = await county();
    const [id] = await seedMessages(c.siteId, [{ unitId: c.eduUnit, status: 'accepted' }]);
    const read = async (as: TestOfficial) => (await consoleRequest(`/v1/console/messages/${id}`, { as })).json<ConsoleMessage>();
    const seenByEdu = await read(c.eduResponder);
    const seenByHead = await read(c.headResponder);
    expect(seenByHead.version).toBe(seenByEdu.version);
    const ifMatch = (version: string) => ({ 'If-Match': `"${version}"` });
    const replyTo = (as: TestOfficial, version: string, body: string) =>
      consoleRequest(`/v1/console/messages/${id}/reply`, { as, method: 'POST', body: { kind: 'final', body }, headers: ifMatch(version) });

    // A note changes nothing an action depends on: the version stays.
    await acted(c.headResponder, id!, 'notes', { body: '请教育局今日内答复' });
    expect((await read(c.eduResponder)).version).toBe(seenByEdu.version);

    expect((await replyTo(c.eduResponder, seenByEdu.version, '已安排整改。')).status).toBe(200);
    // The county head's page still shows the message unanswered: their final reply would go out beside one they never saw.
    await expectProblem(await replyTo(c.headResponder, seenByHead.version, '县长信箱：已督促整改。'), 412, 'changed_since_read');
    // Before the state's own rule: 办结 from the old page is the colleague's change too, not "not allowed".
    const closeFromOldPage = await consoleRequest(`/v1/console/messages/${id}/close`, { as: c.headResponder, method: 'POST', body: {}, headers: ifMatch(seenByHead.version) });
    await expectProblem(closeFromOldPage, 412, 'changed_since_read');
    const stored = await read(c.headResponder);
    expect(stored.replies.map((r) => r.body)).toEqual(['已安排整改。']);
    expect(stored.status).toBe('replied');
    // Read again, the page acts; `*`, a weak tag and a list are read as RFC 9110 has them.
    expect((await replyTo(c.headResponder, stored.version, '县长信箱：已督促整改。')).status).toBe(200);
    const now = await read(c.headResponder);
    await expectProblem(await consoleRequest(`/v1/console/messages/${id}/close`, { as: c.eduResponder, method: 'POST', body: {}, headers: ifMatch(seenByEdu.version) }), 412, 'changed_since_read');
    const close = await consoleRequest(`/v1/console/messages/${id}/close`, { as: c.eduResponder, method: 'POST', body: {}, headers: { 'If-Match': `"other", W/"${now.version}"` } });
    expect(close.status).toBe(200);
    // Without If-Match, an action is judged by the message's state alone, as before.
    await expectProblem(await act(c.eduResponder, id!, 'close'), 409, 'invalid_transition');
  });

  it('tells an official whose page predates a colleague’s transfer out of their units that it changed (412), not that it is forbidden', async () => {
    const c = await county();
    const [id] = await seedMessages(c.siteId, [{ unitId: c.eduUnit, status: 'accepted' }]);
    const seen = await (await consoleRequest(`/v1/console/messages/${id}`, { as: c.eduResponder })).json<ConsoleMessage>();
    await acted(c.headResponder, id!, 'transfer', { unitId: c.transportUnit, reason: '属交通局职责' });
    const extend = await consoleRequest(`/v1/console/messages/${id}/extend`, {
      as: c.eduResponder, method: 'POST', body: { days: 5, reason: '需现场核查' }, headers: { 'If-Match': `"${seen.version}"` },
    });
    await expectProblem(extend, 412, 'changed_since_read');
    // Without its version, the message is simply no longer theirs.
    await expectProblem(await act(c.eduResponder, id!, 'extend', { days: 5, reason: '需现场核查' }), 403, 'forbidden');
  });

  it('writes nothing when a reply names another site’s template', async () => {
    const c = await county();
    const other = await createSite();
    await db.run(db.q.insertInto('reply_templates').values({ id: 'tpl_other', site_id: other.siteId, title: '模板', body: '您好', created_at: new Date().toISOString() }));
    const [id] = await seedMessages(c.siteId, [{ unitId: c.eduUnit, status: 'accepted' }]);
    const problem = await expectProblem(await act(c.eduResponder, id!, 'reply', { kind: 'final', body: '您好', templateId: 'tpl_other' }), 422, 'validation');
    expect(problem.errors?.[0]).toMatchObject({ field: 'templateId', code: 'unknown_template' });
    expect((await messageRow(id!))!.reply_count).toBe(0);
  });
});

describe('who may do what', () => {
  it('refuses actions outside the role (403 forbidden)', async () => {
    const c = await county();
    const [pending, accepted] = await seedMessages(c.siteId, [
      { unitId: c.eduUnit, moderation: 'pending' }, { unitId: c.eduUnit, status: 'accepted' },
    ]);
    await expectProblem(await act(c.eduResponder, pending!, 'publish'), 403, 'forbidden');
    await expectProblem(await act(c.moderator, accepted!, 'reply', { kind: 'final', body: '答复' }), 403, 'forbidden');
    await expectProblem(await act(c.moderator, accepted!, 'reveal'), 403, 'forbidden');
  });

  it('keeps responders to their units and those below them', async () => {
    const c = await county();
    const [edu] = await seedMessages(c.siteId, [{ unitId: c.eduUnit }]);
    await expectProblem(await consoleRequest(`/v1/console/messages/${edu}`, { as: c.transportResponder }), 403, 'forbidden');
    await expectProblem(await act(c.transportResponder, edu!, 'accept'), 403, 'forbidden');
    expect((await consoleRequest(`/v1/console/messages/${edu}`, { as: c.headResponder })).status).toBe(200);
    expect((await acted(c.headResponder, edu!, 'accept')).status).toBe('accepted');
  });

  it('does not show another site’s messages at all', async () => {
    const c = await county();
    const other = await createSite();
    const [foreign] = await seedMessages(other.siteId, [{ unitId: other.eduUnit }]);
    await expectProblem(await consoleRequest(`/v1/console/messages/${foreign}`, { as: c.admin }), 404, 'not_found');
    await expectProblem(await act(c.admin, foreign!, 'accept'), 404, 'not_found');
    expect((await queue(c.admin)).items.map((m) => m.id)).not.toContain(foreign);
  });

  it('refuses changes from another origin and without a session, writing nothing', async () => {
    const c = await county();
    const [id] = await seedMessages(c.siteId, [{ unitId: c.eduUnit }]);
    await expectProblem(await act(c.eduResponder, id!, 'accept', {}, FOREIGN_ORIGIN), 403, 'origin_not_allowed');
    await expectProblem(await act(c.eduResponder, id!, 'accept', {}, null), 403, 'origin_not_allowed');
    await expectProblem(await consoleRequest(`/v1/console/messages/${id}/accept`, {
      as: c.eduResponder, method: 'POST', body: {}, headers: { 'Sec-Fetch-Site': 'cross-site' },
    }), 403, 'origin_not_allowed');
    await expectProblem(await consoleRequest(`/v1/console/messages/${id}/accept`, { as: null, method: 'POST', body: {} }), 401, 'unauthenticated');
    const formPost = await consoleRequest(`/v1/console/messages/${id}/accept`, {
      as: c.eduResponder, method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(formPost.status).toBe(415);
    expect((await messageRow(id!))!.status).toBe('submitted');
  });
});

describe('contact details', () => {
  it('are revealed to a responder of the unit, decrypted for that answer only, and each reveal is audited', async () => {
    const c = await county();
    const { id } = await submitted(c.siteId, c.eduUnit);
    const detail = await consoleRequest(`/v1/console/messages/${id}`, { as: c.eduResponder });
    expectNoPersonalData(await detail.text());

    const response = await act(c.eduResponder, id, 'reveal');
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(await response.json<Contact>()).toEqual({ name: AUTHOR.name, phone: '139 1234 5678', email: AUTHOR.email, erasedAt: null });
    await act(c.admin, id, 'reveal');
    const audit = await env.DB.prepare('SELECT account_id, action, message_id FROM audit_log WHERE message_id = ? ORDER BY id').bind(id).all();
    expect(audit.results).toEqual([
      { account_id: c.eduResponder.id, action: 'contact.reveal', message_id: id },
      { account_id: c.admin.id, action: 'contact.reveal', message_id: id },
    ]);
    await expectProblem(await act(c.transportResponder, id, 'reveal'), 403, 'forbidden');
  });
});

describe('GET /v1/console/messages — the queue', () => {
  it('marks a message transferred to the unit 转来 until the unit accepts, replies, extends, closes or transfers it', async () => {
    const c = await county();
    const { id } = await submitted(c.siteId, c.headUnit);
    const cardOf = async (as: TestOfficial) => (await queue(as)).items.find((m) => m.id === id);
    const viewOf = async (as: TestOfficial) => (await consoleRequest(`/v1/console/messages/${id}`, { as })).json<ConsoleMessage>();
    expect((await cardOf(c.headResponder))?.transferredFrom).toBeNull();
    await acted(c.headResponder, id, 'accept');
    await acted(c.headResponder, id, 'transfer', { unitId: c.transportUnit, reason: '属交通局职责' });
    const from = { id: c.headUnit, name: '测试县县长' };
    expect((await cardOf(c.transportResponder))?.transferredFrom).toEqual(from);
    expect((await viewOf(c.transportResponder)).transferredFrom).toEqual(from);
    // A note is not handling it: still 转来. A reply is.
    await acted(c.transportResponder, id, 'notes', { body: '明天去现场' });
    expect((await cardOf(c.transportResponder))?.transferredFrom).toEqual(from);
    await acted(c.transportResponder, id, 'reply', { kind: 'interim', body: '已安排现场查看。' });
    expect((await cardOf(c.transportResponder))?.transferredFrom).toBeNull();
    expect((await viewOf(c.transportResponder)).transferredFrom).toBeNull();
    // Sent on again, it is 转来 at the next unit, from this one.
    await acted(c.transportResponder, id, 'transfer', { unitId: c.eduUnit, reason: '涉及校车' });
    expect((await cardOf(c.eduResponder))?.transferredFrom).toEqual({ id: c.transportUnit, name: '测试县交通运输局' });
    // Transferred before anyone accepted it, it is 转来 until the unit it reached accepts it (签收).
    const { id: fresh } = await submitted(c.siteId, c.headUnit);
    await acted(c.headResponder, fresh, 'transfer', { unitId: c.transportUnit, reason: '属交通局职责' });
    const freshCard = async () => (await queue(c.transportResponder)).items.find((m) => m.id === fresh);
    expect((await freshCard())?.transferredFrom).toEqual(from);
    await acted(c.transportResponder, fresh, 'accept');
    expect((await freshCard())?.transferredFrom).toBeNull();
  });

  it('finds a message by the tracking code a citizen reads out (in a body), by its id, or by words of its title or body, only among the official’s units', async () => {
    const c = await county();
    const sent = await submitted(c.siteId, c.eduUnit, { title: '食堂饭菜涨价100%', body: '学校食堂的红烧肉从八元涨到十六元，家长负担很重。', isPublic: false });
    const other = await submitted(c.siteId, c.transportUnit, { title: '公交站台破损', body: '幸福路公交站台的雨棚破了。' });
    const found = async (as: TestOfficial, q: string, tab = 'all') => (await queue(as, `?tab=${tab}&q=${encodeURIComponent(q)}`)).items.map((m) => m.id);
    const byCode = (as: TestOfficial, trackingCode: string) =>
      consoleRequest('/v1/console/messages/find', { as, method: 'POST', body: { trackingCode } });

    // As read out on the phone: lower case, spaces for dashes, full-width from a Chinese keyboard.
    const spoken = sent.trackingCode.toLowerCase().replaceAll('-', ' ');
    const fullWidth = [...sent.trackingCode].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('');
    for (const code of [sent.trackingCode, spoken, fullWidth]) {
      const response = await byCode(c.moderator, code);
      expect(response.headers.get('Cache-Control')).toBe('no-store');
      expect(await response.json()).toEqual({ id: sent.id });
    }
    // Never in an address: a code in q is only words, and finds nothing.
    expect(await found(c.moderator, sent.trackingCode)).toEqual([]);
    // A responder finds only their own units' messages: another unit's code is as unknown as a wrong one.
    await expectProblem(await byCode(c.eduResponder, other.trackingCode), 404, 'not_found');
    await expectProblem(await byCode(c.eduResponder, 'ABCD-EFGH-JKLM-NPQR'), 404, 'not_found');
    expect(await (await byCode(c.transportResponder, other.trackingCode)).json()).toEqual({ id: other.id });
    const notACode = await expectProblem(await byCode(c.moderator, '公交站台'), 422, 'validation');
    expect(notACode.errors?.map((e) => [e.field, e.code])).toEqual([['trackingCode', 'invalid']]);

    expect(await found(c.moderator, sent.id)).toEqual([sent.id]);
    expect(await found(c.moderator, '红烧肉')).toEqual([sent.id]);
    expect(await found(c.moderator, '饭菜涨价')).toEqual([sent.id]);
    // Wildcards are the words themselves: 100% finds "100%", _ nothing but an underscore.
    expect(await found(c.moderator, '100%')).toEqual([sent.id]);
    expect(await found(c.moderator, '_')).toEqual([]);
    expect(await found(c.moderator, '公交')).toEqual([other.id]);
    // Words typed in Traditional characters find the message written in Simplified ones.
    expect(await found(c.moderator, '紅燒肉')).toEqual([sent.id]);
    // Words parted by a space or a mark between words, as on the board: each must be found, anywhere.
    expect(await found(c.moderator, '涨价 红烧肉')).toEqual([sent.id]);
    expect(await found(c.moderator, '涨价，紅燒肉')).toEqual([sent.id]);
    expect(await found(c.moderator, '涨价、公交')).toEqual([]);
    // A mark alone is looked up as written.
    expect(await found(c.moderator, '，')).toContain(sent.id);
    // Within the tab asked for: 待受理 holds both, 已办结 neither.
    expect(await found(c.moderator, '红烧肉', 'new')).toEqual([sent.id]);
    expect(await found(c.moderator, '红烧肉', 'closed')).toEqual([]);
    expect(await found(c.eduResponder, '公交')).toEqual([]);
    // The tabs' counts are the official's, whatever is searched.
    expect((await queue(c.moderator, '?q=公交')).counts.new).toBe(2);
    const tooLong = await expectProblem(await consoleRequest(`/v1/console/messages?q=${'字'.repeat(51)}`, { as: c.moderator }), 422, 'validation');
    expect(tooLong.errors?.map((e) => e.field)).toEqual(['q']);
  });

  it('finds a message whatever form its words were typed in (Traditional or Simplified characters, full-width, any case, invisible characters), refuses what it cannot search, and finds a message stored before its folded text once the job has given it one', async () => {
    const c = await county();
    const traditional = await submitted(c.siteId, c.transportUnit, { title: '幸福路路燈壞了', body: '幸福路的路燈壞了兩個月，晚上過馬路很危險。', isPublic: false });
    const simplifiedOnly = await submitted(c.siteId, c.transportUnit, { title: '和平路路灯不亮', body: '和平路的路灯一直不亮，晚上很黑。' });
    const fullWidth = await submitted(c.siteId, c.transportUnit, { title: 'ＬＥＤ灯和ＷｉＦｉ', body: '编号ＡＢＣ１２３的路灯，复制时带了零宽空格：路\u200B灯。' });
    const halfWidth = await submitted(c.siteId, c.transportUnit, { title: 'LED灯和WiFi都坏了', body: '编号abc123的灯和站台的WiFi都坏了。' });
    const marks = await submitted(c.siteId, c.transportUnit, { title: '公交末班车时间：22：30（工作日）', body: '怎么打听都说不清楚，到底几点？' });
    const found = async (q: string) => (await queue(c.moderator, `?tab=all&q=${encodeURIComponent(q)}`)).items.map((m) => m.id).sort();
    const both = [traditional.id, simplifiedOnly.id, fullWidth.id].sort();
    // The reported inputs: an exact copy of full-width text, either width and case, a word pasted with a zero-width space.
    const widths = [fullWidth.id, halfWidth.id].sort();
    for (const q of ['ＡＢＣ１２３', 'abc123', 'ＬＥＤ', 'led', 'ＷＩＦＩ', 'wifi WiFi']) expect(await found(q)).toEqual(widths);
    expect(await found('\u200Babc123')).toEqual(widths);
    expect(await found('路\u200B灯 ＡＢＣ')).toEqual([fullWidth.id]);
    // An id read out, pasted or typed in another width: M_…, ｍ＿…, with a zero-width space.
    for (const id of [fullWidth.id.toUpperCase(), [...fullWidth.id].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join(''), `${fullWidth.id}\u200B`]) {
      expect(await found(id), id).toEqual([fullWidth.id]);
    }
    // 路灯 and 路燈 each find both; words mixing the two forms too (each word in either form, in either text).
    expect(await found('路灯')).toEqual(both);
    expect(await found('路燈')).toEqual(both);
    expect(await found('坏了 危险')).toEqual([traditional.id]);
    expect(await found('幸福路，路燈坏')).toEqual([traditional.id]);
    // Stored as typed and shown as typed; the Simplified text only where it differs from that.
    const stored = (id: string) => db.first(db.q.selectFrom('messages').select(['title', 'match_text']).where('id', '=', id));
    expect(await stored(traditional.id)).toEqual({ title: '幸福路路燈壞了', match_text: '幸福路路灯坏了\n幸福路的路灯坏了两个月,晚上过马路很危险。' });
    // Nothing stored twice for a text whose only change is a mark between words (NFKC makes ， of it ,).
    expect(await stored(simplifiedOnly.id)).toEqual({ title: '和平路路灯不亮', match_text: '' });
    expect(await stored(halfWidth.id)).toEqual({ title: 'LED灯和WiFi都坏了', match_text: '' });
    // Nor for one whose Chinese marks (：（）) are its only difference: a word's marks are looked for in both widths.
    expect(await stored(marks.id)).toEqual({ title: '公交末班车时间：22：30（工作日）', match_text: '' });
    for (const q of ['22:30', '22：30', '(工作日)', '怎么']) expect(await found(q), q).toEqual([marks.id]);
    const card = (await queue(c.moderator, `?tab=all&q=${encodeURIComponent('坏了')}`)).items[0]!;
    expect(card.title).toBe('幸福路路燈壞了');

    // A message stored before migration 0040 has none: found as typed only, until the job gives it one.
    await db.run(db.q.updateTable('messages').set({ match_text: null as never }).where('site_id', '=', c.siteId));
    expect(await found('路灯')).toEqual([simplifiedOnly.id, fullWidth.id].sort());
    expect(await found('路燈')).toEqual(both);
    expect(await found('ＬＥＤ')).toEqual(widths);
    const first = await continueMatchText(db);
    expect(first.pending).toBe(false);
    expect(first.done).toBeGreaterThanOrEqual(4); // and the messages other tests seeded in SQL
    expect(await found('路灯')).toEqual(both);
    expect(await found('ＬＥＤ')).toEqual(widths);
    expect(await stored(simplifiedOnly.id)).toEqual({ title: '和平路路灯不亮', match_text: '' });
    // Run again, it changes nothing.
    expect(await continueMatchText(db)).toEqual({ done: 0, pending: false });

    // What cannot be searched is refused, naming q: more words than are looked for (none is left
    // out), a control character (a line break would reach across the title's end), a bidi override.
    const refused = async (q: string) => (await expectProblem(await consoleRequest(`/v1/console/messages?q=${encodeURIComponent(q)}`, { as: c.moderator }), 422, 'validation')).errors;
    expect(await refused('路灯 坏 了 幸福 和平 编号')).toEqual([expect.objectContaining({ field: 'q', code: 'too_many_words', message: '一次最多搜索5个词，请减少词语' })]);
    // A byte order mark is no space between two words (JavaScript's \s takes it for one): 路\uFEFF灯 is 路灯.
    expect(await found('路\uFEFF灯')).toEqual(await found('路灯'));
    expect(await found('a\uFEFFb\uFEFFc\uFEFFd\uFEFFe\uFEFFf')).toEqual([]);
    expect(await found('路灯 坏 了 幸福 和平')).toEqual([]);
    expect(await refused('！！\n！！')).toEqual([expect.objectContaining({ field: 'q', code: 'invalid_characters' })]);
    expect(await refused('\u202Eabc123')).toEqual([expect.objectContaining({ field: 'q', code: 'invalid_characters' })]);
  });

  it('never marks a rejected message overdue: it is not handled, whatever its deadline was', async () => {
    const c = await county();
    const [rejected, late] = await seedMessages(c.siteId, [
      { unitId: c.eduUnit, moderation: 'rejected', dueAt: new Date(Date.now() - 3 * 86_400_000) },
      { unitId: c.eduUnit, status: 'accepted', dueAt: new Date(Date.now() - 86_400_000) },
    ]);
    const items = (await queue(c.moderator)).items;
    expect(items.find((m) => m.id === rejected)).toMatchObject({ moderation: 'rejected', overdue: false });
    expect(items.find((m) => m.id === late)).toMatchObject({ overdue: true });
    const page = await (await consoleRequest(`/v1/console/messages/${rejected}`, { as: c.moderator })).json<ConsoleMessage>();
    expect(page.overdue).toBe(false);
  });

  it('counts 几天内到期 in the site’s days: 3 takes in the deadlines of the third day after today, whatever the hour now', async () => {
    const c = await county();
    const dayAfter = (n: number) => localDay(new Date(Date.now() + n * 86_400_000));
    const ids = await seedMessages(c.siteId, [
      { unitId: c.eduUnit, status: 'accepted', dueAt: new Date(endOfLocalDay(dayAfter(0))) }, //  0 today's deadline
      { unitId: c.eduUnit, status: 'accepted', dueAt: new Date(endOfLocalDay(dayAfter(3))) }, //  1 the third day's
      { unitId: c.eduUnit, status: 'accepted', dueAt: new Date(startOfLocalDay(dayAfter(4))) }, // 2 the fourth day's first instant
    ]);
    const due = async (days: number) => (await queue(c.eduResponder, `?dueWithinDays=${days}`)).items.map((m) => ids.indexOf(m.id));
    expect(await due(0)).toEqual([0]);
    expect(await due(2)).toEqual([0]);
    expect(await due(3)).toEqual([0, 1]);
    expect(await due(4)).toEqual([0, 1, 2]);
  });

  it('lists the units’ messages by tab, earliest deadline first, with counts per tab', async () => {
    const c = await county();
    const day = (n: number) => new Date(Date.now() + n * 86_400_000);
    const ids = await seedMessages(c.siteId, [
      { unitId: c.eduUnit, moderation: 'pending', dueAt: day(5) }, //          0 moderation, new
      { unitId: c.eduUnit, status: 'submitted', dueAt: day(2) }, //           1 new
      { unitId: c.eduUnit, status: 'accepted', dueAt: day(-1) }, //           2 handling, overdue
      { unitId: c.eduUnit, status: 'in_progress', dueAt: day(1) }, //         3 handling
      { unitId: c.eduUnit, status: 'replied', dueAt: day(3) }, //             4 replied
      { unitId: c.eduUnit, status: 'closed', dueAt: day(-9) }, //             5 closed
      { unitId: c.eduUnit, moderation: 'rejected', dueAt: day(4) }, //        6 all only
      { unitId: c.eduUnit, isPublic: false, status: 'submitted', moderation: 'pending', dueAt: day(6) }, // 7 private: new (never 待审核)
      { unitId: c.transportUnit, status: 'submitted', dueAt: day(1) }, //     8 another unit
    ]);
    const page = await queue(c.eduResponder);
    expect(page.counts).toEqual({ moderation: 1, new: 3, handling: 2, replied: 1, closed: 1, overdue: 1, all: 8, supervised: 0 });
    expect(page.items.map((m) => ids.indexOf(m.id))).toEqual([5, 2, 3, 1, 4, 6, 0, 7]);
    expect((await queue(c.eduResponder, '?tab=handling')).items.map((m) => ids.indexOf(m.id))).toEqual([2, 3]);
    expect((await queue(c.eduResponder, '?tab=overdue')).items.map((m) => ids.indexOf(m.id))).toEqual([2]);
    expect((await queue(c.eduResponder, '?tab=new')).items.map((m) => ids.indexOf(m.id))).toEqual([1, 0, 7]);
    // Due soon is not yet overdue (the overdue one has its tab), as the dashboard's 两天内到期 counts.
    expect((await queue(c.eduResponder, '?dueWithinDays=2')).items.map((m) => ids.indexOf(m.id))).toEqual([3, 1]);
    // A rejected message runs no deadline: never among those due soon.
    expect((await queue(c.eduResponder, '?dueWithinDays=5')).items.map((m) => ids.indexOf(m.id))).toEqual([3, 1, 0]);
    // A private message is handled, never published: it does not wait for moderation.
    expect((await queue(c.moderator, '?tab=moderation')).items.map((m) => ids.indexOf(m.id))).toEqual([0]);
    expect((await queue(c.moderator)).counts.moderation).toBe(1);
    expect((await queue(c.moderator)).counts.all).toBe(9);
    expect((await queue(c.headResponder, `?unit=${c.transportUnit}`)).items.map((m) => ids.indexOf(m.id))).toEqual([8]);
    const privateOne = page.items.find((m) => m.id === ids[7]);
    expect(privateOne).toMatchObject({ isPublic: false, moderation: 'pending' });
  });

  it('filters by type and domain, and pages with a cursor that returns every message once', async () => {
    const c = await county();
    const due = new Date(Date.now() + 3 * 86_400_000);
    // Equal deadlines: the order falls back on arrival.
    const ids = await seedMessages(c.siteId, Array.from({ length: 7 }, (_, i) => ({
      unitId: c.eduUnit, dueAt: due, type: i % 2 ? 'help' as const : 'complaint' as const, domain: i < 3 ? 'education' as const : 'urban' as const,
    })));
    expect((await queue(c.eduResponder, '?type=help')).items.map((m) => ids.indexOf(m.id))).toEqual([1, 3, 5]);
    expect((await queue(c.eduResponder, '?type=complaint&domain=urban')).items.map((m) => ids.indexOf(m.id))).toEqual([4, 6]);
    // A suggestion drive's (建言专栏) messages alone, by its slug; another site's drive of the same slug, or none, finds nothing.
    const drive = await createCampaign(c.siteId, { slug: 'jianyan', startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() + 86_400_000) });
    await db.run(db.q.updateTable('messages').set({ campaign_id: drive }).where('id', 'in', [ids[2]!, ids[5]!]));
    const elsewhere = await createSite();
    await createCampaign(elsewhere.siteId, { slug: 'other', startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() + 86_400_000) });
    expect((await queue(c.eduResponder, '?campaign=jianyan')).items.map((m) => ids.indexOf(m.id))).toEqual([2, 5]);
    expect((await queue(c.eduResponder, '?campaign=jianyan&type=help')).items.map((m) => ids.indexOf(m.id))).toEqual([5]);
    expect((await queue(c.eduResponder, '?campaign=other')).items).toEqual([]);
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: QueuePage = await queue(c.eduResponder, `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(ids);
    await expectProblem(await consoleRequest('/v1/console/messages?cursor=nonsense', { as: c.eduResponder }), 422, 'validation');
  });

  it('never carries contact details, and needs a session', async () => {
    const c = await county();
    await submitted(c.siteId, c.eduUnit);
    const response = await consoleRequest('/v1/console/messages', { as: c.admin });
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    // Session, site, page, re-opened messages heading it, tallies per tab, open messages due after
    // today and due later today, open 督办 messages, follow-ups waiting for review (those who moderate),
    // the site's units unless this worker keeps them, the cards' first photos and what was transferred
    // to them (转来, beside the photos); an admin's units are the whole site, not a query.
    expect(response.headers.get('Server-Timing')).toMatch(/^d1;desc="queries=(11|12) rows_read=\d+ rows_written=0"$/);
    // A responder's units and those below them are one more.
    const responderQueue = await consoleRequest('/v1/console/messages', { as: c.eduResponder });
    expect(responderQueue.headers.get('Server-Timing')).toMatch(/^d1;desc="queries=(11|12) /);
    expectNoPersonalData(await response.text());
    await expectProblem(await consoleRequest('/v1/console/messages', { as: null }), 401, 'unauthenticated');
  });
});
