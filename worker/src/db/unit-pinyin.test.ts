import { describe, expect, it } from 'vitest';
import type { AdminUnit } from '../../../sdk/src/schemas/admin';
import { UNIT_SEARCH_LIMIT, type UnitList } from '../../../sdk/src/schemas/site';
import { createSite, d1Cost, db, request } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';
import { insertUnits, nationalUnits } from '../../seed/national';
import { continueUnitPinyin } from './unit-pinyin';

/** The names a unit search of `q` answers with. */
const found = async (siteId: string, q: string) =>
  (await (await request(`/v1/sites/${siteId}/units?q=${encodeURIComponent(q)}`)).json<UnitList>()).items.map((u) => u.name);

describe('searching units by pinyin', () => {
  it('finds a national tree’s units by initials and by full pinyin, reading about as many rows as it answers', async () => {
    const { siteId } = await createSite();
    const units = nationalUnits(siteId, { provinces: 2, cities: { min: 2, max: 2 }, counties: { min: 2, max: 3 }, ministries: 4 });
    await insertUnits(db, units);

    const education = await request(`/v1/sites/${siteId}/units?q=jyj`);
    const educationNames = units.filter((u) => u.name.endsWith('教育局')).map((u) => u.name).sort();
    // Every 教育局, and 北京应急管理局 too (its initials, bjyjglj, hold jyj).
    expect((await education.json<UnitList>()).items.map((u) => u.name)).toEqual(expect.arrayContaining([...educationNames, '北京应急管理局']));
    expect((await found(siteId, 'jiaoyuju')).sort()).toEqual(educationNames);
    const many = await request(`/v1/sites/${siteId}/units?q=j`);
    expect((await many.json<UnitList>()).items).toHaveLength(UNIT_SEARCH_LIMIT);
    expect(d1Cost(many).rowsRead).toBeLessThan(300);

    expect(await found(siteId, 'BJJYJ')).toEqual(['北京教育局']);
    expect(await found(siteId, 'jiaoyubu')).toEqual(['教育部']);
    expect(await found(siteId, 'beijingshizhang')).toEqual(['北京市长']); // 长 read zhang, as in 市长
  });

  it('gives units written without keys their keys in steps; a rename in SQL drops the old name’s keys until then', async () => {
    const { siteId, eduUnit } = await createSite(); // its units are written in SQL, without keys
    expect(await found(siteId, 'xjyj')).toEqual([]);

    expect(await continueUnitPinyin(db)).toEqual({ done: expect.any(Number), pending: false });
    expect(await found(siteId, 'xjyj')).toEqual(['测试县教育局']);
    expect(await found(siteId, 'csxxz')).toEqual(['测试县县长']);

    await db.run(db.q.updateTable('units').set({ name: '测试县教育和体育局' }).where('id', '=', eduUnit));
    expect(await found(siteId, 'xjyj')).toEqual([]);
    expect(await found(siteId, 'jiaoyuhetiyu')).toEqual([]);
    await continueUnitPinyin(db);
    expect(await found(siteId, 'jiaoyuhetiyu')).toEqual(['测试县教育和体育局']);
    expect(await found(siteId, 'xjyj')).toEqual([]);
  });

  it('finds a unit an admin adds or renames by its pinyin at once', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const created = await (await consoleRequest('/v1/admin/units', {
      as: admin, method: 'POST', body: { name: '测试县财政局', kind: 'department', parentId: site.headUnit },
    })).json<AdminUnit>();
    expect(await found(site.siteId, 'czj')).toEqual(['测试县财政局']);

    const renamed = await consoleRequest(`/v1/admin/units/${created.id}`, { as: admin, method: 'PATCH', body: { name: '测试县审计局' } });
    expect(renamed.status).toBe(200);
    expect(await found(site.siteId, 'czj')).toEqual([]);
    expect(await found(site.siteId, 'shenji')).toEqual(['测试县审计局']);
  });
});
