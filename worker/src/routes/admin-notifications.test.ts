// Sending a dead notice again (POST /v1/admin/notifications/:id/resend), through the real local queue
// and the local send_email binding.
import { describe, expect, it, vi } from 'vitest';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import type { DeadNotificationList, NotificationRecord, NotificationSettings, UpdateNotificationSettingsInput } from '../../../sdk/src/schemas/notifications';
import { createSite, db, expectProblem, submit, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';

/** A notice of the message that failed every attempt, as the delivery step leaves it. */
async function deadNotice(siteId: string, messageId: string, kind: 'reply' | 'verification_code', channel: 'email' | 'sms' = 'email') {
  const id = `n_${crypto.randomUUID().slice(0, 12)}`;
  const at = new Date(Date.now() - 6 * 3_600_000).toISOString();
  await db.batch([
    db.q.insertInto('notifications').values({
      id, site_id: siteId, kind, channel, recipient_enc: null, message_id: kind === 'reply' ? messageId : null, account_id: null,
      dedupe_key: null, status: 'dead', attempts: 12, last_error: 'email_failed', created_at: at, finished_at: at,
    }),
    db.q.insertInto('notification_attempts').values({ notification_id: id, attempt: 12, outcome: 'failed', detail: 'email_failed', created_at: at }),
  ]);
  return id;
}

const attemptsOf = (id: string) => db.all(db.q.selectFrom('notification_attempts').select(['attempt', 'outcome']).where('notification_id', '=', id).orderBy('id'));

describe('re-sending a dead notice', () => {
  it('queues it once however often it is asked, sends it, and audits the one re-send', { timeout: 30_000 }, async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const { id: messageId } = await (await submit(site.siteId, validMessage(site.eduUnit, { notify: { email: true } }))).json<MessageCreated>();
    const id = await deadNotice(site.siteId, messageId, 'reply');
    const listed = await (await consoleRequest('/v1/admin/notifications/dead', { as: admin })).json<DeadNotificationList>();
    expect(listed.items).toEqual([expect.objectContaining({ id, status: 'dead', resendable: true })]);

    // Two clicks at once: both answered with the notice on its way, one chain of attempts.
    const resend = () => consoleRequest(`/v1/admin/notifications/${id}/resend`, { as: admin, method: 'POST', body: {} });
    const answers = await Promise.all([resend(), resend()]);
    expect(answers.map((a) => a.status)).toEqual([202, 202]);
    for (const answer of answers) expect(await answer.json<NotificationRecord>()).toMatchObject({ id, messageId });

    const sent = await vi.waitFor(async () => {
      const row = await db.first(db.q.selectFrom('notifications').select(['status', 'attempts', 'last_error', 'finished_at']).where('id', '=', id));
      if (row?.status !== 'sent') throw new Error(`still ${row?.status}`);
      return row;
    }, { timeout: 15_000, interval: 100 });
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, last_error: null, finished_at: expect.any(String) });
    // Another second for a duplicate to show up, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await attemptsOf(id)).toEqual([{ attempt: 12, outcome: 'failed' }, { attempt: 1, outcome: 'sent' }]);
    expect((await (await consoleRequest('/v1/admin/notifications/dead', { as: admin })).json<DeadNotificationList>()).items).toEqual([]);
    const audit = await db.all(db.q.selectFrom('audit_log').select(['action', 'message_id', 'detail']).where('site_id', '=', site.siteId).where('action', '=', 'notification.resend'));
    expect(audit).toEqual([{ action: 'notification.resend', message_id: messageId, detail: JSON.stringify({ notification: id, kind: 'reply', channel: 'email' }) }]);

    // Sent, a further click sends nothing and says so by its status.
    expect(await (await resend()).json<NotificationRecord>()).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await attemptsOf(id)).toHaveLength(2);
  });

  it('refuses an SMS notice while the site sends no SMS (it would only die again), and offers it once SMS is set', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const { id: messageId } = await (await submit(site.siteId, validMessage(site.eduUnit))).json<MessageCreated>();
    const id = await deadNotice(site.siteId, messageId, 'reply', 'sms');
    const listed = async () => (await (await consoleRequest('/v1/admin/notifications/dead', { as: admin })).json<DeadNotificationList>()).items;
    expect(await listed()).toEqual([expect.objectContaining({ id, channel: 'sms', resendable: false })]);
    const refused = await expectProblem(await consoleRequest(`/v1/admin/notifications/${id}/resend`, { as: admin, method: 'POST', body: {} }), 409, 'sms_unavailable');
    expect(refused.title).toBe('本站暂未开通短信服务');
    expect(await db.first(db.q.selectFrom('notifications').select('status').where('id', '=', id))).toEqual({ status: 'dead' });
    expect(await db.all(db.q.selectFrom('audit_log').select('id').where('site_id', '=', site.siteId).where('action', '=', 'notification.resend'))).toEqual([]);

    await db.run(db.q.insertInto('notification_settings').values({
      site_id: site.siteId, sms_provider: 'gateway', sms_endpoint: 'https://sms.gateway.test/send', sms_key_id: 'key', sms_secret_enc: null,
      sms_sign_name: '测试县', email_from: null, updated_at: new Date().toISOString(),
    }));
    expect(await listed()).toEqual([expect.objectContaining({ id, resendable: true })]);
  });

  it('refuses a notice with no one to send it to now (an official with no mobile, a citizen who erased their contact), and offers it once there is', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const responder = await createOfficial(site.siteId, 'responder', [site.eduUnit]);
    const { id: messageId } = await (await submit(site.siteId, validMessage(site.eduUnit, { notify: { email: true } }))).json<MessageCreated>();
    const toOfficial = await deadNotice(site.siteId, messageId, 'reply', 'sms');
    await db.run(db.q.updateTable('notifications').set({ kind: 'assigned', account_id: responder.id, last_error: 'no_recipient' }).where('id', '=', toOfficial));
    const toCitizen = await deadNotice(site.siteId, messageId, 'reply', 'email');
    await db.run(db.q.updateTable('messages').set({ author_erased_at: new Date().toISOString(), author_email_enc: null }).where('id', '=', messageId));

    const refusals = async () => Object.fromEntries((await (await consoleRequest('/v1/admin/notifications/dead', { as: admin })).json<DeadNotificationList>()).items
      .map((d) => [d.id, [d.resendable, d.resendRefusal]]));
    // While the site sends no SMS too, the SMS notice is said to have no one to go to: setting SMS up would not help it.
    expect(await refusals()).toEqual({ [toOfficial]: [false, 'no_recipient'], [toCitizen]: [false, 'no_recipient'] });
    await db.run(db.q.insertInto('notification_settings').values({
      site_id: site.siteId, sms_provider: 'gateway', sms_endpoint: 'https://sms.gateway.test/send', sms_key_id: 'key', sms_secret_enc: null,
      sms_sign_name: '测试县', email_from: null, updated_at: new Date().toISOString(),
    }));
    expect(await refusals()).toEqual({ [toOfficial]: [false, 'no_recipient'], [toCitizen]: [false, 'no_recipient'] });
    for (const id of [toOfficial, toCitizen]) {
      const refused = await expectProblem(await consoleRequest(`/v1/admin/notifications/${id}/resend`, { as: admin, method: 'POST', body: {} }), 409, 'no_recipient');
      expect(refused.title).toContain('这条通知已没有收件人');
    }
    expect(await db.all(db.q.selectFrom('notifications').select('status').where('id', 'in', [toOfficial, toCitizen]))).toEqual([{ status: 'dead' }, { status: 'dead' }]);

    // The official gives a mobile under 我的账号: their notice may go again.
    expect((await consoleRequest('/v1/console/me/notifications', { as: responder, method: 'PUT', body: { assigned: true, dueSoon: true, escalated: true, smsPhone: '13800138000' } })).status).toBe(200);
    expect(await refusals()).toEqual({ [toOfficial]: [true, null], [toCitizen]: [false, 'no_recipient'] });
  });

  it('refuses a verification code (its typed phone is gone) and another site’s notice', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const { id: messageId } = await (await submit(site.siteId, validMessage(site.eduUnit))).json<MessageCreated>();
    const code = await deadNotice(site.siteId, messageId, 'verification_code', 'sms');
    const listed = await (await consoleRequest('/v1/admin/notifications/dead', { as: admin })).json<DeadNotificationList>();
    expect(listed.items).toEqual([expect.objectContaining({ id: code, resendable: false })]);
    const refused = await expectProblem(await consoleRequest(`/v1/admin/notifications/${code}/resend`, { as: admin, method: 'POST', body: {} }), 409, 'not_resendable');
    expect(refused.title).toBe('验证码和找回查询码的通知不能重新发送：请本人重新获取');

    const other = await createSite();
    const otherAdmin = await createOfficial(other.siteId, 'admin');
    const reply = await deadNotice(site.siteId, messageId, 'reply');
    await expectProblem(await consoleRequest(`/v1/admin/notifications/${reply}/resend`, { as: otherAdmin, method: 'POST', body: {} }), 404, 'not_found');
    expect(await db.first(db.q.selectFrom('notifications').select('status').where('id', '=', reply))).toEqual({ status: 'dead' });
  });
});

describe('the SMS and e-mail settings', () => {
  it('turned off, keep all but the secret (turning SMS on again takes the secret alone), and the audit log names what each save changed', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const put = (body: UpdateNotificationSettingsInput) => consoleRequest('/v1/admin/notifications', { as: admin, method: 'PUT', body });
    const on = { provider: 'gateway' as const, endpoint: 'https://sms.county.example.gov.cn/send', keyId: 'county', signName: '测试县人民政府', templates: { reply: 'T1', rejected: 'T8' } };
    expect((await put({ sms: { ...on, secret: 'gateway-secret' }, emailFrom: null, phoneVerification: true })).status).toBe(200);

    const off = await put({ sms: { ...on, provider: null, secret: null }, emailFrom: 'noreply@county.example.gov.cn', phoneVerification: false });
    expect(off.status).toBe(200);
    // Kept with the provider they were for, so an Aliyun setup does not start from the gateway's address.
    expect((await off.json<NotificationSettings>()).sms).toEqual({ ...on, provider: null, hasSecret: false, keptFor: 'gateway' });
    // The site says no SMS to citizens: no box for it, no code to ask for.
    expect((await (await consoleRequest('/v1/admin/notifications', { as: admin })).json<NotificationSettings>()).sms.provider).toBeNull();
    // On again without the secret: asked for it alone.
    const again = await expectProblem(await put({ sms: on, emailFrom: null, phoneVerification: false }), 422, 'validation');
    expect(again.errors!.map((e) => e.field)).toEqual(['sms.secret']);
    // Nor does another provider's setup take the secret it was never given while SMS was off.
    const offToAliyun = await expectProblem(await put({ sms: { ...on, provider: 'aliyun', endpoint: null, keyId: 'LTAI-county', secret: null }, emailFrom: null, phoneVerification: false }), 422, 'validation');
    expect(offToAliyun.errors!.map((e) => e.field)).toEqual(['sms.secret']);
    expect((await put({ sms: { ...on, secret: 'gateway-secret-2' }, emailFrom: null, phoneVerification: false })).status).toBe(200);
    // Another provider: the gateway's secret is not Aliyun's, so it is asked for again.
    const aliyun = { ...on, provider: 'aliyun' as const, endpoint: null, keyId: 'LTAI-county' };
    const switched = await expectProblem(await put({ sms: aliyun, emailFrom: null, phoneVerification: false }), 422, 'validation');
    expect(switched.errors!.map((e) => e.field)).toEqual(['sms.secret']);
    expect((await (await consoleRequest('/v1/admin/notifications', { as: admin })).json<NotificationSettings>()).sms).toMatchObject({ provider: 'gateway', hasSecret: true, keptFor: null });

    const fields = (await db.all(db.q.selectFrom('audit_log').select('detail').where('site_id', '=', site.siteId).where('action', '=', 'notifications.update').orderBy('id')))
      .map((row) => (JSON.parse(row.detail!) as { fields: string[] }).fields);
    expect(fields).toEqual([
      ['sms', 'endpoint', 'keyId', 'signName', 'secret', 'smsTemplates', 'phoneVerification'],
      ['sms', 'secret', 'emailFrom', 'phoneVerification'],
      ['sms', 'secret', 'emailFrom'],
    ]);
    // Never the secret itself.
    expect(JSON.stringify(await db.all(db.q.selectFrom('audit_log').select('detail').where('site_id', '=', site.siteId)))).not.toContain('gateway-secret');
  });
});
