import { css, unsafeCSS } from 'lit';
import { dark, highContrast } from '../ui/tokens.styles';
import { darkStatus } from '../ui/status.styles';
import { SYSTEM_DARK, SYSTEM_MORE_CONTRAST } from '../ui/theme-media';
import { CONSOLE_PALETTES, type ConsolePalette } from './palette';

/** The console's own colours (palette.ts) as custom properties of an element. */
const own = (p: ConsolePalette) => unsafeCSS(`--liuyan-console-shade: ${p.shade}; --liuyan-console-tag: ${p.tag};`);

/**
 * Shared by the console's pages: one look, laptop and phone, touch targets of 44px and more. Its
 * colours follow the system's dark and high-contrast settings: every console element takes the same
 * palette from the same media queries, so the pages drawn inside the app follow with it.
 */
export const styles = css`
  :host { --liuyan-console-width: 64rem; ${own(CONSOLE_PALETTES.light)} }
  @media ${unsafeCSS(SYSTEM_DARK)} { :host { ${dark} ${darkStatus} ${own(CONSOLE_PALETTES.dark)} } }
  @media ${unsafeCSS(SYSTEM_MORE_CONTRAST)} {
    :host { ${highContrast} ${own(CONSOLE_PALETTES['high-contrast'])} }
    :is(.notice, input, select, textarea) { border: 2px solid var(--liuyan-color-border); }
  }
  h1 { font-size: 1.4em; margin: 0 0 0.6em; line-height: 1.3; overflow-wrap: anywhere; }
  h2 { font-size: 1.15em; margin: 1.4em 0 0.5em; }
  h3 { font-size: 1.05em; margin: 0 0 0.5em; }
  a { color: var(--liuyan-color-primary); }
  .page { max-width: var(--liuyan-console-width); margin: 0 auto; padding: 1em; }
  .card { border: 1px solid var(--liuyan-color-border); border-radius: var(--liuyan-radius); padding: 1em; margin: 0 0 1em; background: var(--liuyan-color-surface); }
  .narrow { max-width: 26rem; margin: 1em auto; }
  .card > :first-child { margin-top: 0; }
  .stack { display: grid; gap: 1em; }
  /* The notices chosen, then the SMS number's form: apart, as the form's own fields are. */
  .notice-kinds { margin-bottom: 1em; }
  .field { display: grid; gap: 0.3em; margin: 0; padding: 0; border: 0; min-width: 0; }
  /* A date field is as wide as its text by default (171 px), wider than a phone zoomed to 200% (195 px,
     WCAG 1.4.10): it may shrink with its column instead. */
  input[type='date'] { min-width: 0; }
  /* A part kept in its form while it does not apply (a responder's units under another role) stays hidden whatever its display. */
  [hidden] { display: none !important; }
  label, legend { font-weight: 600; }
  legend { padding: 0; margin-bottom: 0.3em; }
  .required-mark { color: var(--liuyan-color-error); margin-left: 0.2em; }
  /* A hint may hold an example address, one long word: it breaks rather than widening the page (WCAG 1.4.10). */
  .hint { font-size: 0.9em; margin: 0; overflow-wrap: anywhere; }
  .counter { justify-self: end; font-size: 0.85em; }
  .counter.over { color: var(--liuyan-color-error); font-weight: 600; }
  .choices { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; }
  .choice { font-weight: normal; display: inline-flex; align-items: center; gap: 0.4em; min-height: 44px; }
  .choice input { width: auto; min-height: 0; margin: 0; }
  .buttons { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; }
  .wide { width: 100%; margin-top: 0.5em; }
  a.button {
    display: inline-flex; align-items: center; min-height: 44px; padding: 0.5em 1.2em; text-decoration: none;
    border: 1px solid var(--liuyan-color-primary); border-radius: var(--liuyan-radius);
  }
  /* A link standing in a line of a list, a notice or the contact details (a message named by the
     audit log or a delivery, 清除搜索, a phone number) is a target for a finger too: 44 px tall. */
  .list-main a, .notice a, dd > a { display: inline-flex; align-items: center; min-height: 44px; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }

  /* The header bar. */
  .app-header {
    display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.25em 1em;
    padding: 0.25em 1em; background: var(--liuyan-color-primary); color: var(--liuyan-color-on-primary);
  }
  .brand { font-weight: 600; min-height: 44px; display: flex; align-items: center; gap: 0.4em; flex-wrap: wrap; }
  .app-header nav { display: flex; flex-wrap: wrap; align-items: center; gap: 0 0.25em; }
  .app-header nav a {
    color: inherit; text-decoration: none; min-height: 44px; display: inline-flex; align-items: center; padding: 0 0.6em;
    border-bottom: 3px solid transparent;
  }
  .app-header nav a[aria-current='page'] { border-bottom-color: currentColor; }
  .who { opacity: 0.9; font-size: 0.9em; padding: 0 0.6em; }
  .language { display: inline-flex; align-items: center; gap: 0.4em; font-size: 0.9em; white-space: nowrap; }
  /* Its own colours: inside the header it would take the header's light text onto a light field. */
  .language select {
    font: inherit; min-height: 44px; width: auto; padding: 0 0.4em;
    color: var(--liuyan-color-text); background: var(--liuyan-color-surface);
  }
  button.on-primary { background: transparent; border-color: currentColor; color: inherit; }
  .app-header :focus-visible { outline-color: var(--liuyan-color-on-primary); }

  /* The queue. */
  .tabs { display: flex; flex-wrap: wrap; gap: 0.3em; margin: 0 0 0.8em; }
  .tabs a {
    display: inline-flex; align-items: center; gap: 0.3em; min-height: 44px; padding: 0 0.8em; text-decoration: none;
    border: 1px solid var(--liuyan-color-border); border-radius: var(--liuyan-radius); color: var(--liuyan-color-text);
  }
  .tabs a[aria-current='page'] { background: var(--liuyan-color-primary); border-color: var(--liuyan-color-primary); color: var(--liuyan-color-on-primary); }
  .count { font-size: 0.85em; font-variant-numeric: tabular-nums; opacity: 0.85; }
  .queue-search { display: flex; gap: 0.5em; margin: 0 0 0.8em; }
  .queue-search input { flex: 1; min-width: 0; min-height: 44px; }
  .filters { margin: 0 0 1em; }
  .filters summary { min-height: 44px; line-height: 44px; cursor: pointer; font-weight: 600; }
  .filter-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(12rem, 100%), 1fr)); gap: 0.8em; align-items: end; }
  .filter-grid label { display: grid; gap: 0.3em; }
  .filter-grid label.choice { display: flex; }
  .filter-grid .wide-cell { grid-column: 1 / -1; }
  ul.queue { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5em; }
  a.item {
    display: grid; gap: 0.3em; padding: 0.7em 0.9em; text-decoration: none; color: inherit; min-height: 44px;
    border: 1px solid var(--liuyan-color-border); border-radius: var(--liuyan-radius); background: var(--liuyan-color-surface);
  }
  a.item:hover { border-color: var(--liuyan-color-primary); }
  .item-title { font-weight: 600; overflow-wrap: anywhere; color: var(--liuyan-color-primary); }
  a.item:has(.item-photo) { grid-template-columns: 1fr auto; }
  a.item:has(.item-photo) > span { grid-column: 1; }
  .item-photo { grid-column: 2; grid-row: 1 / span 3; width: 72px; height: 54px; object-fit: cover; border-radius: var(--liuyan-radius); }
  .photo-hide summary { cursor: pointer; color: var(--liuyan-color-primary); }
  .item-meta { display: flex; flex-wrap: wrap; gap: 0.2em 0.7em; align-items: center; font-size: 0.9em; overflow-wrap: anywhere; }
  .overdue { color: var(--liuyan-color-error); font-weight: 600; }
  .supervised { color: var(--liuyan-color-error); border-color: var(--liuyan-color-error); font-weight: 600; }
  /* Tags by what they say: status a filled pill (ui/tokens.styles.ts), review state dashed, visibility grey, type and domain outlined. */
  .badge.moderation { border-style: dashed; }
  .badge.moderation.rejected, .badge.moderation.hidden { color: var(--liuyan-color-error); }
  .badge.reopened { color: var(--liuyan-color-on-status, #fff); background: var(--liuyan-color-error); border-color: transparent; font-weight: 600; }
  .badge.held { color: var(--liuyan-color-error); border-color: currentColor; }
  .badge.transferred { color: var(--liuyan-color-primary); border-color: currentColor; font-weight: 600; }
  .rating, .follow-up { border-left: 3px solid var(--liuyan-color-border); padding: 0.4em 0.8em; margin: 0.6em 0; }
  .rating p { margin: 0.2em 0; }
  .follow-up header .badge { margin-left: 0.4em; }
  .follow-up-actions { display: flex; flex-wrap: wrap; gap: 0.5em; margin: 0.5em 0 0; }
  .pending-follow-ups { margin: 0 0 1.2em; }
  .pending-follow-ups h2 { font-size: 1.05em; margin: 0 0 0.2em; }
  .follow-up-body { overflow-wrap: anywhere; white-space: pre-wrap; }
  .badge.visibility { border-color: transparent; background: var(--liuyan-console-tag); color: var(--liuyan-color-text); }

  /* A message. */
  .back { display: inline-flex; align-items: center; min-height: 44px; }
  .badges { display: flex; flex-wrap: wrap; gap: 0.4em; margin: 0 0 0.8em; }
  dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.3em 1em; margin: 0 0 1em; }
  dl.facts dt { color: var(--liuyan-color-muted); }
  dl.facts dd { margin: 0; overflow-wrap: anywhere; }
  .message-body { padding: 0.8em 1em; background: var(--liuyan-console-shade); border-radius: var(--liuyan-radius); }
  .actions { margin: 1.2em 0; }
  .panel { border: 1px solid var(--liuyan-color-border); border-left: 4px solid var(--liuyan-color-primary); border-radius: var(--liuyan-radius); padding: 1em; margin-top: 0.8em; }
  .reply { border-left: 3px solid var(--liuyan-color-primary); padding: 0.4em 0.8em; margin: 0.6em 0; background: var(--liuyan-color-notice); }
  .reply header { font-weight: 600; }
  ol.timeline { list-style: none; padding: 0; margin: 0; }
  ol.timeline li { padding: 0.3em 0 0.3em 1em; border-left: 2px solid var(--liuyan-color-border); overflow-wrap: anywhere; }
  ol.timeline li.internal { border-left-style: dashed; }
  ol.timeline time { color: var(--liuyan-color-muted); margin-right: 0.4em; font-variant-numeric: tabular-nums; }
  .event-note { white-space: pre-wrap; color: var(--liuyan-color-muted); }
  ul.notes { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.5em; }
  ul.notes li { border: 1px dashed var(--liuyan-color-border); border-radius: var(--liuyan-radius); padding: 0.5em 0.8em; }

  /* The account. */
  .qr-box { width: min(16rem, 100%); }
  svg.qr { display: block; width: 100%; height: auto; }
  .secret { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 1.1em; overflow-wrap: anywhere; user-select: all; }

  /* The admin pages. */
  pre.embed-code { margin: 0; padding: .6em .8em; white-space: pre-wrap; font-size: .9em; border: 1px solid var(--liuyan-color-border); border-radius: var(--liuyan-radius); background: var(--liuyan-color-surface); }
  .choices.column { display: grid; gap: 0; }
  .unit-choices { max-height: 24rem; overflow-y: auto; }
  ul.rows, ul.list, ul.tree { list-style: none; margin: 0; padding: 0; }
  ul.rows { display: grid; gap: 0.5em; }
  /* On a narrow screen (320 px zoomed to 200%) the button goes under its field rather than squeezing it. */
  .row { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; }
  .row input { flex: 1 1 min(10rem, 100%); min-width: 0; }
  .row button { flex: none; }
  .number-grid, .field-row { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(9rem, 100%), 1fr)); gap: 0.8em; align-items: start; }
  /* Fields with a hint of a sentence or two: one column on a phone. */
  .wide-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(16rem, 100%), 1fr)); gap: 0.8em; align-items: start; }
  ul.list { display: grid; gap: 0.5em; margin: 0 0 1em; }
  .list-item {
    display: grid; gap: 0.4em; padding: 0.6em 0.8em; min-width: 0;
    border: 1px solid var(--liuyan-color-border); border-radius: var(--liuyan-radius); background: var(--liuyan-color-surface);
  }
  .list-main { display: flex; flex-wrap: wrap; gap: 0.2em 0.7em; align-items: center; overflow-wrap: anywhere; min-width: 0; }
  .email { font-size: 0.9em; }
  .buttons.compact button { padding: 0.4em 0.9em; min-width: 44px; }
  ul.tree { margin: 0 0 1em; display: grid; gap: 0.4em; }
  ul.tree ul { list-style: none; margin: 0.4em 0 0; padding: 0 0 0 1.2em; border-left: 2px solid var(--liuyan-color-border); display: grid; gap: 0.4em; }
  ul.tree li.inactive > .list-item { background: var(--liuyan-console-shade); }
  ul.tree li.inactive > .list-item .unit-name { color: var(--liuyan-color-muted); text-decoration: line-through; }
  .template-body { font-size: 0.95em; color: var(--liuyan-color-muted); max-height: 8em; overflow: auto; }
  .year-picker { margin: 0 0 1em; }
  input.year { width: 7em; }
  .warning { border-left: 4px solid var(--liuyan-color-error); }

  /* The dashboard (dashboard-page.ts): figures as tiles, tables that fit a phone. */
  .dashboard-figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(9em, 100%), 1fr)); gap: 0.6em; margin: 0 0 1em; padding: 0; list-style: none; }
  .dashboard-figure { border: 1px solid var(--liuyan-color-border); border-radius: var(--liuyan-radius); padding: 0.5em 0.8em; background: var(--liuyan-color-surface); }
  .dashboard-figure a { display: flex; justify-content: space-between; align-items: baseline; min-height: 44px; color: inherit; }
  .dashboard-figure strong, .dashboard-figure dd { font-size: 1.4em; color: var(--liuyan-color-primary); font-variant-numeric: tabular-nums; }
  .dashboard-figure dt { font-size: 0.85em; }
  .dashboard-figure dd { margin: 0.2em 0 0; font-weight: 700; }
  .dashboard-table { width: 100%; border-collapse: collapse; margin: 0 0 1em; font-size: 0.9em; }
  .dashboard-table caption { text-align: start; font-weight: 600; margin-bottom: 0.3em; }
  .dashboard-table th, .dashboard-table td { padding: 0.35em 0.4em; border-bottom: 1px solid var(--liuyan-color-border); text-align: end; }
  .dashboard-table td { white-space: nowrap; }
  .dashboard-table th:first-child { text-align: start; overflow-wrap: anywhere; min-width: 6em; }
  /* A webhook delivery's attempts: the result, with the receiver's answer, wraps rather than widening the
     delivery past its card; on a phone it takes the line below its time, status code and duration. */
  .attempts-table th:last-child, .attempts-table td:last-child { white-space: normal; overflow-wrap: anywhere; text-align: start; }
  @media (max-width: 36em) {
    .attempts-table tr { display: grid; grid-template-columns: minmax(0, 2fr) repeat(2, minmax(0, 1fr)); }
    .attempts-table th, .attempts-table td { white-space: normal; overflow-wrap: anywhere; min-width: 0; }
    .attempts-table th:last-child, .attempts-table td:last-child { grid-column: 1 / -1; }
  }
  /* Where a level of units sits (单位 page): 全部单位 › 河北省 › …, each step a button back to it. */
  ol.crumbs { list-style: none; padding: 0; margin: 0.6em 0; display: flex; flex-wrap: wrap; align-items: center; gap: 0 0.2em; }
  ol.crumbs li + li::before { content: '›'; margin: 0 0.3em; color: var(--liuyan-color-muted); }
  ol.crumbs [aria-current] { font-weight: 600; }
  button.link { min-height: 44px; padding: 0 0.3em; border: 0; background: transparent; color: var(--liuyan-color-primary); text-decoration: underline; }
  form[role='search'] input { flex: 1; min-width: 0; }
  /* Under forced colours (Windows high contrast) the current tab's fill is dropped, and every header
     link's transparent underline is drawn in the text colour: the current tab or link would look like
     the others. It keeps a mark of its own in the system's colours: underlined, and a thicker border. */
  @media (forced-colors: active) {
    :is(.tabs, .app-header nav) a[aria-current='page'] { text-decoration: underline 0.15em; text-underline-offset: 0.3em; }
    .tabs a[aria-current='page'] { border: 3px solid Highlight; }
    .app-header nav a:not([aria-current='page']) { border-bottom-color: Canvas; }
  }
  @media (max-width: 40rem) {
    ul.tree ul { padding-left: 0.6em; }
    .page { padding: 0.75em; }
    dl.facts { grid-template-columns: minmax(0, 1fr); gap: 0; }
    dl.facts dd { margin-bottom: 0.4em; }
    .tabs a { flex: 1 1 auto; justify-content: center; }
  }
`;
