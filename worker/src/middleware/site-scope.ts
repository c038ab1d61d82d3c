import type { Context, MiddlewareHandler } from 'hono';
import { openBookmark, sealBookmark } from '../db/bookmark';
import { sessionDatabaseFor, type SiteDatabase } from '../db/client';
import { findSite, type Site } from '../db/sites';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

/** D1 read replication's bookmark, both ways: the client sends back the last one it was given. */
export const BOOKMARK_HEADER = 'x-d1-bookmark';
const ALLOWED_HEADERS = `Content-Type, Idempotency-Key, Accept-Language, ${BOOKMARK_HEADER}`;
/** What a page's script may read of an answer besides the simple headers (the SDK's LiuyanError carries the request id). */
const EXPOSED_HEADERS = `${BOOKMARK_HEADER}, X-Request-Id, Retry-After`;

/**
 * The site the path's `:site` names and its database (`SITE_DATABASES`), both set on the context
 * for the handlers; null for an unknown site. The database runs in a D1 session that starts from the
 * request's `x-d1-bookmark` (see `sessionDatabaseFor`). Every site-scoped group (the API, Open311, the hosted
 * board) loads its site here.
 */
export async function loadSite(c: Context<AppEnv>): Promise<{ site: Site; db: SiteDatabase } | null> {
  const siteId = c.req.param('site') ?? '';
  const db = sessionDatabaseFor(c.env, siteId, await openBookmark(c.env, c.req.header(BOOKMARK_HEADER)));
  c.set('db', db);
  const site = await findSite(db, siteId);
  if (site) c.set('site', site);
  return site ? { site, db } : null;
}

/**
 * Everything under /v1/sites/:site: loads the site and its database, and applies the site's
 * origin allow-list. A browser on a listed origin (or the service's own pages) is granted CORS; a
 * browser on any other origin is refused every request (403 origin_not_allowed) before its body is
 * read, and may read that refusal (it holds nothing of the site), so the widget can tell the page's
 * editor to have the origin added instead of failing as if the network were down. For the same
 * reason a preflight is answered for any origin: it only lets the browser send the request that is
 * then refused, with nothing read or written. Requests with no Origin (servers using the SDK) are not browsers and pass.
 * The answer to a successful write carries the session's bookmark, sealed, in `x-d1-bookmark`: a
 * client that sends it back reads what it wrote, even from a read replica.
 */
export function siteScope(): MiddlewareHandler<AppEnv> {
  return async function siteScope(c, next) {
    const { site } = (await loadSite(c)) ?? {};
    if (!site) throw new ApiError('site_not_found');

    const origin = c.req.header('Origin');
    const allowed = !origin || origin === new URL(c.req.url).origin || site.allowedOrigins.includes(origin);
    c.header('Vary', 'Origin');

    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      c.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    if (origin) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    if (!allowed) throw new ApiError('origin_not_allowed');
    await next();
    // Only a write's answer: reads may be cached, and an older bookmark from a cache must not
    // replace the client's newer one; a refused write wrote nothing to wait for.
    const bookmark = c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.res.ok ? c.get('db').bookmark() : null;
    if (bookmark) c.header(BOOKMARK_HEADER, await sealBookmark(c.env, bookmark));
  };
}
