import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../worker/seed/demo-accounts';
import { officialApi, sessionCookie } from './console-helpers';
import { citizenPhone, focused, TRACKING_CODE, useBrowserPage, type Focused } from './helpers';
import { HOST } from './ports';

const browser = useBrowserPage();


/**
 * Presses Tab (or Shift+Tab) until `wanted` has the focus, checking at every stop that the focus can
 * be seen; returns where it stopped.
 */
async function tabTo(page: Page, wanted: (f: Focused) => boolean, { back = false, max = 60 } = {}): Promise<Focused> {
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    stops.push(`${f.host} ${f.tag}#${f.id} ${f.kind} ${f.name.slice(0, 20)}`);
    expect(f.visible, `no focus indicator on ${stops.at(-1)}`).toBe(true);
    if (wanted(f)) return f;
  }
  throw new Error(`never reached the control after ${max} presses: ${stops.join(' | ')}`);
}

/** Presses `key` until the focused select's chosen option, or the checked radio, reads `label`. */
async function arrowTo(page: Page, label: string, key = 'ArrowDown', max = 40): Promise<void> {
  const current = () => page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (active instanceof HTMLSelectElement) return active.selectedOptions[0]?.textContent?.trim() ?? '';
    if (active instanceof HTMLInputElement && active.checked) return active.labels?.[0]?.textContent?.trim() ?? '';
    return '';
  });
  for (let i = 0; i < max && (await current()) !== label; i++) await page.keyboard.press(key);
  expect(await current()).toBe(label);
}

describe('the citizen’s whole loop with the keyboard alone', () => {
  it('pick a unit, write, send, copy the code, track it, rate the answer and ask a follow-up: Tab, Shift+Tab, Enter, Space and arrows only', async () => {
    const page = browser.page;
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: HOST });
    await page.goto(`${HOST}/`);
    await page.evaluate(() => document.addEventListener('liuyan-submitted', (e) => ((window as unknown as { sent: string }).sent = (e as CustomEvent<{ id: string }>).detail.id)));
    const form = page.locator('liuyan-form');
    await form.locator('[part="submit"]').waitFor();

    // Sent empty: the focus goes to the first invalid field (who to write to), and the error is announced with it.
    await tabTo(page, (f) => f.part === 'submit');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).id).toBe('unitId');
    expect(await form.locator('#unitId-error').textContent()).toBeTruthy();
    expect(await form.locator('#unitId').getAttribute('aria-describedby')).toContain('unitId-error');
    expect(await form.locator('[part="fix-fields"]').textContent()).toMatch(/^有\d+处填写有误/);
    await arrowTo(page, '示范县县长');

    // Type, domain, title, body.
    await tabTo(page, (f) => f.kind.startsWith('radio'));
    await arrowTo(page, '投诉', 'ArrowRight');
    await tabTo(page, (f) => f.id === 'domain');
    await arrowTo(page, '交通');
    const title = `城关镇斑马线信号灯太短 ${Date.now() % 1_000_000}`;
    await tabTo(page, (f) => f.id === 'title');
    await page.keyboard.type(title);
    await tabTo(page, (f) => f.id === 'body');
    await page.keyboard.type('城关镇人民路口的行人绿灯只有十五秒，老人走不过去。');
    // Back one field and forward again: Shift+Tab lands on the title.
    expect((await tabTo(page, () => true, { back: true })).id).toBe('title');
    await tabTo(page, (f) => f.id === 'region');
    await page.keyboard.type('示范县城关镇');
    await tabTo(page, (f) => f.id === 'author.name');
    await page.keyboard.type('陈明');
    await tabTo(page, (f) => f.id === 'author.phone');
    await page.keyboard.type(citizenPhone());
    await tabTo(page, (f) => f.id === 'consent');
    await page.keyboard.press('Space');

    // Sent: the focus is on the tracking code, a status region that reads it out.
    await tabTo(page, (f) => f.part === 'submit');
    await page.keyboard.press('Enter');
    await form.locator('[part="receipt"]').waitFor();
    const code = (await form.locator('[part="tracking-code"]').textContent())!.trim();
    expect(code).toMatch(TRACKING_CODE);
    await expect.poll(async () => (await focused(page)).part).toBe('tracking-code');
    expect(await form.locator('[part="tracking-code"]').evaluate((e) => e.localName === 'output' || e.getAttribute('role') === 'status')).toBe(true);
    // Its accessible name is its label and the code: a screen reader that reads a focused element by its name says the code.
    expect(await form.getByRole('status', { name: new RegExp(`^您的查询码\\S*\\s*${code}$`) }).count()).toBe(1);

    // Copied with Enter on 复制查询码.
    await tabTo(page, (f) => f.tag === 'button');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    // Said in a status region, which a screen reader reads out.
    await expect.poll(() => form.getByRole('status').filter({ hasText: '已复制' }).count()).toBe(1);

    // The county head's office accepts it and answers.
    const id = await page.evaluate(() => (window as unknown as { sent: string }).sent);
    const office = await sessionCookie(DEMO_ACCOUNTS.countyHead);
    expect((await officialApi(office, 'POST', `/v1/console/messages/${id}/accept`, {})).status).toBe(200);
    expect((await officialApi(office, 'POST', `/v1/console/messages/${id}/reply`, { kind: 'final', body: '已将该路口行人绿灯延长至三十秒。' })).status).toBe(200);

    // Tracked: the code pasted (Ctrl+V) into 查询码, Enter; the focus moves to the message's title, which is read out.
    const tracker = page.locator('liuyan-track');
    await tabTo(page, (f) => f.host === 'liuyan-track' && f.id === 'trackingCode', { max: 80 });
    await page.keyboard.press('Control+V');
    await page.keyboard.press('Enter');
    const message = tracker.locator('[part="message"]');
    await message.waitFor();
    expect(await message.textContent()).toContain('已将该路口行人绿灯延长至三十秒。');
    await expect.poll(async () => (await focused(page)).tag).toBe('h3');
    expect(await tracker.locator('[aria-live] [part="message"], [part="message"][aria-live]').count()).toBe(0);

    // Rated 5 in each group with the arrow keys, sent with Enter: the thanks take the focus and are announced.
    for (const group of ['overall', 'resolution', 'attitude', 'speed']) {
      await tabTo(page, (f) => f.host === 'liuyan-track' && f.kind.startsWith('radio'));
      expect((await focused(page)).inputName).toBe(group);
      for (let i = 0; i < 6 && !(await focused(page)).kind.endsWith(':5'); i++) await page.keyboard.press('ArrowRight');
      expect((await focused(page)).kind).toBe('radio:5');
      // An arrow checks the radio it lands on; Space checks the one already focused.
      await page.keyboard.press('Space');
    }
    await tabTo(page, (f) => f.name === '提交评价');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).part).toBe('notice');
    expect(await tracker.locator('[part="notice"][role="status"]').textContent()).toBe('感谢您的评价。');

    // A follow-up question, typed and sent with Enter on its button.
    await tabTo(page, (f) => f.tag === 'textarea');
    await page.keyboard.type('夜间的绿灯时间也会延长吗？');
    await tabTo(page, (f) => f.name === '提交追问');
    await page.keyboard.press('Enter');
    await expect.poll(() => tracker.locator('[part="notice"][role="status"]').textContent()).toMatch(/^追问已提交/);
  }, 180_000);
});
