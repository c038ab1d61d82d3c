// The national public holidays and make-up working days (调休) of mainland China, as the General
// Office of the State Council (国务院办公厅) publishes them each November for the next year, under the
// 全国年节及纪念日放假办法 (as revised by 国务院令第793号, in force from 2025: 春节 4 days, 劳动节 2).
//
// Only years whose notice is recorded here can be imported; the importer refuses any other year
// rather than guess. 2027: the notice 国务院办公厅关于2027年部分节假日安排的通知 is not recorded here
// (its dates were not known with certainty when this file was written): add it from the notice
// itself, in the same form, once published (usually in November of the year before).
import type { CalendarDay } from '../../../sdk/src/schemas/admin';
import { daysFromTo } from './calendar';

/** One holiday period of a notice: days off from `from` to `to` (both included), and its make-up working days. */
export interface NationalPeriod {
  name: string;
  from: string;
  to: string;
  workdays: readonly string[];
}

export interface NationalSchedule {
  /** The notice the dates come from. */
  source: string;
  periods: readonly NationalPeriod[];
}

export const NATIONAL_SCHEDULES: Readonly<Record<number, NationalSchedule>> = {
  2025: {
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）',
    periods: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01', workdays: [] },
      { name: '春节', from: '2025-01-28', to: '2025-02-04', workdays: ['2025-01-26', '2025-02-08'] },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06', workdays: [] },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05', workdays: ['2025-04-27'] },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02', workdays: [] },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08', workdays: ['2025-09-28', '2025-10-11'] },
    ],
  },
  2026: {
    // As published by Xinhua on the day (e.g. https://politics.gmw.cn/2025-11/04/content_38391083.htm);
    // the notice's document number is not recorded here, its dates are.
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
    periods: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03', workdays: ['2026-01-04'] },
      { name: '春节', from: '2026-02-15', to: '2026-02-23', workdays: ['2026-02-14', '2026-02-28'] },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06', workdays: [] },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05', workdays: ['2026-05-09'] },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21', workdays: [] },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27', workdays: [] },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07', workdays: ['2026-09-20', '2026-10-10'] },
    ],
  },
};

/** A year's national days off and make-up working days, each named for its holiday; null for a year not recorded. */
export function nationalDays(year: number): CalendarDay[] | null {
  const schedule = NATIONAL_SCHEDULES[year];
  if (!schedule) return null;
  return schedule.periods.flatMap((p) => [
    ...daysFromTo(p.from, p.to).map((day) => ({ day, kind: 'holiday' as const, name: p.name })),
    ...p.workdays.map((day) => ({ day, kind: 'workday' as const, name: p.name })),
  ]);
}
