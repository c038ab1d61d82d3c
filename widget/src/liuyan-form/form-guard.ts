// The form's side of the second layer against abuse (issue 17). The service decides; the form only
// reports: how long it was shown before it was sent (`fillMs`), what a hidden field people never see
// holds (`honeypot`: bots that fill every input fill it too), and — where the site asks for Cloudflare
// Turnstile — a Turnstile token. Turnstile's script is fetched only once the citizen comes into the
// form (its first focus), so a page that only shows the form costs no third-party request.
//
// The Turnstile glue (turnstile.ts) is a chunk of its own, fetched with Turnstile's script: most sites
// ask for no Turnstile, and their form need not carry it.
//
// Turnstile's challenge frame is rendered into a child of the host element, in the page's own DOM, and
// shown through the form's `turnstile` slot: Turnstile renders into light DOM as documented
// (https://developers.cloudflare.com/turnstile/get-started/client-side-rendering/).

import { css, html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { LiuyanError } from '../../../sdk/src/errors';
import { onDemand } from '../../../ui/on-demand';

/** Turnstile's glue, fetched at the first focus where the site asks for it. */
const turnstileModule = onDemand(() => import('./turnstile'));

/** How long sending waits for Turnstile's token (ms) before sending without one (the service then says captcha_failed). */
const TOKEN_WAIT_MS = 15_000;

/** What the guard adds to a submission. */
export interface GuardFields {
  fillMs: number;
  honeypot?: string;
  turnstileToken?: string;
}

/** The hidden field's look: off-screen, not `display: none` (which many bots skip). */
export const guardStyles = css`
  .liuyan-hp { position: absolute; left: -10000px; top: auto; width: 1px; height: 1px; overflow: hidden; }
  ::slotted([slot='turnstile']) { min-height: 65px; }
`;

/**
 * A controller of `<liuyan-form>`: times the form, renders its honeypot, loads and runs Turnstile.
 * The host calls `shown()` when the form appears, `focused()` on focus inside it, `fields()` when
 * sending, and `failed()` with a refused submission's error.
 */
export class FormGuard implements ReactiveController {
  private shownAt = 0;
  private honeypotValue = '';
  private container: HTMLElement | null = null;
  private widgetId: string | null = null;
  private token: string | null = null;
  private waiting: ((token: string | null) => void)[] = [];

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostDisconnected(): void {
    if (this.widgetId !== null) window.turnstile?.remove(this.widgetId);
    this.container?.remove();
    this.widgetId = null;
    this.container = null;
    this.token = null;
  }

  /** The form is shown for writing: its fill time counts from the first time. */
  shown(): void {
    if (this.shownAt === 0) this.shownAt = performance.now();
  }

  /**
   * The hidden field, with a label saying to leave it empty (for the rare reader who reaches it):
   * out of sight, out of the tab order and hidden from assistive technology.
   */
  render(label: string) {
    return html`<div class="liuyan-hp" aria-hidden="true"><label>${label}<input name="homepage" type="text" tabindex="-1"
      autocomplete="off" .value=${this.honeypotValue} @input=${(e: Event) => (this.honeypotValue = (e.target as HTMLInputElement).value)} /></label></div>`;
  }

  /** The citizen came into the form: where the site asks for Turnstile, load and render it (once). */
  focused(siteKey: string | null, language: string): void {
    if (!siteKey || this.container) return;
    const container = document.createElement('div');
    container.slot = 'turnstile';
    this.container = container;
    this.host.appendChild(container);
    turnstileModule().then(({ loadTurnstile }) => loadTurnstile()).then((turnstile) => {
      if (this.container !== container) return;
      this.widgetId = turnstile.render(container, {
        sitekey: siteKey,
        language,
        callback: (token) => this.settle(token),
        'expired-callback': () => (this.token = null),
        'error-callback': () => this.settle(null),
      });
    }).catch(() => {
      // No script (or no glue: the network is gone): the form still sends, and the service refuses it with a clear captcha_failed.
      this.container = null;
      container.remove();
      this.settle(null);
    });
  }

  private settle(token: string | null): void {
    this.token = token;
    for (const resolve of this.waiting.splice(0)) resolve(token);
  }

  /** What the submission adds: the fill time, the hidden field if anything is in it, and Turnstile's token (waited for a while). */
  async fields(siteKey: string | null): Promise<GuardFields> {
    const fields: GuardFields = { fillMs: Math.round(performance.now() - (this.shownAt || performance.now())) };
    if (this.honeypotValue) fields.honeypot = this.honeypotValue;
    if (siteKey) {
      if (!this.container) this.focused(siteKey, document.documentElement.lang || 'auto');
      const token = this.token ?? await new Promise<string | null>((resolve) => {
        this.waiting.push(resolve);
        setTimeout(() => resolve(this.token), TOKEN_WAIT_MS);
      });
      if (token) fields.turnstileToken = token;
    }
    return fields;
  }

  /**
   * After a refused submission: a Turnstile token is good once, so a failed check asks for a new one.
   * Returns what to tell the citizen for a check that failed or could not be made, else null.
   */
  failed(error: unknown): string | null {
    if (!(error instanceof LiuyanError) || (error.code !== 'captcha_failed' && error.code !== 'captcha_unavailable')) return null;
    this.token = null;
    if (this.widgetId !== null) window.turnstile?.reset(this.widgetId);
    return error.message;
  }
}
