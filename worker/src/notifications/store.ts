// What notifications read and write in D1: a site's settings, the keyed hashes contacts are found by,
// the notices waiting for delivery, and the counters that cap requests for codes.
import { sql, type Compilable, type Insertable, type Selectable } from 'kysely';
import type { NotificationOptions } from '../../../sdk/src/schemas/notifications';
import type { Env } from '../env';
import type { SiteDatabase } from '../db/client';
import type { CodeRequestCountTable, NotificationSettingsTable, NotificationTable } from '../db/schema';
import { secondsUntilAllowed } from '../db/submission-limits';
import type { Cipher } from '../lib/crypto';
import { keyedHash, newId } from '../lib/crypto';
import type { DeliveryMessage } from '../queue/consumer';
import type { SmsConfig } from './sms';

/** The queue kind of every notice (worker/src/queue/consumer.ts `handlers`). */
export const NOTIFICATION_KIND = 'notification';

export type NotificationSettingsRow = Selectable<NotificationSettingsTable>;

/** A site's settings row, or null when its admins never saved any (no SMS, no verification; e-mail from MAIL_FROM). */
export function notificationSettings(db: SiteDatabase, siteId: string): Promise<NotificationSettingsRow | null> {
  return db.first(db.q.selectFrom('notification_settings').selectAll().where('site_id', '=', siteId));
}

/** The context the SMS secret is sealed with: it opens only in its own site's row. */
export const smsSecretContext = (siteId: string) => `notification_settings:${siteId}:sms_secret`;

/** What says whether a site can send SMS: its settings row, or the columns the site's own query reads (`findSite`). */
type SmsFacts = Pick<NotificationSettingsRow, 'sms_provider' | 'sms_endpoint' | 'sms_key_id' | 'sms_sign_name'>
  & ({ sms_secret_enc: string | null } | { sms_has_secret: unknown });

/** The context an official's SMS number is sealed with: it opens only in its own account's row. */
export const officialPhoneContext = (accountId: string) => `account:${accountId}:sms_phone`;

/** Whether the site can send SMS: a provider with its key, secret, sign name (and a gateway's URL). */
export function smsConfigured(settings: SmsFacts | null): boolean {
  const hasSecret = settings && ('sms_secret_enc' in settings ? Boolean(settings.sms_secret_enc) : Boolean(settings.sms_has_secret));
  return Boolean(settings?.sms_provider && settings.sms_key_id && hasSecret && settings.sms_sign_name
    && (settings.sms_provider === 'aliyun' || settings.sms_endpoint));
}

/** The site's SMS settings with the secret opened: only the delivery step calls this. Null when SMS is not configured. */
export async function openSmsConfig(cipher: Cipher, settings: NotificationSettingsRow | null): Promise<SmsConfig | null> {
  if (!settings || !smsConfigured(settings)) return null;
  return {
    provider: settings.sms_provider!,
    endpoint: settings.sms_endpoint,
    keyId: settings.sms_key_id!,
    secret: await cipher.decrypt(settings.sms_secret_enc!, smsSecretContext(settings.site_id)),
    signName: settings.sms_sign_name!,
  };
}

/** What the widget's form may offer (site config `notifications`). E-mail goes through the service's own binding: always there. */
export function notificationOptions(settings: (SmsFacts & { phone_verification: number | null }) | null): NotificationOptions {
  return { sms: smsConfigured(settings), email: true, phoneVerification: Boolean(settings?.phone_verification) && smsConfigured(settings) };
}

/** The SMS template code the site set for a kind of notice ('' when none: a gateway takes the text). */
export function smsTemplate(settings: NotificationSettingsRow | null, kind: string): string {
  const templates = JSON.parse(settings?.sms_templates ?? '{}') as Record<string, string>;
  return templates[kind] ?? '';
}

/** Keyed hash of a phone (E.164) on a site: how a message or a verification code is found by its phone. */
export function phoneHash(hashKey: string, siteId: string, e164: string): Promise<string> {
  return keyedHash(hashKey, `contact:phone:${siteId}:${e164}`);
}

/** Keyed hash of an e-mail address on a site, compared without regard to case (NFKC, lower case, trimmed). */
export function emailHash(hashKey: string, siteId: string, email: string): Promise<string> {
  return keyedHash(hashKey, `contact:email:${siteId}:${email.normalize('NFKC').trim().toLowerCase()}`);
}

/**
 * The stored contact a `notifications` row goes to now, as SQL on that row (NULL when there is none any
 * more): an official's account e-mail (plain) or the mobile they gave in 我的账号 (sealed with
 * `officialPhoneContext`) while the account is enabled; else the message author's phone or e-mail by
 * the channel (sealed with `<message id>:phone` / `:email`) while not erased (an erased one is emptied,
 * never a contact). Two primary-key seeks.
 * One rule for the delivery step, which opens it, and the dead list, which asks whether there is one.
 * A contact typed for the notice itself (`recipient_enc`) is not here: it is the notice's own.
 */
export const RECIPIENT_CONTACT = sql<string | null>`NULLIF(CASE WHEN notifications.account_id IS NOT NULL
  THEN (SELECT CASE notifications.channel WHEN 'email' THEN a.email ELSE s.sms_phone_enc END
    FROM accounts AS a LEFT JOIN account_notification_settings AS s ON s.account_id = a.id
    WHERE a.id = notifications.account_id AND a.disabled = 0)
  ELSE (SELECT CASE notifications.channel WHEN 'sms' THEN m.author_phone_enc ELSE m.author_email_enc END
    FROM messages AS m WHERE m.id = notifications.message_id AND m.author_erased_at IS NULL) END, '')`;

/**
 * A notice to write. `recipient` is a contact typed for this notice (sealed here, bound to the notice's
 * id); without it the delivery step reads the recipient from the message's author or the account.
 */
export interface NewNotice {
  siteId: string;
  kind: NotificationTable['kind'];
  channel: NotificationTable['channel'];
  recipient?: string;
  messageId?: string | null;
  accountId?: string | null;
  /** An official's notice: the unit the event gave the message to, which it names. */
  unitId?: string | null;
  /** Same key, same notice: a repeated fan-out writes it once. */
  dedupeKey?: string | null;
}

/** The sealed row of a notice, ready for a batch; `id` is what the queue message carries. */
export async function noticeRow(cipher: Cipher, notice: NewNotice, now: string): Promise<Insertable<NotificationTable>> {
  const id = newId('n');
  return {
    id,
    site_id: notice.siteId,
    kind: notice.kind,
    channel: notice.channel,
    recipient_enc: notice.recipient === undefined ? null : await cipher.encrypt(notice.recipient, `notification:${id}`),
    message_id: notice.messageId ?? null,
    account_id: notice.accountId ?? null,
    unit_id: notice.unitId ?? null,
    dedupe_key: notice.dedupeKey ?? null,
    last_error: null,
    created_at: now,
    finished_at: null,
  };
}

/** Insert of a notice that writes nothing when one with its dedupe key exists. */
export function insertNotice(db: SiteDatabase, row: Insertable<NotificationTable>): Compilable<unknown> {
  return db.q.insertInto('notifications').values(row).onConflict((oc) => oc.column('dedupe_key').doNothing());
}

/** Hands written notices to the deliveries queue: one message per notice, carrying only its id. */
export async function enqueueNotices(env: Env, siteId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const messages: MessageSendRequest<DeliveryMessage>[] = ids.map((id) => ({ body: { kind: NOTIFICATION_KIND, site: siteId, id } }));
  // sendBatch takes at most 100 messages.
  for (let i = 0; i < messages.length; i += 100) await env.DELIVERIES.sendBatch(messages.slice(i, i + 100));
}

/**
 * Writes notices (those whose dedupe key is new) and queues them. Returns the ids written.
 * One batch: all are written or none.
 */
export async function queueNotices(env: Env, db: SiteDatabase, cipher: Cipher, notices: NewNotice[], now: string): Promise<string[]> {
  if (notices.length === 0) return [];
  const rows = await Promise.all(notices.map((notice) => noticeRow(cipher, notice, now)));
  const results = await db.batch(rows.map((row) => insertNotice(db, row)));
  const written = rows.filter((_, i) => results[i]!.meta.changes > 0).map((row) => row.id);
  await enqueueNotices(env, rows[0]!.site_id, written);
  return written;
}

type Counter = Omit<CodeRequestCountTable, 'count'>;

/** One cap on requests for codes: `cap` requests per `windowMs` for `key` (hashed here) in `scope`. */
export interface CodeRequestCap {
  scope: CodeRequestCountTable['scope'];
  key: string;
  cap: number;
  windowMs: number;
}

/** The counters a request raises now, keys hashed (no phone, e-mail or address is stored). */
export async function codeRequestCounters(hashKey: string, siteId: string, caps: CodeRequestCap[], now: Date): Promise<Counter[]> {
  const t = now.getTime();
  return Promise.all(caps.map(async (c) => ({
    site_id: siteId,
    scope: c.scope,
    key_hash: await keyedHash(hashKey, `limit:${c.scope}:${siteId}:${c.key}`),
    window_start: new Date(t - (t % c.windowMs)).toISOString(),
    window_end: new Date(t - (t % c.windowMs) + c.windowMs).toISOString(),
    cap: c.cap,
  })));
}

/** Statements that count one request, for its batch: the batch fails as a whole if a count would pass its cap. */
export function codeRequestCountStatements(db: SiteDatabase, counters: Counter[]) {
  return counters.map((k) => db.q.insertInto('code_request_counts').values({ ...k, count: 1 })
    .onConflict((oc) => oc.columns(['site_id', 'scope', 'key_hash', 'window_start'])
      .doUpdateSet((eb) => ({ count: eb('code_request_counts.count', '+', 1), cap: eb.ref('excluded.cap') }))));
}

/** Seconds until every full counter's window has ended, or null when none is full (as for submissions). */
export function secondsUntilCodeAllowed(db: SiteDatabase, counters: Counter[], now: Date): ReturnType<typeof secondsUntilAllowed> {
  return secondsUntilAllowed(db, counters, now, 'code_request_counts');
}
