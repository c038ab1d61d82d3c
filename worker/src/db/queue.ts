// The officials' queue and their view of one message. Officials see every message of their units
// (private, pending and rejected ones too), but contact details only through `reveal`.
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { ConsoleEvent, Note, QueueCounts, QueueMessage, QueueTab } from '../../../sdk/src/schemas/console';
import type { Official } from '../auth/official';
import { validationError } from '../errors';
import { toSiteTime } from '../lib/site-time';
import type { SiteDatabase } from './client';
import { messageFields } from './mappers';
import { eventRows } from './messages';
import type { Database } from './schema';

export interface QueueFilter {
  tab: QueueTab;
  moderation?: string;
  type?: string;
  domain?: string;
  unit?: string;
  dueWithinDays?: number;
  cursor?: string;
  limit: number;
}

type Queue = SelectQueryBuilder<Database & { m: Database['messages'] }, 'm', object>;
type MessageExpressions = ExpressionBuilder<Database & { m: Database['messages'] }, 'm'>;

const OPEN_STATUSES = ['submitted', 'accepted', 'in_progress'] as const;

/** Messages of the official's site and, for responders, of their units and every unit below them. */
function messagesInScope(db: SiteDatabase, official: Official) {
  let query = db.q.selectFrom('messages as m').where('m.site_id', '=', official.siteId);
  if (official.scope !== null) {
    // Walked in SQL rather than bound as a list: D1 allows at most 100 bound parameters.
    query = query.where(sql<boolean>`m.unit_id IN (
      WITH RECURSIVE below(id) AS (
        SELECT unit_id FROM account_units WHERE account_id = ${official.id}
        UNION SELECT u.id FROM units u JOIN below ON u.parent_id = below.id WHERE u.site_id = ${official.siteId}
      ) SELECT id FROM below)`);
  }
  return query;
}

/** The condition of each tab; a rejected message stays only in 全部. */
function tabCondition(eb: MessageExpressions, tab: QueueTab, now: string) {
  const notRejected = eb('m.moderation', '!=', 'rejected');
  switch (tab) {
    case 'moderation': return eb('m.moderation', '=', 'pending');
    case 'new': return eb.and([eb('m.status', '=', 'submitted'), notRejected]);
    case 'handling': return eb.and([eb('m.status', 'in', ['accepted', 'in_progress']), notRejected]);
    case 'replied': return eb.and([eb('m.status', '=', 'replied'), notRejected]);
    case 'closed': return eb.and([eb('m.status', '=', 'closed'), notRejected]);
    case 'overdue': return eb.and([eb('m.status', 'in', OPEN_STATUSES), notRejected, eb('m.due_at', '<', now)]);
    case 'all': return eb.lit(true);
  }
}

// Keyset on (due_at, seq): the earliest deadline first, stable while messages arrive.
function encodeCursor(dueAt: string, seq: number): string {
  return `${dueAt}~${seq.toString(36)}`;
}

function decodeCursor(cursor: string): { dueAt: string; seq: number } {
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)~([0-9a-z]{1,11})$/.exec(cursor);
  if (!match) throw validationError([{ field: 'cursor', code: 'invalid' }]);
  return { dueAt: match[1]!, seq: parseInt(match[2]!, 36) };
}

function withFilters(query: Queue, filter: QueueFilter, official: Official, now: Date): Queue {
  const nowIso = now.toISOString();
  let q = query.where((eb) => tabCondition(eb, filter.tab, nowIso));
  if (filter.moderation) q = q.where('m.moderation', '=', filter.moderation as never);
  if (filter.type) q = q.where('m.type', '=', filter.type as never);
  if (filter.domain) q = q.where('m.domain', '=', filter.domain);
  if (filter.unit) {
    q = q.where(sql<boolean>`m.unit_id IN (
      WITH RECURSIVE below(id) AS (
        SELECT ${filter.unit} UNION SELECT u.id FROM units u JOIN below ON u.parent_id = below.id WHERE u.site_id = ${official.siteId}
      ) SELECT id FROM below)`);
  }
  if (filter.dueWithinDays !== undefined) {
    const until = new Date(now.getTime() + filter.dueWithinDays * 86_400_000).toISOString();
    q = q.where('m.status', 'in', OPEN_STATUSES).where('m.due_at', '<=', until);
  }
  if (filter.cursor) {
    const { dueAt, seq } = decodeCursor(filter.cursor);
    q = q.where((eb) => eb.or([eb('m.due_at', '>', dueAt), eb.and([eb('m.due_at', '=', dueAt), eb('m.seq', '>', seq)])]));
  }
  return q;
}

/** The statement behind a page of the queue (exported so tests can check its plan). */
export function queuePageQuery(db: SiteDatabase, official: Official, filter: QueueFilter, now: Date) {
  return withFilters(messagesInScope(db, official) as Queue, filter, official, now)
      .innerJoin('units as u', 'u.id', 'm.unit_id')
      .leftJoin('campaigns as c', 'c.id', 'm.campaign_id')
      .select([
        'm.seq', 'm.id', 'm.unit_id', 'u.name as unit_name', 'm.type', 'm.domain', 'c.slug as campaign', 'm.title', 'm.region',
        'm.display_name', 'm.is_public', 'm.status', 'm.moderation', 'm.created_at', 'm.due_at', 'm.reply_count',
      ])
      .orderBy('m.due_at').orderBy('m.seq')
      .limit(filter.limit + 1);
}

export async function queuePage(db: SiteDatabase, official: Official, filter: QueueFilter, now: Date): Promise<{ items: QueueMessage[]; nextCursor: string | null }> {
  const rows = await db.all(queuePageQuery(db, official, filter, now));
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map((m) => ({
      ...messageFields(m, now), isPublic: m.is_public === 1, moderation: m.moderation, replyCount: m.reply_count,
    })),
    nextCursor: rows.length > filter.limit ? encodeCursor(page.at(-1)!.due_at, page.at(-1)!.seq) : null,
  };
}

/** How many messages each tab holds for the official, in one statement. */
export async function queueCounts(db: SiteDatabase, official: Official, now: Date): Promise<QueueCounts> {
  const nowIso = now.toISOString();
  const row = await db.first(
    (messagesInScope(db, official) as Queue).select((eb) => [
      ...(['moderation', 'new', 'handling', 'replied', 'closed', 'overdue'] as const).map((tab) =>
        eb.fn.sum<number>(eb.case().when(tabCondition(eb, tab, nowIso)).then(1).else(0).end()).as(tab)),
      eb.fn.countAll<number>().as('all'),
    ]),
  );
  return {
    moderation: row?.moderation ?? 0, new: row?.new ?? 0, handling: row?.handling ?? 0, replied: row?.replied ?? 0,
    closed: row?.closed ?? 0, overdue: row?.overdue ?? 0, all: row?.all ?? 0,
  };
}

/** The whole message for officials (no contact details), or null if not on the official's site. */
export function consoleMessageRow(db: SiteDatabase, siteId: string, id: string) {
  return db.first(
    db.q.selectFrom('messages as m')
      .innerJoin('units as u', 'u.id', 'm.unit_id')
      .leftJoin('campaigns as c', 'c.id', 'm.campaign_id')
      .select([
        'm.id', 'm.site_id', 'm.unit_id', 'u.name as unit_name', 'm.type', 'm.domain', 'c.slug as campaign', 'm.title', 'm.body',
        'm.region', 'm.display_name', 'm.is_public', 'm.status', 'm.moderation', 'm.moderation_reason', 'm.created_at', 'm.due_at',
        'm.reply_count', 'm.support_count',
      ])
      .where('m.id', '=', id)
      .where('m.site_id', '=', siteId),
  );
}

/** Every event, internal ones too, with the official who acted. */
export async function fullTimelineOf(db: SiteDatabase, messageId: string): Promise<ConsoleEvent[]> {
  const rows = await eventRows(db, messageId, { publicOnly: false });
  return rows.map((e) => ({
    kind: e.kind as ConsoleEvent['kind'],
    at: toSiteTime(e.created_at),
    isPublic: e.is_public === 1,
    unit: e.unit_id && e.unit_name ? { id: e.unit_id, name: e.unit_name } : null,
    fromUnit: e.from_unit_id && e.from_unit_name ? { id: e.from_unit_id, name: e.from_unit_name } : null,
    account: e.account,
    note: e.note,
  }));
}

export async function notesOf(db: SiteDatabase, messageId: string): Promise<Note[]> {
  const rows = await db.all(
    db.q.selectFrom('message_notes as n')
      .innerJoin('accounts as a', 'a.id', 'n.account_id')
      .select(['n.id', 'a.display_name', 'n.body', 'n.created_at'])
      .where('n.message_id', '=', messageId)
      .orderBy('n.created_at').orderBy('n.id'),
  );
  return rows.map((n) => ({ id: n.id, account: n.display_name, body: n.body, createdAt: toSiteTime(n.created_at) }));
}
