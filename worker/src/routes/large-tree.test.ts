// A site with more units than the site config carries (300; a national site has ~90,000): every
// request that names units reads only those it names, never the whole tree, and names them right.
import { describe, expect, it } from 'vitest';
import type { AdminUnit, AdminUnitPage } from '../../../sdk/src/schemas/admin';
import type { SiteConfig } from '../../../sdk/src/schemas/site';
import type { QueuePage } from '../../../sdk/src/schemas/console';
import type { MessagePage } from '../../../sdk/src/schemas/message';
import type { Stats } from '../../../sdk/src/schemas/stats';
import { addReply, addUnits, createSite, d1Cost, request, seedMessages } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';

const UNITS = 400;

/** A county with 400 more units: 20 towns (乡镇) under the head, 19 offices each. */
async function largeSite() {
  const site = await createSite();
  const s = site.siteId;
  const units: { id: string; parentId: string | null; name: string }[] = [];
  for (let t = 0; t < UNITS / 20; t++) {
    units.push({ id: `${s}_t${t}`, parentId: site.headUnit, name: `测试县第${t}镇` });
    for (let o = 0; o < 19; o++) units.push({ id: `${s}_t${t}o${o}`, parentId: `${s}_t${t}`, name: `测试县第${t}镇办公室${o}` });
  }
  await addUnits(s, units);
  const [deep, town] = [`${s}_t17o4`, `${s}_t3`];
  const ids = await seedMessages(s, [{ unitId: deep, status: 'replied' }, { unitId: town, status: 'accepted' }, { unitId: deep }]);
  await addReply(ids[0]!, { unitId: town });
  return { ...site, deep, town, ids };
}

describe('a site of more units than the config carries', { timeout: 30_000 }, () => {
  it('names the units of board cards, queue rows and the statistics ranking, reading only those units', async () => {
    const site = await largeSite();
    const board = await request(`/v1/sites/${site.siteId}/messages`);
    const page = await board.json<MessagePage>();
    expect(page.items.map((m) => m.unit.name)).toEqual(['测试县第17镇办公室4', '测试县第3镇', '测试县第17镇办公室4']);
    expect(page.items[2]!.latestReply?.unit.name).toBe('测试县第3镇');
    expect(d1Cost(board).rowsRead).toBeLessThan(30);

    const admin = await createOfficial(site.siteId, 'admin');
    const queue = await consoleRequest('/v1/console/messages?tab=all', { as: admin });
    expect((await queue.json<QueuePage>()).items.map((m) => m.unit.name).sort()).toEqual(['测试县第17镇办公室4', '测试县第17镇办公室4', '测试县第3镇']);
    expect(d1Cost(queue).rowsRead).toBeLessThan(UNITS);

    const stats = await request(`/v1/sites/${site.siteId}/stats`);
    expect((await stats.json<Stats>()).byUnit.map((u) => [u.unitId, u.name])).toEqual(expect.arrayContaining([
      [site.deep, '测试县第17镇办公室4'], [site.town, '测试县第3镇'],
    ]));
    // At most the config's 301 units to learn the site is large, once per worker; never the 404.
    expect(d1Cost(stats).rowsRead).toBeLessThan(UNITS);
    const again = await request(`/v1/sites/${site.siteId}/stats?unit=${site.deep}`);
    expect((await again.json<Stats>()).messages).toBe(2);
    expect(d1Cost(again).rowsRead).toBeLessThan(60);
  });

  it('asks Open311 clients for a unit id, found through the units endpoint, instead of listing every unit', async () => {
    const site = await largeSite();
    const response = await request(`/open311/v2/${site.siteId}/services/help.urban.json`);
    const definition = await response.json<{ attributes: { code: string; datatype: string; required: boolean; values: unknown[]; description: string }[] }>();
    expect(definition.attributes[0]).toMatchObject({ code: 'unit', datatype: 'string', required: true, values: [] });
    expect(definition.attributes[0]!.description).toContain(`/v1/sites/${site.siteId}/units?q=`);
    expect(d1Cost(response).rowsRead).toBeLessThanOrEqual(310);
  });

  it('adds and moves units by reading only the units involved', async () => {
    const site = await largeSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const created = await consoleRequest('/v1/admin/units', { as: admin, method: 'POST', body: { name: '测试县第3镇办公室19', kind: 'department', parentId: site.town } });
    expect(created.status).toBe(201);
    // After its 19 siblings (sort orders as written by addUnits), not among them.
    const unit = await created.json<AdminUnit>();
    expect(unit.sortOrder).toBe(3 * 20 + 19 + 1);
    // The parent, the last sibling, the siblings' names (19: two of one name under one parent are
    // refused; read again by the write's own guard, 0050), and what the triggers read: the name's 64
    // candidate search keys (migration 0023) and the parent's ancestors (0024). Never the 400 units.
    expect(d1Cost(created).rowsRead).toBeLessThan(120 + 2 * 20);
    // Under one of its own sub-units: refused, the branch would leave the tree.
    const loop = await consoleRequest(`/v1/admin/units/${site.town}`, { as: admin, method: 'PATCH', body: { parentId: unit.id } });
    expect(loop.status).toBe(422);
    const moved = await consoleRequest(`/v1/admin/units/${unit.id}`, { as: admin, method: 'PATCH', body: { parentId: `${site.siteId}_t4` } });
    expect(moved.status).toBe(200);
    expect(d1Cost(moved).rowsRead).toBeLessThan(120 + 2 * 20);
  });

  it('serves the site config, the admin pages’ levels and unit searches reading only what they answer', async () => {
    const site = await largeSite();
    const config = await request(`/v1/sites/${site.siteId}`);
    expect((await config.json<SiteConfig>()).units.map((u) => u.name)).toEqual(['测试县县长']);
    // The site, its campaigns and the top level: the site's count of units says the tree is large (migration 0030).
    expect(d1Cost(config).rowsRead).toBeLessThan(15);

    const admin = await createOfficial(site.siteId, 'admin');
    const level = await consoleRequest(`/v1/admin/units?parent=${site.headUnit}`, { as: admin });
    expect((await level.json<AdminUnitPage>()).items).toHaveLength(22);
    // The level's rows, a probe or two each for children, the session and the site: never the 400.
    expect(d1Cost(level).rowsRead).toBeLessThan(3 * 22 + 20);
    for (const q of ['第17镇', '办公室4', '测试县']) {
      const search = await consoleRequest(`/v1/admin/units?q=${encodeURIComponent(q)}`, { as: admin });
      const items = (await search.json<AdminUnitPage>()).items;
      expect(items.length, q).toBeGreaterThan(0);
      // Candidates from two index ranges (names by depth, search keys), a probe each, and the answer's ancestors.
      expect(d1Cost(search).rowsRead, q).toBeLessThan(300);
    }
    const town = await consoleRequest(`/v1/admin/units?q=${encodeURIComponent('测试县第17镇')}`, { as: admin });
    expect((await town.json<AdminUnitPage>()).items[0]).toMatchObject({ name: '测试县第17镇', ancestors: [{ id: site.headUnit, name: '测试县县长' }], hasChildren: true });
  });
});
