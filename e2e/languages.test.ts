import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { consoleEn } from '../console/strings.en';
import { adminEn } from '../console/admin/strings.en';
import { DEMO_ACCOUNTS } from '../worker/seed/demo-accounts';
import { CONSOLE, signedIn } from './console-helpers';
import { useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

// The three languages as people meet them in Chromium: an element on a Traditional Chinese page, a
// hosted page asked for in Traditional Chinese, and the console's language switch.

const browser = useBrowserPage();

describe('Traditional Chinese in the browser', () => {
  it('<liuyan-form> on a page with <html lang="zh-TW"> speaks Traditional Chinese, and its own lang wins', async () => {
    const page = browser.page;
    await page.goto(`${HOST}/?lang=zh-TW`);
    const form = page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    await expect.poll(() => form.getByLabel('標題', { exact: true }).count()).toBe(1);
    expect(await form.getByLabel('所屬領域', { exact: true }).count()).toBe(1);
    expect(await form.getByLabel('标题', { exact: true }).count()).toBe(0);

    // A field error, in the page's language.
    await form.getByRole('button', { name: '提交留言' }).click();
    await expect.poll(() => form.locator('#title-error').textContent()).toBe('請填寫標題');

    // The element's own lang overrides the page's, and redraws it, the errors shown included.
    await form.evaluate((element) => element.setAttribute('lang', 'en'));
    await expect.poll(() => form.getByRole('button', { name: 'Send message' }).count()).toBe(1);
    expect(await form.getByLabel('Title', { exact: true }).count()).toBe(1);
    await expect.poll(() => form.locator('#title-error').textContent()).toBe('Please enter the title');
    // The units to write to, named in Chinese, are marked so in its list (a screen reader reads them in Chinese); its own first choice is not.
    const options = await form.locator('#unitId option').evaluateAll((all) => all.map((o) => ({ chinese: /\p{Script=Han}/u.test(o.textContent ?? ''), lang: o.getAttribute('lang') })));
    expect(options.filter((o) => o.chinese).length).toBeGreaterThan(3);
    expect(options.filter((o) => (o.lang === 'zh') !== o.chinese)).toEqual([]);
    // The display name's choices, before a name is typed, show an example in Latin letters, as one
    // typed in them is published, said to be an example (no one hears a stranger's name as theirs);
    // a name in Chinese is published in its Chinese form.
    const shown = () => form.locator('select[id="author.displayAs"] option').allTextContents();
    expect(await shown()).toEqual(['e.g. C***', 'e.g. Mr C.', 'e.g. Ms C.']);
    await form.getByLabel('Name', { exact: true }).fill('陈明');
    await expect.poll(shown).toEqual(['陈***', '陈先生', '陈女士']);
  });

  it('what <liuyan-track> and <liuyan-list> said before their lang changed is said again in the new one', async () => {
    const page = browser.page;
    await page.goto(`${HOST}/`);
    const track = page.locator('liuyan-track');
    const code = track.locator('#trackingCode');
    await code.waitFor();
    // Nothing typed: said beside the field, which is marked invalid.
    await track.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => track.locator('#trackingCode-error').textContent()).toBe('请填写查询码');
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    // Cut short: said at once, not looked up.
    await code.fill('ABCD-EFGH');
    await track.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => track.locator('#trackingCode-error').textContent()).toBe('查询码格式不正确');
    await code.fill('ABCD-EFGH-JKLM-NPQR');
    await track.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => track.locator('#trackingCode-error').textContent()).toBe('没有找到与该查询码对应的留言，请核对后重试。');
    await track.evaluate((element) => element.setAttribute('lang', 'en'));
    await expect.poll(() => track.locator('#trackingCode-error').textContent()).toBe('No message matches this tracking code. Please check it and try again.');

    const list = page.locator('liuyan-list');
    await list.scrollIntoViewIfNeeded();
    const status = list.locator('p.visually-hidden[role="status"]');
    await expect.poll(() => status.textContent()).toMatch(/^已显示\d+条留言$/);
    await list.evaluate((element) => element.setAttribute('lang', 'en'));
    await expect.poll(() => status.textContent()).toMatch(/^\d+ messages shown$/);
    // What citizens and units wrote in Chinese is marked so in English (a screen reader reads it in
    // Chinese): every title holding a Chinese character, and none without one (its language unknown).
    const titles = list.locator('[part="card"] h3');
    const marking = () => titles.evaluateAll((all) => all.map((h3) => ({ chinese: /\p{Script=Han}/u.test(h3.textContent ?? ''), marked: h3.querySelector('[lang="zh"]') !== null })));
    const marked = await marking();
    expect(marked.filter((t) => t.chinese).length).toBeGreaterThan(0);
    expect(marked.filter((t) => t.chinese !== t.marked)).toEqual([]);
    // And a unit's name inside the card's English sentence: To: <span lang="zh">县长</span>, the
    // sentence itself left English.
    const meta = list.locator('[part="card"] p.meta').first();
    const [sentence, name] = await meta.evaluate((p) => [p.textContent ?? '', [...p.querySelectorAll('[lang="zh"]')].at(-1)?.textContent ?? '']);
    expect(name).toMatch(/\p{Script=Han}/u);
    expect(sentence.endsWith(`To: ${name}`)).toBe(true);
    await list.evaluate((element) => element.setAttribute('lang', 'zh-CN'));
    await expect.poll(() => titles.locator('[lang="zh"]').count()).toBe(0);
  });

  it('a page that switches its own language in place (<html lang>, or a wrapper’s lang) gets its elements in it at once', async () => {
    const page = browser.page;
    await page.goto(`${HOST}/`);
    const track = page.locator('liuyan-track');
    await track.locator('#trackingCode').waitFor();
    expect(await track.getByRole('button', { name: '查询', exact: true }).count()).toBe(1);
    await page.evaluate(() => (document.documentElement.lang = 'en'));
    await expect.poll(() => track.getByRole('button', { name: 'Track', exact: true }).count()).toBe(1);
    await expect.poll(() => page.locator('liuyan-form').getByRole('button', { name: 'Send message' }).count()).toBe(1);
    // A wrapper's lang, set after the element was drawn, is followed too; taken away, the page's again.
    await track.evaluate((element) => element.parentElement!.setAttribute('lang', 'zh-TW'));
    await expect.poll(() => track.getByRole('button', { name: '查詢', exact: true }).count()).toBe(1);
    await track.evaluate((element) => element.parentElement!.removeAttribute('lang'));
    await expect.poll(() => track.getByRole('button', { name: 'Track', exact: true }).count()).toBe(1);
  });

  it('an element whose language could not come shows Chinese meanwhile, and its language once the network is back', async () => {
    const page = browser.page;
    // The Traditional Chinese strings cannot be fetched for a while (a connection that drops them).
    let down = true;
    let asked = 0;
    await page.route(/\/strings\.zh-tw-[^/]+\.js(\?[^/]*)?$/, (route) => {
      asked++;
      return down ? route.abort('connectionreset') : route.continue();
    });
    await page.goto(`${HOST}/form-only.html`);
    const form = page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    await form.evaluate((element) => element.setAttribute('lang', 'zh-TW'));
    await expect.poll(() => asked).toBeGreaterThan(0);
    expect(await form.getByLabel('标题', { exact: true }).count()).toBe(1);

    down = false;
    // The browser says it is online once the network is back; the failed fetch may be answered only
    // after the test's first word of it, so it is said again until the form has its language.
    await expect.poll(async () => {
      await page.evaluate(() => dispatchEvent(new Event('online')));
      return form.getByLabel('標題', { exact: true }).count();
    }).toBe(1);
  });

  it('a hosted page with ?lang=zh-TW: <html lang>, its tabs and its elements in Traditional Chinese', async () => {
    const page = browser.page;
    await page.goto(`${WORKER}/s/demo/?lang=zh-TW`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-TW');
    expect(await page.getByRole('link', { name: '查詢留言' }).count()).toBe(1);
    const list = page.locator('liuyan-list');
    await expect.poll(() => list.getByRole('tab', { name: '待回覆' }).count()).toBe(1);
  });

  it('the console switches language from its header, and remembers it', async () => {
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.moderator);
    const header = page.locator('liuyan-console [part="header"]');
    expect(await header.getByRole('link', { name: '留言队列' }).count()).toBe(1);
    // The browser tab's title names the page, then the site (as written), in the console's language.
    await expect.poll(() => page.title()).toBe('待审核 · 留言队列 · 示范县人民政府');

    await header.getByLabel('语言').selectOption('zh-TW');
    await expect.poll(() => header.getByRole('link', { name: '留言佇列' }).count()).toBe(1);
    await expect.poll(() => page.title()).toBe('待審核 · 留言佇列 · 示范县人民政府');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-TW');
    // The page below the header is redrawn too.
    await page.locator('liuyan-console-queue [part="queue"][aria-busy="false"]').waitFor({ state: 'attached' });

    await page.reload();
    await page.locator('liuyan-console-queue [part="queue"][aria-busy="false"]').waitFor({ state: 'attached' });
    await expect.poll(() => header.getByRole('link', { name: '留言佇列' }).count()).toBe(1);
    await header.getByLabel('語言').selectOption('en');
    await expect.poll(() => header.getByRole('link', { name: 'Queue' }).count()).toBe(1);
    await expect.poll(() => page.title()).toBe('Awaiting review · Queue · 示范县人民政府');
    // In English, the messages' titles written in Chinese are marked so (a screen reader reads them in Chinese).
    const titles = page.locator('liuyan-console-queue [part="queue"] .item-title');
    await expect.poll(() => titles.count()).toBeGreaterThan(0);
    const marking = await titles.evaluateAll((all) => all.map((title) => ({ chinese: /\p{Script=Han}/u.test(title.textContent ?? ''), marked: title.querySelector('[lang="zh"]') !== null })));
    expect(marking.filter((t) => t.chinese !== t.marked)).toEqual([]);
    // So is the official's own name in the header, written in Chinese.
    expect(await header.locator('.who [lang="zh"]').first().textContent()).toBe(DEMO_ACCOUNTS.moderator.displayName);
    expect(problems).toEqual([]);
  });

  it('in English, whatever the console shows that someone wrote in Chinese is marked lang="zh", on every page', async () => {
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin);
    const header = page.locator('liuyan-console [part="header"]');
    await header.getByLabel('语言').selectOption('en');
    await expect.poll(() => header.getByRole('link', { name: 'Queue' }).count()).toBe(1);
    await page.goto(`${CONSOLE}#/queue?tab=all`);
    await ready(page);
    const messages = await page.locator('liuyan-console-queue a[href^="#/messages/"]').evaluateAll((links) => links.slice(0, 6).map((a) => a.getAttribute('href')!));
    expect(messages.length).toBeGreaterThan(0);
    const pages = ['#/queue?tab=all', '#/dashboard', '#/account', ...messages,
      ...['site', 'calendar', 'units', 'accounts', 'templates', 'campaigns', 'audit', 'integrations', 'webhooks', 'notifications', 'protection'].map((s) => `#/admin/${s}`)];
    const unmarked: Record<string, string[]> = {};
    const titles: Record<string, string> = {};
    let openTitles = 0;
    let marked = 0;
    for (const address of pages) {
      await page.goto(`${CONSOLE}${address}`);
      await ready(page);
      // Every page, admin tab and message has a title of its own (WCAG 2.4.2): a message's is its own
      // title where the public reads it; a private one's words stay out of the browser's history.
      if (address.startsWith('#/messages/')) {
        const heading = await page.locator('liuyan-console-message h1').textContent();
        const shown: { isPublic: boolean; moderation: string } = await page.evaluate(async (id) => (await fetch(`/v1/console/messages/${id}`)).json(), address.slice('#/messages/'.length));
        const open = shown.isPublic && shown.moderation === 'published';
        if (open) openTitles++;
        await expect.poll(() => page.title()).toBe(`${open ? heading : 'Message'} · 示范县人民政府`);
      }
      titles[address] = await page.title();
      const found = await chineseText(page);
      marked += found.marked;
      // The console's own English sentences may name a Chinese term (督办): those are its words, not written text.
      const left = found.unmarked.filter((text) => !OWN_ENGLISH.some((own) => own.includes(text)));
      if (left.length > 0) unmarked[address] = left;
    }
    expect(unmarked).toEqual({});
    // The national holidays are named in English; a name the site gave is shown as written.
    await page.goto(`${CONSOLE}#/admin/calendar`);
    const periods = page.locator('liuyan-console-admin-calendar [part="calendar-period"] strong');
    await expect.poll(() => periods.allTextContents()).toContain('Spring Festival');
    expect((await periods.allTextContents()).filter((name) => /春节|国庆节/.test(name))).toEqual([]);
    expect(await page.locator('liuyan-console-admin-calendar').getByRole('button', { name: 'Delete “National Day”' }).count()).toBeGreaterThan(0);
    expect(titles['#/admin/units']).toBe('Units · Administration · 示范县人民政府');
    expect(titles['#/queue?tab=all']).toBe('All · Queue · 示范县人民政府');
    const others = pages.filter((address) => !address.startsWith('#/messages/')).map((address) => titles[address]);
    expect(new Set(others).size).toBe(others.length);
    expect(openTitles).toBeGreaterThan(0);
    expect(marked).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });
});

/** Every sentence of the console's English strings, to tell its own words from written text. */
const OWN_ENGLISH: string[] = [];
(function collect(value: unknown): void {
  if (typeof value === 'string') OWN_ENGLISH.push(value);
  else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
})([consoleEn, adminEn]);

/** Waits until the console's page has drawn its content: a heading, nothing still loading. */
async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const roots: (Document | ShadowRoot)[] = [document];
    let heading = false;
    for (let i = 0; i < roots.length; i += 1) {
      for (const element of roots[i]!.querySelectorAll('*')) {
        if (element.getAttribute('aria-busy') === 'true') return false;
        if (element.tagName === 'H1' && element.textContent?.trim()) heading = true;
        if (element.shadowRoot) roots.push(element.shadowRoot);
      }
    }
    return heading;
  });
  // What a page asks for after its first answer (the names of units an account is for) has come.
  await page.waitForLoadState('networkidle');
}

/** The text nodes holding a Chinese character, through every shadow root: how many are inside `lang="zh"`, and the others. */
function chineseText(page: Page): Promise<{ marked: number; unmarked: string[] }> {
  return page.evaluate(() => {
    const han = /\p{Script=Han}/u;
    const langOf = (node: Node): string => {
      for (let at: Node | null = node.parentNode; at; at = at.parentNode ?? (at instanceof ShadowRoot ? at.host : null)) {
        if (at instanceof Element && at.hasAttribute('lang')) return at.getAttribute('lang')!;
      }
      return '';
    };
    const result = { marked: 0, unmarked: [] as string[] };
    const walk = (root: Node) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
        const text = node.nodeType === Node.TEXT_NODE ? node.textContent!.trim() : '';
        if (!text || !han.test(text) || node.parentElement?.closest('style, script')) continue;
        if (langOf(node).startsWith('zh')) result.marked += 1;
        else result.unmarked.push(text);
      }
    };
    walk(document.body);
    return result;
  });
}
