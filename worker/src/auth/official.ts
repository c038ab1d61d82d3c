// Who is asking, on console and admin routes: the signed-in account, its role and its units.
import { sql } from 'kysely';
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
  /** The units the account answers for (responders). */
  unitIds: string[];
  /** Every unit it may handle: its units and all below them; null for the whole site. */
  scope: string[] | null;
}

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
  const units = row.role === 'responder' ? await unitScope(db, row.site_id, row.id) : { assigned: [], scope: [] };
  return {
    id: row.id,
    siteId: row.site_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    totpEnabled: row.totp_secret_enc !== null,
    mustChangePassword: row.must_change_password === 1,
    unitIds: units.assigned,
    scope: row.role === 'responder' ? units.scope : null,
  };
}

/** An account's own units, and those with every unit below them. */
async function unitScope(db: SiteDatabase, siteId: string, accountId: string) {
  const rows = await db.all(
    db.q.withRecursive('below(id, assigned)', (q) => q.selectFrom('account_units')
      .select(['unit_id as id', sql<number>`1`.as('assigned')])
      .where('account_id', '=', accountId)
      // CROSS JOIN keeps the step's row outside, so SQLite seeks each unit's children by the index on
      // (site, parent); as an inner join it read every unit of the site at each step (157 rows for 11 units).
      .union(q.selectFrom('below').crossJoin('units as u').whereRef('u.parent_id', '=', 'below.id').where('u.site_id', '=', siteId)
        .select(['u.id', sql<number>`0`.as('assigned')])))
      .selectFrom('below')
      .select(['id', (eb) => eb.fn.max('assigned').as('assigned')])
      .groupBy('id'),
  );
  return { assigned: rows.filter((r) => r.assigned === 1).map((r) => r.id), scope: rows.map((r) => r.id) };
}

/** Refuses unless the official has one of the roles. */
export function assertRole(official: Official, ...roles: Role[]): void {
  if (!roles.includes(official.role)) throw new ApiError('forbidden');
}

/** Whether a message addressed to `unitId` is the official's to see and handle. */
export function inScope(official: Official, unitId: string): boolean {
  return official.scope === null || official.scope.includes(unitId);
}
