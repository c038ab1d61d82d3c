// Officials for console and admin tests: accounts and live sessions written straight to D1
// (signing in through the API is tested in routes/auth.test.ts).
import { env, exports } from 'cloudflare:workers';
import type { Role } from '../src/auth/official';
import { hashPassword } from '../src/auth/password';
import { SESSION_COOKIE, SESSION_HOURS, sessionHash } from '../src/auth/session';
import { newId } from '../src/lib/crypto';
import { db } from './fixtures';

/** The service's own origin in tests: console requests come from here. */
export const CONSOLE_ORIGIN = 'https://liuyan.test';

export interface TestOfficial {
  id: string;
  email: string;
  role: Role;
  /** The Cookie header of its session. */
  cookie: string;
}

/**
 * An account with a signed-in session. Responders answer for `unitIds` (and the units below them).
 * `password`: a real one (hashing costs time; most tests use only the session).
 */
export async function createOfficial(siteId: string, role: Role, unitIds: string[] = [], { displayName, password }: { displayName?: string; password?: string } = {}): Promise<TestOfficial> {
  const id = newId('a');
  const email = `${id}@county.example.gov.cn`;
  // Sessions name their site, as the service makes them (see auth/session.ts).
  const token = `${siteId}.test-${crypto.randomUUID()}`;
  const now = new Date();
  const stored = password ? await hashPassword(password) : null;
  await db.batch([
    db.q.insertInto('accounts').values({
      id, site_id: siteId, email, display_name: displayName ?? `${role}-${id.slice(-4)}`, role,
      // Without `password`, not a usable one: such accounts only ever use the session below.
      password_hash: stored?.hash ?? 'unusable', password_salt: stored?.salt ?? 'unusable', password_iterations: stored?.iterations ?? 1,
      totp_secret_enc: null, totp_last_step: null, locked_until: null, created_at: now.toISOString(),
    }),
    ...unitIds.map((unitId) => db.q.insertInto('account_units').values({ account_id: id, unit_id: unitId })),
    db.q.insertInto('sessions').values({
      id_hash: await sessionHash(env.HASH_KEY, token), account_id: id, created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(), revoked_at: null,
    }),
  ]);
  return { id, email, role, cookie: `__Host-${SESSION_COOKIE}=${token}` };
}

/**
 * A request from the console page: same origin, JSON body, the official's cookie.
 * `as: null` sends no cookie; `origin` overrides the Origin header (null: none).
 */
export function consoleRequest(path: string, { as, method = 'GET', body, rawBody, origin = CONSOLE_ORIGIN, headers = {} }: {
  as: TestOfficial | null;
  method?: string;
  body?: unknown;
  /** Sent as it is, with the Content-Type of `headers` (if any). */
  rawBody?: string;
  origin?: string | null;
  headers?: Record<string, string>;
}) {
  const h = new Headers(headers);
  if (as) h.set('Cookie', as.cookie);
  if (origin) h.set('Origin', origin);
  if (body !== undefined && !h.has('Content-Type')) h.set('Content-Type', 'application/json');
  return exports.default.fetch(new Request(`${CONSOLE_ORIGIN}${path}`, {
    method, headers: h, body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
  }));
}
