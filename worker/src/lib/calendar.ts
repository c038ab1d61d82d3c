import { endOfLocalDay, localDay } from './site-time';

/** A site's exceptions to the weekday rule: public holidays, and weekend days worked instead (调休). */
export interface WorkingCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

export const weekdaysOnly: WorkingCalendar = { holidays: new Set(), workdays: new Set() };

/** Saturday or Sunday, for a day written YYYY-MM-DD. */
export function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function isWorkingDay(day: string, calendar: WorkingCalendar): boolean {
  if (calendar.workdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  return !isWeekend(day);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included (YYYY-MM-DD); empty when `to` is before `from`. */
export function daysFromTo(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = nextDay(day)) days.push(day);
  return days;
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

/** Where an extension counts from: the current deadline, or today when that deadline has passed. */
export type ExtensionBase = 'deadline' | 'today';

/**
 * The deadline after extending by `workingDays` (延期): counted on from the current deadline, or, when
 * that has passed, from today (site-local) as a new message would be — an overdue message extended
 * from its past deadline could stay overdue. `calendar` must hold the days from the base day on.
 * Returns the new deadline as a UTC ISO instant and where it was counted from.
 */
export function extendedDeadline(dueAt: Date, workingDays: number, now: Date, calendar: WorkingCalendar): { dueAt: string; countedFrom: ExtensionBase } {
  const countedFrom: ExtensionBase = dueAt.getTime() < now.getTime() ? 'today' : 'deadline';
  return { dueAt: dueAfterWorkingDays(countedFrom === 'today' ? now : dueAt, workingDays, calendar), countedFrom };
}
