// The citizen's right to erase their contact details (PIPL art. 47: deletion on the individual's
// request). The message itself stays on the record — it was addressed to a public body, and its
// public page keeps the display name chosen at submission (`陈***`, `陈先生`) — but the name, phone
// and email are gone from the row, and each erasure is logged apart so it can be applied again after
// a backup older than it is restored (README, "Backup and restore").
import { ERASED } from '../lib/contact';
import type { SiteDatabase } from './client';

/**
 * Empties the contact columns of message `messageId` and logs the erasure, in one batch. Erasing
 * again changes nothing. Returns when the contact details were erased (UTC ISO), now or before.
 */
export async function eraseContact(db: SiteDatabase, siteId: string, messageId: string, now: Date): Promise<string> {
  const erasedAt = now.toISOString();
  await db.batch([
    db.q.updateTable('messages')
      .set({
        author_name_enc: ERASED, author_phone_enc: ERASED, author_email_enc: null, author_erased_at: erasedAt,
        // Nothing may find or reach the author any more: no lost-code look-up, no reply notice.
        author_phone_hash: null, author_email_hash: null, notify_sms: 0, notify_email: 0,
      })
      .where('id', '=', messageId).where('site_id', '=', siteId).where('author_erased_at', 'is', null),
    db.q.insertInto('personal_data_erasures').values({ site_id: siteId, message_id: messageId, erased_at: erasedAt })
      .onConflict((oc) => oc.column('message_id').doNothing()),
  ]);
  const row = await db.first(db.q.selectFrom('personal_data_erasures').select('erased_at').where('message_id', '=', messageId));
  return row!.erased_at;
}

/**
 * Applies every logged erasure again (after restoring a backup older than some of them): the SQL the
 * README gives for `wrangler d1 execute`, kept here so that a test proves it.
 */
export const REAPPLY_ERASURES_SQL = `UPDATE messages SET author_name_enc = '', author_phone_enc = '', author_email_enc = NULL,
  author_phone_hash = NULL, author_email_hash = NULL, notify_sms = 0, notify_email = 0,
  author_erased_at = (SELECT e.erased_at FROM personal_data_erasures e WHERE e.message_id = messages.id)
  WHERE author_erased_at IS NULL AND id IN (SELECT message_id FROM personal_data_erasures)`;
