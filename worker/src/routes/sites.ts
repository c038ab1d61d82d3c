import { createRoute } from '@hono/zod-openapi';
import { LIMITS } from '../../../sdk/src/schemas/common';
import { SiteConfigSchema, UnitNodeSchema } from '../../../sdk/src/schemas/site';
import { newRouteGroup } from '../app';
import { activeUnits, openCampaigns, toCampaignSummary, unitTree } from '../db/sites';
import { SiteParamsSchema, siteErrorResponses } from './openapi-common';

export const sites = newRouteGroup();

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
  const [units, campaigns] = await Promise.all([
    activeUnits(db, site.id),
    openCampaigns(db, site.id, new Date().toISOString()),
  ]);
  // Settings change rarely; a minute of caching spares slow phones a round trip per page view.
  c.header('Cache-Control', 'public, max-age=60');
  return c.json(
    {
      site: { id: site.id, name: site.name, moderation: site.moderation, locale: site.locale },
      units: unitTree(units),
      types: site.types,
      domains: site.domains,
      campaigns: campaigns.map(toCampaignSummary),
      limits: {
        titleMin: site.titleMin, titleMax: LIMITS.titleMax, bodyMin: site.bodyMin, bodyMax: LIMITS.bodyMax,
        regionMax: LIMITS.regionMax, nameMax: LIMITS.nameMax,
      },
      privacy: { url: site.privacyUrl, text: site.privacyText },
    },
    200,
  );
});
