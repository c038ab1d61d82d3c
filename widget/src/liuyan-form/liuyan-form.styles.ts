import { css } from 'lit';

export const styles = css`
  form { display: grid; gap: var(--liuyan-space); }
  /* The form's room while its site config loads, so the page below does not jump when it appears. */
  .loading { min-height: var(--liuyan-form-min-height, 100em); margin: 0; }
  .field { display: grid; gap: calc(.3*var(--liuyan-space)); margin: 0; padding: 0; border: 0; min-width: 0; }
  legend, label { font-weight: 600; }
  .label { display: flex; align-items: baseline; }
  /* Field names come from the error catalog, lower-case for use inside sentences. */
  legend { padding: 0; margin-bottom: calc(.3*var(--liuyan-space)); }
  .choices { display: flex; flex-wrap: wrap; gap: calc(.5*var(--liuyan-space)); }
  .choice { font-weight: normal; display: inline-flex; align-items: center; gap: calc(.4*var(--liuyan-space)); min-height: 44px; }
  .choice input { width: auto; min-height: 0; margin: 0; }
  .choice.block { display: flex; align-items: flex-start; }
  .choice > span { min-width: 0; overflow-wrap: anywhere; }
  .choice.block input { margin-top: calc(.35*var(--liuyan-space)); }
  .hint { display: block; font-size: 0.85em; }
  .left-out:not(:empty) { display: block; }
  /* Fields side by side start together: one with a counter below must not stretch its neighbour (each field is a grid). */
  .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(12em, 100%), 1fr)); gap: var(--liuyan-space); align-items: start; }
  .sub { font-weight: normal; font-size: 0.9em; margin-top: calc(.3*var(--liuyan-space)); }
  .unit-results { list-style: none; margin: 0; padding: 0; display: grid; gap: calc(.3*var(--liuyan-space)); max-height: 20em; overflow-y: auto; }
  .unit-result {
    width: 100%; min-height: 44px; text-align: start; display: grid; gap: calc(.1*var(--liuyan-space));
    background: none; color: inherit; border: 1px solid var(--liuyan-color-border);
  }
  .receipt { border: 2px solid var(--liuyan-color-primary); border-radius: var(--liuyan-radius); padding: var(--liuyan-space); }
  .receipt h3 { margin: 0 0 calc(.5*var(--liuyan-space)); }
  .code {
    display: inline-block;
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1.3em;
    letter-spacing: 0.04em;
    /* Each group whole (no break inside it); a line may end after a dash (<wbr>). */
    white-space: normal;
    word-break: keep-all;
    color: var(--liuyan-color-primary);
    user-select: all;
  }
  .warning { font-weight: 600; }
  .queued-title { font-weight: 600; overflow-wrap: anywhere; }
  .required { color: var(--liuyan-color-error); margin-left: calc(.15*var(--liuyan-space)); }
  details summary { cursor: pointer; color: var(--liuyan-color-primary); min-height: 44px; display: flex; align-items: center; }
  .privacy-text { white-space: pre-line; font-size: 0.9em; color: var(--liuyan-color-muted); }
  /* The SMS code and its button side by side, the button as wide as its countdown needs. */
  .code-row { display: flex; gap: calc(.5*var(--liuyan-space)); align-items: stretch; }
  .code-row input { flex: 1 1 auto; min-width: 0; letter-spacing: 0.2em; }
  .code-row button { flex: 0 0 auto; white-space: nowrap; }
  .photos { list-style: none; margin: 0; padding: 0; display: grid; gap: calc(.5*var(--liuyan-space)); }
  .photo { display: grid; grid-template-columns: 64px minmax(0, 1fr); gap: calc(.3*var(--liuyan-space)) calc(.6*var(--liuyan-space)); align-items: center; }
  .photo img { width: 64px; height: 64px; object-fit: cover; border-radius: var(--liuyan-radius); grid-row: span 2; }
  .photo progress { width: 100%; }
  /* Beside the thumbnail, one under the other (a 320 px screen, English too): the status, 删除照片,
     the progress, 重新上传, the public choice. */
  .photo > :nth-child(n+2) { grid-column: 2; justify-self: start; }
  .photo > span { overflow-wrap: anywhere; }
  .photo > progress { justify-self: stretch; }
`;
