// One official of each role on the demo site, so the console can be tried at once. Their password
// is printed by `npm run dev` and written here: demo only — a real site's accounts are made by its
// admin (POST /v1/admin/accounts) with passwords nobody else knows.
import type { Compilable } from 'kysely';
import type { Role } from '../src/auth/official';
import { hashPassword } from '../src/auth/password';
import type { SiteDatabase } from '../src/db/client';

/** Demo only: the same password for every demo account. */
export const DEMO_PASSWORD = 'liuyan-demo-2026';

export interface DemoAccount {
  id: string;
  email: string;
  password: string;
  displayName: string;
  role: Role;
  /** Units it answers for (with every unit below them); responders only. */
  unitIds: string[];
}

const account = (id: string, email: string, displayName: string, role: Role, unitIds: string[] = []): DemoAccount =>
  ({ id, email, password: DEMO_PASSWORD, displayName, role, unitIds });

export const DEMO_ACCOUNTS = {
  admin: account('a_demo_admin', 'admin@demo.liuyan.local', '示范县管理员', 'admin'),
  moderator: account('a_demo_moderator', 'moderator@demo.liuyan.local', '示范县审核员', 'moderator'),
  /** 县长信箱: the county head's unit, and so every department below it. */
  countyHead: account('a_demo_county_head', 'county-head@demo.liuyan.local', '县长信箱办理员', 'responder', ['u_county_head']),
  transport: account('a_demo_transport', 'transport@demo.liuyan.local', '县交通运输局办理员', 'responder', ['u_transport']),
} satisfies Record<string, DemoAccount>;

/**
 * Creates the demo accounts that do not exist yet; one changed in the console keeps its changes.
 * Returns every demo account, for printing. (No TOTP, so no key is needed.)
 */
export async function seedDemoAccounts(db: SiteDatabase, siteId: string, now = new Date()): Promise<DemoAccount[]> {
  const all = Object.values(DEMO_ACCOUNTS);
  const existing = new Set((await db.all(db.q.selectFrom('accounts').select('id').where('id', 'in', all.map((a) => a.id)))).map((r) => r.id));
  const missing = all.filter((a) => !existing.has(a.id));
  const statements: Compilable<unknown>[] = [];
  for (const a of missing) {
    const stored = await hashPassword(a.password);
    statements.push(
      db.q.insertInto('accounts').values({
        id: a.id, site_id: siteId, email: a.email, display_name: a.displayName, role: a.role,
        password_hash: stored.hash, password_salt: stored.salt, password_iterations: stored.iterations,
        totp_secret_enc: null, totp_last_step: null, locked_until: null, created_at: now.toISOString(),
      }),
      ...a.unitIds.map((unitId) => db.q.insertInto('account_units').values({ account_id: a.id, unit_id: unitId })),
    );
  }
  if (statements.length > 0) await db.batch(statements);
  return all;
}
