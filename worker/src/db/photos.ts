// Photos with a message: their rows (migration 0029) and their bytes in R2 (binding PHOTOS), kept
// together here. A photo is uploaded before its message exists and attached by the submission.
import type { PhotoRefInput } from '../../../sdk/src/schemas/photo';
import type { FieldProblem } from '../errors';
import type { SiteDatabase } from './client';

/** Where a photo's bytes are in R2: by site, then the photo's random id (never derived from anything guessable). */
export const photoObjectKey = (siteId: string, photoId: string) => `${siteId}/${photoId}`;

/** The public URL of a photo: its content hash in the path, so the answer may be cached for ever. */
export const publicPhotoUrl = (siteId: string, photoId: string, sha256: string) => `/v1/sites/${siteId}/photos/${photoId}/${sha256}`;
/** Where officials GET a photo (console session). */
export const consolePhotoUrl = (photoId: string) => `/v1/console/photos/${photoId}`;
/** Where the author POSTs the tracking code to get a photo of their own message. */
export const trackedPhotoUrl = (siteId: string, photoId: string) => `/v1/sites/${siteId}/track/photos/${photoId}`;

/** The photo stored under an upload's Idempotency-Key, if any. */
export function findUpload(db: SiteDatabase, siteId: string, uploadKey: string) {
  return db.first(db.q.selectFrom('photos').selectAll().where('site_id', '=', siteId).where('upload_key', '=', uploadKey));
}

/**
 * The problems with the photos a submission names: each must have been uploaded to this site and be
 * attached to no message yet, and be named once. One problem, on the field `photos` (`unknown_photo`).
 */
export async function photoRefProblems(db: SiteDatabase, siteId: string, refs: PhotoRefInput[]): Promise<FieldProblem[]> {
  if (refs.length === 0) return [];
  const ids = refs.map((r) => r.id);
  const free = await db.all(db.q.selectFrom('photos').select('id')
    .where('site_id', '=', siteId).where('id', 'in', ids).where('message_id', 'is', null));
  const unique = new Set(ids).size === ids.length;
  return unique && free.length === ids.length ? [] : [{ field: 'photos', code: 'unknown_photo' }];
}

/**
 * Statements (for the submission's batch) that attach the named photos to the new message, in order,
 * each public as asked or, unasked, as the message is. A private message's photos are never shown to
 * the public whatever they say (the public views read only published public messages).
 */
export function attachPhotoStatements(db: SiteDatabase, siteId: string, messageId: string, refs: PhotoRefInput[], messageIsPublic: boolean) {
  return refs.map((ref, position) => db.q.updateTable('photos')
    .set({ message_id: messageId, is_public: (ref.isPublic ?? messageIsPublic) ? 1 : 0, position })
    .where('id', '=', ref.id).where('site_id', '=', siteId).where('message_id', 'is', null));
}

/** One attached photo with what decides who may see it: its message's site, unit, publication and visibility. */
export function findAttachedPhoto(db: SiteDatabase, siteId: string, photoId: string) {
  return db.first(db.q.selectFrom('photos as p')
    .innerJoin('messages as m', 'm.id', 'p.message_id')
    .select(['p.id', 'p.site_id', 'p.content_type', 'p.sha256', 'p.bytes', 'p.is_public', 'p.message_id', 'm.unit_id',
      'm.is_public as message_is_public', 'm.moderation', 'm.tracking_hash'])
    .where('p.id', '=', photoId).where('p.site_id', '=', siteId));
}

/**
 * Deletes every photo of a message: the bytes from R2 first, then the rows, so that a failure half-way
 * leaves rows that a repeated erasure finds again. Returns how many were deleted.
 */
export async function deleteMessagePhotos(db: SiteDatabase, bucket: R2Bucket, siteId: string, messageId: string): Promise<number> {
  const photos = await db.all(db.q.selectFrom('photos').select('id').where('site_id', '=', siteId).where('message_id', '=', messageId));
  if (photos.length === 0) return 0;
  await bucket.delete(photos.map((p) => photoObjectKey(siteId, p.id)));
  await db.run(db.q.deleteFrom('photos').where('site_id', '=', siteId).where('message_id', '=', messageId));
  return photos.length;
}

/** An upload no submission named within this time is deleted (ms): the form sends its message minutes after. */
export const ABANDONED_PHOTO_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes up to `limit` photos uploaded more than ABANDONED_PHOTO_MS before `now` and never sent with
 * a message (the citizen gave up, or something used the upload as storage): from R2, then their rows,
 * 90 ids a statement (D1's 100 bound parameters). Returns how many were deleted; the hourly job runs it.
 */
export async function purgeAbandonedPhotos(db: SiteDatabase, bucket: R2Bucket, now: Date, limit = 900): Promise<number> {
  const before = new Date(now.getTime() - ABANDONED_PHOTO_MS).toISOString();
  const abandoned = await db.all(db.q.selectFrom('photos').select(['id', 'site_id'])
    .where('message_id', 'is', null).where('created_at', '<', before).limit(limit));
  if (abandoned.length === 0) return 0;
  await bucket.delete(abandoned.map((p) => photoObjectKey(p.site_id, p.id)));
  const ids = abandoned.map((p) => p.id);
  const chunks = Array.from({ length: Math.ceil(ids.length / 90) }, (_, i) => ids.slice(i * 90, i * 90 + 90));
  await db.batch(chunks.map((chunk) => db.q.deleteFrom('photos').where('id', 'in', chunk).where('message_id', 'is', null)));
  return abandoned.length;
}
