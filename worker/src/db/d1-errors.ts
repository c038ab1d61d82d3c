/**
 * What a D1 error means for the request that met it, from its message (D1 throws plain `Error`s whose
 * message names the failure: https://developers.cloudflare.com/d1/observability/debug-d1/#error-list,
 * and https://developers.cloudflare.com/d1/best-practices/retry-queries/):
 * - `transient`: the database's Durable Object restarted or the network dropped ("Network connection
 *   lost", "… storage caused object to be reset", "D1 DB reset because its code was updated", "Cannot
 *   resolve D1 DB due to transient issue on remote node"). Cloudflare's advice: retry. A write that
 *   met one may or may not have been committed.
 * - `overloaded`: "D1 DB is overloaded" (too many requests queued, or queued too long). Retrying at
 *   once would add to the queue: the client is told to come back later.
 * - `other`: anything else (a constraint, a bug); retrying cannot help.
 */
export type D1Failure = 'transient' | 'overloaded' | 'other';

const TRANSIENT = [
  'Network connection lost',
  'storage caused object to be reset',
  'reset because its code was updated',
  'Cannot resolve D1 DB due to transient issue',
];

export function classifyD1Error(error: unknown): D1Failure {
  const message = error instanceof Error ? error.message : String(error);
  if (/D1 DB is overloaded/i.test(message)) return 'overloaded';
  return TRANSIENT.some((text) => message.includes(text)) ? 'transient' : 'other';
}

/** Attempts of one idempotent statement or batch in all (the first and two retries). */
export const D1_ATTEMPTS = 3;

/** The longest pause before a retry, ms: the backoff doubles from 25 ms up to this. */
const MAX_BACKOFF_MS = 200;

/** "Full jitter" backoff: a random pause up to 25 ms × 2^attempt, so retries of many requests spread out. */
export const backoffMs = (attempt: number) => Math.random() * Math.min(MAX_BACKOFF_MS, 25 * 2 ** attempt);

/**
 * Runs `work`, and again (up to `D1_ATTEMPTS` in all, after a jittered pause) when it failed with a
 * transient D1 error and `idempotent` says running it twice cannot do the work twice: a read, or a
 * write that is guarded (an Idempotency-Key's row in the same batch makes a second commit fail) or
 * the same however often it runs. Overloaded and other errors are thrown at once, as is the last
 * transient one; `handleError` turns them into 503 or 500.
 */
export async function withD1Retries<T>(idempotent: boolean, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!idempotent || attempt >= D1_ATTEMPTS || classifyD1Error(error) !== 'transient') throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
    }
  }
}

/** Whether a compiled statement only reads (so running it again changes nothing). */
export const isRead = (sql: string) => /^\s*select\b/i.test(sql) && !/\breturning\b/i.test(sql);
