// Loading Cloudflare Turnstile's script for `<liuyan-form>` (form-guard.ts), in a chunk of its own:
// fetched only on a site that asks for Turnstile, when the citizen comes into the form.

/** Turnstile's script for explicit rendering (its documented address). */
export const TURNSTILE_SCRIPT = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';

/** The part of Turnstile's browser API the form uses. */
export interface TurnstileApi {
  render(container: HTMLElement, options: {
    sitekey: string; language?: string; callback(token: string): void; 'expired-callback'(): void; 'error-callback'(): void;
  }): string;
  reset(widgetId: string): void;
  remove(widgetId: string): void;
}

declare global {
  interface Window {
    turnstile?: TurnstileApi;
  }
}

interface ScriptUrlPolicy { createScriptURL(url: string): string }
declare global {
  interface Window {
    trustedTypes?: { createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy };
  }
}
/**
 * On a page enforcing Trusted Types (`require-trusted-types-for 'script'`) a script's address must come
 * from a named policy: `liuyan-turnstile` (README, "Strict pages") lets through Turnstile's one address.
 */
let turnstilePolicy: ScriptUrlPolicy | undefined;
function turnstileScriptUrl(): string {
  turnstilePolicy ??= window.trustedTypes?.createPolicy('liuyan-turnstile', {
    createScriptURL: (url) => { if (url !== TURNSTILE_SCRIPT) throw new TypeError(`not Turnstile: ${url}`); return url; },
  });
  return turnstilePolicy ? turnstilePolicy.createScriptURL(TURNSTILE_SCRIPT) : TURNSTILE_SCRIPT;
}

/** One script per page, whatever the number of forms on it. */
let scriptLoading: Promise<TurnstileApi> | null = null;

/** Turnstile's API, its script added to the page once (a failed load is tried again by the next call). */
export function loadTurnstile(): Promise<TurnstileApi> {
  scriptLoading ??= new Promise<TurnstileApi>((resolve, reject) => {
    if (window.turnstile) return resolve(window.turnstile);
    const script = document.createElement('script');
    script.src = turnstileScriptUrl();
    script.async = true;
    script.addEventListener('load', () => (window.turnstile ? resolve(window.turnstile) : reject(new Error('Turnstile did not load'))));
    script.addEventListener('error', () => {
      scriptLoading = null; // a later focus tries again
      reject(new Error('Turnstile did not load'));
    });
    document.head.appendChild(script);
  });
  return scriptLoading;
}
