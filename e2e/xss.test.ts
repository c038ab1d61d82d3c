// The script-injection corpus (worker/test/xss-corpus.ts) as every text a page shows, on a site of its
// own (`xss`, so no other test file sees its messages): its name, link words and overrides, its units,
// messages, replies, notes, a drive, a reply template, a webhook and an account, all entered through the
// API. Then every element on a county's page, the hosted pages, the API reference and every console page
// that shows those texts: each payload reads as text, no dialog opens, `window.__xss` stays undefined,
// and no element in the page or any shadow root has an `on…` attribute or a `javascript:` address.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createClient } from '../sdk/src';
import { createConsoleClient, type ConsoleClient } from '../sdk/src/console-client';
import { textLength, textProblem } from '../sdk/src/text';
import { queryD1 } from '../scripts/local-stack';
import { hashPassword } from '../worker/src/auth/password';
import { packed, XSS_HTTPS_URL, XSS_MARKER, XSS_PAYLOADS, type XssKind } from '../worker/test/xss-corpus';
import { CONSOLE, signedIn } from './console-helpers';
import { citizenPhone, holdRequests, scrollUntil, useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

const browser = useBrowserPage();

const SITE = 'xss';
const ADMIN = { email: 'admin@xss.liuyan.local', password: 'xss-corpus-password-2026' };

/** Payloads a one-line field of `max` characters keeps as typed: the first of each kind. */
function oneOfEachKind(max: number): string[] {
  const firsts = new Map<XssKind, string>();
  for (const p of XSS_PAYLOADS) if (!firsts.has(p.kind) && textProblem(p.text) === null && textLength(p.text) <= max) firsts.set(p.kind, p.text);
  return [...firsts.values()];
}
/** Every payload a body keeps (one with a bidirectional override is refused, see worker/src/routes/xss.test.ts). */
const LINES = XSS_PAYLOADS.map((p) => p.text).filter((t) => textProblem(t, { multiline: true }) === null);
const TITLES = oneOfEachKind(50);
const SHORT = oneOfEachKind(30);
/** The whole corpus, in bodies and replies of at most 2,000 characters. */
const BODIES = packed(LINES, 2000);

/** What the pages must show, entered below. */
interface Seeded {
  siteName: string;
  units: string[];
  messages: { id: string; title: string; body: string; reply: string }[];
  note: string;
  trackingCode: string;
  drive: { slug: string; title: string; description: string };
  template: { title: string; body: string };
  webhook: string;
  account: string;
  returnLabel: string;
  boardName: string;
  submitLabel: string;
}

/** The site and its admin, written to D1 as an operator would create them (once per run). */
async function createSite(): Promise<void> {
  const stored = await hashPassword(ADMIN.password);
  const now = new Date().toISOString();
  const origins = JSON.stringify([HOST, WORKER]);
  const limits = JSON.stringify({ perAddressHour: 10_000, perPhoneDay: 10_000, perSiteMinute: 100_000 });
  queryD1(inject('persistTo'), `INSERT INTO sites (id, name, allowed_origins, submission_limits, created_at, updated_at)
    VALUES ('${SITE}', '脚本注入测试县', '${origins}', '${limits}', '${now}', '${now}') ON CONFLICT DO NOTHING;
    INSERT INTO accounts (id, site_id, email, display_name, role, password_hash, password_salt, password_iterations, created_at)
    VALUES ('a_xss_admin', '${SITE}', '${ADMIN.email}', '测试管理员', 'admin', '${stored.hash}', '${stored.salt}', ${stored.iterations}, '${now}')
    ON CONFLICT DO NOTHING;`);
}

/** Everything an attacker could type, entered through the API as citizens and officials enter it. */
async function seed(officials: ConsoleClient): Promise<Seeded> {
  await officials.signIn(ADMIN);
  const siteName = TITLES[0]!;
  const [returnLabel, boardName, submitLabel] = [SHORT[1]!, SHORT[2]!, SHORT[3]!];
  await officials.admin.site.update({
    name: siteName, returnUrl: XSS_HTTPS_URL, returnLabel, privacyUrl: XSS_HTTPS_URL, shareImageUrl: XSS_HTTPS_URL,
    stringOverrides: { 'zh-CN': { 'hosted.boardName': boardName, 'form.submit': submitLabel } },
  });
  const unitNames = TITLES.slice(4, 7);
  const units = [];
  for (const name of unitNames) units.push(await officials.admin.units.create({ name, kind: 'department' }));
  const citizen = createClient({ baseUrl: WORKER, site: SITE });
  const messages: Seeded['messages'] = [];
  let trackingCode = '';
  for (const [i, title] of TITLES.entries()) {
    const body = BODIES[i] ?? `我要反映一个问题：${title}`;
    const created = await citizen.submitMessage({
      unitId: units[i % units.length]!.id, type: 'suggestion', domain: 'urban', campaign: null, title, body,
      region: TITLES[(i + 1) % TITLES.length]!, author: { name: '陈明', phone: citizenPhone(), email: null, displayAs: 'masked' }, isPublic: true, consent: true,
    });
    if (i === 0) trackingCode = created.trackingCode;
    await officials.messages.act(created.id, 'publish', {});
    await officials.messages.act(created.id, 'accept', {});
    const reply = BODIES[(i + 1) % BODIES.length]!;
    if (i < BODIES.length) await officials.messages.act(created.id, 'reply', { kind: 'final', body: reply });
    messages.push({ id: created.id, title, body, reply });
  }
  const note = packed(LINES, 500)[0]!;
  await officials.messages.act(messages[0]!.id, 'note', { body: note });
  await officials.messages.act(messages[0]!.id, 'adopt', { note: TITLES[2]! });
  const drive = { slug: 'xss-drive', title: TITLES[3]!, description: BODIES[0]! };
  await officials.admin.campaigns.create({
    ...drive, startsAt: '2026-01-01T00:00:00+08:00', endsAt: '2030-01-01T00:00:00+08:00', outlets: [{ name: SHORT[4]!, origin: HOST }],
  });
  const template = { title: TITLES[5]!, body: BODIES[1]! };
  await officials.admin.replyTemplates.create(template);
  const webhook = TITLES[6]!;
  // An event that never happens here: no delivery is tried to the (unreachable) address.
  await officials.admin.webhooks.create({ url: 'https://hooks.example.gov.cn/liuyan', description: webhook, events: ['message.escalated'] });
  const account = TITLES[7]!;
  await officials.admin.accounts.create({ email: 'responder@xss.liuyan.local', displayName: account, role: 'responder', unitIds: [units[0]!.id], password: 'another-long-password-2026' });
  return { siteName, units: unitNames, messages, note, trackingCode, drive, template, webhook, account, returnLabel, boardName, submitLabel };
}

/** What a page holds, read through every shadow root: its text (form values too), and anything that could run. */
interface PageScan {
  text: string;
  handlers: string[];
  scriptUrls: string[];
  marker: unknown;
}

function scan(page: Page): Promise<PageScan> {
  return page.evaluate((marker) => {
    const out = { text: '', handlers: [] as string[], scriptUrls: [] as string[], marker: (window as unknown as Record<string, unknown>)[marker] };
    const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcdoc', 'background', 'ping']);
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) out.text += `${node.textContent} `;
      if (node instanceof Element) {
        for (const attribute of node.attributes) {
          const name = attribute.name.toLowerCase();
          if (name.startsWith('on')) out.handlers.push(`<${node.localName} ${name}="${attribute.value}">`);
          // What a browser would follow: control characters and white space inside a scheme are ignored.
          const url = attribute.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
          if (URL_ATTRIBUTES.has(name) && /^(javascript|vbscript|data:text\/html)/.test(url)) out.scriptUrls.push(`<${node.localName} ${name}="${attribute.value}">`);
        }
        if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) out.text += `${node.value} `;
        if (node.shadowRoot) walk(node.shadowRoot);
      }
      for (const child of node.childNodes) walk(child);
    };
    walk(document);
    return out;
  }, XSS_MARKER);
}

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Waits until the page shows every one of `texts` (as text), then checks that nothing of them ran or
 * became markup: no dialog, no `window.__xss`, no `on…` attribute, no script address.
 */
async function expectShownAsText(page: Page, dialogs: string[], texts: string[], what: string): Promise<void> {
  const missing = async () => {
    const shown = squeeze((await scan(page)).text);
    return texts.filter((t) => !shown.includes(squeeze(t)));
  };
  await expect.poll(missing, { timeout: 30_000, interval: 500, message: `${what}: texts not shown` }).toEqual([]);
  // A payload that became markup would have run by now: images fail at once, focus and toggles fire on insertion.
  await page.waitForTimeout(300);
  const result = await scan(page);
  expect({ what, handlers: result.handlers, scriptUrls: result.scriptUrls, marker: result.marker, dialogs })
    .toEqual({ what, handlers: [], scriptUrls: [], marker: undefined, dialogs: [] });
}

/** Records every dialog a page opens (and closes it), so that one cannot pass unseen. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return dialogs;
}

describe('script-injection payloads on every page', () => {
  let seeded: Seeded;

  beforeAll(async () => {
    await createSite();
    seeded = await seed(createConsoleClient({ baseUrl: WORKER, keepSession: true, locale: 'zh-CN' }));
  }, 120_000);

  it('the elements on a county’s page (form, board, message, tracking, figures) show every payload as text', async () => {
    const page = browser.page;
    const dialogs = watchDialogs(page);
    const [first] = seeded.messages;
    // The county's own page, on its own origin (one the site allows, and a loopback server, as Chromium
    // wants for a page that loads from the loopback service); its elements replaced by this site's, every
    // element once (the loader loads what is added later too).
    await page.goto(`${HOST}/`);
    await page.locator('liuyan-form').waitFor();
    await page.evaluate(({ site, messageId }) => {
      for (const old of document.querySelectorAll('liuyan-form, liuyan-list, liuyan-track, liuyan-stats')) old.remove();
      for (const [tag, attributes] of [
        ['liuyan-form', {}], ['liuyan-message', { 'message-id': messageId }], ['liuyan-track', {}], ['liuyan-list', {}], ['liuyan-stats', {}],
      ] as const) {
        const element = document.createElement(tag);
        element.setAttribute('site', site);
        for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
        document.body.appendChild(element);
      }
    }, { site: SITE, messageId: first!.id });
    // Elements below the fold start when they come into view.
    const tracker = page.locator('liuyan-track');
    await scrollUntil(tracker, () => tracker.getByLabel('查询码').isVisible());
    await tracker.getByLabel('查询码').fill(seeded.trackingCode);
    await tracker.getByRole('button', { name: '查询' }).click();
    const list = page.locator('liuyan-list');
    await scrollUntil(list, async () => (await list.getByRole('heading').count()) > 0);
    const stats = page.locator('liuyan-stats');
    await scrollUntil(stats, () => stats.locator('[part~="figures"]').isVisible());
    await expectShownAsText(page, dialogs, [
      ...seeded.units, seeded.submitLabel, first!.title, first!.body, first!.reply,
      ...seeded.messages.slice(0, 10).map((m) => m.title),
    ], 'elements');
  });

  it('the form before the element’s file has come (built by the loader; set into the county’s page) shows every payload as text, and so once taken over', async () => {
    const page = browser.page;
    const dialogs = watchDialogs(page);
    // The element's file held back (a slow connection): what the citizen meanwhile sees is the service's form.
    const release = await holdRequests(page, '**/widget/**/liuyan-form*.js');
    for (const path of [`/one-form.html?site=${SITE}`, `/included.html?site=${SITE}`]) {
      await page.goto(`${HOST}${path}`, { waitUntil: 'commit' });
      await page.locator('liuyan-form form.plain-form button[type=submit]').waitFor();
      await expectShownAsText(page, dialogs, [seeded.submitLabel, ...seeded.units], `${path}, the page's form`);
      expect(await page.evaluate(() => customElements.get('liuyan-form'))).toBeUndefined();
    }
    release();
    await page.locator('liuyan-form [part="submit"]').waitFor();
    await expectShownAsText(page, dialogs, [seeded.submitLabel, ...seeded.units], 'the included form, taken over');
  });

  it('the hosted pages (board, a message, a drive, the form, the figures) and the API reference show every payload as text', async () => {
    const page = browser.page;
    const dialogs = watchDialogs(page);
    const [first, second] = seeded.messages;
    const pages: [path: string, texts: string[]][] = [
      [`/s/${SITE}/`, [seeded.siteName, seeded.returnLabel, seeded.boardName, ...seeded.messages.slice(0, 10).map((m) => m.title)]],
      [`/s/${SITE}/messages/${first!.id}`, [seeded.siteName, first!.title, first!.body, first!.reply, seeded.units[0]!]],
      [`/s/${SITE}/messages/${second!.id}`, [second!.title, second!.body, second!.reply]],
      [`/s/${SITE}/campaigns/${seeded.drive.slug}`, [seeded.drive.title, seeded.drive.description]],
      [`/s/${SITE}/write`, [seeded.submitLabel, ...seeded.units]],
      [`/s/${SITE}/stats`, [seeded.siteName]],
      ['/docs', []],
    ];
    for (const [path, texts] of pages) {
      await page.goto(`${WORKER}${path}`);
      await expectShownAsText(page, dialogs, texts, path);
    }
  });

  it('the console (queue, a message, units, accounts, drives, templates, webhooks, site, dashboard) shows every payload as text', async () => {
    const { page, problems } = await signedIn(browser, ADMIN);
    const dialogs = watchDialogs(page);
    const [first] = seeded.messages;
    const pages: [hash: string, texts: string[]][] = [
      ['#/queue?tab=replied', seeded.messages.slice(0, BODIES.length).map((m) => m.title)],
      [`#/messages/${first!.id}`, [first!.title, first!.body, first!.reply, seeded.note, seeded.units[0]!]],
      ['#/admin/site', [seeded.siteName, seeded.returnLabel, XSS_HTTPS_URL]],
      ['#/admin/units', seeded.units],
      ['#/admin/accounts', [seeded.account]],
      ['#/admin/campaigns', [seeded.drive.title]],
      ['#/admin/templates', [seeded.template.title]],
      ['#/admin/webhooks', [seeded.webhook]],
      ['#/dashboard', []],
    ];
    for (const [hash, texts] of pages) {
      await page.goto(`${CONSOLE}${hash}`);
      await expectShownAsText(page, dialogs, texts, hash);
    }
    expect(problems).toEqual([]);
  });
});
