import { describe, expect, it } from 'vitest';
import type { AdminUnit } from '../../../sdk/src/schemas/admin';
import { UNIT_SEARCH_LIMIT, type UnitList } from '../../../sdk/src/schemas/site';
import { createSite, d1Cost, db, request } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';
import { insertUnits, nationalUnits } from '../../seed/national';
import { pinyinKeys } from '../lib/pinyin';
import { continueUnitKeyRebuilds, continueUnitPinyin } from './unit-pinyin';

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

  it('finds a unit named in Traditional characters by its name typed in Simplified ones, best first; units keyed before that get the keys in steps', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const add = async (name: string) => (await (await consoleRequest('/v1/admin/units', {
      as: admin, method: 'POST', body: { name, kind: 'department', parentId: site.headUnit },
    })).json<AdminUnit>()).id;
    const health = await add('測試縣衛生健康局');
    await add('測試縣衛生健康局分局');
    // Typed either way, and in part, the public search and the admin's find it; the name itself first.
    for (const q of ['測試縣衛生健康局', '测试县卫生健康局']) expect(await found(site.siteId, q)).toEqual(['測試縣衛生健康局', '測試縣衛生健康局分局']);
    expect(await found(site.siteId, '卫生健康')).toEqual(['測試縣衛生健康局', '測試縣衛生健康局分局']);
    expect(await found(site.siteId, 'wsjk')).toEqual(['測試縣衛生健康局', '測試縣衛生健康局分局']);
    // In full-width letters, or with an invisible character pasted in, as message search reads them.
    expect(await found(site.siteId, 'ＷＳＪＫ')).toEqual(['測試縣衛生健康局', '測試縣衛生健康局分局']);
    expect(await found(site.siteId, '卫生\u200B健康局分')).toEqual(['測試縣衛生健康局分局']);
    const adminFound = await (await consoleRequest(`/v1/admin/units?q=${encodeURIComponent('卫生健康局分')}`, { as: admin })).json<{ items: AdminUnit[] }>();
    expect(adminFound.items.map((u) => u.name)).toEqual(['測試縣衛生健康局分局']);
    // A name in Simplified characters gets no keys twice.
    expect(JSON.parse((await db.first(db.q.selectFrom('units').select('pinyin_keys').where('id', '=', site.eduUnit)))?.pinyin_keys ?? 'null')).toBeNull();

    // Keyed before migration 0041 (pinyin only): found as written, not in Simplified characters, until the rebuild.
    await db.run(db.q.updateTable('units').set({ pinyin_keys: JSON.stringify(pinyinKeys('測試縣衛生健康局')) }).where('id', '=', health));
    expect(await found(site.siteId, '卫生健康局')).toEqual(['測試縣衛生健康局分局']);
    expect(await found(site.siteId, '衛生健康局')).toEqual(['測試縣衛生健康局', '測試縣衛生健康局分局']);
    await continueUnitPinyin(db);
    await db.run(db.q.insertInto('unit_key_rebuilds').values({ site_id: site.siteId }).onConflict((oc) => oc.doNothing()));
    expect(await continueUnitKeyRebuilds(db)).toEqual({ changed: 1, pending: false });
    expect(await found(site.siteId, '卫生健康局')).toEqual(['測試縣衛生健康局', '測試縣衛生健康局分局']);
    // Run again, it changes nothing.
    expect(await continueUnitKeyRebuilds(db)).toEqual({ changed: 0, pending: false });
  });
});
