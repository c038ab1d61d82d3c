import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { SupportInputSchema, SupportResultSchema } from '../../../sdk/src/schemas/message';
import { newRouteGroup } from '../app';
import { notFound } from '../errors';
import { clientAddress } from '../lib/client-address';
import { keyedHash } from '../lib/crypto';
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
  // Who supports: the client address when the edge gives one, else the browser's random token, as a
  // keyed hash (the raw address is never stored). Counting the token would let a script count again
  // with each new token (200 fresh tokens raised a count by 200); counting the address merges the
  // readers behind one NAT (a school, an office), which a public show of interest that decides
  // nothing can afford. The message id in the hash keeps one reader's supports of different messages
  // from being linked to each other.
  const who = clientAddress(c) ?? `token:${supporter}`;
  const supporterHash = await keyedHash(c.env.HASH_KEY, `support\n${site.id}\n${id}\n${who}`);

  const publicMessage = db.q.selectFrom('messages')
    .where('id', '=', id)
    .where('site_id', '=', site.id)
    .where('moderation', '=', 'published')
    .where('is_public', '=', 1);
  // One transaction: the support row (nothing when this supporter is already counted or the message is
  // not public), the count raised only if that row was written, then the count as it now stands.
  const [, , current] = await db.batch([
    db.q.insertInto('supports')
      .columns(['message_id', 'supporter_hash', 'created_at'])
      .expression(publicMessage.select((eb) => ['id', eb.val(supporterHash).as('supporter_hash'), eb.val(new Date().toISOString()).as('created_at')]))
      .onConflict((oc) => oc.doNothing()),
    db.q.updateTable('messages')
      .set((eb) => ({ support_count: eb('support_count', '+', 1) }))
      .where('id', '=', id)
      .where(sql<boolean>`changes() = 1`),
    publicMessage.select('support_count'),
  ]);
  const row = (current!.results as { support_count: number }[])[0];
  // Private, pending, rejected and hidden messages answer exactly like missing ones.
  if (!row) throw notFound();
  c.header('Cache-Control', 'no-store');
  return c.json({ supportCount: row.support_count, supported: true as const }, 200);
});
