import type { MiddlewareHandler } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import type { RouterRoute } from 'hono/types';
import type { AppEnv } from '../env';
import { ApiError, problemResponse } from '../errors';

/**
 * Unsupported methods on a known path: `DELETE /v1/sites/demo/messages` answers 405
 * `method_not_allowed` with `Allow: GET, HEAD, POST` (RFC 9110 §15.5.6), not 404, so a client learns
 * its mistake is the method. `routes` is the app's route table, read once at the first request (all
 * routes are registered by then); middleware (`use`, method ALL) is not a route. Checked before any
 * other work (site, session): a wrong method is wrong whoever sends it. OPTIONS passes (CORS
 * preflights are answered by the site middleware), and HEAD is allowed wherever GET is.
 */
export function methodNotAllowed(routes: () => RouterRoute[]): MiddlewareHandler<AppEnv> {
  let router: TrieRouter<string> | undefined;
  return async function methodNotAllowed(c, next) {
    const method = c.req.method;
    if (method === 'OPTIONS') return next();
    if (!router) {
      router = new TrieRouter<string>();
      for (const route of routes()) if (route.method !== 'ALL') router.add('ALL', route.path, route.method);
    }
    const [matches] = router.match(method, c.req.path);
    const allowed = new Set(matches.map(([routeMethod]) => routeMethod));
    if (allowed.size === 0 || allowed.has(method) || (method === 'HEAD' && allowed.has('GET'))) return next();
    if (allowed.has('GET')) allowed.add('HEAD');
    c.header('Allow', [...allowed].sort().join(', '));
    return problemResponse(c, new ApiError('method_not_allowed'));
  };
}
