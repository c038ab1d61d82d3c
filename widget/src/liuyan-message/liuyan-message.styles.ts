import { css } from 'lit';

/**
 * How a public message looks, in `<liuyan-message>` and in the cards and detail view of
 * `<liuyan-list>` (status colours are tokens, `ui/tokens.styles.ts`): badges, replies (interim and final), timeline, rating.
 */
export const messageStyles = css`
  .badges { display: flex; flex-wrap: wrap; gap: calc(.4*var(--liuyan-space)); margin: calc(.3*var(--liuyan-space)) 0; }
  .badge.overdue { color: var(--liuyan-color-error); font-weight: 600; }
  .badge.adopted { color: var(--liuyan-color-answered); border-color: currentColor; font-weight: 600; }
  .adoption { border-left: 3px solid var(--liuyan-color-answered); padding: calc(.25*var(--liuyan-space)) calc(.75*var(--liuyan-space)); margin: calc(.75*var(--liuyan-space)) 0; }
  .adoption h4 { margin: 0 0 calc(.25*var(--liuyan-space)); }
  .adoption p { margin: 0; overflow-wrap: anywhere; }
  article.message h3 { margin: 0 0 calc(.3*var(--liuyan-space)); font-size: 1.25em; overflow-wrap: anywhere; }
  article.message h4 { margin: calc(1.2*var(--liuyan-space)) 0 calc(.4*var(--liuyan-space)); }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: calc(.2*var(--liuyan-space)) var(--liuyan-space); margin: calc(.5*var(--liuyan-space)) 0; }
  dt { color: var(--liuyan-color-muted); }
  dd { margin: 0; overflow-wrap: anywhere; }
  .reply { border-left: 3px solid var(--liuyan-color-answered); padding: calc(.4*var(--liuyan-space)) calc(.8*var(--liuyan-space)); margin: calc(.6*var(--liuyan-space)) 0; background: var(--liuyan-color-notice); }
  .reply.interim { border-left-style: dashed; border-left-color: var(--liuyan-color-in-progress); background: transparent; }
  .reply header { font-weight: 600; }
  .reply header time { font-weight: normal; color: var(--liuyan-color-muted); }
  .kind { white-space: nowrap; font-weight: normal; font-size: 0.85em; padding: 0 calc(.4*var(--liuyan-space)); border-radius: var(--liuyan-radius); border: 1px solid currentColor; }
  .reply.final .kind { color: var(--liuyan-color-answered); }
  .reply.interim .kind { color: var(--liuyan-color-in-progress); }
  ol.timeline { list-style: none; padding: 0; margin: 0; }
  ol.timeline li { padding: calc(.2*var(--liuyan-space)) 0 calc(.2*var(--liuyan-space)) var(--liuyan-space); border-left: 2px solid var(--liuyan-color-border); overflow-wrap: anywhere; }
  .stars { color: #d48806; letter-spacing: 0.1em; margin-left: calc(.4*var(--liuyan-space)); }
  .stars .off { color: var(--liuyan-color-border); }
  .supports { margin: calc(.4*var(--liuyan-space)) 0 0; }
  .supports .error { display: block; }
  button.support { font-size: 0.9em; padding: calc(.2*var(--liuyan-space)) calc(.8*var(--liuyan-space)); }
  button.support[aria-pressed='true'] { color: var(--liuyan-color-answered); border-color: currentColor; background: transparent; }
  button.support .count { font-variant-numeric: tabular-nums; }
  /* Too narrow for a label beside its value (a phone at 200% zoom): each label above its value. */
  @media (max-width: 16em) { dl { grid-template-columns: minmax(0, 1fr); row-gap: 0; } dd { margin-bottom: calc(.4*var(--liuyan-space)); } }
`;
