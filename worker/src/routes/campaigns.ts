import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { CampaignListSchema, CampaignSchema } from '../../../sdk/src/schemas/campaign';
import { newRouteGroup } from '../app';
import { campaignFigures, siteCampaigns, toCampaign } from '../db/campaigns';
import { findCampaign } from '../db/sites';
import type { AppEnv } from '../env';
import { notFound } from '../errors';
import { SiteParamsSchema, siteErrorResponses } from './openapi-common';
import { PUBLIC_MAX_AGE } from '../../../sdk/src/limits';

/** Suggestion drives (建言专栏) as anyone may read them: open or not, with their figures. */
export const campaigns = newRouteGroup();

// Figures move with every message; half a minute of caching is enough for a drive's page on a busy day.
const CACHE = `public, max-age=${PUBLIC_MAX_AGE.campaigns}`;

/**
 * The origin of the page asking, for `acceptsHere`: its Origin header, or this service's own origin
 * for a same-origin read (browsers send no Origin on a same-origin GET, but say `Sec-Fetch-Site`);
 * undefined for a server. The answer varies by both headers, and caches are told so.
 */
export function askingOrigin(c: Context<AppEnv>): string | undefined {
  c.header('Vary', 'Origin, Sec-Fetch-Site');
  return c.req.header('Origin') ?? (c.req.header('Sec-Fetch-Site') === 'same-origin' ? new URL(c.req.url).origin : undefined);
}

const listCampaigns = createRoute({
  operationId: 'listCampaigns',
  method: 'get',
  path: '/v1/sites/{site}/campaigns',
  summary: 'The site’s suggestion drives (建言专栏), the latest to end first (50 at most), each with its figures: messages, published, replied, adopted, and messages per outlet',
  request: { params: SiteParamsSchema },
  responses: {
    200: { description: 'the drives', content: { 'application/json': { schema: CampaignListSchema } } },
    ...siteErrorResponses,
  },
});

campaigns.openapi(listCampaigns, async (c) => {
  const db = c.get('db');
  const rows = await siteCampaigns(db, c.get('site').id);
  const figures = await campaignFigures(db, rows.map((r) => r.id));
  const now = new Date().toISOString();
  c.header('Cache-Control', CACHE);
  return c.json({ items: rows.map((row) => toCampaign(row, figures.get(row.id), now, askingOrigin(c))) }, 200);
});

const getCampaign = createRoute({
  operationId: 'getCampaign',
  method: 'get',
  path: '/v1/sites/{site}/campaigns/{slug}',
  summary: 'One suggestion drive: its window (open now or not), choices, outlets and figures. `messages` counts private messages too; the list of published ones is GET /messages?campaign=',
  request: { params: SiteParamsSchema.extend({ slug: z.string().min(1).max(64) }) },
  responses: {
    200: { description: 'the drive', content: { 'application/json': { schema: CampaignSchema } } },
    ...siteErrorResponses,
  },
});

campaigns.openapi(getCampaign, async (c) => {
  const db = c.get('db');
  const row = await findCampaign(db, c.get('site').id, c.req.valid('param').slug);
  if (!row) throw notFound();
  const figures = await campaignFigures(db, [row.id]);
  c.header('Cache-Control', CACHE);
  return c.json(toCampaign(row, figures.get(row.id), new Date().toISOString(), askingOrigin(c)), 200);
});
