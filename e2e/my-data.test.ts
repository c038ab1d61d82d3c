import { readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import type { MyData } from '../sdk/src/schemas/my-data';
import { queryD1 } from '../scripts/local-stack';
import { DEMO_ACCOUNTS } from '../worker/seed/demo-accounts';
import { CONSOLE, signedIn } from './console-helpers';
import { fillForm, useBrowserPage } from './helpers';
import { HOST } from './ports';

const browser = useBrowserPage();

describe('My messages and My data in <liuyan-track>', () => {
  it('remembers a code on this device, lists it, opens it, downloads the data, erases the contact details and forgets it', async () => {
    const { page } = browser;
    await page.goto(`${HOST}/`);
    await page.locator('liuyan-form [part="form"]').waitFor();
    const title = `东环路路灯不亮 ${Date.now()}`;
    await fillForm(page, { title, body: '东环路从加油站到中学一段的路灯已经坏了两个星期，晚上骑车很危险。' });
    const form = page.locator('liuyan-form');
    await form.getByRole('button', { name: '提交留言' }).click();
    await form.locator('[part="tracking-code"]').waitFor();
    await form.getByLabel('在本设备上记住查询码').check();
    // The tracker on the same page lists it at once.
    const tracker = page.locator('liuyan-track');
    const mine = tracker.locator('[part="my-messages"]');
    await expect.poll(() => mine.textContent()).toContain(title);

    // Another visit: the tracker lists the remembered message without asking the service anything.
    await page.reload();
    await mine.waitFor();
    expect(await mine.textContent()).toContain(title);
    expect(await mine.textContent()).toContain('待受理');
    await mine.getByRole('button', { name: '查看' }).click();
    await tracker.locator('[part="message"] h3').waitFor();
    expect(await tracker.locator('[part="message"] h3').textContent()).toBe(title);

    const myData = tracker.locator('[part="my-data"]');
    const [download] = await Promise.all([page.waitForEvent('download'), myData.getByRole('button', { name: '下载我的数据' }).click()]);
    const data = JSON.parse(await readFile((await download.path())!, 'utf8')) as MyData;
    expect(data.message.title).toBe(title);
    expect(data.contact).toMatchObject({ name: '陈明', erasedAt: null });
    expect(download.suggestedFilename()).toBe(`liuyan-${data.message.id}.json`);

    await myData.getByRole('button', { name: '删除我的个人信息' }).click();
    const question = myData.getByRole('alertdialog');
    // All it takes is said: the details, the reply notices, finding a lost code by them; the words written stay.
    expect(await question.textContent()).toMatch(/永久删除.+有新回复时也不会再通知您，忘记查询码时也无法再凭手机号或邮箱找回。.+写在留言内容里的文字也不会删除/);
    await question.getByRole('button', { name: '确认删除' }).click();
    await expect.poll(async () => (await myData.getByRole('status').textContent()) ?? '').toContain('您的姓名、电话和邮箱已于');
    const [row] = queryD1<{ name: string; phone: string; email: string | null; display: string; logged: number }>(inject('persistTo'),
      `SELECT author_name_enc AS name, author_phone_enc AS phone, author_email_enc AS email, display_name AS display,
        (SELECT count(*) FROM personal_data_erasures WHERE message_id = m.id) AS logged FROM messages m WHERE id = '${data.message.id}'`);
    expect(row).toEqual({ name: '', phone: '', email: null, display: '陈***', logged: 1 });
    // Opened again later, the section says they are gone, and offers to erase nothing more.
    await page.reload();
    await mine.getByRole('button', { name: '查看' }).click();
    await tracker.locator('[part="message"] h3').waitFor();
    expect(await myData.locator('p.hint').textContent()).toMatch(/^您的姓名、电话和邮箱（及照片）已于\d{4}\/\d{2}\/\d{2}删除。您仍可以下载本留言的其余数据。$/);
    expect(await myData.getByRole('button', { name: '删除我的个人信息' }).count()).toBe(0);
    expect(await myData.getByRole('button', { name: '下载我的数据' }).count()).toBe(1);

    // An official who opens 查看联系方式 is told they were erased, and when; not shown blank fields.
    const official = await signedIn(browser, DEMO_ACCOUNTS.admin);
    await official.page.goto(`${CONSOLE}#/messages/${data.message.id}`);
    const message = official.page.locator('liuyan-console-message');
    await message.locator('[part="actions"]').getByRole('button', { name: '查看联系方式', exact: true }).click();
    const panel = message.locator('[part="action-form"]');
    if (await panel.count()) await panel.locator('button[type="submit"]').click();
    await expect.poll(async () => (await message.locator('[part="contact-erased"]').textContent()) ?? '').toMatch(/^留言人的姓名、电话和邮箱已于.+删除/);
    expect(await message.locator('[part="contact"] dl').count()).toBe(0);
    await official.page.context().close();

    await mine.getByRole('button', { name: '不再记住' }).click();
    await expect.poll(() => mine.count()).toBe(0);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('my-messages')))).toEqual([]);
  });
});
