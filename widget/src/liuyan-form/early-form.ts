// The write page's form, built by the loader into `<liuyan-form>` before the element's own script has
// come. On a slow phone that script (Lit, the form and all it does: 24 KB gzip) is the last thing the
// citizen waits for; the form as data (`GET /v1/sites/:site/form`, ≈ 3 KB gzip) comes beside it, and
// is there to write in as soon as it has. The element then takes it over with what was typed, chosen
// and focused, as it takes over the form the write page and a county's page carry in their HTML
// (liuyan-form.ts, `adoptPlainForm`; plain-form.ts). In the loader's file, so it costs no round trip
// of its own.
import type { FormNode, SiteForm } from '../../../sdk/src/schemas/site';
import { THEMES } from '../../../sdk/src/themes';
import { localeOf } from '../../../ui/locale-of';
import { apiBaseOf, takePreloaded } from '../../../ui/preload';
import { siteFormAddress } from '../../../sdk/src/preloaded';
import { draftName, receiptName, sentFormName } from './draft-store';
import { outboxName } from '../internal/outbox';

/** The only elements the form is made of (worker/src/hosted/write-form.ts): nothing else is ever built, whatever an answer holds. */
const FORM_TAGS = new Set(['form', 'input', 'select', 'option', 'optgroup', 'textarea', 'label', 'span', 'div', 'p', 'fieldset', 'legend', 'details', 'summary', 'a', 'button']);
/** A page's form inside `<liuyan-form>`, for the element to take over (its HTML's, or built here). */
export const PAGE_FORM = 'liuyan-form > form.plain-form';
/** Stylesheets adopted by the page already, by their text: one per site's palette and theme. */
const adopted = new Set<string>();

/**
 * `node` as DOM: elements with `createElement`, attributes with `setAttribute`, text as text, so no
 * string is ever parsed as markup (a page enforcing Trusted Types allows it as it is). An element not
 * of the form, an event handler's attribute or an address that is not http(s) is left out.
 */
function build(node: FormNode | string): Node {
  if (typeof node === 'string') return document.createTextNode(node);
  if (!FORM_TAGS.has(node.tag)) return document.createTextNode('');
  const element: HTMLElement = document.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attributes)) {
    if (/^on/i.test(name) || ((name === 'href' || name === 'action') && !/^https?:/i.test(value))) continue;
    element.setAttribute(name, value);
  }
  for (const child of node.children) element.appendChild(build(child));
  return element;
}

/**
 * Whether this browser keeps something of an earlier visit the element shows in place of an empty form:
 * a draft to restore (draft-store.ts), a receipt (draft-store.ts) or a message waiting in the outbox (internal/outbox.ts). An empty form
 * built meanwhile would hide it, and what was typed into it would then replace the draft.
 */
function keptFromEarlier(site: string): boolean {
  try {
    return [localStorage.getItem(draftName(site)), sessionStorage.getItem(draftName(site)), sessionStorage.getItem(sentFormName(site)), sessionStorage.getItem(receiptName(site)), localStorage.getItem(outboxName(site))]
      .some((kept) => kept !== null);
  } catch {
    return false; // storage unavailable: nothing kept either
  }
}

/**
 * Watches `form` (a page's form the element will take over: built here, or the write page's and a
 * county's page's own), from the loader's start, for `site`'s element:
 * - marks it `data-composing` while a word is being composed in it (pinyin not yet chosen): the
 *   element, whose script may come mid-word, then waits for the word before taking the form over,
 *   rather than keeping its letters;
 * - marks it `data-submitted` once it is sent as it is: the page is on its way to the answer, and the
 *   element, should its script come meanwhile, takes nothing over (no copy stays as a draft);
 * - keeps what a form without the service's key sends (`sentFormName`: the loader's, one set into a
 *   county's page, whose sending stores nothing yet but leads to the write page to confirm it): the
 *   page it goes to may never come on a dropped connection, and a citizen who comes back would
 *   otherwise find the form empty. The write page's own form, with its key (`idempotencyKey`,
 *   worker/src/hosted/write-form.ts), stores the message: sent again from a copy it would be stored
 *   twice, so only that it was sent is kept (a reload of the failed page sends it again, with the
 *   same key), for the element not to take what the browser fills in again on the way back for typing.
 */
export function watchPageForm(form: HTMLFormElement, site: string): void {
  form.addEventListener('compositionstart', () => form.setAttribute('data-composing', ''));
  form.addEventListener('compositionend', () => form.removeAttribute('data-composing'));
  form.addEventListener('submit', () => {
    form.setAttribute('data-submitted', '');
    try {
      const page = performance.timeOrigin;
      const keyed = form.querySelector('[name="idempotencyKey"]') !== null;
      sessionStorage.setItem(sentFormName(site), JSON.stringify(keyed ? { page, keyed } : { page, pairs: [...new FormData(form)].filter(([, value]) => typeof value === 'string') }));
    } catch {
      // No storage: the form is sent all the same.
    }
  });
}

/**
 * Asks for `element`'s form as data (its site, `api`, language, `theme`, `unit` and `campaign`;
 * `defaultApi`: where the loader came from) and builds it into the element, with its stylesheet
 * adopted by the page (constructed, so no Content-Security-Policy has to allow an inline style), when
 * it comes before the element's own script; `asking` is called as it is asked for. Nothing is done
 * for an element that holds anything already (the write page's own form, a host's fallback), where
 * this browser keeps a draft or a waiting message for the site (`keptFromEarlier`), in a browser
 * without constructed stylesheets, or where the answer has no form (the site's form needs its script, hosted pages off,
 * a drive that takes no messages, a website the site does not allow, a failed request): the element
 * then draws its own form, as it always did. The loader offers one element per page (`PAGE_FORM`:
 * the form's ids are fixed, so a second one's labels would lead into the first).
 */
export function showEarlyForm(element: HTMLElement, defaultApi: string, asking: () => void): void {
  const site = element.getAttribute('site');
  if (!site || element.childElementCount > 0 || !('adoptedStyleSheets' in Document.prototype) || keptFromEarlier(site)) return;
  const base = apiBaseOf(element, defaultApi);
  const theme = element.getAttribute('theme');
  const address = siteFormAddress(base, site, {
    lang: localeOf(element),
    // `theme` only with a value the elements know (the service refuses any other).
    theme: theme && (THEMES as readonly string[]).includes(theme) ? theme : null,
    unit: element.getAttribute('unit'),
    campaign: element.getAttribute('campaign'),
  });
  asking();
  // A site's own loader (`/s/:site/liuyan.js`) came with the answer in it: no round trip then.
  (takePreloaded(address) ?? fetch(address, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(15_000) }))
    .then((answer) => (answer.ok ? (answer.json() as Promise<SiteForm>) : null))
    .then((answer) => {
      // Too late: the element has drawn its own form, or the page took it away or filled it.
      if (!answer?.form || answer.style === null || customElements.get('liuyan-form') || !element.isConnected || element.childElementCount > 0) return;
      if (!adopted.has(answer.style)) {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(answer.style);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        adopted.add(answer.style);
      }
      const form = build(answer.form) as HTMLFormElement;
      element.appendChild(form);
      watchPageForm(form, site);
    })
    .catch(() => undefined); // the element draws its own form
}
