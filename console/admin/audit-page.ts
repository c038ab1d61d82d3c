import { html, nothing, type TemplateResult } from 'lit';
import type { Account } from '../../sdk/src/schemas/admin';
import type { AuditAction, AuditEntry, AuditQuery } from '../../sdk/src/schemas/audit';
import { defineElement } from '../../ui/liuyan-element';
import { format, formatDateTime } from '../../ui/localize';
import { AdminElement } from './admin-element';

type Filter = Pick<AuditQuery, 'account' | 'action' | 'from' | 'to'>;


/**
 * @summary 审计日志: who saw citizens' contact details, and who changed the site's settings,
 * calendar, units, accounts and reply templates, newest first; filtered by person, action and days,
 * a page at a time, and downloadable as CSV with the same filters.
 *
 * @csspart audit - The list of entries.
 * @csspart audit-export - The CSV download link.
 */
export class LiuyanConsoleAdminAudit extends AdminElement {
  static override properties = {
    ...AdminElement.properties,
    accounts: { state: true },
    filter: { state: true },
    entries: { state: true },
    nextCursor: { state: true },
    loading: { state: true },
    loadError: { state: true },
  };

  private accounts: Account[] = [];
  private filter: Filter = {};
  private entries: AuditEntry[] | null = null;
  private nextCursor: string | null = null;
  private loading = false;
  private loadError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    // The person filter lists the site's accounts; without them the log still reads.
    this.officials.admin.accounts.list().then((accounts) => (this.accounts = accounts), () => undefined);
  }

  /** The first page for the filter, or (`more`) the page after the entries shown. */
  private async load(more = false): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    this.loadError = '';
    this.errors = {};
    try {
      const page = await this.officials.admin.auditLog.list({ ...this.filter, ...(more && this.nextCursor ? { cursor: this.nextCursor } : {}) });
      this.entries = more ? [...(this.entries ?? []), ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
    } catch (error) {
      this.errors = this.fieldErrors(error);
      this.scope = 'filter';
      this.loadError = Object.keys(this.errors).length > 0 ? '' : this.problemText(error);
      if (!more) this.entries = [];
      void this.focusFirstInvalid();
    } finally {
      this.loading = false;
    }
  }

  /** 加载更多: the next page, the focus on the first entry added, where the log goes on. */
  private async loadMore(): Promise<void> {
    const before = this.entries?.length ?? 0;
    await this.load(true);
    if (!this.loadError && (this.entries?.length ?? 0) > before) await this.focusAdded('[part="audit"] > li', before);
  }

  private apply(event: Event): void {
    event.preventDefault();
    const v = AdminElement.values(event.target as HTMLFormElement);
    this.filter = {
      account: v.text('account') || undefined,
      action: (v.text('action') || undefined) as AuditAction | undefined,
      from: v.text('from') || undefined,
      to: v.text('to') || undefined,
    };
    // Days written YYYY-MM-DD compare as text; the service says the same of a range that ends before it starts.
    if (this.filter.from && this.filter.to && this.filter.from > this.filter.to) {
      this.refused('filter', { to: this.fieldMessage('to', 'before_start') });
      return;
    }
    void this.load();
  }

  private clear(event: Event): void {
    (event.target as HTMLButtonElement).form?.reset();
    this.filter = {};
    void this.load();
  }

  /** An action's label; one this console does not know yet (a newer service wrote it) reads as its code. */
  private actionLabel(action: string): string {
    return (this.a.audit.actions as Record<string, string>)[action] ?? action;
  }

  /** What the entry was about, in words: which account, unit, template or message, and what changed. */
  private details(e: AuditEntry) {
    const a = this.a.audit;
    const fieldNames = this.t.errors.fields;
    const parts: (string | TemplateResult)[] = [];
    if (e.target) parts.push(e.target.name !== null ? this.written(e.target.name) : `${e.target.id}${a.removed}`);
    const value = (field: string, v: string | null) => (field === 'active' ? a.activeValues[v === 'true' ? 'true' : 'false'] : v ?? a.topLevel);
    // A unit's change names what it was and became; other changes, which fields.
    if (e.changes.length > 0) {
      for (const c of e.changes) parts.push(this.written(format(a.changedFrom, { field: fieldNames[c.field] ?? c.field, from: value(c.field, c.from), to: value(c.field, c.to) })));
    } else if (e.fields.length > 0) parts.push(format(a.changed, { fields: e.fields.map((f) => fieldNames[f] ?? f).join(a.separator) }));
    if (e.role) parts.push(this.t.roles[e.role]);
    if (e.rows !== null) parts.push(format(a.rows, { n: e.rows }));
    if (e.holidays.length > 0) parts.push(this.written(e.holidays.join(a.separator)));
    if (e.year !== null) parts.push(format(a.year, { n: e.year }));
    if (e.from || e.to) parts.push(format(a.range, { from: e.from ?? '…', to: e.to ?? '…' }));
    return html`${e.messageId ? html`<a href="#/messages/${encodeURIComponent(e.messageId)}">${format(a.message, { id: e.messageId })}</a>` : nothing}
      ${parts.length > 0 ? html`<span>${parts.map((part, i) => html`${i > 0 ? a.separator : nothing}${part}`)}</span>` : nothing}`;
  }

  override render() {
    const a = this.a.audit;
    return html`<h1>${a.title}</h1>
      <p class="muted hint">${a.intro}</p>
      ${this.renderFilters()}
      <div class="buttons">
        <a class="button secondary" part="audit-export" href=${this.officials.admin.auditLog.csvUrl(this.filter)} download>${a.download}</a>
      </div>
      ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : nothing}
      ${this.entries === null ? html`<p class="muted" role="status">${this.t.loading}</p>` : this.renderEntries(this.entries)}`;
  }

  private renderFilters() {
    const a = this.a.audit;
    const f = this.filter;
    // Labels name their control by `for`: a label around a select would read all its options as its name.
    return html`<form class="card filter-grid" novalidate data-navigates @submit=${this.apply} aria-label=${a.apply}>
      <div class="field">
        <label for="audit-account">${a.person}</label>
        <select id="audit-account" name="account">
          <option value="">${a.anyone}</option>
          ${this.accounts.map((x) => html`<option value=${x.id} lang=${this.langOf(x.displayName)} ?selected=${x.id === f.account}>${x.displayName}（${x.email}）</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="audit-action">${a.action}</label>
        <select id="audit-action" name="action">
          <option value="">${a.anyAction}</option>
          ${(Object.keys(a.actions) as AuditAction[]).map((action) => html`<option value=${action} ?selected=${action === f.action}>${this.actionLabel(action)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="audit-from">${a.from}</label>
        <input id="audit-from" name="from" type="date" .value=${f.from ?? ''} aria-invalid=${this.invalid('filter', 'from')} aria-describedby=${this.errorRef('filter', 'from', 'from-error') ?? nothing} />
        ${this.fieldError('filter', 'from', 'from-error')}
      </div>
      <div class="field">
        <label for="audit-to">${a.to}</label>
        <input id="audit-to" name="to" type="date" .value=${f.to ?? ''} aria-invalid=${this.invalid('filter', 'to')} aria-describedby=${this.errorRef('filter', 'to', 'to-error') ?? nothing} />
        ${this.fieldError('filter', 'to', 'to-error')}
      </div>
      ${this.formError('filter')}
      <div class="buttons">
        <button type="submit" aria-disabled=${String(this.loading)}>${a.apply}</button>
        <button type="button" class="secondary" @click=${this.clear}>${a.clear}</button>
      </div>
    </form>`;
  }

  private renderEntries(entries: AuditEntry[]) {
    const a = this.a.audit;
    if (entries.length === 0 && !this.loading) return html`<p class="muted" role="status">${a.empty}</p>`;
    return html`<ul class="list" part="audit" aria-busy=${this.loading ? 'true' : 'false'}>
        ${entries.map((e) => html`<li class="list-item" data-action=${e.action}>
          <div class="list-main">
            <strong>${e.actor ? this.written(e.actor.displayName) : a.service}</strong>
            <span>${this.actionLabel(e.action)}</span>
          </div>
          <div class="list-main muted">
            <time datetime=${e.at}>${formatDateTime(this.locale, e.at)}</time>
            ${this.details(e)}
          </div>
        </li>`)}
      </ul>
      ${this.nextCursor ? html`<button type="button" class="secondary wide" aria-disabled=${String(this.loading)} @click=${this.loadMore}>
        ${this.loading ? a.loadingMore : a.loadMore}</button>` : nothing}`;
  }
}

defineElement('liuyan-console-admin-audit', LiuyanConsoleAdminAudit);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-admin-audit': LiuyanConsoleAdminAudit;
  }
}
