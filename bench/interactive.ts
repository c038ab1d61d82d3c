// Time to an interactive <liuyan-form> on a slow phone, as a ratio to the same form written as plain
// HTML, both served by the local stack and loaded cold in Chromium under the same emulation:
// DevTools' "Slow 4G" network (Network.emulateNetworkConditions) and 4× CPU slowdown
// (Emulation.setCPUThrottlingRate). Pages: examples/slow-network/{plain,widget,widget-preload}.html,
// the service's own write page (/s/demo/write), which carries its form as HTML, and a county's page on
// its own origin with that form set into its HTML (GET /s/demo/form, as a server-side include puts it).
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { createServer, type Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';

/** Chrome DevTools' "Slow 4G" preset (front_end/core/sdk/NetworkManager.ts): 562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up. */
export const SLOW_4G = { latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 } as const;
export const CPU_SLOWDOWN = 4;
/** Loads of each page, alternating; the median is reported. */
const RUNS = 5;
export const GOAL_RATIO = 1.3;

export interface InteractiveTimes {
  conditions: string;
  runs: number;
  /** Median ms from navigation start until the plain page's form can be used (DOMContentLoaded, its button in the DOM). */
  plainMs: number;
  /**
   * Median ms until `<liuyan-form>` holds a form to use with the site's units: the one the loader builds
   * from the form as data (`GET /v1/sites/demo/form`, widget/src/liuyan-form/early-form.ts) while the
   * element's file is on its way, or the element's own, whichever is first.
   */
  widgetMs: number;
  /** Median ms until the element has drawn its own form (taken the loader's over). */
  widgetEnhancedMs: number;
  /** The form as data the loader asks for (`GET /v1/sites/demo/form`, the demo's 12 units), bytes as served (gzip level 9). */
  earlyFormData: { rawBytes: number; gzipBytes: number };
  /** widgetMs ÷ plainMs. */
  ratio: number;
  /**
   * The same form on a page that also names the form's file and the site's config beside the loader
   * (`<link rel="modulepreload">`, `<link rel="preload" as="fetch">`; widget-preload.html): median ms,
   * and its ratio to the plain page.
   */
  withModulepreload: { widgetMs: number; ratio: number; withinGoal: boolean };
  goalRatio: number;
  withinGoal: boolean;
  /**
   * The service's write page (/s/demo/write), whose HTML holds the form (worker/src/hosted/write-form.ts):
   * median ms until that form is there to fill and send (its send button parsed, the units listed),
   * its ratio to the plain page, and median ms until `<liuyan-form>` has taken it over (`enhancedMs`).
   */
  hostedWrite: { formMs: number; ratio: number; withinGoal: boolean; enhancedMs: number };
  /**
   * A county's page on its own origin (examples/slow-network/widget.html served by another server)
   * with the form the service gives websites set into its HTML (`GET /s/demo/form`) and the loader
   * from the service: as `hostedWrite`.
   */
  included: { formMs: number; ratio: number; withinGoal: boolean; enhancedMs: number };
  /**
   * The same county's page with nothing but the site's own loader (`<script type="module"
   * src="…/s/demo/liuyan.js">`, carrying the site config and the form as data: worker/src/routes/site-loader.ts)
   * and the empty element: median ms until a form is there to use (the loader's), its ratio to the plain
   * page, and median ms until the element has drawn its own (`enhancedMs`).
   */
  siteLoader: { formMs: number; ratio: number; withinGoal: boolean; enhancedMs: number };
  /** Every load, ms, in run order (`widget`, `hostedWrite`, `included`: a form there; `…Enhanced`: the element's own). */
  samples: {
    plain: number[]; widget: number[]; widgetEnhanced: number[]; widgetPreload: number[]; hostedWrite: number[]; hostedEnhanced: number[]; included: number[]; includedEnhanced: number[];
    siteLoader: number[]; siteLoaderEnhanced: number[];
  };
}

/**
 * Checked every frame from the page's start: the moments its form is there to use (`__interactiveAt`)
 * and drawn by `<liuyan-form>` (`__enhancedAt`), in ms since navigation. The page's own form inside
 * `<liuyan-form>` (the write page) is there once its send button, its last control, is parsed.
 */
const WATCH = `(() => {
  const enhanced = () => {
    const form = document.querySelector('liuyan-form');
    return Boolean(form && form.shadowRoot && form.shadowRoot.querySelector('[part="form"] [part="submit"]') && form.shadowRoot.querySelector('#unitId option[value]:not([value=""])'));
  };
  const ready = () => {
    const form = document.querySelector('liuyan-form');
    // A form in the page's HTML (the plain page's, the write page's) counts as the plain page's does:
    // the document parsed (readyState leaves 'loading' before deferred and module scripts run) and its button there.
    const parsed = document.readyState !== 'loading';
    if (form) return enhanced() || (parsed && Boolean(form.querySelector('form.plain-form button[type="submit"]') && form.querySelector('select[name="unitId"] option[value]:not([value=""])')));
    return parsed && Boolean(document.querySelector('form button[type="submit"]'));
  };
  const check = () => {
    if (window.__interactiveAt === undefined && ready()) window.__interactiveAt = performance.now();
    if (window.__enhancedAt === undefined && enhanced()) window.__enhancedAt = performance.now();
    if (window.__interactiveAt === undefined || (document.querySelector('liuyan-form') && window.__enhancedAt === undefined)) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

async function loadOnce(browser: Browser, url: string): Promise<number> {
  return (await loadTimes(browser, url)).interactive;
}

/** One cold load of `url`: ms until its form is there to use, and until `<liuyan-form>` drew its own (the same on the widget's pages). */
async function loadTimes(browser: Browser, url: string): Promise<{ interactive: number; enhanced: number }> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_4G });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.addInitScript(WATCH);
    await page.goto(url, { waitUntil: 'commit' });
    type Watched = { __interactiveAt?: number; __enhancedAt?: number };
    await page.waitForFunction(() => (window as Watched).__interactiveAt !== undefined, null, { timeout: 60_000, polling: 100 });
    const hasElement = await page.evaluate(() => document.querySelector('liuyan-form') !== null);
    if (hasElement) await page.waitForFunction(() => (window as Watched).__enhancedAt !== undefined, null, { timeout: 60_000, polling: 100 });
    const times = await page.evaluate(() => ({ interactive: (window as Watched).__interactiveAt!, enhanced: (window as Watched).__enhancedAt }));
    const interactive = Math.round(times.interactive);
    return { interactive, enhanced: Math.round(times.enhanced ?? times.interactive) };
  } finally {
    await context.close();
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/**
 * A county's website on `port` (127.0.0.1), from examples/slow-network/widget.html: at `/included`, with
 * the loader from the service at `origin` and, in place of the empty element, the form the service
 * gives websites, asked for once as a CMS would cache it; at `/site-loader`, with the site's own loader
 * (`/s/demo/liuyan.js`) from the service and the empty element.
 */
export async function includingHost(origin: string, port: number): Promise<{ url: string; siteLoaderUrl: string; server: Server }> {
  const form = await (await fetch(`${origin}/s/demo/form`)).text();
  if (!form.includes('<form class="plain-form"')) throw new Error(`GET ${origin}/s/demo/form gave no form: ${form.slice(0, 200)}`);
  const widgetPage = await readFile(new URL('../examples/slow-network/widget.html', import.meta.url), 'utf8');
  const pages: Record<string, string> = {
    '/included': widgetPage.replace('src="/widget/liuyan.js"', `src="${origin}/widget/liuyan.js"`).replace('<liuyan-form site="demo"></liuyan-form>', form),
    '/site-loader': widgetPage.replace('src="/widget/liuyan.js"', `src="${origin}/s/demo/liuyan.js"`),
  };
  const server = createServer((request, response) => {
    const page = pages[request.url ?? ''];
    if (page === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/included`, siteLoaderUrl: `http://127.0.0.1:${port}/site-loader`, server };
}

/**
 * Times the pages on the stack at `origin`, and the county's page with the form set into it on
 * `hostPort` (an origin the demo site must allow), after one unmeasured load of each, which warms the worker.
 */
export async function measureInteractive(origin: string, hostPort: number): Promise<InteractiveTimes> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const host = await includingHost(origin, hostPort);
  try {
    // Each page by its address without `.html`: the static assets answer `….html` with a redirect to
    // it (html_handling "auto-trailing-slash"), a round trip (562.5 ms here) before the page itself.
    const plainUrl = `${origin}/examples/slow-network/plain`;
    const widgetUrl = `${origin}/examples/slow-network/widget`;
    const preloadUrl = `${origin}/examples/slow-network/widget-preload`;
    await loadOnce(browser, plainUrl);
    await loadOnce(browser, widgetUrl);
    const hostedUrl = `${origin}/s/demo/write`;
    await loadOnce(browser, preloadUrl);
    await loadOnce(browser, hostedUrl);
    await loadOnce(browser, host.url);
    await loadOnce(browser, host.siteLoaderUrl);
    const samples: InteractiveTimes['samples'] = {
      plain: [], widget: [], widgetEnhanced: [], widgetPreload: [], hostedWrite: [], hostedEnhanced: [], included: [], includedEnhanced: [], siteLoader: [], siteLoaderEnhanced: [],
    };
    for (let i = 0; i < RUNS; i++) {
      samples.plain.push(await loadOnce(browser, plainUrl));
      const widget = await loadTimes(browser, widgetUrl);
      samples.widget.push(widget.interactive);
      samples.widgetEnhanced.push(widget.enhanced);
      samples.widgetPreload.push(await loadOnce(browser, preloadUrl));
      const hosted = await loadTimes(browser, hostedUrl);
      samples.hostedWrite.push(hosted.interactive);
      samples.hostedEnhanced.push(hosted.enhanced);
      const included = await loadTimes(browser, host.url);
      samples.included.push(included.interactive);
      samples.includedEnhanced.push(included.enhanced);
      const siteLoader = await loadTimes(browser, host.siteLoaderUrl);
      samples.siteLoader.push(siteLoader.interactive);
      samples.siteLoaderEnhanced.push(siteLoader.enhanced);
    }
    const data = Buffer.from(await (await fetch(`${origin}/v1/sites/demo/form`, { headers: { Origin: origin } })).arrayBuffer());
    const plainMs = median(samples.plain);
    const widgetMs = median(samples.widget);
    const ratio = Number((widgetMs / plainMs).toFixed(2));
    const preloadMs = median(samples.widgetPreload);
    const preloadRatio = Number((preloadMs / plainMs).toFixed(2));
    const hostedMs = median(samples.hostedWrite);
    const hostedRatio = Number((hostedMs / plainMs).toFixed(2));
    const includedMs = median(samples.included);
    const includedRatio = Number((includedMs / plainMs).toFixed(2));
    const siteLoaderMs = median(samples.siteLoader);
    const siteLoaderRatio = Number((siteLoaderMs / plainMs).toFixed(2));
    return {
      conditions: `Slow 4G (${SLOW_4G.latency} ms, ${(SLOW_4G.downloadThroughput * 8) / 1e6} Mbit/s down), CPU ${CPU_SLOWDOWN}× slower, cold cache`,
      runs: RUNS, plainMs, widgetMs, ratio, widgetEnhancedMs: median(samples.widgetEnhanced),
      earlyFormData: { rawBytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length },
      withModulepreload: { widgetMs: preloadMs, ratio: preloadRatio, withinGoal: preloadRatio <= GOAL_RATIO },
      hostedWrite: { formMs: hostedMs, ratio: hostedRatio, withinGoal: hostedRatio <= GOAL_RATIO, enhancedMs: median(samples.hostedEnhanced) },
      included: { formMs: includedMs, ratio: includedRatio, withinGoal: includedRatio <= GOAL_RATIO, enhancedMs: median(samples.includedEnhanced) },
      siteLoader: { formMs: siteLoaderMs, ratio: siteLoaderRatio, withinGoal: siteLoaderRatio <= GOAL_RATIO, enhancedMs: median(samples.siteLoaderEnhanced) },
      goalRatio: GOAL_RATIO, withinGoal: ratio <= GOAL_RATIO, samples,
    };
  } finally {
    await browser.close();
    host.server.close();
  }
}
