import { css } from 'lit';

/**
 * Theme tokens every element reads. A host page restyles Liuyan by setting these on the element
 * (or any ancestor), and reaches finer details through `::part`.
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
    /* A message's status, as one tag on the board, in the tracked view and in the console (white text, ≥ 4.5:1). */
    --liuyan-color-awaiting: #c0000b;
    --liuyan-color-accepted: #1f5fae;
    --liuyan-color-in-progress: #b35300;
    --liuyan-color-answered: #1a7f37;
    --liuyan-color-closed: #4a5560;
    --liuyan-radius: 4px;
    --liuyan-font-family: system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif;
    --liuyan-font-size: 16px;
    display: block;
    color: var(--liuyan-color-text);
    font-family: var(--liuyan-font-family);
    font-size: var(--liuyan-font-size);
    line-height: 1.6;
  }
  :host([hidden]) { display: none; }
  * { box-sizing: border-box; }
  button {
    font: inherit;
    min-height: 44px;
    padding: 0.5em 1.2em;
    border-radius: var(--liuyan-radius);
    border: 1px solid var(--liuyan-color-primary);
    background: var(--liuyan-color-primary);
    color: var(--liuyan-color-on-primary);
    cursor: pointer;
  }
  button.secondary { background: transparent; color: var(--liuyan-color-primary); }
  button:disabled { opacity: 0.6; cursor: progress; }
  input, select, textarea {
    font: inherit;
    width: 100%;
    min-height: 44px;
    padding: 0.4em 0.6em;
    border: 1px solid var(--liuyan-color-border);
    border-radius: var(--liuyan-radius);
    background: var(--liuyan-color-surface);
    color: inherit;
  }
  :focus-visible { outline: 2px solid var(--liuyan-color-primary); outline-offset: 2px; }
  [aria-invalid='true'] { border-color: var(--liuyan-color-error); }
  .error { color: var(--liuyan-color-error); font-size: 0.9em; margin: 0.2em 0 0; }
  .notice { background: var(--liuyan-color-notice); padding: 0.6em 0.8em; border-radius: var(--liuyan-radius); margin: 0 0 1em; }
  .badge { display: inline-block; padding: 0 0.5em; border-radius: var(--liuyan-radius); font-size: 0.85em; border: 1px solid currentColor; }
  /* The status tag: a filled pill in its status's colour, unlike the outlined type, domain and visibility tags. */
  .badge.status { color: #fff; border-color: transparent; border-radius: 999px; padding: 0 0.7em; font-weight: 600; }
  .badge.status.submitted { background: var(--liuyan-color-awaiting); }
  .badge.status.accepted { background: var(--liuyan-color-accepted); }
  .badge.status.in_progress { background: var(--liuyan-color-in-progress); }
  .badge.status.replied { background: var(--liuyan-color-answered); }
  .badge.status.closed { background: var(--liuyan-color-closed); }
  .muted { color: var(--liuyan-color-muted); }
  .body { white-space: pre-wrap; overflow-wrap: anywhere; }
`;
