// The public board: what anyone may read. Only published, public messages; never contact details.
// Each request is one statement here (plus the site lookup), whatever the filters.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { PublicMessage, PublicMessageDetail, PublicTab, Reply, TimelineEvent } from '../../../sdk/src/schemas/message';
import { validationError } from '../errors';
import { searchMatch, searchTerms } from '../lib/search-text';
import { toSiteTime } from '../lib/site-time';
import type { SiteDatabase } from './client';
import { boardFields } from './mappers';
import type { Database } from './schema';

export interface BoardFilter {
  unit?: string;
  type?: string;
  domain?: string;
  status?: PublicTab;
  campaign?: string;
  q?: string;
  cursor?: string;
  limit: number;
}

const EXCERPT_CHARS = 100;
const REPLY_EXCERPT_CHARS = 120;
/** A search the index cannot narrow (one character, digits, Latin) scans at most this many of the newest messages. */
const SCAN_LIMIT = 5000;

export function encodeCursor(seq: number): string {
  return seq.toString(36);
}

function decodeCursor(cursor: string): number {
  const seq = /^[0-9a-z]{1,11}$/.test(cursor) ? parseInt(cursor, 36) : NaN;
  if (!Number.isSafeInteger(seq)) throw validationError([{ field: 'cursor', code: 'invalid' }]);
  return seq;
}

type Board = SelectQueryBuilder<Database & { m: Database['messages'] }, 'm', object>;

/** Published public messages of the site: the only rows any public query starts from. */
function publicMessages(db: SiteDatabase, siteId: string) {
  return db.q.selectFrom('messages as m')
    .where('m.site_id', '=', siteId)
    .where('m.moderation', '=', 'published')
    .where('m.is_public', '=', 1);
}

function withFilters<Q extends Board>(query: Q, siteId: string, filter: BoardFilter): Q {
  let q = query as Board;
  if (filter.status) q = q.where('m.public_tab', '=', filter.status);
  if (filter.type) q = q.where('m.type', '=', filter.type as never);
  if (filter.domain) q = q.where('m.domain', '=', filter.domain);
  if (filter.unit) {
    // The unit and every unit below it.
    q = q.where(sql<boolean>`m.unit_id IN (
      WITH RECURSIVE below(id) AS (
        SELECT ${filter.unit} UNION SELECT u.id FROM units u JOIN below ON u.parent_id = below.id WHERE u.site_id = ${siteId}
      ) SELECT id FROM below)`);
  }
  if (filter.campaign) {
    q = q.where(sql<boolean>`m.campaign_id = (SELECT id FROM campaigns WHERE site_id = ${siteId} AND slug = ${filter.campaign})`);
  }
  if (filter.q) {
    const terms = searchTerms(filter.q);
    const match = searchMatch(terms);
    q = match
      ? q.where(sql<boolean>`m.seq IN (SELECT rowid FROM message_search WHERE message_search MATCH ${match})`)
      // Nothing the index can narrow on (one Han character, digits, Latin): scan the newest only.
      : q.where(sql<boolean>`m.seq >= coalesce((SELECT seq FROM messages WHERE site_id = ${siteId} AND moderation = 'published'
          AND is_public = 1 ORDER BY seq DESC LIMIT 1 OFFSET ${SCAN_LIMIT - 1}), 0)`);
    // The index narrows; each whole term must still be in the title or the body.
    for (const term of terms) {
      const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where(sql<boolean>`(m.title LIKE ${like} ESCAPE '\\' OR m.body LIKE ${like} ESCAPE '\\')`);
    }
  }
  if (filter.cursor) q = q.where('m.seq', '<', decodeCursor(filter.cursor));
  return q as Q;
}

/** The statement behind a page of the board (exported so tests can check its plan). */
export function boardPageQuery(db: SiteDatabase, siteId: string, filter: BoardFilter) {
  return withFilters(publicMessages(db, siteId), siteId, filter)
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .leftJoin('campaigns as c', 'c.id', 'm.campaign_id')
    // The latest reply, for the card's 查看全文 preview.
    .leftJoin('replies as r', (join) => join.on(sql<boolean>`r.id = (SELECT id FROM replies WHERE message_id = m.id ORDER BY created_at DESC LIMIT 1)`))
    .leftJoin('units as ru', 'ru.id', 'r.unit_id')
    .select([
      'm.seq', 'm.id', 'm.unit_id', 'u.name as unit_name', 'm.type', 'm.domain', 'c.slug as campaign', 'm.title',
      sql<string>`substr(m.body, 1, ${EXCERPT_CHARS})`.as('excerpt'),
      'm.region', 'm.display_name', 'm.status', 'm.public_tab', 'm.created_at', 'm.due_at', 'm.support_count', 'm.reply_count',
      'r.kind as reply_kind', 'r.unit_id as reply_unit_id', 'ru.name as reply_unit_name', 'r.created_at as reply_created_at',
      sql<string | null>`substr(r.body, 1, ${REPLY_EXCERPT_CHARS})`.as('reply_excerpt'),
    ])
    .orderBy('m.seq', 'desc')
    .limit(filter.limit + 1);
}

/** One page of the board, newest first, keyset-paged on `seq` (stable while new messages arrive). */
export async function listPublicMessages(db: SiteDatabase, siteId: string, filter: BoardFilter, now: Date): Promise<{ items: PublicMessage[]; nextCursor: string | null }> {
  const rows = await db.all(boardPageQuery(db, siteId, filter));
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map((m) => ({
      ...boardFields(m, now),
      excerpt: m.excerpt,
      latestReply: m.reply_kind && m.reply_unit_id && m.reply_created_at
        ? { kind: m.reply_kind, unit: { id: m.reply_unit_id, name: m.reply_unit_name ?? '' }, excerpt: m.reply_excerpt ?? '', createdAt: toSiteTime(m.reply_created_at) }
        : null,
    })),
    nextCursor: rows.length > filter.limit ? encodeCursor(page.at(-1)!.seq) : null,
  };
}

interface ReplyJson { id: string; kind: 'interim' | 'final'; unitId: string; unitName: string; body: string; createdAt: string }
interface EventJson { id: number; kind: TimelineEvent['kind']; at: string; unitId: string | null; unitName: string | null; note: string | null }
interface RatingJson { overall: number; resolution: number; attitude: number; speed: number; createdAt: string }

/** One public message with its replies, public timeline and rating — one statement. */
export async function publicMessage(db: SiteDatabase, siteId: string, id: string, now: Date): Promise<PublicMessageDetail | null> {
  const m = await db.first(
    publicMessages(db, siteId)
      .innerJoin('units as u', 'u.id', 'm.unit_id')
      .leftJoin('campaigns as c', 'c.id', 'm.campaign_id')
      .select([
        'm.id', 'm.unit_id', 'u.name as unit_name', 'm.type', 'm.domain', 'c.slug as campaign', 'm.title', 'm.body', 'm.region',
        'm.display_name', 'm.status', 'm.public_tab', 'm.created_at', 'm.due_at', 'm.support_count', 'm.reply_count',
        sql<string>`(SELECT json_group_array(json_object('id', r.id, 'kind', r.kind, 'unitId', r.unit_id, 'unitName', ru.name,
          'body', r.body, 'createdAt', r.created_at)) FROM replies r JOIN units ru ON ru.id = r.unit_id WHERE r.message_id = m.id)`.as('replies'),
        sql<string>`(SELECT json_group_array(json_object('id', e.id, 'kind', e.kind, 'at', e.created_at, 'unitId', e.unit_id,
          'unitName', eu.name, 'note', e.note)) FROM message_events e LEFT JOIN units eu ON eu.id = e.unit_id
          WHERE e.message_id = m.id AND e.is_public = 1)`.as('timeline'),
        sql<string | null>`(SELECT json_object('overall', overall, 'resolution', resolution, 'attitude', attitude, 'speed', speed,
          'createdAt', created_at) FROM ratings WHERE message_id = m.id ORDER BY id DESC LIMIT 1)`.as('rating'),
      ])
      .where('m.id', '=', id),
  );
  if (!m) return null;
  const replies = (JSON.parse(m.replies) as ReplyJson[]).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const timeline = (JSON.parse(m.timeline) as EventJson[]).sort((a, b) => a.id - b.id);
  const rating = m.rating ? (JSON.parse(m.rating) as RatingJson) : null;
  return {
    ...boardFields(m, now),
    body: m.body,
    replies: replies.map((r): Reply => ({ id: r.id, kind: r.kind, unit: { id: r.unitId, name: r.unitName }, body: r.body, createdAt: toSiteTime(r.createdAt) })),
    timeline: timeline.map((e): TimelineEvent => ({
      kind: e.kind, at: toSiteTime(e.at), unit: e.unitId && e.unitName ? { id: e.unitId, name: e.unitName } : null, note: e.note,
    })),
    rating: rating ? { ...rating, createdAt: toSiteTime(rating.createdAt) } : null,
  };
}
