import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../worker/seed/demo-accounts';
import { DEMO_CAMPAIGNS } from '../worker/seed/demo-campaigns';
import { officialApi, pickUnit, sessionCookie, signedIn } from './console-helpers';
import { fillForm, useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

const browser = useBrowserPage();
const DAY_MS = 86_400_000;
/** A day in China (YYYY-MM-DD), as the drive's date fields take it. */
const chinaDay = (offsetDays: number) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * DAY_MS).toISOString().slice(0, 10);

/** The newspaper's drive page, with the drive from the address, as `<liuyan-form campaign=…>`. */
async function drivePage(page: Page, slug: string) {
  await page.goto(`${WORKER}/examples/news-campaign/?campaign=${slug}`);
  return page.locator('liuyan-form');
}

describe('the admin drives page (建言专栏)', () => {
  it('an admin creates a drive, whose form offers only its choices; ends it, and the form says it is closed; deletes another with no messages', async () => {
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin);
    await page.locator('liuyan-console header').getByRole('link', { name: '站点管理' }).click();
    await page.locator('liuyan-console-admin [part="admin-nav"]').getByRole('link', { name: '建言专栏', exact: true }).click();
    const drives = page.locator('liuyan-console-admin-campaigns');
    const add = drives.locator('form[aria-labelledby="add-campaign-title"]');
    await add.waitFor();

    const create = async (slug: string, title: string, [from, to] = [0, 30], said = '已新建专栏。公众看到的页面将在 1 分钟内更新。') => {
      await add.getByLabel('网址标识').fill(slug);
      await add.getByLabel('专栏名称').fill(title);
      await add.getByLabel('开始日期').fill(chinaDay(from));
      await add.getByLabel('结束日期（含当天）').fill(chinaDay(to));
      await pickUnit(add.locator('liuyan-console-unit-picker'), '示范县交通运输局');
      await add.getByRole('group', { name: '留言类型' }).getByLabel('建言', { exact: true }).check();
      await add.getByRole('button', { name: '添加' }).click();
      await drives.getByRole('status').getByText(said, { exact: true }).waitFor();
      return drives.locator('[part="campaigns"] > li').filter({ hasText: title });
    };
    const n = Date.now() % 1_000_000;
    const slug = `e2e-road-${n}`;
    // A line of 合作媒体 that is not “name website” is named by its line: found before sending (no
    // space), or by the service (no web address).
    const outlets = add.getByLabel('合作媒体');
    const outletsError = () => add.locator('p.error', { hasText: /^第\d+行：/ }).textContent();
    await outlets.fill('\n示范晚报');
    await add.getByRole('button', { name: '添加' }).click();
    await expect.poll(outletsError).toBe('第2行：应为“媒体名称 空格 网站地址”，如“示范日报 https://www.example-daily.cn”');
    await add.getByLabel('网址标识').fill(slug);
    await add.getByLabel('专栏名称').fill(`公交线路优化建言 ${n}`);
    await add.getByLabel('开始日期').fill(chinaDay(0));
    await add.getByLabel('结束日期（含当天）').fill(chinaDay(30));
    await outlets.fill('示范晚报 https://evening.example.cn\n示范 日报 daily');
    await add.getByRole('button', { name: '添加' }).click();
    await expect.poll(outletsError).toMatch(/^第2行：合作媒体/);
    await outlets.fill('');
    const item = await create(slug, `公交线路优化建言 ${n}`);
    expect(await item.locator('.badge').textContent()).toBe('征集中');

    // The drive's page: 建言 only, to the transport bureau only.
    const phone = () => browser.page.context().browser()!.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    let readerContext = await phone();
    const reader = await readerContext.newPage();
    let form = await drivePage(reader, slug);
    await form.getByLabel('建言').waitFor();
    expect(await form.getByLabel('投诉').count()).toBe(0);
    expect(await form.getByLabel('咨询').count()).toBe(0);
    const units = await form.getByLabel('留言对象', { exact: true }).locator('option').allTextContents();
    expect(units.filter((u) => u.startsWith('示范县'))).toEqual(['示范县交通运输局']);
    // The reader writes a suggestion while the drive is still open.
    const suggestion = { title: '建议增开城关至工业园区的早班车', body: '每天早上六点半以前没有公交车，\n进园区上班的工人只能打车或步行。' };
    await fillForm(reader, { ...suggestion, department: '示范县交通运输局', type: '建言' });

    // Ended from the console: the page says so before anything is typed.
    await item.getByRole('button', { name: '结束征集' }).click();
    await item.getByRole('group', { name: '结束征集' }).getByRole('button', { name: '确定结束' }).click();
    await drives.getByRole('status').getByText('专栏已结束征集', { exact: true }).waitFor();
    expect(await item.locator('.badge').textContent()).toBe('已结束');
    expect(await item.getByRole('button', { name: '结束征集' }).count()).toBe(0);
    // The reader sends after it ended: told so, and what they wrote is still there to copy, until they delete it.
    await form.locator('[part="submit"]').click();
    await form.locator('[part="campaign-closed"]').waitFor();
    expect(await form.locator('[part="kept"] textarea').inputValue()).toBe(`${suggestion.title}\n\n${suggestion.body}`);
    expect(await form.getByLabel(/您写下的内容没有提交/).getAttribute('readonly')).not.toBeNull();
    await form.getByRole('button', { name: '删除这段内容' }).click();
    expect(await form.locator('[part="kept"]').count()).toBe(0);
    // Its last day is today, and editing it keeps it ended (the end date left as it was keeps its moment).
    expect(await item.locator('p.muted').first().textContent()).toContain(`至${chinaDay(0).replaceAll('-', '/')}`);
    await item.getByRole('button', { name: '编辑' }).click();
    expect(await item.getByLabel('结束日期（含当天）').inputValue()).toBe(chinaDay(0));
    await item.getByLabel('专栏名称').fill(`公交线路优化建言 ${n}（已结束）`);
    await item.getByRole('button', { name: '保存' }).click();
    await drives.getByRole('status').getByText('已保存。公众看到的页面将在 1 分钟内更新。', { exact: true }).waitFor();
    expect(await item.locator('.badge').textContent()).toBe('已结束');
    // Another reader (the drive's figures are cached for 30 s in a browser that read them already; that
    // one's form learns it from the service's campaign_closed when it sends).
    await readerContext.close();
    readerContext = await phone();
    form = await drivePage(await readerContext.newPage(), slug);
    await form.locator('[part="campaign-closed"]').waitFor();
    expect(await form.getByLabel('标题', { exact: true }).count()).toBe(0);

    // Another admin ends a drive while this one's question is open: the row then shows it ended, with
    // why nothing more was done.
    const raced = await create(`e2e-race-${n}`, `同时结束的专栏 ${n}`);
    await raced.getByRole('button', { name: '结束征集' }).click();
    const cookie = await sessionCookie(DEMO_ACCOUNTS.admin);
    const listed = await (await officialApi(cookie, 'GET', '/v1/admin/campaigns')).json() as { id: string; slug: string }[];
    expect((await officialApi(cookie, 'POST', `/v1/admin/campaigns/${listed.find((c) => c.slug === `e2e-race-${n}`)!.id}/end`, {})).status).toBe(200);
    await raced.getByRole('group', { name: '结束征集' }).getByRole('button', { name: '确定结束' }).click();
    await expect.poll(() => raced.locator('.badge').textContent()).toBe('已结束');
    expect(await raced.locator('p.error').textContent()).toContain('这个专栏不在征集期内，无需结束');
    expect(await raced.getByRole('group', { name: '结束征集' }).count()).toBe(0);

    // A drive made by mistake (its dates a year back, so the admin is told it takes no messages),
    // with no messages, is deleted; the website its outlet added to those allowed to embed stays,
    // and the admin is told where to take it out.
    await outlets.fill(`误建晚报 https://mistake-${n}.example.cn`);
    const mistake = await create(`e2e-mistake-${n}`, `误建的专栏 ${n}`, [-365, -335],
      '已新建专栏。注意：它的结束日期已过，市民不能在其中留言；如要征集，请修改结束日期。');
    expect(await mistake.locator('.badge').textContent()).toBe('已结束');
    await mistake.getByRole('button', { name: '删除' }).click();
    await mistake.getByRole('group', { name: '删除' }).getByRole('button', { name: '确定删除' }).click();
    await drives.getByRole('status')
      .getByText(`专栏已删除。它的合作媒体网站（https://mistake-${n}.example.cn）仍在允许嵌入的网站中；如不再需要，请在“站点设置 → 允许嵌入的网站”中移除。`, { exact: true })
      .waitFor();
    expect(await drives.locator('[part="campaigns"] > li').filter({ hasText: `误建的专栏 ${n}` }).count()).toBe(0);

    expect(problems).toEqual([]);
    await readerContext.close();
    await page.context().close();
  }, 120_000);

  it('a drive that runs only on a partner’s website says so at once on another, before anything is typed', async () => {
    const n = Date.now() % 1_000_000;
    const slug = `e2e-partner-${n}`;
    const created = await officialApi(await sessionCookie(DEMO_ACCOUNTS.admin), 'POST', '/v1/admin/campaigns', {
      slug, title: `乡村振兴建言 ${n}`, description: '请写下您的建议。',
      startsAt: new Date(Date.now() - DAY_MS).toISOString(), endsAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
      outlets: [{ name: '示范日报', origin: HOST }],
    });
    expect(created.status).toBe(201);
    // The drive page on the service's own website, which is not the partner's.
    const context = await browser.page.context().browser()!.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const form = await drivePage(await context.newPage(), slug);
    const notice = form.locator('[part="campaign-elsewhere"]');
    await notice.waitFor();
    expect(await notice.textContent()).toBe(`乡村振兴建言 ${n}只在示范日报的网站上接收留言，本网站不能提交。欢迎到这些网站的专栏页面留言。`);
    expect(await form.getByLabel('标题', { exact: true }).count()).toBe(0);
    await context.close();
  });

  it('a drive whose first day is moved later while a reader writes: sent, the form names the new day and keeps the words; a reload at once says the same', async () => {
    const n = Date.now() % 1_000_000;
    const slug = `e2e-moved-${n}`;
    const cookie = await sessionCookie(DEMO_ACCOUNTS.admin);
    const created = await officialApi(cookie, 'POST', '/v1/admin/campaigns', {
      slug, title: `移后专栏 ${n}`, startsAt: new Date(Date.now() - DAY_MS).toISOString(), endsAt: new Date(Date.now() + 30 * DAY_MS).toISOString(), types: ['suggestion'],
    });
    expect(created.status).toBe(201);
    const { id } = await created.json() as { id: string };
    // The hosted drive page: the element alone, nothing of the page's own asks for the drive again.
    const context = await browser.page.context().browser()!.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${WORKER}/s/demo/campaigns/${slug}`);
    const form = page.locator('liuyan-form');
    const title = '建议在城关镇增设夜间公交';
    await fillForm(page, { title, body: '晚上九点以后没有公交车，下夜班的人回家很不方便。', department: '示范县交通运输局', type: '建言' });
    const later = chinaDay(10);
    expect((await officialApi(cookie, 'PATCH', `/v1/admin/campaigns/${id}`, { startsAt: `${later}T00:00:00+08:00` })).status).toBe(200);

    await form.locator('[part="submit"]').click();
    const closed = form.locator('[part="campaign-closed"]');
    await closed.waitFor();
    expect(await closed.textContent()).toContain(`将于${later.replaceAll('-', '/')}开始征集`);
    expect(await form.locator('[part="kept"] textarea').inputValue()).toContain(title);
    await page.reload();
    await closed.waitFor();
    expect(await closed.textContent()).toContain(`将于${later.replaceAll('-', '/')}开始征集`);
    expect(await form.locator('[part="kept"] textarea').inputValue()).toContain(title);
    await context.close();
  });

  it('a drive narrowed while a reader writes: sent, the choices it no longer takes are taken back and the form offers what it takes now, the words kept', async () => {
    const n = Date.now() % 1_000_000;
    const slug = `e2e-narrowed-${n}`;
    const cookie = await sessionCookie(DEMO_ACCOUNTS.admin);
    const created = await officialApi(cookie, 'POST', '/v1/admin/campaigns', {
      slug, title: `收窄专栏 ${n}`, startsAt: new Date(Date.now() - DAY_MS).toISOString(), endsAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
      types: ['suggestion', 'complaint'], domains: ['transport', 'urban'],
    });
    expect(created.status).toBe(201);
    const { id } = await created.json() as { id: string };
    const page = browser.page;
    await page.goto(`${WORKER}/s/demo/campaigns/${slug}`);
    const form = page.locator('liuyan-form');
    const title = '城关镇夜市噪音扰民';
    await fillForm(page, { title, body: '夜市每天开到凌晨两点，附近居民无法休息。', department: '示范县交通运输局', type: '投诉', domain: '城建' });
    expect(await form.locator('input[name="type"]').count()).toBe(2);
    expect((await officialApi(cookie, 'PATCH', `/v1/admin/campaigns/${id}`, { types: ['suggestion'], domains: ['transport'] })).status).toBe(200);

    const sent: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/v1/sites/demo/messages') && sent.push(r.postData() ?? ''));
    await form.locator('[part="submit"]').click();
    // The form reads the drive again past the browser's minute: 建言 alone, chosen; the domain taken
    // back (the list would have shown 交通 and sent 城建), its refusal beside it.
    await expect.poll(() => form.locator('input[name="type"]').count()).toBe(1);
    await expect.poll(() => form.locator('#domain').inputValue()).toBe('');
    expect(await form.locator('input[name="type"]').isChecked()).toBe(true);
    expect(await form.locator('#type-error').count()).toBe(0);
    expect(await form.locator('#domain-error').textContent()).toBe('此处不接受这一领域的留言');
    expect(await form.locator('#domain option').allTextContents()).toEqual(['请选择领域', '交通']);
    expect(await form.getByLabel('标题', { exact: true }).inputValue()).toBe(title);
    await form.locator('#domain').selectOption({ label: '交通' });
    await form.locator('[part="submit"]').click();
    await form.locator('[part="receipt"]').waitFor();
    expect(JSON.parse(sent.at(-1)!)).toMatchObject({ type: 'suggestion', domain: 'transport', campaign: slug });
  });

  it('an official lists a drive’s suggestions alone in the queue, and its page names the drive and the outlet it came from', async () => {
    const { page, problems } = await signedIn(browser, DEMO_ACCOUNTS.admin);
    await page.goto(`${WORKER}/console/#/queue?tab=all`);
    const queue = page.locator('liuyan-console-queue');
    await queue.locator('[part="queue"][aria-busy="false"]').waitFor();
    await queue.locator('details.filters summary').click();
    const drive = queue.getByLabel('建言专栏');
    // Ended drives too: their suggestions are still answered and compiled.
    await expect.poll(() => drive.locator('option').allTextContents()).toEqual(expect.arrayContaining(['全部', '我为示范县“十五五”规划建言献策', '2025年“我为县政府工作报告建言”']));
    await drive.selectOption({ label: '我为示范县“十五五”规划建言献策' });
    await queue.locator('form.filter-grid button[type="submit"]').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toContain(`campaign=${DEMO_CAMPAIGNS.open}`);
    await queue.locator('[part="queue"][aria-busy="false"]').waitFor();
    const titles = await queue.locator('[part="queue"] .item-title').allTextContents();
    expect(titles).toEqual(expect.arrayContaining(['建议开通县城至高铁站的公交专线']));
    // Each one listed is the drive's, as the service says.
    const cookie = await sessionCookie(DEMO_ACCOUNTS.admin);
    const listed = await (await officialApi(cookie, 'GET', `/v1/console/messages?tab=all&campaign=${DEMO_CAMPAIGNS.open}&limit=100`)).json() as { items: { title: string; campaign: string }[] };
    expect(listed.items.map((m) => m.title).sort()).toEqual([...titles].sort());
    expect(new Set(listed.items.map((m) => m.campaign))).toEqual(new Set([DEMO_CAMPAIGNS.open]));

    await queue.getByRole('link', { name: /建议开通县城至高铁站的公交专线/ }).click();
    const facts = page.locator('liuyan-console-message [part="campaign"]');
    await facts.waitFor();
    expect(await facts.textContent()).toMatch(/^我为示范县“十五五”规划建言献策( · 来源：示范日报)?$/);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
