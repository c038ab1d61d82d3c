// The write page's form as HTML (/s/:site/write), in workerd on a real D1: what a citizen whose
// script never came sees and sends, and what the service does with it.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { TrackedMessage } from '../../../sdk/src/schemas/message';
import type { SiteForm } from '../../../sdk/src/schemas/site';
import { formHtml, newFormKey, type FormKeyKind } from '../hosted/write-form';
import { ALLOWED_ORIGIN, AUTHOR, countRows, createCampaign, createSite, d1Cost, messageRow, request, track } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';
import { XSS_PAYLOADS } from '../../test/xss-corpus';

/** A hosted page as a browser asks for it: no Origin header on a navigation. */
const page = (path: string) => request(path, { origin: null, redirect: 'manual' });

/** A key as the write page draws it for `siteId`, `msAgo` before now. */
const drawnKey = (siteId: string, msAgo = 60_000, kind: FormKeyKind = 'form') => newFormKey(env.HASH_KEY, siteId, kind, Date.now() - msAgo);

/** Keys drawn for `draw:…` stand-ins, one per stand-in and site: the same form sent again carries the same key. */
const drawn = new Map<string, Promise<string>>();

/**
 * The form as a browser sends it: the write page's own origin, URL-encoded UTF-8. An `idempotencyKey`
 * of `draw:…` (as `filled` gives) is sent as a key the page drew for the site a minute before.
 */
async function send(siteId: string, fields: Record<string, string>, { query = '', origin = 'https://liuyan.test', headers = {} as Record<string, string> } = {}) {
  const standIn = fields.idempotencyKey;
  if (standIn?.startsWith('draw:')) {
    if (!drawn.has(siteId + standIn)) drawn.set(siteId + standIn, drawnKey(siteId));
    fields = { ...fields, idempotencyKey: await drawn.get(siteId + standIn)! };
  }
  return request(`/s/${siteId}/write${query}`, {
    method: 'POST', origin, redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** What a citizen fills in: every required field, as the plain form names them. */
const filled = (unitId: string, changes: Record<string, string> = {}): Record<string, string> => ({
  idempotencyKey: `draw:${crypto.randomUUID()}`, homepage: '', unitId, type: 'complaint', domain: 'education', title: '城关小学门口早晚高峰拥堵',
  body: '每天早上七点半到八点，城关小学门口车辆乱停，孩子过马路很危险。', region: '测试县城关镇',
  'author.name': AUTHOR.name, 'author.phone': AUTHOR.phone, 'author.email': '', 'author.displayAs': 'masked',
  isPublic: 'true', consent: 'true', ...changes,
});

/** Text as the page must carry it: every character that could end a text or an attribute as an entity. */
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The tracking code a receipt page shows. */
/** The receipt's code as the page shows it (a line may break after each dash: `<wbr>`). */
const codeOn = (html: string) => /<strong class="code" id="tracking-code">(.+?)<\/strong>/.exec(html)?.[1]?.replaceAll('<wbr>', '');

describe('the write page’s form without a script', () => {
  it('is in the page itself, inside <liuyan-form>: every unit of the one list, the site’s types and domains, the fields the element has', async () => {
    const { siteId, headUnit, eduUnit, transportUnit, inactiveUnit } = await createSite();
    const response = await page(`/s/${siteId}/write`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(new RegExp(`<liuyan-form site="${siteId}" lang="zh-CN" theme="auto"><form class="plain-form" method="post" action="/s/${siteId}/write" accept-charset="utf-8">`));
    expect(html).toContain(`<optgroup label="测试县县长"><option value="${headUnit}">测试县县长</option><option value="${eduUnit}">测试县教育局</option><option value="${transportUnit}">测试县交通运输局</option></optgroup>`);
    expect(html).not.toContain(inactiveUnit);
    for (const name of ['unitId', 'type', 'domain', 'title', 'body', 'region', 'author.name', 'author.phone', 'author.email', 'author.displayAs', 'isPublic', 'consent', 'homepage']) {
      expect(html).toContain(`name="${name}"`);
    }
    expect(html).toContain('<label for="liuyan-author.phone">联系电话</label>');
    expect(html).toContain('<button type="submit">提交留言</button>');
    // 署名方式 before a name is typed: an example's, said to be one.
    expect([...html.matchAll(/<option value="(masked|mr|ms)"[^>]*>([^<]+)</g)].map((m) => m[2])).toEqual(['例如：陈***', '例如：陈先生', '例如：陈女士']);
    // Nothing says a script is needed: the form works without one.
    expect(html).not.toContain('<noscript>');
    // In English with ?lang=en, and it posts back to the page in English.
    const english = await (await page(`/s/${siteId}/write?lang=en&embed=1`)).text();
    expect(english).toContain(`action="/s/${siteId}/write?embed=1&amp;lang=en"`);
    expect(english).toContain('<button type="submit">Send message</button>');
  });

  it('stores what was sent and shows the tracking code once, never cached; the code finds the message', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await send(siteId, filled(eduUnit, { 'author.email': 'chenming@example.com', isPublic: 'false' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const html = await response.text();
    const code = codeOn(html);
    expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    expect(html).toContain('留言已提交');
    expect(html).toContain('这是一条不公开的留言。');
    expect(html).toContain(`<a href="/s/${siteId}/track">查询留言</a>`);
    // The page says the code, never who wrote.
    expect(html).not.toContain(AUTHOR.phone);
    expect(html).not.toContain('chenming@example.com');
    const tracked = await (await track(siteId, code!)).json<TrackedMessage>();
    expect(tracked.title).toBe('城关小学门口早晚高峰拥堵');
    const row = await messageRow(tracked.id);
    expect(row).toMatchObject({ unit_id: eduUnit, is_public: 0, region: '测试县城关镇', source_origin: 'https://liuyan.test' });
    expect(row!.author_phone_enc).not.toContain(AUTHOR.phone);
  });

  it('takes 有回复时通知我 as the element does: a notice to the e-mail given, none for a box left ticked on an address cleared; still ticked when sent back', async () => {
    const { siteId, eduUnit } = await createSite();
    const html = await (await page(`/s/${siteId}/write`)).text();
    // The e-mail choice only (the site sends no SMS), shown by CSS once an address is typed, which its space of a placeholder tells.
    expect(html).toContain('<fieldset class="liuyan-field liuyan-notify"><legend>有回复时通知我</legend><label class="liuyan-choice liuyan-block liuyan-notify-email"><input id="liuyan-notify.email" name="notify.email" type="checkbox" value="true"><span>邮件通知（发送到上面的邮箱）</span></label>');
    expect(html).not.toContain('notify.sms');
    expect(html).toMatch(/id="liuyan-author\.email"[^>]* placeholder=" "/);
    expect(html).toContain('.plain-form:has(.liuyan-notify-email):has([name="author.email"]:not(:placeholder-shown)) .liuyan-notify{display:grid}');
    const stored = async (fields: Record<string, string>) => {
      const code = codeOn(await (await send(siteId, filled(eduUnit, fields))).text());
      const tracked = await (await track(siteId, code!)).json<TrackedMessage>();
      return messageRow(tracked.id);
    };
    expect(await stored({ 'author.email': 'chenming@example.com', 'notify.email': 'true' })).toMatchObject({ notify_email: 1, notify_sms: 0 });
    // Ticked, then the address cleared: the box went out of sight with it, and is asked for no more (not refused for want of an address).
    expect(await stored({ title: '另一件事', 'notify.email': 'true' })).toMatchObject({ notify_email: 0 });
    const back = await (await send(siteId, filled(eduUnit, { title: '', 'author.email': 'chenming@example.com', 'notify.email': 'true' }))).text();
    expect(back).toContain('name="notify.email" type="checkbox" value="true" checked>');
  });

  it('stores one message when the same form is sent twice (提交 pressed again, the page reloaded), showing the same code', async () => {
    const { siteId, eduUnit } = await createSite();
    const form = filled(eduUnit);
    const [first, second] = await Promise.all([send(siteId, form), send(siteId, form)]);
    const again = await send(siteId, form);
    const codes = await Promise.all([first, second, again].map(async (r) => codeOn(await r.text())));
    expect(codes[0]).toBeDefined();
    expect(new Set(codes).size).toBe(1);
    expect(await countRows('messages', siteId)).toBe(1);
  });

  // A script reads the write page once, waits out the fill time, and posts message after message
  // with the one key the page drew: a page's key stores one message.
  it('stores one message a page: another sent with its key is shown again to be confirmed with a key of its own, everything kept, nothing stored', async () => {
    const { siteId, eduUnit } = await createSite();
    const form = filled(eduUnit);
    const code = codeOn(await (await send(siteId, form)).text());
    const other = await send(siteId, { ...form, title: '另一件事', body: '城关小学门口的路灯坏了三天，晚上很黑，孩子放学看不清路。' });
    expect(other.status).toBe(422);
    const html = await other.text();
    expect(codeOn(html)).toBeUndefined();
    expect(html).toContain('<p class="liuyan-error" id="liuyan-form-error" role="alert" tabindex="-1" autofocus>请再提交一次：这个页面已经过期，填写的内容都在下面。</p>');
    expect(html).toContain('value="另一件事"');
    expect(html).toContain('城关小学门口的路灯坏了三天，晚上很黑，孩子放学看不清路。</textarea>');
    const fresh = /name="idempotencyKey" value="([0-9a-f]{32})"/.exec(html)![1]!;
    expect(fresh).not.toBe(await drawn.get(siteId + form.idempotencyKey));
    expect(await countRows('messages', siteId)).toBe(1);
    // The same message again is still the one stored, with its code.
    expect(codeOn(await (await send(siteId, form)).text())).toBe(code);
    // Confirmed from the page it was shown again on: stored, and screened as a confirmation is
    // (sent within a second of that page: held for a moderator).
    const confirmed = await send(siteId, { ...form, title: '另一件事', body: '城关小学门口的路灯坏了三天，晚上很黑，孩子放学看不清路。', idempotencyKey: fresh });
    const tracked = await (await track(siteId, codeOn(await confirmed.text())!)).json<TrackedMessage>();
    expect(tracked.title).toBe('另一件事');
    expect((await messageRow(tracked.id))!.held_for).toBe('["too_fast"]');
    expect(await countRows('messages', siteId)).toBe(2);
  });

  it('stores one message of many different ones posted at once with one page’s key', async () => {
    const { siteId, eduUnit } = await createSite();
    const key = await drawnKey(siteId, 10_000);
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => send(siteId, filled(eduUnit, { idempotencyKey: key, title: `第${i + 1}件事：城关小学门口拥堵` }))));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 422, 422, 422, 422, 422]);
    expect(await countRows('messages', siteId)).toBe(1);
  });

  it('stores a message in 3 queries (the site, the page’s reads with the key’s, the write batch), and refuses another under its key in 2', async () => {
    const { siteId, eduUnit } = await createSite();
    const form = filled(eduUnit);
    const stored = await send(siteId, form);
    expect(stored.status).toBe(200);
    expect(d1Cost(stored).queries).toBe(3);
    const other = await send(siteId, { ...form, title: '另一件事' });
    expect(other.status).toBe(422);
    expect(d1Cost(other).queries).toBe(2);
    // A form with an error: the site, then the page's reads with the screening settings.
    const wrong = await send(siteId, filled(eduUnit, { title: '' }));
    expect(wrong.status).toBe(422);
    expect(d1Cost(wrong).queries).toBe(2);
  });

  // Without a script, Back from the receipt serves the form anew (no cache keeps it) with a key of its
  // own, and the citizen, unsure it went, sends it again.
  it('stores one message when it is sent again from the form served anew after Back, by the same browser; another message from there is another', async () => {
    const { siteId, eduUnit } = await createSite();
    const form = filled(eduUnit);
    const first = await send(siteId, form);
    const cookie = /^(__Host-liuyan_form=[0-9a-f]{48});/.exec(first.headers.get('Set-Cookie') ?? '')?.[1];
    expect(first.headers.get('Set-Cookie')).toMatch(/; Max-Age=3600; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const code = codeOn(await first.text());
    const again = await send(siteId, { ...form, idempotencyKey: await drawnKey(siteId) }, { headers: { Cookie: cookie! } });
    expect(codeOn(await again.text())).toBe(code);
    expect(await countRows('messages', siteId)).toBe(1);
    const other = await send(siteId, { ...form, title: '另一件事', idempotencyKey: await drawnKey(siteId) }, { headers: { Cookie: cookie! } });
    expect(codeOn(await other.text())).not.toBe(code);
    // Nor does the cookie let the first page's key store a second message.
    const reused = await send(siteId, { ...form, title: '第三件事' }, { headers: { Cookie: cookie! } });
    expect(reused.status).toBe(422);
    expect(await countRows('messages', siteId)).toBe(2);
    // A key the service did not draw for this site, in the cookie, counts for nothing.
    const madeUp = await send(siteId, { ...form, idempotencyKey: await drawnKey(siteId) }, { headers: { Cookie: '__Host-liuyan_form=0123456789abcdef0123456789abcdef' } });
    expect(codeOn(await madeUp.text())).not.toBe(code);
    expect(await countRows('messages', siteId)).toBe(3);
  });

  it('never gives a message’s code to anyone else who sends the same text (another page, another key)', async () => {
    const { siteId, eduUnit } = await createSite();
    const form = filled(eduUnit, { isPublic: 'false' });
    const mine = codeOn(await (await send(siteId, form)).text());
    const theirs = codeOn(await (await send(siteId, { ...form, idempotencyKey: `draw:${crypto.randomUUID()}` })).text());
    expect(theirs).toBeDefined();
    expect(theirs).not.toBe(mine);
    expect(await countRows('messages', siteId)).toBe(2);
    // Each page served has its own key, and no cache keeps the page.
    const [a, b] = await Promise.all([page(`/s/${siteId}/write`), page(`/s/${siteId}/write`)]);
    expect(a.headers.get('Cache-Control')).toBe('no-store');
    const key = (html: string) => /name="idempotencyKey" value="([0-9a-f]{32})"/.exec(html)?.[1];
    const [keyA, keyB] = [key(await a.text()), key(await b.text())];
    expect(keyA).toBeDefined();
    expect(keyA).not.toBe(keyB);
    // A form sent with a key the service never drew is shown again, with one, to be sent from it; nothing is stored.
    const again = await send(siteId, filled(eduUnit, { title: '没有钥匙的表单', idempotencyKey: 'not-a-key' }));
    expect(again.status).toBe(422);
    const html = await again.text();
    expect(html).toContain('请再提交一次：这个页面已经过期');
    expect(key(html)).toBeDefined();
    expect(html).toContain('value="没有钥匙的表单"');
    expect(await countRows('messages', siteId)).toBe(2);
  });

  it('takes a long letter in Chinese (2,000 characters, 18 KB percent-encoded)', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await send(siteId, filled(eduUnit, { body: '路'.repeat(2000) }));
    expect(response.status).toBe(200);
    expect(codeOn(await response.text())).toBeDefined();
  });

  it('says every error at once, the site’s minimum lengths with the contract’s', async () => {
    const { siteId, eduUnit } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    expect((await consoleRequest('/v1/admin/site', { as: admin, method: 'PATCH', body: { titleMin: 4, bodyMin: 10 } })).status).toBe(200);
    const html = await (await send(siteId, filled(eduUnit, { title: '短', body: '太短', 'author.phone': '12' }))).text();
    expect(html).toContain('<p class="liuyan-error" id="liuyan-title-error">标题至少需要4个字</p>');
    expect(html).toContain('<p class="liuyan-error" id="liuyan-body-error">留言内容至少需要10个字</p>');
    expect(html).toMatch(/<p class="liuyan-error" id="liuyan-author\.phone-error">/);
    // Nothing chosen is asked for, as the recipient is; not called a choice the form does not offer.
    const unchosen = await (await send(siteId, filled(eduUnit, { unitId: '', type: '', domain: '' }), { query: '?lang=en' })).text();
    expect(unchosen).toContain('<p class="liuyan-error" id="liuyan-unitId-error">Please choose the recipient</p>');
    expect(unchosen).toContain('<p class="liuyan-error" id="liuyan-type-error">Please choose the message type</p>');
    expect(unchosen).toContain('<p class="liuyan-error" id="liuyan-domain-error">Please choose the domain</p>');
  });

  it('says a banned word beside its field together with every other error, confirming a form typed elsewhere too', async () => {
    const { siteId, eduUnit } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    expect((await consoleRequest('/v1/admin/protection', {
      as: admin, method: 'PUT', body: { bannedWords: ['法轮功'], holdWords: [], holdLinks: true, holdPhones: true, minFillSeconds: 5, turnstileSiteKey: null, retentionDays: 365 },
    })).status).toBe(200);
    const typed = filled(eduUnit, { title: '', body: '城关镇有人发法轮功传单，孩子上学路上经常被塞。', region: '法轮功村', 'author.phone': '12' });
    const html = await (await send(siteId, typed)).text();
    expect(html).toContain('<p class="liuyan-error" id="liuyan-title-error">请填写标题</p>');
    expect(html).toContain('<p class="liuyan-error" id="liuyan-body-error">留言内容含有本站不允许发布的词语，请修改后再提交</p>');
    expect(html).toContain('<p class="liuyan-error" id="liuyan-region-error">所在地区含有本站不允许发布的词语，请修改后再提交</p>');
    expect(html).toMatch(/<p class="liuyan-error" id="liuyan-author\.phone-error">/);
    // In English, and on the form typed on the site's own website, shown here to be confirmed.
    const { idempotencyKey: _, ...elsewhere } = typed;
    const confirm = await (await send(siteId, elsewhere, { origin: ALLOWED_ORIGIN, query: '?lang=en' })).text();
    expect(confirm).toContain('<p class="liuyan-error" id="liuyan-body-error">The message holds words this site does not accept; please change it and send again</p>');
    expect(confirm).toMatch(/<p class="liuyan-error" id="liuyan-title-error">[^<]+<\/p>/);
    expect(await countRows('messages', siteId)).toBe(0);
  });

  it('answers what cannot be stored with the form again: every value kept, each error beside its field, in the page’s language', async () => {
    const { siteId, eduUnit } = await createSite();
    const typed = filled(eduUnit, { title: '', phone: '', 'author.phone': '12345', body: '路灯坏了<script>alert(1)</script>', consent: '' });
    delete typed.consent;
    const response = await send(siteId, typed);
    expect(response.status).toBe(422);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain('<p class="liuyan-error" id="liuyan-title-error">请填写标题</p>');
    expect(html).toMatch(/<p class="liuyan-error" id="liuyan-author\.phone-error">[^<]*手机号[^<]*<\/p>/);
    expect(html).toContain('<p class="liuyan-error" id="liuyan-consent-error">请阅读并同意隐私声明</p>');
    // Each control in error names its line; the others name none, since none is there.
    expect(html).toMatch(/id="liuyan-title"[^>]* aria-describedby="liuyan-title-error"/);
    expect(html).toMatch(/id="liuyan-consent"[^>]* aria-describedby="liuyan-consent-error liuyan-privacy-notice"/);
    expect(html).not.toMatch(/id="liuyan-region"[^>]* aria-describedby/);
    // The first field in error takes the focus as the page opens (no script to move it there).
    expect(html).toContain('id="liuyan-title" name="title" type="text" value="" autocomplete="off" placeholder="" required aria-invalid="true" autofocus');
    expect(html.match(/ autofocus/g)).toHaveLength(1);
    // What was typed is there to fix, as text.
    expect(html).toContain('>路灯坏了&lt;script&gt;alert(1)&lt;/script&gt;</textarea>');
    expect(html).toContain(`value="${AUTHOR.name}"`);
    expect(html).toContain('value="12345"');
    expect(html).toContain(`<option value="${eduUnit}" selected>`);
    expect(html).not.toContain('<script>alert(1)');
    expect(await countRows('messages', siteId)).toBe(0);
    const english = await (await send(siteId, typed, { query: '?lang=en' })).text();
    expect(english).toMatch(/<p class="liuyan-error" id="liuyan-title-error">[^<]*title[^<]*<\/p>/i);
    // A unit that no longer takes messages is said beside the picker.
    const gone = await (await send(siteId, filled(`${siteId}_old`))).text();
    expect(gone).toMatch(/<p class="liuyan-error" id="liuyan-unitId-error">[^<]+<\/p>/);
  });

  it('shows every script-injection payload it is sent back with as text, in every field', async () => {
    const { siteId, eduUnit } = await createSite();
    for (const { text } of XSS_PAYLOADS) {
      // A phone that is no number: the form comes back with every text in it.
      const html = await (await send(siteId, filled(eduUnit, { title: text, body: text, region: text, 'author.name': text, 'author.phone': '1' }))).text();
      if (/[<>"'&]/.test(text)) expect(html, text).not.toContain(text);
      expect(html, text).toContain(`>${escaped(text)}</textarea>`);
      expect(html, text).toContain(`id="liuyan-title" name="title" type="text" value="${escaped(text)}"`);
    }
    expect(await countRows('messages', siteId)).toBe(0);
  });

  it('says a limit reached above the form, keeping what was typed (429)', async () => {
    const { siteId, eduUnit } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    expect((await consoleRequest('/v1/admin/site', { as: admin, method: 'PATCH', body: { submissionLimits: { perAddressHour: 1, perPhoneDay: 5, perSiteMinute: 30 } } })).status).toBe(200);
    const address = { 'CF-Connecting-IP': '198.51.100.7' };
    expect((await send(siteId, filled(eduUnit), { headers: address })).status).toBe(200);
    const refused = await send(siteId, filled(eduUnit, { title: '第二件事' }), { headers: address });
    expect(refused.status).toBe(429);
    const html = await refused.text();
    expect(html).toMatch(/<p class="liuyan-error" id="liuyan-form-error" role="alert" tabindex="-1" autofocus>提交太频繁，请\d+分钟后再试。<\/p>/);
    expect(html).toContain('value="第二件事"');
    expect(await countRows('messages', siteId)).toBe(1);
  });

  it('holds a form whose hidden field was filled for a moderator, as the element’s', async () => {
    const { siteId, eduUnit } = await createSite();
    const html = await (await send(siteId, filled(eduUnit, { homepage: 'http://spam.example' }))).text();
    const tracked = await (await track(siteId, codeOn(html)!)).json<TrackedMessage>();
    expect((await messageRow(tracked.id))!.held_for).toBe('["honeypot"]');
  });

  // A spam script reads the page and posts its form at once, without running a script: the key
  // the page drew says when, as the element's own fill time does (the site's minimum: 5 s).
  it('holds a form sent sooner after its page was served than the site’s minimum fill time, as the element’s; a key made to look older is not taken', async () => {
    const { siteId, eduUnit } = await createSite();
    const heldFor = async (html: string) => (await messageRow((await (await track(siteId, codeOn(html)!)).json<TrackedMessage>()).id))!.held_for;
    const served = await (await page(`/s/${siteId}/write`)).text();
    const key = /name="idempotencyKey" value="([0-9a-f]{32})"/.exec(served)![1]!;
    expect(await heldFor(await (await send(siteId, filled(eduUnit, { idempotencyKey: key }))).text())).toBe('["too_fast"]');
    // Ten seconds of writing: taken as a person's.
    const written = await drawnKey(siteId, 10_000);
    expect(await heldFor(await (await send(siteId, filled(eduUnit, { title: '另一件事', idempotencyKey: written }))).text())).toBeNull();
    // The second it was drawn changed by hand: a key the service did not draw, shown again to be sent, nothing stored.
    const older = (parseInt(key.slice(0, 11), 16) - 60_000).toString(16).padStart(11, '0') + key.slice(11);
    const forged = await send(siteId, filled(eduUnit, { title: '第三件事', idempotencyKey: older }));
    expect(forged.status).toBe(422);
    expect(await forged.text()).toContain('请再提交一次：这个页面已经过期');
    // A key drawn for another site is not this site's; one drawn more than a day ago has expired.
    const other = await createSite();
    expect((await send(siteId, filled(eduUnit, { title: '第四件事', idempotencyKey: await drawnKey(other.siteId) }))).status).toBe(422);
    const expired = await send(siteId, filled(eduUnit, { title: '第五件事', idempotencyKey: await drawnKey(siteId, 25 * 3_600_000) }));
    expect(expired.status).toBe(422);
    expect(await expired.text()).toContain('value="第五件事"');
    expect(await countRows('messages', siteId)).toBe(2);
  });

  it('holds a form typed elsewhere and confirmed within a second of its confirmation page, not one confirmed later', async () => {
    const { siteId, eduUnit } = await createSite();
    const heldFor = async (response: Response) => (await messageRow((await (await track(siteId, codeOn(await response.text())!)).json<TrackedMessage>()).id))!.held_for;
    const { idempotencyKey: _, ...sent } = filled(eduUnit);
    const confirm = await (await send(siteId, sent, { origin: ALLOWED_ORIGIN })).text();
    const key = /name="idempotencyKey" value="([0-9a-f]{32})"/.exec(confirm)![1]!;
    expect(await heldFor(await send(siteId, { ...sent, idempotencyKey: key }))).toBe('["too_fast"]');
    // Timed to the millisecond: 900 ms on the page is held, whatever the second it began in.
    expect(await heldFor(await send(siteId, { ...sent, title: '第三件事', idempotencyKey: await drawnKey(siteId, 900, 'confirm') }))).toBe('["too_fast"]');
    expect(await heldFor(await send(siteId, { ...sent, title: '另一件事', idempotencyKey: await drawnKey(siteId, 2_000, 'confirm') }))).toBeNull();
  });

  it('takes a form only from the service’s own pages, in UTF-8, well formed and small', async () => {
    const { siteId, eduUnit } = await createSite();
    const foreign = await send(siteId, filled(eduUnit), { origin: 'https://evil.example.com' });
    expect(foreign.status).toBe(403);
    // Said as a page in the form's language, with the way back to it, not as JSON.
    expect(foreign.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(await foreign.text()).toContain(`<a href="/s/${siteId}/write">我要留言</a>`);
    expect((await send(siteId, filled(eduUnit), { headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=gbk' } })).status).toBe(415);
    const malformed = await request(`/s/${siteId}/write`, {
      method: 'POST', origin: 'https://liuyan.test', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'title=%E5%9F&unitId=x',
    });
    expect(malformed.status).toBe(400);
    const huge = await send(siteId, filled(eduUnit, { body: '长'.repeat(20_000) }), { query: '?lang=en' });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain(`<a href="/s/${siteId}/write?lang=en">Write</a>`);
    expect(await countRows('messages', siteId)).toBe(0);
  });

  it('is not offered where the form needs its script (an SMS code), and nothing can be sent there without it', async () => {
    const { siteId, eduUnit } = await createSite();
    await env.DB.prepare("INSERT INTO notification_settings (site_id, sms_provider, sms_key_id, sms_secret_enc, sms_sign_name, phone_verification, updated_at) VALUES (?, 'aliyun', 'key', 'sealed', '测试县', 1, '2026-12-01T00:00:00Z')").bind(siteId).run();
    const html = await (await page(`/s/${siteId}/write`)).text();
    expect(html).toContain(`<liuyan-form site="${siteId}" lang="zh-CN" theme="auto"><p class="late" role="status">`);
    expect(html).toContain('<noscript>');
    expect((await send(siteId, filled(eduUnit))).status).toBe(404);
    expect(await countRows('messages', siteId)).toBe(0);
  });
});

describe('the form another website sets into its page (GET /s/:site/form)', () => {
  it('is the write page’s form alone, posting to the write page here, its ids its own, cached as the pages and the same for all', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await page(`/s/${siteId}/form`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=UTF-8');
    expect(response.headers.get('Cache-Control')).toMatch(/public, max-age=60/);
    const html = await response.text();
    // Nothing around it: the element and its form, which posts to this service's write page.
    expect(html).toMatch(new RegExp(`^<liuyan-form site="${siteId}" lang="zh-CN" theme="auto"><style>liuyan-form\\{color-scheme:light;[^<]+</style><form class="plain-form" method="post" action="https://liuyan.test/s/${siteId}/write" accept-charset="utf-8">`));
    // Its style touches the element and the form alone, never the page around them; its hash is in
    // the answer's policy, for a page with a policy of its own to allow it by.
    const style = /<style>([^<]+)<\/style>/.exec(html)![1]!;
    const digest = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(style)))));
    expect(response.headers.get('Content-Security-Policy')).toContain(`style-src 'sha256-${digest}'`);
    for (const rule of style.matchAll(/(?:^|\})\s*([^{}@]+)\{/g)) expect(rule[1]!.trim()).toMatch(/^(liuyan-form|\.plain-form)/);
    expect(html.trimEnd()).toMatch(/<\/form><\/liuyan-form>$/);
    expect(html).toContain(`<option value="${eduUnit}">测试县教育局</option>`);
    // Every id begins with the prefix, so none meets the host page's own (`title`, `body`).
    const ids = [...html.matchAll(/ (?:id|for)="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(15);
    for (const id of ids) expect(id).toMatch(/^liuyan-/);
    for (const list of html.matchAll(/aria-describedby="([^"]+)"/g)) for (const id of list[1]!.split(' ')) expect(id).toMatch(/^liuyan-/);
    // And each names a line that is there: no error line is named before it has an error.
    for (const list of html.matchAll(/aria-describedby="([^"]+)"/g)) for (const id of list[1]!.split(' ')) expect(ids).toContain(id);
    // So are its class names: the page's own rules (`.row`, `.label`, `.error` of a CSS framework) never reach it.
    for (const list of html.matchAll(/ class="([^"]+)"/g)) for (const name of list[1]!.split(' ')) expect(name).toMatch(/^(plain-form$|liuyan-)/);
    // The hidden field is hidden without the service's style sheet, which the host page has not.
    expect(html).toContain('<div class="liuyan-hp" hidden>');
    // No key: a cache gives this to everyone.
    expect(html).not.toContain('idempotencyKey');
    expect((await (await page(`/s/${siteId}/form`)).text())).toBe(html);
    // In English, posting to the write page in English, and in a theme when asked.
    const english = await (await page(`/s/${siteId}/form?lang=en&theme=dark`)).text();
    expect(english).toMatch(new RegExp(`^<liuyan-form site="${siteId}" lang="en" theme="dark"><style>liuyan-form\\{color-scheme:dark;[^<]+</style><form [^>]*action="https://liuyan.test/s/${siteId}/write\\?lang=en&amp;theme=dark"`));
    expect(english).toContain('<button type="submit">Send message</button>');
  });

  it('sent from the site’s website without a script: shown once more on the write page to confirm, then stored once', async () => {
    const { siteId, eduUnit } = await createSite();
    const { idempotencyKey: _, ...sent } = filled(eduUnit, { title: '县城主干道路灯不亮' });
    const confirm = await send(siteId, sent, { origin: ALLOWED_ORIGIN });
    expect(confirm.status).toBe(422);
    const html = await confirm.text();
    // Said first: the focus is on it as the page opens.
    expect(html).toContain('<p class="liuyan-error" id="liuyan-form-error" role="alert" tabindex="-1" autofocus>请核对后再提交一次：填写的内容都在下面。</p>');
    expect(html).toContain('value="县城主干道路灯不亮"');
    expect(html).toContain(`value="${AUTHOR.phone}"`);
    expect(await countRows('messages', siteId)).toBe(0);
    const key = /name="idempotencyKey" value="([0-9a-f]{32})"/.exec(html)?.[1];
    expect(key).toBeDefined();
    // The website it was sent from goes on with it, signed, as the message's source.
    const signature = new RegExp(`name="source" value="${ALLOWED_ORIGIN}"><input type="hidden" name="sourceSignature" value="([^"]+)">`).exec(html)?.[1];
    expect(signature).toBeDefined();
    const confirmed = { ...sent, idempotencyKey: key!, source: ALLOWED_ORIGIN, sourceSignature: signature! };
    // Sent again from that page (the write page's own origin), twice: one message, one code.
    const [first, second] = await Promise.all([send(siteId, confirmed), send(siteId, confirmed)]);
    const codes = await Promise.all([first, second].map(async (r) => codeOn(await r.text())));
    expect(codes[0]).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    expect(codes[1]).toBe(codes[0]);
    expect(await countRows('messages', siteId)).toBe(1);
    const tracked = await (await track(siteId, codes[0]!)).json<TrackedMessage>();
    expect((await messageRow(tracked.id))!.source_origin).toBe(ALLOWED_ORIGIN);
    // A source made up (or signed for another key) is not taken: the message is the write page's.
    const madeUp = await send(siteId, { ...sent, title: '另一条县政府网站上的留言', idempotencyKey: `draw:${crypto.randomUUID()}`, source: ALLOWED_ORIGIN, sourceSignature: signature! });
    const other = await (await track(siteId, codeOn(await madeUp.text())!)).json<TrackedMessage>();
    expect((await messageRow(other.id))!.source_origin).toBe('https://liuyan.test');
    // From a page with a strict referrer policy (`no-referrer`) the browser sends `Origin: null`: shown
    // to be confirmed all the same, with what to correct first; sent with a key so, refused.
    const anonymous = await send(siteId, { ...sent, title: '' }, { origin: 'null' });
    expect(anonymous.status).toBe(422);
    const again = await anonymous.text();
    expect(again).toContain('请核对后再提交一次');
    expect(again).toContain('<p class="liuyan-error" id="liuyan-title-error">请填写标题</p>');
    expect(again).toContain('id="liuyan-title" name="title" type="text" value="" autocomplete="off" placeholder="" required aria-invalid="true" autofocus');
    expect((await send(siteId, { ...sent, idempotencyKey: key! }, { origin: 'null' })).status).toBe(403);
    expect(await countRows('messages', siteId)).toBe(2);
    // A website the site does not list is refused, keyed or not.
    expect((await send(siteId, sent, { origin: 'https://county.example.net' })).status).toBe(403);
    expect((await send(siteId, filled(eduUnit), { origin: 'https://county.example.net' })).status).toBe(403);
  });

  it('preselects the unit asked for (a department’s own page, ?unit=), on the write page too; one it does not list is ignored', async () => {
    const { siteId, eduUnit, inactiveUnit } = await createSite();
    for (const path of [`/s/${siteId}/form?unit=${eduUnit}`, `/s/${siteId}/write?unit=${eduUnit}`]) {
      const html = await (await page(path)).text();
      expect(html, path).toMatch(new RegExp(`<liuyan-form site="${siteId}" lang="zh-CN" theme="auto" unit="${eduUnit}">`));
      expect(html, path).toContain(`<option value="${eduUnit}" selected>测试县教育局</option>`);
      expect(html.match(/ selected>/g), path).toHaveLength(2); // the unit and the display name's default
      // As served, not as sent: the element's own choice (a draft) may still win over it.
      expect(html, path).not.toContain('data-sent');
    }
    for (const unit of [inactiveUnit, 'u_nowhere', '"><script>alert(1)</script>']) {
      const html = await (await page(`/s/${siteId}/form?unit=${encodeURIComponent(unit)}`)).text();
      expect(html, unit).toMatch(new RegExp(`^<liuyan-form site="${siteId}" lang="zh-CN" theme="auto"><style>`));
      expect(html, unit).not.toContain(`" selected>测试县`);
    }
  });

  it('is the element alone where the form needs its script, and nothing where the hosted pages are off', async () => {
    const { siteId } = await createSite();
    await env.DB.prepare("INSERT INTO notification_settings (site_id, sms_provider, sms_key_id, sms_secret_enc, sms_sign_name, phone_verification, updated_at) VALUES (?, 'aliyun', 'key', 'sealed', '测试县', 1, '2026-12-01T00:00:00Z')").bind(siteId).run();
    expect(await (await page(`/s/${siteId}/form`)).text()).toBe(`<liuyan-form site="${siteId}" lang="zh-CN" theme="auto"></liuyan-form>\n`);
    await env.DB.prepare('UPDATE sites SET hosted_pages = 0 WHERE id = ?').bind(siteId).run();
    expect((await page(`/s/${siteId}/form`)).status).toBe(404);
  });
});

describe('the same form as data, for the widget’s loader (GET /v1/sites/:site/form)', () => {
  /** The form and its stylesheet as `GET /s/:site/form` writes them. */
  async function asIncluded(query: string) {
    const html = await (await page(`/s/${query}`)).text();
    return { form: /<form class="plain-form"[\s\S]*<\/form>/.exec(html)![0], style: /<style>([^<]+)<\/style>/.exec(html)![1] };
  }

  it('is the form other websites set into their pages, tree for tree, in the language, theme and unit asked for; only to the site’s websites', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await request(`/v1/sites/${siteId}/form`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=60');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED_ORIGIN);
    const data = await response.json<SiteForm>();
    const included = await asIncluded(`${siteId}/form?lang=zh-CN`);
    expect(String(formHtml(data.form!))).toBe(included.form);
    // For an element with no theme, the element's own look: Liuyan's light colours, no surface or room
    // around the form; a colour the page gives the element (its public token) wins.
    expect(data.style).toMatch(/^liuyan-form\{color-scheme:light;--primary:#b5121b;/);
    expect(data.style).not.toContain(':not(:defined)');
    // No theme: nothing follows the system's light, dark or contrast setting.
    expect(data.style).not.toMatch(/@media[^{]*prefers-/);
    expect(data.style).toContain('background:var(--liuyan-color-primary,var(--primary))');
    expect(data.form!.attributes.action).toBe(`https://liuyan.test/s/${siteId}/write?lang=zh-CN`);

    const asked = await (await request(`/v1/sites/${siteId}/form?lang=en&theme=dark&unit=${eduUnit}`)).json<SiteForm>();
    const english = await asIncluded(`${siteId}/form?lang=en&theme=dark&unit=${eduUnit}`);
    expect(String(formHtml(asked.form!))).toBe(english.form);
    // In English, the unit's Chinese name is marked so (WCAG 3.1.2), as on the write page.
    expect(english.form).toContain(`<option value="${eduUnit}" lang="zh" selected>`);
    expect(asked.style).toBe(english.style);
    // A unit it does not list is not chosen.
    const elsewhere = await (await request(`/v1/sites/${siteId}/form?unit=u_nowhere`)).json<SiteForm>();
    expect(String(formHtml(elsewhere.form!))).not.toContain('" selected>测试县');

    // Another website's page gets nothing; a wrong value is named.
    const foreign = await request(`/v1/sites/${siteId}/form`, { origin: 'https://county.example.net' });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).not.toContain('plain-form');
    const wrong = await (await request(`/v1/sites/${siteId}/form?lang=fr&theme=pink`)).json<{ errors: { field: string }[] }>();
    expect(wrong.errors.map((e) => e.field).sort()).toEqual(['lang', 'theme']);
  });

  it('is null where the write page has no plain form (the SMS code, hosted pages off) and for a drive that takes no messages; a drive’s form is the drive’s', async () => {
    const { siteId, eduUnit, transportUnit } = await createSite();
    const day = 86_400_000;
    const campaignId = await createCampaign(siteId, { slug: 'jianyan', startsAt: new Date(Date.now() - day), endsAt: new Date(Date.now() + 30 * day) });
    await env.DB.prepare("UPDATE campaigns SET unit_ids = ?, types = '[\"suggestion\"]', domains = '[\"education\"]' WHERE id = ?").bind(JSON.stringify([eduUnit]), campaignId).run();
    const drive = await (await request(`/v1/sites/${siteId}/form?campaign=jianyan`)).json<SiteForm>();
    const form = String(formHtml(drive.form!));
    expect(form).toContain('<input type="hidden" name="campaign" value="jianyan">');
    expect(form).toContain(eduUnit);
    expect(form).not.toContain(transportUnit);
    const none = { form: null, style: null };
    expect(await (await request(`/v1/sites/${siteId}/form?campaign=nothing`)).json()).toEqual(none);
    // A drive that takes messages on a partner's website only: none for any other (the element says where).
    await env.DB.prepare('UPDATE campaigns SET outlets = ? WHERE id = ?').bind(JSON.stringify([{ name: '示范日报', origin: 'https://news.example.cn' }]), campaignId).run();
    expect(await (await request(`/v1/sites/${siteId}/form?campaign=jianyan`)).json()).toEqual(none);
    expect((await (await request(`/v1/sites/${siteId}/form?campaign=jianyan`, { origin: 'https://news.example.cn' })).json<SiteForm>()).form).not.toBeNull();
    await env.DB.prepare('UPDATE campaigns SET ends_at = ? WHERE id = ?').bind(new Date(Date.now() - 1000).toISOString(), campaignId).run();
    expect(await (await request(`/v1/sites/${siteId}/form?campaign=jianyan`)).json()).toEqual(none);

    await env.DB.prepare('UPDATE sites SET hosted_pages = 0 WHERE id = ?').bind(siteId).run();
    expect(await (await request(`/v1/sites/${siteId}/form`)).json()).toEqual(none);
    await env.DB.prepare('UPDATE sites SET hosted_pages = 1 WHERE id = ?').bind(siteId).run();
    expect((await (await request(`/v1/sites/${siteId}/form`)).json<SiteForm>()).form).not.toBeNull();
    await env.DB.prepare("INSERT INTO notification_settings (site_id, sms_provider, sms_key_id, sms_secret_enc, sms_sign_name, phone_verification, updated_at) VALUES (?, 'aliyun', 'key', 'sealed', '测试县', 1, '2026-12-01T00:00:00Z')").bind(siteId).run();
    expect(await (await request(`/v1/sites/${siteId}/form`)).json()).toEqual(none);
  });
});

describe('a suggestion drive’s page (/s/:site/campaigns/:slug) with its form as HTML', () => {
  it('offers the drive’s choices only, sends to the drive (confirmed once), and offers no form once the drive has ended', async () => {
    const { siteId, eduUnit, transportUnit } = await createSite();
    const day = 86_400_000;
    const campaignId = await createCampaign(siteId, { slug: 'jianyan', startsAt: new Date(Date.now() - day), endsAt: new Date(Date.now() + 30 * day) });
    await env.DB.prepare("UPDATE campaigns SET unit_ids = ?, types = '[\"suggestion\"]', domains = '[\"education\"]' WHERE id = ?").bind(JSON.stringify([eduUnit]), campaignId).run();
    const html = await (await page(`/s/${siteId}/campaigns/jianyan`)).text();
    // The write page asked for the drive sends the reader to it (it gave the site's own form, outside the drive).
    for (const [asked, to] of <const>[['?campaign=jianyan', ''], ['?campaign=jianyan&lang=en', '?lang=en'], ['?campaign=%E4%B8%93%E6%A0%8F', '']]) {
      const redirect = await page(`/s/${siteId}/write${asked}`);
      expect(redirect.status, asked).toBe(302);
      expect(redirect.headers.get('Location'), asked).toBe(`/s/${siteId}/campaigns/${asked.includes('%') ? '%E4%B8%93%E6%A0%8F' : 'jianyan'}${to}`);
    }
    const form = /<form class="plain-form"[\s\S]*<\/form>/.exec(html)![0];
    expect(form).toContain('<input type="hidden" name="campaign" value="jianyan">');
    expect(form).toContain(`<option value="${eduUnit}">测试县教育局</option>`);
    expect(form).not.toContain(transportUnit);
    // One type, chosen already; the drive's one domain.
    expect(form.match(/name="type"/g)).toHaveLength(1);
    expect(form).toMatch(/name="type" value="suggestion"[^>]* checked/);
    const domains = /<select id="liuyan-domain"[\s\S]*?<\/select>/.exec(form)![0];
    expect(domains.match(/<option value="[a-z_]+">/g)).toEqual(['<option value="education">']);

    // Sent without a script from the drive's page: confirmed once on the write page, with the drive's choices, then stored in the drive.
    const { idempotencyKey: _, ...sent } = filled(eduUnit, { type: 'suggestion', campaign: 'jianyan', title: '建议在城关小学门口设家长等候区' });
    const confirm = await send(siteId, sent);
    expect(confirm.status).toBe(422);
    const again = await confirm.text();
    expect(again).toContain(`<liuyan-form site="${siteId}" campaign="jianyan" lang="zh-CN" theme="auto">`);
    // It names the drive, and leads back to it.
    expect(again).toContain(`<p><a class="back" href="/s/${siteId}/campaigns/jianyan">‹ 专栏 jianyan</a></p>`);
    // What the drive does not offer is said beside its field at once.
    const outside = await (await send(siteId, { ...sent, unitId: transportUnit, type: 'complaint' })).text();
    expect(outside).toMatch(/<p class="liuyan-error" id="liuyan-unitId-error">[^<]+<\/p>/);
    expect(outside).toMatch(/<p class="liuyan-error" id="liuyan-type-error">[^<]+<\/p>/);
    expect(again).toContain('<input type="hidden" name="campaign" value="jianyan">');
    expect(again).not.toContain(transportUnit);
    const key = /name="idempotencyKey" value="([0-9a-f]{32})"/.exec(again)![1]!;
    const stored = await send(siteId, { ...sent, idempotencyKey: key });
    expect(stored.status).toBe(200);
    const tracked = await (await track(siteId, codeOn(await stored.text())!)).json<TrackedMessage>();
    expect((await messageRow(tracked.id))!.campaign_id).toBe(campaignId);

    // Once it has ended: no form on its page (what the element says instead, said without a script too)…
    await env.DB.prepare('UPDATE campaigns SET ends_at = ? WHERE id = ?').bind(new Date(Date.now() - 1000).toISOString(), campaignId).run();
    const ended = await (await page(`/s/${siteId}/campaigns/jianyan`)).text();
    expect(ended).toContain(`<liuyan-form site="${siteId}" campaign="jianyan" lang="zh-CN" theme="auto"></liuyan-form>\n<noscript><p class="muted">专栏 jianyan已于`);
    // … and a form sent from its page a moment before comes back as the write page's own, everything
    // typed kept and the reason above it, to be sent to the county all the same.
    const late = await send(siteId, { ...sent, idempotencyKey: `draw:${crypto.randomUUID()}`, title: '迟到的建议' });
    expect(late.status).toBe(422);
    const own = await late.text();
    expect(own).toContain('<p class="liuyan-error" id="liuyan-form-error" role="alert" tabindex="-1" autofocus>该专栏已结束，不再接收留言。您填写的内容都在下面；再次提交，将作为普通留言发送给所选单位。</p>');
    expect(own).not.toContain('name="campaign"');
    expect(own).toContain(transportUnit);
    expect(own).toContain('value="迟到的建议"');
    // One whose first day was moved later is said to be not open yet, not to have ended.
    const setDays = (starts: number, ends: number) => env.DB.prepare('UPDATE campaigns SET starts_at = ?, ends_at = ? WHERE id = ?')
      .bind(new Date(Date.now() + starts).toISOString(), new Date(Date.now() + ends).toISOString(), campaignId).run();
    await setDays(day, 30 * day);
    const early = await (await send(siteId, { ...sent, idempotencyKey: `draw:${crypto.randomUUID()}`, title: '早到的建议' })).text();
    expect(early).toContain('role="alert" tabindex="-1" autofocus>该专栏尚未开始征集，请在开始后再留言。您填写的内容都在下面；再次提交，将作为普通留言发送给所选单位。</p>');
    await setDays(-day, -1000);
    const ownKey = /name="idempotencyKey" value="([0-9a-f]{32})"/.exec(own)![1]!;
    const { campaign: _drive, ...ordinary } = sent;
    const kept = await send(siteId, { ...ordinary, title: '迟到的建议', idempotencyKey: ownKey });
    expect(kept.status).toBe(200);
    const keptMessage = await (await track(siteId, codeOn(await kept.text())!)).json<TrackedMessage>();
    expect((await messageRow(keptMessage.id))!.campaign_id).toBeNull();
    expect(await countRows('messages', siteId)).toBe(2);
  });
});
