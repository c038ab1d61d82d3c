// Cloudflare Turnstile's server-side check (https://developers.cloudflare.com/turnstile/get-started/server-side-validation/):
// the widget's token is POSTed with the site's secret to siteverify, which answers
// `{"success": true|false, "error-codes": [...]}`. A token is good once and for 300 seconds.

/** How long siteverify may take before the check counts as unavailable (ms): a citizen is waiting. */
const VERIFY_TIMEOUT_MS = 5000;

/** passed; failed (a wrong, spent or expired token: the citizen checks again); unavailable (no answer to trust). */
export type TurnstileOutcome = 'passed' | 'failed' | 'unavailable';

/**
 * Asks siteverify (`verifyUrl`: env TURNSTILE_VERIFY_URL, Turnstile's own in wrangler.toml) about `token`.
 * `idempotencyKey` (a UUID: the submission's, when it is one) lets a retry of the same check be answered
 * as the first was, within Turnstile's window. `remoteIp` is the client's address, when
 * known. Fails closed: no answer, a 5xx, an answer that is not Turnstile's JSON, or its own
 * `internal-error` is `unavailable`, never `passed`.
 */
export async function verifyTurnstile(
  verifyUrl: string, secret: string, token: string, { remoteIp, idempotencyKey }: { remoteIp?: string | null; idempotencyKey?: string } = {},
): Promise<TurnstileOutcome> {
  let answer: { success?: unknown; 'error-codes'?: unknown };
  try {
    const response = await fetch(verifyUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ secret, response: token, ...(remoteIp ? { remoteip: remoteIp } : {}), ...(idempotencyKey ? { idempotency_key: idempotencyKey } : {}) }),
      signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS),
    });
    if (!response.ok) return 'unavailable';
    answer = await response.json();
  } catch {
    return 'unavailable';
  }
  if (answer.success === true) return 'passed';
  const codes = Array.isArray(answer['error-codes']) ? answer['error-codes'] : [];
  return codes.includes('internal-error') || answer.success !== false ? 'unavailable' : 'failed';
}
