// The form's outbox on a flaky network, in Chromium with its network emulation: a submission made
// offline, or whose answer was lost, waits on the device and is sent once when the network returns —
// from the same page, or from a page opened after the tab was closed — and the citizen gets the code.
import { describe, expect, it } from 'vitest';
import { countMessagesTitled, fillForm, TRACKING_CODE, useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

const browser = useBrowserPage();
const SUBMIT = `${WORKER}/v1/sites/demo/messages`;

async function openCountySite(page = browser.page) {
  await page.goto(`${HOST}/`);
  await page.locator('liuyan-form [part="form"], liuyan-form [part="outbox"]').first().waitFor();
}

async function trackingCodeOn(page = browser.page): Promise<string> {
  const code = page.locator('liuyan-form [part="tracking-code"]');
  await code.waitFor({ timeout: 30_000 });
  return (await code.textContent())!.trim();
}

/** Sends the filled form offline (已保存), closes the tab, and brings the network back: the message waits on the device. */
async function sendOfflineAndClose() {
  await browser.context.setOffline(true);
  await browser.page.locator('liuyan-form').getByRole('button', { name: '提交留言' }).click();
  await expect.poll(() => browser.page.locator('liuyan-form').getByText('已保存，联网后自动提交').count()).toBe(1);
  await browser.page.close();
  await browser.context.setOffline(false);
}

describe('<liuyan-form> outbox', () => {
  it('offline: the message is saved, said so, and sent exactly once when the network returns', async () => {
    await openCountySite();
    const form = browser.page.locator('liuyan-form');
    const title = `农民工工资被拖欠三个月 ${Date.now()}`;
    await fillForm(browser.page, { title, body: '我们在城东工地干活，老板拖欠工资三个月，多次讨要无果，请帮忙协调。' });
    let posts = 0;
    browser.page.on('request', (request) => request.method() === 'POST' && request.url() === SUBMIT && posts++);

    await browser.context.setOffline(true);
    await form.getByRole('button', { name: '提交留言' }).click();
    await expect.poll(() => form.getByText('已保存，联网后自动提交').count()).toBe(1);
    expect(await form.locator('[part="outbox"]').textContent()).toContain(title);
    // No photos chosen: none are spoken of.
    expect(await form.locator('[part="outbox-photos"]').count()).toBe(0);
    expect(countMessagesTitled(title)).toBe(0);
    // The notice took the long form's place: the focus is on it, and it is on the screen.
    await expect.poll(() => browser.page.evaluate(() => document.querySelector('liuyan-form')!.shadowRoot!.activeElement?.textContent)).toBe('已保存，联网后自动提交');
    const notice = (await form.locator('#outbox-title').boundingBox())!;
    expect(notice.y).toBeGreaterThanOrEqual(0);
    expect(notice.y + notice.height).toBeLessThanOrEqual(browser.page.viewportSize()!.height);

    await browser.context.setOffline(false);
    expect(await trackingCodeOn()).toMatch(TRACKING_CODE);
    expect(posts).toBe(1);
    expect(countMessagesTitled(title)).toBe(1);

    // Sent: nothing waits and no draft is left.
    await openCountySite();
    expect(await form.getByLabel('标题', { exact: true }).inputValue()).toBe('');
  });

  it('the connection drops after the service stored the message: the same tracking code, one message', async () => {
    await openCountySite();
    const form = browser.page.locator('liuyan-form');
    const title = `村道塌方影响出行 ${Date.now()}`;
    await fillForm(browser.page, { title, body: '石桥镇李家村到镇上的村道前几天下雨塌了一块，车过不去，请尽快修复。' });

    // Every attempt reaches the service, and every answer is lost, until the connection is good again.
    let dropping = true;
    const codesLost: string[] = [];
    await browser.page.route(SUBMIT, async (route) => {
      if (route.request().method() !== 'POST' || !dropping) return route.continue();
      const answer = await route.fetch();
      codesLost.push(((await answer.json()) as { trackingCode: string }).trackingCode);
      return route.abort('connectionreset');
    });
    await form.getByRole('button', { name: '提交留言' }).click();
    await expect.poll(() => form.getByText('已保存，联网后自动提交').count(), { timeout: 30_000 }).toBe(1);
    expect(new Set(codesLost).size).toBe(1);

    dropping = false;
    await form.getByRole('button', { name: '重新提交' }).click();
    expect(await trackingCodeOn()).toBe(codesLost[0]);
    expect(countMessagesTitled(title)).toBe(1);
  });

  it('survives a closed tab: two pages opened later show the same code, and the message is sent once', async () => {
    await openCountySite();
    const title = `小区门口占道经营 ${Date.now()}`;
    await fillForm(browser.page, { title, body: '幸福小区门口每天早上都有摊贩占道经营，车辆进出困难，请城管部门处理。' });
    await sendOfflineAndClose();

    // The answer is held until both new pages show the waiting message, so both try to send it.
    let posts = 0;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await browser.context.route(SUBMIT, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts++;
      await held;
      return route.continue();
    });
    const [first, second] = [await browser.context.newPage(), await browser.context.newPage()];
    await Promise.all([openCountySite(first), openCountySite(second)]);
    for (const page of [first, second]) {
      await expect.poll(() => page.locator('liuyan-form').getByText('已保存，联网后自动提交').count()).toBe(1);
    }
    release();

    const [a, b] = await Promise.all([trackingCodeOn(first), trackingCodeOn(second)]);
    expect(a).toMatch(TRACKING_CODE);
    expect(b).toBe(a);
    expect(posts).toBe(1);
    expect(countMessagesTitled(title)).toBe(1);
  });
  it('a message left waiting is named on the site’s track page, which has no form to send it, until the write page sends it', async () => {
    await browser.page.goto(`${WORKER}/s/demo/write`);
    const title = `路灯不亮 ${Date.now()}`;
    await fillForm(browser.page, { title, body: '幸福路的路灯已经坏了三个星期，晚上走路很不安全。' });
    await sendOfflineAndClose();

    // The citizen goes to 查询留言 to find the code: the page says what waits, and where it is sent from.
    const page = await browser.context.newPage();
    await page.goto(`${WORKER}/s/demo/track`);
    const waiting = page.locator('liuyan-track [part="waiting"]');
    await waiting.waitFor();
    expect(await waiting.textContent()).toMatch(new RegExp(`^本设备上有一条留言尚未提交：${title}（\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}保存）。打开本网站写留言的页面`));
    expect(countMessagesTitled(title)).toBe(0);

    await page.goto(`${WORKER}/s/demo/write`);
    expect(await trackingCodeOn(page)).toMatch(TRACKING_CODE);
    expect(countMessagesTitled(title)).toBe(1);
    await page.goto(`${WORKER}/s/demo/track`);
    await page.locator('liuyan-track [part="form"]').waitFor();
    expect(await page.locator('liuyan-track [part="waiting"]').count()).toBe(0);
  });

  it('two tabs each sending a message offline: both wait, and both are sent once the network returns, each tab with its own code and no other said to wait', async () => {
    const tabs = [browser.page, await browser.context.newPage()];
    for (const page of tabs) await openCountySite(page);
    const titles = [`东门菜市场污水外溢 ${Date.now()}`, `西街路灯整夜不亮 ${Date.now()}`];
    for (const [i, page] of tabs.entries()) await fillForm(page, { title: titles[i]!, body: '这个问题已经持续一个多星期了，附近居民出行很不方便，请尽快处理。' });
    await browser.context.setOffline(true);
    for (const page of tabs) {
      await page.locator('liuyan-form').getByRole('button', { name: '提交留言' }).click();
      await expect.poll(() => page.locator('liuyan-form').getByText('已保存，联网后自动提交').count()).toBe(1);
    }
    await browser.context.setOffline(false);
    const codes = await Promise.all(tabs.map((page) => trackingCodeOn(page)));
    expect(codes[0]).not.toBe(codes[1]);
    for (const title of titles) expect(countMessagesTitled(title), title).toBe(1);
    // Each tab sent its own: neither is left saying another message waits (提交下一条留言).
    for (const page of tabs) await expect.poll(() => page.locator('liuyan-form [part="another-waiting"]').count()).toBe(0);
  });

  it('two tabs each sending a message offline, one closed before the network returns: the other sends its own and shows its code, then 提交下一条留言 sends the closed tab’s, each code shown', async () => {
    const tabs = [browser.page, await browser.context.newPage()];
    for (const page of tabs) await openCountySite(page);
    const titles = [`东街井盖缺失 ${Date.now()}`, `西门公厕无人打扫 ${Date.now()}`];
    for (const [i, page] of tabs.entries()) await fillForm(page, { title: titles[i]!, body: '这个问题已经持续一个多星期了，附近居民出行很不方便，请尽快处理。' });
    await browser.context.setOffline(true);
    for (const page of tabs) {
      await page.locator('liuyan-form').getByRole('button', { name: '提交留言' }).click();
      await expect.poll(() => page.locator('liuyan-form').getByText('已保存，联网后自动提交').count()).toBe(1);
    }
    const page = tabs[1]!;
    const sent: string[] = [];
    page.on('request', (request) => request.method() === 'POST' && request.url() === SUBMIT && sent.push((request.postDataJSON() as { title: string }).title));
    await tabs[0]!.close();
    await browser.context.setOffline(false);
    const own = await trackingCodeOn(page);
    // The closed tab's message is not sent behind the receipt, its code shown nowhere: it waits for 提交下一条留言.
    expect(await page.locator('liuyan-form').getByRole('button', { name: '提交下一条留言' }).count()).toBe(1);
    expect(sent).toEqual([titles[1]]);
    expect(countMessagesTitled(titles[0]!)).toBe(0);
    await page.locator('liuyan-form').getByRole('button', { name: '提交下一条留言' }).click();
    await expect.poll(async () => (await page.locator('liuyan-form [part="tracking-code"]').textContent().catch(() => null))?.trim() ?? '', { timeout: 30_000 })
      .toMatch(TRACKING_CODE);
    expect((await page.locator('liuyan-form [part="tracking-code"]').textContent())!.trim()).not.toBe(own);
    expect(sent).toEqual([titles[1], titles[0]]);
    for (const title of titles) expect(countMessagesTitled(title), title).toBe(1);
  });

  /** Two tabs each send a message offline and are closed; the network comes back: two messages wait on the device. */
  async function twoLeftWaiting(titles: string[]) {
    const tabs = [browser.page, await browser.context.newPage()];
    for (const page of tabs) await openCountySite(page);
    for (const [i, page] of tabs.entries()) await fillForm(page, { title: titles[i]!, body: '这个问题已经持续一个多星期了，附近居民出行很不方便，请尽快处理。' });
    await browser.context.setOffline(true);
    for (const page of tabs) {
      await page.locator('liuyan-form').getByRole('button', { name: '提交留言' }).click();
      await expect.poll(() => page.locator('liuyan-form').getByText('已保存，联网后自动提交').count()).toBe(1);
      await page.close();
    }
    await browser.context.setOffline(false);
  }

  it('two messages left waiting by two closed tabs: the page opened later sends the first, says another waits, and 提交下一条留言 shows and sends it, each with its own code', async () => {
    const titles = [`南街下水道堵塞 ${Date.now()}`, `北街垃圾清运不及时 ${Date.now()}`];
    await twoLeftWaiting(titles);

    const page = await browser.context.newPage();
    await openCountySite(page);
    const first = await trackingCodeOn(page);
    expect(await page.locator('liuyan-form [part="another-waiting"]').textContent()).toBe('这台设备上还有留言等待提交。保存好上面的查询码后，请点“提交下一条留言”。');
    await page.locator('liuyan-form').getByRole('button', { name: '提交下一条留言' }).click();
    await expect.poll(async () => (await page.locator('liuyan-form [part="tracking-code"]').textContent().catch(() => null))?.trim() ?? '', { timeout: 30_000 })
      .toMatch(TRACKING_CODE);
    const second = (await page.locator('liuyan-form [part="tracking-code"]').textContent())!.trim();
    expect(second).not.toBe(first);
    for (const title of titles) expect(countMessagesTitled(title), title).toBe(1);
    // Nothing waits any more: no notice, and 再写一条 gives an empty form.
    expect(await page.locator('liuyan-form [part="another-waiting"]').count()).toBe(0);
    await page.locator('liuyan-form').getByRole('button', { name: '再写一条' }).click();
    await page.locator('liuyan-form [part="form"]').waitFor();
    expect(await page.locator('liuyan-form').getByLabel('标题', { exact: true }).inputValue()).toBe('');
  });

  it('two messages left waiting, two pages opened at once: each page sends one of them, each with its own code, none left waiting', async () => {
    const titles = [`东街井盖缺失 ${Date.now()}`, `西门公厕无人打扫 ${Date.now()}`];
    await twoLeftWaiting(titles);
    // The first answer is held until both pages show the oldest message, so both reach for the same one.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await browser.context.route(SUBMIT, async (route) => {
      if (route.request().method() === 'POST') await held;
      return route.continue();
    });
    const pages = [await browser.context.newPage(), await browser.context.newPage()];
    await Promise.all(pages.map((page) => openCountySite(page)));
    for (const page of pages) await expect.poll(() => page.locator('liuyan-form').getByText('已保存，联网后自动提交').count()).toBe(1);
    release();
    const codes = await Promise.all(pages.map((page) => trackingCodeOn(page)));
    expect(codes[0]).not.toBe(codes[1]);
    for (const title of titles) expect(countMessagesTitled(title), title).toBe(1);
    // Each page reads the other's change to localStorage a moment later.
    for (const page of pages) await expect.poll(() => page.evaluate(() => localStorage.getItem('liuyan:demo:outbox'))).toBeNull();
    await browser.context.unroute(SUBMIT);
  });

  it('a tab closed while its submission is tried again: the next page of the site sends it, contact details and all, once', async () => {
    const page = await browser.context.newPage();
    await openCountySite(page);
    const title = `路口红绿灯不亮 ${Date.now()}`;
    await fillForm(page, { title, body: '城关镇人民路与解放路路口的红绿灯坏了两天，早晚车多很危险。' });
    // The service stores it, and every answer is lost while this tab tries again.
    const codesLost: string[] = [];
    await page.route(SUBMIT, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const answer = await route.fetch();
      codesLost.push(((await answer.json()) as { trackingCode: string }).trackingCode);
      return route.abort('connectionreset');
    });
    await page.locator('liuyan-form').getByRole('button', { name: '提交留言' }).click();
    await page.locator('liuyan-form').getByText('正在第2次尝试提交', { exact: false }).waitFor({ timeout: 30_000 });
    await page.close();

    // Opened again with the network good: no name or phone to type again, the same code, one message.
    // (Its receipt may be the first thing it draws: the waiting message is sent as the element starts.)
    const next = await browser.context.newPage();
    await next.goto(`${HOST}/`);
    expect(await trackingCodeOn(next)).toBe(codesLost[0]);
    expect(countMessagesTitled(title)).toBe(1);
    await next.close();
  });
  // Each test waits out the client's retries or a held answer, on a machine that may be busy.
}, 120_000);
