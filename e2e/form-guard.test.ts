// The form's second layer against abuse, in Chromium against the real worker (issue 17): a message
// whose hidden field was filled gets an ordinary receipt and is held for a moderator; Cloudflare
// Turnstile's script is fetched only once the citizen comes into the form (a stub of the script is
// served by this test in its place), and its token goes with the submission.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { queryD1 } from '../scripts/local-stack';
import { DEMO_ACCOUNTS } from '../worker/seed/demo-accounts';
import { CONSOLE, officialApi, queueCard, sessionCookie, signedIn } from './console-helpers';
import { fillForm, TRACKING_CODE, useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

const browser = useBrowserPage();

/** What Turnstile's api.js offers, as far as the form uses it: renders into the container it is given, then calls back with a token. */
const TURNSTILE_STUB = `window.turnstile = {
  render(container, options) {
    container.textContent = 'Turnstile stub ' + options.sitekey;
    setTimeout(() => options.callback('XXXX.DUMMY.TOKEN.XXXX'), 50);
    return 'stub-widget';
  },
  reset() {},
  remove() {},
};`;

const SITE_KEY = '1x00000000000000000000AA';
const PROTECTION_DEFAULTS = { bannedWords: [], holdWords: [], holdLinks: true, holdPhones: true, minFillSeconds: 5, turnstileSiteKey: null, retentionDays: 365 };

async function setDemoProtection(body: Record<string, unknown>) {
  const response = await officialApi(await sessionCookie(DEMO_ACCOUNTS.admin), 'PUT', '/v1/admin/protection', { ...PROTECTION_DEFAULTS, ...body });
  expect(response.status).toBe(200);
}

describe('<liuyan-form>: the second layer against abuse', () => {
  afterEach(async () => {
    // The demo site is shared by every browser test: no Turnstile once this file is done with it.
    await setDemoProtection({});
  });

  it('gives a message whose hidden field a bot filled an ordinary receipt, and holds it for a moderator', async () => {
    await browser.page.goto(`${HOST}/`);
    const form = browser.page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    const title = `城关镇垃圾清运不及时 ${Date.now()}`;
    await fillForm(browser.page, { title, body: '城关镇菜市场旁的垃圾点已经三天没有清运，气味很大，希望尽快处理。' });
    // People never see the field (off-screen, out of the tab order, hidden from screen readers); a bot fills it.
    const honeypot = form.locator('input[name="homepage"]');
    expect(await honeypot.getAttribute('tabindex')).toBe('-1');
    expect(await form.locator('.liuyan-hp').getAttribute('aria-hidden')).toBe('true');
    await honeypot.fill('http://cheap-pills.example', { force: true });
    await form.getByRole('button', { name: '提交留言' }).click();
    const code = form.locator('[part="tracking-code"]');
    await code.waitFor();
    expect((await code.textContent())!.trim()).toMatch(TRACKING_CODE);
    const [row] = queryD1<{ id: string; held_for: string; moderation: string }>(inject('persistTo'),
      `SELECT id, held_for, moderation FROM messages WHERE title = '${title}'`);
    expect(JSON.parse(row!.held_for)).toContain('honeypot');
    expect(row!.moderation).toBe('pending');

    // The moderator is told why, where they decide: on the 待审核 tab of the queue and on the message.
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.moderator, { width: 390, height: 844 });
    await page.goto(`${CONSOLE}#/queue?tab=moderation`);
    const item = await queueCard(page, title);
    await expect.poll(() => item.locator('[part="held-for"]').textContent()).toContain('先审核原因：填写了隐藏项（疑似自动程序）');
    await item.getByRole('link').click();
    const message = page.locator('liuyan-console-message');
    await expect.poll(() => message.locator('[part="held-for"]').first().textContent()).toContain('填写了隐藏项（疑似自动程序）');
    expect(page.url()).toContain(`#/messages/${row!.id}`);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('asks the citizen to keep personal details out of a public text, and warns a moderator about to publish one holding a phone number that everyone will see it', async () => {
    await browser.page.goto(`${HOST}/`);
    const form = browser.page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    expect(await form.getByText('留言原样公开，请勿在其中填写电话、住址等个人信息').count()).toBe(1);
    const title = `小区门口路灯不亮 ${Date.now()}`;
    await fillForm(browser.page, { title, body: '小区门口的路灯坏了一个星期，晚上很黑，有情况可打我手机13600136025联系。' });
    await form.getByRole('button', { name: '提交留言' }).click();
    await form.locator('[part="tracking-code"]').waitFor();
    const [row] = queryD1<{ id: string; held_for: string }>(inject('persistTo'), `SELECT id, held_for FROM messages WHERE title = '${title}'`);
    expect(JSON.parse(row!.held_for)).toContain('phone');

    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.moderator, { width: 390, height: 844 });
    await page.goto(`${CONSOLE}#/messages/${row!.id}`);
    const message = page.locator('liuyan-console-message');
    await message.getByRole('button', { name: '发布', exact: true }).click();
    // Said first, in the question that describes 确定: a screen reader says it too.
    const question = message.locator('#confirm-question');
    await expect.poll(() => question.textContent()).toMatch(/^注意：标题或内容中有电话号码，发布后所有人都能看到这个号码。.*确定发布吗？$/);
    expect(await message.getByRole('button', { name: '确定' }).getAttribute('aria-describedby')).toBe('confirm-question');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('loads Turnstile only when the citizen comes into the form, and sends its token', async () => {
    await setDemoProtection({ turnstileSiteKey: SITE_KEY, turnstileSecret: '1x0000000000000000000000000000000AA' });
    let scriptRequests = 0;
    await browser.page.route('https://challenges.cloudflare.com/**', (route) => {
      scriptRequests++;
      return route.fulfill({ status: 200, contentType: 'text/javascript', body: TURNSTILE_STUB });
    });
    await browser.page.goto(`${HOST}/`);
    const form = browser.page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    // Shown, not yet used: nothing fetched from Turnstile.
    await browser.page.waitForTimeout(500);
    expect(scriptRequests).toBe(0);
    expect(await browser.page.evaluate(() => 'turnstile' in window)).toBe(false);

    await form.getByLabel('标题', { exact: true }).focus();
    await expect.poll(() => scriptRequests).toBe(1);
    await expect.poll(() => form.locator('[slot="turnstile"]').textContent()).toBe(`Turnstile stub ${SITE_KEY}`);

    const title = `东环路井盖缺失 ${Date.now()}`;
    await fillForm(browser.page, { title, body: '东环路中学门口的井盖缺了一块，晚上很危险，希望尽快修好。' });
    const sent = browser.page.waitForRequest((r) => r.method() === 'POST' && r.url() === `${WORKER}/v1/sites/demo/messages`);
    // The local worker cannot reach Turnstile's siteverify (no network here): it refuses, never lets the message through unchecked.
    const answered = browser.page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${WORKER}/v1/sites/demo/messages`);
    await form.getByRole('button', { name: '提交留言' }).click();
    expect((await sent).postDataJSON()).toMatchObject({ title, turnstileToken: 'XXXX.DUMMY.TOKEN.XXXX' });
    const answer = await answered;
    expect(answer.status()).toBe(503);
    expect((await answer.json()).code).toBe('captcha_unavailable');
    expect(scriptRequests).toBe(1);
  });
});
