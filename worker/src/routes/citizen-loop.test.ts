import { describe, expect, it, vi } from 'vitest';
import type { ConsoleMessage, PendingFollowUp, PendingFollowUpPage, QueuePage } from '../../../sdk/src/schemas/console';
import type { MessageCreated, MessagePage, PublicMessageDetail, RateInput, TrackedMessage } from '../../../sdk/src/schemas/message';
import {
  addCalendarDay, createCampaign, createSite, db, eventKinds, expectProblem, messageRow, request, seedMessages, submit, track, validMessage,
} from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';

const HAPPY = { overall: 5, resolution: 5, attitude: 4, speed: 4 } as const;
const UNHAPPY = { overall: 2, resolution: 1, attitude: 3, speed: 2, reason: 'not_solved', reasonText: '路口还是没人疏导，孩子上学依旧危险。' } as const;

function post(siteId: string, what: 'rating' | 'follow-ups', body: unknown) {
  return request(`/v1/sites/${siteId}/track/${what}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
}

async function rated(siteId: string, trackingCode: string, rating: Omit<RateInput, 'trackingCode'>): Promise<TrackedMessage> {
  const response = await post(siteId, 'rating', { trackingCode, ...rating });
  if (response.status !== 200) throw new Error(`rating: ${response.status} ${await response.text()}`);
  return response.json<TrackedMessage>();
}

async function act(as: TestOfficial, id: string, action: string, body: unknown = {}): Promise<ConsoleMessage> {
  const response = await consoleRequest(`/v1/console/messages/${id}/${action}`, { as, method: 'POST', body });
  if (response.status !== 200) throw new Error(`${action}: ${response.status} ${await response.text()}`);
  return response.json<ConsoleMessage>();
}

/** A public message of a post-moderated county, accepted and answered with a final reply by the education bureau. */
async function answered(overrides: Parameters<typeof validMessage>[1] = {}, moderation: 'pre' | 'post' = 'post') {
  const site = await createSite({ moderation });
  const responder = await createOfficial(site.siteId, 'responder', [site.eduUnit]);
  const response = await submit(site.siteId, validMessage(site.eduUnit, overrides));
  expect(response.status).toBe(201);
  const { id, trackingCode } = await response.json<MessageCreated>();
  await act(responder, id, 'accept');
  await act(responder, id, 'reply', { kind: 'final', body: '已安排交警早晚高峰在校门口疏导。' });
  return { ...site, responder, id, trackingCode };
}

describe('rating a final reply (POST /v1/sites/:site/track/rating)', () => {
  it('takes one rating per final reply, and a retry of it is stored once', async () => {
    const m = await answered();
    const before = await (await track(m.siteId, m.trackingCode)).json<TrackedMessage>();
    expect(before.can).toEqual({ rate: true, followUp: true, followUpsLeft: 3 });

    const first = await rated(m.siteId, m.trackingCode, HAPPY);
    expect(first.ratings).toEqual([expect.objectContaining({ ...HAPPY, reason: null, reasonText: null })]);
    expect(first.can.rate).toBe(false);
    expect(first.status).toBe('replied');
    // The same request again (a retry on a bad line) changes nothing and gets the same answer.
    expect((await rated(m.siteId, m.trackingCode, HAPPY)).ratings).toHaveLength(1);
    await expectProblem(await post(m.siteId, 'rating', { trackingCode: m.trackingCode, ...HAPPY, overall: 4 }), 409, 'already_rated');
    expect(await eventKinds(m.id)).toEqual(['submitted', 'published', 'accepted', 'replied', 'rated']);
  });

  it('refuses a rating or follow-up about an older reply than the latest (another came since the page was read), storing nothing', async () => {
    const m = await answered();
    const seen = (await (await track(m.siteId, m.trackingCode)).json<TrackedMessage>()).replies.at(-1)!.id;
    await act(m.responder, m.id, 'reply', { kind: 'final', body: '补充答复：已增派人手。' });
    await expectProblem(await post(m.siteId, 'rating', { trackingCode: m.trackingCode, replyId: seen, ...UNHAPPY }), 409, 'new_reply');
    await expectProblem(await post(m.siteId, 'follow-ups', { trackingCode: m.trackingCode, replyId: seen, question: '什么时候能解决？' }), 409, 'new_reply');
    expect(await eventKinds(m.id)).toEqual(['submitted', 'published', 'accepted', 'replied', 'replied']);
    // About the latest one, it is taken.
    const latest = (await (await track(m.siteId, m.trackingCode)).json<TrackedMessage>()).replies.at(-1)!.id;
    expect((await post(m.siteId, 'rating', { trackingCode: m.trackingCode, replyId: latest, ...HAPPY })).status).toBe(200);
  });

  it('refuses before a final reply, and with a wrong code answers as for any unknown code', async () => {
    const site = await createSite({ moderation: 'post' });
    const responder = await createOfficial(site.siteId, 'responder', [site.eduUnit]);
    const { id, trackingCode } = await (await submit(site.siteId, validMessage(site.eduUnit))).json<MessageCreated>();
    await expectProblem(await post(site.siteId, 'rating', { trackingCode, ...HAPPY }), 409, 'invalid_transition');
    await act(responder, id, 'accept');
    await act(responder, id, 'reply', { kind: 'interim', body: '已转交城管部门现场查看。' });
    await expectProblem(await post(site.siteId, 'rating', { trackingCode, ...HAPPY }), 409, 'invalid_transition');
    await expectProblem(await post(site.siteId, 'rating', { trackingCode: 'ABCD-EFGH-JKMN-PQRS', ...HAPPY }), 404, 'not_found');
  });

  it('requires a reason when the citizen is not satisfied, and words when the reason is 其他, naming the field', async () => {
    const m = await answered();
    const noReason = await expectProblem(await post(m.siteId, 'rating', { trackingCode: m.trackingCode, overall: 1, resolution: 1, attitude: 1, speed: 1 }), 422, 'validation');
    expect(noReason.errors?.map((e) => [e.field, e.code])).toEqual([['reason', 'required']]);
    const otherWithoutWords = await expectProblem(await post(m.siteId, 'rating', { trackingCode: m.trackingCode, ...UNHAPPY, reason: 'other', reasonText: '  ' }), 422, 'validation');
    expect(otherWithoutWords.errors?.map((e) => [e.field, e.code])).toEqual([['reasonText', 'required']]);
    const outOfRange = await expectProblem(await post(m.siteId, 'rating', { trackingCode: m.trackingCode, ...HAPPY, speed: 6 }), 422, 'validation');
    expect(outOfRange.errors?.map((e) => [e.field, e.code])).toEqual([['speed', 'above_maximum']]);
    expect((await track(m.siteId, m.trackingCode).then((r) => r.json<TrackedMessage>())).ratings).toEqual([]);
  });

  it('re-opens a message whose deadline was extended no sooner than that deadline', async () => {
    const site = await createSite({ moderation: 'post' });
    const responder = await createOfficial(site.siteId, 'responder', [site.eduUnit]);
    const { id, trackingCode } = await (await submit(site.siteId, validMessage(site.eduUnit, { type: 'complaint' }))).json<MessageCreated>();
    await act(responder, id, 'accept');
    const extended = await act(responder, id, 'extend', { days: 20, reason: '需协调多部门现场核查' });
    await act(responder, id, 'reply', { kind: 'final', body: '已安排交警早晚高峰在校门口疏导。' });
    const reopened = await rated(site.siteId, trackingCode, UNHAPPY);
    expect(reopened.status).toBe('in_progress');
    // 7 working days from today would end sooner than the 20 granted: the extension stands.
    expect(Date.parse((await messageRow(id))!.due_at)).toBe(Date.parse(extended.dueAt!));
    expect(reopened.dueAt).toBe(extended.dueAt);
  });

  it('re-opens the message on 2 or less: 办理中 with a new deadline in working days, flagged and first in the responder’s queue', async () => {
    const m = await answered({ type: 'complaint' });
    const other = await (await submit(m.siteId, validMessage(m.eduUnit, { title: '另一条较早到期的留言' }))).json<MessageCreated>();
    await act(m.responder, other.id, 'accept');
    // The next two weeks are holidays: the new deadline counts its working days after them.
    const days = Array.from({ length: 21 }, (_, i) => new Date(Date.now() + (i + 1) * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10));
    for (const day of days.slice(0, 14)) await addCalendarDay(m.siteId, day, 'holiday');

    const reopened = await rated(m.siteId, m.trackingCode, UNHAPPY);
    expect(reopened.status).toBe('in_progress');
    expect(reopened.timeline.slice(-2).map((e) => e.kind)).toEqual(['rated', 'reopened']);
    // Sent again (its answer lost on the way): the same answer, one rating, one re-opening.
    const retried = await rated(m.siteId, m.trackingCode, UNHAPPY);
    expect(retried.ratings).toHaveLength(1);
    expect(retried.timeline.filter((e) => e.kind === 'reopened')).toHaveLength(1);
    const row = (await messageRow(m.id))!;
    expect(row.reopened_at).not.toBeNull();
    // 7 working days (a complaint) counted from today, after the 14 holidays: no earlier than the 21st day.
    expect(row.due_at.slice(0, 10) >= days[19]!).toBe(true);

    const page = await (await consoleRequest('/v1/console/messages?tab=handling', { as: m.responder })).json<QueuePage>();
    expect(page.items.map((i) => [i.id, i.reopened])).toEqual([[m.id, true], [other.id, false]]);
    expect(page.counts.handling).toBe(2);
    const official = await (await consoleRequest(`/v1/console/messages/${m.id}`, { as: m.responder })).json<ConsoleMessage>();
    expect(official).toMatchObject({ reopened: true, ratings: [{ overall: 2, reason: 'not_solved', reasonText: UNHAPPY.reasonText }] });
    expect(official.actions).toContain('reply');

    // Answered again, the citizen rates the new final reply: a new cycle, and the flag is gone.
    const again = await act(m.responder, m.id, 'reply', { kind: 'final', body: '已在校门口设置固定岗，每天早晚值守。' });
    expect(again.reopened).toBe(false);
    const happy = await rated(m.siteId, m.trackingCode, HAPPY);
    expect(happy.ratings.map((r) => r.overall)).toEqual([2, 5]);
    expect(happy.status).toBe('replied');
  });

  it('puts every re-opened message first, page after page with the cursor, when there are more than a page of them', async () => {
    const site = await createSite();
    const responder = await createOfficial(site.siteId, 'responder', [site.eduUnit]);
    const DAY = 86_400_000;
    // Deadlines interleaved, so that the re-opened ones are not first by deadline alone.
    const ids = await seedMessages(site.siteId, Array.from({ length: 60 }, (_, i) => ({
      unitId: site.eduUnit, status: 'in_progress' as const, dueAt: new Date(Date.now() + ((i * 7) % 60 + 1) * DAY),
    })));
    const reopened = ids.slice(0, 55);
    await db.run(db.q.updateTable('messages').set({ reopened_at: new Date().toISOString() }).where('id', 'in', reopened));
    const rows = await db.all(db.q.selectFrom('messages').select(['id', 'due_at', 'seq']).where('site_id', '=', site.siteId).orderBy('due_at').orderBy('seq'));
    const expected = [...rows.filter((r) => reopened.includes(r.id)), ...rows.filter((r) => !reopened.includes(r.id))].map((r) => r.id);

    for (const tab of ['handling', 'all']) {
      const seen: { id: string; reopened: boolean }[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `/v1/console/messages?tab=${tab}&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page: QueuePage = await (await consoleRequest(query, { as: responder })).json<QueuePage>();
        expect(page.items.length).toBeLessThanOrEqual(20);
        seen.push(...page.items.map((m) => ({ id: m.id, reopened: m.reopened })));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.map((m) => m.id), tab).toEqual(expected);
      expect(seen.filter((m) => m.reopened)).toHaveLength(55);
    }

    // 重办 alone (the dashboard's figure links here): the 55, page after page, and nothing after them.
    const only: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/v1/console/messages?tab=handling&reopened=true&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: QueuePage = await (await consoleRequest(query, { as: responder })).json<QueuePage>();
      only.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(only).toEqual(expected.slice(0, 55));
    const dashboard = await (await consoleRequest('/v1/console/dashboard', { as: responder })).json<{ reopened: number }>();
    expect(dashboard.reopened).toBe(only.length);
    // A tab that holds no 办理中 holds no 重办.
    expect((await (await consoleRequest('/v1/console/messages?tab=replied&reopened=true', { as: responder })).json<QueuePage>()).items).toEqual([]);
  });

  it('shows the scores on the public timeline and message, never the citizen’s words, and private messages nowhere public', async () => {
    const m = await answered();
    await rated(m.siteId, m.trackingCode, UNHAPPY);
    const response = await request(`/v1/sites/${m.siteId}/messages/${m.id}`);
    const text = await response.text();
    expect(text).not.toContain(UNHAPPY.reasonText);
    expect(text).not.toContain('not_solved');
    const detail = JSON.parse(text) as PublicMessageDetail;
    expect(detail.ratings).toEqual([{ overall: 2, resolution: 1, attitude: 3, speed: 2, createdAt: expect.any(String) }]);
    expect(detail.rating).toMatchObject({ overall: 2 });
    expect(detail.timeline.map((e) => e.kind)).toContain('rated');
    // The hosted page names no office beside the citizen's rating (no office made it); a reply keeps its unit.
    const page = await (await request(`/s/${m.siteId}/messages/${m.id}`)).text();
    const timeline = [...page.matchAll(/<li>([^]*?)<\/li>/g)].map((match) => match[1]!.replace(/<[^>]+>/g, ''));
    const unitName = detail.unit.name;
    expect(timeline.find((line) => line.includes('评价'))).toMatch(/评价：/);
    expect(timeline.find((line) => line.includes('评价'))).not.toContain(unitName);
    expect(timeline.find((line) => line.includes('回复'))).toContain(` · ${unitName}`);
    // The board's card shows the latest rating's scores too, and no more.
    const cardText = await (await request(`/v1/sites/${m.siteId}/messages`)).text();
    expect(cardText).not.toContain(UNHAPPY.reasonText);
    expect((JSON.parse(cardText) as MessagePage).items).toEqual([
      expect.objectContaining({ id: m.id, rating: { overall: 2, resolution: 1, attitude: 3, speed: 2, createdAt: detail.rating!.createdAt } }),
    ]);

    const hidden = await answered({ isPublic: false });
    await rated(hidden.siteId, hidden.trackingCode, UNHAPPY);
    expect((await request(`/v1/sites/${hidden.siteId}/messages/${hidden.id}`)).status).toBe(404);
    const board = await (await request(`/v1/sites/${hidden.siteId}/messages`)).json<MessagePage>();
    expect(board.items).toEqual([]);
  });
});

describe('follow-up questions 追问 (POST /v1/sites/:site/track/follow-ups)', () => {
  it('re-opens with a new deadline, waits for the answer, and stops at the site’s limit', async () => {
    const m = await answered();
    await db.run(db.q.updateTable('sites').set({ follow_up_limit: 2 }).where('id', '=', m.siteId));
    const question = '请问固定岗从哪天开始设置？';
    const ask = (q: string) => post(m.siteId, 'follow-ups', { trackingCode: m.trackingCode, question: q });

    const first = await (await ask(question)).json<TrackedMessage>();
    expect(first).toMatchObject({ status: 'in_progress', followUps: [{ body: question }], can: { followUp: false, followUpsLeft: 1, rate: false } });
    expect(first.timeline.slice(-2).map((e) => e.kind)).toEqual(['followed_up', 'reopened']);
    // A retry of the same question is stored once; another question waits for the answer.
    expect((await (await ask(question)).json<TrackedMessage>()).followUps).toHaveLength(1);
    await expectProblem(await ask('还有一个问题'), 409, 'follow_up_pending');

    const official = await act(m.responder, m.id, 'reply', { kind: 'final', body: '固定岗自下周一开始设置。' });
    expect(official.followUps).toEqual([expect.objectContaining({ body: question })]);
    expect((await ask('下周一是几号？')).status).toBe(200);
    await act(m.responder, m.id, 'reply', { kind: 'final', body: '下周一是12月7日。' });
    await expectProblem(await ask('第三个问题'), 409, 'follow_up_limit');
    const tracked = await (await track(m.siteId, m.trackingCode)).json<TrackedMessage>();
    expect(tracked.can).toEqual({ rate: true, followUp: false, followUpsLeft: 0 });
  });

  it('needs a reply first, and a question', async () => {

    const site = await createSite({ moderation: 'post' });
    const { trackingCode } = await (await submit(site.siteId, validMessage(site.eduUnit))).json<MessageCreated>();
    await expectProblem(await post(site.siteId, 'follow-ups', { trackingCode, question: '有人看吗？' }), 409, 'invalid_transition');
    const empty = await expectProblem(await post(site.siteId, 'follow-ups', { trackingCode, question: ' ' }), 422, 'validation');
    expect(empty.errors?.map((e) => [e.field, e.code])).toEqual([['question', 'required']]);
  });

  it('keeps the question’s words off the public timeline until a moderator publishes them; rejected ones never reach it', async () => {
    const m = await answered();
    const moderator = await createOfficial(m.siteId, 'moderator');
    const first = '固定岗几点开始？李四家的电话13912345678';
    await post(m.siteId, 'follow-ups', { trackingCode: m.trackingCode, question: first });
    const publicText = async () => (await request(`/v1/sites/${m.siteId}/messages/${m.id}`)).text();

    // The public sees that a question was asked and waits for review; the unit's officials read it at once; the author sees their own words.
    expect(await publicText()).not.toContain('13912345678');
    let detail = JSON.parse(await publicText()) as PublicMessageDetail;
    expect(detail.followUps).toEqual([{ body: null, createdAt: expect.any(String), awaitingReview: true }]);
    expect(detail.timeline.map((e) => e.kind)).toContain('followed_up');
    const seen = await (await consoleRequest(`/v1/console/messages/${m.id}`, { as: m.responder })).json<ConsoleMessage>();
    expect(seen.followUps).toEqual([expect.objectContaining({ body: first, moderation: 'pending', moderate: false })]);
    expect((await (await track(m.siteId, m.trackingCode)).json<TrackedMessage>()).followUps).toEqual([expect.objectContaining({ body: first, moderation: 'pending' })]);
    expect((await (await request(`/v1/sites/${m.siteId}/messages?q=${encodeURIComponent('固定岗几点')}`)).json<MessagePage>()).items).toEqual([]);

    // The moderator's 待审核 tab counts the question waiting for them (the responder's does not: they do not decide).
    const waiting = async (as: TestOfficial) => (await (await consoleRequest('/v1/console/messages?tab=moderation', { as })).json<QueuePage>()).counts.moderation;
    expect(await waiting(moderator)).toBe(1);
    expect(await waiting(m.responder)).toBe(0);

    // Responders do not decide; moderators list what waits, and reject: the words never become public.
    const pending = await (await consoleRequest('/v1/console/follow-ups', { as: moderator })).json<PendingFollowUpPage>();
    expect(pending.items).toEqual([expect.objectContaining({ messageId: m.id, title: validMessage(m.eduUnit).title, body: first })]);
    const [{ id: firstId }] = pending.items as [PendingFollowUp];
    // Narrowed by the queue's filters, as 待审核 filtered shows it: its unit's ancestors hold it, another unit, type or domain not.
    const listed = async (query: string) => (await (await consoleRequest(`/v1/console/follow-ups?${query}`, { as: moderator })).json<PendingFollowUpPage>()).items.length;
    expect([await listed(`unit=${m.headUnit}&type=complaint&domain=education`), await listed(`unit=${m.eduUnit}`)]).toEqual([1, 1]);
    expect([await listed(`unit=${m.transportUnit}`), await listed('type=help'), await listed('domain=transport')]).toEqual([0, 0, 0]);
    // And by the drive its message was written to (listed under another drive's filter before).
    const open = { startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() + 86_400_000) };
    await createCampaign(m.siteId, { slug: 'other', ...open });
    const own = await createCampaign(m.siteId, { slug: 'own', ...open });
    await db.run(db.q.updateTable('messages').set({ campaign_id: own }).where('id', '=', m.id));
    expect([await listed('campaign=own'), await listed('campaign=other'), await listed('campaign=none-such')]).toEqual([1, 0, 0]);
    const moderate = (as: TestOfficial, id: string, moderation: string) =>
      consoleRequest(`/v1/console/follow-ups/${id}/moderation`, { as, method: 'POST', body: { moderation } });
    await expectProblem(await moderate(m.responder, firstId, 'published'), 403, 'forbidden');
    const rejected = await (await moderate(moderator, firstId, 'rejected')).json<ConsoleMessage>();
    expect(rejected.followUps).toEqual([expect.objectContaining({ id: firstId, moderation: 'rejected', moderate: false })]);
    await expectProblem(await moderate(moderator, firstId, 'published'), 409, 'invalid_transition');
    expect(await waiting(moderator)).toBe(0);
    expect(await publicText()).not.toContain('13912345678');
    detail = JSON.parse(await publicText()) as PublicMessageDetail;
    expect(detail.followUps).toEqual([{ body: null, createdAt: expect.any(String), awaitingReview: false }]);

    // Answered, the next question is published: its words join the public timeline.
    await act(m.responder, m.id, 'reply', { kind: 'final', body: '早上七点开始。' });
    await post(m.siteId, 'follow-ups', { trackingCode: m.trackingCode, question: '周末也有吗？' });
    const [{ id: secondId }] = (await (await consoleRequest('/v1/console/follow-ups', { as: moderator })).json<PendingFollowUpPage>()).items as [PendingFollowUp];
    // Two moderators at once, within one millisecond (the clock held still): one decides, one audit entry.
    const other = await createOfficial(m.siteId, 'moderator');
    vi.useFakeTimers({ toFake: ['Date'] });
    const both = await Promise.all([moderate(moderator, secondId, 'published'), moderate(other, secondId, 'published')])
      .finally(() => vi.useRealTimers());
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    detail = JSON.parse(await publicText()) as PublicMessageDetail;
    expect(detail.followUps.map((f) => [f.body, f.awaitingReview])).toEqual([[null, false], ['周末也有吗？', false]]);
    expect((await (await consoleRequest('/v1/console/follow-ups', { as: moderator })).json<PendingFollowUpPage>()).items).toEqual([]);
    const audit = await db.all(db.q.selectFrom('audit_log').select(['action', 'message_id', 'account_id']).where('site_id', '=', m.siteId).orderBy('id'));
    expect(audit).toEqual([
      { action: 'follow_up.reject', message_id: m.id, account_id: moderator.id },
      { action: 'follow_up.publish', message_id: m.id, account_id: both[0]!.status === 200 ? moderator.id : other.id },
    ]);
  });

  it('never lists a private message’s question for moderation', async () => {
    const m = await answered({ isPublic: false });
    const moderator = await createOfficial(m.siteId, 'moderator');
    await post(m.siteId, 'follow-ups', { trackingCode: m.trackingCode, question: '私下问一句：什么时候办好？' });
    expect((await (await consoleRequest('/v1/console/follow-ups', { as: moderator })).json<PendingFollowUpPage>()).items).toEqual([]);
    const seen = await (await consoleRequest(`/v1/console/messages/${m.id}`, { as: moderator })).json<ConsoleMessage>();
    await expectProblem(await consoleRequest(`/v1/console/follow-ups/${(seen.followUps[0] as { id: string }).id}/moderation`, {
      as: moderator, method: 'POST', body: { moderation: 'published' },
    }), 409, 'invalid_transition');
  });

  it('lets admins change the limit per site', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const response = await consoleRequest('/v1/admin/site', { as: admin, method: 'PATCH', body: { followUpLimit: 5 } });
    expect(response.status).toBe(200);
    expect((await response.json<{ followUpLimit: number }>()).followUpLimit).toBe(5);
    await expectProblem(await consoleRequest('/v1/admin/site', { as: admin, method: 'PATCH', body: { followUpLimit: 11 } }), 422, 'validation');
  });
});
