import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { idRefs } from '../ui/id-refs';
import { defineElement } from '../ui/liuyan-element';
import { tokens } from '../ui/tokens.styles';
import { ConsoleElement, failures, withoutTyped, type FieldNames } from './console-element';
import { styles } from './liuyan-console.styles';
import type { OfficialProfile, TotpEnrolment } from '../sdk/src/schemas/auth';
import type { OfficialNotificationPrefs } from '../sdk/src/schemas/notifications';
import { onDemand } from '../ui/on-demand';

/** The QR code maker, fetched when an official enrols an authenticator app. */
const qrCodeModule = onDemand(() => import('./qr-code'));

/** The kinds of notice an official turns on or off: the boxes of the preferences (the mobile is not one). */
type NoticeKind = Exclude<keyof OfficialNotificationPrefs, 'smsPhone'>;

/**
 * @summary The official's account: who they are, their password, and the authenticator (TOTP)
 * enrolment. With `forced` (an admin set the password), only the password change, before anything else.
 *
 * @event liuyan-profile - The account changed (password changed, second factor on). `detail`: the new `OfficialProfile`.
 */
export class LiuyanConsoleAccount extends ConsoleElement {
  static override styles = [tokens, styles];

  static override properties = {
    ...ConsoleElement.properties,
    profile: { attribute: false },
    forced: { type: Boolean },
    enrolment: { state: true },
    busy: { state: true },
    error: { state: true },
    errors: { state: true },
    enabledNow: { state: true },
    qrCode: { state: true },
    passwordBusy: { state: true },
    passwordErrors: { state: true },
    passwordError: { state: true },
    passwordDone: { state: true },
    notices: { state: true },
    noticesState: { state: true },
  };

  profile: OfficialProfile | null = null;
  /** The official must choose a password before anything else: the page shows only that form. */
  forced = false;
  /** The new secret, held only in memory while the official scans it. */
  private enrolment: TotpEnrolment | null = null;
  private busy = false;
  private error = '';
  private errors: Record<string, string> = {};
  private enabledNow = false;
  /** The QR drawer, fetched only by officials who enrol (most never do twice). */
  private qrCode: typeof import('./qr-code').qrCode | null = null;
  private passwordBusy = false;
  private passwordErrors: Record<string, string> = {};
  private passwordError = '';
  private passwordDone = false;
  /** Which e-mail notices the official gets; null until loaded. */
  private notices: OfficialNotificationPrefs | null = null;
  /** `phoneError`: the mobile's own error, under its field; `error`: any other failure, under the section. */
  private noticesState: { busy: boolean; done: boolean; error: string; phoneError?: string } = { busy: false, done: false, error: '' };

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.forced) void this.loadNotices();
  }

  private async loadNotices(): Promise<void> {
    try {
      this.notices = await this.officials.myNotifications.get();
    } catch (error) {
      this.noticesState = { busy: false, done: false, error: this.problemText(error) };
    }
  }

  /** Saves at once when a box is ticked or cleared: one choice per kind of notice (the mobile as it was). */
  private async setNotice(kind: NoticeKind, on: boolean): Promise<void> {
    if (!this.notices) return;
    // Shown as chosen while it saves (on a slow line the box went back until the answer came, and
    // looked as if the tap had not taken); put back only if the save fails.
    const before = this.notices;
    this.notices = { ...before, [kind]: on };
    const { smsPhone: _unchanged, ...kinds } = this.notices;
    if (!(await this.saveNotices(kinds))) this.notices = before;
  }

  /** Saves the mobile for SMS notices (empty: e-mail only). */
  private async setSmsPhone(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.notices) return;
    const smsPhone = ((event.target as HTMLFormElement).elements.namedItem('smsPhone') as HTMLInputElement).value.trim();
    await this.saveNotices({ ...this.notices, smsPhone: smsPhone || null });
  }

  /**
   * Saves the choices; whether the service took them. A box whose save failed goes back to what the
   * service holds (`live` in the template: the box's own state is compared, so a tick the service
   * did not take is undone).
   */
  private async saveNotices(wanted: OfficialNotificationPrefs): Promise<boolean> {
    this.noticesState = { busy: true, done: false, error: '' };
    try {
      this.notices = await this.officials.myNotifications.set(wanted);
      this.noticesState = { busy: false, done: true, error: '' };
      return true;
    } catch (error) {
      const fields = this.fieldErrors(error);
      this.noticesState = fields.smsPhone
        ? { busy: false, done: false, error: '', phoneError: fields.smsPhone }
        : { busy: false, done: false, error: this.problemText(error) };
      if (fields.smsPhone) await this.focusFirstInvalid();
      return false;
    }
  }

  private renderNotices() {
    const t = this.t.account;
    const s = this.noticesState;
    const box = (kind: NoticeKind, label: string) => html`<label class="choice"><input type="checkbox" name=${kind}
      .checked=${live(this.notices![kind])} aria-disabled=${String(s.busy)} @change=${(e: Event) => this.setNotice(kind, (e.target as HTMLInputElement).checked)} />${label}</label>`;
    return html`<section class="card" aria-labelledby="notices-title">
      <h2 id="notices-title">${t.notifications}</h2>
      ${this.notices ? html`<p class="muted">${t.notificationsHint}</p>
        <div class="stack notice-kinds">${box('assigned', t.notifyAssigned)}${box('dueSoon', t.notifyDueSoon)}${box('escalated', t.notifyEscalated)}${box('reopened', t.notifyReopened)}</div>
        <form class="stack" novalidate @submit=${this.setSmsPhone}
          @input=${() => { if (this.noticesState.phoneError) this.noticesState = { ...this.noticesState, phoneError: '' }; }}>
          <div class="field">
            <label for="smsPhone">${t.smsPhone}</label>
            <input id="smsPhone" name="smsPhone" type="tel" autocomplete="tel" .value=${this.notices.smsPhone ?? ''}
              aria-invalid=${s.phoneError ? 'true' : 'false'} aria-describedby=${idRefs('smsPhone-hint', s.phoneError && 'smsPhone-error') ?? nothing} />
            <p class="hint muted" id="smsPhone-hint">${t.smsPhoneHint}</p>
            ${s.phoneError ? html`<p class="error" id="smsPhone-error" role="alert">${s.phoneError}</p>` : nothing}
          </div>
          <div class="buttons"><button type="submit" class="secondary" aria-disabled=${String(s.busy)}>${t.smsPhoneSave}</button></div>
        </form>` : nothing}
      <p role="status">${s.done ? t.notificationsSaved : nothing}</p>
      ${s.error ? html`<p class="error" role="alert">${s.error}</p>` : nothing}
    </section>`;
  }

  /**
   * Changes the password with the current one. The service checks the rules (12 characters, not the
   * email, not the current one); here only that both new ones match, which the service never sees.
   */
  private async changePassword(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    const [currentPassword, newPassword, repeat] = [value('currentPassword'), value('newPassword'), value('repeatPassword')];
    const errors = failures({
      currentPassword: currentPassword ? '' : this.fieldMessage('currentPassword', 'required'),
      newPassword: newPassword ? '' : this.fieldMessage('newPassword', 'required'),
      repeatPassword: newPassword && repeat !== newPassword ? this.t.account.passwordsDiffer : '',
    });
    this.passwordErrors = errors;
    this.passwordError = '';
    this.passwordDone = false;
    if (Object.keys(errors).length > 0) return void this.focusFirstInvalid();
    this.passwordBusy = true;
    try {
      const profile = await this.officials.changePassword({ currentPassword, newPassword });
      form.reset();
      this.passwordDone = true;
      this.emit<OfficialProfile>('liuyan-profile', profile);
    } catch (error) {
      this.passwordErrors = this.fieldErrors(error);
      this.passwordError = Object.keys(this.passwordErrors).length > 0 ? '' : this.problemText(error);
      void this.focusFirstInvalid();
    } finally {
      this.passwordBusy = false;
    }
  }

  /** Starts the enrolment, with the password: a session alone must not be able to add an authenticator. */
  private async enrol(event: Event): Promise<void> {
    event.preventDefault();
    const password = this.renderRoot.querySelector<HTMLInputElement>('#enrol-password')?.value ?? '';
    this.errors = password ? {} : { password: this.fieldMessage('password', 'required') };
    this.error = '';
    if (!password) return void this.focusFirstInvalid();
    this.busy = true;
    try {
      const [enrolment, { qrCode }] = await Promise.all([this.officials.totp.enrol({ password }), qrCodeModule()]);
      this.qrCode = qrCode;
      this.enrolment = enrolment;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
    } catch (error) {
      this.errors = this.fieldErrors(error);
      this.error = Object.keys(this.errors).length > 0 ? '' : this.problemText(error);
      void this.focusFirstInvalid();
    } finally {
      this.busy = false;
    }
  }

  private async confirm(event: Event): Promise<void> {
    event.preventDefault();
    const code = (this.renderRoot.querySelector<HTMLInputElement>('#code')?.value ?? '').replace(/\s/g, '');
    this.errors = code ? {} : { code: this.fieldMessage('code', 'required') };
    this.error = '';
    if (!code) return void this.focusFirstInvalid();
    this.busy = true;
    try {
      const profile = await this.officials.totp.confirm({ code });
      this.enrolment = null;
      this.enabledNow = true;
      this.emit<OfficialProfile>('liuyan-profile', profile);
    } catch (error) {
      this.errors = this.fieldErrors(error);
      this.error = Object.keys(this.errors).length > 0 ? '' : this.problemText(error);
      void this.focusFirstInvalid();
    } finally {
      this.busy = false;
    }
  }

  protected override fieldNames(): FieldNames {
    const f = this.t.fieldNames;
    return { labels: { code: f.code, password: f.password, currentPassword: f.currentPassword, newPassword: f.newPassword, repeatPassword: f.repeatPassword } };
  }

  /** As its heading: 修改密码 alone while it is all an official may do. */
  protected override pageName(): string {
    return this.forced ? this.t.account.password : this.t.account.title;
  }

  override render() {
    const t = this.t.account;
    const p = this.profile;
    if (!p) return nothing;
    if (this.forced) {
      return html`<section class="card" aria-labelledby="password-title">
        <h1 id="password-title">${t.password}</h1>
        <p class="notice warning" role="status">${t.mustChange}</p>
        ${this.renderPasswordForm(p)}
      </section>`;
    }
    return html`<section class="card" aria-labelledby="account-title">
        <h1 id="account-title">${t.title}</h1>
        <dl class="facts">
          <dt>${t.name}</dt><dd>${this.written(p.displayName)}</dd>
          <dt>${t.email}</dt><dd>${p.email}</dd>
          <dt>${t.role}</dt><dd>${this.t.roles[p.role]}</dd>
          <dt>${t.units}</dt><dd>${p.units.length > 0 ? p.units.map((u) => u.name).join('、') : t.wholeSite}</dd>
          <dt>${t.site}</dt><dd>${this.written(p.site.name)}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="password-title">
        <h2 id="password-title">${t.password}</h2>
        ${this.passwordDone ? html`<p class="notice" role="status">${t.passwordChanged}</p>` : nothing}
        ${this.renderPasswordForm(p)}
      </section>
      <section class="card" aria-labelledby="totp-title">
        <h2 id="totp-title">${t.totp}</h2>
        ${this.enabledNow ? html`<p class="notice" role="status">${t.enabled}</p>` : nothing}
        ${p.totpEnabled ? html`<p>${t.totpOn}</p>` : this.enrolment ? this.renderEnrolment(this.enrolment) : this.renderStart()}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      </section>
      ${this.renderNotices()}`;
  }

  /** Current password, the new one twice; the email rides along so password managers file it under the account. */
  private renderPasswordForm(p: OfficialProfile) {
    const t = this.t.account;
    const field = (name: string, label: string, autocomplete: string, hint = '') => {
      const error = this.passwordErrors[name];
      return html`<div class="field">
        <label for=${name}>${label}${this.requiredMark()}</label>
        <input id=${name} name=${name} type="password" autocomplete=${autocomplete} maxlength="200"
          aria-invalid=${error ? 'true' : 'false'} aria-describedby=${idRefs(hint && `${name}-hint`, error && `${name}-error`) ?? nothing} />
        ${hint ? html`<p class="muted hint" id="${name}-hint">${hint}</p>` : nothing}
        ${error ? html`<p class="error" id="${name}-error" role=${this.fieldErrorRole(this.passwordErrors)}>${error}</p>` : nothing}
      </div>`;
    };
    return html`<form class="stack" novalidate @submit=${this.changePassword} aria-labelledby="password-title"
      @input=${(e: Event) => { this.passwordErrors = withoutTyped(this.passwordErrors, e); }}>
      <input type="email" name="username" autocomplete="username" .value=${p.email} hidden />
      ${field('currentPassword', t.currentPassword, 'current-password')}
      ${field('newPassword', t.newPassword, 'new-password', t.passwordHint)}
      ${field('repeatPassword', t.repeatPassword, 'new-password')}
      ${this.formProblem(this.passwordError, this.passwordErrors)}
      <button type="submit" aria-disabled=${String(this.passwordBusy)}>${this.passwordBusy ? t.changingPassword : t.changePassword}</button>
    </form>`;
  }

  /** Before the secret: the password, so that only the official, not whoever holds the session, can add one. */
  private renderStart() {
    const t = this.t.account;
    const error = this.errors.password;
    return html`<p>${t.totpOff}</p>
      <form class="stack" novalidate @submit=${this.enrol} @input=${(e: Event) => { this.errors = withoutTyped(this.errors, e); }}>
        <div class="field">
          <label for="enrol-password">${t.enrolPassword}${this.requiredMark()}</label>
          <input id="enrol-password" name="password" type="password" autocomplete="current-password"
            aria-invalid=${error ? 'true' : 'false'} aria-describedby=${idRefs(error && 'password-error') ?? nothing} />
          ${error ? html`<p class="error" id="password-error" role="alert">${error}</p>` : nothing}
        </div>
        <button type="submit" aria-disabled=${String(this.busy)}>${t.enrol}</button>
      </form>`;
  }

  private renderEnrolment(e: TotpEnrolment) {
    const t = this.t.account;
    const error = this.errors.code;
    return html`<p>${t.scan}</p>
      <div class="qr-box">${this.qrCode?.(e.uri, t.qrLabel)}</div>
      <p>${t.secretIntro}</p>
      <p><code class="secret" part="totp-secret">${e.secret.replace(/(.{4})(?=.)/g, '$1 ')}</code></p>
      <form class="stack" novalidate @submit=${this.confirm} @input=${(e: Event) => { this.errors = withoutTyped(this.errors, e); }}>
        <div class="field">
          <label for="code">${t.confirmIntro}${this.requiredMark()}</label>
          <input id="code" name="code" autocomplete="one-time-code" inputmode="numeric" maxlength="10"
            aria-invalid=${error ? 'true' : 'false'} aria-describedby=${idRefs(error && 'code-error') ?? nothing} />
          ${error ? html`<p class="error" id="code-error" role="alert">${error}</p>` : nothing}
        </div>
        <button type="submit" aria-disabled=${String(this.busy)}>${t.confirm}</button>
      </form>`;
  }
}

defineElement('liuyan-console-account', LiuyanConsoleAccount);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-account': LiuyanConsoleAccount;
  }
  interface GlobalEventHandlersEventMap {
    'liuyan-profile': CustomEvent<OfficialProfile>;
  }
}
