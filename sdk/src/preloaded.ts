// What the widget's loader asks for before an element's own script has come, and the names under
// which it keeps the answers for the elements (one map on the page's global object: the loader and
// the elements are separate scripts). A site's own loader (`GET /s/:site/liuyan.js`) carries those
// answers in itself, under the same addresses, so each address is spelt here once for both.

/** `Symbol.for` key of the map of answers kept for the elements: address → the answer's promise (ui/preload.ts). */
export const PRELOADED_KEY = 'liuyan.preloaded';
/**
 * `Symbol.for` key of the address of the widget's loader (`…/widget/liuyan.js`), set by a site's own
 * loader, which is served from elsewhere (`/s/:site/liuyan.js`): the element files are named relative to it.
 */
export const LOADER_KEY = 'liuyan.loader';

/** The site config an element reads first: `GET {base}/v1/sites/{site}` (base without a trailing slash). */
export function siteConfigAddress(base: string, site: string): string {
  return `${base}/v1/sites/${encodeURIComponent(site)}`;
}

/** What the form as data is asked for with: the element's language and its `theme`, `unit`, `campaign` where set. */
export interface SiteFormAsked {
  lang: string;
  theme?: string | null;
  unit?: string | null;
  campaign?: string | null;
}

/**
 * The form as data for an element: `GET {base}/v1/sites/{site}/form?lang=…[&theme=…][&unit=…][&campaign=…]`,
 * its query always in that order (an answer kept under one spelling is found by no other).
 */
export function siteFormAddress(base: string, site: string, asked: SiteFormAsked): string {
  const query = new URLSearchParams({ lang: asked.lang });
  for (const name of ['theme', 'unit', 'campaign'] as const) {
    const value = asked[name];
    if (value) query.set(name, value);
  }
  return `${siteConfigAddress(base, site)}/form?${query}`;
}
