import { css } from 'lit';

/**
 * A table of units with four figures each (`<liuyan-stats>`' ranking, the console's dashboard):
 * `<div class="table-scroll"><table class="unit-table" role="table">`, a `<th scope="row">` naming each
 * unit. In a narrow column (a phone, a host page's sidebar) a unit's name takes the whole width and its
 * figures the line below, under their headings: no sideways scrolling, no name broken every few
 * characters. The rows share the table's columns (subgrid), each never narrower than its longest word,
 * so no heading is cut inside one ("Satisfactio" and "n") and each figure stays under its heading.
 * Narrower still (320 px, a phone at 200% zoom), where four figures side by side cut their headings
 * one character a line or need scrolling, each figure takes its own line under the unit's name, its
 * heading before it: each `<td>` carries its column's heading as `data-label`, shown by CSS and
 * left unspoken (`content: … / ""`), since a screen reader already names the cell by its column.
 * Browsers without container queries or subgrid keep the table, scrolling in its box. A table laid out
 * as a grid may lose its semantics to a screen reader: the table carries its roles explicitly.
 */
export const unitTable = css`
  .table-scroll { overflow-x: auto; container-type: inline-size; }
  @supports (grid-template-columns: subgrid) {
    @container (max-width: 32em) {
      .unit-table { display: grid; grid-template-columns: repeat(4, minmax(min-content, 1fr)); }
      .unit-table thead, .unit-table tbody, .unit-table tr { display: grid; grid-column: 1 / -1; grid-template-columns: subgrid; }
      .unit-table thead th:first-child { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
      .unit-table tbody th { grid-column: 1 / -1; border-bottom: none; padding-bottom: 0; min-width: 0; overflow-wrap: anywhere; }
      .unit-table thead th { font-size: 0.85em; overflow-wrap: normal; }
    }
    @container (max-width: 20em) {
      .unit-table { grid-template-columns: 1fr; }
      .unit-table thead th { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
      .unit-table tbody td { display: flex; justify-content: space-between; align-items: baseline; gap: 0.5em; border-bottom: none; padding-block: 0.1em; }
      .unit-table tbody td::before { content: attr(data-label) / ''; white-space: normal; text-align: start; font-size: 0.85em; }
      .unit-table tbody td:last-child { border-bottom: 1px solid var(--liuyan-color-border); padding-bottom: 0.35em; }
    }
  }
`;
