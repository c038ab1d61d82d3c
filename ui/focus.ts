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
