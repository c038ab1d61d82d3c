import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { queryD1, root } from '../scripts/local-stack';
import { createClient, type MessageStatus, type PublicMessage } from '../sdk/src';
import { DEMO_ACCOUNTS } from '../worker/seed/demo-accounts';
import { officialApi, sessionCookie } from './console-helpers';
import { citizenPhone, scrollUntil, useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

const client = createClient({ baseUrl: WORKER, site: 'demo' });
/** A card's tag names its status, as the tracked view and the console do; the tabs group statuses. */
const STATUS_NAMES: Record<MessageStatus, string> = { submitted: '待受理', accepted: '已受理', in_progress: '办理中', replied: '已回复', closed: '已办结' };
const STATUS_COLOURS: Record<MessageStatus, string> = {
  submitted: 'rgb(192, 0, 11)', accepted: 'rgb(31, 95, 174)', in_progress: 'rgb(179, 83, 0)', replied: 'rgb(26, 127, 55)', closed: 'rgb(74, 85, 96)',
};

/** A pending demo message, published here so that searching for 路灯 has something to find. */
const STREET_LIGHTS = '城关镇解放路一带路灯长期不亮';
const XSS_TITLE = `<img src=x onerror="window.__xss=1"> ${Date.now() % 1_000_000}`;
const XSS_BODY = '<script>window.__xss=2</script><b onclick="window.__xss=3">粗体</b>';
let xssId = '';

const browser = useBrowserPage();

beforeAll(async () => {
  const created = await client.submitMessage({
    unitId: 'u_housing', type: 'complaint', domain: 'urban', title: XSS_TITLE, body: XSS_BODY, region: '<i>示范县城关镇</i>',
    author: { name: '陈明', phone: citizenPhone() }, isPublic: true, consent: true,
  });
  xssId = created.id;
  // The demo moderator publishes both in the console (which also puts them in the search index).
  const [streetLights] = queryD1<{ id: string }>(inject('persistTo'), `SELECT id FROM messages WHERE site_id = 'demo'
    AND title = '${STREET_LIGHTS}' AND body LIKE '%县城的路灯坏了很久没人修%'`);
  const cookie = await sessionCookie(DEMO_ACCOUNTS.moderator);
  for (const id of [xssId, streetLights!.id]) {
    const published = await officialApi(cookie, 'POST', `/v1/console/messages/${id}/publish`, {});
    // 409: another test file published it already.
    if (published.status !== 200 && published.status !== 409) throw new Error(`publishing ${id}: ${published.status}`);
  }
});

/** The county website; the board (below the form) is scrolled into view, then its first cards awaited. */
async function openBoard(query = ''): Promise<Locator> {
  await browser.page.goto(`${HOST}/${query}`);
  const list = browser.page.locator('liuyan-list');
  await scrollUntil(list, async () => (await list.locator('[part="card"]').count()) > 0);
  return list;
}

const titlesIn = (list: Locator) => list.locator('[part="card"] h3').allTextContents();
const statusesIn = (list: Locator) => list.locator('[part="card"] [part="status"]').allTextContents();

async function allPublic(query: Parameters<typeof client.messages>[0] = {}): Promise<PublicMessage[]> {
  const all: PublicMessage[] = [];
  for await (const m of client.messages(query)) all.push(m);
  return all;
}

describe('<liuyan-list> on a county website', () => {
  it('shows the newest published messages as cards, in Chinese', async () => {
    const list = await openBoard();
    const expected = await client.listMessages();
    expect(expected.items).toHaveLength(20);
    expect(await titlesIn(list)).toEqual(expected.items.map((m) => m.title));

    // Tabs, labelled filters and the search box.
    expect(await list.getByRole('tablist').count()).toBe(1);
    expect(await list.getByRole('tab').allTextContents()).toEqual(['全部', '待回复', '办理中', '已办理']);
    expect(await list.getByRole('tab', { name: '全部' }).getAttribute('aria-selected')).toBe('true');
    for (const label of ['留言对象', '留言类型', '所属领域', '站内搜索']) expect(await list.getByLabel(label, { exact: true }).count()).toBe(1);

    // Masked names only, statuses in their colours, 已超期 where the deadline has passed.
    const names = await list.locator('[part="card"] [part="author"]').allTextContents();
    expect(names).toEqual(expected.items.map((m) => m.displayName));
    expect(names.every((n) => /^\S{1,2}(\*\*\*|先生|女士)$/u.test(n))).toBe(true);
    expect(names.some((n) => n.endsWith('***'))).toBe(true);
    expect(await statusesIn(list)).toEqual(expected.items.map((m) => STATUS_NAMES[m.status]));
    const colours = await list.locator('[part="card"] [part="status"]').evaluateAll((badges) =>
      Object.fromEntries(badges.map((b) => [b.textContent, getComputedStyle(b).backgroundColor])));
    expect(colours).toEqual(Object.fromEntries(expected.items.map((m) => [STATUS_NAMES[m.status], STATUS_COLOURS[m.status]])));
    expect(Object.keys(colours).length).toBeGreaterThanOrEqual(3);
    // (Other test files publish messages too, so the first page need not hold an overdue one: the whole
    // board is checked for them below, under 加载更多.)
    const overdue = expected.items.filter((m) => m.overdue).length;
    expect(await list.locator('[part="card"]').getByText('已超期', { exact: true }).count()).toBe(overdue);

    // Each card: type and domain, 我也关注 N, and the latest reply signed by its unit.
    const cards = list.locator('[part="card"]');
    for (const [i, m] of expected.items.entries()) {
      const text = (await cards.nth(i).textContent())!;
      expect(text).toContain(`我也关注 ${m.supportCount}`);
      expect(text).toContain(`留言对象：${m.unit.name}`);
      expect(text).toMatch(/建言|投诉|求助|咨询/);
      if (m.latestReply) {
        const reply = cards.nth(i).locator('[part~="reply"]');
        expect(await reply.locator('header').textContent()).toContain(m.latestReply.unit.name);
        expect(await reply.locator('header').textContent()).toContain(m.latestReply.kind === 'final' ? '正式回复' : '阶段性回复');
        expect(await reply.getByRole('button', { name: '查看全文' }).count()).toBe(1);
      } else {
        expect(await cards.nth(i).locator('[part~="reply"]').count()).toBe(0);
      }
    }
    expect(expected.items.some((m) => m.latestReply?.kind === 'interim')).toBe(true);
  });

  it('switches tabs (by click and by arrow keys) and filters by unit, type and domain', async () => {
    const list = await openBoard();
    const answered = await client.listMessages({ status: 'answered' });
    await list.getByRole('tab', { name: '已办理' }).click();
    await expect.poll(() => titlesIn(list)).toEqual(answered.items.map((m) => m.title));
    expect(new Set(await statusesIn(list))).toEqual(new Set(answered.items.map((m) => STATUS_NAMES[m.status])));
    expect((await statusesIn(list)).every((s) => s === '已回复' || s === '已办结')).toBe(true);
    expect(await list.getByRole('tab', { name: '已办理' }).getAttribute('aria-selected')).toBe('true');

    const awaiting = await allPublic({ status: 'awaiting' });
    await list.getByRole('tab', { name: '已办理' }).press('Home');
    await list.getByRole('tab', { name: '全部' }).press('ArrowRight');
    await expect.poll(() => titlesIn(list)).toEqual(awaiting.map((m) => m.title));
    expect((await statusesIn(list)).every((s) => s === '待受理' || s === '已受理')).toBe(true);
    expect(await browser.page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent)).toBe('待回复');

    // A leader includes the departments under it; the select shows them indented.
    await list.getByRole('tab', { name: '全部' }).click();
    const unitSelect = list.getByLabel('留言对象', { exact: true });
    const options = await unitSelect.locator('option').allTextContents();
    expect(options).toContain('示范县县长');
    expect(options).toContain('\u3000示范县教育局');
    await unitSelect.selectOption('u_county_head');
    const countyHead = await client.listMessages({ unit: 'u_county_head' });
    await expect.poll(() => titlesIn(list)).toEqual(countyHead.items.map((m) => m.title));
    expect(countyHead.items.some((m) => m.unit.id !== 'u_county_head')).toBe(true);

    await list.getByLabel('留言类型', { exact: true }).selectOption({ label: '咨询' });
    await list.getByLabel('所属领域', { exact: true }).selectOption({ label: '就业' });
    const narrowed = await client.listMessages({ unit: 'u_county_head', type: 'consultation', domain: 'employment' });
    expect(narrowed.items.length).toBeGreaterThan(0);
    await expect.poll(() => titlesIn(list)).toEqual(narrowed.items.map((m) => m.title));
  });

  it('searches titles and bodies', async () => {
    const list = await openBoard();
    await list.getByLabel('站内搜索', { exact: true }).fill('路灯');
    await list.getByRole('button', { name: '搜索', exact: true }).click();
    // The demo's message, and any other test's published since: what the service finds, in its order.
    const found = await client.listMessages({ q: '路灯' });
    expect(found.items.map((m) => m.title)).toContain(STREET_LIGHTS);
    await expect.poll(() => titlesIn(list)).toEqual(found.items.map((m) => m.title));

    await list.getByLabel('站内搜索', { exact: true }).fill('没有这样的留言');
    await list.getByLabel('站内搜索', { exact: true }).press('Enter');
    await expect.poll(() => list.locator('[part="panel"]').getByText('没有找到与“没有这样的留言”相关的留言').count()).toBe(1);
    expect(await list.locator('[part="card"]').count()).toBe(0);

    // More words than a search looks for: said why, with the search box kept to change it, and no 重试
    // (asking again would be told the same); none of the words is silently left out.
    await list.getByLabel('站内搜索', { exact: true }).fill('路灯 坏了 很久 没人 修 县城');
    await list.getByLabel('站内搜索', { exact: true }).press('Enter');
    await expect.poll(() => list.locator('[part="panel"] [role="alert"]').textContent()).toBe('一次最多搜索5个词，请减少词语');
    expect(await list.getByRole('button', { name: '重试' }).count()).toBe(0);
    await list.getByLabel('站内搜索', { exact: true }).fill('路灯');
    await list.getByLabel('站内搜索', { exact: true }).press('Enter');
    await expect.poll(() => titlesIn(list)).toEqual(found.items.map((m) => m.title));
  });

  it('“加载更多” appends the next page until there is no more', async () => {
    const list = await openBoard();
    const all = await allPublic();
    expect(all.length).toBeGreaterThan(20);
    // The demo's board and what other test files published: a few pages at most.
    expect(all.length).toBeLessThanOrEqual(60);
    const firstPage = await titlesIn(list);
    expect(firstPage).toHaveLength(20);

    for (let shown = 20; shown < all.length; shown = Math.min(shown + 20, all.length)) {
      await list.getByRole('button', { name: '加载更多' }).click();
      await expect.poll(() => list.locator('[part="card"]').count()).toBe(Math.min(shown + 20, all.length));
      // The focus goes on to the first new card (the button may be gone).
      await expect.poll(() => list.evaluate((element) => element.shadowRoot!.activeElement?.textContent)).toBe(all[shown]!.title);
    }
    const titles = await titlesIn(list);
    expect(titles.slice(0, 20)).toEqual(firstPage);
    expect(titles).toEqual(all.map((m) => m.title));
    expect(await list.getByRole('button', { name: '加载更多' }).count()).toBe(0);
    expect(await list.getByText('没有更多了').count()).toBe(1);
    // 已超期 on every card whose deadline has passed, and the demo has such messages.
    const overdue = all.filter((m) => m.overdue).length;
    expect(overdue).toBeGreaterThan(0);
    expect(await list.locator('[part="card"]').getByText('已超期', { exact: true }).count()).toBe(overdue);
  });

  it('opens a message in place: every reply signed by its unit, the timeline, and back to the list', async () => {
    const list = await openBoard();
    await browser.page.evaluate(() => {
      const opened: string[] = [];
      (window as { __opened?: string[] }).__opened = opened;
      document.addEventListener('liuyan-open', (e) => opened.push(e.detail.id));
    });
    await list.getByLabel('站内搜索', { exact: true }).fill('粉尘');
    await list.getByLabel('站内搜索', { exact: true }).press('Enter');
    await expect.poll(() => titlesIn(list)).toEqual(['东坝镇砖厂粉尘污染严重影响村民生活']);
    const [item] = (await client.listMessages({ q: '粉尘' })).items;
    const expected = await client.getMessage(item!.id);

    await list.locator('[part="card"]').getByRole('button', { name: '查看全文' }).click();
    const message = list.locator('[part="detail"] [part="message"]');
    await message.waitFor();
    expect(await browser.page.evaluate(() => (window as { __opened?: string[] }).__opened)).toEqual([expected.id]);
    expect(await list.locator('[part="card"]').first().isVisible()).toBe(false);
    expect(await message.locator('h3').textContent()).toBe(expected.title);
    expect(await message.locator('[part="body"]').textContent()).toBe(expected.body);

    const replies = message.locator('[part~="reply"]');
    expect(await replies.count()).toBe(expected.replies.length);
    expect(expected.replies.map((r) => r.kind)).toEqual(['interim', 'final']);
    for (const [i, r] of expected.replies.entries()) {
      const header = (await replies.nth(i).locator('header').textContent())!;
      expect(header).toContain(r.unit.name);
      expect(header).toContain(r.kind === 'final' ? '正式回复' : '阶段性回复');
      expect(await replies.nth(i).locator('.body').textContent()).toBe(r.body);
    }
    const events = await message.locator('[part="timeline"] li').allTextContents();
    expect(events).toHaveLength(expected.timeline.length);
    const names = { submitted: '提交留言', published: '审核通过并公开', accepted: '受理' } as Record<string, string>;
    for (const [i, e] of expected.timeline.entries()) if (names[e.kind]) expect(events[i]).toContain(names[e.kind]);
    // Each reply's event is named by its kind, as the reply is.
    expect(events.filter((e) => /阶段性回复|正式回复/.test(e)).map((e) => (e.includes('正式回复') ? 'final' : 'interim'))).toEqual(['interim', 'final']);
    expect(events.some((e) => e.includes('审核通过并公开'))).toBe(true);

    await list.getByRole('button', { name: '返回列表' }).click();
    await expect.poll(() => list.locator('[part="card"]').first().isVisible()).toBe(true);
    expect(await list.locator('[part="detail"]').count()).toBe(0);
    expect(await titlesIn(list)).toEqual([expected.title]);
  });

  it('shows the rating (satisfaction and the three sub-scores) and a transfer in an opened message', async () => {
    const list = await openBoard();
    const [rated] = (await client.listMessages({ q: '教辅' })).items;
    const detail = await client.getMessage(rated!.id);
    expect(detail.rating).not.toBeNull();
    await list.getByLabel('站内搜索', { exact: true }).fill('教辅');
    await list.getByLabel('站内搜索', { exact: true }).press('Enter');
    await expect.poll(() => titlesIn(list)).toEqual([detail.title]);
    // The card says the latest rating in words and points (the stars are for the eye only).
    const level = ['很不满意', '不满意', '基本满意', '满意', '很满意'][detail.rating!.overall - 1];
    expect(await list.locator('[part="card-rating"]').innerText()).toMatch(new RegExp(`^市民评价：${level}（${detail.rating!.overall}分）`));
    expect(await list.locator('[part="card-rating"] .stars').getAttribute('aria-hidden')).toBe('true');
    await list.locator('[part="card"] h3').getByRole('link').click();
    const rating = list.locator('[part="rating"]');
    await rating.waitFor();
    const text = (await rating.textContent())!;
    expect(text).toContain('满意度评价');
    expect(text).toContain(`${['很不满意', '不满意', '基本满意', '满意', '很满意'][detail.rating!.overall - 1]}（${detail.rating!.overall}分）`);
    expect(await rating.locator('dt').allTextContents()).toEqual(['满意度', '解决程度', '办理态度', '办理速度']);
    const scores = await rating.locator('dd').allTextContents();
    const { resolution, attitude, speed } = detail.rating!;
    for (const [i, score] of [resolution, attitude, speed].entries()) expect(scores[i + 1]).toContain(`${score}分`);

    await list.getByRole('button', { name: '返回列表' }).click();
    await list.getByLabel('站内搜索', { exact: true }).fill('工资一直拖着');
    await list.getByLabel('站内搜索', { exact: true }).press('Enter');
    await expect.poll(() => titlesIn(list)).toEqual(['在县城工地干了半年工资一直拖着不给']);
    await list.locator('[part="card"] h3').getByRole('link').click();
    const timeline = list.locator('[part="timeline"]');
    await timeline.waitFor();
    expect(await timeline.textContent()).toMatch(/转办 · 示范县人力资源和社会保障局（.+转县人社局办理。）/);
    expect(await list.locator('[part="rating"]').count()).toBe(0);
  });

  it('renders markup in a published message as text, and never runs it', async () => {
    const list = await openBoard();
    const card = list.locator('[part="card"]').first();
    expect(await card.locator('h3').textContent()).toBe(XSS_TITLE);
    expect(await card.locator('.excerpt').first().textContent()).toBe(XSS_BODY);
    expect(await card.textContent()).toContain('<i>示范县城关镇</i>');
    // Its markup made no element (other cards may carry a photo's <img>, this one has none).
    expect(await card.locator('img, script, b, i').count()).toBe(0);

    await card.locator('h3').getByRole('link').click();
    const message = list.locator('[part="message"]');
    await message.waitFor();
    expect(await message.locator('h3').textContent()).toBe(XSS_TITLE);
    expect(await message.locator('[part="body"]').textContent()).toBe(XSS_BODY);
    expect(await message.locator('img, script, b, i').count()).toBe(0);
    await message.locator('[part="body"]').click();
    expect(await browser.page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect((await client.getMessage(xssId)).title).toBe(XSS_TITLE);
  });

  it('asks the service nothing until it is scrolled into view, and keeps its place while loading', async () => {
    await browser.page.goto(`${HOST}/`);
    await browser.page.locator('liuyan-form [part="form"]').waitFor();
    // A page of its own: a tall spacer, then the board far below the fold.
    await browser.page.evaluate(() => document.querySelector('main')!.replaceChildren());
    await browser.page.waitForTimeout(300);
    const requests: string[] = [];
    browser.page.on('request', (request) => {
      if (request.url().startsWith(WORKER) && !request.url().includes('/widget/')) requests.push(request.url());
    });
    await browser.page.evaluate(() => {
      const spacer = document.createElement('div');
      spacer.style.height = '4000px';
      const list = document.createElement('liuyan-list');
      list.setAttribute('site', 'demo');
      list.id = 'late';
      const main = document.querySelector('main')!;
      main.appendChild(spacer);
      main.appendChild(list);
    });
    const list = browser.page.locator('#late');
    await list.locator('[part="skeleton"]').waitFor({ state: 'attached' });
    await browser.page.waitForTimeout(1500);
    expect(requests).toEqual([]);
    const panel = list.locator('[part="panel"]');
    const offset = async () => (await panel.boundingBox())!.y - (await list.boundingBox())!.y;
    const before = { offset: await offset(), height: (await panel.boundingBox())!.height };
    expect(before.height).toBeGreaterThan(400);

    await list.scrollIntoViewIfNeeded();
    await list.locator('[part="card"]').first().waitFor();
    expect(requests.some((url) => url.includes('/v1/sites/demo/messages'))).toBe(true);
    expect(Math.abs((await offset()) - before.offset)).toBeLessThan(1);
    expect((await panel.boundingBox())!.height).toBeGreaterThanOrEqual(before.height);
  });

  it('says so when the network fails, and 重试 loads the messages', async () => {
    await browser.page.route(/\/v1\/sites\/demo\/messages/, (route) => route.abort('internetdisconnected'));
    await browser.page.goto(`${HOST}/`);
    await browser.page.evaluate(() => {
      const errors: string[] = [];
      (window as { __errors?: string[] }).__errors = errors;
      document.addEventListener('liuyan-error', (e) => errors.push(e.detail.code));
    });
    const list = browser.page.locator('liuyan-list');
    await scrollUntil(list, async () => (await list.getByText('留言加载失败').count()) === 1);
    expect(await browser.page.evaluate(() => (window as { __errors?: string[] }).__errors)).toEqual(['network']);

    await browser.page.unroute(/\/v1\/sites\/demo\/messages/);
    await list.getByRole('button', { name: '重试' }).click();
    await list.locator('[part="card"]').first().waitFor();
    expect(await list.locator('[part="card"]').count()).toBe(20);
  });

  it('speaks English on an English page', async () => {
    const list = await openBoard('?lang=en');
    expect(await list.getByRole('tab').allTextContents()).toEqual(['All', 'Awaiting reply', 'In progress', 'Answered']);
    const english: Record<MessageStatus, string> = {
      submitted: 'Awaiting acceptance', accepted: 'Accepted', in_progress: 'In progress', replied: 'Replied', closed: 'Closed',
    };
    expect(await statusesIn(list)).toEqual((await client.listMessages()).items.map((m) => english[m.status]));
    expect(await list.getByLabel('Search this board', { exact: true }).count()).toBe(1);
    expect(await list.getByRole('button', { name: 'Load more' }).count()).toBe(1);
  });

  it('with unit and type attributes, shows only that unit (and its departments) and type', async () => {
    await browser.page.goto(`${HOST}/`);
    await browser.page.evaluate(() => {
      const list = document.createElement('liuyan-list');
      list.setAttribute('site', 'demo');
      list.setAttribute('unit', 'u_county_head');
      list.setAttribute('type', 'consultation');
      list.id = 'scoped';
      const main = document.querySelector('main')!;
      main.insertBefore(list, main.firstChild);
    });
    const list = browser.page.locator('#scoped');
    await list.locator('[part="card"]').first().waitFor();
    const expected = await client.listMessages({ unit: 'u_county_head', type: 'consultation' });
    expect(await titlesIn(list)).toEqual(expected.items.map((m) => m.title));
    expect(await list.getByLabel('留言类型', { exact: true }).count()).toBe(0);
    const options = await list.getByLabel('留言对象', { exact: true }).locator('option').allTextContents();
    expect(options[0]).toBe('示范县县长（含下属部门）');
    expect(options).toContain('示范县教育局');
    expect(options).not.toContain('示范县委书记');
  });

  it('我也关注 counts the reader once, at once on the card, and stays pressed after a reload', async () => {
    const list = await openBoard();
    const [first] = (await client.listMessages()).items;
    const card = list.locator('[part="card"]').first();
    const button = card.locator('[part="support"]');
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    expect((await button.textContent())!.replace(/\s+/g, ' ').trim()).toBe(`我也关注 ${first!.supportCount}`);

    const answered = browser.page.waitForResponse((r) => r.url().endsWith(`/messages/${first!.id}/support`) && r.request().method() === 'POST');
    await button.click();
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    expect((await button.textContent())!.replace(/\s+/g, ' ').trim()).toBe(`已关注 ${first!.supportCount + 1}`);
    expect((await answered).status()).toBe(200);
    expect((await client.getMessage(first!.id)).supportCount).toBe(first!.supportCount + 1);

    // Pressed again, after a reload too: nothing more is counted.
    await button.click();
    await browser.page.reload();
    await list.scrollIntoViewIfNeeded();
    await card.waitFor();
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    expect((await button.textContent())!.replace(/\s+/g, ' ').trim()).toBe(`已关注 ${first!.supportCount + 1}`);
    await card.getByRole('link', { name: first!.title }).click();
    const detailButton = list.locator('[part="detail"] [part="support"]');
    expect(await detailButton.getAttribute('aria-pressed')).toBe('true');
    await detailButton.click();
    expect((await client.getMessage(first!.id)).supportCount).toBe(first!.supportCount + 1);
  });

  it('a 我也关注 that does not get through says so under the button, the count back as it was; the next press counts', async () => {
    const list = await openBoard();
    const [, second] = (await client.listMessages()).items;
    const card = list.locator('[part="card"]').nth(1);
    const button = card.locator('[part="support"]');
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    const support = new RegExp(`/messages/${second!.id}/support$`);
    await browser.page.route(support, (route) => route.abort('internetdisconnected'));
    // The button at the very bottom of the screen, as a phone often has it: the line comes into view.
    await button.evaluate((b) => scrollBy({ top: b.getBoundingClientRect().bottom - innerHeight + 2, behavior: 'instant' }));
    await button.click();
    const failed = card.locator('[part="support-failed"]');
    expect(await failed.textContent()).toBe('未能关注，请检查网络后再试。');
    expect(await failed.getAttribute('role')).toBe('alert');
    const [said, height] = await Promise.all([failed.boundingBox(), browser.page.evaluate(() => innerHeight)]);
    expect(said!.y + said!.height).toBeLessThan(height + 1); // scrolled to a whole pixel
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    expect((await button.textContent())!.replace(/\s+/g, ' ').trim()).toBe(`我也关注 ${second!.supportCount}`);
    expect((await client.getMessage(second!.id)).supportCount).toBe(second!.supportCount);

    await browser.page.unroute(support);
    const answered = browser.page.waitForResponse((r) => support.test(r.url()) && r.request().method() === 'POST');
    await button.click();
    expect(await failed.count()).toBe(0);
    expect((await answered).status()).toBe(200);
    expect((await button.textContent())!.replace(/\s+/g, ' ').trim()).toBe(`已关注 ${second!.supportCount + 1}`);
    expect((await client.getMessage(second!.id)).supportCount).toBe(second!.supportCount + 1);
  });

  it('<liuyan-message message-id> shows one message on its own', async () => {
    const [item] = (await client.listMessages({ status: 'answered', limit: 1 })).items;
    await browser.page.goto(`${HOST}/`);
    await browser.page.evaluate((id) => {
      const message = document.createElement('liuyan-message');
      message.setAttribute('site', 'demo');
      message.setAttribute('message-id', id);
      const main = document.querySelector('main')!;
      main.insertBefore(message, main.firstChild);
    }, item!.id);
    const message = browser.page.locator('liuyan-message [part="message"]');
    await message.waitFor();
    expect(await message.locator('h3').textContent()).toBe(item!.title);
    expect(await message.locator('[part~="reply"]').count()).toBe(item!.replyCount);
  });
});

describe('examples/sdk-node', () => {
  it('list-replies.ts prints the answered messages of the county head and his departments, with their replies', async () => {
    const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['examples/sdk-node/list-replies.ts', 'u_county_head', '3'], {
      cwd: root, encoding: 'utf8', env: { ...process.env, LIUYAN_URL: WORKER },
    });
    expect(result.status, result.stderr).toBe(0);
    const expected = await client.listMessages({ unit: 'u_county_head', status: 'answered', limit: 3 });
    for (const m of expected.items) expect(result.stdout).toContain(`■ ${m.title}`);
    expect(result.stdout).toContain('示范县县长（含下属部门）');
    expect(result.stdout).toMatch(/ {2}示范县\S+ · 正式回复 · \d{4}-\d{2}-\d{2}\n {4}\S/);
  });
});
