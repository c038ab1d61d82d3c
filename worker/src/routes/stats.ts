import { createRoute } from '@hono/zod-openapi';
import { STATS_DEFINITIONS, StatsQuerySchema, StatsSchema } from '../../../sdk/src/schemas/stats';
import { newRouteGroup } from '../app';
import { siteUnitsIfFew } from '../db/sites';
import { readStats } from '../db/stats';
import { SiteParamsSchema, siteErrorResponses } from './openapi-common';

/** Public statistics of a site (the officials' dashboard, console-dashboard.ts, gives the same figures per unit). */
export const stats = newRouteGroup();

export const definitions = STATS_DEFINITIONS.map((line) => `- ${line}`).join('\n');

const getStats = createRoute({
  operationId: 'getStats',
  method: 'get',
  path: '/v1/sites/{site}/stats',
  summary: 'Public statistics: reply rate, on-time rate, median time to first response, satisfaction, counts, a monthly series and a ranking of units',
  description: `What each figure means:\n\n${definitions}`,
  request: { params: SiteParamsSchema, query: StatsQuerySchema },
  responses: {
    200: { description: 'the figures of the messages selected', content: { 'application/json': { schema: StatsSchema } } },
    ...siteErrorResponses,
  },
});

stats.openapi(getStats, async (c) => {
  const { unit, campaign, from, to } = c.req.valid('query');
  const site = c.get('site');
  const db = c.get('db');
  const units = await siteUnitsIfFew(db, site);
  const figures = await readStats(db, { siteId: site.id, unitsVersion: site.unitsVersion, campaign, units: unit === undefined ? null : [unit], from, to }, units);
  return c.json(figures, 200);
});
