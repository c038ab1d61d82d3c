import { matchText } from '../lib/search-text';
import type { SiteDatabase } from './client';
import { indexForSearch } from './messages';

/** Messages indexed per batch: 2 statements each, well inside what one D1 batch may hold. */
const CHUNK = 200;

/**
 * Rewrites search entries from the stored text, for the rebuilds listed in `search_rebuilds`: a
 * migration that changes what the index holds (SQL alone cannot compute the bigrams) lists every site
 * there; this rewrites each entry, a chunk of a site's published public messages per batch, newest
 * first (what readers search most is right soonest), each batch also moving the site's position
 * (`before_seq`) back, so an interrupted rebuild resumes where it stopped.
 * Messages written meanwhile are indexed as they are written; their entries are replaced, never
 * doubled. Stops after `maxBatches` batches. Returns the messages indexed and whether any rebuild is left.
 */
export async function continueSearchRebuilds(db: SiteDatabase, { maxBatches = 50 }: { maxBatches?: number } = {}): Promise<{ indexed: number; pending: boolean }> {
  let indexed = 0;
  for (let batches = 0; batches < maxBatches; batches++) {
    const rebuild = await db.first(db.q.selectFrom('search_rebuilds').select(['site_id', 'before_seq']).orderBy('site_id').limit(1));
    if (!rebuild) return { indexed, pending: false };
    let chunk = db.q.selectFrom('messages').select(['seq', 'id', 'title', 'body'])
      .where('site_id', '=', rebuild.site_id).where('moderation', '=', 'published').where('is_public', '=', 1);
    if (rebuild.before_seq !== null) chunk = chunk.where('seq', '<', rebuild.before_seq);
    const rows = await db.all(chunk.orderBy('seq', 'desc').limit(CHUNK));
    const position = rows.length < CHUNK
      ? db.q.deleteFrom('search_rebuilds').where('site_id', '=', rebuild.site_id)
      : db.q.updateTable('search_rebuilds').set({ before_seq: rows.at(-1)!.seq }).where('site_id', '=', rebuild.site_id);
    await db.batch([
      ...rows.flatMap((m) => [
        db.q.deleteFrom('message_search').where('rowid', '=', m.seq),
        indexForSearch(db, m.id, m.title, m.body),
      ]),
      position,
    ]);
    indexed += rows.length;
  }
  return { indexed, pending: (await db.first(db.q.selectFrom('search_rebuilds').select('site_id').limit(1))) !== null };
}

/** Rebuilds a site's whole search index now (tests, and operators after restoring a backup). Returns the messages indexed. */
export async function rebuildSearchIndex(db: SiteDatabase, siteId: string): Promise<number> {
  await db.run(db.q.insertInto('search_rebuilds').values({ site_id: siteId, before_seq: null })
    .onConflict((oc) => oc.column('site_id').doUpdateSet({ before_seq: null })));
  let indexed = 0;
  for (;;) {
    const step = await continueSearchRebuilds(db);
    indexed += step.indexed;
    if (!step.pending) return indexed;
  }
}

/**
 * Computes `messages.match_text` (the title and body as the console's search compares them:
 * `matchText`) where it is not yet (messages stored before migration 0040, rows written by raw SQL),
 * a chunk of messages per batch, read through the partial index of pending messages. Each UPDATE
 * writes only while the column is still NULL, so running it twice, or beside a submission, changes
 * nothing. Stops after `maxBatches` batches. Returns the messages done and whether any are left.
 */
export async function continueMatchText(db: SiteDatabase, { maxBatches = 50 }: { maxBatches?: number } = {}): Promise<{ done: number; pending: boolean }> {
  let done = 0;
  for (let batches = 0; batches < maxBatches; batches++) {
    const rows = await db.all(db.q.selectFrom('messages').select(['seq', 'title', 'body']).where('match_text', 'is', null).orderBy('seq').limit(CHUNK));
    if (rows.length === 0) return { done, pending: false };
    const results = await db.batch(rows.map((m) => db.q.updateTable('messages').set({ match_text: matchText(m.title, m.body) })
      .where('seq', '=', m.seq).where('match_text', 'is', null)));
    // Counted per statement: D1's `changes` would also count rows written by triggers.
    done += results.filter((r) => r.meta.changes > 0).length;
    if (rows.length < CHUNK) return { done, pending: false };
  }
  return { done, pending: (await db.first(db.q.selectFrom('messages').select('seq').where('match_text', 'is', null).limit(1))) !== null };
}
