// What an official typed into a form and has not saved yet, as the console's pages report it: the
// shell asks before a page with such a form is left (a tab, Back, another address) or the browser
// tab is closed, so a long settings form is not lost to one tap.

/** The forms with changes not saved, each until it is saved, reset or gone from the page. */
const unsaved = new Set<HTMLFormElement>();

/** Records that `form` has a change not saved (the `input` or `change` of one of its controls). */
export function markUnsaved(form: HTMLFormElement): void {
  unsaved.add(form);
}

/** Forgets `form`'s changes: it was saved, or reset. */
export function markSaved(form: HTMLFormElement): void {
  unsaved.delete(form);
}

/** Whether a form still on the page has changes not saved (a form closed or taken off the page does not count). */
export function hasUnsaved(): boolean {
  for (const form of unsaved) if (!form.isConnected) unsaved.delete(form);
  return unsaved.size > 0;
}

/** Forgets every form's changes: the official chose to leave them. */
export function discardUnsaved(): void {
  unsaved.clear();
}
