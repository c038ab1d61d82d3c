import { z } from 'zod';
import { withCode } from './error';

/**
 * The years a date the service keeps may fall in: a drive's start and end, the calendar's days.
 * Outside them a date is a typing mistake (0000-01-01, 9999-12-31) that pages would then show as
 * such ("10000/01/01"). Refused with `date_out_of_range` (params `min`, `max`: these years). A date
 * that only filters (statistics' months, the audit log's and the export's days, Open311's dates) is
 * taken in any year: it selects nothing outside the data.
 */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

/** `schema` (a date written from its year: YYYY-MM, YYYY-MM-DD, an ISO date-time) refused outside `YEAR_MIN`–`YEAR_MAX`. */
export function withinYears<T extends z.ZodType<string>>(schema: T) {
  return schema.refine((value) => {
    const year = Number(value.slice(0, 4));
    return year >= YEAR_MIN && year <= YEAR_MAX;
  }, { error: 'date_out_of_range', params: { min: YEAR_MIN, max: YEAR_MAX } });
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A calendar day, `YYYY-MM-DD`, of any year (a filter's). */
export const DayValueSchema = z.string().refine(isCalendarDay, withCode('invalid'));

/** A calendar month in China time, `YYYY-MM`, of any year (a filter's). */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, withCode('invalid')).describe('a month in China time, YYYY-MM');

/** The first instant of `YEAR_MIN` and the end of `YEAR_MAX` (an exclusive end: its last day's midnight after), China time. */
const FIRST_INSTANT = Date.parse(`${YEAR_MIN}-01-01T00:00:00+08:00`);
const END_INSTANT = Date.parse(`${YEAR_MAX + 1}-01-01T00:00:00+08:00`);

/**
 * An instant with its offset (ISO 8601, `2026-03-01T00:00:00+08:00`) within the years above in China
 * time, whatever offset it is written with; the end of 2100 itself (2101-01-01T00:00+08:00) is one,
 * as a drive's exclusive `endsAt` whose last day is 2100-12-31.
 */
export const InstantSchema = z.iso.datetime({ offset: true }).refine((value) => {
  const at = Date.parse(value);
  return at >= FIRST_INSTANT && at <= END_INSTANT;
}, { error: 'date_out_of_range', params: { min: YEAR_MIN, max: YEAR_MAX } });
