// What a submission reads before it is stored, sent with the site's lookup: one round trip to the
// database for both (a submission's cost is mostly its round trips; bench/README.md, "Submit").
// The batch is a read-only transaction, so the answers are one consistent view. Whether the unit
// takes messages is not read here: it needs the body, and the write batch checks it itself
// (`submissionStatements`).
import type { WorkingCalendar } from '../lib/calendar';
import { localDay } from '../lib/site-time';
import type { RidingReads, SiteRider } from '../middleware/site-scope';
import { DEFAULT_PROTECTION, protectionQuery, type ProtectionRow } from '../protection/store';
import { rowsOf, type SiteDatabase } from './client';
import { liveIdempotencyRecordQuery } from './messages';
import { calendarDaysQuery, calendarOf } from './sites';

/** What `submissionReads` found. */
export interface SubmissionReads {
  /** The Idempotency-Key the record was looked up under (null: none was, the submission is not to be stored). */
  key: string | null;
  /** The live record of an earlier submission under that key, or null. */
  earlier: { request_hash: string; message_id: string; response_enc: string } | null;
  /** The site's holidays and make-up working days from `today` on. */
  calendar: WorkingCalendar;
  /** The site's screening settings (its row, or the defaults). */
  protection: Omit<ProtectionRow, 'site_id' | 'updated_at'>;
}

interface Params {
  siteId: string;
  key: string | null;
  /** ISO instant: the record must be live then. */
  now: string;
  /** The site's day (YYYY-MM-DD): the calendar from it on. */
  today: string;
}

/**
 * The statements the single reads run (the key's record, workingCalendar, protectionOf), for one
 * batch: with the site's lookup (`submissionRider`), alone (`submissionReads`), or with another
 * route's reads (the write page's sent form: routes/hosted.ts). Without a key, the record is not read.
 */
export function submissionReadsPlan(db: SiteDatabase, { siteId, key, now, today }: Params): RidingReads<SubmissionReads> {
  const earlier = key === null ? null : liveIdempotencyRecordQuery(db, siteId, key, now);
  const days = calendarDaysQuery(db, siteId, today);
  const protection = protectionQuery(db, siteId);
  return {
    queries: [days, protection, ...(earlier ? [earlier] : [])],
    read: ([b, c, a]) => {
      const { site_id: _site, updated_at: _updated, ...settings } = rowsOf(protection, c)[0] ?? { site_id: siteId, updated_at: '', ...DEFAULT_PROTECTION };
      return { key, earlier: earlier ? rowsOf(earlier, a)[0] ?? null : null, calendar: calendarOf(rowsOf(days, b)), protection: settings };
    },
  };
}

/**
 * The submission's reads, riding with its site's lookup (`rideWithSite` on POST /v1/sites/:site/messages):
 * the Idempotency-Key comes from the header (the route validates it afterwards; a missing one
 * finds nothing), the instant is a moment before the route's own.
 */
export const submissionRider: SiteRider<SubmissionReads> = (c, db, siteId) => {
  const now = new Date();
  const params = { siteId, key: c.req.header('idempotency-key') ?? '', now: now.toISOString(), today: localDay(now) };
  return submissionReadsPlan(db, params);
};

/**
 * Reads, as one batch, what storing a submission to `siteId` needs: the idempotency record live at
 * `now` under `key`, the calendar from the site's day `today`, and the screening settings. For a way
 * in with no rider (Open311's POST). Throws what D1 throws (a transient error is retried: the batch only reads).
 */
export async function submissionReads(db: SiteDatabase, params: Params): Promise<SubmissionReads> {
  const planned = submissionReadsPlan(db, params);
  return planned.read(await db.batch(planned.queries));
}
