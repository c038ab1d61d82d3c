import { describe, expect, it } from 'vitest';
import { createClient } from '../sdk/src';
import { DEMO_ACCOUNTS } from '../worker/seed/demo-accounts';
import { CONSOLE, officialApi, sessionCookie, signedIn } from './console-helpers';
import { citizenPhone, useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

const browser = useBrowserPage();
const client = createClient({ baseUrl: WORKER, site: 'demo' });

describe('采纳: an adopted suggestion on the board', () => {
  it('the bureau marks a 建言 adopted with a public note in the console; the board shows 已采纳 and lists it among the adopted', async () => {
    const title = `建议在城东新区增设公共自行车点 ${Date.now() % 1_000_000}`;
    const { id } = await client.submitMessage({
      unitId: 'u_transport', type: 'suggestion', domain: 'transport', campaign: null, title,
      body: '城东新区居民越来越多，但附近没有公共自行车点，建议在新区广场和学校门口各设一个。', region: '示范县城关镇',
      author: { name: '陈明', phone: citizenPhone(), email: null, displayAs: 'masked' }, isPublic: true, consent: true,
    });
    expect((await officialApi(await sessionCookie(DEMO_ACCOUNTS.moderator), 'POST', `/v1/console/messages/${id}/publish`, {})).status).toBe(200);
    // 采纳 is offered once the bureau has taken the suggestion on (受理).
    expect((await officialApi(await sessionCookie(DEMO_ACCOUNTS.transport), 'POST', `/v1/console/messages/${id}/accept`, {})).status).toBe(200);

    const official = await signedIn(browser, DEMO_ACCOUNTS.transport);
    await official.page.goto(`${CONSOLE}#/messages/${id}`);
    const message = official.page.locator('liuyan-console-message');
    await message.locator('[part="actions"]').getByRole('button', { name: '采纳', exact: true }).click();
    const note = '已纳入县城公共自行车点布局规划，明年春季建设。';
    await message.locator('[part="action-form"]').getByLabel('采纳情况（公开）').fill(note);
    await message.locator('[part="action-form"] button[type="submit"]').click();
    await message.getByRole('status').getByText('已标记为采纳', { exact: true }).waitFor();
    expect(await message.locator('[part="adopted"]').textContent()).toBe('已采纳');
    expect(await message.locator('[part="actions"]').getByRole('button', { name: '采纳', exact: true }).count()).toBe(0);

    // The county website's board, only adopted suggestions (?adopted=true): the card with its badge.
    const adopted = await client.listMessages({ adopted: 'true' });
    expect(adopted.items.map((m) => m.id)).toContain(id);
    expect(adopted.items.every((m) => m.adoption !== null)).toBe(true);
    await browser.page.goto(`${HOST}/`);
    await browser.page.evaluate(() => {
      const list = document.createElement('liuyan-list');
      list.setAttribute('site', 'demo');
      list.setAttribute('adopted', '');
      // The page already has a list; a second one needs its own parameter for its messages to have addresses.
      list.setAttribute('param', 'adopted');
      list.id = 'adopted';
      const main = document.querySelector('main')!;
      main.insertBefore(list, main.firstChild);
    });
    const list = browser.page.locator('#adopted');
    await list.locator('[part="card"]').first().waitFor();
    expect(await list.locator('[part="card"] h3').allTextContents()).toEqual(adopted.items.map((m) => m.title));
    const card = list.locator('[part="card"]').filter({ hasText: title });
    expect(await card.locator('[part="adopted"]').textContent()).toBe('已采纳');
    // Opened, the message says what was adopted, where.
    await card.locator('h3').getByRole('link').click();
    await expect.poll(() => list.locator('[part="adoption"]').textContent()).toContain(note);

    expect(official.problems).toEqual([]);
    await official.page.context().close();
  }, 120_000);
});
