// A unit search on a large tree shows the shallowest matching units first: a city's 教育局 before the
// dozens of its counties' or towns', however many of those there are, reading only about as many rows
// as it answers (migration 0036: the search keys carry their unit's depth).
import { describe, expect, it } from 'vitest';
import type { AdminUnitPage } from '../../../sdk/src/schemas/admin';
import { UNIT_SEARCH_LIMIT, type UnitList } from '../../../sdk/src/schemas/site';
import { addUnits, createSite, d1Cost, db, request } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';
import { continueUnitPinyin } from './unit-pinyin';

/**
 * A county (createSite: 测试县县长 at the top, 测试县教育局 under it) with a city beside it holding
 * its own 教育局 one level down, and `districts` districts three levels down, each with a 教育局:
 * 测试县县长 → 测试县城区 → 第N片区 → 第N片区教育局. The districts' ids sort before every other unit's,
 * so a search reading the keys in key and id order meets all of theirs first.
 */
async function treeWithDeepMatches(districts: number) {
  const site = await createSite();
  const s = site.siteId;
  await addUnits(s, [
    { id: `${s}_zcity`, parentId: null, name: '示范市市长' },
    { id: `${s}_zcity_edu`, parentId: `${s}_zcity`, name: '示范市教育局' },
    { id: `${s}_aa`, parentId: site.headUnit, name: '测试县城区' },
  ]);
  await addDistricts(s, 0, districts);
  return site;
}

/** Districts `from` … `to - 1` under 测试县城区, each with its 教育局. */
async function addDistricts(siteId: string, from: number, to: number) {
  const units: { id: string; parentId: string; name: string }[] = [];
  for (let n = from; n < to; n++) {
    units.push({ id: `${siteId}_a${n}`, parentId: `${siteId}_aa`, name: `第${n}片区` });
    units.push({ id: `${siteId}_a${n}_edu`, parentId: `${siteId}_a${n}`, name: `第${n}片区教育局` });
  }
  await addUnits(siteId, units);
}

/** A public unit search: the response and its units' names, each with how deep it sits (the names above it). */
async function search(siteId: string, q: string) {
  const response = await request(`/v1/sites/${siteId}/units?q=${encodeURIComponent(q)}`);
  expect(response.status).toBe(200);
  const items = (await response.json<UnitList>()).items;
  return { response, names: items.map((u) => u.name), depths: items.map((u) => u.path.length) };
}

const ascending = (depths: number[]) => depths.every((d, i) => i === 0 || depths[i - 1]! <= d);

describe('searching units on a tree with many deep matches', { timeout: 30_000 }, () => {
  it('shows the shallow matches first, then the deep ones shallowest first, by name and by pinyin', async () => {
    const site = await treeWithDeepMatches(60);
    const found = await search(site.siteId, '教育局');
    expect(found.names).toHaveLength(UNIT_SEARCH_LIMIT);
    expect(found.names.slice(0, 2)).toEqual(['测试县教育局', '示范市教育局']);
    expect(found.depths.slice(0, 3)).toEqual([1, 1, 3]);
    expect(ascending(found.depths)).toBe(true);

    await continueUnitPinyin(db);
    const initials = await search(site.siteId, 'jyj');
    expect(initials.names.slice(0, 2)).toEqual(['测试县教育局', '示范市教育局']);
    expect(ascending(initials.depths)).toBe(true);

    // The console's search (retired units too) ranks the same way.
    const admin = await createOfficial(site.siteId, 'admin');
    const listed = await consoleRequest(`/v1/admin/units?q=${encodeURIComponent('教育局')}`, { as: admin });
    const items = (await listed.json<AdminUnitPage>()).items;
    expect(items.slice(0, 2).map((u) => u.name)).toEqual(['测试县教育局', '示范市教育局']);
    expect(ascending(items.map((u) => u.ancestors.length))).toBe(true);
  });

  it('finds a unit by its name typed in Traditional characters, and one named in them as it is named', async () => {
    const site = await createSite();
    await addUnits(site.siteId, [{ id: `${site.siteId}_tw`, parentId: null, name: '臺灣事務辦公室' }]);
    expect((await search(site.siteId, '測試縣教育局')).names).toEqual(['测试县教育局']);
    expect((await search(site.siteId, '縣長')).names).toEqual(['测试县县长']);
    expect((await search(site.siteId, '臺灣事務')).names).toEqual(['臺灣事務辦公室']);
  });

  it('fills the page with distinct units when each has several keys for the text, or many are retired', async () => {
    const site = await treeWithDeepMatches(60);
    await continueUnitPinyin(db);
    // j: 教 (jiao), 局 (ju), by initial and in full: four keys of each 教育局 start with it.
    const letter = await search(site.siteId, 'j');
    expect(letter.names).toHaveLength(UNIT_SEARCH_LIMIT);
    expect(new Set(letter.names).size).toBe(UNIT_SEARCH_LIMIT);
    expect(letter.names.slice(0, 3)).toEqual(['测试县交通运输局', '测试县教育局', '示范市教育局']);
    expect(ascending(letter.depths)).toBe(true);

    // Half the districts' 教育局 retired: citizens see active units only, the console all.
    const retired = Array.from({ length: 30 }, (_, n) => n);
    await db.run(db.q.updateTable('units').set({ active: 0 }).where('id', 'in', retired.map((n) => `${site.siteId}_a${n}_edu`)));
    const active = await search(site.siteId, '教育局');
    expect(active.names).toHaveLength(UNIT_SEARCH_LIMIT);
    expect(active.names.slice(0, 2)).toEqual(['测试县教育局', '示范市教育局']);
    expect(active.names.filter((name) => retired.some((n) => name === `第${n}片区教育局`))).toEqual([]);
    const admin = await createOfficial(site.siteId, 'admin');
    const listed = (await (await consoleRequest(`/v1/admin/units?q=${encodeURIComponent('教育局')}`, { as: admin })).json<AdminUnitPage>()).items;
    expect(listed.filter((u) => !u.active)).not.toHaveLength(0);
  });

  it('follows a branch an admin moves: up, its units come first; down, they leave the first places', async () => {
    const site = await treeWithDeepMatches(60);
    const admin = await createOfficial(site.siteId, 'admin');
    const move = async (unit: string, parentId: string | null) =>
      expect((await consoleRequest(`/v1/admin/units/${unit}`, { as: admin, method: 'PATCH', body: { parentId } })).status).toBe(200);

    await move(`${site.siteId}_a57`, null); // 第57片区 to the top: its 教育局 is one level down
    await move(`${site.siteId}_zcity`, `${site.siteId}_a3_edu`); // 示范市市长 under a district's 教育局: its own is five down
    const found = await search(site.siteId, '教育局');
    expect(found.names.slice(0, 2)).toEqual(['测试县教育局', '第57片区教育局']);
    expect(found.depths.slice(0, 3)).toEqual([1, 1, 3]);
    expect(found.names).not.toContain('示范市教育局');
    expect(ascending(found.depths)).toBe(true);

    // Found still, by its whole name, five levels down.
    expect((await search(site.siteId, '示范市教育局')).names).toEqual(['示范市教育局']);
  });

  it('reads about as many rows as it answers, no more with twice the deep matches', async () => {
    const site = await treeWithDeepMatches(60);
    const before = await search(site.siteId, '教育局');
    const rowsBefore = d1Cost(before.response).rowsRead;
    await addDistricts(site.siteId, 60, 120);
    const after = await search(site.siteId, '教育局');
    expect(after.names.slice(0, 2)).toEqual(['测试县教育局', '示范市教育局']);
    // The site, at most 40 keys and their units (a probe each for children), and the answer's ancestors.
    expect(rowsBefore).toBeLessThan(400);
    expect(d1Cost(after.response).rowsRead).toBeLessThanOrEqual(rowsBefore);
  });
});
