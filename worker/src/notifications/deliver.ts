// The delivery step of a notice (queue kind `notification`): the only place a recipient's phone or
// e-mail address is opened. It is handed to the adapter and to nothing else — no log line, no error
// text, no attempt record holds it.
import { sql, type Selectable } from 'kysely';
import { pickLocale } from '../../../sdk/src/languages';
import type { SiteDatabase } from '../db/client';
import type { NotificationTable } from '../db/schema';
import { findSite, type Site } from '../db/sites';
import type { Env } from '../env';
import { createCipher, keyedHash, type Cipher } from '../lib/crypto';
import { parsePhone } from '../lib/phone';
import { localDay } from '../lib/site-time';
import { newTrackingCode, normalizeTrackingCode, trackingCodeHash } from '../lib/tracking-code';
import type { DeliveryHandler, DeliveryOutcome } from '../queue/consumer';
import { sendEmailAdapter } from './email';
import { givenUp, smsAdapter, type SendOutcome } from './sms';
import {
  emailHash, enqueueNotices, insertNotice, noticeRow, notificationSettings, officialPhoneContext, openSmsConfig, phoneHash, RECIPIENT_CONTACT, smsTemplate,
  type NotificationSettingsRow,
} from './store';
import { noticeText, VERIFICATION_CODE_MINUTES, type NoticeFacts } from './texts';

/**
 * Attempts before a notice is given up and listed as dead: about 5 hours of backoff in all, enough
 * for a provider's outage of an afternoon; within the queue's max_retries (12, wrangler.toml), so the
 * notice is marked dead here, where admins see it, before the queue would dead-letter it.
 */
export const MAX_ATTEMPTS = 12;

/**
 * Attempts a notice of this kind gets. A verification code gets one, made while the citizen waits
 * (routes/verification-codes.ts): if it fails they are told at once and ask again, so a code never
 * arrives late, after they were told it could not be sent.
 */
export function maxAttemptsOf(kind: Notice['kind']): number {
  return kind === 'verification_code' ? 1 : MAX_ATTEMPTS;
}

/** Seconds before attempt `n + 1` after `n` failed: 30 s doubling, at most an hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 2 ** (attempts - 1), 3600);
}

/**
 * A notice still waiting with no attempt for this long has lost its queue message (a send that failed
 * after the notice was written, or a message the queue dropped): a live one is tried at least every
 * hour (the longest backoff), so two hours of silence cannot be a notice in the middle of its retries.
 */
const LOST_AFTER_MS = 2 * 3_600_000;

/**
 * Hands notices whose queue message was lost to the queue again (the hourly job): at most 100 per
 * database and run, oldest first. Each is then tried as usual, and ends sent or dead — never left
 * waiting unseen. Returns how many were queued again.
 */
export async function requeueLostNotices(env: Env, db: SiteDatabase, now: Date): Promise<number> {
  const before = new Date(now.getTime() - LOST_AFTER_MS).toISOString();
  const lost = await db.all(db.q.selectFrom('notifications').select(['id', 'site_id'])
    // Each site's waiting notices through the (site_id, status, created_at) index.
    .where('site_id', 'in', db.q.selectFrom('sites').select('id'))
    .where('status', '=', 'queued').where('created_at', '<', before)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('notification_attempts').select('id')
      .whereRef('notification_attempts.notification_id', '=', 'notifications.id').where('notification_attempts.created_at', '>=', before))))
    .orderBy('created_at').limit(100));
  const bySite = new Map<string, string[]>();
  for (const notice of lost) bySite.set(notice.site_id, [...(bySite.get(notice.site_id) ?? []), notice.id]);
  for (const [siteId, ids] of bySite) await enqueueNotices(env, siteId, ids);
  return lost.length;
}

/** The most messages one lost-code request sends new codes for (the newest first). */
const RECOVERY_MAX_MESSAGES = 5;

/** A notice with the stored contact it goes to now (`RECIPIENT_CONTACT`), read in one statement. */
type Notice = Selectable<NotificationTable> & { recipient_contact: string | null };

/** Keyed hash of a verification code for a phone: what the submission compares with. */
export function verificationCodeHash(hashKey: string, siteId: string, phoneHashValue: string, code: string): Promise<string> {
  return keyedHash(hashKey, `verification:${siteId}:${phoneHashValue}:${code}`);
}

/** Six random digits, uniform (rejection sampling: no digit is likelier than another). */
export function newVerificationCode(): string {
  let code = '';
  while (code.length < 6) {
    const [byte] = crypto.getRandomValues(new Uint8Array(1));
    if (byte! < 250) code += String(byte! % 10);
  }
  return code;
}

interface Delivery {
  env: Env;
  db: SiteDatabase;
  site: Site;
  settings: NotificationSettingsRow | null;
  cipher: Cipher;
  notice: Notice;
  recipient: string;
  now: Date;
}

/**
 * Sends a text by the notice's channel, in `locale` where the citizen's language is known (the one
 * they wrote in), else the site's (an official's notice, a verification code, a message stored before
 * its language was kept).
 */
async function send({ env, settings, cipher, notice, recipient, site }: Delivery, facts: NoticeFacts, locale?: string | null): Promise<SendOutcome> {
  const text = noticeText(notice.kind, { ...facts, siteName: site.name }, pickLocale(locale ?? site.locale));
  if (notice.channel === 'email') {
    return sendEmailAdapter(env.EMAIL, settings?.email_from || env.MAIL_FROM).send({ to: recipient, subject: text.subject, text: text.text });
  }
  const config = await openSmsConfig(cipher, settings);
  if (!config) return givenUp('sms_not_configured');
  return smsAdapter(config).send({ phone: recipient, template: smsTemplate(settings, notice.kind), params: text.params, text: text.text });
}

/** A lost-code request: one `new_code` notice per message of the site with this contact on file. */
async function fanOutRecovery(d: Delivery): Promise<SendOutcome> {
  const { env, db, site, notice, recipient, cipher } = d;
  const phone = notice.channel === 'sms' ? parsePhone(recipient) : null;
  const column = notice.channel === 'sms' ? 'author_phone_hash' : 'author_email_hash';
  const hash = phone ? await phoneHash(env.HASH_KEY, site.id, phone.e164) : await emailHash(env.HASH_KEY, site.id, recipient);
  const messages = await db.all(db.q.selectFrom('messages').select('id').where('site_id', '=', site.id).where(column, '=', hash)
    .orderBy('seq', 'desc').limit(RECOVERY_MAX_MESSAGES));
  if (messages.length === 0) return { ok: true, detail: 'no_match' };
  // Each new code goes to the contact on file of its message (the one just matched).
  const rows = await Promise.all(messages.map((m) => noticeRow(cipher, {
    siteId: site.id, kind: 'new_code', channel: notice.channel, messageId: m.id, dedupeKey: `${notice.id}:${m.id}`,
  }, d.now.toISOString())));
  const results = await db.batch(rows.map((row) => insertNotice(db, row)));
  await enqueueNotices(env, site.id, rows.filter((_, i) => results[i]!.meta.changes > 0).map((row) => row.id));
  return { ok: true, detail: `matched_${messages.length}` };
}

/**
 * A new tracking code for the message: made here and sent first; only once it has reached the
 * contact on file is its hash stored, beside the old one (`tracking_hash_next`), and the old one
 * stops working only when the new one is first used (db/tracking-codes.ts). Anyone may ask for new
 * codes for a contact they know, so neither a failed send nor the asking itself may cost the citizen
 * the code they have. A retry makes another code; the one that works is always the last one
 * delivered. The code itself is stored nowhere. Throws when the code was sent but could not be
 * stored (the queue tries again, with a new code).
 */
async function sendNewCode(d: Delivery): Promise<SendOutcome> {
  const { env, db, site, notice } = d;
  const mine = () => db.q.selectFrom('messages').select('id')
    .where('id', '=', notice.message_id!).where('site_id', '=', site.id).where('author_erased_at', 'is', null);
  if (!(await db.first(mine()))) return givenUp('message_gone');
  const code = newTrackingCode();
  const { facts, locale } = await replyFacts(d);
  const sent = await send(d, { ...facts, code }, locale);
  if (!sent.ok) return sent;
  const hash = await trackingCodeHash(env.HASH_KEY, site.id, normalizeTrackingCode(code)!);
  await db.run(db.q.updateTable('messages').set({ tracking_hash_next: hash })
    .where('id', '=', notice.message_id!).where('site_id', '=', site.id));
  return sent;
}

/** A verification code for the phone: made here, stored as a keyed hash with its expiry (a new one replaces the last), and sent. */
async function sendVerificationCode(d: Delivery): Promise<SendOutcome> {
  const { env, db, site, recipient, now } = d;
  const phone = parsePhone(recipient);
  if (!phone) return givenUp('invalid_phone');
  const code = newVerificationCode();
  const phoneKey = await phoneHash(env.HASH_KEY, site.id, phone.e164);
  const row = {
    site_id: site.id, phone_hash: phoneKey, code_hash: await verificationCodeHash(env.HASH_KEY, site.id, phoneKey, code),
    expires_at: new Date(now.getTime() + VERIFICATION_CODE_MINUTES * 60_000).toISOString(), tries: 0, created_at: now.toISOString(),
  };
  await db.run(db.q.insertInto('verification_codes').values(row)
    .onConflict((oc) => oc.columns(['site_id', 'phone_hash']).doUpdateSet({ code_hash: row.code_hash, expires_at: row.expires_at, tries: 0, created_at: row.created_at })));
  return send(d, { siteName: site.name, code });
}

/** What an official's notice names: the message's title, its unit and its deadline day. */
async function officialFacts(d: Delivery): Promise<NoticeFacts | null> {
  const { db, site, notice } = d;
  // The unit the event gave the message to (it may have gone on since), else the message's own.
  const row = await db.first(db.q.selectFrom('messages as m').innerJoin('units as u', (join) => join.on('u.id', '=', sql<string>`coalesce(${notice.unit_id}, m.unit_id)`))
    .select(['m.title', 'm.due_at', 'u.name as unit_name']).where('m.id', '=', notice.message_id!).where('m.site_id', '=', site.id));
  return row ? { siteName: site.name, title: row.title, unitName: row.unit_name, dueDay: localDay(new Date(row.due_at)) } : null;
}

/**
 * What a reply notice (and a new code's) names, and the language the citizen wrote in (null before it
 * was kept: the site's): the message's day (the site's date it was submitted) and, only when the
 * public can read it (the citizen's choice, published), its title. A private message is named by the
 * site and the day alone: its words never travel in a text or a mail.
 */
async function replyFacts(d: Delivery): Promise<{ facts: NoticeFacts; locale: string | null }> {
  const { db, site, notice } = d;
  const row = await db.first(db.q.selectFrom('messages').select(['title', 'is_public', 'moderation', 'created_at', 'locale'])
    .where('id', '=', notice.message_id!).where('site_id', '=', site.id));
  if (!row) return { facts: { siteName: site.name }, locale: null };
  const isPublic = row.is_public === 1 && row.moderation === 'published';
  return { facts: { siteName: site.name, submittedDay: localDay(new Date(row.created_at)), ...(isPublic ? { title: row.title } : {}) }, locale: row.locale };
}

/**
 * Who the notice goes to, opened: the contact sealed in the notice, else its `RECIPIENT_CONTACT` read
 * with it — the official's account e-mail or SMS mobile, or the message author's e-mail or phone
 * (E.164) by the channel. Null when there is none any more (erased by the author, an account
 * disabled, a mobile cleared).
 */
async function recipientOf(cipher: Cipher, notice: Notice): Promise<string | null> {
  if (notice.recipient_enc) return cipher.decrypt(notice.recipient_enc, `notification:${notice.id}`);
  const contact = notice.recipient_contact;
  if (contact === null) return null;
  if (notice.account_id) return notice.channel === 'email' ? contact : cipher.decrypt(contact, officialPhoneContext(notice.account_id));
  if (notice.channel === 'email') return cipher.decrypt(contact, `${notice.message_id}:email`);
  // Stored as E.164, with `;ext=` for a landline's extension: a text goes to the number itself.
  return (await cipher.decrypt(contact, `${notice.message_id}:phone`)).split(';ext=')[0]!;
}

async function attempt(d: Delivery): Promise<SendOutcome> {
  switch (d.notice.kind) {
    case 'recovery': return fanOutRecovery(d);
    case 'new_code': return sendNewCode(d);
    case 'verification_code': return sendVerificationCode(d);
    case 'reply':
    case 'rejected': {
      const { facts, locale } = await replyFacts(d);
      return send(d, facts, locale);
    }
    case 'assigned':
    case 'due_soon':
    case 'escalated':
    case 'reopened': {
      const facts = await officialFacts(d);
      return facts ? send(d, facts) : givenUp('message_gone');
    }
  }
}

/**
 * The `notification` queue handler: delivers one notice, records the attempt, and on failure retries
 * with backoff (`backoffSeconds`) until MAX_ATTEMPTS, then marks it dead (listed for admins). A notice
 * already sent or dead is acknowledged and not sent again (the queue delivers at least once).
 */
export const deliverNotification: DeliveryHandler = async (env, message, _attempts, db): Promise<DeliveryOutcome> => {
  const notice = await db.first(db.q.selectFrom('notifications').selectAll().select(RECIPIENT_CONTACT.as('recipient_contact'))
    .where('id', '=', message.id).where('site_id', '=', message.site));
  if (!notice || notice.status !== 'queued') return { done: true };
  const [site, settings, cipher] = await Promise.all([findSite(db, notice.site_id), notificationSettings(db, notice.site_id), createCipher(env.DATA_KEY)]);
  if (!site) return { done: true };
  const now = new Date();
  let outcome: SendOutcome;
  try {
    const recipient = await recipientOf(cipher, notice);
    // A verification code found by the hourly job (its request died mid-send) is no use to anyone now.
    const stale = notice.kind === 'verification_code' && now.getTime() - Date.parse(notice.created_at) > VERIFICATION_CODE_MINUTES * 60_000;
    outcome = recipient === null ? givenUp('no_recipient')
      : stale ? givenUp('expired')
        : await attempt({ env, db, site, settings, cipher, notice, recipient, now });
  } catch (error) {
    // A network fault or an unreadable answer: its class only, for the same reason as the adapters.
    outcome = { ok: false, retry: true, detail: `error_${error instanceof Error ? error.name : 'unknown'}` };
  }
  const attempts = notice.attempts + 1;
  const finished = outcome.ok || !outcome.retry || attempts >= maxAttemptsOf(notice.kind);
  const nowIso = new Date().toISOString();
  await db.batch([
    db.q.insertInto('notification_attempts').values({ notification_id: notice.id, attempt: attempts, outcome: outcome.ok ? 'sent' : 'failed', detail: outcome.detail, created_at: nowIso }),
    db.q.updateTable('notifications').set({
      attempts,
      status: outcome.ok ? 'sent' : finished ? 'dead' : 'queued',
      last_error: outcome.ok ? null : outcome.detail,
      finished_at: finished ? nowIso : null,
      // A typed contact is kept only while the notice may still be sent.
      ...(finished ? { recipient_enc: null } : {}),
    }).where('id', '=', notice.id),
  ]);
  return finished ? { done: true } : { retryAfterSeconds: backoffSeconds(attempts) };
};
