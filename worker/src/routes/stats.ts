import { createRoute } from '@hono/zod-openapi';
import { STATS_DEFINITIONS, StatsQuerySchema, StatsSchema } from '../../../sdk/src/schemas/stats';
import { newRouteGroup } from '../app';
import { siteUnitsIfFew, unknownFilters } from '../db/sites';
import { PUBLIC_MIN_RATED, readStats } from '../db/stats';
import { validationError } from '../errors';
import { notModified, problem, SiteParamsSchema, siteErrorResponses } from './openapi-common';

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
    ...notModified,
    ...siteErrorResponses,
    422: problem('invalid fields, each named with a stable code: `to` before_start (before `from`), `unit` unknown_unit, `campaign` unknown_campaign'),
  },
});

stats.openapi(getStats, async (c) => {
  const { unit, campaign, from, to } = c.req.valid('query');
  // Zeros for a range that ends before it starts, or for a unit or drive the site does not have,
  // would read as "nothing happened": each is a problem naming its field.
  if (from && to && from > to) throw validationError([{ field: 'to', code: 'before_start' }]);
  const site = c.get('site');
  const db = c.get('db');
  const units = await siteUnitsIfFew(db, site);
  const figures = await readStats(db, { siteId: site.id, unitsVersion: site.unitsVersion, campaign, units: unit === undefined ? null : [unit], from, to, minRated: PUBLIC_MIN_RATED }, units);
  // Only nothing counted can come from an unknown unit or drive: only then is it worth a look.
  const unknown = figures.messages === 0 ? await unknownFilters(db, site.id, { unit, campaign }) : [];
  if (unknown.length > 0) throw validationError(unknown);
  return c.json(figures, 200);
});
