import { describe, expect, it } from 'vitest';
import { createSite, request } from '../../test/fixtures';

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
