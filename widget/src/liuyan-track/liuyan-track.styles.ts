import { css } from 'lit';

export const styles = css`
  form.lookup { display: flex; gap: 0.5em; flex-wrap: wrap; align-items: flex-end; }
  form.lookup label { flex: 1 1 14em; display: grid; gap: 0.3em; font-weight: 600; }
  form.lookup input { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; letter-spacing: 0.05em; text-transform: uppercase; }
  article { margin-top: 1em; border-top: 1px solid var(--liuyan-color-border); padding-top: 1em; }
  h3 { margin: 0 0 0.3em; overflow-wrap: anywhere; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; margin: 0.5em 0; }
  dt { color: var(--liuyan-color-muted); }
  dd { margin: 0; }
  .reply { border-left: 3px solid var(--liuyan-color-primary); padding: 0.4em 0.8em; margin: 0.6em 0; background: var(--liuyan-color-notice); }
  .reply header { font-weight: 600; }
  ol.timeline { list-style: none; padding: 0; margin: 0; }
  ol.timeline li { padding: 0.2em 0 0.2em 1em; border-left: 2px solid var(--liuyan-color-border); }
  .overdue { color: var(--liuyan-color-error); }
  .badges { display: flex; flex-wrap: wrap; gap: 0.4em; margin: 0.3em 0; }
  /* Rating and follow-up forms: one column, choices that wrap, touch targets of 44 px. */
  form.loop { display: grid; gap: 0.9em; margin-top: 1.2em; padding-top: 1em; border-top: 1px solid var(--liuyan-color-border); }
  form.loop h4 { margin: 0; }
  form.loop p { margin: 0; }
  .field { display: grid; gap: 0.3em; margin: 0; padding: 0; border: 0; min-width: 0; font-weight: 600; }
  legend { padding: 0; margin-bottom: 0.3em; font-weight: 600; }
  .field::first-letter, legend::first-letter { text-transform: uppercase; }
  .choices { display: flex; flex-wrap: wrap; gap: 0.2em 0.9em; }
  .choice { font-weight: normal; display: inline-flex; align-items: center; gap: 0.35em; min-height: 44px; }
  .choice input { width: auto; min-height: 0; margin: 0; }
  .hint { font-weight: normal; font-size: 0.85em; }
  .notice { border-left: 3px solid var(--liuyan-color-primary); padding: 0.4em 0.8em; background: var(--liuyan-color-notice); font-weight: 600; }
  .notice:focus { outline: 2px solid var(--liuyan-color-primary); outline-offset: 2px; }
  .my-messages, .my-data { margin-top: 1em; border-top: 1px solid var(--liuyan-color-border); padding-top: 0.6em; }
  .my-messages ul { list-style: none; padding: 0; margin: 0; }
  .my-messages li { display: grid; gap: 0.2em; padding: 0.5em 0; border-bottom: 1px solid var(--liuyan-color-border); }
  .my-title { font-weight: 600; overflow-wrap: anywhere; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5em; margin: 0.3em 0; }
  .confirm { border: 1px solid var(--liuyan-color-error); border-radius: 4px; padding: 0.2em 0.8em; }
  button.danger { background: var(--liuyan-color-error); border-color: var(--liuyan-color-error); }
  .lost-code summary { cursor: pointer; color: var(--liuyan-color-primary); min-height: 44px; display: flex; align-items: center; }
  .lost-code form { display: grid; gap: 0.5em; }
`;
