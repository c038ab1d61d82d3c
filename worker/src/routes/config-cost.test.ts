// The site config of a large tree, as a worker starting cold reads it: the top level is read from
// D1 once per data centre (its Cache API), not once per worker.
import { describe, expect, it } from 'vitest';
import type { SiteConfig } from '../../../sdk/src/schemas/site';
import { addUnits, createCampaign, createSite, d1Cost, request } from '../../test/fixtures';
import { forgetTopLevels } from '../db/unit-picker';

describe('GET /v1/sites/:site on a tree of 57 top-level units (the national tree’s ministries and provinces)', () => {
  it('reads at most 50 rows in a worker that starts cold, and names the top level right after a change', async () => {
    const site = await createSite();
    const s = site.siteId;
    const units: { id: string; parentId: string | null; name: string }[] = [];
    // With the county head of the fixture: 57 top-level units, and more than the 300 a config carries whole.
    for (let t = 0; t < 56; t++) {
      units.push({ id: `${s}_p${t}`, parentId: null, name: `第${t}省` });
      for (let c = 0; c < 5; c++) units.push({ id: `${s}_p${t}c${c}`, parentId: `${s}_p${t}`, name: `第${t}省第${c}市` });
    }
    await addUnits(s, units);

    const first = await request(`/v1/sites/${s}`);
    expect((await first.json<SiteConfig>()).units).toHaveLength(57);
    forgetTopLevels(); // as a new worker would start, in the same data centre
    const cold = await request(`/v1/sites/${s}`);
    const config = await cold.json<SiteConfig>();
    expect(config.units).toHaveLength(57);
    expect(config.unitsComplete).toBe(false);
    expect(d1Cost(cold).rowsRead).toBeLessThanOrEqual(50);

    // A change of a unit bumps the site's units version: the next config names the new top level.
    await addUnits(s, [{ id: `${s}_new`, parentId: null, name: '新设的部委' }]);
    forgetTopLevels();
    const changed = await (await request(`/v1/sites/${s}`)).json<SiteConfig>();
    expect(changed.units.map((u) => u.name)).toContain('新设的部委');
  });
});

describe('GET /v1/sites/:site on a small tree', () => {
  it('reads the site, its units and its open campaigns in one round trip', async () => {
    const { siteId, eduUnit, inactiveUnit } = await createSite();
    const day = 86_400_000;
    await createCampaign(siteId, { slug: 'open-now', startsAt: new Date(Date.now() - day), endsAt: new Date(Date.now() + day) });
    await createCampaign(siteId, { slug: 'ended', startsAt: new Date(Date.now() - 3 * day), endsAt: new Date(Date.now() - day) });
    const response = await request(`/v1/sites/${siteId}`);
    expect(response.status).toBe(200);
    expect(d1Cost(response).queries).toBe(1);
    const config = await response.json<SiteConfig>();
    const ids = JSON.stringify(config.units);
    expect(ids).toContain(eduUnit);
    expect(ids).not.toContain(inactiveUnit);
    expect(config.unitsComplete).toBe(true);
    expect(config.campaigns.map((c) => c.slug)).toEqual(['open-now']);
  });
});
