import { createRoute, z } from '@hono/zod-openapi';
import { sql, type RawBuilder } from 'kysely';
import {
  ADMIN_UNIT_IDS_MAX, AdminIdParamsSchema, AdminUnitListQuerySchema, AdminUnitPageSchema, AdminUnitSchema, CreateUnitInputSchema,
  UpdateUnitInputSchema, type AdminUnit,
} from '../../../sdk/src/schemas/admin';
import { newRouteGroup } from '../app';
import { activeSiblingNamed, auditEntry, driveLeftWithoutUnits, findSiteUnit, hasActiveChildren, nameKey, nextSortOrder } from '../db/admin';
import type { SiteDatabase } from '../db/client';
import { adminUnitLevel, adminUnitSearch, adminUnitsByIds } from '../db/admin-unit-list';
import { isWithinAny } from '../db/sites';
import { unitPinyinKeys } from '../db/unit-pinyin';
import { notFound, validationError, type FieldProblem } from '../errors';
import { keyedId } from '../lib/keyed-id';
import { ActionKeyHeadersSchema, bodyErrorResponses, officialErrorResponses } from './openapi-common';

export const adminUnits = newRouteGroup();

const listUnits = createRoute({
  operationId: 'listUnits',
  method: 'get',
  path: '/v1/admin/units',
  summary: 'The site’s units, retired ones too: one level a page at a time (parent), a search by name or pinyin (q), or the units named (ids)',
  request: { query: AdminUnitListQuerySchema },
  responses: {
    200: { description: 'the units, each with the units above it', content: { 'application/json': { schema: AdminUnitPageSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

adminUnits.openapi(listUnits, async (c) => {
  const { parent, q, ids, cursor, limit } = c.req.valid('query');
  const db = c.get('db');
  const siteId = c.get('site').id;
  if (q !== undefined) return c.json(await adminUnitSearch(db, siteId, q), 200);
  if (ids !== undefined) {
    const list = ids.split(',').map((id) => id.trim()).filter(Boolean);
    if (list.length > ADMIN_UNIT_IDS_MAX) throw validationError([{ field: 'ids', code: 'above_maximum', params: { max: ADMIN_UNIT_IDS_MAX } }]);
    return c.json(await adminUnitsByIds(db, siteId, list), 200);
  }
  return c.json(await adminUnitLevel(db, siteId, parent ?? null, { cursor, limit }), 200);
});

const createUnit = createRoute({
  operationId: 'createUnit',
  method: 'post',
  path: '/v1/admin/units',
  summary: 'Add a leader, department, region or ministry',
  request: { headers: ActionKeyHeadersSchema, body: { required: true, content: { 'application/json': { schema: CreateUnitInputSchema } } } },
  responses: {
    201: { description: 'the new unit', content: { 'application/json': { schema: AdminUnitSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

adminUnits.openapi(createUnit, async (c) => {
  const input = c.req.valid('json');
  const siteId = c.get('site').id;
  const db = c.get('db');
  const parentId = input.parentId ?? null;
  // A retry (same Idempotency-Key) of a unit already added answers with it.
  const { id, keyed } = await keyedId(c, 'u');
  const stored = keyed ? await findSiteUnit(db, siteId, id) : null;
  if (stored) return c.json(stored, 201);
  const unit: AdminUnit = { id, name: input.name, kind: input.kind, parentId, sortOrder: input.sortOrder ?? 0, active: true };
  const check = () => checkUnitChange(db, siteId, null, unit);
  // Without an order, a new unit comes after its siblings (the last sibling alone is read, never the
  // whole tree: a national site has ~90,000 units), read beside the checks.
  const [next] = await Promise.all([input.sortOrder ?? nextSortOrder(db, siteId, parentId), check()]);
  unit.sortOrder = next;
  const at = new Date().toISOString();
  await guarded(db, [
    db.q.insertInto('units').values({
      id: unit.id, site_id: siteId, parent_id: unit.parentId, name: unit.name, kind: unit.kind, sort_order: unit.sortOrder,
      active: activeUnder(siteId, unit, 1), created_at: at, pinyin_keys: unitPinyinKeys(unit.name), name_key: nameKey(unit.name),
    }),
    auditEntry(db, { siteId, accountId: c.get('official').id, action: 'unit.create', detail: { unit: unit.id, name: unit.name }, at }),
  ], check);
  return c.json(unit, 201);
});

/** What changed in a unit: each field whose value differs (all of them for a new unit). */
const changesOf = (before: AdminUnit | null, after: AdminUnit) =>
  (['name', 'parentId', 'sortOrder', 'active'] as const).filter((field) => !before || after[field] !== before[field]);

/**
 * Whether a unit may be added (`before` null) or change as asked; throws the 422 naming why. The tree
 * stays one a citizen can use: no unit under itself or its own sub-units (`own_branch` on
 * `parentId`: the branch would be cut off the tree); no active unit under a retired one
 * (`retired_parent`: on `parentId` when added or moved there, on `active` when restored beneath it),
 * so no unit is retired with active units under it (`active_sub_units` on `active`); no two active
 * units of one name under one parent (`name_taken`: on `name` when added, renamed or moved, on
 * `active` when restored); no drive not yet ended left with no active unit to collect for
 * (`drive_needs_unit` on `active`). An unknown parent is `unknown_unit`.
 */
async function checkUnitChange(db: SiteDatabase, siteId: string, before: AdminUnit | null, after: AdminUnit): Promise<void> {
  const changed = changesOf(before, after);
  const moved = changed.includes('parentId');
  const restored = before !== null && changed.includes('active') && after.active;
  const retired = changed.includes('active') && !after.active;
  const [parent, ownBranch, subUnits, named] = await Promise.all([
    (moved || restored) && after.parentId !== null ? findSiteUnit(db, siteId, after.parentId) : null,
    // A unit under itself or under one of its own sub-units would cut that branch off the tree.
    before && moved && after.parentId !== null ? isWithinAny(db, after.parentId, [before.id]) : false,
    retired ? hasActiveChildren(db, siteId, after.id) : false,
    after.active && (moved || restored || changed.includes('name')) ? activeSiblingNamed(db, siteId, after.parentId, after.name, after.id) : false,
  ]);
  // Checked once the tree allows it: a drive left with no unit would take no message, its page still open.
  const drive = retired && !subUnits ? await driveLeftWithoutUnits(db, siteId, after.id, new Date().toISOString()) : null;
  const problems: FieldProblem[] = [];
  if (moved && after.parentId !== null && !parent) problems.push({ field: 'parentId', code: 'unknown_unit' });
  else if (ownBranch) problems.push({ field: 'parentId', code: 'own_branch' });
  else if (after.active && parent && !parent.active) problems.push({ field: moved ? 'parentId' : 'active', code: 'retired_parent' });
  if (subUnits) problems.push({ field: 'active', code: 'active_sub_units' });
  if (drive !== null) problems.push({ field: 'active', code: 'drive_needs_unit' });
  if (named) problems.push({ field: restored && !changed.includes('name') ? 'active' : 'name', code: 'name_taken' });
  if (problems.length > 0) throw validationError(problems);
}

/**
 * A unit's `active` as its statement writes it: `value`, or NULL, which fails the statement (the
 * column is NOT NULL) and with it the whole batch, when the tree changed since the route's checks
 * read it. 1 (`unit`, active where it will be): its parent was retired meanwhile, or an active
 * sibling was given its name (exactly; the checks compare folded names) meanwhile. 0 (`unit`'s id,
 * retired): it was given an active sub-unit meanwhile. Read in the write's own transaction, so two
 * admins at once cannot leave an active unit under a retired one, nor two of one name side by side.
 */
function activeUnder(siteId: string, unit: Pick<AdminUnit, 'id' | 'parentId' | 'name'>, value: 1): RawBuilder<number>;
function activeUnder(siteId: string, unitId: string, value: 0): RawBuilder<number>;
function activeUnder(siteId: string, unit: Pick<AdminUnit, 'id' | 'parentId' | 'name'> | string, value: 0 | 1): RawBuilder<number> {
  if (typeof unit === 'string') {
    return sql<number>`(SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM units WHERE site_id = ${siteId} AND parent_id = ${unit} AND active = 1))`;
  }
  const parentActive = unit.parentId === null ? sql`1` : sql`EXISTS (SELECT 1 FROM units WHERE id = ${unit.parentId} AND site_id = ${siteId} AND active = 1)`;
  return sql<number>`(SELECT ${value} WHERE ${parentActive} AND NOT EXISTS (SELECT 1 FROM units
    WHERE site_id = ${siteId} AND parent_id IS ${unit.parentId} AND active = 1 AND (name = ${unit.name} OR name_key = ${nameKey(unit.name)}) AND id != ${unit.id}))`;
}

/**
 * Runs a unit's write batch; when a guard of `activeUnder` failed it, reads the tree afresh
 * (`recheck`) to name what changed (422), else throws what failed.
 */
async function guarded(db: SiteDatabase, statements: Parameters<SiteDatabase['batch']>[0], recheck: () => Promise<void>): Promise<void> {
  try {
    await db.batch(statements);
  } catch (error) {
    if (!String(error).includes('NOT NULL constraint failed: units.active')) throw error;
    await recheck();
    throw error;
  }
}

const updateUnit = createRoute({
  operationId: 'updateUnit',
  method: 'patch',
  path: '/v1/admin/units/{id}',
  summary: 'Rename, move, reorder, retire or restore a unit',
  request: { params: AdminIdParamsSchema, body: { required: true, content: { 'application/json': { schema: UpdateUnitInputSchema } } } },
  responses: {
    200: { description: 'the unit after the change', content: { 'application/json': { schema: AdminUnitSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

adminUnits.openapi(updateUnit, async (c) => {
  const { id } = c.req.valid('param');
  const input = c.req.valid('json');
  const siteId = c.get('site').id;
  const db = c.get('db');
  const before = await findSiteUnit(db, siteId, id);
  if (!before) throw notFound();
  const after: AdminUnit = {
    ...before,
    ...(input.name !== undefined && { name: input.name }),
    ...(input.parentId !== undefined && { parentId: input.parentId }),
    ...(input.sortOrder !== undefined && { sortOrder: input.sortOrder }),
    ...(input.active !== undefined && { active: input.active }),
  };
  const changed = changesOf(before, after);
  const check = () => checkUnitChange(db, siteId, before, after);
  await check();
  if (changed.length > 0) {
    // What changed, from and to, as it is now: the log reads so later, whatever the unit is called by
    // then (its parents by their names now; a top-level unit's parent is null).
    const parentName = async (parentId: string | null) => (parentId === null ? null : (await findSiteUnit(db, siteId, parentId))?.name ?? parentId);
    const changes = {
      ...(changed.includes('name') && { name: [before.name, after.name] }),
      ...(changed.includes('parentId') && { parentId: await Promise.all([parentName(before.parentId), parentName(after.parentId)]) }),
      ...(changed.includes('active') && { active: [String(before.active), String(after.active)] }),
    };
    const at = new Date().toISOString();
    const retired = changed.includes('active') && !after.active;
    // The tree as the checks read it, checked again by the write itself (`activeUnder`).
    const guard = retired ? activeUnder(siteId, id, 0)
      : after.active && (['parentId', 'active', 'name'] as const).some((field) => changed.includes(field)) ? activeUnder(siteId, after, 1)
        : null;
    await guarded(db, [
      db.q.updateTable('units')
        // Only what changed: a trigger rewrites a unit's search keys on a new name (migration 0023),
        // and its branch's ancestors on a new parent (0024).
        .set({
          ...(changed.includes('name') && { name: after.name, pinyin_keys: unitPinyinKeys(after.name), name_key: nameKey(after.name) }),
          ...(changed.includes('parentId') && { parent_id: after.parentId }),
          ...(changed.includes('sortOrder') && { sort_order: after.sortOrder }),
          ...(guard !== null ? { active: guard } : changed.includes('active') && { active: after.active ? 1 : 0 }),
        })
        .where('id', '=', id).where('site_id', '=', siteId),
      auditEntry(db, { siteId, accountId: c.get('official').id, action: 'unit.update', detail: { unit: id, fields: changed, changes }, at }),
    ], check);
  }
  return c.json(after, 200);
});
