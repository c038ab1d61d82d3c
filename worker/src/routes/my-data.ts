import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { TrackInputSchema } from '../../../sdk/src/schemas/message';
import { ErasedSchema, MyDataSchema } from '../../../sdk/src/schemas/my-data';
import { newRouteGroup } from '../app';
import type { AppEnv } from '../env';
import { citizenRecordView } from '../db/message-views';
import { eraseContact } from '../db/my-data';
import { deleteMessagePhotos } from '../db/photos';
import { byTrackingHash } from '../db/tracking-codes';
import { notFound } from '../errors';
import { openContact } from '../lib/contact';
import { createCipher } from '../lib/crypto';
import { toSiteTime } from '../lib/site-time';
import { normalizeTrackingCode, trackingCodeHash } from '../lib/tracking-code';
import { bodyErrorResponses, limitedResponses, SiteParamsSchema, siteErrorResponses } from './openapi-common';

// My data: the author of a message, with its tracking code, downloads everything stored about it and
// can erase their contact details. Both are POSTs: the code travels in the body, never in a URL, and
// both answers are never cached. Counted by the tracking-code limiter (index.ts), as lookups are.

export const myData = newRouteGroup();

const request = {
  params: SiteParamsSchema,
  body: { required: true, content: { 'application/json': { schema: TrackInputSchema } } },
};
const errors = { ...siteErrorResponses, ...bodyErrorResponses, ...limitedResponses };

const exportMyData = createRoute({
  operationId: 'exportMyData',
  method: 'post',
  path: '/v1/sites/{site}/my-data',
  summary: 'Everything stored about a message, for its author (by tracking code): the message, contact details, replies, timeline',
  request,
  responses: {
    200: { description: 'the whole record, contact details decrypted (null once erased)', content: { 'application/json': { schema: MyDataSchema } } },
    ...errors,
  },
});

const eraseMyData = createRoute({
  operationId: 'eraseMyData',
  method: 'post',
  path: '/v1/sites/{site}/my-data/erase',
  summary: "Erases the author's name, phone and email and deletes the message's photos (by tracking code); the message and its masked display name stay on the record",
  request,
  responses: {
    200: { description: 'erased (now, or already before)', content: { 'application/json': { schema: ErasedSchema } } },
    ...errors,
  },
});

/** The author's message by the code in the body; malformed, unknown and wrong codes all get the same 404 (see tracking.ts). */
async function recordOf(c: Context<AppEnv>, trackingCode: string) {
  const site = c.get('site');
  const canonical = normalizeTrackingCode(trackingCode) ?? `invalid:${trackingCode}`;
  const hash = await trackingCodeHash(c.env.HASH_KEY, site.id, canonical);
  const now = new Date();
  const record = await byTrackingHash(c.get('db'), site.id, hash, () => citizenRecordView(c.get('db'), site.id, hash, now));
  if (!record) throw notFound();
  c.header('Cache-Control', 'no-store');
  return record;
}

myData.openapi(exportMyData, async (c) => {
  const now = new Date();
  const record = await recordOf(c, c.req.valid('json').trackingCode);
  const contact = record.erasedAt
    ? { name: null, phone: null, email: null, erasedAt: record.erasedAt }
    : { ...(await openContact(await createCipher(c.env.DATA_KEY), record.sealed)), erasedAt: null };
  return c.json({
    exportedAt: toSiteTime(now.toISOString()),
    message: record.message,
    contact,
    sourceOrigin: record.sourceOrigin,
    supportCount: record.supportCount,
    ratings: record.ratings,
    followUps: record.followUps,
  }, 200);
});

myData.openapi(eraseMyData, async (c) => {
  const record = await recordOf(c, c.req.valid('json').trackingCode);
  const erasedAt = await eraseContact(c.get('db'), c.get('site').id, record.message.id, new Date());
  // Photos are the citizen's too (a face, a house number): they go with the contact details, from R2 and D1.
  await deleteMessagePhotos(c.get('db'), c.env.PHOTOS, c.get('site').id, record.message.id);
  return c.json({ erasedAt: toSiteTime(erasedAt) }, 200);
});
