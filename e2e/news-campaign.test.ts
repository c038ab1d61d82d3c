import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGNS } from '../worker/seed/demo-campaigns';
import { countMessagesTitled, fillForm, scrollUntil, useBrowserPage } from './helpers';
import { WORKER } from './ports';
import { officialApi, sessionCookie } from './console-helpers';
import { DEMO_ACCOUNTS } from '../worker/seed/demo-accounts';

const browser = useBrowserPage();
const PAGE = `${WORKER}/examples/news-campaign/`;

describe('examples/news-campaign: a newspaper’s suggestion drive (建言专栏)', () => {
  it('takes a 建言 while the drive is open and counts it; after its end the page says so before anything is typed, and the service refuses', async () => {
    const page = browser.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(PAGE);
    await expect.poll(() => page.locator('#drive-title').textContent()).toContain('十五五');
    await expect.poll(() => page.locator('#countdown').textContent()).toMatch(/距征集结束还有 \d+ 天/);
    const figure = (name: string) => page.locator(`[data-figure="${name}"]`).textContent().then(Number);
    await expect.poll(() => figure('messages')).toBeGreaterThan(0);
    const before = await figure('messages');

    // The drive's choices only: 建言, to the county head or a department under it.
    const form = page.locator('liuyan-form');
    await form.getByLabel('建言').waitFor();
    expect(await form.getByLabel('投诉').count()).toBe(0);
    const title = `建议县城新建一所公办幼儿园 ${Date.now() % 1_000_000}`;
    await fillForm(page, { title, body: '县城新建小区多，适龄儿童增加很快，公办幼儿园学位紧张，建议在城东新区新建一所公办幼儿园。', department: '示范县教育局', type: '建言', domain: '教育' });
    await form.getByRole('button', { name: '提交留言' }).click();
    await form.locator('[part="receipt"]').waitFor();
    expect(countMessagesTitled(title)).toBe(1);
    const code = (await form.locator('[part="tracking-code"]').textContent())!.trim();
    await expect.poll(() => figure('messages')).toBe(before + 1);
    await expect.poll(() => page.locator('#outlets').textContent()).toContain('示范日报');
    // The drive's list filters by the drive's choices only: its units (the county head's), and no
    // type to choose where it takes 建言 alone.
    const list = page.locator('liuyan-list');
    await scrollUntil(list, async () => (await list.locator('#filter-unit option').count()) > 1);
    const units = await list.locator('#filter-unit option').allTextContents();
    expect(units.map((u) => u.trim())).toContain('示范县县长');
    expect(units.some((u) => u.includes('县委书记'))).toBe(false);
    expect(await list.locator('#filter-type').count()).toBe(0);

    // With the code, the citizen reads which drive the message went to.
    await page.goto(`${WORKER}/s/demo/track`);
    const tracker = page.locator('liuyan-track');
    await tracker.getByLabel('查询码').fill(code);
    await tracker.getByRole('button', { name: '查询' }).click();
    expect(await tracker.locator('[part="campaign"]').textContent()).toContain('十五五');

    // Last year's drive: the form says it has ended, with no field to type into.
    await page.goto(`${PAGE}?campaign=${DEMO_CAMPAIGNS.ended}`);
    const closed = page.locator('liuyan-form [part="campaign-closed"]');
    await closed.waitFor();
    expect(await closed.textContent()).toMatch(/已于.+结束征集，不再接收留言/);
    expect(await page.locator('liuyan-form').getByLabel('标题', { exact: true }).count()).toBe(0);
    await expect.poll(() => page.locator('#countdown').textContent()).toBe('征集已结束，感谢参与');

    // And the service refuses a message sent to it anyway, from the drive's own page.
    const refused = await page.evaluate(async (ended) => {
      const response = await fetch('/v1/sites/demo/messages', {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({
          unitId: 'u_edu', type: 'suggestion', domain: 'education', campaign: ended, title: '建议增加公办幼儿园学位',
          body: '公办幼儿园学位紧张，建议增加学位供给。', region: '示范县城关镇',
          author: { name: '陈明', phone: '13912345678', email: null, displayAs: 'masked' }, isPublic: true, consent: true,
        }),
      });
      return { status: response.status, body: (await response.json()) as { errors: { field: string; code: string }[] } };
    }, DEMO_CAMPAIGNS.ended);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toContainEqual(expect.objectContaining({ field: 'campaign', code: 'campaign_closed' }));
  });

  it('counts down by the service’s clock on a phone whose own clock is a year ahead, as the form takes messages by it', async () => {
    const context = await browser.page.context().browser()!.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.clock.setSystemTime(Date.now() + 365 * 86_400_000);
    await page.goto(PAGE);
    await expect.poll(() => page.locator('#countdown').textContent()).toMatch(/^距征集结束还有 \d+ 天 \d+ 小时 \d+ 分$/);
    await page.locator('liuyan-form').getByRole('button', { name: '提交留言' }).waitFor();
    await context.close();
  });

  it('names the first day of a drive not yet open as China counts it, to a reader in another time zone', async () => {
    // Opens at 00:00 China time in ten days: 16:00 UTC the day before, the day before too in Los Angeles.
    const chinaDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
    const day = chinaDay(10);
    const slug = `e2e-later-${Date.now() % 1_000_000}`;
    const admin = await sessionCookie(DEMO_ACCOUNTS.admin);
    const created = await officialApi(admin, 'POST', '/v1/admin/campaigns', {
      slug, title: '明年春季建言', startsAt: `${day}T00:00:00+08:00`, endsAt: `${chinaDay(20)}T00:00:00+08:00`,
    });
    expect(created.status).toBe(201);
    const context = await browser.page.context().browser()!.newContext({ locale: 'zh-CN', timezoneId: 'America/Los_Angeles', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${PAGE}?campaign=${slug}`);
    await expect.poll(() => page.locator('#countdown').textContent()).toBe(`征集将于 ${day.replaceAll('-', '/')} 开始`);
    // The form says the same day.
    expect(await page.locator('liuyan-form [part="campaign-closed"]').textContent()).toContain(day.replaceAll('-', '/'));
    await context.close();
  });

  it('says a drive the site does not have is not found, on the board too, with no 重试 that could only be refused again', async () => {
    const page = browser.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${PAGE}?campaign=no-such-drive`);
    const list = page.locator('liuyan-list');
    await expect.poll(() => list.locator('[role="alert"]').textContent().catch(() => '')).toBe('专栏不存在');
    expect(await list.getByRole('button', { name: '重试' }).count()).toBe(0);
    // Nothing else of the board (tabs, filters) that would only ask again.
    expect(await list.getByRole('tab').count()).toBe(0);
  });
});
