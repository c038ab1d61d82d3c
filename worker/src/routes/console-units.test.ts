import { describe, expect, it } from 'vitest';
import type { AdminUnitPage } from '../../../sdk/src/schemas/admin';
import { createSite, expectProblem } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';

describe('GET /v1/console/units', () => {
  it('names units by id for any official, with the units above them, in the order asked', async () => {
    const site = await createSite();
    const other = await createSite();
    const responder = await createOfficial(site.siteId, 'responder', [site.transportUnit]);
    const response = await consoleRequest(`/v1/console/units?ids=${site.eduUnit},nope,${other.eduUnit},${site.headUnit}`, { as: responder });
    expect(response.status).toBe(200);
    const { items } = await response.json<AdminUnitPage>();
    // Another site's unit and an unknown id are left out.
    expect(items.map((u) => [u.name, u.ancestors.map((a) => a.name)])).toEqual([['测试县教育局', ['测试县县长']], ['测试县县长', []]]);
  });

  it('refuses more than 100 ids, naming the field', async () => {
    const site = await createSite();
    const moderator = await createOfficial(site.siteId, 'moderator');
    const ids = Array.from({ length: 101 }, (_, i) => `u${i}`).join(',');
    const problem = await expectProblem(await consoleRequest(`/v1/console/units?ids=${ids}`, { as: moderator }), 422, 'validation');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'ids', code: 'above_maximum' })]);
  });
});
