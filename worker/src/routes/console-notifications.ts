import { createRoute } from '@hono/zod-openapi';
import { OfficialNotificationPrefsSchema, type OfficialNotificationPrefs } from '../../../sdk/src/schemas/notifications';
import { newRouteGroup } from '../app';
import type { SiteDatabase } from '../db/client';
import { validationError } from '../errors';
import { createCipher, type Cipher } from '../lib/crypto';
import { formatPhone, parsePhone } from '../lib/phone';
import { officialPhoneContext } from '../notifications/store';
import { bodyErrorResponses, officialErrorResponses } from './openapi-common';

/** Each official chooses which notices they get, by e-mail and by SMS (console 我的账号). */
export const consoleNotifications = newRouteGroup();

async function prefsOf(db: SiteDatabase, cipher: Cipher, accountId: string): Promise<OfficialNotificationPrefs> {
  const row = await db.first(db.q.selectFrom('account_notification_settings').selectAll().where('account_id', '=', accountId));
  return {
    assigned: row?.assigned !== 0, dueSoon: row?.due_soon !== 0, escalated: row?.escalated !== 0, reopened: row?.reopened !== 0,
    // Their own number, to the official themselves: as they dial it.
    smsPhone: row?.sms_phone_enc ? formatPhone(await cipher.decrypt(row.sms_phone_enc, officialPhoneContext(accountId))) : null,
  };
}

const getMyNotifications = createRoute({
  operationId: 'getMyNotifications',
  method: 'get',
  path: '/v1/console/me/notifications',
  summary: 'Which notices I get (a message assigned to my unit, a deadline coming, 督办, 重办), and my mobile for them by SMS',
  responses: {
    200: { description: 'my choices', content: { 'application/json': { schema: OfficialNotificationPrefsSchema } } },
    ...officialErrorResponses,
  },
});

consoleNotifications.openapi(getMyNotifications, async (c) => {
  c.header('Cache-Control', 'no-store');
  return c.json(await prefsOf(c.get('db'), await createCipher(c.env.DATA_KEY), c.get('official').id), 200);
});

const setMyNotifications = createRoute({
  operationId: 'setMyNotifications',
  method: 'put',
  path: '/v1/console/me/notifications',
  summary: 'Turn each kind of notice on or off, and give (or clear) my mobile for them by SMS, for myself',
  request: { body: { required: true, content: { 'application/json': { schema: OfficialNotificationPrefsSchema } } } },
  responses: {
    200: { description: 'my choices now', content: { 'application/json': { schema: OfficialNotificationPrefsSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

consoleNotifications.openapi(setMyNotifications, async (c) => {
  const prefs = c.req.valid('json');
  const db = c.get('db');
  const accountId = c.get('official').id;
  const cipher = await createCipher(c.env.DATA_KEY);
  const values: { assigned: number; due_soon: number; escalated: number; reopened?: number; sms_phone_enc?: string | null } = {
    assigned: prefs.assigned ? 1 : 0, due_soon: prefs.dueSoon ? 1 : 0, escalated: prefs.escalated ? 1 : 0,
  };
  // Added after the other three: a client that does not know it leaves it as it was.
  if (prefs.reopened !== undefined) values.reopened = prefs.reopened ? 1 : 0;
  if (prefs.smsPhone !== undefined) {
    const phone = prefs.smsPhone ? parsePhone(prefs.smsPhone) : null;
    if (prefs.smsPhone && !phone) throw validationError([{ field: 'smsPhone', code: 'invalid_phone' }]);
    values.sms_phone_enc = phone ? await cipher.encrypt(phone.e164, officialPhoneContext(accountId)) : null;
  }
  await db.run(db.q.insertInto('account_notification_settings').values({ account_id: accountId, sms_phone_enc: null, ...values })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(values)));
  c.header('Cache-Control', 'no-store');
  return c.json(await prefsOf(db, cipher, accountId), 200);
});
