import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { MessagePage, PublicMessageDetail } from '../../sdk/src/schemas/message';
import { ALLOWED_ORIGIN, db, request } from '../test/fixtures';
import { seedDemo } from './demo';

describe('the demo site', () => {
  it('shows the citizen’s loop as the service keeps it: ratings of final replies, a 重办 and 追问 on the board', async () => {
    await seedDemo(db, env, { origins: [ALLOWED_ORIGIN] });
    // Every rating names the final reply it rates (one per reply: the unique index holds it).
    const ratings = await db.all(db.q.selectFrom('ratings as rt').innerJoin('messages as m', 'm.id', 'rt.message_id')
      .leftJoin('replies as r', 'r.id', 'rt.reply_id')
      .select(['rt.overall', 'rt.reason_code', 'r.kind', 'm.status', 'm.reopened_at'])
      .where('m.site_id', '=', 'demo'));
    expect(ratings.length).toBeGreaterThan(5);
    for (const r of ratings) {
      expect(r.kind).toBe('final');
      // 2 or less re-opened the message with a reason, as the service does.
      if (r.overall <= 2) expect(r).toMatchObject({ reason_code: 'not_solved', status: 'in_progress', reopened_at: expect.any(String) });
    }

    const board: PublicMessageDetail[] = [];
    for (let cursor: string | null = ''; cursor !== null;) {
      const page: MessagePage = await (await request(`/v1/sites/demo/messages?limit=50${cursor ? `&cursor=${cursor}` : ''}`)).json<MessagePage>();
      for (const item of page.items) board.push(await (await request(`/v1/sites/demo/messages/${item.id}`)).json<PublicMessageDetail>());
      cursor = page.nextCursor;
    }
    expect(board.filter((m) => m.rating !== null).length).toBeGreaterThan(5);
    expect(board.filter((m) => m.timeline.some((e) => e.kind === 'reopened')).length).toBeGreaterThanOrEqual(2);
    const followUps = board.flatMap((m) => m.followUps);
    expect(followUps.map((f) => [f.body !== null, f.awaitingReview]).sort()).toEqual([[false, true], [true, false]]);
  });
});
