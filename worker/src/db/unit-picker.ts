import { sql, type InferResult } from 'kysely';
import { CONFIG_UNITS_MAX, UNIT_SEARCH_LIMIT, type UnitChoice, type UnitNode } from '../../../sdk/src/schemas/site';
import type { UnitRef } from '../../../sdk/src/schemas/message';
import { pinyinKeys } from '../lib/pinyin';
import type { SiteDatabase } from './client';
import { inDisplayOrder, unitTree, type Site } from './sites';
import { searchForm } from '../lib/search-text';

/** The most units of one level answered at once: far more than any real level (a province's cities, a county's departments). */
export const UNIT_LEVEL_MAX = 500;
/** Deeper than any real tree (ministry → … → department); stops the walk up at a cycle a bad import might make. */
const MAX_DEPTH = 16;
/** Sorts after every character a name can hold: `key < q + LAST` is "key starts with q". */
const LAST = '\u{10FFFF}';

/**
 * The units the site config carries: the whole active tree while it has at most CONFIG_UNITS_MAX
 * units (the demo's 12: one request draws the form), else the top level alone, so the config stays
 * small whatever the tree (~90,000 units: still one level). Which of the two comes from the site's
 * count of active units (kept by triggers, migration 0030), so a large tree reads its top level
 * alone — and that once per data centre while the site's units are unchanged (`site.unitsVersion`):
 * each worker keeps it in memory, and a worker starting cold takes it from the Cache API.
 * A small tree's rows are fetched unordered (an ORDER BY would read the site's index to sort) and
 * sorted here.
 */
export async function configUnits(
  db: SiteDatabase, site: Pick<Site, 'id' | 'unitsVersion' | 'activeUnits'>, smallTree: SmallTreeRow[],
): Promise<{ units: UnitNode[]; complete: boolean }> {
  if (site.activeUnits <= CONFIG_UNITS_MAX) return { units: unitTree(inDisplayOrder(smallTree)), complete: true };
  const kept = topLevels.get(site.id);
  if (kept && kept.version === site.unitsVersion) return { units: kept.units, complete: false };
  const units = await cachedTopLevel(site) ?? await readTopLevel(db, site);
  if (topLevels.size >= TOP_LEVELS_KEPT) topLevels.clear();
  topLevels.set(site.id, { version: site.unitsVersion, units });
  return { units, complete: false };
}

/**
 * The statement behind a small tree's config (`configUnits`): its active units, unordered, while the
 * site has at most CONFIG_UNITS_MAX of them; none for a larger one, whose tree it does not read at
 * all. It reads the site's count itself, so it can be sent before the site is known (with its
 * lookup). `activeUnitsIfFew`'s select, behind the site's row: CROSS JOIN keeps that row the
 * outer loop, so a large tree's count stops the statement before any unit is read (a subquery of the
 * count in the WHERE clause does not: SQLite tests it per unit, and the national tree's config read
 * 343 rows that way, against 50).
 */
export function smallTreeQuery(db: SiteDatabase, siteId: string) {
  return db.q.selectFrom('sites as s').crossJoin('units as u')
    .select(['u.id', 'u.parent_id', 'u.name', 'u.kind', 'u.sort_order'])
    .where('s.id', '=', siteId).where('s.active_units', '<=', CONFIG_UNITS_MAX)
    .where('u.site_id', '=', siteId).where('u.active', '=', 1)
    .limit(CONFIG_UNITS_MAX + 1);
}

/** A row of `smallTreeQuery`. */
export type SmallTreeRow = InferResult<ReturnType<typeof smallTreeQuery>>[number];

/**
 * The top level from D1: two rows read per unit (the index on (site, parent, order) holds neither the
 * name nor the kind), 114 for the national tree's 57 — which a worker starting cold would otherwise
 * read again for every site it serves. Kept in the data centre's cache for other workers.
 */
async function readTopLevel(db: SiteDatabase, site: Pick<Site, 'id' | 'unitsVersion'>): Promise<UnitNode[]> {
  const rows = await db.all(
    db.q.selectFrom('units').select(['id', 'name', 'kind'])
      .where('site_id', '=', site.id).where('active', '=', 1).where('parent_id', 'is', null)
      .orderBy('sort_order').orderBy('id')
      .limit(UNIT_LEVEL_MAX),
  );
  const units = rows.map(({ id, name, kind }) => ({ id, name, kind, children: [] }));
  try {
    const cache = await caches.open(TOP_LEVEL_CACHE);
    await cache.put(topLevelKey(site), new Response(JSON.stringify(units), { headers: { 'Cache-Control': `max-age=${TOP_LEVEL_CACHE_SECONDS}` } }));
  } catch {
    // Not cached (no cache where the worker runs): the next cold worker reads D1 again.
  }
  return units;
}

/**
 * A large tree's top level from the data centre's cache (Cloudflare's Cache API, shared by the
 * workers of one location; none on workers.dev), or null. Keyed by the site's units version, which
 * every change of a unit bumps, so an entry is never stale: it is only ever replaced by a new key.
 */
async function cachedTopLevel(site: Pick<Site, 'id' | 'unitsVersion'>): Promise<UnitNode[] | null> {
  try {
    const hit = await (await caches.open(TOP_LEVEL_CACHE)).match(topLevelKey(site));
    return hit ? ((await hit.json()) as UnitNode[]) : null;
  } catch {
    return null;
  }
}

const TOP_LEVEL_CACHE = 'liuyan-top-levels';
/** A day: an entry outlives its use only until the site's units change (a new key) or the day ends. */
const TOP_LEVEL_CACHE_SECONDS = 86_400;
/** The cache's key: a URL (the Cache API's keys are requests), on a host no request can come from. */
const topLevelKey = (site: Pick<Site, 'id' | 'unitsVersion'>) =>
  `https://top-levels.liuyan.invalid/${encodeURIComponent(site.id)}/${site.unitsVersion}`;

/**
 * Top levels of large trees, per site, kept by this worker while the site's units version (bumped by
 * triggers on every change of a unit, read with the site on every request) is unchanged: never stale.
 * Only resolved data is kept, never a request's promise.
 */
const topLevels = new Map<string, { version: number; units: UnitNode[] }>();
const TOP_LEVELS_KEPT = 1000;

/** Forgets the top levels this worker keeps, as a worker starting cold has none (tests). */
export function forgetTopLevels(): void {
  topLevels.clear();
}

/**
 * One level of the active tree, in the site's order (sort order, then id): the children of
 * `parentId`, or the top level for null; at most UNIT_LEVEL_MAX, each with the names above it and
 * whether it has active children. Reads the level's rows, one index probe each, and the parent's path.
 * @returns null when `parentId` is not an active unit of the site.
 */
export async function unitLevel(db: SiteDatabase, siteId: string, parentId: string | null): Promise<UnitChoice[] | null> {
  let path: string[] = [];
  if (parentId !== null) {
    const parent = await db.first(db.q.selectFrom('units').select('name').where('site_id', '=', siteId).where('id', '=', parentId).where('active', '=', 1));
    if (!parent) return null;
    path = [...((await unitsAbove(db, [parentId])).get(parentId) ?? []).map((u) => u.name), parent.name];
  }
  const rows = await db.all(
    db.q.selectFrom('units as u')
      .select(['u.id', 'u.name', 'u.kind', hasChildren(siteId)])
      .where('u.site_id', '=', siteId).where('u.active', '=', 1)
      .where('u.parent_id', parentId === null ? 'is' : '=', parentId)
      .orderBy('u.sort_order').orderBy('u.id')
      .limit(UNIT_LEVEL_MAX),
  );
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, hasChildren: r.has_children === 1, path }));
}

/**
 * Active units whose name contains `text` (Latin letters in any case), or whose pinyin does, at most
 * UNIT_SEARCH_LIMIT, best first (`rankedSearch`), each with the names above it.
 */
export async function searchUnits(db: SiteDatabase, siteId: string, text: string): Promise<UnitChoice[]> {
  const found = await rankedSearch(db, siteId, text, { inactive: false });
  const above = await unitsAbove(db, found.map((r) => r.id));
  return found.map((r) => ({
    id: r.id, name: r.name, kind: r.kind, hasChildren: r.has_children === 1, path: (above.get(r.id) ?? []).map((u) => u.name),
  }));
}

/** How a name matches the text searched, best first. */
const enum Match { Exact, Prefix, Pinyin, Contains }

/**
 * Keys read from `unit_name_keys` at a time, shallowest first: one read for most searches, whose
 * units each have one key starting with the text.
 */
const KEY_PAGE = 40;
/**
 * Reads at most for the units found by key (pages of keys, and the units they name): bounded whatever
 * the tree, when a unit's many keys (a one-letter pinyin search: 北京教育局 has six keys starting with
 * `j`) or retired units fill the pages.
 */
const KEY_READS = 8;
/**
 * The depths a name is looked for at, walking an index on (site, depth, …) level by level from the
 * top: a national tree is 6 deep (ministry or province → city → county → leader → department →
 * section). `unit_name_keys` files a unit deeper than the last under the last (migration 0036), so
 * such a unit is still found, among the deepest.
 */
const DEPTHS = Array.from({ length: 10 }, (_, depth) => depth);

/**
 * Units of the site matching `text`, at most UNIT_SEARCH_LIMIT, ranked: the name itself, then names
 * that start with it, then names whose pinyin does (initials or full, from the first character:
 * `jyj` finds 教育局 before 县教育局), then names that hold it anywhere; among equals shallower units
 * first (a province's 教育厅 before a county's), then by name and id, so the order is stable.
 *
 * Candidates come from two indexes, each walked level by level from the top (one range per depth,
 * SQLite reading the depths in order and stopping at the LIMIT): names starting with the text, from
 * the index on (site, depth, name) (migration 0030), exact ones too; and the shallowest units with a
 * search key starting with it (`unitsByKey`). So a search shows the shallowest units that match — on
 * a national tree (~93,000 units, ~3,400 of them a 教育局) `教育局` answers the municipalities' and
 * the cities' before any county's — and rows read grow with the answer, not the tree. A unit whose
 * pinyin matches from its first character but that sits below UNIT_SEARCH_LIMIT shallower units
 * holding the text is not among the candidates. `inactive`: retired units too (the admin pages),
 * else active ones only.
 */
export async function rankedSearch(db: SiteDatabase, siteId: string, text: string, options: { inactive: boolean }) {
  // Typed in Traditional characters (縣教育局), in full-width letters (ＪＩＡＮＤＵ) or with an invisible
  // character pasted in, looked for as the search compares text (`searchForm`: Simplified characters,
  // NFKC, nothing invisible, lower case), as most units are named, and as typed (a name written in
  // full-width characters; a unit whose keys do not hold its name in Simplified characters yet:
  // `continueUnitKeyRebuilds`); the best of both. A unit named in Traditional characters is found by
  // its name in Simplified ones through its keys (`unitPinyinKeys`).
  const folded = searchForm(text);
  if (folded === text || folded === '') return rankedSearchOf(db, siteId, text, options);
  const [byFolded, asTyped] = await Promise.all([rankedSearchOf(db, siteId, folded, options), rankedSearchOf(db, siteId, text, options)]);
  const best = new Map<string, (typeof byFolded)[number]>();
  for (const unit of [...byFolded, ...asTyped]) if (!best.has(unit.id) || unit.match < best.get(unit.id)!.match) best.set(unit.id, unit);
  return [...best.values()].sort(byRank).slice(0, UNIT_SEARCH_LIMIT);
}

/** Best match first, then shallower, then by name and id, so the order is stable. */
const byRank = (a: { match: Match; depth: number; name: string; id: string }, b: { match: Match; depth: number; name: string; id: string }) =>
  a.match - b.match || a.depth - b.depth || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `rankedSearch` for `text` exactly as given. */
async function rankedSearchOf(db: SiteDatabase, siteId: string, text: string, { inactive }: { inactive: boolean }) {
  const key = text.toLowerCase();
  const byName = (exact: boolean) => db.q.selectFrom('units as u')
    .select([...SEARCH_COLUMNS, inactive ? anyChildren(siteId) : hasChildren(siteId)])
    .where('u.site_id', '=', siteId).where('u.depth', 'in', DEPTHS)
    .$call((q) => (exact ? q.where('u.name', '=', text) : q.where('u.name', '>=', text).where('u.name', '<', text + LAST)))
    .$if(!inactive, (q) => q.where('u.active', '=', 1))
    .orderBy('u.depth').orderBy('u.name').orderBy('u.id')
    .limit(UNIT_SEARCH_LIMIT);
  const [prefixed, keyed] = await Promise.all([db.all(byName(false)), unitsByKey(db, siteId, key, { inactive })]);
  // A full page of names starting with the text may leave out a deeper unit of exactly that name.
  const exact = prefixed.length < UNIT_SEARCH_LIMIT ? [] : await db.all(byName(true));
  const match = (name: string): Match => {
    // As written or as the search compares it (a name in Traditional characters is found in Simplified ones: `unitPinyinKeys`).
    const forms = [name.toLowerCase(), searchForm(name)];
    if (forms.includes(key)) return Match.Exact;
    if (forms.some((form) => form.startsWith(key))) return Match.Prefix;
    if (pinyinKeys(name, { fromStart: true }).some((k) => k.startsWith(key))) return Match.Pinyin;
    return Match.Contains;
  };
  const found = [...new Map([...exact, ...prefixed, ...keyed].map((r) => [r.id, { ...r, match: match(r.name) }])).values()];
  found.sort(byRank);
  return found.slice(0, UNIT_SEARCH_LIMIT);
}

/** Where a page of search keys ends: the next starts after it. */
type KeyPosition = { depth: number; key: string; unit_id: string };

/** What a search reads of each candidate unit (with whether it has children). */
const SEARCH_COLUMNS = ['u.id', 'u.name', 'u.kind', 'u.parent_id', 'u.sort_order', 'u.active', 'u.depth'] as const;

/**
 * The shallowest UNIT_SEARCH_LIMIT units of the site (active ones, unless `inactive`) with a search
 * key starting with `key` (lower-cased): `unit_name_keys` holds every suffix of every name and its
 * pinyin keys (migrations 0023, 0025), each with its unit's depth, read in the order of its index on
 * (site, depth, key) (migration 0036) a page at a time; each unit is then read once by primary key,
 * though it may have several keys in the range (a name holding the text twice; `j`: 京, 教 and 局,
 * by initial and in full). Shallowest first, then by key and unit id; at most KEY_READS reads.
 */
async function unitsByKey(db: SiteDatabase, siteId: string, key: string, { inactive }: { inactive: boolean }) {
  /** The site's keys from `from` up to the end of those starting with `key`. */
  const keysFrom = (from: string) => db.q.selectFrom('unit_name_keys as k').select(['k.depth', 'k.key', 'k.unit_id'])
    .where('k.site_id', '=', siteId).where('k.key', '>=', from).where('k.key', '<', key + LAST);
  /**
   * The page after `after`: the rest of its depth, from its key on, then the deeper depths; one
   * ordered walk (SQLite merges the two, each in index order), stopping at the LIMIT. Not a row value
   * (key, unit_id) > (…): SQLite would take it to the primary key and read every depth's keys.
   */
  const pageAfter = (after: KeyPosition | null) => {
    if (after === null) return keysFrom(key).where('k.depth', 'in', DEPTHS).orderBy('k.depth').orderBy('k.key').orderBy('k.unit_id').limit(KEY_PAGE);
    const rest = keysFrom(after.key).where('k.depth', '=', after.depth)
      .where((eb) => eb.or([eb('k.key', '>', after.key), eb('k.unit_id', '>', after.unit_id)]));
    const deeper = DEPTHS.filter((depth) => depth > after.depth);
    return (deeper.length === 0 ? rest : rest.unionAll(keysFrom(key).where('k.depth', 'in', deeper)))
      .orderBy('depth').orderBy('key').orderBy('unit_id').limit(KEY_PAGE);
  };
  const found = [];
  const seen = new Set<string>();
  const pending: string[] = [];
  let after: KeyPosition | null = null;
  let more = true;
  for (let reads = 0; reads < KEY_READS && found.length < UNIT_SEARCH_LIMIT; reads++) {
    if (pending.length === 0) {
      if (!more) break;
      const page: KeyPosition[] = await db.all(pageAfter(after));
      more = page.length === KEY_PAGE;
      after = page.at(-1) ?? null;
      for (const { unit_id } of page) {
        if (!seen.has(unit_id)) pending.push(unit_id);
        seen.add(unit_id);
      }
      continue;
    }
    // The ids come from the site's own keys: by primary key alone (the site's indexes would read more).
    found.push(...await db.all(db.q.selectFrom('units as u')
      .select([...SEARCH_COLUMNS, inactive ? anyChildren(siteId) : hasChildren(siteId)])
      .where('u.id', 'in', pending.splice(0, UNIT_SEARCH_LIMIT - found.length))
      .$if(!inactive, (q) => q.where('u.active', '=', 1))));
  }
  return found;
}

/** Whether unit `u` has an active child: one probe of the index on (site, parent). */
const hasChildren = (siteId: string) =>
  sql<number>`EXISTS (SELECT 1 FROM units AS c WHERE c.site_id = ${siteId} AND c.parent_id = u.id AND c.active = 1)`.as('has_children');

/** Whether unit `u` has a child, retired or not (the admin pages list both): one probe of the index on (site, parent). */
export const anyChildren = (siteId: string) =>
  sql<number>`EXISTS (SELECT 1 FROM units AS c WHERE c.site_id = ${siteId} AND c.parent_id = u.id)`.as('has_children');

/**
 * For each unit id (units of one site, already checked), the units above it (id and name), top first,
 * in one recursive query that walks up from each unit by primary key: rows read are the units times
 * their depth, never the tree.
 */
export async function unitsAbove(db: SiteDatabase, unitIds: string[]): Promise<Map<string, UnitRef[]>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db.all(
    db.q.withRecursive('up(start, id, depth)', (q) => q.selectFrom('units')
      .select(['id as start', 'parent_id as id', sql<number>`1`.as('depth')])
      // By primary key alone: with the site too, SQLite may pick the (site, parent) index and read the whole tree.
      .where('id', 'in', unitIds)
      // CROSS JOIN keeps the step's row outside, so each parent is one primary-key seek.
      .unionAll(q.selectFrom('up').crossJoin('units as u').whereRef('u.id', '=', 'up.id').where('up.depth', '<', MAX_DEPTH)
        .select(['up.start', 'u.parent_id as id', sql<number>`up.depth + 1`.as('depth')])))
      .selectFrom('up').crossJoin('units as a').whereRef('a.id', '=', 'up.id')
      .select(['up.start', 'up.depth', 'a.id', 'a.name']),
  );
  const paths = new Map<string, UnitRef[]>(unitIds.map((id) => [id, []]));
  for (const row of [...rows].sort((a, b) => b.depth - a.depth)) paths.get(row.start)?.push({ id: row.id, name: row.name });
  return paths;
}
