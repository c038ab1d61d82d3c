import { createRoute } from '@hono/zod-openapi';
import { sql, type Selectable } from 'kysely';
import { resendableKind, type ResendRefusal } from '../../../sdk/src/codes';
import { AdminIdParamsSchema } from '../../../sdk/src/schemas/admin';
import {
  DeadNotificationListSchema, NotificationRecordSchema, NotificationSettingsSchema, UpdateNotificationSettingsInputSchema,
  type NotificationRecord, type NotificationSettings,
} from '../../../sdk/src/schemas/notifications';
import { newRouteGroup } from '../app';
import { auditEntry, auditEntryOfChange } from '../db/admin';
import { ApiError, notFound, validationError, type FieldProblem } from '../errors';
import { createCipher } from '../lib/crypto';
import { toSiteTime } from '../lib/site-time';
import { enqueueNotices, notificationSettings, RECIPIENT_CONTACT, smsSecretContext, type NotificationSettingsRow } from '../notifications/store';
import type { SiteDatabase } from '../db/client';
import type { NotificationTable } from '../db/schema';
import { bodyErrorResponses, officialErrorResponses, problem } from './openapi-common';

/** Admins set how the site sends SMS and e-mail, and see the notices that could not be delivered. */
export const adminNotifications = newRouteGroup();

function toSettings(row: NotificationSettingsRow | null): NotificationSettings {
  return {
    sms: {
      provider: row?.sms_provider ?? null,
      endpoint: row?.sms_endpoint ?? null,
      keyId: row?.sms_key_id ?? null,
      hasSecret: Boolean(row?.sms_secret_enc),
      // Written only while SMS is off (the update below), so null whenever a provider is set.
      keptFor: row?.sms_kept_for ?? null,
      signName: row?.sms_sign_name ?? null,
      templates: JSON.parse(row?.sms_templates ?? '{}'),
    },
    emailFrom: row?.email_from ?? null,
    phoneVerification: row?.phone_verification === 1,
  };
}

const getNotificationSettings = createRoute({
  operationId: 'getNotificationSettings',
  method: 'get',
  path: '/v1/admin/notifications',
  summary: 'The site’s SMS and e-mail settings (the SMS secret is never shown)',
  responses: {
    200: { description: 'the settings', content: { 'application/json': { schema: NotificationSettingsSchema } } },
    ...officialErrorResponses,
  },
});

adminNotifications.openapi(getNotificationSettings, async (c) =>
  c.json(toSettings(await notificationSettings(c.get('db'), c.get('site').id)), 200));

const updateNotificationSettings = createRoute({
  operationId: 'updateNotificationSettings',
  method: 'put',
  path: '/v1/admin/notifications',
  summary: 'Set the SMS provider (key, secret sealed at rest, sign name, templates), the e-mail sender and phone verification (audited, never with the secret)',
  request: { body: { required: true, content: { 'application/json': { schema: UpdateNotificationSettingsInputSchema } } } },
  responses: {
    200: { description: 'the settings now', content: { 'application/json': { schema: NotificationSettingsSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

adminNotifications.openapi(updateNotificationSettings, async (c) => {
  const input = c.req.valid('json');
  const site = c.get('site');
  const db = c.get('db');
  const before = await notificationSettings(db, site.id);
  const sms = input.sms;
  // The provider the stored setup is for: the one in use, or, while SMS is off, the one it was kept for.
  const setUpFor = before?.sms_provider ?? before?.sms_kept_for ?? null;
  // Another provider's secret is not this one's: switching provider asks for the new one's.
  const switched = Boolean(setUpFor && sms.provider && setUpFor !== sms.provider);
  const secretEnc = sms.secret ? await (await createCipher(c.env.DATA_KEY)).encrypt(sms.secret, smsSecretContext(site.id))
    : switched ? null : before?.sms_secret_enc ?? null;
  const problems: FieldProblem[] = [];
  if (sms.provider) {
    if (!sms.keyId) problems.push({ field: 'sms.keyId', code: 'required' });
    if (!secretEnc) problems.push({ field: 'sms.secret', code: 'required' });
    if (!sms.signName) problems.push({ field: 'sms.signName', code: 'required' });
    if (sms.provider === 'gateway' && !sms.endpoint) problems.push({ field: 'sms.endpoint', code: 'required' });
  }
  // A code that cannot be sent would refuse every submission.
  if (input.phoneVerification && !sms.provider) problems.push({ field: 'phoneVerification', code: 'invalid' });
  if (problems.length > 0) throw validationError(problems);
  const at = new Date().toISOString();
  // SMS turned off keeps what it was set up with but the secret (the console sends it as it was), so
  // turning it on again takes the secret alone; the secret is not kept unused.
  const row = {
    site_id: site.id,
    sms_provider: sms.provider,
    sms_kept_for: sms.provider ? null : setUpFor,
    sms_endpoint: sms.endpoint,
    sms_key_id: sms.keyId,
    sms_secret_enc: sms.provider ? secretEnc : null,
    sms_sign_name: sms.signName,
    sms_templates: JSON.stringify(sms.templates),
    email_from: input.emailFrom,
    phone_verification: input.phoneVerification ? 1 : 0,
    updated_at: at,
  };
  const { site_id: _, ...changes } = row;
  // Which settings this save changed, by their field names (the audit log names them; never a value of the secret).
  const was = toSettings(before);
  const fields = [
    ...(['provider', 'endpoint', 'keyId', 'signName'] as const).filter((f) => was.sms[f] !== (sms[f] ?? null)).map((f) => (f === 'provider' ? 'sms' : f)),
    ...(sms.secret || (was.sms.hasSecret && !row.sms_secret_enc) ? ['secret'] : []),
    ...(sorted(was.sms.templates) !== sorted(sms.templates) ? ['smsTemplates'] : []),
    ...(was.emailFrom !== input.emailFrom ? ['emailFrom'] : []),
    ...(was.phoneVerification !== input.phoneVerification ? ['phoneVerification'] : []),
  ];
  await db.batch([
    db.q.insertInto('notification_settings').values(row).onConflict((oc) => oc.column('site_id').doUpdateSet(changes)),
    auditEntry(db, {
      siteId: site.id, accountId: c.get('official').id, action: 'notifications.update', at,
      detail: { fields, smsProvider: sms.provider, smsEndpoint: sms.endpoint, secretChanged: Boolean(sms.secret), phoneVerification: input.phoneVerification },
    }),
  ]);
  return c.json(toSettings({ ...row, sms_templates: row.sms_templates }), 200);
});

/** The most dead notices listed at once. */
const DEAD_LIST_LIMIT = 100;

const listDeadNotifications = createRoute({
  operationId: 'listDeadNotifications',
  method: 'get',
  path: '/v1/admin/notifications/dead',
  summary: 'Notices that could not be delivered after every retry (the dead-letter list), newest first, never their recipients',
  responses: {
    200: { description: 'the dead notices', content: { 'application/json': { schema: DeadNotificationListSchema } } },
    ...officialErrorResponses,
  },
});

const RECORD_COLUMNS = ['id', 'kind', 'channel', 'message_id', 'status', 'attempts', 'last_error', 'created_at', 'finished_at'] as const;

/**
 * Whether a notice has someone to go to now, by the rule the delivery step opens its recipient with
 * (`RECIPIENT_CONTACT`). A notice whose contact was typed for it has none once dead: its kind is not resendable.
 */
const HAS_RECIPIENT = sql<number>`(${RECIPIENT_CONTACT}) IS NOT NULL`.as('has_recipient');

type RecordRow = Pick<Selectable<NotificationTable>, (typeof RECORD_COLUMNS)[number]> & { has_recipient: number };

/** Why a notice cannot be sent again now (`RESEND_REFUSALS`), or null. `smsSet`: whether the site sends SMS now. */
function resendRefusal(r: RecordRow, smsSet: boolean): ResendRefusal | null {
  if (!resendableKind(r.kind)) return 'not_resendable';
  // Either would only die again; no one to send to first, as setting SMS up would not change that.
  if (!r.has_recipient) return 'no_recipient';
  if (r.channel === 'sms' && !smsSet) return 'sms_unavailable';
  return null;
}

/** A notice as admins see it, never its recipient. */
function toRecord(r: RecordRow, smsSet: boolean): NotificationRecord {
  const refusal = resendRefusal(r, smsSet);
  return {
    id: r.id, kind: r.kind, channel: r.channel, messageId: r.message_id, status: r.status, attempts: r.attempts,
    lastError: r.last_error, createdAt: toSiteTime(r.created_at), finishedAt: r.finished_at ? toSiteTime(r.finished_at) : null,
    resendable: refusal === null, resendRefusal: refusal,
  };
}

/** Template codes as text in one order, to compare two sets of them. */
const sorted = (templates: Record<string, string | undefined>) => JSON.stringify(Object.entries(templates).filter(([, code]) => code).sort());

/** Whether the site sends SMS now (a provider is set). */
const sendsSms = async (db: SiteDatabase, siteId: string) => Boolean((await notificationSettings(db, siteId))?.sms_provider);

adminNotifications.openapi(listDeadNotifications, async (c) => {
  const db = c.get('db');
  const [rows, smsSet] = await Promise.all([
    db.all(db.q.selectFrom('notifications').select([...RECORD_COLUMNS, HAS_RECIPIENT])
      .where('site_id', '=', c.get('site').id).where('status', '=', 'dead').orderBy('created_at', 'desc').limit(DEAD_LIST_LIMIT)),
    sendsSms(db, c.get('site').id),
  ]);
  return c.json({ items: rows.map((r) => toRecord(r, smsSet)) }, 200);
});

const resendNotification = createRoute({
  operationId: 'resendNotification',
  method: 'post',
  path: '/v1/admin/notifications/{id}/resend',
  summary: 'Send a dead notice again, with a fresh retry schedule (audited); asked again while it is on its way, nothing more is sent',
  request: { params: AdminIdParamsSchema },
  responses: {
    202: { description: 'the notice as it is now: queued again (or still on its way, or sent meanwhile)', content: { 'application/json': { schema: NotificationRecordSchema } } },
    409: problem('not_resendable: a verification code or a lost-code request (the citizen asks again); sms_unavailable: an SMS notice, and the site sends no SMS now (set a provider first); no_recipient: no one to send it to now (contact erased, account disabled, no mobile)'),
    ...officialErrorResponses,
  },
});

/**
 * Only a dead notice is queued again, in one guarded batch (the audit entry written only when the
 * notice was still dead), so two clicks, or two admins, start one new chain of attempts: the second
 * finds it queued and answers it as it is. Its attempts count from 1 again (the record keeps the old ones).
 */
adminNotifications.openapi(resendNotification, async (c) => {
  const { id } = c.req.valid('param');
  const site = c.get('site');
  const db = c.get('db');
  const mine = () => db.q.selectFrom('notifications').where('id', '=', id).where('site_id', '=', site.id);
  const notice = await db.first(mine().select([...RECORD_COLUMNS, HAS_RECIPIENT]));
  if (!notice) throw notFound();
  const smsSet = await sendsSms(db, site.id);
  // A kind never sent again is refused whatever its state; for the rest, only a dead notice is asked
  // about (one on its way, or sent meanwhile, is answered as it is, below).
  const refusal = resendRefusal(notice, smsSet);
  if (refusal && (refusal === 'not_resendable' || notice.status === 'dead')) throw new ApiError(refusal);
  const at = new Date().toISOString();
  const [update] = await db.batch([
    db.q.updateTable('notifications').set({ status: 'queued', attempts: 0, last_error: null, finished_at: null })
      .where('id', '=', id).where('site_id', '=', site.id).where('status', '=', 'dead'),
    auditEntryOfChange(db, {
      siteId: site.id, accountId: c.get('official').id, action: 'notification.resend', messageId: notice.message_id,
      detail: { notification: id, kind: notice.kind, channel: notice.channel }, at,
    }),
  ]);
  if (update!.meta.changes > 0) await enqueueNotices(c.env, site.id, [id]);
  return c.json(toRecord((await db.first(mine().select([...RECORD_COLUMNS, HAS_RECIPIENT])))!, smsSet), 202);
});
