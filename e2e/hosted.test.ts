import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countMessagesTitled, fillForm, launchBrowser, TRACKING_CODE } from './helpers';
import { FOREIGN, HOST, WORKER } from './ports';

/** WeChat's in-app browser on an Android phone, as it names itself. */
const WECHAT_UA = 'Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) '
  + 'Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F30) '
  + 'WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** A phone in WeChat: 390 px wide, touch, WeChat's user agent, Chinese. */
async function wechatPage({ javaScriptEnabled = true } = {}) {
  context = await browser.newContext({
    viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, userAgent: WECHAT_UA, locale: 'zh-CN', javaScriptEnabled,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  // A CSP refusal (an inline script or style the page did not allow) shows up here.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`); });
  page.on('pageerror', (e) => problems.push(e.message));
  return { page, problems };
}

const fitsTheScreen = (page: import('playwright-core').Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

/**
 * The page's headings in reading order, the elements' own (in their shadow roots) where they stand:
 * a screen reader's outline, which should go down one level at a time (h1, h2, h3; never h1 to h3).
 */
const headingLevels = (page: Page) => page.evaluate(() => {
  const levels: number[] = [];
  const walk = (root: Document | ShadowRoot) => {
    for (const e of root.querySelectorAll('*')) {
      if (/^H[1-6]$/.test(e.tagName) && e.getClientRects().length > 0) levels.push(Number(e.tagName[1]));
      if (e.shadowRoot) walk(e.shadowRoot);
    }
  };
  walk(document);
  return levels;
});
const skipsALevel = (levels: number[]) => levels.some((level, i) => i > 0 && level > levels[i - 1]! + 1);

describe('the hosted board /s/demo/ in WeChat on a phone', () => {
  it('a citizen writes a message and gets a code, tracks it, opens the board and a message’s own page; the page reads without scripts', async () => {
    const { page, problems } = await wechatPage();
    await page.goto(`${WORKER}/s/demo/`);
    await page.getByRole('link', { name: '我要留言' }).click();
    await page.waitForURL(`${WORKER}/s/demo/write`);
    expect(await page.getByRole('link', { name: '我要留言' }).getAttribute('aria-current')).toBe('page');

    const title = `托管留言板写的留言 ${Date.now()}`;
    await fillForm(page, { title, body: '在微信里打开县政府的留言板，写一条留言，看看能不能收到查询码。' });
    await page.locator('liuyan-form').getByRole('button', { name: '提交留言' }).click();
    const codeText = page.locator('liuyan-form [part="tracking-code"]');
    await codeText.waitFor();
    const code = (await codeText.textContent())!.trim();
    expect(code).toMatch(TRACKING_CODE);
    expect(countMessagesTitled(title)).toBe(1);
    expect(await fitsTheScreen(page)).toBe(true);
    // The receipt's heading sits under the section's (我要留言), which sits under the site's.
    expect(await headingLevels(page)).toEqual([1, 2, 3]);

    await page.getByRole('link', { name: '查询留言' }).click();
    await page.waitForURL(`${WORKER}/s/demo/track`);
    const tracker = page.locator('liuyan-track');
    await tracker.getByLabel('查询码').fill(code);
    await tracker.getByRole('button', { name: '查询' }).click();
    await tracker.locator('[part="message"]').waitFor();
    expect(await tracker.locator('[part="message"] h3').textContent()).toBe(title);
    const outline = await headingLevels(page);
    expect(outline.slice(0, 3)).toEqual([1, 2, 3]);
    expect(skipsALevel(outline), outline.join(' ')).toBe(false);

    // The board: a card opens the message's own page, and Back returns to the board.
    await page.getByRole('link', { name: '留言选登' }).click();
    await page.waitForURL(`${WORKER}/s/demo/`);
    const card = page.locator('liuyan-list [part~="card"]').first();
    await card.waitFor();
    const cardTitle = (await card.locator('h3').textContent())!.trim();
    await card.locator('h3 a').click();
    await page.waitForURL(/\/s\/demo\/messages\/m_[a-z0-9]+$/);
    const messageUrl = page.url();
    expect(await page.locator('article.message h2').textContent()).toBe(cardTitle);
    expect(await page.title()).toBe(`${cardTitle} - 示范县人民政府`);
    expect(await fitsTheScreen(page)).toBe(true);
    await page.goBack();
    await page.waitForURL(`${WORKER}/s/demo/`);
    expect(problems).toEqual([]);

    // The same page with scripts off (a crawler, a locked-down WebView): all there, and its share card.
    const { page: plain } = await wechatPage({ javaScriptEnabled: false });
    await plain.goto(messageUrl);
    expect(await plain.locator('article.message h2').textContent()).toBe(cardTitle);
    expect(await plain.locator('article.message').textContent()).toContain('办理进程');
    expect(await plain.locator('meta[property="og:title"]').getAttribute('content')).toBe(cardTitle);
    expect(await plain.locator('meta[property="og:url"]').getAttribute('content')).toBe(messageUrl);
    expect(await plain.locator('link[rel="canonical"]').getAttribute('href')).toBe(messageUrl);
  });
});

describe('the hosted board, back from a message’s own page', () => {
  it('finds the search, the cards loaded, the place scrolled to and the card opened as they were left', async () => {
    const { page } = await wechatPage();
    await page.goto(`${WORKER}/s/demo/`);
    const list = page.locator('liuyan-list');
    await list.locator('[part~="card"]').first().waitFor();
    await list.getByLabel('站内搜索').fill('的');
    await list.locator('[part="search"] button[type="submit"]').click();
    await expect.poll(() => list.locator('[part~="card"]').count()).toBeGreaterThan(0);
    const more = list.locator('[part="load-more"]');
    if (await more.count()) {
      const before = await list.locator('[part~="card"]').count();
      await more.click();
      await expect.poll(() => list.locator('[part~="card"]').count()).toBeGreaterThan(before);
    }
    const cards = await list.locator('[part~="card"]').count();
    const card = list.locator('[part~="card"]').nth(Math.min(5, cards - 1));
    await card.scrollIntoViewIfNeeded();
    const scrolled = await page.evaluate(() => window.scrollY);
    const title = (await card.locator('h3').textContent())!.trim();
    await card.locator('h3 a').click();
    await page.waitForURL(/\/s\/demo\/messages\/m_[a-z0-9]+$/);
    await page.goBack();
    await page.waitForURL(`${WORKER}/s/demo/`);
    await expect.poll(() => list.locator('[part~="card"]').count()).toBe(cards);
    expect(await list.getByLabel('站内搜索').inputValue()).toBe('的');
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled - 50);
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(50);
    expect(await list.evaluate((el) => el.shadowRoot!.activeElement?.textContent?.trim())).toBe(title);
  });
});

describe('the iframe embed', () => {
  it('sizes itself to its content on a page of an allowed website that includes /embed.js, and is not shown on any other website', async () => {
    const { page, problems } = await wechatPage();
    // The county's CMS page, on its own origin (in the demo site's allowed origins): e2e/global-setup.ts.
    await page.goto(`${HOST}/iframe-embed.html`);
    const frame = page.frameLocator('iframe');
    await frame.locator('liuyan-form [part="form"]').waitFor();
    const contentHeight = () => page.frames()[1]!.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    const frameHeight = () => page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height);
    // The form is taller than 600 px: the iframe grows to show all of it, with no inner scrollbar.
    await expect.poll(frameHeight).toBeGreaterThan(600);
    expect(Math.abs((await frameHeight()) - (await contentHeight()))).toBeLessThanOrEqual(1);
    // No header or tabs in the embed.
    expect(await frame.locator('nav').count()).toBe(0);

    // It follows the content: an error message under every field makes the form taller.
    const before = await frameHeight();
    await frame.locator('liuyan-form').getByRole('button', { name: '提交留言' }).click();
    await expect.poll(frameHeight).toBeGreaterThan(before);
    expect(problems).toEqual([]);

    // The same page on a website that is not in the site's allowed origins: the browser refuses to frame it.
    await page.goto(`${FOREIGN}/iframe-embed.html`);
    await expect.poll(() => page.frames()[1]?.url()).toMatch(/^chrome-error:/);
    expect(await page.frameLocator('iframe').locator('liuyan-form').count()).toBe(0);
  });

  it('brings the frame’s top into view when a page is opened inside it, and leaves the host page alone on its first load', async () => {
    const { page, problems } = await wechatPage();
    // The board in an iframe under 900 px of the county's own page.
    await page.goto(`${HOST}/iframe-board.html`);
    const frame = page.frameLocator('iframe');
    const frameTop = () => page.locator('iframe').evaluate((f) => f.getBoundingClientRect().top);
    const frameHeight = () => page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height);
    // The frame's first page has told its height (and that it was shown): the host page has not moved.
    await expect.poll(frameHeight).not.toBe(600);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    // The reader scrolls to the board (its cards load once it is in view) and reads down the list.
    await page.locator('iframe').scrollIntoViewIfNeeded();
    const firstTitle = frame.locator('liuyan-list .link').first();
    await firstTitle.waitFor();
    await expect.poll(frameHeight).toBeGreaterThan(1500);
    // A message near the bottom of the frame is opened.
    const lastTitle = frame.locator('liuyan-list .link').last();
    await lastTitle.scrollIntoViewIfNeeded();
    expect(await frameTop()).toBeLessThan(-500);
    const title = (await lastTitle.textContent())!.trim();
    await lastTitle.click();
    await expect.poll(() => frame.locator('article.message h2').textContent()).toBe(title);
    await expect.poll(frameTop).toBeGreaterThanOrEqual(-1);
    expect(await frameTop()).toBeLessThan(50);

    // Read to the end, then back to the board by its link: its top in view again.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await frameTop()).toBeLessThan(0);
    await frame.getByRole('link', { name: /返回留言列表/ }).click();
    await firstTitle.waitFor();
    await expect.poll(frameTop).toBeGreaterThanOrEqual(-1);
    expect(problems).toEqual([]);
  });
});
