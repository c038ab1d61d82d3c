import { sql, type Insertable } from 'kysely';
import { matchText, searchText } from '../lib/search-text';
import { photosStillFree } from './photos';
import type { SiteDatabase } from './client';
import type { IdempotencyKeyTable, NewMessage, NewMessageEvent } from './schema';

export interface Submission {
  message: NewMessage;
  events: Omit<NewMessageEvent, 'message_id'>[];
  idempotency: Insertable<IdempotencyKeyTable>;
  /** The ids of the photos the submission attaches (their statements follow: `attachPhotoStatements`). */
  photoIds: string[];
}

/**
 * Indexes a stored message's text for search (rowid = its seq) if anyone may read it: the index holds
 * published public messages only, so nothing a public search does (what it finds, what it reads) can
 * depend on a private or unpublished one. Run in the batch that writes the text; moderation keeps
 * the index in step (`handling.ts`: publish adds, hide removes).
 */
export function indexForSearch(db: SiteDatabase, messageId: string, title: string, body: string) {
  return db.q.insertInto('message_search')
    .columns(['rowid', 'text'])
    .expression(db.q.selectFrom('messages').select(['seq', sql<string>`${searchText(title, body)}`.as('text')])
      .where('id', '=', messageId)
      .where('moderation', '=', 'published')
      .where('is_public', '=', 1));
}

/**
 * The statements that store a submission, to run as one batch: the message, its search entry, its
 * first timeline events and the idempotency record land together or not at all. A live record with the same key
 * (a concurrent retry) makes the last insert fail, and with it the whole batch. So does a unit that
 * is not one of the site's active units: the message's unit is read by its insert (NOT NULL fails
 * when none is found), in the same transaction, so no message is ever stored for a retired unit and
 * the submission reads nothing beforehand to check it. The same insert fails while a photo it names
 * is no longer free (another submission took it in between): its citizen is told, never stored
 * without it.
 */
export function submissionStatements(db: SiteDatabase, { message, events, idempotency, photoIds }: Submission) {
  return [
    db.q.deleteFrom('idempotency_keys')
      .where('site_id', '=', idempotency.site_id)
      .where('key', '=', idempotency.key)
      .where('expires_at', '<=', idempotency.created_at),
    db.q.insertInto('messages').values((eb) => ({
      ...message,
      match_text: matchText(message.title, message.body),
      unit_id: eb.selectFrom('units').select('id')
        .where('id', '=', message.unit_id).where('site_id', '=', message.site_id).where('active', '=', 1)
        .where(photosStillFree(db, message.site_id, photoIds, null)),
    })),
    indexForSearch(db, message.id, message.title, message.body),
    ...events.map((event) => db.q.insertInto('message_events').values({ ...event, message_id: message.id })),
    db.q.insertInto('idempotency_keys').values(idempotency),
  ];
}

/** An Idempotency-Key's record live at `now` (ISO): what it was first answered with, for a batch of reads. */
export function liveIdempotencyRecordQuery(db: SiteDatabase, siteId: string, key: string, now: string) {
  return db.q.selectFrom('idempotency_keys')
    .select(['request_hash', 'message_id', 'response_enc'])
    .where('site_id', '=', siteId)
    .where('key', '=', key)
    .where('expires_at', '>', now);
}
