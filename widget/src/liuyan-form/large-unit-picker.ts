// The unit picker of a tree too large to send whole (a national site, `unitsComplete: false` in the
// site config): a chunk of its own (≈ 0.8 KB gzip; bench/README.md), fetched as soon as the config
// says the site needs it. Every other site shows the one `<select>` of liuyan-form.ts and never
// downloads this. It imports types only (part-host.ts says why).
import type { TemplateResult } from 'lit';
import type { UnitChoice } from '../../../sdk/src/schemas/site';
import type { PartHost } from './part-host';

/** One level of the tree as loaded (the top level from the config), and the choice made in it. */
interface Level {
  parent: string;
  options: { id: string; name: string }[];
  value: string;
}

/** A search: the text asked for and its answer (null while on its way, or after a failure). */
interface Search {
  text: string;
  results: UnitChoice[] | null;
  failed: boolean;
}

/** What the picker takes from the form besides the common part: the choice it makes, and the label of the unit chosen. */
export interface PickerHost extends PartHost {
  /** Chooses unit `id` ('' for none), `label` being its path and name as shown. */
  pick(id: string, label: string): void;
  /** The path and name of the unit chosen (kept in the draft), or ''. */
  chosenLabel(): string;
}

/**
 * A search by any part of a name, each answer with its path, or the tree level by level, each level
 * loaded when the one above is chosen. What is chosen is said in words (announced), whichever way it
 * was found.
 */
export class LargeUnitPicker {
  /** The levels shown, the top level first. */
  private levels: Level[];
  /** The text asked for and its answer (null while it is on its way). */
  private search: Search = { text: '', results: null, failed: false };
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  /** `top`: the top level of the site's tree, as the config lists it. */
  constructor(private readonly host: PickerHost, top: { id: string; name: string }[]) {
    this.levels = [{ parent: '', options: top, value: '' }];
  }

  render(): TemplateResult {
    const { html, nothing, format, t } = this.host;
    const search = this.search;
    const chosen = this.host.chosenLabel();
    return html`<fieldset class="field" part="field">
      <legend>${this.host.fieldLabel('unitId')}${this.host.requiredMark()}</legend>
      <label class="sub" for="unitId">${t.unitSearch}</label>
      <input id="unitId" type="search" autocomplete="off" placeholder=${t.unitSearchPlaceholder} .value=${search.text}
        aria-invalid=${this.host.invalid('unitId')} aria-describedby=${this.host.describedBy('unitId', 'unitId-chosen')} aria-controls="unit-results"
        @input=${(e: Event) => this.searchUnits((e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && e.preventDefault() /* Enter searches (it does as typed); it never sends the form */} />
      <!-- What a search found is said in a sentence (a live region); the results themselves are read as the citizen moves through them. -->
      <div aria-live="polite">
        ${search.failed ? html`<p class="notice">${t.unitsLoadFailed}</p>` : nothing}
        ${search.results?.length === 0 ? html`<p class="muted">${this.host.formatWritten(t.unitSearchNone, { text: search.text.trim() })}</p>` : nothing}
        ${search.results?.length ? html`<p class="muted">${format(t.unitSearchFound, { n: search.results.length })}</p>` : nothing}
      </div>
      <div id="unit-results">
        ${search.results?.length ? html`<ul class="unit-results">${search.results.map((u) => html`<li><button type="button" class="unit-result"
          @click=${() => this.pickFound(u)}>${this.host.written(u.name)}${u.path.length ? html`<span class="muted hint" lang=${this.host.langOf(u.path.join(''))}>${u.path.join(' › ')}</span>` : nothing}</button></li>`)}</ul>` : nothing}
      </div>
      <span class="sub">${t.unitBrowse}</span>
      ${this.levels.map((level, depth) => {
        const above = this.levels[depth - 1]?.options.find((u) => u.id === level.parent);
        return html`<label class="sub" for="unit-level-${depth}">${above ? this.host.formatWritten(t.unitsUnder, { name: above.name }) : t.chooseUnit}</label>
        <select id="unit-level-${depth}" @change=${(e: Event) => this.chooseLevel(depth, (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${level.value === ''}>${t.chooseLevel}</option>
          ${level.options.map((u) => html`<option value=${u.id} lang=${this.host.langOf(u.name)} ?selected=${u.id === level.value}>${u.name}</option>`)}
        </select>`;
      })}
      <p id="unitId-chosen" role="status">${chosen ? this.host.formatWritten(t.unitChosen, { name: chosen }) : nothing}</p>
      ${this.host.errorLine('unitId')}
    </fieldset>`;
  }

  private update(change: { levels?: Level[]; search?: Search }): void {
    if (change.levels) this.levels = change.levels;
    if (change.search) this.search = change.search;
    this.host.requestUpdate();
  }

  /** Asks the service for units named like `text`, a moment after the typing stops; a later answer replaces an earlier one only. */
  private searchUnits(text: string): void {
    clearTimeout(this.searchTimer);
    this.update({ search: { text, results: text.trim() ? this.search.results : null, failed: false } });
    if (!text.trim()) return;
    this.searchTimer = setTimeout(async () => {
      try {
        const { items } = await this.host.client().listUnits({ q: text.trim() });
        if (this.search.text === text) this.update({ search: { text, results: items, failed: false } });
      } catch {
        if (this.search.text === text) this.update({ search: { text, results: null, failed: true } });
      }
    }, 300);
  }

  /** Chooses a unit of level `depth` and loads the level below it, if it has one. */
  private async chooseLevel(depth: number, id: string): Promise<void> {
    const levels = this.levels.slice(0, depth + 1).map((l, i) => (i === depth ? { ...l, value: id } : l));
    this.update({ levels });
    const chain = levels.map((l) => l.options.find((u) => u.id === l.value)).filter((u): u is { id: string; name: string } => Boolean(u));
    this.host.pick(chain.at(-1)?.id ?? '', chain.map((u) => u.name).join(' › '));
    if (!id) return;
    try {
      const { items } = await this.host.client().listUnits({ parent: id });
      // Only if the citizen has not chosen otherwise meanwhile.
      if (this.levels[depth]?.value === id && items.length > 0) this.update({ levels: [...this.levels.slice(0, depth + 1), { parent: id, options: items, value: '' }] });
    } catch {
      this.host.setError('unitId', this.host.t.unitsLoadFailed);
    }
  }

  /** A search answer chosen: the levels go back to the top, so they do not show another unit. */
  private pickFound(unit: UnitChoice): void {
    this.update({ levels: this.levels.slice(0, 1).map((l) => ({ ...l, value: '' })) });
    this.host.pick(unit.id, [...unit.path, unit.name].join(' › '));
  }
}
