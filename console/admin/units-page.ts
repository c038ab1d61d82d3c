import { html, nothing } from 'lit';
import { UNIT_KINDS } from '../../sdk/src/codes';
import type { AdminUnit, CreateUnitInput, UpdateUnitInput } from '../../sdk/src/schemas/admin';
import type { UnitKind } from '../../sdk/src/schemas/common';
import { defineElement } from '../../ui/liuyan-element';
import { format } from '../../ui/localize';
import { failures, type FieldNames } from '../console-element';
import { indented } from '../../ui/unit-tree';
import { AdminElement, type FormValues } from './admin-element';

const ADD = 'add';
// As sdk/src/schemas/admin.ts checks them; the name in characters.
const NAME_MAX = 50;
const SORT_ORDER = { min: 0, max: 10_000 };

interface UnitBranch {
  unit: AdminUnit;
  depth: number;
  children: UnitBranch[];
}

/** The flat list as a tree; siblings by their order (the service's order among equals). */
export function unitTree(units: readonly AdminUnit[], parentId: string | null = null, depth = 0): UnitBranch[] {
  return units.filter((u) => u.parentId === parentId)
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((unit) => ({ unit, depth, children: unitTree(units, unit.id, depth + 1) }));
}

const flatten = (branches: UnitBranch[]): UnitBranch[] => branches.flatMap((b) => [b, ...flatten(b.children)]);

/**
 * @summary 单位: the unit tree with retired units shown as such; add a unit under a parent, rename,
 * move, reorder among its siblings, retire and restore.
 *
 * @event liuyan-units-changed - A unit was added or changed: pickers elsewhere should read the tree again.
 */
export class LiuyanConsoleAdminUnits extends AdminElement {
  static override properties = {
    ...AdminElement.properties,
    units: { state: true },
    loadError: { state: true },
    editing: { state: true },
    addParent: { state: true },
  };

  private units: AdminUnit[] | null = null;
  private loadError = '';
  /** The unit whose edit form is open. */
  private editing: string | null = null;
  /** The parent the add form starts with (`添加下级`). */
  private addParent = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.units = await this.officials.admin.units.list();
    } catch (error) {
      this.loadError = this.problemText(error);
    }
  }

  /** Puts the service's answer in place of the unit it changed (or adds it). */
  private replaced(unit: AdminUnit): void {
    const units = this.units ?? [];
    this.units = units.some((u) => u.id === unit.id) ? units.map((u) => (u.id === unit.id ? unit : u)) : [...units, unit];
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
    const unit = await this.change(ADD, () => this.officials.admin.units.create(input), this.a.units.created);
    if (!unit) return;
    this.replaced(unit);
    this.resetForm(form);
    this.addParent = '';
  }

  private async addBelow(unit: AdminUnit): Promise<void> {
    this.clearMessages();
    this.editing = null;
    this.addParent = unit.id;
    await this.updateComplete;
    const select = this.renderRoot.querySelector('#parentId') as HTMLSelectElement | null;
    if (select) select.value = unit.id;
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
    if (await this.saveUnit(unit, input, this.a.saved)) this.editing = null;
  }

  /**
   * Swaps a unit with its neighbour among its siblings. The siblings are numbered afresh first when
   * their orders tie (units added without one), so the swap always shows.
   */
  private async move(branch: UnitBranch, siblings: UnitBranch[], by: -1 | 1): Promise<void> {
    const from = siblings.indexOf(branch);
    const to = from + by;
    if (to < 0 || to >= siblings.length) return;
    const order = siblings.map((s) => s.unit);
    [order[from], order[to]] = [order[to]!, order[from]!];
    const renumber = new Set(siblings.map((s) => s.unit.sortOrder)).size !== siblings.length;
    const changes = order
      .map((unit, i) => ({ unit, sortOrder: renumber ? i : siblings[i]!.unit.sortOrder }))
      .filter(({ unit, sortOrder }) => unit.sortOrder !== sortOrder);
    for (const { unit, sortOrder } of changes) {
      if (!(await this.saveUnit(unit, { sortOrder }, this.a.units.moved))) return;
    }
  }

  override render() {
    const a = this.a.units;
    if (this.loadError) return html`<p class="error" role="alert">${this.loadError}</p>`;
    if (!this.units) return html`<p class="muted" role="status">${this.t.loading}</p>`;
    const tree = unitTree(this.units);
    return html`<h1>${a.title}</h1>
      <p class="muted hint">${a.intro}</p>
      ${this.renderDone()}
      ${tree.length === 0 ? html`<p class="muted">${a.empty}</p>` : html`<ul class="tree" part="unit-tree">${this.renderBranches(tree)}</ul>`}
      ${this.renderAdd(tree)}`;
  }

  private renderBranches(branches: UnitBranch[]): unknown {
    return branches.map((b) => this.renderBranch(b, branches));
  }

  private renderBranch(branch: UnitBranch, siblings: UnitBranch[]) {
    const a = this.a.units;
    const u = branch.unit;
    const i = siblings.indexOf(branch);
    const scope = `unit-${u.id}`;
    return html`<li class=${u.active ? '' : 'inactive'}>
      <div class="list-item">
        <div class="list-main">
          <strong class="unit-name">${u.name}</strong>
          <span class="badge">${a.kinds[u.kind]}</span>
          ${u.active ? nothing : html`<span class="badge">${a.inactive}</span>`}
        </div>
        <div class="buttons compact">
          <button type="button" class="secondary" ?disabled=${this.busy} aria-expanded=${String(this.editing === u.id)}
            @click=${() => this.toggleEdit(u)}>${this.a.edit}</button>
          <button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.addBelow(u)}
            aria-label=${format(a.addChildOf, { name: u.name })}>${a.addChild}</button>
          <button type="button" class="secondary" ?disabled=${this.busy || i === 0} aria-label=${format(a.moveUpNamed, { name: u.name })}
            @click=${() => this.move(branch, siblings, -1)}>↑</button>
          <button type="button" class="secondary" ?disabled=${this.busy || i === siblings.length - 1}
            aria-label=${format(a.moveDownNamed, { name: u.name })} @click=${() => this.move(branch, siblings, 1)}>↓</button>
          <button type="button" class="secondary" ?disabled=${this.busy}
            @click=${() => this.saveUnit(u, { active: !u.active }, u.active ? a.retired : a.restored)}>${u.active ? a.retire : a.restore}</button>
        </div>
        ${this.editing === u.id ? this.renderEdit(u) : this.formError(scope)}
      </div>
      ${branch.children.length > 0 ? html`<ul>${this.renderBranches(branch.children)}</ul>` : nothing}
    </li>`;
  }

  private toggleEdit(unit: AdminUnit): void {
    this.clearMessages();
    this.forgetTyped(`name-${unit.id}`);
    this.editing = this.editing === unit.id ? null : unit.id;
  }

  /** Parents a unit may move under: anything but itself and its own sub-units. */
  private parentOptions(except?: string) {
    const all = flatten(unitTree(this.units ?? []));
    const excluded = new Set<string>();
    if (except) {
      const branch = all.find((b) => b.unit.id === except);
      if (branch) for (const b of flatten([branch])) excluded.add(b.unit.id);
    }
    return all.filter((b) => !excluded.has(b.unit.id)).map((b) => ({ id: b.unit.id, name: b.unit.name, depth: b.depth }));
  }

  private renderEdit(u: AdminUnit) {
    const a = this.a.units;
    const scope = `unit-${u.id}`;
    const id = (name: string) => `${name}-${u.id}`;
    return html`<form class="stack panel" novalidate @submit=${(e: Event) => this.saveEdit(e, u)}
      aria-label=${format(a.editTitle, { name: u.name })}>
      <div class="field">
        <label for=${id('name')}>${a.name}${this.requiredMark()}</label>
        <input id=${id('name')} name="name" .value=${u.name} aria-invalid=${this.invalid(scope, 'name')}
          aria-describedby="${id('name-error')} ${id('name-counter')}" @input=${this.onTyped} />
        ${this.counter(id('name'), NAME_MAX, u.name)}
        ${this.fieldError(scope, 'name', id('name-error'))}
      </div>
      <div class="field">
        <label for=${id('parent')}>${a.parent}</label>
        <select id=${id('parent')} name="parentId" aria-invalid=${this.invalid(scope, 'parentId')} aria-describedby=${id('parent-error')}>
          <option value="" ?selected=${u.parentId === null}>${a.topLevel}</option>
          ${this.parentOptions(u.id).map((o) => html`<option value=${o.id} ?selected=${o.id === u.parentId}>${indented(o)}</option>`)}
        </select>
        ${this.fieldError(scope, 'parentId', id('parent-error'))}
      </div>
      <div class="field">
        <label for=${id('order')}>${a.sortOrder}${this.requiredMark()}</label>
        <input id=${id('order')} name="sortOrder" type="number" inputmode="numeric" min=${SORT_ORDER.min} max=${SORT_ORDER.max} .value=${String(u.sortOrder)}
          aria-invalid=${this.invalid(scope, 'sortOrder')} aria-describedby=${id('order-error')} />
        ${this.fieldError(scope, 'sortOrder', id('order-error'))}
      </div>
      ${this.formError(scope)}
      <div class="buttons">
        <button type="submit" ?disabled=${this.busy}>${this.busy ? this.a.saving : this.a.save}</button>
        <button type="button" class="secondary" @click=${() => { this.editing = null; this.clearMessages(); }}>${this.a.cancel}</button>
      </div>
    </form>`;
  }

  private renderAdd(tree: UnitBranch[]) {
    const a = this.a.units;
    return html`<form class="stack card" novalidate @submit=${this.add} aria-labelledby="add-unit-title">
      <h2 id="add-unit-title">${a.addTitle}</h2>
      <div class="field">
        <label for="parentId">${a.parent}</label>
        <select id="parentId" name="parentId" aria-invalid=${this.invalid(ADD, 'parentId')} aria-describedby="parentId-error">
          <option value="">${a.topLevel}</option>
          ${flatten(tree).map((b) => html`<option value=${b.unit.id} ?selected=${b.unit.id === this.addParent}>${indented({ id: b.unit.id, name: b.unit.name, depth: b.depth })}</option>`)}
        </select>
        ${this.fieldError(ADD, 'parentId', 'parentId-error')}
      </div>
      <div class="field">
        <label for="name">${a.name}${this.requiredMark()}</label>
        <input id="name" name="name" aria-invalid=${this.invalid(ADD, 'name')} aria-describedby="name-error name-counter" @input=${this.onTyped} />
        ${this.counter('name', NAME_MAX)}
        ${this.fieldError(ADD, 'name', 'name-error')}
      </div>
      <div class="field">
        <label for="kind">${a.kind}</label>
        <select id="kind" name="kind" aria-invalid=${this.invalid(ADD, 'kind')} aria-describedby="kind-error">
          ${UNIT_KINDS.map((k) => html`<option value=${k} ?selected=${k === (this.addParent ? 'department' : 'leader')}>${a.kinds[k]}</option>`)}
        </select>
        ${this.fieldError(ADD, 'kind', 'kind-error')}
      </div>
      ${this.formError(ADD)}
      <div class="buttons"><button type="submit" ?disabled=${this.busy}>${this.a.add}</button></div>
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
