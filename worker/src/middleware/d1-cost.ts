import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

/** Paths whose answers may say what they cost: only officials, signed in or signing in, see them. */
const OFFICIALS = /^\/v1\/(auth|console|admin)\//;

/**
 * What a request cost the database (D1 bills by rows read and written), counted over the database the
 * site or console middleware chose for it, in `Server-Timing: d1;desc="queries=… rows_read=… rows_written=…"`
 * on officials' answers only (every request's cost is in its log line: middleware/request-log.ts).
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
    if (OFFICIALS.test(c.req.path)) {
      c.res.headers.set('Server-Timing', `d1;desc="queries=${queries} rows_read=${rowsRead} rows_written=${rowsWritten}"`);
    }
  };
}
