// The dead-letter queue, handed to the worker's consumer as Cloudflare Queues hands it a batch (the
// batch's queue is liuyan-deliveries-dead), on the real local D1: nothing the queue gave up on is dropped.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import type { DeadNotificationList } from '../../../sdk/src/schemas/notifications';
import type { WebhookDelivery, WebhookEndpoint } from '../../../sdk/src/schemas/webhook';
import { createSite, db, submit, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';
import { newWebhookSecret, sealSecret } from '../db/webhooks';
import { createCipher, newId } from '../lib/crypto';
import { insertNotice, noticeRow } from '../notifications/store';
import { queue, type DeliveryMessage } from './consumer';
import { DEAD_LETTER_QUEUE } from './dead-letters';

async function deadLetters(messages: DeliveryMessage[]) {
  const batch = createMessageBatch<DeliveryMessage>(DEAD_LETTER_QUEUE, messages.map((body, i) => ({
    id: `dl${i}`, timestamp: new Date(), attempts: 13, body,
  })));
  const ctx = createExecutionContext();
  await queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

describe('the dead-letter queue', () => {
  it('marks a webhook delivery and a notice the queue gave up on as dead, where admins see them, and leaves settled ones alone', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const { id: messageId } = await (await submit(site.siteId, validMessage(site.eduUnit))).json<MessageCreated>();
    const now = new Date().toISOString();
    const endpointId = newId('wh');
    const delivery = (id: string, status: 'retrying' | 'delivered') => ({
      id, site_id: site.siteId, endpoint_id: endpointId, event_id: `evt_${id}`, event_type: 'message.submitted', message_id: messageId,
      payload: '{}', status, attempts: 3, next_attempt_at: status === 'retrying' ? now : null, created_at: now, updated_at: now,
    });
    const cipher = await createCipher(env.DATA_KEY);
    const notice = await noticeRow(cipher, { siteId: site.siteId, kind: 'reply', channel: 'email', messageId }, now);
    await db.batch([
      db.q.insertInto('webhook_endpoints').values({
        id: endpointId, site_id: site.siteId, url: 'https://hooks.example.com/liuyan', events: JSON.stringify(['message.submitted']),
        secret: await sealSecret(env, endpointId, newWebhookSecret()), created_by: null, created_at: now, updated_at: now,
      }),
      db.q.insertInto('webhook_deliveries').values([delivery('whd_stuck', 'retrying'), delivery('whd_done', 'delivered')]),
      insertNotice(db, notice),
    ]);

    const result = await deadLetters([
      { kind: 'webhook', site: site.siteId, id: 'whd_stuck' },
      { kind: 'webhook', site: site.siteId, id: 'whd_done' },
      { kind: 'notification', site: site.siteId, id: notice.id },
      { kind: 'event', site: site.siteId, id: '1' },
    ]);
    // Every one acknowledged: none goes round again, none is lost.
    expect(result.explicitAcks.sort()).toEqual(['dl0', 'dl1', 'dl2', 'dl3']);
    expect(result.retryMessages).toEqual([]);

    const [endpoint] = await (await consoleRequest('/v1/admin/webhooks', { as: admin })).json<WebhookEndpoint[]>();
    expect(endpoint).toMatchObject({ id: endpointId, deadDeliveries: 1 });
    const dead = await (await consoleRequest(`/v1/admin/webhooks/${endpointId}/deliveries?status=dead`, { as: admin })).json<WebhookDelivery[]>();
    expect(dead).toEqual([expect.objectContaining({ id: 'whd_stuck', status: 'dead', nextAttemptAt: null })]);
    const all = await (await consoleRequest(`/v1/admin/webhooks/${endpointId}/deliveries`, { as: admin })).json<WebhookDelivery[]>();
    expect(all.find((d) => d.id === 'whd_done')).toMatchObject({ status: 'delivered' });

    const notices = await (await consoleRequest('/v1/admin/notifications/dead', { as: admin })).json<DeadNotificationList>();
    expect(notices.items).toEqual([expect.objectContaining({ id: notice.id, kind: 'reply', status: 'dead', lastError: 'queue_gave_up', finishedAt: expect.any(String) })]);

    // The same dead letter again (the queue delivers at least once): nothing changes.
    const again = await deadLetters([{ kind: 'notification', site: site.siteId, id: notice.id }]);
    expect(again.explicitAcks).toEqual(['dl0']);
    expect((await (await consoleRequest('/v1/admin/notifications/dead', { as: admin })).json<DeadNotificationList>()).items).toHaveLength(1);
  });
});
