import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { db } from '../../test/fixtures';
import { keyedHash } from '../lib/crypto';
import { beginSignInAttempt, signInSucceeded, staleSignInFailures, type AttemptDecision, type SignInAttempt } from './sign-in-throttle';

let n = 0;
const attemptBy = (address?: string): SignInAttempt => ({ email: `someone${++n}@county.example.gov.cn`, address });
const T0 = Date.parse('2026-12-01T09:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

/** Attempts at the given times (seconds after T0), each failing; the decisions. */
async function failAt(attempt: SignInAttempt, times: number[]): Promise<AttemptDecision[]> {
  const decisions: AttemptDecision[] = [];
  for (const t of times) decisions.push(await beginSignInAttempt(db, env.HASH_KEY, attempt, at(t)));
  return decisions;
}

/** Ten failures as fast as allowed: 2, 4, 8, …, 128 s apart after the third (4 min 14 s in all). */
const TEN_FAILURES = [0, 0, 0, 2, 6, 14, 30, 62, 126, 254];

const retryAfter = (d: AttemptDecision) => (d.allowed ? 0 : d.retryAfterSeconds);

describe('sign-in throttling', () => {
  it('lets three failures through, then makes each further attempt wait twice as long', async () => {
    const attempt = attemptBy();
    const first = await failAt(attempt, [0, 0, 0]);
    expect(first.every((d) => d.allowed)).toBe(true);
    // Too early: refused, and told how long to wait.
    expect(retryAfter(await beginSignInAttempt(db, env.HASH_KEY, attempt, at(0)))).toBe(2);
    expect(retryAfter(await beginSignInAttempt(db, env.HASH_KEY, attempt, at(1.5)))).toBe(1);
    expect((await beginSignInAttempt(db, env.HASH_KEY, attempt, at(2))).allowed).toBe(true); // 4th failure
    expect(retryAfter(await beginSignInAttempt(db, env.HASH_KEY, attempt, at(2)))).toBe(4);
    expect((await beginSignInAttempt(db, env.HASH_KEY, attempt, at(6))).allowed).toBe(true); // 5th
    expect(retryAfter(await beginSignInAttempt(db, env.HASH_KEY, attempt, at(6)))).toBe(8);
  });

  it('refuses the email for 15 minutes at 10 failures within 15 minutes, then starts afresh', async () => {
    const attempt = attemptBy();
    expect((await failAt(attempt, TEN_FAILURES)).every((d) => d.allowed)).toBe(true);
    expect(retryAfter(await beginSignInAttempt(db, env.HASH_KEY, attempt, at(254)))).toBe(15 * 60);
    expect(retryAfter(await beginSignInAttempt(db, env.HASH_KEY, attempt, at(254 + 14 * 60)))).toBe(60);
    // Over: three free attempts again.
    expect((await failAt(attempt, [254 + 900, 254 + 900, 254 + 900])).every((d) => d.allowed)).toBe(true);
    expect((await beginSignInAttempt(db, env.HASH_KEY, attempt, at(254 + 900))).allowed).toBe(false);
  });

  it('forgets failures older than 15 minutes', async () => {
    const attempt = attemptBy();
    await failAt(attempt, [0, 1, 2]);
    expect((await failAt(attempt, [15 * 60 + 1, 15 * 60 + 1, 15 * 60 + 1])).every((d) => d.allowed)).toBe(true);
  });

  it('counts parallel guesses one by one: only one slips past the third failure', async () => {
    const attempt = attemptBy();
    await failAt(attempt, [0, 0]);
    const decisions = await Promise.all(Array.from({ length: 6 }, () => beginSignInAttempt(db, env.HASH_KEY, attempt, at(1))));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(1);
  });

  it('clears the email after a successful sign-in', async () => {
    const attempt = attemptBy();
    await failAt(attempt, [0, 0]);
    const success = await beginSignInAttempt(db, env.HASH_KEY, attempt, at(0));
    if (!success.allowed) throw new Error('the third attempt is free');
    await signInSucceeded(db, success);
    expect((await failAt(attempt, [0, 0, 0])).every((d) => d.allowed)).toBe(true);
  });

  it('matches emails without regard to case or spaces', async () => {
    const attempt = attemptBy();
    await failAt(attempt, [0, 0, 0]);
    const shouting = { ...attempt, email: ` ${attempt.email.toUpperCase()} ` };
    expect((await beginSignInAttempt(db, env.HASH_KEY, shouting, at(0))).allowed).toBe(false);
  });

  it('counts an address across emails, with higher limits, and only when the edge names it', async () => {
    const address = '203.0.113.7';
    // 15 different emails from one address: each email is fresh, the address reaches its limit.
    for (let i = 0; i < 15; i++) expect((await beginSignInAttempt(db, env.HASH_KEY, attemptBy(address), at(0))).allowed).toBe(true);
    expect(retryAfter(await beginSignInAttempt(db, env.HASH_KEY, attemptBy(address), at(0)))).toBe(2);
    // Another address, and requests with no address at all, are not held back.
    expect((await beginSignInAttempt(db, env.HASH_KEY, attemptBy('203.0.113.8'), at(0))).allowed).toBe(true);
    expect((await beginSignInAttempt(db, env.HASH_KEY, attemptBy(), at(0))).allowed).toBe(true);
    const unknownKey = await keyedHash(env.HASH_KEY, 'ip:undefined');
    expect(await db.first(db.q.selectFrom('sign_in_failures').select('failures').where('key_hash', '=', unknownKey))).toBeNull();
  });

  it('keeps neither emails nor addresses in the table', async () => {
    const attempt = attemptBy('198.51.100.23');
    await failAt(attempt, [0]);
    const rows = await env.DB.prepare('SELECT * FROM sign_in_failures').all();
    const dump = JSON.stringify(rows.results);
    expect(dump).not.toContain(attempt.email);
    expect(dump).not.toContain('198.51.100.23');
  });

  it('lets the clean-up delete rows no policy reads any more', async () => {
    const stale = attemptBy();
    const locked = attemptBy();
    await failAt(stale, [0]);
    await failAt(locked, TEN_FAILURES);
    const keyOf = (a: SignInAttempt) => keyedHash(env.HASH_KEY, `email:${a.email}`);
    await db.run(staleSignInFailures(db, at(16 * 60)));
    const left = await db.all(db.q.selectFrom('sign_in_failures').select('key_hash').where('key_hash', 'in', [await keyOf(stale), await keyOf(locked)]));
    expect(left.map((r) => r.key_hash)).toEqual([await keyOf(locked)]);
  });
});
