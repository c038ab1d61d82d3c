import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { MessagePage } from '../../../sdk/src/schemas/message';
import { createSite, db, request, seedMessages } from '../../test/fixtures';
import { continueSearchRebuilds, rebuildSearchIndex } from './search-index';

/** Every id the board finds for `q`, page after page. */
async function searchAll(siteId: string, q: string): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | null = null;
  do {
    const query = `q=${encodeURIComponent(q)}&limit=50${cursor ? `&cursor=${cursor}` : ''}`;
    const page: MessagePage = await (await request(`/v1/sites/${siteId}/messages?${query}`)).json<MessagePage>();
    found.push(...page.items.map((m) => m.id));
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

describe('rebuildSearchIndex', () => {
  it('makes messages without search entries findable again, without duplicating those that had them', async () => {
    const { siteId, eduUnit } = await createSite();
    const ids = await seedMessages(siteId, Array.from({ length: 450 }, (_, i) => ({
      unitId: eduUnit, title: i % 3 === 0 ? `路灯不亮 ${i}` : `学校门口拥堵 ${i}`, body: '请尽快处理。',
    })));
    const withLights = ids.filter((_, i) => i % 3 === 0).reverse();
    // As in a database filled before the index existed: half the entries are missing.
    await env.DB.prepare('DELETE FROM message_search WHERE rowid IN (SELECT seq FROM messages WHERE site_id = ? AND seq % 2 = 0)')
      .bind(siteId).run();
    expect((await searchAll(siteId, '路灯')).length).toBeLessThan(withLights.length);

    expect(await rebuildSearchIndex(db, siteId)).toBe(450);

    expect(await searchAll(siteId, '路灯')).toEqual(withLights);
  });
});

describe('continueSearchRebuilds', () => {
  it('refills an emptied index in steps, newest first, resuming where it stopped, with published public messages only', async () => {
    const { siteId, eduUnit } = await createSite();
    const ids = await seedMessages(siteId, Array.from({ length: 500 }, (_, i) => ({
      unitId: eduUnit, title: `路灯不亮 ${i}`, body: '请尽快处理。', ...(i % 5 === 0 ? { isPublic: false } : {}),
    })));
    const visible = ids.filter((_, i) => i % 5 !== 0).reverse();
    // As a migration leaves it: the site's entries gone, a rebuild listed.
    await env.DB.prepare('DELETE FROM message_search WHERE rowid IN (SELECT seq FROM messages WHERE site_id = ?)').bind(siteId).run();
    await env.DB.prepare('INSERT INTO search_rebuilds (site_id) VALUES (?)').bind(siteId).run();
    expect(await searchAll(siteId, '路灯')).toEqual([]);

    expect(await continueSearchRebuilds(db, { maxBatches: 1 })).toEqual({ indexed: 200, pending: true });
    // Newest first: what readers search most is found again first.
    expect(await searchAll(siteId, '路灯')).toEqual(visible.slice(0, 200));
    expect(await continueSearchRebuilds(db)).toEqual({ indexed: 200, pending: false });
    expect(await searchAll(siteId, '路灯')).toEqual(visible);
    expect(await continueSearchRebuilds(db)).toEqual({ indexed: 0, pending: false });
  });
});

describe('migration 0038: the characters of entries written before it', () => {
  it('finds a message by one character once the rebuild has rewritten its entry, and by its words throughout', async () => {
    const { siteId, eduUnit } = await createSite();
    const [old, fresh] = await seedMessages(siteId, [
      { unitId: eduUnit, title: '县城的路灯坏了', body: '很久没人修。' },
      { unitId: eduUnit, title: '路灯不亮', body: '请尽快处理。' },
    ]);
    // The older entry as written before the migration: its bigrams only.
    await env.DB.prepare('DELETE FROM message_search WHERE rowid = (SELECT seq FROM messages WHERE id = ?)').bind(old).run();
    await env.DB.prepare("INSERT INTO message_search (rowid, text) SELECT seq, '县城 城的 的路 路灯 灯坏 坏了 \uE000 很久 久没 没人 人修' FROM messages WHERE id = ?").bind(old).run();
    // What the migration does.
    await env.DB.prepare('INSERT INTO search_rebuilds (site_id) SELECT id FROM sites WHERE id = ? ON CONFLICT (site_id) DO UPDATE SET before_seq = NULL').bind(siteId).run();
    expect(await searchAll(siteId, '路灯')).toEqual([fresh, old]);
    expect(await searchAll(siteId, '灯')).toEqual([fresh]);

    expect((await continueSearchRebuilds(db)).pending).toBe(false);

    expect(await searchAll(siteId, '灯')).toEqual([fresh, old]);
    expect(await searchAll(siteId, '修')).toEqual([old]);
    expect(await searchAll(siteId, '路灯')).toEqual([fresh, old]);
  });
});

describe('migration 0039: entries in Simplified characters', () => {
  it('finds a message written in Traditional characters by its Simplified words once the rebuild has rewritten its entry, and by its own throughout', async () => {
    const { siteId, eduUnit } = await createSite();
    const [old, fresh] = await seedMessages(siteId, [
      { unitId: eduUnit, title: '縣城的路燈壞了', body: '很久沒人修。' },
      { unitId: eduUnit, title: '路燈不亮', body: '請盡快處理。' },
    ]);
    // The older entry as written before the migration: the text as typed.
    await env.DB.prepare('DELETE FROM message_search WHERE rowid = (SELECT seq FROM messages WHERE id = ?)').bind(old).run();
    await env.DB.prepare("INSERT INTO message_search (rowid, text) SELECT seq, '縣城 城的 的路 路燈 燈壞 壞了 \uE000 很久 久沒 沒人 人修 \uE001縣 \uE001城 \uE001的 \uE001路 \uE001燈 \uE001壞 \uE001了 \uE001很 \uE001久 \uE001沒 \uE001人 \uE001修' FROM messages WHERE id = ?").bind(old).run();
    // What the migration does.
    await env.DB.prepare('INSERT INTO search_rebuilds (site_id) SELECT id FROM sites WHERE id = ? ON CONFLICT (site_id) DO UPDATE SET before_seq = NULL').bind(siteId).run();
    expect(await searchAll(siteId, '路燈')).toEqual([fresh, old]);
    expect(await searchAll(siteId, '路灯')).toEqual([fresh]);
    expect(await searchAll(siteId, '没人修')).toEqual([]);

    expect((await continueSearchRebuilds(db)).pending).toBe(false);

    expect(await searchAll(siteId, '路灯')).toEqual([fresh, old]);
    expect(await searchAll(siteId, '路燈')).toEqual([fresh, old]);
    expect(await searchAll(siteId, '没人修')).toEqual([old]);
    expect(await searchAll(siteId, '尽快')).toEqual([fresh]);
  });
});
