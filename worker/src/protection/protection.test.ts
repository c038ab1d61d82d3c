// The second layer against abuse, in workerd on a real D1 (issue 17): the honeypot and the minimum
// fill time hold a message for a moderator behind an ordinary receipt; the site's word lists refuse
// or hold it (after the search's normalisation); Turnstile is checked at a stand-in for siteverify
// (worker/test/turnstile-verifier.ts) and fails closed; admins edit it all, audited.
import { describe, expect, it } from 'vitest';
import type { ProtectionSettings, UpdateProtectionInput } from '../../../sdk/src/schemas/protection';
import type { ConsoleMessage } from '../../../sdk/src/schemas/console';
import type { MessageCreated, TrackedMessage } from '../../../sdk/src/schemas/message';
import type { SiteConfig } from '../../../sdk/src/schemas/site';
import {
  countRows, createSite, db, expectNothingWritten, expectProblem, messageRow, request, submit, validMessage,
} from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';
import { DOWN_SECRET, DUMMY_TOKEN, FAILING_SECRET, PASSING_SECRET } from '../../test/turnstile-verifier';

const DEFAULTS: UpdateProtectionInput = {
  bannedWords: [], holdWords: [], holdLinks: true, holdPhones: true, minFillSeconds: 5, turnstileSiteKey: null, retentionDays: 365,
};

async function protectedSite(settings: Partial<UpdateProtectionInput> = {}, moderation: 'pre' | 'post' = 'post') {
  const site = await createSite({ moderation });
  const admin = await createOfficial(site.siteId, 'admin');
  const response = await consoleRequest('/v1/admin/protection', { as: admin, method: 'PUT', body: { ...DEFAULTS, ...settings } });
  expect(response.status).toBe(200);
  return { ...site, admin, settings: await response.json<ProtectionSettings>() };
}

async function created(response: Response): Promise<MessageCreated> {
  expect(response.status).toBe(201);
  return response.json<MessageCreated>();
}

async function consoleView(as: TestOfficial, id: string): Promise<ConsoleMessage> {
  const response = await consoleRequest(`/v1/console/messages/${id}`, { as });
  expect(response.status).toBe(200);
  return response.json<ConsoleMessage>();
}

const fieldCodes = (problem: { errors?: { field: string; code: string }[] }) => problem.errors?.map((e) => [e.field, e.code]);

describe('the honeypot and the minimum fill time', { timeout: 30_000 }, () => {
  it('stores a message whose hidden field was filled with an ordinary receipt, and holds it for a moderator who sees why', async () => {
    const site = await protectedSite();
    const answer = await created(await submit(site.siteId, validMessage(site.eduUnit, { honeypot: 'http://spam.example', fillMs: 60_000 })));
    // The same receipt any message gets: id, tracking code, status, moderation, due date.
    expect(Object.keys(answer).sort()).toEqual(['dueAt', 'id', 'moderation', 'status', 'trackingCode']);
    // The site publishes at once (post-moderation); this one waits.
    expect(answer.moderation).toBe('pending');
    expect((await messageRow(answer.id))!.published_at).toBeNull();
    expect((await consoleView(site.admin, answer.id)).heldFor).toEqual(['honeypot']);
    // The author's own view says nothing of it.
    const tracked = await request(`/v1/sites/${site.siteId}/track`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trackingCode: answer.trackingCode }),
    });
    expect(JSON.stringify(await tracked.json<TrackedMessage>())).not.toMatch(/honeypot|heldFor/);
    // A space or a line break is something in it too; left empty, nothing is held.
    for (const honeypot of [' ', '\t\n']) {
      expect((await consoleView(site.admin, (await created(await submit(site.siteId, validMessage(site.eduUnit, { honeypot, fillMs: 60_000 })))).id)).heldFor, JSON.stringify(honeypot)).toEqual(['honeypot']);
    }
    expect((await created(await submit(site.siteId, validMessage(site.eduUnit, { honeypot: '', fillMs: 60_000 })))).moderation).toBe('published');
  });

  it('holds a form sent sooner than the site’s minimum, and publishes one that took longer', async () => {
    const site = await protectedSite({ minFillSeconds: 8 });
    const fast = await created(await submit(site.siteId, validMessage(site.eduUnit, { fillMs: 7_999 })));
    expect(fast.moderation).toBe('pending');
    expect((await consoleView(site.admin, fast.id)).heldFor).toEqual(['too_fast']);
    const slow = await created(await submit(site.siteId, validMessage(site.eduUnit, { fillMs: 8_000 })));
    expect(slow.moderation).toBe('published');
    expect((await consoleView(site.admin, slow.id)).heldFor).toEqual([]);
    // An API client sends no fill time: it is not judged by one.
    expect((await created(await submit(site.siteId, validMessage(site.eduUnit)))).moderation).toBe('published');
  });

  it('answers a retry whose fill time was measured again with the first answer', async () => {
    const site = await protectedSite();
    const key = crypto.randomUUID();
    const first = await created(await submit(site.siteId, validMessage(site.eduUnit, { fillMs: 40_000 }), { key }));
    const again = await created(await submit(site.siteId, validMessage(site.eduUnit, { fillMs: 95_000 }), { key }));
    expect(again).toEqual(first);
    expect(await countRows('messages', site.siteId)).toBe(1);
  });
});

describe('the word lists', { timeout: 30_000 }, () => {
  it('refuses a banned word however it is written, naming each field that holds it', async () => {
    const site = await protectedSite({ bannedWords: ['法轮功', 'FaLun'] });
    const problem = await expectProblem(await submit(site.siteId, validMessage(site.eduUnit, {
      title: '关于ＦＡＬＵＮ的问题', body: '有人在城关镇发 法 轮-功 的传单，孩子上学路上经常被塞。', region: '测试县城关镇',
    })), 422, 'validation');
    expect(fieldCodes(problem)).toEqual([['title', 'banned_words'], ['body', 'banned_words']]);
    expect(problem.errors![0]!.message).toBe('标题含有本站不允许发布的词语，请修改后再提交');
    const region = await expectProblem(await submit(site.siteId, validMessage(site.eduUnit, { region: '法.轮.功村' })), 422, 'validation');
    expect(fieldCodes(region)).toEqual([['region', 'banned_words']]);
    // In Traditional characters, as a citizen in Taiwan or Hong Kong, or one slipping it past, writes it.
    const traditional = await expectProblem(await submit(site.siteId, validMessage(site.eduUnit, { body: '有人在城關鎮發法輪功的傳單，孩子上學路上經常被塞。' })), 422, 'validation');
    expect(fieldCodes(traditional)).toEqual([['body', 'banned_words']]);
    await expectNothingWritten(site.siteId);
  });

  // On a slow phone each answer is a long wait: a citizen who left the title empty learns of the
  // banned word in the same answer, not only after filling the title in.
  it('names a banned word together with every other field’s problem, in one answer', async () => {
    const site = await protectedSite({ bannedWords: ['法轮功'] });
    const problem = await expectProblem(await submit(site.siteId, {
      ...validMessage(site.eduUnit, { title: '', body: '有人在城关镇发法轮功的传单。', region: '法轮功村' }), author: { name: '陈明', phone: '12', email: null, displayAs: 'masked' },
    }), 422, 'validation');
    expect(fieldCodes(problem)).toEqual([['title', 'required'], ['author.phone', 'invalid_phone'], ['body', 'banned_words'], ['region', 'banned_words']]);
    expect(problem.errors!.find((e) => e.field === 'body')!.message).toBe('留言内容含有本站不允许发布的词语，请修改后再提交');
    // With the site's own rules too (a title shorter than its minimum), in the asker's language.
    await db.batch([db.q.updateTable('sites').set({ title_min: 6 }).where('id', '=', site.siteId)]);
    const english = await expectProblem(await submit(site.siteId, validMessage(site.eduUnit, { title: '短标题', body: '有人在城关镇发法轮功的传单，请管一管。' }), { headers: { 'Accept-Language': 'en' } }), 422, 'validation');
    expect(fieldCodes(english)).toEqual([['title', 'too_short'], ['body', 'banned_words']]);
    expect(english.errors!.map((e) => e.message)).toEqual(['The title must be at least 6 characters', 'The message holds words this site does not accept; please change it and send again']);
    await expectNothingWritten(site.siteId);
  });

  it('holds a message with a link, a phone number or a word the site chose, and keeps ordinary numbers public', async () => {
    const site = await protectedSite({ holdWords: ['代开发票'], bannedWords: ['法轮功'] });
    const held = async (body: string) => {
      const answer = await created(await submit(site.siteId, validMessage(site.eduUnit, { body })));
      return (await consoleView(site.admin, answer.id)).heldFor;
    };
    expect(await held('城关小学门口拥堵，详情请看 ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ 上的照片，希望尽快解决。')).toEqual(['link']);
    expect(await held('城关小学门口拥堵，请打我电话 138 0013 8000 了解情况，希望尽快解决。')).toEqual(['phone']);
    expect(await held('城关小学门口有人发小广告：代 开 发 票，希望管一管。')).toEqual(['word']);
    // A banned word split by sentence ends is not refused (赌。博物馆 may be plain words) but named to the moderator as such.
    expect(await held('城关小学门口有人发法。轮。功的传单，希望管一管。')).toEqual(['banned_split']);
    expect(await held('3路公交车早上7点30分才来一趟，2026年12月1日已经第三次迟到，车牌号码是12345。')).toEqual([]);
  });

  it('keeps links and phone numbers public when the site says so', async () => {
    const site = await protectedSite({ holdLinks: false, holdPhones: false });
    const answer = await created(await submit(site.siteId, validMessage(site.eduUnit, { body: '请看 https://example.com/a 上的照片，或者打电话 13800138000 联系我。' })));
    expect(answer.moderation).toBe('published');
  });

  it('applies to follow-up questions: a banned word refuses the question, a hold word tells the moderator', async () => {
    const site = await protectedSite({ bannedWords: ['法轮功'], holdWords: ['代开发票'] });
    const responder = await createOfficial(site.siteId, 'responder', [site.eduUnit]);
    const { id, trackingCode } = await created(await submit(site.siteId, validMessage(site.eduUnit)));
    for (const action of ['accept', 'reply']) {
      const body = action === 'reply' ? { kind: 'final', body: '已安排交警疏导。' } : {};
      expect((await consoleRequest(`/v1/console/messages/${id}/${action}`, { as: responder, method: 'POST', body })).status).toBe(200);
    }
    const ask = (question: string) => request(`/v1/sites/${site.siteId}/track/follow-ups`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trackingCode, question }),
    });
    const refused = await expectProblem(await ask('为什么还有人发法～轮～功传单？'), 422, 'validation');
    expect(fieldCodes(refused)).toEqual([['question', 'banned_words']]);
    // Said with the request's other problem (the tracking code left out) in one answer.
    const both = await expectProblem(await request(`/v1/sites/${site.siteId}/track/follow-ups`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trackingCode: '', question: '为什么还有人发法轮功传单？' }),
    }), 422, 'validation');
    expect(fieldCodes(both)).toEqual([['trackingCode', 'required'], ['question', 'banned_words']]);
    expect((await ask('门口又有人发代开发票的小广告，能管吗？')).status).toBe(200);
    expect((await consoleView(site.admin, id)).followUps.map((f) => f.heldFor)).toEqual([['word']]);
  });
});

describe('PUT /v1/admin/protection', { timeout: 30_000 }, () => {
  it('keeps the lists within bounds, so no list can make a query or a match unbounded', async () => {
    const { admin, siteId, eduUnit } = await protectedSite();
    const put = (body: unknown) => consoleRequest('/v1/admin/protection', { as: admin, method: 'PUT', body });
    const tooMany = await expectProblem(await put({ ...DEFAULTS, bannedWords: Array.from({ length: 501 }, (_, i) => `词${i}`) }), 422, 'validation');
    expect(fieldCodes(tooMany)).toEqual([['bannedWords', 'too_many']]);
    // Said as too many words, not too many characters.
    expect(tooMany.errors![0]!.message).toBe('禁用词最多500条');
    const tooLong = await expectProblem(await put({ ...DEFAULTS, holdWords: ['长'.repeat(31)] }), 422, 'validation');
    expect(fieldCodes(tooLong)).toEqual([['holdWords.0', 'too_long']]);
    const punctuation = await expectProblem(await put({ ...DEFAULTS, bannedWords: ['--'] }), 422, 'validation');
    expect(fieldCodes(punctuation)).toEqual([['bannedWords.0', 'invalid']]);
    // A direction override would make the list read otherwise than it is stored.
    const reversed = await expectProblem(await put({ ...DEFAULTS, bannedWords: ['法轮功', '\u202E功轮法'] }), 422, 'validation');
    expect(fieldCodes(reversed)).toEqual([['bannedWords.1', 'invalid_characters']]);
    // A full list (500 words; the request's 16 KB bound keeps long words fewer): accepted, and every word still matched.
    const full = Array.from({ length: 500 }, (_, i) => `禁词${String(i).padStart(3, '0')}`);
    expect((await put({ ...DEFAULTS, bannedWords: full })).status).toBe(200);
    const problem = await expectProblem(await submit(siteId, validMessage(eduUnit, { body: '城关小学门口拥堵，有人写了禁 词 499，希望安排交警疏导。' })), 422, 'validation');
    expect(fieldCodes(problem)).toEqual([['body', 'banned_words']]);
  });

  it('seals the Turnstile secret, never shows it, needs one with a site key, and audits by field', async () => {
    const { admin, siteId } = await protectedSite();
    const put = (body: Partial<UpdateProtectionInput>) => consoleRequest('/v1/admin/protection', { as: admin, method: 'PUT', body: { ...DEFAULTS, ...body } });
    const missing = await expectProblem(await put({ turnstileSiteKey: '1x00000000000000000000AA' }), 422, 'validation');
    expect(fieldCodes(missing)).toEqual([['turnstileSecret', 'required']]);
    const saved = await put({ turnstileSiteKey: '1x00000000000000000000AA', turnstileSecret: PASSING_SECRET, retentionDays: 30 });
    const text = await saved.text();
    expect(text).not.toContain(PASSING_SECRET);
    expect(JSON.parse(text)).toMatchObject({ turnstile: { siteKey: '1x00000000000000000000AA', hasSecret: true }, retentionDays: 30 });
    const row = await db.first(db.q.selectFrom('site_protection').select('turnstile_secret_enc').where('site_id', '=', siteId));
    expect(row!.turnstile_secret_enc).not.toContain(PASSING_SECRET);
    // Saving again without the secret keeps it.
    expect((await (await put({ turnstileSiteKey: '1x00000000000000000000AA', retentionDays: 30 })).json<ProtectionSettings>()).turnstile.hasSecret).toBe(true);
    const audit = await db.all(db.q.selectFrom('audit_log').select(['action', 'detail']).where('site_id', '=', siteId).orderBy('id'));
    expect(audit.map((a) => [a.action, JSON.parse(a.detail!).fields])).toEqual([
      ['protection.update', ['turnstile', 'retentionDays']],
    ]);
    expect(JSON.stringify(audit)).not.toContain(PASSING_SECRET);

    // The settings as GET gives them, sent back with one change: Turnstile and its secret kept, the change saved.
    const read = await (await consoleRequest('/v1/admin/protection', { as: admin })).json<ProtectionSettings>();
    const back = await consoleRequest('/v1/admin/protection', { as: admin, method: 'PUT', body: { ...read, holdWords: ['代开发票'] } });
    expect(back.status).toBe(200);
    expect(await back.json()).toEqual({ ...read, holdWords: ['代开发票'] });
  });

  it('is for admins only', async () => {
    const { siteId } = await protectedSite();
    const moderator = await createOfficial(siteId, 'moderator');
    await expectProblem(await consoleRequest('/v1/admin/protection', { as: moderator }), 403, 'forbidden');
  });
});

describe('Cloudflare Turnstile', { timeout: 30_000 }, () => {
  const withTurnstile = (secret: string) => protectedSite({ turnstileSiteKey: '1x00000000000000000000AA', turnstileSecret: secret });
  const token = () => `${DUMMY_TOKEN}.${crypto.randomUUID()}`;
  const checksOf = async (t: string) => (await (await fetch(`https://turnstile.receiver.test/_calls?token=${encodeURIComponent(t)}`)).json<{ checks: number }>()).checks;

  it('gives the widget the site key, and takes a submission whose token passes', async () => {
    const site = await withTurnstile(PASSING_SECRET);
    const config = await (await request(`/v1/sites/${site.siteId}`)).json<SiteConfig>();
    expect(config.turnstileSiteKey).toBe('1x00000000000000000000AA');
    expect((await created(await submit(site.siteId, validMessage(site.eduUnit, { turnstileToken: token() })))).moderation).toBe('published');
  });

  it('refuses a submission without a token, or with one that does not pass or was spent, and writes nothing', async () => {
    const site = await withTurnstile(PASSING_SECRET);
    await expectProblem(await submit(site.siteId, validMessage(site.eduUnit)), 422, 'captcha_failed');
    const spent = token();
    await created(await submit(site.siteId, validMessage(site.eduUnit, { turnstileToken: spent })));
    const problem = await expectProblem(await submit(site.siteId, validMessage(site.eduUnit, { turnstileToken: spent })), 422, 'captcha_failed');
    expect(problem.title).toBe('人机验证未通过，请重新验证后再提交');
    expect(await countRows('messages', site.siteId)).toBe(1);
    const failing = await withTurnstile(FAILING_SECRET);
    await expectProblem(await submit(failing.siteId, validMessage(failing.eduUnit, { turnstileToken: token() })), 422, 'captcha_failed');
    await expectNothingWritten(failing.siteId);
  });

  it('fails closed when siteverify cannot be reached: 503 captcha_unavailable, nothing stored', async () => {
    const site = await withTurnstile(DOWN_SECRET);
    const problem = await expectProblem(await submit(site.siteId, validMessage(site.eduUnit, { turnstileToken: token() })), 503, 'captcha_unavailable');
    expect(problem.title).toBe('人机验证服务暂时无法连接，留言未提交，请稍后再试');
    await expectNothingWritten(site.siteId);
  });

  it('answers a retry under the same Idempotency-Key without a second token or a second check', async () => {
    const site = await withTurnstile(PASSING_SECRET);
    const key = crypto.randomUUID();
    const once = token();
    const first = await created(await submit(site.siteId, validMessage(site.eduUnit, { turnstileToken: once }), { key }));
    expect(await created(await submit(site.siteId, validMessage(site.eduUnit), { key }))).toEqual(first);
    expect(await created(await submit(site.siteId, validMessage(site.eduUnit, { turnstileToken: once }), { key }))).toEqual(first);
    expect(await checksOf(once)).toBe(1);
    expect(await countRows('messages', site.siteId)).toBe(1);
  });

  it('checks a token only for a submission otherwise accepted, so fixing a field costs no new check', async () => {
    const site = await withTurnstile(PASSING_SECRET);
    const kept = token();
    await expectProblem(await submit(site.siteId, validMessage(site.eduUnit, { title: '', turnstileToken: kept })), 422, 'validation');
    expect(await checksOf(kept)).toBe(0);
    await created(await submit(site.siteId, validMessage(site.eduUnit, { turnstileToken: kept })));
  });
});
