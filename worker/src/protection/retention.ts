// Retention (issue 17): a closed message's author does not need to be reached for ever. The hourly
// job erases the contact details (name, phone, e-mail, their lookup hashes) and the photos of
// messages closed more than the site's `retention_days` ago (365 by default; 0: kept), exactly as a
// citizen's own erasure does (db/my-data.ts): the message and its masked display name stay on the
// record, and each erasure is logged in personal_data_erasures, so that restoring an older backup
// applies it again. An audit entry per site and run says how many were erased. Running it again
// changes nothing: erased messages are out of its index.

import { sql } from 'kysely';
import type { SiteDatabase } from '../db/client';
import { authorPhotoRowsDeletion, deleteAuthorPhotoObjects } from '../db/photos';
import { ERASED } from '../lib/contact';
import { DEFAULT_PROTECTION } from './store';

/**
 * Messages erased per site per run: a first run over years of closed messages works the backlog off
 * over a few hours, each run well within a Worker's limits (R2 deletes of at most 4 photos and their small versions each,
 * a batch of four statements; the ids are bound as one JSON array, whatever their number).
 */
export const RETENTION_BATCH = 200;

/**
 * Erases the contact details and photos of up to `batch` messages per site, closed more than the
 * site's retention days before `now`, oldest first. Returns how many messages were erased.
 */
export async function eraseExpiredContacts(db: SiteDatabase, photos: R2Bucket, now: Date, batch = RETENTION_BATCH): Promise<number> {
  const sites = await db.all(db.q.selectFrom('sites')
    .leftJoin('site_protection as sp', 'sp.site_id', 'sites.id')
    .select(['sites.id', (eb) => eb.fn.coalesce('sp.retention_days', sql.lit(DEFAULT_PROTECTION.retention_days)).as('retention_days')]));
  let erased = 0;
  for (const site of sites) {
    if (site.retention_days <= 0) continue;
    erased += await eraseSiteBatch(db, photos, site.id, site.retention_days, now, batch);
  }
  return erased;
}

async function eraseSiteBatch(db: SiteDatabase, photos: R2Bucket, siteId: string, days: number, now: Date, batch: number): Promise<number> {
  const closedBefore = new Date(now.getTime() - days * 86_400_000).toISOString();
  // The partial index messages_retention (migration 0033) holds exactly these rows, by closing time.
  const due = await db.all(db.q.selectFrom('messages').select('id')
    .where('site_id', '=', siteId).where('status', '=', 'closed').where('author_erased_at', 'is', null)
    .where('closed_at', '<', closedBefore)
    .orderBy('closed_at').limit(batch));
  if (due.length === 0) return 0;
  const ids = JSON.stringify(due.map((m) => m.id));
  const inIds = sql<boolean>`id IN (SELECT value FROM json_each(${ids}))`;
  // Photos first, from R2 then D1: should the batch below fail, the next run finds the messages again.
  const dueIds = due.map((m) => m.id);
  const attached = await deleteAuthorPhotoObjects(db, photos, siteId, dueIds);
  const erasedAt = now.toISOString();
  await db.batch([
    authorPhotoRowsDeletion(db, siteId, dueIds),
    // Logged before the update below, which takes the rows out of what this statement reads.
    db.q.insertInto('personal_data_erasures').columns(['site_id', 'message_id', 'erased_at'])
      .expression(db.q.selectFrom('messages').select([sql.val(siteId).as('site_id'), 'id', sql.val(erasedAt).as('erased_at')])
        .where(inIds).where('author_erased_at', 'is', null))
      .onConflict((oc) => oc.column('message_id').doNothing()),
    db.q.updateTable('messages')
      .set({
        author_name_enc: ERASED, author_phone_enc: ERASED, author_email_enc: null, author_erased_at: erasedAt,
        author_phone_hash: null, author_email_hash: null, notify_sms: 0, notify_email: 0,
      })
      .where('site_id', '=', siteId).where(inIds).where('author_erased_at', 'is', null),
    db.q.insertInto('audit_log').values({
      site_id: siteId, account_id: null, action: 'retention.erase', message_id: null,
      detail: JSON.stringify({ messages: due.length, photos: attached, retentionDays: days }), created_at: erasedAt,
    }),
  ]);
  return due.length;
}
