// What a submission reads before it is stored, in one D1 batch: one round trip to the database
// instead of one per read (a submission's cost is mostly its round trips; bench/README.md, "Submit").
// The batch is a read-only transaction, so the four answers are one consistent view.
import type { WorkingCalendar } from '../lib/calendar';
import { DEFAULT_PROTECTION, protectionQuery, type ProtectionRow } from '../protection/store';
import { rowsOf, type SiteDatabase } from './client';
import { liveIdempotencyRecordQuery } from './messages';
import { activeUnitQuery, calendarDaysQuery, calendarOf } from './sites';

/** What `submissionReads` found. */
export interface SubmissionReads {
  /** The live record of an earlier submission under the same Idempotency-Key, or null. */
  earlier: { request_hash: string; message_id: string; response_enc: string } | null;
  /** Whether the unit the message is for is one of the site's active units. */
  unitActive: boolean;
  /** The site's holidays and make-up working days from `today` on. */
  calendar: WorkingCalendar;
  /** The site's screening settings (its row, or the defaults). */
  protection: Omit<ProtectionRow, 'site_id' | 'updated_at'>;
}

/**
 * Reads, as one batch, what storing a submission to `siteId` needs: the idempotency record live at
 * `now` (ISO) under `key`, the unit `unitId`, the calendar from the site's day `today` (YYYY-MM-DD), and the
 * screening settings. Throws what D1 throws (a transient error is retried: the batch only reads).
 */
export async function submissionReads(db: SiteDatabase, { siteId, key, now, unitId, today }: { siteId: string; key: string; now: string; unitId: string; today: string }): Promise<SubmissionReads> {
  // The same statements the single reads run (findLiveIdempotencyRecord, findActiveUnit,
  // workingCalendar, protectionOf), sent together.
  const earlier = liveIdempotencyRecordQuery(db, siteId, key, now);
  const unit = activeUnitQuery(db, siteId, unitId);
  const days = calendarDaysQuery(db, siteId, today);
  const protection = protectionQuery(db, siteId);
  const [a, b, c, d] = await db.batch([earlier, unit, days, protection]);
  const { site_id: _site, updated_at: _updated, ...settings } = rowsOf(protection, d)[0] ?? { site_id: siteId, updated_at: '', ...DEFAULT_PROTECTION };
  return {
    earlier: rowsOf(earlier, a)[0] ?? null,
    unitActive: rowsOf(unit, b).length > 0,
    calendar: calendarOf(rowsOf(days, c)),
    protection: settings,
  };
}
