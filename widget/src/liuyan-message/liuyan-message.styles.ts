import { css } from 'lit';

/**
 * How a public message looks, in `<liuyan-message>` and in the cards and detail view of
 * `<liuyan-list>` (status colours are tokens, `ui/tokens.styles.ts`): badges, replies (interim and final), timeline, rating.
 */
export const messageStyles = css`
  .badges { display: flex; flex-wrap: wrap; gap: 0.4em; margin: 0.3em 0; }
  .badge.overdue { color: var(--liuyan-color-error); font-weight: 600; }
  .badge.adopted { color: var(--liuyan-color-answered); border-color: currentColor; font-weight: 600; }
  .adoption { border-left: 3px solid var(--liuyan-color-answered); padding: 0.25em 0.75em; margin: 0.75em 0; }
  .adoption h4 { margin: 0 0 0.25em; }
  .adoption p { margin: 0; overflow-wrap: anywhere; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  article.message h3 { margin: 0 0 0.3em; font-size: 1.25em; overflow-wrap: anywhere; }
  article.message h4 { margin: 1.2em 0 0.4em; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; margin: 0.5em 0; }
  dt { color: var(--liuyan-color-muted); }
  dd { margin: 0; overflow-wrap: anywhere; }
  .reply { border-left: 3px solid var(--liuyan-color-answered); padding: 0.4em 0.8em; margin: 0.6em 0; background: var(--liuyan-color-notice); }
  .reply.interim { border-left-style: dashed; border-left-color: var(--liuyan-color-in-progress); background: transparent; }
  .reply header { font-weight: 600; }
  .reply header time { font-weight: normal; color: var(--liuyan-color-muted); }
  .kind { white-space: nowrap; font-weight: normal; font-size: 0.85em; padding: 0 0.4em; border-radius: var(--liuyan-radius); border: 1px solid currentColor; }
  .reply.final .kind { color: var(--liuyan-color-answered); }
  .reply.interim .kind { color: var(--liuyan-color-in-progress); }
  ol.timeline { list-style: none; padding: 0; margin: 0; }
  ol.timeline li { padding: 0.2em 0 0.2em 1em; border-left: 2px solid var(--liuyan-color-border); overflow-wrap: anywhere; }
  .stars { color: #d48806; letter-spacing: 0.1em; margin-left: 0.4em; }
  .stars .off { color: var(--liuyan-color-border); }
  .supports { margin: 0.4em 0 0; }
  button.support { font-size: 0.9em; padding: 0.2em 0.8em; }
  button.support[aria-pressed='true'] { color: var(--liuyan-color-answered); border-color: currentColor; background: transparent; }
  button.support .count { font-variant-numeric: tabular-nums; }
`;
