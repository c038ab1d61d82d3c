import type { Context, MiddlewareHandler } from 'hono';
import type { Compilable } from 'kysely';
import { openBookmark, sealBookmark } from '../db/bookmark';
import { rowsOf, sessionDatabaseFor, type SiteDatabase } from '../db/client';
import { siteOf, siteQuery, type Site } from '../db/sites';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

/** D1 read replication's bookmark, both ways: the client sends back the last one it was given. */
export const BOOKMARK_HEADER = 'x-d1-bookmark';
const ALLOWED_HEADERS = `Content-Type, Idempotency-Key, Accept-Language, ${BOOKMARK_HEADER}`;
/**
 * What a page's script may read of an answer besides the simple headers: the SDK's LiuyanError carries
 * the request id; `Date` is the service's clock, which a drive's countdown on a news site goes by
 * where a phone's own is wrong (examples/news-campaign/drive.js).
 */
const EXPOSED_HEADERS = `${BOOKMARK_HEADER}, X-Request-Id, Retry-After, Date`;

/**
 * Reads a route needs before anything else, sent in the same D1 batch as its site's lookup: one
 * round trip to the database for both, where each costs most of a request's time (bench/README.md,
 * "Submit"). Given the request, the site's database, its id (the path's `:site`) and the route's
 * path parameters, a rider plans its reads (`RidingReads`), or null for none. They may use only the
 * site's id and what the request's path, query and headers say (the body of a browser on a foreign
 * origin is never read), and nothing a rate limit guards (the limit is applied after the site). The
 * route takes what was read with `rodeWithSite`; one reached another way (no rider, or a rider that
 * planned none) reads for itself — with `ridersReads`, the same statements.
 */
export type SiteRider<T> = (c: Context<AppEnv>, db: SiteDatabase, siteId: string, params: Record<string, string>) => RidingReads<T> | null;

/**
 * What a rider plans for one request: statements, and what their results make (`results[i]` is
 * `queries[i]`'s; read its rows with `rowsOf(query, result)`, which types them as the query says).
 */
export interface RidingReads<T> {
  queries: Compilable<unknown>[];
  read(results: D1Result[]): T;
}

/**
 * Registered on a route before the site middleware: its reads ride in the site lookup's batch. The
 * rider gets the route's path parameters as matched here (the site middleware's own pattern knows only `:site`).
 */
export function rideWithSite<T>(rider: SiteRider<T>): MiddlewareHandler<AppEnv> {
  return async function rideWithSite(c, next) {
    c.set('siteRider', { rider, params: c.req.param(), read: undefined });
    await next();
  };
}

/** What `rider`'s reads found, when they rode with this request's site lookup; else undefined. */
export function rodeWithSite<T>(c: Context<AppEnv>, rider: SiteRider<T>): T | undefined {
  const ride = c.get('siteRider');
  return ride?.rider === rider ? (ride.read as T | undefined) : undefined;
}

/**
 * What `rider`'s reads found: those that rode with the site's lookup, or, for a request that reached
 * the route without them, the same reads made now in one batch of their own. For a route whose every
 * read is its rider's; undefined only when the rider plans none.
 */
export async function ridersReads<T>(c: Context<AppEnv>, rider: SiteRider<T>): Promise<T | undefined> {
  const rode = rodeWithSite(c, rider);
  if (rode !== undefined) return rode;
  const db = c.get('db');
  const riding = rider(c, db, c.get('site').id, c.req.param());
  return riding ? riding.read(await db.batch(riding.queries)) : undefined;
}

/**
 * The site the path's `:site` names and its database (`SITE_DATABASES`), both set on the context
 * for the handlers; null for an unknown site. The database runs in a D1 session that starts from the
 * request's `x-d1-bookmark` (see `sessionDatabaseFor`). Every site-scoped group (the API, Open311, the hosted
 * board) loads its site here, with the reads of the route's rider (`rideWithSite`) in the same batch.
 */
export async function loadSite(c: Context<AppEnv>): Promise<{ site: Site; db: SiteDatabase } | null> {
  const siteId = c.req.param('site') ?? '';
  const db = sessionDatabaseFor(c.env, siteId, await openBookmark(c.env, c.req.header(BOOKMARK_HEADER)));
  c.set('db', db);
  const lookup = siteQuery(db, siteId);
  const ride = c.get('siteRider');
  const riding = ride?.rider(c, db, siteId, ride.params);
  const [row] = ride && riding
    ? await db.batch([lookup, ...riding.queries]).then(([found, ...rode]) => {
      ride.read = riding.read(rode);
      return rowsOf(lookup, found);
    })
    : await db.all(lookup);
  if (!row) return null;
  const site = siteOf(row);
  c.set('site', site);
  return { site, db };
}

/**
 * Everything under /v1/sites/:site: loads the site and its database, and applies the site's
 * origin allow-list. A browser on a listed origin (or the service's own pages) is granted CORS; a
 * browser on any other origin is refused every request (403 origin_not_allowed) before its body is
 * read, and may read that refusal (it holds nothing of the site), so the widget can tell the page's
 * editor to have the origin added instead of failing as if the network were down. For the same
 * reason a preflight is answered for any origin: it only lets the browser send the request that is
 * then refused, with nothing read or written. An unknown site's 404 is readable by any origin too. Requests with no Origin (servers using the SDK) are not browsers and pass.
 * The answer to a successful write carries the session's bookmark, sealed, in `x-d1-bookmark`: a
 * client that sends it back reads what it wrote, even from a read replica.
 */
export function siteScope(): MiddlewareHandler<AppEnv> {
  return async function siteScope(c, next) {
    const { site } = (await loadSite(c)) ?? {};
    const origin = c.req.header('Origin');
    c.header('Vary', 'Origin');
    if (!site) {
      // Readable by any page, as a refused origin's answer (it holds nothing): an element with a
      // mistyped `site` says the site does not exist, where an unreadable answer looked like a
      // network failing for good, retried, then 正在加载… forever.
      if (origin) c.header('Access-Control-Allow-Origin', origin);
      throw new ApiError('site_not_found');
    }

    const allowed = !origin || origin === new URL(c.req.url).origin || site.allowedOrigins.includes(origin);

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
