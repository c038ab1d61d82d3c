import { html, nothing } from 'lit';
import { LiuyanError } from '../sdk/src/errors';
import { defineElement } from '../ui/liuyan-element';
import { format } from '../ui/localize';
import { tokens } from '../ui/tokens.styles';
import { ConsoleElement, failures, type FieldNames } from './console-element';
import { styles } from './liuyan-console.styles';
import type { OfficialProfile } from '../sdk/src/schemas/auth';

/** The last site signed in to, so an official types only email and password next time. */
const LAST_SITE = 'liuyan-console-site';

/**
 * @summary Sign-in: site, email and password; the authenticator's code when the account has one.
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
  };

  /** A notice above the form, e.g. that the session ended. */
  notice = '';
  private busy = false;
  private error = '';
  private errors: Record<string, string> = {};

  private async signIn(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
    const input = { site: value('site'), email: value('email'), password: (form.elements.namedItem('password') as HTMLInputElement).value, code: value('code') };
    const missing = (field: keyof typeof input) => (input[field] ? '' : this.fieldMessage(field, 'required'));
    this.errors = failures({
      site: missing('site'), email: missing('email'), password: missing('password'),
    });
    this.error = '';
    if (Object.keys(this.errors).length > 0) return this.focusFirstInvalid();

    this.busy = true;
    try {
      const profile = await this.service.post<OfficialProfile>('/v1/auth/sign-in', {
        site: input.site, email: input.email, password: input.password, ...(input.code ? { code: input.code } : {}),
      });
      localStorage.setItem(LAST_SITE, input.site);
      this.emit<OfficialProfile>('liuyan-signed-in', profile);
    } catch (error) {
      this.failed(error);
    } finally {
      this.busy = false;
    }
  }

  private failed(error: unknown): void {
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
  private field(name: 'site' | 'email' | 'password' | 'code', attrs: { type?: string; autocomplete: string; placeholder?: string; inputmode?: string; hint?: string; optional?: boolean }, initial = '') {
    const error = this.errors[name];
    return html`<div class="field">
      <label for=${name}>${this.t.signIn[name]}${attrs.optional ? nothing : this.requiredMark()}</label>
      <input id=${name} name=${name} type=${attrs.type ?? 'text'} autocomplete=${attrs.autocomplete} .value=${initial}
        placeholder=${attrs.placeholder ?? nothing} inputmode=${attrs.inputmode ?? nothing} spellcheck="false" autocapitalize="off"
        aria-invalid=${error ? 'true' : 'false'} aria-describedby="${name}-error ${name}-hint" />
      ${attrs.hint ? html`<p class="muted hint" id="${name}-hint">${attrs.hint}</p>` : nothing}
      ${error ? html`<p class="error" id="${name}-error" role="alert">${error}</p>` : nothing}
    </div>`;
  }

  override render() {
    const t = this.t.signIn;
    return html`<section class="narrow card" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">${t.title}</h1>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      <form class="stack" novalidate @submit=${this.signIn}>
        ${this.field('site', { autocomplete: 'organization', placeholder: t.sitePlaceholder }, this.site || (localStorage.getItem(LAST_SITE) ?? ''))}
        ${this.field('email', { type: 'email', autocomplete: 'username' })}
        ${this.field('password', { type: 'password', autocomplete: 'current-password' })}
        ${this.field('code', { autocomplete: 'one-time-code', inputmode: 'numeric', hint: t.codeHint, optional: true })}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <button type="submit" ?disabled=${this.busy}>${this.busy ? t.submitting : t.submit}</button>
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
