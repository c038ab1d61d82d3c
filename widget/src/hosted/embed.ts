// The optional helper for iframes of the hosted board (served as /embed.js). A host page that may
// run one classic script includes it beside its iframes:
//
//   <script src="https://liuyan.example.gov.cn/embed.js" async></script>
//
// and each iframe of the hosted pages then takes the height of its content (no inner scrollbar);
// when the reader goes to another page inside one, its top is scrolled into view (not on its first
// page: the host page's own scroll position is left alone then). It believes only messages from the
// Liuyan service (the origin this script came from) sent by the window of one of the page's own
// iframes, and takes only a height or "a page was shown" from them.
import type { HeightMessage, PageMessage } from './hosted';

/** A height past this is not a page (a runaway layout): the iframe stops growing there. */
const HEIGHT_MAX = 30_000;

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script?.src) return;
  const service = new URL(script.src).origin;
  /** Frames that have shown a page since this script started: any later page of theirs is a navigation. */
  const shown = new WeakSet<HTMLIFrameElement>();
  type Posted = { [K in keyof HeightMessage | keyof PageMessage]?: unknown };
  window.addEventListener('message', (event: MessageEvent<Posted | null>) => {
    if (event.origin !== service) return;
    const { data } = event;
    if (!data) return;
    const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow !== null && f.contentWindow === event.source);
    if (!frame) return;
    if (data.type === 'liuyan:height' && typeof data.height === 'number' && data.height > 0) {
      frame.style.height = `${Math.min(Math.ceil(data.height), HEIGHT_MAX)}px`;
    } else if (data.type === 'liuyan:page') {
      // Only when the frame's top is above the window: a reader who sees it already is not moved.
      if ((data.navigated === true || shown.has(frame)) && frame.getBoundingClientRect().top < 0) frame.scrollIntoView({ block: 'start' });
      shown.add(frame);
    }
  });
})();
