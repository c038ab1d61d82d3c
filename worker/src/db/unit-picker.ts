import { sql } from 'kysely';
import { CONFIG_UNITS_MAX, UNIT_SEARCH_LIMIT, type UnitChoice, type UnitNode } from '../../../sdk/src/schemas/site';
import type { SiteDatabase } from './client';
import { unitTree } from './sites';

/** The most units of one level answered at once: far more than any real level (a province's cities, a county's departments). */
export const UNIT_LEVEL_MAX = 500;
/** Deeper than any real tree (ministry → … → department); stops the walk up at a cycle a bad import might make. */
const MAX_DEPTH = 16;
/** Sorts after every character a name can hold: `key < q + LAST` is "key starts with q". */
const LAST = '\u{10FFFF}';

/**
 * The units the site config carries: the whole active tree while it has at most CONFIG_UNITS_MAX
 * units (the demo's 12: one request draws the form), else the top level alone, so the config stays
 * small whatever the tree (~90,000 units: still one level). Reads at most CONFIG_UNITS_MAX + 1 rows
 * plus the top level: rows are fetched unordered (an ORDER BY would read the whole tree to sort it)
 * and sorted here.
 */
export async function configUnits(db: SiteDatabase, siteId: string): Promise<{ units: UnitNode[]; complete: boolean }> {
  const rows = await db.all(
    db.q.selectFrom('units').select(['id', 'parent_id', 'name', 'kind', 'sort_order'])
      .where('site_id', '=', siteId).where('active', '=', 1)
      .limit(CONFIG_UNITS_MAX + 1),
  );
  if (rows.length <= CONFIG_UNITS_MAX) {
    rows.sort((a, b) => a.sort_order - b.sort_order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { units: unitTree(rows), complete: true };
  }
  const top = (await unitLevel(db, siteId, null)) ?? [];
  return { units: top.map(({ id, name, kind }) => ({ id, name, kind, children: [] })), complete: false };
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
    path = [...((await namesAbove(db, [parentId])).get(parentId) ?? []), parent.name];
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
 * Active units whose name contains `text` (Latin letters in any case), at most UNIT_SEARCH_LIMIT,
 * each with the names above it. One prefix range of `unit_name_keys` (every suffix of every name,
 * migration 0023) in the order of the matched text: rows read grow with the answer, not the tree.
 */
export async function searchUnits(db: SiteDatabase, siteId: string, text: string): Promise<UnitChoice[]> {
  const key = text.toLowerCase();
  // A name holding the text twice matches twice: read a few more keys than the answer needs.
  const rows = await db.all(
    db.q.selectFrom('unit_name_keys as k')
      .innerJoin('units as u', 'u.id', 'k.unit_id')
      .select(['u.id', 'u.name', 'u.kind', hasChildren(siteId)])
      .where('k.site_id', '=', siteId).where('k.key', '>=', key).where('k.key', '<', key + LAST)
      .where('u.active', '=', 1)
      .orderBy('k.key').orderBy('k.unit_id')
      .limit(UNIT_SEARCH_LIMIT * 2),
  );
  const found = [...new Map(rows.map((r) => [r.id, r])).values()].slice(0, UNIT_SEARCH_LIMIT);
  const paths = await namesAbove(db, found.map((r) => r.id));
  return found.map((r) => ({ id: r.id, name: r.name, kind: r.kind, hasChildren: r.has_children === 1, path: paths.get(r.id) ?? [] }));
}

/** Whether unit `u` has an active child: one probe of the index on (site, parent). */
const hasChildren = (siteId: string) =>
  sql<number>`EXISTS (SELECT 1 FROM units AS c WHERE c.site_id = ${siteId} AND c.parent_id = u.id AND c.active = 1)`.as('has_children');

/**
 * For each unit id (units of one site, already checked), the names of the units above it, top first,
 * in one recursive query that walks up from each unit by primary key: rows read are the units times
 * their depth, never the tree.
 */
async function namesAbove(db: SiteDatabase, unitIds: string[]): Promise<Map<string, string[]>> {
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
      .select(['up.start', 'up.depth', 'a.name']),
  );
  const paths = new Map<string, string[]>(unitIds.map((id) => [id, []]));
  for (const row of [...rows].sort((a, b) => b.depth - a.depth)) paths.get(row.start)?.push(row.name);
  return paths;
}
