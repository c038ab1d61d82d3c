import { createRoute } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import { resendableKind } from '../../../sdk/src/codes';
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
import { enqueueNotices, notificationSettings, smsSecretContext, type NotificationSettingsRow } from '../notifications/store';
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
  const secretEnc = sms.secret ? await (await createCipher(c.env.DATA_KEY)).encrypt(sms.secret, smsSecretContext(site.id)) : before?.sms_secret_enc ?? null;
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
  const row = {
    site_id: site.id,
    sms_provider: sms.provider,
    sms_endpoint: sms.endpoint,
    sms_key_id: sms.provider ? sms.keyId : null,
    sms_secret_enc: sms.provider ? secretEnc : null,
    sms_sign_name: sms.signName,
    sms_templates: JSON.stringify(sms.templates),
    email_from: input.emailFrom,
    phone_verification: input.phoneVerification ? 1 : 0,
    updated_at: at,
  };
  const { site_id: _, ...changes } = row;
  await db.batch([
    db.q.insertInto('notification_settings').values(row).onConflict((oc) => oc.column('site_id').doUpdateSet(changes)),
    auditEntry(db, {
      siteId: site.id, accountId: c.get('official').id, action: 'notifications.update', at,
      detail: { smsProvider: sms.provider, smsEndpoint: sms.endpoint, secretChanged: Boolean(sms.secret), phoneVerification: input.phoneVerification },
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
 * A notice as admins see it. `smsSet`: whether the site sends SMS now; a dead SMS notice of a site that
 * does not would only die again.
 */
function toRecord(r: Pick<Selectable<NotificationTable>, (typeof RECORD_COLUMNS)[number]>, smsSet: boolean): NotificationRecord {
  return {
    id: r.id, kind: r.kind, channel: r.channel, messageId: r.message_id, status: r.status, attempts: r.attempts,
    lastError: r.last_error, createdAt: toSiteTime(r.created_at), finishedAt: r.finished_at ? toSiteTime(r.finished_at) : null,
    resendable: resendableKind(r.kind) && (r.channel !== 'sms' || smsSet),
  };
}

/** Whether the site sends SMS now (a provider is set). */
const sendsSms = async (db: SiteDatabase, siteId: string) => Boolean((await notificationSettings(db, siteId))?.sms_provider);

adminNotifications.openapi(listDeadNotifications, async (c) => {
  const db = c.get('db');
  const [rows, smsSet] = await Promise.all([
    db.all(db.q.selectFrom('notifications').select(RECORD_COLUMNS)
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
    409: problem('not_resendable: a verification code or a lost-code request (the citizen asks again); sms_unavailable: an SMS notice, and the site sends no SMS now (set a provider first)'),
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
  const notice = await db.first(mine().select(RECORD_COLUMNS));
  if (!notice) throw notFound();
  if (!resendableKind(notice.kind)) throw new ApiError('not_resendable');
  const smsSet = await sendsSms(db, site.id);
  // It would only die again.
  if (notice.channel === 'sms' && !smsSet) throw new ApiError('sms_unavailable');
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
  return c.json(toRecord((await db.first(mine().select(RECORD_COLUMNS)))!, smsSet), 202);
});
