import type { Context, MiddlewareHandler } from 'hono';
import type { RateLimit } from '../../../sdk/src/schemas/error';
import type { AppEnv, Env } from '../env';
import { ApiError } from '../errors';
import { clientAddress } from '../lib/client-address';

/** The Workers Rate Limiting bindings (wrangler.toml `[[ratelimits]]`), each counting per client address. */
export type Limiter = 'WRITE_LIMITER' | 'TRACK_LIMITER' | 'SEARCH_LIMITER';

/** The period every limiter counts over (wrangler.toml): what `Retry-After` says when one refuses. */
export const LIMITER_PERIOD_SECONDS = 60;

/**
 * Whether the client may go on, by the limiter's count for its address on this site (or for `caller`,
 * e.g. an integration key whose server relays many citizens from one address): the cheap first
 * filter against floods (approximate, per Cloudflare location; the exact caps on submissions are kept
 * in D1, `db/submission-limits.ts`). Always true where no edge set an address and no caller is named.
 */
export async function withinLimit(c: Context<AppEnv>, limiter: Limiter, caller?: string): Promise<boolean> {
  const address = caller ?? clientAddress(c);
  if (!address) return true;
  const { success } = await (c.env as Env)[limiter].limit({ key: `${c.get('site').id}\n${address}` });
  return success;
}

/**
 * Refuses with 429 `too_many_requests`, `Retry-After` and whose count is full (`limit`: by default the
 * edge's count for the client address): an integration relaying many citizens can tell one citizen's
 * full count (`phone`) from its own.
 */
export function tooManyRequests(c: Context<AppEnv>, retryAfterSeconds = LIMITER_PERIOD_SECONDS, limit: RateLimit = 'client'): ApiError {
  c.header('Retry-After', String(retryAfterSeconds));
  return new ApiError('too_many_requests', [], { limit });
}

/**
 * A route guarded by a limiter: over the limit, it answers 429 before doing any work. `when` picks
 * the requests that count (e.g. only board pages that search).
 */
export function rateLimit(limiter: Limiter, { when = () => true }: { when?: (c: Context<AppEnv>) => boolean } = {}): MiddlewareHandler<AppEnv> {
  return async function rateLimit(c, next) {
    if (when(c) && !(await withinLimit(c, limiter))) throw tooManyRequests(c);
    await next();
  };
}
