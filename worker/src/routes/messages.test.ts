import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createCipher } from '../lib/crypto';
import type { Problem } from '../../../sdk/src/schemas/error';
import type { CreateMessageInput, MessageCreated } from '../../../sdk/src/schemas/message';
import {
  addCalendarDay, AUTHOR, countRows, createCampaign, createSite, db, eventKinds, expectNoPersonalData, expectNothingWritten,
  expectProblem, FOREIGN_ORIGIN, messageRow, request, submit, track, validMessage,
} from '../../test/fixtures';

const TRACKING_CODE = /^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/;
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * Written independently of src/lib/calendar: walk the days after today (China time) and count
 * Monday–Friday that are not holidays.
 */
function expectedDueAt(nowMs: number, workingDays: number, holidays: string[] = []): string {
  const today = new Date(nowMs + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  let t = Date.parse(`${today}T00:00:00Z`);
  let day = today;
  for (let counted = 0; counted < workingDays; ) {
    t += DAY_MS;
    const date = new Date(t);
    day = date.toISOString().slice(0, 10);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    if (!weekend && !holidays.includes(day)) counted++;
  }
  return `${day}T23:59:59+08:00`;
}

/** The first Monday–Friday after today, China time. */
function nextWeekday(nowMs: number): string {
  for (let t = nowMs + DAY_MS; ; t += DAY_MS) {
    const date = new Date(t + CHINA_OFFSET_MS);
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) return date.toISOString().slice(0, 10);
  }
}

async function created(response: Response): Promise<MessageCreated> {
  expect(response.status).toBe(201);
  return response.json<MessageCreated>();
}

describe('POST /v1/sites/:site/messages — a valid submission', () => {
  it('answers 201 with the id, a tracking code, the initial states and the due date', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, validMessage(eduUnit));
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    const answer = await created(response);
    expect(Object.keys(answer).sort()).toEqual(['dueAt', 'id', 'moderation', 'status', 'trackingCode']);
    expect(answer.id).toMatch(/^m_[a-z2-9]+$/);
    expect(answer.trackingCode).toMatch(TRACKING_CODE);
    expect(answer.status).toBe('submitted');
    expect(answer.moderation).toBe('pending');
    expect(answer.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T23:59:59\+08:00$/);
  });

  it('stores the contact details encrypted and never stores the tracking code', async () => {
    const { siteId, eduUnit } = await createSite();
    const input = validMessage(eduUnit);
    const answer = await created(await submit(siteId, input));

    const row = await messageRow(answer.id);
    expect(row).not.toBeNull();
    expect(row).toMatchObject({
      site_id: siteId, unit_id: eduUnit, type: 'complaint', domain: 'education', title: input.title, body: input.body,
      region: input.region, is_public: 1, status: 'submitted', moderation: 'pending', display_name: '陈***',
    });
    for (const column of [row!.author_name_enc, row!.author_phone_enc, row!.author_email_enc]) {
      expect(column).toBeTruthy();
      expectNoPersonalData(column!);
    }
    const stored = JSON.stringify(row);
    expectNoPersonalData(stored);
    expect(stored).not.toContain(answer.trackingCode);
    expect(stored).not.toContain(answer.trackingCode.replaceAll('-', ''));
    expect(row!.tracking_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the contact details readable with the data key, bound to this message', async () => {
    const { siteId, eduUnit } = await createSite();
    const answer = await created(await submit(siteId, validMessage(eduUnit)));
    const row = (await messageRow(answer.id))!;
    const cipher = await createCipher(env.DATA_KEY);
    expect(await cipher.decrypt(row.author_name_enc, `${answer.id}:name`)).toBe(AUTHOR.name);
    expect(await cipher.decrypt(row.author_phone_enc, `${answer.id}:phone`)).toBe(`+86${AUTHOR.phone}`); // stored as E.164
    expect(await cipher.decrypt(row.author_email_enc!, `${answer.id}:email`)).toBe(AUTHOR.email);
    // Swapped between columns, a ciphertext does not open.
    await expect(cipher.decrypt(row.author_phone_enc, `${answer.id}:name`)).rejects.toThrow();
  });

  it('leaves the email column empty when no email is given', async () => {
    const { siteId, eduUnit } = await createSite();
    const answer = await created(await submit(siteId, validMessage(eduUnit, { author: { name: '陈明', phone: '13912345678', email: null } })));
    const row = await messageRow(answer.id);
    expect(row!.author_email_enc).toBeNull();
  });

  it('shows the name as the citizen chose: 陈*** by default, 陈女士 when asked', async () => {
    const { siteId, eduUnit } = await createSite();
    const masked = await created(await submit(siteId, validMessage(eduUnit)));
    const ms = await created(await submit(siteId, validMessage(eduUnit, { author: { ...AUTHOR, displayAs: 'ms' } })));
    expect((await messageRow(masked.id))!.display_name).toBe('陈***');
    expect((await messageRow(ms.id))!.display_name).toBe('陈女士');
  });

  it("records a 'submitted' event on the message's timeline", async () => {
    const { siteId, eduUnit } = await createSite();
    const answer = await created(await submit(siteId, validMessage(eduUnit)));
    expect(await eventKinds(answer.id)).toEqual(['submitted']);
  });

  it('publishes a public message at once on a post-moderation site', async () => {
    const { siteId, eduUnit } = await createSite({ moderation: 'post' });
    const answer = await created(await submit(siteId, validMessage(eduUnit, { isPublic: true })));
    expect(answer.moderation).toBe('published');
    const row = await messageRow(answer.id);
    expect(row!.moderation).toBe('published');
    expect(row!.published_at).not.toBeNull();
    expect(await eventKinds(answer.id)).toEqual(['submitted', 'published']);
  });

  it('never publishes a private message, even on a post-moderation site', async () => {
    const { siteId, eduUnit } = await createSite({ moderation: 'post' });
    const answer = await created(await submit(siteId, validMessage(eduUnit, { isPublic: false })));
    expect(answer.moderation).toBe('pending');
    const row = await messageRow(answer.id);
    expect(row).toMatchObject({ moderation: 'pending', is_public: 0, published_at: null });
    expect(await eventKinds(answer.id)).toEqual(['submitted']);
  });

  it('accepts a message for an open campaign and files it there', async () => {
    const { siteId, eduUnit } = await createSite();
    const campaignId = await createCampaign(siteId, {
      slug: 'jianyan', startsAt: new Date(Date.now() - DAY_MS), endsAt: new Date(Date.now() + 30 * DAY_MS),
    });
    const answer = await created(await submit(siteId, validMessage(eduUnit, { type: 'suggestion', campaign: 'jianyan' })));
    expect((await messageRow(answer.id))!.campaign_id).toBe(campaignId);
  });
});

describe('POST /v1/sites/:site/messages — due date', () => {
  it('makes a complaint due at the end of the 7th working day after today, China time', async () => {
    const { siteId, eduUnit } = await createSite();
    const before = Date.now();
    const answer = await created(await submit(siteId, validMessage(eduUnit, { type: 'complaint' })));
    const after = Date.now();
    // Around midnight in China the day may turn during the request: either day is right then.
    expect([expectedDueAt(before, 7), expectedDueAt(after, 7)]).toContain(answer.dueAt);
    expect((await messageRow(answer.id))!.due_at).toBe(new Date(answer.dueAt).toISOString());
  });

  it('makes a suggestion due after 15 working days', async () => {
    const { siteId, eduUnit } = await createSite();
    const before = Date.now();
    const answer = await created(await submit(siteId, validMessage(eduUnit, { type: 'suggestion' })));
    expect([expectedDueAt(before, 15), expectedDueAt(Date.now(), 15)]).toContain(answer.dueAt);
  });

  it('moves the due date one working day later for a holiday inside the window', async () => {
    const { siteId, eduUnit } = await createSite();
    const holiday = nextWeekday(Date.now());
    await addCalendarDay(siteId, holiday, 'holiday');
    const before = Date.now();
    const answer = await created(await submit(siteId, validMessage(eduUnit, { type: 'complaint' })));
    const after = Date.now();
    if (nextWeekday(before) === holiday && nextWeekday(after) === holiday) {
      expect(answer.dueAt).not.toBe(expectedDueAt(before, 7));
      expect(answer.dueAt).toBe(expectedDueAt(before, 8));
    }
    expect([expectedDueAt(before, 7, [holiday]), expectedDueAt(after, 7, [holiday])]).toContain(answer.dueAt);
  });

  it("ignores another site's holidays", async () => {
    const { siteId, eduUnit } = await createSite();
    const other = await createSite();
    await addCalendarDay(other.siteId, nextWeekday(Date.now()), 'holiday');
    const before = Date.now();
    const answer = await created(await submit(siteId, validMessage(eduUnit, { type: 'complaint' })));
    expect([expectedDueAt(before, 7), expectedDueAt(Date.now(), 7)]).toContain(answer.dueAt);
  });
});

type Body = Record<string, unknown>;

function without(body: CreateMessageInput, field: keyof CreateMessageInput): Body {
  const copy: Body = { ...body };
  delete copy[field];
  return copy;
}

interface InvalidCase {
  what: string;
  body: (units: { eduUnit: string; inactiveUnit: string }) => Body | CreateMessageInput;
  field: string;
  code: string;
}

const invalidCases: InvalidCase[] = [
  { what: 'missing title', body: (u) => without(validMessage(u.eduUnit), 'title'), field: 'title', code: 'required' },
  { what: 'blank title', body: (u) => validMessage(u.eduUnit, { title: '   ' }), field: 'title', code: 'required' },
  { what: 'body over 2000 characters', body: (u) => validMessage(u.eduUnit, { body: '路'.repeat(2001) }), field: 'body', code: 'too_long' },
  { what: 'missing body', body: (u) => without(validMessage(u.eduUnit), 'body'), field: 'body', code: 'required' },
  { what: 'bad phone', body: (u) => validMessage(u.eduUnit, { author: { ...AUTHOR, phone: '12345' } }), field: 'author.phone', code: 'invalid_phone' },
  { what: 'bad email', body: (u) => validMessage(u.eduUnit, { author: { ...AUTHOR, email: 'not-an-email' } }), field: 'author.email', code: 'invalid_email' },
  { what: 'missing name', body: (u) => validMessage(u.eduUnit, { author: { name: '', phone: AUTHOR.phone } }), field: 'author.name', code: 'required' },
  { what: 'consent false', body: (u) => ({ ...validMessage(u.eduUnit), consent: false }), field: 'consent', code: 'consent_required' },
  { what: "type 'rumour'", body: (u) => ({ ...validMessage(u.eduUnit), type: 'rumour' }), field: 'type', code: 'invalid_choice' },
  { what: 'unknown domain', body: (u) => ({ ...validMessage(u.eduUnit), domain: 'gossip' }), field: 'domain', code: 'invalid_choice' },
  { what: 'unknown unit', body: () => validMessage('u_nobody'), field: 'unitId', code: 'unknown_unit' },
  { what: 'inactive unit', body: (u) => validMessage(u.inactiveUnit), field: 'unitId', code: 'unknown_unit' },
  { what: 'unknown campaign', body: (u) => validMessage(u.eduUnit, { campaign: 'no-such-drive' }), field: 'campaign', code: 'unknown_campaign' },
  { what: 'title of the wrong type', body: (u) => ({ ...validMessage(u.eduUnit), title: 5 }), field: 'title', code: 'invalid' },
  { what: 'isPublic as a string', body: (u) => ({ ...validMessage(u.eduUnit), isPublic: 'yes' }), field: 'isPublic', code: 'invalid' },
  { what: 'missing type', body: (u) => without(validMessage(u.eduUnit), 'type'), field: 'type', code: 'required' },
  { what: 'missing author', body: (u) => without(validMessage(u.eduUnit), 'author'), field: 'author', code: 'required' },
];

describe('POST /v1/sites/:site/messages — a body that is not a message', () => {
  it.each([['an array', '[]'], ['a string', '"hello"'], ['null', 'null'], ['a number', '42']])(
    '%s → 422 about the body as a whole, not about any form field', async (_, raw) => {
      const { siteId } = await createSite();
      const problem = await expectProblem(await submit(siteId, raw), 422, 'validation');
      expect(problem.errors).toEqual([expect.objectContaining({ field: '$', message: '请求内容格式不正确' })]);
      await expectNothingWritten(siteId);
    },
  );

  it('names a missing author in words, not as a key', async () => {
    const { siteId, eduUnit } = await createSite();
    const problem = await expectProblem(await submit(siteId, without(validMessage(eduUnit), 'author')), 422, 'validation');
    expect(problem.errors).toContainEqual({ field: 'author', code: 'required', message: '请填写联系人信息' });
  });
});

describe('POST /v1/sites/:site/messages — invalid input', () => {
  it.each(invalidCases)('$what → 422 naming $field with $code, nothing written', async ({ body, field, code }) => {
    const { siteId, eduUnit, inactiveUnit } = await createSite();
    const response = await submit(siteId, body({ eduUnit, inactiveUnit }));
    const problem = await expectProblem(response, 422, 'validation');
    expect(problem.errors).toContainEqual(expect.objectContaining({ field, code }));
    expect(problem.errors!.every((e) => e.message.length > 0)).toBe(true);
    await expectNothingWritten(siteId);
  });

  it('explains a too long title in Chinese, with the limit', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, validMessage(eduUnit, { title: '标'.repeat(51) }));
    const problem = await expectProblem(response, 422, 'validation');
    const error = problem.errors!.find((e) => e.field === 'title');
    // The limit travels with the code, so a client translating by code can say it too.
    expect(error).toMatchObject({ field: 'title', code: 'too_long', params: { max: 50 } });
    expect(error!.message).toContain('50');
    expect(error!.message).toMatch(/[\u4e00-\u9fff]/);
    await expectNothingWritten(siteId);
  });

  it('accepts a title of exactly 50 characters', async () => {
    const { siteId, eduUnit } = await createSite();
    await created(await submit(siteId, validMessage(eduUnit, { title: '标'.repeat(50) })));
  });

  it('explains errors in English when the client asks for it', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, validMessage(eduUnit, { title: '标'.repeat(51) }), { headers: { 'Accept-Language': 'en' } });
    const problem = await expectProblem(response, 422, 'validation');
    expect(problem.title).toMatch(/^[\x20-\x7e]+$/);
    const error = problem.errors!.find((e) => e.field === 'title')!;
    expect(error.code).toBe('too_long');
    expect(error.message).toContain('50');
    expect(error.message).toMatch(/^[\x20-\x7e]+$/);
  });

  it('names every bad field at once', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, { ...validMessage(eduUnit, { title: '', author: { ...AUTHOR, phone: '1' } }), consent: false });
    const problem = await expectProblem(response, 422, 'validation');
    expect(problem.errors!.map((e) => [e.field, e.code]).sort()).toEqual([
      ['author.phone', 'invalid_phone'], ['consent', 'consent_required'], ['title', 'required'],
    ]);
    await expectNothingWritten(siteId);
  });

  it('names the site’s own rules beside the contract’s: a too-short title and body with a bad phone, in one answer', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, validMessage(eduUnit, { title: '路灯', body: '坏了', author: { ...AUTHOR, phone: '1' } }));
    const problem = await expectProblem(response, 422, 'validation');
    expect(problem.errors!.map((e) => [e.field, e.code]).sort()).toEqual([
      ['author.phone', 'invalid_phone'], ['body', 'too_short'], ['title', 'too_short'],
    ]);
    await expectNothingWritten(siteId);
  });

  it('refuses a campaign that has ended', async () => {
    const { siteId, eduUnit } = await createSite();
    await createCampaign(siteId, {
      slug: 'jianyan-2025', startsAt: new Date(Date.now() - 60 * DAY_MS), endsAt: new Date(Date.now() - DAY_MS),
    });
    const response = await submit(siteId, validMessage(eduUnit, { type: 'suggestion', campaign: 'jianyan-2025' }));
    const problem = await expectProblem(response, 422, 'validation');
    expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'campaign', code: 'campaign_closed' }));
    await expectNothingWritten(siteId);
  });

  it("refuses another site's campaign as unknown", async () => {
    const { siteId, eduUnit } = await createSite();
    const other = await createSite();
    await createCampaign(other.siteId, { slug: 'theirs', startsAt: new Date(Date.now() - DAY_MS), endsAt: new Date(Date.now() + DAY_MS) });
    const problem = await expectProblem(await submit(siteId, validMessage(eduUnit, { campaign: 'theirs' })), 422, 'validation');
    expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'campaign', code: 'unknown_campaign' }));
  });

  it("refuses another site's unit as unknown", async () => {
    const { siteId } = await createSite();
    const other = await createSite();
    const problem = await expectProblem(await submit(siteId, validMessage(other.eduUnit)), 422, 'validation');
    expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'unitId', code: 'unknown_unit' }));
    await expectNothingWritten(siteId);
  });

  it('refuses a type or a domain the site does not take', async () => {
    const { siteId, eduUnit } = await createSite();
    await db.run(db.q.updateTable('sites').set({ types: '["suggestion"]', domains: '["urban"]' }).where('id', '=', siteId));
    const response = await submit(siteId, validMessage(eduUnit, { type: 'complaint', domain: 'education' }));
    const problem = await expectProblem(response, 422, 'validation');
    expect(problem.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'type', code: 'type_not_allowed' }),
      expect.objectContaining({ field: 'domain', code: 'domain_not_allowed' }),
    ]));
    await expectNothingWritten(siteId);
  });

  it('refuses a type a campaign does not collect', async () => {
    const { siteId, eduUnit } = await createSite();
    await createCampaign(siteId, { slug: 'ideas', startsAt: new Date(Date.now() - DAY_MS), endsAt: new Date(Date.now() + DAY_MS) });
    await db.run(db.q.updateTable('campaigns').set({ types: '["suggestion"]' }).where('site_id', '=', siteId));
    const response = await submit(siteId, validMessage(eduUnit, { type: 'complaint', campaign: 'ideas' }));
    const problem = await expectProblem(response, 422, 'validation');
    expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'type', code: 'type_not_allowed' }));
    await expectNothingWritten(siteId);
  });

  it('refuses a campaign that has not started yet', async () => {
    const { siteId, eduUnit } = await createSite();
    await createCampaign(siteId, { slug: 'soon', startsAt: new Date(Date.now() + DAY_MS), endsAt: new Date(Date.now() + 30 * DAY_MS) });
    const problem = await expectProblem(await submit(siteId, validMessage(eduUnit, { campaign: 'soon' })), 422, 'validation');
    // Said as not open yet, not as ended.
    expect(problem.errors).toContainEqual({ field: 'campaign', code: 'campaign_not_started', message: '该专栏尚未开始征集，请在开始后再留言' });
    await expectNothingWritten(siteId);
  });

  it('requires an Idempotency-Key header', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, validMessage(eduUnit), { key: null });
    const problem = await expectProblem(response, 422, 'validation');
    expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'idempotency-key', code: 'required' }));
    await expectNothingWritten(siteId);
  });
});

describe('POST /v1/sites/:site/messages — retries with the same Idempotency-Key', () => {
  it('answers a replay with the first answer and stores one message', async () => {
    const { siteId, eduUnit } = await createSite();
    const key = crypto.randomUUID();
    const first = await created(await submit(siteId, validMessage(eduUnit), { key }));
    const second = await created(await submit(siteId, validMessage(eduUnit), { key }));
    expect(second).toEqual(first);
    expect(await countRows('messages', siteId)).toBe(1);
    expect(await countRows('message_events', siteId)).toBe(1);
    expect(await countRows('idempotency_keys', siteId)).toBe(1);
    // The replayed tracking code is the one that works.
    expect((await track(siteId, second.trackingCode)).status).toBe(200);
  });

  it('takes a retry whose JSON is laid out differently as the same submission', async () => {
    const { siteId, eduUnit } = await createSite();
    const key = crypto.randomUUID();
    const input = validMessage(eduUnit);
    const first = await created(await submit(siteId, input, { key }));
    const reordered = Object.fromEntries(Object.entries(input).reverse());
    const second = await created(await submit(siteId, JSON.stringify(reordered, null, 2), { key }));
    expect(second).toEqual(first);
    expect(await countRows('messages', siteId)).toBe(1);
  });

  it('refuses the same key with a different body', async () => {
    const { siteId, eduUnit } = await createSite();
    const key = crypto.randomUUID();
    await created(await submit(siteId, validMessage(eduUnit), { key }));
    const response = await submit(siteId, validMessage(eduUnit, { title: '另一件事' }), { key });
    const problem = await expectProblem(response, 422, 'idempotency_key_reused');
    expectNoPersonalData(JSON.stringify(problem));
    expect(await countRows('messages', siteId)).toBe(1);
  });

  it('keeps keys apart between sites', async () => {
    const a = await createSite();
    const b = await createSite();
    const key = crypto.randomUUID();
    const first = await created(await submit(a.siteId, validMessage(a.eduUnit), { key }));
    const second = await created(await submit(b.siteId, validMessage(b.eduUnit), { key }));
    expect(second.id).not.toBe(first.id);
    expect(await countRows('messages', a.siteId)).toBe(1);
    expect(await countRows('messages', b.siteId)).toBe(1);
  });

  it('stores one message when two identical submissions race', async () => {
    const { siteId, eduUnit } = await createSite();
    const key = crypto.randomUUID();
    const [a, b] = await Promise.all([submit(siteId, validMessage(eduUnit), { key }), submit(siteId, validMessage(eduUnit), { key })]);
    const [first, second] = [await created(a), await created(b)];
    expect(second.id).toBe(first.id);
    expect(second.trackingCode).toBe(first.trackingCode);
    expect(await countRows('messages', siteId)).toBe(1);
    expect(await countRows('message_events', siteId)).toBe(1);
  });
});

describe('POST /v1/sites/:site/messages — a failing write', () => {
  it('answers 500 revealing nothing, writes nothing, and a retry with the same key succeeds', async () => {
    const { siteId, eduUnit } = await createSite();
    const key = crypto.randomUUID();
    const eventsBefore = await env.DB.prepare('SELECT count(*) AS n FROM message_events').first<{ n: number }>();
    await env.DB.prepare("CREATE TRIGGER fail_events BEFORE INSERT ON message_events BEGIN SELECT RAISE(ABORT, 'injected fault'); END").run();
    let failed: Response;
    try {
      failed = await submit(siteId, validMessage(eduUnit), { key });
    } finally {
      await env.DB.prepare('DROP TRIGGER IF EXISTS fail_events').run();
    }
    const text = await failed.text();
    expect(failed.status).toBe(500);
    expect(failed.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(text) as Problem;
    // Nothing but the standard members and the request id that names the log line.
    expect(Object.keys(problem).sort()).toEqual(['code', 'requestId', 'status', 'title', 'type']);
    expect(problem.requestId).toBe(failed.headers.get('X-Request-Id'));
    expect(problem).toMatchObject({ status: 500, code: 'internal', type: '/docs/errors#internal' });
    for (const leak of ['injected', 'fault', 'SQLITE', 'D1_', 'message_events', 'trigger', 'stack']) expect(text).not.toContain(leak);
    expectNoPersonalData(text);
    await expectNothingWritten(siteId);
    const eventsAfter = await env.DB.prepare('SELECT count(*) AS n FROM message_events').first<{ n: number }>();
    expect(eventsAfter!.n).toBe(eventsBefore!.n);

    const retried = await created(await submit(siteId, validMessage(eduUnit), { key }));
    expect(retried.trackingCode).toMatch(TRACKING_CODE);
    expect(await countRows('messages', siteId)).toBe(1);
    expect(await eventKinds(retried.id)).toEqual(['submitted']);
  });
});

describe('what public answers never contain', () => {
  it("keeps the author's name, phone and email out of every answer", async () => {
    const { siteId, eduUnit } = await createSite();
    const key = crypto.randomUUID();
    const answers: Response[] = [];
    const createdResponse = await submit(siteId, validMessage(eduUnit), { key });
    answers.push(createdResponse.clone());
    const { trackingCode } = await created(createdResponse);
    answers.push(
      await submit(siteId, validMessage(eduUnit), { key }), // replay
      await submit(siteId, validMessage(eduUnit, { title: '改过的标题' }), { key }), // key reused
      await request(`/v1/sites/${siteId}`),
      await submit(siteId, validMessage(eduUnit, { title: '标'.repeat(51) })),
      await submit(siteId, validMessage(eduUnit, { author: { ...AUTHOR, email: `${AUTHOR.email}@` } })),
      await submit(siteId, validMessage(eduUnit, { author: { ...AUTHOR, phone: `${AUTHOR.phone}9` } })),
      await submit(siteId, validMessage(eduUnit), { origin: FOREIGN_ORIGIN }),
      await submit(siteId, JSON.stringify(validMessage(eduUnit)).slice(0, -5)), // malformed JSON
      await submit(siteId, validMessage(eduUnit), { headers: { 'Content-Type': 'text/plain' } }),
      await submit(siteId, { ...validMessage(eduUnit), padding: 'x'.repeat(20_000) }),
      await track(siteId, trackingCode),
      await track(siteId, 'WRONG-CODE'),
    );
    const statuses = [];
    for (const response of answers) {
      statuses.push(response.status);
      expectNoPersonalData(await response.text());
    }
    expect(statuses).toEqual([201, 201, 422, 200, 422, 422, 422, 403, 400, 415, 413, 200, 404]);
  });
});
