// The authorization matrix: every console, admin and sign-in route, with who may call it. A route
// added without a row here (or a row left for a route that is gone) fails the first test.
import { describe, expect, it } from 'vitest';
import type { Role } from '../auth/official';
import { app } from '../index';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import { createSite, db, expectProblem, FOREIGN_ORIGIN, submit, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';
import { PUBLIC_ROUTE } from '../../test/public-routes';
import { uploadedPhoto } from '../../test/photos';

const ROLES: Role[] = ['admin', 'moderator', 'responder'];
const OFFICIALS: Role[] = ROLES;
const ADMIN: Role[] = ['admin'];
const MODERATION: Role[] = ['admin', 'moderator'];
const ANSWERING: Role[] = ['admin', 'responder'];

interface Row {
  /** Who may call it; `public` needs no session (signing in). */
  roles: Role[] | 'public';
  /** A message route: a responder of another unit is refused too. */
  unitScoped?: boolean;
  /** A valid body, so that what is checked is the caller, not the input. */
  body?: unknown;
  /** A valid query string, for the same reason. */
  query?: string;
  /** Headers the route needs before it looks at the caller's units (an upload's Idempotency-Key). */
  headers?: Record<string, string>;
}

const MATRIX: Record<string, Row> = {
  'POST /v1/auth/sign-in': { roles: 'public' },
  'GET /v1/console/me': { roles: OFFICIALS },
  'POST /v1/console/sign-out': { roles: OFFICIALS },
  'POST /v1/console/totp/enrol': { roles: OFFICIALS },
  'POST /v1/console/totp/confirm': { roles: OFFICIALS, body: { code: '123456' } },
  'POST /v1/console/password': { roles: OFFICIALS, body: { currentPassword: 'not the password', newPassword: 'a new long passphrase' } },
  'GET /v1/console/messages': { roles: OFFICIALS },
  'GET /v1/console/messages/:id': { roles: OFFICIALS, unitScoped: true },
  'POST /v1/console/messages/:id/publish': { roles: MODERATION, unitScoped: true },
  'POST /v1/console/messages/:id/reject': { roles: MODERATION, unitScoped: true, body: { reason: 'abusive' } },
  'POST /v1/console/messages/:id/hide': { roles: MODERATION, unitScoped: true, body: { reason: 'abusive' } },
  'POST /v1/console/messages/:id/accept': { roles: OFFICIALS, unitScoped: true },
  'POST /v1/console/messages/:id/transfer': { roles: OFFICIALS, unitScoped: true, body: { unitId: 'UNIT', reason: '转办' } },
  'POST /v1/console/messages/:id/reply': { roles: ANSWERING, unitScoped: true, body: { kind: 'interim', body: '正在办理' } },
  'POST /v1/console/messages/:id/close': { roles: ANSWERING, unitScoped: true },
  'POST /v1/console/messages/:id/extend': { roles: ANSWERING, unitScoped: true, body: { days: 2, reason: '核查' } },
  'GET /v1/console/messages/:id/extension': { roles: ANSWERING, unitScoped: true, query: '?days=5' },
  'POST /v1/console/messages/:id/notes': { roles: OFFICIALS, unitScoped: true, body: { body: '备注' } },
  'POST /v1/console/messages/:id/reveal': { roles: ANSWERING, unitScoped: true },
  'POST /v1/console/messages/:id/adopt': { roles: ANSWERING, unitScoped: true, body: { note: '已写入规划' } },
  'GET /v1/console/reply-templates': { roles: OFFICIALS },
  'GET /v1/console/export.csv': { roles: ADMIN },
  'GET /v1/console/dashboard': { roles: OFFICIALS },
  'GET /v1/console/units': { roles: OFFICIALS, query: '?ids=UNIT' },
  'GET /v1/console/photos/:id': { roles: OFFICIALS, unitScoped: true },
  'POST /v1/console/photos/:id/hide': { roles: MODERATION, unitScoped: true, body: { reason: 'personal_data' } },
  'POST /v1/console/photos/:id/unhide': { roles: MODERATION, unitScoped: true },
  'POST /v1/console/messages/:id/photos': { roles: ANSWERING, unitScoped: true, headers: { 'Idempotency-Key': 'authorization-matrix-upload' } },
  'POST /v1/console/messages/find': { roles: OFFICIALS, body: { trackingCode: 'ABCD-EFGH-JKLM-NPQR' } },
  'GET /v1/console/follow-ups': { roles: MODERATION },
  'POST /v1/console/follow-ups/:id/moderation': { roles: MODERATION, body: { moderation: 'published' } },
  'GET /v1/admin/site': { roles: ADMIN },
  'PATCH /v1/admin/site': { roles: ADMIN, body: { moderation: 'post' } },
  'GET /v1/admin/calendar': { roles: ADMIN },
  'PUT /v1/admin/calendar': { roles: ADMIN, body: { year: 2027, days: [] } },
  'POST /v1/admin/calendar/periods': { roles: ADMIN, body: { name: '春节', from: '2027-02-06', to: '2027-02-14' } },
  'POST /v1/admin/calendar/removals': { roles: ADMIN, body: { year: 2027, days: ['2027-02-06'] } },
  'POST /v1/admin/calendar/import': { roles: ADMIN, body: { year: 2026 } },
  'GET /v1/admin/units': { roles: ADMIN },
  'POST /v1/admin/units': { roles: ADMIN, body: { name: '县水利局', kind: 'department' } },
  'PATCH /v1/admin/units/:id': { roles: ADMIN, body: { sortOrder: 5 } },
  'GET /v1/admin/accounts': { roles: ADMIN },
  'POST /v1/admin/accounts': { roles: ADMIN },
  'PATCH /v1/admin/accounts/:id': { roles: ADMIN, body: { displayName: '改名' } },
  'POST /v1/admin/accounts/:id/password-reset': { roles: ADMIN },
  'GET /v1/admin/audit-log': { roles: ADMIN },
  'GET /v1/admin/audit-log.csv': { roles: ADMIN },
  'GET /v1/admin/reply-templates': { roles: ADMIN },
  'POST /v1/admin/reply-templates': { roles: ADMIN, body: { title: '已受理', body: '您好，您的留言已受理。' } },
  'PATCH /v1/admin/reply-templates/:id': { roles: ADMIN, body: { title: '已受理（新）' } },
  'DELETE /v1/admin/reply-templates/:id': { roles: ADMIN },
  'GET /v1/admin/campaigns': { roles: ADMIN },
  'POST /v1/admin/campaigns': { roles: ADMIN, body: { slug: 'jianyan', title: '建言专栏', startsAt: '2026-01-01T00:00:00+08:00', endsAt: '2026-02-01T00:00:00+08:00' } },
  'PATCH /v1/admin/campaigns/:id': { roles: ADMIN, body: { title: '建言专栏（新）' } },
  'DELETE /v1/admin/campaigns/:id': { roles: ADMIN },
  'POST /v1/admin/campaigns/:id/end': { roles: ADMIN },
  'GET /v1/admin/integration-keys': { roles: ADMIN },
  'POST /v1/admin/integration-keys': { roles: ADMIN, body: { label: '12345热线平台' } },
  'POST /v1/admin/integration-keys/:id/revoke': { roles: ADMIN },
  'GET /v1/admin/webhooks': { roles: ADMIN },
  'POST /v1/admin/webhooks': { roles: ADMIN, body: { url: 'https://hooks.example.com/liuyan', events: ['message.replied'] } },
  'PATCH /v1/admin/webhooks/:id': { roles: ADMIN, body: { enabled: false } },
  'DELETE /v1/admin/webhooks/:id': { roles: ADMIN },
  'POST /v1/admin/webhooks/:id/rotate-secret': { roles: ADMIN },
  'GET /v1/admin/webhooks/:id/deliveries': { roles: ADMIN },
  'POST /v1/admin/webhooks/:id/deliveries/:deliveryId/resend': { roles: ADMIN },
  'GET /v1/admin/notifications': { roles: ADMIN },
  'PUT /v1/admin/notifications': { roles: ADMIN, body: { sms: { provider: null, endpoint: null, keyId: null, signName: null, templates: {} }, emailFrom: null, phoneVerification: false } },
  'GET /v1/admin/notifications/dead': { roles: ADMIN },
  'POST /v1/admin/notifications/:id/resend': { roles: ADMIN },
  'GET /v1/console/me/notifications': { roles: OFFICIALS },
  'PUT /v1/console/me/notifications': { roles: OFFICIALS, body: { assigned: true, dueSoon: true, escalated: false } },
  'GET /v1/admin/protection': { roles: ADMIN },
  'PUT /v1/admin/protection': { roles: ADMIN, body: { bannedWords: [], holdWords: [], holdLinks: true, holdPhones: true, minFillSeconds: 5, turnstileSiteKey: null, retentionDays: 365 } },
};

it('has a row for every route that is not public, under any prefix, and a route for every row', () => {
  const routes = app.routes
    .filter((route) => route.method !== 'ALL' && !PUBLIC_ROUTE.test(route.path))
    .map((route) => `${route.method} ${route.path}`);
  expect([...new Set(routes)].sort()).toEqual(Object.keys(MATRIX).sort());
});

/** A site with a citizen's message to one department, a reply template, and a spare account to edit. */
async function world() {
  const site = await createSite();
  const submitted = await submit(site.siteId, validMessage(site.eduUnit));
  const { id: messageId } = await submitted.json<MessageCreated>();
  const templateId = `tpl_${site.siteId}`;
  await db.run(db.q.insertInto('reply_templates').values({
    id: templateId, site_id: site.siteId, title: '模板', body: '您好', created_at: new Date().toISOString(),
  }));
  const spare = await createOfficial(site.siteId, 'responder', [site.transportUnit]);
  // A second message, with a photo, to the same department.
  const { photoId } = await uploadedPhoto(site.siteId);
  await submit(site.siteId, validMessage(site.eduUnit, { photos: [{ id: photoId }] }));
  return { ...site, messageId, templateId, spareAccountId: spare.id, photoId };
}

type World = Awaited<ReturnType<typeof world>>;

function concretePath(route: string, w: World): string {
  const path = route.split(' ')[1]!;
  const id = path.startsWith('/v1/console/messages/') ? w.messageId
    : path.startsWith('/v1/console/photos/') ? w.photoId
    : path.startsWith('/v1/admin/units/') ? w.eduUnit
      : path.startsWith('/v1/admin/accounts/') ? w.spareAccountId
        : w.templateId;
  return path.replace(':id', id);
}

function call(route: string, row: Row, w: World, as: TestOfficial | null, origin?: string) {
  const method = route.split(' ')[0]!;
  const body = method === 'GET' ? undefined : JSON.parse(JSON.stringify(row.body ?? {}).replace('"UNIT"', JSON.stringify(w.transportUnit)));
  return consoleRequest(concretePath(route, w) + (row.query ?? ''), { as, method, body, origin, headers: row.headers });
}

describe.each(Object.entries(MATRIX))('%s', (route, row) => {
  it('refuses callers without a session, with another role, of another unit, or from another origin', async () => {
    const w = await world();
    if (row.roles === 'public') {
      const response = await call(route, row, w, null);
      expect(response.status).not.toBe(401);
      await expectProblem(await call(route, row, w, null, FOREIGN_ORIGIN), 403, 'origin_not_allowed');
      return;
    }
    await expectProblem(await call(route, row, w, null), 401, 'unauthenticated');

    const allowed = row.roles;
    for (const role of ROLES.filter((r) => !allowed.includes(r))) {
      const official = await createOfficial(w.siteId, role, role === 'responder' ? [w.eduUnit] : []);
      await expectProblem(await call(route, row, w, official), 403, 'forbidden');
    }
    if (row.unitScoped && allowed.includes('responder')) {
      const otherUnit = await createOfficial(w.siteId, 'responder', [w.transportUnit]);
      await expectProblem(await call(route, row, w, otherUnit), 403, 'forbidden');
    }
    const someone = await createOfficial(w.siteId, allowed[0]!, allowed[0] === 'responder' ? [w.eduUnit] : []);
    if (route.startsWith('GET ')) {
      // Reads cannot be forged cross-site (SameSite=Strict), but must still need the session.
      expect((await call(route, row, w, someone, FOREIGN_ORIGIN)).status).not.toBe(401);
    } else {
      await expectProblem(await call(route, row, w, someone, FOREIGN_ORIGIN), 403, 'origin_not_allowed');
    }
  });

  if (row.roles !== 'public') {
    it(`lets ${row.roles.join(', ')} through`, async () => {
      for (const role of row.roles as Role[]) {
        // Each on a world of its own: one role's transfer or deletion must not decide another's answer.
        const w = await world();
        const official = await createOfficial(w.siteId, role, role === 'responder' ? [w.eduUnit] : []);
        const response = await call(route, row, w, official);
        expect([401, 403], `${role}: ${response.status} ${await response.clone().text()}`).not.toContain(response.status);
      }
    });
  }
});
