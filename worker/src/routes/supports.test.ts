import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { MessagePage, PublicMessageDetail, SupportResult } from '../../../sdk/src/schemas/message';
import { createSite, d1Cost, expectProblem, FOREIGN_ORIGIN, request, seedMessages } from '../../test/fixtures';

const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const OTHER_TOKEN = 'ffeeddccbbaa99887766554433221100';

function support(siteId: string, id: string, { supporter = TOKEN, address, origin }: { supporter?: unknown; address?: string; origin?: string | null } = {}) {
  return request(`/v1/sites/${siteId}/messages/${id}/support`, {
    method: 'POST',
    origin,
    headers: { 'Content-Type': 'application/json', ...(address ? { 'CF-Connecting-IP': address } : {}) },
    body: JSON.stringify({ supporter }),
  });
}

async function supportRows(messageId: string) {
  const { results } = await env.DB.prepare('SELECT supporter_hash FROM supports WHERE message_id = ?').bind(messageId).all<{ supporter_hash: string }>();
  return results.map((r) => r.supporter_hash);
}

const supportCount = async (messageId: string) =>
  (await env.DB.prepare('SELECT support_count AS n FROM messages WHERE id = ?').bind(messageId).first<{ n: number }>())!.n;

describe('POST /v1/sites/:site/messages/:id/support — 我也关注', () => {
  it('counts a reader once: the second support from the same reader changes nothing', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit }]);

    const first = await support(siteId, id!, { address: '203.0.113.7' });
    expect(first.status).toBe(200);
    expect(first.headers.get('Cache-Control')).toBe('no-store');
    expect(await first.json<SupportResult>()).toEqual({ supportCount: 1, supported: true });
    // The insert and the count in one batch, after the site lookup.
    expect(d1Cost(first)).toMatchObject({ queries: 2, rowsWritten: expect.any(Number) });

    const again = await support(siteId, id!, { address: '203.0.113.7' });
    expect(again.status).toBe(200);
    expect(await again.json<SupportResult>()).toEqual({ supportCount: 1, supported: true });
    expect(await supportCount(id!)).toBe(1);
    expect(await supportRows(id!)).toHaveLength(1);

    // Fresh tokens from the same address change nothing (a script making a token per request);
    // another address counts.
    for (let i = 0; i < 15; i++) {
      const fresh = crypto.randomUUID().replaceAll('-', '');
      expect(await (await support(siteId, id!, { supporter: fresh, address: '203.0.113.7' })).json<SupportResult>()).toEqual({ supportCount: 1, supported: true });
    }
    expect(await (await support(siteId, id!, { supporter: OTHER_TOKEN, address: '198.51.100.20' })).json<SupportResult>()).toEqual({ supportCount: 2, supported: true });
    expect(await supportCount(id!)).toBe(2);
    expect(await supportRows(id!)).toHaveLength(2);
  });

  it('counts by token only where no edge gives the address (a server relaying its readers)', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit }]);
    expect(await (await support(siteId, id!)).json<SupportResult>()).toEqual({ supportCount: 1, supported: true });
    expect(await (await support(siteId, id!)).json<SupportResult>()).toEqual({ supportCount: 1, supported: true });
    expect(await (await support(siteId, id!, { supporter: OTHER_TOKEN })).json<SupportResult>()).toEqual({ supportCount: 2, supported: true });
  });

  it('stores neither the token nor the address, only a keyed hash that differs per message', async () => {
    const { siteId, eduUnit } = await createSite();
    const [a, b] = await seedMessages(siteId, [{ unitId: eduUnit }, { unitId: eduUnit }]);
    await support(siteId, a!, { address: '203.0.113.7' });
    await support(siteId, b!, { address: '203.0.113.7' });
    const [hashA] = await supportRows(a!);
    const [hashB] = await supportRows(b!);
    expect(hashA).toMatch(/^[0-9a-f]{64}$/);
    expect(hashA).not.toBe(hashB);
    const stored = JSON.stringify(await env.DB.prepare('SELECT * FROM supports WHERE message_id IN (?, ?)').bind(a, b).all());
    for (const secret of [TOKEN, '203.0.113.7']) expect(stored).not.toContain(secret);
  });

  it('shows the new count on the board and in the detail, with a new ETag', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit }]);
    const list = await request(`/v1/sites/${siteId}/messages`);
    const detail = await request(`/v1/sites/${siteId}/messages/${id}`);
    const [listTag, detailTag] = [list.headers.get('ETag')!, detail.headers.get('ETag')!];
    expect((await list.json<MessagePage>()).items[0]!.supportCount).toBe(0);

    await support(siteId, id!);

    for (const [path, tag] of [[`/v1/sites/${siteId}/messages`, listTag], [`/v1/sites/${siteId}/messages/${id}`, detailTag]] as const) {
      const response = await request(path, { headers: { 'If-None-Match': tag } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('ETag'), path).not.toBe(tag);
    }
    expect((await (await request(`/v1/sites/${siteId}/messages`)).json<MessagePage>()).items[0]!.supportCount).toBe(1);
    expect((await (await request(`/v1/sites/${siteId}/messages/${id}`)).json<PublicMessageDetail>()).supportCount).toBe(1);
  });

  it('answers 404 for a pending, rejected, hidden, private, missing or other site’s message, and writes nothing', async () => {
    const site = await createSite();
    const neighbour = await createSite();
    const unseen = await seedMessages(site.siteId, [
      { unitId: site.eduUnit, moderation: 'pending' },
      { unitId: site.eduUnit, moderation: 'rejected' },
      { unitId: site.eduUnit, moderation: 'hidden' },
      { unitId: site.eduUnit, isPublic: false },
    ]);
    const [foreign] = await seedMessages(neighbour.siteId, [{ unitId: neighbour.eduUnit }]);
    for (const id of [...unseen, foreign!, 'm_doesnotexist00']) {
      await expectProblem(await support(site.siteId, id), 404, 'not_found');
      expect(await supportRows(id)).toEqual([]);
    }
    for (const id of [...unseen, foreign!]) expect(await supportCount(id)).toBe(0);
  });

  it('refuses a browser on an origin the site does not allow, and a malformed token', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit }]);
    await expectProblem(await support(siteId, id!, { origin: FOREIGN_ORIGIN }), 403, 'origin_not_allowed');
    for (const supporter of ['short', 'x'.repeat(65), '<script>alert(1)</script>-padding', 42, null]) {
      const problem = await expectProblem(await support(siteId, id!, { supporter }), 422, 'validation');
      expect(problem.errors?.map((e) => e.field)).toEqual(['supporter']);
    }
    expect(await supportCount(id!)).toBe(0);
    // Servers using the SDK send no Origin: allowed.
    expect((await support(siteId, id!, { origin: null })).status).toBe(200);
  });
});
