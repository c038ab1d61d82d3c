import { readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import type { Locator } from 'playwright-core';
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

describe('My messages and My data from the keyboard', () => {
  /** The text of what has the focus inside `tag`'s shadow root, or null when the focus is elsewhere. */
  const focusedIn = (tag: string) => browser.page.evaluate((t) => {
    const active = document.querySelector(t)!.shadowRoot!.activeElement as HTMLElement | null;
    return active ? active.id || active.textContent!.trim() : null;
  }, tag);

  it('再写一条 puts the focus on the form’s first field; 记住 and 不再记住 keep the focus where it was and say what they did; the erase question closes on Escape and 取消 with the focus back on its button, and once erased puts it on 我的数据', async () => {
    const { page } = browser;
    await page.goto(`${HOST}/`);
    const form = page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    const titles = [`南环路井盖松动 ${Date.now()}`, `南环路井盖又松了 ${Date.now()}`];
    for (const title of titles) {
      await fillForm(page, { title, body: '南环路菜市场门口的井盖松动，踩上去会翘起来，老人小孩容易摔倒。' });
      await form.getByRole('button', { name: '提交留言' }).click();
      await form.locator('[part="tracking-code"]').waitFor();
      await form.getByLabel('在本设备上记住查询码').check();
      await form.getByRole('button', { name: '再写一条' }).focus();
      await page.keyboard.press('Enter');
      // The button went with the receipt: the focus is on the empty form's first field, not lost to the page.
      await expect.poll(() => page.evaluate(() => {
        const active = document.querySelector('liuyan-form')!.shadowRoot!.activeElement as HTMLSelectElement | null;
        return active?.closest('[part="form"]') ? active.labels?.[0]?.textContent ?? '' : null;
      })).toMatch(/^\s*留言对象/);
    }
    const tracker = page.locator('liuyan-track');
    const mine = tracker.locator('[part="my-messages"]');
    await expect.poll(() => mine.locator('li').count()).toBe(2);
    // A heading of the tracker's own level: not a level below a heading it is not under.
    expect(await mine.getByRole('heading', { level: 3, name: '我的留言' }).count()).toBe(1);
    await mine.locator('li').filter({ hasText: titles[1]! }).getByRole('button', { name: '查看' }).click();
    await tracker.locator('[part="message"] h3').waitFor();

    const myData = tracker.locator('[part="my-data"]');
    await myData.getByRole('button', { name: '不再记住' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedIn('liuyan-track')).toBe('在本设备上记住查询码');
    expect(await myData.getByRole('status').textContent()).toBe('本设备不再记住这条留言的查询码。');
    expect(await mine.locator('li').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedIn('liuyan-track')).toBe('不再记住');
    expect(await myData.getByRole('status').textContent()).toBe('已在本设备上记住查询码，可在上方“我的留言”中查看。');
    expect(await mine.locator('li').count()).toBe(2);

    await myData.getByRole('button', { name: '删除我的个人信息' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedIn('liuyan-track')).toBe('erase-confirm');
    await page.keyboard.press('Escape');
    await expect.poll(() => myData.getByRole('alertdialog').count()).toBe(0);
    expect(await focusedIn('liuyan-track')).toBe('erase-button');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedIn('liuyan-track')).toBe('erase-confirm');
    await myData.getByRole('alertdialog').getByRole('button', { name: '取消' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedIn('liuyan-track')).toBe('erase-button');
    expect(await myData.getByRole('alertdialog').count()).toBe(0);
    // Erased from the keyboard: the focus stays on 确认删除 while it works, then goes to 我的数据's
    // heading (删除我的个人信息 is no longer offered), the outcome said beneath.
    await myData.getByRole('button', { name: '删除我的个人信息' }).focus();
    await page.keyboard.press('Enter');
    await myData.getByRole('alertdialog').getByRole('button', { name: '确认删除' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedIn('liuyan-track')).toBe('my-data-title');
    expect(await myData.getByRole('status').textContent()).toMatch(/^您的姓名、电话和邮箱已于.+删除/);
    // Forgotten and remembered again: said so, until the list below forgets it.
    await myData.getByRole('button', { name: '不再记住' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect.poll(() => myData.getByRole('status').textContent()).toBe('已在本设备上记住查询码，可在上方“我的留言”中查看。');

    // 不再记住 in the list: its row goes, the focus to the next row's 查看, then to the code's field; said each time.
    await mine.locator('li').first().getByRole('button', { name: '不再记住' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => mine.locator('li').count()).toBe(1);
    expect(await focusedIn('liuyan-track')).toBe('查看');
    expect(await tracker.locator('form.lookup > [role="status"]').textContent()).toBe('本设备不再记住这条留言的查询码。');
    await mine.getByRole('button', { name: '不再记住' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => mine.count()).toBe(0);
    expect(await focusedIn('liuyan-track')).toBe('trackingCode');
    // The message shown is no longer remembered: 我的数据 offers to remember it, and no longer says it is.
    expect(await myData.getByRole('button', { name: '在本设备上记住查询码' }).count()).toBe(1);
    expect(await myData.getByRole('status').textContent()).toBe('');
  });

  it('查询, 在本设备上记住查询码, 下载我的数据 and 发送新的查询码 at the screen’s bottom edge: what they come to is brought into view, the focus kept on the button; not once the page was scrolled away', async () => {
    const { page } = browser;
    await page.goto(`${HOST}/`);
    const form = page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    await fillForm(page, { title: `西环路积水 ${Date.now()}`, body: '西环路桥洞下每逢下雨就积水，电动车过不去。' });
    await form.getByRole('button', { name: '提交留言' }).click();
    const code = (await form.locator('[part="tracking-code"]').textContent())!.trim();
    const tracker = page.locator('liuyan-track');
    const lookUp = tracker.getByRole('button', { name: '查询', exact: true });
    const atBottomEdge = (button: Locator) => button.evaluate((b) => scrollBy({ top: b.getBoundingClientRect().bottom - innerHeight + 2, behavior: 'instant' }));
    const height = await page.evaluate(() => innerHeight);
    const inView = async (line: Locator) => {
      const box = await line.boundingBox();
      return box!.y >= 0 && box!.y + box!.height < height + 1; // scrolled to a whole pixel
    };
    // A code no message has, looked up with 查询 at the screen's bottom edge: 没有找到 comes into view.
    await tracker.locator('#trackingCode').fill('ABCD-EFGH-JKMN-PQRS');
    await atBottomEdge(lookUp);
    await lookUp.click();
    await tracker.locator('#trackingCode-error').waitFor();
    expect(await inView(tracker.locator('#trackingCode-error'))).toBe(true);

    await tracker.locator('#trackingCode').fill(code);
    await lookUp.click();
    const myData = tracker.locator('[part="my-data"]');
    const download = myData.getByRole('button', { name: '下载我的数据' });
    await download.waitFor();

    // 在本设备上记住查询码 at the bottom edge: 我的留言 comes above (≈ 230 px), the button stays on the
    // screen, no further up than its notice under it needs.
    const remember = myData.locator('.actions button').last();
    await atBottomEdge(remember);
    await remember.click();
    await expect.poll(() => remember.textContent()).toBe('不再记住');
    await tracker.locator('[part="my-messages"]').waitFor();
    const notice = myData.getByRole('status');
    expect(await inView(remember)).toBe(true);
    expect(await inView(notice)).toBe(true);
    expect((await notice.boundingBox())!.y + (await notice.boundingBox())!.height).toBeGreaterThan(height - 2);
    await atBottomEdge(download);
    await page.route('**/my-data**', (route) => route.abort('internetdisconnected'));
    await download.focus();
    await page.keyboard.press('Enter');
    const failure = myData.getByRole('alert');
    await expect.poll(() => failure.textContent()).toBe('操作没有完成，请检查网络后重试。');
    expect(await focusedIn('liuyan-track')).toBe('下载我的数据');
    expect(await inView(failure)).toBe(true);

    // Pressed again, then the page scrolled up by touch while it works (the focus stays on the button):
    // the failure does not pull the page back down.
    await page.unroute('**/my-data**');
    let answered = 0;
    await page.route('**/my-data**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      answered++;
      await route.abort('internetdisconnected');
    });
    await download.evaluate((b) => scrollBy({ top: b.getBoundingClientRect().bottom - innerHeight + 2, behavior: 'instant' }));
    await page.keyboard.press('Enter');
    // Found by its place: its name is 正在准备… while it works.
    const working = myData.locator('.actions button').first();
    await expect.poll(() => working.textContent()).toBe('正在准备…');
    const before = await page.evaluate(() => scrollY);
    await page.mouse.wheel(0, -500);
    await expect.poll(() => page.evaluate(() => scrollY)).toBe(before - 500);
    const scrolled = before - 500;
    await expect.poll(() => working.textContent(), { timeout: 30_000 }).toBe('下载我的数据');
    expect(answered).toBeGreaterThan(0);
    expect(await failure.textContent()).toBe('操作没有完成，请检查网络后重试。');
    expect(await page.evaluate(() => scrollY)).toBe(scrolled);
    expect(await focusedIn('liuyan-track')).toBe('下载我的数据');
    await page.unroute('**/my-data**');

    // 发送新的查询码 with nothing typed, at the screen's bottom edge: what to type comes into view.
    const lost = tracker.locator('[part="lost-code"]');
    await lost.locator('summary').click();
    const send = lost.getByRole('button', { name: '发送新的查询码' });
    await send.evaluate((b) => scrollBy({ top: b.getBoundingClientRect().bottom - innerHeight + 2, behavior: 'instant' }));
    await send.click();
    const said = lost.getByText('请填写留言时留下的手机号或电子邮箱');
    await said.waitFor();
    expect(await inView(said)).toBe(true);
  });
});
