// What the console's browser tests share: signing an official in, in a browser of their own, and
// watching the page for script errors and CSP violations.
import type { ConsoleMessage, Locator, Page } from 'playwright-core';
import type { BrowserPage } from './helpers';
import { WORKER } from './ports';

export const CONSOLE = `${WORKER}/console/`;

export interface Official {
  email: string;
  password: string;
}

/**
 * Everything that went wrong in the page: script errors, console errors and CSP violations. Failed
 * API answers the test provokes on purpose (401 before signing in, a wrong password) are not errors
 * of the page, and Chromium logs them only as "Failed to load resource".
 */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    const text = message.text();
    if (text.startsWith('Failed to load resource') && new URL(message.location().url).pathname.startsWith('/v1/')) return;
    problems.push(`${message.type()}: ${text}`);
  });
  return problems;
}

export async function signInWith(page: Page, { email, password }: Official): Promise<void> {
  const form = page.locator('liuyan-console-sign-in');
  await form.getByLabel('电子邮箱').fill(email);
  await form.getByLabel('密码').fill(password);
  await form.getByRole('button', { name: '登录' }).click();
}

/** An official's own browser: a fresh context (no cookies), signed in at /console/, the queue loaded. */
export async function signedIn(browser: BrowserPage, official: Official, viewport?: { width: number; height: number }): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.page.context().browser()!.newContext({ locale: 'zh-CN', ...(viewport ? { viewport } : {}) });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  await page.goto(CONSOLE);
  await signInWith(page, official);
  // Attached, not visible: an empty queue is a list of no height.
  await page.locator('liuyan-console-queue [part="queue"][aria-busy="false"]').waitFor({ state: 'attached' });
  return { page, problems };
}

/** An official's session for the API (the Cookie header), signed in as the console does. */
export async function sessionCookie({ email, password }: Official): Promise<string> {
  const response = await fetch(`${WORKER}/v1/auth/sign-in`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Origin: WORKER },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${email}: ${response.status}`);
  return response.headers.get('Set-Cookie')!.split(';')[0]!;
}

/** A request to the console or admin API with that session, from the console's own origin. */
export function officialApi(cookie: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${WORKER}${path}`, {
    method, headers: { Origin: WORKER, Cookie: cookie, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/**
 * A new official of the demo site, added through the admin API as an admin would (`account`: the
 * creation's body without the password), who has then replaced the first password (the admin knows
 * it, so it must be changed before anything else): signs in straight to the console.
 */
export async function newOfficial(account: Record<string, unknown> & { email: string }, adminCookie: string): Promise<Official> {
  const first = 'a-long-first-password-42';
  const created = await officialApi(adminCookie, 'POST', '/v1/admin/accounts', { ...account, password: first });
  if (created.status !== 201) throw new Error(`account ${account.email}: ${created.status}`);
  const official = { email: account.email, password: 'a-long-test-password-42' };
  const changed = await officialApi(await sessionCookie({ email: account.email, password: first }), 'POST', '/v1/console/password',
    { currentPassword: first, newPassword: official.password });
  if (changed.status !== 200) throw new Error(`password of ${account.email}: ${changed.status}`);
  return official;
}

/** Whether the control has the focus inside its element's shadow root. */
export function isFocused(control: Locator): Promise<boolean> {
  return control.evaluate((element) => element === (element.getRootNode() as ShadowRoot).activeElement);
}

/**
 * Chooses `name` in a console unit picker (`liuyan-console-unit-picker`) as an official would on a
 * tree of any size: searches for it, then picks the answer of that name.
 */
export async function pickUnit(picker: Locator, name: string): Promise<void> {
  const search = picker.getByRole('searchbox');
  await search.fill(name);
  await search.press('Enter');
  await picker.locator('[part="options"] button.pick').filter({ hasText: new RegExp(`^${name}`) }).first().click();
  await picker.locator('[part="chosen"]').filter({ hasText: name }).waitFor();
}

/**
 * The card of the message titled `title` in the queue open in `page` (`selector`: a card), found by
 * pressing 加载更多 until it shows: the queue puts the earliest due first, so a message sent just now
 * is at the end of its tab, behind what other tests left there.
 */
export async function queueCard(page: Page, title: string, selector = '[part="queue"] li'): Promise<Locator> {
  const queue = page.locator('liuyan-console-queue');
  const item = queue.locator(selector).filter({ hasText: title });
  for (let more = 0; (await item.count()) === 0 && more < 20; more++) {
    await queue.locator('[part="queue"][aria-busy="false"]').waitFor({ state: 'attached' });
    if ((await item.count()) > 0) break;
    await queue.getByRole('button', { name: '加载更多' }).click();
  }
  return item;
}
