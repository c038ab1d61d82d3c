// Console sessions: a random token in an HttpOnly cookie; D1 keeps only its keyed hash, so a leaked
// table (or log) holds nothing that signs anyone in.
//
// The token names its site (`<site id>.<random>`): a site may live in a D1 database of its own, and the
// name says which database to ask. The name cannot be changed to reach another site: the stored hash
// covers the whole token, it is looked up only in the named site's database, and the account found
// must belong to that site.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import { keyedHash } from '../lib/crypto';
import type { SiteDatabase } from '../db/client';

/** Sent as `__Host-liuyan_session`: only this origin, path /, Secure — no subdomain can set or read it. */
export const SESSION_COOKIE = 'liuyan_session';
/** A session ends 12 hours after sign-in (a working day), whatever the activity. */
export const SESSION_HOURS = 12;

function newSessionToken(siteId: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `${siteId}.${btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/** The site a session token names (the part before its last dot; the random part is base64url), or null. */
export function sessionSite(token: string): string | null {
  const dot = token.lastIndexOf('.');
  return dot > 0 ? token.slice(0, dot) : null;
}

export function sessionHash(hashKey: string, token: string): Promise<string> {
  return keyedHash(hashKey, `session:${token}`);
}

/** Starts a session for the account of `siteId` in that site's database `db`, and sets its cookie. */
export async function startSession(c: Context<AppEnv>, db: SiteDatabase, { siteId, accountId }: { siteId: string; accountId: string }, now = new Date()) {
  const token = newSessionToken(siteId);
  const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await db.run(db.q.insertInto('sessions').values({
    id_hash: await sessionHash(c.env.HASH_KEY, token),
    account_id: accountId,
    created_at: now.toISOString(),
    expires_at: expires.toISOString(),
    revoked_at: null,
    last_seen_at: now.toISOString(),
  }));
  setCookie(c, SESSION_COOKIE, token, { path: '/', secure: true, httpOnly: true, sameSite: 'Strict', expires, prefix: 'host' });
}

/** The session token the request carries, if any. */
export function sessionToken(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE, 'host');
}

export async function endSession(c: Context<AppEnv>, db: SiteDatabase, now = new Date()) {
  const token = sessionToken(c);
  if (token) {
    await db.run(db.q.updateTable('sessions').set({ revoked_at: now.toISOString() })
      .where('id_hash', '=', await sessionHash(c.env.HASH_KEY, token)).where('revoked_at', 'is', null));
  }
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, prefix: 'host' });
}
