// The webhooks subscriber of timeline events: one `webhook_deliveries` row per enabled endpoint that
// chose the event's type, with the body every attempt will send, then one `webhook` queue message each.
import type { WebhookEventType } from '../../../sdk/src/schemas/webhook';
import type { DeliveryMessage } from '../queue/consumer';
import type { EventSubscriber } from '../queue/events';
import { newId } from '../lib/crypto';
import { WEBHOOK_TYPES_OF, webhookEventId, webhookPayloads } from './payload';

/** Delivery rows per INSERT: 12 columns each, under D1's 100 bound parameters a statement. */
const ROWS_PER_INSERT = 7;

/**
 * Writes the deliveries of one event and queues them. Idempotent: a delivery is unique per endpoint and
 * event id (a repeat of the event writes nothing new), and what a repeat queues again is only what has
 * not been tried yet (a duplicate queue message finds the delivery done, see deliver.ts).
 */
export const webhooksForEvent: EventSubscriber = async (env, db, site, event, memo) => {
  const types = WEBHOOK_TYPES_OF[event.kind as keyof typeof WEBHOOK_TYPES_OF];
  if (!types) return;
  // Read once per queue batch: every event of the batch was written before the batch began, so an
  // endpoint created since would be left out of each by its creation time anyway. One deleted since
  // makes the deliveries' insert fail (their foreign key): the read is then dropped, and the event
  // retried, so the batch's next events read the endpoints again.
  const endpointsKey = `webhook-endpoints:${site.id}`;
  const enabled = await memo(endpointsKey, () => db.all(db.q.selectFrom('webhook_endpoints')
    .select(['id', 'events', 'created_at']).where('site_id', '=', site.id).where('disabled_at', 'is', null)));
  const endpoints = enabled
    // An endpoint receives what happens from its creation on, not a backlog the outbox still held.
    .filter((e) => e.created_at <= event.created_at)
    .map((e) => ({ id: e.id, events: JSON.parse(e.events) as WebhookEventType[] }))
    .filter((e) => types.some((type) => e.events.includes(type)));
  if (endpoints.length === 0) return;
  const payloads = await webhookPayloads(db, site.id, event, types);
  if (!payloads) return;
  const now = new Date().toISOString();
  const rows = endpoints.flatMap((endpoint) => types.filter((type) => endpoint.events.includes(type)).map((type) => ({
    id: newId('whd'), site_id: site.id, endpoint_id: endpoint.id, event_id: webhookEventId(event, type), event_type: type,
    message_id: event.message_id, payload: JSON.stringify(payloads.get(type)), status: 'pending' as const, attempts: 0,
    next_attempt_at: now, created_at: now, updated_at: now,
  })));
  const inserts = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    inserts.push(db.q.insertInto('webhook_deliveries').values(rows.slice(i, i + ROWS_PER_INSERT))
      .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing()));
  }
  try {
    await db.batch(inserts);
  } catch (error) {
    memo.forget(endpointsKey);
    throw error;
  }
  const eventIds = types.map((type) => webhookEventId(event, type));
  const untried = await db.all(db.q.selectFrom('webhook_deliveries').select('id')
    .where('endpoint_id', 'in', endpoints.map((e) => e.id)).where('event_id', 'in', eventIds)
    .where('status', '=', 'pending').where('attempts', '=', 0));
  if (untried.length === 0) return;
  await env.DELIVERIES.sendBatch(untried.map((d) => ({
    body: { kind: 'webhook', site: site.id, id: d.id } satisfies DeliveryMessage,
    contentType: 'json' as const,
  })));
};
