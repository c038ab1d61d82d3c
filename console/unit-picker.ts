import { guard } from 'lit/directives/guard.js';
import { css, html, nothing, type PropertyValues } from 'lit';
import { idRefs } from '../ui/id-refs';
import { format } from '../ui/localize';
import { tokens } from '../ui/tokens.styles';
import { defineElement } from '../ui/liuyan-element';
import { ConsoleElement } from './console-element';
import { styles } from './liuyan-console.styles';
import { LatestLoad } from './latest-load';

/** A unit as the picker shows it, from either source. `ancestors` without an id cannot be opened. */
export interface PickerUnit {
  id: string;
  name: string;
  active: boolean;
  hasChildren: boolean;
  ancestors: { id?: string; name: string }[];
}

/** Units per page of a level asked of the admin API; a longer level shows 更多. */
const PAGE = 50;

/**
 * @summary One way to choose units anywhere in the console, on a tree of a dozen units or of a whole
 * country's ~90,000: a level at a time (a breadcrumb of where one is, 下级 to go down), or a search
 * by name or pinyin (each answer says where it sits). Only what is shown is loaded.
 *
 * Sources: `admin` (`GET /v1/admin/units`: retired units too, shown as such; admins) or `site` (the
 * public `GET /v1/sites/:site/units`: active units; every official; chosen ids are named by
 * `GET /v1/console/units`). `roots` starts the tree at
 * those units instead of the top level (a responder's own units) and turns search off, since its
 * answers could lie outside them. `multiple` keeps a list of chosen units (an account's, a drive's),
 * else one (`none`, when set, names the choice of no unit, such as 顶级 for a parent).
 *
 * It takes part in its form as a control named `name` (one form value per chosen id), so a form's
 * data carries the choice; `value` is the chosen id (the first), `values` them all. Keyboard: every
 * choice is a button; Enter in the search field searches and never submits the form.
 *
 * A field error (`error`) is shown by the picker itself, under its fieldset (not an alert: the form
 * that holds it says how many errors it has, once), and the fieldset names it in `aria-describedby`
 * while it is shown: an id reference cannot reach out of a
 * shadow root, so a line drawn by the page could never describe the fieldset inside this one.
 *
 * @event change - The choice changed.
 */
export class LiuyanConsoleUnitPicker extends ConsoleElement {
  static formAssociated = true;
  static override shadowRootOptions = { ...ConsoleElement.shadowRootOptions, delegatesFocus: true };

  static override styles = [tokens, styles, css`
    /* A grid with the gap of the page's .field, so the error line sits under the fieldset as it would under any control. */
    :host { display: grid; gap: 0.3em; }
    fieldset { border: 1px solid var(--liuyan-color-border); border-radius: var(--liuyan-radius); padding: 0.6em 0.8em; margin: 0; min-width: 0; }
    :host([aria-invalid='true']) fieldset { border-color: var(--liuyan-color-error); }
    .chosen { margin: 0 0 0.5em; overflow-wrap: anywhere; }
    .chosen ul { list-style: none; padding: 0; margin: 0.3em 0 0; display: flex; flex-wrap: wrap; gap: 0.4em; }
    .chosen li { display: inline-flex; align-items: center; gap: 0.3em; border: 1px solid var(--liuyan-color-border); border-radius: 999px; padding: 0 0 0 0.7em; }
    .chosen li button { min-height: 44px; padding: 0 0.7em; border: 0; background: transparent; color: inherit; }
    /* Wraps rather than squeezes: on a narrow screen or zoomed in (195 CSS px), the button goes under
       a field still wide enough to type in, not beside one a few characters wide. */
    .search { display: flex; flex-wrap: wrap; gap: 0.4em; margin: 0 0 0.5em; }
    .search input { flex: 1 1 min(10rem, 100%); min-width: 0; }
    ol.crumbs { list-style: none; padding: 0; margin: 0 0 0.4em; display: flex; flex-wrap: wrap; align-items: center; gap: 0 0.2em; font-size: 0.9em; }
    ol.crumbs li + li::before { content: '›'; margin: 0 0.3em; color: var(--liuyan-color-muted); }
    ol.crumbs button { min-height: 44px; padding: 0 0.4em; border: 0; background: transparent; color: var(--liuyan-color-primary); text-decoration: underline; }
    ol.crumbs [aria-current] { font-weight: 600; }
    ul.options { list-style: none; padding: 0; margin: 0; max-height: 20rem; overflow-y: auto; border-top: 1px solid var(--liuyan-color-border); }
    /* The button to open a level goes under its unit's name when both do not fit on a line, so a name is never one character a line. */
    ul.options li { display: flex; flex-wrap: wrap; align-items: stretch; gap: 0.3em; border-bottom: 1px solid var(--liuyan-color-border); }
    ul.options button { min-height: 44px; border: 0; background: transparent; color: inherit; text-align: left; }
    ul.options button.pick { flex: 1 1 min(8rem, 100%); min-width: 0; overflow-wrap: anywhere; padding: 0.3em 0.4em; display: grid; gap: 0.1em; }
    ul.options button.pick[aria-pressed='true'] { background: var(--liuyan-color-notice); font-weight: 600; }
    ul.options button.pick:disabled { color: var(--liuyan-color-muted); cursor: default; }
    ul.options button.open { white-space: nowrap; color: var(--liuyan-color-primary); padding: 0 0.6em; }
    .where { font-size: 0.85em; color: var(--liuyan-color-muted); font-weight: normal; }
    .state { margin: 0.5em 0; }
  `];

  static override properties = {
    ...ConsoleElement.properties,
    label: { type: String },
    name: { type: String, reflect: true },
    source: { type: String },
    multiple: { type: Boolean },
    required: { type: Boolean },
    none: { type: String },
    values: { attribute: false },
    known: { attribute: false },
    roots: { attribute: false },
    exclude: { attribute: false },
    excludeBelow: { attribute: false },
    describedBy: { type: String, attribute: 'described-by' },
    error: { type: String },
    trail: { state: true },
    items: { state: true },
    nextCursor: { state: true },
    searched: { state: true },
    levelNote: { state: true },
  };

  /** The legend: what is being chosen (转办单位, 负责单位 …). */
  label = '';
  /** The form value's name. */
  name = '';
  source: 'admin' | 'site' = 'site';
  multiple = false;
  /** A choice is needed: the legend carries the form's required mark. */
  required = false;
  /** When set, the label of choosing no unit (single choice only): its value is ''. */
  none = '';
  /** The chosen unit ids. */
  values: string[] = [];
  /** Units already known by id (from the page that opened the picker), so chosen ids show their names without a request. */
  known: PickerUnit[] = [];
  /** Where browsing starts instead of the top level; search is then off. */
  roots: { id: string; name: string }[] | null = null;
  /** Ids that cannot be chosen (the message's own unit for a transfer). */
  exclude: string[] = [];
  /**
   * Ids that cannot be chosen, nor any unit below them (a unit given a new parent: not itself, nor
   * one of its own). Their 下级 does not open; a search's answer below one is shown, not choosable.
   */
  excludeBelow: string[] = [];
  /**
   * The id of the picker's error line, drawn with `error` in the picker's own shadow root, where the
   * fieldset's `aria-describedby` names it while the line is shown. Pages give the id their error line
   * had when they drew it themselves (`unitId-error`), so it is still found by that id.
   */
  describedBy = '';
  /** The field's error, '' when there is none: shown under the fieldset, which it then describes. */
  error = '';

  /** The units above the level shown, top first; [] at the top. */
  private trail: { id?: string; name: string }[] = [];
  private items: PickerUnit[] = [];
  private nextCursor: string | null = null;
  /** What `goTo` says once a level asked for is shown (河北省：12 个下级单位), in a polite status. */
  private levelNote = '';
  /** The text of the search shown, or '' when a level is. */
  private searched = '';
  /** The level or search on its way, and why it failed. */
  private readonly load = new LatestLoad(this, (error) => this.problemText(error));
  /** Names of the units seen, so what is chosen keeps its name and place while one browses elsewhere. */
  private readonly seen = new Map<string, PickerUnit>();
  private readonly internals: ElementInternals;
  /** Which load is current: an answer to an older one is dropped. */

  constructor() {
    super();
    this.internals = this.attachInternals();
  }

  /** The chosen unit's id (the first of several), '' for none. */
  get value(): string {
    return this.values[0] ?? '';
  }

  set value(id: string) {
    this.values = id ? [id] : [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The first time, and again when where units come from changes (the site config arrives after the page).
    if ((changed.has('site') || changed.has('source') || changed.has('roots')) && (this.source === 'admin' || this.site)) void this.openLevel([]);
    if (changed.has('known')) for (const unit of this.known) this.seen.set(unit.id, unit);
    if (changed.has('values')) {
      const data = new FormData();
      for (const id of this.values) data.append(this.name, id);
      this.internals.setFormValue(this.values.length > 0 ? data : null);
      void this.nameUnknown();
    }
  }

  /** Resets with its form: nothing chosen, no search left typed, the level it starts at shown again. */
  formResetCallback(): void {
    this.values = [];
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[type="search"]');
    if (input) input.value = '';
    if (this.searched) void this.find('');
  }

  /**
   * Chosen ids not seen yet get their names (a filter restored from the address, an account's units):
   * from the admin API for admins' pages, else the console's, which names units for every official
   * (the public API lists levels and searches, never ids). The units `also` (the breadcrumb's, after a
   * change on the page) are asked for in the same request, and the breadcrumb takes their names.
   */
  private async nameUnknown(also: string[] = []): Promise<void> {
    const unknown = [...new Set([...this.values.filter((id) => !this.seen.has(id)), ...also])];
    if (unknown.length === 0) return;
    try {
      const page = this.source === 'admin' ? await this.officials.admin.units.list({ ids: unknown.join(',') }) : await this.officials.units.named(unknown);
      for (const item of page.items) this.seen.set(item.id, item);
      const names = new Map(page.items.map((item) => [item.id, item.name]));
      if (also.length > 0) this.trail = this.trail.map((unit) => (unit.id && names.has(unit.id) ? { ...unit, name: names.get(unit.id)! } : unit));
      this.requestUpdate();
    } catch {
      // The ids stay shown as they are, the breadcrumb with its old names: the choice and the level shown are still right.
    }
  }

  /**
   * Opens a level the official asked for (下级, a breadcrumb step, 更多): the button pressed is gone
   * with the level it stood in, and the focus would drop to the page's body. It goes to the level's
   * place in the breadcrumb (全部单位, or the unit whose units are shown), drawn at once, and the
   * level and its number of units are said once loaded (`levelNote`, a polite status). After 更多 it
   * goes to the first unit added, where the reading left off.
   */
  private async goTo(trail: { id?: string; name: string }[], cursor?: string): Promise<void> {
    const before = this.items.length;
    const opening = this.openLevel(trail, cursor);
    this.levelNote = '';
    await this.updateComplete;
    if (!cursor) this.renderRoot.querySelector<HTMLElement>('ol.crumbs [aria-current]')?.focus();
    await opening;
    if (this.trail !== trail || this.searched || this.load.error) return;
    const p = this.t.unitPicker;
    this.levelNote = format(p.levelShown, { level: trail.at(-1)?.name ?? (this.roots ? p.mine : p.top), n: this.items.length });
    if (cursor) await this.focusAdded('ul.options button.pick', before);
  }

  /** Shows the level below `trail`'s last unit (the top level, or the roots, for []). */
  private async openLevel(trail: { id?: string; name: string }[], cursor?: string): Promise<void> {
    this.searched = '';
    this.trail = trail;
    const parent = trail.at(-1)?.id;
    if (!cursor) this.items = [];
    if (!parent && this.roots) {
      this.items = this.roots.map((r) => this.seen.get(r.id) ?? { ...r, active: true, hasChildren: true, ancestors: [] });
      this.nextCursor = null;
      return this.load.cancel();
    }
    await this.load.run(() => this.fetchLevel(parent, cursor), ({ items, nextCursor }) => {
      for (const item of items) this.seen.set(item.id, item);
      this.items = cursor ? [...this.items, ...items] : items;
      this.nextCursor = nextCursor;
    });
  }

  private async fetchLevel(parent: string | undefined, cursor: string | undefined): Promise<{ items: PickerUnit[]; nextCursor: string | null }> {
    if (this.source === 'admin') return this.officials.admin.units.list({ parent, cursor, limit: PAGE });
    const { items } = await this.client().listUnits({ parent });
    const above = this.trail;
    return { items: items.map((u) => ({ id: u.id, name: u.name, active: true, hasChildren: u.hasChildren, ancestors: above })), nextCursor: null };
  }

  /**
   * Reads again what is shown (the level, or the search's answers) and the names of the units chosen:
   * the tree changed under it (a unit added, renamed, moved, retired or restored on the same page).
   */
  refresh(): void {
    this.seen.clear();
    // One lookup names both the units chosen and the breadcrumb's (one renamed on the page that holds the picker).
    void this.nameUnknown(this.trail.flatMap((unit) => (unit.id ? [unit.id] : [])));
    void (this.searched ? this.find(this.searched) : this.openLevel(this.trail));
  }

  private search(event: Event): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[type="search"]')!;
    return this.find(input.value.trim());
  }

  /** Shows the units whose name or pinyin has `q` (the level again for ''). */
  private async find(q: string): Promise<void> {
    this.levelNote = '';
    if (!q) return void this.openLevel(this.trail);
    this.searched = q;
    this.items = [];
    this.nextCursor = null;
    await this.load.run(async (): Promise<PickerUnit[]> => this.source === 'admin'
      ? (await this.officials.admin.units.list({ q })).items
      : (await this.client().listUnits({ q })).items.map((u) => ({
        id: u.id, name: u.name, active: true, hasChildren: u.hasChildren, ancestors: u.path.map((name) => ({ name })),
      })), (items) => {
      for (const item of items) this.seen.set(item.id, item);
      this.items = items;
    });
  }

  private choose(unit: PickerUnit | null): void {
    if (unit === null) this.values = [];
    else if (!this.multiple) this.values = [unit.id];
    else this.values = this.values.includes(unit.id) ? this.values.filter((id) => id !== unit.id) : [...this.values, unit.id];
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private unchoose(id: string): void {
    this.values = this.values.filter((v) => v !== id);
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  /** `河北省 › 河北省长 › 河北教育厅`: a unit with where it sits. */
  private placeOf(id: string): string {
    const unit = this.seen.get(id);
    return unit ? placeName(unit, unit.ancestors) : id;
  }

  override render() {
    const p = this.t.unitPicker;
    // One id for the line and for the reference, both only while there is an error, so the fieldset
    // never names a line that is not there.
    const errorId = this.error ? this.describedBy || 'error' : '';
    return html`<fieldset part="picker" aria-describedby=${idRefs(errorId) ?? nothing}>
      <legend>${this.label}${this.required ? this.requiredMark() : nothing}</legend>
      ${this.renderChosen()}
      ${this.roots ? nothing : html`<div class="search" role="search" aria-label=${format(p.searchLabel, { label: this.label })}>
        <input type="search" aria-label=${format(p.searchLabel, { label: this.label })} placeholder=${p.searchPlaceholder}
          aria-invalid=${this.getAttribute('aria-invalid') ?? 'false'} aria-describedby=${idRefs(errorId) ?? nothing}
          @keydown=${(e: KeyboardEvent) => { if (e.key === 'Enter') void this.search(e); }} />
        <button type="button" class="secondary" @click=${this.search}>${p.search}</button>
      </div>`}
      <nav aria-label=${format(p.whereLabel, { label: this.label })}><ol class="crumbs">
        <li><button type="button" aria-current=${this.trail.length === 0 && !this.searched ? 'location' : nothing}
          @click=${() => this.goTo([])}>${this.roots ? p.mine : p.top}</button></li>
        ${this.trail.map((unit, i) => html`<li>${unit.id && (i < this.trail.length - 1 || this.searched)
          ? html`<button type="button" @click=${() => this.goTo(this.trail.slice(0, i + 1))}>${this.written(unit.name)}</button>`
          : i === this.trail.length - 1 && !this.searched
            // Focusable from a script only (goTo), so the focus has a place when its level opens.
            ? html`<span aria-current="location" tabindex="-1">${this.written(unit.name)}</span>`
            : html`<span>${this.written(unit.name)}</span>`}</li>`)}
        ${this.searched ? html`<li><span aria-current="location">${this.formatWritten(p.resultsFor, { q: this.searched })}</span></li>` : nothing}
      </ol></nav>
      ${this.renderUnits()}
    </fieldset>
    ${errorId ? html`<p class="error" id=${errorId}>${this.error}</p>` : nothing}`;
  }

  private renderChosen() {
    const p = this.t.unitPicker;
    if (this.multiple) {
      return html`<div class="chosen" part="chosen" aria-live="polite">
        ${this.values.length === 0 ? html`<span class="muted">${p.noneChosen}</span>` : html`<span>${format(p.chosenCount, { n: this.values.length })}</span>
        <ul>${this.values.map((id) => html`<li><span>${this.placeOf(id)}</span><button type="button"
          aria-label=${format(p.remove, { name: this.seen.get(id)?.name ?? id })} @click=${() => this.unchoose(id)}>×</button></li>`)}</ul>`}
      </div>`;
    }
    return html`<p class="chosen" part="chosen" aria-live="polite">${this.value
      ? format(p.chosen, { unit: this.placeOf(this.value) })
      : this.none ? format(p.chosen, { unit: this.none }) : html`<span class="muted">${p.noneChosen}</span>`}</p>`;
  }

  private renderUnits() {
    const p = this.t.unitPicker;
    const noneOption = this.none && !this.multiple && !this.searched && this.trail.length === 0
      ? html`<li><button type="button" class="pick" aria-pressed=${String(this.value === '')} @click=${() => this.choose(null)}>${this.none}</button></li>`
      : nothing;
    return html`<ul class="options" part="options" aria-busy=${String(this.load.loading)} aria-label=${this.searched ? format(p.resultsFor, { q: this.searched }) : p.levelLabel}>
        ${noneOption}
        ${this.items.map((unit) => {
          const chosen = this.values.includes(unit.id);
          const above = this.searched ? unit.ancestors : this.trail;
          // In or under a unit excluded with what is below it: not choosable, and nothing below it to open.
          const closed = this.excludeBelow.includes(unit.id) || above.some((a) => a.id !== undefined && this.excludeBelow.includes(a.id));
          const excluded = closed || this.exclude.includes(unit.id);
          const where = this.searched && unit.ancestors.length > 0 ? unit.ancestors.map((a) => a.name).join(' › ') : '';
          return html`<li>
            <button type="button" class="pick" aria-pressed=${String(chosen)} ?disabled=${excluded}
              @click=${() => this.choose(unit)}><span>${this.written(unit.name)}${unit.active ? nothing : html` <span class="badge">${p.inactive}</span>`}</span>
              ${where ? html`<span class="where">${where}</span>` : nothing}</button>
            ${unit.hasChildren && !closed ? html`<button type="button" class="open" aria-label=${format(p.openBelowIn, { label: this.label, name: placeName(unit, this.searched ? unit.ancestors : this.trail) })}
              @click=${() => this.goTo([...(this.searched ? unit.ancestors : this.trail), { id: unit.id, name: unit.name }])}>${p.below} ›</button>` : nothing}
          </li>`;
        })}
      </ul>
      ${this.load.loading ? html`<p class="muted state" role="status">${this.t.loading}</p>` : nothing}
      ${this.load.error ? html`<p class="error state" role="alert">${this.load.error}</p>` : nothing}
      ${!this.load.loading && !this.load.error && this.items.length === 0
        ? html`<p class="muted state" role="status">${this.searched ? p.noResults : p.emptyLevel}</p>` : nothing}
      ${this.nextCursor ? html`<button type="button" class="secondary wide" @click=${() => this.goTo(this.trail, this.nextCursor!)}>${p.more}</button>` : nothing}
      <p class="visually-hidden" role="status" part="level-note">${this.levelNote}</p>`;
  }
}

defineElement('liuyan-console-unit-picker', LiuyanConsoleUnitPicker);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-unit-picker': LiuyanConsoleUnitPicker;
  }
}

/**
 * `河北省 › 河北省长 › 河北教育厅`: a unit's name with the units above it (`above`), so two units of
 * one name (two counties' 教育局 in a search) are told apart by a screen reader too.
 */
export const placeName = (unit: { name: string }, above: readonly { name: string }[]) => [...above.map((a) => a.name), unit.name].join(' › ');

/** The ids chosen in the form's unit picker named `name` ([] when it has none). */
export function pickedUnits(form: HTMLFormElement, name: string): string[] {
  const picker = form.elements.namedItem(name);
  return picker instanceof LiuyanConsoleUnitPicker ? [...picker.values] : [];
}

/**
 * What a picker starts from (an account's units, a drive's), for its `.values`: set on the picker only
 * when `chosen` itself is another array. Lit sets an array bound to a property again at every render,
 * so a plain `.values=${…}` would undo what the official chose whenever anything else in the form
 * redraws (a letter typed in a name, an error shown).
 */
export const startingWith = (chosen: readonly string[] | undefined) => guard([chosen], () => [...(chosen ?? [])]);
