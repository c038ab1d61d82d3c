import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { SiteSettings, UpdateSiteInput } from '../../../../sdk/src/schemas/admin';
import type { Domain, MessageType } from '../../../../sdk/src/schemas/common';
import { defineElement } from '../../internal/liuyan-element';
import { format } from '../../internal/localize';
import { AdminElement } from './admin-element';

// Every type and domain the service knows, in the order the widget shows them.
const TYPES: readonly MessageType[] = ['suggestion', 'complaint', 'help', 'consultation'];
const DOMAINS: readonly Domain[] = [
  'urban', 'transport', 'agriculture', 'health', 'education', 'environment', 'employment', 'enterprise', 'governance',
  'security', 'tourism', 'finance', 'other',
];
const DEADLINE_MAX = 60;
const FORM = 'site';

/**
 * @summary 站点设置: name, pre- or post-moderation, the websites allowed to embed the widget, the
 * message types and domains accepted, and the deadline in working days per type.
 */
export class LiuyanConsoleAdminSite extends AdminElement {
  static override properties = {
    ...AdminElement.properties,
    settings: { state: true },
    origins: { state: true },
    loadError: { state: true },
  };

  private settings: SiteSettings | null = null;
  /** The origins as being edited: rows are added and removed before saving. */
  private origins: string[] = [];
  private loadError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.show(await this.service.get<SiteSettings>('/v1/admin/site'));
    } catch (error) {
      this.loadError = this.problemText(error);
    }
  }

  private show(settings: SiteSettings): void {
    this.settings = settings;
    this.origins = [...settings.allowedOrigins];
  }

  private async addOrigin(): Promise<void> {
    this.origins = [...this.origins, ''];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#origin-${this.origins.length - 1}`)?.focus();
  }

  private removeOrigin(index: number): void {
    this.origins = this.origins.filter((_, i) => i !== index);
    // Errors name rows by position: after a removal they would point at the wrong row.
    if (this.scope === FORM) this.errors = {};
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const v = AdminElement.values(form);
    const deadlineDays: Partial<Record<MessageType, number>> = {};
    for (const type of TYPES) deadlineDays[type] = Number(v.text(`deadline-${type}`));
    const input: UpdateSiteInput = {
      name: v.text('name'),
      moderation: v.raw('moderation') === 'post' ? 'post' : 'pre',
      // Blank rows are rows not filled in, not origins.
      allowedOrigins: this.origins.map((o) => o.trim()).filter(Boolean),
      types: v.checked('types') as MessageType[],
      domains: v.checked('domains') as Domain[],
      deadlineDays,
    };
    const saved = await this.change(FORM, () => this.service.patch<SiteSettings>('/v1/admin/site', input), this.a.saved);
    if (saved) this.show(saved);
  }

  override render() {
    const a = this.a.site;
    if (this.loadError) return html`<p class="error" role="alert">${this.loadError}</p>`;
    const s = this.settings;
    if (!s) return html`<p class="muted" role="status">${this.t.loading}</p>`;
    return html`<h1>${a.title}</h1>
      ${this.renderDone()}
      <form class="stack card" novalidate @submit=${this.save} aria-label=${a.title}>
        <div class="field">
          <label for="name">${a.name}</label>
          <input id="name" name="name" maxlength="100" .value=${s.name} aria-invalid=${this.invalid(FORM, 'name')} aria-describedby="name-error" />
          ${this.fieldError(FORM, 'name', 'name-error')}
        </div>
        <fieldset class="field">
          <legend>${a.moderation}</legend>
          <div class="choices column">
            ${(['pre', 'post'] as const).map((mode) => html`<label class="choice"><input type="radio" name="moderation" value=${mode}
              .checked=${s.moderation === mode} />${a[mode]}</label>`)}
          </div>
          ${this.fieldError(FORM, 'moderation', 'moderation-error')}
        </fieldset>
        ${this.renderOrigins()}
        <fieldset class="field">
          <legend>${a.types}</legend>
          <div class="choices">
            ${TYPES.map((type) => html`<label class="choice"><input type="checkbox" name="types" value=${type}
              .checked=${s.types.includes(type)} />${this.t.types[type]}</label>`)}
          </div>
          ${this.fieldError(FORM, 'types', 'types-error')}
        </fieldset>
        <fieldset class="field">
          <legend>${a.domains}</legend>
          <div class="choices">
            ${DOMAINS.map((d) => html`<label class="choice"><input type="checkbox" name="domains" value=${d}
              .checked=${s.domains.includes(d)} />${this.t.domains[d]}</label>`)}
          </div>
          ${this.fieldError(FORM, 'domains', 'domains-error')}
        </fieldset>
        <fieldset class="field">
          <legend>${a.deadlines}</legend>
          <p class="muted hint">${a.deadlinesHint}</p>
          <div class="number-grid">
            ${TYPES.map((type) => html`<div class="field">
              <label for="deadline-${type}">${format(a.deadlineFor, { type: this.t.types[type] })}</label>
              <input id="deadline-${type}" name="deadline-${type}" type="number" inputmode="numeric" min="1" max=${DEADLINE_MAX}
                .value=${String(s.deadlineDays[type] ?? '')} aria-invalid=${this.invalid(FORM, `deadlineDays.${type}`)}
                aria-describedby="deadline-${type}-error" />
              ${this.fieldError(FORM, `deadlineDays.${type}`, `deadline-${type}-error`)}
            </div>`)}
          </div>
        </fieldset>
        ${this.formError(FORM)}
        <div class="buttons"><button type="submit" ?disabled=${this.busy}>${this.busy ? this.a.saving : this.a.save}</button></div>
      </form>`;
  }

  private renderOrigins() {
    const a = this.a.site;
    // A row's error is `allowedOrigins.<n>`, counted among the rows that are filled in.
    let filled = -1;
    return html`<fieldset class="field">
      <legend>${a.origins}</legend>
      <p class="muted hint" id="origins-hint">${a.originsHint}</p>
      ${this.origins.length === 0 ? html`<p class="muted">${a.noOrigins}</p>` : nothing}
      <ul class="rows">
        ${this.origins.map((origin, i) => {
          if (origin.trim()) filled++;
          const field = `allowedOrigins.${origin.trim() ? filled : -1}`;
          const label = format(a.origin, { n: i + 1 });
          return html`<li>
            <div class="row">
              <label class="visually-hidden" for="origin-${i}">${label}</label>
              <input id="origin-${i}" type="url" inputmode="url" spellcheck="false" autocapitalize="off" maxlength="200"
                placeholder="https://" .value=${live(origin)} @input=${(e: Event) => (this.origins[i] = (e.target as HTMLInputElement).value)}
                aria-invalid=${this.invalid(FORM, field)} aria-describedby="origin-${i}-error origins-hint" />
              <button type="button" class="secondary" aria-label=${format(a.removeOrigin, { n: i + 1 })}
                @click=${() => this.removeOrigin(i)}>${this.a.remove}</button>
            </div>
            ${this.fieldError(FORM, field, `origin-${i}-error`)}
          </li>`;
        })}
      </ul>
      ${this.errors.allowedOrigins && this.scope === FORM ? html`<p class="error" role="alert">${this.errors.allowedOrigins}</p>` : nothing}
      <div class="buttons"><button type="button" class="secondary" @click=${this.addOrigin}>${a.addOrigin}</button></div>
    </fieldset>`;
  }
}

defineElement('liuyan-console-admin-site', LiuyanConsoleAdminSite);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-admin-site': LiuyanConsoleAdminSite;
  }
}
