import { describe, expect, it } from 'vitest';
import { axisLabels, chartMonths, chinaMonth, drawnPeriod } from './chart-months';

const m = (month: string, messages = 1, replied = 0) => ({ month, messages, replied });

describe('the months of the chart', () => {
  it('draws a month without messages as zero, up to the current month', () => {
    expect(chartMonths([m('2026-09', 3, 2), m('2026-11', 1, 1)], {}, '2026-12', 12)).toEqual([
      m('2026-09', 3, 2), m('2026-10', 0, 0), m('2026-11', 1, 1), m('2026-12', 0, 0),
    ]);
  });

  it('keeps to the range asked for, and to the last months that fit', () => {
    const monthly = [m('2024-03'), m('2025-11'), m('2026-02')];
    expect(chartMonths(monthly, { from: '2025-10', to: '2026-01' }, '2026-12', 12).map((x) => x.month)).toEqual(['2025-10', '2025-11', '2025-12', '2026-01']);
    const last = chartMonths(monthly, {}, '2026-03', 12);
    expect(last.map((x) => x.month)).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    expect(last.reduce((sum, x) => sum + x.messages, 0)).toBe(2);
    expect(chartMonths([], {}, '2026-03', 12)).toEqual([]);
  });

  it('names the months drawn when a counted month is not among them', () => {
    const monthly = [m('2025-11', 2, 2), m('2026-01', 5), m('2026-12', 3)];
    const last = chartMonths(monthly, {}, '2026-12', 12);
    expect(drawnPeriod(monthly, last)).toEqual({ from: '2026-01', to: '2026-12' });
    expect(drawnPeriod(monthly, chartMonths(monthly, {}, '2026-12', 14))).toBeNull();
    expect(drawnPeriod(monthly, chartMonths(monthly, { to: '2026-06' }, '2026-12', 12))).toEqual({ from: '2025-11', to: '2026-06' });
    expect(drawnPeriod([], [])).toBeNull();
  });

  it('labels the year where it starts and where it changes', () => {
    expect(axisLabels([m('2025-11'), m('2025-12'), m('2026-01'), m('2026-02')])).toEqual([
      { month: '11', year: '2025' }, { month: '12', year: null }, { month: '1', year: '2026' }, { month: '2', year: null },
    ]);
  });

  it('takes the month in China time', () => {
    expect(chinaMonth(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(chinaMonth(new Date('2026-11-30T15:30:00Z'))).toBe('2026-11');
  });
});
