// Reading the page's own form (the hosted write page draws one as HTML inside `<liuyan-form>`:
// worker/src/hosted/write-form.ts) for the element to take it over. A chunk of its own, fetched only
// where such a form is there, with the site config: most pages have none, and their form need not
// carry this. Imports nothing at run time (the form's file holds it all: the build would cut a shared chunk).
import type { FormValues } from './liuyan-form';

/** What the element takes from the page's form. */
export interface PlainFormReading {
  /**
   * All the form's values, once the citizen changed anything in it (or the service sent it back:
   * `data-sent`); null while untouched (a draft from an earlier visit then stays).
   */
  values: Omit<FormValues, 'unitLabel' | 'notifySms' | 'notifyEmail' | 'verificationCode'> | null;
  /** The errors the service sent back with it, by field (`title`, `author.phone`, `form`). */
  errors: Record<string, string>;
  /**
   * Puts the focus and the cursor where they were, on the same control found in `root` (the element's
   * form), and that control where it was on the screen; null: the focus was elsewhere.
   */
  refocus: ((root: Element | DocumentFragment) => void) | null;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A control's or an error line's id in the element's form: the page's form prefixes its own (`liuyan-title`: worker/src/hosted/write-form.ts `ID_PREFIX`), as it may sit in any website's page. */
const ownId = (id: string) => id.replace(/^liuyan-/, '');

/**
 * Whether the citizen changed a control from what the page was served with. A list with no option
 * marked `selected` shows its first one; a button or a fieldset holds nothing typed.
 */
function changed(control: Control): boolean {
  if (control instanceof HTMLSelectElement) {
    const served = Math.max(0, Array.from(control.options).findIndex((o) => o.defaultSelected));
    return control.selectedIndex !== served;
  }
  if (control instanceof HTMLInputElement) {
    return control.type === 'radio' || control.type === 'checkbox' ? control.checked !== control.defaultChecked : control.value !== control.defaultValue;
  }
  return control instanceof HTMLTextAreaElement && control.value !== control.defaultValue;
}

/** The element's values from what the page's form sends (its `FormData`, or the pairs kept when it was sent). */
function valuesOf(data: { get(name: string): unknown; has(name: string): boolean }): NonNullable<PlainFormReading['values']> {
  const text = (name: string) => String(data.get(name) ?? '');
  return {
    units: text('unitId') ? [text('unitId')] : [], type: text('type') as FormValues['type'], domain: text('domain') as FormValues['domain'],
    title: text('title'), body: text('body'), region: text('region'),
    name: text('author.name'), phone: text('author.phone'), email: text('author.email'),
    displayAs: (text('author.displayAs') || 'masked') as FormValues['displayAs'], isPublic: text('isPublic') !== 'false', consent: data.has('consent'),
  };
}

/**
 * The values a page's form sent as it is, from its `[name, value]` pairs as the loader kept them
 * (early-form.ts, `watchPageForm`); null for anything else.
 */
export function sentValues(pairs: unknown): PlainFormReading['values'] {
  if (!Array.isArray(pairs) || !pairs.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every((part) => typeof part === 'string'))) return null;
  return valuesOf(new URLSearchParams(pairs as [string, string][]));
}

/** Reads `form` (its values, its errors, where its focus is) for the element to take it over. */
export function readPlainForm(form: HTMLFormElement): PlainFormReading {
  const controls = Array.from(form.elements) as Control[];
  const values = form.hasAttribute('data-sent') || controls.some(changed) ? valuesOf(new FormData(form)) : null;
  const errors: Record<string, string> = {};
  for (const line of Array.from(form.querySelectorAll<HTMLElement>('.liuyan-error'))) errors[ownId(line.id).slice(0, -'-error'.length)] = line.textContent ?? '';
  const focused = controls.find((control) => control === document.activeElement);
  let refocus: PlainFormReading['refocus'] = null;
  if (focused) {
    // The same control: by its id, or a radio button by its place among those of its name.
    const place = controls.filter((c) => c.name === focused.name).indexOf(focused);
    const [start, end] = focused instanceof HTMLSelectElement ? [null, null] : [focused.selectionStart, focused.selectionEnd];
    const top = focused.getBoundingClientRect().top;
    refocus = (root) => {
      const same = focused.id
        ? root.querySelector<HTMLInputElement>(`[id="${ownId(focused.id)}"]`)
        : root.querySelectorAll<HTMLInputElement>(`[name="${focused.name}"]`)[place];
      if (!same) return;
      // The element's form has more above the control than the page's (counters, photos, reply
      // notices): the page scrolls by as much, so the control being typed in stays under the finger.
      same.focus({ preventScroll: true });
      scrollBy(0, same.getBoundingClientRect().top - top);
      if (start !== null && end !== null) same.setSelectionRange?.(start, end);
    };
  }
  return { values, errors, refocus };
}
