import { css } from 'lit';

/** The status colours in dark, for `theme="dark"` and `theme="auto"` under a dark system setting (the console's system dark too). */
export const darkStatus = css`
  --liuyan-color-on-status: #1b1b1d;
  --liuyan-color-awaiting: #ff8a80;
  --liuyan-color-accepted: #8ab4f8;
  --liuyan-color-in-progress: #f0a050;
  --liuyan-color-answered: #5cc878;
  --liuyan-color-closed: #b0b8c0;
`;

/**
 * A message's status as one tag (a filled pill in its status's colour) and the status colours, light
 * and dark: for the elements that show statuses — the board, the tracked view, one message, the
 * console's queue and message page — after `tokens` (ui/tokens.styles.ts), whose themes these follow.
 * Apart from the tokens so that the form, which shows no status, does not carry them.
 *
 * @cssproperty --liuyan-color-awaiting - Status tag 待受理 (and overdue).
 * @cssproperty --liuyan-color-accepted - Status tag 已受理.
 * @cssproperty --liuyan-color-in-progress - Status tag 办理中; interim replies.
 * @cssproperty --liuyan-color-answered - Status tag 已回复; final replies, 已采纳.
 * @cssproperty --liuyan-color-closed - Status tag 已办结.
 */
export const statusStyles = css`
  :host {
    /* Text in --liuyan-color-on-status, white unless dark: ≥ 4.5:1 either way. */
    --liuyan-color-awaiting: #c0000b;
    --liuyan-color-accepted: #1f5fae;
    --liuyan-color-in-progress: #b35300;
    --liuyan-color-answered: #1a7f37;
    --liuyan-color-closed: #4a5560;
  }
  :host([theme='dark']) { ${darkStatus} }
  /* The same query as the tokens' auto theme (ui/tokens.styles.ts, ui/theme-media.ts). */
  @media (prefers-color-scheme: dark) and (not (prefers-contrast: more)) { :host([theme='auto']) { ${darkStatus} } }
  /* Windows high contrast and other forced colours drop backgrounds: the status tags keep an outline. */
  @media (forced-colors: active) { .badge.status { border: 1px solid CanvasText; } }
  /* Unlike the outlined type, domain and visibility tags. */
  .badge.status { color: var(--liuyan-color-on-status, #fff); border-color: transparent; border-radius: 999px; padding: 0 calc(.7*var(--liuyan-space)); font-weight: 600; }
  .badge.status.submitted { background: var(--liuyan-color-awaiting); }
  .badge.status.accepted { background: var(--liuyan-color-accepted); }
  .badge.status.in_progress { background: var(--liuyan-color-in-progress); }
  .badge.status.replied { background: var(--liuyan-color-answered); }
  .badge.status.closed { background: var(--liuyan-color-closed); }
`;
