import { css } from 'lit';

export const styles = css`
  form.lookup { display: flex; gap: calc(.5*var(--liuyan-space)); flex-wrap: wrap; align-items: flex-end; }
  form.lookup label { flex: 1 1 14em; display: grid; gap: calc(.3*var(--liuyan-space)); font-weight: 600; }
  form.lookup input { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; letter-spacing: 0.05em; text-transform: uppercase; }
  article { margin-top: var(--liuyan-space); border-top: 1px solid var(--liuyan-color-border); padding-top: var(--liuyan-space); }
  h3 { margin: 0 0 calc(.3*var(--liuyan-space)); overflow-wrap: anywhere; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: calc(.2*var(--liuyan-space)) var(--liuyan-space); margin: calc(.5*var(--liuyan-space)) 0; }
  dt { color: var(--liuyan-color-muted); }
  dd { margin: 0; }
  .reply { border-left: 3px solid var(--liuyan-color-primary); padding: calc(.4*var(--liuyan-space)) calc(.8*var(--liuyan-space)); margin: calc(.6*var(--liuyan-space)) 0; background: var(--liuyan-color-notice); }
  .reply header { font-weight: 600; }
  ol.timeline { list-style: none; padding: 0; margin: 0; }
  ol.timeline li { padding: calc(.2*var(--liuyan-space)) 0 calc(.2*var(--liuyan-space)) var(--liuyan-space); border-left: 2px solid var(--liuyan-color-border); }
  .overdue { color: var(--liuyan-color-error); }
  .badges { display: flex; flex-wrap: wrap; gap: calc(.4*var(--liuyan-space)); margin: calc(.3*var(--liuyan-space)) 0; }
  /* Rating and follow-up forms: one column, choices that wrap, touch targets of 44 px. */
  form.loop { display: grid; gap: calc(.9*var(--liuyan-space)); margin-top: calc(1.2*var(--liuyan-space)); padding-top: var(--liuyan-space); border-top: 1px solid var(--liuyan-color-border); }
  form.loop h4 { margin: 0; }
  form.loop p { margin: 0; }
  .field { display: grid; gap: calc(.3*var(--liuyan-space)); margin: 0; padding: 0; border: 0; min-width: 0; font-weight: 600; }
  legend { padding: 0; margin-bottom: calc(.3*var(--liuyan-space)); font-weight: 600; }
  .choices { display: flex; flex-wrap: wrap; gap: calc(.2*var(--liuyan-space)) calc(.9*var(--liuyan-space)); }
  .choice { font-weight: normal; display: inline-flex; align-items: center; gap: calc(.35*var(--liuyan-space)); min-height: 44px; }
  .choice input { width: auto; min-height: 0; margin: 0; }
  .hint { font-weight: normal; font-size: 0.85em; }
  .notice { border-left: 3px solid var(--liuyan-color-primary); padding: calc(.4*var(--liuyan-space)) calc(.8*var(--liuyan-space)); background: var(--liuyan-color-notice); font-weight: 600; }
  .notice:focus, .confirm:focus { outline: 2px solid var(--liuyan-color-primary); outline-offset: 2px; }
  .my-messages, .my-data { margin-top: var(--liuyan-space); border-top: 1px solid var(--liuyan-color-border); padding-top: calc(.6*var(--liuyan-space)); }
  .my-messages ul { list-style: none; padding: 0; margin: 0; }
  .my-messages li { display: grid; gap: calc(.2*var(--liuyan-space)); padding: calc(.5*var(--liuyan-space)) 0; border-bottom: 1px solid var(--liuyan-color-border); }
  .my-title { font-weight: 600; overflow-wrap: anywhere; }
  .actions { display: flex; flex-wrap: wrap; gap: calc(.5*var(--liuyan-space)); margin: calc(.3*var(--liuyan-space)) 0; }
  .confirm { border: 1px solid var(--liuyan-color-error); border-radius: 4px; padding: calc(.2*var(--liuyan-space)) calc(.8*var(--liuyan-space)); }
  button.danger { background: var(--liuyan-color-error); border-color: var(--liuyan-color-error); }
  .lost-code summary { cursor: pointer; color: var(--liuyan-color-primary); min-height: 44px; display: flex; align-items: center; }
  .lost-code form { display: grid; gap: calc(.5*var(--liuyan-space)); }
  /* Too narrow for a label beside its value (a phone at 200% zoom): each label above its value. */
  @media (max-width: 16em) { dl { grid-template-columns: minmax(0, 1fr); row-gap: 0; } dd { margin-bottom: calc(.4*var(--liuyan-space)); } }
`;
