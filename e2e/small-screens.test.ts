import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../sdk/src';
import { citizenPhone, fillForm, fillPlainForm, scrollUntil, TRACKING_CODE, useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

const browser = useBrowserPage();
let trackingCode = '';

beforeAll(async () => {
  ({ trackingCode } = await createClient({ baseUrl: WORKER, site: 'demo' }).submitMessage({
    unitId: 'u_transport', type: 'consultation', domain: 'transport', campaign: null, title: '城关镇到石桥镇的班车时刻表在哪里查',
    body: '想了解城关镇到石桥镇的班车时刻表，网上没有找到。', region: '示范县城关镇',
    author: { name: '陈明', phone: citizenPhone(), email: null, displayAs: 'masked' }, isPublic: false, consent: true,
  }));
});

/**
 * What does not fit a 320 px wide page: what spills past the right edge (outside a box that scrolls
 * sideways on purpose), and every control smaller than 44 × 44 px — a radio or checkbox counts by its
 * label, which is what a finger presses.
 */
function problems(page: Page): Promise<{ measured: number; overflow: string[]; small: string[] }> {
  return page.evaluate(() => {
    const overflow: string[] = [];
    const small: string[] = [];
    let measured = 0;
    const width = document.documentElement.clientWidth;
    const name = (e: Element) => `${(e.getRootNode() as ShadowRoot).host?.localName ?? 'page'} ${e.localName}${e.id ? `#${e.id}` : ''}${e.getAttribute('part') ? `[part=${e.getAttribute('part')}]` : ''} "${(e.textContent ?? '').trim().slice(0, 16)}"`;
    const scrollsSideways = (e: Element): boolean => {
      for (let a = e.parentElement ?? ((e.getRootNode() as ShadowRoot).host as Element | undefined); a; a = a.parentElement ?? ((a.getRootNode() as ShadowRoot).host as Element | undefined)) {
        if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) return true;
        if (a === document.body) return false;
      }
      return false;
    };
    for (const host of document.querySelectorAll('liuyan-form, liuyan-list, liuyan-track, liuyan-stats, liuyan-message')) {
      for (const e of host.shadowRoot!.querySelectorAll('*')) {
        const box = e.getBoundingClientRect();
        if (box.width === 0 || getComputedStyle(e).visibility === 'hidden' || e.closest('[aria-hidden="true"], .visually-hidden')) continue;
        if (box.right > width + 0.5 && !scrollsSideways(e)) overflow.push(`${name(e)} right ${Math.round(box.right)}`);
        const control = e.matches('button, a[href], select, textarea, summary, input:not([type=radio]):not([type=checkbox]):not([type=file])') ? e
          : e.matches('input[type=radio], input[type=checkbox]') ? e.closest('label') : null;
        if (!control || e.closest('.liuyan-hp')) continue;
        measured += 1;
        const target = control.getBoundingClientRect();
        if (target.height < 43.5 || target.width < 43.5) small.push(`${name(control)} ${Math.round(target.width)}×${Math.round(target.height)}`);
      }
    }
    return { measured, overflow: [...new Set(overflow)], small: [...new Set(small)] };
  });
}

// Zoom in a browser narrows the page in CSS pixels: a 390 px phone at 200% lays the page out 195 px wide.
describe('at 320 px wide, and a 390 px phone at 200% zoom (195 px), nothing scrolls sideways or is cut off, and every control is at least 44 × 44 px', () => {
  // English too: its words are longer than Chinese characters, and a word breaks only where it must.
  for (const [label, viewport, deviceScaleFactor, lang] of [
    ['320 px', { width: 320, height: 640 }, 1, 'zh-CN'], ['200% zoom', { width: 195, height: 422 }, 2, 'zh-CN'], ['200% zoom, English', { width: 195, height: 422 }, 2, 'en'],
  ] as const) {
    it(`${label}: the form (empty and with errors), the board, a tracked message and the statistics`, async () => {
      const context = await browser.context.browser()!.newContext({ locale: lang, viewport, deviceScaleFactor });
      const page = await context.newPage();
      // The county's page in the language asked for: the elements follow the page's <html lang>, set
      // here as the page is parsed, before any script runs.
      await page.addInitScript((language) => {
        new MutationObserver((_, observer) => {
          if (!document.documentElement) return;
          document.documentElement.lang = language;
          observer.disconnect();
        }).observe(document, { childList: true });
      }, lang);
      await page.goto(`${HOST}/`);
      const form = page.locator('liuyan-form');
      await form.locator('[part="submit"]').click();
      await form.locator('#title-error').waitFor();
      const list = page.locator('liuyan-list');
      await scrollUntil(list, async () => (await list.locator('[part="card"]').count()) > 0);
      const tracker = page.locator('liuyan-track');
      await tracker.locator('#trackingCode').fill(trackingCode);
      await tracker.locator('[part="form"] button[type="submit"]').click();
      await tracker.locator('[part="message"]').waitFor();
      const stats = page.locator('liuyan-stats');
      await scrollUntil(stats, async () => (await stats.locator('[part="figures"]').count()) > 0);

      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      const found = await problems(page);
      // Every button, link, field and choice of the four elements (about 80 in these states).
      expect(found.measured).toBeGreaterThan(50);
      expect({ overflow: found.overflow, small: found.small }).toEqual({ overflow: [], small: [] });
      // The statistics' units read without scrolling their box (each figure on its line, its heading
      // before it), and the chart's months are at the text's size, not shrunk with the chart (≈ 6 px).
      expect(await stats.locator('.table-scroll').evaluate((box) => box.scrollWidth - box.clientWidth)).toBe(0);
      const heading = await stats.locator('[part="ranking"] tbody td').first().evaluate((cell) => getComputedStyle(cell, '::before').content);
      expect(heading).toContain(lang === 'en' ? 'Messages' : '留言总数');
      expect(await stats.locator('[part="chart"] text.month').first().evaluate((label) => label.getBoundingClientRect().height)).toBeGreaterThan(11);
      await context.close();
    }, 120_000);
  }
});

describe('the hosted pages on a phone', () => {
  it('show every section’s tab whole, two a row, where one line of them would not fit (320 px, and 200% zoom; English sooner), each tab large enough to tap', async () => {
    for (const [lang, width, height, twoARow] of [
      ['zh-CN', 320, 640, true], ['en', 320, 640, true], ['zh-CN', 195, 422, true], ['en', 195, 422, true], ['en', 390, 844, true], ['zh-CN', 390, 844, false],
    ] as const) {
      const context = await browser.context.browser()!.newContext({ locale: lang, viewport: { width, height } });
      const page = await context.newPage();
      await page.goto(`${WORKER}/s/demo/stats${lang === 'en' ? '?lang=en' : ''}`);
      const boxes = await page.locator('.tabs a').evaluateAll((links) => links.map((a) => a.getBoundingClientRect().toJSON() as DOMRect));
      const label = `${lang} ${width} px`;
      expect(boxes.length, label).toBe(4);
      for (const box of boxes) {
        expect(box.x, label).toBeGreaterThanOrEqual(-0.5);
        expect(box.x + box.width, label).toBeLessThanOrEqual(width + 0.5);
        expect(box.height, label).toBeGreaterThan(43.5);
      }
      expect(new Set(boxes.map((box) => Math.round(box.y))).size, label).toBe(twoARow ? 2 : 1);
      expect(await page.locator('.tabs-inner').evaluate((strip) => strip.scrollWidth - strip.clientWidth), label).toBe(0);
      // Two rows scroll away with the page; one stays at the top.
      expect(await page.locator('.tabs').evaluate((tabs) => getComputedStyle(tabs).position), label).toBe(twoARow ? 'static' : 'sticky');
      await context.close();
    }
  });

  it('scroll a line of tabs wider than the screen all the same (a wider font) to the one the page is, and bring a tab the keyboard reaches whole into view', async () => {
    // Wider tabs than any language here makes, as a font wider than ours would: the page's CSP is
    // set aside for this one style.
    const context = await browser.context.browser()!.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, bypassCSP: true });
    const page = await context.newPage();
    // In place as the page is parsed, before its script lays the tabs out.
    await page.addInitScript(() => new MutationObserver((_, observer) => {
      if (!document.head) return;
      const style = document.createElement('style');
      style.textContent = '.tabs a{padding-inline:40px}';
      document.head.appendChild(style);
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true }));
    await page.goto(`${WORKER}/s/demo/stats`);
    const tab = page.locator('.tabs [aria-current="page"]');
    await expect.poll(async () => {
      const box = (await tab.boundingBox())!;
      return box.x >= -0.5 && box.x + box.width <= 390.5;
    }).toBe(true);
    // The tabs do scroll here: the first is partly out of view.
    expect(await page.locator('.tabs-inner').evaluate((strip) => strip.scrollWidth > strip.clientWidth && strip.scrollLeft > 0)).toBe(true);
    // Reached by the keyboard, the first tab comes whole into view, its focus ring with it; and so
    // does the last, tabbed to from the others.
    const whole = (link: Locator) => expect.poll(async () => {
      const box = (await link.boundingBox())!;
      return box.x >= -0.5 && box.x + box.width <= 390.5;
    }).toBe(true);
    const links = page.locator('.tabs a');
    for (let i = 0; i < 5 && !(await links.first().evaluate((link) => link === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await links.first().evaluate((link) => link === document.activeElement)).toBe(true);
    await whole(links.first());
    // Its focus ring is drawn inside it: the strip, which scrolls, would cut one outside at its top and bottom.
    expect(await links.first().evaluate((link) => {
      const style = getComputedStyle(link);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) >= 2, inside: parseFloat(style.outlineOffset) <= -parseFloat(style.outlineWidth) };
    })).toEqual({ style: 'solid', width: true, inside: true });
    const count = await links.count();
    for (let i = 1; i < count; i++) await page.keyboard.press('Tab');
    await expect.poll(() => links.last().evaluate((link) => link === document.activeElement)).toBe(true);
    await whole(links.last());
    await context.close();
  });

  it('show the tracking code the receipt moves the focus to, and the receipt’s heading above it, below the tabs, not under them (English, 320 × 640, high contrast)', async () => {
    const context = await browser.context.browser()!.newContext({ locale: 'en', viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${WORKER}/s/demo/write?lang=en&theme=high-contrast`);
    const form = page.locator('liuyan-form');
    // Sent empty first (the focus goes up to the first field), then filled in down to its end, and sent:
    // the receipt, shorter than the form, leaves the page scrolled, and the focus scrolls the code into view.
    await form.locator('[part="form"]').waitFor();
    await form.getByRole('button', { name: 'Send message' }).click();
    await form.getByText('Please choose the recipient').waitFor();
    await form.getByLabel('Recipient').selectOption({ index: 1 });
    await form.getByLabel('Complaint').check();
    await form.getByLabel('Domain').selectOption({ index: 1 });
    await form.getByRole('textbox', { name: /^title/i }).fill('Broken streetlight on Xingfu Road');
    await form.getByRole('textbox', { name: /^message/i }).fill('The streetlight on Xingfu Road has been broken for three weeks; please fix it.');
    await form.getByRole('textbox', { name: /^region/i }).fill('Xingfu village');
    await form.getByRole('textbox', { name: /^name/i }).fill('Chen Ming');
    await form.getByRole('textbox', { name: /^phone/i }).fill(citizenPhone());
    await form.getByLabel(/I have read and accept the privacy notice/).check();
    await form.getByRole('button', { name: 'Send message' }).click();
    const code = form.locator('[part="tracking-code"]');
    await code.waitFor();
    await expect.poll(() => code.evaluate((e) => (e.getRootNode() as ShadowRoot).activeElement === e)).toBe(true);
    const [codeBox, tabsBox, headingBox] = [(await code.boundingBox())!, (await page.locator('.tabs').boundingBox())!, (await form.locator('#receipt-title').boundingBox())!];
    expect(codeBox.y).toBeGreaterThanOrEqual(tabsBox.y + tabsBox.height);
    expect(codeBox.y + codeBox.height).toBeLessThanOrEqual(640);
    // What the code is: the heading that says the message was sent is in view with it.
    expect(headingBox.y).toBeGreaterThanOrEqual(tabsBox.y + tabsBox.height);
    await context.close();
  });

  it('show the receipt’s heading 留言已提交 with the tracking code the focus moves to, below the tabs (320 × 640)', async () => {
    const context = await browser.context.browser()!.newContext({ locale: 'zh-CN', viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${WORKER}/s/demo/write`);
    await fillForm(page, { title: `窄屏回执 ${Date.now()}`, body: '窄屏手机提交后，要能看到“留言已提交”和查询码。' });
    const form = page.locator('liuyan-form');
    await form.getByRole('button', { name: '提交留言' }).click();
    const code = form.locator('[part="tracking-code"]');
    await code.waitFor();
    await expect.poll(() => code.evaluate((e) => (e.getRootNode() as ShadowRoot).activeElement === e)).toBe(true);
    const tabs = (await page.locator('.tabs').boundingBox())!;
    const heading = (await form.getByRole('heading', { name: '留言已提交' }).boundingBox())!;
    const codeBox = (await code.boundingBox())!;
    expect(heading.y).toBeGreaterThanOrEqual(tabs.y + tabs.height);
    expect(codeBox.y + codeBox.height).toBeLessThanOrEqual(640);
    await context.close();
  });
});

describe('the receipt on a phone at 200% zoom (195 px)', () => {
  it('shows the whole tracking code on the screen, broken after a dash if at all, with a script and without', async () => {
    const zoomed = { viewport: { width: 195, height: 422 }, deviceScaleFactor: 2, locale: 'zh-CN' };
    // Each line of the code ends within the screen; a group is never cut in two.
    const fits = (code: import('playwright-core').Locator) => code.evaluate((e) => {
      const range = document.createRange();
      range.selectNodeContents(e);
      const lines = [...range.getClientRects()];
      return { right: Math.max(...lines.map((r) => r.right)), text: e.textContent!.trim(), width: document.documentElement.clientWidth };
    });
    const context = await browser.context.browser()!.newContext(zoomed);
    const page = await context.newPage();
    await page.goto(`${WORKER}/s/demo/write`);
    await fillForm(page, { title: `放大字体写的留言 ${Date.now()}`, body: '字放大到两倍也要能看清楚查询码，方便抄下来。' });
    const form = page.locator('liuyan-form');
    await form.getByRole('button', { name: '提交留言' }).click();
    const code = form.locator('[part="tracking-code"]');
    await code.waitFor();
    const shown = await fits(code);
    expect(shown.text).toMatch(TRACKING_CODE);
    expect(shown.right).toBeLessThanOrEqual(shown.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(195);
    await context.close();

    const plain = await browser.context.browser()!.newContext({ ...zoomed, javaScriptEnabled: false });
    const noScript = await plain.newPage();
    await noScript.goto(`${WORKER}/s/demo/write`);
    await fillPlainForm(noScript, `没有脚本放大写的留言 ${Date.now()}`, citizenPhone());
    await noScript.getByRole('button', { name: '提交留言' }).click();
    await noScript.waitForLoadState();
    const plainShown = await fits(noScript.locator('#tracking-code'));
    expect(plainShown.text).toMatch(TRACKING_CODE);
    expect(plainShown.right).toBeLessThanOrEqual(plainShown.width);
    await plain.close();
  });
});

describe('the API reference on a phone (390 px)', () => {
  it('scrolls no page sideways: the reference in both languages and the error codes', async () => {
    const context = await browser.context.browser()!.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    for (const path of ['/docs', '/docs/en', '/docs/errors/']) {
      await page.goto(`${WORKER}${path}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
    }
    await context.close();
  });
});

describe('on a wide screen', () => {
  it('lines up the fields side by side: 姓名, whose counter is below it, and 联系电话 start at the same height', async () => {
    const context = await browser.context.browser()!.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${WORKER}/s/demo/write`);
    const form = page.locator('liuyan-form');
    await form.locator('[part="submit"]').waitFor();
    const top = async (label: string) => (await form.getByLabel(label, { exact: true }).boundingBox())!;
    const [name, phone] = [await top('姓名'), await top('联系电话')];
    // Side by side (the same row), at the same height.
    expect(phone.x).toBeGreaterThan(name.x + name.width - 1);
    expect(Math.abs(phone.y - name.y)).toBeLessThan(1);
    expect(Math.abs(phone.height - name.height)).toBeLessThan(1);
    await context.close();
  });
});
