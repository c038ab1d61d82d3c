import { createRoute } from '@hono/zod-openapi';
import { DashboardSchema } from '../../../sdk/src/schemas/stats';
import { newRouteGroup } from '../app';
import { readDashboard } from '../db/dashboard';
import { siteUnitsIfFew } from '../db/sites';
import { officialErrorResponses } from './openapi-common';
import { definitions } from './stats';

/** The officials' dashboard. Session and CSRF checks: see index.ts. */
export const consoleDashboard = newRouteGroup();

const getDashboard = createRoute({
  operationId: 'getDashboard',
  method: 'get',
  path: '/v1/console/dashboard',
  summary: 'The official’s dashboard: their units’ reply and on-time rates, satisfaction, and what is overdue, due soon, re-opened (重办) and supervised (督办)',
  description: `The figures are those of GET /v1/sites/{site}/stats over the official’s units:\n\n${definitions}`,
  responses: {
    200: { description: 'the official’s figures', content: { 'application/json': { schema: DashboardSchema } } },
    ...officialErrorResponses,
  },
});

consoleDashboard.openapi(getDashboard, async (c) => {
  const db = c.get('db');
  const site = c.get('site');
  const units = await siteUnitsIfFew(db, site);
  return c.json(await readDashboard(db, c.get('official'), { units, version: site.unitsVersion }, new Date()), 200);
});
