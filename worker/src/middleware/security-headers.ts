import type { MiddlewareHandler } from 'hono';

/**
 * Headers every answer of the service carries, whoever made it (a route, an error, a 404). The static
 * files (widget, console, examples, error reference) get the same from `public/_headers`, which the
 * build writes from these constants (scripts/build-widget.ts).
 * - `nosniff`: a browser never guesses a type (a JSON answer holding citizens' text is never run as HTML or script);
 * - HSTS for a year, subdomains included: the service is only ever reached over HTTPS (RFC 6797;
 *   browsers ignore it over plain HTTP, so `wrangler dev` is unaffected);
 * - the referrer: other origins see ours only, never a page's path (which can name a message).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

/**
 * The policy of an HTML page that sets none of its own: nothing loads, nothing runs, no form is sent,
 * no one frames it. Pages that need more (the hosted board, /docs) set their own, also without
 * `unsafe-inline` or `unsafe-eval`.
 */
export const DEFAULT_HTML_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Where an answer can hold contact details, a tracking code, a session or an official's view: every
 * officials' route (console, admin, sign-in) and every write of the public API (a submission's receipt
 * with its tracking code, a tracked view, my data, a verification code). No cache keeps those
 * (RFC 9111 §5.2.2.5), not even the browser's.
 */
export function isPrivateAnswer(method: string, path: string): boolean {
  return /^\/v1\/(console|admin|auth)(\/|$)/.test(path) || (method !== 'GET' && method !== 'HEAD');
}

/** Text types whose charset a browser would otherwise guess; JSON is said to be UTF-8 too, for old clients. */
const TEXT_TYPE = /^(text\/[\w.+-]+|application\/([\w.+-]+\+)?(json|xml|javascript))\s*(;|$)/i;

/**
 * Sets the service's security headers on every answer, once the route, the error handler or the 404
 * made it: the constant ones above, a charset on every text type, a CSP on every HTML page that has
 * none, and `Cache-Control: no-store` on private answers (a route's own `private, no-store` is kept).
 * The outermost middleware, so nothing answers without it.
 */
export function securityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next();
    // Answers passed through from a binding (R2, assets) can have immutable headers: copy them once.
    try {
      c.res.headers.set('X-Content-Type-Options', 'nosniff');
    } catch {
      c.res = new Response(c.res.body, c.res);
    }
    const headers = c.res.headers;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (!headers.has(name)) headers.set(name, value);
    }
    const type = headers.get('Content-Type');
    if (type && TEXT_TYPE.test(type) && !/;\s*charset=/i.test(type)) headers.set('Content-Type', `${type}; charset=UTF-8`);
    if (type && /^text\/html/i.test(type) && !headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', DEFAULT_HTML_CSP);
    if (isPrivateAnswer(c.req.method, c.req.path) && !/no-store/.test(headers.get('Cache-Control') ?? '')) headers.set('Cache-Control', 'no-store');
    // The service's clock (RFC 9110 §6.6.1): Cloudflare's edge sends it, `wrangler dev` does not. A
    // drive's countdown goes by it where a phone's own clock is wrong.
    if (!headers.has('Date')) headers.set('Date', new Date().toUTCString());
  };
}
