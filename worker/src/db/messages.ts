import { sql, type Insertable } from 'kysely';
import type { Reply, TimelineEvent, TrackedMessage } from '../../../sdk/src/schemas/message';
import { searchText } from '../lib/search-text';
import { toSiteTime } from '../lib/site-time';
import type { SiteDatabase } from './client';
import { messageFields } from './mappers';
import type { IdempotencyKeyTable, NewMessage, NewMessageEvent } from './schema';

export interface Submission {
  message: NewMessage;
  events: Omit<NewMessageEvent, 'message_id'>[];
  idempotency: Insertable<IdempotencyKeyTable>;
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
 * (a concurrent retry) makes the last insert fail, and with it the whole batch.
 */
export function submissionStatements(db: SiteDatabase, { message, events, idempotency }: Submission) {
  return [
    db.q.deleteFrom('idempotency_keys')
      .where('site_id', '=', idempotency.site_id)
      .where('key', '=', idempotency.key)
      .where('expires_at', '<=', idempotency.created_at),
    db.q.insertInto('messages').values(message),
    indexForSearch(db, message.id, message.title, message.body),
    ...events.map((event) => db.q.insertInto('message_events').values({ ...event, message_id: message.id })),
    db.q.insertInto('idempotency_keys').values(idempotency),
  ];
}

export function findLiveIdempotencyRecord(db: SiteDatabase, siteId: string, key: string, now: string) {
  return db.first(
    db.q.selectFrom('idempotency_keys')
      .select(['request_hash', 'message_id', 'response_enc'])
      .where('site_id', '=', siteId)
      .where('key', '=', key)
      .where('expires_at', '>', now),
  );
}

function findByTrackingHash(db: SiteDatabase, siteId: string, trackingHash: string) {
  return db.first(
    db.q.selectFrom('messages as m')
      .innerJoin('units as u', 'u.id', 'm.unit_id')
      .leftJoin('campaigns as c', 'c.id', 'm.campaign_id')
      .select([
        'm.id', 'm.unit_id', 'u.name as unit_name', 'm.type', 'm.domain', 'c.slug as campaign', 'm.title', 'm.body',
        'm.region', 'm.display_name', 'm.is_public', 'm.status', 'm.moderation', 'm.moderation_reason', 'm.created_at', 'm.due_at',
      ])
      .where('m.tracking_hash', '=', trackingHash)
      .where('m.site_id', '=', siteId),
  );
}

export async function repliesOf(db: SiteDatabase, messageId: string): Promise<Reply[]> {
  const rows = await db.all(
    db.q.selectFrom('replies as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .select(['r.id', 'r.kind', 'r.unit_id', 'u.name as unit_name', 'r.body', 'r.created_at'])
      .where('r.message_id', '=', messageId)
      .orderBy('r.created_at'),
  );
  return rows.map((r) => ({ id: r.id, kind: r.kind, unit: { id: r.unit_id, name: r.unit_name }, body: r.body, createdAt: toSiteTime(r.created_at) }));
}

/** A message's events, oldest first, with the names of their units and officials. */
export function eventRows(db: SiteDatabase, messageId: string, { publicOnly }: { publicOnly: boolean }) {
  let query = db.q.selectFrom('message_events as e')
    .leftJoin('units as u', 'u.id', 'e.unit_id')
    .leftJoin('units as fu', 'fu.id', 'e.from_unit_id')
    .leftJoin('accounts as a', 'a.id', 'e.account_id')
    .select(['e.kind', 'e.is_public', 'e.created_at', 'e.unit_id', 'u.name as unit_name', 'e.from_unit_id', 'fu.name as from_unit_name',
      'a.display_name as account', 'e.note'])
    .where('e.message_id', '=', messageId)
    .orderBy('e.id');
  if (publicOnly) query = query.where('e.is_public', '=', 1);
  return db.all(query);
}

/** The message's history; `publicOnly` for everyone, everything for its author (never who acted). */
export async function timelineOf(db: SiteDatabase, messageId: string, { publicOnly }: { publicOnly: boolean }): Promise<TimelineEvent[]> {
  const rows = await eventRows(db, messageId, { publicOnly });
  return rows.map((e) => ({
    kind: e.kind as TimelineEvent['kind'],
    at: toSiteTime(e.created_at),
    unit: e.unit_id && e.unit_name ? { id: e.unit_id, name: e.unit_name } : null,
    note: e.note,
  }));
}

/** The citizen's own view of a message: private ones too, with every reply and event. */
export async function trackedMessage(db: SiteDatabase, siteId: string, trackingHash: string, now: Date): Promise<TrackedMessage | null> {
  const m = await findByTrackingHash(db, siteId, trackingHash);
  if (!m) return null;
  const [replies, timeline] = await Promise.all([repliesOf(db, m.id), timelineOf(db, m.id, { publicOnly: false })]);
  const rejected = m.moderation === 'rejected';
  return {
    ...messageFields(m, now),
    // A rejected message is not handled: no deadline runs, so none is shown (nor 已超期).
    ...(rejected ? { dueAt: null, overdue: false } : {}),
    body: m.body,
    isPublic: m.is_public === 1,
    moderation: m.moderation,
    // The code is on the message; the moderator's words on the (latest) 未通过审核 event.
    rejection: rejected ? { reason: m.moderation_reason ?? 'other', note: timeline.findLast((e) => e.kind === 'rejected')?.note ?? null } : null,
    replies,
    timeline,
  };
}
