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
  values: Omit<FormValues, 'unitLabel' | 'verificationCode'> | null;
  /** The errors the service sent back with it, by field (`title`, `author.phone`, `form`). */
  errors: Record<string, string>;
  /**
   * Puts back in `root` (the element's form) what the citizen saw: the privacy notice open if it was,
   * a text area scrolled as it was, and the focus and the cursor on the same control, that control
   * where it was on the screen; null: nothing to put back.
   */
  restoreView: ((root: Element | DocumentFragment) => void) | null;
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
    notifySms: data.has('notify.sms'), notifyEmail: data.has('notify.email'),
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
  const noticeOpen = form.querySelector('details')?.open === true;
  // A long letter scrolled in its box (the line being typed at the bottom of it).
  const scrolled = controls.filter((c) => c instanceof HTMLTextAreaElement && c.scrollTop > 0).map((c) => [ownId(c.id), c.scrollTop] as const);
  if (!focused && !noticeOpen && scrolled.length === 0) return { values, errors, restoreView: null };
  // The same control: by its id, or a radio button by its place among those of its name.
  const place = focused ? controls.filter((c) => c.name === focused.name).indexOf(focused) : -1;
  const [start, end] = !focused || focused instanceof HTMLSelectElement ? [null, null] : [focused.selectionStart, focused.selectionEnd];
  const top = focused?.getBoundingClientRect().top ?? 0;
  const restoreView = (root: Element | DocumentFragment) => {
    const notice = root.querySelector('details');
    if (noticeOpen && notice) notice.open = true;
    const same = !focused ? null : focused.id
      ? root.querySelector<HTMLInputElement>(`[id="${ownId(focused.id)}"]`)
      : root.querySelectorAll<HTMLInputElement>(`[name="${focused.name}"]`)[place];
    if (same) {
      same.focus({ preventScroll: true });
      if (start !== null && end !== null) same.setSelectionRange?.(start, end);
    }
    // Placing the cursor scrolls its box to it: each box is put back as it was after.
    for (const [id, scrollTop] of scrolled) {
      const box = root.querySelector(`[id="${id}"]`);
      if (box) box.scrollTop = scrollTop;
    }
    // Should anything above the control differ from the page's form, the page scrolls by as much, so
    // the control being typed in stays under the finger.
    if (same) scrollBy(0, same.getBoundingClientRect().top - top);
  };
  return { values, errors, restoreView };
}
