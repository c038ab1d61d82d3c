// Deadlines that bite: the hourly check writes a reminder to a message's unit a few working days
// before its deadline, and 督办 (an escalation to the unit above) once the deadline has passed
// unanswered. Each is written once per message and deadline: the message keeps the deadline it was
// written for (migration 0015), and a new deadline (an extension, 重办) makes it due again.
//
// Overdue is not stored: it is the deadline against the clock, read where it is shown.
import { sql, type RawBuilder } from 'kysely';
import { dueAfterWorkingDays } from '../lib/calendar';
import { localDay } from '../lib/site-time';
import type { SiteDatabase } from './client';
import { workingCalendar } from './sites';

/** Messages given a reminder, and messages escalated, per database per run: a backlog takes several runs. */
export const DEADLINE_BATCH = 200;

/** The scheduler's alerts, written as timeline events: 提醒 before a deadline, 督办 after it. */
export const ALERT_KINDS = ['reminder', 'escalated'] as const;
type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * Open messages whose current deadline has not had this kind of alert yet: the conditions of migration
 * 0015's partial indexes, word for word and with literals, which SQLite needs to use them.
 */
const NOT_YET: Record<AlertKind, RawBuilder<boolean>> = {
  reminder: sql<boolean>`m.status IN ('submitted', 'accepted', 'in_progress') AND m.moderation != 'rejected' AND m.reminded_due_at IS NOT m.due_at`,
  escalated: sql<boolean>`m.status IN ('submitted', 'accepted', 'in_progress') AND m.moderation != 'rejected' AND m.escalated_due_at IS NOT m.due_at`,
};

/** Deadline window each kind looks in, as UTC ISO instants: `[from, until)`. */
interface Window {
  from?: string;
  until: string;
}

/**
 * The statement that finds a site's next messages due an alert, earliest deadline first (exported so
 * tests can check its plan). Reads at most `limit` rows of the partial index, whatever is already done.
 */
export function dueForAlert(db: SiteDatabase, siteId: string, kind: AlertKind, window: Window, limit: number) {
  let query = db.q.selectFrom('messages as m').select('m.id')
    .where('m.site_id', '=', siteId)
    .where(NOT_YET[kind])
    .where('m.due_at', '<', window.until);
  if (window.from) query = query.where('m.due_at', '>=', window.from);
  return query.orderBy('m.due_at').limit(limit);
}

/**
 * Writes the alert of `kind` for the messages `ids` (a JSON array, one bound value whatever their
 * number) in one batch: the timeline event, then the message's mark. Both repeat the conditions, so a
 * message changed meanwhile (replied, extended) or alerted by an overlapping run is left alone.
 */
function writeAlerts(db: SiteDatabase, kind: AlertKind, ids: string[], window: Window, now: string) {
  const chosen = (m: RawBuilder<unknown>) => sql<boolean>`${m} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;
  const inWindow = sql<boolean>`m.due_at < ${window.until}${window.from ? sql` AND m.due_at >= ${window.from}` : sql``}`;
  // 督办 goes to the unit above: the parent, or the site's (first) leader for a unit at the top.
  const target = kind === 'escalated'
    ? sql<string>`COALESCE(u.parent_id, (SELECT l.id FROM units l WHERE l.site_id = m.site_id AND l.parent_id IS NULL AND l.kind = 'leader'
        ORDER BY l.sort_order, l.id LIMIT 1), u.id)`
    : sql<string>`m.unit_id`;
  const events = db.q.insertInto('message_events')
    .columns(['message_id', 'kind', 'is_public', 'unit_id', 'from_unit_id', 'account_id', 'note', 'created_at'])
    .expression(
      db.q.selectFrom('messages as m').innerJoin('units as u', 'u.id', 'm.unit_id')
        .where(chosen(sql.ref('m.id'))).where(NOT_YET[kind]).where(inWindow)
        .select((eb) => [
          'm.id', eb.val(kind).as('kind'), eb.val(kind === 'escalated' ? 1 : 0).as('is_public'), target.as('unit_id'),
          sql<string | null>`${kind === 'escalated' ? sql.ref('m.unit_id') : null}`.as('from_unit_id'),
          sql<null>`NULL`.as('account_id'), sql<null>`NULL`.as('note'), eb.val(now).as('created_at'),
        ]),
    )
    // The events written, counted by their ids: D1's `changes` counts the rows triggers write too (the outbox, migration 0027).
    .returning('id');
  // `updated_at` is left alone: the mark is not a change of handling, and officials' actions are
  // guarded on the handling columns only (see handling.ts).
  const mark = db.q.updateTable('messages as m')
    .set(kind === 'escalated' ? { escalated_due_at: sql.ref('m.due_at') } : { reminded_due_at: sql.ref('m.due_at') })
    .where(chosen(sql.ref('m.id'))).where(NOT_YET[kind]).where(inWindow);
  return db.batch([events, mark]);
}

/**
 * One run of the deadline check on one database, at `now`: for each site, reminders for open messages
 * due within the site's `reminder_days` working days (its own calendar; 0 = none), then 督办 for open
 * messages past their deadline. At most `batch` messages of each kind per run; the rest, next run.
 * Returns the alerts written.
 */
export async function checkDeadlines(db: SiteDatabase, now: Date, batch = DEADLINE_BATCH): Promise<{ reminders: number; escalations: number }> {
  const nowIso = now.toISOString();
  const sites = await db.all(db.q.selectFrom('sites').select(['id', 'reminder_days']).orderBy('id'));
  const written = { reminders: 0, escalations: 0 };
  for (const site of sites) {
    if (site.reminder_days > 0 && written.reminders < batch) {
      const calendar = await workingCalendar(db, site.id, localDay(now));
      // Due by the end of the Nth working day from today: with 1, a deadline on Friday is reminded on Thursday.
      const window = { from: nowIso, until: new Date(Date.parse(dueAfterWorkingDays(now, site.reminder_days, calendar)) + 1).toISOString() };
      written.reminders += await alert(db, site.id, 'reminder', window, batch - written.reminders, nowIso);
    }
    if (written.escalations < batch) {
      written.escalations += await alert(db, site.id, 'escalated', { until: nowIso }, batch - written.escalations, nowIso);
    }
  }
  return written;
}

async function alert(db: SiteDatabase, siteId: string, kind: AlertKind, window: Window, limit: number, now: string): Promise<number> {
  const rows = await db.all(dueForAlert(db, siteId, kind, window, limit));
  if (rows.length === 0) return 0;
  const [events] = await writeAlerts(db, kind, rows.map((r) => r.id), window, now);
  return events!.results.length;
}
