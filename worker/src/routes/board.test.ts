import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { MessagePage, PublicMessageDetail } from '../../../sdk/src/schemas/message';
import { createSite, request, submit, validMessage } from '../../test/fixtures';

async function publishedMessage(siteId: string, unitId: string, title: string, body = '县城的路灯坏了很久没人修，晚上出行很不方便。') {
  const response = await submit(siteId, validMessage(unitId, { title, body }));
  const { id } = await response.json<{ id: string }>();
  await env.DB.prepare("UPDATE messages SET moderation = 'published' WHERE id = ?").bind(id).run();
  return id;
}

describe('GET /v1/sites/:site/messages', () => {
  it('lists published public messages, finds two-character Chinese words, and pages with a cursor', async () => {
    const { siteId, eduUnit } = await createSite();
    const first = await publishedMessage(siteId, eduUnit, '路灯不亮');
    const second = await publishedMessage(siteId, eduUnit, '学校门口拥堵', '早高峰车辆乱停。');
    await submit(siteId, validMessage(eduUnit, { title: '未审核的留言' }));

    const all = await (await request(`/v1/sites/${siteId}/messages`)).json<MessagePage>();
    expect(all.items.map((m) => m.id)).toEqual([second, first]);
    expect(JSON.stringify(all)).not.toContain('13912345678');

    const found = await (await request(`/v1/sites/${siteId}/messages?q=${encodeURIComponent('路灯')}`)).json<MessagePage>();
    expect(found.items.map((m) => m.id)).toEqual([first]);

    const page1 = await (await request(`/v1/sites/${siteId}/messages?limit=1`)).json<MessagePage>();
    expect(page1.items.map((m) => m.id)).toEqual([second]);
    const page2 = await (await request(`/v1/sites/${siteId}/messages?limit=1&cursor=${page1.nextCursor}`)).json<MessagePage>();
    expect(page2.items.map((m) => m.id)).toEqual([first]);
    expect(page2.nextCursor).toBeNull();
  });

  it('shows one public message with its timeline, and hides unpublished ones as missing', async () => {
    const { siteId, eduUnit } = await createSite();
    const id = await publishedMessage(siteId, eduUnit, '路灯不亮');
    const response = await request(`/v1/sites/${siteId}/messages/${id}`);
    expect(response.status).toBe(200);
    const detail = await response.json<PublicMessageDetail>();
    expect(detail.timeline.map((e) => e.kind)).toEqual(['submitted']);
    const etag = response.headers.get('ETag')!;
    expect((await request(`/v1/sites/${siteId}/messages/${id}`, { headers: { 'If-None-Match': etag } })).status).toBe(304);

    const pending = await (await submit(siteId, validMessage(eduUnit))).json<{ id: string }>();
    const hidden = await request(`/v1/sites/${siteId}/messages/${pending.id}`);
    expect(hidden.status).toBe(404);
  });
});
