// Notifications end to end: the real routes write the events and the notices, the real local Queue
// delivers them to the consumer, and the SMS adapters talk HTTP to a local receiver standing in for
// the provider (worker/test/sms-receiver.ts); e-mail goes through the local send_email binding.
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import type { DeadNotificationList, RecoveryAccepted, UpdateNotificationSettingsInput } from '../../../sdk/src/schemas/notifications';
import { createSite, db, expectProblem, request, seedMessages, submit, track, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';
import type { ReceivedSms } from '../../test/sms-receiver';
import { databaseFor } from '../db/client';
import { checkDeadlines } from '../db/deadlines';
import { findSite } from '../db/sites';
import { createCipher } from '../lib/crypto';
import { deliverNotification, MAX_ATTEMPTS, requeueLostNotices } from './deliver';
import { notificationsForEvent } from './events';
import { insertNotice, noticeRow } from './store';
import { aliyunSignatureV1 } from './sms';
import { noticeText } from './texts';

// Every line the worker logs while this file runs: none may hold a contact detail.
const logged: string[] = [];
const originals = { log: console.log, error: console.error, warn: console.warn, info: console.info };
beforeAll(() => {
  for (const level of ['log', 'error', 'warn', 'info'] as const) {
    console[level] = (...args: unknown[]) => {
      logged.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      originals[level](...args);
    };
  }
});
afterAll(() => Object.assign(console, originals));

/** A random mobile number, so what the receiver got for it is this test's. */
function newPhone(): string {
  return `138${String(crypto.getRandomValues(new Uint32Array(1))[0]! % 100_000_000).padStart(8, '0')}`;
}
const contacts: string[] = [];

const SECRET = 'aliyun-test-secret';
const TEMPLATES = { reply: 'SMS_100001', new_code: 'SMS_100002', verification_code: 'SMS_100003', assigned: 'SMS_100004', reopened: 'SMS_100007', rejected: 'SMS_100008' };

function aliyunSettings(overrides: Partial<UpdateNotificationSettingsInput> = {}, endpoint = 'https://sms.receiver.test/'): UpdateNotificationSettingsInput {
  return {
    sms: { provider: 'aliyun', endpoint, keyId: 'LTAI-test', secret: SECRET, signName: '测试县人民政府', templates: TEMPLATES },
    emailFrom: null,
    phoneVerification: false,
    ...overrides,
  };
}

async function county(settings: UpdateNotificationSettingsInput = aliyunSettings()) {
  const site = await createSite();
  const admin = await createOfficial(site.siteId, 'admin');
  const response = await consoleRequest('/v1/admin/notifications', { as: admin, method: 'PUT', body: settings });
  expect(response.status).toBe(200);
  return { ...site, admin };
}

/** What the SMS receiver got for a phone, oldest first. */
async function receivedFor(phone: string): Promise<ReceivedSms[]> {
  return (await fetch(`https://sms.receiver.test/_received?to=${phone}`)).json<ReceivedSms[]>();
}

/** Waits (up to 15 s) until `check` gives a value: the local queue delivers within a second or two. */
async function eventually<T>(check: () => Promise<T | null | undefined | false>): Promise<T> {
  const until = Date.now() + 15_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function submitted(siteId: string, unitId: string, phone: string, extra: Record<string, unknown> = {}, key?: string) {
  const email = `citizen-${phone}@example.com`;
  contacts.push(phone, email);
  const response = await submit(siteId, { ...validMessage(unitId), author: { name: '陈明', phone, email, displayAs: 'masked' }, ...extra }, { key });
  return { response, email };
}

async function created(siteId: string, unitId: string, phone: string, extra: Record<string, unknown> = {}) {
  const { response, email } = await submitted(siteId, unitId, phone, extra);
  expect(response.status).toBe(201);
  return { ...(await response.json<MessageCreated>()), email };
}

async function eventOf(messageId: string, kind: string) {
  return (await db.first(db.q.selectFrom('message_events').selectAll().where('message_id', '=', messageId).where('kind', '=', kind).orderBy('id', 'desc')))!;
}

function noticesOf(messageId: string) {
  return db.all(db.q.selectFrom('notifications').selectAll().where('message_id', '=', messageId).orderBy('created_at'));
}

async function act(as: TestOfficial, id: string, action: string, body: unknown = {}) {
  const response = await consoleRequest(`/v1/console/messages/${id}/${action}`, { as, method: 'POST', body });
  expect(response.status, await response.clone().text()).toBe(200);
}

describe('a reply notice to the citizen', () => {
  it('goes by SMS (Aliyun, signed) and by e-mail through the queue, says only that there is a reply, and is sent once per event', { timeout: 30_000 }, async () => {
    const c = await county();
    const phone = newPhone();
    const message = await created(c.siteId, c.eduUnit, phone, { notify: { sms: true, email: true } });
    const responder = await createOfficial(c.siteId, 'responder', [c.eduUnit]);
    await act(responder, message.id, 'accept');
    await act(responder, message.id, 'reply', { kind: 'final', body: '已安排交警早晚高峰在校门口疏导。' });

    // The reply's event reaches the notices by itself: the outbox, the queue, the event's fan-out.
    const notices = await eventually(async () => {
      const rows = (await noticesOf(message.id)).filter((n) => n.kind === 'reply');
      return rows.length === 2 && rows.every((n) => n.status === 'sent') && rows;
    });
    // A repeated fan-out of the same event writes and sends nothing more.
    const site = (await findSite(db, c.siteId))!;
    expect(await notificationsForEvent(env, db, site, await eventOf(message.id, 'replied'))).toEqual([]);
    expect(notices.map((n) => n.channel).sort()).toEqual(['email', 'sms']);
    expect(notices.every((n) => n.attempts === 1 && n.recipient_enc === null)).toBe(true);

    const [sms, ...more] = await receivedFor(phone);
    expect(more).toEqual([]);
    expect(sms!.body).toMatchObject({
      // Not published (pre-moderation): named by its day only.
      Action: 'SendSms', PhoneNumbers: phone, SignName: '测试县人民政府', TemplateCode: TEMPLATES.reply, TemplateParam: expect.stringMatching(/^\{"day":"\d{4}-\d{2}-\d{2}"\}$/),
      AccessKeyId: 'LTAI-test', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', Version: '2017-05-25',
    });
    // Signed as the provider checks it: the same signature from the same parameters and secret.
    const { Signature, ...signed } = sms!.body as Record<string, string>;
    expect(await aliyunSignatureV1(SECRET, 'POST', signed)).toBe(Signature);
    // Never the code, never the reply.
    expect(JSON.stringify(sms)).not.toContain(message.trackingCode);
    expect(JSON.stringify(sms)).not.toContain('交警');

    const attempts = await db.all(db.q.selectFrom('notification_attempts').selectAll().where('notification_id', 'in', notices.map((n) => n.id)));
    expect(attempts.map((a) => a.outcome)).toEqual(['sent', 'sent']);
    // The e-mail went through the send_email binding, which answered with its message id.
    expect(attempts.find((a) => a.notification_id === notices.find((n) => n.channel === 'email')!.id)!.detail).toMatch(/^sent </);
  });

  it('tells the author who asked when the message does not pass review (never why), once; an author who did not ask is told nothing', { timeout: 30_000 }, async () => {
    const c = await county();
    const moderator = await createOfficial(c.siteId, 'moderator');
    const phone = newPhone();
    const message = await created(c.siteId, c.eduUnit, phone, { notify: { sms: true, email: true } });
    const quiet = await created(c.siteId, c.eduUnit, newPhone());
    for (const m of [message, quiet]) await act(moderator, m.id, 'reject', { reason: 'advertising', note: '推销培训班的广告' });

    const notices = await eventually(async () => {
      const rows = await noticesOf(message.id);
      return rows.length === 2 && rows.every((n) => n.status === 'sent') && rows;
    });
    expect(notices.map((n) => [n.kind, n.channel]).sort()).toEqual([['rejected', 'email'], ['rejected', 'sms']]);
    const site = (await findSite(db, c.siteId))!;
    expect(await notificationsForEvent(env, db, site, await eventOf(message.id, 'rejected'))).toEqual([]);
    const [sms, ...more] = await receivedFor(phone);
    expect(more).toEqual([]);
    // Its own template, named by the day it was sent (a rejected message is never public).
    expect(sms!.body).toMatchObject({ TemplateCode: TEMPLATES.rejected, TemplateParam: expect.stringMatching(/^\{"day":"\d{4}-\d{2}-\d{2}"\}$/) });
    expect(JSON.stringify(sms)).not.toContain('推销');
    expect(JSON.stringify(sms)).not.toContain(message.trackingCode);
    const day = JSON.parse((sms!.body as Record<string, string>).TemplateParam!).day as string;
    expect(noticeText('rejected', { siteName: '测试县', submittedDay: day }).text)
      .toBe(`【测试县】您的留言（${day}提交）未通过审核，不会公开，也不会交办。原因请凭查询码查看。`);
    // The one who did not ask: nothing, then or later.
    expect(await notificationsForEvent(env, db, site, await eventOf(quiet.id, 'rejected'))).toEqual([]);
    expect(await noticesOf(quiet.id)).toEqual([]);
  });

  it('names the message by its title when the public can read it, and by its day alone when it is private', { timeout: 30_000 }, async () => {
    const c = await county({ sms: { provider: 'gateway', endpoint: 'https://sms.receiver.test/gateway', keyId: 'county', secret: 'gateway-secret', signName: '测试县人民政府', templates: {} }, emailFrom: null, phoneVerification: false });
    const responder = await createOfficial(c.siteId, 'responder', [c.eduUnit]);
    const moderator = await createOfficial(c.siteId, 'moderator');
    const texts: Record<string, string> = {};
    // The day in China when the test begins and when it ends: a run may cross midnight there (16:00 UTC).
    const chinaDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const firstDay = chinaDay();
    for (const isPublic of [true, false]) {
      const phone = newPhone();
      const message = await created(c.siteId, c.eduUnit, phone, { isPublic, title: isPublic ? '学校门口早高峰拥堵' : '家中老人低保申请进度', notify: { sms: true } });
      if (isPublic) await act(moderator, message.id, 'publish');
      await act(responder, message.id, 'accept');
      await act(responder, message.id, 'reply', { kind: 'final', body: '已安排专人跟进处理。' });
      const [sms] = await eventually(async () => { const got = await receivedFor(phone); return got.length > 0 && got; });
      texts[String(isPublic)] = String(sms!.body.text);
    }
    expect(texts.true).toBe('【测试县人民政府】您的留言“学校门口早高峰拥堵”有了新回复，请凭查询码查看。');
    expect([...new Set([firstDay, chinaDay()])].map((day) => `【测试县人民政府】您的留言（${day}提交）有了新回复，请凭查询码查看。`)).toContain(texts.false);
    for (const words of ['低保', '专人跟进']) expect(texts.false).not.toContain(words);
  });

  it('reads in the language the citizen wrote in (the form\'s, sent as Accept-Language); the site\'s otherwise', { timeout: 30_000 }, async () => {
    const c = await county({ sms: { provider: 'gateway', endpoint: 'https://sms.receiver.test/gateway', keyId: 'county', secret: 'gateway-secret', signName: '测试县人民政府', templates: {} }, emailFrom: null, phoneVerification: false });
    const responder = await createOfficial(c.siteId, 'responder', [c.eduUnit]);
    const moderator = await createOfficial(c.siteId, 'moderator');
    const texts: Record<string, string> = {};
    for (const language of ['en', 'zh-Hant-TW', 'fr']) {
      const phone = newPhone();
      contacts.push(phone);
      const response = await submit(c.siteId, {
        ...validMessage(c.eduUnit), title: '学校门口早高峰拥堵', isPublic: true, notify: { sms: true }, author: { name: '陈明', phone, email: null, displayAs: 'masked' },
      }, { headers: { 'Accept-Language': language } });
      const message = await response.json<MessageCreated>();
      await act(moderator, message.id, 'publish');
      await act(responder, message.id, 'accept');
      await act(responder, message.id, 'reply', { kind: 'final', body: '已安排专人跟进处理。' });
      const [sms] = await eventually(async () => { const got = await receivedFor(phone); return got.length > 0 && got; });
      texts[language] = String(sms!.body.text);
    }
    expect(texts.en).toBe('[测试县人民政府] Your message “学校门口早高峰拥堵” has a new reply. Read it with your tracking code.');
    expect(texts['zh-Hant-TW']).toBe('【测试县人民政府】您的留言「学校门口早高峰拥堵」有了新回覆，請憑查詢碼檢視。');
    // A language Liuyan does not speak: the site's own (Simplified Chinese here).
    expect(texts.fr).toBe('【测试县人民政府】您的留言“学校门口早高峰拥堵”有了新回复，请凭查询码查看。');
  });

  it('is not sent when the citizen did not ask for it', async () => {
    const c = await county();
    const message = await created(c.siteId, c.eduUnit, newPhone());
    const responder = await createOfficial(c.siteId, 'responder', [c.eduUnit]);
    await act(responder, message.id, 'accept');
    await act(responder, message.id, 'reply', { kind: 'interim', body: '正在协调。' });
    expect(await notificationsForEvent(env, db, (await findSite(db, c.siteId))!, await eventOf(message.id, 'replied'))).toEqual([]);
  });

  it('asks for an e-mail address when the citizen wants the notice by e-mail', async () => {
    const c = await county();
    const response = await submit(c.siteId, { ...validMessage(c.eduUnit), author: { name: '陈明', phone: newPhone(), email: null, displayAs: 'masked' }, notify: { email: true } });
    const problem = await expectProblem(response, 422, 'validation');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'author.email', code: 'required' })]);
  });
});

describe('a provider that fails', () => {
  it('is retried with backoff, every attempt recorded, then listed dead for admins without the recipient', async () => {
    const c = await county(aliyunSettings({}, 'https://sms-down.receiver.test/'));
    const phone = newPhone();
    const message = await created(c.siteId, c.eduUnit, phone, { notify: { sms: true } });
    const responder = await createOfficial(c.siteId, 'responder', [c.eduUnit]);
    await act(responder, message.id, 'accept');
    await act(responder, message.id, 'reply', { kind: 'final', body: '已处理。' });
    // The reply's event reaches its notice by itself (outbox, queue, fan-out); the queue's first
    // delivery fails (503) and is kept for a retry.
    const first = await eventually(async () => (await noticesOf(message.id)).find((n) => n.kind === 'reply' && n.attempts >= 1));
    const id = first.id;
    expect(first).toMatchObject({ status: 'queued', last_error: 'http_503' });
    // The retries the queue would make after their backoff, run now.
    let outcome;
    for (let attempt = first.attempts + 1; attempt <= MAX_ATTEMPTS; attempt++) {
      outcome = await deliverNotification(env, { kind: 'notification', site: c.siteId, id: id! }, attempt, databaseFor(env, c.siteId));
      if (attempt < MAX_ATTEMPTS) expect(outcome).toEqual({ retryAfterSeconds: expect.any(Number) });
    }
    expect(outcome).toEqual({ done: true });
    const row = (await db.first(db.q.selectFrom('notifications').selectAll().where('id', '=', id!)))!;
    expect(row.status).toBe('dead');
    const attempts = await db.all(db.q.selectFrom('notification_attempts').select(['attempt', 'outcome']).where('notification_id', '=', id!).orderBy('attempt'));
    expect(attempts).toHaveLength(row.attempts);
    expect(attempts.every((a) => a.outcome === 'failed')).toBe(true);
    expect((await receivedFor(phone)).length).toBe(row.attempts);

    const dead = await consoleRequest('/v1/admin/notifications/dead', { as: c.admin });
    const text = await dead.text();
    expect(JSON.parse(text) as DeadNotificationList).toMatchObject({ items: [{ id, kind: 'reply', channel: 'sms', status: 'dead', lastError: 'http_503', messageId: message.id }] });
    expect(text).not.toContain(phone);
    // Delivered again by the queue, a dead notice is acknowledged and not sent.
    expect(await deliverNotification(env, { kind: 'notification', site: c.siteId, id: id! }, MAX_ATTEMPTS + 1, databaseFor(env, c.siteId))).toEqual({ done: true });
  });
});

describe('phone verification (验证码)', () => {
  function requestCode(siteId: string, phone: string) {
    return request(`/v1/sites/${siteId}/verification-codes`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ phone }) });
  }

  it('sends a code by SMS; the submission needs it, right, once; a retry with the same key needs none', async () => {
    const c = await county(aliyunSettings({ phoneVerification: true }));
    const config = await (await request(`/v1/sites/${c.siteId}`)).json<{ notifications: unknown }>();
    expect(config.notifications).toEqual({ sms: true, email: true, phoneVerification: true });
    const phone = newPhone();

    const missing = await expectProblem((await submitted(c.siteId, c.eduUnit, phone)).response, 422, 'validation');
    expect(missing.errors).toEqual([expect.objectContaining({ field: 'verificationCode', code: 'required', message: '请填写短信验证码' })]);

    const sent = await requestCode(c.siteId, phone);
    expect(sent.status).toBe(202);
    expect(await sent.json()).toEqual({ expiresInSeconds: 600, resendAfterSeconds: 60 });
    const sms = await eventually(async () => (await receivedFor(phone)).find((r) => r.body.TemplateCode === TEMPLATES.verification_code));
    const code = (JSON.parse(String(sms.body.TemplateParam)) as { code: string }).code;
    expect(code).toMatch(/^\d{6}$/);
    // Stored only as a keyed hash.
    expect(JSON.stringify(await db.all(db.q.selectFrom('verification_codes').selectAll().where('site_id', '=', c.siteId)))).not.toContain(code);

    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await expectProblem((await submitted(c.siteId, c.eduUnit, phone, { verificationCode: wrong })).response, 422, 'validation');
    expect(refused.errors).toEqual([expect.objectContaining({ field: 'verificationCode', code: 'verification_failed' })]);

    const key = crypto.randomUUID();
    const first = await submitted(c.siteId, c.eduUnit, phone, { verificationCode: code }, key);
    expect(first.response.status).toBe(201);
    const answer = await first.response.json<MessageCreated>();
    // The network dropped the answer: the same submission again, same key — no second code needed.
    const retry = await submitted(c.siteId, c.eduUnit, phone, { verificationCode: code }, key);
    expect(retry.response.status).toBe(201);
    expect((await retry.response.json<MessageCreated>()).id).toBe(answer.id);
    // Used up: another submission cannot use it.
    const again = await expectProblem((await submitted(c.siteId, c.eduUnit, phone, { verificationCode: code })).response, 422, 'validation');
    expect(again.errors).toEqual([expect.objectContaining({ field: 'verificationCode', code: 'verification_expired' })]);
  });

  it('refuses a unit retired while the page was open before the code is tried: no try spent', async () => {
    const c = await county(aliyunSettings({ phoneVerification: true }));
    const phone = newPhone();
    expect((await requestCode(c.siteId, phone)).status).toBe(202);
    const sms = await eventually(async () => (await receivedFor(phone)).find((r) => r.body.TemplateCode === TEMPLATES.verification_code));
    const code = (JSON.parse(String(sms.body.TemplateParam)) as { code: string }).code;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');

    const retired = await expectProblem((await submitted(c.siteId, c.inactiveUnit, phone, { verificationCode: wrong })).response, 422, 'validation');
    expect(retired.errors).toEqual([expect.objectContaining({ field: 'unitId', code: 'unknown_unit' })]);
    const [row] = await db.all(db.q.selectFrom('verification_codes').select('tries').where('site_id', '=', c.siteId));
    expect(row?.tries).toBe(0);
    // The citizen picks another unit: the code works.
    expect((await submitted(c.siteId, c.eduUnit, phone, { verificationCode: code })).response.status).toBe(201);
  });

  it('expires, takes a few wrong tries, and is rate-limited per phone', async () => {
    const c = await county(aliyunSettings({ phoneVerification: true }));
    const phone = newPhone();
    expect((await requestCode(c.siteId, phone)).status).toBe(202);
    // A second code within the minute is refused, with when to ask again.
    const tooSoon = await requestCode(c.siteId, phone);
    await expectProblem(tooSoon, 429, 'too_many_requests');
    expect(Number(tooSoon.headers.get('Retry-After'))).toBeGreaterThan(0);
    const sms = await eventually(async () => (await receivedFor(phone)).find((r) => r.body.TemplateCode === TEMPLATES.verification_code));
    const code = (JSON.parse(String(sms.body.TemplateParam)) as { code: string }).code;

    // Five wrong tries, then even the right code is refused.
    for (let i = 0; i < 5; i++) {
      const wrong = String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');
      await expectProblem((await submitted(c.siteId, c.eduUnit, phone, { verificationCode: wrong })).response, 422, 'validation');
    }
    const spent = await expectProblem((await submitted(c.siteId, c.eduUnit, phone, { verificationCode: code })).response, 422, 'validation');
    expect(spent.errors).toEqual([expect.objectContaining({ code: 'verification_expired' })]);

    // Ten minutes later (the row's clock moved back), a code no longer works.
    await db.run(db.q.updateTable('verification_codes').set({ tries: 0, expires_at: new Date(Date.now() - 1000).toISOString() }).where('site_id', '=', c.siteId));
    const expired = await expectProblem((await submitted(c.siteId, c.eduUnit, phone, { verificationCode: code })).response, 422, 'validation');
    expect(expired.errors).toEqual([expect.objectContaining({ code: 'verification_expired', message: '验证码已失效，请重新获取' })]);
  });

  it('says plainly when the SMS could not be sent, and lets the citizen ask again at once', { timeout: 30_000 }, async () => {
    const c = await county(aliyunSettings({ phoneVerification: true }, 'https://sms-down.receiver.test/'));
    const phone = newPhone();
    for (let i = 0; i < 2; i++) {
      const failed = await expectProblem(await requestCode(c.siteId, phone), 502, 'sms_not_sent');
      expect(failed.title).toBe('验证码短信未能发出，请重新获取');
    }
    expect(await receivedFor(phone)).toHaveLength(2);
    // Each request tried once and then listed dead, its typed phone gone; never handed to the queue for later.
    const rows = await db.all(db.q.selectFrom('notifications').select(['status', 'attempts', 'recipient_enc', 'last_error']).where('site_id', '=', c.siteId));
    expect(rows).toEqual([0, 1].map(() => ({ status: 'dead', attempts: 1, recipient_enc: null, last_error: 'http_503' })));

    // The provider is back: the next request sends a code, and says so.
    expect((await consoleRequest('/v1/admin/notifications', { as: c.admin, method: 'PUT', body: aliyunSettings({ phoneVerification: true }) })).status).toBe(200);
    const sent = await requestCode(c.siteId, phone);
    expect(sent.status).toBe(202);
    expect((await receivedFor(phone)).filter((r) => r.host === 'sms.receiver.test')).toHaveLength(1);
  });

  it('is refused where the site sends no SMS codes', async () => {
    const c = await county();
    await expectProblem(await requestCode(c.siteId, newPhone()), 409, 'sms_unavailable');
    await expectProblem(await requestCode(c.siteId, '12345'), 422, 'validation');
  });
});

describe('a lost tracking code', () => {
  function recover(siteId: string, contact: string) {
    return request(`/v1/sites/${siteId}/track/recover`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ contact }) });
  }

  it('is sent anew to the phone on file, the old one working until the new one is used; a miss gets the same answer', async () => {
    const c = await county();
    const phone = newPhone();
    const message = await created(c.siteId, c.eduUnit, phone);
    expect((await track(c.siteId, message.trackingCode)).status).toBe(200);

    const hit = await recover(c.siteId, phone.replace(/(\d{3})(\d{4})(\d{4})/, '$1 $2 $3'));
    const miss = await recover(c.siteId, '13700137000');
    expect(hit.status).toBe(202);
    expect(miss.status).toBe(hit.status);
    const [hitBody, missBody] = [await hit.text(), await miss.text()];
    expect(hitBody).toBe(missBody);
    expect(JSON.parse(hitBody) as RecoveryAccepted).toEqual({ accepted: true });
    expect([...hit.headers.keys()].filter((h) => h !== 'x-request-id').sort()).toEqual([...miss.headers.keys()].filter((h) => h !== 'x-request-id').sort());

    const sms = await eventually(async () => (await receivedFor(phone)).find((r) => r.body.TemplateCode === TEMPLATES.new_code));
    const newCode = (JSON.parse(String(sms.body.TemplateParam)) as { code: string }).code;
    expect(newCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    // It names its message as a reply notice does (one phone may have written several): by its day,
    // the title only where the public may read it (this one is not published yet).
    expect(JSON.parse(String(sms.body.TemplateParam))).toEqual({ code: newCode, day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    // Anyone who knows the phone may ask: until the new code is used, the citizen's own still works.
    expect((await track(c.siteId, message.trackingCode)).status).toBe(200);
    expect((await track(c.siteId, message.trackingCode)).status).toBe(200);
    const tracked = await track(c.siteId, newCode);
    expect(tracked.status).toBe(200);
    expect(((await tracked.json()) as { id: string }).id).toBe(message.id);
    expect((await track(c.siteId, message.trackingCode)).status).toBe(404);
    expect((await track(c.siteId, newCode)).status).toBe(200);
    // The miss sent nothing to anyone.
    expect(await receivedFor('13700137000')).toEqual([]);
  });

  it('is taken into use by any of the citizen\'s requests, not by an official who finds the message by it', async () => {
    const c = await county();
    const phone = newPhone();
    const message = await created(c.siteId, c.eduUnit, phone);
    const responder = await createOfficial(c.siteId, 'responder', [c.eduUnit]);
    expect((await recover(c.siteId, phone)).status).toBe(202);
    const sms = await eventually(async () => (await receivedFor(phone)).find((r) => r.body.TemplateCode === TEMPLATES.new_code));
    const newCode = (JSON.parse(String(sms.body.TemplateParam)) as { code: string }).code;

    // An official given the new code finds the message; the old code still works after.
    const found = await consoleRequest('/v1/console/messages/find', { as: responder, method: 'POST', body: { trackingCode: newCode } });
    expect(found.status).toBe(200);
    expect(((await found.json()) as { id: string }).id).toBe(message.id);
    expect((await track(c.siteId, message.trackingCode)).status).toBe(200);

    // The citizen's export of their data with the new code takes it into use.
    const exported = await request(`/v1/sites/${c.siteId}/my-data`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trackingCode: newCode }) });
    expect(exported.status).toBe(200);
    expect((await track(c.siteId, message.trackingCode)).status).toBe(404);
    expect((await track(c.siteId, newCode)).status).toBe(200);
    // Nothing waits beside it any more.
    const rows = await db.all(db.q.selectFrom('messages').select(['tracking_hash_next']).where('id', '=', message.id));
    expect(rows).toEqual([{ tracking_hash_next: null }]);
  });

  it('keeps the old code working while the new one cannot be delivered (anyone may ask for one)', { timeout: 30_000 }, async () => {
    const c = await county(aliyunSettings({}, 'https://sms-down.receiver.test/'));
    const phone = newPhone();
    const message = await created(c.siteId, c.eduUnit, phone);
    expect((await recover(c.siteId, phone)).status).toBe(202);
    const failed = await eventually(async () => (await noticesOf(message.id)).find((n) => n.kind === 'new_code' && n.attempts >= 1));
    expect(failed).toMatchObject({ status: 'queued', last_error: 'http_503' });
    expect((await track(c.siteId, message.trackingCode)).status).toBe(200);
  });

  it('goes to the e-mail on file, whatever its case; is capped per contact', async () => {
    const c = await county();
    const message = await created(c.siteId, c.eduUnit, newPhone());
    const accepted = await recover(c.siteId, message.email.toUpperCase());
    expect(accepted.status).toBe(202);
    const notice = await eventually(async () => {
      const rows = await noticesOf(message.id);
      return rows.find((n) => n.kind === 'new_code' && n.status === 'sent');
    });
    expect(notice.channel).toBe('email');
    // The request's typed contact is not kept once it was handled.
    const requests = await db.all(db.q.selectFrom('notifications').select(['status', 'recipient_enc']).where('site_id', '=', c.siteId).where('kind', '=', 'recovery'));
    expect(requests).toEqual([{ status: 'sent', recipient_enc: null }]);
    expect((await track(c.siteId, message.trackingCode)).status).toBe(200);

    expect((await recover(c.siteId, message.email)).status).toBe(202);
    expect((await recover(c.siteId, message.email)).status).toBe(202);
    await expectProblem(await recover(c.siteId, message.email), 429, 'too_many_requests');
    await expectProblem(await recover(c.siteId, 'not a contact'), 422, 'validation');
  });

  it('gets the same answer for a phone where the site sends no SMS, and nothing is queued for it', async () => {
    const c = await county({ sms: { provider: null, endpoint: null, keyId: null, signName: null, templates: {} }, emailFrom: null, phoneVerification: false });
    const phone = newPhone();
    await created(c.siteId, c.eduUnit, phone);
    const response = await recover(c.siteId, phone);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: true });
    expect(await db.all(db.q.selectFrom('notifications').select('id').where('site_id', '=', c.siteId))).toEqual([]);
  });
});

describe('notices to officials', () => {
  it('tell each official of the unit a message was transferred to by e-mail, unless they turned that kind off', { timeout: 30_000 }, async () => {
    const c = await county();
    const message = await created(c.siteId, c.eduUnit, newPhone());
    const [eduResponder, told, optedOut] = await Promise.all([
      createOfficial(c.siteId, 'responder', [c.eduUnit]),
      createOfficial(c.siteId, 'responder', [c.transportUnit]),
      createOfficial(c.siteId, 'responder', [c.transportUnit]),
    ]);
    const off = await consoleRequest('/v1/console/me/notifications', { as: optedOut, method: 'PUT', body: { assigned: false, dueSoon: true, escalated: true } });
    expect(off.status).toBe(200);
    // One official gives a mobile: the same notices by SMS too (the site sends SMS).
    const bad = await consoleRequest('/v1/console/me/notifications', { as: told, method: 'PUT', body: { assigned: true, dueSoon: true, escalated: true, smsPhone: '12345' } });
    expect((await expectProblem(bad, 422, 'validation')).errors).toEqual([expect.objectContaining({ field: 'smsPhone', code: 'invalid_phone' })]);
    const mobile = newPhone();
    contacts.push(mobile);
    const given = await consoleRequest('/v1/console/me/notifications', { as: told, method: 'PUT', body: { assigned: true, dueSoon: true, escalated: true, smsPhone: mobile } });
    // `reopened` not sent: left as it was (on).
    expect(await given.json()).toEqual({ assigned: true, dueSoon: true, escalated: true, reopened: true, smsPhone: mobile.replace(/(\d{3})(\d{4})(\d{4})/, '$1 $2 $3') });
    await act(eduResponder, message.id, 'accept');
    await act(eduResponder, message.id, 'transfer', { unitId: c.transportUnit, reason: '属交通运输局职责' });

    // The transfer's event reaches the notices by itself (outbox, queue, fan-out); the unit's other official opted out.
    const notices = await eventually(async () => {
      const rows = await db.all(db.q.selectFrom('notifications').selectAll()
        .where('message_id', '=', message.id).where('account_id', 'in', [told.id, optedOut.id]));
      return rows.length === 2 && rows.every((row) => row.status === 'sent') && rows;
    });
    expect(notices.map((n) => [n.kind, n.channel, n.account_id, n.recipient_enc]).sort()).toEqual([
      ['assigned', 'email', told.id, null], ['assigned', 'sms', told.id, null],
    ]);
    const [sms] = await receivedFor(mobile);
    expect(sms!.body).toMatchObject({ PhoneNumbers: mobile, TemplateCode: TEMPLATES.assigned });
    expect(JSON.parse(String(sms!.body.TemplateParam))).toEqual({ title: '城关小学门口早晚高峰拥堵', unit: '测试县交通运输局', due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('tell the unit that answered when the citizen sends the message back (重办), by an unhappy rating or a follow-up, unless they turned that kind off', { timeout: 30_000 }, async () => {
    const c = await county();
    const message = await created(c.siteId, c.eduUnit, newPhone());
    const [told, optedOut] = await Promise.all([createOfficial(c.siteId, 'responder', [c.eduUnit]), createOfficial(c.siteId, 'responder', [c.eduUnit])]);
    const mobile = newPhone();
    contacts.push(mobile);
    await consoleRequest('/v1/console/me/notifications', { as: told, method: 'PUT', body: { assigned: true, dueSoon: true, escalated: true, smsPhone: mobile } });
    const off = await consoleRequest('/v1/console/me/notifications', { as: optedOut, method: 'PUT', body: { assigned: true, dueSoon: true, escalated: true, reopened: false } });
    expect(await off.json()).toMatchObject({ assigned: true, reopened: false });
    await act(told, message.id, 'accept');
    await act(told, message.id, 'reply', { kind: 'final', body: '已安排交警早晚高峰在校门口疏导。' });
    const reopenedNotices = (count: number) => eventually(async () => {
      const rows = (await noticesOf(message.id)).filter((n) => n.kind === 'reopened');
      return rows.length === count && rows.every((n) => n.status === 'sent') && rows;
    });

    // An unhappy rating sends it back: the official who did not turn 重办 off is told, by e-mail and SMS.
    const rating = await request(`/v1/sites/${c.siteId}/track/rating`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ trackingCode: message.trackingCode, overall: 1, resolution: 1, attitude: 2, speed: 2, reason: 'not_solved' }),
    });
    expect(rating.status).toBe(200);
    const first = await reopenedNotices(2);
    expect(first.map((n) => [n.channel, n.account_id, n.unit_id]).sort()).toEqual([['email', told.id, c.eduUnit], ['sms', told.id, c.eduUnit]]);
    const [sms] = (await receivedFor(mobile)).filter((r) => r.body.TemplateCode === TEMPLATES.reopened);
    expect(JSON.parse(String(sms!.body.TemplateParam))).toEqual({ title: '城关小学门口早晚高峰拥堵', unit: '测试县教育局', due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });

    // Answered again, then a follow-up sends it back once more: a second notice, one per event.
    await act(told, message.id, 'reply', { kind: 'final', body: '已增派人手，每天早晚各一小时。' });
    const followUp = await request(`/v1/sites/${c.siteId}/track/follow-ups`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ trackingCode: message.trackingCode, question: '周末补课时段也能安排吗？' }),
    });
    expect(followUp.status).toBe(200);
    expect((await reopenedNotices(4)).every((n) => n.account_id === told.id)).toBe(true);

    // What the e-mail says: the unit, the message, why it is back, and the new deadline.
    const words = noticeText('reopened', { siteName: '测试县', title: '城关小学门口早晚高峰拥堵', unitName: '测试县教育局', dueDay: '2026-12-18' });
    expect(words.subject).toBe('【测试县】留言重办：城关小学门口早晚高峰拥堵');
    expect(words.text).toBe('【测试县】测试县教育局答复的留言“城关小学门口早晚高峰拥堵”，留言人不满意或提出了追问，已退回重新办理，办理期限至 2026-12-18。请登录留言办理平台查看。');
  });

  it('name the unit their event gave the message to, though it went on to another before the notice was sent', { timeout: 30_000 }, async () => {
    const c = await county();
    // Transferred to the transport bureau, then on to education at once: its officials' notice of the first transfer.
    const message = await created(c.siteId, c.eduUnit, newPhone());
    const told = await createOfficial(c.siteId, 'responder', [c.transportUnit]);
    const mobile = newPhone();
    contacts.push(mobile);
    await consoleRequest('/v1/console/me/notifications', { as: told, method: 'PUT', body: { assigned: true, dueSoon: true, escalated: true, smsPhone: mobile } });
    const row = await noticeRow(await createCipher(env.DATA_KEY), {
      siteId: c.siteId, kind: 'assigned', channel: 'sms', messageId: message.id, accountId: told.id, unitId: c.transportUnit,
    }, new Date().toISOString());
    await db.run(insertNotice(db, row));
    await deliverNotification(env, { kind: 'notification', site: c.siteId, id: row.id }, 1, databaseFor(env, c.siteId));
    const [sms] = await receivedFor(mobile);
    expect(JSON.parse(String(sms!.body.TemplateParam))).toMatchObject({ unit: '测试县交通运输局' });
  });
});

/** The one notice an event calls for, once it has been sent (the event handed on as the queue would). */
async function onlyNoticeSentFor(siteId: string, event: Awaited<ReturnType<typeof eventOf>>) {
  const ids = await notificationsForEvent(env, db, (await findSite(db, siteId))!, event);
  expect(ids).toHaveLength(1);
  return eventually(async () => {
    const row = await db.first(db.q.selectFrom('notifications').selectAll().where('id', '=', ids[0]!));
    return row?.status === 'sent' && row;
  });
}

describe('the SMS settings', () => {
  it('refuse a sign name or template code with a control or direction-override character, naming the field', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const settings = aliyunSettings();
    const refused = await consoleRequest('/v1/admin/notifications', {
      as: admin, method: 'PUT',
      body: { ...settings, sms: { ...settings.sms, signName: '测试县\u202e府政民人', templates: { ...TEMPLATES, reply: 'SMS_1\u0000' } } },
    });
    const { errors } = await expectProblem(refused, 422, 'validation');
    expect(errors!.map((e) => [e.field, e.code]).sort()).toEqual([['sms.signName', 'invalid_characters'], ['sms.templates.reply', 'invalid_characters']]);
    expect((await consoleRequest('/v1/admin/notifications', { as: admin, method: 'PUT', body: settings })).status).toBe(200);
  });
});

describe('督办 and deadline notices to officials', () => {
  it('tell the officials of the unit handling an overdue message, each kind turned off on its own', async () => {
    const c = await county();
    const [id] = await seedMessages(c.siteId, [{ unitId: c.eduUnit, status: 'accepted', dueAt: new Date(Date.now() - 3_600_000) }]);
    const [told, noEscalations] = await Promise.all([
      createOfficial(c.siteId, 'responder', [c.eduUnit]),
      createOfficial(c.siteId, 'responder', [c.eduUnit]),
    ]);
    const off = await consoleRequest('/v1/console/me/notifications', { as: noEscalations, method: 'PUT', body: { assigned: true, dueSoon: true, escalated: false } });
    expect(off.status).toBe(200);
    // The hourly deadline check writes 督办 (to the unit above) for the overdue message.
    await checkDeadlines(db, new Date());
    const escalated = await eventOf(id!, 'escalated');
    expect(escalated.from_unit_id).toBe(c.eduUnit);

    const notice = await onlyNoticeSentFor(c.siteId, escalated);
    expect(notice).toMatchObject({ kind: 'escalated', channel: 'email', account_id: told.id });
  });
});

describe('deadline-coming notices to officials', () => {
  it('tell the officials of the unit, the site’s working days before the deadline, unless they turned that kind off', async () => {
    const c = await county();
    // Wednesday 10:00 in China; the message is due at the end of Thursday, one working day ahead.
    const wednesday = new Date('2027-03-03T02:00:00Z');
    const [id] = await seedMessages(c.siteId, [{ unitId: c.eduUnit, status: 'accepted', dueAt: new Date('2027-03-04T23:59:59.000+08:00') }]);
    await db.run(db.q.updateTable('sites').set({ reminder_days: 1 }).where('id', '=', c.siteId));
    const [told, notReminded] = await Promise.all([
      createOfficial(c.siteId, 'responder', [c.eduUnit]),
      createOfficial(c.siteId, 'responder', [c.eduUnit]),
    ]);
    const off = await consoleRequest('/v1/console/me/notifications', { as: notReminded, method: 'PUT', body: { assigned: true, dueSoon: false, escalated: true } });
    expect(off.status).toBe(200);
    await checkDeadlines(db, wednesday);
    const reminder = await eventOf(id!, 'reminder');
    expect(reminder.unit_id).toBe(c.eduUnit);

    const notice = await onlyNoticeSentFor(c.siteId, reminder);
    expect(notice).toMatchObject({ kind: 'due_soon', channel: 'email', account_id: told.id });
  });
});

describe('a notice whose queue message was lost', () => {
  it('is queued again by the hourly job and sent, while a notice written a moment ago is left to its own message', { timeout: 30_000 }, async () => {
    const c = await county();
    const [messageId] = await seedMessages(c.siteId, [{ unitId: c.eduUnit }]);
    const official = await createOfficial(c.siteId, 'responder', [c.eduUnit]);
    const cipher = await createCipher(env.DATA_KEY);
    // Written three hours ago, never handed to the queue (as when the send after the write failed).
    const lost = await noticeRow(cipher, { siteId: c.siteId, kind: 'assigned', channel: 'email', messageId, accountId: official.id }, new Date(Date.now() - 3 * 3_600_000).toISOString());
    const fresh = await noticeRow(cipher, { siteId: c.siteId, kind: 'assigned', channel: 'email', messageId, accountId: official.id }, new Date().toISOString());
    await db.batch([insertNotice(db, lost), insertNotice(db, fresh)]);

    expect(await requeueLostNotices(env, db, new Date())).toBe(1);
    const sent = await eventually(async () => {
      const row = await db.first(db.q.selectFrom('notifications').selectAll().where('id', '=', lost.id));
      return row?.status === 'sent' && row;
    });
    expect(sent.attempts).toBe(1);
    expect((await db.first(db.q.selectFrom('notifications').select('status').where('id', '=', fresh.id)))!.status).toBe('queued');
    // Tried a moment ago: not queued again.
    expect(await requeueLostNotices(env, db, new Date())).toBe(0);
  });
});

describe('logs', () => {
  it('hold no phone number or e-mail address of anyone notified', () => {
    expect(contacts.length).toBeGreaterThan(0);
    for (const line of logged) for (const contact of contacts) expect(line).not.toContain(contact);
  });
});
