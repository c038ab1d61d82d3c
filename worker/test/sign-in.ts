// Accounts with real passwords, and signing in through the API (routes/auth.test.ts,
// routes/console-account.test.ts). Console tests that only need a session use officials.ts.
import { Secret, TOTP } from 'otpauth';
import type { Role } from '../src/auth/official';
import { hashPassword } from '../src/auth/password';
import { newId } from '../src/lib/crypto';
import { db } from './fixtures';
import { consoleRequest } from './officials';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface PasswordAccount {
  id: string;
  siteId: string;
  email: string;
  password: string;
}

export async function createAccount(siteId: string, { role = 'admin', unitIds = [], password = TEST_PASSWORD, disabled = false }: {
  role?: Role;
  unitIds?: string[];
  password?: string;
  disabled?: boolean;
} = {}): Promise<PasswordAccount> {
  const id = newId('a');
  const email = `${id}@county.example.gov.cn`;
  const stored = await hashPassword(password);
  await db.batch([
    db.q.insertInto('accounts').values({
      id, site_id: siteId, email, display_name: `${role}-${id.slice(-4)}`, role,
      password_hash: stored.hash, password_salt: stored.salt, password_iterations: stored.iterations,
      totp_secret_enc: null, totp_last_step: null, locked_until: null, disabled: disabled ? 1 : 0, created_at: new Date().toISOString(),
    }),
    ...unitIds.map((unitId) => db.q.insertInto('account_units').values({ account_id: id, unit_id: unitId })),
  ]);
  return { id, siteId, email, password };
}

export function signIn(body: Record<string, unknown>, { origin, headers }: { origin?: string | null; headers?: Record<string, string> } = {}) {
  return consoleRequest('/v1/auth/sign-in', { as: null, method: 'POST', body, origin, headers });
}

/** The Cookie header a browser sends back after this answer's Set-Cookie. */
export function sessionCookieOf(response: Response): string {
  const setCookie = response.headers.get('Set-Cookie') ?? '';
  const pair = setCookie.split(';')[0]!;
  if (!pair.startsWith('__Host-liuyan_session=')) throw new Error(`no session cookie in ${JSON.stringify(setCookie)}`);
  return pair;
}

/** What the official's authenticator app shows at `at` (ms). */
export function totpCode(secret: string, at = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at });
}
