import { html, nothing } from 'lit';
import type { IntegrationKey, IssuedIntegrationKey } from '../../sdk/src/schemas/integration-key';
import { idRefs } from '../../ui/id-refs';
import { defineElement } from '../../ui/liuyan-element';
import { format, formatDateTime } from '../../ui/localize';
import { failures, type FieldNames } from '../console-element';
import { AdminElement } from './admin-element';

const ISSUE = 'issue';
// In characters, as sdk/src/schemas/integration-key.ts checks it.
const LABEL_MAX = 50;

/**
 * @summary 接口密钥: the site's Open311 integration keys — issue one (shown once), see when each
 * was last used, revoke one; and the Open311 address integrators start from.
 */
export class LiuyanConsoleAdminIntegrations extends AdminElement {
  static override properties = {
    ...AdminElement.properties,
    keys: { state: true },
    siteId: { state: true },
    loadError: { state: true },
    issued: { state: true },
    revoking: { state: true },
  };

  private keys: IntegrationKey[] | null = null;
  private siteId = '';
  private loadError = '';
  /** The key just issued: shown until the admin leaves the page, never again. */
  private issued: IssuedIntegrationKey | null = null;
  /** The key whose revocation is being confirmed. */
  private revoking: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [keys, site] = await Promise.all([this.officials.admin.integrationKeys.list(), this.officials.admin.site.get()]);
      this.keys = keys;
      this.siteId = site.id;
    } catch (error) {
      this.loadError = this.problemText(error);
    }
  }

  protected override fieldNames(): FieldNames {
    return { labels: { label: this.a.integrations.label } };
  }

  private async issue(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const v = AdminElement.values(form);
    if (this.refused(ISSUE, failures({ label: this.textCheck('label', v.raw('label'), { min: 1, max: LABEL_MAX }) }))) return;
    const issued = await this.change(ISSUE, () => this.officials.admin.integrationKeys.issue({ label: v.text('label') }), this.a.integrations.issuedNotice);
    if (!issued) return;
    this.issued = issued;
    this.copied = null;
    this.keys = [issued, ...(this.keys ?? [])];
    this.resetForm(form);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#issued-key')?.focus());
  }

  private async revoke(key: IntegrationKey): Promise<void> {
    const revoked = await this.change(key.id, () => this.officials.admin.integrationKeys.revoke(key.id), this.a.integrations.revokedNotice);
    if (!revoked) return;
    this.keys = (this.keys ?? []).map((k) => (k.id === revoked.id ? revoked : k));
    if (this.issued?.id === revoked.id) this.issued = null;
    this.revoking = null;
  }

  override render() {
    const a = this.a.integrations;
    if (this.loadError) return html`<p class="error" role="alert">${this.loadError}</p>`;
    if (!this.keys) return html`<p class="muted" role="status">${this.t.loading}</p>`;
    const endpoint = `${location.origin}/open311/v2/${this.siteId}/discovery.xml`;
    return html`<h1>${a.title}</h1>
      <p class="muted hint">${a.intro}</p>
      <dl class="facts"><dt>${a.endpoint}</dt><dd><code>${endpoint}</code></dd></dl>
      ${this.renderDone()}
      ${this.issued ? html`<div class="card stack" role="group" aria-labelledby="issued-title">
          <h2 id="issued-title">${this.formatWritten(a.issuedTitle, { label: this.issued.label })}</h2>
          <p class="secret" id="issued-key" tabindex="-1">${this.issued.apiKey}</p>
          ${this.renderCopy('issued-key', this.issued.apiKey, { label: a.copy, selected: a.copySelected })}
          <p class="hint">${a.issuedHint}</p>
        </div>` : ''}
      ${this.keys.length === 0 ? html`<p class="muted">${a.empty}</p>`
        : html`<ul class="list" part="integration-keys">${this.keys.map((k) => this.renderKey(k))}</ul>`}
      <form class="stack card" novalidate @submit=${this.issue} aria-labelledby="issue-key-title">
        <h2 id="issue-key-title">${a.issueTitle}</h2>
        <div class="field">
          <label for="label-issue">${a.label}${this.requiredMark()}</label>
          <input id="label-issue" name="label" placeholder=${a.labelPlaceholder} aria-invalid=${this.invalid(ISSUE, 'label')}
            aria-describedby=${idRefs(this.errorRef(ISSUE, 'label', 'label-issue-error'), this.counterId('label-issue')) ?? nothing} @input=${this.onTyped} />
          ${this.counter('label-issue', LABEL_MAX)}
          ${this.fieldError(ISSUE, 'label', 'label-issue-error')}
        </div>
        ${this.formError(ISSUE)}
        <div class="buttons"><button type="submit" aria-disabled=${String(this.busy)}>${a.issue}</button></div>
      </form>`;
  }

  private renderKey(k: IntegrationKey) {
    const a = this.a.integrations;
    const when = (at: string) => formatDateTime(this.locale, at);
    return html`<li class="list-item">
      <div class="list-main"><strong>${this.written(k.label)}</strong> <code>${k.prefix}…</code></div>
      <p class="muted">${format(a.created, { at: when(k.createdAt) })} · ${k.lastUsedAt ? format(a.lastUsed, { at: when(k.lastUsedAt) }) : a.neverUsed}</p>
      ${k.revokedAt ? html`<p class="muted">${format(a.revoked, { at: when(k.revokedAt) })}</p>`
        : this.revoking === k.id ? this.confirmPanel({
            label: this.named(a.revoke, k.label), question: format(a.revokeConfirm, { label: k.label }), scope: k.id,
            action: a.confirmRevoke, run: () => this.revoke(k), cancel: () => { this.revoking = null; },
          })
        : html`<div class="buttons compact">
            <button type="button" class="secondary" aria-disabled=${String(this.busy)} aria-label=${this.named(a.revoke, k.label)}
              @click=${() => { this.clearMessages(); this.revoking = k.id; }}>${a.revoke}</button>
          </div>`}
    </li>`;
  }
}

defineElement('liuyan-console-admin-integrations', LiuyanConsoleAdminIntegrations);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-admin-integrations': LiuyanConsoleAdminIntegrations;
  }
}
