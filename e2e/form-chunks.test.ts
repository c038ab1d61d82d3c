// What <liuyan-form> fetches beyond its first paint, and when: the parts a citizen may need later
// (the receipt, the privacy notice Liuyan ships, the sentences of field errors) come when the citizen
// comes into the form, so they are there after the network drops; the parts only some sites need (the picker of a national tree,
// the SMS code) never come on a site that does not need them.
import { describe, expect, it } from 'vitest';
import { fillForm, TRACKING_CODE, useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

const browser = useBrowserPage();

/** The widget scripts the page has fetched so far, by path (`/widget/…`). */
async function widgetScripts(): Promise<string[]> {
  return browser.page.evaluate(() => performance.getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith('/widget/') && path.endsWith('.js')));
}

/**
 * The widget scripts fetched, but the reader of a page's form (`chunks/plain-form-…`), which the
 * element fetches only when the form the loader builds from the form as data came before the
 * element's own file (widget/src/liuyan-form/early-form.ts): on this fast loopback, either may come first.
 */
const withoutEarlyFormReader = (paths: string[]) => paths.filter((path) => !/\/chunks\/plain-form-[^/]+\.js$/.test(path)).sort();

/** Whether a script whose file name starts with `name` (esbuild's `chunks/<name>-<hash>.js`) has arrived. */
const fetched = async (name: string) => (await widgetScripts()).some((path) => path.split('/').pop()!.startsWith(`${name}-`));

describe('<liuyan-form>: what comes after the first paint', () => {
  it('shows the form from the loader and one file; the receipt, the privacy notice and the sentences of field errors come at the first focus; the national picker and the SMS code never come to a site without them', async () => {
    await browser.page.goto(`${WORKER}/examples/slow-network/widget.html`);
    const form = browser.page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    await expect.poll(() => form.locator('#unitId option').count()).toBeGreaterThan(1);
    expect(withoutEarlyFormReader(await widgetScripts())).toEqual(['/widget/alone/liuyan-form.js', '/widget/liuyan.js']);

    await form.getByLabel('标题', { exact: true }).focus();
    await expect.poll(() => fetched('receipt')).toBe(true);
    await expect.poll(() => fetched('privacy-strings.zh-cn')).toBe(true);
    await expect.poll(() => fetched('sentences.zh-cn')).toBe(true);
    await fillForm(browser.page, { title: `路灯不亮 ${Date.now()}`, body: '城关镇幸福路的路灯已经一个星期不亮了，晚上走路很不安全。' });
    expect(await fetched('large-unit-picker')).toBe(false);
    expect(await fetched('verification')).toBe(false);
  });

  it('on a page that names the form\'s file and the site config beside the loader, fetches each once, with the loader, and the form works', async () => {
    const configAsked: string[] = [];
    browser.page.on('request', (request) => request.url() === `${WORKER}/v1/sites/demo` && configAsked.push(request.method()));
    await browser.page.goto(`${WORKER}/examples/slow-network/widget-preload.html`);
    const form = browser.page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    await expect.poll(() => form.locator('#unitId option').count()).toBeGreaterThan(1);
    expect(withoutEarlyFormReader(await widgetScripts())).toEqual(['/widget/alone/liuyan-form.js', '/widget/liuyan.js']);
    // The config the page names is the one the form reads: asked for once.
    expect(configAsked).toEqual(['GET']);
    await form.getByLabel('标题', { exact: true }).fill('路灯不亮');
    expect(await form.getByLabel('标题', { exact: true }).inputValue()).toBe('路灯不亮');
  });

  it('on a host page of another origin, the form\'s file and the config named as the README says are each fetched once', async () => {
    // A county page with only the form (e2e/global-setup.ts), embedding it from the service's origin.
    const asked: string[] = [];
    browser.page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === WORKER && request.method() === 'GET' && !url.pathname.endsWith('.map')) asked.push(url.pathname);
    });
    await browser.page.goto(`${HOST}/form-only.html`);
    const form = browser.page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    await expect.poll(() => form.locator('#unitId option').count()).toBeGreaterThan(1);
    // And the form as data, for the loader to build while the element's file comes.
    expect(withoutEarlyFormReader(asked)).toEqual(['/v1/sites/demo', '/v1/sites/demo/form', '/widget/alone/liuyan-form.js', '/widget/liuyan.js']);
  });

  it('after the network drops, the privacy notice still opens and the receipt still shows, with nothing more fetched', async () => {
    await browser.page.goto(`${HOST}/`);
    const form = browser.page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    const title = `公交站台顶棚破损 ${Date.now()}`;
    await fillForm(browser.page, { title, body: '城关镇汽车站对面的公交站台顶棚破了一个大洞，下雨时没法候车。' });
    await expect.poll(() => fetched('receipt')).toBe(true);
    await expect.poll(() => fetched('privacy-strings.zh-cn')).toBe(true);

    await browser.context.setOffline(true);
    const notice = form.locator('#privacy-notice');
    await notice.getByText('阅读隐私声明').click();
    expect(await notice.textContent()).toContain('《中华人民共和国个人信息保护法》');
    await form.getByRole('button', { name: '提交留言' }).click();
    await expect.poll(() => form.getByText('已保存，联网后自动提交').count()).toBe(1);

    // The network returns for the service only: no script of the widget can be fetched any more.
    let scriptsAsked = 0;
    await browser.page.route('**/widget/**', (route) => {
      scriptsAsked++;
      return route.abort('internetdisconnected');
    });
    await browser.context.setOffline(false);
    const code = form.locator('[part="tracking-code"]');
    await code.waitFor({ timeout: 30_000 });
    expect((await code.textContent())!.trim()).toMatch(TRACKING_CODE);
    // The whole receipt, not the plain code shown when its part could not come.
    expect(await form.getByRole('button', { name: '复制查询码' }).count()).toBe(1);
    expect(await form.getByLabel('在本设备上记住查询码').count()).toBe(1);
    expect(scriptsAsked).toBe(0);
  });

  it('after a focus made online, the field errors still read as sentences once the network drops', async () => {
    await browser.page.goto(`${HOST}/form-only.html`);
    const form = browser.page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    await form.getByLabel('标题', { exact: true }).focus();
    await expect.poll(() => fetched('sentences.zh-cn')).toBe(true);

    await browser.context.setOffline(true);
    await form.getByLabel('标题', { exact: true }).fill('路灯');
    await form.getByRole('button', { name: '提交留言' }).click();
    await expect.poll(() => form.locator('#unitId-error').textContent()).toBe('请选择留言对象');
    expect(await form.locator('#title-error').textContent()).toBe('标题至少需要4个字');
    expect(await form.locator('#consent-error').textContent()).toBe('请阅读并同意隐私声明');
    // Checked on the device: nothing was queued.
    expect(await form.getByText('已保存，联网后自动提交').count()).toBe(0);
  });

  it('offline before any focus, the field errors name their field plainly, and read as sentences once the network is back', async () => {
    await browser.page.goto(`${HOST}/form-only.html`);
    const form = browser.page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    await browser.context.setOffline(true);
    await form.getByRole('button', { name: '提交留言' }).click();
    await expect.poll(() => form.locator('#title-error').textContent()).toBe('请检查标题');

    await browser.context.setOffline(false);
    // Once the sentences come (here at the next focus), the errors shown read as sentences, with no second press.
    await form.getByLabel('标题', { exact: true }).focus();
    await expect.poll(() => form.locator('#title-error').textContent()).toBe('请填写标题');
    expect(await fetched('sentences.zh-cn')).toBe(true);
  });

  it('a privacy notice opened offline says it could not load, and shows itself once the network is back', async () => {
    await browser.page.goto(`${HOST}/form-only.html`);
    const form = browser.page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    await browser.context.setOffline(true);
    const notice = form.locator('#privacy-notice');
    await notice.getByText('阅读隐私声明').click();
    await expect.poll(() => notice.locator('.privacy-text').textContent()).toBe('隐私声明未能加载，请检查网络后重新打开。');

    // Still open: the notice comes by itself when the device is online again.
    await browser.context.setOffline(false);
    await expect.poll(() => notice.locator('.privacy-text').textContent()).toContain('《中华人民共和国个人信息保护法》');
  });

  it('shows the form when its file failed to come once: the loader asks for it again', async () => {
    let refused = 0;
    await browser.page.route(/\/widget\/alone\/liuyan-form\.js(\?[^/]*)?$/, (route) => (refused++ === 0 ? route.abort('connectionreset') : route.continue()));
    await browser.page.goto(`${HOST}/form-only.html`);
    const form = browser.page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor({ timeout: 15_000 });
    expect(refused).toBe(2);
  });

  it('online, a chunk whose fetch failed is asked for again by the next send, and the errors then read as sentences', async () => {
    // The sentences' file fails once while the device is online (a dropped connection): the browser
    // keeps that failure for the page, so the form must ask for the file at a fresh address.
    // The first request fails once the send has begun, so that the send waits for it (one that had
    // failed before would be asked for again by the send itself).
    // The form asks again as soon as it shows errors without their sentences: that request is held
    // until the interim sentence has been seen, which a busy machine could otherwise replace first.
    let refused = 0;
    let sendBegun!: () => void;
    const begun = new Promise<void>((resolve) => (sendBegun = resolve));
    let seen!: () => void;
    const interimSeen = new Promise<void>((resolve) => (seen = resolve));
    await browser.page.route(/\/chunks\/sentences\.zh-cn-[^/]+\.js(\?[^/]*)?$/, async (route) => {
      if (refused++ > 0) {
        await interimSeen;
        return route.continue();
      }
      await begun;
      await route.abort('connectionreset');
    });
    await browser.page.goto(`${HOST}/form-only.html`);
    const form = browser.page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    await form.getByRole('button', { name: '提交留言' }).click();
    sendBegun();
    await expect.poll(() => form.locator('#title-error').textContent()).toBe('请检查标题');
    seen();

    await form.getByRole('button', { name: '提交留言' }).click();
    await expect.poll(() => form.locator('#title-error').textContent()).toBe('请填写标题');
    // Asked for again, at another address: the failed one would have answered from the page's memory.
    expect(refused).toBeGreaterThanOrEqual(2);
  });

  it('on a connection where the sentences never arrive, 提交 still answers within seconds, naming the fields plainly', async () => {
    // A request that hangs instead of failing, as on a weak mobile signal: the file is never answered.
    await browser.page.route(/\/sentences\.zh-cn-[^/]*\.js$/, () => {});
    await browser.page.goto(`${HOST}/form-only.html`);
    const form = browser.page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    await form.getByRole('button', { name: '提交留言' }).click();
    await expect.poll(() => form.locator('#title-error').textContent()).toBe('请检查标题');
    expect(await form.locator('#unitId-error').textContent()).toBe('请检查留言对象');
  });

  it('shows the sentence of a field error the service gives, beside its field', async () => {
    await browser.page.goto(`${HOST}/form-only.html`);
    const form = browser.page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    await fillForm(browser.page, { title: `桥面坑洼 ${Date.now()}`, body: '城关镇东门桥的桥面坑坑洼洼，电动车经过时很危险。' });
    // The unit is removed while the citizen writes: the service answers 422 with unitId / unknown_unit.
    await browser.page.route(`${WORKER}/v1/sites/demo/messages`, (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      return route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), unitId: 'u_removed' }) });
    });
    await form.getByRole('button', { name: '提交留言' }).click();
    await expect.poll(() => form.locator('#unitId-error').textContent()).toBe('所选留言对象已停用或不存在，请重新选择');
    expect(await form.locator('#unitId').evaluate((select) => select === (select.getRootNode() as ShadowRoot).activeElement)).toBe(true);
  });

  it('a unit retired while the citizen writes: refused, it leaves the list and the choice, the rest kept', async () => {
    await browser.page.goto(`${HOST}/form-only.html`);
    const form = browser.page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    const title = `桥面坑洼 ${Date.now()}`;
    await fillForm(browser.page, { title, body: '城关镇东门桥的桥面坑坑洼洼，电动车经过时很危险。', department: '示范县交通运输局' });
    // The service refuses the unit; read again, the site no longer lists it (an admin retired it).
    let refused = false;
    await browser.page.route(`${WORKER}/v1/sites/demo/messages`, (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      refused = true;
      return route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), unitId: 'u_removed' }) });
    });
    type Node = { id: string; children?: Node[] };
    const without = (nodes: Node[]): Node[] => nodes.filter((n) => n.id !== 'u_transport').map((n) => ({ ...n, children: without(n.children ?? []) }));
    await browser.page.route(`${WORKER}/v1/sites/demo`, async (route) => {
      if (!refused) return route.continue();
      const config = await (await route.fetch()).json() as { units: Node[] };
      return route.fulfill({ json: { ...config, units: without(config.units) } });
    });
    await form.getByRole('button', { name: '提交留言' }).click();
    await expect.poll(() => form.locator('#unitId-error').textContent()).toBe('所选留言对象已停用或不存在，请重新选择');
    await expect.poll(() => form.getByLabel('留言对象', { exact: true }).locator('option', { hasText: '示范县交通运输局' }).count()).toBe(0);
    expect(await form.getByLabel('留言对象', { exact: true }).inputValue()).toBe('');
    expect(await form.getByLabel('标题', { exact: true }).inputValue()).toBe(title);
  });
}, 120_000);
