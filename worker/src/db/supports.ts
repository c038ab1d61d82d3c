// 我也关注: a reader's support for a published public message, counted once per reader. One place for
// the API's route (POST /v1/sites/:site/messages/:id/support) and the message page's form without a
// script (POST /s/:site/messages/:id/support).
import { sql } from 'kysely';
import { keyedHash } from '../lib/crypto';
import type { SiteDatabase } from './client';

/**
 * Who supports, as a keyed hash (the raw address or token is never stored): `who` is the client
 * address when the edge gives one, else the browser's random token (`token:…`). Counting the token
 * would let a script count again with each new token (200 fresh tokens raised a count by 200);
 * counting the address merges the readers behind one NAT (a school, an office), which a public show of
 * interest that decides nothing can afford. The message id in the hash keeps one reader's supports of
 * different messages from being linked to each other.
 */
export const supporterHash = (hashKey: string, siteId: string, messageId: string, who: string) => keyedHash(hashKey, `support\n${siteId}\n${messageId}\n${who}`);

/**
 * Adds the support in one transaction: the support row (nothing when this supporter is already
 * counted or the message is not public), the count raised only if that row was written, then the count
 * as it now stands. Null: no published public message of that id on the site (private, pending,
 * rejected and hidden ones answer as missing ones do).
 */
export async function addSupport(db: SiteDatabase, siteId: string, messageId: string, hash: string): Promise<number | null> {
  const publicMessage = db.q.selectFrom('messages')
    .where('id', '=', messageId)
    .where('site_id', '=', siteId)
    .where('moderation', '=', 'published')
    .where('is_public', '=', 1);
  const [, , current] = await db.batch([
    db.q.insertInto('supports')
      .columns(['message_id', 'supporter_hash', 'created_at'])
      .expression(publicMessage.select((eb) => ['id', eb.val(hash).as('supporter_hash'), eb.val(new Date().toISOString()).as('created_at')]))
      .onConflict((oc) => oc.doNothing()),
    db.q.updateTable('messages')
      .set((eb) => ({ support_count: eb('support_count', '+', 1) }))
      .where('id', '=', messageId)
      .where(sql<boolean>`changes() = 1`),
    publicMessage.select('support_count'),
  ]);
  return (current!.results as { support_count: number }[])[0]?.support_count ?? null;
}
