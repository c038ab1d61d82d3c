// The one script a host page includes: `<script type="module" src="…/widget/liuyan.js">`, or for one
// site `…/s/:site/liuyan.js`, this file with the answers it asks for first (worker/src/routes/site-loader.ts).
// It is tiny; each element's code (with Lit) is fetched only when its tag is on the page — in one
// file when it is the page's only kind of element, else sharing Lit with the others through chunks —
// all its chunks at once, and the site config the form and the list read first along with them. The
// form is also asked for as data, and built into the page while the element's code is on its way
// (liuyan-form/early-form.ts).

import { freshAddress } from '../../ui/on-demand';
import { LOADER_KEY } from '../../sdk/src/preloaded';
import { preloadSiteConfig } from '../../ui/preload';
import { PAGE_FORM, showEarlyForm, watchPageForm } from './liuyan-form/early-form';

/** An element's file and the chunks it imports (relative to this script), filled in by the build. */
interface ElementFiles {
  file: string;
  chunks: string[];
  /** The form's chunk that reads a page's form for the element to take it over: asked for once the loader has built one. */
  takeOver?: string;
}
/**
 * Filled in by the build (scripts/build-widget.ts): each element built `alone` (one file, for a page
 * with only that element) and `shared` (sharing Lit and common code with the others through chunks).
 */
declare const __LIUYAN_ELEMENTS__: { alone: Record<string, ElementFiles>; shared: Record<string, ElementFiles> };

const TAGS = ['liuyan-form', 'liuyan-track', 'liuyan-list', 'liuyan-message', 'liuyan-stats'];
const pending = new Set(TAGS);
/** Elements that ask for their site's config first: the loader asks for it while their code loads. */
const READ_CONFIG_FIRST = new Set(['liuyan-form', 'liuyan-list']);
/**
 * This loader's address, which its element files are named relative to: where it came from, or, for
 * a site's own loader (`GET /s/:site/liuyan.js`: this file with the answers it would ask for first),
 * the widget's loader address that one names (`LOADER_KEY`).
 */
const here = (globalThis as { [key: symbol]: string | undefined })[Symbol.for(LOADER_KEY)] ?? import.meta.url;
const scriptOrigin = new URL(here).origin;
const preloaded = new Set<string>();
/** Whether this page loads the shared build: a second kind of element seen (at once or later) needs the same Lit. */
let shared = false;

/** On a slow network every round trip counts: ask for an element's chunks all at once, with it. */
function preload(files: string[]): void {
  for (const file of files) {
    if (preloaded.has(file)) continue;
    preloaded.add(file);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = new URL(file, here).href;
    document.head.appendChild(link);
  }
}

/** How many times an element's file is asked for again after a failed fetch, and the first wait, ms (doubling). */
const RETRIES = 5;
const FIRST_RETRY_MS = 2000;

/**
 * Imports an element's file. Should the fetch fail (a dropped connection), it is asked for again at
 * a fresh address (a browser keeps a failed module for the life of the page: ui/on-demand.ts) as
 * soon as the network is back, or after a wait that doubles each time, RETRIES times at most. The
 * chunks a shared build's file imports keep their addresses: one whose fetch failed stays failed.
 */
function importElement(url: string, attempt = 0): void {
  const address = attempt === 0 ? url : freshAddress(url);
  import(/* a file of the build, named in the table above */ address).catch(() => {
    if (attempt >= RETRIES) return;
    const again = (): void => {
      clearTimeout(timer);
      removeEventListener('online', again);
      importElement(url, attempt + 1);
    };
    const timer = setTimeout(again, FIRST_RETRY_MS * 2 ** attempt);
    addEventListener('online', again);
  });
}

function loadElementsInPage(): void {
  const found = [...pending].filter((tag) => document.querySelector(tag));
  if (found.length === 0) return;
  // One kind of element on the page: its file alone. Any more, now or later: the shared build.
  const build = !shared && found.length === 1 && pending.size === TAGS.length ? __LIUYAN_ELEMENTS__.alone : __LIUYAN_ELEMENTS__.shared;
  shared = build === __LIUYAN_ELEMENTS__.shared;
  for (const tag of found) {
    pending.delete(tag);
    const { file, chunks, takeOver } = build[tag]!;
    // A form to write in before the element's file has come: the page's own (the write page's, a
    // county's page's), or else the form as data, built here (on a slow network it comes well before
    // the element's file). The part that takes it over is asked for now, to be there with that file
    // (asked for by the element, it came a round trip after the file, and the take-over waited for it).
    // One such form per page, in the first element (its ids are fixed).
    if (takeOver) {
      let offered = document.querySelector(PAGE_FORM) !== null;
      for (const element of document.querySelectorAll<HTMLElement>(tag)) {
        const own = element.querySelector<HTMLFormElement>(':scope > form.plain-form');
        if (own) {
          watchPageForm(own, element.getAttribute('site') ?? '');
          preload([takeOver]);
        } else if (!offered) {
          offered = true;
          showEarlyForm(element, scriptOrigin, () => preload([takeOver]));
        }
      }
    }
    preload(chunks);
    importElement(new URL(file, here).href);
    if (READ_CONFIG_FIRST.has(tag)) for (const element of document.querySelectorAll(tag)) preloadSiteConfig(element, scriptOrigin);
  }
  if (pending.size === 0) observer.disconnect();
}

// Tags added later (by a single-page app, say) load when they appear.
const observer = new MutationObserver(loadElementsInPage);
observer.observe(document.documentElement, { childList: true, subtree: true });
loadElementsInPage();

export type { LiuyanErrorDetail, LiuyanOpenDetail, LiuyanSubmittedDetail } from './events';
