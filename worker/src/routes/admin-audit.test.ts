import { describe, expect, it } from 'vitest';
import type { AuditAction, AuditEntry, AuditPage } from '../../../sdk/src/schemas/audit';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import type { ReplyTemplate } from '../../../sdk/src/schemas/admin';
import { createSite, d1Cost, db, expectNoPersonalData, expectProblem, submit, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';
import { auditEntry } from '../db/admin';

const auditLog = async (as: TestOfficial, query = '') => {
  const response = await consoleRequest(`/v1/admin/audit-log${query}`, { as });
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json<AuditPage>();
};

/** Entries written as the routes write them, at chosen instants (UTC). */
async function seed(siteId: string, entries: { by: string; action: AuditAction; at: string; detail?: Record<string, unknown> }[]) {
  await db.batch(entries.map((e) => auditEntry(db, { siteId, accountId: e.by, action: e.action, detail: e.detail ?? {}, at: e.at })));
}

describe('GET /v1/admin/audit-log', () => {
  it('shows who saw contact details and who changed settings, calendar, units, accounts and templates, newest first; never the contact details', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin', [], { displayName: '王管理' });
    const responder = await createOfficial(site.siteId, 'responder', [site.eduUnit], { displayName: '李办理' });
    const { id: messageId } = await (await submit(site.siteId, validMessage(site.eduUnit))).json<MessageCreated>();
    const call = async (as: TestOfficial, method: string, path: string, body?: unknown) => {
      const response = await consoleRequest(path, { as, method, body });
      expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBeLessThan(300);
      return response;
    };

    await call(responder, 'POST', `/v1/console/messages/${messageId}/reveal`, {});
    await call(admin, 'PATCH', '/v1/admin/site', { moderation: 'post' });
    await call(admin, 'PUT', '/v1/admin/calendar', { year: 2027, days: [] });
    await call(admin, 'POST', '/v1/admin/units', { name: '测试县水利局', kind: 'department' });
    await call(admin, 'PATCH', `/v1/admin/units/${site.eduUnit}`, { sortOrder: 5 });
    await call(admin, 'PATCH', `/v1/admin/accounts/${responder.id}`, { displayName: '赵办理' });
    const template = await (await call(admin, 'POST', '/v1/admin/reply-templates', { title: '已受理', body: '您好，已受理。' })).json<ReplyTemplate>();
    await call(admin, 'PATCH', `/v1/admin/reply-templates/${template.id}`, { body: '您好，您的留言已受理。' });
    await call(admin, 'DELETE', `/v1/admin/reply-templates/${template.id}`);
    await (await call(admin, 'GET', '/v1/console/export.csv?contact=1')).text();

    const response = await consoleRequest('/v1/admin/audit-log', { as: admin });
    const text = await response.text();
    expectNoPersonalData(text);
    const { items, nextCursor } = JSON.parse(text) as AuditPage;
    expect(nextCursor).toBeNull();
    expect(items.map((e) => e.action)).toEqual([
      'export.contact', 'template.delete', 'template.update', 'template.create', 'account.update',
      'unit.update', 'unit.create', 'calendar.update', 'site.update', 'contact.reveal',
    ]);
    const byAction = (action: string) => items.find((e) => e.action === action)!;
    expect(byAction('contact.reveal')).toMatchObject({ actor: { id: responder.id, displayName: '赵办理' }, messageId, target: null });
    expect(byAction('contact.reveal').at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(byAction('site.update')).toMatchObject({ actor: { id: admin.id, displayName: '王管理' }, fields: ['moderation'] });
    expect(byAction('calendar.update')).toMatchObject({ year: 2027, holidays: [] });
    expect(byAction('unit.update')).toMatchObject({ target: { kind: 'unit', id: site.eduUnit, name: '测试县教育局' }, fields: ['sortOrder'] });
    expect(byAction('account.update')).toMatchObject({ target: { kind: 'account', id: responder.id, name: '赵办理' }, fields: ['displayName'] });
    expect(byAction('template.update')).toMatchObject({ target: { kind: 'template', id: template.id, name: '已受理' }, fields: ['templateBody'] });
    // Removed, the template is still named as it was.
    expect(byAction('template.delete')).toMatchObject({ target: { kind: 'template', id: template.id, name: '已受理' } });
    expect(byAction('export.contact')).toMatchObject({ rows: 1, from: null, to: null });
  });

  it('keeps what a unit was and became at each change (its name, its parent, retired or not), and names a drive', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await consoleRequest(path, { as: admin, method, body });
      expect(response.status, `${method} ${path}`).toBeLessThan(300);
      return response;
    };
    const unit = (await (await call('POST', '/v1/admin/units', { name: '路政大队', kind: 'department', parentId: site.transportUnit })).json<{ id: string }>()).id;
    await call('PATCH', `/v1/admin/units/${unit}`, { name: '公路养护中心' });
    await call('PATCH', `/v1/admin/units/${unit}`, { parentId: site.eduUnit });
    await call('PATCH', `/v1/admin/units/${unit}`, { active: false });
    await call('PATCH', `/v1/admin/units/${unit}`, { name: '路政大队', active: true });
    await call('POST', '/v1/admin/campaigns', {
      slug: 'roads', title: '道路建言', startsAt: new Date(Date.now() - 86_400_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const { items } = await (await call('GET', '/v1/admin/audit-log')).json<AuditPage>();
    // Newest first; each says what it changed from and to, though the unit is called 路政大队 again now.
    expect(items.filter((e) => e.action === 'unit.update').map((e) => e.changes)).toEqual([
      [{ field: 'name', from: '公路养护中心', to: '路政大队' }, { field: 'active', from: 'false', to: 'true' }],
      [{ field: 'active', from: 'true', to: 'false' }],
      [{ field: 'parentId', from: '测试县交通运输局', to: '测试县教育局' }],
      [{ field: 'name', from: '路政大队', to: '公路养护中心' }],
    ]);
    expect(items.find((e) => e.action === 'campaign.create')).toMatchObject({ target: { kind: 'campaign', name: '道路建言' }, changes: [] });
    const csv = new TextDecoder().decode(await (await call('GET', '/v1/admin/audit-log.csv?action=unit.update')).arrayBuffer());
    expect(csv).toContain('名称：公路养护中心 → 路政大队、启用状态：停用 → 在用');
    expect(csv).toContain('上级单位：测试县交通运输局 → 测试县教育局');
  });

  it('filters by person, action and site-local days, and pages with a cursor reading only the rows it shows', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin', [], { displayName: '王管理' });
    const other = await createOfficial(site.siteId, 'moderator', [], { displayName: '周审核' });
    // Many entries of another kind, earlier: a filtered page must not read through them.
    await seed(site.siteId, Array.from({ length: 150 }, (_, i) => ({ by: other.id, action: 'site.update' as const, at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() })));
    await seed(site.siteId, [
      { by: admin.id, action: 'site.update', at: '2026-03-01T15:59:59.000Z' }, // 03-01 23:59:59 in the site's time
      { by: admin.id, action: 'unit.create', at: '2026-03-01T16:00:00.000Z' }, // 03-02 00:00:00
      { by: other.id, action: 'unit.create', at: '2026-03-02T10:00:00.000Z' },
      { by: other.id, action: 'contact.reveal', at: '2026-03-03T15:59:59.000Z' }, // 03-03 23:59:59
      { by: admin.id, action: 'site.update', at: '2026-03-05T10:00:00.000Z' },
    ]);
    const summary = (items: AuditEntry[]) => items.map((e) => `${e.actor?.displayName} ${e.action} ${e.at}`);

    expect(summary((await auditLog(admin, '?from=2026-03-02&to=2026-03-03')).items)).toEqual([
      '周审核 contact.reveal 2026-03-03T23:59:59+08:00',
      '周审核 unit.create 2026-03-02T18:00:00+08:00',
      '王管理 unit.create 2026-03-02T00:00:00+08:00',
    ]);
    expect((await auditLog(admin, `?account=${admin.id}`)).items.map((e) => e.action)).toEqual(['site.update', 'unit.create', 'site.update']);
    expect((await auditLog(admin, `?account=${admin.id}&action=site.update&to=2026-03-04`)).items.map((e) => e.at)).toEqual(['2026-03-01T23:59:59+08:00']);

    const filtered = await consoleRequest('/v1/admin/audit-log?action=unit.create&limit=1', { as: admin });
    const first = await filtered.json<AuditPage>();
    expect(summary(first.items)).toEqual(['周审核 unit.create 2026-03-02T18:00:00+08:00']);
    const second = await auditLog(admin, `?action=unit.create&limit=1&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(summary(second.items)).toEqual(['王管理 unit.create 2026-03-02T00:00:00+08:00']);
    expect(second.nextCursor).toBeNull();
    // The session, the site, and two rows of the index with what they point at: not the 150 others.
    expect(d1Cost(filtered).rowsRead).toBeLessThan(40);
    const byPerson = await consoleRequest(`/v1/admin/audit-log?account=${admin.id}&limit=2`, { as: admin });
    expect((await byPerson.json<AuditPage>()).items).toHaveLength(2);
    expect(d1Cost(byPerson).rowsRead).toBeLessThan(40);

    // All pages together are the whole log, each entry once.
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: AuditPage = await auditLog(admin, `?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    }
    expect(new Set(seen).size).toBe(155);
  });

  it('names bad filters with stable codes', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const fields = async (query: string) => (await expectProblem(await consoleRequest(`/v1/admin/audit-log${query}`, { as: admin }), 422, 'validation'))
      .errors?.map((e) => [e.field, e.code]);
    expect(await fields('?from=2026-03-05&to=2026-03-01')).toEqual([['to', 'before_start']]);
    expect(await fields('?from=2026-02-30&action=message.delete')).toEqual([['action', 'invalid_choice'], ['from', 'invalid']]);
    expect(await fields('?cursor=not-a-cursor')).toEqual([['cursor', 'invalid']]);
    expect(await fields('?limit=500')).toEqual([['limit', 'above_maximum']]);
  });
});

/** The file as bytes say it, its byte order mark included. */
const csvText = async (response: Response) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());

describe('GET /v1/admin/audit-log.csv', () => {
  it('is the filtered log as CSV, labelled in the reader’s language, with site-local times', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin', [], { displayName: '王管理' });
    const other = await createOfficial(site.siteId, 'moderator', [], { displayName: '=周审核' });
    await seed(site.siteId, [
      { by: admin.id, action: 'unit.update', at: '2026-03-01T16:00:00.000Z', detail: { unit: site.eduUnit, fields: ['name', 'sortOrder'] } },
      { by: other.id, action: 'contact.reveal', at: '2026-03-02T01:30:00.000Z' },
      { by: admin.id, action: 'account.create', at: '2026-04-01T01:30:00.000Z', detail: { account: other.id, role: 'moderator' } },
    ]);

    const zh = await consoleRequest('/v1/admin/audit-log.csv?to=2026-03-31', { as: admin });
    expect(zh.status).toBe(200);
    expect(zh.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(zh.headers.get('Content-Disposition')).toMatch(new RegExp(`^attachment; filename="liuyan-${site.siteId}-audit-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    expect((await csvText(zh)).split('\r\n')).toEqual([
      '\uFEFF时间,操作人,操作人邮箱,操作,对象,留言编号,详情',
      `2026-03-02 09:30:00,'=周审核,${other.email},查看联系方式,,,`,
      `2026-03-02 00:00:00,王管理,${admin.email},修改单位,测试县教育局,,修改：名称、排序`,
      '',
    ]);

    const en = await consoleRequest(`/v1/admin/audit-log.csv?account=${admin.id}`, { as: admin, headers: { 'Accept-Language': 'en-GB,en;q=0.9' } });
    expect((await csvText(en)).split('\r\n')).toEqual([
      '\uFEFFtime,person,person’s email,action,about,message,details',
      `2026-04-01 09:30:00,王管理,${admin.email},Added an account,=周审核,,moderator`.replace(',=周审核,', ",'=周审核,"),
      `2026-03-02 00:00:00,王管理,${admin.email},Changed a unit,测试县教育局,,"changed: name, order"`,
      '',
    ]);
    await expectProblem(await consoleRequest('/v1/admin/audit-log.csv?from=2026-04-02&to=2026-04-01', { as: admin }), 422, 'validation');
  });
});
