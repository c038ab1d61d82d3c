// Who is asking, on console and admin routes: the signed-in account, its role and its units.
import { sql, type RawBuilder } from 'kysely';
import type { SiteDatabase } from '../db/client';
import { ApiError } from '../errors';

import type { Role } from '../../../sdk/src/schemas/console';

export type { Role };

export interface Official {
  id: string;
  siteId: string;
  email: string;
  displayName: string;
  role: Role;
  totpEnabled: boolean;
  /** An admin set the password: every route but /me, the password change and sign-out is refused. */
  mustChangePassword: boolean;
  /** The units the account answers for (responders): at most 50 (the accounts schema's cap). */
  unitIds: string[];
  /** Admins and moderators work the whole site; a responder works their units and every unit below them. */
  siteWide: boolean;
  /**
   * Every unit a responder may handle when there are at most `FEW_UNITS` of them (a department with no
   * sub-units), so the queue can walk each unit's own deadline index; null when there are more (a
   * province has thousands below it: they are never listed, see `scopeCondition`) or site-wide.
   */
  fewUnits: string[] | null;
  /** Answers of `inScope` during this request, by unit id. */
  readonly scopeChecks: Map<string, Promise<boolean>>;
}

/** The most units a responder's scope is listed for (the queue merges at most 5 index walks). */
export const FEW_UNITS = 5;

/** The account behind a live session (not expired, not revoked, not disabled), or null. */
export async function officialBySession(db: SiteDatabase, sessionIdHash: string, now: Date): Promise<Official | null> {
  const row = await db.first(
    db.q.selectFrom('sessions as s')
      .innerJoin('accounts as a', 'a.id', 's.account_id')
      .select(['a.id', 'a.site_id', 'a.email', 'a.display_name', 'a.role', 'a.totp_secret_enc', 'a.must_change_password'])
      .where('s.id_hash', '=', sessionIdHash)
      .where('s.revoked_at', 'is', null)
      .where('s.expires_at', '>', now.toISOString())
      .where('a.disabled', '=', 0),
  );
  if (!row) return null;
  // Admins and moderators work the whole site: only a responder's units are worth a query.
  const units = row.role === 'responder' ? await responderUnits(db, row.id) : { assigned: [], few: null };
  return {
    id: row.id,
    siteId: row.site_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    totpEnabled: row.totp_secret_enc !== null,
    mustChangePassword: row.must_change_password === 1,
    unitIds: units.assigned,
    siteWide: row.role !== 'responder',
    fewUnits: units.few,
    scopeChecks: new Map(),
  };
}

/**
 * A responder's own units, and every unit in their scope when those are few: at most `FEW_UNITS` + 1
 * rows of `unit_ancestors` are read below them (migration 0024), never their whole subtree.
 */
async function responderUnits(db: SiteDatabase, accountId: string): Promise<{ assigned: string[]; few: string[] | null }> {
  const [assigned, below] = await Promise.all([
    db.all(db.q.selectFrom('account_units').select('unit_id').where('account_id', '=', accountId)),
    db.all(db.q.selectFrom('unit_ancestors').select('unit_id').distinct()
      .where('ancestor_id', 'in', (eb) => eb.selectFrom('account_units').select('unit_id').where('account_id', '=', accountId))
      .limit(FEW_UNITS + 1)),
  ]);
  return { assigned: assigned.map((r) => r.unit_id), few: below.length <= FEW_UNITS ? below.map((r) => r.unit_id) : null };
}

/**
 * A responder's own units that are not below another of theirs, as a statement to use in `IN (…)`:
 * the tops of their scope, whose per-subtree tallies (migration 0035) add up to the whole scope
 * without counting a message twice. Reads each own unit's ancestors (≤ 50 units × the tree's depth).
 */
export function scopeTops(official: Official): RawBuilder<string> {
  return sql<string>`SELECT o.unit_id FROM account_units AS o WHERE o.account_id = ${official.id}
    AND NOT EXISTS (SELECT 1 FROM unit_ancestors AS a JOIN account_units AS p ON p.unit_id = a.ancestor_id
      WHERE a.unit_id = o.unit_id AND a.depth > 0 AND p.account_id = ${official.id})`;
}

/** The tallies kept per unit, with the site's row ('*'); each is kept per subtree too (migration 0035). */
export type ScopeTally = 'message_counts' | 'open_due_counts' | 'supervised_counts';

/**
 * The rows of a tally that add up to the official's scope: the site's row ('*') of the per-unit
 * table for site-wide roles; for a responder, the per-subtree table's rows of the tops of their
 * units (`scopeTops`) — a row per own unit, whatever lies below it. `where(column)`: the condition
 * on the table's unit column.
 */
export function scopeTallies<T extends ScopeTally>(official: Official, table: T): { table: T; where: (column: string) => RawBuilder<boolean> } {
  if (official.siteWide) return { table, where: (column) => sql<boolean>`${sql.ref(column)} = '*'` };
  // The per-subtree tables have the per-unit ones' columns: typed as them.
  return { table: `subtree_${table}` as T, where: (column) => sql<boolean>`${sql.ref(column)} IN (${scopeTops(official)})` };
}

/**
 * The condition that a row's unit (`column`) is in the official's scope: true for site-wide roles; for
 * a responder, a seek of `unit_ancestors` by (unit, ancestor) for each of their own units — work per
 * row that does not grow with the size of the subtree, and one bound value whatever their units.
 */
export function scopeCondition(official: Official, column: string): RawBuilder<boolean> {
  if (official.siteWide) return sql<boolean>`1`;
  return sql<boolean>`EXISTS (SELECT 1 FROM unit_ancestors AS scope WHERE scope.unit_id = ${sql.ref(column)}
    AND scope.ancestor_id IN (SELECT unit_id FROM account_units WHERE account_id = ${official.id}))`;
}

/** Refuses unless the official has one of the roles. */
export function assertRole(official: Official, ...roles: Role[]): void {
  if (!roles.includes(official.role)) throw new ApiError('forbidden');
}

/**
 * Whether a message addressed to `unitId` is the official's to see and handle: no query for site-wide
 * roles or a scope of few units; else one seek of `unit_ancestors` per own unit, once per unit and request.
 */
export function inScope(db: SiteDatabase, official: Official, unitId: string): Promise<boolean> {
  if (official.siteWide) return Promise.resolve(true);
  if (official.fewUnits) return Promise.resolve(official.fewUnits.includes(unitId));
  let check = official.scopeChecks.get(unitId);
  if (!check) {
    check = db.first(db.q.selectFrom('unit_ancestors').select('unit_id').where('unit_id', '=', unitId)
      .where('ancestor_id', 'in', official.unitIds.length > 0 ? official.unitIds : [''])
      .limit(1)).then((row) => row !== null);
    official.scopeChecks.set(unitId, check);
  }
  return check;
}
