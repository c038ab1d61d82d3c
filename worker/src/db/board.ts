// The public board: what anyone may read. Only published, public messages; never contact details.
// A list page is one statement here, a detail one; plus the site lookup.
import { sql, type InferResult, type SelectQueryBuilder } from 'kysely';
import type { PublicMessage, PublicTab } from '../../../sdk/src/schemas/message';
import { validationError } from '../errors';
import { searchMatch, searchTerms } from '../lib/search-text';
import { toSiteTime } from '../lib/site-time';
import type { SiteDatabase } from './client';
import { boardFields } from './mappers';
import { PHOTO_VIEW_COLUMNS, publicPhoto, type PhotoViewRow } from './photos';
import type { Database } from './schema';
import { unitNames, type Site } from './sites';

export interface BoardFilter {
  unit?: string;
  type?: string;
  domain?: string;
  status?: PublicTab;
  campaign?: string;
  /** Only adopted suggestions (已采纳): walks the partial index messages_board_adopted (migration 0016). */
  adopted?: boolean;
  q?: string;
  cursor?: string;
  limit: number;
}

const EXCERPT_CHARS = 100;

/**
 * A board page's `nextCursor` is the id of its last card, already public on the card. Paging reads
 * below that message's `seq` (one seek of the primary key), but never shows a `seq`: every message
 * of every site has one, so the gaps between two cards' numbers would count the messages nobody
 * may see (private, held, rejected, other sites').
 */
const CURSOR = /^m_[a-z0-9]{1,30}$/;

/** Whether `cursor` is a board page's `nextCursor` (a message id), which `boardPageQuery` can take. */
export function isCursor(cursor: string): boolean {
  return CURSOR.test(cursor);
}

/**
 * The `seq` of the card `cursor` names: a public message of the site that is published, or was and
 * a moderator hid it since — a reader's next page goes on below the card they saw last, whatever
 * happened to it meanwhile (that it was on the board, and when it came, was public then). Any other
 * id (unknown, another site's, or a message no one was ever shown: the next page would say it exists
 * and when it came) has none, so a page reads no row below it.
 */
export function cardSeq(db: SiteDatabase, siteId: string, cursor: string) {
  return db.q.selectFrom('messages as m')
    .where('m.site_id', '=', siteId)
    .where('m.moderation', 'in', ['published', 'hidden'])
    .where('m.is_public', '=', 1)
    .where('m.id', '=', cursor).select('m.seq');
}

/** What a page reads below: `cardSeq`, once the cursor has the form of one (422 `invalid` otherwise). */
function belowCursor(db: SiteDatabase, siteId: string, cursor: string) {
  if (!isCursor(cursor)) throw validationError([{ field: 'cursor', code: 'invalid' }]);
  return cardSeq(db, siteId, cursor);
}

type Board = SelectQueryBuilder<Database & { m: Database['messages'] }, 'm', object>;

/** Published public messages of the site: the only rows any public query starts from. */
function publicMessages(db: SiteDatabase, siteId: string) {
  return db.q.selectFrom('messages as m')
    .where('m.site_id', '=', siteId)
    .where('m.moderation', '=', 'published')
    .where('m.is_public', '=', 1);
}

/**
 * The published public messages of a unit's subtree (the unit and every unit below it), newest
 * first, from one range of `message_units_board` (or `…_board_tab` for a tab): a province's
 * ~3,200 units cost no more than a county's 30. The site's own rows only: a unit of another site
 * has no message of this one.
 */
function publicMessagesOfSubtree(db: SiteDatabase, siteId: string, unitId: string, tab: PublicTab | undefined) {
  // message_units outside (CROSS JOIN keeps it there), so its order is the page's order.
  let q = db.q.selectFrom('message_units as mu')
    .crossJoin('messages as m')
    .where(sql<boolean>`m.seq = mu.seq`)
    .where('mu.unit_id', '=', unitId)
    .where('mu.on_board', '=', 1);
  if (tab) q = q.where('mu.public_tab', '=', tab);
  return q
    .where('m.site_id', '=', siteId)
    .where('m.moderation', '=', 'published')
    .where('m.is_public', '=', 1);
}

function withFilters<Q extends Board>(query: Q, siteId: string, filter: BoardFilter, subtreeChecked = false): Q {
  let q = query as Board;
  if (filter.status) q = q.where('m.public_tab', '=', filter.status);
  if (filter.type) q = q.where('m.type', '=', filter.type as never);
  if (filter.domain) q = q.where('m.domain', '=', filter.domain);
  // Walking another index (campaign, adoption, search): each row's membership of the subtree is one
  // seek of message_units' primary key, never a list of the subtree's units.
  if (filter.unit && !subtreeChecked) {
    q = q.where(sql<boolean>`EXISTS (SELECT 1 FROM message_units mu WHERE mu.seq = m.seq AND mu.unit_id = ${filter.unit})`);
  }
  if (filter.campaign) {
    q = q.where(sql<boolean>`m.campaign_id = (SELECT id FROM campaigns WHERE site_id = ${siteId} AND slug = ${filter.campaign})`);
  }
  if (filter.adopted) q = q.where('m.adopted_at', 'is not', null);
  // A search is walked from the index (`boardPageQuery`); one with no letter or digit finds nothing.
  if (filter.q !== undefined && searchMatch(searchTerms(filter.q)) === null) q = q.where(sql<boolean>`0`);
  return q as Q;
}

/**
 * What a card shows: the message row (its latest reply and the scores and time of its latest
 * rating included: migrations 0017 and 0024) and its campaign's slug.
 */
/** The photo columns a card's cover is read with (PHOTO_VIEW_COLUMNS without the table). */
const COVER_COLUMNS = PHOTO_VIEW_COLUMNS.map((c) => c.slice(2));

function cardColumns<Q extends Board>(query: Q) {
  return query
    .leftJoin('campaigns as c', 'c.id', 'm.campaign_id')
    .select([
      'm.rating_overall', 'm.rating_resolution', 'm.rating_attitude', 'm.rating_speed', 'm.rating_at',
      'm.seq', 'm.id', 'm.unit_id', 'm.type', 'm.domain', 'c.slug as campaign', 'm.title',
      sql<string>`substr(m.body, 1, ${EXCERPT_CHARS})`.as('excerpt'),
      'm.region', 'm.display_name', 'm.status', 'm.public_tab', 'm.created_at', 'm.due_at', 'm.support_count', 'm.reply_count',
      'm.latest_reply_kind', 'm.latest_reply_unit_id', 'm.latest_reply_excerpt', 'm.latest_reply_at',
      'm.adopted_at', 'm.adoption_note',
      // The card's photo in the same statement (a lookup on photos_by_message per card), not a query of its own.
      sql<string | null>`(SELECT json_object(${sql.join(COVER_COLUMNS.flatMap((c) => [sql.lit(c), sql.ref(`p.${c}`)]))})
        FROM photos AS p WHERE p.message_id = m.id AND p.reply_id IS NULL AND p.is_public = 1 AND p.hidden_at IS NULL
        ORDER BY p.position LIMIT 1)`.as('cover_photo'),
    ]);
}

/**
 * The statement behind a page of the board (exported so tests can check its plan). A unit filter
 * stands for the unit's whole subtree. Every shape walks one index newest first and stops at the
 * page's end:
 * - a search walks the search index by rowid (= seq) descending, from the cursor down (words by
 *   their bigrams, single characters by their own tokens), and looks up each match (other filters
 *   checked on the row);
 * - a unit without a campaign or adoption filter walks the subtree's range of `message_units_board`
 *   (`message_units_board_tab` with a tab; migration 0024);
 * - everything else walks the site's index for its tab, type, domain, campaign or adoption.
 */
export function boardPageQuery(db: SiteDatabase, siteId: string, filter: BoardFilter) {
  const limit = filter.limit + 1;
  const match = filter.q ? searchMatch(searchTerms(filter.q)) : null;
  if (match) {
    // The search index outside (CROSS JOIN keeps it there), so its rowid order is the page's order.
    let q = db.q.selectFrom('message_search')
      .crossJoin('messages as m')
      .where(sql<boolean>`m.seq = message_search.rowid`)
      .where(sql<boolean>`message_search MATCH ${match}`)
      .where('m.site_id', '=', siteId)
      .where('m.moderation', '=', 'published')
      .where('m.is_public', '=', 1);
    if (filter.cursor) q = q.where(sql<boolean>`message_search.rowid < (${belowCursor(db, siteId, filter.cursor)})`);
    return cardColumns(withFilters(q as unknown as Board, siteId, filter))
      .orderBy(sql`message_search.rowid`, 'desc')
      .limit(limit);
  }
  if (filter.unit && !filter.campaign && !filter.adopted) {
    let q = publicMessagesOfSubtree(db, siteId, filter.unit, filter.status) as unknown as Board;
    if (filter.cursor) q = q.where(sql<boolean>`mu.seq < (${belowCursor(db, siteId, filter.cursor)})`);
    return cardColumns(withFilters(q, siteId, filter, true))
      .orderBy(sql`mu.seq`, 'desc')
      .limit(limit);
  }
  let q = withFilters(publicMessages(db, siteId), siteId, filter);
  if (filter.cursor) q = q.where('m.seq', '<', belowCursor(db, siteId, filter.cursor));
  return cardColumns(q)
    .orderBy('m.seq', 'desc')
    .limit(limit);
}

type RatingColumns = Record<'rating_overall' | 'rating_resolution' | 'rating_attitude' | 'rating_speed', number | null> & { rating_at: string | null };

/** The latest rating's columns of a message row, as the contract's rating. */
function ratingOf(r: RatingColumns): PublicMessage['rating'] {
  return r.rating_overall !== null && r.rating_at !== null
    ? { overall: r.rating_overall, resolution: r.rating_resolution ?? 0, attitude: r.rating_attitude ?? 0, speed: r.rating_speed ?? 0, createdAt: toSiteTime(r.rating_at) }
    : null;
}

/** A row of `boardPageQuery`. */
export type BoardPageRow = InferResult<ReturnType<typeof boardPageQuery>>[number];

/**
 * One page of the board, newest first, keyset-paged on `seq` (stable while new messages arrive).
 * `found`: the rows of `boardPageQuery` for `filter` when they were read already (with the site's
 * lookup). Besides the site lookup: the page, the names of the units on it that this worker does not
 * keep yet (`unitNames`) — never the site's whole tree. Each card's first public photo comes with the
 * page. A unit the site does not have gives an empty page.
 */
export async function listPublicMessages(
  db: SiteDatabase, site: Pick<Site, 'id' | 'unitsVersion'>, filter: BoardFilter, now: Date, found?: BoardPageRow[],
): Promise<{ items: PublicMessage[]; nextCursor: string | null }> {
  const rows = found ?? await db.all(boardPageQuery(db, site.id, filter));
  const page = rows.slice(0, filter.limit);
  const names = await unitNames(db, site, page.flatMap((m) => [m.unit_id, m.latest_reply_unit_id ?? m.unit_id]));
  return {
    items: page.map(({ cover_photo, rating_overall, rating_resolution, rating_attitude, rating_speed, rating_at, ...m }) => ({
      ...boardFields({ ...m, unit_name: names.get(m.unit_id) ?? '' }, now),
      excerpt: m.excerpt,
      latestReply: m.latest_reply_kind && m.latest_reply_unit_id && m.latest_reply_at
        ? {
          kind: m.latest_reply_kind,
          unit: { id: m.latest_reply_unit_id, name: names.get(m.latest_reply_unit_id) ?? '' },
          excerpt: m.latest_reply_excerpt ?? '',
          createdAt: toSiteTime(m.latest_reply_at),
        }
        : null,
      rating: ratingOf({ rating_overall, rating_resolution, rating_attitude, rating_speed, rating_at }),
      coverPhoto: cover_photo ? publicPhoto(JSON.parse(cover_photo) as PhotoViewRow, { kind: 'public', siteId: site.id }) : null,
    })),
    nextCursor: rows.length > filter.limit ? page.at(-1)!.id : null,
  };
}
