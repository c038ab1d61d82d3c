import { describe, expect, it, inject } from 'vitest';
import { queryD1 } from '../scripts/local-stack';
import { DEMO_ACCOUNTS } from '../worker/seed/demo-accounts';
import { CONSOLE, newOfficial, officialApi, sessionCookie, signInWith, watchForProblems } from './console-helpers';
import { useBrowserPage } from './helpers';

const browser = useBrowserPage();

/**
 * An official of the demo county who also works for a city on the same service: the same email and
 * password on a second site (as the site command or an admin of the city would add them).
 */
async function officialOnTwoSites() {
  const official = await newOfficial({ email: `both-${Date.now()}@demo.liuyan.local`, displayName: '市县两级联络员', role: 'moderator', unitIds: [] },
    await sessionCookie(DEMO_ACCOUNTS.admin));
  const now = new Date().toISOString();
  queryD1(inject('persistTo'), `INSERT OR IGNORE INTO sites (id, name, created_at, updated_at) VALUES ('e2e-city', '示范市人民政府', '${now}', '${now}');
    INSERT INTO accounts (id, site_id, email, display_name, role, password_hash, password_salt, password_iterations, created_at)
      SELECT id || '_city', 'e2e-city', email, display_name, role, password_hash, password_salt, password_iterations, created_at
      FROM accounts WHERE site_id = 'demo' AND email = '${official.email}'`);
  return official;
}

describe('signing in to the console', () => {
  it('asks for no site id; an official of two sites is asked which, and /console/?site= signs straight in', async () => {
    const official = await officialOnTwoSites();
    const { page } = browser;
    const problems = watchForProblems(page);
    await page.goto(CONSOLE);
    const form = page.locator('liuyan-console-sign-in');
    await form.getByLabel('电子邮箱').waitFor();
    expect(await form.getByLabel('站点编号').count()).toBe(0);

    await signInWith(page, official);
    const choice = form.getByRole('group', { name: '选择站点' });
    await choice.waitFor();
    expect(await choice.getByRole('radio').count()).toBe(2);
    await choice.getByRole('radio', { name: /示范市人民政府/ }).check();
    await form.getByRole('button', { name: '登录' }).click();
    await page.locator('liuyan-console-queue [part="queue"][aria-busy="false"]').waitFor({ state: 'attached' });
    expect(await page.locator('liuyan-console header').textContent()).toContain('示范市人民政府');

    // A link an admin hands out names the site: no question asked.
    const other = await (await page.context().browser()!.newContext({ locale: 'zh-CN' })).newPage();
    const otherProblems = watchForProblems(other);
    await other.goto(`${CONSOLE}?site=demo`);
    const otherForm = other.locator('liuyan-console-sign-in');
    await otherForm.getByText('登录到站点：demo').waitFor();
    await signInWith(other, official);
    await other.locator('liuyan-console-queue [part="queue"][aria-busy="false"]').waitFor({ state: 'attached' });
    expect(await other.locator('liuyan-console header').textContent()).toContain('示范县人民政府');
    expect([...problems, ...otherProblems]).toEqual([]);
  });
});
