import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../env';

/**
 * One line of the request log, as `wrangler tail` (or Workers Logs) shows it: JSON, one per request.
 * Nothing in it can hold personal data: the route is the pattern (`/v1/sites/:site/messages/:id`),
 * never the path or its query (a search, a name); no body, no header, no address.
 */
export interface RequestLogLine {
  /** Also the answer's `X-Request-Id`, and `requestId` in a 5xx problem: a report names the line. */
  requestId: string;
  method: string;
  /** The route pattern that answered, e.g. `/v1/sites/:site/messages`; `/*` when none did (a 404). */
  route: string;
  status: number;
  /** Wall time in milliseconds, from the request's arrival to its answer (the Workers clock moves with I/O only). */
  durationMs: number;
  /** What the request cost the database it ran on (D1 bills rows read and written), summed from each result's meta. */
  d1: { queries: number; rowsRead: number; rowsWritten: number };
  /** The problem code of an error answer (e.g. `validation`, `unavailable`, `internal`). */
  error?: string;
}

/**
 * Writes one `RequestLogLine` per request once it is answered, errors and 404s included. Its database
 * is the one the site or console middleware chose for it (`c.get('db')`); a request that touched none
 * (liveness, the docs) logs zero queries.
 */
export function requestLog(): MiddlewareHandler<AppEnv> {
  return async function requestLog(c, next) {
    const started = Date.now();
    await next();
    const stats = c.get('db')?.stats;
    const line: RequestLogLine = {
      requestId: c.get('requestId'),
      method: c.req.method,
      route: routePath(c, -1),
      status: c.res.status,
      durationMs: Date.now() - started,
      d1: { queries: stats?.queries ?? 0, rowsRead: stats?.rowsRead ?? 0, rowsWritten: stats?.rowsWritten ?? 0 },
    };
    const problem = c.get('problem');
    if (problem) line.error = problem;
    console.log(JSON.stringify(line));
  };
}
