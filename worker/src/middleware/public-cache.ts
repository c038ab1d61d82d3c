import type { MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import type { AppEnv } from '../env';

/**
 * Public reads: an ETag (a reader who has the page gets 304 and no body — cheap on a slow phone)
 * and a short shared cache, so a busy board does not hit the database for every view, unless the
 * route set its own Cache-Control. A HEAD is answered as its GET would be, headers included (it
 * runs the GET's handler; the body is dropped after).
 */
export function publicCache({ maxAge = 30 }: { maxAge?: number } = {}): MiddlewareHandler<AppEnv> {
  const withEtag = etag();
  return async function publicCache(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    await withEtag(c, next);
    // A route that said how its answer may be kept (a page with a reader's own key: no-store) is left so.
    if ((c.res.status === 200 || c.res.status === 304) && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', `public, max-age=${maxAge}`);
  };
}
