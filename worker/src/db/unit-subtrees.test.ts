// A unit filters the public board by its whole subtree (migration 0024): the same messages as the
// definition (every published public message addressed to the unit or any unit below it, newest
// first), through transfers (转办) and units moved by an admin, at a cost that does not grow with
// the subtree.
import { describe, expect, it } from 'vitest';
import type { MessagePage } from '../../../sdk/src/schemas/message';
import { addUnits, createCampaign, createSite, d1Cost, db, request, seedMessages, type SeedMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';

/** The definition of a unit's subtree, from the units table as it is now: the unit and every unit below it. */
async function subtreeByDefinition(siteId: string, unitId: string): Promise<Set<string>> {
  const units = await db.all(db.q.selectFrom('units').select(['id', 'parent_id']).where('site_id', '=', siteId));
  const below = new Set([unitId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units) if (u.parent_id && below.has(u.parent_id) && !below.has(u.id)) { below.add(u.id); grew = true; }
  }
  return below;
}

/** What the board must show for a unit (and a tab, a campaign): by definition, from the messages table. */
async function boardByDefinition(siteId: string, unitId: string, { tab, campaignId }: { tab?: string; campaignId?: string } = {}) {
  const subtree = await subtreeByDefinition(siteId, unitId);
  const rows = await db.all(db.q.selectFrom('messages').select(['id', 'unit_id', 'public_tab', 'campaign_id'])
    .where('site_id', '=', siteId).where('moderation', '=', 'published').where('is_public', '=', 1).orderBy('seq', 'desc'));
  return rows.filter((m) => subtree.has(m.unit_id) && (!tab || m.public_tab === tab) && (!campaignId || m.campaign_id === campaignId)).map((m) => m.id);
}

/** Every page of the board for these parameters, walked by cursor, as message ids. */
async function boardOfApi(siteId: string, params: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: Record<string, string> = { ...params, limit: '7', ...(cursor ? { cursor } : {}) };
    const response = await request(`/v1/sites/${siteId}/messages?${new URLSearchParams(query)}`);
    expect(response.status, `${JSON.stringify(query)} ${await response.clone().text()}`).toBe(200);
    const page = await response.json<MessagePage>();
    ids.push(...page.items.map((m) => m.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

async function transfer(as: TestOfficial, messageId: string, unitId: string) {
  const response = await consoleRequest(`/v1/console/messages/${messageId}/transfer`, { as, method: 'POST', body: { unitId, reason: '属该部门职责' } });
  expect(response.status, await response.clone().text()).toBe(200);
}

async function moveUnit(as: TestOfficial, unitId: string, parentId: string) {
  const response = await consoleRequest(`/v1/admin/units/${unitId}`, { as, method: 'PATCH', body: { parentId } });
  expect(response.status, await response.clone().text()).toBe(200);
}

describe('the board of a unit’s subtree', { timeout: 60_000 }, () => {
  it('shows exactly the definition’s messages for every unit, tab and drive, through transfers and a unit moved', async () => {
    const site = await createSite();
    const s = site.siteId;
    // 县长 › 教育局 › 基础教育股 › 城关小学; 县长 › 交通运输局; a second leader 书记 › 信访办; the retired office.
    await addUnits(s, [
      { id: `${s}_basic`, parentId: site.eduUnit, name: '测试县教育局基础教育股' },
      { id: `${s}_school`, parentId: `${s}_basic`, name: '测试县城关小学' },
      { id: `${s}_secretary`, parentId: null, name: '测试县委书记' },
      { id: `${s}_petitions`, parentId: `${s}_secretary`, name: '测试县信访办' },
    ]);
    const units = [site.headUnit, site.eduUnit, `${s}_basic`, `${s}_school`, site.transportUnit, `${s}_secretary`, `${s}_petitions`, site.inactiveUnit];
    const campaignId = await createCampaign(s, { slug: 'schools', startsAt: new Date(0), endsAt: new Date(Date.now() + 86_400_000) });
    const statuses = ['submitted', 'accepted', 'in_progress', 'replied', 'closed'] as const;
    const specs: SeedMessage[] = Array.from({ length: 64 }, (_, i) => ({
      unitId: units[i % units.length]!,
      status: statuses[i % 5],
      campaignId: i % 3 === 0 ? campaignId : null,
      // Every seventh is waiting for review, every eleventh private: never on the board, under any unit.
      ...(i % 7 === 3 && { moderation: 'pending' as const }),
      ...(i % 11 === 5 && { isPublic: false }),
    }));
    const ids = await seedMessages(s, specs);
    const admin = await createOfficial(s, 'admin');
    // 转办 both ways across subtrees, a private one and one still to be reviewed included.
    const open = ids.filter((_, i) => ['submitted', 'accepted', 'in_progress'].includes(specs[i]!.status!));
    await transfer(admin, open[0]!, `${s}_petitions`);
    await transfer(admin, open[1]!, `${s}_school`);
    await transfer(admin, open[2]!, site.transportUnit);
    await transfer(admin, open[3]!, `${s}_school`);
    // The school section moves from 教育局 to 书记's office, its school with it.
    await moveUnit(admin, `${s}_basic`, `${s}_secretary`);
    // A status change moves a message between tabs (replied: 已办理).
    await db.run(db.q.updateTable('messages').set({ status: 'replied' }).where('id', '=', open[4]!));

    for (const unit of units) {
      expect(await boardOfApi(s, { unit }), unit).toEqual(await boardByDefinition(s, unit));
      for (const tab of ['awaiting', 'in_progress', 'answered']) {
        expect(await boardOfApi(s, { unit, status: tab }), `${unit} ${tab}`).toEqual(await boardByDefinition(s, unit, { tab }));
      }
      expect(await boardOfApi(s, { unit, campaign: 'schools' }), `${unit} drive`).toEqual(await boardByDefinition(s, unit, { campaignId }));
    }
    // A unit the site does not have is named as unknown, not answered as an empty board.
    const nowhere = await request(`/v1/sites/${s}/messages?unit=${s}_nowhere`);
    expect(nowhere.status).toBe(422);
    expect((await nowhere.json<{ errors: { field: string; code: string }[] }>()).errors).toEqual([expect.objectContaining({ field: 'unit', code: 'unknown_unit' })]);
    // Not vacuous: the moved section's messages are now the secretary's, no longer the head's.
    const school = await boardByDefinition(s, `${s}_school`);
    expect(school.length).toBeGreaterThan(2);
    expect(await boardOfApi(s, { unit: `${s}_secretary` })).toEqual(expect.arrayContaining(school));
    expect(await boardOfApi(s, { unit: site.headUnit })).not.toEqual(expect.arrayContaining([school[0]]));
  });

  it('a transfer moves a message from one subtree to the other at once', async () => {
    const site = await createSite();
    const s = site.siteId;
    await addUnits(s, [{ id: `${s}_secretary`, parentId: null, name: '测试县委书记' }, { id: `${s}_petitions`, parentId: `${s}_secretary`, name: '测试县信访办' }]);
    const [id] = await seedMessages(s, [{ unitId: site.eduUnit, status: 'accepted' }]);
    expect(await boardOfApi(s, { unit: site.headUnit })).toEqual([id]);
    await transfer(await createOfficial(s, 'admin'), id!, `${s}_petitions`);
    expect(await boardOfApi(s, { unit: site.headUnit })).toEqual([]);
    expect(await boardOfApi(s, { unit: site.eduUnit })).toEqual([]);
    expect(await boardOfApi(s, { unit: `${s}_secretary` })).toEqual([id]);
    expect(await boardOfApi(s, { unit: `${s}_petitions` })).toEqual([id]);
  });

  it('moving a unit moves its messages and those of every unit below it', async () => {
    const site = await createSite();
    const s = site.siteId;
    await addUnits(s, [
      { id: `${s}_basic`, parentId: site.eduUnit, name: '测试县教育局基础教育股' },
      { id: `${s}_school`, parentId: `${s}_basic`, name: '测试县城关小学' },
      { id: `${s}_secretary`, parentId: null, name: '测试县委书记' },
    ]);
    const ids = await seedMessages(s, [{ unitId: `${s}_basic` }, { unitId: `${s}_school` }, { unitId: site.eduUnit }]);
    const admin = await createOfficial(s, 'admin');
    await moveUnit(admin, `${s}_basic`, `${s}_secretary`);
    expect(await boardOfApi(s, { unit: `${s}_secretary` })).toEqual([ids[1], ids[0]]);
    expect(await boardOfApi(s, { unit: site.headUnit })).toEqual([ids[2]]);
    expect(await boardOfApi(s, { unit: site.eduUnit })).toEqual([ids[2]]);
    // And back under a department of the head's: two levels above it now.
    await moveUnit(admin, `${s}_basic`, site.transportUnit);
    expect(await boardOfApi(s, { unit: `${s}_secretary` })).toEqual([]);
    expect(await boardOfApi(s, { unit: site.headUnit })).toEqual([ids[2], ids[1], ids[0]]);
    expect(await boardOfApi(s, { unit: site.transportUnit })).toEqual([ids[1], ids[0]]);
    // A new unit below the moved branch has every ancestor of its new place.
    await addUnits(s, [{ id: `${s}_class`, parentId: `${s}_school`, name: '测试县城关小学一年级' }]);
    const [late] = await seedMessages(s, [{ unitId: `${s}_class` }]);
    expect(await boardOfApi(s, { unit: site.headUnit })).toEqual([late, ids[2], ids[1], ids[0]]);
  });

  it('a page of a province’s subtree reads as few rows as a county’s, on a tree of a few thousand units', async () => {
    const site = await createSite();
    const s = site.siteId;
    // A province → 12 cities → 8 counties each → 25 departments each: 2,509 units below the province.
    const tree: { id: string; parentId: string | null; name: string }[] = [{ id: `${s}_p`, parentId: null, name: '测试省' }];
    const departments: string[] = [];
    for (let c = 0; c < 12; c++) {
      tree.push({ id: `${s}_c${c}`, parentId: `${s}_p`, name: `测试市${c}` });
      for (let k = 0; k < 8; k++) {
        tree.push({ id: `${s}_c${c}k${k}`, parentId: `${s}_c${c}`, name: `测试县${c}-${k}` });
        for (let d = 0; d < 25; d++) {
          tree.push({ id: `${s}_c${c}k${k}d${d}`, parentId: `${s}_c${c}k${k}`, name: `测试县${c}-${k}部门${d}` });
          departments.push(`${s}_c${c}k${k}d${d}`);
        }
      }
    }
    await addUnits(s, tree);
    // Messages over the whole province (every 13th department), then 30 more to one county, older ones first.
    const county = `${s}_c5k3`;
    const spread = departments.filter((_, i) => i % 13 === 0).map((unitId) => ({ unitId }));
    await seedMessages(s, [...spread, ...Array.from({ length: 30 }, (_, i) => ({ unitId: `${county}d${i % 25}` })), ...spread]);
    const cost = async (unit: string) => {
      const path = `/v1/sites/${s}/messages?unit=${unit}`;
      await request(path); // the names of the units on the page, read once per worker
      const response = await request(path);
      const page = await response.json<MessagePage>();
      expect(page.items).toHaveLength(20);
      return d1Cost(response).rowsRead;
    };
    const province = await cost(`${s}_p`);
    const countyRows = await cost(county);
    // The goal: ≤ 50 rows for a page, whether the subtree has 2,509 units or 26.
    expect(province, `province: ${province}`).toBeLessThanOrEqual(50);
    expect(countyRows, `county: ${countyRows}`).toBeLessThanOrEqual(50);
    expect(Math.abs(province - countyRows)).toBeLessThanOrEqual(2);
  });
});
