import { html, nothing } from 'lit';
import { DOMAINS, MESSAGE_TYPES } from '../../sdk/src/codes';
import type { FieldErrorParams } from '../../sdk/src/error-messages';
import type { FieldErrorCode } from '../../sdk/src/schemas/error';
import type { AdminCampaign, CampaignOutlet, CreateCampaignInput } from '../../sdk/src/schemas/campaign';
import type { Domain, MessageType } from '../../sdk/src/schemas/common';
import { idRefs } from '../../ui/id-refs';
import { defineElement } from '../../ui/liuyan-element';
import { format, formatDateTime, lastInstantOf } from '../../ui/localize';
import { failures, type FieldNames } from '../console-element';
import { AdminElement, type FormValues } from './admin-element';
import { startingWith } from '../unit-picker';

const ADD = 'add';
// In characters, as sdk/src/schemas/campaign.ts checks them.
const TITLE_MAX = 100;
const DESCRIPTION_MAX = 2000;
const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** Drives run by the site's days (UTC+8): from the start day's 00:00 to the end day's 24:00. */
const SITE_OFFSET = '+08:00';
const DAY_MS = 86_400_000;

const startOf = (day: string) => `${day}T00:00:00${SITE_OFFSET}`;
const afterDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10) + `T00:00:00${SITE_OFFSET}`;
/** The site's day of an instant given with its offset (`2026-03-01T00:00:00+08:00`), minus `back` days. */
const siteDay = (at: string) => new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 10);
/**
 * A drive's last day (site time): the day of its last instant. `endsAt` is exclusive — midnight after
 * the last day as the form sets it, or the moment an admin ended it (结束征集), which falls on that day.
 */
const lastDay = (endsAt: string) => siteDay(lastInstantOf(endsAt));

/**
 * Outlets as admins type them, one a line: the name, a space, the page origin (人民日报
 * https://www.people.com.cn); `lines`: the line (from 1) each came from, blank lines skipped, to name
 * it in an error.
 */
function parseOutlets(text: string): { outlets: CampaignOutlet[]; lines: number[] } {
  const outlets: CampaignOutlet[] = [];
  const lines: number[] = [];
  text.split('\n').forEach((typed, i) => {
    const line = typed.trim();
    if (!line) return;
    const at = line.lastIndexOf(' ');
    outlets.push(at < 0 ? { name: '', origin: line } : { name: line.slice(0, at).trim(), origin: line.slice(at + 1) });
    lines.push(i + 1);
  });
  return { outlets, lines };
}

const outletLines = (outlets: readonly CampaignOutlet[]) => outlets.map((o) => `${o.name} ${o.origin}`).join('\n');

/**
 * @summary 建言专栏: the site's suggestion drives with their figures; create one (address, title,
 * description, days, target units with their sub-units, types, domains, the news sites that embed
 * it), change one, or end it early.
 */
export class LiuyanConsoleAdminCampaigns extends AdminElement {
  static override properties = {
    ...AdminElement.properties,
    campaigns: { state: true },
    units: { state: true },
    loadError: { state: true },
    editing: { state: true },
    confirming: { state: true },
  };

  private campaigns: AdminCampaign[] | null = null;
  private loadError = '';
  private editing: string | null = null;
  /** The drive whose ending or deletion waits for the admin's confirmation. */
  private confirming: { id: string; what: 'end' | 'remove' } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.campaigns = await this.officials.admin.campaigns.list();
    } catch (error) {
      this.loadError = this.problemText(error);
    }
  }

  protected override fieldNames(): FieldNames {
    const n = this.a.campaigns.fieldNames;
    return { labels: { ...n }, choices: ['unitIds', 'types', 'domains'] };
  }

  /** The line of the outlets box each outlet sent came from (`parseOutlets`). */
  private outletLines: number[] = [];

  /** An outlet's error names its line: 第2行：合作媒体网址格式不正确. */
  protected override fieldMessage(field: string, code: FieldErrorCode, params: FieldErrorParams = {}): string {
    const outlet = /^outlets\.(\d+)(?:\.\w+)?$/.exec(field);
    if (!outlet) return super.fieldMessage(field, code, params);
    const n = this.outletLines[Number(outlet[1])] ?? Number(outlet[1]) + 1;
    return format(this.a.protection.onLine, { n, error: super.fieldMessage('outlets', code, params) });
  }

  /** The form's drive, or the errors found before sending (as the service would find them). */
  private read(scope: string, v: FormValues, withSlug: boolean, current?: AdminCampaign): Omit<CreateCampaignInput, 'slug'> & { slug?: string } | null {
    const from = v.text('startsAt');
    const to = v.text('endsAt');
    const { outlets, lines } = parseOutlets(v.raw('outlets'));
    this.outletLines = lines;
    const unnamed = outlets.findIndex((o) => !o.name);
    const errors = failures({
      ...(withSlug ? { slug: v.text('slug') === '' ? this.fieldMessage('slug', 'required') : SLUG.test(v.text('slug')) ? '' : this.fieldMessage('slug', 'invalid') } : {}),
      title: this.textCheck('title', v.raw('title'), { min: 1, max: TITLE_MAX }),
      description: this.textCheck('description', v.raw('description'), { max: DESCRIPTION_MAX, multiline: true }),
      startsAt: from ? '' : this.fieldMessage('startsAt', 'required'),
      endsAt: !to ? this.fieldMessage('endsAt', 'required') : from && to < from ? this.fieldMessage('endsAt', 'before_start') : '',
      outlets: unnamed < 0 ? '' : format(this.a.protection.onLine, { n: lines[unnamed]!, error: this.a.campaigns.outletLine }),
    });
    if (this.refused(scope, errors)) return null;
    return {
      ...(withSlug ? { slug: v.text('slug') } : {}),
      title: v.text('title'),
      description: v.text('description'),
      // A day left as it was keeps its moment: editing a drive ended early (结束征集) must not reopen it
      // for the rest of its last day.
      startsAt: current && from === siteDay(current.startsAt) ? current.startsAt : startOf(from),
      endsAt: current && to === lastDay(current.endsAt) ? current.endsAt : afterDay(to),
      unitIds: v.units('unitIds'),
      types: v.checked('types') as MessageType[],
      domains: v.checked('domains') as Domain[],
      outlets,
    };
  }

  private async add(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const input = this.read(ADD, AdminElement.values(form), true);
    if (!input) return;
    const created = await this.change(ADD, () => this.officials.admin.campaigns.create(input as CreateCampaignInput), this.savedText(this.a.campaigns.created, input.endsAt));
    if (!created) return;
    this.campaigns = [created, ...(this.campaigns ?? [])];
    this.resetForm(form);
  }

  private async save(event: Event, campaign: AdminCampaign): Promise<void> {
    event.preventDefault();
    const input = this.read(campaign.id, AdminElement.values(event.target as HTMLFormElement), false, campaign);
    if (!input) return;
    const saved = await this.change(campaign.id, () => this.officials.admin.campaigns.update(campaign.id, input),
      input.endsAt === campaign.endsAt ? this.showsWithin(this.a.saved, 'site') : this.savedText(this.a.saved, input.endsAt));
    if (!saved) return;
    this.campaigns = (this.campaigns ?? []).map((x) => (x.id === saved.id ? saved : x));
    this.editing = null;
  }

  /**
   * What a save says: a drive whose last day is already past takes no messages, which an editor who
   * mistyped a year did not mean (a drive kept as a record of a past one is still saved).
   */
  private savedText(done: string, endsAt: string): string {
    return Date.parse(endsAt) <= Date.now() ? `${done}${this.a.campaigns.periodOver}` : this.showsWithin(done, 'site');
  }

  /** Ends an open drive now: the service sets its end, and its form then says it is closed. */
  private async endCampaign(campaign: AdminCampaign): Promise<void> {
    const ended = await this.change(campaign.id, () => this.officials.admin.campaigns.end(campaign.id), this.a.campaigns.endedNow);
    if (!ended) {
      // Ended a moment ago by another admin, or its end came meanwhile: the row shows it as it now is,
      // beside the error, and the question goes.
      const fresh = await this.officials.admin.campaigns.list().catch(() => null);
      const now = fresh?.find((x) => x.id === campaign.id);
      if (fresh) this.campaigns = fresh;
      if (now && Date.parse(now.endsAt) <= Date.now()) this.confirming = null;
      return;
    }
    this.campaigns = (this.campaigns ?? []).map((x) => (x.id === ended.id ? ended : x));
    this.confirming = null;
  }

  /** Deletes a drive no message was sent to (the service refuses one with messages). */
  private async removeCampaign(campaign: AdminCampaign): Promise<void> {
    const removed = await this.change(campaign.id, async () => {
      await this.officials.admin.campaigns.remove(campaign.id);
      return true;
    }, campaign.outlets.length === 0 ? this.a.campaigns.removed : format(this.a.campaigns.removedWithOutlets, {
      // The outlets' websites were added to those allowed to embed: they stay, since the site may
      // want them for other pages; the admin is told where to take them out.
      outlets: [...new Set(campaign.outlets.map((o) => o.origin))].join(this.a.audit.separator),
    }));
    if (!removed) return;
    this.campaigns = (this.campaigns ?? []).filter((x) => x.id !== campaign.id);
    this.confirming = null;
  }

  private confirm(campaign: AdminCampaign, what: 'end' | 'remove'): void {
    this.clearMessages();
    this.editing = null;
    const same = this.confirming?.id === campaign.id && this.confirming.what === what;
    this.confirming = same ? null : { id: campaign.id, what };
  }

  private toggle(campaign: AdminCampaign): void {
    this.clearMessages();
    this.confirming = null;
    this.editing = this.editing === campaign.id ? null : campaign.id;
    if (this.editing) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.panel input')?.focus());
  }

  override render() {
    const a = this.a.campaigns;
    if (this.loadError) return html`<p class="error" role="alert">${this.loadError}</p>`;
    if (!this.campaigns) return html`<p class="muted" role="status">${this.t.loading}</p>`;
    return html`<h1>${a.title}</h1>
      <p class="muted hint">${a.intro}</p>
      ${this.renderDone()}
      ${this.campaigns.length === 0 ? html`<p class="muted">${a.empty}</p>`
        : html`<ul class="list" part="campaigns">${this.campaigns.map((x) => this.renderCampaign(x))}</ul>`}
      <form class="stack card" novalidate @submit=${this.add} aria-labelledby="add-campaign-title">
        <h2 id="add-campaign-title">${a.addTitle}</h2>
        ${this.fields(ADD, null)}
        ${this.formError(ADD)}
        <div class="buttons"><button type="submit" aria-disabled=${String(this.busy)}>${this.a.add}</button></div>
      </form>`;
  }

  private renderCampaign(x: AdminCampaign) {
    const a = this.a.campaigns;
    const now = Date.now();
    const isOpen = Date.parse(x.startsAt) <= now && now < Date.parse(x.endsAt);
    const state = now < Date.parse(x.startsAt) ? a.notStarted : now >= Date.parse(x.endsAt) ? a.ended : a.open;
    const confirming = this.confirming?.id === x.id ? this.confirming.what : null;
    const day = (at: string) => formatDateTime(this.locale, at, false);
    return html`<li class="list-item">
      <div class="list-main"><strong>${this.written(x.title)}</strong> <span class="badge">${state}</span></div>
      <p class="muted">${format(a.window, { slug: x.slug, from: day(x.startsAt), to: day(`${lastDay(x.endsAt)}T12:00:00${SITE_OFFSET}`) })}</p>
      <p>${format(a.figures, { messages: x.counts.messages, published: x.counts.published, replied: x.counts.replied, adopted: x.counts.adopted })}</p>
      ${x.outlets.length > 0 ? html`<p class="muted">${this.formatWritten(a.outletList, { outlets: [...new Set(x.outlets.map((o) => o.name))].join(this.a.audit.separator) })}</p>` : nothing}
      <div class="buttons compact">
        <button type="button" class="secondary" aria-disabled=${String(this.busy)} aria-expanded=${String(this.editing === x.id)}
          aria-label=${this.named(this.a.edit, x.title)} @click=${() => this.toggle(x)}>${this.a.edit}</button>
        ${isOpen ? html`<button type="button" class="secondary" aria-disabled=${String(this.busy)} aria-expanded=${String(confirming === 'end')}
          aria-label=${this.named(a.end, x.title)} @click=${() => this.confirm(x, 'end')}>${a.end}</button>` : nothing}
        ${x.counts.messages === 0 ? html`<button type="button" class="secondary" aria-disabled=${String(this.busy)} aria-expanded=${String(confirming === 'remove')}
          aria-label=${this.named(this.a.remove, x.title)} @click=${() => this.confirm(x, 'remove')}>${this.a.remove}</button>` : nothing}
      </div>
      ${confirming ? this.confirmPanel({
        label: this.named(confirming === 'end' ? a.end : this.a.remove, x.title),
        question: format(confirming === 'end' ? a.endConfirm : a.removeConfirm, { title: x.title }), scope: x.id,
        action: confirming === 'end' ? a.confirmEnd : this.a.confirmRemove,
        run: () => (confirming === 'end' ? this.endCampaign(x) : this.removeCampaign(x)), cancel: () => { this.confirming = null; },
      }) : nothing}
      ${this.editing === x.id ? html`<form class="stack panel" novalidate @submit=${(e: Event) => this.save(e, x)}
          aria-label=${format(a.editTitle, { title: x.title })}>
          ${this.fields(x.id, x)}
          ${this.formError(x.id)}
          <div class="buttons">
            <button type="submit" aria-disabled=${String(this.busy)}>${this.busy ? this.a.saving : this.a.save}</button>
            <button type="button" class="secondary" @click=${() => { this.editing = null; this.clearMessages(); }}>${this.a.cancel}</button>
          </div>
        </form>` : confirming ? nothing : this.formError(x.id)}
    </li>`;
  }

  private fields(scope: string, x: AdminCampaign | null) {
    const a = this.a.campaigns;
    const id = (name: string) => `${name}-${scope}`;
    const text = (name: 'title' | 'slug', label: string, value: string, max?: number, hint?: string) => html`<div class="field">
        <label for=${id(name)}>${label}${this.requiredMark()}</label>
        ${hint ? html`<p class="muted hint" id=${id(`${name}-hint`)}>${hint}</p>` : nothing}
        <input id=${id(name)} name=${name} .value=${value} aria-invalid=${this.invalid(scope, name)}
          aria-describedby=${idRefs(this.errorRef(scope, name, id(`${name}-error`)), max ? this.counterId(id(name)) : undefined, hint && id(`${name}-hint`)) ?? nothing} @input=${this.onTyped} />
        ${max ? this.counter(id(name), max, value) : nothing}
        ${this.fieldError(scope, name, id(`${name}-error`))}
      </div>`;
    const date = (name: 'startsAt' | 'endsAt', label: string, value: string) => html`<div class="field">
        <label for=${id(name)}>${label}${this.requiredMark()}</label>
        <input id=${id(name)} name=${name} type="date" .value=${value} aria-invalid=${this.invalid(scope, name)} aria-describedby=${this.errorRef(scope, name, id(`${name}-error`)) ?? nothing} />
        ${this.fieldError(scope, name, id(`${name}-error`))}
      </div>`;
    const choices = (name: 'types' | 'domains', legend: string, options: [string, string, number][], checked: readonly string[]) => html`<fieldset class="field">
        <legend>${legend}</legend>
        <div class="choices">
          ${options.map(([value, label, depth]) => html`<label class="choice">${'\u3000'.repeat(depth)}<input type="checkbox" name=${name} value=${value}
            ?checked=${checked.includes(value)} aria-invalid=${this.invalid(scope, name)} aria-describedby=${this.errorRef(scope, name, id(`${name}-error`)) ?? nothing} />${label}</label>`)}
        </div>
        ${this.fieldError(scope, name, id(`${name}-error`))}
      </fieldset>`;
    return html`${x ? nothing : text('slug', a.slug, '', undefined, a.slugHint)}
      ${text('title', a.name, x?.title ?? '', TITLE_MAX)}
      <div class="field">
        <label for=${id('description')}>${a.description}</label>
        <textarea id=${id('description')} name="description" rows="4" .value=${x?.description ?? ''} aria-invalid=${this.invalid(scope, 'description')}
          aria-describedby=${idRefs(this.errorRef(scope, 'description', id('description-error')), this.counterId(id('description'))) ?? nothing} @input=${this.onTyped}></textarea>
        ${this.counter(id('description'), DESCRIPTION_MAX, x?.description)}
        ${this.fieldError(scope, 'description', id('description-error'))}
      </div>
      ${date('startsAt', a.startsAt, x ? siteDay(x.startsAt) : '')}
      ${date('endsAt', a.endsAt, x ? lastDay(x.endsAt) : '')}
      <p class="muted hint">${a.choicesHint}</p>
      <div class="field">
        <liuyan-console-unit-picker id=${id('unitIds')} name="unitIds" source="admin" multiple label=${a.units}
          .values=${startingWith(x?.unitIds)} aria-invalid=${this.invalid(scope, 'unitIds')} .error=${this.errorFor(scope, 'unitIds')}
          described-by=${id('unitIds-error')}></liuyan-console-unit-picker>
      </div>
      ${choices('types', a.types, MESSAGE_TYPES.map((t) => [t, this.t.types[t], 0]), x?.types ?? [])}
      ${choices('domains', a.domains, DOMAINS.map((d) => [d, this.t.domains[d], 0]), x?.domains ?? [])}
      <div class="field">
        <label for=${id('outlets')}>${a.outlets}</label>
        <p class="muted hint" id=${id('outlets-hint')}>${a.outletsHint}</p>
        <textarea id=${id('outlets')} name="outlets" rows="3" .value=${outletLines(x?.outlets ?? [])} aria-invalid=${this.invalid(scope, 'outlets')}
          aria-describedby=${idRefs(this.errorRef(scope, 'outlets', id('outlets-error')), id('outlets-hint')) ?? nothing}></textarea>
        ${this.fieldError(scope, 'outlets', id('outlets-error'))}
      </div>`;
  }
}

defineElement('liuyan-console-admin-campaigns', LiuyanConsoleAdminCampaigns);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-admin-campaigns': LiuyanConsoleAdminCampaigns;
  }
}
