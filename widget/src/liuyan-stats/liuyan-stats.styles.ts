import { css } from 'lit';

export const styles = css`
  h2 { font-size: 1.1em; margin: 0 0 0.6em; }
  /* The statistics' room while they load, so the page below does not jump when they appear. */
  .loading { min-height: var(--liuyan-stats-min-height, 60em); margin: 0; }
  h3 { font-size: 1em; margin: 1em 0 0.4em; }
  dl.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(9em, 1fr)); gap: 0.6em; margin: 0; }
  .figure {
    border: 1px solid var(--liuyan-color-border); border-radius: var(--liuyan-radius); padding: 0.5em 0.8em;
    background: var(--liuyan-color-surface);
  }
  .figure dt { font-size: 0.85em; }
  .figure dd { margin: 0.2em 0 0; font-size: 1.4em; font-weight: 700; color: var(--liuyan-color-primary); overflow-wrap: anywhere; }
  svg { display: block; width: 100%; height: auto; max-height: 14em; }
  .bar-all { fill: var(--liuyan-stats-bar-color, #c9d6ea); }
  .bar-replied { fill: var(--liuyan-stats-replied-color, var(--liuyan-color-primary)); }
  .axis { font-size: 9px; fill: currentColor; }
  .legend { display: flex; flex-wrap: wrap; gap: 1em; font-size: 0.85em; margin: 0.3em 0 0; padding: 0; list-style: none; }
  .legend span { display: inline-block; width: 0.8em; height: 0.8em; margin-inline-end: 0.3em; vertical-align: -0.05em; }
  .legend .all { background: var(--liuyan-stats-bar-color, #c9d6ea); }
  .legend .replied { background: var(--liuyan-stats-replied-color, var(--liuyan-color-primary)); }
  table { width: 100%; border-collapse: collapse; font-size: 0.9em; }
  th, td { padding: 0.35em 0.4em; border-bottom: 1px solid var(--liuyan-color-border); text-align: end; }
  td { white-space: nowrap; }
  th:first-child, td:first-child { text-align: start; overflow-wrap: anywhere; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
`;
