import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '../sdk/src';
import type { SiteSettings } from '../sdk/src/schemas/admin';
import type { SiteConfig, UnitNode } from '../sdk/src/schemas/site';
import { CONSOLE, isFocused, officialApi, pickUnit, sessionCookie, signedIn, signInWith, watchForProblems } from './console-helpers';
import { citizenPhone, useBrowserPage } from './helpers';
import { WORKER } from './ports';
import { DEMO_ACCOUNTS } from '../worker/seed/demo-accounts';

// The admin pages of the console, driven as an admin would, against the real `wrangler dev`.
// What they change (moderation mode, the site's rules) is put back, and what they add has names of
// its own, so the other browser tests see the demo site as seeded.

const browser = useBrowserPage();


const run = Date.now() % 1_000_000;

/** Opens an admin page from the header's 站点管理 and the tabs, as an admin finds it. */
async function openAdmin(page: Page, section: string): Promise<void> {
  await page.locator('liuyan-console header').getByRole('link', { name: '站点管理' }).click();
  const nav = page.locator('liuyan-console-admin [part="admin-nav"]');
  await nav.getByRole('link', { name: section, exact: true }).click();
  await expect.poll(() => nav.getByRole('link', { name: section, exact: true }).getAttribute('aria-current')).toBe('page');
}

/** The confirmation an admin page shows after a change. */
const confirmation = (page: Page, tag: string) => page.locator(tag).locator('p.notice[role="status"]:not([hidden])');

/** The admin's session for the API, to read what the console changed and to put settings back. */
const adminCookie = () => sessionCookie(DEMO_ACCOUNTS.admin);
const adminApi = officialApi;

async function publicConfig(): Promise<SiteConfig> {
  return (await fetch(`${WORKER}/v1/sites/demo`)).json() as Promise<SiteConfig>;
}

async function siteSettings(): Promise<SiteSettings> {
  return (await adminApi(await adminCookie(), 'GET', '/v1/admin/site')).json() as Promise<SiteSettings>;
}

/** The site's rules as seeded, when a test changes them. */
let seededRules: Pick<SiteSettings, 'titleMin' | 'privacyUrl' | 'submissionLimits'> | undefined;

const findUnit = (tree: UnitNode[], id: string): UnitNode | undefined =>
  tree.map((u) => (u.id === id ? u : findUnit(u.children, id))).find(Boolean);

afterAll(async () => {
  // Whatever happened above, the demo site goes back to pre-moderation and its rules for the other tests.
  const cookie = await adminCookie();
  await adminApi(cookie, 'PATCH', '/v1/admin/site', { moderation: 'pre', ...seededRules });
});

describe('the console’s admin pages', () => {
  it('an admin switches the site to post-moderation and back, and the widget’s configuration follows', async () => {
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin);
    await openAdmin(page, '站点设置');
    const site = page.locator('liuyan-console-admin-site');
    await site.getByLabel(/^先发后审/).check();
    await site.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => confirmation(page, 'liuyan-console-admin-site').textContent()).toBe('已保存。公众看到的页面将在 1 分钟内更新。');
    expect((await publicConfig()).site.moderation).toBe('post');

    // A reload shows what the service holds.
    await page.reload();
    await expect.poll(() => site.getByLabel(/^先发后审/).isChecked()).toBe(true);
    await site.getByLabel(/^先审后发/).check();
    // Saved from the keyboard, with the request held: the button keeps the focus while it is sent
    // (a disabled one would drop it to the page), and pressing it again sends nothing more.
    const gates: (() => void)[] = [];
    let patches = 0;
    await page.route('**/v1/admin/site', async (route) => {
      if (route.request().method() === 'PATCH') {
        patches += 1;
        await new Promise<void>((resolve) => gates.push(resolve));
      }
      return route.continue().catch(() => {});
    });
    await site.getByRole('button', { name: '保存' }).focus();
    await page.keyboard.press('Enter');
    const saving = site.getByRole('button', { name: '正在保存' });
    await expect.poll(() => saving.getAttribute('aria-disabled')).toBe('true');
    expect(await isFocused(saving)).toBe(true);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Space');
    await saving.click({ force: true });
    await expect.poll(() => gates.length).toBe(1);
    for (const open of gates.splice(0)) open();
    await expect.poll(() => confirmation(page, 'liuyan-console-admin-site').textContent()).toBe('已保存。公众看到的页面将在 1 分钟内更新。');
    expect(await isFocused(site.getByRole('button', { name: '保存' }))).toBe(true);
    expect(patches).toBe(1);
    expect((await publicConfig()).site.moderation).toBe('pre');
    // Said at the page's top (read out) and beside 保存, where the admin pressed it; both go once the
    // form is changed again.
    expect(await site.locator('form p.notice[aria-hidden="true"]').textContent()).toBe('已保存。公众看到的页面将在 1 分钟内更新。');
    expect(await site.locator('p.notice[role="status"]').evaluate((notice) => notice.closest('form') === null)).toBe(true);
    await site.getByLabel(/^先发后审/).check();
    await expect.poll(() => site.locator('p.notice:not([hidden])').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('an origin that is not one is refused, with the translated error beside that origin, and nothing is saved', async () => {
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin);
    await openAdmin(page, '站点设置');
    const site = page.locator('liuyan-console-admin-site');
    const rows = site.locator('ul.rows > li');
    await rows.first().waitFor();
    // Beside the list, the lines to paste into those websites' pages, with this service's address and the site's id.
    expect(await site.locator('#embed-code').textContent()).toBe([
      `<script type="module" src="${WORKER}/widget/liuyan.js"></script>`, '<liuyan-form site="demo"></liuyan-form>',
      '<liuyan-track site="demo"></liuyan-track>', '<liuyan-list site="demo"></liuyan-list>',
    ].join('\n'));
    await site.getByRole('button', { name: '复制代码' }).click();
    await expect.poll(() => site.locator('[part="embed-code"]').getByRole('status').textContent()).toBe('已复制');
    const count = await rows.count();
    await site.getByRole('button', { name: '添加网站' }).click();
    const added = site.getByLabel(`网站地址 ${count + 1}`, { exact: true });
    await expect.poll(() => added.evaluate((input) => input === (input.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await added.fill('https://www.example.gov.cn/path/');
    await site.getByRole('button', { name: '保存' }).click();
    const error = rows.nth(count).locator('p.error');
    await expect.poll(() => error.textContent()).toBe('允许嵌入的网站：只填网址的开头，如 https://www.county.gov.cn 或 https://news.example.cn:8443，不带其后的路径（/…）和 ? 或 # 后的内容，也不能用 * 代表多个网站');
    expect(await added.getAttribute('aria-invalid')).toBe('true');
    // Said once: the one error is its own line's alert, with no count beside the save button.
    expect(await site.getByRole('alert').count()).toBe(1);
    expect(await site.locator('[part="fix-fields"]').count()).toBe(0);
    // Only that row is marked, and the page says nothing was saved.
    expect(await site.locator('[aria-invalid="true"]').count()).toBe(1);
    expect(await confirmation(page, 'liuyan-console-admin-site').count()).toBe(0);

    const cookie = await adminCookie();
    const settings = await (await fetch(`${WORKER}/v1/admin/site`, { headers: { Cookie: cookie } })).json() as { allowedOrigins: string[] };
    expect(settings.allowedOrigins).not.toContain('https://www.example.gov.cn/path/');

    // Typed again, it is no longer the address refused: its error goes, and the field is no longer marked or described by it.
    await added.fill('https://www.example.gov.cn');
    await expect.poll(() => rows.nth(count).locator('p.error').count()).toBe(0);
    expect(await site.getByRole('alert').count()).toBe(0);
    expect(await added.getAttribute('aria-invalid')).toBe('false');
    expect(await added.getAttribute('aria-describedby')).toBe('origins-hint');

    // Four deadlines share one legend: each error names its message type, without the legend's （工作日）.
    const [suggestion, help] = [site.locator('#deadline-suggestion'), site.locator('#deadline-help')];
    const [suggestionDays, helpDays] = [await suggestion.inputValue(), await help.inputValue()];
    await suggestion.fill('');
    await help.fill('');
    await site.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => site.locator('#deadline-suggestion-error').textContent()).toBe('请填写建言的办理时限');
    expect(await site.locator('#deadline-help-error').textContent()).toBe('请填写求助的办理时限');
    await suggestion.fill(suggestionDays);
    await help.fill(helpDays);

    // A Chinese domain name is kept in its ASCII form, and shown again as it was written.
    await added.fill('https://例子.中国');
    await site.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => confirmation(page, 'liuyan-console-admin-site').textContent()).toBe('已保存。公众看到的页面将在 1 分钟内更新。');
    const stored = await (await fetch(`${WORKER}/v1/admin/site`, { headers: { Cookie: cookie } })).json() as { allowedOrigins: string[] };
    expect(stored.allowedOrigins).toContain('https://xn--fsqu00a.xn--fiqs8s');
    await page.reload();
    await rows.first().waitFor();
    await expect.poll(() => site.getByLabel(`网站地址 ${count + 1}`, { exact: true }).inputValue()).toBe('https://例子.中国');

    // Removing the row and saving again works.
    await site.getByRole('button', { name: `删除网站地址 ${count + 1}` }).click();
    await site.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => confirmation(page, 'liuyan-console-admin-site').textContent()).toBe('已保存。公众看到的页面将在 1 分钟内更新。');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('an admin changes the shortest title, a submission limit and the privacy notice page; an address that is no web page, or holds a password, is refused beside its field', async () => {
    const before = await siteSettings();
    seededRules = { titleMin: before.titleMin, privacyUrl: before.privacyUrl, submissionLimits: before.submissionLimits };
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin);
    await openAdmin(page, '站点设置');
    const site = page.locator('liuyan-console-admin-site');
    const privacyUrl = site.getByLabel('隐私声明网页地址（选填）');
    // Meanwhile another admin adds a website: saving this page must not undo it.
    const cookie = await adminCookie();
    const otherAdmins = 'https://www.other-admin.example.gov.cn';
    expect((await adminApi(cookie, 'PATCH', '/v1/admin/site', { allowedOrigins: [...before.allowedOrigins, otherAdmins] })).status).toBe(200);
    await site.getByLabel('标题最少字数').fill(String(before.titleMin + 1));
    await site.getByLabel('每个电话号码每天最多提交（条）').fill(String(before.submissionLimits.perPhoneDay + 1));
    await privacyUrl.fill('https://www.example.gov.cn/privacy.html');
    await site.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => confirmation(page, 'liuyan-console-admin-site').textContent()).toBe('已保存。公众看到的页面将在 1 分钟内更新。');
    expect((await siteSettings()).allowedOrigins).toEqual([...before.allowedOrigins, otherAdmins]);
    expect((await adminApi(cookie, 'PATCH', '/v1/admin/site', { allowedOrigins: before.allowedOrigins })).status).toBe(200);
    const config = await publicConfig();
    expect(config.limits.titleMin).toBe(before.titleMin + 1);
    expect(config.privacy.url).toBe('https://www.example.gov.cn/privacy.html');
    expect((await siteSettings()).submissionLimits).toEqual({ ...before.submissionLimits, perPhoneDay: before.submissionLimits.perPhoneDay + 1 });

    // An address without its scheme is no page a citizen can open: the service says so beside the field.
    await privacyUrl.fill('www.example.gov.cn/privacy.html');
    await site.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => site.locator('#privacyUrl-error').textContent()).toBe('隐私声明网址格式不正确');
    await expect.poll(() => isFocused(privacyUrl)).toBe(true);
    expect(await privacyUrl.getAttribute('aria-describedby')).toContain('privacyUrl-error');
    expect(await site.locator('[aria-invalid="true"]').count()).toBe(1);
    expect(await confirmation(page, 'liuyan-console-admin-site').count()).toBe(0);
    expect((await publicConfig()).privacy.url).toBe('https://www.example.gov.cn/privacy.html');

    // A share image address with a password in it would show it to every reader: refused beside its field.
    // The privacy address typed again first: its error goes at once.
    await privacyUrl.fill('https://www.example.gov.cn/privacy.html');
    expect(await site.locator('#privacyUrl-error').count()).toBe(0);
    expect(await privacyUrl.getAttribute('aria-invalid')).toBe('false');
    expect(await privacyUrl.getAttribute('aria-describedby')).toBe('privacyUrl-hint');
    const shareImage = site.getByLabel('分享图片地址（选填）');
    await shareImage.fill('https://editor:secret@www.example.gov.cn/share.png');
    await site.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => site.locator('#shareImageUrl-error').textContent())
      .toBe('分享图片地址不能含用户名或密码（如 https://用户:密码@…），请去掉后再保存');
    expect((await siteSettings()).shareImageUrl).toBeNull();

    // What is typed and not saved is not lost to one tap on another tab: the console asks first, and
    // stays on the page with the words as typed unless the admin chooses to leave.
    const nav = page.locator('liuyan-console-admin [part="admin-nav"]');
    const asked: string[] = [];
    page.once('dialog', (dialog) => { asked.push(dialog.message()); void dialog.dismiss(); });
    await nav.getByRole('link', { name: '单位', exact: true }).click();
    await expect.poll(() => asked).toEqual(['这一页有尚未保存的修改，离开后这些修改将会丢失。确定离开吗？']);
    expect(await nav.getByRole('link', { name: '站点设置', exact: true }).getAttribute('aria-current')).toBe('page');
    expect(page.url()).toMatch(/#\/admin\/site$/);
    expect(await shareImage.inputValue()).toBe('https://editor:secret@www.example.gov.cn/share.png');
    page.once('dialog', (dialog) => { asked.push(dialog.message()); void dialog.accept(); });
    await nav.getByRole('link', { name: '单位', exact: true }).click();
    await expect.poll(() => nav.getByRole('link', { name: '单位', exact: true }).getAttribute('aria-current')).toBe('page');
    expect(asked).toHaveLength(2);
    // Once left, nothing more is asked.
    await nav.getByRole('link', { name: '站点设置', exact: true }).click();
    await expect.poll(() => nav.getByRole('link', { name: '站点设置', exact: true }).getAttribute('aria-current')).toBe('page');
    expect(asked).toHaveLength(2);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('an admin imports a year’s national holidays, adds a holiday of another year and sees the days marked, also after a reload, then deletes one after a question, keeping a holiday another admin added meanwhile', async () => {
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin);
    await openAdmin(page, '工作日历');
    const calendar = page.locator('liuyan-console-admin-calendar');
    // From the page's plain address (this year shown), a holiday of another year: the page goes to that
    // year and says so (the page is not replaced on the way, its confirmation with it).
    expect(await page.evaluate(() => location.hash)).toBe('#/admin/calendar');
    const early = `县庆前${run}`;
    await calendar.getByLabel('名称').fill(early);
    await calendar.getByLabel('放假开始日期').fill('2034-03-20');
    await calendar.getByRole('button', { name: '添加', exact: true }).click();
    await expect.poll(() => confirmation(page, 'liuyan-console-admin-calendar').textContent()).toBe(`已添加“${early}”，它在2034年：现显示2034年`);
    expect(await page.evaluate(() => location.hash)).toBe('#/admin/calendar?year=2034');
    await calendar.getByLabel('年份').fill('2025');
    await calendar.getByRole('button', { name: '查看' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/admin/calendar?year=2025');
    await calendar.getByText('2025年尚未登记节假日或调休。').waitFor();

    await calendar.getByRole('button', { name: '导入2025年国家安排' }).click();
    await expect.poll(() => confirmation(page, 'liuyan-console-admin-calendar').textContent()).toBe('已导入2025年国家法定节假日和调休上班日');
    const periods = calendar.locator('[part="calendar-period"]');
    const periodText = async (name: string) => (await periods.filter({ has: page.getByText(name, { exact: true }) }).textContent())!.replace(/\s+/g, ' ').trim();
    expect(await periods.count()).toBe(6);
    expect(await periodText('春节')).toContain('放假 2025/01/28 至 2025/02/04（8天） 调休上班 2025/01/26、2025/02/08');
    expect(await periodText('元旦')).toContain('放假 2025/01/01');

    // A holiday of another year than the one shown: added there, and the page goes to it.
    const name = `县庆${run}`;
    await calendar.getByLabel('名称').fill(name);
    await calendar.getByLabel('放假开始日期').fill('2035-03-20');
    await calendar.getByLabel('放假结束日期').fill('2035-03-21');
    await calendar.getByRole('button', { name: '添加', exact: true }).click();
    await expect.poll(() => confirmation(page, 'liuyan-console-admin-calendar').textContent()).toBe(`已添加“${name}”，它在2035年：现显示2035年`);
    expect(await page.evaluate(() => location.hash)).toBe('#/admin/calendar?year=2035');
    expect(await periodText(name)).toContain('放假 2035/03/20 至 2035/03/21（2天）');

    await page.reload();
    await periods.first().waitFor();
    expect(await periodText(name)).toContain('2035/03/20 至 2035/03/21');

    // Deleting asks first, and takes out that holiday's days only: one another admin added since the
    // page was opened stays.
    const other = `县庆后${run}`;
    const added = await officialApi(await sessionCookie(DEMO_ACCOUNTS.admin), 'POST', '/v1/admin/calendar/periods', { name: other, from: '2035-05-02' });
    expect(added.status).toBe(200);
    const remove = calendar.getByRole('button', { name: `删除“${name}”` });
    // Escape answers 取消: the question goes, nothing is removed, the focus is back on 删除.
    await remove.click();
    // The question takes the focus, on its confirming button.
    const confirming = calendar.getByRole('group', { name: `删除“${name}”` }).getByRole('button', { name: '确定删除' });
    await expect.poll(() => confirming.evaluate((e) => e === (e.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => calendar.locator('#confirm-question').count()).toBe(0);
    await expect.poll(() => remove.evaluate((e) => e === (e.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    expect(await periodText(name)).toContain('2035/03/20');
    await remove.click();
    expect(await remove.getAttribute('aria-expanded')).toBe('true');
    const confirm = calendar.getByRole('button', { name: '确定删除' });
    expect(await confirm.getAttribute('aria-describedby')).toBe('confirm-question');
    expect(await calendar.locator('#confirm-question').textContent()).toBe(`删除“${name}”的2天？此后新留言的办理期限不再把这些日子算作假期或调休上班日；已定的期限不变。`);
    expect(await periodText(name)).toContain('2035/03/20');
    await confirm.click();
    await expect.poll(() => confirmation(page, 'liuyan-console-admin-calendar').textContent()).toBe(`已删除“${name}”`);
    expect(await periods.filter({ hasText: other }).count()).toBe(1);
    expect(await periods.filter({ hasText: name }).count()).toBe(0);
    const stored = await (await officialApi(await sessionCookie(DEMO_ACCOUNTS.admin), 'GET', '/v1/admin/calendar?year=2035')).json() as { name: string }[];
    expect(stored.filter((d) => d.name === name || d.name === other)).toEqual([{ day: '2035-05-02', kind: 'holiday', name: other }]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('an admin adds a unit under 县长, then a responder for it, who signs in to an empty queue of that unit', async () => {
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin);
    await openAdmin(page, '单位');
    const units = page.locator('liuyan-console-admin-units');
    const name = `示范县数据管理局${run}`;
    await units.getByRole('button', { name: '在“示范县县长”下添加单位' }).click();
    await expect.poll(() => units.locator('#parentId [part="chosen"]').textContent()).toBe('已选择：示范县县长');
    // The kind offered follows the parent picked: a department below a unit, a leader at the top.
    expect(await units.getByLabel('类别').inputValue()).toBe('department');
    await units.locator('#parentId').getByRole('button', { name: '（无，顶级单位）' }).click();
    await expect.poll(() => units.getByLabel('类别').inputValue()).toBe('leader');
    await units.locator('#parentId').getByRole('button', { name: '示范县县长', exact: true }).click();
    await expect.poll(() => units.getByLabel('类别').inputValue()).toBe('department');
    // A kind the admin picks stays theirs, whatever parent is picked after.
    await units.getByLabel('类别').selectOption({ label: '地区' });
    await units.locator('#parentId').getByRole('button', { name: '（无，顶级单位）' }).click();
    await units.locator('#parentId').getByRole('button', { name: '示范县县长', exact: true }).click();
    await expect.poll(() => units.locator('#parentId [part="chosen"]').textContent()).toBe('已选择：示范县县长');
    expect(await units.getByLabel('类别').inputValue()).toBe('region');
    // Sent without a name, refused beside it; the error goes as the name is typed.
    await units.getByRole('button', { name: '添加', exact: true }).click();
    await expect.poll(() => units.locator('#name-error').count()).toBe(1);
    expect(await units.getByLabel('单位名称').getAttribute('aria-invalid')).toBe('true');
    await units.getByLabel('单位名称').fill(name);
    expect(await units.locator('#name-error').count()).toBe(0);
    expect(await units.getByLabel('单位名称').getAttribute('aria-invalid')).toBe('false');
    await units.getByLabel('类别').selectOption({ label: '部门' });
    await units.getByRole('button', { name: '添加', exact: true }).click();
    await expect.poll(() => confirmation(page, 'liuyan-console-admin-units').textContent()).toBe('已添加单位。公众看到的页面将在 5 分钟内更新。');
    // The form is ready for the next department under the same unit: the name emptied, the parent and kind kept.
    expect(await units.getByLabel('单位名称').inputValue()).toBe('');
    expect(await units.locator('#parentId [part="chosen"]').textContent()).toBe('已选择：示范县县长');
    expect(await units.getByLabel('类别').inputValue()).toBe('department');

    // In the tree, a level below the county head.
    await units.locator('[part="unit-tree"]').getByRole('button', { name: '打开“示范县县长”的下级单位' }).click();
    await units.locator('[part="unit-tree"] strong', { hasText: name }).waitFor();
    // And in the widget's configuration, as a department below the county head.
    const unit = findUnit((await publicConfig()).units, 'u_county_head')!.children.find((u) => u.name === name);
    expect(unit).toMatchObject({ name, kind: 'department', children: [] });

    // A responder for it.
    await openAdmin(page, '账号');
    const accounts = page.locator('liuyan-console-admin-accounts');
    const official = { email: `data-${run}@demo.liuyan.local`, password: 'a-long-first-password-42' };
    // Sent empty, every field says what it lacks; each error goes once its field is filled in or chosen.
    await accounts.getByRole('button', { name: '新建账号' }).click();
    await expect.poll(() => accounts.locator('#new-email-error').count()).toBe(1);
    // A malformed address and a short password are said together, before anything is sent.
    await accounts.getByLabel('电子邮箱').fill('not-an-email');
    await accounts.getByLabel('初始密码').fill('short');
    await accounts.getByRole('button', { name: '新建账号' }).click();
    await expect.poll(() => accounts.locator('#new-email-error').textContent()).toBe('请填写有效的电子邮箱地址');
    expect(await accounts.locator('#new-password-error').textContent()).toMatch(/密码至少12位/);
    await accounts.getByLabel('电子邮箱').fill(official.email);
    expect(await accounts.locator('#new-email-error').count()).toBe(0);
    expect(await accounts.getByLabel('电子邮箱').getAttribute('aria-invalid')).toBe('false');
    expect(await accounts.locator('#role-add').inputValue()).toBe('responder');
    // The unit chosen first stays chosen through all that redraws the form: a name typed, the role
    // changed and changed back, a short password refused.
    const chosen = accounts.locator('#units-add [part="chosen"]');
    expect(await accounts.locator('#units-add').getAttribute('aria-invalid')).toBe('true');
    await pickUnit(accounts.locator('#units-add'), name);
    expect(await accounts.locator('#units-add').getAttribute('aria-invalid')).toBe('false');
    expect(await accounts.locator('#units-add').getByRole('alert').count()).toBe(0);
    await accounts.getByLabel('姓名').fill('县数据管理局办理员');
    await accounts.locator('#role-add').selectOption('moderator');
    expect(await accounts.locator('#units-add').isVisible()).toBe(false);
    await accounts.locator('#role-add').selectOption('responder');
    await accounts.getByLabel('初始密码').fill('short-1');
    await accounts.getByRole('button', { name: '新建账号' }).click();
    await accounts.locator('#new-password-error').getByText(/密码至少12位/).waitFor();
    expect((await chosen.textContent())!.replace(/\s+/g, ' ')).toMatch(new RegExp(`已选择 ?1 ?个.*${name}`));
    await accounts.getByLabel('初始密码').fill(official.password);
    expect(await accounts.locator('#new-password-error').count()).toBe(0);
    expect(await accounts.getByLabel('初始密码').getAttribute('aria-invalid')).toBe('false');
    await accounts.getByRole('button', { name: '新建账号' }).click();
    await expect.poll(() => confirmation(page, 'liuyan-console-admin-accounts').textContent()).toBe('账号已创建');
    // The form is empty for the next account: the unit search typed is gone with the rest.
    expect(await accounts.locator('#units-add').getByRole('searchbox').inputValue()).toBe('');
    const row = accounts.locator(`[data-email="${official.email}"]`);
    expect((await row.textContent())!.replace(/\s+/g, ' ')).toMatch(new RegExp(`县数据管理局办理员.*办理人员.*未启用动态验证码.*${name}`));

    // The new official, in a browser of their own, first replaces the password the admin typed (the
    // admin knows it), then sees their unit's queue: nothing new yet.
    const context = await browser.page.context().browser()!.newContext({ locale: 'zh-CN' });
    const responder = { page: await context.newPage(), problems: [] as string[] };
    responder.problems = watchForProblems(responder.page);
    await responder.page.goto(CONSOLE);
    await signInWith(responder.page, official);
    const account = responder.page.locator('liuyan-console-account');
    await account.getByRole('heading', { name: '修改密码' }).waitFor();
    // Sent empty, each field says so; a field's error goes as it is typed in, the others' stay.
    await account.getByRole('button', { name: '修改密码' }).click();
    await expect.poll(() => account.getByLabel(/^当前密码/).getAttribute('aria-invalid')).toBe('true');
    expect(await account.getByLabel(/^新密码/).getAttribute('aria-invalid')).toBe('true');
    await account.getByLabel(/^当前密码/).fill(official.password);
    await expect.poll(() => account.getByLabel(/^当前密码/).getAttribute('aria-invalid')).toBe('false');
    expect(await account.locator('#currentPassword-error').count()).toBe(0);
    expect(await account.getByLabel(/^新密码/).getAttribute('aria-invalid')).toBe('true');
    await account.getByLabel(/^新密码/).fill('data-own-password-2026');
    await account.getByLabel(/^再次输入新密码/).fill('data-own-password-2026');
    await account.getByRole('button', { name: '修改密码' }).click();
    const queue = responder.page.locator('liuyan-console-queue');
    await queue.locator('[part="queue"][aria-busy="false"]').waitFor({ state: 'attached' });
    await expect.poll(() => queue.locator('nav.tabs [aria-current="page"]').textContent()).toMatch(/^\s*待受理/);
    await queue.getByText('没有符合条件的留言。').waitFor();
    expect(await queue.locator('[part="queue"] li').count()).toBe(0);
    expect(await queue.getByRole('link', { name: /^全部/ }).locator('.count').textContent()).toBe('0');
    // A responder cannot moderate: no 待审核 tab, and an address asking for it opens 待受理.
    expect(await queue.locator('nav.tabs a').allTextContents()).not.toContainEqual(expect.stringMatching(/待审核/));
    expect(await queue.locator('nav.tabs a').count()).toBe(7);
    await responder.page.evaluate(() => { location.hash = '#/queue?tab=moderation'; });
    await expect.poll(() => responder.page.evaluate(() => location.hash)).toMatch(/tab=new/);
    await expect.poll(() => queue.locator('nav.tabs [aria-current="page"]').textContent()).toMatch(/^\s*待受理/);
    expect(await queue.locator('nav.tabs a').count()).toBe(7);
    expect(await responder.page.locator('liuyan-console header').getByRole('link', { name: '站点管理' }).count()).toBe(0);
    await responder.page.locator('liuyan-console').getByRole('link', { name: '我的账号' }).click();
    expect(await responder.page.locator('liuyan-console-account dl').textContent()).toContain(name);

    expect(problems).toEqual([]);
    expect(responder.problems).toEqual([]);
    await Promise.all([page.context().close(), responder.page.context().close()]);
  }, 120_000);

  it('a word list with a word too long is refused on that word’s line, an emptied number asked for, before anything is sent', async () => {
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin);
    await openAdmin(page, '防滥用与保存期限');
    const protection = page.locator('liuyan-console-admin-protection');
    const banned = protection.locator('#bannedWords');
    let sent = 0;
    page.on('request', (r) => r.method() === 'PUT' && r.url().includes('/v1/admin/protection') && sent++);
    await banned.fill(`法轮功\n\n${'长'.repeat(31)}\n法轮功`);
    await protection.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => protection.locator('#bannedWords-error').textContent()).toBe('第3行：禁用词不能超过30个字');
    expect(await protection.getByRole('alert').allTextContents()).toEqual(['第3行：禁用词不能超过30个字']);
    expect(await banned.getAttribute('aria-invalid')).toBe('true');
    expect(sent).toBe(0);

    // A number emptied is asked for, not saved as 0 (for the retention, 0 keeps contact details for ever).
    await banned.fill('法轮功');
    await protection.getByLabel('留言办结后保存联系方式的天数').fill('');
    await protection.getByLabel('最短填写时间（秒）').fill('');
    await protection.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => protection.locator('#retentionDays-error').textContent()).toBe('请填写留言办结后保存联系方式的天数');
    expect(await protection.locator('#minFillSeconds-error').textContent()).toBe('请填写最短填写时间');
    expect(await protection.locator('#bannedWords-error').count()).toBe(0);
    expect(sent).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a reply template added by an admin is offered in a responder’s reply form', async () => {
    const admin = await signedIn(browser, DEMO_ACCOUNTS.admin);
    await openAdmin(admin.page, '回复模板');
    const templates = admin.page.locator('liuyan-console-admin-templates');
    const title = `道路维修答复 ${run}`;
    const body = '您反映的道路问题已转交养护部门，将在五个工作日内完成维修。感谢您的监督。';
    await templates.getByLabel('模板名称').fill(title);
    await templates.getByLabel('模板内容').fill(body);
    await templates.getByRole('button', { name: '添加', exact: true }).click();
    await expect.poll(() => confirmation(admin.page, 'liuyan-console-admin-templates').textContent()).toBe('已添加模板');
    expect(await templates.locator('[part="templates"]').textContent()).toContain(title);
    // A second of the same title would be two alike entries in the reply form: refused beside its field.
    await templates.getByLabel('模板名称').fill(title);
    await templates.getByLabel('模板内容').fill('另一段答复文字，标题相同。');
    await templates.getByRole('button', { name: '添加', exact: true }).click();
    await expect.poll(() => templates.getByText('已有同名的回复模板：答复时无法分辨两者，请换一个标题').count()).toBe(1);
    expect(await templates.getByLabel('模板名称').getAttribute('aria-invalid')).toBe('true');
    expect(await templates.locator('[part="templates"]').getByText(title).count()).toBe(1);

    // A citizen's message to the county head, which its responder accepts and answers from the template.
    const created = await createClient({ baseUrl: WORKER, site: 'demo' }).submitMessage({
      unitId: 'u_county_head', type: 'complaint', domain: 'transport', campaign: null,
      title: `城关镇人民路路面破损 ${run}`, body: '城关镇人民路中段路面破损严重，车辆经过颠簸，请尽快维修。', region: '示范县城关镇',
      author: { name: '陈明', phone: citizenPhone(), email: null, displayAs: 'masked' }, isPublic: true, consent: true,
    });
    const responder = await signedIn(browser, DEMO_ACCOUNTS.countyHead);
    await responder.page.goto(`${CONSOLE}#/messages/${created.id}`);
    const message = responder.page.locator('liuyan-console-message');
    await message.locator('[part="actions"]').getByRole('button', { name: '受理', exact: true }).click();
    await message.getByRole('status').getByText('已受理', { exact: true }).waitFor();
    await message.locator('[part="actions"]').getByRole('button', { name: '回复', exact: true }).click();
    const form = message.locator('[part="action-form"]');
    // Refused as empty, then filled from a template: the words are no longer the ones refused, nor is the field marked so.
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => form.locator('#body-error').textContent()).toBe('请填写回复内容');
    await form.getByLabel('回复模板（选填）').selectOption({ label: title });
    expect(await form.getByLabel('回复内容').inputValue()).toBe(body);
    await expect.poll(() => form.locator('#body-error').count()).toBe(0);
    expect(await form.getByLabel('回复内容').getAttribute('aria-invalid')).toBe('false');
    // Chosen after the official's own words, it comes below them: nothing typed is lost.
    await form.getByLabel('回复模板（选填）').selectOption({ index: 0 });
    await form.getByLabel('回复内容').fill('您好，来信收悉。');
    await form.getByLabel('回复模板（选填）').selectOption({ label: title });
    expect(await form.getByLabel('回复内容').inputValue()).toBe(`您好，来信收悉。\n\n${body}`);

    expect(admin.problems).toEqual([]);
    expect(responder.problems).toEqual([]);
    await Promise.all([admin.page.context().close(), responder.page.context().close()]);
  });

  it('the CSV export downloads a file that starts with the header; contact details come with a warning', async () => {
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin);
    await openAdmin(page, '导出');
    const exporter = page.locator('liuyan-console-admin-export');
    const [download] = await Promise.all([page.waitForEvent('download'), exporter.getByRole('link', { name: '下载 CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^liuyan-demo-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')[0]).toBe('编号,提交时间,留言对象,类型,领域,标题,内容,所在地区,署名,公开,审核状态,办理状态,办理期限,回复数,最新回复类型,答复单位,最新回复时间,最新回复内容,转办路径,建言专栏,来源媒体,采纳时间,采纳说明');
    // Labels, not codes, in the reader's language.
    expect(text).toMatch(/,(建言|投诉|求助|咨询),/);
    expect(text).not.toMatch(/,(submitted|in_progress|published),/);
    expect(text.split('\r\n').length).toBeGreaterThan(3);

    // A range that ends before it starts is named beside the end, and there is nothing to download.
    await exporter.getByLabel('开始日期（选填）').fill('2026-03-01');
    await exporter.getByLabel('结束日期（选填）').fill('2026-02-01');
    await expect.poll(() => exporter.locator('#to-error').textContent()).toBe('结束日期不能早于开始日期');
    expect(await exporter.getByRole('link', { name: /下载/ }).count()).toBe(0);
    await exporter.getByLabel('结束日期（选填）').fill('2026-03-31');

    await exporter.getByLabel('含联系方式（姓名、电话、邮箱）').check();
    expect(await exporter.getByRole('alert').textContent()).toContain('导出联系方式会被记录在审计日志中');
    const link = exporter.getByRole('link', { name: '下载 CSV（含联系方式）' });
    expect(await link.getAttribute('href')).toBe('/v1/console/export.csv?from=2026-03-01&to=2026-03-31&contact=1&lang=zh-CN');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('an admin renames, reorders and retires units; retired units leave the widget', async () => {
    const cookie = await adminCookie();
    const [first, second] = await Promise.all(['甲', '乙'].map(async (mark, i) => {
      const response = await adminApi(cookie, 'POST', '/v1/admin/units', { name: `示范县测试${mark}局${run}`, kind: 'department', parentId: 'u_party_secretary', sortOrder: 900 + i });
      expect(response.status).toBe(201);
      return (await response.json()) as { id: string; name: string };
    }));
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin);
    await openAdmin(page, '单位');
    const units = page.locator('liuyan-console-admin-units');
    await units.locator('[part="unit-tree"]').getByRole('button', { name: '打开“示范县委书记”的下级单位' }).click();
    await units.locator('[part="breadcrumb"]').getByText('示范县委书记').waitFor();
    const below = () => units.locator('[part="unit-tree"] strong').allTextContents();
    await expect.poll(async () => (await below()).slice(-2)).toEqual([first!.name, second!.name]);

    // The add form's parent picker shows the same level.
    const addPicker = units.getByRole('form', { name: '添加单位' }).locator('liuyan-console-unit-picker');
    const addChoices = async () => (await addPicker.locator('ul.options button.pick').allTextContents()).map((text) => text.trim());
    await addPicker.getByRole('button', { name: /示范县委书记.*下级/ }).click();
    await expect.poll(addChoices).toContain(second!.name);

    // Rename the second, then move it before the first.
    const renamed = `示范县测试丙局${run}`;
    await units.locator('.list-item').filter({ has: page.locator(`strong:text-is("${second!.name}")`) }).getByRole('button', { name: '编辑' }).click();
    const form = units.getByRole('form', { name: `编辑“${second!.name}”` });
    await form.getByLabel('单位名称').fill(renamed);
    await form.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => confirmation(page, 'liuyan-console-admin-units').textContent()).toBe('已保存。公众看到的页面将在 5 分钟内更新。');
    // The add form's parent picker, on the same level, names it as renamed.
    await expect.poll(addChoices).toContain(renamed);
    expect(await addChoices()).not.toContain(second!.name);
    await units.getByRole('button', { name: `上移 ${renamed}` }).click();
    await expect.poll(() => confirmation(page, 'liuyan-console-admin-units').textContent()).toBe('顺序已调整。公众看到的页面将在 5 分钟内更新。');
    expect((await below()).slice(-2)).toEqual([renamed, first!.name]);
    const tree = () => publicConfig().then((c) => findUnit(c.units, 'u_party_secretary')!.children.map((u) => u.name));
    expect((await tree()).slice(-2)).toEqual([renamed, first!.name]);

    // A unit with an active one under it is not retired (citizens could still write to that one,
    // beneath a unit the site closed): the console says why, beside it.
    const child = await adminApi(cookie, 'POST', '/v1/admin/units', { name: `示范县测试甲局${run}办公室`, kind: 'department', parentId: first!.id });
    expect(child.status).toBe(201);
    const firstRow = units.locator('.list-item').filter({ has: page.locator(`strong:text-is("${first!.name}")`) });
    // Asked first, naming the unit; declined, nothing is sent.
    const asked: string[] = [];
    page.once('dialog', (dialog) => { asked.push(dialog.message()); void dialog.dismiss(); });
    await firstRow.getByRole('button', { name: '停用' }).click();
    await expect.poll(() => asked).toEqual([expect.stringMatching(new RegExp(`^确定停用“${first!.name}”吗？停用后群众留言时不能再选择它`))]);
    expect(await firstRow.locator('.error').count()).toBe(0);
    page.once('dialog', (dialog) => void dialog.accept());
    await firstRow.getByRole('button', { name: '停用' }).click();
    await expect.poll(() => firstRow.locator('.error').textContent()).toBe('它下面还有在用的单位：请先停用或移走这些下级单位，再停用它');
    // Given a new parent, a unit cannot go under itself nor under one of its own: its row and those
    // below it are there but not choosable, and its 下级 does not open.
    await firstRow.getByRole('button', { name: '编辑' }).click();
    const moving = units.getByRole('form', { name: `编辑“${first!.name}”` }).locator('liuyan-console-unit-picker');
    await moving.locator('input[type="search"]').fill(`示范县测试甲局${run}`);
    await moving.locator('input[type="search"]').press('Enter');
    const answer = (name: string) => moving.locator('ul.options li').filter({ has: page.locator(`button.pick > span:text-is("${name}")`) });
    await answer(`示范县测试甲局${run}办公室`).waitFor();
    expect(await answer(`示范县测试甲局${run}办公室`).locator('button.pick').isDisabled()).toBe(true);
    expect(await answer(first!.name).locator('button.pick').isDisabled()).toBe(true);
    expect(await answer(first!.name).locator('button.open').count()).toBe(0);
    await firstRow.getByRole('button', { name: '编辑' }).click();
    expect((await adminApi(cookie, 'PATCH', `/v1/admin/units/${((await child.json()) as { id: string }).id}`, { active: false })).status).toBe(200);

    // Retired, they stay in the admin's tree, marked, and leave the widget's configuration.
    for (const name of [renamed, first!.name]) {
      page.once('dialog', (dialog) => void dialog.accept());
      await units.locator('.list-item').filter({ has: page.locator(`strong:text-is("${name}")`) }).getByRole('button', { name: '停用' }).click();
      await expect.poll(() => confirmation(page, 'liuyan-console-admin-units').textContent()).toBe('已停用。公众看到的页面将在 5 分钟内更新。');
    }
    expect(await units.locator('li.inactive').filter({ hasText: renamed }).getByText('已停用').count()).toBe(1);
    // So does the add form's parent picker, which still offers it (an admin may add below a retired unit).
    await expect.poll(() => addPicker.locator('ul.options button.pick').filter({ hasText: renamed }).textContent()).toContain('已停用');
    expect(await tree()).not.toContain(renamed);
    expect(await tree()).not.toContain(first!.name);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('an admin disables an account, enables it, and resets its password to a temporary one shown once', async () => {
    const cookie = await adminCookie();
    const official = { email: `edu-${run}@demo.liuyan.local`, password: 'a-long-first-password-42' };
    const created = await adminApi(cookie, 'POST', '/v1/admin/accounts', { ...official, displayName: '县教育局办理员', role: 'responder', unitIds: ['u_edu'] });
    expect(created.status).toBe(201);
    const signIn = (password: string) => fetch(`${WORKER}/v1/auth/sign-in`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: WORKER },
      body: JSON.stringify({ site: 'demo', email: official.email, password }),
    }).then((r) => r.status);

    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin);
    await openAdmin(page, '账号');
    const accounts = page.locator('liuyan-console-admin-accounts');
    const row = accounts.locator(`[data-email="${official.email}"]`);
    await row.getByRole('button', { name: '停用' }).click();
    await expect.poll(() => confirmation(page, 'liuyan-console-admin-accounts').textContent()).toBe('账号已停用');
    expect(await row.locator('.badge', { hasText: '已停用' }).count()).toBe(1);
    expect(await signIn(official.password)).toBe(401);
    await row.getByRole('button', { name: '启用' }).click();
    await expect.poll(() => confirmation(page, 'liuyan-console-admin-accounts').textContent()).toBe('账号已启用');

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: '重置密码' }).click();
    // Hashing a password takes the service a while (PBKDF2).
    await expect.poll(() => confirmation(page, 'liuyan-console-admin-accounts').textContent()).toBe('密码已重置');
    const temporary = (await row.locator('[part="temporary-password"]').textContent())!;
    expect(temporary).toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){3}$/);
    expect(await row.locator('.badge', { hasText: '待修改密码' }).count()).toBe(1);
    const statuses = [await signIn(official.password), await signIn(temporary)];
    expect(statuses).toEqual([401, 200]);
    await row.getByRole('button', { name: '我已记下，关闭' }).click();
    expect(await row.locator('[part="temporary-password"]').count()).toBe(0);

    // The admin's own row can be edited but not disabled.
    const own = accounts.locator(`[data-email="${DEMO_ACCOUNTS.admin.email}"]`);
    expect(await own.getByRole('button', { name: '停用' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('an official given a temporary password chooses their own first, and the admin finds it in the audit log', async () => {
    const cookie = await adminCookie();
    const email = `reset-${run}@demo.liuyan.local`;
    const created = await adminApi(cookie, 'POST', '/v1/admin/accounts', { email, displayName: `改密测试${run}`, role: 'moderator', password: 'a-long-first-password-42' });
    const { id } = await created.json() as { id: string };
    const reset = await adminApi(cookie, 'POST', `/v1/admin/accounts/${id}/password-reset`, {});
    const { temporaryPassword } = await reset.json() as { temporaryPassword: string };

    const context = await browser.page.context().browser()!.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(CONSOLE);
    await signInWith(page, { email, password: temporaryPassword });
    const account = page.locator('liuyan-console-account');
    await account.getByRole('heading', { name: '修改密码' }).waitFor();
    expect(await account.getByRole('status').textContent()).toContain('临时密码');
    expect(await page.locator('liuyan-console header').getByRole('link').count()).toBe(0);
    await account.getByLabel(/^当前密码/).fill(temporaryPassword);
    await account.getByLabel(/^新密码/).fill('my-own-password-2026');
    await account.getByLabel(/^再次输入新密码/).fill('my-own-password-2027');
    await account.getByRole('button', { name: '修改密码' }).click();
    await expect.poll(() => account.locator('#repeatPassword-error').textContent()).toBe('两次输入的新密码不一致');
    expect(await account.getByRole('alert').textContent()).toBe('两次输入的新密码不一致');
    await account.getByLabel(/^再次输入新密码/).fill('my-own-password-2026');
    await account.getByRole('button', { name: '修改密码' }).click();
    await page.locator('liuyan-console-queue [part="queue"][aria-busy="false"]').waitFor({ state: 'attached', timeout: 10_000 });
    // The form that asked for it is gone: the console says the password was changed.
    expect(await page.locator('liuyan-console main > p[role="status"]').textContent()).toContain('密码已修改');
    expect(problems).toEqual([]);
    await context.close();

    const admin = await signedIn(browser, DEMO_ACCOUNTS.admin, { width: 390, height: 844 });
    // Pages of two entries (the service's default is 50), so that 加载更多 shows on a short log.
    const auditList = (url: URL) => url.pathname === '/v1/admin/audit-log';
    await admin.page.route(auditList, (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('limit', '2');
      return route.continue({ url: url.href });
    });
    await openAdmin(admin.page, '审计日志');
    const audit = admin.page.locator('liuyan-console-admin-audit');
    await expect.poll(() => audit.locator('[part="audit"] > li').count()).toBe(2);
    // 加载更多 takes the focus to the first entry added, where the log goes on.
    await audit.getByRole('button', { name: '加载更多' }).click();
    await expect.poll(() => audit.locator('[part="audit"] > li').count()).toBe(4);
    await expect.poll(() => isFocused(audit.locator('[part="audit"] > li').nth(2))).toBe(true);
    await admin.page.unroute(auditList);
    await audit.getByLabel('操作', { exact: true }).selectOption({ label: '修改本人密码' });
    await audit.getByRole('button', { name: '筛选', exact: true }).click();
    const entry = audit.locator('[part="audit"] li').filter({ hasText: `改密测试${run}` });
    await expect.poll(() => entry.count()).toBe(1);
    expect(await entry.textContent()).toContain('修改本人密码');
    // Its time written as every other page of the console writes one.
    expect(await entry.locator('time').textContent()).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
    expect(await audit.locator('[part="audit"] li[data-action="account.password_change"]').count()).toBe(await audit.locator('[part="audit"] li').count());
    const href = (await audit.locator('[part="audit-export"]').getAttribute('href'))!;
    expect(href).toBe('/v1/admin/audit-log.csv?action=account.password_change');
    const csv = await (await adminApi(cookie, 'GET', href)).text();
    expect(csv).toContain(`改密测试${run},${email},修改本人密码`);
    // Nothing wider than the phone's screen.
    expect(await admin.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(admin.problems).toEqual([]);
    await admin.page.context().close();
  });

  it('an admin edits and deletes a reply template', async () => {
    const cookie = await adminCookie();
    const created = await adminApi(cookie, 'POST', '/v1/admin/reply-templates', { title: `受理告知 ${run}`, body: '您的留言已受理。' });
    expect(created.status).toBe(201);
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin);
    await openAdmin(page, '回复模板');
    const templates = page.locator('liuyan-console-admin-templates');
    const item = () => templates.locator('[part="templates"] > li').filter({ hasText: `受理告知 ${run}` });
    await item().getByRole('button', { name: '编辑' }).click();
    await item().getByLabel('模板内容').fill('您的留言已受理，我们将在期限内答复。');
    await item().getByRole('button', { name: '保存' }).click();
    await expect.poll(() => confirmation(page, 'liuyan-console-admin-templates').textContent()).toBe('已保存');
    expect(await item().locator('.template-body').textContent()).toBe('您的留言已受理，我们将在期限内答复。');

    await item().getByRole('button', { name: '删除' }).click();
    expect(await item().getByText(`确定删除模板“受理告知 ${run}”吗？`).count()).toBe(1);
    await item().getByRole('button', { name: '确定删除' }).click();
    await expect.poll(() => confirmation(page, 'liuyan-console-admin-templates').textContent()).toBe('模板已删除');
    expect(await item().count()).toBe(0);
    const left = await (await adminApi(cookie, 'GET', '/v1/console/reply-templates')).json() as { title: string }[];
    expect(left.map((t) => t.title)).not.toContain(`受理告知 ${run}`);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('an admin issues an Open311 integration key, shown once; it posts a message until the admin revokes it', async () => {
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin);
    await openAdmin(page, '接口密钥');
    const tag = 'liuyan-console-admin-integrations';
    const element = page.locator(tag);
    const label = `12345热线 ${run}`;
    await element.getByLabel('密钥名称').fill(label);
    await element.getByRole('button', { name: '签发', exact: true }).click();
    const apiKey = (await element.locator('#issued-key').textContent())!.trim();
    expect(apiKey).toMatch(/^lyk_[a-z2-9]{32}$/);
    expect(await isFocused(element.locator('#issued-key'))).toBe(true);

    // The copy button puts the key on the clipboard; where a browser has no clipboard for pages,
    // it selects the key for the admin to copy, and says so.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await element.getByRole('button', { name: '复制密钥' }).click();
    // Said in a status region (read out), the button keeping its name.
    await expect.poll(() => element.getByRole('status').filter({ hasText: '已复制' }).count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(apiKey);
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true }));
    await element.getByRole('button', { name: '复制密钥' }).click();
    await expect.poll(() => element.getByRole('status').filter({ hasText: '密钥已选中' }).count()).toBe(1);
    expect(await page.evaluate(() => document.getSelection()?.toString().trim())).toBe(apiKey);

    const unitId = (await publicConfig()).units[0]!.id;
    const post = () => fetch(`${WORKER}/open311/v2/demo/requests.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: apiKey, service_code: 'complaint.transport', description: `城关镇公交站的站牌被撞坏了，请尽快修复 ${run}`,
        address_string: '示范县城关镇', first_name: '明', last_name: '陈', phone: citizenPhone(), 'attribute[unit]': unitId, 'attribute[consent]': 'true',
      }),
    });
    expect((await post()).status).toBe(201);
    // A second key labelled alike, listed above it (newest first): a question closed on the first goes back to its own row.
    await element.getByLabel('密钥名称').fill(label);
    await element.getByRole('button', { name: '签发', exact: true }).click();
    await element.locator('#issued-key').waitFor();

    // Once the page is left, the key is never shown again: only its first characters and its use.
    await page.reload();
    const item = element.getByRole('listitem').filter({ hasText: label }).filter({ hasText: '最近使用' });
    await expect.poll(() => item.textContent()).toContain('最近使用');
    expect(await element.locator('#issued-key').count()).toBe(0);
    expect(await element.textContent()).not.toContain(apiKey);

    // The question is named with the key; Escape closes it unanswered and gives the focus back to 吊销.
    await item.getByRole('button', { name: /^吊销 / }).click();
    const revoking = item.getByRole('group', { name: `吊销 ${label}` }).getByRole('button', { name: '确定吊销' });
    await expect.poll(() => revoking.evaluate((e) => e === (e.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => item.getByRole('button', { name: `吊销 ${label}`, exact: true }).evaluate((e) => e === (e.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    expect(await item.getByRole('button', { name: '确定吊销' }).count()).toBe(0);
    await item.getByRole('button', { name: /^吊销 / }).click();
    await item.getByRole('button', { name: '确定吊销' }).click();
    await expect.poll(() => confirmation(page, tag).textContent()).toBe('密钥已吊销');
    expect(await item.textContent()).toContain('已于');
    expect((await post()).status).toBe(403);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('an admin adds a webhook endpoint, its secret shown once; a delivery that cannot reach it shows its attempt and is sent again', async () => {
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin);
    await openAdmin(page, 'Webhooks');
    const tag = 'liuyan-console-admin-webhooks';
    const element = page.locator(tag);
    // Plain http is refused beside the field, before anything is sent.
    await element.getByLabel(/^接收地址/).fill('http://hooks.example.com/liuyan');
    await element.getByLabel('留言提交').check();
    await element.getByRole('button', { name: '新增', exact: true }).click();
    await expect.poll(() => element.locator('#webhook-url-error').textContent()).toContain('https://');
    expect(await isFocused(element.getByLabel(/^接收地址/))).toBe(true);

    // A name that never resolves: every delivery fails with 无法连接.
    const url = `https://hooks-${run}.invalid/liuyan`;
    await element.getByLabel(/^接收地址/).fill(url);
    await element.getByLabel('备注').fill(`12345热线 ${run}`);
    await element.getByRole('button', { name: '新增', exact: true }).click();
    await expect.poll(() => confirmation(page, tag).textContent()).toBe('已新增接收地址');
    const secret = (await element.locator('#webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    // 复制密钥 puts it on the clipboard.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: WORKER });
    await element.locator('[part="copy-webhook-secret"]').click();
    await expect.poll(() => element.getByRole('status').filter({ hasText: '已复制' }).count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

    await createClient({ baseUrl: WORKER, site: 'demo' }).submitMessage({
      unitId: 'u_transport', type: 'complaint', domain: 'transport', campaign: null, title: `城关镇公交站站牌损坏 ${run}`,
      body: '城关镇公交站的站牌被撞坏了，等车的人看不到线路，请尽快修复。', region: '示范县城关镇',
      author: { name: '陈明', phone: citizenPhone(), email: null, displayAs: 'masked' }, isPublic: true, consent: true,
    });
    const item = element.getByRole('listitem').filter({ hasText: url }).first();
    const deliveries = item.locator('[part="webhook-deliveries"]');
    // The deliveries are read when opened: open them until the first attempt is on the record.
    await expect.poll(async () => {
      const button = item.getByRole('button', { name: '发送记录' });
      if (await button.getAttribute('aria-expanded') === 'true') await button.click();
      await button.click();
      // Read them once they have come (not while 加载中).
      await item.locator('p[role="status"]').waitFor({ state: 'detached' });
      return (await deliveries.count()) > 0 ? deliveries.textContent() : '';
    }, { timeout: 30_000, interval: 1000 }).toContain('无法连接');
    expect(await deliveries.textContent()).toContain('等待重试');
    await deliveries.getByRole('button', { name: '重新发送' }).first().click();
    await expect.poll(() => confirmation(page, tag).textContent()).toBe('已重新发送');

    // Turned off once the resent delivery failed again and waits for its next try: it says it is given up
    // then, and nothing offers to send it.
    const reopened = async () => {
      const button = item.getByRole('button', { name: '发送记录' });
      if (await button.getAttribute('aria-expanded') === 'true') await button.click();
      await button.click();
      await item.locator('p[role="status"]').waitFor({ state: 'detached' });
      return (await deliveries.count()) > 0 ? (await deliveries.textContent())! : '';
    };
    await expect.poll(async () => ((await reopened()).includes('下次重试') ? deliveries.locator('tbody tr').count() : 0), { timeout: 30_000, interval: 1000 }).toBe(2);
    await item.getByRole('button', { name: /^停用 / }).click();
    await expect.poll(() => confirmation(page, tag).textContent()).toBe('已停用：不再发送事件');
    await expect.poll(reopened, { timeout: 30_000, interval: 1000 }).toMatch(/接收地址已停用：到 .+ 仍未启用，就不再发送/);
    expect(await deliveries.textContent()).not.toContain('下次重试');
    // Its badge no longer says it waits for a try.
    expect(await deliveries.locator('.badge').allTextContents()).toEqual(['已暂停']);
    expect(await deliveries.textContent()).toContain('启用后即可重新发送');
    expect(await deliveries.getByRole('button', { name: '重新发送' }).count()).toBe(0);
    // On a phone, in English (the longest words), the attempts fit their delivery: no sideways
    // scrolling, the table within its card.
    await page.setViewportSize({ width: 390, height: 844 });
    const header = page.locator('liuyan-console [part="header"]');
    await header.getByLabel('语言').selectOption('en');
    // The page comes again in English, its deliveries closed: open them.
    await expect.poll(async () => {
      const button = item.getByRole('button', { name: 'Deliveries' });
      if (await button.count() === 0) return 0;
      if (await button.getAttribute('aria-expanded') !== 'true') await button.click();
      return deliveries.getByRole('columnheader', { name: 'HTTP status', exact: true }).count();
    }, { timeout: 15_000, interval: 500 }).toBeGreaterThan(0);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    const inside = await deliveries.locator('li').first().evaluate((delivery) => {
      const right = (el: Element) => el.getBoundingClientRect().right;
      const table = delivery.querySelector('table')!;
      return { table: right(table) <= right(delivery) + 0.5, delivery: right(delivery) <= right(delivery.parentElement!.closest('li')!) + 0.5, widest: delivery.scrollWidth <= delivery.clientWidth };
    });
    expect(inside).toEqual({ table: true, delivery: true, widest: true });
    expect(await deliveries.getByRole('table').first().getByRole('cell').count()).toBeGreaterThanOrEqual(8);
    await header.getByLabel('Language').selectOption('zh-CN');
    await page.setViewportSize({ width: 1280, height: 720 });

    // Once the page is left, the secret is never shown again.
    await page.reload();
    await element.getByRole('listitem').filter({ hasText: url }).first().waitFor();
    expect(await element.locator('#webhook-secret').count()).toBe(0);
    expect(await element.textContent()).not.toContain(secret);
    const reloaded = element.getByRole('listitem').filter({ hasText: url }).first();
    await reloaded.getByRole('button', { name: /^删除 / }).click();
    await reloaded.getByRole('button', { name: '确定删除' }).click();
    await expect.poll(() => confirmation(page, tag).textContent()).toBe('已删除接收地址');
    expect(await element.getByRole('listitem').filter({ hasText: url }).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('a moderator has no admin navigation, and an admin address says there is no permission without loading the admin pages', async () => {
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.moderator);
    const header = page.locator('liuyan-console header');
    expect(await header.getByRole('link', { name: '留言队列' }).count()).toBe(1);
    expect(await header.getByRole('link', { name: '站点管理' }).count()).toBe(0);
    const scripts: string[] = [];
    page.on('request', (request) => scripts.push(new URL(request.url()).pathname));
    await page.evaluate(() => (location.hash = '#/admin/accounts'));
    await expect.poll(() => page.locator('liuyan-console main').getByRole('alert').textContent()).toBe('只有管理员可以使用站点管理。');
    expect(await page.locator('liuyan-console-admin').count()).toBe(0);
    expect(scripts.filter((path) => path.includes('admin'))).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the admin pages fit a phone (390×844): no sideways scrolling, controls large enough to tap', async () => {
    // The audit log names a message with a link: one entry that has it (a demo message's contact
    // revealed), whatever ran before.
    const cookie = await adminCookie();
    const { items: [first] } = await (await adminApi(cookie, 'GET', '/v1/console/messages?tab=all&limit=1')).json() as { items: { id: string }[] };
    expect((await adminApi(cookie, 'POST', `/v1/console/messages/${first!.id}/reveal`, {})).status).toBe(200);
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin, { width: 390, height: 844 });
    for (const [section, tag] of [['站点设置', 'liuyan-console-admin-site'], ['单位', 'liuyan-console-admin-units'],
      ['账号', 'liuyan-console-admin-accounts'], ['工作日历', 'liuyan-console-admin-calendar'],
      ['回复模板', 'liuyan-console-admin-templates'], ['建言专栏', 'liuyan-console-admin-campaigns'], ['导出', 'liuyan-console-admin-export'],
      ['审计日志', 'liuyan-console-admin-audit'],
      ['接口密钥', 'liuyan-console-admin-integrations'],
      ['Webhooks', 'liuyan-console-admin-webhooks']] as const) {
      await openAdmin(page, section);
      const element = page.locator(tag);
      await element.locator('h1').waitFor();
      // Each tab is a page of its own, with its own title (WCAG 2.4.2).
      await expect.poll(() => page.title(), { message: section }).toBe(`${section} · 站点管理 · 示范县人民政府`);
      await expect.poll(() => element.locator('[role="status"]:not([hidden])').filter({ hasText: '正在加载' }).count()).toBe(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, section).toBe(0);
      const heights = await element.locator('button, a, input:not([type="checkbox"]):not([type="radio"]):not([hidden]), select, label.choice')
        .evaluateAll((controls) => controls.map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => r.height));
      expect(Math.min(...heights), section).toBeGreaterThanOrEqual(44);
      // A list's rows name their buttons with their item: no two alike (WCAG 2.4.6).
      const rowButtons = await element.locator('.list-item button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent!.trim()));
      expect(rowButtons.filter((name, i) => rowButtons.indexOf(name) !== i), section).toEqual([]);
    }
    const tabs = await page.locator('liuyan-console-admin [part="admin-nav"] a').evaluateAll((links) => links.map((a) => a.getBoundingClientRect().height));
    expect(Math.min(...tabs)).toBeGreaterThanOrEqual(44);

    // The same phone zoomed to 200% (195 CSS px; WCAG 1.4.10): a long example address breaks, an
    // origin's 删除 and a unit picker's 搜索 go under their fields, date fields shrink to fit.
    await page.setViewportSize({ width: 195, height: 844 });
    for (const [section, tag] of [['站点设置', 'liuyan-console-admin-site'], ['单位', 'liuyan-console-admin-units'], ['工作日历', 'liuyan-console-admin-calendar'],
      ['导出', 'liuyan-console-admin-export'], ['审计日志', 'liuyan-console-admin-audit']] as const) {
      await openAdmin(page, section);
      const element = page.locator(tag);
      await element.locator('h1').waitFor();
      await expect.poll(() => element.locator('[role="status"]:not([hidden])').filter({ hasText: '正在加载' }).count()).toBe(0);
      if (section === '站点设置') expect(await element.getByRole('button', { name: /^删除网站地址/ }).count()).toBeGreaterThan(0); // an origin's row, with its 删除
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${section} at 195 px`).toBe(0);
    }
    // 单位 › 添加单位's parent picker: its search field keeps room to type in.
    await openAdmin(page, '单位');
    const search = page.locator('liuyan-console-admin-units liuyan-console-unit-picker').getByRole('searchbox');
    expect(await search.evaluate((input) => input.getBoundingClientRect().width)).toBeGreaterThan(100);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});
