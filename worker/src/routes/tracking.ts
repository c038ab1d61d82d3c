import { createRoute } from '@hono/zod-openapi';
import { TrackedMessageSchema, TrackInputSchema } from '../../../sdk/src/schemas/message';
import { newRouteGroup } from '../app';
import { trackedMessageView } from '../db/message-views';
import { byTrackingHash } from '../db/tracking-codes';
import { notFound } from '../errors';
import { normalizeTrackingCode, trackingCodeHash } from '../lib/tracking-code';
import { bodyErrorResponses, limitedResponses, SiteParamsSchema, siteErrorResponses } from './openapi-common';

export const tracking = newRouteGroup();

const track = createRoute({
  operationId: 'track',
  method: 'post',
  path: '/v1/sites/{site}/track',
  summary: "The citizen's own view of a message, by its tracking code (sent in the body, never in a URL)",
  request: {
    params: SiteParamsSchema,
    body: { required: true, content: { 'application/json': { schema: TrackInputSchema } } },
  },
  responses: {
    200: { description: 'the message, its replies and its timeline', content: { 'application/json': { schema: TrackedMessageSchema } } },
    ...siteErrorResponses,
    ...bodyErrorResponses,
    ...limitedResponses,
  },
});

tracking.openapi(track, async (c) => {
  const { trackingCode } = c.req.valid('json');
  const site = c.get('site');
  // A code that cannot exist is hashed and looked up all the same, so that malformed, unknown
  // and wrong codes take the same path and get the same answer.
  const canonical = normalizeTrackingCode(trackingCode) ?? `invalid:${trackingCode}`;
  const hash = await trackingCodeHash(c.env.HASH_KEY, site.id, canonical);
  const now = new Date();
  const message = await byTrackingHash(c.get('db'), site.id, hash, () => trackedMessageView(c.get('db'), site.id, hash, now));
  if (!message) throw notFound();
  c.header('Cache-Control', 'no-store');
  return c.json(message, 200);
});
