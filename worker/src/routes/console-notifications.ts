import { createRoute } from '@hono/zod-openapi';
import { OfficialNotificationPrefsSchema, type OfficialNotificationPrefs } from '../../../sdk/src/schemas/notifications';
import { newRouteGroup } from '../app';
import { bodyErrorResponses, officialErrorResponses } from './openapi-common';

/** Each official chooses which notices they get by e-mail (console 我的账户). */
export const consoleNotifications = newRouteGroup();

const getMyNotifications = createRoute({
  operationId: 'getMyNotifications',
  method: 'get',
  path: '/v1/console/me/notifications',
  summary: 'Which notices I get by e-mail: a message assigned to my unit, a deadline coming, 督办',
  responses: {
    200: { description: 'my choices', content: { 'application/json': { schema: OfficialNotificationPrefsSchema } } },
    ...officialErrorResponses,
  },
});

consoleNotifications.openapi(getMyNotifications, async (c) => {
  const db = c.get('db');
  const row = await db.first(db.q.selectFrom('account_notification_settings').selectAll().where('account_id', '=', c.get('official').id));
  const prefs: OfficialNotificationPrefs = { assigned: row?.assigned !== 0, dueSoon: row?.due_soon !== 0, escalated: row?.escalated !== 0 };
  return c.json(prefs, 200);
});

const setMyNotifications = createRoute({
  operationId: 'setMyNotifications',
  method: 'put',
  path: '/v1/console/me/notifications',
  summary: 'Turn each kind of e-mail notice on or off, for myself',
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
  const values = { assigned: prefs.assigned ? 1 : 0, due_soon: prefs.dueSoon ? 1 : 0, escalated: prefs.escalated ? 1 : 0 };
  await db.run(db.q.insertInto('account_notification_settings').values({ account_id: c.get('official').id, ...values })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(values)));
  return c.json(prefs, 200);
});
