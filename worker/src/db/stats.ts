import { sql, type RawBuilder } from 'kysely';
import type { MonthlyStats, Stats, UnitStats } from '../../../sdk/src/schemas/stats';
import type { SiteDatabase } from './client';
import type { SiteUnit } from './sites';

/**
 * Public statistics (STATS_DEFINITIONS in sdk/src/schemas/stats.ts says what each figure means),
 * read from the tallies that migration 0017's triggers keep per site, campaign, unit and month ('*'
 * for all of each), never from the messages. Rows read: the months asked (one row each) for the
 * totals and the monthly series, one row per unit for the ranking, and a row per type, domain,
 * outlet and response band: about a hundred for a site with three years of messages, at any number
 * of messages. A range (`from`/`to`) reads those per month instead of the all-months rows.
 */
export interface StatsSelection {
  siteId: string;
  /** Campaign slug; an unknown slug counts nothing. */
  campaign?: string;
  /**
   * Unit ids, bound (the planner then seeks each unit's rows), or a subquery of them where a list
   * could pass D1's 100 bound values per query; null for the whole site.
   */
  units: string[] | RawBuilder<unknown> | null;
  from?: string;
  to?: string;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number) => (whole > 0 ? round(part / whole, 3) : null);
const mean = (sum: number, n: number) => (n > 0 ? round(sum / n, 2) : null);

/** Lower bounds of the response-time bands in hours (as migration 0017 writes them); 720 is open-ended. */
export const RESPONSE_BANDS = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 30, 36, 48, 60, 72, 96, 120, 144, 168, 240, 336, 504, 720];

/**
 * The median of a histogram of bands (lower bound → count), in hours: the band holding the middle
 * reply, linearly within it (the usual grouped median); the open last band answers its lower bound.
 */
export function medianHours(bands: Map<number, number>): number | null {
  const total = [...bands.values()].reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  const half = total / 2;
  let before = 0;
  for (const [i, lower] of RESPONSE_BANDS.entries()) {
    const n = bands.get(lower) ?? 0;
    if (n > 0 && before + n >= half) {
      const upper = RESPONSE_BANDS[i + 1];
      return upper === undefined ? lower : round(lower + ((half - before) / n) * (upper - lower), 1);
    }
    before += n;
  }
  return null;
}

interface CountRow {
  unit_id: string;
  month: string;
  messages: number;
  replied: number;
  on_time: number;
  rated: number;
  rating_sum: number;
  rating_1: number;
  rating_2: number;
  rating_3: number;
  rating_4: number;
  rating_5: number;
  resolution_sum: number;
  attitude_sum: number;
  speed_sum: number;
  adopted: number;
}

const COUNT_COLUMNS = [
  'messages', 'replied', 'on_time', 'rated', 'rating_sum', 'rating_1', 'rating_2', 'rating_3', 'rating_4', 'rating_5',
  'resolution_sum', 'attitude_sum', 'speed_sum', 'adopted',
] as const;

function sumRows(rows: CountRow[]): Omit<CountRow, 'unit_id' | 'month'> {
  const total = Object.fromEntries(COUNT_COLUMNS.map((c) => [c, 0])) as Omit<CountRow, 'unit_id' | 'month'>;
  for (const row of rows) for (const c of COUNT_COLUMNS) total[c] += row[c];
  return total;
}

/** The statistics of a selection, in the public shape; `units` names the ranking. */
export async function readStats(db: SiteDatabase, selection: StatsSelection, units: SiteUnit[]): Promise<Stats> {
  const { siteId, from, to } = selection;
  const campaign: RawBuilder<string> = selection.campaign
    ? sql<string>`(SELECT id FROM campaigns WHERE site_id = ${siteId} AND slug = ${selection.campaign})`
    : sql<string>`'*'`;
  const ranged = Boolean(from || to);
  // Per-month rows, or the all-months row ('*') when no range is asked.
  const months = (column: string, perMonth: boolean) => {
    if (!perMonth) return sql<boolean>`${sql.ref(column)} = '*'`;
    return sql<boolean>`${sql.ref(column)} != '*'${from ? sql` AND ${sql.ref(column)} >= ${from}` : sql``}${to ? sql` AND ${sql.ref(column)} <= ${to}` : sql``}`;
  };
  const inUnits = (column: string) =>
    selection.units === null ? sql<boolean>`${sql.ref(column)} = '*'`
      : Array.isArray(selection.units) ? sql<boolean>`${sql.ref(column)} IN (${sql.join(selection.units)})`
      : sql<boolean>`${sql.ref(column)} IN (${selection.units})`;

  const monthly = db.q.selectFrom('stats_counts as s').selectAll('s')
    .where('s.site_id', '=', siteId).where(sql<boolean>`s.campaign_id = ${campaign}`)
    .where(inUnits('s.unit_id')).where(months('s.month', true))
    .orderBy('s.month');
  // The ranking: every unit's row of the month(s), by the index on (site, campaign, month, unit). Named,
  // because without statistics SQLite walks the primary key instead: every unit's every month (at 3
  // years and 12 units, 480 rows read for 12).
  const ranking = db.q.selectFrom(sql<CountRow>`(SELECT * FROM stats_counts INDEXED BY stats_counts_by_month
    WHERE site_id = ${siteId} AND campaign_id = ${campaign} AND ${months('month', ranged)} AND unit_id != '*'
    AND ${selection.units === null ? sql`1` : inUnits('unit_id')})`.as('s')).selectAll('s');
  const breakdown = db.q.selectFrom('stats_breakdown as b').select(['b.dimension', 'b.value', (eb) => eb.fn.sum<number>('b.n').as('n')])
    .where('b.site_id', '=', siteId).where(sql<boolean>`b.campaign_id = ${campaign}`)
    .where(inUnits('b.unit_id')).where(months('b.month', ranged))
    .groupBy(['b.dimension', 'b.value']);
  const hours = db.q.selectFrom('stats_response_hours as h').select(['h.bucket', (eb) => eb.fn.sum<number>('h.n').as('n')])
    .where('h.site_id', '=', siteId).where(sql<boolean>`h.campaign_id = ${campaign}`)
    .where(inUnits('h.unit_id')).where(months('h.month', ranged))
    .groupBy('h.bucket');

  const [monthRows, unitRows, breakdownRows, hourRows] = await Promise.all([
    db.all(monthly) as Promise<CountRow[]>, db.all(ranking) as Promise<CountRow[]>, db.all(breakdown), db.all(hours),
  ]);

  const total = sumRows(monthRows);
  const byMonth = new Map<string, MonthlyStats>();
  for (const row of monthRows) {
    const m = byMonth.get(row.month) ?? { month: row.month, messages: 0, replied: 0 };
    m.messages += row.messages;
    m.replied += row.replied;
    byMonth.set(row.month, m);
  }
  const names = new Map(units.map((u) => [u.id, u.name]));
  const perUnit = new Map<string, CountRow[]>();
  for (const row of unitRows) perUnit.set(row.unit_id, [...(perUnit.get(row.unit_id) ?? []), row]);
  const byUnit: UnitStats[] = [...perUnit].map(([unitId, rows]) => {
    const t = sumRows(rows);
    return {
      unitId, name: names.get(unitId) ?? unitId, messages: t.messages,
      replyRate: ratio(t.replied, t.messages), onTimeRate: ratio(t.on_time, t.replied), satisfaction: mean(t.rating_sum, t.rated),
    };
  }).filter((u) => u.messages > 0)
    .sort((a, b) => (b.replyRate ?? -1) - (a.replyRate ?? -1) || (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || b.messages - a.messages);
  const counts = { type: {} as Record<string, number>, domain: {} as Record<string, number>, outlet: {} as Record<string, number> };
  for (const row of breakdownRows) if (row.n > 0) counts[row.dimension][row.value] = row.n;

  return {
    messages: total.messages,
    replied: total.replied,
    replyRate: ratio(total.replied, total.messages),
    onTimeRate: ratio(total.on_time, total.replied),
    medianResponseHours: medianHours(new Map(hourRows.map((r) => [r.bucket, r.n]))),
    satisfaction: {
      rated: total.rated,
      mean: mean(total.rating_sum, total.rated),
      distribution: [total.rating_1, total.rating_2, total.rating_3, total.rating_4, total.rating_5],
      resolution: mean(total.resolution_sum, total.rated),
      attitude: mean(total.attitude_sum, total.rated),
      speed: mean(total.speed_sum, total.rated),
    },
    adopted: total.adopted,
    byType: counts.type,
    byDomain: counts.domain,
    byOutlet: counts.outlet,
    monthly: [...byMonth.values()].filter((m) => m.messages > 0),
    byUnit,
  };
}
