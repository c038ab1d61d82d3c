// What a reader of the board costs the database: a page and one message are read in the same
// round trip as the site (`rideWithSite`, middleware/site-scope.ts), a search after its rate limit.
import { describe, expect, it } from 'vitest';
import type { MessagePage, PublicMessageDetail } from '../../../sdk/src/schemas/message';
import { ALLOWED_ORIGIN, createSite, d1Cost, expectProblem, FOREIGN_ORIGIN, request, seedMessages } from '../../test/fixtures';

describe('GET /v1/sites/:site/messages and /messages/:id, their D1 cost', () => {
  it('reads a page with the site in one round trip, the same page as one read on its own', async () => {
    const { siteId, eduUnit } = await createSite();
    const ids = await seedMessages(siteId, Array.from({ length: 5 }, (_, i) => ({ unitId: eduUnit, title: `路灯不亮第${i}处`, createdAt: new Date(Date.now() - (5 - i) * 60_000) })));
    const newestFirst = [...ids].reverse();

    // The first page names its units (read once, then kept by the worker).
    await request(`/v1/sites/${siteId}/messages`, { origin: ALLOWED_ORIGIN });
    const page = await request(`/v1/sites/${siteId}/messages?limit=2`, { origin: ALLOWED_ORIGIN });
    expect(page.status).toBe(200);
    expect(d1Cost(page).queries).toBe(1);
    const first = await page.json<MessagePage>();
    expect(first.items.map((m) => m.id)).toEqual(newestFirst.slice(0, 2));

    const next = await request(`/v1/sites/${siteId}/messages?limit=2&cursor=${first.nextCursor}`);
    expect(d1Cost(next).queries).toBe(1);
    expect((await next.json<MessagePage>()).items.map((m) => m.id)).toEqual(newestFirst.slice(2, 4));

    // A tab and a unit, as the board's filters send them.
    const filtered = await request(`/v1/sites/${siteId}/messages?status=awaiting&unit=${eduUnit}`);
    expect(d1Cost(filtered).queries).toBe(1);
    expect((await filtered.json<MessagePage>()).items.map((m) => m.id)).toEqual(newestFirst.slice(0, 5));
  });

  it('reads one public message with the site in one round trip, and answers an unknown id the same way', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit, title: '学校门口拥堵' }]);
    const found = await request(`/v1/sites/${siteId}/messages/${id}`);
    expect(found.status).toBe(200);
    expect(d1Cost(found).queries).toBe(1);
    expect((await found.json<PublicMessageDetail>()).title).toBe('学校门口拥堵');

    const missing = await request(`/v1/sites/${siteId}/messages/m_nothere`);
    await expectProblem(missing, 404, 'not_found');
    expect(d1Cost(missing).queries).toBe(1);
  });

  it('sends a search after the site, behind its rate limit, and a request the route refuses reads nothing more', async () => {
    const { siteId, eduUnit } = await createSite();
    await seedMessages(siteId, [{ unitId: eduUnit, title: '路灯不亮' }]);
    await request(`/v1/sites/${siteId}/messages`); // its unit's name, read once and kept
    const search = await request(`/v1/sites/${siteId}/messages?q=${encodeURIComponent('路灯')}`);
    expect((await search.json<MessagePage>()).items).toHaveLength(1);
    expect(d1Cost(search).queries).toBe(2);

    const badCursor = await request(`/v1/sites/${siteId}/messages?cursor=${encodeURIComponent('不是游标')}`);
    expect((await expectProblem(badCursor, 422, 'validation')).errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    expect(d1Cost(badCursor).queries).toBe(1);

    const twice = await request(`/v1/sites/${siteId}/messages?status=awaiting&status=answered`);
    expect(twice.status).toBeGreaterThanOrEqual(400);
    expect(twice.status).toBeLessThan(500);
    expect(d1Cost(twice).queries).toBe(1);

    const tooLong = await request(`/v1/sites/${siteId}/messages/${'m'.repeat(65)}`);
    expect(tooLong.status).toBe(422);
    expect(d1Cost(tooLong).queries).toBe(1);
  });

  it('refuses a foreign origin before anything the route would answer, a bad cursor included', async () => {
    const { siteId } = await createSite();
    await expectProblem(await request(`/v1/sites/${siteId}/messages?cursor=zz-bad`, { origin: FOREIGN_ORIGIN }), 403, 'origin_not_allowed');
    await expectProblem(await request(`/v1/sites/${siteId}/messages/m_any`, { origin: FOREIGN_ORIGIN }), 403, 'origin_not_allowed');
  });
});
