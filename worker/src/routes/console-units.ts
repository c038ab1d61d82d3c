import { createRoute } from '@hono/zod-openapi';
import { AdminUnitPageSchema } from '../../../sdk/src/schemas/admin';
import { CONSOLE_UNIT_IDS_MAX, ConsoleUnitQuerySchema } from '../../../sdk/src/schemas/console';
import { newRouteGroup } from '../app';
import { adminUnitsByIds } from '../db/admin-unit-list';
import { validationError } from '../errors';
import { officialErrorResponses } from './openapi-common';

/**
 * Units named by id for every official, not admins alone: a unit the queue is filtered by, or a
 * 转办 target, keeps its name after a reload (the public API lists levels and searches, never ids).
 * Names of the site's units are no secret to its officials, whose messages name them anyway.
 * Session and CSRF checks: see index.ts.
 */
export const consoleUnits = newRouteGroup();

const nameUnits = createRoute({
  operationId: 'nameConsoleUnits',
  method: 'get',
  path: '/v1/console/units',
  summary: 'The site’s units named by id, retired ones too, each with the units above it: what a filter or a choice holds',
  request: { query: ConsoleUnitQuerySchema },
  responses: {
    200: { description: 'the units found, in the order asked', content: { 'application/json': { schema: AdminUnitPageSchema } } },
    ...officialErrorResponses,
  },
});

consoleUnits.openapi(nameUnits, async (c) => {
  const ids = [...new Set(c.req.valid('query').ids.split(',').map((id) => id.trim()).filter(Boolean))];
  if (ids.length > CONSOLE_UNIT_IDS_MAX) throw validationError([{ field: 'ids', code: 'above_maximum', params: { max: CONSOLE_UNIT_IDS_MAX } }]);
  return c.json(await adminUnitsByIds(c.get('db'), c.get('site').id, ids), 200);
});
