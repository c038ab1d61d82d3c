import { describe, expect, it } from 'vitest';
import { CONFIG_UNITS_MAX, UNIT_SEARCH_LIMIT, type SiteConfig, type UnitList } from '../../../sdk/src/schemas/site';
import { createSite, d1Cost, db, expectProblem, request } from '../../test/fixtures';
import { insertUnits, nationalUnits } from '../../seed/national';

describe('GET /v1/sites/:site', () => {
  it('gives the widget the unit tree, types, domains and limits', async () => {
    const { siteId, headUnit, eduUnit } = await createSite();
    const response = await request(`/v1/sites/${siteId}`);
    expect(response.status).toBe(200);
    const body = await response.json<any>();
    expect(body.site).toEqual({ id: siteId, name: '测试县人民政府', moderation: 'pre', locale: 'zh-CN' });
    expect(body.units).toHaveLength(1);
    expect(body.units[0]).toMatchObject({ id: headUnit, name: '测试县县长', kind: 'leader' });
    expect(body.units[0].children.map((u: { id: string }) => u.id)).toEqual([eduUnit, `${siteId}_transport`]);
    expect(body.types).toEqual(['suggestion', 'complaint', 'help', 'consultation']);
    expect(body.domains).toContain('education');
    expect(body.limits).toEqual({ titleMin: 4, titleMax: 50, bodyMin: 10, bodyMax: 2000, regionMax: 50, nameMax: 20 });
    expect(body.privacy).toEqual({ url: null, text: null });
  });
});

describe('a unit tree too large for the site config', () => {
  /** A site with a national tree of 2 provinces (~470 units): beyond what the config carries whole. */
  async function nationalSite() {
    const { siteId } = await createSite();
    const units = nationalUnits(siteId, { provinces: 2, cities: { min: 2, max: 2 }, counties: { min: 2, max: 3 }, ministries: 4 });
    await insertUnits(db, units);
    return { siteId, count: units.length, units: [...units, { name: '测试县教育局' }] };
  }

  it('sends only the top level in the config, with unitsComplete false; a small tree stays whole', async () => {
    const small = await createSite();
    const whole = await (await request(`/v1/sites/${small.siteId}`)).json<SiteConfig>();
    expect(whole.unitsComplete).toBe(true);

    const { siteId, count } = await nationalSite();
    expect(count).toBeGreaterThan(CONFIG_UNITS_MAX);
    const response = await request(`/v1/sites/${siteId}`);
    const config = await response.json<SiteConfig>();
    expect(config.unitsComplete).toBe(false);
    expect(config.units.map((u) => u.name).sort()).toEqual(['测试县县长', '外交部', '国防部', '国家发展和改革委员会', '教育部', '北京市', '天津市'].sort());
    expect(config.units.every((u) => u.children.length === 0)).toBe(true);
    expect(d1Cost(response).rowsRead).toBeLessThan(CONFIG_UNITS_MAX + 50);
  });

  it('loads one level at a time, in the site’s order, each unit with the names above it and whether it has children', async () => {
    const { siteId } = await nationalSite();
    const top = await request(`/v1/sites/${siteId}/units`);
    expect(top.headers.get('Cache-Control')).toBe('public, max-age=300');
    const topItems = (await top.json<UnitList>()).items;
    expect(topItems.find((u) => u.name === '北京市')).toMatchObject({ kind: 'region', hasChildren: true, path: [] });
    expect(topItems.find((u) => u.name === '外交部')).toMatchObject({ hasChildren: false });

    const beijing = topItems.find((u) => u.name === '北京市')!;
    const level = await request(`/v1/sites/${siteId}/units?parent=${beijing.id}`);
    const items = (await level.json<UnitList>()).items;
    expect(items.map((u) => u.name).slice(0, 2)).toEqual(['北京市委书记', '北京市长']);
    expect(items).toHaveLength(4); // two leaders, two cities
    const head = items[1]!;
    const departments = (await (await request(`/v1/sites/${siteId}/units?parent=${head.id}`)).json<UnitList>()).items;
    expect(departments).toHaveLength(25);
    expect(departments[1]).toMatchObject({ name: '北京教育局', kind: 'department', hasChildren: false, path: ['北京市', '北京市长'] });
    // The level's rows, a probe each for children, and the parent's path: not the tree.
    expect(d1Cost(level).rowsRead).toBeLessThan(30);
  });

  it('finds units by any part of their name, at most 20, with their path, reading about as many rows as it answers', async () => {
    const { siteId, units } = await nationalSite();
    const many = await request(`/v1/sites/${siteId}/units?q=${encodeURIComponent('局')}`);
    expect((await many.json<UnitList>()).items).toHaveLength(UNIT_SEARCH_LIMIT);
    expect(d1Cost(many).rowsRead).toBeLessThan(300);

    const response = await request(`/v1/sites/${siteId}/units?q=${encodeURIComponent('教育')}`);
    const items = (await response.json<UnitList>()).items;
    expect(items.map((u) => u.name).sort()).toEqual(units.filter((u) => u.name.includes('教育')).map((u) => u.name).sort());
    expect(items.find((u) => u.name === '教育部')).toMatchObject({ kind: 'ministry', path: [] });
    expect(items.find((u) => u.name === '北京教育局')).toMatchObject({ path: ['北京市', '北京市长'] });

    const county = items.find((u) => u.path.length === 4)!;
    const exact = (await (await request(`/v1/sites/${siteId}/units?q=${encodeURIComponent(county.path[2]!)}`)).json<UnitList>()).items;
    expect(exact.map((u) => u.name)).toContain(county.path[2]);
    // Renamed and deactivated units are found by their new name only, and inactive ones not at all.
    await db.run(db.q.updateTable('units').set({ name: '北京教育委员会' }).where('id', '=', items.find((u) => u.name === '北京教育局')!.id));
    const renamed = (await (await request(`/v1/sites/${siteId}/units?q=${encodeURIComponent('教育委员')}`)).json<UnitList>()).items;
    expect(renamed.map((u) => u.name)).toEqual(['北京教育委员会']);
    const inactive = (await (await request(`/v1/sites/${siteId}/units?q=${encodeURIComponent('已撤销')}`)).json<UnitList>()).items;
    expect(inactive).toEqual([]);
  });

  it('refuses a parent the site does not have, an empty or over-long search, and both at once, naming the field', async () => {
    const { siteId, inactiveUnit } = await createSite();
    const other = await createSite();
    for (const [query, field, code] of [
      [`parent=${other.headUnit}`, 'parent', 'unknown_unit'],
      [`parent=${inactiveUnit}`, 'parent', 'unknown_unit'],
      ['q=%20', 'q', 'required'],
      [`q=${'局'.repeat(51)}`, 'q', 'too_long'],
      [`q=a&parent=${other.headUnit}`, 'parent', 'invalid'],
    ] as const) {
      const problem = await expectProblem(await request(`/v1/sites/${siteId}/units?${query}`), 422, 'validation');
      expect(problem.errors).toEqual([expect.objectContaining({ field, code })]);
      expect(problem.errors![0]!.message).toMatch(code === 'unknown_unit' ? /^所选上级单位已停用或不存在/ : field === 'parent' ? /上级单位/ : /搜索词/);
    }
  });
});
