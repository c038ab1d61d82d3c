// The exact caps on submissions (migration 0007): per client address per hour, per phone number per
// China day, per site per minute, each configurable per site (`Site.submissionLimits`). The Workers
// Rate Limiting binding filters floods cheaply first (middleware/rate-limit.ts); these hold exactly,
// because the count is raised in the submission's own batch and a CHECK (count <= cap) fails the
// whole batch — the message included — the moment one would go over.
import type { SubmissionLimits } from '../../../sdk/src/schemas/common';
import type { RateLimit } from '../../../sdk/src/schemas/error';
import { keyedHash } from '../lib/crypto';
import { localDay } from '../lib/site-time';
import type { SiteDatabase } from './client';
import type { CodeRequestCountTable, SubmissionCountTable } from './schema';

/** Who a submission counts against. */
export interface Submitter {
  /** `clientAddress()`, or null where no edge set one (then no count per address). */
  address: string | null;
  /** E.164 of the author's phone. */
  phone: string;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** China Standard Time, where a site's days begin. */
const CHINA_OFFSET_MS = 8 * HOUR_MS;

type Counter = Omit<SubmissionCountTable, 'count'>;

/** The counters a submission by `who` now raises, with the site's caps. Keys are keyed hashes: no phone or address is stored. */
export async function countersFor(hashKey: string, siteId: string, limits: SubmissionLimits, who: Submitter, now: Date): Promise<Counter[]> {
  const window = (startMs: number, lengthMs: number) => ({ window_start: new Date(startMs).toISOString(), window_end: new Date(startMs + lengthMs).toISOString() });
  const t = now.getTime();
  const dayStart = Date.parse(`${localDay(now)}T00:00:00.000Z`) - CHINA_OFFSET_MS;
  const counters: Counter[] = [
    { site_id: siteId, scope: 'phone', key_hash: await keyedHash(hashKey, `limit:phone:${siteId}:${who.phone}`), ...window(dayStart, DAY_MS), cap: limits.perPhoneDay },
    { site_id: siteId, scope: 'site', key_hash: siteId, ...window(t - (t % MINUTE_MS), MINUTE_MS), cap: limits.perSiteMinute },
  ];
  if (who.address) {
    counters.push({
      site_id: siteId, scope: 'address', key_hash: await keyedHash(hashKey, `limit:address:${siteId}:${who.address}`),
      ...window(t - (t % HOUR_MS), HOUR_MS), cap: limits.perAddressHour,
    });
  }
  return counters;
}

/**
 * Seconds until every full counter's window has ended (what `Retry-After` says) and whose count
 * keeps the request waiting longest (`Problem.limit`), or null when none of `counters` is full.
 * One indexed read of at most three rows. `table`: the submissions' counters,
 * or those of requests for SMS codes and lost codes (migration 0028), kept the same way.
 */
export async function secondsUntilAllowed(
  db: SiteDatabase, counters: (Counter | Omit<CodeRequestCountTable, 'count'>)[], now: Date, table: 'submission_counts' | 'code_request_counts' = 'submission_counts',
): Promise<{ seconds: number; limit: RateLimit } | null> {
  const rows = await db.all(
    db.q.selectFrom(table).select(['scope', 'key_hash', 'window_start', 'count'])
      .where((eb) => eb.or(counters.map((k) => eb.and([
        eb('site_id', '=', k.site_id), eb('scope', '=', k.scope), eb('key_hash', '=', k.key_hash), eb('window_start', '=', k.window_start),
      ])))),
  );
  let longest: { ms: number; limit: RateLimit } | null = null;
  for (const k of counters) {
    const row = rows.find((r) => r.scope === k.scope && r.key_hash === k.key_hash && r.window_start === k.window_start);
    const ms = Date.parse(k.window_end) - now.getTime();
    if (row && row.count >= k.cap && (longest === null || ms > longest.ms)) longest = { ms, limit: LIMIT_OF_SCOPE[k.scope] };
  }
  return longest === null ? null : { seconds: Math.max(1, Math.ceil(longest.ms / 1000)), limit: longest.limit };
}

/** Whose count each counter keeps, as a 429 names it (`Problem.limit`). */
const LIMIT_OF_SCOPE: Record<Counter['scope'] | CodeRequestCountTable['scope'], RateLimit> = {
  phone: 'phone', address: 'address', site: 'site',
  verify_phone_minute: 'phone', verify_phone: 'phone', verify_address: 'address', recover_contact: 'contact', recover_address: 'address',
};

/** Statements that count one submission, for its batch: the batch fails as a whole if any count would pass its cap. */
export function countStatements(db: SiteDatabase, counters: Counter[]) {
  return counters.map((k) => db.q.insertInto('submission_counts').values({ ...k, count: 1 })
    .onConflict((oc) => oc.columns(['site_id', 'scope', 'key_hash', 'window_start'])
      .doUpdateSet((eb) => ({ count: eb('submission_counts.count', '+', 1), cap: eb.ref('excluded.cap') }))));
}

/** Counters whose window has ended: the hourly clean-up deletes them. */
export function endedCounters(db: SiteDatabase, now: Date) {
  return db.q.deleteFrom('submission_counts').where('window_end', '<=', now.toISOString());
}
