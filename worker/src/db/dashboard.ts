import { sql } from 'kysely';
import type { Dashboard } from '../../../sdk/src/schemas/stats';
import type { Official } from '../auth/official';
import { localDay, startOfNextLocalDay } from '../lib/site-time';
import type { SiteDatabase } from './client';
import { queueCounts, unitsOf } from './queue';
import type { SiteUnit } from './sites';
import { readStats } from './stats';

/**
 * The officials' dashboard for the units an official answers for (the whole site for site-wide
 * roles): the public figures over those units, and what needs them now — overdue and 督办 from the
 * queue's tallies, due soon (today and tomorrow, China time) and 重办 from the partial indexes that
 * hold only open messages, so rows read follow what is due, never the backlog.
 */
export async function readDashboard(db: SiteDatabase, official: Official, units: SiteUnit[], now: Date): Promise<Dashboard> {
  const scope = official.scope === null ? null : unitsOf(official);
  const inScope = scope === null ? sql<boolean>`1` : sql<boolean>`m.unit_id IN (${scope})`;
  const nowIso = now.toISOString();
  const afterTomorrow = startOfNextLocalDay(localDay(new Date(now.getTime() + 86_400_000)));
  // The conditions repeat those of the partial indexes (migrations 0009 and 0014) so SQLite uses them.
  const dueSoon = db.q.selectFrom('messages as m')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('m.site_id', '=', official.siteId)
    .where(sql<boolean>`m.status IN ('submitted', 'accepted', 'in_progress') AND m.moderation != 'rejected'`)
    .where('m.due_at', '>=', nowIso).where('m.due_at', '<', afterTomorrow)
    .where(inScope);
  const reopened = db.q.selectFrom('messages as m')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('m.site_id', '=', official.siteId)
    .where(sql<boolean>`m.reopened_at IS NOT NULL AND m.status = 'in_progress'`)
    .where(inScope);
  const [stats, counts, soon, again] = await Promise.all([
    readStats(db, { siteId: official.siteId, units: official.scope }, units, now),
    queueCounts(db, official, now),
    db.first(dueSoon),
    db.first(reopened),
  ]);
  return { stats, overdue: counts.overdue, dueSoon: soon?.n ?? 0, reopened: again?.n ?? 0, supervised: counts.supervised };
}
