// The one script of the hosted pages (/s/:site/…, served as /hosted/hosted.js): what their links
// cannot do by themselves. The pages work without it; it reads what it needs from <body data-…>,
// since the pages' CSP allows no inline script.
import type { LiuyanOpenDetail } from '../events';

/** What a hosted page in an iframe posts to its parent; /embed.js reads it. */
export interface HeightMessage {
  type: 'liuyan:height';
  /** The page's whole height, in CSS pixels. */
  height: number;
}

/** Posted by every hosted page shown in an iframe, so /embed.js can bring the frame's top into view when its page changes. */
export interface PageMessage {
  type: 'liuyan:page';
  /** Reached from another hosted page (a link followed inside the frame), not loaded by the host page. */
  navigated: boolean;
}

const { site = '', embed, lang, theme } = document.body.dataset;
const inEmbed = embed === '1';
/** What the page's own links carry on (worker/src/hosted/page.ts `hostedHref`): the embed, the language and the theme asked for. */
const view = new URLSearchParams({ ...(inEmbed && { embed: '1' }), ...(lang && { lang }), ...(theme && { theme }) }).toString();

// On a narrow screen the section tabs scroll sideways: the one this page is stays in view (its
// neighbours can be scrolled to), not cut off at the edge.
const currentTab = document.querySelector<HTMLElement>('.tabs [aria-current="page"]');
const tabs = currentTab?.parentElement;
if (currentTab && tabs && tabs.scrollWidth > tabs.clientWidth) {
  const [tab, strip] = [currentTab.getBoundingClientRect(), tabs.getBoundingClientRect()];
  tabs.scrollLeft += tab.left + tab.width / 2 - (strip.left + strip.width / 2);
  // A tab reached by the keyboard is scrolled whole into view: the browser scrolls only a tab wholly
  // hidden, and leaves one cut at the edge with its focus ring half off the screen.
  tabs.addEventListener('focusin', (event) => {
    const [tab, strip] = [(event.target as HTMLElement).getBoundingClientRect(), tabs.getBoundingClientRect()];
    if (tab.left < strip.left) tabs.scrollLeft -= strip.left - tab.left;
    else if (tab.right > strip.right) tabs.scrollLeft += tab.right - strip.right;
  });
}

// A message opened on the board gets its own page: a real address, so Back returns to the board and
// the link can be shared (in WeChat too).
document.addEventListener('liuyan-open', (event) => {
  const { id } = (event as CustomEvent<LiuyanOpenDetail>).detail;
  event.preventDefault();
  const page = `/s/${encodeURIComponent(site)}/messages/${encodeURIComponent(id)}${view ? `?${view}` : ''}`;
  // Opened by the board's own address (a card title opened in a new tab): that address is replaced, so
  // Back does not land on it and come straight back here.
  if (new URLSearchParams(location.search).has('liuyan')) location.replace(page);
  else location.assign(page);
});

// In an iframe: tell the parent the page's height whenever it changes, so its helper can size the
// iframe to fit. Any parent may read it ('*'): a height says nothing, and which pages may frame this
// one at all is the CSP's frame-ancestors (the site's allowed origins).
if (inEmbed && window.parent !== window) {
  let last = 0;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'liuyan:height', height } satisfies HeightMessage, '*');
  };
  new ResizeObserver(report).observe(document.documentElement);
  report();

  // A link followed inside the frame leaves the host page scrolled where the old page was read (often
  // its middle): the helper scrolls the frame's top into view, except for the frame's first page.
  // Followed from a hosted page, the referrer is that page (same origin, our referrer policy); the
  // helper also counts pages itself, for Back, which keeps the first page's referrer.
  const page = (navigated: boolean) => window.parent.postMessage({ type: 'liuyan:page', navigated } satisfies PageMessage, '*');
  const from = document.referrer.startsWith(`${location.origin}/`) ? new URL(document.referrer) : null;
  page(from !== null && from.pathname.startsWith('/s/'));
  // Back or Forward to a page kept whole by the browser runs no script again.
  window.addEventListener('pageshow', (event) => event.persisted && page(true));
}
