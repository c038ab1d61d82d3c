import { createRoute, z } from '@hono/zod-openapi';
import { ListMessagesQuerySchema, MessagePageSchema, PublicMessageDetailSchema } from '../../../sdk/src/schemas/message';
import { newRouteGroup } from '../app';
import { listPublicMessages } from '../db/board';
import { publicMessageView } from '../db/message-views';
import { unknownFilters } from '../db/sites';
import { notFound, validationError } from '../errors';
import { limitedResponses, SiteParamsSchema, siteErrorResponses } from './openapi-common';

/** The public board: published public messages and their replies, for anyone. */
export const board = newRouteGroup();

const listMessages = createRoute({
  operationId: 'listMessages',
  method: 'get',
  path: '/v1/sites/{site}/messages',
  summary: 'Published public messages, newest first, by tab, unit (with sub-units), type, domain, campaign and search',
  request: { params: SiteParamsSchema, query: ListMessagesQuerySchema },
  responses: {
    200: { description: 'one page; pass nextCursor as cursor for the next', content: { 'application/json': { schema: MessagePageSchema } } },
    304: { description: 'unchanged since the ETag sent in If-None-Match' },
    ...siteErrorResponses,
    ...limitedResponses,
  },
});

board.openapi(listMessages, async (c) => {
  const query = c.req.valid('query');
  const db = c.get('db');
  const site = c.get('site');
  const page = await listPublicMessages(db, site, query, new Date());
  // An unknown unit or drive selects nothing: say which, rather than "no messages yet" (only an
  // empty first page can come from one, so only then is it looked at).
  if (page.items.length === 0 && !query.cursor) {
    const unknown = await unknownFilters(db, site.id, query);
    if (unknown.length > 0) throw validationError(unknown);
  }
  return c.json(page, 200);
});

const getMessage = createRoute({
  operationId: 'getMessage',
  method: 'get',
  path: '/v1/sites/{site}/messages/{id}',
  summary: 'One public message with its replies, public timeline and rating',
  request: { params: SiteParamsSchema.extend({ id: z.string().max(64) }) },
  responses: {
    200: { description: 'the message', content: { 'application/json': { schema: PublicMessageDetailSchema } } },
    304: { description: 'unchanged since the ETag sent in If-None-Match' },
    ...siteErrorResponses,
  },
});

board.openapi(getMessage, async (c) => {
  const { id } = c.req.valid('param');
  // Private, pending, rejected and hidden messages answer exactly like missing ones.
  const message = await publicMessageView(c.get('db'), c.get('site').id, id, new Date());
  if (!message) throw notFound();
  return c.json(message, 200);
});
