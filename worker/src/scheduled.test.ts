import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { countRows, createSite, db, submit, validMessage } from '../test/fixtures';
import { createOfficial } from '../test/officials';
import worker from './index';

async function runCleanUp(at = Date.now()) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '17 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();

describe('the hourly clean-up', () => {
  it('deletes stored answers (with their tracking codes) once the retry window is over, and keeps live ones', async () => {
    const { siteId, eduUnit } = await createSite();
    const key = crypto.randomUUID();
    expect((await submit(siteId, validMessage(eduUnit), { key })).status).toBe(201);
    expect((await submit(siteId, validMessage(eduUnit, { title: '第二条留言' }))).status).toBe(201);
    await env.DB.prepare("UPDATE idempotency_keys SET expires_at = '2000-01-01T00:00:00.000Z' WHERE key = ?").bind(key).run();

    await runCleanUp();

    expect(await countRows('idempotency_keys', siteId)).toBe(1);
    expect(await countRows('messages', siteId)).toBe(2);
  });

  it('deletes sessions that ended over a day ago, and keeps live and recently ended ones', async () => {
    const { siteId } = await createSite();
    const official = () => createOfficial(siteId, 'moderator');
    const [live, expiredLong, revokedLong, revokedRecently] = await Promise.all([official(), official(), official(), official()]);
    const session = (id: string) => db.q.updateTable('sessions').where('account_id', '=', id);
    await db.batch([
      session(expiredLong.id).set({ expires_at: hoursAgo(25) }),
      session(revokedLong.id).set({ revoked_at: hoursAgo(25) }),
      session(revokedRecently.id).set({ revoked_at: hoursAgo(23) }),
    ]);
    await runCleanUp();
    const left = await db.all(db.q.selectFrom('sessions').select('account_id')
      .where('account_id', 'in', [live.id, expiredLong.id, revokedLong.id, revokedRecently.id]));
    expect(left.map((r) => r.account_id).sort()).toEqual([live.id, revokedRecently.id].sort());
  });

  it('deletes sign-in failures no throttling rule reads any more', async () => {
    await db.run(db.q.insertInto('sign_in_failures').values([
      { key_hash: 'stale', failures: 2, first_failed_at: hoursAgo(1), locked_until: null },
      { key_hash: 'lock-over', failures: 10, first_failed_at: hoursAgo(1), locked_until: hoursAgo(0.5) },
      { key_hash: 'in-window', failures: 2, first_failed_at: hoursAgo(0.1), locked_until: null },
      { key_hash: 'locked', failures: 10, first_failed_at: hoursAgo(0.2), locked_until: hoursAgo(-0.1) },
    ]));
    await runCleanUp();
    const left = await db.all(db.q.selectFrom('sign_in_failures').select('key_hash').orderBy('key_hash'));
    expect(left.map((r) => r.key_hash)).toEqual(['in-window', 'locked']);
  });
});
