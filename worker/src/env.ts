import type { SiteDatabase } from './db/client';
import type { Official } from './auth/official';
import type { Site } from './db/sites';

/** Bindings, vars and secrets (see wrangler.toml). */
export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  /** base64 of 32 bytes: AES-GCM key for personal data at rest (contact details, stored answers). */
  DATA_KEY: string;
  /** base64 of 32 bytes: HMAC key for tracking codes and request fingerprints. */
  HASH_KEY: string;
  MAX_BODY_BYTES: string;
  /** Public writes (submissions, 我也关注) per site and client address. */
  WRITE_LIMITER: RateLimit;
  /** Tracking-code lookups per site and client address. */
  TRACK_LIMITER: RateLimit;
  /** Board searches per site and client address. */
  SEARCH_LIMITER: RateLimit;
  /**
   * Sites kept in a D1 database of their own: site id → binding name (wrangler.toml `[vars]`); the
   * others are in `DB`. A table, or its JSON text. See `databaseFor`.
   */
  SITE_DATABASES?: Record<string, string> | string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** Set by the site middleware on every /v1/sites/:site route. */
    site: Site;
    db: SiteDatabase;
    /** Set by `consoleAuth` on every console and admin route. */
    official: Official;
  };
}
