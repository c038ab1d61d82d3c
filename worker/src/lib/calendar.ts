import { endOfLocalDay, localDay } from './site-time';

/** A site's exceptions to the weekday rule: public holidays, and weekend days worked instead (调休). */
export interface WorkingCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

export const weekdaysOnly: WorkingCalendar = { holidays: new Set(), workdays: new Set() };

export function isWorkingDay(day: string, calendar: WorkingCalendar): boolean {
  if (calendar.workdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * When a message is due: the end of the Nth working day after the day it arrived
 * (the day of arrival does not count, as on 12345 hotlines). Returns a UTC ISO instant.
 */
export function dueAfterWorkingDays(submittedAt: Date, workingDays: number, calendar: WorkingCalendar): string {
  let day = localDay(submittedAt);
  for (let counted = 0; counted < workingDays; ) {
    day = nextDay(day);
    if (isWorkingDay(day, calendar)) counted++;
  }
  return endOfLocalDay(day);
}
