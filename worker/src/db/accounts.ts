// Officials' accounts as admins manage them. Password hashes and second-factor secrets are never
// selected here: nothing below can leak them into an answer.
import { sql } from 'kysely';
import type { Account } from '../../../sdk/src/schemas/admin';
import type { Role } from '../auth/official';
import { toSiteTime } from '../lib/site-time';
import type { SiteDatabase } from './client';

const accountColumns = ['id', 'email', 'display_name', 'role', 'disabled', 'created_at', 'must_change_password'] as const;
const totpEnabled = sql<number>`totp_secret_enc IS NOT NULL`.as('totp_enabled');

interface AccountFields {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  disabled: number;
  created_at: string;
  must_change_password: number;
  totp_enabled: number;
}

function toAccount(row: AccountFields, unitIds: string[]): Account {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    unitIds,
    disabled: row.disabled === 1,
    totpEnabled: row.totp_enabled === 1,
    createdAt: toSiteTime(row.created_at),
    mustChangePassword: row.must_change_password === 1,
  };
}

/** Every account of the site, by email. */
export async function siteAccounts(db: SiteDatabase, siteId: string): Promise<Account[]> {
  const [rows, units] = await Promise.all([
    db.all(db.q.selectFrom('accounts').select([...accountColumns, totpEnabled]).where('site_id', '=', siteId).orderBy('email')),
    db.all(
      db.q.selectFrom('account_units as au').innerJoin('accounts as a', 'a.id', 'au.account_id')
        .select(['au.account_id', 'au.unit_id']).where('a.site_id', '=', siteId).orderBy('au.unit_id'),
    ),
  ]);
  const unitsOf = new Map<string, string[]>();
  for (const { account_id, unit_id } of units) unitsOf.set(account_id, [...(unitsOf.get(account_id) ?? []), unit_id]);
  return rows.map((row) => toAccount(row, unitsOf.get(row.id) ?? []));
}

export async function findSiteAccount(db: SiteDatabase, siteId: string, accountId: string): Promise<Account | null> {
  const [row, units] = await Promise.all([
    db.first(db.q.selectFrom('accounts').select([...accountColumns, totpEnabled]).where('site_id', '=', siteId).where('id', '=', accountId)),
    db.all(db.q.selectFrom('account_units').select('unit_id').where('account_id', '=', accountId).orderBy('unit_id')),
  ]);
  return row ? toAccount(row, units.map((u) => u.unit_id)) : null;
}

/** Whether the site has an account with this email, in any case (sign-in ignores case). */
export async function emailTaken(db: SiteDatabase, siteId: string, email: string): Promise<boolean> {
  const row = await db.first(
    db.q.selectFrom('accounts').select('id').where('site_id', '=', siteId).where(sql`lower(email)`, '=', email.toLowerCase()),
  );
  return row !== null;
}

/** Ends every live session of the account, except `keepSessionHash` (the admin's own, when editing themselves). */
export function revokeSessions(db: SiteDatabase, accountId: string, at: string, keepSessionHash?: string) {
  let query = db.q.updateTable('sessions').set({ revoked_at: at }).where('account_id', '=', accountId).where('revoked_at', 'is', null);
  if (keepSessionHash) query = query.where('id_hash', '!=', keepSessionHash);
  return query;
}

/** Statements that set the account's units to exactly `unitIds`. */
export function replaceAccountUnits(db: SiteDatabase, accountId: string, unitIds: readonly string[]) {
  return [
    db.q.deleteFrom('account_units').where('account_id', '=', accountId),
    ...(unitIds.length > 0 ? [db.q.insertInto('account_units').values(unitIds.map((unitId) => ({ account_id: accountId, unit_id: unitId })))] : []),
  ];
}
