/**
 * Moves the focus to `control` with what names it in view: `context` (the group or field around it,
 * whose legend or label is at its top; a receipt, whose heading is) is brought to the top of the view
 * when it fits there with the control, else the control alone is scrolled to, as `focus()` would.
 * A sighted keyboard user then sees what the focused control answers, not a row of radios without
 * their question (WCAG 2.2 SC 2.4.11 Focus Not Obscured, 3.3.1 Error Identification). A page's
 * `scroll-padding-top` (the hosted pages' sticky tabs) is kept clear.
 */
export function focusWithContext(control: HTMLElement | null | undefined, context: Element | null | undefined = control?.closest('fieldset, .field')): void {
  if (!control) return;
  control.focus({ preventScroll: true });
  const top = context?.getBoundingClientRect().top ?? 0;
  const { bottom } = control.getBoundingClientRect();
  const padding = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
  if (context && bottom - top <= innerHeight - padding) {
    if (top < padding || bottom > innerHeight) context.scrollIntoView({ block: 'start' });
  } else {
    control.scrollIntoView({ block: 'nearest' });
  }
}

/**
 * Scrolls `outcome` (what a button's press came to: a failure said under 提交追问, 已发送 under 发送) just
 * into view when part of it is out of view, as long as the reader is still where they pressed:
 * `pressed`, the button, still (partly) on the screen. On a phone the button often sits at the
 * screen's bottom edge, and a line drawn under it would be announced but unseen (WCAG 2.2 SC 3.3.1
 * Error Identification, 4.1.3 Status Messages). Nothing moves when the line is in view already, or
 * when the reader has scrolled the button away while the request ran. Judged by the button's place,
 * not by the focus: Safari does not focus a button that is tapped.
 */
export function revealOutcome(outcome: Element | null | undefined, pressed: Element | null | undefined): void {
  if (!outcome || !pressed?.isConnected) return;
  const button = pressed.getBoundingClientRect();
  if (button.bottom <= 0 || button.top >= innerHeight) return;
  const { top, bottom } = outcome.getBoundingClientRect();
  if (bottom > innerHeight || top < 0) outcome.scrollIntoView({ block: 'nearest' });
}

/**
 * Keeps `control` where it is on the screen while `drawn` redraws the page around it (a list added or
 * removed above it), scrolling by as much as it moved: the reader's finger, and their eyes, are on it.
 * Called once the change is made, before it is drawn (`drawn`: an element's `updateComplete` then).
 */
export async function keepInPlace(control: Element, drawn: Promise<unknown>): Promise<void> {
  const before = control.getBoundingClientRect().top;
  await drawn;
  if (!control.isConnected) return;
  const moved = control.getBoundingClientRect().top - before;
  if (moved !== 0) scrollBy({ top: moved, behavior: 'instant' });
}
