import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { citizenPhone, fillForm, holdRequests, TRACKING_CODE, useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

const browser = useBrowserPage();

/**
 * The county's example page served with `policy` as its Content-Security-Policy header, plus a hash for
 * the page's own inline stylesheet (the county's, not Liuyan's), and the shared loader or the site's
 * own (`siteLoader`). Violations are collected in `window.__violations` from the start.
 */
async function underPolicy(page: Page, policy: string, { siteLoader = false } = {}): Promise<void> {
  const html = await (await fetch(`${HOST}/`)).text();
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
  const own = `'sha256-${createHash('sha256').update(style).digest('base64')}'`;
  await page.addInitScript(() => {
    const found: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = found;
    document.addEventListener('securitypolicyviolation', (e) => found.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  // Served by the county's own server (a page the browser fulfilled itself would count as a public
  // address, and Chromium would refuse it the loopback service).
  await page.goto(`${HOST}/strict?csp=${encodeURIComponent(policy.replace('style-src', `style-src ${own}`))}${siteLoader ? '&loader=site' : ''}`);
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

/** The README's lines for a page embedding the elements (Content-Security-Policy, "Strict pages"). */
const README_POLICY = `default-src 'none'; script-src ${WORKER}; connect-src ${WORKER}; img-src ${WORKER} blob:; style-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'`;

describe('a host page with a strict Content-Security-Policy', () => {
  it('with the README’s lines (no unsafe-inline, no unsafe-eval), every element draws and nothing is blocked', async () => {
    const page = browser.page;
    await underPolicy(page, README_POLICY);
    await page.locator('liuyan-form [part="submit"]').waitFor();
    await page.locator('liuyan-track [part="form"]').waitFor();
    await page.locator('liuyan-list').scrollIntoViewIfNeeded();
    await page.locator('liuyan-list [part="card"]').first().waitFor();
    await page.locator('liuyan-stats').scrollIntoViewIfNeeded();
    await page.locator('liuyan-stats [part="figures"]').waitFor();
    // The elements' own styles apply (a blocked stylesheet would leave the send button unstyled).
    expect(await page.locator('liuyan-form [part="submit"]').evaluate((b) => getComputedStyle(b).minHeight)).toBe('44px');
    expect(await violations(page)).toEqual([]);
  });

  it('enforcing Trusted Types (require-trusted-types-for \'script\'; trusted-types lit-html), a citizen sends a message and gets the code', async () => {
    const page = browser.page;
    await underPolicy(page, `${README_POLICY}; require-trusted-types-for 'script'; trusted-types lit-html`);
    const form = page.locator('liuyan-form');
    await form.locator('[part="submit"]').waitFor();
    await fillForm(page, { title: '城关镇幼儿园门口早高峰拥堵', body: '每天早上七点半幼儿园门口车辆乱停，孩子过马路很危险。', phone: citizenPhone() });
    await form.locator('[part="submit"]').click();
    await form.locator('[part="receipt"]').waitFor();
    expect(await form.locator('[part="tracking-code"]').textContent()).toMatch(TRACKING_CODE);
    expect(await violations(page)).toEqual([]);
  });
});

describe('the form the loader builds before the element’s file has come, on a strict page', () => {
  for (const siteLoader of [false, true]) it(`shows, styled, under the README’s lines with Trusted Types enforced, and is taken over, nothing blocked${siteLoader ? ': the site’s own loader, carrying it' : ''}`, async () => {
    const page = browser.page;
    const release = await holdRequests(page, '**/widget/**/liuyan-form*.js');
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await underPolicy(page, `${README_POLICY}; require-trusted-types-for 'script'; trusted-types lit-html`, { siteLoader });
    const early = page.locator('liuyan-form form.plain-form');
    await early.locator('button[type=submit]').waitFor();
    // Its stylesheet is constructed, so no policy has to allow an inline style.
    expect(await early.locator('button[type=submit]').evaluate((b) => getComputedStyle(b).minHeight)).toBe('44px');
    await early.getByLabel('标题', { exact: true }).fill('严格页面上先写的标题');
    release();
    await page.locator('liuyan-form [part="form"]').waitFor();
    expect(await page.locator('liuyan-form [part="form"]').getByLabel('标题', { exact: true }).inputValue()).toBe('严格页面上先写的标题');
    expect(await violations(page)).toEqual([]);
    // The site's own loader came with the form: not asked for.
    expect(asked.includes('/v1/sites/demo/form')).toBe(!siteLoader);
    expect(asked.includes('/s/demo/liuyan.js')).toBe(siteLoader);
  });
});

describe('mounting the elements moves nothing on the page', () => {
  const cases = [
    { viewport: { width: 1280, height: 900 }, early: false },
    { viewport: { width: 390, height: 844 }, early: false },
    // The form the loader builds first (the element's file slow to come), then the element's own.
    { viewport: { width: 390, height: 844 }, early: true },
  ];
  for (const { viewport, early } of cases) {
    it(`the example page at ${viewport.width} px${early ? ', its form built by the loader first' : ''}: no layout-shift entry while the elements load and draw`, async () => {
      const context = await browser.context.browser()!.newContext({ locale: 'zh-CN', viewport });
      const page = await context.newPage();
      const release = early ? await holdRequests(page, '**/widget/**/liuyan-form*.js') : () => {};
      await page.addInitScript(() => {
        const shifts: string[] = [];
        (window as unknown as { __shifts: string[] }).__shifts = shifts;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; sources: { node?: Node }[] })[]) {
            shifts.push(`${entry.value.toFixed(4)} ${entry.sources.map((s) => s.node?.nodeName).join(',')}`);
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`${HOST}/`, { waitUntil: early ? 'commit' : 'load' });
      if (early) {
        await page.locator('liuyan-form form.plain-form button[type=submit]').waitFor();
        await page.waitForTimeout(500);
        release();
      }
      await page.locator('liuyan-form [part="submit"]').waitFor();
      await page.locator('liuyan-track [part="form"]').waitFor();
      // A moment for anything late (the fonts, the list's first page) to land.
      await page.waitForTimeout(1500);
      expect(await page.evaluate(() => (window as unknown as { __shifts: string[] }).__shifts)).toEqual([]);
      await context.close();
    });
  }
});

describe('taking a page’s form over moves nothing in it or below it', () => {
  /**
   * The form's height and where each field and the send button stand in it (px from the element's
   * top): the page's form while the element's file is held back, then the element's own.
   */
  const layout = (page: Page) => page.locator('liuyan-form').first().evaluate((element) => {
    const top = element.getBoundingClientRect().top;
    const own = element.shadowRoot?.querySelector('[part="form"]');
    const left = element.getBoundingClientRect().left;
    // What is drawn: the page's form holds 有回复时通知我 out of sight until a contact is typed, as the element draws it only then.
    const drawn = (list: NodeListOf<Element>) => [...list].filter((part) => part.getClientRects().length > 0);
    const parts = drawn(own ? own.querySelectorAll('[part~="field"], fieldset, [part="submit"]') : element.querySelectorAll('.liuyan-field, fieldset, button[type="submit"]'));
    // Radio buttons and boxes to tick, across and down: the browser's own margins must not move them.
    const choices = drawn((own ?? element).querySelectorAll('input[type="radio"], input[type="checkbox"]:not([name="homepage"])'));
    return {
      height: Math.round(element.getBoundingClientRect().height),
      at: parts.map((part) => Math.round(part.getBoundingClientRect().top - top)),
      choices: choices.map((c) => `${Math.round(c.getBoundingClientRect().left - left)},${Math.round(c.getBoundingClientRect().top - top)}`),
    };
  });

  it('the loader’s form, the write page’s (Chinese, English, high contrast) and a county page’s, on a phone and a laptop: every field, radio button and box to tick', async () => {
    const pages = [`${HOST}/one-form.html`, `${WORKER}/s/demo/write`, `${WORKER}/s/demo/write?lang=en`, `${WORKER}/s/demo/write?theme=high-contrast`, `${HOST}/included.html`];
    const moved: Record<string, unknown> = {};
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
      const context = await browser.context.browser()!.newContext({ locale: 'zh-CN', viewport });
      for (const address of pages) {
        const page = await context.newPage();
        const release = await holdRequests(page, '**/widget/**/liuyan-form*.js');
        await page.goto(address, { waitUntil: 'commit' });
        await page.locator('liuyan-form form.plain-form button[type=submit]').waitFor();
        // The element's 照片 field has its place (shown where scripts run: `scripting` in CSS).
        expect(await page.locator('liuyan-form form.plain-form .liuyan-photos').isVisible(), address).toBe(true);
        const before = await layout(page);
        release();
        await page.locator('liuyan-form [part="submit"]').waitFor();
        const after = await layout(page);
        if (JSON.stringify(before) !== JSON.stringify(after)) moved[`${address} at ${viewport.width} px`] = { before, after };
        expect(before.at.length, address).toBeGreaterThan(10);
        expect(before.choices.length, address).toBeGreaterThan(4);
        await page.close();
      }
      await context.close();
    }
    expect(moved).toEqual({});
  });

  it('with an e-mail address typed: 有回复时通知我 is there before the take-over as after it, its box ticked kept, on the loader’s form and the write page', async () => {
    const moved: Record<string, unknown> = {};
    const context = await browser.context.browser()!.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    for (const address of [`${HOST}/one-form.html`, `${WORKER}/s/demo/write`]) {
      const page = await context.newPage();
      const release = await holdRequests(page, '**/widget/**/liuyan-form*.js');
      await page.goto(address, { waitUntil: 'commit' });
      const early = page.locator('liuyan-form form.plain-form');
      const notify = early.locator('.liuyan-notify');
      await early.locator('button[type=submit]').waitFor();
      await expect.poll(() => notify.isVisible()).toBe(false);
      await early.getByLabel('电子邮箱').fill('chenming@example.com');
      await expect.poll(() => notify.isVisible()).toBe(true);
      await early.getByLabel('邮件通知（发送到上面的邮箱）').check();
      await early.getByLabel('电子邮箱').focus();
      const before = await layout(page);
      release();
      await page.locator('liuyan-form [part="submit"]').waitFor();
      const after = await layout(page);
      if (JSON.stringify(before) !== JSON.stringify(after)) moved[address] = { before, after };
      expect(await page.locator('liuyan-form [part="form"]').getByLabel('邮件通知（发送到上面的邮箱）').isChecked(), address).toBe(true);
      await page.close();
    }
    await context.close();
    expect(moved).toEqual({});
  });
});

describe('taking a page’s form over keeps what the citizen sees', () => {
  it('the privacy notice stays open, a long letter stays scrolled to the line being typed, and the page does not move', async () => {
    const page = browser.page;
    const release = await holdRequests(page, '**/widget/**/liuyan-form*.js');
    await page.goto(`${HOST}/one-form.html`, { waitUntil: 'commit' });
    const early = page.locator('liuyan-form form.plain-form');
    await early.locator('details summary').click();
    const letter = early.locator('textarea');
    await letter.fill(Array.from({ length: 21 }, (_, i) => `第${i + 1}行：路灯坏了很久没人修。`).join('\n'));
    await letter.press('End');
    const seen = () => page.evaluate(() => {
      const element = document.querySelector('liuyan-form')!;
      const root = element.shadowRoot?.querySelector('[part="form"]') ? element.shadowRoot : element;
      const box = root.querySelector('textarea')!;
      return { open: root.querySelector('details')!.open, scrolled: box.scrollTop, height: Math.round(element.getBoundingClientRect().height), pageAt: scrollY };
    });
    const before = await seen();
    expect(before.open).toBe(true);
    expect(before.scrolled).toBeGreaterThan(100);
    release();
    await page.locator('liuyan-form [part="submit"]').waitFor();
    await expect.poll(async () => (await seen()).open).toBe(true);
    const after = await seen();
    expect(Math.abs(after.scrolled - before.scrolled)).toBeLessThanOrEqual(1);
    expect(after.pageAt).toBe(before.pageAt);
    // The notice's text may come a moment later (its own file): the form's height is then the same as before.
    await expect.poll(async () => (await seen()).height).toBe(before.height);
    expect(await page.locator('liuyan-form [part="form"] textarea').evaluate((box) => (box as HTMLTextAreaElement).selectionStart === (box as HTMLTextAreaElement).value.length)).toBe(true);
  });
});
