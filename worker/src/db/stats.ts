import { sql, type RawBuilder } from 'kysely';
import { DOMAINS, MESSAGE_TYPES } from '../../../sdk/src/codes';
import type { MonthlyStats, Stats, UnitStats } from '../../../sdk/src/schemas/stats';
import { localDay } from '../lib/site-time';
import type { SiteDatabase } from './client';
import { namedUnits, type SiteUnit } from './sites';

/**
 * Public statistics (STATS_DEFINITIONS in sdk/src/schemas/stats.ts says what each figure means),
 * read from the tallies that migration 0019's triggers keep per site, campaign, unit and period
 * (month, quarter, year, '*' for all of each), never from the messages. Three queries:
 *
 * - the months asked (all months without a range), one row each, for the monthly series and every
 *   total: counts by type and domain and the response-time bands are columns of those rows;
 * - the ranking: per unit, the few periods that add up to the range (`rangePeriods`: 1 without a
 *   range, at most 8 for any range);
 * - the outlets: one row per outlet and period.
 *
 * Rows read at 3 years of history and 12 units: ~36 + 12 × (1 to 8) + outlets × (1 to 8), whatever
 * the number of messages (the bench at 100k, with the site lookup: 55 for the whole site, 43 for a
 * unit, 139 for 33 months, 145 for the costliest range). Several units (the dashboard of an official
 * with a subtree) read each unit's months, or the site's less the units left out when those are fewer.
 */
export interface StatsSelection {
  siteId: string;
  /** Campaign slug; an unknown slug counts nothing. */
  campaign?: string;
  /**
   * Unit ids (only messages addressed to one of them), the subtrees of the units a statement selects
   * (a responder's scope, too large to list: `scopeTops`), or null for the whole site.
   */
  units: UnitChoice;
  /** First and last month counted, YYYY-MM (China time); open-ended when absent. */
  from?: string;
  to?: string;
  /** The site's units version: names of a large site's ranking are kept per worker while it holds (`unitNames`). */
  unitsVersion: number;
  /**
   * The fewest ratings whose scores are given (the public's figures: `PUBLIC_MIN_RATED`); below it the
   * means are null and the distribution all 0, for the whole and for each unit. Officials see every score.
   */
  minRated?: number;
}

/**
 * The fewest ratings the public figures give the scores of. Narrowed to one unit and one month, the
 * figures of a single message could be read alone, and with them how its author, perhaps of a private
 * message, scored the answer: a citizen's own opinion, which the rating form tells them only the
 * unit sees. Five, as surveys hold back groups smaller than that.
 */
export const PUBLIC_MIN_RATED = 5;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number) => (whole > 0 ? round(part / whole, 3) : null);
const mean = (sum: number, n: number) => (n > 0 ? round(sum / n, 2) : null);

/** Lower bounds of the response-time bands in hours (as migration 0017 writes them); 720 is open-ended. */
export const RESPONSE_BANDS = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 30, 36, 48, 60, 72, 96, 120, 144, 168, 240, 336, 504, 720] as const;

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

/** A tally's period with the sign it enters a sum with. */
export interface SignedPeriod {
  period: string;
  sign: 1 | -1;
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthKey = (year: number, month0: number) => `${year}-${pad(month0 + 1)}`;
const quarterKey = (year: number, quarter0: number) => `Y${year}-Q${quarter0 + 1}`;
const yearKey = (year: number) => `Y${year}`;

/**
 * Months `a`..`b` (0–11) of one year as the fewest signed months, quarters and the year: each end
 * rounds in (adding the months short of a quarter) or out (taking away the months past it), and the
 * whole quarters are themselves or the year less the others. At most 4 periods (Feb–Oct: the year
 * − Q4 − Jan + Oct).
 */
function yearPart(year: number, a: number, b: number): SignedPeriod[] {
  const months = (from: number, to: number, sign: 1 | -1) =>
    Array.from({ length: Math.max(0, to - from + 1) }, (_, i): SignedPeriod => ({ period: monthKey(year, from + i), sign }));
  let best = months(a, b, 1);
  for (const roundInLeft of [true, false]) {
    for (const roundInRight of [true, false]) {
      const qStart = roundInLeft ? Math.ceil(a / 3) : Math.floor(a / 3);
      const qEnd = roundInRight ? Math.floor((b + 1) / 3) : Math.ceil((b + 1) / 3);
      if (qStart >= qEnd) continue;
      const edges = [
        ...(roundInLeft ? months(a, 3 * qStart - 1, 1) : months(3 * qStart, a - 1, -1)),
        ...(roundInRight ? months(3 * qEnd, b, 1) : months(b + 1, 3 * qEnd - 1, -1)),
      ];
      const inside = Array.from({ length: qEnd - qStart }, (_, i): SignedPeriod => ({ period: quarterKey(year, qStart + i), sign: 1 }));
      const outside: SignedPeriod[] = [{ period: yearKey(year), sign: 1 }];
      for (let q = 0; q < 4; q++) if (q < qStart || q >= qEnd) outside.push({ period: quarterKey(year, q), sign: -1 });
      const candidate = [...(inside.length <= outside.length ? inside : outside), ...edges];
      if (candidate.length < best.length) best = candidate;
    }
  }
  return best;
}

/** Months from `from` to `to` inclusive (month indexes: year × 12 + month0) as signed periods. */
function bounded(from: number, to: number): SignedPeriod[] {
  if (from > to) return [];
  const [fromYear, toYear] = [Math.floor(from / 12), Math.floor(to / 12)];
  if (fromYear === toYear) return yearPart(fromYear, from % 12, to % 12);
  const years = Array.from({ length: toYear - fromYear - 1 }, (_, i): SignedPeriod => ({ period: yearKey(fromYear + 1 + i), sign: 1 }));
  return [...yearPart(fromYear, from % 12, 11), ...years, ...yearPart(toYear, 0, to % 12)];
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/**
 * The tally periods whose signed sum is the months `from`..`to` (YYYY-MM, inclusive; absent = open):
 * '*' without a range; otherwise months, quarters and years, at most 4 per year at either end and
 * one per whole year between (8 for any 36 months). No message is dated after the current year
 * (China time, `currentMonth`), so an open end stops there, and an open start is '*' less the
 * months after `to`.
 */
export function rangePeriods(from: string | undefined, to: string | undefined, currentMonth: string): SignedPeriod[] {
  const lastMonth = Math.max(monthIndex(currentMonth), from ? monthIndex(from) : 0);
  const end = Math.floor(lastMonth / 12) * 12 + 11;
  const last = to === undefined ? end : Math.min(monthIndex(to), end);
  if (from !== undefined) return bounded(monthIndex(from), last);
  return [{ period: '*', sign: 1 }, ...bounded(last + 1, end).map((p): SignedPeriod => ({ period: p.period, sign: p.sign === 1 ? -1 : 1 }))];
}

/** A row of stats_counts (migration 0019): its unit, its period and its figures by column name. */
interface CountRow {
  unit_id: string;
  period: string;
  messages: number;
  replied: number;
  /** 1: a unit right below an official's own, counted with every unit under it (a subtree's ranking). */
  with_below?: number;
  [figure: string]: number | string | undefined;
}

/** The figures summed over rows (each with a sign). */
type Totals = Record<string, number>;
const FIGURES = [
  'messages', 'replied', 'on_time', 'rated', 'rating_sum', 'rating_1', 'rating_2', 'rating_3', 'rating_4', 'rating_5',
  'resolution_sum', 'attitude_sum', 'speed_sum', 'adopted',
  ...MESSAGE_TYPES.map((t) => `type_${t}`), ...DOMAINS.map((d) => `domain_${d}`), ...RESPONSE_BANDS.map((b) => `hours_${b}`),
];
function addInto(total: Totals, row: CountRow, sign: number): Totals {
  for (const figure of FIGURES) total[figure] = (total[figure] ?? 0) + sign * Number(row[figure] ?? 0);
  return total;
}

/**
 * Units chosen by id; every unit at or below those a statement selects (read from the per-subtree
 * statistics of migration 0035, kept for all campaigns, all time and each month: no campaign or
 * range may be asked with it); or (null) the whole site.
 */
export type UnitChoice = string[] | { subtreesOf: RawBuilder<string> } | null;

/** Units bound as values at most (D1 takes 100 bound values per query; the rest of a query binds ≤ 12: site, campaign, ≤ 8 periods or 2 months). */
const BOUND_UNITS_MAX = 80;
/** A list of unit ids for `IN (…)`: bound values, or one JSON array for a site with more units than D1 binds. */
export const unitList = (ids: string[]) =>
  ids.length <= BOUND_UNITS_MAX ? sql`${sql.join(ids)}` : sql`SELECT value FROM json_each(${JSON.stringify(ids)})`;

/**
 * The rows of a tally kept per unit and for the whole site ('*') that add up to some units: the
 * site's, the units' own, or — when the units left out are fewer — the site's less theirs (every
 * message has a unit, so '*' is the sum over all of them). `sign` says how a row's unit enters the sum.
 */
export function tallyUnits(column: string, chosen: string[] | null, units: SiteUnit[] | null) {
  // A large tree (units null: never read whole) is always added up from the chosen units' own rows.
  const listed = Array.isArray(chosen) && units !== null ? chosen : null;
  const leftOut = listed === null || units === null ? [] : units.map((u) => u.id).filter((id) => !listed.includes(id));
  const viaSite = listed !== null && leftOut.length + 1 < listed.length;
  const ref = sql.ref(column);
  return {
    where: chosen === null ? sql<boolean>`${ref} = '*'`
      : viaSite ? sql<boolean>`${ref} IN ('*'${leftOut.length > 0 ? sql`, ${unitList(leftOut)}` : sql``})`
      : sql<boolean>`${ref} IN (${unitList(chosen)})`,
    sign: (unitId: string) => (viaSite && unitId !== '*' ? -1 : 1),
    /** The units are most of the site's (or all): reading the site's rows is the cheaper way. */
    mostOfSite: chosen === null || viaSite,
  };
}

/**
 * The statistics of a selection, in the public shape. `units`: every unit of a small site
 * (`siteUnitsIfFew`), which names the ranking; null for a large tree, whose ranked units alone are
 * named (`unitNames`), never the whole tree.
 */
export async function readStats(db: SiteDatabase, selection: StatsSelection, units: SiteUnit[] | null, now = new Date()): Promise<Stats> {
  const { siteId, from, to } = selection;
  const campaign: RawBuilder<string> = selection.campaign
    ? sql<string>`(SELECT id FROM campaigns WHERE site_id = ${siteId} AND slug = ${selection.campaign})`
    : sql<string>`'*'`;
  // A range starting before the site's first month counts from that month: the figures are the same,
  // and a start such as 1900-01 would otherwise bind a period per empty year, past D1's 100 bound values.
  // One seek of the primary key (months sort after '*' and before the 'Y…' periods).
  const first = from || to
    ? (await db.first(db.q.selectFrom('stats_counts').select((eb) => eb.fn.min<string>('period').as('month'))
      .where('site_id', '=', siteId).where('campaign_id', '=', '*').where('unit_id', '=', '*')
      .where('period', '>', '*').where('period', '<', 'Y')))?.month ?? null
    : null;
  // An end before the first month counts nothing, as any range of a site with no tallies yet: the
  // open start ('*' less every period after `to`) would otherwise bind one per year since 1900-06.
  const start = from && first && first > from ? first : from;
  const periods = !from && !to ? [{ period: '*', sign: 1 } satisfies SignedPeriod]
    : first === null || (to !== undefined && to < first) ? []
      : rangePeriods(start, to, localDay(now).slice(0, 7));
  const periodSign = new Map(periods.map((p) => [p.period, p.sign]));
  const chosen = selection.units;
  const subtrees = chosen !== null && !Array.isArray(chosen) ? chosen.subtreesOf : null;
  if (subtrees && (selection.campaign || from || to)) throw new Error('statistics of subtrees are kept for all campaigns and all time only');
  const { where: selected, sign: unitSign } = subtrees
    ? { where: sql<boolean>`unit_id IN (${subtrees})`, sign: () => 1 }
    : tallyUnits('unit_id', chosen as string[] | null, units);
  const key = sql<boolean>`site_id = ${siteId} AND campaign_id = ${campaign}`;
  // Subtrees are read from their own tallies (migration 0035), the same columns.
  const counts = sql.table(subtrees ? 'subtree_stats_counts' : 'stats_counts');

  // Months sort before the 'Y…' quarters and years and after '*': a range of months is a range of keys.
  const series = sql<CountRow>`SELECT * FROM ${counts}
    WHERE ${key} AND ${selected} AND period >= ${from ?? '0'} AND period <= ${to ?? '9999-12'}`;
  // The ranking of every unit reads each period's units by the index on (site, campaign, period,
  // unit): named, because without statistics SQLite walks the primary key instead (every unit's every
  // period). Named units are seeks of the primary key, one row each. Subtrees are ranked by the units
  // at their top (their own messages) and each unit right below (its whole subtree): a province's
  // responder sees its own office and its cities, never a row per county.
  const periodList = sql.join(periods.map((p) => p.period));
  const figures = sql`unit_id, period, messages, replied, on_time, rated, rating_sum`;
  // A row right below that has units under it says so (`with_below`): its figures are not its own alone,
  // as the top's and the public ranking's are.
  const ranking = subtrees
    ? sql<CountRow>`SELECT ${figures}, 0 AS with_below FROM stats_counts WHERE ${key} AND period IN (${periodList}) AND unit_id IN (${subtrees})
      UNION ALL SELECT ${figures}, EXISTS (SELECT 1 FROM units AS c WHERE c.site_id = ${siteId} AND c.parent_id = s.unit_id) AS with_below
        FROM subtree_stats_counts AS s WHERE ${key} AND period IN (${periodList})
        AND unit_id IN (SELECT id FROM units WHERE site_id = ${siteId} AND parent_id IN (${subtrees}))`
    : sql<CountRow>`SELECT ${figures}
    FROM stats_counts ${chosen === null ? sql`INDEXED BY stats_counts_by_period` : sql``}
    WHERE ${key} AND period IN (${periodList}) AND ${chosen === null ? sql`unit_id > '*'` : sql`unit_id IN (${unitList(chosen as string[])})`}`;
  const outlets = sql<{ unit_id: string; period: string; outlet: string; n: number }>`SELECT unit_id, period, outlet, n
    FROM ${sql.table(subtrees ? 'subtree_stats_outlets' : 'stats_outlets')}
    WHERE ${key} AND ${selected} AND period IN (${periodList})`;

  const run = <R>(query: RawBuilder<R>): Promise<R[]> => (periods.length === 0 ? Promise.resolve([]) : db.all({ compile: () => query.compile(db.q) }));
  const [monthRows, unitRows, outletRows] = await Promise.all([run(series), run(ranking), run(outlets)]);

  const total: Totals = {};
  const byMonth = new Map<string, MonthlyStats>();
  for (const row of monthRows) {
    const sign = unitSign(row.unit_id);
    addInto(total, row, sign);
    const m = byMonth.get(row.period) ?? { month: row.period, messages: 0, replied: 0 };
    m.messages += sign * row.messages;
    m.replied += sign * row.replied;
    byMonth.set(row.period, m);
  }
  const t = (figure: string) => total[figure] ?? 0;

  const names = units
    ? new Map(units.map((u) => [u.id, { name: u.name, retired: !u.active }]))
    : await namedUnits(db, { id: siteId, unitsVersion: selection.unitsVersion }, [...new Set(unitRows.map((r) => r.unit_id))]);
  const perUnit = new Map<string, Totals>();
  for (const row of unitRows) perUnit.set(row.unit_id, addInto(perUnit.get(row.unit_id) ?? {}, row, periodSign.get(row.period) ?? 0));
  // Scores of too few ratings are not given (`minRated`): a rated count of 0 makes every mean null.
  const shown = (rated: number) => (rated >= (selection.minRated ?? 1) ? rated : 0);
  const withBelow = new Set(unitRows.filter((r) => r.with_below).map((r) => r.unit_id));
  const byUnit: UnitStats[] = [...perUnit].map(([unitId, u]) => ({
    unitId, name: names.get(unitId)?.name ?? unitId, active: !names.get(unitId)?.retired, ...(withBelow.has(unitId) && { includesSubunits: true }), messages: u.messages ?? 0,
    replyRate: ratio(u.replied ?? 0, u.messages ?? 0), onTimeRate: ratio(u.on_time ?? 0, u.replied ?? 0), satisfaction: mean(u.rating_sum ?? 0, shown(u.rated ?? 0)),
  })).filter((u) => u.messages > 0)
    .sort((a, b) => (b.replyRate ?? -1) - (a.replyRate ?? -1) || (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || b.messages - a.messages);

  const perOutlet = new Map<string, number>();
  for (const row of outletRows) perOutlet.set(row.outlet, (perOutlet.get(row.outlet) ?? 0) + unitSign(row.unit_id) * (periodSign.get(row.period) ?? 0) * row.n);
  const counted = <K extends string>(values: readonly K[], prefix: string) =>
    Object.fromEntries(values.map((v) => [v, t(`${prefix}${v}`)]).filter(([, n]) => (n as number) > 0)) as Record<string, number>;

  return {
    messages: t('messages'),
    replied: t('replied'),
    replyRate: ratio(t('replied'), t('messages')),
    onTimeRate: ratio(t('on_time'), t('replied')),
    medianResponseHours: medianHours(new Map(RESPONSE_BANDS.map((b) => [b, t(`hours_${b}`)]))),
    satisfaction: {
      rated: t('rated'),
      mean: mean(t('rating_sum'), shown(t('rated'))),
      distribution: shown(t('rated')) > 0 ? [t('rating_1'), t('rating_2'), t('rating_3'), t('rating_4'), t('rating_5')] : [0, 0, 0, 0, 0],
      resolution: mean(t('resolution_sum'), shown(t('rated'))),
      attitude: mean(t('attitude_sum'), shown(t('rated'))),
      speed: mean(t('speed_sum'), shown(t('rated'))),
    },
    adopted: t('adopted'),
    byType: counted(MESSAGE_TYPES, 'type_'),
    byDomain: counted(DOMAINS, 'domain_'),
    byOutlet: Object.fromEntries([...perOutlet].filter(([, n]) => n > 0)),
    monthly: [...byMonth.values()].filter((m) => m.messages > 0).sort((a, b) => a.month.localeCompare(b.month)),
    byUnit,
  };
}
