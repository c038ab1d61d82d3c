import { createRoute, z } from '@hono/zod-openapi';
import { SupportInputSchema, SupportResultSchema } from '../../../sdk/src/schemas/message';
import { newRouteGroup } from '../app';
import { notFound } from '../errors';
import { clientAddress } from '../lib/client-address';
import { addSupport, supporterHash } from '../db/supports';
import { bodyErrorResponses, limitedResponses, SiteParamsSchema, siteErrorResponses } from './openapi-common';

/** 我也关注: a reader's support for a public message, once per reader. */
export const supports = newRouteGroup();

const supportMessage = createRoute({
  operationId: 'supportMessage',
  method: 'post',
  path: '/v1/sites/{site}/messages/{id}/support',
  summary: '我也关注: add your support to a published public message, once (sending it again changes nothing)',
  request: {
    params: SiteParamsSchema.extend({ id: z.string().max(64) }),
    body: { required: true, content: { 'application/json': { schema: SupportInputSchema } } },
  },
  responses: {
    200: { description: 'the message’s support count, this supporter included', content: { 'application/json': { schema: SupportResultSchema } } },
    ...siteErrorResponses,
    ...bodyErrorResponses,
    ...limitedResponses,
  },
});

supports.openapi(supportMessage, async (c) => {
  const { id } = c.req.valid('param');
  const { supporter } = c.req.valid('json');
  const site = c.get('site');
  const db = c.get('db');
  const who = clientAddress(c) ?? `token:${supporter}`;
  const count = await addSupport(db, site.id, id, await supporterHash(c.env.HASH_KEY, site.id, id, who));
  // Private, pending, rejected and hidden messages answer exactly like missing ones.
  if (count === null) throw notFound();
  c.header('Cache-Control', 'no-store');
  return c.json({ supportCount: count, supported: true as const }, 200);
});
