import { css } from 'lit';

export const styles = css`
  :host {
    /* The height kept for the messages while they load, so nothing below jumps when they arrive. */
    --liuyan-list-min-height: 36em;
  }
  [role='tablist'] { display: flex; flex-wrap: wrap; gap: calc(.25*var(--liuyan-space)); border-bottom: 2px solid var(--liuyan-color-primary); }
  [role='tab'] {
    background: transparent; color: var(--liuyan-color-text); border: 1px solid transparent; border-bottom: 0;
    border-radius: var(--liuyan-radius) var(--liuyan-radius) 0 0; padding: calc(.4*var(--liuyan-space)) calc(.8*var(--liuyan-space));
  }
  [role='tab']:hover { color: var(--liuyan-color-primary); }
  [role='tab'][aria-selected='true'] { background: var(--liuyan-color-primary); color: var(--liuyan-color-on-primary); }
  .filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(9em, 100%), 1fr)); gap: calc(.6*var(--liuyan-space)); margin: calc(.8*var(--liuyan-space)) 0 calc(.6*var(--liuyan-space)); }
  .filters label, .search label { display: block; font-size: 0.9em; font-weight: 600; margin-bottom: calc(.2*var(--liuyan-space)); }
  .search { margin: 0 0 var(--liuyan-space); }
  /* The button goes under the box where both do not fit (a narrow column, large text): the box keeps a width to type in. */
  .search-row { display: flex; flex-wrap: wrap; gap: calc(.5*var(--liuyan-space)); }
  .search-row input { flex: 1 1 8em; min-width: 0; }
  .panel { min-height: var(--liuyan-list-min-height); }
  .skeleton { height: var(--liuyan-list-min-height); overflow: hidden; display: grid; grid-auto-rows: 8em; gap: calc(.8*var(--liuyan-space)); }
  .skeleton div {
    border-radius: var(--liuyan-radius);
    background: linear-gradient(90deg, #eee 25%, #f6f6f6 50%, #eee 75%) 0 0 / 200% 100%;
    animation: shimmer 1.5s linear infinite;
  }
  @keyframes shimmer { to { background-position: -200% 0; } }
  @media (prefers-reduced-motion: reduce) { .skeleton div { animation: none; } }
  /* One column as wide as the element, never as wide as a card's longest word (a status badge in English at 200% zoom). */
  ul.cards { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: minmax(0, 1fr); gap: calc(.8*var(--liuyan-space)); }
  .card { overflow-wrap: anywhere; border: 1px solid var(--liuyan-color-border); border-radius: var(--liuyan-radius); padding: calc(.6*var(--liuyan-space)) var(--liuyan-space) calc(.8*var(--liuyan-space)); background: var(--liuyan-color-surface); }
  .card h3 { margin: 0; font-size: 1.05em; }
  button.link, a.link {
    display: block; box-sizing: border-box; width: 100%; min-height: 44px; padding: calc(.3*var(--liuyan-space)) 0; border: 0; background: none; color: inherit;
    font-weight: 600; text-align: start; overflow-wrap: anywhere;
  }
  a.link { display: flex; align-items: center; color: inherit; text-decoration: none; }
  button.link:hover, a.link:hover, a.link:focus-visible { color: var(--liuyan-color-primary); text-decoration: underline; }
  .meta { margin: calc(.2*var(--liuyan-space)) 0; font-size: 0.9em; overflow-wrap: anywhere; }
  .excerpt {
    margin: calc(.3*var(--liuyan-space)) 0; overflow: hidden; overflow-wrap: anywhere; white-space: pre-line;
    display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; line-clamp: 2;
  }
  .card .reply { margin: calc(.5*var(--liuyan-space)) 0 0; }
  .card .reply .excerpt { margin: calc(.2*var(--liuyan-space)) 0 calc(.4*var(--liuyan-space)); }
  .card-rating { margin: calc(.4*var(--liuyan-space)) 0 0; font-size: 0.9em; }
  .more { display: grid; justify-items: center; gap: calc(.4*var(--liuyan-space)); margin-top: var(--liuyan-space); }
  .end { text-align: center; margin-top: var(--liuyan-space); }
  .detail-actions { display: flex; flex-wrap: wrap; align-items: center; gap: calc(.5*var(--liuyan-space)) calc(.8*var(--liuyan-space)); margin-bottom: var(--liuyan-space); }
  .copy-status { font-size: 0.9em; color: var(--liuyan-color-answered); }
  .share { margin: calc(-.4*var(--liuyan-space)) 0 var(--liuyan-space); }
  .share label { display: block; font-size: 0.9em; margin-bottom: calc(.2*var(--liuyan-space)); }
  .share input { width: 100%; box-sizing: border-box; }
`;
