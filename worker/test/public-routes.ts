/**
 * The routes anyone may call, as Hono paths: the public API of each site (its own origin rules are
 * tested with it), Open311 GeoReport v2, liveness, the API description and its reference pages
 * (/docs), the hosted board (/s/:site/…) and its iframe helper. Every other route, under any prefix,
 * must have a row in the authorization matrix and a method in the console client.
 */
export const PUBLIC_ROUTE =
  /^(\/v1\/sites\/:site(\/.*)?|\/open311\/v2\/:site\/.*|\/healthz|\/openapi\.json|\/docs(\/.*)?|\/s\/:site(\/.*)?|\/embed\.js)$/;

/** A Hono route path (`/s/:site/*`) as a pattern of the paths it answers. */
export const routePattern = (route: string): RegExp =>
  new RegExp(`^${route.replace(/\./g, '\\.').replace(/:\w+/g, '[^/]+').replace(/\*/g, '.*')}$`);
