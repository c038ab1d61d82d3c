import { sql } from 'kysely';
import { DUE_SOON_DAYS } from '../../../sdk/src/limits';
import type { Dashboard } from '../../../sdk/src/schemas/stats';
import { OPEN_STATUSES } from '../../../sdk/src/schemas/common';
import { scopeCondition, scopeTallies, scopeTops, type Official } from '../auth/official';
import type { SiteDatabase } from './client';
import { localDay } from '../lib/site-time';
import { dueWithin } from './queue';
import type { SiteUnit } from './sites';
import { readStats, unitList, type UnitChoice } from './stats';

/**
 * The officials' dashboard for the units an official answers for (the whole site for site-wide
 * roles): the public figures over those units (stats.ts: 3 queries), and what needs them now in one
 * more query of five parts — the open messages (queue tallies, migration 0008) less those due after
 * today (migration 0009) give 已超期 as the queue counts it; 督办 from migration 0015's tally; due
 * soon (today and tomorrow, China time) and 重办 from the partial indexes that hold only open
 * messages. The three tallies are read as the queue's counts are (`scopeTallies`): the site's row,
 * or the per-subtree rows of a responder's own units (migration 0035), so they cost the same for a
 * province's responder as for a county's. Walks of messages bind a responder's few units (resolved
 * at sign-in) or seek `unit_ancestors` per message for a large subtree. The public figures are read
 * per unit for a few units, else from the statistics kept per subtree (migration 0035), ranking the
 * responder's own units and the units right below them (`readStats`). `units`: the site's units when it has few
 * (`siteUnitsIfFew`), null for a large tree; `version`: the site's units version.
 */
export async function readDashboard(db: SiteDatabase, official: Official, { units, version }: { units: SiteUnit[] | null; version: number }, now: Date): Promise<Dashboard> {
  // A responder's units: listed when few, else the subtrees of their own (a province has thousands below).
  const listed = official.siteWide ? null : official.fewUnits;
  const scope: UnitChoice = official.siteWide ? null : listed ?? { subtreesOf: scopeTops(official) };
  const site = official.siteId;
  const nowIso = now.toISOString();
  // The queue's own cut (queueCounts): a deadline's day is its UTC date, today's rest read from the index.
  const today = nowIso.slice(0, 10);
  const tomorrowUtc = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString();
  // 两天内到期 is the queue's filter `dueWithinDays`, which the figure links to: due within its window, not yet overdue.
  const soonUntil = dueWithin(now, DUE_SOON_DAYS);
  const open = sql.join(OPEN_STATUSES.map((s) => sql.lit(s)));
  // The tallies: the site's row for site-wide roles, the subtrees of a responder's own units.
  const tally = (table: 'message_counts' | 'open_due_counts' | 'supervised_counts', alias: string) => {
    const { table: name, where } = scopeTallies(official, table);
    return { from: sql`${sql.table(name)} AS ${sql.id(alias)}`, where: where(`${alias}.unit_id`) };
  };
  const counts = tally('message_counts', 'c');
  const days = tally('open_due_counts', 'd');
  const escalations = tally('supervised_counts', 's');
  // Messages of a few units are read unit by unit; those of a large subtree are checked one by one.
  const messageInScope = (column: string) => (official.siteWide ? sql`1` : listed ? sql`${sql.ref(column)} IN (${unitList(listed)})` : scopeCondition(official, column));
  // The conditions on messages repeat those of the partial indexes (migrations 0009 and 0014) so SQLite
  // uses them; for a few units, the index by unit (else SQLite walks the whole site's due soon). 重办
  // names its partial index: left to choose, SQLite walks every in-progress message of the site.
  // An admin is told of a year the site's calendar has nothing of, which they can import (工作日历):
  // a statement of its own beside the figures (D1 takes at most five terms in a compound SELECT),
  // read by the calendar's primary key (site, day): the days of one or two years.
  const years = official.role === 'admin' ? calendarYears(now) : [];
  const calendar = years.length === 0 ? null : sql<{ first: number; second: number }>`
    SELECT coalesce(sum(day <= ${`${years[0]}-12-31`}), 0) AS first, coalesce(sum(day > ${`${years[0]}-12-31`}), 0) AS second
      FROM calendar_days WHERE site_id = ${site} AND day >= ${`${years[0]}-01-01`} AND day <= ${`${years.at(-1)}-12-31`}`;
  const figures = sql<{ figure: 'open' | 'ahead' | 'supervised' | 'soon' | 'reopened'; n: number; today: number }>`
    SELECT 'open' AS figure, coalesce(sum(c.n), 0) AS n, 0 AS today FROM ${counts.from}
      WHERE c.site_id = ${site} AND ${counts.where} AND c.status IN (${open}) AND c.moderation != 'rejected'
    UNION ALL SELECT 'ahead', coalesce(sum(d.n), 0), 0 FROM ${days.from}
      WHERE d.site_id = ${site} AND ${days.where} AND d.due_day > ${today}
    UNION ALL SELECT 'supervised', coalesce(sum(s.n), 0), 0 FROM ${escalations.from}
      WHERE s.site_id = ${site} AND ${escalations.where}
    UNION ALL SELECT 'soon', count(*), coalesce(sum(m.due_at < ${tomorrowUtc}), 0)
      FROM messages AS m ${listed ? sql`INDEXED BY messages_queue_unit_handled` : sql``}
      WHERE m.site_id = ${site} AND m.status IN ('submitted', 'accepted', 'in_progress') AND m.moderation != 'rejected'
        AND m.due_at >= ${nowIso} AND m.due_at <= ${soonUntil} AND ${messageInScope('m.unit_id')}
    UNION ALL SELECT 'reopened', count(*), 0 FROM messages AS m INDEXED BY messages_reopened
      WHERE m.site_id = ${site} AND m.reopened_at IS NOT NULL AND m.status = 'in_progress' AND ${messageInScope('m.unit_id')}`;
  const [stats, rows, calendarDays] = await Promise.all([
    readStats(db, { siteId: site, units: scope, unitsVersion: version }, units, now),
    db.all({ compile: () => figures.compile(db.q) }),
    calendar ? db.all({ compile: () => calendar.compile(db.q) }) : [],
  ]);
  const figure = (name: string) => rows.find((r) => r.figure === name);
  const soon = figure('soon');
  // Open messages less those still ahead of their deadline: days after today, and today's rest.
  const overdue = Math.max(0, (figure('open')?.n ?? 0) - (figure('ahead')?.n ?? 0) - (soon?.today ?? 0));
  const [setDays] = calendarDays;
  const calendarNotSet = years.find((_, i) => setDays && (i === 0 ? setDays.first : setDays.second) === 0);
  return {
    stats, overdue, dueSoon: soon?.n ?? 0, reopened: figure('reopened')?.n ?? 0, supervised: figure('supervised')?.n ?? 0,
    calendarNotSet: calendarNotSet ? Number(calendarNotSet) : null,
  };
}

/** From this day (China time) the next year's calendar is asked after too: the State Council publishes it each November. */
const NEXT_YEAR_ASKED_FROM = '11-01';

/** The years (YYYY) an admin's dashboard checks the calendar of: this one, and from November the next. */
function calendarYears(now: Date): string[] {
  const today = localDay(now);
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= NEXT_YEAR_ASKED_FROM ? [String(year), String(year + 1)] : [String(year)];
}
