import { sql } from 'kysely';
import type { Dashboard } from '../../../sdk/src/schemas/stats';
import { OPEN_STATUSES } from '../../../sdk/src/schemas/common';
import { scopeCondition, unitsInScope, type Official } from '../auth/official';
import { localDay, startOfNextLocalDay } from '../lib/site-time';
import type { SiteDatabase } from './client';
import type { SiteUnit } from './sites';
import { readStats, tallyUnits, unitList } from './stats';

/**
 * The officials' dashboard for the units an official answers for (the whole site for site-wide
 * roles): the public figures over those units (stats.ts: 3 queries), and what needs them now in one
 * more query of five parts — the open messages (queue tallies, migration 0008) less those due after
 * today (migration 0009) give 已超期 as the queue counts it; 督办 from migration 0015's tally; due
 * soon (today and tomorrow, China time) and 重办 from the partial indexes that hold only open
 * messages. A responder's few units are bound (resolved at sign-in); a large subtree is never listed
 * (tallies read an index entry of `unit_ancestors` per unit below, walks of messages seek it per
 * message), and rows read follow the units and what is due, never the backlog. Measured by the bench
 * (100k messages, 12 units, 3 years; sign-in check included): 99 rows in 7 queries for one
 * department's responder; 341 for the county head's 11 units, of which ~74 are the site's and the
 * one other unit's months (no tally is kept per subtree) and ~200 the figures of what is due, most
 * of them the site's messages due soon, walked one by one. `units`: the site's units when it has
 * few (`siteUnitsIfFew`), null for a large tree; `version`: the site's units version.
 */
export async function readDashboard(db: SiteDatabase, official: Official, { units, version }: { units: SiteUnit[] | null; version: number }, now: Date): Promise<Dashboard> {
  // A responder's units: listed when few, else selected through unit_ancestors (a province has thousands).
  const scope = official.siteWide ? null : official.fewUnits ?? unitsInScope(official);
  const site = official.siteId;
  const nowIso = now.toISOString();
  // The queue's own cut (queueCounts): a deadline's day is its UTC date, today's rest read from the index.
  const today = nowIso.slice(0, 10);
  const tomorrowUtc = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString();
  const afterTomorrow = startOfNextLocalDay(localDay(new Date(now.getTime() + 86_400_000)));
  const open = sql.join(OPEN_STATUSES.map((s) => sql.lit(s)));
  const tallied = (column: string) => tallyUnits(column, scope, units);
  const counts = tallied('c.unit_id');
  const days = tallied('d.unit_id');
  // Tallies kept per unit are read unit by unit; messages of a large subtree are checked one by one.
  const tallyInScope = (column: string) => (scope === null ? sql`1` : sql`${sql.ref(column)} IN (${unitList(scope)})`);
  const listed = Array.isArray(scope);
  const messageInScope = (column: string) => (listed ? tallyInScope(column) : scopeCondition(official, column));
  // The conditions on messages repeat those of the partial indexes (migrations 0009 and 0014) so SQLite
  // uses them; for a few units, the index by unit (else SQLite walks the whole site's due soon).
  const figures = sql<{ figure: 'open' | 'ahead' | 'supervised' | 'soon' | 'reopened'; unit_id: string; n: number; today: number }>`
    SELECT 'open' AS figure, c.unit_id, sum(c.n) AS n, 0 AS today FROM message_counts AS c
      WHERE c.site_id = ${site} AND ${counts.where} AND c.status IN (${open}) AND c.moderation != 'rejected' GROUP BY c.unit_id
    UNION ALL SELECT 'ahead', d.unit_id, sum(d.n), 0 FROM open_due_counts AS d
      WHERE d.site_id = ${site} AND ${days.where} AND d.due_day > ${today} GROUP BY d.unit_id
    UNION ALL SELECT 'supervised', '*', coalesce(sum(s.n), 0), 0 FROM supervised_counts AS s
      WHERE s.site_id = ${site} AND ${tallyInScope('s.unit_id')}
    UNION ALL SELECT 'soon', '*', count(*), coalesce(sum(m.due_at < ${tomorrowUtc}), 0)
      FROM messages AS m ${listed && !counts.mostOfSite ? sql`INDEXED BY messages_queue_unit_handled` : sql``}
      WHERE m.site_id = ${site} AND m.status IN ('submitted', 'accepted', 'in_progress') AND m.moderation != 'rejected'
        AND m.due_at >= ${nowIso} AND m.due_at < ${afterTomorrow} AND ${messageInScope('m.unit_id')}
    UNION ALL SELECT 'reopened', '*', count(*), 0 FROM messages AS m
      WHERE m.site_id = ${site} AND m.reopened_at IS NOT NULL AND m.status = 'in_progress' AND ${messageInScope('m.unit_id')}`;
  const [stats, rows] = await Promise.all([
    readStats(db, { siteId: site, units: scope, unitsVersion: version }, units, now),
    db.all({ compile: () => figures.compile(db.q) }),
  ]);
  const sum = (figure: string, sign: (unitId: string) => number = () => 1) =>
    rows.filter((r) => r.figure === figure).reduce((total, r) => total + sign(r.unit_id) * (r.n ?? 0), 0);
  const soon = rows.find((r) => r.figure === 'soon');
  // Open messages less those still ahead of their deadline: days after today, and today's rest.
  const overdue = Math.max(0, sum('open', counts.sign) - sum('ahead', days.sign) - (soon?.today ?? 0));
  return { stats, overdue, dueSoon: sum('soon'), reopened: sum('reopened'), supervised: sum('supervised') };
}
