// Photos with a message: their rows (migration 0029) and their bytes in R2 (binding PHOTOS), kept
// together here. A photo is uploaded before its message exists and attached by the submission.
import { sql, type SqlBool } from 'kysely';
import type { HidePhotoInput, Photo, PublicPhoto, PhotoRefInput } from '../../../sdk/src/schemas/photo';
import type { FieldProblem } from '../errors';
import { toSiteTime } from '../lib/site-time';
import { inParts, type SiteDatabase } from './client';

/** Where a photo's bytes are in R2: by site, then the photo's random id (never derived from anything guessable). */
export const photoObjectKey = (siteId: string, photoId: string) => `${siteId}/${photoId}`;
/** Where its small version is (migration 0032), beside it. */
export const thumbnailObjectKey = (siteId: string, photoId: string) => `${siteId}/${photoId}.thumbnail`;
/** Both of a photo's objects, for deleting. */
const objectKeys = (p: { site_id: string; id: string }) => [photoObjectKey(p.site_id, p.id), thumbnailObjectKey(p.site_id, p.id)];

/** Deletes R2 objects, 1,000 a call (R2's limit for one delete); keys that are not there are no error. */
async function deleteObjects(bucket: R2Bucket, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) await bucket.delete(keys.slice(i, i + 1000));
}

/** The public URL of a photo: its content hash in the path, so the answer may be cached for ever. */
export const publicPhotoUrl = (siteId: string, photoId: string, sha256: string) => `/v1/sites/${siteId}/photos/${photoId}/${sha256}`;
/** Where officials GET a photo (console session). */
export const consolePhotoUrl = (photoId: string) => `/v1/console/photos/${photoId}`;
/** Where the author POSTs the tracking code to get a photo of their own message. */
export const trackedPhotoUrl = (siteId: string, photoId: string) => `/v1/sites/${siteId}/track/photos/${photoId}`;
/**
 * The small version is the same address with `?size=thumbnail`. A photo's thumbnail is set with its
 * upload and never changes after, so the public address (the photo's hash in it) may be cached for ever too.
 */
export const THUMBNAIL_QUERY = '?size=thumbnail';

/** A photo's columns every view reads (a JSON object of them, or a row). */
export const PHOTO_VIEW_COLUMNS = [
  'p.id', 'p.reply_id', 'p.width', 'p.height', 'p.bytes', 'p.sha256', 'p.is_public', 'p.thumbnail_sha256',
  'p.hidden_at', 'p.hidden_reason', 'p.hidden_note',
] as const;

/** What a view reads of a photo (PHOTO_VIEW_COLUMNS). */
export interface PhotoViewRow {
  id: string;
  reply_id: string | null;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  is_public: number;
  thumbnail_sha256: string | null;
  hidden_at: string | null;
  hidden_reason: string | null;
  hidden_note: string | null;
}

/** Who looks: the public (hash-addressed URLs), the author (tracking-code URLs) or officials (console URLs). */
export type PhotoAudience = { kind: 'public' | 'citizen'; siteId: string } | { kind: 'official' };

/** A photo's public shape for `audience`: where to fetch it and its small version. */
export function publicPhoto(p: PhotoViewRow, audience: PhotoAudience): PublicPhoto {
  const url = audience.kind === 'public' ? publicPhotoUrl(audience.siteId, p.id, p.sha256)
    : audience.kind === 'citizen' ? trackedPhotoUrl(audience.siteId, p.id) : consolePhotoUrl(p.id);
  return { id: p.id, width: p.width, height: p.height, url, thumbnailUrl: p.thumbnail_sha256 ? url + THUMBNAIL_QUERY : url };
}

/** A photo as its author or an official sees it: whether it is public, and why a moderator hid it. */
export function ownPhoto(p: PhotoViewRow, audience: PhotoAudience): Photo {
  return {
    ...publicPhoto(p, audience), isPublic: p.is_public === 1, bytes: p.bytes, sha256: p.sha256,
    hidden: p.hidden_at ? { reason: p.hidden_reason as NonNullable<Photo['hidden']>['reason'], note: p.hidden_note, at: toSiteTime(p.hidden_at) } : null,
  };
}

/** Whether the public may see a photo of a published public message: made public by the citizen (a reply's always is), not hidden. */
export const publicMaySee = (p: Pick<PhotoViewRow, 'is_public' | 'hidden_at'>) => p.is_public === 1 && p.hidden_at === null;

/**
 * The first photo of each message in `messageIds` (the citizen's own, in their order), for cards:
 * for the public only one it may see. Ids are read 90 a statement (D1's 100 bound parameters).
 */
export async function coverPhotos(db: SiteDatabase, siteId: string, messageIds: string[], audience: PhotoAudience): Promise<Map<string, PublicPhoto>> {
  const chunks = inParts(messageIds);
  const rows = (await Promise.all(chunks.map((ids) => db.all(db.q.selectFrom('photos as p')
    .select([...PHOTO_VIEW_COLUMNS, 'p.message_id'])
    .where('p.message_id', 'in', ids).where('p.site_id', '=', siteId).where('p.reply_id', 'is', null)
    .$if(audience.kind === 'public', (q) => q.where('p.is_public', '=', 1).where('p.hidden_at', 'is', null))
    .orderBy('p.message_id').orderBy('p.position'))))).flat();
  const covers = new Map<string, PublicPhoto>();
  for (const row of rows) if (row.message_id && !covers.has(row.message_id)) covers.set(row.message_id, publicPhoto(row, audience));
  return covers;
}

/** The photo stored under an upload's Idempotency-Key, if any. */
export function findUpload(db: SiteDatabase, siteId: string, uploadKey: string) {
  return db.first(db.q.selectFrom('photos').selectAll().where('site_id', '=', siteId).where('upload_key', '=', uploadKey));
}

/**
 * The photos of `ids` still free to attach: uploaded to this site, attached to nothing yet, and
 * uploaded by `accountId` (an official's, for a reply) or by a citizen (null, for a submission).
 */
function freePhotos(db: SiteDatabase, siteId: string, ids: string[], accountId: string | null) {
  return db.q.selectFrom('photos')
    .where('site_id', '=', siteId).where('id', 'in', ids).where('message_id', 'is', null).where('account_id', 'is', accountId);
}

/** `freePhotos` as a query for a read batch; `photosStillFree` is the same check inside a write. */
export const freePhotosQuery = (db: SiteDatabase, siteId: string, ids: string[], accountId: string | null) =>
  freePhotos(db, siteId, ids, accountId).select('id');

/**
 * The one problem (`unknown_photo` on `photos`) when the photos named are not each free and named
 * once; `free` are the rows `freePhotosQuery` read.
 */
export function namedPhotoProblems(ids: string[], free: readonly unknown[]): FieldProblem[] {
  return new Set(ids).size === ids.length && free.length === ids.length ? [] : [{ field: 'photos', code: 'unknown_photo' }];
}

/**
 * True while every photo of `ids` is free to attach (`freePhotos`): a condition for the statement of
 * a write batch that must fail when it is not, so two submissions or replies naming the same photo
 * at once cannot both be stored, one of them silently without it. Always true for no photos.
 */
export function photosStillFree(db: SiteDatabase, siteId: string, ids: string[], accountId: string | null) {
  if (ids.length === 0) return sql<SqlBool>`1`;
  return sql<SqlBool>`${freePhotos(db, siteId, ids, accountId).select(sql<number>`count(*)`.as('n'))} = ${new Set(ids).size}`;
}

/**
 * The problems with the photos a submission names: each must have been uploaded to this site and be
 * attached to no message yet, and be named once. One problem, on the field `photos` (`unknown_photo`).
 * The write batch checks again in its transaction (`photosStillFree`).
 */
export async function photoRefProblems(db: SiteDatabase, siteId: string, refs: PhotoRefInput[]): Promise<FieldProblem[]> {
  if (refs.length === 0) return [];
  const ids = refs.map((r) => r.id);
  return namedPhotoProblems(ids, await db.all(freePhotosQuery(db, siteId, ids, null)));
}

/**
 * Statements (for the submission's batch) that attach the named photos to the new message, in order,
 * each public as asked or, unasked, as the message is. A private message's photos are never shown to
 * the public whatever they say (the public views read only published public messages).
 */
export function attachPhotoStatements(db: SiteDatabase, siteId: string, messageId: string, refs: PhotoRefInput[], messageIsPublic: boolean) {
  return refs.map((ref, position) => db.q.updateTable('photos')
    .set({ message_id: messageId, is_public: (ref.isPublic ?? messageIsPublic) ? 1 : 0, position })
    .where('id', '=', ref.id).where('site_id', '=', siteId).where('message_id', 'is', null).where('account_id', 'is', null));
}

/**
 * The problems with the photos a reply names: each uploaded by this official for a reply, sent with
 * none yet, named once. One problem, on the field `photos` (`unknown_photo`). The reply's insert
 * checks again in its transaction (`photosStillFree`).
 */
export async function replyPhotoProblems(db: SiteDatabase, siteId: string, accountId: string, ids: string[]): Promise<FieldProblem[]> {
  if (ids.length === 0) return [];
  return namedPhotoProblems(ids, await db.all(freePhotosQuery(db, siteId, ids, accountId)));
}

/**
 * Statements (for the reply's batch, after the reply's insert) that attach the named photos to the
 * reply and its message, in order, public with the reply. Each only if the reply was written: a reply
 * refused by its guard leaves its photos free.
 */
export function attachReplyPhotoStatements(db: SiteDatabase, siteId: string, accountId: string, messageId: string, replyId: string, ids: string[]) {
  return ids.map((id, position) => db.q.updateTable('photos')
    .set({ message_id: messageId, reply_id: replyId, is_public: 1, position })
    .where('id', '=', id).where('site_id', '=', siteId).where('message_id', 'is', null).where('account_id', '=', accountId)
    .where((eb) => eb.exists(eb.selectFrom('replies').select('id').where('id', '=', replyId))));
}

/** Hides a photo from the public (a moderator's decision, with the reason its author is told); nothing when it is hidden already. */
export const hidePhotoStatement = (db: SiteDatabase, siteId: string, photoId: string, input: HidePhotoInput, at: string) =>
  db.q.updateTable('photos').set({ hidden_at: at, hidden_reason: input.reason, hidden_note: input.note || null })
    .where('id', '=', photoId).where('site_id', '=', siteId).where('hidden_at', 'is', null);

/** Shows a hidden photo again, as its author and the message's publication allow. */
export const unhidePhotoStatement = (db: SiteDatabase, siteId: string, photoId: string) =>
  db.q.updateTable('photos').set({ hidden_at: null, hidden_reason: null, hidden_note: null })
    .where('id', '=', photoId).where('site_id', '=', siteId).where('hidden_at', 'is not', null);

/** One attached photo with what decides who may see it: its message's site, unit, publication and visibility. */
export function findAttachedPhoto(db: SiteDatabase, siteId: string, photoId: string) {
  return db.first(db.q.selectFrom('photos as p')
    .innerJoin('messages as m', 'm.id', 'p.message_id')
    .select(['p.id', 'p.site_id', 'p.content_type', 'p.sha256', 'p.bytes', 'p.is_public', 'p.message_id', 'p.reply_id', 'p.hidden_at',
      'p.thumbnail_type', 'p.thumbnail_sha256', 'm.unit_id', 'm.is_public as message_is_public', 'm.moderation', 'm.tracking_hash', 'm.tracking_hash_next'])
    .where('p.id', '=', photoId).where('p.site_id', '=', siteId));
}

/**
 * Deletes the citizen's photos of a message (replies' photos are the officials', and stay): the bytes
 * and small versions from R2 first, then the rows, so that a failure half-way leaves rows that a
 * repeated erasure finds again. Returns how many were deleted.
 */
export async function deleteMessagePhotos(db: SiteDatabase, bucket: R2Bucket, siteId: string, messageId: string): Promise<number> {
  const deleted = await deleteAuthorPhotoObjects(db, bucket, siteId, [messageId]);
  if (deleted > 0) await db.run(authorPhotoRowsDeletion(db, siteId, [messageId]));
  return deleted;
}

/** `message_id` among `messageIds`, bound as one JSON array whatever their number (D1's 100 bound parameters). */
const ofMessages = (messageIds: string[]) => sql<boolean>`message_id IN (SELECT value FROM json_each(${JSON.stringify(messageIds)}))`;

/**
 * An erasure's first step (a citizen's own, or retention's): deletes from R2 the citizens' photos of
 * `messageIds` (one site), each photo and its small version; replies' photos are the officials', and
 * stay. Returns how many photos; their rows go next (`authorPhotoRowsDeletion`), so that a failure
 * between leaves rows a repeated erasure finds again.
 */
export async function deleteAuthorPhotoObjects(db: SiteDatabase, bucket: R2Bucket, siteId: string, messageIds: string[]): Promise<number> {
  const photos = await db.all(db.q.selectFrom('photos').select(['id', 'site_id'])
    .where('site_id', '=', siteId).where(ofMessages(messageIds)).where('reply_id', 'is', null));
  await deleteObjects(bucket, photos.flatMap(objectKeys));
  return photos.length;
}

/** The statement deleting the rows of the citizens' photos of `messageIds` (`deleteAuthorPhotoObjects`), for a batch. */
export const authorPhotoRowsDeletion = (db: SiteDatabase, siteId: string, messageIds: string[]) =>
  db.q.deleteFrom('photos').where('site_id', '=', siteId).where(ofMessages(messageIds)).where('reply_id', 'is', null);

/**
 * Deletes up to `limit` citizens' photos of messages whose author's data was erased (the erasure log,
 * migration 0015) that are still there: after a backup older than the erasure was restored, the
 * rows come back (`REAPPLY_ERASURES_SQL` empties the contact columns; SQL cannot reach R2), so the
 * hourly job deletes them again, from R2 then D1. Returns how many were deleted.
 */
export async function purgeErasedPhotos(db: SiteDatabase, bucket: R2Bucket, limit = 900): Promise<number> {
  const erased = await db.all(db.q.selectFrom('personal_data_erasures as e')
    .innerJoin('photos as p', 'p.message_id', 'e.message_id')
    .select(['p.id', 'p.site_id']).where('p.reply_id', 'is', null).limit(limit));
  if (erased.length === 0) return 0;
  await deleteObjects(bucket, erased.flatMap(objectKeys));
  const ids = erased.map((p) => p.id);
  const chunks = inParts(ids);
  await db.batch(chunks.map((chunk) => db.q.deleteFrom('photos').where('id', 'in', chunk)));
  return erased.length;
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
  await deleteObjects(bucket, abandoned.flatMap(objectKeys));
  const ids = abandoned.map((p) => p.id);
  const chunks = inParts(ids);
  await db.batch(chunks.map((chunk) => db.q.deleteFrom('photos').where('id', 'in', chunk).where('message_id', 'is', null)));
  return abandoned.length;
}
