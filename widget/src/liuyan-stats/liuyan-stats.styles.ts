import { css } from 'lit';

export const styles = css`
  h2 { font-size: 1.1em; margin: 0 0 calc(.6*var(--liuyan-space)); }
  /* The statistics' room while they load, so the page below does not jump when they appear. */
  .loading { min-height: var(--liuyan-stats-min-height, 60em); margin: 0; }
  h3 { font-size: 1em; margin: var(--liuyan-space) 0 calc(.4*var(--liuyan-space)); }
  dl.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(9em, 100%), 1fr)); gap: calc(.6*var(--liuyan-space)); margin: 0; }
  .figure {
    border: 1px solid var(--liuyan-color-border); border-radius: var(--liuyan-radius); padding: calc(.5*var(--liuyan-space)) calc(.8*var(--liuyan-space));
    background: var(--liuyan-color-surface);
  }
  .figure dt { font-size: 0.85em; }
  .figure dd { margin: calc(.2*var(--liuyan-space)) 0 0; font-size: 1.4em; font-weight: 700; color: var(--liuyan-color-primary); overflow-wrap: anywhere; }
  /* The chart's box: the axis drops every second month where twelve numbers would touch. */
  .chart { container-type: inline-size; }
  svg { display: block; width: 100%; }
  svg.bars { height: clamp(5em, 36cqi, 11em); }
  svg.axis { height: 2.6em; font-size: 0.75em; overflow: visible; }
  @container (max-width: 16em) { .axis .second { display: none; } }
  .bar-all { fill: var(--liuyan-stats-bar-color, #c9d6ea); }
  .bar-replied { fill: var(--liuyan-stats-replied-color, var(--liuyan-color-primary)); }
  .axis text { fill: currentColor; }
  .legend { display: flex; flex-wrap: wrap; gap: var(--liuyan-space); font-size: 0.85em; margin: calc(.3*var(--liuyan-space)) 0 0; padding: 0; list-style: none; }
  .legend span { display: inline-block; width: 0.8em; height: 0.8em; margin-inline-end: calc(.3*var(--liuyan-space)); vertical-align: -0.05em; }
  .legend .all { background: var(--liuyan-stats-bar-color, #c9d6ea); }
  .legend .replied { background: var(--liuyan-stats-replied-color, var(--liuyan-color-primary)); }
  table { width: 100%; border-collapse: collapse; font-size: 0.9em; }
  th, td { padding: calc(.35*var(--liuyan-space)) calc(.4*var(--liuyan-space)); border-bottom: 1px solid var(--liuyan-color-border); text-align: end; }
  td { white-space: nowrap; }
  /* A heading breaks between words only (a host page's overflow-wrap would cut "Messa-ges"); a table too wide scrolls in its box. */
  thead th { overflow-wrap: normal; }
  /* A unit's name keeps room for a few characters a line (English headings beside it took all but one); the table then scrolls in its box. */
  th:first-child, td:first-child { text-align: start; overflow-wrap: anywhere; min-width: 6em; }
  [part='all-units'] { margin-top: calc(.5*var(--liuyan-space)); }
  details { margin-top: var(--liuyan-space); font-size: 0.9em; }
  summary { cursor: pointer; min-height: 44px; display: flex; align-items: center; color: var(--liuyan-color-primary); }
  details ul { margin: 0; padding-inline-start: 1.2em; }
`;
