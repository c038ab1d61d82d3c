import { html, nothing } from 'lit';
import { UNIT_KINDS } from '../../sdk/src/codes';
import type { AdminUnit, AdminUnitItem, CreateUnitInput, UpdateUnitInput } from '../../sdk/src/schemas/admin';
import type { UnitRef } from '../../sdk/src/schemas/message';
import type { UnitKind } from '../../sdk/src/schemas/common';
import { idRefs } from '../../ui/id-refs';
import { defineElement } from '../../ui/liuyan-element';
import { format } from '../../ui/localize';
import { failures, type FieldNames } from '../console-element';
import { LiuyanConsoleUnitPicker, placeName, type PickerUnit } from '../unit-picker';
import { AdminElement, type FormValues } from './admin-element';
import { LatestLoad } from '../latest-load';

const ADD = 'add';
// As sdk/src/schemas/admin.ts checks them; the name in characters.
const NAME_MAX = 50;
const SORT_ORDER = { min: 0, max: 10_000 };

/** Units per page of a level: a province's cities or a county's departments fit in one. */
const PAGE = 100;

/**
 * @summary 单位: the unit tree a level at a time — a breadcrumb of where one is, 下级 to go down — or
 * the units a search by name or pinyin finds (each with where it sits), retired units shown as
 * such; add a unit under a parent, rename, move, reorder among its siblings, retire and restore.
 * Only what is shown is loaded, so a national tree of ~90,000 units is as quick as a county's dozen.
 *
 * @event liuyan-units-changed - A unit was added or changed: pickers elsewhere should read the tree again.
 */
export class LiuyanConsoleAdminUnits extends AdminElement {
  static override properties = {
    ...AdminElement.properties,
    trail: { state: true },
    items: { state: true },
    nextCursor: { state: true },
    searched: { state: true },
    editing: { state: true },
    addParent: { state: true },
    addKind: { state: true },
  };

  /** The units above the level shown, top first; [] at the top. */
  private trail: UnitRef[] = [];
  /** The level shown (or the search's answers). */
  private items: AdminUnitItem[] | null = null;
  private nextCursor: string | null = null;
  /** The search shown, '' when a level is. */
  private searched = '';
  /** The level or search on its way, and why it failed. */
  private readonly load = new LatestLoad(this, (error) => this.problemText(error));
  /** The unit whose edit form is open. */
  private editing: string | null = null;
  /** The parent the add form starts with: the level shown, or the unit of 添加下级. */
  private addParent = '';
  /** The kind the admin chose in the add form, kept whatever parent is picked after; null: the parent's default. */
  private addKind: UnitKind | null = null;
  /** Which load is current: an answer to an older one is dropped. */

  override connectedCallback(): void {
    super.connectedCallback();
    void this.openLevel([]);
  }

  /** Shows the level below `trail`'s last unit (the top level for []), from its first page or `cursor`. */
  private async openLevel(trail: UnitRef[], cursor?: string): Promise<void> {
    await this.load.run(() => this.officials.admin.units.list({ parent: trail.at(-1)?.id, cursor, limit: PAGE }), (page) => {
      this.items = cursor ? [...(this.items ?? []), ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      this.trail = trail;
      this.searched = '';
      if (!cursor) {
        this.editing = null;
        this.addParent = trail.at(-1)?.id ?? '';
      }
    });
  }

  /**
   * Opens a level the admin asked for (下级, a breadcrumb step): the button pressed goes with the level
   * it stood in, so the focus goes to the level's place in the breadcrumb, which says which level is shown.
   */
  private async goTo(trail: UnitRef[]): Promise<void> {
    await this.openLevel(trail);
    if (this.trail !== trail || this.searched) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="breadcrumb"] [aria-current]')?.focus();
  }

  /**
   * 显示更多: the level's next page, the focus on the first unit added (its name), where the list goes
   * on, and not on the heading of the form below, where the button's going would leave it.
   */
  private async showMore(): Promise<void> {
    const trail = this.trail;
    const before = this.items?.length ?? 0;
    await this.openLevel(trail, this.nextCursor ?? undefined);
    if (this.trail !== trail || this.searched || this.load.error) return;
    await this.focusAdded('[part="unit-tree"] > li .unit-name', before);
  }

  private async search(event: Event): Promise<void> {
    event.preventDefault();
    const q = (this.renderRoot.querySelector<HTMLInputElement>('#unit-search')?.value ?? '').trim();
    if (!q) return this.openLevel(this.trail);
    await this.load.run(() => this.officials.admin.units.list({ q }), (page) => {
      this.items = page.items;
      this.nextCursor = null;
      this.searched = q;
      this.editing = null;
    });
  }

  /** Puts the service's answer in place of the unit it changed, or shows the level it went to. */
  private replaced(unit: AdminUnit): void {
    const items = this.items ?? [];
    const shown = items.find((u) => u.id === unit.id);
    const here = this.trail.at(-1)?.id ?? null;
    if (shown && (this.searched || unit.parentId === shown.parentId)) {
      this.items = items.map((u) => (u.id === unit.id ? { ...u, ...unit } : u));
    } else if (shown) {
      this.items = items.filter((u) => u.id !== unit.id); // moved elsewhere
    } else if (!this.searched && unit.parentId === here) {
      this.items = [...items, { ...unit, hasChildren: false, ancestors: this.trail }];
    } else if (!this.searched) {
      // Added under a unit of this level: it has one below it now.
      this.items = items.map((u) => (u.id === unit.parentId ? { ...u, hasChildren: true } : u));
    }
    // The parent pickers on this page show units too: a name, a place or a state they show may have changed.
    for (const picker of this.renderRoot.querySelectorAll('liuyan-console-unit-picker')) picker.refresh();
    this.emit('liuyan-units-changed', null);
  }

  protected override fieldNames(): FieldNames {
    return { labels: { name: this.a.units.fieldNames.name } };
  }

  private nameCheck(v: FormValues): string {
    return this.textCheck('name', v.raw('name'), { min: 1, max: NAME_MAX });
  }

  private async add(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const v = AdminElement.values(form);
    if (this.refused(ADD, failures({ name: this.nameCheck(v) }))) return;
    const input: CreateUnitInput = { name: v.text('name'), kind: v.raw('kind') as UnitKind, parentId: v.raw('parentId') || null };
    const unit = await this.change(ADD, () => this.officials.admin.units.create(input), this.showsWithin(this.a.units.created, 'units'));
    if (!unit) return;
    this.replaced(unit);
    this.resetForm(form);
    // The next unit goes where this one went, of its kind: a county's departments are added one after
    // another, and a parent put back to the level shown would send the next one, unnoticed, to the top
    // of the tree, where citizens pick it (a reset empties the picker; its binding is unchanged).
    this.addKind = input.kind;
    this.addParent = input.parentId ?? '';
    const parent = form.elements.namedItem('parentId');
    if (parent instanceof LiuyanConsoleUnitPicker) parent.value = this.addParent;
  }

  private async addBelow(unit: AdminUnitItem): Promise<void> {
    this.clearMessages();
    this.editing = null;
    this.addParent = unit.id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#name')?.focus();
  }

  private async saveUnit(unit: AdminUnit, input: UpdateUnitInput, done: string): Promise<boolean> {
    const changed = await this.change(`unit-${unit.id}`, () => this.officials.admin.units.update(unit.id, input), done);
    if (changed) this.replaced(changed);
    return changed !== undefined;
  }

  private async saveEdit(event: Event, unit: AdminUnit): Promise<void> {
    event.preventDefault();
    const v = AdminElement.values(event.target as HTMLFormElement);
    const scope = `unit-${unit.id}`;
    if (this.refused(scope, failures({ name: this.nameCheck(v), sortOrder: this.integerCheck('sortOrder', v.raw('sortOrder'), SORT_ORDER) }))) return;
    const input: UpdateUnitInput = {};
    if (v.text('name') !== unit.name) input.name = v.text('name');
    const parentId = v.raw('parentId') || null;
    if (parentId !== unit.parentId) input.parentId = parentId;
    const sortOrder = v.text('sortOrder');
    if (sortOrder !== String(unit.sortOrder)) input.sortOrder = Number(sortOrder);
    if (await this.saveUnit(unit, input, this.showsWithin(this.a.saved, 'units'))) this.editing = null;
  }

  /**
   * Swaps a unit with its neighbour in the level shown. The level is numbered afresh first when
   * orders tie (units added without one), so the swap always shows.
   */
  private async move(unit: AdminUnitItem, by: -1 | 1): Promise<void> {
    const siblings = this.items ?? [];
    const from = siblings.indexOf(unit);
    const to = from + by;
    if (to < 0 || to >= siblings.length) return;
    const order = [...siblings];
    [order[from], order[to]] = [order[to]!, order[from]!];
    const renumber = new Set(siblings.map((s) => s.sortOrder)).size !== siblings.length;
    const changes = order
      .map((u, i) => ({ unit: u, sortOrder: renumber ? i : siblings[i]!.sortOrder }))
      .filter(({ unit: u, sortOrder }) => u.sortOrder !== sortOrder);
    for (const { unit: u, sortOrder } of changes) {
      if (!(await this.saveUnit(u, { sortOrder }, this.showsWithin(this.a.units.moved, 'units')))) return;
    }
    this.items = [...(this.items ?? [])].sort((a, b) => a.sortOrder - b.sortOrder || (a.id < b.id ? -1 : 1));
  }

  override render() {
    const a = this.a.units;
    const p = this.t.unitPicker;
    if (this.load.error && this.items === null) return html`<p class="error" role="alert">${this.load.error}</p>`;
    if (this.items === null) return html`<p class="muted" role="status">${this.t.loading}</p>`;
    return html`<h1>${a.title}</h1>
      <p class="muted hint">${a.intro}</p>
      ${this.renderDone()}
      <form class="buttons" role="search" aria-label=${format(p.searchLabel, { label: a.title })} @submit=${this.search}>
        <input id="unit-search" type="search" aria-label=${format(p.searchLabel, { label: a.title })} placeholder=${p.searchPlaceholder} .value=${this.searched} />
        <button type="submit" class="secondary">${p.search}</button>
      </form>
      <nav aria-label=${format(p.whereLabel, { label: a.title })}><ol class="crumbs" part="breadcrumb">
        <li><button type="button" class="link" aria-current=${this.trail.length === 0 && !this.searched ? 'location' : nothing}
          @click=${() => this.goTo([])}>${p.top}</button></li>
        ${this.trail.map((u, i) => html`<li>${i < this.trail.length - 1 || this.searched
          ? html`<button type="button" class="link" @click=${() => this.goTo(this.trail.slice(0, i + 1))}>${this.written(u.name)}</button>`
          : html`<span aria-current="location" tabindex="-1">${this.written(u.name)}</span>`}</li>`)}
        ${this.searched ? html`<li><span aria-current="location">${this.formatWritten(p.resultsFor, { q: this.searched })}</span></li>` : nothing}
      </ol></nav>
      ${this.load.error ? html`<p class="error" role="alert">${this.load.error}</p>` : nothing}
      ${this.items.length === 0 && !this.load.loading
        ? html`<p class="muted" role="status">${this.searched ? p.noResults : this.trail.length === 0 ? a.empty : p.emptyLevel}</p>`
        : html`<ul class="tree" part="unit-tree" aria-busy=${String(this.load.loading)}>${this.items.map((u, i) => this.renderUnit(u, i))}</ul>`}
      ${this.nextCursor ? html`<button type="button" class="secondary wide" @click=${this.showMore}>${p.more}</button>` : nothing}
      ${this.renderAdd()}`;
  }

  private renderUnit(u: AdminUnitItem, i: number) {
    const a = this.a.units;
    const scope = `unit-${u.id}`;
    const last = (this.items?.length ?? 0) - 1;
    return html`<li class=${u.active ? '' : 'inactive'}>
      <div class="list-item">
        <div class="list-main">
          <strong class="unit-name">${this.written(u.name)}</strong>
          <span class="badge">${a.kinds[u.kind]}</span>
          ${u.active ? nothing : html`<span class="badge">${a.inactive}</span>`}
          ${this.searched && u.ancestors.length > 0 ? html`<span class="muted">${this.written(u.ancestors.map((x) => x.name).join(' › '))}</span>` : nothing}
        </div>
        <div class="buttons compact">
          ${u.hasChildren ? html`<button type="button" class="secondary" aria-label=${format(this.t.unitPicker.openBelow, { name: placeName(u, u.ancestors) })}
            @click=${() => this.goTo([...(this.searched ? u.ancestors : this.trail), { id: u.id, name: u.name }])}>${this.t.unitPicker.below} ›</button>` : nothing}
          <button type="button" class="secondary" aria-disabled=${String(this.busy)} aria-expanded=${String(this.editing === u.id)}
            aria-label=${this.named(this.a.edit, u.name)} @click=${() => this.toggleEdit(u)}>${this.a.edit}</button>
          <button type="button" class="secondary" aria-disabled=${String(this.busy)} @click=${() => this.addBelow(u)}
            aria-label=${format(a.addChildOf, { name: u.name })}>${a.addChild}</button>
          ${this.searched ? nothing : html`<button type="button" class="secondary" ?disabled=${i === 0} aria-disabled=${String(this.busy)} aria-label=${format(a.moveUpNamed, { name: u.name })}
            @click=${() => this.move(u, -1)}>↑</button>
          <button type="button" class="secondary" ?disabled=${i === last} aria-disabled=${String(this.busy)}
            aria-label=${format(a.moveDownNamed, { name: u.name })} @click=${() => this.move(u, 1)}>↓</button>`}
          <button type="button" class="secondary" aria-disabled=${String(this.busy)} aria-label=${this.named(u.active ? a.retire : a.restore, u.name)}
            @click=${() => {
              // Retiring takes the unit from every form at once: asked first. Restoring is not.
              if (u.active && !confirm(format(a.retireConfirm, { name: u.name }))) return;
              void this.saveUnit(u, { active: !u.active }, this.showsWithin(u.active ? a.retired : a.restored, 'units'));
            }}>${u.active ? a.retire : a.restore}</button>
        </div>
        ${this.editing === u.id ? this.renderEdit(u) : html`${this.formError(scope)}${this.fieldError(scope, 'active', `active-error-${u.id}`)}`}
      </div>
    </li>`;
  }

  private toggleEdit(unit: AdminUnitItem): void {
    this.clearMessages();
    this.forgetTyped(`name-${unit.id}`);
    this.editing = this.editing === unit.id ? null : unit.id;
  }

  /** The units above `u` as the picker knows them, so its parent shows with its name and place at once. */
  private knownAbove(u: AdminUnitItem): PickerUnit[] {
    return u.ancestors.map((x, i) => ({ ...x, active: true, hasChildren: true, ancestors: u.ancestors.slice(0, i) }));
  }

  private renderEdit(u: AdminUnitItem) {
    const a = this.a.units;
    const scope = `unit-${u.id}`;
    const id = (name: string) => `${name}-${u.id}`;
    return html`<form class="stack panel" novalidate @submit=${(e: Event) => this.saveEdit(e, u)}
      aria-label=${format(a.editTitle, { name: u.name })}>
      <div class="field">
        <label for=${id('name')}>${a.name}${this.requiredMark()}</label>
        <input id=${id('name')} name="name" .value=${u.name} aria-invalid=${this.invalid(scope, 'name')}
          aria-describedby=${idRefs(this.errorRef(scope, 'name', id('name-error')), this.counterId(id('name'))) ?? nothing} @input=${this.onTyped} />
        ${this.counter(id('name'), NAME_MAX, u.name)}
        ${this.fieldError(scope, 'name', id('name-error'))}
      </div>
      <div class="field">
        <liuyan-console-unit-picker id=${id('parent')} name="parentId" source="admin" label=${format(a.parentOf, { name: u.name })} none=${a.topLevel}
          .value=${u.parentId ?? ''} .known=${this.knownAbove(u)} .excludeBelow=${[u.id]}
          aria-invalid=${this.invalid(scope, 'parentId')} .error=${this.errorFor(scope, 'parentId')} described-by=${id('parent-error')}></liuyan-console-unit-picker>
      </div>
      <div class="field">
        <label for=${id('order')}>${a.sortOrder}${this.requiredMark()}</label>
        <input id=${id('order')} name="sortOrder" type="number" inputmode="numeric" min=${SORT_ORDER.min} max=${SORT_ORDER.max} .value=${String(u.sortOrder)}
          aria-invalid=${this.invalid(scope, 'sortOrder')} aria-describedby=${this.errorRef(scope, 'sortOrder', id('order-error')) ?? nothing} />
        ${this.fieldError(scope, 'sortOrder', id('order-error'))}
      </div>
      ${this.formError(scope)}
      <div class="buttons">
        <button type="submit" aria-disabled=${String(this.busy)}>${this.busy ? this.a.saving : this.a.save}</button>
        <button type="button" class="secondary" @click=${() => { this.editing = null; this.clearMessages(); }}>${this.a.cancel}</button>
      </div>
    </form>`;
  }

  private renderAdd() {
    const a = this.a.units;
    // The parent offered: the level shown, or the unit of 添加下级 (found in the level or the search shown).
    const chosen = this.items?.find((u) => u.id === this.addParent);
    const known = [...this.knownAbove({ ancestors: this.trail } as AdminUnitItem), ...(chosen ? [chosen] : [])];
    return html`<form class="stack card" novalidate @submit=${this.add} aria-labelledby="add-unit-title">
      <h2 id="add-unit-title">${a.addTitle}</h2>
      <div class="field">
        <liuyan-console-unit-picker id="parentId" name="parentId" source="admin" label=${a.parent} none=${a.topLevel}
          .value=${this.addParent} .known=${known} aria-invalid=${this.invalid(ADD, 'parentId')} .error=${this.errorFor(ADD, 'parentId')}
          described-by="parentId-error" @change=${(e: Event) => { this.addParent = (e.currentTarget as LiuyanConsoleUnitPicker).value; }}></liuyan-console-unit-picker>
      </div>
      <div class="field">
        <label for="name">${a.name}${this.requiredMark()}</label>
        <input id="name" name="name" aria-invalid=${this.invalid(ADD, 'name')} aria-describedby=${idRefs(this.errorRef(ADD, 'name', 'name-error'), this.counterId('name')) ?? nothing} @input=${this.onTyped} />
        ${this.counter('name', NAME_MAX)}
        ${this.fieldError(ADD, 'name', 'name-error')}
      </div>
      <div class="field">
        <label for="kind">${a.kind}</label>
        <select id="kind" name="kind" aria-invalid=${this.invalid(ADD, 'kind')} aria-describedby=${this.errorRef(ADD, 'kind', 'kind-error') ?? nothing}
          @change=${(e: Event) => { this.addKind = (e.currentTarget as HTMLSelectElement).value as UnitKind; }}>
          <!-- A unit under another is most often a department, at the top a leader: the default follows the
               parent picked, until the admin picks a kind (addKind), which then stays. -->
          ${UNIT_KINDS.map((k) => html`<option value=${k} ?selected=${k === (this.addKind ?? (this.addParent ? 'department' : 'leader'))}>${a.kinds[k]}</option>`)}
        </select>
        ${this.fieldError(ADD, 'kind', 'kind-error')}
      </div>
      ${this.formError(ADD)}
      <div class="buttons"><button type="submit" aria-disabled=${String(this.busy)}>${this.a.add}</button></div>
    </form>`;
  }
}

defineElement('liuyan-console-admin-units', LiuyanConsoleAdminUnits);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-admin-units': LiuyanConsoleAdminUnits;
  }
  interface GlobalEventHandlersEventMap {
    'liuyan-units-changed': CustomEvent<null>;
  }
}
