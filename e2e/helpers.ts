import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';
import { queryD1 } from '../scripts/local-stack';
import { WORKER } from './ports';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let readers = 0;

/**
 * Chromium for a test file. Each context it opens is a reader at an address of its own, as citizens
 * are: the service counts tracking lookups, searches and writes per address and site
 * (`worker/src/middleware/rate-limit.ts`), and the suite's hundreds of readers, two files at a time,
 * would otherwise share the one loopback address's count and be refused by turns. The address goes in
 * `CF-Connecting-IP`, which `wrangler dev` passes on as Cloudflare's edge sets it; a test's own
 * `page.route` comes first and keeps it by calling `route.fallback()`.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Keep Chromium from reaching for the (closed) network on its own.
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    const reader = ++readers;
    const address = `10.${process.pid % 256}.${(reader >> 8) % 256}.${reader % 256}`;
    await context.route((url) => url.origin === WORKER, (route) =>
      route.fallback({ headers: { ...route.request().headers(), 'cf-connecting-ip': address } }));
    return context;
  };
  return browser;
}

/** What a test drives: one Chromium for the test file, a fresh context (no storage, cookies or drafts) and page per test. */
export interface BrowserPage {
  readonly context: BrowserContext;
  readonly page: Page;
}

/**
 * Registers the hooks that launch Chromium once for the calling test file and open a fresh context and page
 * (Chinese by default) for each test. Read `.page` and `.context` inside tests and hooks, not at module load.
 */
export function useBrowserPage(options: { locale?: string } = {}): BrowserPage {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await browser!.newContext({ locale: options.locale ?? 'zh-CN' });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });
  return {
    get context() {
      if (!context) throw new Error('useBrowserPage: the context exists only while a test runs');
      return context;
    },
    get page() {
      if (!page) throw new Error('useBrowserPage: the page exists only while a test runs');
      return page;
    },
  };
}

export function countMessagesTitled(title: string): number {
  return queryD1<{ n: number }>(inject('persistTo'), `SELECT count(*) AS n FROM messages WHERE title = '${title.replaceAll("'", "''")}'`)[0]!.n;
}

let citizens = 0;

/**
 * A phone number of a citizen of its own: the service takes only a few messages a day from one phone,
 * so each form a test fills is written by another citizen unless the test says which phone.
 */
export function citizenPhone(): string {
  return `1391${String(process.pid % 1000).padStart(3, '0')}${String(++citizens).padStart(4, '0')}`;
}

/** Fills `<liuyan-form>` as a citizen would: pick the recipient, type, domain, write, agree. */
export async function fillForm(page: Page, values: { title: string; body: string; unit?: string; department?: string; phone?: string; isPublic?: boolean; type?: string; domain?: string }) {
  const form = page.locator('liuyan-form');
  // The element's own form (a hosted write page shows the page's HTML form until the element takes it over).
  await form.locator('[part="form"]').waitFor();
  // Leaders and their departments are choices of the one list.
  await form.getByLabel('留言对象', { exact: true }).selectOption({ label: values.department ?? values.unit ?? '示范县县长' });
  await form.getByLabel(values.type ?? '投诉').check();
  await form.getByLabel('所属领域', { exact: true }).selectOption({ label: values.domain ?? '交通' });
  await form.getByLabel('标题', { exact: true }).fill(values.title);
  await form.getByLabel('留言内容', { exact: true }).fill(values.body);
  await form.getByLabel('所在地区', { exact: true }).fill('示范县城关镇');
  await form.getByLabel('姓名', { exact: true }).fill('陈明');
  await form.getByLabel('联系电话', { exact: true }).fill(values.phone ?? citizenPhone());
  if (values.isPublic === false) await form.getByRole('radio', { name: /^不公开/ }).check();
  await form.getByLabel(/我已阅读并同意隐私声明/).check();
}

/**
 * Fills the page's own form (not the element's), as a citizen whose script has not come. A drive's
 * (`drive`): the first unit and domain it offers, its one type chosen already.
 */
export async function fillPlainForm(page: Page, title: string, phone = '13912345678', { drive = false } = {}) {
  const form = page.locator('liuyan-form form.plain-form');
  if (drive) {
    await form.getByLabel('留言对象', { exact: true }).selectOption({ index: 1 });
    await form.getByLabel('所属领域', { exact: true }).selectOption({ index: 1 });
  } else {
    await form.getByLabel('留言对象', { exact: true }).selectOption({ label: '示范县县长' });
    await form.getByLabel('投诉').check();
    await form.getByLabel('所属领域', { exact: true }).selectOption({ label: '交通' });
  }
  await form.getByLabel('标题', { exact: true }).fill(title);
  await form.getByLabel('留言内容', { exact: true }).fill('城关镇幸福路的路灯已经一个星期不亮了，晚上走路很不安全。');
  await form.getByLabel('所在地区', { exact: true }).fill('示范县城关镇');
  await form.getByLabel('姓名', { exact: true }).fill('陈明');
  await form.getByLabel('联系电话', { exact: true }).fill(phone);
  await form.getByLabel(/我已阅读并同意隐私声明/).check();
}

export const TRACKING_CODE = /^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/;

/**
 * The form element's file at any of its addresses: the loader asks again at a fresh one
 * (`?retry=…`, widget/src/index.ts) two seconds after a failed fetch, so a route that keeps the
 * file away must match those too, or on a slow machine the file comes mid-test.
 */
export const FORM_FILE = /\/widget\/.*liuyan-form[^/]*\.js(\?.*)?$/;

/** Every file of the elements, at any of their addresses (as `FORM_FILE`). */
export const ELEMENT_FILES = /\/widget\/.*\.js(\?.*)?$/;

/**
 * Scrolls `element` into view until `ready()` holds. A board far down the page starts loading only when
 * it comes into view, and the page above it may still be growing as the elements there load, so one
 * scroll can leave it out of view again.
 */
export async function scrollUntil(element: Locator, ready: () => Promise<boolean>, timeout = 30_000): Promise<void> {
  await expect.poll(async () => {
    await element.scrollIntoViewIfNeeded();
    return ready();
  }, { timeout, interval: 500 }).toBe(true);
}

/** Holds back every request to `pattern` (a slow connection) until the returned function lets them go on. */
export async function holdRequests(page: Page, pattern: string): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** What has the focus, down through open shadow roots, and whether it shows a focus indicator. */
export interface Focused {
  /** The element holding it (`liuyan-form`, `liuyan-track`), or `page` for the county's own links. */
  host: string;
  tag: string;
  id: string;
  part: string;
  /** `type` of an input; for a radio, its value too (`radio:5`). */
  kind: string;
  /** What a screen reader names it by, roughly: its label's text, else its own text. */
  name: string;
  /** An outline (or box shadow) is drawn around it. */
  visible: boolean;
  /** The `name` of a form control, the `href` of a link (else ''). */
  inputName: string;
  href: string;
}

export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    let host = 'page';
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) {
      host = active.localName;
      active = active.shadowRoot.activeElement;
    }
    const el = active as HTMLElement;
    const style = getComputedStyle(el);
    const input = el as HTMLInputElement;
    const labels = 'labels' in input && input.labels ? [...input.labels].map((l) => l.textContent ?? '').join(' ') : '';
    return {
      host, tag: el.localName, id: el.id, part: el.getAttribute('part') ?? '',
      kind: el.localName === 'input' ? `${input.type}${input.type === 'radio' ? `:${input.value}` : ''}` : '',
      name: (el.getAttribute('aria-label') ?? labels ?? '').trim() || (el.textContent ?? '').trim(),
      visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
      inputName: el.getAttribute('name') ?? '', href: el.getAttribute('href') ?? '',
    };
  });
}
