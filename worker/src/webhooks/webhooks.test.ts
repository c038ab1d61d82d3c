import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import type { AuditPage } from '../../../sdk/src/schemas/audit';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import type { WebhookDelivery, WebhookEndpoint, WebhookEndpointWithSecret } from '../../../sdk/src/schemas/webhook';
import { verifyWebhook, WebhookVerificationError } from '../../../sdk/src/webhooks';
import { ALLOWED_ORIGIN, createSite, db, expectNoPersonalData, expectProblem, submit, validMessage } from '../../test/fixtures';
import { siteDatabaseOn } from '../db/client';
import { newWebhookSecret, sealSecret } from '../db/webhooks';
import { newId } from '../lib/crypto';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';
import type { ReceivedWebhook } from '../../test/webhook-receiver';
import { queue, type DeliveryLogLine, type DeliveryMessage } from '../queue/consumer';
import { drainOutbox, drainOutboxes } from '../queue/outbox';
import { RETRY_DELAYS_SECONDS } from './deliver';

const receiver = inject('webhookReceiver');

/** What the local receiver got at `box`, waiting until it holds at least `count` requests. */
async function received(box: string, count = 1): Promise<ReceivedWebhook[]> {
  return vi.waitFor(async () => {
    const got = await (await fetch(`${receiver}/received/${box}`)).json<ReceivedWebhook[]>();
    if (got.length < count) throw new Error(`${box}: ${got.length} of ${count}`);
    return got;
  }, { timeout: 15_000, interval: 100 });
}

async function addEndpoint(admin: TestOfficial, body: Record<string, unknown>): Promise<WebhookEndpointWithSecret> {
  const response = await consoleRequest('/v1/admin/webhooks', { as: admin, method: 'POST', body });
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json<WebhookEndpointWithSecret>();
}

async function deliveries(admin: TestOfficial, endpointId: string, query = ''): Promise<WebhookDelivery[]> {
  const response = await consoleRequest(`/v1/admin/webhooks/${endpointId}/deliveries${query}`, { as: admin });
  expect(response.status).toBe(200);
  return response.json<WebhookDelivery[]>();
}

// Every line the service logs during a test, to check that no contact detail is ever in one.
let logged: string[] = [];
beforeEach(() => {
  logged = [];
  for (const level of ['log', 'info', 'warn', 'error'] as const) {
    const original = console[level];
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
      original(...args);
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  expectNoPersonalData(logged.join('\n'));
});

// Each waits for deliveries through the local queue (two hops of up to a second's batching each).
describe('webhooks', { timeout: 30_000 }, () => {
  it('POSTs an event through the queue, signed so that the SDK verifier accepts it, with no contact detail and no words of the message', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const box = `sub-${site.siteId}`;
    const endpoint = await addEndpoint(admin, { url: `${receiver}/ok/${box}`, description: '12345热线平台', events: ['message.submitted'] });
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const message = validMessage(site.eduUnit, { isPublic: false });

    const { id } = await (await submit(site.siteId, message)).json<MessageCreated>();

    const [request] = await received(box);
    const event = await verifyWebhook({ payload: request!.body, header: request!.headers['liuyan-signature'] as string, secrets: [endpoint.secret] });
    expect(event).toEqual({
      id: expect.stringMatching(/^evt_\d+_submitted$/), type: 'message.submitted', site: site.siteId,
      createdAt: expect.stringMatching(/\+08:00$/), occurredAt: expect.stringMatching(/\+08:00$/),
      data: {
        message: {
          id, type: 'complaint', domain: 'education', status: 'submitted', moderation: 'pending', isPublic: false,
          unit: { id: site.eduUnit, name: '测试县教育局' }, dueAt: expect.stringMatching(/\+08:00$/),
        },
        unit: { id: site.eduUnit, name: '测试县教育局' },
        reply: null,
      },
    });
    expect(event.occurredAt).toBe(event.createdAt);
    expect(request!.headers['liuyan-event-id']).toBe(event.id);
    expectNoPersonalData(request!.body);
    for (const words of [message.title, message.body, message.region]) expect(request!.body).not.toContain(words);

    // A changed body, an old request replayed, a wrong secret: each refused, with its reason.
    const header = request!.headers['liuyan-signature'] as string;
    const refusal = (options: Partial<Parameters<typeof verifyWebhook>[0]>) => verifyWebhook({ payload: request!.body, header, secrets: [endpoint.secret], ...options })
      .then(() => 'accepted', (error: WebhookVerificationError) => error.reason);
    expect(await refusal({ payload: request!.body.replace('"submitted"', '"closed"') })).toBe('no_matching_signature');
    expect(await refusal({ now: new Date(Date.now() + 301_000) })).toBe('timestamp_outside_tolerance');
    expect(await refusal({ secrets: ['whsec_someone-else'] })).toBe('no_matching_signature');
    expect(await refusal({ header: 't=1,v1=zz' })).toBe('malformed_header');

    const [delivery] = await vi.waitFor(async () => {
      const list = await deliveries(admin, endpoint.id);
      if (list[0]?.status !== 'delivered') throw new Error('not recorded yet');
      return list;
    });
    expect(delivery).toMatchObject({ eventId: event.id, eventType: 'message.submitted', messageId: id, status: 'delivered', attempts: 1 });
    expect(delivery!.recentAttempts).toEqual([{ at: expect.any(String), statusCode: 200, durationMs: expect.any(Number), error: null, responseExcerpt: 'ok' }]);
  });

  it('retries a failing receiver on the schedule, then marks the delivery dead for admins, who send it again once it works', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const box = `fail-${site.siteId}`;
    const endpoint = await addEndpoint(admin, { url: `${receiver}/fail/${box}`, events: ['message.submitted'] });
    await submit(site.siteId, validMessage(site.eduUnit));
    // The first attempt, through the queue; the queue would try again in a minute.
    await received(box);
    const [first] = await vi.waitFor(async () => {
      const list = await deliveries(admin, endpoint.id);
      if (list[0]?.status !== 'retrying') throw new Error('not recorded yet');
      return list;
    });
    expect(first!.recentAttempts[0]).toMatchObject({ statusCode: 500, error: 'status', responseExcerpt: expect.stringMatching(/^receiver broken: x+$/) });
    expect(first!.recentAttempts[0]!.responseExcerpt).toHaveLength(200);

    // The queue's later deliveries of the same message, handed to the consumer as the queue hands them.
    const delays: (number | undefined)[] = [];
    for (let attempt = 2; attempt <= RETRY_DELAYS_SECONDS.length + 1; attempt++) {
      const batch = createMessageBatch<DeliveryMessage>('liuyan-deliveries', [
        { id: `m${attempt}`, timestamp: new Date(), attempts: attempt, body: { kind: 'webhook', site: site.siteId, id: first!.id } },
      ]);
      const ctx = createExecutionContext();
      await queue(batch, env, ctx);
      const result = await getQueueResult(batch, ctx);
      // (The test batch records a retry but not its delay: the delivery's next attempt shows it.)
      const row = await db.first(db.q.selectFrom('webhook_deliveries').select(['next_attempt_at', 'updated_at']).where('id', '=', first!.id));
      const delay = row?.next_attempt_at ? Math.round((Date.parse(row.next_attempt_at) - Date.parse(row.updated_at)) / 1000) : undefined;
      delays.push(result.retryMessages.length === 1 ? delay : result.explicitAcks.includes(`m${attempt}`) ? 0 : -1);
    }
    // Retried after 5 min … 12 h (the first retry, 1 min, was asked by the first attempt), then acknowledged.
    expect(delays).toEqual([...RETRY_DELAYS_SECONDS.slice(1), 0]);
    // One log line per attempt, with what it cost D1: a handful of indexed rows, whatever the site holds.
    const lines = logged.filter((line) => line.startsWith('{"queue"')).map((line) => JSON.parse(line) as DeliveryLogLine)
      .filter((line) => line.id === first!.id && line.attempts > 1);
    expect(lines.map((line) => [line.attempts, line.outcome])).toEqual(delays.map((delay, i) => [i + 2, delay === 0 ? 'done' : 'retry']));
    for (const line of lines) {
      expect(line).toMatchObject({ queue: 'liuyan-deliveries', kind: 'webhook', site: site.siteId });
      // Read the delivery with its endpoint, record the attempt: two round trips, a few rows (measured: 4 read, 4 written).
      expect(line.d1.queries).toBe(2);
      expect(line.d1.rowsRead).toBeLessThanOrEqual(8);
    }
    expect(RETRY_DELAYS_SECONDS.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(24 * 3600);
    expect(await received(box, 10)).toHaveLength(10);
    const [dead] = await deliveries(admin, endpoint.id, '?status=dead');
    expect(dead).toMatchObject({ id: first!.id, status: 'dead', attempts: 10, nextAttemptAt: null });
    expect(dead!.recentAttempts).toHaveLength(5);
    const [listed] = await (await consoleRequest('/v1/admin/webhooks', { as: admin })).json<WebhookEndpoint[]>();
    expect(listed).toMatchObject({ id: endpoint.id, deadDeliveries: 1 });

    // Turned off, the endpoint takes nothing: sending the delivery again is refused (it would only die at
    // once), nothing queued, nothing audited.
    const patch = (body: Record<string, unknown>) => consoleRequest(`/v1/admin/webhooks/${endpoint.id}`, { as: admin, method: 'PATCH', body });
    expect((await patch({ enabled: false })).status).toBe(200);
    const refused = await expectProblem(await consoleRequest(`/v1/admin/webhooks/${endpoint.id}/deliveries/${dead!.id}/resend`, { as: admin, method: 'POST', body: {} }), 409, 'webhook_disabled');
    expect(refused.title).toBe('这个接收地址已停用，不会向它发送：请先启用再重新发送');
    expect((await deliveries(admin, endpoint.id, '?status=dead'))[0]).toMatchObject({ id: dead!.id, status: 'dead', attempts: 10 });

    // The receiver is fixed (here: another address) and the endpoint on again; the dead delivery is sent again, same event, same body.
    const fixed = `fixed-${site.siteId}`;
    expect((await patch({ url: `${receiver}/ok/${fixed}`, enabled: true })).status).toBe(200);
    // Clicks (or admins) at once, within one millisecond (the clock held still): one new chain of
    // attempts, one audit entry, one request.
    const resend = () => consoleRequest(`/v1/admin/webhooks/${endpoint.id}/deliveries/${dead!.id}/resend`, { as: admin, method: 'POST', body: {} });
    vi.useFakeTimers({ toFake: ['Date'] });
    const [resent, ...others] = await Promise.all([resend(), resend(), resend()]).finally(() => vi.useRealTimers());
    expect([resent, ...others].map((r) => r.status)).toEqual([202, 202, 202]);
    expect(await resent.json()).toMatchObject({ id: dead!.id, status: 'pending', attempts: 0 });
    const [again] = await received(fixed);
    const [failed] = await received(box);
    expect(again!.body).toBe(failed!.body);
    await vi.waitFor(async () => expect((await deliveries(admin, endpoint.id))[0]).toMatchObject({ status: 'delivered', attempts: 1 }));
    expect(await received(fixed)).toHaveLength(1);
    expect(await db.all(db.q.selectFrom('audit_log').select('id').where('site_id', '=', site.siteId).where('action', '=', 'webhook.resend'))).toHaveLength(1);
    // The audit log names the endpoint sent to, as it does for its other changes.
    const log = await (await consoleRequest('/v1/admin/audit-log?action=webhook.resend', { as: admin })).json<AuditPage>();
    expect(log.items.map((e) => e.target)).toEqual([{ kind: 'webhook', id: endpoint.id, name: `${receiver}/ok/${fixed}` }]);
  });

  it('names the unit on every event, says whether a reply is interim or final, and gives each event as at its own time', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const moderator = await createOfficial(site.siteId, 'moderator');
    const responder = await createOfficial(site.siteId, 'responder', [site.eduUnit]);
    const box = `life-${site.siteId}`;
    const endpoint = await addEndpoint(admin, { url: `${receiver}/ok/${box}`, events: ['message.submitted', 'message.published', 'message.replied'] });
    const message = validMessage(site.eduUnit);
    const { id } = await (await submit(site.siteId, message)).json<MessageCreated>();
    const act = async (as: TestOfficial, action: string, body: Record<string, unknown> = {}) =>
      expect((await consoleRequest(`/v1/console/messages/${id}/${action}`, { as, method: 'POST', body })).status).toBe(200);
    await act(moderator, 'publish');
    await act(responder, 'accept');
    await act(responder, 'reply', { kind: 'interim', body: '已转交城关镇中心小学核实，一周内答复。' });
    await act(responder, 'reply', { kind: 'final', body: '经核实，已于本周恢复正常收费标准。' });

    const events = await Promise.all((await received(box, 4)).map((r) =>
      verifyWebhook({ payload: r.body, header: r.headers['liuyan-signature'] as string, secrets: endpoint.secret })));
    events.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id.localeCompare(b.id, 'en', { numeric: true }));
    const edu = { id: site.eduUnit, name: '测试县教育局' };
    expect(events.map((e) => [e.type, e.data.unit, e.data.reply?.kind ?? null])).toEqual([
      ['message.submitted', edu, null],
      ['message.published', edu, null],
      ['message.replied', edu, 'interim'],
      ['message.replied', edu, 'final'],
    ]);
    // Each says what the message was when its request was done, whenever the queue handled it.
    expect(events.map((e) => [e.data.message.status, e.data.message.moderation])).toEqual([
      ['submitted', 'pending'], ['submitted', 'published'], ['in_progress', 'published'], ['replied', 'published'],
    ]);
    const [interim, final] = events.slice(2);
    expect(interim!.data.reply!.id).not.toBe(final!.data.reply!.id);
    expect(interim!.occurredAt <= final!.occurredAt).toBe(true);
    for (const e of events) expect(e.data.message).toMatchObject({ id, isPublic: true, unit: edu });
    const bodies = (await received(box, 4)).map((r) => r.body).join('\n');
    expectNoPersonalData(bodies);
    for (const words of [message.title, message.body, '城关镇中心小学', '收费标准']) expect(bodies).not.toContain(words);
  });

  it('signs with both secrets for a day after a rotation, then with the new one only', async () => {
    const site = await createSite({ moderation: 'post' });
    const admin = await createOfficial(site.siteId, 'admin');
    const box = `rotate-${site.siteId}`;
    const endpoint = await addEndpoint(admin, { url: `${receiver}/ok/${box}`, events: ['message.submitted', 'message.published'] });
    const response = await consoleRequest(`/v1/admin/webhooks/${endpoint.id}/rotate-secret`, { as: admin, method: 'POST', body: {} });
    expect(response.status).toBe(200);
    const rotated = await response.json<WebhookEndpointWithSecret>();
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.previousSecretExpiresAt!) - Date.now()).toBeGreaterThan(23.9 * 3600_000);

    // Post-moderation: a submission is published at once, two events.
    await submit(site.siteId, validMessage(site.eduUnit));
    const during = await received(box, 2);
    expect(during.map((r) => JSON.parse(r.body).type).sort()).toEqual(['message.published', 'message.submitted']);
    for (const secret of [endpoint.secret, rotated.secret]) {
      await expect(verifyWebhook({ payload: during[0]!.body, header: during[0]!.headers['liuyan-signature'] as string, secrets: secret })).resolves.toBeTruthy();
    }
    expect((during[0]!.headers['liuyan-signature'] as string).match(/v1=/g)).toHaveLength(2);

    // A day later the old secret no longer signs.
    await db.run(db.q.updateTable('webhook_endpoints').set({ previous_secret_expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', endpoint.id));
    await submit(site.siteId, validMessage(site.eduUnit));
    const after = (await received(box, 4)).slice(2);
    const header = after[0]!.headers['liuyan-signature'] as string;
    expect(header.match(/v1=/g)).toHaveLength(1);
    await expect(verifyWebhook({ payload: after[0]!.body, header, secrets: endpoint.secret })).rejects.toThrow(WebhookVerificationError);
    await expect(verifyWebhook({ payload: after[0]!.body, header, secrets: rotated.secret })).resolves.toBeTruthy();
  });

  it('sends 超期 and 督办 of the deadline check as two events, never an event of a batch that failed, nor one from before the endpoint', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const box = `overdue-${site.siteId}`;
    const { id } = await (await submit(site.siteId, validMessage(site.eduUnit))).json<MessageCreated>();
    const event = (kind: 'escalated', unitId: string) => db.q.insertInto('message_events').values({
      message_id: id, kind, is_public: 1, unit_id: unitId, from_unit_id: site.eduUnit, account_id: null, note: null, created_at: new Date().toISOString(),
    });
    // An event still in the outbox when the endpoint is added (adding it drains the outbox): not for it.
    await db.batch([event('escalated', site.transportUnit)]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await addEndpoint(admin, { url: `${receiver}/ok/${box}`, events: ['message.overdue', 'message.escalated'] });

    // A batch whose second statement fails writes nothing: its event never reaches the outbox.
    await expect(db.batch([event('escalated', site.transportUnit), db.q.insertInto('sites').values({
      id: site.siteId, name: 'x', allowed_origins: '[]', created_at: '', updated_at: '',
    })])).rejects.toThrow();
    expect(await db.all(db.q.selectFrom('message_events').select('id').where('message_id', '=', id).where('kind', '=', 'escalated'))).toHaveLength(1);

    // The deadline check's batch, as the cron writes it. Say a drain claimed it and its queue message
    // was lost: it stays in the outbox, and the cron sends it again once the claim (an hour) has passed.
    const [written] = await db.batch([event('escalated', site.headUnit).returning('id')]);
    const eventId = (written!.results[0] as { id: number }).id;
    await db.run(db.q.updateTable('event_outbox').set({ claimed_until: new Date(Date.now() + 1800_000).toISOString() }).where('event_id', '=', eventId));
    expect(await drainOutbox(env, db)).toBe(0);
    expect(await drainOutboxes(env, new Date(Date.now() + 3600_000))).toBeGreaterThanOrEqual(1);
    const got = (await received(box, 2)).map((r) => JSON.parse(r.body));
    expect(got.map((e) => e.type).sort()).toEqual(['message.escalated', 'message.overdue']);
    expect(got.map((e) => e.data.unit)).toEqual([{ id: site.headUnit, name: '测试县县长' }, { id: site.headUnit, name: '测试县县长' }]);
    expect(new Set(got.map((e) => e.id)).size).toBe(2);
    // Handled, it has left the outbox.
    await vi.waitFor(async () => expect(await db.all(db.q.selectFrom('event_outbox').select('event_id').where('event_id', '=', eventId))).toEqual([]));
    // Nothing more: neither the event from before the endpoint nor the failed batch's (both to 交通运输局).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await received(box)).toHaveLength(2);
  });
});

describe('a burst of writes', () => {
  // Their drains overlap: each claims what is free when it runs (queue/outbox.ts), and none of their
  // events may be sent twice or wait for the cron.
  it('has every event of 20 concurrent submissions delivered once, with no cron run', { timeout: 30_000 }, async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const box = `burst-${site.siteId}`;
    await addEndpoint(admin, { url: `${receiver}/ok/${box}`, events: ['message.submitted'] });
    // Twenty citizens, each from an address and with a phone of their own (the caps per address and per phone are tested elsewhere).
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => submit(site.siteId,
      validMessage(site.eduUnit, { author: { name: '陈明', phone: `139120000${String(i).padStart(2, '0')}`, email: null, displayAs: 'masked' } }),
      { headers: { 'CF-Connecting-IP': `198.51.100.${i + 1}` } })));
    const ids = await Promise.all(answers.map(async (answer) => {
      expect(answer.status).toBe(201);
      return (await answer.json<MessageCreated>()).id;
    }));
    const got = (await received(box, 20)).map((r) => JSON.parse(r.body) as { data: { message: { id: string } } });
    expect(got.map((e) => e.data.message.id).sort()).toEqual([...ids].sort());
    await vi.waitFor(async () => expect(await db.all(db.q.selectFrom('event_outbox as o').innerJoin('message_events as e', 'e.id', 'o.event_id')
      .select('o.event_id').where('e.message_id', 'in', ids))).toEqual([]), { timeout: 15_000, interval: 100 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await received(box)).toHaveLength(20);
  });
});

describe('a queue batch of events', () => {
  it('reads a site’s webhook endpoints and a unit’s officials once, and delivers each event', { timeout: 30_000 }, async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const box = `batch-${site.siteId}`;
    await addEndpoint(admin, { url: `${receiver}/ok/${box}`, events: ['message.escalated'] });
    const { id } = await (await submit(site.siteId, validMessage(site.eduUnit))).json<MessageCreated>();
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Two 督办 events of the head's unit, as the deadline check writes them, handed to the consumer as
    // one batch; a second endpoint is made between them (straight into D1: adding one through the API
    // drains the outbox), so only the second event is for it.
    const escalated = async () => String((await db.first(db.q.insertInto('message_events').values({
      message_id: id, kind: 'escalated', is_public: 1, unit_id: site.headUnit, from_unit_id: site.eduUnit, account_id: null, note: null, created_at: new Date().toISOString(),
    }).returning('id')))!.id);
    const before = await escalated();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const laterId = newId('wh');
    const laterBox = `${box}-later`;
    const made = new Date().toISOString();
    await db.run(db.q.insertInto('webhook_endpoints').values({
      id: laterId, site_id: site.siteId, url: `${receiver}/ok/${laterBox}`, events: JSON.stringify(['message.escalated']),
      secret: await sealSecret(env, laterId, newWebhookSecret()), created_by: null, created_at: made, updated_at: made,
    }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const eventIds = [before, await escalated()];
    const batch = createMessageBatch<DeliveryMessage>('liuyan-deliveries', eventIds.map((eventId, i) => ({
      id: `e${i}`, timestamp: new Date(), attempts: 1, body: { kind: 'event', site: site.siteId, id: eventId },
    })));
    const ctx = createExecutionContext();
    await queue(batch, env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks.sort()).toEqual(['e0', 'e1']);
    const lines = logged.filter((line) => line.startsWith('{"queue"')).map((line) => JSON.parse(line) as DeliveryLogLine)
      .filter((line) => line.kind === 'event' && eventIds.includes(line.id));
    expect(lines.map((line) => line.outcome)).toEqual(['done', 'done']);
    // The second event: neither the endpoints nor the unit's officials read again.
    expect(lines[1]!.d1.queries).toBe(lines[0]!.d1.queries - 2);
    const got = (await received(box, 2)).map((r) => JSON.parse(r.body) as { id: string; type: string });
    expect(got.map((e) => e.type)).toEqual(['message.escalated', 'message.escalated']);
    expect(new Set(got.map((e) => e.id)).size).toBe(2);
    // The endpoint made between them has the second event only, though the endpoints were read for the first.
    const later = (await received(laterBox, 1)).map((r) => JSON.parse(r.body) as { id: string });
    expect(later.map((e) => e.id)).toEqual([got[1]!.id]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await received(laterBox)).toHaveLength(1);
  });
});

describe('a site in a database of its own (SITE_DATABASES)', () => {
  it('has its events drained from its database and delivered from it', { timeout: 30_000 }, async () => {
    const site = 'own-db-county';
    const own = siteDatabaseOn(env.DB_OWN_SITE);
    const now = new Date().toISOString();
    const box = `own-${Date.now()}`;
    const endpointId = newId('wh');
    const secret = newWebhookSecret();
    await own.batch([
      own.q.insertInto('sites').orIgnore().values({ id: site, name: '独立库县人民政府', allowed_origins: JSON.stringify([ALLOWED_ORIGIN]), created_at: now, updated_at: now }),
      own.q.insertInto('units').orIgnore().values({ id: `${site}_head`, site_id: site, parent_id: null, name: '独立库县县长', kind: 'leader', sort_order: 1, active: 1, created_at: now }),
      own.q.insertInto('webhook_endpoints').values({
        id: endpointId, site_id: site, url: `${receiver}/ok/${box}`, events: JSON.stringify(['message.submitted']),
        secret: await sealSecret(env, endpointId, secret), created_by: null, created_at: now, updated_at: now,
      }),
    ]);
    const { id } = await (await submit(site, validMessage(`${site}_head`))).json<MessageCreated>();
    const [request] = await received(box);
    const event = await verifyWebhook({ payload: request!.body, header: request!.headers['liuyan-signature'] as string, secrets: secret });
    expect(event).toMatchObject({ site, type: 'message.submitted', data: { message: { id, unit: { id: `${site}_head`, name: '独立库县县长' } } } });
    expect(await db.first(db.q.selectFrom('webhook_deliveries').select('id').where('site_id', '=', site))).toBeNull();
    expect(await own.first(db.q.selectFrom('webhook_deliveries').select('status').where('site_id', '=', site))).toEqual({ status: expect.any(String) });
  });
});

describe('/v1/admin/webhooks', () => {
  it('takes https addresses only and events from the list; never shows a secret again; audits each change', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const post = (body: unknown) => consoleRequest('/v1/admin/webhooks', { as: admin, method: 'POST', body });

    const plain = await expectProblem(await post({ url: 'http://hooks.example.com/liuyan', events: ['message.replied'] }), 422, 'validation');
    expect(plain.errors).toEqual([expect.objectContaining({ field: 'url', code: 'not_https', message: '接收地址须以 https:// 开头：事件经加密连接送达' })]);
    // Nowhere inside: this machine, a private network, the cloud's metadata, however the address is written.
    for (const url of ['https://localhost/x', 'https://127.0.0.1/x', 'https://0x7f000001/x', 'https://10.0.0.1/x', 'https://172.20.1.1/x',
      'https://192.168.1.1/x', 'https://169.254.169.254/latest', 'https://[::1]/x', 'https://[fd00::1]/x', 'https://[::ffff:127.0.0.1]/x',
      // IPv4 inside IPv6: compatible, NAT64, 6to4, Teredo; and the reserved ranges.
      'https://[::7f00:1]/x', 'https://[::127.0.0.1]/x', 'https://[64:ff9b::a9fe:a9fe]/latest/meta-data', 'https://[2002:a9fe:a9fe::]/x',
      'https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/x', 'https://[fe80::1]/x', 'https://[ff02::1]/x', 'https://[2001:db8::1]/x',
      'https://198.18.0.1/x', 'https://192.0.2.1/x', 'https://0.0.0.0/x', 'https://224.0.0.1/x',
      // Names inside a network: fully qualified (a trailing dot), or under a special-use name.
      'https://localhost./x', 'https://LOCALHOST../x', 'https://hooks.localhost./x', 'https://127.0.0.1./x',
      'https://metadata.google.internal/computeMetadata', 'https://printer.local/x', 'https://router.home.arpa/x', 'https://x.test/x',
      // Names networks use for themselves, which the root zone does not delegate (RFC 6762 Appendix G).
      'https://foo.lan/', 'https://hooks.corp/x', 'https://nas.home/x', 'https://oa.intranet/x', 'https://x.private/x', 'https://localhost.localdomain/x']) {
      const inside = await expectProblem(await post({ url, events: ['message.replied'] }), 422, 'validation');
      expect(inside.errors, url).toEqual([expect.objectContaining({ field: 'url', code: 'not_public_address' })]);
    }
    // Public addresses, written as literals, are taken.
    const elsewhere = await createOfficial((await createSite()).siteId, 'admin');
    for (const url of ['https://203.119.25.1/hook', 'https://[2400:3200::1]/hook']) {
      const outside = await consoleRequest('/v1/admin/webhooks', { as: elsewhere, method: 'POST', body: { url, events: ['message.replied'] } });
      expect([outside.status, url]).toEqual([201, url]);
    }
    const withPassword = await expectProblem(await post({ url: 'https://user:pw@hooks.example.com/x', events: ['message.replied'] }), 422, 'validation');
    expect(withPassword.errors).toEqual([expect.objectContaining({ field: 'url', code: 'credentials_in_url' })]);
    const wrong = await expectProblem(await post({ url: 'https://hooks.example.com/liuyan', events: ['message.deleted'] }), 422, 'validation');
    expect(wrong.errors?.map((e) => e.field)).toEqual(['events.0']);
    expect((await expectProblem(await post({ url: 'https://hooks.example.com/liuyan', events: [] }), 422, 'validation')).errors)
      .toEqual([{ field: 'events', code: 'none_chosen', message: '请至少选择一个事件' }]);

    const created = await addEndpoint(admin, { url: 'https://hooks.example.com/liuyan', events: ['message.replied', 'message.rated'] });
    const listed = await (await consoleRequest('/v1/admin/webhooks', { as: admin })).text();
    expect(listed).not.toContain(created.secret);
    expect(JSON.parse(listed)).toEqual([{
      id: created.id, url: 'https://hooks.example.com/liuyan', description: '', events: ['message.replied', 'message.rated'], enabled: true,
      createdAt: expect.any(String), updatedAt: expect.any(String), previousSecretExpiresAt: null, deadDeliveries: 0,
    }]);
    const stored = await db.first(db.q.selectFrom('webhook_endpoints').select('secret').where('id', '=', created.id));
    expect(stored!.secret).not.toContain(created.secret.slice(6));

    const off = await consoleRequest(`/v1/admin/webhooks/${created.id}`, { as: admin, method: 'PATCH', body: { enabled: false } });
    expect(await off.json()).toMatchObject({ enabled: false });
    expect((await consoleRequest(`/v1/admin/webhooks/${created.id}`, { as: admin, method: 'DELETE' })).status).toBe(204);
    expect(await (await consoleRequest('/v1/admin/webhooks', { as: admin })).json()).toEqual([]);
    const audit = await db.all(db.q.selectFrom('audit_log').select('action').where('site_id', '=', site.siteId).orderBy('id'));
    expect(audit.map((a) => a.action)).toEqual(['webhook.create', 'webhook.update', 'webhook.delete']);
    // The log names the endpoint each change was about, by its address.
    const log = await (await consoleRequest('/v1/admin/audit-log', { as: admin })).json<{ items: { action: string; target: unknown }[] }>();
    expect(log.items.filter((e) => e.action.startsWith('webhook.')).map((e) => e.target)).toEqual(
      ['delete', 'update', 'create'].map(() => ({ kind: 'webhook', id: created.id, name: 'https://hooks.example.com/liuyan' })));

    // Another site's admin sees none of it.
    const other = await createSite();
    const otherAdmin = await createOfficial(other.siteId, 'admin');
    expect((await consoleRequest(`/v1/admin/webhooks/${created.id}/deliveries`, { as: otherAdmin })).status).toBe(404);
  });
});
