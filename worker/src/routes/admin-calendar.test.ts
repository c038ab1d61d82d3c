import { describe, expect, it } from 'vitest';
import type { CalendarDay } from '../../../sdk/src/schemas/admin';
import { createSite, db, expectProblem, submit, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';

async function auditRows(siteId: string, action: string) {
  return db.all(db.q.selectFrom('audit_log').select(['account_id', 'action', 'detail']).where('site_id', '=', siteId).where('action', '=', action).orderBy('id'));
}

const yearOf = async (as: TestOfficial, year: number) => (await consoleRequest(`/v1/admin/calendar?year=${year}`, { as })).json<CalendarDay[]>();

describe('/v1/admin/calendar', () => {
  const nationalDay: CalendarDay[] = [
    { day: '2026-10-01', kind: 'holiday', name: '国庆节' },
    { day: '2026-10-02', kind: 'holiday', name: '国庆节' },
    { day: '2026-10-10', kind: 'workday', name: '国庆节调休' },
  ];

  it('replaces a year’s days and leaves other years alone', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const put = (year: number, days: unknown[]) => consoleRequest('/v1/admin/calendar', { as: admin, method: 'PUT', body: { year, days } });
    expect((await put(2025, [{ day: '2025-10-01', kind: 'holiday', name: '国庆节' }])).status).toBe(200);
    expect((await put(2026, [{ day: '2026-05-01', kind: 'holiday', name: '劳动节' }])).status).toBe(200);

    const response = await put(2026, [nationalDay[2], nationalDay[0], nationalDay[1]]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(nationalDay);
    expect(await (await consoleRequest('/v1/admin/calendar?year=2026', { as: admin })).json()).toEqual(nationalDay);
    expect(await (await consoleRequest('/v1/admin/calendar?year=2025', { as: admin })).json()).toEqual([
      { day: '2025-10-01', kind: 'holiday', name: '国庆节' },
    ]);
    const audit = await auditRows(siteId, 'calendar.update');
    expect(JSON.parse(audit.at(-1)!.detail!)).toEqual({ year: 2026, days: 3 });
  });

  it('stores a whole year of days in one replacement', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const days = Array.from({ length: 365 }, (_, i) => ({
      day: new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10), kind: 'holiday' as const,
    }));
    const response = await consoleRequest('/v1/admin/calendar', { as: admin, method: 'PUT', body: { year: 2027, days } });
    expect(response.status).toBe(200);
    expect(await (await consoleRequest('/v1/admin/calendar?year=2027', { as: admin })).json()).toHaveLength(365);
  });

  it('moves the deadlines of new messages', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const year = new Date().getUTCFullYear();
    const before = await (await submit(siteId, validMessage(`${siteId}_edu`))).json<{ dueAt: string }>();
    // Every remaining day of the year and the next off: the deadline moves past them.
    const holidays = (y: number) => Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(y, 0, 1 + i)).toISOString().slice(0, 10))
      .filter((day) => day.startsWith(`${y}-`)).map((day) => ({ day, kind: 'holiday' }));
    for (const y of [year, year + 1]) {
      expect((await consoleRequest('/v1/admin/calendar', { as: admin, method: 'PUT', body: { year: y, days: holidays(y) } })).status).toBe(200);
    }
    const after = await (await submit(siteId, validMessage(`${siteId}_edu`))).json<{ dueAt: string }>();
    expect(before.dueAt.slice(0, 4)).not.toBe(String(year + 2));
    expect(after.dueAt.startsWith(String(year + 2))).toBe(true);
  });

  it('refuses days that are not real, of another year, or given twice', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const invalid = await expectProblem(await consoleRequest('/v1/admin/calendar', {
      as: admin, method: 'PUT',
      body: { year: 2026, days: [{ day: '2026-02-30', kind: 'holiday' }, { day: '2026-10-01', kind: 'vacation' }] },
    }), 422, 'validation');
    expect(invalid.errors!.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: 'days.0.day', code: 'invalid' },
      { field: 'days.1.kind', code: 'invalid_choice' },
    ]);
    const misplaced = await expectProblem(await consoleRequest('/v1/admin/calendar', {
      as: admin, method: 'PUT',
      body: { year: 2026, days: [{ day: '2026-10-01', kind: 'holiday' }, { day: '2027-01-01', kind: 'holiday' }, { day: '2026-10-01', kind: 'workday' }] },
    }), 422, 'validation');
    expect(misplaced.errors).toEqual([
      { field: 'days.1.day', code: 'outside_year', params: { year: 2026 }, message: '日期不在2026年内，请先切换到该日期所在的年份' },
      { field: 'days.2.day', code: 'duplicate_day', message: '日期与另一条重复：同一天只能有一条' },
    ]);
    const noYear = await expectProblem(await consoleRequest('/v1/admin/calendar', { as: admin }), 422, 'validation');
    expect(noYear.errors).toEqual([expect.objectContaining({ field: 'year', code: 'required' })]);
    expect(await (await consoleRequest('/v1/admin/calendar?year=2026', { as: admin })).json()).toEqual([]);
  });

  it('keeps each site’s calendar its own', async () => {
    const mine = await createSite();
    const other = await createSite();
    const admin = await createOfficial(mine.siteId, 'admin');
    const otherAdmin = await createOfficial(other.siteId, 'admin');
    await consoleRequest('/v1/admin/calendar', { as: otherAdmin, method: 'PUT', body: { year: 2026, days: nationalDay } });
    await consoleRequest('/v1/admin/calendar', { as: admin, method: 'PUT', body: { year: 2026, days: [] } });
    expect(await (await consoleRequest('/v1/admin/calendar?year=2026', { as: admin })).json()).toEqual([]);
    expect(await (await consoleRequest('/v1/admin/calendar?year=2026', { as: otherAdmin })).json()).toEqual(nationalDay);
  });
});

describe('POST /v1/admin/calendar/removals', () => {
  const addPeriod = (as: TestOfficial, body: unknown) => consoleRequest('/v1/admin/calendar/periods', { as, method: 'POST', body });
  const remove = (as: TestOfficial, body: unknown) => consoleRequest('/v1/admin/calendar/removals', { as, method: 'POST', body });

  it('takes out the days named only: a holiday another admin added since the page was opened stays', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const otherAdmin = await createOfficial(siteId, 'admin');
    await addPeriod(admin, { name: '测试假A', from: '2027-03-15', to: '2027-03-16' });
    const seen = await yearOf(admin, 2027);
    // Meanwhile, on another page:
    await addPeriod(otherAdmin, { name: '测试假B', from: '2027-12-22' });
    const response = await remove(admin, { year: 2027, days: seen.filter((d) => d.name === '测试假A').map((d) => d.day) });
    expect(response.status).toBe(200);
    const left: CalendarDay[] = [{ day: '2027-12-22', kind: 'holiday', name: '测试假B' }];
    expect(await response.json()).toEqual(left);
    expect(await yearOf(otherAdmin, 2027)).toEqual(left);
    // Twice is the same; a day not there is no error.
    expect(await (await remove(admin, { year: 2027, days: ['2027-03-15', '2027-03-15', '2027-04-01'] })).json()).toEqual(left);
    expect(JSON.parse((await auditRows(siteId, 'calendar.remove')).at(0)!.detail!)).toEqual({ year: 2027, days: 2, names: ['测试假A'] });
    const log = await (await consoleRequest('/v1/admin/audit-log?action=calendar.remove', { as: admin })).json<{ items: { holidays: string[]; year: number }[] }>();
    expect(log.items.map((e) => e.holidays)).toEqual([[], ['测试假A']]);
  });

  it('removes a whole year of days in one request, and refuses a day of another year, naming it', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const days = Array.from({ length: 365 }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10));
    await consoleRequest('/v1/admin/calendar', { as: admin, method: 'PUT', body: { year: 2027, days: days.map((day) => ({ day, kind: 'holiday' })) } });
    const problem = await expectProblem(await remove(admin, { year: 2027, days: ['2027-01-04', '2028-01-03'] }), 422, 'validation');
    expect(problem.errors!.map(({ field, code }) => ({ field, code }))).toEqual([{ field: 'days.1', code: 'outside_year' }]);
    expect(await yearOf(admin, 2027)).toHaveLength(365);
    expect(await (await remove(admin, { year: 2027, days })).json()).toEqual([]);
  });
});

describe('POST /v1/admin/calendar/periods', () => {
  const addPeriod = (as: TestOfficial, body: unknown) => consoleRequest('/v1/admin/calendar/periods', { as, method: 'POST', body });

  it('adds a holiday from–to with its make-up working days under one name, keeping the other days', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    await consoleRequest('/v1/admin/calendar', { as: admin, method: 'PUT', body: { year: 2027, days: [{ day: '2027-03-15', kind: 'holiday', name: '县庆' }] } });
    // Saturday 6 February and Saturday 20 February 2027 are weekends.
    const response = await addPeriod(admin, { name: '春节', from: '2027-02-08', to: '2027-02-12', workdays: ['2027-02-06', '2027-02-20'] });
    expect(response.status).toBe(200);
    const expected: CalendarDay[] = [
      { day: '2027-02-06', kind: 'workday', name: '春节' },
      ...['08', '09', '10', '11', '12'].map((d) => ({ day: `2027-02-${d}`, kind: 'holiday' as const, name: '春节' })),
      { day: '2027-02-20', kind: 'workday', name: '春节' },
      { day: '2027-03-15', kind: 'holiday', name: '县庆' },
    ];
    expect(await response.json()).toEqual(expected);
    expect(await yearOf(admin, 2027)).toEqual(expected);
    // One day: no end date. A day already there takes the new kind and name.
    expect((await addPeriod(admin, { name: '县庆（改）', from: '2027-03-15' })).status).toBe(200);
    expect((await yearOf(admin, 2027)).at(-1)).toEqual({ day: '2027-03-15', kind: 'holiday', name: '县庆（改）' });
    expect(JSON.parse((await auditRows(siteId, 'calendar.period')).at(-1)!.detail!)).toEqual({ name: '县庆（改）', days: 1 });
  });

  it('says what is wrong with each date', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const errors = async (body: unknown) => (await expectProblem(await addPeriod(admin, body), 422, 'validation')).errors!
      .map(({ field, code, message }) => ({ field, code, message }));
    expect(await errors({ name: '春节', from: '2027-02-12', to: '2027-02-08' })).toEqual([
      { field: 'to', code: 'before_start', message: '结束日期不能早于开始日期' },
    ]);
    expect(await errors({ name: '长假', from: '2027-01-01', to: '2027-03-01' })).toEqual([
      { field: 'to', code: 'range_too_long', message: '一段假期最多31天' },
    ]);
    // Monday 1 February is a working day anyway; 9 February is already a day off of this holiday.
    expect(await errors({ name: '春节', from: '2027-02-08', to: '2027-02-12', workdays: ['2027-02-01', '2027-02-09'] })).toEqual([
      { field: 'workdays.0', code: 'not_weekend', message: '调休上班日应为周六或周日：工作日本来就要上班' },
      { field: 'workdays.1', code: 'duplicate_day', message: '调休上班日与另一条重复：同一天只能有一条' },
    ]);
    expect(await errors({ name: '春节', to: '2027-02-12' })).toEqual([{ field: 'from', code: 'required', message: '请填写开始日期' }]);
    expect(await errors({ name: ' ', from: '2027-02-30' })).toEqual([
      { field: 'name', code: 'required', message: '请填写名称' },
      { field: 'from', code: 'invalid', message: '开始日期格式不正确' },
    ]);
    expect(await yearOf(admin, 2027)).toEqual([]);
  });
});

describe('POST /v1/admin/calendar/import', () => {
  const importYear = (as: TestOfficial, year: number) => consoleRequest('/v1/admin/calendar/import', { as, method: 'POST', body: { year } });

  it('adds the national holidays and make-up working days of 2026, keeping the site’s own, and changes nothing the second time', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    await consoleRequest('/v1/admin/calendar', { as: admin, method: 'PUT', body: { year: 2026, days: [
      { day: '2026-03-20', kind: 'holiday', name: '县庆' },
      { day: '2026-10-01', kind: 'holiday', name: null },
    ] } });
    const response = await importYear(admin, 2026);
    expect(response.status).toBe(200);
    const days = await response.json<CalendarDay[]>();
    const kindOf = (day: string) => days.find((d) => d.day === day);
    // 春节: 15–23 February off, Saturdays 14 and 28 February worked.
    expect(days.filter((d) => d.name === '春节')).toEqual([
      { day: '2026-02-14', kind: 'workday', name: '春节' },
      ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => ({ day: `2026-02-${d}`, kind: 'holiday', name: '春节' })),
      { day: '2026-02-28', kind: 'workday', name: '春节' },
    ]);
    expect(kindOf('2026-10-10')).toEqual({ day: '2026-10-10', kind: 'workday', name: '国庆节' });
    expect(kindOf('2026-03-20')).toEqual({ day: '2026-03-20', kind: 'holiday', name: '县庆' });
    expect(kindOf('2026-10-01')).toEqual({ day: '2026-10-01', kind: 'holiday', name: '国庆节' });
    expect(days.filter((d) => d.kind === 'holiday')).toHaveLength(33 + 1);
    expect(days.filter((d) => d.kind === 'workday')).toHaveLength(6);

    expect(await (await importYear(admin, 2026)).json()).toEqual(days);
    expect(await yearOf(admin, 2026)).toEqual(days);
    expect(await yearOf(admin, 2025)).toEqual([]);
    expect(JSON.parse((await auditRows(siteId, 'calendar.import')).at(-1)!.detail!)).toEqual({ year: 2026, days: 39 });
  });

  it('refuses a year it has no national schedule for, naming the year', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const problem = await expectProblem(await importYear(admin, 2027), 422, 'validation');
    expect(problem.errors).toEqual([{
      field: 'year', code: 'no_national_schedule', params: { year: 2027 },
      message: '暂无2027年的国家节假日安排（国务院办公厅通知尚未收录），请逐段添加',
    }]);
    expect(await yearOf(admin, 2027)).toEqual([]);
    expect(await auditRows(siteId, 'calendar.import')).toEqual([]);
  });
});
