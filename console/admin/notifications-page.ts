import { html, nothing } from 'lit';
import type { DeadNotificationList, NotificationRecord, NotificationSettings } from '../../sdk/src/schemas/notifications';
import { OFFICIAL_NOTIFICATION_KINDS, SMS_TEMPLATE_KINDS, type NoticeFailure, type ResendRefusal } from '../../sdk/src/codes';
import { idRefs } from '../../ui/id-refs';
import { defineElement } from '../../ui/liuyan-element';
import { format, formatDateTime } from '../../ui/localize';
import { failures, type FieldNames } from '../console-element';
import { AdminElement } from './admin-element';

/**
 * An address the service takes for an SMS endpoint: http(s), as its schema (`z.url({ protocol: /^https?$/ })`).
 * `new URL` in a try, not `URL.parse`: an office's browser may be older than Chromium 126.
 */
function isWebAddress(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}

const SAVE = 'notifications';

type DeadReasons = Record<string, string>;

/**
 * The last failed attempt of a dead notice, said in words with its code after them: the codes are the
 * delivery step's (`worker/src/notifications/sms.ts`, `email.ts`, `deliver.ts`): `http_<status>` from a
 * government gateway, an Aliyun error code (`isv.…`), `refused_<name>`/`failed_<name>` from e-mail,
 * and the step's own (`no_recipient`, `message_gone`, …).
 */
export function deadReason(reasons: DeadReasons, code: string | null): string {
  if (!code) return '';
  const status = /^http_(\d{3})$/.exec(code)?.[1];
  const own: Record<NoticeFailure, string | undefined> = {
    no_recipient: reasons.noRecipient, message_gone: reasons.messageGone, sms_not_configured: reasons.smsNotConfigured,
    expired: reasons.expired, invalid_phone: reasons.invalidPhone, no_endpoint: reasons.smsNotConfigured,
  };
  const words = status ? (status.startsWith('4') ? reasons.gatewayRefused : reasons.gatewayFailed)
    : own[code as NoticeFailure] ?? (code.startsWith('refused_') ? reasons.emailRefused
      : /^(failed|error)_/.test(code) ? reasons.other : reasons.provider);
  return format(reasons.withCode!, { words: words!, code: status ? `HTTP ${status}` : code });
}
type Provider = NonNullable<NotificationSettings['sms']['provider']>;

/**
 * @summary 短信与邮件: how the site sends SMS (阿里云短信, or the government's own gateway: key, secret
 * (write-only), sign name, template codes), the e-mail sender, whether a submission needs an SMS code;
 * and the notices that could not be delivered after every retry (never their recipients).
 */
export class LiuyanConsoleAdminNotifications extends AdminElement {
  static override properties = {
    ...AdminElement.properties,
    settings: { state: true },
    dead: { state: true },
    provider: { state: true },
    loadError: { state: true },
  };

  private settings: NotificationSettings | null = null;
  private dead: DeadNotificationList | null = null;
  /** The provider chosen in the form (its fields follow it). */
  private provider: Provider | '' = '';
  private loadError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [settings, dead] = await Promise.all([this.officials.admin.notifications.get(), this.officials.admin.notifications.dead()]);
      this.settings = settings;
      this.dead = dead;
      this.provider = settings.sms.provider ?? '';
    } catch (error) {
      this.loadError = this.problemText(error);
    }
  }

  protected override fieldNames(): FieldNames {
    const n = this.a.notifications;
    // An error names the field as the chosen provider's form labels it.
    const keys = this.provider ? n.providerKeys[this.provider] : n;
    return { labels: { 'sms.keyId': keys.keyId, 'sms.secret': keys.secret, 'sms.signName': n.signName, 'sms.endpoint': n.endpoint, emailFrom: n.emailFrom, phoneVerification: n.phoneVerification } };
  }

  /**
   * Whether `provider` is another than the one the stored setup is for (the one in use, or, with SMS
   * off, the one it was kept for): its address, key ID and secret are then not this one's.
   */
  private switchedTo(provider: Provider): boolean {
    const { sms } = this.settings!;
    const setUpFor = sms.provider ?? sms.keptFor;
    return Boolean(setUpFor && provider !== setUpFor);
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const v = AdminElement.values(form);
    const orNull = (name: string) => v.text(name) || null;
    const provider = (v.text('provider') || null) as Provider | null;
    const templates = Object.fromEntries(SMS_TEMPLATE_KINDS.map((kind) => [kind, v.text(`template-${kind}`)]).filter(([, code]) => code));
    // SMS turned off: its fields are gone from the form, and what they held is kept (the service drops
    // only the secret), so turning it on again is typing the secret.
    const kept = this.settings!.sms;
    // The service's checks, made here first so that every one is said at once: a malformed address
    // answered alone (the schema's check) left a missing secret for the next save.
    if (provider && this.refused(SAVE, failures({
      'sms.endpoint': v.text('endpoint') ? (isWebAddress(v.text('endpoint')) ? '' : this.fieldMessage('sms.endpoint', 'invalid'))
        : provider === 'gateway' ? this.fieldMessage('sms.endpoint', 'required') : '',
      'sms.keyId': v.text('keyId') ? '' : this.fieldMessage('sms.keyId', 'required'),
      'sms.secret': v.raw('secret') || (kept.hasSecret && !this.switchedTo(provider)) ? '' : this.fieldMessage('sms.secret', 'required'),
      'sms.signName': v.text('signName') ? '' : this.fieldMessage('sms.signName', 'required'),
    }))) return;
    const sms = provider
      ? { provider, endpoint: orNull('endpoint'), keyId: orNull('keyId'), secret: v.raw('secret') || null, signName: orNull('signName'), templates }
      : { provider, endpoint: kept.endpoint, keyId: kept.keyId, secret: null, signName: kept.signName, templates: kept.templates };
    const saved = await this.change(SAVE, () => this.officials.admin.notifications.update({
      sms,
      emailFrom: orNull('emailFrom'),
      phoneVerification: v.checked('phoneVerification').length > 0,
    }), this.showsWithin(this.a.saved, 'site'));
    if (!saved) return;
    this.settings = saved;
    // Not there once SMS is turned off.
    const secret = form.elements.namedItem('secret') as HTMLInputElement | null;
    if (secret) secret.value = '';
    // Whether a dead SMS notice can go again follows the provider just set or cleared.
    if (this.dead?.items.some((d) => d.channel === 'sms')) this.dead = await this.officials.admin.notifications.dead().catch(() => this.dead);
  }

  /**
   * 重新发送: the notice is queued again (a second click finds it on its way and sends nothing more).
   * Its row stays until the list is read again, saying so where the admin clicked: a row that went
   * left only the next one in view on a phone, the confirmation screens above.
   */
  private async resend(notice: NotificationRecord): Promise<void> {
    const queued = await this.change(notice.id, () => this.officials.admin.notifications.resend(notice.id), this.a.notifications.resent);
    if (!queued || !this.dead) return;
    this.dead = { items: this.dead.items.map((d) => (d.id === queued.id ? queued : d)) };
  }

  /** Why a dead notice cannot go again now, as the service says (`resendRefusal`), and what would let it. */
  private whyNotResendable(d: NotificationRecord): string {
    const n = this.a.notifications;
    const toOfficial = (OFFICIAL_NOTIFICATION_KINDS as readonly string[]).includes(d.kind);
    const words: Record<ResendRefusal, string> = {
      not_resendable: n.notResendable, sms_unavailable: n.smsNotSet,
      no_recipient: toOfficial ? (d.channel === 'sms' ? n.noOfficialMobile : n.noOfficialAccount) : n.noCitizenContact,
    };
    return words[d.resendRefusal ?? 'not_resendable'];
  }

  override render() {
    const n = this.a.notifications;
    if (this.loadError) return html`<p class="error" role="alert">${this.loadError}</p>`;
    if (!this.settings || !this.dead) return html`<p class="muted" role="status">${this.t.loading}</p>`;
    const s = this.settings;
    // Another provider than the one saved (or, with SMS off, than the one its setup was kept for): its
    // address, key ID and secret are not this one's (an Aliyun request must not go to the county's
    // gateway), so they start empty and the service asks for the new secret. The sign name and
    // template codes are the texts', and stay.
    const switched = Boolean(this.provider && this.switchedTo(this.provider));
    const text = (name: string, field: string, label: string, value: string | null, options: { type?: string; hint?: string; placeholder?: string } = {}) => html`<div class="field">
        <label for=${name}>${label}</label>
        <input id=${name} name=${name} type=${options.type ?? 'text'} .value=${value ?? ''} placeholder=${options.placeholder ?? ''} autocomplete="off"
          aria-invalid=${this.invalid(SAVE, field)} aria-describedby=${idRefs(this.errorRef(SAVE, field, `${name}-error`), options.hint && `${name}-hint`) ?? nothing} />
        ${options.hint ? html`<p class="hint muted" id="${name}-hint">${options.hint}</p>` : ''}
        ${this.fieldError(SAVE, field, `${name}-error`)}
      </div>`;
    return html`<h1>${n.title}</h1>
      <p class="muted hint">${n.intro}</p>
      ${this.renderDone()}
      <form class="stack card" novalidate @submit=${this.save} aria-labelledby="sms-title">
        <h2 id="sms-title">${n.smsTitle}</h2>
        <div class="field">
          <label for="provider">${n.provider}</label>
          <select id="provider" name="provider" @change=${(e: Event) => { this.provider = (e.target as HTMLSelectElement).value as Provider | ''; this.clearMessages(); }}>
            <option value="" ?selected=${this.provider === ''}>${n.providerNone}</option>
            <option value="aliyun" ?selected=${this.provider === 'aliyun'}>${n.providerAliyun}</option>
            <option value="gateway" ?selected=${this.provider === 'gateway'}>${n.providerGateway}</option>
          </select>
        </div>
        ${this.provider ? html`
          ${text('endpoint', 'sms.endpoint', n.endpoint, switched ? null : s.sms.endpoint, { hint: this.provider === 'aliyun' ? n.endpointAliyunHint : n.endpointGatewayHint, placeholder: 'https://' })}
          ${text('keyId', 'sms.keyId', n.providerKeys[this.provider].keyId, switched ? null : s.sms.keyId)}
          ${text('secret', 'sms.secret', n.providerKeys[this.provider].secret, null, { type: 'password', hint: s.sms.hasSecret && !switched ? n.secretKept : n.secretHint })}
          ${text('signName', 'sms.signName', n.signName, s.sms.signName, { hint: n.signNameHint })}
          <fieldset class="field"><legend>${n.templates}</legend>
            <p class="hint muted">${n.templatesHint}</p>
            ${SMS_TEMPLATE_KINDS.map((kind) => html`<label for="template-${kind}">${n.templateKinds[kind]}</label>
              <input id="template-${kind}" name="template-${kind}" .value=${s.sms.templates[kind] ?? ''} placeholder="SMS_…" autocomplete="off" />`)}
          </fieldset>
          <label class="choice"><input type="checkbox" name="phoneVerification" value="on" .checked=${s.phoneVerification}
            aria-invalid=${this.invalid(SAVE, 'phoneVerification')} aria-describedby=${this.errorRef(SAVE, 'phoneVerification', 'phoneVerification-error') ?? nothing} />${n.phoneVerification}</label>
          ${this.fieldError(SAVE, 'phoneVerification', 'phoneVerification-error')}` : html`<p class="muted">${n.noSms}</p>${s.sms.keyId || s.sms.provider ? html`<p class="muted hint">${n.smsKept}</p>` : nothing}`}
        <h2>${n.emailTitle}</h2>
        ${text('emailFrom', 'emailFrom', n.emailFrom, s.emailFrom, { type: 'email', hint: n.emailFromHint })}
        ${this.formError(SAVE)}
        <div class="buttons"><button type="submit" aria-disabled=${String(this.busy)}>${this.busy ? this.a.saving : this.a.save}</button></div>
      </form>
      <section class="stack" aria-labelledby="dead-title">
        <h2 id="dead-title">${n.deadTitle}</h2>
        <p class="muted hint">${n.deadHint}</p>
        ${this.dead.items.length === 0 ? html`<p class="muted">${n.deadEmpty}</p>` : html`<ul class="list" part="dead-notifications">
          ${this.dead.items.map((d) => html`<li class="list-item">
            <div class="list-main"><strong>${n.kinds[d.kind]}</strong> · ${n.channels[d.channel]}${d.messageId ? html` · <a href="#/messages/${d.messageId}">${n.message}</a>` : ''}</div>
            ${d.status === 'dead' ? html`<p class="muted">${format(n.deadLine, { at: formatDateTime(this.locale, d.createdAt), attempts: d.attempts, error: deadReason(n.deadReasons, d.lastError) })}</p>` : nothing}
            ${this.formError(d.id)}
            ${d.status !== 'dead' ? nothing : d.resendable ? html`<div class="buttons compact">
              <button type="button" part="resend-notification" aria-disabled=${String(this.busy)} @click=${() => this.resend(d)}>${n.resend}</button>
            </div>` : html`<p class="muted hint">${this.whyNotResendable(d)}</p>`}
          </li>`)}
        </ul>`}
      </section>`;
  }
}

defineElement('liuyan-console-admin-notifications', LiuyanConsoleAdminNotifications);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-admin-notifications': LiuyanConsoleAdminNotifications;
  }
}
