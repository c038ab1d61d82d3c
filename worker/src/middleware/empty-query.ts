import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

/**
 * An empty query parameter is the same as one not given, on every route: `?type=&q=&limit=` reads
 * as no filter, no search and the default page size. That is what an HTML form sends for its 全部
 * option or an empty search box, so a host page's filter form (or the hosted board's, without a
 * script) never meets a 422 for a choice its citizen did not make. A value of spaces is given: a
 * search for `%20` still answers 422 `required` on `q`. Only GET and HEAD are rewritten; a body's
 * fields are the route's to judge.
 */
export function emptyQueryIsAbsent(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      const url = new URL(c.req.url);
      const given = [...url.searchParams].filter(([, value]) => value !== '');
      if (given.length < [...url.searchParams].length) {
        url.search = new URLSearchParams(given).toString();
        // Hono reads the query from `raw.url` each time it is asked, so every route and validator
        // after this one sees the request without the empty parameters.
        c.req.raw = new Request(url, c.req.raw);
      }
    }
    await next();
  };
}
