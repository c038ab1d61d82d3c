import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Compilable } from 'kysely';
import { LIMITS } from '../../../sdk/src/limits';
import { TrackInputSchema } from '../../../sdk/src/schemas/message';
import { ConsoleMessageSchema, EmptyInputSchema } from '../../../sdk/src/schemas/console';
import { HidePhotoInputSchema, PhotoUploadedSchema, type PhotoUploaded } from '../../../sdk/src/schemas/photo';
import { newRouteGroup } from '../app';
import { inScope } from '../auth/official';
import { auditEntryOfChange } from '../db/admin';
import { findHandledMessage } from '../db/handling';
import { officialMessageView } from '../db/message-views';
import { findAttachedPhoto, findUpload, hidePhotoStatement, photoObjectKey, publicMaySee, thumbnailObjectKey, unhidePhotoStatement } from '../db/photos';
import type { AppEnv } from '../env';
import { ApiError, notFound, validationError, type FieldProblem } from '../errors';
import { newId, sha256Hex } from '../lib/crypto';
import { cleanPhoto, type CleanPhoto } from '../lib/photo-bytes';
import { requireRole } from '../middleware/console-auth';
import { normalizeTrackingCode, trackingCodeHash } from '../lib/tracking-code';
import { tooManyRequests, withinLimit } from '../middleware/rate-limit';
import { bodyErrorResponses, limitedResponses, notModified, officialErrorResponses, problem, SiteParamsSchema, siteErrorResponses } from './openapi-common';

// Photos with a message: the upload (raw bytes, before the submission names them), and the three
// ways to read one back — the public's (published public messages, a content-hashed URL cached for
// ever), the author's (tracking code in the body) and officials' (console session, their units).

export const photos = newRouteGroup();
/** Officials' way to a photo: registered after the console's session middleware (index.ts). */
export const consolePhotos = newRouteGroup();

/** The one public route whose body is not JSON (index.ts exempts it from the JSON body check). */
export const PHOTO_UPLOAD = /^\/v1\/sites\/[^/]+\/photos$/;
/** The console's one such route: a reply's photo. */
export const CONSOLE_PHOTO_UPLOAD = /^\/v1\/console\/messages\/[^/]+\/photos$/;

/**
 * The small version's limits: the browser makes it about 320 px on the long edge and a few KB
 * (ui/photo-upload.ts); a bigger one would cost every card that shows it.
 */
export const THUMBNAIL_MAX_EDGE = 640;
export const THUMBNAIL_MAX_BYTES = 200 * 1024;

/**
 * The media types the upload takes; the bytes decide what the photo is, whatever the header says.
 * multipart/form-data carries the photo (part `photo`) with its small version (part `thumbnail`).
 */
const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'] as const;
const binary = z.string().meta({ format: 'binary' });
const uploadContent = {
  ...Object.fromEntries(UPLOAD_TYPES.map((type) => [type, { schema: binary }])),
  // A plain OpenAPI schema, not zod: documented, but never parsed by a validator (which would read
  // the whole body before the size cap; the route reads it itself).
  'multipart/form-data': {
    schema: {
      type: 'object' as const,
      required: ['photo'],
      properties: {
        photo: { type: 'string' as const, format: 'binary', description: 'the photo' },
        thumbnail: {
          type: 'string' as const, format: 'binary',
          description: `its small version for cards (long edge at most ${THUMBNAIL_MAX_EDGE} px, ${THUMBNAIL_MAX_BYTES / 1024} KB); without one, the photo stands in`,
        },
      },
    },
  },
};
const imageContent = { 'image/jpeg': { schema: binary }, 'image/png': { schema: binary }, 'image/webp': { schema: binary } };
const PhotoIdSchema = z.string().min(1).max(64).describe('the photo’s id');
const SizeQuerySchema = z.object({
  size: z.enum(['full', 'thumbnail']).optional().describe('thumbnail: the small version (the photo itself when it has none); full when absent'),
});
const uploadErrors = {
  413: problem(`photo_too_large on field photo (more than ${LIMITS.photoMaxBytes / 1048576} MB) or thumbnail (more than ${THUMBNAIL_MAX_BYTES / 1024} KB)`),
  422: problem('the field photo or thumbnail: photo_type_not_allowed (not JPEG, PNG or WebP by its bytes), photo_heic, photo_damaged (cut short or corrupt), thumbnail_too_large (too many pixels); idempotency_key_reused'),
};
const idempotencyHeaders = z.object({
  'idempotency-key': z.string().min(8).max(128).describe('one per photo, reused on every retry of its upload'),
});

const uploadPhoto = createRoute({
  operationId: 'uploadPhoto',
  method: 'post',
  path: '/v1/sites/{site}/photos',
  tags: ['submission'],
  summary: 'Upload one photo (its raw bytes) to send with a message; metadata (EXIF, GPS, XMP, comments) is removed',
  request: { params: SiteParamsSchema, headers: idempotencyHeaders, body: { required: true, content: uploadContent } },
  responses: {
    201: { description: 'stored (or already stored under this Idempotency-Key)', content: { 'application/json': { schema: PhotoUploadedSchema } } },
    ...siteErrorResponses,
    ...uploadErrors,
    ...limitedResponses,
  },
});

const uploadReplyPhoto = createRoute({
  operationId: 'uploadReplyPhoto',
  method: 'post',
  path: '/v1/console/messages/{id}/photos',
  middleware: [requireRole('admin', 'responder')] as const,
  summary: 'Upload one photo (its raw bytes) to send with a reply to this message; checked and stripped of metadata as a citizen’s',
  request: { params: z.object({ id: z.string().min(1).max(64) }), headers: idempotencyHeaders, body: { required: true, content: uploadContent } },
  responses: {
    201: { description: 'stored (or already stored under this Idempotency-Key)', content: { 'application/json': { schema: PhotoUploadedSchema } } },
    ...officialErrorResponses,
    ...uploadErrors,
  },
});

const publicPhoto = createRoute({
  operationId: 'getPublicPhoto',
  method: 'get',
  path: '/v1/sites/{site}/photos/{photoId}/{sha256}',
  tags: ['board'],
  summary: 'A public photo of a published public message (the URL its views give; cached for ever)',
  request: { params: SiteParamsSchema.extend({ photoId: PhotoIdSchema, sha256: z.string().max(64).describe('the photo’s content hash') }), query: SizeQuerySchema },
  // Its own ETag is the image's hash (`photoResponse`): a browser holding it gets a 304.
  responses: { 200: { description: 'the image', content: imageContent }, ...notModified, ...siteErrorResponses },
});

const trackedPhoto = createRoute({
  operationId: 'getTrackedPhoto',
  method: 'post',
  path: '/v1/sites/{site}/track/photos/{photoId}',
  summary: "A photo of the citizen's own message, public or not, by its tracking code (in the body)",
  request: {
    params: SiteParamsSchema.extend({ photoId: PhotoIdSchema }),
    query: SizeQuerySchema,
    body: { required: true, content: { 'application/json': { schema: TrackInputSchema } } },
  },
  responses: { 200: { description: 'the image', content: imageContent }, ...siteErrorResponses, ...bodyErrorResponses, ...limitedResponses },
});

const consolePhoto = createRoute({
  operationId: 'getConsolePhoto',
  method: 'get',
  path: '/v1/console/photos/{id}',
  summary: 'A photo of a message in the official’s units, public or not',
  request: { params: z.object({ id: PhotoIdSchema }), query: SizeQuerySchema },
  responses: { 200: { description: 'the image', content: imageContent }, ...officialErrorResponses },
});

const MODERATORS = requireRole('admin', 'moderator');

const hidePhoto = createRoute({
  operationId: 'hidePhoto',
  method: 'post',
  path: '/v1/console/photos/{id}/hide',
  middleware: [MODERATORS] as const,
  summary: 'Hide a photo from the public with a reason its author is told (the message stays); written to the audit log',
  request: { params: z.object({ id: PhotoIdSchema }), body: { required: true, content: { 'application/json': { schema: HidePhotoInputSchema } } } },
  responses: {
    200: { description: 'the message after the decision', content: { 'application/json': { schema: ConsoleMessageSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
    409: problem('hidden already (conflict)'),
  },
});

const unhidePhoto = createRoute({
  operationId: 'unhidePhoto',
  method: 'post',
  path: '/v1/console/photos/{id}/unhide',
  middleware: [MODERATORS] as const,
  summary: 'Show a hidden photo again (as its author chose and the message’s publication allows); written to the audit log',
  request: { params: z.object({ id: PhotoIdSchema }), body: { required: true, content: { 'application/json': { schema: EmptyInputSchema } } } },
  responses: {
    200: { description: 'the message after the decision', content: { 'application/json': { schema: ConsoleMessageSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
    409: problem('not hidden (conflict)'),
  },
});

/**
 * The request's body, read as it arrives and refused (413 photo_too_large) as soon as it passes
 * `max` bytes: a lying Content-Length or a chunked upload never makes the worker hold more.
 */
async function readCapped(request: Request, max: number): Promise<Uint8Array<ArrayBuffer>> {
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


const uploaded = (row: { id: string; width: number; height: number; bytes: number; sha256: string }): PhotoUploaded =>
  ({ photoId: row.id, width: row.width, height: row.height, bytes: row.bytes, sha256: row.sha256 });

/** A photo and its small version as sent: the parts of a multipart body, or a raw body (the photo alone). */
async function uploadParts(request: Request): Promise<{ photo: Uint8Array; thumbnail: Uint8Array | null }> {
  const contentType = request.headers.get('Content-Type') ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) return { photo: await readCapped(request, LIMITS.photoMaxBytes), thumbnail: null };
  // The body is read capped first: formData() alone would take whatever was sent.
  const body = await readCapped(request, LIMITS.photoMaxBytes + THUMBNAIL_MAX_BYTES + 16_384);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'Content-Type': contentType } }).formData();
  } catch {
    throw validationError([{ field: 'photo', code: 'photo_damaged' }]);
  }
  const part = async (name: string) => {
    const value = form.get(name);
    return value instanceof Blob ? new Uint8Array(await value.arrayBuffer()) : null;
  };
  const [photo, thumbnail] = await Promise.all([part('photo'), part('thumbnail')]);
  if (!photo) throw validationError([{ field: 'photo', code: 'required' }]);
  const tooLarge = (field: string, max: number) => new ApiError('payload_too_large', [{ field, code: 'photo_too_large', params: { max } }]);
  if (photo.length > LIMITS.photoMaxBytes) throw tooLarge('photo', LIMITS.photoMaxBytes);
  if (thumbnail && thumbnail.length > THUMBNAIL_MAX_BYTES) throw tooLarge('thumbnail', THUMBNAIL_MAX_BYTES);
  return { photo, thumbnail };
}

/** The photo and its small version, checked and stripped; every problem at once, each on its field. */
async function cleanUpload(request: Request): Promise<{ photo: CleanPhoto; thumbnail: CleanPhoto | null }> {
  const parts = await uploadParts(request);
  const photo = cleanPhoto(parts.photo);
  const thumbnail = parts.thumbnail ? cleanPhoto(parts.thumbnail) : null;
  const problems: FieldProblem[] = [];
  if ('problem' in photo) problems.push({ field: 'photo', code: photo.problem });
  if (thumbnail && 'problem' in thumbnail) problems.push({ field: 'thumbnail', code: thumbnail.problem });
  else if (thumbnail && Math.max(thumbnail.width, thumbnail.height) > THUMBNAIL_MAX_EDGE) {
    problems.push({ field: 'thumbnail', code: 'thumbnail_too_large', params: { max: THUMBNAIL_MAX_EDGE } });
  }
  if ('problem' in photo || (thumbnail && 'problem' in thumbnail) || problems.length > 0) throw validationError(problems);
  return { photo, thumbnail: thumbnail as CleanPhoto | null };
}


/**
 * Stores an upload under its Idempotency-Key: a citizen's (`accountId` null) or an official's for a
 * reply. A retry (same key, same photo, same uploader) gets the first answer; `limit` runs only for a
 * new photo (a retry is never counted).
 */
async function storeUpload(c: Context<AppEnv>, siteId: string, accountId: string | null, key: string, limit: () => Promise<void>) {
  const db = c.get('db');
  c.header('Cache-Control', 'no-store');
  const { photo, thumbnail } = await cleanUpload(c.req.raw);
  const sha256 = await sha256Hex(photo.bytes);
  const earlier = async () => {
    const row = await findUpload(db, siteId, key);
    if (row && (row.sha256 !== sha256 || row.account_id !== accountId)) throw new ApiError('idempotency_key_reused');
    return row;
  };
  const first = await earlier();
  if (first) return c.json(uploaded(first), 201);
  await limit();
  const row = {
    id: newId('ph'), site_id: siteId, message_id: null, account_id: accountId, upload_key: key, content_type: photo.type,
    width: photo.width, height: photo.height, bytes: photo.bytes.length, sha256, created_at: new Date().toISOString(),
    ...(thumbnail && {
      thumbnail_type: thumbnail.type, thumbnail_width: thumbnail.width, thumbnail_height: thumbnail.height,
      thumbnail_bytes: thumbnail.bytes.length, thumbnail_sha256: await sha256Hex(thumbnail.bytes),
    }),
  };
  const keys = [photoObjectKey(siteId, row.id), thumbnailObjectKey(siteId, row.id)] as const;
  await Promise.all([
    c.env.PHOTOS.put(keys[0], photo.bytes, { httpMetadata: { contentType: photo.type }, sha256 }),
    thumbnail && c.env.PHOTOS.put(keys[1], thumbnail.bytes, { httpMetadata: { contentType: thumbnail.type } }),
  ]);
  try {
    await db.run(db.q.insertInto('photos').values(row));
  } catch (error) {
    // A concurrent retry stored the photo first: its answer stands, this copy goes.
    await c.env.PHOTOS.delete([...keys]);
    const winner = await earlier();
    if (winner) return c.json(uploaded(winner), 201);
    throw error;
  }
  return c.json(uploaded(row), 201);
}

photos.openapi(uploadPhoto, (c) => storeUpload(c, c.get('site').id, null, c.req.valid('header')['idempotency-key'], async () => {
  if (!(await withinLimit(c, 'WRITE_LIMITER'))) throw tooManyRequests(c);
}));

consolePhotos.openapi(uploadReplyPhoto, async (c) => {
  const official = c.get('official');
  const message = await findHandledMessage(c.get('db'), official.siteId, c.req.valid('param').id);
  if (!message) throw notFound();
  if (!(await inScope(c.get('db'), official, message.unit_id))) throw new ApiError('forbidden');
  return storeUpload(c, official.siteId, official.id, c.req.valid('header')['idempotency-key'], async () => {});
});

type StoredPhoto = { id: string; site_id: string; content_type: string; sha256: string; thumbnail_type: string | null; thumbnail_sha256: string | null };

/**
 * The photo's bytes from R2 (its small version for `size=thumbnail`, when it has one), typed by what
 * the upload found, never sniffed by the browser.
 */
async function photoResponse(c: Context<AppEnv>, photo: StoredPhoto, size: 'full' | 'thumbnail' | undefined, cacheControl: string) {
  const small = size === 'thumbnail' && photo.thumbnail_type !== null && photo.thumbnail_sha256 !== null;
  const object = await c.env.PHOTOS.get(small ? thumbnailObjectKey(photo.site_id, photo.id) : photoObjectKey(photo.site_id, photo.id));
  if (!object) throw notFound();
  return new Response(object.body, {
    headers: {
      'Content-Type': small ? photo.thumbnail_type! : photo.content_type,
      'Content-Length': String(object.size),
      'X-Content-Type-Options': 'nosniff',
      // Opened on its own, the image can run nothing and load nothing.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': cacheControl,
      ETag: `"${small ? photo.thumbnail_sha256 : photo.sha256}"`,
    },
  });
}

photos.openapi(publicPhoto, async (c) => {
  const { photoId, sha256 } = c.req.valid('param');
  const { size } = c.req.valid('query');
  const site = c.get('site');
  const photo = await findAttachedPhoto(c.get('db'), site.id, photoId);
  // Private and hidden photos, photos of private or unpublished messages and stale hashes are all simply not found.
  if (!photo || photo.sha256 !== sha256 || !publicMaySee(photo) || photo.message_is_public !== 1 || photo.moderation !== 'published') throw notFound();
  const etag = `"${size === 'thumbnail' && photo.thumbnail_sha256 ? photo.thumbnail_sha256 : photo.sha256}"`;
  if (c.req.header('If-None-Match') === etag) return c.body(null, 304);
  // The bytes under this URL never change (the hash is in it). Shared caches keep it a day only, so
  // a photo or message a moderator hides stops being served from them within that.
  return photoResponse(c, photo, size, 'public, max-age=31536000, s-maxage=86400, immutable');
});

photos.openapi(trackedPhoto, async (c) => {
  const { photoId } = c.req.valid('param');
  const site = c.get('site');
  const { trackingCode } = c.req.valid('json');
  // Malformed, unknown and wrong codes, and other messages' photos, all get the same 404 (see tracking.ts).
  const canonical = normalizeTrackingCode(trackingCode) ?? `invalid:${trackingCode}`;
  const hash = await trackingCodeHash(c.env.HASH_KEY, site.id, canonical);
  const photo = await findAttachedPhoto(c.get('db'), site.id, photoId);
  // Hidden photos too: the author sees what a moderator hid, marked (their view says why).
  // A new code sent for a lost one opens them too (db/tracking-codes.ts); the tracker's view took it first.
  if (!photo || (photo.tracking_hash !== hash && photo.tracking_hash_next !== hash)) throw notFound();
  return photoResponse(c, photo, c.req.valid('query').size, 'private, no-store');
});

consolePhotos.openapi(consolePhoto, async (c) => {
  const official = c.get('official');
  const photo = await findAttachedPhoto(c.get('db'), official.siteId, c.req.valid('param').id);
  if (!photo) throw notFound();
  if (!(await inScope(c.get('db'), official, photo.unit_id))) throw new ApiError('forbidden');
  return photoResponse(c, photo, c.req.valid('query').size, 'private, no-store');
});

/**
 * Hides or shows a photo of a message in the moderator's units, audited in the same batch; answers
 * with the message. Hiding a hidden photo (or showing a shown one) is a conflict, and not audited.
 */
async function moderatePhoto(c: Context<AppEnv>, photoId: string, decision: 'hide' | 'unhide', change: (at: string) => Compilable<unknown>, detail: Record<string, unknown>) {
  const official = c.get('official');
  const db = c.get('db');
  const photo = await findAttachedPhoto(db, official.siteId, photoId);
  if (!photo?.message_id) throw notFound();
  if (!(await inScope(c.get('db'), official, photo.unit_id))) throw new ApiError('forbidden');
  if ((photo.hidden_at !== null) === (decision === 'hide')) throw new ApiError('conflict');
  const at = new Date().toISOString();
  const [changed] = await db.batch([
    change(at),
    auditEntryOfChange(db, { siteId: official.siteId, accountId: official.id, action: `photo.${decision}`, messageId: photo.message_id, detail: { photoId, ...detail }, at }),
  ]);
  // Decided a moment ago by another moderator.
  if ((changed?.meta.changes ?? 0) === 0) throw new ApiError('conflict');
  const view = await officialMessageView(db, official, photo.message_id, new Date());
  if (!view) throw notFound();
  const { unitId: _, ...message } = view;
  return c.json(message, 200);
}

consolePhotos.openapi(hidePhoto, (c) => {
  const input = c.req.valid('json');
  const { id } = c.req.valid('param');
  const { siteId } = c.get('official');
  return moderatePhoto(c, id, 'hide', (at) => hidePhotoStatement(c.get('db'), siteId, id, input, at), { reason: input.reason });
});

consolePhotos.openapi(unhidePhoto, (c) =>
  moderatePhoto(c, c.req.valid('param').id, 'unhide', () => unhidePhotoStatement(c.get('db'), c.get('official').siteId, c.req.valid('param').id), {}));
