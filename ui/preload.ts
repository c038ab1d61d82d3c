// The site config an element asks for first (GET /v1/sites/:site), asked for by the loader as soon
// as it finds the element's tag, while the element's own code is still on its way: on a slow
// network the two then take one round trip instead of one after the other. The element's client
// takes the answer (once) instead of asking again.

import { PRELOADED_KEY, siteConfigAddress } from '../sdk/src/preloaded';
import { localeOf } from './locale-of';

/** Shared by the loader and the elements, which are separate scripts: one map on the page's global object. */
const PRELOADED = Symbol.for(PRELOADED_KEY);
type Preloaded = Map<string, Promise<Response>>;

function preloaded(): Preloaded {
  const global = globalThis as { [PRELOADED]?: Preloaded };
  return (global[PRELOADED] ??= new Map());
}

/**
 * Where `element` asks the service: its `api` attribute, else `defaultApi` (where the widget script
 * came from), without a trailing slash (`https://liuyan.example.gov.cn/` → `https://liuyan.example.gov.cn`),
 * as the SDK client trims it, so an address made here is the one the element's client asks for.
 */
export function apiBaseOf(element: Element, defaultApi: string): string {
  return (element.getAttribute('api') || defaultApi).replace(/\/+$/, '');
}

/**
 * Starts fetching the config of `element`'s site (its `site` and `api` attributes; `defaultApi` is
 * where the widget script came from). The config does not depend on the language (Accept-Language
 * chooses only the language of an error's sentence: the first element's is asked for), so one request
 * serves every element of the site. A failure is left for the element's client to meet and retry.
 */
export function preloadSiteConfig(element: Element, defaultApi: string): void {
  const site = element.getAttribute('site');
  if (!site || !(element instanceof HTMLElement)) return;
  const url = siteConfigAddress(apiBaseOf(element, defaultApi), site);
  if (preloaded().has(url)) return;
  // In the element's language, as its client asks: an error's sentence (an unknown site) is said in it.
  const answer = fetch(url, { headers: { Accept: 'application/json', 'Accept-Language': localeOf(element) }, signal: AbortSignal.timeout(15_000) });
  answer.catch(() => {}); // met, and retried, by the element's client
  preloaded().set(url, answer);
}

/**
 * The answer kept for a GET of `url` (asked for by the loader, or carried by a site's own loader:
 * worker/src/routes/site-loader.ts), taken once: a second ask, a retry, goes to the network.
 */
export function takePreloaded(url: string): Promise<Response> | undefined {
  const early = preloaded().get(url);
  preloaded().delete(url);
  return early;
}

/**
 * `fetch`, except that a plain GET the loader already started (same address) is answered by that
 * request, once; every other request, and every retry, goes to the network.
 */
export const fetchPreloaded: typeof fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  return ((init?.method ?? 'GET') === 'GET' && !init?.cache && takePreloaded(url)) || fetch(input, init);
};
