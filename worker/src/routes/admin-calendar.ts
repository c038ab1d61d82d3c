import { createRoute, z } from '@hono/zod-openapi';
import {
  CALENDAR_PERIOD_DAYS_MAX, CalendarDaySchema, CalendarImportInputSchema, CalendarInputSchema, CalendarPeriodInputSchema, CalendarQuerySchema,
  CalendarRemovalInputSchema,
  type CalendarDay,
} from '../../../sdk/src/schemas/admin';
import { newRouteGroup } from '../app';
import { auditEntry, calendarDays, mergeCalendarStatements, removeCalendarStatements, replaceCalendarStatements } from '../db/admin';
import { validationError, type FieldProblem } from '../errors';
import { daysFromTo, isWeekend } from '../lib/calendar';
import { nationalDays } from '../lib/national-holidays';
import { bodyErrorResponses, officialErrorResponses } from './openapi-common';

/**
 * The site's working calendar (工作日历): the public holidays and make-up working days (调休) that
 * deadlines are counted with. Admins only (see index.ts). Deadlines already set do not move.
 */
export const adminCalendar = newRouteGroup();

const yearDays = { description: 'the year’s days, in date order', content: { 'application/json': { schema: z.array(CalendarDaySchema) } } };
const yearOf = (day: string) => Number(day.slice(0, 4));
/** `outside_year` for `days.<i>…` (`field`) not in `year`: a day of another year would escape a year's change (and linger). */
const outsideYear = (day: string, year: number, field: string): FieldProblem | null =>
  (day.startsWith(`${year}-`) ? null : { field, code: 'outside_year', params: { year } });

const getCalendar = createRoute({
  operationId: 'getCalendar',
  method: 'get',
  path: '/v1/admin/calendar',
  summary: 'A year’s public holidays and make-up working days (调休), which deadlines count with',
  request: { query: CalendarQuerySchema },
  responses: { 200: yearDays, ...officialErrorResponses },
});

adminCalendar.openapi(getCalendar, async (c) => {
  const { year } = c.req.valid('query');
  return c.json(await calendarDays(c.get('db'), c.get('site').id, year), 200);
});

const replaceCalendar = createRoute({
  operationId: 'replaceCalendar',
  method: 'put',
  path: '/v1/admin/calendar',
  summary: 'Replace a year’s holidays and make-up working days (deadlines already set do not move)',
  request: { body: { required: true, content: { 'application/json': { schema: CalendarInputSchema } } } },
  responses: { 200: yearDays, ...officialErrorResponses, ...bodyErrorResponses },
});

adminCalendar.openapi(replaceCalendar, async (c) => {
  const { year, days } = c.req.valid('json');
  const site = c.get('site');
  const db = c.get('db');
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  days.forEach(({ day }, i) => {
    const outside = outsideYear(day, year, `days.${i}.day`);
    if (outside) problems.push(outside);
    else if (seen.has(day)) problems.push({ field: `days.${i}.day`, code: 'duplicate_day' });
    seen.add(day);
  });
  if (problems.length > 0) throw validationError(problems);

  const sorted = days
    .map((d) => ({ day: d.day, kind: d.kind, name: d.name || null }))
    .sort((a, b) => a.day.localeCompare(b.day));
  const at = new Date().toISOString();
  await db.batch([
    ...replaceCalendarStatements(db, site.id, year, sorted),
    auditEntry(db, { siteId: site.id, accountId: c.get('official').id, action: 'calendar.update', detail: { year, days: sorted.length }, at }),
  ]);
  return c.json(sorted, 200);
});

const addCalendarPeriod = createRoute({
  operationId: 'addCalendarPeriod',
  method: 'post',
  path: '/v1/admin/calendar/periods',
  summary: 'Add one holiday: its days off from–to and its make-up working days, under one name (merged with what is there)',
  request: { body: { required: true, content: { 'application/json': { schema: CalendarPeriodInputSchema } } } },
  responses: {
    200: { ...yearDays, description: 'the days of the year the holiday starts in (its first day off, else its first make-up day), in date order' },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

adminCalendar.openapi(addCalendarPeriod, async (c) => {
  const { name, from, to, workdays } = c.req.valid('json');
  const site = c.get('site');
  const db = c.get('db');
  const problems: FieldProblem[] = [];
  // Days off, or at least a make-up working day; an end needs its start.
  if (!from && (to || workdays.length === 0)) problems.push({ field: 'from', code: 'required' });
  const holidays = from ? daysFromTo(from, to ?? from) : [];
  if (from && to && to < from) problems.push({ field: 'to', code: 'before_start' });
  else if (holidays.length > CALENDAR_PERIOD_DAYS_MAX) problems.push({ field: 'to', code: 'range_too_long', params: { max: CALENDAR_PERIOD_DAYS_MAX } });
  const seen = new Set(holidays);
  workdays.forEach((day, i) => {
    if (seen.has(day)) problems.push({ field: `workdays.${i}`, code: 'duplicate_day' });
    else if (!isWeekend(day)) problems.push({ field: `workdays.${i}`, code: 'not_weekend' });
    seen.add(day);
  });
  if (problems.length > 0) throw validationError(problems);

  const days: CalendarDay[] = [
    ...holidays.map((day) => ({ day, kind: 'holiday' as const, name })),
    ...workdays.map((day) => ({ day, kind: 'workday' as const, name })),
  ];
  const year = yearOf(from ?? workdays[0]!);
  const at = new Date().toISOString();
  await db.batch([
    ...mergeCalendarStatements(db, site.id, days),
    auditEntry(db, { siteId: site.id, accountId: c.get('official').id, action: 'calendar.period', detail: { name, days: days.length }, at }),
  ]);
  return c.json(await calendarDays(db, site.id, year), 200);
});

const removeCalendarDays = createRoute({
  operationId: 'removeCalendarDays',
  method: 'post',
  path: '/v1/admin/calendar/removals',
  summary: 'Take days out of a year’s calendar (a holiday, as it was shown); every other day stays, one added meanwhile too',
  request: { body: { required: true, content: { 'application/json': { schema: CalendarRemovalInputSchema } } } },
  responses: { 200: yearDays, ...officialErrorResponses, ...bodyErrorResponses },
});

// Only the days named: the year replaced whole (PUT) from a page opened earlier would also drop a
// holiday another admin added since.
adminCalendar.openapi(removeCalendarDays, async (c) => {
  const { year, days } = c.req.valid('json');
  const problems = days.map((day, i) => outsideYear(day, year, `days.${i}`)).filter((p) => p !== null);
  if (problems.length > 0) throw validationError(problems);
  const site = c.get('site');
  const db = c.get('db');
  const unique = [...new Set(days)];
  // The audit log names the holidays removed (read first: once deleted, their names are gone).
  const gone = new Set(unique);
  const names = [...new Set((await calendarDays(db, site.id, year)).filter((d) => gone.has(d.day) && d.name).map((d) => d.name!))];
  const at = new Date().toISOString();
  await db.batch([
    ...removeCalendarStatements(db, site.id, unique),
    auditEntry(db, { siteId: site.id, accountId: c.get('official').id, action: 'calendar.remove', detail: { year, days: unique.length, names }, at }),
  ]);
  return c.json(await calendarDays(db, site.id, year), 200);
});

const importNationalCalendar = createRoute({
  operationId: 'importNationalCalendar',
  method: 'post',
  path: '/v1/admin/calendar/import',
  summary: 'Add the national holidays and make-up working days of a year, as the State Council General Office published them; '
    + 'the site’s own days stay, and importing twice changes nothing',
  request: { body: { required: true, content: { 'application/json': { schema: CalendarImportInputSchema } } } },
  responses: { 200: yearDays, ...officialErrorResponses, ...bodyErrorResponses },
});

adminCalendar.openapi(importNationalCalendar, async (c) => {
  const { year } = c.req.valid('json');
  const days = nationalDays(year);
  if (!days) throw validationError([{ field: 'year', code: 'no_national_schedule', params: { year } }]);
  const site = c.get('site');
  const db = c.get('db');
  // The notice is authoritative for the days it names; a site's other days (a local holiday) stay.
  const at = new Date().toISOString();
  await db.batch([
    ...mergeCalendarStatements(db, site.id, days),
    auditEntry(db, { siteId: site.id, accountId: c.get('official').id, action: 'calendar.import', detail: { year, days: days.length }, at }),
  ]);
  return c.json(await calendarDays(db, site.id, year), 200);
});
