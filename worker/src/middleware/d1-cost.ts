import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../env';

/** Paths whose answers may say what they cost: only officials, signed in or signing in, see them. */
const OFFICIALS = /^\/v1\/(auth|console|admin)\//;

/**
 * What a request cost the database (D1 bills by rows read and written), counted over the database the
 * site or console middleware chose for it:
 * - in the log, for every request: one JSON line `{"requestId","route","status","d1":{queries,rowsRead,rowsWritten}}`
 *   (the route pattern, never the path or query: those can hold what a reader searched for);
 * - in `Server-Timing: d1;desc="queries=… rows_read=… rows_written=…"` on officials' answers only.
 *
 * Never on public answers: the rows a public request reads depend on messages the public must not
 * see (a search reads the index, a lookup finds a private row), so the figure would leak them.
 */
export function d1Cost(): MiddlewareHandler<AppEnv> {
  return async function d1Cost(c, next) {
    await next();
    const db = c.get('db');
    if (!db) return;
    const { queries, rowsRead, rowsWritten } = db.stats;
    console.log(JSON.stringify({
      requestId: c.get('requestId'), route: `${c.req.method} ${routePath(c, -1)}`, status: c.res.status, d1: { queries, rowsRead, rowsWritten },
    }));
    if (OFFICIALS.test(c.req.path)) {
      c.res.headers.set('Server-Timing', `d1;desc="queries=${queries} rows_read=${rowsRead} rows_written=${rowsWritten}"`);
    }
  };
}
