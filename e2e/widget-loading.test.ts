// What the loader fetches: a page with one kind of element gets it as one file (Lit inside it), a page
// with several gets them sharing Lit, and an element a page adds later still comes to life.
import { describe, expect, it } from 'vitest';
import { useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

const browser = useBrowserPage();

/** The widget scripts the page has fetched so far, by path (`/widget/…`). */
async function widgetScripts(): Promise<string[]> {
  return browser.page.evaluate(() => performance.getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith('/widget/') && path.endsWith('.js')));
}

describe('the widget loader', () => {
  it('with a mistyped site, has the element say in its own language that the site does not exist, whatever the browser’s language', async () => {
    // The loader asks for the config without the element's language; the element sees an error asked for again in its own.
    const context = await browser.page.context().browser()!.newContext({ locale: 'en-US' });
    try {
      const page = await context.newPage();
      await page.goto(`${HOST}/one-form.html?site=no-such-site`);
      await expect.poll(() => page.locator('liuyan-form').evaluate((e) => e.shadowRoot?.textContent ?? ''), { timeout: 15_000 }).toContain('站点不存在');
      // Trying again cannot help: the page's editor has to correct the site.
      expect(await page.locator('liuyan-form').getByRole('button', { name: '重试' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('on a page with only the form, fetches the form in one file beside the loader, and the form works', async () => {
    await browser.page.goto(`${WORKER}/examples/slow-network/widget.html`);
    const form = browser.page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    await expect.poll(() => form.locator('#unitId option').count()).toBeGreaterThan(1);

    const scripts = await widgetScripts();
    expect(scripts).toContain('/widget/liuyan.js');
    expect(scripts).toContain('/widget/alone/liuyan-form.js');
    // Nothing of the build the elements share: Lit comes inside the form's own file.
    expect(scripts.filter((path) => !path.startsWith('/widget/alone/') && path !== '/widget/liuyan.js')).toEqual([]);
  });

  it('an element the page adds later (as a single-page app does) comes to life beside the first one', async () => {
    await browser.page.goto(`${WORKER}/examples/slow-network/widget.html`);
    await browser.page.locator('liuyan-form [part="form"]').waitFor();
    await browser.page.evaluate(() => {
      const tracker = document.createElement('liuyan-track');
      tracker.setAttribute('site', 'demo');
      document.body.appendChild(tracker);
    });

    const tracker = browser.page.locator('liuyan-track');
    await tracker.getByLabel('查询码').fill('AAAA-BBBB-CCCC-DDDD');
    await tracker.getByRole('button', { name: '查询' }).click();
    // The tracker asked the service and says what it answered: no message has that code.
    await expect.poll(() => tracker.getByText('没有找到与该查询码对应的留言').count()).toBe(1);
    // The form is still there to use.
    await browser.page.locator('liuyan-form').getByLabel('标题').fill('路灯不亮');
    expect(await browser.page.locator('liuyan-form').getByLabel('标题').inputValue()).toBe('路灯不亮');
  });

  it("on a page with several kinds of element (the county site's form, board, tracker and figures), fetches them sharing one Lit", async () => {
    await browser.page.goto(`${WORKER}/examples/gov-site/`);
    await browser.page.locator('liuyan-form [part="form"]').waitFor();
    await browser.page.locator('liuyan-track').getByLabel('查询码').waitFor();

    const scripts = await widgetScripts();
    expect(scripts).toEqual(expect.arrayContaining(['/widget/liuyan-form.js', '/widget/liuyan-track.js']));
    expect(scripts.filter((path) => path.startsWith('/widget/alone/'))).toEqual([]);
  });
});
