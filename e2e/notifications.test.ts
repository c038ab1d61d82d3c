import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { queryD1, root } from '../scripts/local-stack';
import { fillForm, TRACKING_CODE, useBrowserPage } from './helpers';
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

    const input = tracker.getByPlaceholder('XXXX-XXXX-XXXX-XXXX');
    await input.fill(oldCode);
    await tracker.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(async () => (await tracker.getByRole('alert').textContent()) ?? '').toContain('没有找到');
    await input.fill(newCode);
    await tracker.getByRole('button', { name: '查询', exact: true }).click();
    await tracker.locator('[part="message"] h3').waitFor();
    expect(await tracker.locator('[part="message"] h3').textContent()).toBe(title);
  });
});
