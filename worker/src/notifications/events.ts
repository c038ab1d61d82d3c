// What a timeline event tells whom: the author of a message of a reply or of its rejection at review
// (if they asked to be told of replies: they would otherwise wait for one that never comes), the officials
// of a unit of a message assigned or transferred to it, of a deadline coming (the reminder), of 督办 and
// of a message a citizen sent back to it (重办).
import type { Selectable } from 'kysely';
import type { OFFICIAL_NOTIFICATION_KINDS } from '../../../sdk/src/codes';
import type { SiteDatabase } from '../db/client';
import type { MessageEventTable, NotificationKind } from '../db/schema';
import type { Site } from '../db/sites';
import type { Env } from '../env';
import { createCipher } from '../lib/crypto';
import { noMemo, type BatchMemo } from '../queue/batch-memo';
import { queueNotices, type NewNotice } from './store';

type OfficialNotice = (typeof OFFICIAL_NOTIFICATION_KINDS)[number];

/** Which officials' notice an event is, and the unit whose officials get it. */
function officialNoticeOf(event: Selectable<MessageEventTable>): { kind: OfficialNotice; unitId: string } | null {
  switch (event.kind) {
    case 'submitted':
    case 'transferred':
      return event.unit_id ? { kind: 'assigned', unitId: event.unit_id } : null;
    case 'reminder':
      return event.unit_id ? { kind: 'due_soon', unitId: event.unit_id } : null;
    case 'reopened':
      // The unit that answered: the message is back in its queue, with a new deadline.
      return event.unit_id ? { kind: 'reopened', unitId: event.unit_id } : null;
    case 'escalated':
      // 督办 is written to the unit above; the unit handling the message is the one told to act.
      return event.from_unit_id ?? event.unit_id ? { kind: 'escalated', unitId: (event.from_unit_id ?? event.unit_id)! } : null;
    default:
      return null;
  }
}

/** The timeline events its author is told of, by the notice kind: a reply, and the message rejected at review. */
const AUTHOR_NOTICES: Partial<Record<Selectable<MessageEventTable>['kind'], Extract<NotificationKind, 'reply' | 'rejected'>>> = {
  replied: 'reply',
  rejected: 'rejected',
};

/** The active accounts assigned to a unit that have not turned this kind of notice off, and whether each gave a mobile for SMS. */
function unitOfficials(db: SiteDatabase, siteId: string, unitId: string, kind: OfficialNotice) {
  return db.all(db.q.selectFrom('account_units as au').innerJoin('accounts as a', 'a.id', 'au.account_id')
    .leftJoin('account_notification_settings as s', 's.account_id', 'a.id')
    .select((eb) => ['a.id', eb('s.sms_phone_enc', 'is not', null).as('has_phone')]).where('au.unit_id', '=', unitId).where('a.site_id', '=', siteId).where('a.disabled', '=', 0)
    .where((eb) => eb.fn.coalesce(`s.${kind}`, eb.lit(1)), '=', 1));
}

/**
 * The notices one timeline event (a `message_events` row) calls for, written and queued (kind
 * `notification`): `replied` → 'reply' and `rejected` (not passed review) → 'rejected' to the author,
 * by SMS (if asked and the site sends SMS) and by e-mail (if asked and given); `submitted`/`transferred` → 'assigned', `reminder` → 'due_soon', `escalated` →
 * 'escalated', `reopened` → 'reopened', by e-mail to each official of the unit who has not turned
 * that kind off (and by SMS too to one who gave a mobile, where the site sends SMS). Each notice's
 * key is the event's id, its channel and its recipient, so calling this again for the same event
 * (a retried fan-out) writes and sends nothing twice. Nothing is decrypted here: the delivery step
 * reads the recipient. Returns the ids of the notices written.
 */
export async function notificationsForEvent(env: Env, db: SiteDatabase, site: Site, event: Selectable<MessageEventTable>, memo: BatchMemo = noMemo): Promise<string[]> {
  const notices: NewNotice[] = [];
  const base = { siteId: site.id, messageId: event.message_id };
  const author = AUTHOR_NOTICES[event.kind];
  if (author) {
    const message = await db.first(db.q.selectFrom('messages').select(['notify_sms', 'notify_email', 'author_email_enc'])
      .where('id', '=', event.message_id).where('site_id', '=', site.id).where('author_erased_at', 'is', null));
    if (message?.notify_sms && site.notifications.sms) notices.push({ ...base, kind: author, channel: 'sms', dedupeKey: `event:${event.id}:sms:author` });
    if (message?.notify_email && message.author_email_enc) notices.push({ ...base, kind: author, channel: 'email', dedupeKey: `event:${event.id}:email:author` });
  }
  const official = officialNoticeOf(event);
  if (official) {
    // Read once per queue batch and unit: an official who turns a kind of notice off (or is added)
    // during the batch's few seconds is told, or not, as before the change.
    const officials = await memo(`unit-officials:${site.id}:${official.unitId}:${official.kind}`, () => unitOfficials(db, site.id, official.unitId, official.kind));
    for (const account of officials) {
      const to = { ...base, kind: official.kind, accountId: account.id, unitId: official.unitId };
      notices.push({ ...to, channel: 'email', dedupeKey: `event:${event.id}:email:${account.id}` });
      if (account.has_phone && site.notifications.sms) {
        notices.push({ ...to, channel: 'sms', dedupeKey: `event:${event.id}:sms:${account.id}` });
      }
    }
  }
  if (notices.length === 0) return [];
  return queueNotices(env, db, await createCipher(env.DATA_KEY), notices, new Date().toISOString());
}
