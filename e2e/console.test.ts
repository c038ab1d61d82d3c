import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createClient } from '../sdk/src';
import { CONSOLE, isFocused, newOfficial, officialApi, pickUnit, sessionCookie, signedIn, signInWith, watchForProblems, type Official } from './console-helpers';
import { citizenPhone, fillForm, focused, TRACKING_CODE, useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';
import { DEMO_ACCOUNTS } from '../worker/seed/demo-accounts';
import { PNG_WITH_GPS } from '../worker/test/photo-fixtures';

const browser = useBrowserPage();



/** Opens a message from a queue tab, loading more of the queue until it shows. */
async function openFromQueue(page: Page, tab: string, title: string): Promise<void> {
  const queue = page.locator('liuyan-console-queue');
  await queue.getByRole('link', { name: new RegExp(`^${tab}`) }).click();
  await expect.poll(() => queue.getByRole('link', { name: new RegExp(`^${tab}`) }).getAttribute('aria-current')).toBe('page');
  await queue.locator('[part="queue"][aria-busy="false"]').waitFor();
  const link = queue.getByRole('link', { name: new RegExp(escapeRegExp(title)) });
  while ((await link.count()) === 0) {
    await queue.getByRole('button', { name: '加载更多' }).click();
    await queue.locator('[part="queue"][aria-busy="false"]').waitFor();
  }
  await link.click();
  await page.locator('liuyan-console-message [part="message"]').waitFor();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Presses an action button and, when it opens a form, lets `fill` complete it and sends it. */
async function act(page: Page, action: string, fill?: (form: ReturnType<Page['locator']>) => Promise<void>, done?: string): Promise<void> {
  const message = page.locator('liuyan-console-message');
  await message.locator('[part="actions"]').getByRole('button', { name: action, exact: true }).click();
  if (fill) {
    const form = message.locator('[part="action-form"]');
    await fill(form);
    await form.locator('button[type="submit"]').click();
  }
  if (done) await message.getByRole('status').getByText(done, { exact: true }).waitFor();
}

/** A fresh responder, made through the admin API as an admin would, so that tests may change it freely. */
async function newResponder(): Promise<Official> {
  return newOfficial({ email: `edu-${Date.now()}@demo.liuyan.local`, displayName: '县教育局办理员', role: 'responder', unitIds: ['u_edu'] },
    await sessionCookie(DEMO_ACCOUNTS.admin));
}

/** A private message to 县教育局, sent as the widget sends one: its id and tracking code. */
async function privateMessage(title: string, body: string): Promise<{ id: string; trackingCode: string }> {
  const sent = await fetch(`${WORKER}/v1/sites/demo/messages`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), Origin: WORKER },
    body: JSON.stringify({
      unitId: 'u_edu', type: 'help', domain: 'education', title, body,
      region: '示范县城关镇', author: { name: '陈明', phone: citizenPhone(), email: null, displayAs: 'masked' }, isPublic: false, consent: true,
    }),
  });
  expect(sent.status).toBe(201);
  return sent.json() as Promise<{ id: string; trackingCode: string }>;
}

const statusOf = (page: Page) => page.locator('liuyan-console-message [part="status"]').textContent();
const actionsOf = (page: Page) => page.locator('liuyan-console-message [part="actions"] button').allTextContents();

describe('the officials’ console at /console/', () => {
  it('is served with a strict CSP, nosniff and no referrer, and runs no inline code; static files say their charset and refuse other methods than GET and HEAD with Allow', async () => {
    const response = await fetch(CONSOLE);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBe("default-src 'self'; img-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<liuyan-console>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/<style|\sstyle=/);
    const script = await fetch(`${WORKER}/console/app.js`);
    expect(script.headers.get('Content-Type')).toMatch(/javascript/);
    // Every static text file says its charset, the ones the platform types without one too.
    for (const path of ['/console/app.js', '/console/app.js.map', '/widget/liuyan.js.map', '/examples/units/county.json', '/console/icon.svg', '/examples/units/county.csv']) {
      const type = (await fetch(`${WORKER}${path}`)).headers.get('Content-Type');
      expect([path, type]).toEqual([path, expect.stringMatching(/;\s*charset=utf-8$/i)]);
    }
    // The static files take GET and HEAD only: another method is refused with 405, saying what is allowed.
    for (const [method, path] of [['PUT', '/widget/liuyan.js'], ['DELETE', '/console/'], ['POST', '/examples/gov-site/'], ['OPTIONS', '/console/app.js']]) {
      const refused = await fetch(`${WORKER}${path}`, { method });
      expect([method, path, refused.status, refused.headers.get('Allow')]).toEqual([method, path, 405, 'GET, HEAD']);
    }
  });

  it('a wrong password is refused with the translated error, and nothing else goes wrong on the page', async () => {
    const { page } = browser;
    const problems = watchForProblems(page);
    await page.goto(CONSOLE);
    await signInWith(page, { email: DEMO_ACCOUNTS.moderator.email, password: 'not-the-password-1' });
    const form = page.locator('liuyan-console-sign-in');
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('邮箱、密码或动态验证码不正确');
    expect(await page.locator('liuyan-console-queue').count()).toBe(0);
    // An empty field is named beside itself, before anything is sent.
    await form.getByLabel('密码').fill('');
    await form.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => form.locator('#password-error').textContent()).toBe('请填写密码');
    expect(await form.getByRole('alert').allTextContents()).toEqual(['请填写密码']);
    // Two at once are one announcement, how many; the focus reads the first with its field.
    await form.getByLabel('电子邮箱').fill('');
    await form.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => form.getByRole('alert').allTextContents()).toEqual(['有2处填写有误，请按各项下方的提示修改。']);
    expect(await form.locator('#email-error').textContent()).toBe('请填写电子邮箱');
    expect(await form.locator('#email-error').getAttribute('role')).toBeNull();
    expect(await form.evaluate((el) => el.shadowRoot!.activeElement?.id)).toBe('email');
    expect(problems).toEqual([]);
  });

  it('the whole loop: a citizen writes, the moderator publishes, 县长 transfers to 县交通运输局, which replies twice and closes; the citizen and the board see it', async () => {
    // A citizen writes to the county head on the county's website and keeps the tracking code.
    const citizen = browser.page;
    await citizen.goto(`${HOST}/`);
    await citizen.locator('liuyan-form [part="form"]').waitFor();
    const title = `县道X205坑洼严重急需修补 ${Date.now() % 1_000_000}`;
    await fillForm(citizen, { title, body: '县道X205从城关到石桥镇一段坑洼很多，雨天积水，电动车经常摔倒，请尽快修补。' });
    await citizen.locator('liuyan-form').getByRole('button', { name: '提交留言' }).click();
    await citizen.locator('liuyan-form [part="tracking-code"]').waitFor();
    const code = (await citizen.locator('liuyan-form [part="tracking-code"]').textContent())!.trim();
    expect(code).toMatch(TRACKING_CODE);

    // The moderator finds it awaiting review and publishes it.
    const moderator = await signedIn(browser, DEMO_ACCOUNTS.moderator);
    await openFromQueue(moderator.page, '待审核', title);
    expect(await actionsOf(moderator.page)).toContain('发布');
    expect(await actionsOf(moderator.page)).not.toContain('回复');
    // Publishing shows it to everyone: the console asks first, as it does before 办结.
    await act(moderator.page, '发布', async (form) => {
      expect(await form.textContent()).toContain('发布后，这条留言将在网站上公开');
    }, '已发布');
    expect(await moderator.page.locator('liuyan-console-message').getByText('已公开').count()).toBeGreaterThan(0);
    expect(await actionsOf(moderator.page)).not.toContain('发布');

    // The county head's responder accepts it and transfers it to the transport bureau.
    const countyHead = await signedIn(browser, DEMO_ACCOUNTS.countyHead);
    await openFromQueue(countyHead.page, '待受理', title);
    await act(countyHead.page, '受理', undefined, '已受理');
    expect(await statusOf(countyHead.page)).toBe('已受理');
    await act(countyHead.page, '转办', async (form) => {
      await pickUnit(form.locator('liuyan-console-unit-picker'), '示范县交通运输局');
      await form.getByLabel('转办原因（公开）').fill('县道养护属县交通运输局职责');
    }, '已转办');
    expect(await countyHead.page.locator('liuyan-console-message [part="unit"]').textContent()).toBe('示范县交通运输局');

    // The transport bureau's responder answers: an interim reply, then the final one, then closes.
    const transport = await signedIn(browser, DEMO_ACCOUNTS.transport);
    // It reached the bureau from elsewhere: its card and its page say so until the bureau answers.
    const transferredCard = transport.page.locator('liuyan-console-queue [part="queue"] li').filter({ hasText: title });
    await transport.page.goto(`${CONSOLE}#/queue?tab=all&q=${encodeURIComponent(title)}`);
    expect(await transferredCard.locator('[part="transferred-from"]').textContent()).toBe('由示范县县长转来');
    await openFromQueue(transport.page, '全部', title);
    expect(await transport.page.locator('liuyan-console-message [part="transferred-from"]').textContent()).toBe('由示范县县长转来');
    await act(transport.page, '回复', async (form) => {
      await form.getByLabel('阶段性回复').check();
      await form.getByLabel('回复内容').fill('已安排养护站现场查看，本周内完成坑洼修补。');
      await expect.poll(() => form.locator('.counter').textContent()).toBe('21/2000');
    }, '回复已发送');
    expect(await statusOf(transport.page)).toBe('办理中');
    expect(await transport.page.locator('liuyan-console-message [part="transferred-from"]').count()).toBe(0);
    await act(transport.page, '回复', async (form) => {
      await form.getByLabel('正式回复').check();
      await form.getByLabel('回复内容').fill('县道X205城关至石桥段坑洼已于本周全部修补完毕，感谢您的监督。');
    }, '回复已发送');
    expect(await statusOf(transport.page)).toBe('已回复');
    await act(transport.page, '办结', async () => {}, '已办结');
    expect(await statusOf(transport.page)).toBe('已办结');
    const consoleTimeline = (await transport.page.locator('liuyan-console-message [part="timeline"]').textContent())!;
    for (const event of ['提交留言', '审核通过并公开', '受理', '转办', '阶段性回复', '正式回复', '办结']) expect(consoleTimeline).toContain(event);
    expect(consoleTimeline).toContain('示范县县长 → 示范县交通运输局');

    // The citizen's tracker shows both replies signed by the bureau, and the whole public history.
    const tracker = citizen.locator('liuyan-track');
    await tracker.getByLabel('查询码').fill(code);
    await tracker.getByRole('button', { name: '查询' }).click();
    await tracker.locator('[part="message"]').waitFor();
    const replies = tracker.locator('[part="reply"]');
    expect(await replies.count()).toBe(2);
    expect(await replies.nth(0).locator('header').textContent()).toMatch(/^示范县交通运输局 · 阶段性回复/);
    expect(await replies.nth(1).locator('header').textContent()).toMatch(/^示范县交通运输局 · 正式回复/);
    const timeline = (await tracker.locator('[part="timeline"]').textContent())!;
    for (const event of ['提交留言', '审核通过并公开', '受理', '转办', '阶段性回复', '正式回复', '办结']) expect(timeline).toContain(event);
    expect(timeline).toContain('县道养护属县交通运输局职责');
    expect(await tracker.locator('[part="message"]').textContent()).toContain('已办结');

    // The public board lists it under 已办理 with the final reply's excerpt, signed by the bureau.
    const reader = await browser.page.context().browser()!.newContext({ locale: 'zh-CN' });
    const board = await reader.newPage();
    await board.goto(`${HOST}/`);
    const list = board.locator('liuyan-list');
    await list.scrollIntoViewIfNeeded();
    await list.getByRole('tab', { name: '已办理' }).click();
    const card = list.locator('[part="card"]').filter({ hasText: title });
    await card.waitFor();
    expect(await card.locator('[part="status"]').textContent()).toBe('已办结');
    const reply = card.locator('[part~="reply"]');
    expect(await reply.locator('header').textContent()).toContain('示范县交通运输局');
    expect(await reply.locator('header').textContent()).toContain('正式回复');
    expect(await reply.locator('.excerpt').textContent()).toContain('坑洼已于本周全部修补完毕');

    for (const official of [moderator, countyHead, transport]) expect(official.problems).toEqual([]);
    await Promise.all([moderator, countyHead, transport].map((o) => o.page.context().close()));
    await reader.close();
  }, 180_000);

  it('text is counted and judged as the service does: 50 emoji are 50 characters; invisible or direction-reversing text and a missing choice are refused beside their fields, unsent', async () => {
    const created = await createClient({ baseUrl: WORKER, site: 'demo' }).submitMessage({
      unitId: 'u_county_head', type: 'consultation', domain: 'governance', campaign: null,
      title: `咨询政务服务中心周末是否办公 ${Date.now() % 1_000_000}`, body: '想了解县政务服务中心周末是否可以办理社保卡补办业务。', region: '示范县城关镇',
      author: { name: '陈明', phone: citizenPhone(), email: null, displayAs: 'masked' }, isPublic: true, consent: true,
    });
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.countyHead);
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/v1/console/messages/')) sent.push(new URL(request.url()).pathname);
    });
    await page.goto(`${CONSOLE}#/messages/${created.id}`);
    await page.locator('liuyan-console-message [part="message"]').waitFor();
    await act(page, '受理', undefined, '已受理');
    sent.length = 0;
    const message = page.locator('liuyan-console-message');
    const form = message.locator('[part="action-form"]');

    // A note of zero-width spaces only has nothing to read: refused beside the field, which takes the focus.
    await act(page, '内部备注', (f) => f.getByLabel('备注内容').fill('\u200B\u200B\u200B'));
    const note = form.getByLabel('备注内容');
    await expect.poll(() => form.locator('#body-error').textContent()).toBe('请填写备注内容');
    await expect.poll(() => isFocused(note)).toBe(true);
    expect(await note.getAttribute('aria-invalid')).toBe('true');
    expect(await note.getAttribute('aria-describedby')).toContain('body-error');
    // Typed again, it is no longer what was refused: the error goes until the form is sent again.
    await note.fill('待核实');
    expect(await form.locator('#body-error').count()).toBe(0);
    expect(await note.getAttribute('aria-invalid')).toBe('false');

    // A transfer with no unit and a reason holding U+202E (which shows text in another order than it is stored).
    await act(page, '转办', (f) => f.getByLabel('转办原因（公开）').fill('应由\u202E局输运通交\u202C办理'));
    const unit = form.locator('liuyan-console-unit-picker');
    await expect.poll(() => isFocused(unit)).toBe(true);
    expect(await form.locator('#unitId-error').textContent()).toBe('请选择转办单位');
    expect(await unit.getAttribute('described-by')).toBe('unitId-error');
    expect(await unit.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('#reason-error').textContent()).toMatch(/^转办原因含有无法显示或不允许的字符/);
    // Not two alerts at once: the focus reads the first with its field, the line by the button how many (politely).
    expect(await form.getByRole('alert').count()).toBe(0);
    expect(await form.locator('[role="status"] [part="fix-fields"]').textContent()).toBe('有2处填写有误，请按各项下方的提示修改。');
    expect(sent).toEqual([]);

    // 50 emoji are 50 characters, as the service counts them (a maxlength would have counted 100 UTF-16 units).
    const reply = '😀'.repeat(50);
    await act(page, '回复', async (f) => {
      await f.getByLabel('回复内容').fill(reply);
      await expect.poll(() => f.locator('#body-counter').textContent()).toBe('50/2000');
    }, '回复已发送');
    expect(await message.locator('.reply .body').last().textContent()).toBe(reply);
    expect(sent).toEqual([`/v1/console/messages/${created.id}/reply`]);
    // The form closed once sent, its button with it: the focus is on the sentence saying so, not back
    // at the top of the page, where Tab would start again from the header.
    await expect.poll(() => message.evaluate((element) => element.shadowRoot!.activeElement?.textContent?.trim())).toBe('回复已发送');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a rejected message: the moderator sees the line its author will read, and the author reads why, with no deadline', async () => {
    const created = await createClient({ baseUrl: WORKER, site: 'demo' }).submitMessage({
      unitId: 'u_county_head', type: 'complaint', domain: 'urban', campaign: null,
      title: `再次反映解放路路灯不亮 ${Date.now() % 1_000_000}`, body: '解放路一带路灯还是不亮，之前已经反映过一次。', region: '示范县城关镇',
      author: { name: '陈明', phone: citizenPhone(), email: null, displayAs: 'masked' }, isPublic: true, consent: true,
    });
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.moderator);
    await page.goto(`${CONSOLE}#/messages/${created.id}`);
    await page.locator('liuyan-console-message [part="message"]').waitFor();
    const words = '与您此前的留言内容相同，已在办理中。';
    await act(page, '驳回', async (form) => {
      const preview = form.locator('[part="rejection-preview"]');
      expect(await preview.textContent()).toBe('留言人凭查询码查看时，会看到“未通过审核”和您选择的原因及补充说明。');
      await form.getByLabel(/^原因/).selectOption('duplicate');
      await expect.poll(() => preview.textContent()).toBe('留言人凭查询码查看时将看到：未通过审核。未通过原因：重复留言');
      await form.getByLabel('补充说明（选填）').fill(words);
      await expect.poll(() => preview.textContent()).toBe(`留言人凭查询码查看时将看到：未通过审核。未通过原因：重复留言（${words}）`);
    }, '已驳回');
    // The console says what the author will read: no deadline runs, and the rejection's words are
    // the author's to read (not 内部).
    const detail = page.locator('liuyan-console-message [part="message"]');
    await expect.poll(() => detail.locator('[part="status"]').textContent()).toBe('未通过审核');
    expect(await detail.locator('.facts').textContent()).toContain('不计办理期限（未通过审核）');
    expect(await detail.locator('.facts').textContent()).not.toContain('待受理');
    const rejectedEvent = page.locator('liuyan-console-message li', { hasText: words });
    expect(await rejectedEvent.locator('.badge').textContent()).toBe('仅留言人可见');

    const citizen = await page.context().newPage();
    await citizen.goto(`${HOST}/`);
    const tracker = citizen.locator('liuyan-track');
    await tracker.getByLabel('查询码').fill(created.trackingCode);
    await tracker.getByRole('button', { name: '查询' }).click();
    const shown = tracker.locator('[part="message"]');
    await shown.waitFor();
    expect(await shown.locator('[part="status"]').textContent()).toBe('未通过审核');
    expect(await shown.locator('[part="rejection"]').textContent()).toBe(`重复留言（${words}）`);
    const text = (await shown.textContent())!;
    for (const absent of ['办理期限', '待受理', '已超期']) expect(text).not.toContain(absent);

    // One published, then taken off the board: the console does not call it 未通过, and its author reads why too.
    const hiddenOne = await createClient({ baseUrl: WORKER, site: 'demo' }).submitMessage({
      unitId: 'u_county_head', type: 'complaint', domain: 'urban', campaign: null,
      title: `邻居装修噪音扰民 ${Date.now() % 1_000_000}`, body: '楼上邻居每天晚上十点以后还在装修，噪音很大。', region: '示范县城关镇',
      author: { name: '陈明', phone: citizenPhone(), email: null, displayAs: 'masked' }, isPublic: true, consent: true,
    });
    const cookie = await sessionCookie(DEMO_ACCOUNTS.moderator);
    expect((await officialApi(cookie, 'POST', `/v1/console/messages/${hiddenOne.id}/publish`, {})).status).toBe(200);
    expect((await officialApi(cookie, 'POST', `/v1/console/messages/${hiddenOne.id}/hide`, { reason: 'personal_data', note: '含邻居的姓名和门牌号。' })).status).toBe(200);
    await page.goto(`${CONSOLE}#/messages/${hiddenOne.id}`);
    await expect.poll(() => page.locator('liuyan-console-message [part="message"] .facts').textContent()).toContain('已隐藏 · 隐藏原因：含他人隐私信息');
    await tracker.getByLabel('查询码').fill(hiddenOne.trackingCode);
    await tracker.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => shown.locator('[part="rejection"]').textContent()).toBe('含他人隐私信息（含邻居的姓名和门牌号。）');
    expect(await shown.locator('dt', { hasText: '隐藏原因' }).count()).toBe(1);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the queue fits a phone (390×844): no sideways scrolling, tabs and buttons large enough to tap', async () => {
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.countyHead, { width: 390, height: 844 });
    // Pages of two messages (the console asks for 30), so that 加载更多 shows on a short tab.
    const queueList = (url: URL) => url.pathname === '/v1/console/messages';
    await page.route(queueList, (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('limit', '2');
      return route.continue({ url: url.href });
    });
    const queue = page.locator('liuyan-console-queue');
    await queue.getByRole('link', { name: /^全部/ }).click();
    await queue.locator('[part="queue"][aria-busy="false"] li').first().waitFor();
    await expect.poll(() => page.title()).toBe('全部 · 留言队列 · 示范县人民政府');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    const heights = await queue.locator('nav.tabs a, [part="queue"] a').evaluateAll((links) => links.map((a) => a.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
    // 加载更多 takes the focus to the first message added, where the list goes on, not to the top of the page.
    await queue.getByRole('button', { name: '加载更多' }).click();
    await expect.poll(() => queue.locator('[part="queue"] > li').count()).toBe(4);
    await expect.poll(() => isFocused(queue.locator('[part="queue"] > li').nth(2).getByRole('link'))).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the dashboard’s units fit a phone (390×844) in Chinese and English: no sideways scrolling, each name whole on its line, its figures under their headers', async () => {
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.countyHead, { width: 390, height: 844 });
    const header = page.locator('liuyan-console [part="header"]');
    for (const [lang, unitHeader] of [['zh-CN', '按时回复率'], ['en', 'Replied on time']] as const) {
      if (lang === 'en') await header.getByLabel('语言').selectOption('en');
      await page.goto(`${CONSOLE}#/dashboard`);
      const table = page.locator('liuyan-console-dashboard table.unit-table');
      await table.locator('tbody tr').first().waitFor();
      // Still a table to a screen reader, however it is laid out.
      await expect.poll(() => table.getByRole('columnheader', { name: unitHeader }).count()).toBe(1);
      expect(await table.getByRole('rowheader').count()).toBe(await table.locator('tbody tr').count());
      const box = page.locator('liuyan-console-dashboard .table-scroll');
      expect(await box.evaluate((b) => b.scrollWidth - b.clientWidth)).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      // A name takes the row's width: 示范县人力资源和社会保障局 on one line, not broken every few characters.
      const name = table.locator('tbody th').filter({ hasText: '示范县人力资源和社会保障局' });
      const lineHeight = await name.evaluate((th) => parseFloat(getComputedStyle(th).lineHeight));
      expect(await name.evaluate((th) => th.getBoundingClientRect().height)).toBeLessThan(lineHeight * 2 + 12);
      // Each figure sits under its header: the on-time rate's cell starts where its header does.
      const [headerBox, cellBox] = await Promise.all([
        table.getByRole('columnheader', { name: unitHeader }).boundingBox(), name.locator('xpath=..').locator('td').nth(2).boundingBox(),
      ]);
      expect(Math.abs(headerBox!.x - cellBox!.x)).toBeLessThan(2);
      // No header is cut inside a word ("Satisfactio" and "n"): a one-word header's text is one line.
      const satisfaction = table.getByRole('columnheader', { name: lang === 'en' ? 'Satisfaction' : '满意度', exact: true });
      expect(await satisfaction.evaluate((th) => {
        const range = document.createRange();
        range.selectNodeContents(th);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      })).toBe(1);
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('an official turns on authenticator codes from a QR code, and then signs in with password and code', async () => {
    const official = await newResponder();
    const { page, problems } = await signedIn(browser, official);
    await page.locator('liuyan-console').getByRole('link', { name: '我的账号' }).click();
    const account = page.locator('liuyan-console-account');
    // The password first: a session alone cannot add an authenticator.
    await account.getByRole('button', { name: '启用动态验证码' }).click();
    await expect.poll(() => account.locator('#password-error').textContent()).toBe('请填写密码');
    await account.getByLabel(/请输入登录密码/).fill('not the password 123');
    await account.getByRole('button', { name: '启用动态验证码' }).click();
    await expect.poll(() => account.locator('#password-error').textContent()).toBe('密码不正确');
    await account.getByLabel(/请输入登录密码/).fill(official.password);
    await account.getByRole('button', { name: '启用动态验证码' }).click();
    // The QR code is drawn in the page (no image URL), with the key as text beside it.
    const qr = account.getByRole('img', { name: '动态验证码二维码' });
    await qr.waitFor();
    expect(await qr.evaluate((svg) => svg.tagName.toLowerCase())).toBe('svg');
    expect(await qr.locator('rect').count()).toBeGreaterThan(100);
    const secret = (await account.locator('[part="totp-secret"]').textContent())!.replace(/\s/g, '');
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });

    await account.getByLabel(/输入验证器上显示的6位验证码/).fill(totp.generate() === '000000' ? '111111' : '000000');
    await account.getByRole('button', { name: '确认启用' }).click();
    await expect.poll(() => account.locator('#code-error').textContent()).toBe('动态验证码不正确或已使用，请输入验证器上的新验证码');
    await account.getByLabel(/输入验证器上显示的6位验证码/).fill(totp.generate());
    await account.getByRole('button', { name: '确认启用' }).click();
    await account.getByText('动态验证码已启用。').waitFor();
    expect(await account.getByText(/^已启用/).count()).toBe(1);

    // Signed out, the password alone no longer signs in, and is answered as a wrong one would be;
    // with the next code from the app it does.
    await page.locator('liuyan-console').getByRole('button', { name: '退出登录' }).click();
    await signInWith(page, official);
    const form = page.locator('liuyan-console-sign-in');
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('邮箱、密码或动态验证码不正确');
    await form.getByLabel('动态验证码').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await form.getByRole('button', { name: '登录' }).click();
    await page.locator('liuyan-console-queue').waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('when the session ends, the next request returns the official to sign-in, and then to where they were', async () => {
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.countyHead);
    const queue = page.locator('liuyan-console-queue');
    // The tab loads with the session still alive; only then does the session end.
    const replied = page.waitForResponse((response) => response.url().includes('/v1/console/messages?tab=replied'));
    await queue.getByRole('link', { name: /^已回复/ }).click();
    expect((await replied).status()).toBe(200);
    await page.context().clearCookies();
    await queue.getByRole('link', { name: /^已办结/ }).click();
    const form = page.locator('liuyan-console-sign-in');
    await expect.poll(() => form.getByRole('status').textContent()).toBe('登录已失效，请重新登录。');
    await signInWith(page, DEMO_ACCOUNTS.countyHead);
    await expect.poll(() => page.locator('liuyan-console-queue nav.tabs [aria-current="page"]').textContent()).toMatch(/^\s*已办结/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a reply being typed when the session ends is there again, its form open, once the official has signed in again; closing the tab meanwhile asks first', async () => {
    const responder = await newResponder();
    const cookie = await sessionCookie(responder);
    // A message of the bureau the responder may reply to.
    const queue = await (await officialApi(cookie, 'GET', '/v1/console/messages?tab=handling')).json() as { items: { id: string }[] };
    let id = '';
    for (const item of queue.items) {
      const message = await (await officialApi(cookie, 'GET', `/v1/console/messages/${item.id}`)).json() as { actions: string[] };
      if (message.actions.includes('reply')) {
        id = item.id;
        break;
      }
    }
    expect(id).not.toBe('');
    const { page, problems } = await signedIn(browser, responder);
    await page.goto(`${CONSOLE}#/messages/${id}`);
    const message = page.locator('liuyan-console-message');
    await message.locator('[part="actions"]').getByRole('button', { name: '回复', exact: true }).click();
    const typed = '经核实，该校门口的减速带已列入本月施工计划，预计月底前完成安装。';
    await message.getByLabel('回复内容').fill(typed);
    // Five photos chosen for four places: the page says one was not added; removing one clears it.
    await message.locator('#reply-photos').setInputFiles(['a', 'b', 'c', 'd', 'e'].map((n) => ({ name: `${n}.png`, mimeType: 'image/png', buffer: Buffer.from(PNG_WITH_GPS) })));
    await expect.poll(() => message.locator('[part="reply-photos-left-out"]').textContent()).toBe('最多4张照片：另选的1张没有添加。');
    const photos = message.locator('[part="reply-photos"] li');
    await expect.poll(() => photos.filter({ hasText: '已上传' }).count(), { timeout: 30_000 }).toBe(4);
    for (let n = 4; n >= 1; n--) await message.getByRole('button', { name: `移除 照片${n}` }).click();
    expect(await message.locator('[part="reply-photos-left-out"]').textContent()).toBe('');
    // Kept for this tab only, the words would go with it: closing the tab asks first.
    const asksBeforeClosing = () => page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(await asksBeforeClosing()).toBe(true);

    await page.context().clearCookies();
    await message.locator('[part="action-form"] button[type="submit"]').click();
    const form = page.locator('liuyan-console-sign-in');
    await expect.poll(() => form.getByRole('status').textContent()).toBe('登录已失效，请重新登录。');
    await signInWith(page, responder);
    await expect.poll(() => page.locator('liuyan-console-message').getByLabel('回复内容').inputValue()).toBe(typed);

    // Signing out forgets it: the next person at this browser finds no draft.
    await page.locator('liuyan-console').getByRole('button', { name: '退出登录' }).first().click();
    await expect.poll(() => page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.includes("reply-draft")))).toEqual([]);
    expect(await asksBeforeClosing()).toBe(false);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('an action on a page someone else has acted on since is refused, and the page then shows the message as it now is, the words typed kept', async () => {
    const responder = await newResponder();
    const cookie = await sessionCookie(responder);
    const { id } = await privateMessage(`两个人同时受理 ${Date.now()}`, '学校门口的积水一直没有人处理，孩子上学要绕很远的路。');
    const { page, problems } = await signedIn(browser, responder);
    await page.goto(`${CONSOLE}#/messages/${id}`);
    const message = page.locator('liuyan-console-message');
    const accept = message.locator('[part="actions"]').getByRole('button', { name: '受理', exact: true });
    await accept.waitFor();
    // A colleague (here the same official in another tab) accepts it first.
    expect((await officialApi(cookie, 'POST', `/v1/console/messages/${id}/accept`, {})).status).toBe(200);
    await accept.click();
    // It says what happened meanwhile, when and by whom, not only that something did.
    await message.getByRole('alert').getByText('这条留言在您查看之后已有变化', { exact: false }).waitFor();
    await expect.poll(() => message.getByRole('alert').textContent()).toMatch(/^这条留言在您查看之后已有变化：\d{4}\/\d{2}\/\d{2} \d{2}:\d{2} 受理（.+）。请查看最新内容后再操作。$/);
    await expect.poll(() => statusOf(page)).not.toBe('待受理');
    expect(await accept.count()).toBe(0);

    // A final reply typed on a page that predates a colleague's final reply is not sent beside it:
    // the page shows the colleague's, the words typed stay, and a second press sends them.
    await message.locator('[part="actions"]').getByRole('button', { name: '回复', exact: true }).click();
    const form = message.locator('[part="action-form"]');
    await form.getByLabel('正式回复').check();
    await form.getByLabel('回复内容').fill('积水已抽干，排水口已疏通。');
    expect((await officialApi(cookie, 'POST', `/v1/console/messages/${id}/reply`, { kind: 'final', body: '已安排抽水。' })).status).toBe(200);
    await form.locator('button[type="submit"]').click();
    await message.getByRole('alert').getByText('这条留言在您查看之后已有变化', { exact: false }).waitFor();
    await expect.poll(() => message.getByRole('alert').textContent()).toMatch(/已有变化：\d{4}\/\d{2}\/\d{2} \d{2}:\d{2} 正式回复（.+）。/);
    await expect.poll(() => message.locator('[part="reply"]').allTextContents()).toEqual([expect.stringContaining('已安排抽水。')]);
    expect(await form.getByLabel('回复内容').inputValue()).toBe('积水已抽干，排水口已疏通。');
    await form.locator('button[type="submit"]').click();
    await message.getByRole('status').getByText('回复已发送', { exact: true }).waitFor();
    const replies = (await (await officialApi(cookie, 'GET', `/v1/console/messages/${id}`)).json() as { replies: { body: string }[] }).replies;
    expect(replies.map((r) => r.body)).toEqual(['已安排抽水。', '积水已抽干，排水口已疏通。']);

    // A colleague's 办结 makes another reply impossible: the form stays, with its words, not sendable.
    await message.locator('[part="actions"]').getByRole('button', { name: '回复', exact: true }).click();
    await form.getByLabel('回复内容').fill('补充说明：下周再复查一次。');
    expect((await officialApi(cookie, 'POST', `/v1/console/messages/${id}/close`, {})).status).toBe(200);
    await form.locator('button[type="submit"]').click();
    await form.locator('[part="action-gone"]').waitFor();
    expect(await form.getByLabel('回复内容').inputValue()).toBe('补充说明：下周再复查一次。');
    expect(await form.locator('button[type="submit"]').isDisabled()).toBe(true);
    await expect.poll(() => statusOf(page)).toBe('已办结');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a reply refused as no longer the official’s (an admin moved its unit out of theirs): the page says the message left their units, the words kept', async () => {
    const responder = await newResponder();
    const { id } = await privateMessage(`单位调整后的回复 ${Date.now()}`, '村口的桥栏杆断了，晚上很危险。');
    expect((await officialApi(await sessionCookie(responder), 'POST', `/v1/console/messages/${id}/accept`, {})).status).toBe(200);
    const { page, problems } = await signedIn(browser, responder);
    await page.goto(`${CONSOLE}#/messages/${id}`);
    const message = page.locator('liuyan-console-message');
    await message.locator('[part="actions"]').getByRole('button', { name: '回复', exact: true }).click();
    const form = message.locator('[part="action-form"]');
    await form.getByLabel('阶段性回复').check();
    await form.getByLabel('回复内容').fill('已安排维修。');
    // Its unit moved out of the responder's between the page and the send: the service says 403, and so does a read.
    const forbidden = { status: 403, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: '您没有权限执行此操作', status: 403, code: 'forbidden' }) };
    await page.route(`**/v1/console/messages/${id}**`, (route) => route.fulfill(forbidden));
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => message.getByRole('alert').textContent()).toBe('这条留言已不在您负责的单位（可能已被转办），不能再在这里办理。');
    expect(await form.getByLabel('回复内容').inputValue()).toBe('已安排维修。');
    expect(await message.locator('[part="actions"] button').count()).toBe(0);
    expect(problems.filter((p) => !p.includes('403'))).toEqual([]);
    await page.context().close();
  });

  it('受理 that fails at the bottom of a phone’s screen: the refusal said under the row of actions comes into view, the focus on 受理', async () => {
    const responder = await newResponder();
    const { id } = await privateMessage(`受理失败 ${Date.now()}`, '学校门口的减速带被压坏了，车辆经过很快。');
    const { page } = await signedIn(browser, responder);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${CONSOLE}#/messages/${id}`);
    const message = page.locator('liuyan-console-message');
    const accept = message.locator('[part="actions"]').getByRole('button', { name: '受理', exact: true });
    await accept.waitFor();
    const tooMany = { status: 429, contentType: 'application/problem+json', headers: { 'Retry-After': '60' },
      body: JSON.stringify({ type: 'about:blank', title: '请求过于频繁，请稍后再试', status: 429, code: 'too_many_requests' }) };
    await page.route(`**/v1/console/messages/${id}/accept`, (route) => route.fulfill(tooMany));
    await accept.evaluate((b) => scrollBy({ top: b.getBoundingClientRect().bottom - innerHeight + 2, behavior: 'instant' }));
    await accept.click();
    const refusal = message.locator('#action-error');
    await refusal.waitFor();
    const box = await refusal.boundingBox();
    expect(box!.y + box!.height).toBeLessThan(845); // scrolled to a whole pixel
    expect(await page.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.textContent?.trim() ?? null;
    })).toBe('受理');
    await page.context().close();
  });

  it('two officials confirm 办结 at once: the one refused is told the message changed, and the confirmation, with nothing typed to keep, goes', async () => {
    const responder = await newResponder();
    const cookie = await sessionCookie(responder);
    const { id } = await privateMessage(`两个人同时办结 ${Date.now()}`, '小区门口的路灯坏了一个多月，晚上出行很不方便。');
    expect((await officialApi(cookie, 'POST', `/v1/console/messages/${id}/accept`, {})).status).toBe(200);
    expect((await officialApi(cookie, 'POST', `/v1/console/messages/${id}/reply`, { kind: 'final', body: '路灯已修复。' })).status).toBe(200);
    const { page, problems } = await signedIn(browser, responder);
    await page.goto(`${CONSOLE}#/messages/${id}`);
    const message = page.locator('liuyan-console-message');
    await message.locator('[part="actions"]').getByRole('button', { name: '办结', exact: true }).click();
    // The page's 办结 reaches the service just after the colleague's.
    await page.route(`**/v1/console/messages/${id}/close`, async (route) => {
      expect((await officialApi(cookie, 'POST', `/v1/console/messages/${id}/close`, {})).status).toBe(200);
      await route.continue();
    });
    await message.locator('[part="action-form"] button[type="submit"]').click();
    await message.getByRole('alert').getByText('这条留言在您查看之后已有变化', { exact: false }).waitFor();
    await expect.poll(() => statusOf(page)).toBe('已办结');
    expect(await message.locator('[part="action-form"]').count()).toBe(0);
    expect(await message.locator('[part="action-gone"]').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a reason half typed in 延期 is there again after a reload, as in every action’s form, and 取消 forgets it', async () => {
    const responder = await newResponder();
    const cookie = await sessionCookie(responder);
    const { id } = await privateMessage(`延期原因不丢 ${Date.now()}`, '学校食堂的饭菜价格上涨很多，希望有关部门核查。');
    expect((await officialApi(cookie, 'POST', `/v1/console/messages/${id}/accept`, {})).status).toBe(200);
    const { page, problems } = await signedIn(browser, responder);
    await page.goto(`${CONSOLE}#/messages/${id}`);
    const message = page.locator('liuyan-console-message');
    const button = (name: string) => message.locator('[part="actions"]').getByRole('button', { name, exact: true });
    await button('延期').click();
    let form = message.locator('[part="action-form"]');
    // A form opens with the focus on its first field.
    await expect.poll(() => isFocused(form.getByLabel('延长工作日数'))).toBe(true);
    // More days than may be given is said under the box as it is typed, with no new deadline; a right number takes it away.
    await form.getByLabel('延长工作日数').fill('45');
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/30/);
    expect(await form.getByLabel('延长工作日数').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('[part="extension-preview"]').isHidden()).toBe(true);
    await form.getByLabel('延长工作日数').fill('5');
    await form.getByLabel('延期原因（公开）').fill('需会同市场监管局核查价格');
    await form.locator('[part="extension-preview"]').getByText('延期后的办理期限').waitFor();
    expect(await form.getByRole('alert').count()).toBe(0);

    await page.reload();
    form = message.locator('[part="action-form"]');
    await form.waitFor();
    expect(await form.getAttribute('aria-label')).toBe('延期');
    expect(await form.getByLabel('延长工作日数').inputValue()).toBe('5');
    expect(await form.getByLabel('延期原因（公开）').inputValue()).toBe('需会同市场监管局核查价格');
    // The new deadline is asked for again, as if typed.
    await form.locator('[part="extension-preview"]').getByText('延期后的办理期限').waitFor();

    await form.getByRole('button', { name: '取消' }).click();
    // The focus goes back to the button that opened the form, not to the page's heading.
    await expect.poll(() => isFocused(button('延期'))).toBe(true);
    await page.reload();
    await message.locator('[part="actions"]').waitFor();
    expect(await message.locator('[part="action-form"]').count()).toBe(0);

    // 转办: the unit chosen comes back with the reason. Its first field, the unit picker, takes the focus.
    await button('转办').click();
    form = message.locator('[part="action-form"]');
    await expect.poll(() => isFocused(form.locator('liuyan-console-unit-picker'))).toBe(true);
    await pickUnit(form.locator('liuyan-console-unit-picker'), '示范县交通运输局');
    await form.getByLabel('转办原因（公开）').fill('校车线路归交通局管');
    await page.reload();
    form = message.locator('[part="action-form"]');
    await form.locator('liuyan-console-unit-picker [part="chosen"]').filter({ hasText: '示范县交通运输局' }).waitFor();
    expect(await form.getByLabel('转办原因（公开）').inputValue()).toBe('校车线路归交通局管');
    // Escape, pressed by mistake, does not throw away the reason typed; with nothing typed it closes
    // the form as 取消 does, the focus back on its button.
    await form.getByLabel('转办原因（公开）').press('Escape');
    expect(await form.getByLabel('转办原因（公开）').inputValue()).toBe('校车线路归交通局管');
    await form.getByLabel('转办原因（公开）').fill('');
    await form.getByLabel('转办原因（公开）').press('Escape');
    await expect.poll(() => form.count()).toBe(0);
    await expect.poll(() => isFocused(button('转办'))).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a citizen on the phone reads out their tracking code: the official opens the message from any tab, the code never in the address; words are searched in every tab', async () => {
    const title = `电话里报查询码 ${Date.now()}`;
    const { id, trackingCode } = await privateMessage(title, '孩子的学籍信息登记错了，学校说要教育局改。');
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.moderator);
    await page.goto(`${CONSOLE}#/queue?tab=closed`);
    const queue = page.locator('liuyan-console-queue');
    await queue.locator('[part="queue"][aria-busy="false"]').waitFor();
    const search = queue.getByRole('search', { name: '查找留言' });
    // A wrong code is said so beside the box.
    await search.getByRole('searchbox').fill('ABCD EFGH JKLM NPQR');
    await search.getByRole('button', { name: '查找' }).click();
    await queue.locator('[part="search-error"]').getByText('没有找到这个查询码的留言').waitFor();
    // Read out as people do: lower case, spaces between the groups. The message opens.
    await search.getByRole('searchbox').fill(trackingCode.toLowerCase().replaceAll('-', ' '));
    await search.getByRole('button', { name: '查找' }).click();
    await page.locator('liuyan-console-message [part="message"]').getByText(title).waitFor();
    expect(page.url()).toContain(`#/messages/${id}`);
    expect(page.url().toUpperCase()).not.toContain(trackingCode.slice(0, 4));

    // Words of its body, from the queue: every tab, and kept in the address across a reload.
    await page.goto(`${CONSOLE}#/queue?tab=closed`);
    await queue.locator('[part="queue"][aria-busy="false"]').waitFor();
    await search.getByRole('searchbox').fill('学籍信息登记错了');
    await search.getByRole('button', { name: '查找' }).click();
    await expect.poll(() => queue.getByRole('link', { name: /^全部/ }).getAttribute('aria-current')).toBe('page');
    await expect.poll(() => queue.locator('[part="queue"] li').allTextContents()).toEqual([expect.stringContaining(title)]);
    expect(await queue.locator('[part="search-results"]').textContent()).toContain('的查找结果');
    await page.reload();
    await expect.poll(() => queue.locator('[part="queue"] li').allTextContents()).toEqual([expect.stringContaining(title)]);
    // Written in another form (Traditional characters, full width): found all the same.
    await search.getByRole('searchbox').fill('學籍信息登記錯了');
    await search.getByRole('button', { name: '查找' }).click();
    await expect.poll(() => queue.locator('[part="queue"] li').allTextContents()).toEqual([expect.stringContaining(title)]);
    // More words than a search looks for: said why, and no 加载更多 under a list it could not load.
    await search.getByRole('searchbox').fill('学籍 信息 登记 错了 学校 教育局');
    await search.getByRole('button', { name: '查找' }).click();
    await queue.getByText('一次最多搜索5个词，请减少词语').waitFor();
    expect(await queue.getByRole('button', { name: '加载更多' }).count()).toBe(0);
    await queue.locator('[part="search-results"]').getByRole('link', { name: '清除查找' }).click();
    await expect.poll(() => queue.locator('[part="search-results"]').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a moderator finds a follow-up counted in 待审核, and is asked before keeping its words off the board', async () => {
    // A public message, published and answered; the citizen asks a follow-up (by the API, as the widget would).
    const title = `石桥镇路灯 ${Date.now() % 1_000_000}`;
    const client = createClient({ baseUrl: WORKER, site: 'demo' });
    const { id, trackingCode } = await client.submitMessage({
      unitId: 'u_transport', type: 'consultation', domain: 'transport', campaign: null, title,
      body: '石桥镇中心路段的路灯什么时候能修好？晚上出行很不方便。', region: '示范县石桥镇',
      author: { name: '陈明', phone: citizenPhone(), email: null, displayAs: 'masked' }, isPublic: true, consent: true,
    });
    expect((await officialApi(await sessionCookie(DEMO_ACCOUNTS.moderator), 'POST', `/v1/console/messages/${id}/publish`, {})).status).toBe(200);
    const bureau = await sessionCookie(DEMO_ACCOUNTS.transport);
    expect((await officialApi(bureau, 'POST', `/v1/console/messages/${id}/accept`, {})).status).toBe(200);
    expect((await officialApi(bureau, 'POST', `/v1/console/messages/${id}/reply`, { kind: 'final', body: '已安排本周维修。' })).status).toBe(200);
    await client.followUp({ trackingCode, question: '具体哪一天修？' });

    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.moderator);
    const queue = page.locator('liuyan-console-queue');
    // The 待审核 tab counts the follow-ups waiting, as the list below the messages shows them.
    const waiting = async () => {
      await page.goto(`${CONSOLE}#/queue`);
      const tab = queue.getByRole('link', { name: /^待审核/ });
      await tab.click();
      await queue.locator('[part="pending-follow-ups"]').or(queue.locator('[part="queue"][aria-busy="false"]')).first().waitFor();
      return Number(await tab.locator('.count').textContent());
    };
    const before = await waiting();
    await queue.locator('[part="pending-follow-ups"]').getByText('具体哪一天修？').waitFor();

    await page.goto(`${CONSOLE}#/messages/${encodeURIComponent(id)}`);
    const message = page.locator('liuyan-console-message');
    const followUp = message.locator('[part="follow-up"]').filter({ hasText: '具体哪一天修？' });
    await followUp.getByRole('button', { name: '不予公开' }).click();
    // Asked first; 取消 leaves it waiting.
    const confirm = followUp.locator('[part="follow-up-confirm"]');
    expect(await confirm.textContent()).toContain('且不能撤回');
    await confirm.getByRole('button', { name: '取消' }).click();
    expect(await followUp.locator('.badge').textContent()).toContain('待审核');
    await followUp.getByRole('button', { name: '不予公开' }).click();
    await confirm.getByRole('button', { name: '确定' }).click();
    await message.getByRole('status').getByText('追问内容不会公开', { exact: true }).waitFor();
    expect(await followUp.locator('.badge').textContent()).toContain('不予公开');
    expect(await waiting()).toBe(before - 1);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('a note on its way when its page is left and come back to', () => {
  it('is one note when the page’s kept draft is sent again; and 受理 done from the keyboard leaves the focus on what it did', async () => {
    const created = await createClient({ baseUrl: WORKER, site: 'demo' }).submitMessage({
      unitId: 'u_county_head', type: 'complaint', domain: 'governance', campaign: null,
      title: `工地夜间施工噪音扰民 ${Date.now() % 1_000_000}`, body: '城关镇某工地每晚施工到凌晨两点，附近居民无法休息。', region: '示范县城关镇',
      author: { name: '李华', phone: citizenPhone(), email: null, displayAs: 'masked' }, isPublic: true, consent: true,
    });
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.countyHead);
    const keys: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/notes')) keys.push(request.headers()['idempotency-key'] ?? '');
    });
    await page.goto(`${CONSOLE}#/messages/${created.id}`);
    const message = page.locator('liuyan-console-message');
    await message.locator('[part="message"]').waitFor();
    const focusedText = () => message.evaluate((element) => element.shadowRoot!.activeElement?.textContent?.trim());

    // 受理 from the keyboard: once done its button is gone, and the focus is on 已受理, not on the
    // button that took its place (a second Enter would have opened 转办).
    await message.locator('[part="actions"]').getByRole('button', { name: '受理', exact: true }).focus();
    await page.keyboard.press('Enter');
    await message.getByRole('status').getByText('已受理', { exact: true }).waitFor();
    await expect.poll(focusedText).toBe('已受理');

    // A note held on its way; the official goes Back and Forward again, finds the note the page kept,
    // and sends it again: the same request to the service, one note.
    const gates: (() => void)[] = [];
    await page.route('**/notes', async (route) => {
      await new Promise<void>((resolve) => gates.push(resolve));
      await route.continue().catch(() => {});
    });
    await message.locator('[part="actions"]').getByRole('button', { name: '内部备注', exact: true }).click();
    const form = message.locator('[part="action-form"]');
    await form.getByLabel('备注内容').fill('已联系施工单位，夜间停工');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => gates.length).toBe(1);
    await page.goBack();
    await page.goForward();
    await expect.poll(() => form.getByLabel('备注内容').inputValue()).toBe('已联系施工单位，夜间停工');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => gates.length).toBe(2);
    for (const open of gates.splice(0)) open();
    await message.getByRole('status').getByText('备注已保存', { exact: true }).waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    await page.reload();
    await message.locator('[part="message"]').waitFor();
    await expect.poll(() => message.locator('.notes li').filter({ hasText: '已联系施工单位，夜间停工' }).count()).toBe(1);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('an action whose answer never came, or sent again from the page kept', () => {
  it('is done once and said done: 受理 pressed again after its answer was lost, 延期 sent again after Back and Forward', async () => {
    const created = await createClient({ baseUrl: WORKER, site: 'demo' }).submitMessage({
      unitId: 'u_county_head', type: 'complaint', domain: 'governance', campaign: null,
      title: `小区路灯坏了三个月 ${Date.now() % 1_000_000}`, body: '幸福小区东门路灯已坏三个月，晚上出行不便。', region: '示范县城关镇',
      author: { name: '王芳', phone: citizenPhone(), email: null, displayAs: 'masked' }, isPublic: true, consent: true,
    });
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.countyHead);
    const keys = { accept: [] as string[], extend: [] as string[] };
    page.on('request', (request) => {
      const action = request.method() === 'POST' ? /\/(accept|extend)$/.exec(request.url())?.[1] as keyof typeof keys | undefined : undefined;
      if (action) keys[action].push(request.headers()['idempotency-key'] ?? '');
    });
    await page.goto(`${CONSOLE}#/messages/${created.id}`);
    const message = page.locator('liuyan-console-message');
    await message.locator('[part="message"]').waitFor();
    const events = (text: string) => message.locator('[part="timeline"] > li').filter({ hasText: text }).count();

    // 受理 reaches the service, its answer is lost on the way (the connection reset). Meanwhile its
    // button says it is being sent, as a form's does.
    let lose: () => void = () => {};
    const lost = new Promise<void>((resolve) => { lose = resolve; });
    await page.route('**/accept', async (route) => {
      await route.fetch();
      await lost;
      await route.abort('connectionreset');
    }, { times: 1 });
    const actions = message.locator('[part="actions"]');
    await actions.getByRole('button', { name: '受理', exact: true }).click();
    const sending = actions.locator('button[data-action="accept"]');
    await expect.poll(() => sending.textContent()).toBe('正在提交…');
    expect(await sending.getAttribute('aria-disabled')).toBe('true');
    lose();
    await message.getByRole('alert').waitFor();
    // Pressed again: the same request, answered as done — not "someone else has handled it".
    await actions.getByRole('button', { name: '受理', exact: true }).click();
    await message.getByRole('status').getByText('已受理', { exact: true }).waitFor();
    expect(keys.accept).toHaveLength(2);
    expect(keys.accept[1]).toBe(keys.accept[0]);
    expect(await events('受理')).toBe(1);

    // 延期 stored, its answer slow to come; the official goes Back and Forward, and finds the page
    // with its form kept: sent again, it is the same extension, not a second one.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/extend', async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response }).catch(() => {});
    }, { times: 1 });
    await actions.getByRole('button', { name: '延期', exact: true }).click();
    const form = message.locator('[part="action-form"]');
    await form.getByLabel('延长工作日数').fill('5');
    await form.getByLabel('延期原因（公开）').fill('需会同住建部门现场勘查');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => keys.extend.length).toBe(1);
    await page.goBack();
    await page.goForward();
    await message.locator('[part="message"]').waitFor();
    await expect.poll(() => events('需会同住建部门现场勘查')).toBe(1);
    await expect.poll(() => form.getByLabel('延期原因（公开）').inputValue()).toBe('需会同住建部门现场勘查');
    await form.locator('button[type="submit"]').click();
    await message.getByRole('status').getByText('已延期', { exact: true }).waitFor();
    release();
    expect(keys.extend).toHaveLength(2);
    expect(keys.extend[1]).toBe(keys.extend[0]);
    await page.reload();
    await message.locator('[part="message"]').waitFor();
    expect(await events('需会同住建部门现场勘查')).toBe(1);
    expect(await events('受理')).toBe(1);
    expect(problems.filter((p) => !/ERR_CONNECTION_RESET|Failed to fetch/.test(p))).toEqual([]);
    await page.context().close();
  });
});

describe('the dashboard', () => {
  it('each figure of 需要关注 on the dashboard opens a list of as many messages: 已超期, 两天内到期 and 重办', async () => {
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.countyHead, { width: 390, height: 844 });
    const queue = page.locator('liuyan-console-queue');
    const listed = async () => {
      await queue.locator('[part="queue"][aria-busy="false"]').waitFor({ state: 'attached' });
      while ((await queue.getByRole('button', { name: '加载更多' }).count()) > 0) {
        await queue.getByRole('button', { name: '加载更多' }).click();
        await queue.locator('[part="queue"][aria-busy="false"]').waitFor({ state: 'attached' });
      }
      return queue.locator('[part="queue"] > li').count();
    };
    const seen: Record<string, number> = {};
    for (const figure of ['overdue', 'dueSoon', 'reopened']) {
      await page.goto(`${CONSOLE}#/dashboard`);
      const link = page.locator(`liuyan-console-dashboard [data-figure="${figure}"] a`);
      await link.waitFor();
      // Why its total is not the queue's 全部: said under the figures.
      expect(await page.locator('liuyan-console-dashboard [part="counted"]').textContent()).toContain('不含审核未通过');
      const shown = Number(await link.locator('strong').textContent());
      await link.click();
      await queue.waitFor();
      seen[figure] = shown;
      expect(await listed(), figure).toBe(shown);
    }
    // The demo has re-opened messages: the list holds those only, and says it is filtered by them.
    expect(seen.reopened).toBeGreaterThan(0);
    expect(await queue.locator('[part="queue"] > li').filter({ hasNot: page.locator('[part="reopened"]') }).count()).toBe(0);
    expect(await queue.getByLabel('只看重办').isChecked()).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('an official going from page to page with the keyboard', () => {
  it('starts reading an opened message at its title, comes back to it in the queue, and finds each page it opens at its heading', async () => {
    const title = `路灯整夜不亮 ${Date.now() % 1_000_000}`;
    const { id, trackingCode } = await privateMessage(title, '学校门口的路灯已经一周整夜不亮，孩子晚自习放学很危险。');
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin);
    // Signed in: the focus is on the queue’s tab shown, not left on the page’s body.
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'a', name: expect.stringMatching(/^全部/) });
    // Another tab, then Back: the focus is on the tab shown again, not left on the one just pressed.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('tab=supervised');
    await page.goBack();
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'a', name: expect.stringMatching(/^全部/) });

    // A tracking code read out on the phone, typed into the search and sent with Enter: the message it opens, at its title.
    const search = page.locator('liuyan-console-queue').getByRole('searchbox');
    await search.fill(trackingCode);
    await search.press('Enter');
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h1', name: title });

    await page.goto(`${CONSOLE}#/queue?tab=all&q=${encodeURIComponent(title)}`);
    const queue = page.locator('liuyan-console-queue');
    const link = queue.locator(`a.item[href="#/messages/${id}"]`);
    await link.waitFor();

    // Enter on the message: the focus is on its title, where a screen reader starts reading it.
    await link.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h1', name: title });

    // ← 返回队列: the focus is back on that message in the list, where the official left off.
    const back = page.locator('liuyan-console-message').getByRole('link', { name: /返回队列/ });
    await back.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'a', href: `#/messages/${id}` });

    // The browser's Back and Forward do the same (← 返回队列 was a link: Back is the message again).
    await page.goBack();
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h1', name: title });
    await page.goForward();
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'a', href: `#/messages/${id}` });

    // A page opened from the header: its heading.
    await page.locator('liuyan-console').getByRole('navigation').getByRole('link', { name: '办理统计' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).tag).toBe('h1');
    expect((await focused(page)).name).toMatch(/^办理统计/);

    // A message that cannot be read: the sentence saying so, where its title would be.
    await page.goto(`${CONSOLE}#/messages/m_nosuchmessage`);
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'p', name: '未找到该留言，或它不在您负责的单位。' });

    // A slow answer for a message left before it came does not take the page of the one opened next.
    const other = await privateMessage(`慢一步的留言 ${Date.now() % 1_000_000}`, '这条留言的回答来得很慢，官员已经打开了另一条。');
    await page.route(`**/v1/console/messages/${other.id}`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue().catch(() => {});
    });
    await page.goto(`${CONSOLE}#/messages/${other.id}`);
    await page.goto(`${CONSOLE}#/messages/${id}`);
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h1', name: title });
    await page.waitForTimeout(2_000);
    expect(await page.locator('liuyan-console-message h1').textContent()).toBe(title);
    await page.unroute(`**/v1/console/messages/${other.id}`);

    // The first page drawn after loading the console keeps the browser's own start: nothing is focused.
    await page.goto(`${CONSOLE}#/dashboard`);
    await page.locator('liuyan-console-dashboard h1').waitFor();
    await page.reload();
    await page.locator('liuyan-console-dashboard h1').waitFor();
    expect((await focused(page)).tag).toBe('body');
    // Also where the address it was loaded with sends a signed-out official to sign in.
    await page.context().clearCookies();
    await page.goto(`${CONSOLE}#/dashboard`);
    await page.reload();
    await page.locator('liuyan-console-sign-in h1').waitFor();
    expect((await focused(page)).tag).toBe('body');
    expect(problems).toEqual([]);
  }, 90_000);
});
