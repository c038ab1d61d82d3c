import type { MiddlewareHandler } from 'hono';
import { officialBySession, type Role, assertRole } from '../auth/official';
import { sessionHash, sessionSite, sessionToken } from '../auth/session';
import { databaseFor } from '../db/client';
import { findSite } from '../db/sites';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

/**
 * Console and admin routes accept changes only from the console's own pages: a browser always
 * sends Origin with a POST, so a form or script on any other site (CSRF) is refused here, before
 * the session is even looked at. Answers are never cached: they hold officials' data.
 */
export function sameOrigin(): MiddlewareHandler<AppEnv> {
  return async function sameOrigin(c, next) {
    c.header('Cache-Control', 'no-store');
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('Origin');
      const fetchSite = c.req.header('Sec-Fetch-Site');
      if (origin !== new URL(c.req.url).origin || (fetchSite !== undefined && fetchSite !== 'same-origin')) {
        throw new ApiError('origin_not_allowed');
      }
    }
    await next();
  };
}

/** The signed-in official (401 without a live session), their site and its database. */
export function consoleAuth(): MiddlewareHandler<AppEnv> {
  return async function consoleAuth(c, next) {
    const token = sessionToken(c);
    const siteId = token ? sessionSite(token) : null;
    if (!token || !siteId) throw new ApiError('unauthenticated');
    // Accounts and sessions live with their site's data, in the database of the site the token names.
    const db = databaseFor(c.env, siteId);
    const official = await officialBySession(db, await sessionHash(c.env.HASH_KEY, token), new Date());
    if (!official || official.siteId !== siteId) throw new ApiError('unauthenticated');
    const site = await findSite(db, official.siteId);
    if (!site) throw new ApiError('unauthenticated');
    c.set('official', official);
    c.set('site', site);
    c.set('db', db);
    await next();
  };
}

/** What an official whose password an admin set may still do: see who they are, change it, sign out. */
const BEFORE_PASSWORD_CHANGE = new Set(['GET /v1/console/me', 'POST /v1/console/password', 'POST /v1/console/sign-out']);

/**
 * Refuses every other route with 403 `password_change_required` while the signed-in account must
 * choose its own password (an admin reset it, or created the site with it): a temporary password
 * that travelled by phone or chat stops opening anything once the official has signed in with it.
 */
export function passwordChosen(): MiddlewareHandler<AppEnv> {
  return async function passwordChosen(c, next) {
    if (c.get('official').mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(`${c.req.method} ${c.req.path}`)) {
      throw new ApiError('password_change_required');
    }
    await next();
  };
}

/** Only these roles pass (403 for the others). */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async function requireRole(c, next) {
    assertRole(c.get('official'), ...roles);
    await next();
  };
}
