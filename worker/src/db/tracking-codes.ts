import { sql } from 'kysely';
import type { SiteDatabase } from './client';

/**
 * Finds what a citizen's tracking code opens: `find` looks it up by `messages.tracking_hash` (the
 * keyed hash of the code typed, `trackingCodeHash`) and returns null when nothing has it.
 *
 * A code sent for a lost one (`POST /v1/sites/:site/track/recover`) waits in `tracking_hash_next`
 * beside the old one, and both open the message until the new one is first used: that use moves it
 * into `tracking_hash`, the old one stops working, and `find` runs again. Anyone who knows a
 * citizen's phone or e-mail may ask for new codes, so asking alone must never take the citizen's
 * code away (migration 0043). A code that opens nothing costs one more statement, which changes no
 * row; one that works costs nothing more. Resolves to `find`'s answer, or null.
 */
export async function byTrackingHash<T>(db: SiteDatabase, siteId: string, hash: string, find: () => Promise<T | null>): Promise<T | null> {
  const found = await find();
  if (found !== null) return found;
  const taken = await db.run(db.q.updateTable('messages')
    .set({ tracking_hash: sql<string>`tracking_hash_next`, tracking_hash_next: null })
    .where('site_id', '=', siteId).where('tracking_hash_next', '=', hash), { idempotent: true });
  return taken.meta.changes > 0 ? find() : null;
}
