// The one script a host page includes: `<script type="module" src="…/widget/liuyan.js">`.
// It is tiny; each element's code (and Lit, shared) is fetched only when its tag is on the page.

const elements: Record<string, () => Promise<unknown>> = {
  'liuyan-form': () => import('./liuyan-form/liuyan-form'),
  'liuyan-track': () => import('./liuyan-track/liuyan-track'),
};

const pending = new Set(Object.keys(elements));

function loadElementsInPage(): void {
  for (const tag of pending) {
    if (document.querySelector(tag)) {
      pending.delete(tag);
      void elements[tag]!();
    }
  }
  if (pending.size === 0) observer.disconnect();
}

// Tags added later (by a single-page app, say) load when they appear.
const observer = new MutationObserver(loadElementsInPage);
observer.observe(document.documentElement, { childList: true, subtree: true });
loadElementsInPage();

export type { LiuyanErrorDetail, LiuyanSubmittedDetail } from './events';
