// What a submission reads before it is stored, in one D1 batch: one round trip to the database
// instead of one per read (a submission's cost is mostly its round trips; bench/README.md, "Submit").
// The batch is a read-only transaction, so the four answers are one consistent view.
import type { Compilable } from 'kysely';
import type { WorkingCalendar } from '../lib/calendar';
import { DEFAULT_PROTECTION, type ProtectionRow } from '../protection/store';
import type { SiteDatabase } from './client';

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

/** The rows a query of the batch returned, typed as the query says. */
const rowsOf = <R>(_query: Compilable<R>, result: D1Result | undefined): R[] => (result?.results ?? []) as R[];

/**
 * Reads, as one batch, what storing a submission to `siteId` needs: the idempotency record live at
 * `now` (ISO) under `key`, the unit `unitId`, the calendar from the site's day `today` (YYYY-MM-DD), and the
 * screening settings. Throws what D1 throws (a transient error is retried: the batch only reads).
 */
export async function submissionReads(db: SiteDatabase, { siteId, key, now, unitId, today }: { siteId: string; key: string; now: string; unitId: string; today: string }): Promise<SubmissionReads> {
  const earlier = db.q.selectFrom('idempotency_keys').select(['request_hash', 'message_id', 'response_enc'])
    .where('site_id', '=', siteId).where('key', '=', key).where('expires_at', '>', now);
  const unit = db.q.selectFrom('units').select('id').where('id', '=', unitId).where('site_id', '=', siteId).where('active', '=', 1);
  const days = db.q.selectFrom('calendar_days').select(['day', 'kind']).where('site_id', '=', siteId).where('day', '>=', today);
  const protection = db.q.selectFrom('site_protection').selectAll().where('site_id', '=', siteId);
  const [a, b, c, d] = await db.batch([earlier, unit, days, protection]);
  const calendarDays = rowsOf(days, c);
  const { site_id: _site, updated_at: _updated, ...settings } = rowsOf(protection, d)[0] ?? { site_id: siteId, updated_at: '', ...DEFAULT_PROTECTION };
  return {
    earlier: rowsOf(earlier, a)[0] ?? null,
    unitActive: rowsOf(unit, b).length > 0,
    calendar: {
      holidays: new Set(calendarDays.filter((day) => day.kind === 'holiday').map((day) => day.day)),
      workdays: new Set(calendarDays.filter((day) => day.kind === 'workday').map((day) => day.day)),
    },
    protection: settings,
  };
}
