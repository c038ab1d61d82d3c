import { describe, expect, it } from 'vitest';
import type { AdminUnit, AdminUnitPage } from '../../../sdk/src/schemas/admin';
import type { SiteConfig, UnitList } from '../../../sdk/src/schemas/site';
import { continueUnitPinyin } from '../db/unit-pinyin';
import { addUnit, addUnits, createSite, d1Cost, db, expectProblem, request } from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';

/** The whole (small) tree, level by level, as the flat list admins manage. */
async function listUnits(as: TestOfficial, parent?: string): Promise<AdminUnit[]> {
  const page = await (await consoleRequest(`/v1/admin/units${parent ? `?parent=${parent}` : ''}`, { as })).json<AdminUnitPage>();
  const units: AdminUnit[] = [];
  for (const { hasChildren, ancestors: _, ...unit } of page.items) {
    units.push(unit);
    if (hasChildren) units.push(...(await listUnits(as, unit.id)));
  }
  return units;
}

const page = async (as: TestOfficial, query: string) => {
  const response = await consoleRequest(`/v1/admin/units?${query}`, { as });
  expect(response.status, query).toBe(200);
  return { ...(await response.json<AdminUnitPage>()), rowsRead: d1Cost(response).rowsRead };
};

describe('GET /v1/admin/units', () => {
  it('lists one level at a time, retired units too, each with the units above it and whether it has any below', async () => {
    const site = await createSite();
    await createSite(); // another site's units stay out
    const admin = await createOfficial(site.siteId, 'admin');
    const top = await page(admin, '');
    expect(top.items).toEqual([
      { id: site.headUnit, name: '测试县县长', kind: 'leader', parentId: null, sortOrder: 1, active: true, hasChildren: true, ancestors: [] },
      { id: site.inactiveUnit, name: '已撤销的办公室', kind: 'department', parentId: null, sortOrder: 3, active: false, hasChildren: false, ancestors: [] },
    ]);
    expect(top.nextCursor).toBeNull();
    const below = await page(admin, `parent=${site.headUnit}`);
    expect(below.items.map((u) => [u.name, u.ancestors, u.hasChildren])).toEqual([
      ['测试县教育局', [{ id: site.headUnit, name: '测试县县长' }], false],
      ['测试县交通运输局', [{ id: site.headUnit, name: '测试县县长' }], false],
    ]);
  });

  it('pages through a level in the site’s order, reading the page and not the level', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    await addUnits(site.siteId, Array.from({ length: 250 }, (_, i) => ({ id: `${site.siteId}_town${i}`, parentId: site.headUnit, name: `测试县第${i}镇` })));
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const next = await page(admin, `parent=${site.headUnit}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(next.items.length).toBeLessThanOrEqual(100);
      // The page and a probe for children each, the parent and its ancestors, the session and the site: never the 252 units.
      expect(next.rowsRead).toBeLessThan(2 * 100 + 20);
      seen.push(...next.items.map((u) => u.id));
      cursor = next.nextCursor;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(252);
    expect(new Set(seen).size).toBe(252);
    // By sort order, then id: the two departments of order 1 and 2 come among the towns of the same orders.
    const small = await page(admin, `parent=${site.headUnit}&limit=3`);
    expect(small.items.map((u) => u.sortOrder)).toEqual([0, 1, 1]);
  });

  it('names an unknown parent, a bad cursor, and more than one way of asking', async () => {
    const site = await createSite();
    const other = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    for (const [query, field, code] of [
      ['parent=u_nowhere', 'parent', 'unknown_unit'], [`parent=${other.headUnit}`, 'parent', 'unknown_unit'],
      ['cursor=nonsense', 'cursor', 'invalid'], [`parent=${site.headUnit}&q=教育`, 'q', 'invalid'], ['limit=500', 'limit', 'above_maximum'],
      [`ids=${Array.from({ length: 101 }, (_, i) => `u${i}`).join(',')}`, 'ids', 'above_maximum'],
    ] as const) {
      const problem = await expectProblem(await consoleRequest(`/v1/admin/units?${query}`, { as: admin }), 422, 'validation');
      expect(problem.errors, query).toEqual([expect.objectContaining({ field, code })]);
    }
  });

  it('finds units by name or pinyin, retired ones too: the name itself, then names starting with it, then by pinyin, then containing it; shallower first', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const add = async (name: string, parentId: string | null) => (await (await consoleRequest('/v1/admin/units', {
      as: admin, method: 'POST', body: { name, kind: 'department', parentId },
    })).json<AdminUnit>()).id;
    const section = await add('测试县教育局基础教育科', site.eduUnit);
    await add('市教育局', null);
    await add('教育局办公室', site.headUnit);
    await add('教育局', null);
    await continueUnitPinyin(db); // the units the fixture wrote in SQL get their pinyin keys

    const names = async (q: string) => (await page(admin, `q=${encodeURIComponent(q)}`)).items.map((u) => u.name);
    expect(await names('教育局')).toEqual(['教育局', '教育局办公室', '市教育局', '测试县教育局', '测试县教育局基础教育科']);
    expect(await names('jyj')).toEqual(['教育局', '教育局办公室', '市教育局', '测试县教育局', '测试县教育局基础教育科']);
    expect(await names('教育')).toEqual(['教育局', '教育局办公室', '市教育局', '测试县教育局', '测试县教育局基础教育科']);
    const found = (await page(admin, 'q=基础教育')).items;
    expect(found).toEqual([expect.objectContaining({
      id: section, ancestors: [{ id: site.headUnit, name: '测试县县长' }, { id: site.eduUnit, name: '测试县教育局' }],
    })]);
    // Moved to the top, the section is shallower than the county's bureau: it comes first among the names holding the text.
    await consoleRequest(`/v1/admin/units/${section}`, { as: admin, method: 'PATCH', body: { parentId: null } });
    expect((await consoleRequest(`/v1/admin/units/${site.eduUnit}`, { as: admin, method: 'PATCH', body: { active: false } })).status).toBe(200);
    expect(await names('教育局')).toEqual(['教育局', '教育局办公室', '市教育局', '测试县教育局基础教育科', '测试县教育局']);
    // Citizens' search ranks the same way, and leaves the retired bureau out.
    const publicSearch = await (await request(`/v1/sites/${site.siteId}/units?q=${encodeURIComponent('教育局')}`)).json<UnitList>();
    expect(publicSearch.items.map((u) => u.name)).toEqual(['教育局', '教育局办公室', '市教育局', '测试县教育局基础教育科']);
  });

  it('names the units asked for by id, in that order, leaving out what is not the site’s', async () => {
    const site = await createSite();
    const other = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const named = await page(admin, `ids=${[site.transportUnit, other.eduUnit, 'u_nowhere', site.headUnit].join(',')}`);
    expect(named.items.map((u) => [u.name, u.ancestors.map((a) => a.name)])).toEqual([['测试县交通运输局', ['测试县县长']], ['测试县县长', []]]);
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
    expect(audit).toEqual({ account_id: admin.id, detail: JSON.stringify({ unit: unit.id, name: unit.name }) });
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
      // What changed from and to, as it was then (names, not ids, for the parents).
      {
        unit: site.transportUnit, fields: ['name', 'parentId', 'sortOrder', 'active'],
        changes: { name: ['测试县交通运输局', '测试县交通局'], parentId: [expect.any(String), null], active: ['true', 'false'] },
      },
      { unit: site.inactiveUnit, fields: ['parentId', 'active'], changes: { parentId: expect.any(Array), active: ['false', 'true'] } },
    ]);
  });

  it('keeps every active unit under active ones, and one active unit of a name under each parent', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const patch = (id: string, body: object) => consoleRequest(`/v1/admin/units/${id}`, { as: admin, method: 'PATCH', body });
    const post = (body: object) => consoleRequest('/v1/admin/units', { as: admin, method: 'POST', body: { kind: 'department', ...body } });
    const refusal = async (response: Response) => (await expectProblem(response, 422, 'validation')).errors?.map((e) => [e.field, e.code]);
    const section = (await (await post({ name: '基础教育科', parentId: site.eduUnit })).json<AdminUnit>()).id;

    // Retiring the bureau would leave its section open to citizens beneath a unit the site closed.
    expect(await refusal(await patch(site.eduUnit, { active: false }))).toEqual([['active', 'active_sub_units']]);
    const message = (await expectProblem(await patch(site.eduUnit, { active: false }), 422, 'validation')).errors![0]!.message;
    expect(message).toBe('它下面还有在用的单位：请先停用或移走这些下级单位，再停用它');
    expect((await patch(section, { active: false })).status).toBe(200);
    expect((await patch(site.eduUnit, { active: false })).status).toBe(200);
    // Nothing active is added, moved or restored beneath a retired unit.
    expect(await refusal(await post({ name: '德育科', parentId: site.eduUnit }))).toEqual([['parentId', 'retired_parent']]);
    expect(await refusal(await patch(site.transportUnit, { parentId: site.eduUnit }))).toEqual([['parentId', 'retired_parent']]);
    expect(await refusal(await patch(section, { active: true }))).toEqual([['active', 'retired_parent']]);
    // A retired unit may be filed under one (it stays closed), and the branch reopens from the top down.
    expect((await patch(site.inactiveUnit, { parentId: site.eduUnit })).status).toBe(200);
    expect((await patch(site.eduUnit, { active: true })).status).toBe(200);
    expect((await patch(section, { active: true })).status).toBe(200);
    const config = await (await request(`/v1/sites/${site.siteId}`)).json<{ units: { id: string; children?: unknown[] }[] }>();
    expect(JSON.stringify(config)).toContain(section);

    // Two active units of one name under one parent: a citizen could not tell them apart.
    expect(await refusal(await post({ name: '测试县教育局', parentId: site.headUnit }))).toEqual([['name', 'name_taken']]);
    expect(await refusal(await patch(site.transportUnit, { name: '测试县教育局' }))).toEqual([['name', 'name_taken']]);
    const elsewhere = (await (await post({ name: '测试县教育局', parentId: site.transportUnit })).json<AdminUnit>()).id;
    expect(await refusal(await patch(elsewhere, { parentId: site.headUnit }))).toEqual([['name', 'name_taken']]);
    // A retired unit's name is free (a new bureau replacing it); restoring the old one then clashes.
    expect((await patch(elsewhere, { active: false })).status).toBe(200);
    expect((await patch(elsewhere, { parentId: site.headUnit })).status).toBe(200);
    expect(await refusal(await patch(elsewhere, { active: true }))).toEqual([['active', 'name_taken']]);
    // Renaming to its own name, or reordering, is no clash.
    expect((await patch(site.eduUnit, { name: '测试县教育局', sortOrder: 5 })).status).toBe(200);
    // Names that read the same are the same name: full-width letters, another case, a zero-width space.
    expect((await post({ name: 'RE测试单位', parentId: site.transportUnit })).status).toBe(201);
    for (const name of ['ＲＥ测试单位', 're测试单位', 'RE测试\u200b单位', ' RE测试单位 ']) {
      expect(await refusal(await post({ name, parentId: site.transportUnit })), name).toEqual([['name', 'name_taken']]);
    }
  });

  it('does not retire the only unit a drive not yet ended collects for, whose page would then take nothing', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const patch = (id: string, body: object) => consoleRequest(`/v1/admin/units/${id}`, { as: admin, method: 'PATCH', body });
    const drive = async (slug: string, unitIds: string[], endsInDays: number) => {
      const response = await consoleRequest('/v1/admin/campaigns', { as: admin, method: 'POST', body: {
        slug, title: `专栏${slug}`, unitIds,
        startsAt: new Date(Date.now() - 30 * 86_400_000).toISOString(), endsAt: new Date(Date.now() + endsInDays * 86_400_000).toISOString(),
      } });
      expect(response.status).toBe(201);
    };
    await drive('only-edu', [site.eduUnit], 10);
    const refused = await expectProblem(await patch(site.eduUnit, { active: false }), 422, 'validation');
    expect(refused.errors).toEqual([expect.objectContaining({ field: 'active', code: 'drive_needs_unit', message: expect.stringContaining('建言专栏') })]);
    // A drive with another active unit keeps collecting: the transport bureau may go.
    await drive('both', [site.transportUnit, site.eduUnit], 10);
    expect((await patch(site.transportUnit, { active: false })).status).toBe(200);
    // Once the drive has ended, nothing holds the unit.
    const ended = await createSite();
    const endedAdmin = await createOfficial(ended.siteId, 'admin');
    expect((await consoleRequest('/v1/admin/campaigns', { as: endedAdmin, method: 'POST', body: {
      slug: 'past', title: '往年专栏', unitIds: [ended.eduUnit],
      startsAt: new Date(Date.now() - 30 * 86_400_000).toISOString(), endsAt: new Date(Date.now() - 86_400_000).toISOString(),
    } })).status).toBe(201);
    expect((await consoleRequest(`/v1/admin/units/${ended.eduUnit}`, { as: endedAdmin, method: 'PATCH', body: { active: false } })).status).toBe(200);
  });

  it('keeps the rule when two admins act at once: a sub-unit added while its parent is retired', async () => {
    for (let round = 0; round < 4; round++) {
      const site = await createSite();
      const admin = await createOfficial(site.siteId, 'admin');
      const [added, retired] = await Promise.all([
        consoleRequest('/v1/admin/units', { as: admin, method: 'POST', body: { kind: 'department', name: '基础教育科', parentId: site.eduUnit } }),
        consoleRequest(`/v1/admin/units/${site.eduUnit}`, { as: admin, method: 'PATCH', body: { active: false } }),
      ]);
      // One of the two wins; the other is refused, naming why. Never both.
      expect([added.status, retired.status], `round ${round}`).toSatisfy(([a, r]: number[]) => (a === 201 && r === 422) || (a === 422 && r === 200));
      const refused = await (added.status === 422 ? added : retired).json<{ errors: { field: string; code: string }[] }>();
      expect(refused.errors, `round ${round}`).toEqual([expect.objectContaining(added.status === 422
        ? { field: 'parentId', code: 'retired_parent' } : { field: 'active', code: 'active_sub_units' })]);
      const rows = await db.all(db.q.selectFrom('units').select(['id', 'active', 'parent_id']).where('site_id', '=', site.siteId));
      const parent = rows.find((u) => u.id === site.eduUnit)!;
      const activeBelow = rows.filter((u) => u.parent_id === site.eduUnit && u.active === 1);
      expect(parent.active === 0 && activeBelow.length > 0, `round ${round}`).toBe(false);
    }
  });

  it('keeps one name per parent when admins add or rename at once: one is written, the others refused with name_taken', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const add = () => consoleRequest('/v1/admin/units', { as: admin, method: 'POST', body: { kind: 'department', name: '基础教育科', parentId: site.eduUnit } });
    const added = await Promise.all([add(), add(), add()]);
    expect(added.map((r) => r.status).sort()).toEqual([201, 422, 422]);
    for (const refused of added.filter((r) => r.status === 422)) {
      expect((await refused.json<{ errors: { field: string; code: string }[] }>()).errors).toEqual([expect.objectContaining({ field: 'name', code: 'name_taken' })]);
    }
    const named = (name: string) => db.all(db.q.selectFrom('units').select('id').where('site_id', '=', site.siteId).where('name', '=', name).where('active', '=', 1));
    expect(await named('基础教育科')).toHaveLength(1);
    // Names told apart only by case or width, at once: one is added.
    const variants = await Promise.all(['ＲＥ科', 're科', 'Re科', 'rｅ科'].map((name) =>
      consoleRequest('/v1/admin/units', { as: admin, method: 'POST', body: { kind: 'department', name, parentId: site.eduUnit } })));
    expect(variants.map((r) => r.status).sort()).toEqual([201, 422, 422, 422]);

    // Two top-level units renamed to one name at once.
    const rename = (id: string) => consoleRequest(`/v1/admin/units/${id}`, { as: admin, method: 'PATCH', body: { name: '示范县人民政府' } });
    const renamed = await Promise.all([rename(site.headUnit), rename(await addUnit(site.siteId, { id: 'party_head', parentId: null, name: '示范县委' }))]);
    expect(renamed.map((r) => r.status).sort()).toEqual([200, 422]);
    expect(await named('示范县人民政府')).toHaveLength(1);
    expect(await db.all(db.q.selectFrom('audit_log').select('id').where('site_id', '=', site.siteId).where('action', '=', 'unit.update'))).toHaveLength(1);
  });

  it('refuses to put a unit under itself or below itself', async () => {
    const site = await createSite();
    const section = await addUnit(site.siteId, { id: 'edu_basic', parentId: site.eduUnit, name: '基础教育科' });
    const admin = await createOfficial(site.siteId, 'admin');
    for (const [unit, parentId] of [[site.eduUnit, site.eduUnit], [site.headUnit, site.eduUnit], [site.headUnit, section]]) {
      const problem = await expectProblem(await consoleRequest(`/v1/admin/units/${unit}`, { as: admin, method: 'PATCH', body: { parentId } }), 422, 'validation');
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'parentId', code: 'own_branch', message: '不能移到它自己或它的下级单位之下' })]);
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
