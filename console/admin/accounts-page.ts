import { html, nothing } from 'lit';
import { oneOf, ROLES } from '../../sdk/src/codes';
import { checkPasswordStrength } from '../../sdk/src/password';
import type { Account, AdminUnitItem, CreateAccountInput, UpdateAccountInput } from '../../sdk/src/schemas/admin';
import type { OfficialProfile } from '../../sdk/src/schemas/auth';
import type { Role } from '../../sdk/src/schemas/console';
import { idRefs } from '../../ui/id-refs';
import { defineElement } from '../../ui/liuyan-element';
import { format } from '../../ui/localize';
import { failures } from '../console-element';
import { AdminElement, type FormValues } from './admin-element';
import { startingWith } from '../unit-picker';

const ADD = 'add';
/** Ids named per request, as `GET /v1/admin/units?ids=` takes them (ADMIN_UNIT_IDS_MAX, sdk/src/schemas/admin.ts). */
const ADMIN_UNIT_IDS_MAX = 100;
/** In characters, as sdk/src/schemas/admin.ts checks it. */
const DISPLAY_NAME_MAX = 50;

type Open = { id: string; form: 'edit' } | null;

/**
 * @summary 账号: the site's officials with role, units, disabled and authenticator state; create an
 * account with a first password; change name, role and units; reset a password to a temporary one,
 * shown once, that the official must replace at the next sign-in; disable or enable.
 */
export class LiuyanConsoleAdminAccounts extends AdminElement {
  static override properties = {
    ...AdminElement.properties,
    profile: { attribute: false },
    accounts: { state: true },
    units: { state: true },
    loadError: { state: true },
    open: { state: true },
    roles: { state: true },
    temporary: { state: true },
  };

  /** The admin signed in: their own account may not be disabled or demoted. */
  profile: OfficialProfile | null = null;
  private accounts: Account[] | null = null;
  /** The accounts' units, by id: named as they are shown. */
  private units: AdminUnitItem[] = [];
  private loadError = '';
  private open: Open = null;
  /** The role chosen in each open form (`add` or an account id): units are asked for responders only. */
  private roles: Record<string, Role> = { [ADD]: 'responder' };
  /** The temporary password just given, shown in its account's row until the admin closes it; never kept elsewhere. */
  private temporary: { accountId: string; password: string } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const accounts = await this.officials.admin.accounts.list();
      await this.nameUnits(accounts.flatMap((x) => x.unitIds));
      this.accounts = accounts;
    } catch (error) {
      this.loadError = this.problemText(error);
    }
  }

  /** Learns the names of these units (the accounts'), never the whole tree: a national site has ~90,000. */
  private async nameUnits(ids: readonly string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.units.some((u) => u.id === id));
    for (let i = 0; i < missing.length; i += ADMIN_UNIT_IDS_MAX) {
      const page = await this.officials.admin.units.list({ ids: missing.slice(i, i + ADMIN_UNIT_IDS_MAX).join(',') });
      this.units = [...this.units, ...page.items];
    }
  }

  /** Shows the service's answer for an account once its units' names are known (never their ids). */
  private async replaced(account: Account): Promise<void> {
    // A failed lookup still shows the account: its units then read as their ids.
    await this.nameUnits(account.unitIds).catch(() => undefined);
    const accounts = this.accounts ?? [];
    this.accounts = accounts.some((x) => x.id === account.id) ? accounts.map((x) => (x.id === account.id ? account : x)) : [...accounts, account];
  }

  /** What the service would refuse in a form's name and units (a responder answers for one unit or more). */
  private accountChecks(v: FormValues, role: Role): Record<string, string> {
    return {
      displayName: this.textCheck('displayName', v.raw('displayName'), { min: 1, max: DISPLAY_NAME_MAX }),
      unitIds: role === 'responder' ? this.choiceCheck('unitIds', v.units('unitIds')) : '',
    };
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const v = AdminElement.values(form);
    const role = this.roles[ADD] ?? 'responder';
    const filled = (field: string) => (v.raw(field) ? '' : this.fieldMessage(field, 'required'));
    // As the service checks them, so every problem is said at once: an address with no name@domain.tld
    // shape (full-width forms read as ASCII, as the service reads them; its finer check stays), a
    // password too short, too plain or the address itself.
    const address = v.text('email').normalize('NFKC');
    const typed = v.raw('password');
    const weak = !checkPasswordStrength(typed, address);
    const email = address && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address) ? this.fieldMessage('email', 'invalid_email') : filled('email');
    const password = typed && weak ? this.fieldMessage('password', 'weak_password') : filled('password');
    if (this.refused(ADD, failures({ email, ...this.accountChecks(v, role), password }))) return;
    const input: CreateAccountInput = {
      email: v.text('email'), displayName: v.text('displayName'), role,
      unitIds: role === 'responder' ? v.units('unitIds') : [], password: v.raw('password'),
    };
    const account = await this.change(ADD, () => this.officials.admin.accounts.create(input), this.a.accounts.created);
    if (!account) return;
    // Emptied as the confirmation shows, not after the new row's units are named (a round trip later).
    this.resetForm(form);
    this.roles = { ...this.roles, [ADD]: 'responder' };
    await this.replaced(account);
  }

  private async saveAccount(account: Account, input: UpdateAccountInput, done: string): Promise<boolean> {
    const changed = await this.change(account.id, () => this.officials.admin.accounts.update(account.id, input), done);
    if (changed) await this.replaced(changed);
    return changed !== undefined;
  }

  private async saveEdit(event: Event, account: Account): Promise<void> {
    event.preventDefault();
    const v = AdminElement.values(event.target as HTMLFormElement);
    const role = this.roles[account.id] ?? account.role;
    if (this.refused(account.id, failures(this.accountChecks(v, role)))) return;
    const input: UpdateAccountInput = {};
    if (v.text('displayName') !== account.displayName) input.displayName = v.text('displayName');
    if (role !== account.role) input.role = role;
    const unitIds = role === 'responder' ? v.units('unitIds') : [];
    if (JSON.stringify([...unitIds].sort()) !== JSON.stringify([...account.unitIds].sort())) input.unitIds = unitIds;
    if (await this.saveAccount(account, input, this.a.saved)) this.open = null;
  }

  /** After a confirmation: the account is signed out everywhere, and the temporary password shown once. */
  private async resetPassword(account: Account): Promise<void> {
    this.open = null;
    this.temporary = null;
    if (!confirm(format(this.a.accounts.resetPasswordConfirm, { name: account.displayName }))) return;
    const reset = await this.change(account.id,
      () => this.officials.admin.accounts.resetPassword(account.id), this.a.accounts.passwordReset);
    if (!reset) return;
    await this.replaced(reset.account);
    this.temporary = { accountId: account.id, password: reset.temporaryPassword };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="temporary-password"]')?.focus();
  }

  private toggle(account: Account, form: 'edit'): void {
    this.clearMessages();
    const same = this.open?.id === account.id && this.open.form === form;
    this.open = same ? null : { id: account.id, form };
    this.roles = { ...this.roles, [account.id]: account.role };
    this.forgetTyped(`name-${account.id}`);
    if (!same) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[id="${form}-${account.id}"] :is(input:not([hidden]), select)`)?.focus());
  }

  private unitNames(ids: readonly string[]): string {
    return ids.map((id) => this.units.find((u) => u.id === id)?.name ?? id).join('、');
  }

  override render() {
    const a = this.a.accounts;
    if (this.loadError) return html`<p class="error" role="alert">${this.loadError}</p>`;
    if (!this.accounts) return html`<p class="muted" role="status">${this.t.loading}</p>`;
    return html`<h1>${a.title}</h1>
      <p class="muted hint">${a.signsOut}</p>
      ${this.renderDone()}
      <ul class="list" part="accounts">${this.accounts.map((x) => this.renderAccount(x))}</ul>
      ${this.renderCreate()}`;
  }

  private renderAccount(x: Account) {
    const a = this.a.accounts;
    const self = x.id === this.profile?.id;
    const open = this.open?.id === x.id ? this.open.form : null;
    return html`<li class="list-item account" data-email=${x.email}>
      <div class="list-main">
        <strong>${this.written(x.displayName)}${self ? a.you : ''}</strong>
        <span class="muted email">${x.email}</span>
      </div>
      <div class="list-main">
        <span class="badge">${this.t.roles[x.role]}</span>
        ${x.disabled ? html`<span class="badge overdue">${a.disabled}</span>` : nothing}
        ${x.mustChangePassword ? html`<span class="badge">${a.mustChange}</span>` : nothing}
        <span class="badge">${x.totpEnabled ? a.totpOn : a.totpOff}</span>
        <span>${x.role === 'responder' ? this.written(this.unitNames(x.unitIds)) : a.wholeSite}</span>
      </div>
      <div class="buttons compact">
        <button type="button" class="secondary" aria-disabled=${String(this.busy)} aria-expanded=${String(open === 'edit')}
          aria-label=${this.named(this.a.edit, x.displayName)} @click=${() => this.toggle(x, 'edit')}>${this.a.edit}</button>
        ${self ? nothing : html`<button type="button" class="secondary" aria-disabled=${String(this.busy)} aria-label=${this.named(a.resetPassword, x.displayName)}
          @click=${() => this.resetPassword(x)}>${a.resetPassword}</button>`}
        ${self ? nothing : html`<button type="button" class="secondary" aria-disabled=${String(this.busy)} aria-label=${this.named(x.disabled ? a.enable : a.disable, x.displayName)}
          @click=${() => { this.open = null; void this.saveAccount(x, { disabled: !x.disabled }, x.disabled ? a.enabledDone : a.disabledDone); }}>
          ${x.disabled ? a.enable : a.disable}</button>`}
        ${x.totpEnabled && !self ? html`<button type="button" class="secondary" aria-disabled=${String(this.busy)} aria-label=${this.named(a.resetTotp, x.displayName)}
          @click=${() => { this.open = null; if (confirm(format(a.resetTotpConfirm, { name: x.displayName }))) void this.saveAccount(x, { resetSecondFactor: true }, a.totpReset); }}>
          ${a.resetTotp}</button>` : nothing}
      </div>
      ${this.temporary?.accountId === x.id ? this.renderTemporary(x, this.temporary.password) : nothing}
      ${open === 'edit' ? this.renderEdit(x, self) : html`${this.formError(x.id)}`}
    </li>`;
  }

  private renderRoleAndUnits(scope: string, current: Account | null, lockRole: boolean) {
    const a = this.a.accounts;
    const role = this.roles[scope] ?? current?.role ?? 'responder';
    const id = (name: string) => `${name}-${scope}`;
    return html`<div class="field">
        <label for=${id('role')}>${a.role}</label>
        <select id=${id('role')} name="role" ?disabled=${lockRole} aria-invalid=${this.invalid(scope, 'role')}
          aria-describedby=${idRefs(id('role-hint'), this.errorRef(scope, 'role', id('role-error'))) ?? nothing}
          @change=${(e: Event) => (this.roles = { ...this.roles, [scope]: oneOf(ROLES, (e.target as HTMLSelectElement).value) ?? 'responder' })}>
          ${ROLES.map((r) => html`<option value=${r} ?selected=${r === role}>${this.t.roles[r]}</option>`)}
        </select>
        <p class="muted hint" id=${id('role-hint')}>${a.roleHints[role]}</p>
        ${this.fieldError(scope, 'role', id('role-error'))}
      </div>
      <div class="field" ?hidden=${role !== 'responder'}>
        <!-- The picker's own legend names the field (an outer one said it twice). It stays in the form
             under another role, hidden, so the units chosen are there again if the role comes back. -->
        <p class="muted hint" id=${id('units-hint')}>${a.unitsHint}</p>
        <liuyan-console-unit-picker id=${id('units')} name="unitIds" source="admin" multiple required label=${a.units}
          .values=${startingWith(current?.unitIds)} .known=${this.units} aria-invalid=${this.invalid(scope, 'unitIds')}
          .error=${this.errorFor(scope, 'unitIds')} described-by=${id('units-error')}></liuyan-console-unit-picker>
      </div>`;
  }

  private renderEdit(x: Account, self: boolean) {
    const a = this.a.accounts;
    return html`<form id="edit-${x.id}" class="stack panel" novalidate @submit=${(e: Event) => this.saveEdit(e, x)}
      aria-label=${format(a.editTitle, { name: x.displayName })}>
      ${this.nameField(`name-${x.id}`, x.id, x.displayName)}
      ${this.renderRoleAndUnits(x.id, x, self)}
      ${this.formError(x.id)}
      <div class="buttons">
        <button type="submit" aria-disabled=${String(this.busy)}>${this.busy ? this.a.saving : this.a.save}</button>
        <button type="button" class="secondary" @click=${() => { this.open = null; this.clearMessages(); }}>${this.a.cancel}</button>
      </div>
    </form>`;
  }

  /** The temporary password, large and grouped for reading out by phone; gone once closed or the page is left. */
  private renderTemporary(x: Account, password: string) {
    const a = this.a.accounts;
    return html`<div class="panel stack" role="group" aria-labelledby="temporary-${x.id}">
      <p id="temporary-${x.id}"><strong>${this.formatWritten(a.temporaryPassword, { name: x.displayName })}</strong></p>
      <p><code class="secret" part="temporary-password" tabindex="-1">${password}</code></p>
      <p class="muted hint">${a.temporaryPasswordHint}</p>
      <div class="buttons"><button type="button" class="secondary" @click=${() => { this.temporary = null; }}>${a.hide}</button></div>
    </div>`;
  }

  /** The official's name as others see it, counted as typed. */
  private nameField(id: string, scope: string, initial = '') {
    return html`<div class="field">
      <label for=${id}>${this.a.accounts.name}${this.requiredMark()}</label>
      <input id=${id} name="displayName" autocomplete="off" .value=${initial} aria-invalid=${this.invalid(scope, 'displayName')}
        aria-describedby=${idRefs(this.errorRef(scope, 'displayName', `${id}-error`), this.counterId(id)) ?? nothing} @input=${this.onTyped} />
      ${this.counter(id, DISPLAY_NAME_MAX, initial)}
      ${this.fieldError(scope, 'displayName', `${id}-error`)}
    </div>`;
  }

  private renderCreate() {
    const a = this.a.accounts;
    // An email address and a password, not words: a `maxlength` in UTF-16 units is no harm to them.
    const field = (name: string, label: string, attrs: { type: string; autocomplete: string }, hint = '') => html`<div class="field">
      <label for="new-${name}">${label}${this.requiredMark()}</label>
      <input id="new-${name}" name=${name} type=${attrs.type} autocomplete=${attrs.autocomplete} spellcheck="false"
        maxlength="200" aria-invalid=${this.invalid(ADD, name)} aria-describedby=${idRefs(hint && `new-${name}-hint`, this.errorRef(ADD, name, `new-${name}-error`)) ?? nothing} />
      ${hint ? html`<p class="muted hint" id="new-${name}-hint">${hint}</p>` : nothing}
      ${this.fieldError(ADD, name, `new-${name}-error`)}
    </div>`;
    return html`<form class="stack card" novalidate @submit=${this.create} aria-labelledby="add-account-title">
      <h2 id="add-account-title">${a.addTitle}</h2>
      ${field('email', a.email, { type: 'email', autocomplete: 'off' })}
      ${this.nameField('new-displayName', ADD)}
      ${this.renderRoleAndUnits(ADD, null, false)}
      ${field('password', a.password, { type: 'password', autocomplete: 'new-password' }, a.passwordHint)}
      ${this.formError(ADD)}
      <div class="buttons"><button type="submit" aria-disabled=${String(this.busy)}>${this.busy ? this.a.saving : a.addTitle}</button></div>
    </form>`;
  }
}

defineElement('liuyan-console-admin-accounts', LiuyanConsoleAdminAccounts);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-admin-accounts': LiuyanConsoleAdminAccounts;
  }
}
