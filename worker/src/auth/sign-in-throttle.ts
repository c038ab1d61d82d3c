// Slowing down password guessing.
//
// Policy, per key — the email tried, and the client's address:
//   - the first failures are free (3 for an email, 15 for an address);
//   - after that each further attempt must wait, twice as long each time (2 s, 4 s, 8 s, … for an
//     email); an attempt that comes too early is refused with 429 too_many_attempts and Retry-After;
//   - at 10 failures within 15 minutes (50 for an address) the key is refused for 15 minutes;
//   - 15 minutes after the first failure, and once no wait is running, the count starts again;
//   - signing in clears the email's count.
// An address is often shared by a whole office behind one NAT, hence its higher limits: the email
// key protects each account, the address key stops one client trying many emails. Without a
// CF-Connecting-IP header (tests, `wrangler dev`) there is no address to count, so only the email
// counts: one shared 'unknown' key would let anyone lock every official out.
//
// Correct credentials are not held back by other people's guesses. A refusal has to come before the
// password is checked — an answer that differed for a right password would tell a guesser which one
// was right, at full speed — so what lets the right person through is something a guesser lacks: the
// browser they signed in with before. Each sign-in leaves a device cookie (`deviceTag`: a keyed hash
// of the account and its password hash, so a password change withdraws it). An attempt from a browser
// that carries the tag of the account tried is counted on a key of that browser alone, with the
// email's limits, instead of on the email and the address: an office whose address is being used to
// guess, or an official whose email is being guessed, still signs in at once from their own browser,
// while guesses from anywhere else (or with a copied cookie) stay slow. A browser new to the account
// is slowed like any other, which is the price of not telling guessers when they are right.
//
// Emails are counted whether or not an account has them, so refusals reveal nothing about which
// emails exist. Keys are keyed hashes: the table holds no email and no address. Emails are counted
// across sites (sign-in needs no site id), in the default database, so one count covers all of them.
//
// Each attempt is counted BEFORE its password is checked, in one atomic statement per key, and
// un-counted when it succeeds: parallel guesses cannot all slip in before the first failure is
// written, since each sees the count (and the wait) left by the one before.
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { sql } from 'kysely';
import { matchForm } from '../../../sdk/src/text';
import type { SiteDatabase } from '../db/client';
import { ApiError } from '../errors';
import { keyedHash } from '../lib/crypto';

interface KeyPolicy {
  /** Failures allowed before attempts have to wait. */
  slowAfter: number;
  /** Failures that refuse the key for LOCK_SECONDS. */
  lockAfter: number;
}

export const EMAIL_POLICY: KeyPolicy = { slowAfter: 3, lockAfter: 10 };
export const ADDRESS_POLICY: KeyPolicy = { slowAfter: 15, lockAfter: 50 };
export const WINDOW_SECONDS = 15 * 60;
export const LOCK_SECONDS = 15 * 60;

export interface SignInAttempt {
  /** The email tried (any case and width; it is counted in match form). */
  email: string;
  /** The client's address (CF-Connecting-IP), if the request came through Cloudflare's edge. */
  address: string | undefined;
  /** The `deviceTag` of an account with this email that the browser signed in to before, if it carries one. */
  trustedDevice?: string | null;
  /**
   * The account of a live session asking to prove its password again (a change of password, a new
   * authenticator): counted on that account alone. The session says who is asking, so guesses
   * through a stolen session are still slowed, and other people's failures at a shared address
   * (one office behind one NAT) never block it.
   */
  signedInAccount?: string;
}

interface ThrottleKey {
  hash: string;
  policy: KeyPolicy;
}

export type AttemptDecision =
  /** `emailKey`: the key counted for the account tried (its email's, or the trusted browser's). */
  | { allowed: true; emailKey: string; addressKey: string | null }
  | { allowed: false; retryAfterSeconds: number };

async function keysOf(hashKey: string, attempt: SignInAttempt): Promise<{ email: ThrottleKey; address: ThrottleKey | null }> {
  if (attempt.signedInAccount) return { email: { hash: await keyedHash(hashKey, `account:${attempt.signedInAccount}`), policy: EMAIL_POLICY }, address: null };
  if (attempt.trustedDevice) return { email: { hash: await keyedHash(hashKey, `device:${attempt.trustedDevice}`), policy: EMAIL_POLICY }, address: null };
  const email = { hash: await keyedHash(hashKey, `email:${matchForm(attempt.email.trim())}`), policy: EMAIL_POLICY };
  const address = attempt.address ? { hash: await keyedHash(hashKey, `ip:${attempt.address}`), policy: ADDRESS_POLICY } : null;
  return { email, address };
}

/** The device cookie: up to this many accounts' tags, newest first (a shared office computer). */
const DEVICE_COOKIE = 'liuyan_device';
const DEVICE_TAGS_KEPT = 5;
const DEVICE_COOKIE_DAYS = 365;

/**
 * The tag a browser keeps after signing in to an account (32 hex characters). It changes with the
 * password hash, so a new password (or a reset by an admin) withdraws every browser's trust.
 */
export async function deviceTag(hashKey: string, account: { id: string; passwordHash: string }): Promise<string> {
  return (await keyedHash(hashKey, `device:${account.id}:${account.passwordHash}`)).slice(0, 32);
}

/** The device tags the request's `__Host-liuyan_device` cookie carries. */
export function deviceTags(c: Context): string[] {
  return (getCookie(c, DEVICE_COOKIE, 'host') ?? '').split('.').filter((tag) => /^[0-9a-f]{32}$/.test(tag)).slice(0, DEVICE_TAGS_KEPT);
}

/** Puts `tag` first in the device cookie (HttpOnly, Secure, SameSite=Strict, a year). */
export function rememberDevice(c: Context, tag: string): void {
  const tags = [tag, ...deviceTags(c).filter((t) => t !== tag)].slice(0, DEVICE_TAGS_KEPT);
  setCookie(c, DEVICE_COOKIE, tags.join('.'), {
    path: '/', secure: true, httpOnly: true, sameSite: 'Strict', maxAge: DEVICE_COOKIE_DAYS * 86_400, prefix: 'host',
  });
}

const iso = (ms: number) => new Date(ms).toISOString();
/** The same text form as `Date.toISOString()`, so stored times compare as strings. */
const ISO_FORMAT = '%Y-%m-%dT%H:%M:%fZ';

/**
 * Counts one attempt on a key unless the key must wait. Returns the row only when counted.
 * In `DO UPDATE SET`, column names are the values before this update.
 */
function countAttempt(db: SiteDatabase, key: ThrottleKey, now: Date) {
  const nowIso = now.toISOString();
  const windowStart = iso(now.getTime() - WINDOW_SECONDS * 1000);
  const lockedUntil = iso(now.getTime() + LOCK_SECONDS * 1000);
  const { slowAfter, lockAfter } = key.policy;
  const stale = sql<boolean>`first_failed_at <= ${windowStart}`;
  return db.q.insertInto('sign_in_failures')
    .values({ key_hash: key.hash, failures: 1, first_failed_at: nowIso, locked_until: null })
    .onConflict((oc) => oc.column('key_hash').doUpdateSet({
      failures: sql`CASE WHEN ${stale} THEN 1 ELSE failures + 1 END`,
      first_failed_at: sql`CASE WHEN ${stale} THEN ${nowIso} ELSE first_failed_at END`,
      // The wait before the next attempt: 2 s after the `slowAfter`th failure, then doubling.
      locked_until: sql`CASE
        WHEN ${stale} THEN NULL
        WHEN failures + 1 >= ${lockAfter} THEN ${lockedUntil}
        WHEN failures + 1 >= ${slowAfter} THEN strftime(${ISO_FORMAT}, ${nowIso}, '+' || (1 << (failures + 2 - ${slowAfter})) || ' seconds')
        ELSE NULL END`,
    }).where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso)])))
    .returning(['failures']);
}

/**
 * Decides whether a sign-in attempt may go on to the password check, and counts it if so.
 * Call `signInSucceeded` with the keys when the password (and code) were right.
 */
export async function beginSignInAttempt(db: SiteDatabase, hashKey: string, attempt: SignInAttempt, now: Date): Promise<AttemptDecision> {
  const { email, address } = await keysOf(hashKey, attempt);
  const keys = address ? [email, address] : [email];
  const results = await db.batch([
    ...keys.map((key) => countAttempt(db, key, now)),
    db.q.selectFrom('sign_in_failures').select(['key_hash', 'locked_until']).where('key_hash', 'in', keys.map((k) => k.hash)),
  ]);
  const refused = keys.filter((_, i) => (results[i]?.results.length ?? 0) === 0).map((k) => k.hash);
  if (refused.length === 0) return { allowed: true, emailKey: email.hash, addressKey: address?.hash ?? null };
  const rows = (results[keys.length]?.results ?? []) as { key_hash: string; locked_until: string | null }[];
  const until = Math.max(...rows.filter((r) => refused.includes(r.key_hash) && r.locked_until).map((r) => Date.parse(r.locked_until!)));
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
}

/**
 * `beginSignInAttempt` for a request: the client's address from Cloudflare's edge, and 429
 * `too_many_attempts` with `Retry-After` when the attempt must wait. Answers the counted attempt.
 */
export async function allowedSignInAttempt(c: Context, db: SiteDatabase, hashKey: string, who: Omit<SignInAttempt, 'address'>, now: Date) {
  const decision = await beginSignInAttempt(db, hashKey, { ...who, address: c.req.header('CF-Connecting-IP') }, now);
  if (!decision.allowed) {
    c.header('Retry-After', String(decision.retryAfterSeconds));
    throw new ApiError('too_many_attempts');
  }
  return decision;
}

/**
 * Right credentials: the email (or the trusted browser) starts afresh, and the address's count no
 * longer holds this attempt.
 */
export async function signInSucceeded(db: SiteDatabase, decision: Extract<AttemptDecision, { allowed: true }>): Promise<void> {
  await db.batch([
    db.q.deleteFrom('sign_in_failures').where('key_hash', '=', decision.emailKey),
    ...(decision.addressKey
      ? [db.q.updateTable('sign_in_failures').set({ failures: sql`max(failures - 1, 0)` }).where('key_hash', '=', decision.addressKey)]
      : []),
  ]);
}

/** Rows no policy reads any more: their window is over and no wait is running. */
export function staleSignInFailures(db: SiteDatabase, now: Date) {
  const nowIso = now.toISOString();
  return db.q.deleteFrom('sign_in_failures')
    .where('first_failed_at', '<=', iso(now.getTime() - WINDOW_SECONDS * 1000))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso)]));
}
