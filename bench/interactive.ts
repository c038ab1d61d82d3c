// Time to an interactive <liuyan-form> on a slow phone, as a ratio to the same form written as plain
// HTML, both served by the local stack and loaded cold in Chromium under the same emulation:
// DevTools' "Slow 4G" network (Network.emulateNetworkConditions) and 4× CPU slowdown
// (Emulation.setCPUThrottlingRate). Pages: examples/slow-network/{plain,widget,widget-preload}.html.
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
  /** Median ms until `<liuyan-form>` shows its form with the site's units (its send button rendered). */
  widgetMs: number;
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
  /** Every load, ms, in run order. */
  samples: { plain: number[]; widget: number[]; widgetPreload: number[] };
}

/** Checked every frame from the page's start: the moment its form is there to use, in ms since navigation. */
const WATCH = `(() => {
  const ready = () => {
    const form = document.querySelector('liuyan-form');
    if (form) return Boolean(form.shadowRoot && form.shadowRoot.querySelector('[part="form"] [part="submit"]') && form.shadowRoot.querySelector('#unitId option[value]:not([value=""])'));
    return document.readyState !== 'loading' && Boolean(document.querySelector('form button[type="submit"]'));
  };
  const check = () => (ready() ? (window.__interactiveAt = performance.now()) : requestAnimationFrame(check));
  requestAnimationFrame(check);
})();`;

async function loadOnce(browser: Browser, url: string): Promise<number> {
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
    await page.waitForFunction(() => (window as { __interactiveAt?: number }).__interactiveAt !== undefined, null, { timeout: 60_000, polling: 100 });
    return Math.round(await page.evaluate(() => (window as unknown as { __interactiveAt: number }).__interactiveAt));
  } finally {
    await context.close();
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** Times both pages on the stack at `origin` (after one unmeasured load of each, which warms the worker). */
export async function measureInteractive(origin: string): Promise<InteractiveTimes> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const plainUrl = `${origin}/examples/slow-network/plain.html`;
    const widgetUrl = `${origin}/examples/slow-network/widget.html`;
    const preloadUrl = `${origin}/examples/slow-network/widget-preload.html`;
    await loadOnce(browser, plainUrl);
    await loadOnce(browser, widgetUrl);
    await loadOnce(browser, preloadUrl);
    const samples = { plain: [] as number[], widget: [] as number[], widgetPreload: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      samples.plain.push(await loadOnce(browser, plainUrl));
      samples.widget.push(await loadOnce(browser, widgetUrl));
      samples.widgetPreload.push(await loadOnce(browser, preloadUrl));
    }
    const plainMs = median(samples.plain);
    const widgetMs = median(samples.widget);
    const ratio = Number((widgetMs / plainMs).toFixed(2));
    const preloadMs = median(samples.widgetPreload);
    const preloadRatio = Number((preloadMs / plainMs).toFixed(2));
    return {
      conditions: `Slow 4G (${SLOW_4G.latency} ms, ${(SLOW_4G.downloadThroughput * 8) / 1e6} Mbit/s down), CPU ${CPU_SLOWDOWN}× slower, cold cache`,
      runs: RUNS, plainMs, widgetMs, ratio,
      withModulepreload: { widgetMs: preloadMs, ratio: preloadRatio, withinGoal: preloadRatio <= GOAL_RATIO },
      goalRatio: GOAL_RATIO, withinGoal: ratio <= GOAL_RATIO, samples,
    };
  } finally {
    await browser.close();
  }
}
