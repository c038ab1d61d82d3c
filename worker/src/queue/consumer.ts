import type { Compilable } from 'kysely';
import { databaseFor, databaseNameFor, type QueryStats, type SiteDatabase } from '../db/client';
import type { Env } from '../env';
import { deliverWebhook } from '../webhooks/deliver';
import { handleEvent, readEvents } from './events';
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
 * delivers it again; after max_retries it goes to the dead-letter queue). `finish`: an idempotent
 * write that completes the work (taking an event out of the outbox); the consumer runs the batch's
 * finishing writes of one database together, in one round trip, and acknowledges their messages only
 * once it has succeeded (else they are retried).
 */
export type DeliveryOutcome = { done: true; finish?: Compilable<unknown> } | { retryAfterSeconds: number };

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
  d1: QueryStats;
  /** The error's class when it threw (never its message, which may quote data). */
  error?: string;
}

/**
 * Reads the messages of one kind in a batch need, made for all of them at once before any is handled:
 * one round trip per database (`db`, holding every message of `messages`) instead of one per message,
 * the answers left in `memo` for the handlers. A prefetch that fails is ignored: each handler then
 * reads for itself.
 */
export type BatchPrefetch = (db: SiteDatabase, messages: DeliveryMessage[], memo: BatchMemo) => Promise<void>;

/**
 * The cost of what a batch's messages shared (the prefetch, the finishing writes), logged once per
 * database and batch beside each message's own `DeliveryLogLine`.
 */
export interface BatchLogLine {
  queue: string;
  /** The database's binding name (`DB`, or one of SITE_DATABASES). */
  database: string;
  /** How many of the batch's messages were for this database. */
  messages: number;
  d1: QueryStats;
}

/** One handler per kind of delivery. */
const handlers: Record<string, DeliveryHandler> = {
  event: handleEvent, //      a timeline event, to each of its subscribers (queue/events.ts)
  webhook: deliverWebhook, // one signed POST of an event to a site's endpoint (webhooks/deliver.ts)
  // SMS and e-mail to citizens and officials (worker/src/notifications).
  notification: deliverNotification,
};

/** The kinds whose reads a batch makes together (see `BatchPrefetch`). */
const prefetches: Record<string, BatchPrefetch> = {
  event: readEvents, // each event and its site (queue/events.ts)
};

/** What the consumer keeps per database for one batch. */
interface BatchDatabase {
  db: SiteDatabase;
  messages: Message<DeliveryMessage>[];
  /** The log lines of its messages: what the database's `stats` do not owe to them, the batch shared. */
  lines: DeliveryLogLine[];
  finishing: { message: Message<DeliveryMessage>; line: DeliveryLogLine; finish: Compilable<unknown> }[];
}

/** What `a` counted beyond `b`. */
const minus = (a: QueryStats, b: QueryStats): QueryStats => ({ queries: a.queries - b.queries, rowsRead: a.rowsRead - b.rowsRead, rowsWritten: a.rowsWritten - b.rowsWritten });

/** Marks a message's line as failed with `error` (its class only: a message may quote data) and has the queue retry it in 60 s. */
function failed(message: Message<DeliveryMessage>, line: DeliveryLogLine, error: unknown): void {
  line.outcome = 'error';
  line.error = error instanceof Error ? error.name : 'unknown';
  message.retry({ delaySeconds: 60 });
}

/**
 * The queue consumer: each message to its handler, acknowledged or retried on its own. What the messages
 * of a batch share costs one round trip per database: the reads of a kind with a `BatchPrefetch`, made
 * before any is handled, and the finishing writes, made after all were. Messages of the
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
  // One database object per binding for the whole batch, so its shared reads and writes are one round trip each.
  const databases = new Map<string, BatchDatabase>();
  const databaseOf = (site: string) => {
    const name = databaseNameFor(env, site);
    let entry = databases.get(name);
    if (!entry) databases.set(name, entry = { db: databaseFor(env, site), messages: [], lines: [], finishing: [] });
    return entry;
  };
  for (const message of batch.messages) databaseOf(message.body.site).messages.push(message);
  for (const [kind, prefetch] of Object.entries(prefetches)) {
    for (const entry of databases.values()) {
      const ofKind = entry.messages.filter((message) => message.body.kind === kind).map((message) => message.body);
      if (ofKind.length < 2) continue; // one message reads as cheaply by itself
      await prefetch(entry.db, ofKind, memo).catch(() => {});
    }
  }
  const lines: DeliveryLogLine[] = [];
  for (const message of batch.messages) {
    const handler = handlers[message.body.kind];
    if (!handler) {
      console.error(JSON.stringify({ queue: batch.queue, unknownKind: message.body.kind }));
      message.ack();
      continue;
    }
    const started = Date.now();
    const entry = databaseOf(message.body.site);
    const before = { ...entry.db.stats };
    const line: DeliveryLogLine = {
      queue: batch.queue, kind: message.body.kind, site: message.body.site, id: message.body.id, attempts: message.attempts,
      outcome: 'done', durationMs: 0, d1: before,
    };
    lines.push(line);
    entry.lines.push(line);
    try {
      const outcome = await handler(env, message.body, message.attempts, entry.db, memo);
      if (!('done' in outcome)) {
        line.outcome = 'retry';
        message.retry({ delaySeconds: outcome.retryAfterSeconds });
      } else if (outcome.finish) entry.finishing.push({ message, line, finish: outcome.finish });
      else message.ack();
    } catch (error) {
      failed(message, line, error);
    }
    line.durationMs = Date.now() - started;
    line.d1 = minus(entry.db.stats, before);
  }
  // The finishing writes of each database in one round trip; their messages are acknowledged only then.
  for (const [name, entry] of databases) {
    if (entry.finishing.length > 0) {
      try {
        await entry.db.batch(entry.finishing.map((f) => f.finish), { idempotent: true });
        for (const { message } of entry.finishing) message.ack();
      } catch (error) {
        for (const { message, line } of entry.finishing) failed(message, line, error);
      }
    }
    // What the messages' own lines do not count: the prefetch and the finishing writes.
    const shared = entry.lines.reduce((left, line) => minus(left, line.d1), entry.db.stats);
    if (shared.queries > 0) console.log(JSON.stringify({ queue: batch.queue, database: name, messages: entry.messages.length, d1: shared } satisfies BatchLogLine));
  }
  for (const line of lines) (line.outcome === 'error' ? console.error : console.log)(JSON.stringify(line));
};
