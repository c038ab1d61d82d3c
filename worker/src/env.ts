import type { SiteDatabase } from './db/client';
import type { Official } from './auth/official';
import type { Site } from './db/sites';
import type { ClaimedEvent } from './queue/outbox';
import type { ProblemCode } from '../../sdk/src/schemas/error';
import type { SiteRider } from './middleware/site-scope';

/**
 * Bindings and vars, as `npm run types` generates them from wrangler.toml into
 * worker/worker-configuration.d.ts (`npm test` fails when that file is out of date), and the secrets,
 * which wrangler.toml does not list (set with `wrangler secret put`; `npm run dev` writes .dev.vars).
 */
export interface Env extends WranglerEnv {
  /** base64 of 32 bytes: AES-GCM key for personal data at rest (contact details, stored answers). */
  DATA_KEY: string;
  /** base64 of 32 bytes: HMAC key for tracking codes and request fingerprints. */
  HASH_KEY: string;
  /**
   * "true": webhook endpoints may be http://127.0.0.1, localhost or [::1] (a local receiver). For the
   * tests and local development only (worker/vitest.config.mts, .dev.vars); unset in a deployment.
   */
  WEBHOOK_LOOPBACK?: string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** Set by the site middleware on every /v1/sites/:site route. */
    site: Site;
    db: SiteDatabase;
    /** Set by `rideWithSite` on a route whose first reads ride in its site's lookup; `read` by the site middleware. */
    siteRider: { rider: SiteRider<unknown>; params: Record<string, string>; read: unknown };
    /** Set by `consoleAuth` on every console and admin route. */
    official: Official;
    /** Set on every Open311 POST, before its form is validated: the live integration key it carries. */
    integration: { id: string; label: string };
    /**
     * Set by a write whose batch ended with `claimEvents` (queue/outbox.ts): what it claimed, which the
     * drain after the answer sends without claiming again.
     */
    claimedEvents: ClaimedEvent[];
    /** Set when the answer is a problem: its code, for the request log. */
    problem: ProblemCode;
  };
}
