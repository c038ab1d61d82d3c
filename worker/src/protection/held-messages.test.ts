// A message held for a moderator on a post-moderated site (a link in its body, here): the queue list
// says why, and to the public it is as if it had not been sent — no board, no page, no search hit, no
// Open311 request — until a moderator publishes it.
import { describe, expect, it } from 'vitest';
import type { QueuePage } from '../../../sdk/src/schemas/console';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import { createSite, request, submit, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';

describe('a held message on a post-moderated site', { timeout: 60_000 }, () => {
  it('is marked with its reason in the queue list, and counts nowhere in public until published', async () => {
    const site = await createSite({ moderation: 'post' });
    const admin = await createOfficial(site.siteId, 'admin');
    const publicViews = async () => ({
      board: await (await request(`/v1/sites/${site.siteId}/messages`)).json(),
      search: await (await request(`/v1/sites/${site.siteId}/messages?q=${encodeURIComponent('蓝鲸')}`)).json(),
      open311: await (await request(`/open311/v2/${site.siteId}/requests.json`, { origin: null })).text(),
      hosted: (await (await request(`/s/${site.siteId}/`, { origin: null })).text()).replace(/nonce-[^']+|"[0-9a-f-]{36}"/g, ''),
    });
    const ordinary = await submit(site.siteId, validMessage(site.eduUnit));
    expect((await ordinary.json<MessageCreated>()).moderation).toBe('published');
    const before = await publicViews();

    const response = await submit(site.siteId, validMessage(site.eduUnit, {
      title: '蓝鲸小区门口占道经营', body: '蓝鲸小区门口每天占道经营，详情见 https://spam.example/x 请处理。',
    }));
    const held = await response.json<MessageCreated>();
    expect(held.moderation).toBe('pending');

    // The moderator's queue list names why, beside the message.
    const queue = await (await consoleRequest('/v1/console/messages?tab=moderation', { as: admin })).json<QueuePage>();
    const item = queue.items.find((m) => m.id === held.id)!;
    expect(item).toMatchObject({ moderation: 'pending', heldFor: ['link'] });
    const all = await (await consoleRequest('/v1/console/messages?tab=all', { as: admin })).json<QueuePage>();
    expect(all.items.filter((m) => m.id !== held.id).every((m) => m.heldFor.length === 0)).toBe(true);

    // The public sees exactly what it saw before it was sent. (Statistics count every message received,
    // pending and private ones too — README, "Statistics" — so they count it as received, never as published.)
    expect((await request(`/v1/sites/${site.siteId}/messages/${held.id}`)).status).toBe(404);
    expect((await request(`/s/${site.siteId}/messages/${held.id}`, { origin: null })).status).toBe(404);
    expect(await publicViews()).toEqual(before);

    // Published by a moderator, it is public like any other.
    const published = await consoleRequest(`/v1/console/messages/${held.id}/publish`, { as: admin, method: 'POST', body: {} });
    expect(published.status).toBe(200);
    const after = await (await request(`/v1/sites/${site.siteId}/messages?q=${encodeURIComponent('蓝鲸')}`)).json<{ items: { id: string }[] }>();
    expect(after.items.map((m) => m.id)).toEqual([held.id]);
  });
});
