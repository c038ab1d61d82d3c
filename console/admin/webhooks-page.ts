import { html, nothing } from 'lit';
import { WEBHOOK_EVENT_TYPES } from '../../sdk/src/codes';
import type { WebhookDelivery, WebhookEndpoint, WebhookEndpointWithSecret } from '../../sdk/src/schemas/webhook';
import { idRefs } from '../../ui/id-refs';
import { defineElement } from '../../ui/liuyan-element';
import { format, formatDateTime } from '../../ui/localize';
import { failures, type FieldNames } from '../console-element';
import { AdminElement } from './admin-element';

const ADD = 'add';
// In characters, as sdk/src/schemas/webhook.ts checks them.
const URL_MAX = 500;
const DESCRIPTION_MAX = 100;

/**
 * @summary Webhooks: the site's endpoints — add one (https; its signing secret shown once), choose its
 * events, turn it off and on, rotate its secret, delete it — and each one's deliveries with their last
 * attempts (status code, time, error), with 重新发送 for one that failed.
 */
export class LiuyanConsoleAdminWebhooks extends AdminElement {
  static override properties = {
    ...AdminElement.properties,
    endpoints: { state: true },
    loadError: { state: true },
    secret: { state: true },
    confirming: { state: true },
    open: { state: true },
    deliveries: { state: true },
  };

  private endpoints: WebhookEndpoint[] | null = null;
  private loadError = '';
  /** The secret just made (added, rotated): shown until the admin leaves the page, never again. */
  private secret: WebhookEndpointWithSecret | null = null;
  /** What is being confirmed: `rotate:<id>` or `delete:<id>`. */
  private confirming = '';
  /** The endpoint whose deliveries are shown. */
  private open = '';
  private deliveries: WebhookDelivery[] | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.endpoints = await this.officials.admin.webhooks.list();
    } catch (error) {
      this.loadError = this.problemText(error);
    }
  }

  protected override fieldNames(): FieldNames {
    const w = this.a.webhooks;
    // Events by the catalog's word (事件): "请至少选择一个事件", as the service says it.
    return { labels: { url: w.url, description: w.description } };
  }

  private show(endpoint: WebhookEndpoint): void {
    this.endpoints = (this.endpoints ?? []).map((e) => (e.id === endpoint.id ? endpoint : e));
  }

  private async add(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const v = AdminElement.values(form);
    const events = v.checked('events') as (typeof WEBHOOK_EVENT_TYPES)[number][];
    const problems = failures({
      url: this.textCheck('url', v.raw('url'), { min: 1, max: URL_MAX }) || (/^https:\/\//i.test(v.text('url')) ? '' : this.fieldMessage('url', 'not_https')),
      description: this.textCheck('description', v.raw('description'), { max: DESCRIPTION_MAX }),
      events: events.length > 0 ? '' : this.fieldMessage('events', 'none_chosen'),
    });
    // http on this machine is for local development only (WEBHOOK_LOOPBACK): the service decides.
    if (problems.url && /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(v.text('url'))) delete problems.url;
    if (this.refused(ADD, problems)) return;
    const created = await this.change(ADD, () => this.officials.admin.webhooks.create({ url: v.text('url'), description: v.text('description'), events }), this.a.webhooks.added);
    if (!created) return;
    this.secret = created;
    this.copied = null;
    this.endpoints = [...(this.endpoints ?? []), created];
    this.resetForm(form);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#webhook-secret')?.focus());
  }

  private async rotate(endpoint: WebhookEndpoint): Promise<void> {
    const rotated = await this.change(endpoint.id, () => this.officials.admin.webhooks.rotateSecret(endpoint.id), this.a.webhooks.rotated);
    if (!rotated) return;
    this.secret = rotated;
    this.copied = null;
    this.show(rotated);
    this.confirming = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#webhook-secret')?.focus());
  }

  private async toggle(endpoint: WebhookEndpoint): Promise<void> {
    const w = this.a.webhooks;
    const changed = await this.change(endpoint.id, () => this.officials.admin.webhooks.update(endpoint.id, { enabled: !endpoint.enabled }),
      endpoint.enabled ? w.disabledNotice : w.enabledNotice);
    if (changed) this.show(changed);
  }

  private async deleteEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    const removed = await this.change(endpoint.id, async () => { await this.officials.admin.webhooks.remove(endpoint.id); return true; }, this.a.webhooks.removed);
    if (!removed) return;
    this.endpoints = (this.endpoints ?? []).filter((e) => e.id !== endpoint.id);
    if (this.secret?.id === endpoint.id) this.secret = null;
    if (this.open === endpoint.id) this.open = '';
    this.confirming = '';
  }

  private async showDeliveries(endpoint: WebhookEndpoint): Promise<void> {
    this.clearMessages();
    if (this.open === endpoint.id) {
      this.open = '';
      return;
    }
    this.open = endpoint.id;
    this.deliveries = null;
    try {
      this.deliveries = await this.officials.admin.webhooks.deliveries(endpoint.id);
    } catch (error) {
      this.open = '';
      this.error = this.problemText(error);
      this.scope = endpoint.id;
    }
  }

  private async resend(endpoint: WebhookEndpoint, delivery: WebhookDelivery): Promise<void> {
    const queued = await this.change(delivery.id, () => this.officials.admin.webhooks.resend(endpoint.id, delivery.id), this.a.webhooks.resent);
    if (!queued) return;
    this.deliveries = (this.deliveries ?? []).map((d) => (d.id === queued.id ? queued : d));
    if (delivery.status === 'dead') this.show({ ...endpoint, deadDeliveries: Math.max(0, endpoint.deadDeliveries - 1) });
  }

  override render() {
    const w = this.a.webhooks;
    if (this.loadError) return html`<p class="error" role="alert">${this.loadError}</p>`;
    if (!this.endpoints) return html`<p class="muted" role="status">${this.t.loading}</p>`;
    return html`<h1>${w.title}</h1>
      <p class="muted hint">${w.intro}</p>
      ${this.renderDone()}
      ${this.secret ? html`<div class="card stack" role="group" aria-labelledby="webhook-secret-title">
          <h2 id="webhook-secret-title">${format(w.secretTitle, { url: this.secret.url })}</h2>
          <p class="secret" id="webhook-secret" tabindex="-1" part="webhook-secret">${this.secret.secret}</p>
          ${this.renderCopy('webhook-secret', this.secret.secret, { label: w.copy, selected: w.copySelected, part: 'copy-webhook-secret' })}
          <p class="hint">${w.secretHint}</p>
        </div>` : nothing}
      ${this.endpoints.length === 0 ? html`<p class="muted">${w.empty}</p>`
        : html`<ul class="list" part="webhook-endpoints">${this.endpoints.map((e) => this.renderEndpoint(e))}</ul>`}
      ${this.renderAddForm()}`;
  }

  private renderEndpoint(e: WebhookEndpoint) {
    const w = this.a.webhooks;
    const when = (at: string) => formatDateTime(this.locale, at);
    return html`<li class="list-item" part="webhook-endpoint">
      <div class="list-main"><code>${e.url}</code>${e.description ? html` <span>${e.description}</span>` : nothing}</div>
      <p class="muted">${e.events.map((type) => w.eventTypes[type]).join(w.separator)}</p>
      <p class="muted">
        ${e.enabled ? w.enabled : html`<strong>${w.disabled}</strong>`}
        ${e.previousSecretExpiresAt ? html` · ${format(w.rotating, { at: when(e.previousSecretExpiresAt) })}` : nothing}
        ${e.deadDeliveries > 0 ? html` · <strong>${format(w.deadCount, { n: e.deadDeliveries })}</strong>` : nothing}
      </p>
      ${this.confirming === `rotate:${e.id}` ? this.renderConfirm(e, w.rotate, w.rotateConfirm, w.confirmRotate, () => this.rotate(e))
        : this.confirming === `delete:${e.id}` ? this.renderConfirm(e, this.a.remove, w.removeConfirm, w.confirmRemove, () => this.deleteEndpoint(e))
          : html`${this.formError(e.id)}<div class="buttons compact">
              <button type="button" class="secondary" aria-expanded=${this.open === e.id ? 'true' : 'false'} aria-label=${this.named(w.deliveries, e.url)}
                @click=${() => this.showDeliveries(e)}>${w.deliveries}</button>
              <button type="button" class="secondary" aria-disabled=${String(this.busy)} aria-label=${this.named(e.enabled ? w.disable : w.enable, e.url)}
                @click=${() => this.toggle(e)}>${e.enabled ? w.disable : w.enable}</button>
              <button type="button" class="secondary" aria-disabled=${String(this.busy)} aria-label=${this.named(w.rotate, e.url)}
                @click=${() => { this.clearMessages(); this.confirming = `rotate:${e.id}`; }}>${w.rotate}</button>
              <button type="button" class="secondary" aria-disabled=${String(this.busy)} aria-label=${this.named(this.a.remove, e.url)}
                @click=${() => { this.clearMessages(); this.confirming = `delete:${e.id}`; }}>${this.a.remove}</button>
            </div>`}
      ${this.open === e.id ? this.renderDeliveries(e) : nothing}
    </li>`;
  }

  /** The question before `opener` (轮换密钥, 删除) is done to the endpoint `e`. */
  private renderConfirm(e: WebhookEndpoint, opener: string, question: string, action: string, run: () => void) {
    return this.confirmPanel({
      label: this.named(opener, e.url), question: format(question, { url: e.url }), scope: e.id, action, run,
      cancel: () => { this.confirming = ''; },
    });
  }

  private renderDeliveries(e: WebhookEndpoint) {
    const w = this.a.webhooks;
    if (!this.deliveries) return html`<p class="muted" role="status">${this.t.loading}</p>`;
    if (this.deliveries.length === 0) return html`<p class="muted">${w.noDeliveries}</p>`;
    const when = (at: string) => formatDateTime(this.locale, at);
    return html`<ul class="list" part="webhook-deliveries" aria-label=${w.deliveries}>${this.deliveries.map((d) => html`<li class="list-item">
      <div class="list-main"><strong>${w.eventTypes[d.eventType]}</strong> <span class="badge">${d.nextAttemptAt && !e.enabled ? w.paused : w.statuses[d.status]}</span> <code>${d.eventId}</code></div>
      <p class="muted">${format(w.deliveryFacts, { message: d.messageId, at: when(d.createdAt), n: d.attempts })}${d.nextAttemptAt ? html` · ${format(e.enabled ? w.nextAttempt : w.nextAttemptDisabled, { at: when(d.nextAttemptAt) })}` : nothing}</p>
      ${d.recentAttempts.length > 0 ? html`<!-- On a phone each attempt's result goes on the line below its time, status code and
          duration (styles: .attempts-table); the roles keep it a table for screen readers. -->
        <table class="dashboard-table attempts-table" role="table">
          <caption class="visually-hidden">${w.attempts}</caption>
          <thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">${w.attemptAt}</th><th scope="col" role="columnheader">${w.statusCode}</th><th scope="col" role="columnheader">${w.duration}</th><th scope="col" role="columnheader">${w.error}</th></tr></thead>
          <tbody role="rowgroup">${d.recentAttempts.map((a) => html`<tr role="row">
            <td role="cell">${when(a.at)}</td>
            <td role="cell">${a.statusCode ?? '—'}</td>
            <td role="cell">${format(w.ms, { n: a.durationMs })}</td>
            <td role="cell">${a.error ? w.errors[a.error] : w.ok}${a.responseExcerpt && a.error ? html`<br /><code>${a.responseExcerpt}</code>` : nothing}</td>
          </tr>`)}</tbody>
        </table>` : nothing}
      ${this.scope === d.id ? html`${this.formError(d.id)}` : nothing}
      ${d.status === 'pending' ? nothing : !e.enabled ? html`<p class="muted hint">${w.resendWhenEnabled}</p>` : html`<div class="buttons compact">
        <button type="button" class=${d.status === 'dead' ? '' : 'secondary'} aria-disabled=${String(this.busy)}
          aria-label=${this.named(w.resend, `${w.eventTypes[d.eventType]} ${d.eventId}`)} @click=${() => this.resend(e, d)}>${w.resend}</button>
      </div>`}
    </li>`)}</ul>`;
  }

  private renderAddForm() {
    const w = this.a.webhooks;
    return html`<form class="stack card" novalidate @submit=${this.add} aria-labelledby="add-webhook-title">
      <h2 id="add-webhook-title">${w.addTitle}</h2>
      <div class="field">
        <label for="webhook-url">${w.url}${this.requiredMark()}</label>
        <input id="webhook-url" name="url" type="url" inputmode="url" placeholder="https://" aria-invalid=${this.invalid(ADD, 'url')}
          aria-describedby=${idRefs('webhook-url-hint', this.errorRef(ADD, 'url', 'webhook-url-error')) ?? nothing} />
        <p class="hint" id="webhook-url-hint">${w.urlHint}</p>
        ${this.fieldError(ADD, 'url', 'webhook-url-error')}
      </div>
      <div class="field">
        <label for="webhook-description">${w.description}</label>
        <input id="webhook-description" name="description" placeholder=${w.descriptionPlaceholder} aria-invalid=${this.invalid(ADD, 'description')}
          aria-describedby=${idRefs(this.errorRef(ADD, 'description', 'webhook-description-error'), this.counterId('webhook-description')) ?? nothing} @input=${this.onTyped} />
        ${this.counter('webhook-description', DESCRIPTION_MAX)}
        ${this.fieldError(ADD, 'description', 'webhook-description-error')}
      </div>
      <fieldset class="field">
        <legend>${w.events}${this.requiredMark()}</legend>
        <div class="choices">
          ${WEBHOOK_EVENT_TYPES.map((type) => html`<label class="choice"><input type="checkbox" name="events" value=${type}
            aria-invalid=${this.invalid(ADD, 'events')} aria-describedby=${this.errorRef(ADD, 'events', 'webhook-events-error') ?? nothing} />${w.eventTypes[type]}</label>`)}
        </div>
        ${this.fieldError(ADD, 'events', 'webhook-events-error')}
      </fieldset>
      ${this.formError(ADD)}
      <div class="buttons"><button type="submit" aria-disabled=${String(this.busy)}>${w.add}</button></div>
    </form>`;
  }
}

defineElement('liuyan-console-admin-webhooks', LiuyanConsoleAdminWebhooks);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-admin-webhooks': LiuyanConsoleAdminWebhooks;
  }
}
