import { describe, expect, it } from 'vitest';
import { dueAfterWorkingDays, extendedDeadline, isWorkingDay, weekdaysOnly, type WorkingCalendar } from './calendar';
import { toSiteTime } from './site-time';

// November 2026: Mon 23, Tue 24, Wed 25, Thu 26, Fri 27, Sat 28, Sun 29, Mon 30; Tue 1 Dec …
const calendar = (holidays: string[] = [], workdays: string[] = []): WorkingCalendar => ({
  holidays: new Set(holidays),
  workdays: new Set(workdays),
});

/** The due date as the citizen reads it. */
const due = (submittedAt: string, days: number, cal: WorkingCalendar = weekdaysOnly) =>
  toSiteTime(dueAfterWorkingDays(new Date(submittedAt), days, cal));

describe('isWorkingDay', () => {
  it('counts Monday to Friday and not the weekend', () => {
    expect(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'].map((d) => isWorkingDay(d, weekdaysOnly)))
      .toEqual([true, true, true, true, true]);
    expect(isWorkingDay('2026-11-28', weekdaysOnly)).toBe(false);
    expect(isWorkingDay('2026-11-29', weekdaysOnly)).toBe(false);
  });

  it('skips a holiday and counts a make-up working day on a weekend', () => {
    expect(isWorkingDay('2026-11-25', calendar(['2026-11-25']))).toBe(false);
    expect(isWorkingDay('2026-11-28', calendar([], ['2026-11-28']))).toBe(true);
  });
});

describe('dueAfterWorkingDays', () => {
  it('does not count the day of arrival, and ends at 23:59:59 China time', () => {
    // Tuesday 10:00 in China.
    expect(due('2026-11-24T10:00:00+08:00', 1)).toBe('2026-11-25T23:59:59+08:00');
    expect(dueAfterWorkingDays(new Date('2026-11-24T10:00:00+08:00'), 1, weekdaysOnly)).toBe('2026-11-25T15:59:59.000Z');
  });

  it('skips weekends', () => {
    // Thursday + 2 working days: Friday, (weekend), Monday.
    expect(due('2026-11-26T09:00:00+08:00', 2)).toBe('2026-11-30T23:59:59+08:00');
    // A complaint on Tuesday: 7 working days is the Thursday of the next week.
    expect(due('2026-11-24T09:00:00+08:00', 7)).toBe('2026-12-03T23:59:59+08:00');
  });

  it('counts from Monday for a message that arrives on the weekend', () => {
    expect(due('2026-11-28T12:00:00+08:00', 1)).toBe('2026-11-30T23:59:59+08:00');
    expect(due('2026-11-29T12:00:00+08:00', 5)).toBe('2026-12-04T23:59:59+08:00');
  });

  it('skips a holiday inside the window', () => {
    expect(due('2026-11-24T09:00:00+08:00', 7, calendar(['2026-11-26']))).toBe('2026-12-04T23:59:59+08:00');
    // Holidays outside the window change nothing.
    expect(due('2026-11-24T09:00:00+08:00', 7, calendar(['2026-11-24', '2026-12-10']))).toBe('2026-12-03T23:59:59+08:00');
  });

  it('counts a make-up working day on a weekend', () => {
    // Golden week 2026 shape: 1–7 October off, Saturday 10 October worked.
    const goldenWeek = calendar(
      ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
      ['2026-10-10'],
    );
    // Wednesday 30 September + 3 working days: Thu 8, Fri 9, Sat 10 (make-up day).
    expect(due('2026-09-30T15:00:00+08:00', 3, goldenWeek)).toBe('2026-10-10T23:59:59+08:00');
    expect(due('2026-09-30T15:00:00+08:00', 3)).toBe('2026-10-05T23:59:59+08:00');
  });

  it('uses the day in China, not in UTC, for a message late on Friday', () => {
    // Friday 23:30 in China (15:30 UTC): the next working day is Monday.
    expect(due('2026-11-27T23:30:00+08:00', 1)).toBe('2026-11-30T23:59:59+08:00');
    // Saturday 00:30 in China is still Friday in UTC: it arrived on the weekend, so Monday again.
    expect(due('2026-11-28T00:30:00+08:00', 1)).toBe('2026-11-30T23:59:59+08:00');
    // Friday 07:00 in China is Thursday 23:00 UTC: it arrived on Friday, so it is due Monday, not Friday.
    expect(due('2026-11-27T07:00:00+08:00', 1)).toBe('2026-11-30T23:59:59+08:00');
  });

  it('counts a message sent one second before midnight in China as that day', () => {
    expect(due('2026-11-24T23:59:59+08:00', 1)).toBe('2026-11-25T23:59:59+08:00');
    expect(due('2026-11-25T00:00:00+08:00', 1)).toBe('2026-11-26T23:59:59+08:00');
  });
});

describe('extendedDeadline', () => {
  const now = new Date('2026-12-01T10:00:00+08:00'); // Tuesday

  it('counts on from a deadline that has not passed', () => {
    const due = new Date('2026-12-03T23:59:59+08:00'); // Thursday
    const extended = extendedDeadline(due, 2, now, weekdaysOnly);
    expect({ ...extended, dueAt: toSiteTime(extended.dueAt) }).toEqual({ dueAt: '2026-12-07T23:59:59+08:00', countedFrom: 'deadline' });
  });

  it('counts from today when the deadline has passed, skipping the calendar’s holidays', () => {
    const due = new Date('2026-11-20T23:59:59+08:00');
    const extended = extendedDeadline(due, 2, now, calendar(['2026-12-02']));
    // Wednesday 2 December off: Thursday 3, Friday 4.
    expect({ ...extended, dueAt: toSiteTime(extended.dueAt) }).toEqual({ dueAt: '2026-12-04T23:59:59+08:00', countedFrom: 'today' });
  });
});
