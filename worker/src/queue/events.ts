// The `event` deliveries: one timeline event, handed on by the outbox (queue/outbox.ts), is given to
// every subscriber in turn: each decides what the event means for it (webhooks to send, people to tell)
// and queues its own deliveries. A subscriber that throws makes the queue deliver the event again, so
// every subscriber must be idempotent (the webhook one writes one delivery per endpoint and event).
import { sql, type Selectable } from 'kysely';
import { rowsOf, type SiteDatabase } from '../db/client';
import type { MessageEventTable } from '../db/schema';
import { siteOf, siteQuery, type Site } from '../db/sites';
import type { Env } from '../env';
import type { MessageStatus, MessageType, Moderation } from '../../../sdk/src/schemas/common';
import { notificationsForEvent } from '../notifications/events';
import { webhooksForEvent } from '../webhooks/fan-out';
import { noMemo, type BatchMemo } from './batch-memo';
import type { BatchPrefetch, DeliveryHandler, DeliveryMessage } from './consumer';
import { eventHandled } from './outbox';

/**
 * The message's public handling state as the request that wrote an event left it (kept with the event
 * in the outbox by a trigger, migration 0045): what a webhook says of the message.
 */
export interface EventSnapshot {
  status: MessageStatus;
  moderation: Moderation;
  /** 1 or 0, as stored. */
  isPublic: number;
  unitId: string;
  /** ISO 8601 instant (UTC). */
  dueAt: string;
  type: MessageType;
  domain: string;
}

/**
 * A timeline event as stored (a row of message_events), with the message as its request left it
 * (`snapshot`: null for an event written before migration 0045, or one no longer in the outbox).
 */
export type StoredEvent = Selectable<MessageEventTable> & { snapshot: EventSnapshot | null };

/** Something that acts on every timeline event of every site; must be idempotent (see above). `memo`: shared by the events of one queue batch. */
export type EventSubscriber = (env: Env, db: SiteDatabase, site: Site, event: StoredEvent, memo: BatchMemo) => Promise<unknown>;

/** Everyone told of an event, in order. */
export const subscribers: EventSubscriber[] = [webhooksForEvent, notificationsForEvent];

/** An event and its site as read for its `event` message; either is null once gone (an erased message, a deleted site). */
interface EventRead {
  site: Site | null;
  event: StoredEvent | null;
}

const eventKey = (message: DeliveryMessage) => `event:${message.site}:${message.id}`;

/**
 * The events `messages` name and each of their sites, in one round trip (a round trip costs the
 * consumer more than what it reads; bench/README.md, "Submit"), by `eventKey`. The ids are bound as
 * one JSON value, so a batch of any size stays within D1's bound parameters.
 */
async function eventsOf(db: SiteDatabase, messages: DeliveryMessage[]): Promise<Map<string, EventRead>> {
  const siteReads = [...new Set(messages.map((message) => message.site))].map((siteId) => siteQuery(db, siteId));
  const ids = JSON.stringify(messages.map((message) => Number(message.id)));
  const eventsRead = db.q.selectFrom('message_events as e').leftJoin('event_outbox as o', 'o.event_id', 'e.id')
    .selectAll('e').select('o.snapshot')
    .where(sql<boolean>`e.id IN (SELECT value FROM json_each(${ids}))`);
  const results = await db.batch([...siteReads, eventsRead]);
  const sites = new Map(siteReads.flatMap((read, i) => rowsOf(read, results[i]).map((row) => [row.id, siteOf(row)] as const)));
  const events = new Map(rowsOf(eventsRead, results[siteReads.length])
    .map(({ snapshot, ...event }) => [event.id, { ...event, snapshot: snapshot ? JSON.parse(snapshot) as EventSnapshot : null }]));
  return new Map(messages.map((message) => [eventKey(message), { site: sites.get(message.site) ?? null, event: events.get(Number(message.id)) ?? null }]));
}

/** The `BatchPrefetch` of `event` messages: every event of the batch (of one database) with its site, left in `memo` for `handleEvent`. */
export const readEvents: BatchPrefetch = async (db, messages, memo) => {
  for (const [key, found] of await eventsOf(db, messages)) void memo(key, () => Promise.resolve(found));
};

/**
 * Gives the event to each subscriber, then has the consumer take it out of the outbox (`finish`, with
 * the batch's others); a vanished event or site is done. The event and its site come from the batch's
 * prefetch (`readEvents`) when there was one.
 */
export const handleEvent: DeliveryHandler = async (env, message, _attempts, db, memo = noMemo) => {
  const { site, event } = await memo(eventKey(message), async () => (await eventsOf(db, [message])).get(eventKey(message))!);
  if (site && event) for (const subscriber of subscribers) await subscriber(env, db, site, event, memo);
  // Out of the outbox only now: until every subscriber has run, the cron sends it again (queue/outbox.ts).
  return { done: true, finish: eventHandled(db, Number(message.id)) };
};
