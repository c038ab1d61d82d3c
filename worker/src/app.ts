import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { z } from 'zod';
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

/**
 * What zod-openapi hands a route's own hook after each of its validators (`target`: `json`, `form`,
 * `header` …), in place of the group's default: a route that adds its own problems to the contract's
 * before throwing (`validationError`). Registered `as never`, as the route's typed hook does not know `target`.
 */
export type ValidationHook = (result: { success: boolean; error?: z.ZodError; data?: unknown; target: string }, c: Context<AppEnv>) => void | Promise<void>;
