import { createRoute } from '@hono/zod-openapi';
import { LIMITS } from '../../../sdk/src/schemas/common';
import { SiteConfigSchema, UnitListQuerySchema, UnitListSchema, UnitNodeSchema } from '../../../sdk/src/schemas/site';
import { newRouteGroup } from '../app';
import { validationError } from '../errors';
import type { CampaignRow } from '../db/schema';
import { openCampaignsQuery, toCampaignSummary } from '../db/sites';
import { configUnits, searchUnits, smallTreeQuery, unitLevel, type SmallTreeRow } from '../db/unit-picker';
import { rowsOf } from '../db/client';
import { ridersReads, type SiteRider } from '../middleware/site-scope';
import { notModified, SiteParamsSchema, siteErrorResponses } from './openapi-common';
import { PUBLIC_MAX_AGE } from '../../../sdk/src/limits';

export const sites = newRouteGroup();

/**
 * The site config's reads ride with the site's lookup (`rideWithSite`, index.ts): a small tree's
 * units and the open campaigns, so the config a form waits for is one round trip to D1. A large
 * tree's top level comes after, as before (from the worker's memory or the data centre's cache).
 */
export const siteConfigRider: SiteRider<{ units: SmallTreeRow[]; campaigns: CampaignRow[] }> = (_c, db, siteId) => {
  const units = smallTreeQuery(db, siteId);
  const campaigns = openCampaignsQuery(db, siteId, new Date().toISOString());
  return { queries: [units, campaigns], read: ([a, b]) => ({ units: rowsOf(units, a), campaigns: rowsOf(campaigns, b) }) };
};

// A named component, so the recursive unit tree is described by reference.
sites.openAPIRegistry.register('UnitNode', UnitNodeSchema);

const getSiteConfig = createRoute({
  operationId: 'getSite',
  method: 'get',
  path: '/v1/sites/{site}',
  summary: 'What the widget needs to draw its form: units, types, domains, open campaigns, limits',
  request: { params: SiteParamsSchema },
  responses: {
    200: { description: 'site configuration', content: { 'application/json': { schema: SiteConfigSchema } } },
    ...siteErrorResponses,
  },
});

sites.openapi(getSiteConfig, async (c) => {
  const site = c.get('site');
  const db = c.get('db');
  const { units: smallTree, campaigns } = (await ridersReads(c, siteConfigRider))!;
  const units = await configUnits(db, site, smallTree);
  // Settings change rarely; a minute of caching spares slow phones a round trip per page view.
  c.header('Cache-Control', `public, max-age=${PUBLIC_MAX_AGE.site}`);
  return c.json(
    {
      site: { id: site.id, name: site.name, moderation: site.moderation, locale: site.locale },
      units: units.units,
      unitsComplete: units.complete,
      types: site.types,
      domains: site.domains,
      campaigns: campaigns.map(toCampaignSummary),
      limits: {
        titleMin: site.titleMin, titleMax: LIMITS.titleMax, bodyMin: site.bodyMin, bodyMax: LIMITS.bodyMax,
        regionMax: LIMITS.regionMax, nameMax: LIMITS.nameMax,
      },
      privacy: { url: site.privacyUrl, text: site.privacyText },
      notifications: site.notifications,
      turnstileSiteKey: site.turnstileSiteKey,
      strings: site.stringOverrides,
    },
    200,
  );
});

const listSiteUnits = createRoute({
  operationId: 'listSiteUnits',
  method: 'get',
  path: '/v1/sites/{site}/units',
  summary: 'Who to write to, for a tree too large for the site config: one level (parent, or the top level), or a search by name (q)',
  request: { params: SiteParamsSchema, query: UnitListQuerySchema },
  responses: {
    200: { description: 'the units, each with the names above it', content: { 'application/json': { schema: UnitListSchema } } },
    ...notModified,
    ...siteErrorResponses,
  },
});

sites.openapi(listSiteUnits, async (c) => {
  const { parent, q } = c.req.valid('query');
  const db = c.get('db');
  const siteId = c.get('site').id;
  const items = q !== undefined ? await searchUnits(db, siteId, q) : await unitLevel(db, siteId, parent ?? null);
  if (items === null) throw validationError([{ field: 'parent', code: 'unknown_unit' }]);
  return c.json({ items }, 200);
});
