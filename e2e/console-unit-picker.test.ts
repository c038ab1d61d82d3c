// The console's unit picker on a tree too large to send whole (the national site of ~2,400 units the
// browser tests seed): a transfer (转办) to a department five levels down, level by level and by search,
// with the keyboard; and an admin's 单位 page browsing the same tree a level at a time.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it, inject } from 'vitest';
import { createClient } from '../sdk/src/client';
import { queryD1 } from '../scripts/local-stack';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../worker/seed/demo-accounts';
import { CONSOLE, isFocused, pickUnit, signedIn, type Official } from './console-helpers';
import { citizenPhone, useBrowserPage } from './helpers';
import { WORKER } from './ports';

const browser = useBrowserPage();

/** The department written to: a county's 教育局, under its head, county, city and 河北省 (worker/seed/national.ts). */
const DEEP = 'national_p2c0k0_head_education';

/** An admin of the national site, with the demo's password (copied from the demo admin, as `npm run site` would add one). */
function nationalAdmin(): Official {
  const email = `national-${Date.now()}@demo.liuyan.local`;
  queryD1(inject('persistTo'), `INSERT INTO accounts (id, site_id, email, display_name, role, password_hash, password_salt, password_iterations, created_at)
    SELECT 'a_national_' || abs(random()), 'national', '${email}', '全国留言板管理员', 'admin', password_hash, password_salt, password_iterations, created_at
    FROM accounts WHERE site_id = 'demo' AND email = '${DEMO_ACCOUNTS.admin.email}'`);
  return { email, password: DEMO_PASSWORD };
}

/** The names from the top down to the unit, itself included. */
function placeOf(unitId: string): string[] {
  return queryD1<{ name: string }>(inject('persistTo'), `SELECT u.name FROM unit_ancestors a JOIN units u ON u.id = a.ancestor_id
    WHERE a.unit_id = '${unitId}' ORDER BY a.depth DESC`).map((r) => r.name);
}

describe('the console’s unit picker on a national tree', () => {
  it('transfers a message to a department five levels down, a level at a time, then finds it by search and picks it with the keyboard', async () => {
    const [province, city, county, head, department] = placeOf(DEEP);
    expect(province).toBe('河北省');
    const created = await createClient({ baseUrl: WORKER, site: 'national' }).submitMessage({
      unitId: 'national_p2', type: 'help', domain: 'education', campaign: null,
      title: `乡村学校冬季供暖不足 ${Date.now() % 1_000_000}`, body: '村小教室冬天太冷，孩子们上课手都冻僵了，希望尽快解决供暖问题。', region: county!,
      author: { name: '陈明', phone: citizenPhone(), email: null, displayAs: 'masked' }, isPublic: true, consent: true,
    });
    const { page, problems } = await signedIn(browser, nationalAdmin(), { width: 390, height: 844 });
    const unitRequests: string[] = [];
    page.on('request', (request) => { if (request.url().includes('/units')) unitRequests.push(new URL(request.url()).search); });
    await page.goto(`${CONSOLE}#/messages/${created.id}`);
    const message = page.locator('liuyan-console-message');
    await message.locator('[part="message"]').waitFor();
    await message.locator('[part="actions"]').getByRole('button', { name: '转办', exact: true }).click();
    const form = message.locator('[part="action-form"]');
    const picker = form.locator('liuyan-console-unit-picker');
    const group = picker.getByRole('group', { name: '转办单位' });
    await group.getByRole('button', { name: province, exact: true }).waitFor();

    // Level by level: the province (its cities sit under the region itself), a city, a county, its head.
    // Each 下级 button is named with the picker and the unit's place, unlike any other on the page.
    const above: string[] = [];
    for (const name of [province, city, county, head]) {
      above.push(name!);
      await group.getByRole('button', { name: `转办单位：打开“${above.join(' › ')}”的下级单位`, exact: true }).click();
      await group.getByRole('navigation').getByText(name!, { exact: true }).waitFor();
      // The button pressed went with its level: the focus is on the level's place in the breadcrumb,
      // not dropped to the page, and the level opened is said once its units are in.
      await expect.poll(() => isFocused(group.getByRole('navigation').locator('[aria-current="location"]'))).toBe(true);
      await expect.poll(() => picker.locator('[part="level-note"]').textContent()).toMatch(new RegExp(`^${name}：\\d+ 个单位$`));
    }
    await group.getByRole('button', { name: department, exact: true }).click();
    await expect.poll(() => group.locator('[part="chosen"]').textContent()).toBe(`已选择：${[province, city, county, head, department].join(' › ')}`);
    // Only the levels opened were loaded, never the tree: the top level and four levels below it.
    expect(unitRequests.filter((q) => !q.includes('q='))).toHaveLength(5);

    // The breadcrumb goes back up; a search finds the department by name, saying where it sits.
    await group.getByRole('navigation').getByRole('button', { name: city, exact: true }).click();
    await expect.poll(() => isFocused(group.getByRole('navigation').getByText(city!, { exact: true }))).toBe(true);
    await group.getByRole('navigation').getByRole('button', { name: '全部单位' }).click();
    expect(await isFocused(group.getByRole('navigation').getByRole('button', { name: '全部单位' }))).toBe(true);
    const search = group.getByRole('searchbox', { name: '转办单位：按名称或拼音搜索' });
    await search.fill(department!);
    await search.press('Enter'); // searches; never sends the half-filled form
    const result = group.getByRole('button', { name: new RegExp(`^${department}`) }).first();
    await expect.poll(() => result.textContent()).toContain([province, city, county, head].join(' › '));
    await result.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => group.locator('[part="chosen"]').textContent()).toContain(department);
    expect(await form.getByRole('alert').count()).toBe(0);

    await form.getByLabel('转办原因（公开）').fill('学校供暖由县教育局负责');
    await form.locator('button[type="submit"]').click();
    await message.getByRole('status').getByText('已转办', { exact: true }).waitFor();
    expect(await message.locator('[part="unit"]').textContent()).toBe(department);
    const [row] = queryD1<{ unit_id: string }>(inject('persistTo'), `SELECT unit_id FROM messages WHERE id = '${created.id}'`);
    expect(row!.unit_id).toBe(DEEP);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('an admin browses the national tree on 单位 a level at a time and finds a unit by pinyin initials', async () => {
    const [province, city] = placeOf('national_p2c0');
    const { page, problems } = await signedIn(browser, nationalAdmin());
    // The top level (26 ministries, 3 provinces) in pages of 10, where the page asks for 100: no level
    // of the test's tree is longer than that, and 显示更多 is what is tried here.
    // Only the page's own (100 a page; its add form's parent picker asks for 50).
    const topLevel = (url: URL) => url.pathname === '/v1/admin/units' && !url.searchParams.has('parent') && url.searchParams.get('limit') === '100';
    await page.route(topLevel, (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('limit', '10');
      return route.continue({ url: url.href });
    });
    await page.goto(`${CONSOLE}#/admin/units`);
    const units = page.locator('liuyan-console-admin-units');
    const tree = units.locator('[part="unit-tree"]');
    await expect.poll(() => tree.locator(':scope > li').count()).toBe(10);
    // 显示更多 from the keyboard: the focus goes to the first unit added, where the list goes on.
    await units.getByRole('button', { name: '显示更多' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => tree.locator(':scope > li').count()).toBe(20);
    await expect.poll(() => isFocused(tree.locator(':scope > li').nth(10).locator('.unit-name'))).toBe(true);
    await units.getByRole('button', { name: '显示更多' }).click();
    await expect.poll(() => tree.locator(':scope > li').count()).toBe(29);
    // The last page: the button is gone, and the focus is on the first of its units, not on a heading.
    expect(await units.getByRole('button', { name: '显示更多' }).count()).toBe(0);
    await expect.poll(() => isFocused(tree.locator(':scope > li').nth(20).locator('.unit-name'))).toBe(true);
    await page.unroute(topLevel);
    await tree.getByText(province!, { exact: true }).waitFor();
    await tree.getByRole('button', { name: `打开“${province}”的下级单位` }).click();
    await tree.getByText(city!, { exact: true }).waitFor();
    expect(await units.locator('[part="breadcrumb"]').textContent()).toContain(province);
    // The level is the province's: its cities, leaders, never the departments of its counties.
    expect(await tree.locator(":scope > li").count()).toBeLessThan(40);

    await units.getByRole('searchbox', { name: '单位：按名称或拼音搜索', exact: true }).fill('hbjyt');
    await units.getByRole('searchbox', { name: '单位：按名称或拼音搜索', exact: true }).press('Enter');
    await tree.getByText('河北教育厅', { exact: true }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('a queue filtered by a unit deep in the tree still names it after a reload', async () => {
    const [province, city, county, head, department] = placeOf(DEEP);
    const { page, problems } = await signedIn(browser, nationalAdmin());
    const queue = page.locator('liuyan-console-queue');
    await queue.getByText('筛选', { exact: true }).first().click();
    const picker = queue.locator('liuyan-console-unit-picker');
    await pickUnit(picker, department!);
    await queue.locator('form.filter-grid button[type="submit"]').click();
    await expect.poll(() => new URL(page.url()).hash).toContain(encodeURIComponent(DEEP));
    await page.reload();
    const chosen = page.locator('liuyan-console-queue liuyan-console-unit-picker [part="chosen"]');
    // Only a level and a search are public: the console's own API names the unit from its id.
    await expect.poll(() => chosen.textContent(), { timeout: 20_000 }).toBe(`已选择：${[province, city, county, head, department].join(' › ')}`);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('the 单位 and 账号 pages, a parent or unit picker open beside the tree, give every control its own name and pass axe', async () => {
    const [province] = placeOf('national_p2c0');
    const { page, problems } = await signedIn(browser, nationalAdmin());
    await page.goto(`${CONSOLE}#/admin/units`);
    const units = page.locator('liuyan-console-admin-units');
    const tree = units.locator('[part="unit-tree"]');
    await tree.getByRole('button', { name: `打开“${province}”的下级单位`, exact: true }).click();
    // The tree shows the province's level; the add form's parent picker the top level: both offer 河北省's 下级.
    await units.locator('liuyan-console-unit-picker').getByRole('button', { name: `上级单位：打开“${province}”的下级单位`, exact: true }).waitFor();
    await tree.getByRole('button', { name: '编辑' }).first().click();
    await units.locator('liuyan-console-unit-picker').nth(1).locator('[part="options"] button.pick').first().waitFor();
    expect(await duplicateNames(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${CONSOLE}#/admin/accounts`);
    const accounts = page.locator('liuyan-console-admin-accounts');
    const picker = accounts.locator('liuyan-console-unit-picker').first();
    await picker.getByRole('button', { name: `负责单位（含下属单位）：打开“${province}”的下级单位`, exact: true }).click();
    await picker.getByRole('navigation').getByText(province!, { exact: true }).waitFor();
    expect(await duplicateNames(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 180_000);
});

/** The names of 下级 buttons (打开…的下级单位) given to more than one control on the page, shadow roots included. */
function duplicateNames(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const names: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        const label = element.getAttribute('aria-label');
        if (element.tagName === 'BUTTON' && label?.includes('下级单位')) names.push(label);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    return [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
  });
}

/**
 * What axe-core (a development dependency) finds against WCAG 2.1 A and AA on the page as it is,
 * shadow roots included: each rule broken, with the elements that break it. Run through the
 * DevTools protocol, which the console's CSP does not govern.
 */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await readFile('node_modules/axe-core/axe.min.js', 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
}
