import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { LIMITS } from '../../../sdk/src/limits';
import { TrackInputSchema } from '../../../sdk/src/schemas/message';
import { PhotoUploadedSchema, type PhotoUploaded } from '../../../sdk/src/schemas/photo';
import { newRouteGroup } from '../app';
import { inScope } from '../auth/official';
import { findAttachedPhoto, findUpload, photoObjectKey } from '../db/photos';
import type { AppEnv } from '../env';
import { ApiError, notFound, validationError } from '../errors';
import { newId } from '../lib/crypto';
import { cleanPhoto } from '../lib/photo-bytes';
import { normalizeTrackingCode, trackingCodeHash } from '../lib/tracking-code';
import { tooManyRequests, withinLimit } from '../middleware/rate-limit';
import { bodyErrorResponses, limitedResponses, officialErrorResponses, problem, SiteParamsSchema, siteErrorResponses } from './openapi-common';

// Photos with a message: the upload (raw bytes, before the submission names them), and the three
// ways to read one back — the public's (published public messages, a content-hashed URL cached for
// ever), the author's (tracking code in the body) and officials' (console session, their units).

export const photos = newRouteGroup();
/** Officials' way to a photo: registered after the console's session middleware (index.ts). */
export const consolePhotos = newRouteGroup();

/** The one public route whose body is not JSON (index.ts exempts it from the JSON body check). */
export const PHOTO_UPLOAD = /^\/v1\/sites\/[^/]+\/photos$/;

/** The media types the upload takes; the bytes decide what the photo is, whatever the header says. */
const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'] as const;
const binary = z.string().meta({ format: 'binary' });
const imageContent = { 'image/jpeg': { schema: binary }, 'image/png': { schema: binary }, 'image/webp': { schema: binary } };
const PhotoIdSchema = z.string().min(1).max(64).describe('the photo’s id');

const uploadPhoto = createRoute({
  operationId: 'uploadPhoto',
  method: 'post',
  path: '/v1/sites/{site}/photos',
  tags: ['submission'],
  summary: 'Upload one photo (its raw bytes) to send with a message; metadata (EXIF, GPS, XMP, comments) is removed',
  request: {
    params: SiteParamsSchema,
    headers: z.object({
      'idempotency-key': z.string().min(8).max(128).describe('one per photo, reused on every retry of its upload'),
    }),
    body: { required: true, content: Object.fromEntries(UPLOAD_TYPES.map((type) => [type, { schema: binary }])) },
  },
  responses: {
    201: { description: 'stored (or already stored under this Idempotency-Key)', content: { 'application/json': { schema: PhotoUploadedSchema } } },
    ...siteErrorResponses,
    413: problem(`photo_too_large on field photo: more than ${LIMITS.photoMaxBytes / 1048576} MB`),
    422: problem('the field photo: photo_type_not_allowed (not JPEG, PNG or WebP by its bytes), photo_heic, photo_damaged (cut short or corrupt); idempotency_key_reused'),
    ...limitedResponses,
  },
});

const publicPhoto = createRoute({
  operationId: 'getPublicPhoto',
  method: 'get',
  path: '/v1/sites/{site}/photos/{photoId}/{sha256}',
  tags: ['board'],
  summary: 'A public photo of a published public message (the URL its views give; cached for ever)',
  request: { params: SiteParamsSchema.extend({ photoId: PhotoIdSchema, sha256: z.string().max(64).describe('the photo’s content hash') }) },
  responses: { 200: { description: 'the image', content: imageContent }, ...siteErrorResponses },
});

const trackedPhoto = createRoute({
  operationId: 'getTrackedPhoto',
  method: 'post',
  path: '/v1/sites/{site}/track/photos/{photoId}',
  summary: "A photo of the citizen's own message, public or not, by its tracking code (in the body)",
  request: {
    params: SiteParamsSchema.extend({ photoId: PhotoIdSchema }),
    body: { required: true, content: { 'application/json': { schema: TrackInputSchema } } },
  },
  responses: { 200: { description: 'the image', content: imageContent }, ...siteErrorResponses, ...bodyErrorResponses, ...limitedResponses },
});

const consolePhoto = createRoute({
  operationId: 'getConsolePhoto',
  method: 'get',
  path: '/v1/console/photos/{id}',
  summary: 'A photo of a message in the official’s units, public or not',
  request: { params: z.object({ id: PhotoIdSchema }) },
  responses: { 200: { description: 'the image', content: imageContent }, ...officialErrorResponses },
});

/**
 * The request's body, read as it arrives and refused (413 photo_too_large) as soon as it passes
 * `max` bytes: a lying Content-Length or a chunked upload never makes the worker hold more.
 */
async function readCapped(request: Request, max: number): Promise<Uint8Array> {
  const tooLarge = () => new ApiError('payload_too_large', [{ field: 'photo', code: 'photo_too_large', params: { max } }]);
  if (Number(request.headers.get('Content-Length') ?? 0) > max) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

const uploaded = (row: { id: string; width: number; height: number; bytes: number; sha256: string }): PhotoUploaded =>
  ({ photoId: row.id, width: row.width, height: row.height, bytes: row.bytes, sha256: row.sha256 });

photos.openapi(uploadPhoto, async (c) => {
  const site = c.get('site');
  const db = c.get('db');
  const key = c.req.valid('header')['idempotency-key'];
  c.header('Cache-Control', 'no-store');
  const clean = cleanPhoto(await readCapped(c.req.raw, LIMITS.photoMaxBytes));
  if ('problem' in clean) throw validationError([{ field: 'photo', code: clean.problem }]);
  const sha256 = hex(await crypto.subtle.digest('SHA-256', clean.bytes));
  // A retry (same key, same photo) gets the first answer and is never counted by the limiter.
  const earlier = async () => {
    const row = await findUpload(db, site.id, key);
    if (row && row.sha256 !== sha256) throw new ApiError('idempotency_key_reused');
    return row;
  };
  const first = await earlier();
  if (first) return c.json(uploaded(first), 201);
  if (!(await withinLimit(c, 'WRITE_LIMITER'))) throw tooManyRequests(c);
  const row = {
    id: newId('ph'), site_id: site.id, message_id: null, upload_key: key, content_type: clean.type,
    width: clean.width, height: clean.height, bytes: clean.bytes.length, sha256, created_at: new Date().toISOString(),
  };
  const objectKey = photoObjectKey(site.id, row.id);
  await c.env.PHOTOS.put(objectKey, clean.bytes, { httpMetadata: { contentType: clean.type }, sha256 });
  try {
    await db.run(db.q.insertInto('photos').values(row));
  } catch (error) {
    // A concurrent retry stored the photo first: its answer stands, this copy goes.
    await c.env.PHOTOS.delete(objectKey);
    const winner = await earlier();
    if (winner) return c.json(uploaded(winner), 201);
    throw error;
  }
  return c.json(uploaded(row), 201);
});

/** The photo's bytes from R2, typed by what the upload found, never sniffed by the browser. */
async function photoResponse(c: Context<AppEnv>, photo: { id: string; site_id: string; content_type: string; sha256: string }, cacheControl: string) {
  const object = await c.env.PHOTOS.get(photoObjectKey(photo.site_id, photo.id));
  if (!object) throw notFound();
  return new Response(object.body, {
    headers: {
      'Content-Type': photo.content_type,
      'Content-Length': String(object.size),
      'X-Content-Type-Options': 'nosniff',
      // Opened on its own, the image can run nothing and load nothing.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': cacheControl,
      ETag: `"${photo.sha256}"`,
    },
  });
}

photos.openapi(publicPhoto, async (c) => {
  const { photoId, sha256 } = c.req.valid('param');
  const site = c.get('site');
  const photo = await findAttachedPhoto(c.get('db'), site.id, photoId);
  // Private photos, photos of private or unpublished messages and stale hashes are all simply not found.
  if (!photo || photo.sha256 !== sha256 || photo.is_public !== 1 || photo.message_is_public !== 1 || photo.moderation !== 'published') throw notFound();
  if (c.req.header('If-None-Match') === `"${photo.sha256}"`) return c.body(null, 304);
  // The bytes under this URL never change (the hash is in it). Shared caches keep it a day only, so
  // a message a moderator hides stops being served from them within that.
  return photoResponse(c, photo, 'public, max-age=31536000, s-maxage=86400, immutable');
});

photos.openapi(trackedPhoto, async (c) => {
  const { photoId } = c.req.valid('param');
  const site = c.get('site');
  const { trackingCode } = c.req.valid('json');
  // Malformed, unknown and wrong codes, and other messages' photos, all get the same 404 (see tracking.ts).
  const canonical = normalizeTrackingCode(trackingCode) ?? `invalid:${trackingCode}`;
  const hash = await trackingCodeHash(c.env.HASH_KEY, site.id, canonical);
  const photo = await findAttachedPhoto(c.get('db'), site.id, photoId);
  if (!photo || photo.tracking_hash !== hash) throw notFound();
  return photoResponse(c, photo, 'private, no-store');
});

consolePhotos.openapi(consolePhoto, async (c) => {
  const official = c.get('official');
  const photo = await findAttachedPhoto(c.get('db'), official.siteId, c.req.valid('param').id);
  if (!photo) throw notFound();
  if (!inScope(official, photo.unit_id)) throw new ApiError('forbidden');
  return photoResponse(c, photo, 'private, no-store');
});
