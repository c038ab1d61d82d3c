// The admin pages' view of the unit tree (单位管理, accounts, drives): a level a page at a time, a
// search, or the units named — never the whole tree, which on a national site is ~90,000 units.
import { sql } from 'kysely';
import type { AdminUnitItem, AdminUnitPage } from '../../../sdk/src/schemas/admin';
import { validationError } from '../errors';
import type { SiteDatabase } from './client';
import { anyChildren, rankedSearch, unitsAbove } from './unit-picker';

const COLUMNS = ['u.id', 'u.name', 'u.kind', 'u.parent_id', 'u.sort_order', 'u.active'] as const;

interface Row {
  id: string;
  name: string;
  kind: AdminUnitItem['kind'];
  parent_id: string | null;
  sort_order: number;
  active: number;
  has_children: number;
}

function toItem(row: Row, ancestors: AdminUnitItem['ancestors']): AdminUnitItem {
  return {
    id: row.id, name: row.name, kind: row.kind, parentId: row.parent_id, sortOrder: row.sort_order, active: row.active === 1,
    hasChildren: row.has_children === 1, ancestors,
  };
}

// Keyset on (sort_order, id), the level's order: `<order>~<id>`.
function encodeCursor(row: Pick<Row, 'sort_order' | 'id'>): string {
  return `${row.sort_order}~${row.id}`;
}

function decodeCursor(cursor: string): { sortOrder: number; id: string } {
  const match = /^(\d{1,6})~(.{1,64})$/.exec(cursor);
  if (!match) throw validationError([{ field: 'cursor', code: 'invalid' }]);
  return { sortOrder: Number(match[1]), id: match[2]! };
}

/**
 * A page of one level of the site's tree, retired units included: the children of `parentId` (the
 * top level for null) in the site's order, `limit` at a time from `cursor`, each with the units above
 * it and whether it has units below it. Reads the page's rows (one probe each for children) from the
 * index on (site, parent, order), and the parent's ancestors: never the rest of the level or the tree.
 * @throws a 422 on `parent` (`unknown_unit`) when it is not a unit of the site, or on `cursor`.
 */
export async function adminUnitLevel(db: SiteDatabase, siteId: string, parentId: string | null, { cursor, limit }: { cursor?: string; limit: number }): Promise<AdminUnitPage> {
  const after = cursor === undefined ? null : decodeCursor(cursor);
  let ancestors: AdminUnitItem['ancestors'] = [];
  if (parentId !== null) {
    const parent = await db.first(db.q.selectFrom('units').select(['id', 'name']).where('id', '=', parentId).where('site_id', '=', siteId));
    if (!parent) throw validationError([{ field: 'parent', code: 'unknown_unit' }]);
    ancestors = [...((await unitsAbove(db, [parentId])).get(parentId) ?? []), { id: parent.id, name: parent.name }];
  }
  const rows = await db.all(
    db.q.selectFrom('units as u')
      .select([...COLUMNS, anyChildren(siteId)])
      .where('u.site_id', '=', siteId)
      .where('u.parent_id', parentId === null ? 'is' : '=', parentId)
      // A row value, so that the walk starts at the cursor in the index rather than at its beginning.
      .$if(after !== null, (q) => q.where(sql<boolean>`(u.sort_order, u.id) > (${after!.sortOrder}, ${after!.id})`))
      .orderBy('u.sort_order').orderBy('u.id')
      .limit(limit + 1),
  );
  const page = rows.slice(0, limit);
  return {
    items: page.map((row) => toItem(row, ancestors)),
    nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!) : null,
  };
}

/**
 * The site's units, retired ones too, matching `text` as citizens' search does (name, pinyin
 * initials, full pinyin), ranked best first (`rankedSearch`), each with the units above it.
 */
export async function adminUnitSearch(db: SiteDatabase, siteId: string, text: string): Promise<AdminUnitPage> {
  const found = await rankedSearch(db, siteId, text, { inactive: true });
  const above = await unitsAbove(db, found.map((r) => r.id));
  return { items: found.map((row) => toItem(row, above.get(row.id) ?? [])), nextCursor: null };
}

/**
 * The site's units among `ids` (unknown ones left out), in the order asked, each with the units
 * above it: what names an account's or a drive's units. One primary-key seek per id (bound as one
 * JSON array: any number fits D1's 100 bound values), and their ancestors.
 */
export async function adminUnitsByIds(db: SiteDatabase, siteId: string, ids: readonly string[]): Promise<AdminUnitPage> {
  if (ids.length === 0) return { items: [], nextCursor: null };
  const rows = await db.all(
    db.q.selectFrom('units as u')
      .select([...COLUMNS, anyChildren(siteId)])
      .where(sql<boolean>`u.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`)
      // `+` keeps the planner on the primary key: the site's index would read all its units.
      .where(sql<boolean>`+u.site_id = ${siteId}`),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const found = [...new Set(ids)].flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  const above = await unitsAbove(db, found.map((r) => r.id));
  return { items: found.map((row) => toItem(row, above.get(row.id) ?? [])), nextCursor: null };
}
