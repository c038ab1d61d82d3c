import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { countRows, createSite, submit, validMessage } from '../test/fixtures';
import worker from './index';

describe('the hourly clean-up', () => {
  it('deletes stored answers (with their tracking codes) once the retry window is over, and keeps live ones', async () => {
    const { siteId, eduUnit } = await createSite();
    const key = crypto.randomUUID();
    expect((await submit(siteId, validMessage(eduUnit), { key })).status).toBe(201);
    expect((await submit(siteId, validMessage(eduUnit, { title: '第二条留言' }))).status).toBe(201);
    await env.DB.prepare("UPDATE idempotency_keys SET expires_at = '2000-01-01T00:00:00.000Z' WHERE key = ?").bind(key).run();

    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '17 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);

    expect(await countRows('idempotency_keys', siteId)).toBe(1);
    expect(await countRows('messages', siteId)).toBe(2);
  });
});
