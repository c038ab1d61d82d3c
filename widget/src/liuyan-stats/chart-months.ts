import type { MonthlyStats } from '../../../sdk/src/schemas/stats';

/** `YYYY-MM` → months since year 0 (year × 12 + month − 1), and back. */
const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (i: number) => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;

/** The month it is in China (UTC+8 all year, no daylight saving), `YYYY-MM`. */
export const chinaMonth = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);

/**
 * The months a chart draws: every month, the ones without messages as zeros (the API lists only
 * months with messages), from `from` (else the first month with messages) to `to` (else the current
 * month, `currentMonth`, or a later month with messages), at most the last `count` of them. Empty
 * when no month has messages. Months are `YYYY-MM`, China time.
 */
export function chartMonths(monthly: MonthlyStats[], range: { from?: string; to?: string }, currentMonth: string, count: number): MonthlyStats[] {
  if (monthly.length === 0) return [];
  const known = new Map(monthly.map((m) => [m.month, m]));
  const listed = monthly.map((m) => index(m.month));
  const end = range.to ? index(range.to) : Math.max(index(currentMonth), ...listed);
  const start = Math.max(range.from ? index(range.from) : Math.min(...listed), end - count + 1);
  return Array.from({ length: Math.max(0, end - start + 1) }, (_, i) => {
    const month = monthOf(start + i);
    return known.get(month) ?? { month, messages: 0, replied: 0 };
  });
}

/**
 * The months drawn, first and last, when some counted month is left out of them (the chart shows the
 * last `count`, the figures above it every month): the chart's title then names them, so its bars are
 * not read as adding up to the total. Null when every month with messages is drawn.
 */
export function drawnPeriod(monthly: MonthlyStats[], months: MonthlyStats[]): { from: string; to: string } | null {
  const from = months[0]?.month;
  const to = months.at(-1)?.month;
  if (!from || !to) return null;
  return monthly.some((m) => m.messages > 0 && (m.month < from || m.month > to)) ? { from, to } : null;
}

/**
 * What the axis says under each month: its number (`11`), and its year where the year starts or
 * changes (the first month, and every January), so a range across a year reads unambiguously.
 */
export function axisLabels(months: MonthlyStats[]): { month: string; year: string | null }[] {
  return months.map(({ month }, i) => ({
    month: String(Number(month.slice(5, 7))),
    year: i === 0 || month.slice(0, 4) !== months[i - 1]!.month.slice(0, 4) ? month.slice(0, 4) : null,
  }));
}
