import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../scripts/local-stack';
import { createClient } from '../sdk/src';
import { DEMO_ACCOUNTS } from '../worker/seed/demo-accounts';
import { CONSOLE, officialApi, sessionCookie, signInWith } from './console-helpers';
import { citizenPhone, ELEMENT_FILES, fillForm, FORM_FILE, scrollUntil, TRACKING_CODE, useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

/** axe-core's rules for WCAG 2.2 level AA (and the A rules under it). */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE = path.join(root, 'node_modules/axe-core/axe.min.js');
const THEMES = ['light', 'dark', 'high-contrast'] as const;
/** The system's settings that pick each theme where a page follows them (the hosted pages, the console). */
const SYSTEM_THEMES = {
  light: { colorScheme: 'light', contrast: 'no-preference' },
  dark: { colorScheme: 'dark', contrast: 'no-preference' },
  'high-contrast': { colorScheme: 'light', contrast: 'more' },
} as const;

const browser = useBrowserPage();
const opened: BrowserContext[] = [];
afterEach(async () => {
  for (const context of opened.splice(0)) await context.close();
});

/** A fresh page whose CSP lets axe in (the hosted pages allow no script but their own). */
async function axePage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.context.browser()!.newContext({ locale: 'zh-CN', bypassCSP: true, viewport });
  opened.push(context);
  return context.newPage();
}

/**
 * axe's violations on the whole page (it reaches into the elements' open shadow roots), one line each:
 * of WCAG AA, or of the rules named.
 */
async function violations(page: Page, rules?: readonly string[]): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return [...await danglingReferences(page), ...await page.evaluate(async (runOnly) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: {
      id: string; nodes: { target: unknown[]; failureSummary?: string }[];
    }[] }> } }).axe;
    const result = await axe.run(document, { runOnly, resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} at ${JSON.stringify(n.target)}: ${n.failureSummary?.replaceAll('\n', ' ')}`));
  }, rules ? { type: 'rule', values: [...rules] } : { type: 'tag', values: [...WCAG_AA] })];
}

/**
 * Every id a control names (`for`, `aria-describedby`, `aria-labelledby`, `aria-controls`, …) that is
 * not in its document or shadow root, one line each. axe lets a description name an id that is missing
 * as long as one other is there, yet a screen reader then reads nothing for it, and an error line that
 * appears later under a stale name is not read at all.
 */
async function danglingReferences(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const attributes = ['for', 'aria-describedby', 'aria-labelledby', 'aria-controls', 'aria-errormessage', 'aria-activedescendant', 'aria-owns', 'aria-details', 'list'];
    const found: string[] = [];
    const walk = (root: Document | ShadowRoot, where: string) => {
      for (const element of root.querySelectorAll('*')) {
        for (const attribute of attributes) {
          const value = element.getAttribute(attribute);
          if (value === null || (attribute === 'for' && element.localName !== 'label' && element.localName !== 'output')) continue;
          for (const id of value.split(/\s+/).filter(Boolean)) {
            if (!root.getElementById(id)) found.push(`dangling ${attribute}="${id}" on ${where}${element.localName}#${element.id}`);
          }
        }
        if (element.shadowRoot) walk(element.shadowRoot, `${where}${element.localName} > `);
      }
    };
    walk(document, '');
    return found;
  });
}

/**
 * The violations in each theme, every Liuyan element on the page switched to it (`theme="…"`), keyed
 * `state/theme`: an empty object is a clean page.
 */
async function inEveryTheme(page: Page, state: string, found: Record<string, string[]>, themes: readonly string[] = THEMES): Promise<void> {
  for (const theme of themes) {
    await page.evaluate((theme) => {
      for (const element of document.querySelectorAll('liuyan-form, liuyan-list, liuyan-message, liuyan-track, liuyan-stats')) element.setAttribute('theme', theme);
    }, theme);
    const list = await violations(page);
    if (list.length > 0) found[`${state}/${theme}`] = list;
  }
}

const client = createClient({ baseUrl: WORKER, site: 'demo' });
/** A public complaint, published and answered, so it can be opened on the board and rated. */
let answered = { id: '', trackingCode: '' };

beforeAll(async () => {
  answered = await client.submitMessage({
    unitId: 'u_transport', type: 'complaint', domain: 'transport', campaign: null, title: `公交站台无障碍坡道被占用 ${Date.now() % 1_000_000}`,
    body: '城关镇汽车站站台的无障碍坡道常年被电动车占用，轮椅上不去。', region: '示范县城关镇',
    author: { name: '陈明', phone: citizenPhone(), email: null, displayAs: 'masked' }, isPublic: true, consent: true,
  });
  const moderator = await sessionCookie(DEMO_ACCOUNTS.moderator);
  expect((await officialApi(moderator, 'POST', `/v1/console/messages/${answered.id}/publish`, {})).status).toBe(200);
  const bureau = await sessionCookie(DEMO_ACCOUNTS.transport);
  expect((await officialApi(bureau, 'POST', `/v1/console/messages/${answered.id}/accept`, {})).status).toBe(200);
  expect((await officialApi(bureau, 'POST', `/v1/console/messages/${answered.id}/reply`, { kind: 'final', body: '已清理坡道并设置隔离桩。' })).status).toBe(200);
});

describe('axe finds no WCAG 2.2 AA violation in light, dark and high-contrast themes', () => {
  it('<liuyan-form>: empty, with field errors, sending, retrying, saved offline and the receipt', async () => {
    const found: Record<string, string[]> = {};
    const page = await axePage();
    await page.goto(`${HOST}/`);
    const form = page.locator('liuyan-form');
    await form.locator('[part="submit"]').waitFor();
    await inEveryTheme(page, 'empty', found);

    await form.locator('[part="submit"]').click();
    await form.locator('#title-error').waitFor();
    await inEveryTheme(page, 'field errors', found);

    // The county page on a phone: its own menu's links too are targets large enough (2.5.8).
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await violations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Sending: each submission is held until the test lets it go; the first then gets a 503 (busy), so
    // the form retries: 正在重试. (Should the client give up waiting first, it retries by itself: the same screen.)
    const gates: (() => void)[] = [];
    let held = true;
    let requests = 0;
    await page.route('**/v1/sites/demo/messages', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const n = ++requests;
      if (held) await new Promise<void>((resolve) => gates.push(resolve));
      if (n === 1) return route.fulfill({ status: 503, headers: { 'Retry-After': '0', 'Content-Type': 'application/problem+json' }, body: '{"type":"about:blank","title":"busy","status":503,"code":"overloaded"}' }).catch(() => {});
      return route.continue().catch(() => {});
    });
    await fillForm(page, { title: '城关镇老旧小区加装电梯进度', body: '我们小区去年报名加装电梯，至今没有开工，想了解进度。' });
    await form.locator('[part="submit"]').click();
    await form.locator('[part="submit"][aria-disabled="true"]').waitFor();
    // While sending, the focus stays on the button (a disabled one would drop it to the page) and the status says so.
    expect(await form.evaluate((el) => el.shadowRoot!.activeElement?.getAttribute('part'))).toBe('submit');
    expect(await form.locator('[part="status"]').textContent()).toContain('正在提交');
    await inEveryTheme(page, 'sending', found);
    gates.shift()?.();
    await form.locator('[part="status"] .notice').waitFor();
    await inEveryTheme(page, 'retrying', found);
    held = false;
    for (const open of gates.splice(0)) open();
    await form.locator('[part="receipt"]').waitFor();
    expect(await form.locator('[part="tracking-code"]').textContent()).toMatch(TRACKING_CODE);
    await inEveryTheme(page, 'receipt', found);

    // Offline: 已保存，联网后自动提交.
    const offline = await axePage();
    await offline.goto(`${HOST}/`);
    const later = offline.locator('liuyan-form');
    await later.locator('[part="submit"]').waitFor();
    await offline.context().setOffline(true);
    await fillForm(offline, { title: '城关镇夜市噪音扰民', body: '城关镇夜市每晚十二点后仍有高音喇叭，影响附近居民休息。' });
    await later.locator('[part="submit"]').click();
    await later.locator('[part="outbox"]').waitFor();
    await inEveryTheme(offline, 'saved offline', found);

    expect(found).toEqual({});
  }, 240_000);

  it('<liuyan-track>: the tracking result with its rating form, and the follow-up form after rating', async () => {
    const found: Record<string, string[]> = {};
    const page = await axePage();
    await page.goto(`${HOST}/#track`);
    const tracker = page.locator('liuyan-track');
    // 忘记查询码？ opened: its contact field is checked only while it shows.
    await tracker.locator('[part="lost-code"] summary').click();
    await tracker.locator('#lostContact').waitFor();
    await inEveryTheme(page, 'lost code form', found);
    await tracker.getByLabel('查询码', { exact: true }).fill(answered.trackingCode);
    await tracker.getByRole('button', { name: '查询', exact: true }).click();
    const rating = tracker.locator('[part="rating-form"]');
    await rating.waitFor();
    await inEveryTheme(page, 'tracking result and rating form', found);
    await rating.getByRole('button', { name: '提交评价' }).click();
    await rating.locator('#overall-error').waitFor();
    await inEveryTheme(page, 'rating errors', found);
    await rating.getByRole('radio', { name: '很满意', exact: true }).check();
    for (const group of ['resolution', 'attitude', 'speed']) await rating.locator(`input[name="${group}"][value="5"]`).check();
    await rating.getByRole('button', { name: '提交评价' }).click();
    await tracker.locator('[part="follow-up-form"]').waitFor();
    await inEveryTheme(page, 'rated, follow-up form', found);
    expect(found).toEqual({});
  }, 180_000);

  it('<liuyan-list> and <liuyan-stats>: the board, an opened message and the statistics', async () => {
    const found: Record<string, string[]> = {};
    const page = await axePage();
    await page.goto(`${HOST}/`);
    const list = page.locator('liuyan-list');
    await scrollUntil(list, async () => (await list.locator('[part="card"]').count()) > 0);
    const stats = page.locator('liuyan-stats');
    await scrollUntil(stats, async () => (await stats.locator('[part="figures"]').count()) > 0);
    await inEveryTheme(page, 'board and statistics', found);
    await page.goto(`${HOST}/?liuyan=${answered.id}#board`);
    await scrollUntil(list, async () => (await list.getByText('已清理坡道并设置隔离桩。').count()) > 0);
    await inEveryTheme(page, 'opened message', found);
    expect(found).toEqual({});
  }, 180_000);

  describe('the hosted pages: board, write, track, statistics and a message, framed and not', () => {
    const ADDRESSES = ['/s/demo/', '/s/demo/write', '/s/demo/track', '/s/demo/stats', '/s/demo/messages/{id}', '/s/demo/write?embed=1'];
    /** The page's background and that of its first Liuyan element, once every element has drawn itself. */
    async function open(page: Page, address: string): Promise<{ page: string; element: string | null }> {
      await page.goto(`${WORKER}${address.replace('{id}', answered.id)}`);
      await page.waitForFunction(() => [...document.querySelectorAll('liuyan-form, liuyan-list, liuyan-track, liuyan-stats')]
        .every((e) => e.shadowRoot && e.shadowRoot.childElementCount > 0 && !e.shadowRoot.querySelector('[aria-busy="true"]')));
      return page.evaluate(() => {
        const element = document.querySelector('liuyan-form, liuyan-list, liuyan-track, liuyan-stats');
        return { page: getComputedStyle(document.querySelector('main')!).backgroundColor, element: element && getComputedStyle(element).backgroundColor };
      });
    }
    /** The surface of each theme, on the page's main part and on its elements (hosted/theme.ts, ui/tokens.styles.ts). */
    const SURFACE = { light: 'rgb(255, 255, 255)', dark: 'rgb(27, 27, 29)', 'high-contrast': 'rgb(255, 255, 255)' };

    it('follow the system: light, dark (prefers-color-scheme) and high contrast (prefers-contrast: more)', async () => {
      const found: Record<string, string[]> = {};
      const page = await axePage({ width: 390, height: 844 });
      for (const [theme, media] of Object.entries(SYSTEM_THEMES)) {
        await page.emulateMedia(media);
        for (const address of ADDRESSES) {
          const painted = await open(page, address);
          expect(painted.page, `${address} ${theme}`).toBe(SURFACE[theme as keyof typeof SURFACE]);
          if (painted.element) expect(painted.element, `${address} ${theme}`).toBe(painted.page);
          const list = await violations(page);
          if (list.length > 0) found[`${address} system ${theme}`] = list;
        }
      }
      expect(found).toEqual({});
    }, 300_000);

    it('the write page’s own form (before or without its script): empty and sent back with its errors, in every theme; set into a county’s page and on a drive’s page too', async () => {
      const found: Record<string, string[]> = {};
      const page = await axePage({ width: 390, height: 844 });
      // The element's scripts never come: the page's own form is what is read.
      await page.route(ELEMENT_FILES, (route) => route.abort('connectionfailed'));
      for (const [theme, media] of Object.entries(SYSTEM_THEMES)) {
        await page.emulateMedia(media);
        for (const query of ['', '?theme=dark', '?theme=high-contrast']) {
          await page.goto(`${WORKER}/s/demo/write${query}`);
          const list = await violations(page);
          if (list.length > 0) found[`empty ${theme}${query}`] = list;
          // Sent with nothing typed but the title: every field's error beside it.
          await page.getByLabel('标题', { exact: true }).fill('路灯');
          await page.evaluate(() => document.querySelector<HTMLFormElement>('form.plain-form')!.submit());
          await page.locator('form.plain-form p.liuyan-error').first().waitFor();
          expect(await page.locator('form.plain-form p.liuyan-error').count()).toBeGreaterThan(3);
          const sent = await violations(page);
          if (sent.length > 0) found[`errors ${theme}${query}`] = sent;
        }
        // The same form set into a county's page (GET /s/:site/form), and on a drive's page, in the system's theme.
        for (const address of [`${HOST}/included.html`, `${WORKER}/s/demo/campaigns/jianyan-2026`]) {
          await page.goto(address);
          const list = await violations(page);
          if (list.length > 0) found[`${address} ${theme}`] = list;
        }
      }
      expect(found).toEqual({});
    }, 300_000);

    it('the form the loader builds before the element’s file has come, in each theme the element takes, under each system setting', async () => {
      const found: Record<string, string[]> = {};
      const page = await axePage({ width: 390, height: 844 });
      // The loader and the form as data come; the element's file never does.
      await page.route(FORM_FILE, (route) => route.abort('connectionfailed'));
      for (const [system, media] of Object.entries(SYSTEM_THEMES)) {
        await page.emulateMedia(media);
        for (const theme of ['', 'light', 'dark', 'auto', 'high-contrast']) {
          await page.goto(`${HOST}/one-form.html?site=demo${theme ? `&theme=${theme}` : ''}`);
          await page.locator('liuyan-form form.plain-form button[type=submit]').waitFor();
          // Drawn in the theme asked for: dark where the element would be dark.
          const dark = theme === 'dark' || (theme === 'auto' && system === 'dark');
          expect(await page.locator('liuyan-form').evaluate((element) => getComputedStyle(element).backgroundColor), `theme="${theme}" ${system}`)
            .toBe(dark ? SURFACE.dark : theme === '' ? 'rgba(0, 0, 0, 0)' : SURFACE.light);
          const list = await violations(page);
          if (list.length > 0) found[`theme="${theme}" ${system}`] = list;
        }
      }
      expect(found).toEqual({});
    }, 300_000);

    it('take ?theme=dark and ?theme=high-contrast whatever the system’s setting', async () => {
      const found: Record<string, string[]> = {};
      const page = await axePage({ width: 390, height: 844 });
      await page.emulateMedia(SYSTEM_THEMES.light);
      for (const theme of ['dark', 'high-contrast'] as const) {
        for (const address of ADDRESSES) {
          const painted = await open(page, `${address}${address.includes('?') ? '&' : '?'}theme=${theme}`);
          expect(painted.page, `${address} ${theme}`).toBe(SURFACE[theme]);
          if (painted.element) expect(painted.element, `${address} ${theme}`).toBe(painted.page);
          const list = await violations(page);
          if (list.length > 0) found[`${address} ?theme=${theme}`] = list;
        }
      }
      // A link followed keeps the theme: the board's tab, then a card opened from the board.
      await page.emulateMedia(SYSTEM_THEMES.dark);
      await open(page, '/s/demo/write?theme=light');
      await page.getByRole('link', { name: '留言选登' }).click();
      await page.waitForURL(/\/s\/demo\/\?theme=light$/);
      const card = page.locator('liuyan-list [part~="card"]').first();
      await scrollUntil(page.locator('liuyan-list'), async () => (await card.count()) > 0);
      await card.locator('h3 a').click();
      await page.waitForURL(/\/s\/demo\/messages\/m_[a-z0-9]+\?theme=light$/);
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('main')!).backgroundColor)).toBe(SURFACE.light);
      expect(found).toEqual({});
    }, 300_000);
  });

  it('theme="auto" follows the system’s light, dark or high-contrast setting', async () => {
    const page = await axePage();
    await page.goto(`${HOST}/`);
    const form = page.locator('liuyan-form');
    await form.locator('[part="submit"]').waitFor();
    await page.evaluate(() => document.querySelector('liuyan-form')!.setAttribute('theme', 'auto'));
    const surface = () => form.evaluate((e) => getComputedStyle(e).backgroundColor);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await surface()).toBe('rgb(27, 27, 29)');
    const found: Record<string, string[]> = {};
    await form.locator('[part="submit"]').click();
    await form.locator('#title-error').waitFor();
    await inEveryTheme(page, 'system dark, field errors', found, ['auto']);
    expect(found).toEqual({});
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await surface()).toBe('rgb(255, 255, 255)');
    // More contrast asked for, dark or not: the high-contrast palette (black text on white).
    const text = () => form.evaluate((e) => getComputedStyle(e).color);
    await page.emulateMedia({ colorScheme: 'dark', contrast: 'more' });
    expect([await surface(), await text()]).toEqual(['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
    await inEveryTheme(page, 'system high contrast, field errors', found, ['auto']);
    expect(found).toEqual({});
  }, 120_000);

  // The console follows the system's setting (console/palette.ts): each page is checked light, dark and in high contrast.
  it('the console in light, dark and high contrast: sign-in, the queue, a message with its reply form sent empty, the dashboard, the account and every admin page', async () => {
    const found: Record<string, string[]> = {};
    const page = await axePage();
    /** The violations of the page as it is, under each system setting, keyed `state/theme`. */
    const inEverySystemTheme = async (state: string) => {
      for (const [theme, media] of Object.entries(SYSTEM_THEMES)) {
        await page.emulateMedia(media);
        const list = await violations(page);
        if (list.length > 0) found[`${state}/${theme}`] = list;
      }
      await page.emulateMedia(SYSTEM_THEMES.light);
    };
    await page.goto(CONSOLE);
    await page.locator('liuyan-console-sign-in button[type="submit"]').waitFor();
    // The console's colours, as the official sees them, in the dark.
    await page.emulateMedia(SYSTEM_THEMES.dark);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(18, 18, 20)');
    await inEverySystemTheme('sign-in');
    await signInWith(page, DEMO_ACCOUNTS.admin);
    await page.locator('liuyan-console-queue [part="queue"][aria-busy="false"]').waitFor({ state: 'attached' });
    await inEverySystemTheme('queue');

    await page.goto(`${CONSOLE}#/messages/${answered.id}`);
    const message = page.locator('liuyan-console-message');
    await message.locator('[part="actions"]').getByRole('button', { name: '回复', exact: true }).click();
    const form = message.locator('[part="action-form"]');
    await form.locator('button[type="submit"]').click();
    await form.locator('[part="fix-fields"]').waitFor();
    await inEverySystemTheme('message, reply form with errors');

    const admin = ['site', 'calendar', 'units', 'accounts', 'templates', 'campaigns', 'export', 'audit', 'integrations', 'webhooks', 'notifications', 'protection'];
    for (const address of ['#/dashboard', '#/account', ...admin.map((s) => `#/admin/${s}`)]) {
      await page.goto(`${CONSOLE}${address}`);
      // Loaded: no part of the page still says it is busy.
      await page.waitForFunction(() => {
        const busy = (root: Document | ShadowRoot): boolean => [...root.querySelectorAll('*')].some((e) => e.getAttribute('aria-busy') === 'true' || (e.shadowRoot !== null && busy(e.shadowRoot)));
        return document.querySelector('liuyan-console')?.shadowRoot?.childElementCount && !busy(document);
      });
      await inEverySystemTheme(address);
      // A screen reader's list of landmarks tells each search and form apart (a page's own search and
      // a unit picker's are both search landmarks).
      const landmarks = await violations(page, ['landmark-unique']);
      if (landmarks.length > 0) found[`${address}/landmarks`] = landmarks;
    }

    // Forms sent with errors: each error beside its control, and named by it.
    await page.goto(`${CONSOLE}#/account`);
    const account = page.locator('liuyan-console-account');
    await account.locator('#smsPhone').fill('!!bad');
    await account.getByRole('button', { name: '保存手机号' }).click();
    await account.locator('#smsPhone-error[role="alert"]').waitFor();
    expect(await account.locator('#smsPhone').getAttribute('aria-describedby')).toBe('smsPhone-hint smsPhone-error');
    await inEverySystemTheme('#/account, a mobile refused');
    await page.goto(`${CONSOLE}#/admin/accounts`);
    const accounts = page.locator('liuyan-console-admin-accounts');
    await accounts.getByRole('button', { name: '新建账号' }).first().click();
    await accounts.locator('[role="alert"]').first().waitFor();
    await inEverySystemTheme('#/admin/accounts, a new account sent empty');
    expect(found).toEqual({});
  }, 360_000);
});
