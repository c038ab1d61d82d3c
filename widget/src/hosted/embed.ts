// The optional helper for iframes of the hosted board (served as /embed.js). A host page that may
// run one classic script includes it beside its iframes:
//
//   <script src="https://liuyan.example.gov.cn/embed.js" async></script>
//
// and each iframe of the hosted pages then takes the height of its content (no inner scrollbar).
// It believes only messages from the Liuyan service (the origin this script came from) sent by the
// window of one of the page's own iframes, and takes only a height from them.
import type { HeightMessage } from './hosted';

/** A height past this is not a page (a runaway layout): the iframe stops growing there. */
const HEIGHT_MAX = 30_000;

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script?.src) return;
  const service = new URL(script.src).origin;
  window.addEventListener('message', (event: MessageEvent<Partial<HeightMessage> | null>) => {
    if (event.origin !== service) return;
    const { data } = event;
    if (!data || data.type !== 'liuyan:height' || typeof data.height !== 'number' || !(data.height > 0)) return;
    for (const frame of document.querySelectorAll('iframe')) {
      if (frame.contentWindow !== null && frame.contentWindow === event.source) {
        frame.style.height = `${Math.min(Math.ceil(data.height), HEIGHT_MAX)}px`;
        return;
      }
    }
  });
})();
