import { describe, expect, it } from 'vitest';
import { countMessagesTitled, fillForm, TRACKING_CODE, useBrowserPage } from './helpers';
import { FOREIGN, HOST, WORKER } from './ports';

const browser = useBrowserPage();

/** The county website on its own origin, with the widget loaded from the service. */
async function openCountySite(query = '') {
  await browser.page.goto(`${HOST}/${query}`);
  await browser.page.locator('liuyan-form [part="form"]').waitFor();
}

async function submitAndReadCode(): Promise<string> {
  await browser.page.locator('liuyan-form').getByRole('button', { name: '提交留言' }).click();
  const code = browser.page.locator('liuyan-form').locator('[part="tracking-code"]');
  await code.waitFor();
  return (await code.textContent())!.trim();
}

describe('<liuyan-form> and <liuyan-track> on a county website', () => {
  it('a citizen writes to a department, gets a tracking code once, and tracks the message', async () => {
    await openCountySite();
    const title = `城关镇东环路路灯不亮 ${Date.now()}`;
    await fillForm(browser.page, { title, body: '东环路从加油站到中学一段的路灯已经坏了两个星期，晚上骑车很危险。', department: '示范县交通运输局' });
    const code = await submitAndReadCode();

    expect(code).toMatch(TRACKING_CODE);
    const form = browser.page.locator('liuyan-form');
    await expect.poll(() => form.getByText('请立即保存查询码').count()).toBe(1);
    await expect.poll(() => form.getByRole('button', { name: '复制查询码' }).count()).toBe(1);

    const tracker = browser.page.locator('liuyan-track');
    await tracker.getByLabel('查询码').fill(code.toLowerCase());
    await tracker.getByRole('button', { name: '查询' }).click();
    const message = tracker.locator('[part="message"]');
    await message.waitFor();
    expect(await message.locator('h3').textContent()).toBe(title);
    const text = (await message.textContent())!;
    expect(text).toContain('示范县交通运输局');
    expect(text).toContain('待受理');
    expect(text).toContain('提交留言');
    expect(text).toContain('待审核');
    expect(countMessagesTitled(title)).toBe(1);
  });

  it('the receipt, shown once, is there again after Back and Forward, a reload or a switch of language, until 再写一条 or the page is opened afresh', async () => {
    const { page } = browser;
    // The write page is never kept whole by the browser (no-store): coming back to it loads it again.
    const openWritePage = async () => {
      await page.goto(`${WORKER}/s/demo/write`);
      await page.locator('liuyan-form [part="form"]').waitFor();
    };
    await openWritePage();
    const title = `回执返回后还在 ${Date.now()}`;
    await fillForm(page, { title, body: '幸福路口的红绿灯坏了，早晚高峰车辆拥堵，请尽快修复。' });
    const code = await submitAndReadCode();
    const form = page.locator('liuyan-form');
    const shownCode = async () => (await form.locator('[part="tracking-code"]').textContent())?.trim();
    // Away to another page and Back, then a reload: the same receipt, and nothing sent again.
    await page.goto(`${WORKER}/s/demo/`);
    await page.goBack();
    await expect.poll(shownCode).toBe(code);
    // It says what holds: the code is there until the page is closed, not "shown only once".
    expect(await form.getByRole('alert').textContent()).toMatch(/^请立即保存查询码：关闭本页后就无法再次查看。/);
    await page.reload();
    await expect.poll(shownCode).toBe(code);
    // Switched to Traditional Chinese to read it, and back: the same receipt, in each language.
    await page.getByRole('link', { name: '繁體中文' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/^請立即儲存查詢碼/);
    expect(await shownCode()).toBe(code);
    await page.getByRole('link', { name: '简体中文' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/^请立即保存查询码/);
    expect(await shownCode()).toBe(code);
    expect(countMessagesTitled(title)).toBe(1);
    // The same page opened afresh (a link, the address typed) is an empty form.
    await openWritePage();
    expect(await form.locator('[part="tracking-code"]').count()).toBe(0);
    // 再写一条 forgets it: a reload then shows the form.
    await fillForm(page, { title: `${title}二`, body: '幸福路口的红绿灯坏了，早晚高峰车辆拥堵，请尽快修复。' });
    await submitAndReadCode();
    await form.getByRole('button', { name: '再写一条' }).click();
    await page.reload();
    await form.locator('[part="form"]').waitFor();
    expect(await form.locator('[part="tracking-code"]').count()).toBe(0);
  });

  it('shows a private message to its author, and says it is private', async () => {
    await openCountySite();
    const title = `关于低保申请材料的咨询 ${Date.now()}`;
    await fillForm(browser.page, { title, body: '家里老人想申请低保，需要准备哪些材料，在哪里办理？', isPublic: false });
    const code = await submitAndReadCode();
    await expect.poll(() => browser.page.locator('liuyan-form').getByText('这是一条不公开的留言').count()).toBe(1);

    const tracker = browser.page.locator('liuyan-track');
    await tracker.getByLabel('查询码').fill(code);
    await tracker.getByRole('button', { name: '查询' }).click();
    await tracker.locator('[part="message"]').waitFor();
    expect(await tracker.locator('[part="message"] h3').textContent()).toBe(title);
    expect(await tracker.locator('[part="message"]').textContent()).toContain('不公开');
  });

  it('renders markup typed by a citizen as text, and never runs it', async () => {
    await openCountySite();
    const title = `<img src=x onerror="window.__xss=1"> ${Date.now()}`;
    const body = '<script>window.__xss=2</script><b onclick="window.__xss=3">粗体</b>';
    await fillForm(browser.page, { title, body });
    const code = await submitAndReadCode();

    const tracker = browser.page.locator('liuyan-track');
    await tracker.getByLabel('查询码').fill(code);
    await tracker.getByRole('button', { name: '查询' }).click();
    await tracker.locator('[part="message"]').waitFor();
    expect(await tracker.locator('[part="message"] h3').textContent()).toBe(title);
    expect(await tracker.locator('[part="message"] .body').first().textContent()).toBe(body);
    expect(await tracker.locator('[part="message"] img, [part="message"] script, [part="message"] b').count()).toBe(0);
    expect(await browser.page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  });

  it('when the answer is lost on the network, the retry lands on the same message', async () => {
    await openCountySite();
    const title = `村道塌方影响出行 ${Date.now()}`;
    await fillForm(browser.page, { title, body: '石桥镇李家村到镇上的村道前几天下雨塌了一块，车过不去，请尽快修复。' });

    // The first attempt reaches the service and is stored, but its answer never arrives.
    let attempts = 0;
    await browser.page.route(`${WORKER}/v1/sites/demo/messages`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      attempts++;
      if (attempts === 1) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    const code = await submitAndReadCode();

    expect(code).toMatch(TRACKING_CODE);
    expect(attempts).toBe(2);
    expect(countMessagesTitled(title)).toBe(1);
  });

  it('shows the service’s field errors next to the field, in the page’s language', async () => {
    await openCountySite('?lang=en');
    const form = browser.page.locator('liuyan-form');
    await form.getByRole('button', { name: 'Send message' }).click();
    await expect.poll(() => form.getByText('Please enter the title').count()).toBe(1);
    await expect.poll(() => form.getByText('Please read and accept the privacy notice').count()).toBe(1);

    await form.getByLabel('Recipient', { exact: true }).selectOption({ label: '示范县县长' });
    await form.getByLabel('Complaint').check();
    await form.getByLabel('Domain', { exact: true }).selectOption({ label: 'Transport' });
    await form.getByLabel('Title', { exact: true }).fill('Broken street lights');
    await form.getByLabel('Message', { exact: true }).fill('The street lights on East Ring Road have been off for two weeks.');
    await form.getByLabel('Region', { exact: true }).fill('Chengguan');
    await form.getByLabel('Name', { exact: true }).fill('Chen Ming');
    await form.getByLabel('Phone number', { exact: true }).fill('12345');
    await form.getByLabel(/I have read and accept/).check();
    await form.getByRole('button', { name: 'Send message' }).click();
    // The phone number is checked by the service; its error code is shown in English.
    const phoneError = form.locator('#author\\.phone-error');
    await phoneError.waitFor();
    expect(await phoneError.textContent()).toContain('valid mobile number');
    expect(await form.getByLabel('Phone number', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  });

  it('on a website that is not allowed, the widget cannot use the service', async () => {
    await browser.page.goto(`${FOREIGN}/`);
    const form = browser.page.locator('liuyan-form');
    await expect.poll(() => form.getByText('本网站尚未开通留言板').count()).toBe(1);
    // A script on that page may send a whole message: it is refused (and may read why), with nothing stored.
    const title = `外站脚本提交的留言 ${Date.now()}`;
    const answer = await browser.page.evaluate(async ({ api, title }) => {
      const response = await fetch(`${api}/v1/sites/demo/messages`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({
          unitId: 'u_edu', type: 'complaint', domain: 'education', title, body: '县城的路灯坏了很久没人修，晚上出行很不方便。', region: '示范县城关镇',
          author: { name: '陈明', phone: '13800138000' }, isPublic: true, consent: true,
        }),
      });
      return { status: response.status, code: ((await response.json()) as { code: string }).code };
    }, { api: WORKER, title });
    expect(answer).toEqual({ status: 403, code: 'origin_not_allowed' });
    expect(countMessagesTitled(title)).toBe(0);
  });
});
