import { css } from 'lit';

/** The dark palette, for `theme="dark"` and for `theme="auto"` under a dark system setting (one copy in the source). */
export const dark = css`
  color-scheme: dark;
  --liuyan-color-primary: #ff8f8f;
  --liuyan-color-on-primary: #1b1b1d;
  --liuyan-color-text: #e6e6e6;
  --liuyan-color-muted: #b0b0b0;
  --liuyan-color-border: #808085;
  --liuyan-color-surface: #1b1b1d;
  --liuyan-color-error: #ff8a80;
  --liuyan-color-notice: #3d3200;
`;

/** The high-contrast palette, for `theme="high-contrast"` and for `theme="auto"` when the system asks for more contrast. */
export const highContrast = css`
  --liuyan-color-primary: #7a0009;
  --liuyan-color-text: #000;
  --liuyan-color-muted: #333;
  --liuyan-color-border: #000;
  --liuyan-color-error: #a00000;
  --liuyan-color-notice: #fff;
  --liuyan-focus-width: 3px;
`;

/**
 * Theme tokens every element reads. A host page restyles Liuyan by setting these on the element,
 * picks a palette with `theme`, and reaches finer details through `::part`. The status colours and
 * tags are in ui/status.styles.ts, for the elements that show statuses.
 *
 * @cssproperty --liuyan-color-primary - Buttons, links, focus rings, the tracking code.
 * @cssproperty --liuyan-color-on-primary - Text on primary-coloured buttons.
 * @cssproperty --liuyan-color-text - Body text.
 * @cssproperty --liuyan-color-muted - Hints, dates, secondary text (≥ 4.5:1 on the surface).
 * @cssproperty --liuyan-color-border - Borders of fields, cards and figures.
 * @cssproperty --liuyan-color-surface - Background of fields and cards; of the whole element when `theme` is set.
 * @cssproperty --liuyan-color-error - Field errors and invalid fields.
 * @cssproperty --liuyan-color-notice - Background of notices and final replies.
 * @cssproperty --liuyan-radius - Corner radius of fields, buttons and cards.
 * @cssproperty --liuyan-font-family - Font stack (system UI with CJK fallbacks).
 * @cssproperty --liuyan-font-size - Base text size; everything else is in em.
 * @cssproperty --liuyan-space - The base step of room: every padding, margin and gap is a multiple of it (default 1em, so room grows with the text; 0.75em is denser).
 * @cssproperty --liuyan-theme-padding - Room between a themed element's own background and its content (default 0.75em).
 */
export const tokens = css`
  :host {
    --liuyan-color-primary: #b5121b;
    --liuyan-color-on-primary: #fff;
    --liuyan-color-text: #222;
    --liuyan-color-muted: #666;
    --liuyan-color-border: #ccc;
    --liuyan-color-surface: #fff;
    --liuyan-color-error: #c0000b;
    --liuyan-color-notice: #fff7e0;
    --liuyan-radius: 4px;
    --liuyan-font-family: system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif;
    --liuyan-font-size: 16px;
    --liuyan-space: 1em;
    display: block;
    color: var(--liuyan-color-text);
    font-family: var(--liuyan-font-family);
    font-size: var(--liuyan-font-size);
    line-height: 1.6;
  }
  :host([hidden]) { display: none; }
  /*
   * theme="light|dark|auto|high-contrast" (unset: the page's own colours show through, as before). A themed
   * element paints its own surface, so its text stays readable whatever the page behind it. A page's own
   * --liuyan-* values on the element still win over the theme's.
   */
  :host([theme]) { background: var(--liuyan-color-surface); color-scheme: light; padding: var(--liuyan-theme-padding, 0.75em); }
  :host([theme='dark']) { ${dark} }
  /* auto: the system's setting; more contrast wins over dark (there is no dark high-contrast palette). */
  @media (prefers-color-scheme: dark) and (not (prefers-contrast: more)) { :host([theme='auto']) { ${dark} } }
  :host([theme='high-contrast']) { ${highContrast} }
  :host([theme='high-contrast']) :is(.notice, input, select, textarea) { border: 2px solid var(--liuyan-color-border); }
  @media (prefers-contrast: more) {
    :host([theme='auto']) { ${highContrast} }
    :host([theme='auto']) :is(.notice, input, select, textarea) { border: 2px solid var(--liuyan-color-border); }
  }
  * { box-sizing: border-box; }
  button {
    font: inherit;
    min-height: 44px;
    padding: calc(.5*var(--liuyan-space)) calc(1.2*var(--liuyan-space));
    border-radius: var(--liuyan-radius);
    border: 1px solid var(--liuyan-color-primary);
    background: var(--liuyan-color-primary);
    color: var(--liuyan-color-on-primary);
    cursor: pointer;
  }
  button.secondary { background: transparent; color: var(--liuyan-color-primary); }
  /* A button whose work is under way keeps the focus (aria-disabled, not disabled: a disabled button drops it to the page). */
  button:disabled, button[aria-disabled="true"] { opacity: 0.6; cursor: progress; }
  /* Read by a screen reader, not shown: what the screen says another way (a live region's words). */
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  input, select, textarea {
    font: inherit;
    width: 100%;
    min-height: 44px;
    padding: calc(.4*var(--liuyan-space)) calc(.6*var(--liuyan-space));
    border: 1px solid var(--liuyan-color-border);
    border-radius: var(--liuyan-radius);
    background: var(--liuyan-color-surface);
    color: inherit;
  }
  :focus-visible { outline: var(--liuyan-focus-width, 2px) solid var(--liuyan-color-primary); outline-offset: 2px; }
  [aria-invalid='true'] { border-color: var(--liuyan-color-error); }
  .error { color: var(--liuyan-color-error); font-size: 0.9em; margin: calc(.2*var(--liuyan-space)) 0 0; }
  .notice { background: var(--liuyan-color-notice); padding: calc(.6*var(--liuyan-space)) calc(.8*var(--liuyan-space)); border-radius: var(--liuyan-radius); margin: 0 0 var(--liuyan-space); }
  .badge { display: inline-block; padding: 0 calc(.5*var(--liuyan-space)); border-radius: var(--liuyan-radius); font-size: 0.85em; border: 1px solid currentColor; }
  .muted { color: var(--liuyan-color-muted); }
  /* A field's counter (ui/text-rules.ts), below it at its end; past the limit in the error colour. */
  .counter { justify-self: end; font-size: 0.8em; }
  .counter.over { color: var(--liuyan-color-error); font-weight: 600; }
  .body { white-space: pre-wrap; overflow-wrap: anywhere; }
`;
