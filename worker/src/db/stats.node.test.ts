import { describe, expect, it } from 'vitest';
import { rangePeriods } from './stats';

/** The months (YYYY-MM) a tally period holds. */
function monthsOf(period: string, all: string[]): string[] {
  if (period === '*') return all;
  const quarter = /^Y(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return all.filter((m) => m.startsWith(quarter[1]!) && Math.ceil(Number(m.slice(5)) / 3) === Number(quarter[2]));
  const year = /^Y(\d{4})$/.exec(period);
  if (year) return all.filter((m) => m.startsWith(year[1]!));
  return all.filter((m) => m === period);
}

/** Each month's weight in the signed sum of the periods. */
function weights(periods: ReturnType<typeof rangePeriods>, all: string[]): Map<string, number> {
  const weight = new Map(all.map((m) => [m, 0]));
  for (const { period, sign } of periods) for (const m of monthsOf(period, all)) weight.set(m, weight.get(m)! + sign);
  return weight;
}

// Every month a message can have when the current month is November 2026: none after this year.
const ALL = Array.from({ length: 5 * 12 }, (_, i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const CURRENT = '2026-11';

describe('rangePeriods', () => {
  it('adds up to exactly the months asked, for every range of 2022–2026, in at most 8 periods for up to 3 years', () => {
    for (const [i, from] of ALL.entries()) {
      for (const to of ALL.slice(i)) {
        const periods = rangePeriods(from, to, CURRENT);
        const weight = weights(periods, ALL);
        for (const m of ALL) expect(weight.get(m), `${from}..${to}: ${m}`).toBe(m >= from && m <= to ? 1 : 0);
        const span = ALL.indexOf(to) - i + 1;
        if (span <= 36) expect(periods.length, `${from}..${to}`).toBeLessThanOrEqual(8);
      }
    }
  });

  it('treats an open end as this year’s end and an open start as everything before', () => {
    for (const month of ALL) {
      const after = weights(rangePeriods(month, undefined, CURRENT), ALL);
      const before = weights(rangePeriods(undefined, month, CURRENT), ALL);
      for (const m of ALL) {
        expect(after.get(m)).toBe(m >= month ? 1 : 0);
        expect(before.get(m)).toBe(m <= month ? 1 : 0);
      }
    }
    expect(rangePeriods(undefined, '2026-12', CURRENT)).toEqual([{ period: '*', sign: 1 }]);
    expect(rangePeriods('2026-03', '2026-01', CURRENT)).toEqual([]);
  });
});
