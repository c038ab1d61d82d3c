// The one script a host page includes: `<script type="module" src="…/widget/liuyan.js">`.
// It is tiny; each element's code (and Lit, shared) is fetched only when its tag is on the page,
// all its chunks at once, and the site config the form and the list read first along with them.

import { preloadSiteConfig } from '../../ui/preload';

/** Filled in by the build: the chunks each element imports, fetched in parallel with it. */
declare const __LIUYAN_PRELOADS__: Record<string, string[]>;

const elements: Record<string, () => Promise<unknown>> = {
  'liuyan-form': () => import('./liuyan-form/liuyan-form'),
  'liuyan-track': () => import('./liuyan-track/liuyan-track'),
  'liuyan-list': () => import('./liuyan-list/liuyan-list'),
  'liuyan-message': () => import('./liuyan-message/liuyan-message'),
  'liuyan-stats': () => import('./liuyan-stats/liuyan-stats'),
};

const pending = new Set(Object.keys(elements));
/** Elements that ask for their site's config first: the loader asks for it while their code loads. */
const READ_CONFIG_FIRST = new Set(['liuyan-form', 'liuyan-list']);
const scriptOrigin = new URL(import.meta.url).origin;
const preloaded = new Set<string>();

/** On a slow network every round trip counts: ask for an element's chunks all at once. */
function preloadChunksOf(tag: string): void {
  for (const chunk of __LIUYAN_PRELOADS__[tag] ?? []) {
    if (preloaded.has(chunk)) continue;
    preloaded.add(chunk);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = new URL(chunk, import.meta.url).href;
    document.head.appendChild(link);
  }
}

function loadElementsInPage(): void {
  for (const tag of pending) {
    if (document.querySelector(tag)) {
      pending.delete(tag);
      preloadChunksOf(tag);
      void elements[tag]!();
      if (READ_CONFIG_FIRST.has(tag)) for (const element of document.querySelectorAll(tag)) preloadSiteConfig(element, scriptOrigin);
    }
  }
  if (pending.size === 0) observer.disconnect();
}

// Tags added later (by a single-page app, say) load when they appear.
const observer = new MutationObserver(loadElementsInPage);
observer.observe(document.documentElement, { childList: true, subtree: true });
loadElementsInPage();

export type { LiuyanErrorDetail, LiuyanOpenDetail, LiuyanSubmittedDetail } from './events';
