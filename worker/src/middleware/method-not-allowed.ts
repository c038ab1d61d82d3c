import type { Context, MiddlewareHandler } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import type { RouterRoute } from 'hono/types';
import type { AppEnv } from '../env';
import { ApiError, problemResponse } from '../errors';

/**
 * Unsupported methods on a known path: `DELETE /v1/sites/demo/messages` answers 405
 * `method_not_allowed` with `Allow: GET, HEAD, POST` (RFC 9110 §15.5.6), not 404, so a client learns
 * its mistake is the method. `routes` is the app's route table, read once at the first request (all
 * routes are registered by then); middleware (`use`, method ALL) is not a route. Checked before any
 * other work (site, session): a wrong method is wrong whoever sends it. HEAD is allowed wherever GET
 * is, and OPTIONS everywhere (a preflight, or 204 with `Allow`). `answer` writes the 405 in the
 * path's own error shape (problem+json, or Open311's list of errors).
 */
export function methodNotAllowed(
  routes: () => RouterRoute[],
  answer: (c: Context<AppEnv>, error: ApiError) => Response | Promise<Response> = problemResponse,
): MiddlewareHandler<AppEnv> {
  let router: TrieRouter<string> | undefined;
  return async function methodNotAllowed(c, next) {
    const method = c.req.method;
    if (!router) {
      router = new TrieRouter<string>();
      for (const route of routes()) if (route.method !== 'ALL') router.add('ALL', route.path, route.method);
    }
    const [matches] = router.match(method, c.req.path);
    const allowed = new Set(matches.map(([routeMethod]) => routeMethod));
    if (allowed.has('GET')) allowed.add('HEAD');
    const allow = [...allowed, ...(allowed.size > 0 ? ['OPTIONS'] : [])].sort().join(', ');
    if (method === 'OPTIONS') {
      // A CORS preflight is answered by the site's middleware; any other OPTIONS of a known path
      // says what the path takes (RFC 9110 §9.3.7), where it would have been a 404.
      await next();
      if (c.res.status === 404 && allowed.size > 0) c.res = new Response(null, { status: 204, headers: { Allow: allow } });
      return;
    }
    if (allowed.size === 0 || allowed.has(method)) return next();
    c.header('Allow', allow);
    return answer(c, new ApiError('method_not_allowed'));
  };
}
