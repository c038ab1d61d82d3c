import { html, nothing } from 'lit';
import { LiuyanError } from '../sdk/src/errors';
import { idRefs } from '../ui/id-refs';
import { defineElement } from '../ui/liuyan-element';
import { format } from '../ui/localize';
import { tokens } from '../ui/tokens.styles';
import { ConsoleElement, failures, withoutTyped, type FieldNames } from './console-element';
import { styles } from './liuyan-console.styles';
import type { OfficialProfile } from '../sdk/src/schemas/auth';

/** The last site signed in to: chosen first when the official is asked again which site. */
const LAST_SITE = 'liuyan-console-site';

/** A site the credentials were right for, as a 409 site_required names it. */
interface SiteChoice {
  id: string;
  name: string;
}

/**
 * @summary Sign-in: email and password, and the authenticator's code when the account has one. The
 * site is asked for only when the account is on several sites; `/console/?site=<id>` names it up front.
 *
 * @event liuyan-signed-in - The official is signed in. `detail`: the `OfficialProfile`.
 */
export class LiuyanConsoleSignIn extends ConsoleElement {
  static override styles = [tokens, styles];

  static override properties = {
    ...ConsoleElement.properties,
    notice: { type: String },
    busy: { state: true },
    error: { state: true },
    errors: { state: true },
    sites: { state: true },
  };

  /** A notice above the form, e.g. that the session ended. */
  notice = '';
  private busy = false;
  private error = '';
  private errors: Record<string, string> = {};
  /** The sites to choose from, once the service has said the credentials are right on several. */
  private sites: SiteChoice[] = [];

  /** The site the address names (`/console/?site=demo`), for links an admin hands out. */
  private readonly addressSite = new URLSearchParams(location.search).get('site')?.trim() ?? '';

  private async signIn(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
    const chosen = this.sites.length > 0 ? (form.querySelector<HTMLInputElement>('input[name="site"]:checked')?.value ?? '') : this.addressSite;
    const input = { site: chosen, email: value('email'), password: (form.elements.namedItem('password') as HTMLInputElement).value, code: value('code') };
    const missing = (field: keyof typeof input) => (input[field] ? '' : this.fieldMessage(field, 'required'));
    this.errors = failures({
      email: missing('email'), password: missing('password'), ...(this.sites.length > 0 ? { site: missing('site') } : {}),
    });
    this.error = '';
    if (Object.keys(this.errors).length > 0) return this.focusFirstInvalid();

    this.busy = true;
    try {
      const profile = await this.officials.signIn({
        email: input.email, password: input.password, ...(input.site ? { site: input.site } : {}), ...(input.code ? { code: input.code } : {}),
      });
      localStorage.setItem(LAST_SITE, profile.site.id);
      this.emit<OfficialProfile>('liuyan-signed-in', profile);
    } catch (error) {
      this.failed(error);
    } finally {
      this.busy = false;
    }
  }

  private failed(error: unknown): void {
    if (error instanceof LiuyanError && error.code === 'site_required' && error.problem?.sites) {
      // The credentials are right on several sites: the official picks one and signs in again.
      this.sites = error.problem.sites;
      this.error = '';
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[name="site"]:checked, input[name="site"]')?.focus());
      return;
    }
    if (error instanceof LiuyanError && error.code === 'too_many_attempts' && error.retryAfterSeconds) {
      const seconds = error.retryAfterSeconds;
      this.error = seconds < 60 ? format(this.t.signIn.waitSeconds, { seconds }) : format(this.t.signIn.wait, { minutes: Math.ceil(seconds / 60) });
      return;
    }
    this.errors = this.fieldErrors(error);
    this.error = Object.keys(this.errors).length > 0 ? '' : this.problemText(error);
    void this.focusFirstInvalid();
  }

  protected override fieldNames(): FieldNames {
    const { site, email, password, code } = this.t.fieldNames;
    return { labels: { site, email, password, code } };
  }

  /**
   * A field of the form. The code field is always there and optional: asking for it only after a
   * right password would tell whoever tries one that it was right.
   */
  private field(name: 'email' | 'password' | 'code', attrs: { type?: string; autocomplete: string; placeholder?: string; inputmode?: string; hint?: string; optional?: boolean }, initial = '') {
    const error = this.errors[name];
    return html`<div class="field">
      <label for=${name}>${this.t.signIn[name]}${attrs.optional ? nothing : this.requiredMark()}</label>
      <input id=${name} name=${name} type=${attrs.type ?? 'text'} autocomplete=${attrs.autocomplete} .value=${initial}
        placeholder=${attrs.placeholder ?? nothing} inputmode=${attrs.inputmode ?? nothing} spellcheck="false" autocapitalize="off"
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${idRefs(error && `${name}-error`, attrs.hint && `${name}-hint`) ?? nothing} />
      ${attrs.hint ? html`<p class="muted hint" id="${name}-hint">${attrs.hint}</p>` : nothing}
      ${error ? html`<p class="error" id="${name}-error" role=${this.fieldErrorRole(this.errors)}>${error}</p>` : nothing}
    </div>`;
  }

  /** Which site, when the account is on several: one radio per site, the last one used chosen. */
  private siteChoice() {
    const t = this.t.signIn;
    const last = localStorage.getItem(LAST_SITE);
    const preferred = this.sites.some((s) => s.id === last) ? last : this.sites[0]?.id;
    const error = this.errors.site;
    return html`<fieldset class="field">
      <legend>${t.chooseSite}</legend>
      <p class="muted hint" id="site-hint">${t.chooseSiteHint}</p>
      <div class="choices column">${this.sites.map((s) => html`<label class="choice"><input type="radio" name="site" value=${s.id}
        .checked=${s.id === preferred} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${idRefs(error && 'site-error', 'site-hint') ?? nothing} />${this.written(s.name)}
        <span class="muted">(${s.id})</span></label>`)}</div>
      ${error ? html`<p class="error" id="site-error" role=${this.fieldErrorRole(this.errors)}>${error}</p>` : nothing}
    </fieldset>`;
  }

  protected override pageName(): string {
    return this.t.signIn.title;
  }

  override render() {
    const t = this.t.signIn;
    return html`<section class="narrow card" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">${t.title}</h1>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      <form class="stack" novalidate @submit=${this.signIn} @input=${(e: Event) => { this.errors = withoutTyped(this.errors, e); }}>
        ${this.addressSite && this.sites.length === 0 ? html`<p class="muted" id="site-named">${format(t.siteNamed, { site: this.addressSite })}</p>` : nothing}
        ${this.field('email', { type: 'email', autocomplete: 'username' })}
        ${this.field('password', { type: 'password', autocomplete: 'current-password' })}
        ${this.field('code', { autocomplete: 'one-time-code', inputmode: 'numeric', hint: t.codeHint, optional: true })}
        ${this.sites.length > 0 ? this.siteChoice() : nothing}
        ${this.formProblem(this.error, this.errors)}
        <button type="submit" aria-disabled=${String(this.busy)}>${this.busy ? t.submitting : t.submit}</button>
      </form>
    </section>`;
  }
}

defineElement('liuyan-console-sign-in', LiuyanConsoleSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-sign-in': LiuyanConsoleSignIn;
  }
  interface GlobalEventHandlersEventMap {
    'liuyan-signed-in': CustomEvent<OfficialProfile>;
  }
}
