import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

/**
 * What a request cost the database, in `Server-Timing: d1;desc="queries=… rows_read=… rows_written=…"`,
 * for monitoring and the benchmark (D1 bills by rows read and written). Counts the database the
 * site or console middleware chose for the request, if any.
 */
export function d1Cost(): MiddlewareHandler<AppEnv> {
  return async function d1Cost(c, next) {
    await next();
    const db = c.get('db');
    if (!db) return;
    const { queries, rowsRead, rowsWritten } = db.stats;
    c.res.headers.set('Server-Timing', `d1;desc="queries=${queries} rows_read=${rowsRead} rows_written=${rowsWritten}"`);
  };
}
