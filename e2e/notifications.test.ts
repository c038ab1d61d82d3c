import { readdir, readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { queryD1, root } from '../scripts/local-stack';
import { DEMO_ACCOUNTS } from '../worker/seed/demo-accounts';
import { CONSOLE, isFocused, officialApi, sessionCookie, signedIn } from './console-helpers';
import { citizenPhone, fillForm, TRACKING_CODE, useBrowserPage } from './helpers';
import { HOST } from './ports';

const browser = useBrowserPage();

/**
 * The texts of the e-mails `wrangler dev` wrote since `since` (ms): its send_email binding sends
 * nothing locally, it writes each mail's text to .wrangler/tmp/email/<instance>/email-text/.
 */
async function mailsSince(since: number): Promise<string[]> {
  const base = path.join(root, '.wrangler/tmp/email');
  const texts: string[] = [];
  for (const instance of await readdir(base).catch(() => [])) {
    const dir = path.join(base, instance, 'email-text');
    for (const file of await readdir(dir).catch(() => [])) {
      const full = path.join(dir, file);
      if ((await stat(full)).mtimeMs >= since) texts.push(await readFile(full, 'utf8'));
    }
  }
  return texts;
}

describe('reply notices and a lost tracking code', () => {
  it('asks for an e-mail notice with the message, and sends a new code to the e-mail on file for 忘记查询码', async () => {
    const { page } = browser;
    const started = Date.now();
    await page.goto(`${HOST}/`);
    const form = page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    const title = `北门菜市场噪音扰民 ${started}`;
    const email = `citizen-${started}@example.com`;
    await fillForm(page, { title, body: '北门菜市场每天凌晨四点开始卸货，噪音很大，影响附近居民休息。' });
    // The choice appears once an e-mail is typed: the notice goes to it.
    expect(await form.getByLabel(/邮件通知/).count()).toBe(0);
    await form.getByLabel(/电子邮箱/).fill(email);
    await form.getByLabel(/邮件通知/).check();
    await form.getByRole('button', { name: '提交留言' }).click();
    const shown = form.locator('[part="tracking-code"]');
    await shown.waitFor();
    const oldCode = (await shown.textContent())!.trim();
    expect(oldCode).toMatch(TRACKING_CODE);
    const [row] = queryD1<{ notify_email: number; notify_sms: number }>(inject('persistTo'),
      `SELECT notify_email, notify_sms FROM messages WHERE title = '${title}'`);
    expect(row).toEqual({ notify_email: 1, notify_sms: 0 });

    const tracker = page.locator('liuyan-track');
    await tracker.getByText('忘记查询码？').click();
    await tracker.getByLabel('手机号或电子邮箱').fill(email.toUpperCase());
    await tracker.getByRole('button', { name: '发送新的查询码' }).click();
    await expect.poll(async () => (await tracker.locator('[part="lost-code"] [role="status"]').textContent()) ?? '').toContain('已受理');

    // Through the queue to the delivery step, which mails the new code.
    let mail: string | undefined;
    await expect.poll(async () => (mail = (await mailsSince(started)).find((text) => text.includes('新查询码'))) !== undefined, { timeout: 20_000 }).toBe(true);
    const newCode = /[2-9A-HJ-NP-Z]{4}(?:-[2-9A-HJ-NP-Z]{4}){3}/.exec(mail!)![0];
    expect(newCode).not.toBe(oldCode);

    // Anyone who knows the e-mail could have asked: the citizen's own code works until the new one is used.
    const input = tracker.getByPlaceholder('XXXX-XXXX-XXXX-XXXX');
    const lookUp = async (code: string) => {
      await input.fill(code);
      await tracker.getByRole('button', { name: '查询', exact: true }).click();
    };
    await lookUp(oldCode);
    await expect.poll(async () => (await tracker.locator('[part="message"] h3').textContent()) ?? '').toBe(title);
    await lookUp(newCode);
    await expect.poll(async () => (await tracker.locator('[part="message"] h3').textContent()) ?? '').toBe(title);
    await lookUp(oldCode);
    await expect.poll(async () => (await tracker.getByRole('alert').textContent()) ?? '').toContain('没有找到');
  });
});

/** The demo site's SMS settings as seeded (none), put back after a test changed them. */
const NO_SMS = { sms: { provider: null, endpoint: null, keyId: null, signName: null, templates: {} }, emailFrom: null, phoneVerification: false };

describe('获取验证码 when the SMS cannot be sent', () => {
  it('tells the citizen plainly and lets them ask again; a site without verification shows none of it', async () => {
    // The government's SMS gateway, on this machine: down at first, then back.
    let up = false;
    const texts: string[] = [];
    const gateway = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (!up) return void response.writeHead(503).end('down');
        texts.push(JSON.parse(body).text);
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const cookie = await sessionCookie(DEMO_ACCOUNTS.admin);
    const settings = {
      sms: { provider: 'gateway', endpoint: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`, keyId: 'county', secret: 'gateway-secret', signName: '示范县人民政府', templates: {} },
      emailFrom: null, phoneVerification: true,
    };
    expect((await officialApi(cookie, 'PUT', '/v1/admin/notifications', settings)).status).toBe(200);
    try {
      const { page } = browser;
      await page.goto(`${HOST}/`);
      const form = page.locator('liuyan-form');
      await form.locator('[part="form"]').waitFor();
      await form.getByLabel('联系电话', { exact: true }).fill(citizenPhone());
      const getCode = form.locator('[part="get-code"]');
      await getCode.click();
      const alert = form.getByRole('alert').filter({ hasText: '验证码' });
      await expect.poll(async () => (await alert.textContent()) ?? '').toBe('验证码短信未能发出，请稍后点击“获取验证码”重试。');
      expect(await form.locator('#verificationCode-status').textContent()).not.toContain('已发送');
      // Asked again at once: the button is there, with no countdown.
      expect(await getCode.textContent()).toContain('获取验证码');
      expect(await getCode.isEnabled()).toBe(true);

      up = true;
      await getCode.click();
      await expect.poll(async () => (await form.locator('#verificationCode-status').textContent()) ?? '').toContain('验证码已发送到');
      expect(await alert.count()).toBe(0);
      expect(texts).toEqual([expect.stringMatching(/您的验证码为 \d{6}/)]);

      // The code's field could not come once (a dropped connection): its place says so, and once the
      // next focus in the form has brought it, the field is there and that sentence is gone.
      const dropped = await browser.page.context().browser()!.newContext({ locale: 'zh-CN' });
      const other = await dropped.newPage();
      let asked = 0;
      await other.route(/\/verification-[^/]+\.js(\?[^/]*)?$/, (route) => (asked++ === 0 ? route.abort('connectionreset') : route.continue()));
      await other.goto(`${HOST}/`);
      const itsForm = other.locator('liuyan-form');
      await itsForm.locator('[part="form"]').waitFor();
      await expect.poll(async () => (await itsForm.locator('#verificationCode-error').textContent()) ?? '').toBe('留言板加载失败，请检查网络后重试。');
      await itsForm.getByLabel('标题', { exact: true }).focus();
      await itsForm.locator('[part="get-code"]').waitFor();
      expect(await itsForm.locator('#verificationCode-error').count()).toBe(0);
      // Asked for twice: the request that failed, and the focus's.
      expect(asked).toBe(2);
      await dropped.close();
    } finally {
      await officialApi(cookie, 'PUT', '/v1/admin/notifications', NO_SMS);
      gateway.close();
    }

    // Verification off: no code field, no button, no word of SMS anywhere on the page (a new visitor,
    // whose browser holds no copy of the site's configuration from before).
    const visitor = await browser.page.context().browser()!.newContext({ locale: 'zh-CN' });
    const page = await visitor.newPage();
    await expect.poll(async () => {
      await page.goto(`${HOST}/`);
      await page.locator('liuyan-form [part="form"]').waitFor();
      return page.locator('liuyan-form [part="get-code"]').count();
    }, { timeout: 60_000, interval: 2000 }).toBe(0);
    const shown = await page.evaluate(() => [...document.querySelectorAll('*')].map((e) => (e.shadowRoot?.textContent ?? '') + (e.textContent ?? '')).join(' '));
    for (const words of ['本站暂未开通短信服务', '未能发出', '短信验证码']) expect(shown).not.toContain(words);
    await visitor.close();
  });
});

describe('a dead notice in the console', () => {
  it('is sent again by 重新发送, once for two clicks', async () => {
    const [admin] = queryD1<{ id: string }>(inject('persistTo'), `SELECT id FROM accounts WHERE site_id = 'demo' AND email = '${DEMO_ACCOUNTS.admin.email}'`);
    const [message] = queryD1<{ id: string }>(inject('persistTo'), "SELECT id FROM messages WHERE site_id = 'demo' ORDER BY seq LIMIT 1");
    const id = `n_e2e_${Date.now()}`;
    const at = new Date(Date.now() - 6 * 3_600_000).toISOString();
    queryD1(inject('persistTo'), `INSERT INTO notifications (id, site_id, kind, channel, message_id, account_id, status, attempts, last_error, created_at, finished_at)
      VALUES ('${id}', 'demo', 'assigned', 'email', '${message!.id}', '${admin!.id}', 'dead', 12, 'refused_E_SENDER_NOT_VERIFIED', '${at}', '${at}')`);

    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin);
    await page.goto(`${CONSOLE}#/admin/notifications`);
    const notices = page.locator('liuyan-console-admin-notifications');
    const item = notices.locator('[part="dead-notifications"] li').filter({ has: page.locator(`a[href="#/messages/${message!.id}"]`) }).filter({ hasText: '新留言交办' });
    const button = item.first().getByRole('button', { name: '重新发送' });
    await button.waitFor();
    // The last attempt's code, said in words an admin can act on.
    expect(await item.first().textContent()).toContain('邮件服务拒收，请检查发件地址和收件邮箱（refused_E_SENDER_NOT_VERIFIED）');
    // A double tap: both clicks land at once (the second on a button already disabled, or on one gone
    // from the dead list once the first has answered).
    await Promise.all([button.click({ force: true }), button.click({ force: true, timeout: 5_000 }).catch(() => undefined)]);
    await expect.poll(async () => (await notices.locator('[role="status"]:not([hidden])').textContent()) ?? '').toContain('已重新发送');
    // Said where the admin clicked too, in the row, which stays (no second button): the page's own is screens above on a phone.
    expect(await item.first().locator('p.notice').textContent()).toContain('已重新发送');
    expect(await item.first().getByRole('button', { name: '重新发送' }).count()).toBe(0);
    await expect.poll(() => queryD1<{ status: string; attempts: number }>(inject('persistTo'), `SELECT status, attempts FROM notifications WHERE id = '${id}'`)[0], { timeout: 20_000 })
      .toEqual({ status: 'sent', attempts: 1 });
    expect(queryD1<{ n: number }>(inject('persistTo'), `SELECT count(*) AS n FROM audit_log WHERE action = 'notification.resend' AND detail LIKE '%${id}%'`)[0]!.n).toBe(1);
    expect(problems).toEqual([]);
  });
});

describe('a dead SMS notice in the console', () => {
  it('waits for the site’s SMS: offered again once a provider is saved, and not once SMS is turned off', async () => {
    const [message] = queryD1<{ id: string }>(inject('persistTo'), "SELECT id FROM messages WHERE site_id = 'demo' ORDER BY seq LIMIT 1 OFFSET 1");
    const id = `n_e2e_sms_${Date.now()}`;
    const at = new Date(Date.now() - 6 * 3_600_000).toISOString();
    queryD1(inject('persistTo'), `INSERT INTO notifications (id, site_id, kind, channel, message_id, status, attempts, last_error, created_at, finished_at)
      VALUES ('${id}', 'demo', 'reply', 'sms', '${message!.id}', 'dead', 12, 'sms_not_configured', '${at}', '${at}')`);
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin);
    try {
      await page.goto(`${CONSOLE}#/admin/notifications`);
      const notices = page.locator('liuyan-console-admin-notifications');
      const item = notices.locator('[part="dead-notifications"] li').filter({ has: page.locator(`a[href="#/messages/${message!.id}"]`) }).filter({ hasText: '回复通知 · 短信' });
      const waiting = '本站现在不发短信：在上方设置短信服务后即可重新发送。';
      await expect.poll(() => item.first().textContent()).toContain(waiting);
      expect(await item.first().getByRole('button', { name: '重新发送' }).count()).toBe(0);

      const save = async () => {
        await notices.getByRole('button', { name: '保存' }).click();
        await expect.poll(async () => (await notices.locator('[role="status"]:not([hidden])').textContent()) ?? '').toContain('已保存');
        // Said beside 保存 too, where the admin is looking: the page's own is at its top.
        expect(await notices.locator('form p.notice').textContent()).toContain('已保存');
      };
      await notices.getByLabel('短信服务商').selectOption('gateway');
      await notices.getByLabel('接口地址').fill('https://sms.county.example.gov.cn/send');
      await notices.getByLabel('密钥 ID（请求中的 keyId）').fill('county');
      await notices.getByLabel('密钥（签名请求的共享密钥）').fill('gateway-secret');
      await notices.getByLabel('短信签名').fill('示范县人民政府');
      await save();
      await item.first().getByRole('button', { name: '重新发送' }).waitFor();
      expect(await item.first().textContent()).not.toContain(waiting);

      // Another provider starts from an empty address, key ID and secret (an Aliyun request must not go to
      // the county's gateway); the texts' sign name stays. Back to the saved one, its own come back.
      await notices.getByLabel('短信服务商').selectOption('aliyun');
      // The page no longer says 已保存 of a form the admin is changing.
      expect(await notices.locator('[role="status"]:not([hidden])').filter({ hasText: '已保存' }).count()).toBe(0);
      await expect.poll(() => notices.getByLabel('接口地址').inputValue()).toBe('');
      expect(await notices.getByLabel('密钥 ID（AccessKey ID）').inputValue()).toBe('');
      expect(await notices.getByLabel('短信签名').inputValue()).toBe('示范县人民政府');
      await notices.getByLabel('短信服务商').selectOption('gateway');
      await expect.poll(() => notices.getByLabel('接口地址').inputValue()).toBe('https://sms.county.example.gov.cn/send');
      expect(await notices.getByLabel('密钥 ID（请求中的 keyId）').inputValue()).toBe('county');

      // Turned off again: the page saves without a fault, and the notice waits again.
      await notices.getByLabel('短信服务商').selectOption('');
      await save();
      await expect.poll(() => item.first().textContent()).toContain(waiting);
      expect(await item.first().getByRole('button', { name: '重新发送' }).count()).toBe(0);
      // What SMS off keeps is the gateway's: Aliyun starts empty, the gateway has it back.
      await notices.getByLabel('短信服务商').selectOption('aliyun');
      await expect.poll(() => notices.getByLabel('接口地址').inputValue()).toBe('');
      expect(await notices.getByLabel('密钥 ID（AccessKey ID）').inputValue()).toBe('');
      // A malformed address and the missing key ID and secret are said at once, the address first.
      await notices.getByLabel('接口地址').fill('sms.county.example.gov.cn/send');
      await notices.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => notices.locator('#endpoint-error').textContent()).toBe('接口地址格式不正确');
      expect(await notices.locator('#keyId-error').textContent()).toBe('请填写密钥 ID');
      expect(await notices.locator('#secret-error').textContent()).toBe('请填写密钥');
      expect(await isFocused(notices.getByLabel('接口地址'))).toBe(true);
      await notices.getByLabel('接口地址').fill('');
      await notices.getByLabel('短信服务商').selectOption('gateway');
      await expect.poll(() => notices.getByLabel('接口地址').inputValue()).toBe('https://sms.county.example.gov.cn/send');
      expect(await notices.getByLabel('密钥 ID（请求中的 keyId）').inputValue()).toBe('county');
      // In English, an error names the field as a sentence does, the form's label in lower case.
      await page.locator('liuyan-console [part="header"]').getByLabel('语言').selectOption('en');
      await expect.poll(() => notices.getByRole('button', { name: 'Save' }).count()).toBe(1);
      await notices.getByLabel('SMS provider').selectOption('gateway');
      await notices.getByLabel('Service address').fill('');
      await notices.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => notices.locator('#endpoint-error').textContent()).toBe('Please enter the service address');
      await page.locator('liuyan-console [part="header"]').getByLabel('Language').selectOption('zh-CN');
      expect(problems).toEqual([]);
    } finally {
      await officialApi(await sessionCookie(DEMO_ACCOUNTS.admin), 'PUT', '/v1/admin/notifications', NO_SMS);
      await page.context().close();
    }
  });
});

describe('an official’s own notices', () => {
  it('a box whose save failed goes back to what the service holds, and one that saved stays', async () => {
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.transport);
    await page.goto(`${CONSOLE}#/account`);
    const account = page.locator('liuyan-console-account');
    const box = account.getByLabel('留言即将到期');
    await box.waitFor();
    // 重办 is a kind of its own, on until turned off.
    expect(await account.getByLabel('留言人不满意或追问，留言退回重办').isChecked()).toBe(true);
    const before = await box.isChecked();

    // The service cannot be reached for the save: the box shows its old state again, with the problem said.
    let saves = 0;
    await page.route('**/v1/console/me/notifications', (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      saves += 1;
      return route.fulfill({ status: 500, headers: { 'Content-Type': 'application/problem+json' }, body: '{"type":"about:blank","title":"internal","status":500,"code":"internal"}' });
    });
    await box.click();
    await account.locator('section[aria-labelledby="notices-title"] .error[role="alert"]').waitFor();
    await expect.poll(() => box.isChecked()).toBe(before);
    expect(saves).toBe(1);

    // Saved, on a slow line: the box shows the choice while it saves (it went back until the answer
    // came, as if the tap had not taken), and keeps it, after a reload too.
    await page.unroute('**/v1/console/me/notifications');
    let answer = () => {};
    await page.route('**/v1/console/me/notifications', async (route) => {
      if (route.request().method() === 'PUT') await new Promise<void>((resolve) => { answer = resolve; });
      await route.continue();
    });
    await box.click();
    await page.waitForTimeout(300);
    expect(await box.isChecked()).toBe(!before);
    answer();
    await expect.poll(() => account.getByText('通知设置已保存').isVisible()).toBe(true);
    await page.unroute('**/v1/console/me/notifications');
    expect(await box.isChecked()).toBe(!before);
    await page.reload();
    await expect.poll(() => account.getByLabel('留言即将到期').isChecked()).toBe(!before);
    // Put back as seeded.
    await account.getByLabel('留言即将到期').click();
    await expect.poll(() => account.getByText('通知设置已保存').isVisible()).toBe(true);
    expect(problems.filter((p) => !p.includes('500'))).toEqual([]);
  });
});
