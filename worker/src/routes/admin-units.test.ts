import { describe, expect, it } from 'vitest';
import type { AdminUnit } from '../../../sdk/src/schemas/admin';
import type { SiteConfig } from '../../../sdk/src/schemas/site';
import { addUnit, createSite, db, expectProblem, request } from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';

const listUnits = async (as: TestOfficial) => (await consoleRequest('/v1/admin/units', { as })).json<AdminUnit[]>();

describe('GET /v1/admin/units', () => {
  it('lists every unit of the site, retired ones too, with parents and order', async () => {
    const site = await createSite();
    await createSite(); // another site's units stay out
    const admin = await createOfficial(site.siteId, 'admin');
    const response = await consoleRequest('/v1/admin/units', { as: admin });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([
      { id: site.eduUnit, name: '测试县教育局', kind: 'department', parentId: site.headUnit, sortOrder: 1, active: true },
      { id: site.headUnit, name: '测试县县长', kind: 'leader', parentId: null, sortOrder: 1, active: true },
      { id: site.transportUnit, name: '测试县交通运输局', kind: 'department', parentId: site.headUnit, sortOrder: 2, active: true },
      { id: site.inactiveUnit, name: '已撤销的办公室', kind: 'department', parentId: null, sortOrder: 3, active: false },
    ]);
  });

  it('is for admins only', async () => {
    const { siteId } = await createSite();
    const moderator = await createOfficial(siteId, 'moderator');
    await expectProblem(await consoleRequest('/v1/admin/units', { as: moderator }), 403, 'forbidden');
    await expectProblem(await consoleRequest('/v1/admin/units', { as: moderator, method: 'POST', body: { name: '县财政局', kind: 'department' } }), 403, 'forbidden');
  });
});

describe('POST /v1/admin/units', () => {
  it('adds a unit after its siblings; citizens can write to it at once', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const response = await consoleRequest('/v1/admin/units', {
      as: admin, method: 'POST', body: { name: ' 测试县财政局 ', kind: 'department', parentId: site.headUnit },
    });
    expect(response.status).toBe(201);
    const unit = await response.json<AdminUnit>();
    expect(unit).toEqual({ id: expect.stringMatching(/^u_/), name: '测试县财政局', kind: 'department', parentId: site.headUnit, sortOrder: 3, active: true });
    expect(await listUnits(admin)).toContainEqual(unit);

    const config = await (await request(`/v1/sites/${site.siteId}`)).json<SiteConfig>();
    expect(config.units[0]!.children.map((u) => u.name)).toEqual(['测试县教育局', '测试县交通运输局', '测试县财政局']);

    const audit = await db.first(db.q.selectFrom('audit_log').select(['account_id', 'detail']).where('site_id', '=', site.siteId).where('action', '=', 'unit.create'));
    expect(audit).toEqual({ account_id: admin.id, detail: JSON.stringify({ unit: unit.id }) });
  });

  it('adds a top-level unit with the order given', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const response = await consoleRequest('/v1/admin/units', { as: admin, method: 'POST', body: { name: '测试县委书记', kind: 'leader', parentId: null, sortOrder: 0 } });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ parentId: null, sortOrder: 0, kind: 'leader' });
  });

  it('names each invalid field', async () => {
    const site = await createSite();
    const other = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const invalid = await expectProblem(await consoleRequest('/v1/admin/units', {
      as: admin, method: 'POST', body: { name: '  ', kind: 'committee', sortOrder: -1 },
    }), 422, 'validation');
    expect(invalid.errors!.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: 'name', code: 'required' },
      { field: 'kind', code: 'invalid_choice' },
      { field: 'sortOrder', code: 'below_minimum' },
    ]);
    // A parent of another site is no parent here.
    for (const parentId of ['u_nowhere', other.headUnit]) {
      const unknown = await expectProblem(await consoleRequest('/v1/admin/units', {
        as: admin, method: 'POST', body: { name: '测试县财政局', kind: 'department', parentId },
      }), 422, 'validation');
      expect(unknown.errors).toEqual([expect.objectContaining({ field: 'parentId', code: 'unknown_unit' })]);
    }
    expect(await listUnits(admin)).toHaveLength(4);
  });
});

describe('PATCH /v1/admin/units/:id', () => {
  it('renames, moves, reorders and retires a unit; the widget stops offering it', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const response = await consoleRequest(`/v1/admin/units/${site.transportUnit}`, {
      as: admin, method: 'PATCH', body: { name: '测试县交通局', parentId: null, sortOrder: 7, active: false },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: site.transportUnit, name: '测试县交通局', kind: 'department', parentId: null, sortOrder: 7, active: false });
    const config = await (await request(`/v1/sites/${site.siteId}`)).json<SiteConfig>();
    expect(JSON.stringify(config.units)).not.toContain(site.transportUnit);

    const restored = await consoleRequest(`/v1/admin/units/${site.inactiveUnit}`, { as: admin, method: 'PATCH', body: { active: true, parentId: site.headUnit } });
    expect(await restored.json()).toMatchObject({ active: true, parentId: site.headUnit });
    const after = await (await request(`/v1/sites/${site.siteId}`)).json<SiteConfig>();
    expect(after.units[0]!.children.map((u) => u.id)).toContain(site.inactiveUnit);

    const audit = await db.all(db.q.selectFrom('audit_log').select('detail').where('site_id', '=', site.siteId).where('action', '=', 'unit.update').orderBy('id'));
    expect(audit.map((row) => JSON.parse(row.detail!))).toEqual([
      { unit: site.transportUnit, fields: ['name', 'parentId', 'sortOrder', 'active'] },
      { unit: site.inactiveUnit, fields: ['parentId', 'active'] },
    ]);
  });

  it('refuses to put a unit under itself or below itself', async () => {
    const site = await createSite();
    const section = await addUnit(site.siteId, { id: 'edu_basic', parentId: site.eduUnit, name: '基础教育科' });
    const admin = await createOfficial(site.siteId, 'admin');
    for (const [unit, parentId] of [[site.eduUnit, site.eduUnit], [site.headUnit, site.eduUnit], [site.headUnit, section]]) {
      const problem = await expectProblem(await consoleRequest(`/v1/admin/units/${unit}`, { as: admin, method: 'PATCH', body: { parentId } }), 422, 'validation');
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'parentId', code: 'invalid' })]);
    }
    const unknown = await expectProblem(await consoleRequest(`/v1/admin/units/${site.eduUnit}`, { as: admin, method: 'PATCH', body: { parentId: 'u_nowhere' } }), 422, 'validation');
    expect(unknown.errors).toEqual([expect.objectContaining({ field: 'parentId', code: 'unknown_unit' })]);
    // Moving a section up to a sibling branch is fine.
    const moved = await consoleRequest(`/v1/admin/units/${section}`, { as: admin, method: 'PATCH', body: { parentId: site.transportUnit } });
    expect(await moved.json()).toMatchObject({ parentId: site.transportUnit });
    expect((await listUnits(admin)).find((u) => u.id === site.headUnit)).toMatchObject({ parentId: null });
  });

  it('answers 404 for a unit of another site and changes nothing there', async () => {
    const mine = await createSite();
    const other = await createSite();
    const admin = await createOfficial(mine.siteId, 'admin');
    await expectProblem(await consoleRequest(`/v1/admin/units/${other.eduUnit}`, { as: admin, method: 'PATCH', body: { name: '被改名' } }), 404, 'not_found');
    await expectProblem(await consoleRequest('/v1/admin/units/u_nowhere', { as: admin, method: 'PATCH', body: { name: '被改名' } }), 404, 'not_found');
    const row = await db.first(db.q.selectFrom('units').select('name').where('id', '=', other.eduUnit));
    expect(row!.name).toBe('测试县教育局');
  });

  it('names each invalid field', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const problem = await expectProblem(await consoleRequest(`/v1/admin/units/${site.eduUnit}`, {
      as: admin, method: 'PATCH', body: { name: '教'.repeat(51), active: 'no', sortOrder: 1.5 },
    }), 422, 'validation');
    expect(problem.errors!.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: 'name', code: 'too_long' },
      { field: 'sortOrder', code: 'invalid' },
      { field: 'active', code: 'invalid' },
    ]);
  });
});
