import type { SiteDatabase } from './client';
import { indexForSearch } from './messages';

const CHUNK = 200;

/**
 * Rewrites the search entries of a site's messages from their stored text. For databases that
 * hold messages written before the index existed, or after the way text is indexed changed
 * (SQL alone cannot compute the bigrams, so a migration cannot do this). Each chunk is one batch.
 */
export async function rebuildSearchIndex(db: SiteDatabase, siteId: string): Promise<number> {
  let done = 0;
  for (let after = 0; ; ) {
    const rows = await db.all(
      db.q.selectFrom('messages').select(['seq', 'id', 'title', 'body'])
        .where('site_id', '=', siteId).where('seq', '>', after)
        .orderBy('seq').limit(CHUNK),
    );
    if (rows.length === 0) return done;
    await db.batch(rows.flatMap((m) => [
      db.q.deleteFrom('message_search').where('rowid', '=', m.seq),
      indexForSearch(db, m.id, m.title, m.body),
    ]));
    done += rows.length;
    after = rows.at(-1)!.seq;
  }
}
