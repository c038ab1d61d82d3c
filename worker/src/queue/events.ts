// The `event` deliveries: one timeline event, handed on by the outbox (queue/outbox.ts), is given to
// every subscriber in turn: each decides what the event means for it (webhooks to send, people to tell)
// and queues its own deliveries. A subscriber that throws makes the queue deliver the event again, so
// every subscriber must be idempotent (the webhook one writes one delivery per endpoint and event).
import type { Selectable } from 'kysely';
import { rowsOf, type SiteDatabase } from '../db/client';
import type { MessageEventTable } from '../db/schema';
import { siteOf, siteQuery, type Site } from '../db/sites';
import type { Env } from '../env';
import { notificationsForEvent } from '../notifications/events';
import { webhooksForEvent } from '../webhooks/fan-out';
import { noMemo, type BatchMemo } from './batch-memo';
import type { DeliveryHandler } from './consumer';
import { eventHandled } from './outbox';

/** A timeline event as stored (a row of message_events). */
export type StoredEvent = Selectable<MessageEventTable>;

/** Something that acts on every timeline event of every site; must be idempotent (see above). `memo`: shared by the events of one queue batch. */
export type EventSubscriber = (env: Env, db: SiteDatabase, site: Site, event: StoredEvent, memo: BatchMemo) => Promise<unknown>;

/** Everyone told of an event, in order. */
export const subscribers: EventSubscriber[] = [webhooksForEvent, notificationsForEvent];

/** Reads the event from its site's database and gives it to each subscriber, then takes it out of the outbox; a vanished event or site is done. */
export const handleEvent: DeliveryHandler = async (env, message, _attempts, db, memo = noMemo) => {
  // One round trip for both: each costs the consumer more than what it reads (bench/README.md, "Submit").
  const siteRead = siteQuery(db, message.site);
  const eventRead = db.q.selectFrom('message_events').selectAll().where('id', '=', Number(message.id));
  const [siteRows, eventRows] = await db.batch([siteRead, eventRead]);
  const siteRow = rowsOf(siteRead, siteRows)[0];
  const site = siteRow ? siteOf(siteRow) : null;
  const event = rowsOf(eventRead, eventRows)[0];
  if (site && event) for (const subscriber of subscribers) await subscriber(env, db, site, event, memo);
  // Out of the outbox only now: until every subscriber has run, the cron sends it again (queue/outbox.ts).
  await db.run(eventHandled(db, Number(message.id)));
  return { done: true };
};
