import { describe, expect, it } from 'vitest';
import { isWeekend } from './calendar';
import { NATIONAL_HOLIDAYS } from '../../../sdk/src/codes';
import { NATIONAL_SCHEDULES, nationalDays } from './national-holidays';

// The data is copied from the notices by hand: these checks catch a slip of the pen.
describe.each(Object.keys(NATIONAL_SCHEDULES).map(Number))('the national schedule of %i', (year) => {
  const days = nationalDays(year)!;

  it('names days of its own year only, each once', () => {
    expect(days.every((d) => d.day.startsWith(`${year}-`))).toBe(true);
    expect(new Set(days.map((d) => d.day)).size).toBe(days.length);
  });

  it('names its periods by the national holidays the console translates (NATIONAL_HOLIDAYS), one or two joined by 、', () => {
    const names = new Set(days.map((d) => d.name));
    expect([...names].flatMap((name) => name!.split('、')).filter((part) => !(NATIONAL_HOLIDAYS as readonly string[]).includes(part))).toEqual([]);
  });

  it('puts every make-up working day on a weekend', () => {
    expect(days.filter((d) => d.kind === 'workday' && !isWeekend(d.day))).toEqual([]);
  });

  it('gives at least the statutory 13 days off', () => {
    // 国务院令第793号: 元旦 1, 春节 4, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3.
    expect(days.filter((d) => d.kind === 'holiday').length).toBeGreaterThanOrEqual(13);
  });
});

it('has no schedule for a year whose notice is not recorded', () => {
  expect(nationalDays(2027)).toBeNull();
});
