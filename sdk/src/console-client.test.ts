// The typed console client against the real service (the worker in workerd, a real local D1): every
// method reaches a route that exists and answers, and together they reach every console, admin and
// sign-in route — a route the console cannot call through the client fails here.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/src/index';
import { createSite, db, request, submit, validMessage } from '../../worker/test/fixtures';
import { CONSOLE_ORIGIN, createOfficial } from '../../worker/test/officials';
import { uploadedPhoto } from '../../worker/test/photos';
import { JPEG_WITH_GPS } from '../../worker/test/photo-fixtures';
import type { MessageCreated } from './schemas/message';
import { createConsoleClient, type ConsoleClient } from './console-client';
import { LiuyanError } from './errors';
import { PUBLIC_ROUTE } from '../../worker/test/public-routes';


const officialRoutes = [...new Set(app.routes
  .filter((route) => route.method !== 'ALL' && !PUBLIC_ROUTE.test(route.path))
  .map((route) => `${route.method} ${route.path}`))];

/** The route pattern a request reached: `POST /v1/console/messages/:id/publish`. */
function routeOf(method: string, path: string): string | undefined {
  return officialRoutes.find((route) => {
    const [m, pattern] = route.split(' ') as [string, string];
    return m === method && new RegExp(`^${pattern.replace(/:[a-zA-Z]+/g, '[^/]+').replace(/\./g, '\\.')}$`).test(path);
  });
}

describe('createConsoleClient', () => {
  it('reaches every console, admin and sign-in route, each with a typed call', async () => {
    const site = await createSite();
    const password = 'console-client-password-2026';
    const admin = await createOfficial(site.siteId, 'admin', [], { password });
    const { id: messageId, trackingCode } = await (await submit(site.siteId, validMessage(site.eduUnit))).json<MessageCreated>();
    const reached = new Set<string>();
    const statuses: string[] = [];
    let cookie = admin.cookie;
    // The browser's part: same origin, the session cookie (kept when sign-in sets a new one).
    const client: ConsoleClient = createConsoleClient({
      locale: 'zh-CN',
      fetch: async (input, init) => {
        const url = new URL(String(input), CONSOLE_ORIGIN);
        const headers = new Headers(init?.headers);
        headers.set('Origin', CONSOLE_ORIGIN);
        headers.set('Cookie', cookie);
        const response = await exports.default.fetch(new Request(url, { ...init, headers }));
        const route = routeOf(init?.method ?? 'GET', url.pathname);
        if (route) reached.add(route);
        statuses.push(`${response.status} ${init?.method ?? 'GET'} ${url.pathname}`);
        const set = response.headers.get('Set-Cookie');
        if (set?.startsWith('__Host-liuyan_session=') && !set.includes('Max-Age=0')) cookie = set.split(';')[0]!;
        return response;
      },
    });
    // A refusal (a wrong code, a state that does not allow an action) still reached its route.
    const settle = async (call: () => Promise<unknown>) => {
      try {
        await call();
      } catch (error) {
        if (!(error instanceof LiuyanError) || error.status === 404 || error.status === 405) throw error;
      }
    };
    const download = (url: string) => client.admin.site.get().then(() => fetchVia(url));
    const fetchVia = async (url: string) => {
      const response = await exports.default.fetch(new Request(new URL(url, CONSOLE_ORIGIN), { headers: { Cookie: cookie, Origin: CONSOLE_ORIGIN } }));
      expect(response.status, url).toBe(200);
      reached.add(routeOf('GET', new URL(url, CONSOLE_ORIGIN).pathname)!);
    };

    await client.signIn({ email: admin.email, password, site: site.siteId });
    expect((await client.me()).id).toBe(admin.id);
    await settle(() => client.totp.enrol({ password }));
    await settle(() => client.totp.confirm({ code: '000000' }));
    expect((await client.messages.list({ tab: 'all' })).items.map((m) => m.id)).toContain(messageId);
    expect((await client.dashboard()).stats.messages).toBe(1);
    expect((await client.units.named([site.eduUnit])).items.map((u) => u.name)).toEqual(['测试县教育局']);
    expect((await client.messages.get(messageId)).id).toBe(messageId);
    expect((await client.messages.findByTrackingCode(trackingCode.toLowerCase())).id).toBe(messageId);
    await client.messages.act(messageId, 'note', { body: '内部备注' });
    expect((await client.messages.act(messageId, 'reveal', {})).phone).toBeTruthy();
    await client.messages.act(messageId, 'publish', {});
    await settle(() => client.messages.act(messageId, 'reject', { reason: 'duplicate' }));
    // Sent with the version read, as the console sends it.
    await client.messages.act(messageId, 'accept', {}, { version: (await client.messages.get(messageId)).version });
    // 延期 once the unit has taken it on: its new deadline is shown first.
    expect((await client.messages.previewExtension(messageId, 3)).dueAt).toBeTruthy();
    await client.messages.act(messageId, 'extend', { days: 2, reason: '需要现场核实' });
    await client.messages.act(messageId, 'reply', { kind: 'final', body: '已安排维修。' });
    await client.messages.act(messageId, 'close', {});
    // The citizen asks a follow-up question (追问): its words wait for a moderator.
    const asked = await request(`/v1/sites/${site.siteId}/track/follow-ups`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trackingCode, question: '什么时候修好？' }),
    });
    expect(asked.status).toBe(200);
    const [waiting] = (await client.followUps.pending()).items;
    expect((await client.followUps.moderate(waiting!.id, { moderation: 'published' })).followUps[0]?.moderation).toBe('published');
    await settle(() => client.messages.act(messageId, 'transfer', { unitId: site.transportUnit, reason: '转办' }));
    await client.messages.act(messageId, 'hide', { reason: 'off_topic' });
    await settle(() => client.messages.act(messageId, 'adopt', { note: '已写入规划' }));
    await client.replyTemplates();
    await download(client.exportUrl({ from: '2026-01-01' }));
    const { photoId } = await uploadedPhoto(site.siteId);
    await submit(site.siteId, validMessage(site.eduUnit, { photos: [{ id: photoId }] }));
    await download(client.photoUrl(photoId));
    await client.photos.hide(photoId, { reason: 'personal_data' });
    await client.photos.unhide(photoId);
    // A reply's photo goes by XMLHttpRequest (its progress), to the address the client gives.
    const upload = new URL(client.photos.replyUploadUrl(messageId), CONSOLE_ORIGIN);
    const uploaded = await exports.default.fetch(new Request(upload, {
      method: 'POST', body: JPEG_WITH_GPS, headers: { Cookie: cookie, Origin: CONSOLE_ORIGIN, 'Content-Type': 'image/jpeg', 'Idempotency-Key': crypto.randomUUID() },
    }));
    expect(uploaded.status).toBe(201);
    reached.add(routeOf('POST', upload.pathname)!);

    await client.admin.site.update({ moderation: 'post' });
    await client.admin.calendar.get(2026);
    await client.admin.calendar.addPeriod({ name: '元旦', from: '2027-01-01', workdays: [] });
    await client.admin.calendar.removeDays({ year: 2027, days: ['2027-01-01'] });
    await client.admin.calendar.importNational({ year: 2026 });
    await client.admin.calendar.replace({ year: 2028, days: [] });
    const unit = await client.admin.units.create({ name: '县水利局', kind: 'department' });
    await client.admin.units.update(unit.id, { sortOrder: 3 });
    await client.admin.units.list();
    const account = await client.admin.accounts.create({ email: 'water@county.example.gov.cn', displayName: '水利局', role: 'responder', unitIds: [unit.id], password: 'a-long-password-for-water' });
    await client.admin.accounts.update(account.id, { displayName: '水利局办理员' });
    expect((await client.admin.accounts.resetPassword(account.id)).temporaryPassword).toBeTruthy();
    await client.admin.accounts.list();
    const template = await client.admin.replyTemplates.create({ title: '已受理', body: '您好，已受理。' });
    await client.admin.replyTemplates.update(template.id, { title: '已受理（新）' });
    await client.admin.replyTemplates.list();
    await client.admin.replyTemplates.remove(template.id);
    const campaign = await client.admin.campaigns.create({
      slug: 'plan', title: '建言"十四五"', startsAt: '2026-01-01T00:00:00+08:00', endsAt: '2026-02-01T00:00:00+08:00',
      outlets: [{ name: '测试日报', origin: 'https://news.example.com' }],
    });
    await client.admin.campaigns.update(campaign.id, { title: '建言"十五五"' });
    expect((await client.admin.campaigns.list()).map((c) => c.slug)).toContain('plan');
    // Its window is past: there is nothing to end, and with no messages it may be deleted.
    await settle(() => client.admin.campaigns.end(campaign.id));
    await client.admin.campaigns.remove(campaign.id);
    const integrationKey = await client.admin.integrationKeys.issue({ label: '12345热线平台' });
    expect((await client.admin.integrationKeys.revoke(integrationKey.id)).revokedAt).not.toBeNull();
    expect((await client.admin.integrationKeys.list()).map((k) => k.prefix)).toEqual([integrationKey.prefix]);
    const webhook = await client.admin.webhooks.create({ url: 'https://hooks.example.com/liuyan', events: ['message.replied'] });
    await client.admin.webhooks.update(webhook.id, { enabled: false });
    expect((await client.admin.webhooks.rotateSecret(webhook.id)).secret).not.toBe(webhook.secret);
    expect(await client.admin.webhooks.deliveries(webhook.id, { status: 'dead' })).toEqual([]);
    // A dead delivery to send again: refused while the endpoint is off (nothing leaves), by its code.
    const at = new Date().toISOString();
    await db.run(db.q.insertInto('webhook_deliveries').values({
      id: 'whd_client', site_id: site.siteId, endpoint_id: webhook.id, event_id: 'evt_1_replied', event_type: 'message.replied', message_id: messageId,
      payload: '{}', status: 'dead', attempts: 10, next_attempt_at: null, created_at: at, updated_at: at,
    }));
    await expect(client.admin.webhooks.resend(webhook.id, 'whd_client')).rejects.toMatchObject({ status: 409, code: 'webhook_disabled' });
    expect((await client.admin.webhooks.list()).map((w) => w.id)).toEqual([webhook.id]);
    await client.admin.webhooks.remove(webhook.id);
    const notifications = await client.admin.notifications.update({
      sms: { provider: 'gateway', endpoint: 'https://sms.receiver.test/send', keyId: 'county', secret: 'gateway-secret', signName: '测试县', templates: {} },
      emailFrom: null, phoneVerification: true,
    });
    expect(notifications.sms.hasSecret).toBe(true);
    expect((await client.admin.notifications.get()).phoneVerification).toBe(true);
    expect((await client.admin.notifications.dead()).items).toEqual([]);
    // A dead e-mail notice of the message to send again.
    await db.run(db.q.insertInto('notifications').values({
      id: 'n_client', site_id: site.siteId, kind: 'reply', channel: 'email', recipient_enc: null, message_id: messageId, account_id: null,
      dedupe_key: null, status: 'dead', attempts: 12, last_error: 'email_failed', created_at: at, finished_at: at,
    }));
    expect(await client.admin.notifications.resend('n_client')).toMatchObject({ id: 'n_client', attempts: 0, resendable: true });
    const protection = await client.admin.protection.update({
      bannedWords: ['禁词'], holdWords: [], holdLinks: true, holdPhones: true, minFillSeconds: 5, turnstileSiteKey: null, retentionDays: 365,
    });
    expect(protection.bannedWords).toEqual(['禁词']);
    expect((await client.admin.protection.get()).retentionDays).toBe(365);
    expect(await client.myNotifications.set({ assigned: true, dueSoon: false, escalated: true })).toEqual({ assigned: true, dueSoon: false, escalated: true, reopened: true, smsPhone: null });
    expect(await client.myNotifications.set({ assigned: true, dueSoon: false, escalated: true, reopened: false })).toMatchObject({ reopened: false });
    expect(await client.myNotifications.get()).toMatchObject({ dueSoon: false, reopened: false });
    expect((await client.admin.auditLog.list({ action: 'contact.reveal' })).items.length).toBeGreaterThan(0);
    await download(client.admin.auditLog.csvUrl({ action: 'contact.reveal' }));
    await settle(() => client.changePassword({ currentPassword: password, newPassword: 'another-long-password-2026' }));
    await client.signOut();

    expect(statuses.filter((s) => /^(404|405|5\d\d) /.test(s))).toEqual([]);
    expect([...reached].sort()).toEqual([...officialRoutes].sort());
  });
});
