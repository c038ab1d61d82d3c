// The officials' queue and their view of one message. Officials see every message of their units
// (private, pending and rejected ones too), but contact details only through `reveal`.
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import { OPEN_STATUSES } from '../../../sdk/src/schemas/common';
import { QueueTabSchema, type QueueCounts, type QueueMessage, type QueueTab } from '../../../sdk/src/schemas/console';
import { scopeCondition, scopeTallies, type Official } from '../auth/official';
import { countPendingFollowUps } from './citizen-loop';
import { validationError } from '../errors';
import { inParts, type SiteDatabase } from './client';
import { unitNames, type Site } from './sites';
import { messageFields } from './mappers';
import { coverPhotos } from './photos';
import { HANDLING_EVENT_KINDS, heldFor, isReopened } from './message-views';
import type { Database, MessageRow } from './schema';
import { trackingCodeHash } from '../lib/tracking-code';
import { matchForm } from '../../../sdk/src/text';
import { endOfLocalDay, localDay } from '../lib/site-time';
import { fullWidthMarks, queryWords, searchForm, sqlLower } from '../lib/search-text';

/**
 * The end of the window `dueWithinDays` = `days`: the last second of the site's day `days` after
 * `now`'s (China time; 0: today), as a UTC ISO instant. A deadline is the last second of a day, so an
 * official who asks on a Monday afternoon for what is due within 3 days gets Thursday's too (N × 24
 * hours would end on Thursday afternoon). The dashboard's 两天内到期 is the same window.
 */
export const dueWithin = (now: Date, days: number) => endOfLocalDay(localDay(new Date(now.getTime() + days * 86_400_000)));

export interface QueueFilter {
  tab: QueueTab;
  moderation?: string;
  type?: string;
  domain?: string;
  unit?: string;
  /** A suggestion drive's slug: only its messages. */
  campaign?: string;
  dueWithinDays?: number;
  /** Only the re-opened messages being handled again (重办): the ones that head a tab holding 办理中, and nothing after them. */
  reopened?: boolean;
  /** What `q` asks for, read by `queueSearch`. */
  search?: QueueSearch;
  cursor?: string;
  limit: number;
}

/** A search of the queue: one message by its id, or words (at most five) each found in its title or body. */
export type QueueSearch = { id: string } | { words: string[] };

/**
 * What an official's `q` looks for: a message id (m_ and 16 characters) by its key, anything else
 * words, parted as the board's search parts them (`queryWords`: spaces, ，、；。！？), each found in the
 * title or the body; `q` of marks alone (，) is one word. A tracking code is never taken here (an address is kept in
 * histories and logs): `POST /v1/console/messages/find` takes it in its body (`findByTrackingCode`).
 */
export function queueSearch(q: string): QueueSearch {
  // An id in any case or width, with anything invisible pasted in (read out, typed with caps lock on,
  // copied from a chat): ids are written in lower-case ASCII, their match form.
  const id = matchForm(q);
  if (/^m_[0-9a-z]{16}$/.test(id)) return { id };
  const words = queryWords(q);
  return { words: words.length > 0 ? words : [q] };
}

/**
 * The id of the message whose tracking code a citizen read out to an official (canonical form:
 * `normalizeTrackingCode`), looked up by its keyed hash as the tracker looks it up; null when the
 * site has no such code or the message is outside the official's units (the same answer: an
 * official learns nothing of other units' messages). A new code sent for a lost one finds it too,
 * and stays waiting: only the citizen's own use puts it in the old one's place (db/tracking-codes.ts).
 */
export async function findByTrackingCode(db: SiteDatabase, official: Official, hashKey: string, canonical: string): Promise<string | null> {
  const hash = await trackingCodeHash(hashKey, official.siteId, canonical);
  const row = await db.first(messagesInScope(db, official).select('m.id')
    .where((eb) => eb.or([eb('m.tracking_hash', '=', hash), eb('m.tracking_hash_next', '=', hash)])));
  return row?.id ?? null;
}

type Queue = SelectQueryBuilder<Database & { m: Database['messages'] }, 'm', object>;
type MessageExpressions = ExpressionBuilder<Database & { m: Database['messages'] }, 'm'>;

const QUEUE_TABS = QueueTabSchema.options;

/** Messages of the official's site and, for responders, of their units and every unit below them. */
function messagesInScope(db: SiteDatabase, official: Official) {
  let query = db.q.selectFrom('messages as m').where('m.site_id', '=', official.siteId);
  if (!official.siteWide) query = query.where(scopeCondition(official, 'm.unit_id'));
  return query;
}

type Status = Database['messages']['status'];
type ModerationState = Database['messages']['moderation'];

interface TabDefinition {
  statuses?: readonly Status[];
  moderation?: ModerationState;
  /** Only what could be published: a private message is never waiting for moderation. */
  publicOnly?: boolean;
  /** Past its deadline now. */
  overdue?: boolean;
  /** Escalated (督办) by the deadline check; walked on migration 0015's partial indexes. */
  supervised?: boolean;
}

/** What each tab holds. Every tab but 待审核 and 全部 leaves rejected messages out. */
const TABS: Record<QueueTab, TabDefinition> = {
  moderation: { moderation: 'pending', publicOnly: true },
  new: { statuses: ['submitted'] },
  handling: { statuses: ['accepted', 'in_progress'] },
  replied: { statuses: ['replied'] },
  closed: { statuses: ['closed'] },
  overdue: { statuses: OPEN_STATUSES, overdue: true },
  all: {},
  supervised: { statuses: OPEN_STATUSES, supervised: true },
};

/** The tab's messages; `status`, one of the tab's statuses, narrows it to that one. */
function tabCondition(eb: MessageExpressions, tab: QueueTab, now: string, status?: Status) {
  const { statuses, moderation, publicOnly, overdue, supervised } = TABS[tab];
  const conditions = [];
  if (moderation) conditions.push(eb('m.moderation', '=', moderation));
  if (publicOnly) conditions.push(eb('m.is_public', '=', 1));
  if (status) conditions.push(eb('m.status', '=', status));
  else if (statuses) conditions.push(eb('m.status', 'in', statuses));
  // A literal, so that the planner can use the indexes that leave rejected messages out (migration 0009).
  if (statuses) conditions.push(eb('m.moderation', '!=', sql.lit('rejected')));
  if (overdue) conditions.push(eb('m.due_at', '<', now));
  if (supervised) conditions.push(eb('m.escalated_due_at', 'is not', null));
  return conditions.length > 0 ? eb.and(conditions) : eb.lit(true);
}

function inTab(tab: QueueTab, status: Status, moderationState: ModerationState, isPublic: number): boolean {
  const { statuses, moderation, publicOnly } = TABS[tab];
  if (moderation && moderationState !== moderation) return false;
  if (publicOnly && isPublic !== 1) return false;
  return !statuses || (statuses.includes(status) && moderationState !== 'rejected');
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

function withFilters(query: Queue, filter: QueueFilter, now: Date, status?: Status): Queue {
  const nowIso = now.toISOString();
  let q = query.where((eb) => tabCondition(eb, filter.tab, nowIso, status));
  if (filter.moderation) q = q.where('m.moderation', '=', filter.moderation as never);
  if (filter.type) q = q.where('m.type', '=', filter.type as never);
  if (filter.domain) q = q.where('m.domain', '=', filter.domain);
  // The drive by its slug on the message's own site (one row by the campaigns' unique key).
  if (filter.campaign) q = q.where(sql<boolean>`m.campaign_id = (SELECT id FROM campaigns WHERE site_id = m.site_id AND slug = ${filter.campaign})`);
  if (filter.unit) {
    // The unit and every unit below it, from `unit_ancestors` (migration 0024) rather than a walk of the tree.
    q = q.where(sql<boolean>`m.unit_id IN (SELECT unit_id FROM unit_ancestors WHERE ancestor_id = ${filter.unit})`);
  }
  if (filter.search) {
    const search = filter.search;
    if ('id' in search) q = q.where('m.id', '=', search.id);
    else {
      // instr, not LIKE: D1 refuses a LIKE pattern over 50 bytes (17 Chinese characters), and the
      // words hold no wildcards to escape (100% finds "100%"). Latin letters in either case. A walk
      // of the official's messages in the tab (at most the site's), stopped once a page is found.
      // Each word must be found as the search compares text (`searchForm`: Simplified characters,
      // NFKC, nothing invisible, lower case) in the text as `lower()` reads it, or in its folded form
      // where that differs (`match_text`, worker/src/lib/search-text.ts), so 路灯 and 路燈, led and
      // ＬＥＤ each find both; as typed too, in messages whose folded form is not computed yet.
      for (const word of search.words) {
        const folded = searchForm(word);
        if (folded === '') continue; // nothing visible (a zero-width space between two words): found everywhere
        // As typed, folded, and folded with its marks in the full-width forms a Chinese text holds (10：30).
        const forms = [...new Set([sqlLower(word), folded, fullWidthMarks(folded)])];
        q = q.where((eb) => eb.or([
          ...forms.flatMap((form) => [sql<boolean>`instr(lower(m.title), ${form}) > 0`, sql<boolean>`instr(lower(m.body), ${form}) > 0`]),
          sql<boolean>`instr(m.match_text, ${folded}) > 0`,
        ]));
      }
    }
  }
  if (filter.dueWithinDays !== undefined) {
    // Not yet overdue (those have their tab, 已超期), as the dashboard's 两天内到期 counts them.
    const until = dueWithin(now, filter.dueWithinDays);
    // Written into the statement, not bound: instants of our own making, and every parameter counts
    // against D1's 100 in a statement that repeats the filters in each of its parts.
    q = q.where('m.due_at', '>=', sql.lit(now.toISOString())).where('m.due_at', '<=', sql.lit(until));
    if (!status) q = q.where('m.status', 'in', OPEN_STATUSES);
    // A rejected message is not handled: no deadline runs for it, so it is never due.
    if (!TABS[filter.tab].statuses) q = q.where('m.moderation', '!=', sql.lit('rejected'));
  }
  if (filter.cursor) {
    const { dueAt, seq } = decodeCursor(filter.cursor);
    // A row value, so that the walk starts at the cursor in the index rather than at its beginning.
    q = q.where(sql<boolean>`(m.due_at, m.seq) > (${dueAt}, ${seq})`);
  }
  return q;
}

/**
 * Re-opened (重办) and being handled again: such messages come first in every tab that holds 办理中
 * — all of them, however many, before the walk by deadline, which leaves them out. They are found
 * through their own small partial index (migration 0014), named so that SQLite does not walk a
 * deadline index instead.
 */
const NOT_REOPENED = sql<boolean>`NOT (m.reopened_at IS NOT NULL AND m.status = 'in_progress')`;
/** The site's re-opened messages, from their index, as the `m` the queue's filters apply to. */
function reopenedInScope(db: SiteDatabase, official: Official): Queue {
  let query = db.q.selectFrom(sql<MessageRow>`(SELECT * FROM messages INDEXED BY messages_reopened
    WHERE site_id = ${official.siteId} AND reopened_at IS NOT NULL AND status = 'in_progress')`.as('m')) as unknown as Queue;
  if (!official.siteWide) query = query.where(scopeCondition(official, 'm.unit_id'));
  return query;
}

const holdsInProgress = (tab: QueueTab) => TABS[tab].statuses?.includes('in_progress') ?? tab === 'all';

const QUEUE_COLUMNS = [
  'm.seq', 'm.id', 'm.unit_id', 'm.campaign_id', 'm.type', 'm.domain', 'm.title', 'm.region',
  'm.display_name', 'm.is_public', 'm.status', 'm.moderation', 'm.created_at', 'm.due_at', 'm.reply_count', 'm.reopened_at', 'm.escalated_due_at',
  'm.adopted_at', 'm.adoption_note', 'm.held_for',
] as const;

/**
 * A page of the re-opened messages that head the tab, earliest deadline first, from their own index;
 * `filter.cursor` is a position among them (`reopenedCursor`), none for the first page.
 */
export function reopenedFirstQuery(db: SiteDatabase, official: Official, filter: QueueFilter, now: Date) {
  return db.q.selectFrom(
    withFilters(reopenedInScope(db, official), filter, now, 'in_progress')
      .select(QUEUE_COLUMNS)
      .orderBy('m.due_at').orderBy('m.seq')
      .limit(filter.limit + 1)
      .as('q'),
  )
    .leftJoin('campaigns as c', 'c.id', 'q.campaign_id')
    .selectAll('q')
    .select('c.slug as campaign')
    .orderBy('q.due_at').orderBy('q.seq');
}

/** D1 binds at most 100 parameters to a statement; a page split into parts stays below this. */
const MAX_PARAMETERS = 90;
/** D1 allows at most 5 terms in a compound SELECT (measured on its local runtime). */
const MAX_PARTS = 5;

/**
 * The statement behind a page of the queue (exported so tests can check its plan).
 *
 * Every part walks one deadline index in order and stops after a page: a tab of several statuses
 * (办理中, 已超期) is read status by status, and a responder's few units unit by unit; the parts
 * are merged, and only the page's rows are joined to their unit and drive. Rows read are then at
 * most a page per part, whatever the backlog, instead of every message of the tab being read to
 * be sorted.
 */
export function queuePageQuery(db: SiteDatabase, official: Official, filter: QueueFilter, now: Date) {
  const tabStatuses = TABS[filter.tab].statuses;
  const statuses = filter.dueWithinDays === undefined ? tabStatuses : (tabStatuses ?? OPEN_STATUSES).filter((s) => OPEN_STATUSES.includes(s as never));
  // Walking a few units' own indexes reads far fewer rows than walking the site's and skipping
  // the other units' messages (the moderation tab has no per-unit deadline index).
  const perUnit = official.fewUnits !== null && !filter.unit && !TABS[filter.tab].moderation
    && official.fewUnits.length * (statuses?.length ?? 1) <= MAX_PARTS;
  const units = perUnit ? official.fewUnits : null;
  const part = (status: Status | undefined, unit: string | null) =>
    withFilters(
      (unit ? db.q.selectFrom('messages as m').where('m.unit_id', '=', unit) : messagesInScope(db, official)) as Queue, filter, now, status,
    )
      .$if(holdsInProgress(filter.tab) && (status === undefined || status === 'in_progress'), (q) => q.where(NOT_REOPENED))
      .select(QUEUE_COLUMNS)
      .orderBy('m.due_at').orderBy('m.seq')
      .limit(filter.limit + 1);
  const merged = (parts: ReturnType<typeof part>[]) => {
    const [first, ...rest] = parts.map((p) => db.q.selectFrom(p.as('p')).selectAll());
    const page = rest.reduce((union, next) => union.unionAll(next), first!);
    return db.q.selectFrom(page.as('q'))
      .leftJoin('campaigns as c', 'c.id', 'q.campaign_id')
      .selectAll('q')
      .select('c.slug as campaign')
        .orderBy('q.due_at').orderBy('q.seq')
      .limit(filter.limit + 1);
  };
  const each: (Status | undefined)[] = statuses ? [...statuses] : [undefined];
  if (units) {
    const byUnit = merged(units.flatMap((unit) => each.map((status) => part(status, unit))));
    if (byUnit.compile().parameters.length <= MAX_PARAMETERS) return byUnit;
  }
  return merged(each.map((status) => part(status, null)));
}

/** A cursor among the re-opened messages that head a tab: `r~` and the last one's position. */
const REOPENED_CURSOR = 'r~';

/**
 * A page of the queue. In a tab that holds 办理中, the re-opened messages (重办) come first, page
 * after page (the cursor says `r~…` while among them), and the walk by deadline follows on the page
 * where they end. Rows carry unit ids; their names are those the worker keeps while the site's units
 * are unchanged (`unitNames`: only the units on the page, never the whole tree), not a lookup per row.
 */
export async function queuePage(db: SiteDatabase, official: Official, site: Pick<Site, 'id' | 'unitsVersion'>, filter: QueueFilter, now: Date): Promise<{ items: QueueMessage[]; nextCursor: string | null }> {
  const amongReopened = holdsInProgress(filter.tab) && (!filter.cursor || filter.cursor.startsWith(REOPENED_CURSOR));
  const reopenedAfter = amongReopened ? filter.cursor?.slice(REOPENED_CURSOR.length) : undefined;
  const [reopened, rows] = await Promise.all([
    amongReopened ? db.all(reopenedFirstQuery(db, official, { ...filter, cursor: reopenedAfter }, now)) : [],
    // While among the re-opened, the walk by deadline starts at its beginning, after them; with only
    // the re-opened asked for, there is no walk (a tab without 办理中 then holds none).
    filter.reopened ? [] : db.all(queuePageQuery(db, official, amongReopened ? { ...filter, cursor: undefined } : filter, now)),
  ]);
  let items: typeof rows;
  let nextCursor: string | null;
  if (reopened.length >= filter.limit) {
    // The page is all re-opened ones: the next one goes on among them (and then to the walk, if anything is left).
    items = reopened.slice(0, filter.limit);
    const last = items.at(-1)!;
    nextCursor = reopened.length > filter.limit || rows.length > 0 ? REOPENED_CURSOR + encodeCursor(last.due_at, last.seq) : null;
  } else {
    const page = rows.slice(0, filter.limit - reopened.length);
    items = [...reopened, ...page];
    nextCursor = rows.length > page.length && page.length > 0 ? encodeCursor(page.at(-1)!.due_at, page.at(-1)!.seq) : null;
  }
  const [names, covers, transfers] = await Promise.all([
    unitNames(db, site, items.map((m) => m.unit_id)),
    coverPhotos(db, official.siteId, items.map((m) => m.id), { kind: 'official' }),
    transfersIn(db, items.map((m) => m.id)),
  ]);
  return {
    items: items.map((m) => ({
      ...messageFields({ ...m, unit_name: names.get(m.unit_id) ?? '' }, now), isPublic: m.is_public === 1, moderation: m.moderation,
      replyCount: m.reply_count, reopened: isReopened(m),
      supervised: m.escalated_due_at !== null,
      transferredFrom: transfers.get(m.id) ?? null,
      coverPhoto: covers.get(m.id) ?? null,
      heldFor: heldFor(m.held_for),
    })),
    nextCursor,
  };
}

/**
 * 转来: for each of a page's messages whose latest handling (`HANDLING_EVENT_KINDS`) is a transfer,
 * the unit it came from, so the receiving unit sees on its card what reached it from elsewhere.
 * Reads the page's messages' events on `message_events_by_message` (`inParts`), never the backlog's.
 */
async function transfersIn(db: SiteDatabase, messageIds: string[]): Promise<Map<string, { id: string; name: string }>> {
  const chunks = inParts(messageIds);
  const rows = (await Promise.all(chunks.map((ids) => db.all(db.q.selectFrom('message_events as e')
    .innerJoin('units as u', 'u.id', 'e.from_unit_id')
    .select(['e.message_id', 'u.id', 'u.name'])
    .where('e.message_id', 'in', ids)
    .where('e.kind', '=', 'transferred')
    .where('e.id', '=', (eb) => eb.selectFrom('message_events as l').select((l) => l.fn.max('l.id').as('id'))
      .whereRef('l.message_id', '=', 'e.message_id').where('l.kind', 'in', HANDLING_EVENT_KINDS)))))).flat();
  return new Map(rows.map((r) => [r.message_id, { id: r.id, name: r.name }]));
}

/**
 * How many messages each tab holds for the official, without reading the messages: the tallies of
 * migrations 0004 and 0008 give every tab but 已超期 and 督办 (migration 0015's own tally). 已超期 changes with the clock, so it
 * is the open messages less those still ahead of their deadline: the days after today from the
 * per-day tallies of migration 0009, and today's from the deadline index up to the end of the day.
 * For moderators and admins, 待审核 also counts the follow-ups whose words wait for them.
 * Site-wide roles read the site's rows; a responder the per-subtree rows of their own units
 * (`scopeTallies`). Rows read grow with the official's own units and the days ahead, never with the
 * backlog or the size of the subtree below them (a province's responder reads what a county's does).
 */
export async function queueCounts(db: SiteDatabase, official: Official, now: Date): Promise<QueueCounts> {
  const byStatus = scopeTallies(official, 'message_counts');
  const tallies = db.q.selectFrom(byStatus.table)
    .select(['status', 'moderation', 'is_public', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('site_id', '=', official.siteId).where(byStatus.where('unit_id'))
    .groupBy(['status', 'moderation', 'is_public']);
  const nowIso = now.toISOString();
  const today = nowIso.slice(0, 10);
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString();
  const days = scopeTallies(official, 'open_due_counts');
  const later = db.q.selectFrom(days.table)
    .select((eb) => eb.fn.sum<number>('n').as('n'))
    .where('site_id', '=', official.siteId).where(days.where('unit_id'))
    .where('due_day', '>', today);
  const dueLaterToday = (messagesInScope(db, official) as Queue)
    .where((eb) => eb.and([
      eb('m.status', 'in', OPEN_STATUSES), eb('m.moderation', '!=', sql.lit('rejected')),
      eb('m.due_at', '>=', nowIso), eb('m.due_at', '<', tomorrow),
    ]))
    .select((eb) => eb.fn.countAll<number>().as('n'));
  const escalations = scopeTallies(official, 'supervised_counts');
  const supervised = db.q.selectFrom(escalations.table)
    .select((eb) => eb.fn.sum<number>('n').as('n'))
    .where('site_id', '=', official.siteId).where(escalations.where('unit_id'));
  // Moderators review follow-ups' words too: those waiting are in their 待审核 count.
  const moderates = official.role === 'admin' || official.role === 'moderator';
  const [rows, ahead, aheadToday, escalated, followUps] = await Promise.all([
    db.all(tallies), db.first(later), db.first(dueLaterToday), db.first(supervised),
    moderates ? countPendingFollowUps(db, official.siteId) : 0,
  ]);
  const counts = Object.fromEntries(QUEUE_TABS.map((tab) => [tab, 0])) as QueueCounts;
  let open = 0;
  for (const row of rows) {
    for (const tab of QUEUE_TABS) if (tab !== 'overdue' && tab !== 'supervised' && inTab(tab, row.status, row.moderation, row.is_public)) counts[tab] += row.n;
    if (inTab('overdue', row.status, row.moderation, row.is_public)) open += row.n;
  }
  counts.overdue = Math.max(0, open - (ahead?.n ?? 0) - (aheadToday?.n ?? 0));
  counts.supervised = escalated?.n ?? 0;
  counts.moderation += followUps;
  return counts;
}
