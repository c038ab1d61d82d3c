import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env';
import { fieldProblemsOf, validationError } from './errors';

/**
 * A route group. Invalid input of any kind (path, headers, body) becomes one 422 problem naming
 * each field, thrown so that `handleError` renders it like every other error.
 */
export function newRouteGroup() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(fieldProblemsOf(result.error));
    },
  });
}

export type RouteGroup = ReturnType<typeof newRouteGroup>;
