import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createClient } from '../sdk/src';
import { scrollUntil, useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

const client = createClient({ baseUrl: WORKER, site: 'demo' });
const browser = useBrowserPage();

/** The county page with parameters of its own, which the list must leave as they are. */
const PAGE = `${HOST}/?from=wechat&note=a%20b`;

const opened = (list: Locator) => list.locator('[part="detail"] [part="message"] h3');
const address = (page: Page) => new URL(page.url()).searchParams.get('liuyan');

async function board(page: Page, url = PAGE): Promise<Locator> {
  await page.goto(url);
  const list = page.locator('liuyan-list');
  await scrollUntil(list, async () => (await list.locator('[part="card"]').count()) > 0);
  return list;
}

describe('an opened message in <liuyan-list> has an address on the host page', () => {
  it('Back returns to the list where it was, Forward and a reload reopen it, and its link opens it anywhere', async () => {
    const { page, context } = browser;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: HOST });
    const all = (await client.listMessages({ limit: 40 })).items;
    expect(all.length).toBeGreaterThan(20);
    const list = await board(page);
    // A second page, scrolled down to: the place Back must return to.
    await list.getByRole('button', { name: '加载更多' }).click();
    await expect.poll(() => list.locator('[part="card"]').count()).toBe(all.length);
    const target = all[all.length - 1]!;
    const title = list.locator('[part="card"] h3 a').last();
    expect(await title.getAttribute('href')).toBe(`${PAGE}&liuyan=${target.id}`);
    await title.scrollIntoViewIfNeeded();
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(500);

    await title.click();
    await expect.poll(() => opened(list).textContent()).toBe(target.title);
    expect(page.url()).toBe(`${PAGE}&liuyan=${target.id}`);
    await list.getByRole('button', { name: '复制链接' }).click();
    await expect.poll(() => list.locator('[role="status"]').filter({ hasText: '已复制' }).count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());

    await page.goBack();
    await expect.poll(() => list.locator('[part="card"]').last().isVisible()).toBe(true);
    expect(page.url()).toBe(PAGE);
    expect(await list.locator('[part="detail"]').count()).toBe(0);
    expect(await list.locator('[part="card"]').count()).toBe(all.length);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeCloseTo(scrolled, -1);

    await page.goForward();
    await expect.poll(() => opened(list).textContent()).toBe(target.title);
    expect(address(page)).toBe(target.id);

    await page.reload();
    await expect.poll(() => opened(list).textContent()).toBe(target.title);
    expect(page.url()).toBe(`${PAGE}&liuyan=${target.id}`);

    // The shared link, in a reader's fresh browser: the message, then 返回列表 to the board.
    const reader = await page.context().browser()!.newContext({ locale: 'zh-CN' });
    const shared = await reader.newPage();
    await shared.goto(`${PAGE}&liuyan=${target.id}`);
    const sharedList = shared.locator('liuyan-list');
    await expect.poll(() => opened(sharedList).textContent()).toBe(target.title);
    // Far down the page, it is brought into view.
    const inView = async () => {
      const { y } = (await opened(sharedList).boundingBox())!;
      return y >= 0 && y < shared.viewportSize()!.height;
    };
    await expect.poll(inView).toBe(true);
    await sharedList.getByRole('button', { name: '返回列表' }).click();
    await sharedList.locator('[part="card"]').first().waitFor();
    expect(shared.url()).toBe(PAGE);

    // A title opened in a new tab (middle click) opens the message there.
    const [tab] = await Promise.all([reader.waitForEvent('page'), sharedList.locator('[part="card"] h3 a').first().click({ button: 'middle' })]);
    await expect.poll(() => opened(tab.locator('liuyan-list')).textContent()).toBe((await sharedList.locator('[part="card"] h3').first().textContent())!.trim());
    expect(shared.url()).toBe(PAGE);
    await reader.close();
  });

  it('a card title is reached with Tab and opened with Enter; without a clipboard its link is shown to copy; an id that is not public says so, with a way back', async () => {
    const { page } = browser;
    const list = await board(page);
    const [first] = (await client.listMessages()).items;
    await list.getByRole('button', { name: '搜索', exact: true }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent)).toBe(first!.title);
    await page.keyboard.press('Enter');
    await expect.poll(() => opened(list).textContent()).toBe(first!.title);
    expect(address(page)).toBe(first!.id);
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent)).toBe('返回列表');
    // A browser without a clipboard for the page (plain http, some in-app WebViews): the link, selected, to copy by hand.
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true }));
    await list.getByRole('button', { name: '复制链接' }).click();
    await expect.poll(() => list.locator('[role="status"]').filter({ hasText: '无法自动复制' }).count()).toBe(1);
    expect(await list.getByLabel('本条留言的链接').inputValue()).toBe(page.url());

    await page.goto(`${PAGE}&liuyan=m_not_public_or_missing`);
    const missing = page.locator('liuyan-list [part="detail"]');
    await expect.poll(() => missing.getByRole('alert').textContent()).toBe('留言不存在或未公开');
    expect(await missing.getByRole('button', { name: '复制链接' }).count()).toBe(0);
    await missing.getByRole('button', { name: '返回列表' }).click();
    await page.locator('liuyan-list [part="card"]').first().waitFor();
    expect(page.url()).toBe(PAGE);
  });

  it('two lists on one page: a second list with the same parameter gets no addresses; one with its own (here in the hash) has them', async () => {
    const { page } = browser;
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await board(page);
    await page.evaluate(() => {
      for (const [id, param] of [['same', ''], ['own', 'msg']] as const) {
        const list = document.createElement('liuyan-list');
        list.setAttribute('site', 'demo');
        list.id = id;
        if (param) {
          list.setAttribute('param', param);
          list.setAttribute('address', 'hash');
        }
        const main = document.querySelector('main')!;
        main.insertBefore(list, main.firstChild);
      }
    });
    const same = page.locator('#same');
    await scrollUntil(same, async () => (await same.locator('[part="card"]').count()) > 0);
    expect(await same.locator('[part="card"] h3 a').count()).toBe(0);
    expect(warnings.some((w) => w.includes('param='))).toBe(true);
    const own = page.locator('#own');
    await scrollUntil(own, async () => (await own.locator('[part="card"]').count()) > 0);
    const [first] = (await client.listMessages()).items;
    await own.locator('[part="card"] h3 a').first().click();
    await expect.poll(() => opened(own).textContent()).toBe(first!.title);
    expect(page.url()).toBe(`${PAGE}#msg=${first!.id}`);
    expect(await opened(page.locator('liuyan-list').last()).count()).toBe(0);
    await page.goBack();
    await expect.poll(() => own.locator('[part="card"]').first().isVisible()).toBe(true);
    expect(page.url()).toBe(PAGE);
  });
});
