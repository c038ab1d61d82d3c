import { createRoute, z } from '@hono/zod-openapi';
import { ListMessagesQuerySchema, MessagePageSchema, PublicMessageDetailSchema } from '../../../sdk/src/schemas/message';
import { newRouteGroup } from '../app';
import { boardPageQuery, cardSeq, isCursor, listPublicMessages, type BoardPageRow } from '../db/board';
import { publicMessageQuery, publicMessageView, type PublicMessageRow } from '../db/message-views';
import { rowsOf } from '../db/client';
import { unknownFilters } from '../db/sites';
import { notFound, validationError } from '../errors';
import { rodeWithSite, type SiteRider } from '../middleware/site-scope';
import { limitedResponses, notModified, SiteParamsSchema, siteErrorResponses } from './openapi-common';

/** The public board: published public messages and their replies, for anyone. */
export const board = newRouteGroup();

const MessageParamsSchema = SiteParamsSchema.extend({ id: z.string().max(64) });

/**
 * A page of the board rides with the site's lookup (`rideWithSite`, index.ts): its query is read
 * with the route's own schema, and a query the route will refuse (a parameter given twice, a bad
 * cursor) rides nothing. A search does not ride: it waits for its rate limit, applied after the site.
 */
export const boardPageRider: SiteRider<BoardPageRow[]> = (c, db, siteId) => {
  if (Object.values(c.req.queries()).some((values) => values.length > 1)) return null;
  const query = ListMessagesQuerySchema.safeParse(c.req.query());
  if (!query.success || query.data.q !== undefined || (query.data.cursor !== undefined && !isCursor(query.data.cursor))) return null;
  const page = boardPageQuery(db, siteId, query.data);
  return { queries: [page], read: ([result]) => rowsOf(page, result) };
};

/** One public message rides with the site's lookup, as a page does. */
export const publicMessageRider: SiteRider<PublicMessageRow | null> = (_c, db, siteId, path) => {
  const params = MessageParamsSchema.safeParse(path);
  if (!params.success) return null;
  const message = publicMessageQuery(db, siteId, params.data.id);
  return { queries: [message], read: ([result]) => rowsOf(message, result)[0] ?? null };
};

const listMessages = createRoute({
  operationId: 'listMessages',
  method: 'get',
  path: '/v1/sites/{site}/messages',
  summary: 'Published public messages, newest first, by tab, unit (with sub-units), type, domain, campaign and search',
  request: { params: SiteParamsSchema, query: ListMessagesQuerySchema },
  responses: {
    200: { description: 'one page; pass nextCursor as cursor for the next', content: { 'application/json': { schema: MessagePageSchema } } },
    ...notModified,
    ...siteErrorResponses,
    ...limitedResponses,
  },
});

board.openapi(listMessages, async (c) => {
  const query = c.req.valid('query');
  const db = c.get('db');
  const site = c.get('site');
  const page = await listPublicMessages(db, site, query, new Date(), rodeWithSite(c, boardPageRider));
  // An unknown unit, drive or cursor selects nothing: say which, rather than "no messages yet" (only
  // an empty page can come from one, so only then is it looked at).
  if (page.items.length === 0) {
    const unknown = [
      ...await unknownFilters(db, site.id, query),
      ...(query.cursor && !(await db.first(cardSeq(db, site.id, query.cursor))) ? [{ field: 'cursor', code: 'invalid' } as const] : []),
    ];
    if (unknown.length > 0) throw validationError(unknown);
  }
  return c.json(page, 200);
});

const getMessage = createRoute({
  operationId: 'getMessage',
  method: 'get',
  path: '/v1/sites/{site}/messages/{id}',
  summary: 'One public message with its replies, public timeline and rating',
  request: { params: MessageParamsSchema },
  responses: {
    200: { description: 'the message', content: { 'application/json': { schema: PublicMessageDetailSchema } } },
    ...notModified,
    ...siteErrorResponses,
  },
});

board.openapi(getMessage, async (c) => {
  const { id } = c.req.valid('param');
  // Private, pending, rejected and hidden messages answer exactly like missing ones.
  const message = await publicMessageView(c.get('db'), c.get('site').id, id, new Date(), rodeWithSite(c, publicMessageRider));
  if (!message) throw notFound();
  return c.json(message, 200);
});
