import { databaseFor, type SiteDatabase } from '../db/client';
import type { Env } from '../env';
import { deliverWebhook } from '../webhooks/deliver';
import { handleEvent } from './events';
import { deliverNotification } from '../notifications/deliver';
import { batchMemo, type BatchMemo } from './batch-memo';
import { DEAD_LETTER_QUEUE, markDeadLetter } from './dead-letters';

/**
 * A message on the deliveries queue (binding `DELIVERIES`, wrangler.toml). It carries only ids: what
 * to deliver is read from D1 when the message is handled, so no personal data ever sits in a queue.
 * `site` picks the site's database (a site may have its own, see SITE_DATABASES).
 */
export interface DeliveryMessage {
  /** Which handler takes it (a key of `handlers`). */
  kind: string;
  site: string;
  id: string;
}

/**
 * What a handler reports: `done` (acknowledged), or `retry` after a delay in seconds (the queue
 * delivers it again; after max_retries it goes to the dead-letter queue).
 */
export type DeliveryOutcome = { done: true } | { retryAfterSeconds: number };

/**
 * Handles one message; `attempts` counts from 1; `db` is the site's database, whose `stats` the
 * consumer logs as the delivery's D1 cost; `memo` is shared by the messages of the batch (none when a
 * route delivers at once). Throwing is treated as a retry after 60 s.
 */
export type DeliveryHandler = (env: Env, message: DeliveryMessage, attempts: number, db: SiteDatabase, memo?: BatchMemo) => Promise<DeliveryOutcome>;

/**
 * One line of the delivery log, like the request log's (middleware/request-log.ts): JSON, one per
 * queue message handled. Ids only — what a delivery is about stays in D1 — so nothing personal.
 */
export interface DeliveryLogLine {
  queue: string;
  kind: string;
  site: string;
  id: string;
  /** The queue's count of deliveries of this message, from 1. */
  attempts: number;
  /** `done` (acknowledged), `retry` (the handler asked for one) or `error` (it threw; retried in 60 s). */
  outcome: 'done' | 'retry' | 'error';
  durationMs: number;
  /** What handling it cost its database, summed from each result's meta (D1 bills rows read and written). */
  d1: { queries: number; rowsRead: number; rowsWritten: number };
  /** The error's class when it threw (never its message, which may quote data). */
  error?: string;
}

/** One handler per kind of delivery. */
const handlers: Record<string, DeliveryHandler> = {
  event: handleEvent, //      a timeline event, to each of its subscribers (queue/events.ts)
  webhook: deliverWebhook, // one signed POST of an event to a site's endpoint (webhooks/deliver.ts)
  // SMS and e-mail to citizens and officials (worker/src/notifications).
  notification: deliverNotification,
};

/**
 * The queue consumer: each message to its handler, acknowledged or retried on its own. Messages of the
 * dead-letter queue (what the queue gave up on) are marked dead for admins instead (queue/dead-letters.ts).
 */
export const queue: ExportedHandlerQueueHandler<Env, DeliveryMessage> = async (batch, env) => {
  if (batch.queue === DEAD_LETTER_QUEUE) {
    for (const message of batch.messages) {
      try {
        const marked = await markDeadLetter(env, message.body);
        // Ids only: what a message is about is read from D1, never carried in the queue.
        console.warn(JSON.stringify({ queue: batch.queue, kind: message.body.kind, site: message.body.site, id: message.body.id, markedDead: marked }));
        message.ack();
      } catch (error) {
        console.error(JSON.stringify({ queue: batch.queue, kind: message.body.kind, error: String(error) }));
        message.retry({ delaySeconds: 60 });
      }
    }
    return;
  }
  const memo = batchMemo();
  for (const message of batch.messages) {
    const handler = handlers[message.body.kind];
    if (!handler) {
      console.error(JSON.stringify({ queue: batch.queue, unknownKind: message.body.kind }));
      message.ack();
      continue;
    }
    const started = Date.now();
    const db = databaseFor(env, message.body.site);
    const line: DeliveryLogLine = {
      queue: batch.queue, kind: message.body.kind, site: message.body.site, id: message.body.id, attempts: message.attempts,
      outcome: 'done', durationMs: 0, d1: db.stats,
    };
    try {
      const outcome = await handler(env, message.body, message.attempts, db, memo);
      if ('done' in outcome) message.ack();
      else {
        line.outcome = 'retry';
        message.retry({ delaySeconds: outcome.retryAfterSeconds });
      }
    } catch (error) {
      line.outcome = 'error';
      line.error = error instanceof Error ? error.name : 'unknown';
      message.retry({ delaySeconds: 60 });
    }
    line.durationMs = Date.now() - started;
    line.d1 = { ...db.stats };
    (line.outcome === 'error' ? console.error : console.log)(JSON.stringify(line));
  }
};
