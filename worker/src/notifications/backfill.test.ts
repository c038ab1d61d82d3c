// Contact hashes for messages stored before migration 0028, filled in by the hourly job, on the real
// local D1: then a lost tracking code can be sent again for them.
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import { createSite, db, PLACEHOLDER_CIPHERTEXT, request, seedMessages, submit, validMessage } from '../../test/fixtures';
import { backfillContactHashes, UNMATCHABLE_HASH } from './backfill';

const hashesOf = (ids: string[]) => db.all(db.q.selectFrom('messages').select(['id', 'author_phone_hash', 'author_email_hash'])
  .where('id', 'in', ids).orderBy('seq'));

describe('contact hashes of messages from before migration 0028', () => {
  it('are filled in a bounded batch a run, as a submission writes them, so a lost code is found again; erased authors stay unfound', { timeout: 30_000 }, async () => {
    const site = await createSite();
    const authors = [
      { name: '陈明', phone: '13912340001', email: 'Chen.Ming@Example.com', displayAs: 'masked' as const },
      { name: '李华', phone: '+86 139 1234 0002', email: null, displayAs: 'masked' as const },
      { name: '王芳', phone: '(0371)12345678 转 8012', email: 'wangfang@example.com', displayAs: 'masked' as const },
      { name: '赵强', phone: '13912340004', email: 'zhaoqiang@example.com', displayAs: 'masked' as const },
    ];
    const ids: string[] = [];
    for (const author of authors) ids.push((await (await submit(site.siteId, validMessage(site.eduUnit, { author }))).json<MessageCreated>()).id);
    const written = await hashesOf(ids);
    expect(written.every((row) => row.author_phone_hash)).toBe(true);
    // A message whose phone cannot be opened (a ciphertext from elsewhere): done once, never matched.
    const [unreadable] = await seedMessages(site.siteId, [{ unitId: site.eduUnit }]);
    const erased = ids[3]!;
    // As before migration 0028: no hashes; the last author erased their details since.
    await db.batch([
      db.q.updateTable('messages').set({ author_phone_hash: null, author_email_hash: null }).where('id', 'in', [...ids, unreadable!]),
      db.q.updateTable('messages').set({ author_erased_at: new Date().toISOString() }).where('id', '=', erased),
    ]);
    expect((await db.first(db.q.selectFrom('messages').select('author_phone_enc').where('id', '=', unreadable!)))!.author_phone_enc).toBe(PLACEHOLDER_CIPHERTEXT);

    // The rows still to do are read through migration 0031's index: a run reads at most its batch.
    const plan = await env.DB.prepare('EXPLAIN QUERY PLAN SELECT seq FROM messages WHERE author_phone_hash IS NULL AND author_erased_at IS NULL ORDER BY seq LIMIT 2').all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join(' ')).toContain('messages_without_contact_hash');

    expect(await backfillContactHashes(env, db, 2)).toBe(2);
    expect(await backfillContactHashes(env, db, 2)).toBe(2);
    expect(await backfillContactHashes(env, db, 2)).toBe(0);
    expect(await backfillContactHashes(env, db, 2)).toBe(0);

    const after = await hashesOf([...ids, unreadable!]);
    // Exactly what the submission wrote (the e-mail compared without regard to case), but for the erased author.
    expect(after.slice(0, 3)).toEqual(written.slice(0, 3));
    expect(after[3]).toEqual({ id: erased, author_phone_hash: null, author_email_hash: null });
    expect(after[4]).toMatchObject({ id: unreadable, author_phone_hash: UNMATCHABLE_HASH, author_email_hash: null });

    // 忘记查询码: the first author's e-mail, typed in another case, finds the old message again.
    const recover = await request(`/v1/sites/${site.siteId}/track/recover`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ contact: 'chen.ming@example.com' }),
    });
    expect(recover.status).toBe(202);
    await vi.waitFor(async () => {
      const codes = await db.all(db.q.selectFrom('notifications').select('message_id').where('site_id', '=', site.siteId).where('kind', '=', 'new_code'));
      expect(codes).toEqual([{ message_id: ids[0] }]);
    }, { timeout: 15_000, interval: 200 });
  });
});
