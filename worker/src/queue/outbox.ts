// Events out: each timeline event (message_events) is put in the outbox by a trigger in the transaction
// that writes it (migration 0027), then handed to the deliveries queue as `{kind: 'event', site, id}`.
// An event of a batch that failed was never in the outbox, so it is never sent; one that was written
// stays there until its handler has run (queue/events.ts deletes the row), so it is never lost: the
// request that wrote it drains the outbox once it has answered (`drainAfterWrites`), and the hourly
// cron drains whatever is still there (`drainOutboxes`).
//
// A drain claims rows for CLAIM_SECONDS and sends them: two drains at once send each row once. A row
// still there when its claim has passed (a drain that died before sending; a queue message that failed
// until the queue dead-lettered it) is sent again. The queue, too, delivers at least once: the event's
// subscribers are idempotent.
import type { MiddlewareHandler } from 'hono';
import { sql } from 'kysely';
import type { AppEnv, Env } from '../env';
import { databaseFor, namedDatabases, type SiteDatabase } from '../db/client';
import type { DeliveryMessage } from './consumer';

/** Rows sent per round: `sendBatch` takes at most 100 messages, and the claim binds them as one JSON value. */
export const OUTBOX_BATCH = 100;
/** How long the queue has to hand a claimed event to its handler before a drain sends it again (seconds). */
const CLAIM_SECONDS = 3600;
/** Rounds per drain: a request hands on at most this many hundreds; the cron takes the rest an hour later. */
const MAX_ROUNDS = 20;

/**
 * Hands the database's waiting events to the deliveries queue, oldest first, `OUTBOX_BATCH` at a time.
 * Returns how many were sent. A send that fails throws, leaving its rows claimed (sent again later).
 * Rows of events whose message is gone (erased) are deleted: there is nothing to tell.
 */
export async function drainOutbox(env: Env, db: SiteDatabase, now = new Date()): Promise<number> {
  let sent = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const claimedUntil = new Date(now.getTime() + CLAIM_SECONDS * 1000).toISOString();
    // Claim in one statement (D1 runs one writer at a time): rows free or whose claim has passed,
    // each with its event's site (a database may hold several; an event whose message is gone has none).
    const rows = await db.all(db.q.updateTable('event_outbox')
      .set({ claimed_until: claimedUntil })
      .where('event_id', 'in', (eb) => eb.selectFrom('event_outbox').select('event_id')
        .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', now.toISOString())]))
        .orderBy('event_id').limit(OUTBOX_BATCH))
      .returning((eb) => ['event_id', eb.selectFrom('message_events as e').innerJoin('messages as m', 'm.id', 'e.message_id')
        .select('m.site_id').whereRef('e.id', '=', 'event_outbox.event_id').as('site_id')]));
    if (rows.length === 0) break;
    // RETURNING gives rows in no set order: oldest first, as claimed.
    rows.sort((a, b) => a.event_id - b.event_id);
    const events = rows.flatMap(({ event_id: id, site_id: site }) => (site === null ? [] : [{ id, site }]));
    if (events.length > 0) {
      await env.DELIVERIES.sendBatch(events.map((event) => ({
        body: { kind: 'event', site: event.site, id: String(event.id) } satisfies DeliveryMessage,
        contentType: 'json' as const,
      })));
    }
    if (events.length < rows.length) {
      const gone = JSON.stringify(rows.filter((row) => row.site_id === null).map((row) => row.event_id));
      await db.run(db.q.deleteFrom('event_outbox').where(sql<boolean>`event_id IN (SELECT value FROM json_each(${gone}))`));
    }
    sent += events.length;
    if (rows.length < OUTBOX_BATCH) break;
  }
  return sent;
}

/** The statement that takes a handled event out of the outbox (its handler's last step). */
export function eventHandled(db: SiteDatabase, eventId: number) {
  return db.q.deleteFrom('event_outbox').where('event_id', '=', eventId);
}

/** The cron's safety net: drains the outbox of every database (what a request's own drain did not send). */
export async function drainOutboxes(env: Env, now: Date): Promise<number> {
  let sent = 0;
  for (const { db } of namedDatabases(env)) sent += await drainOutbox(env, db, now);
  return sent;
}

/**
 * After a request that may have written events (any method but GET, HEAD, OPTIONS) of a known site,
 * drains that site's database once the answer is sent (`waitUntil`): the citizen never waits for it,
 * and a failure is logged, then left to the cron. Reads one indexed row when nothing waits.
 */
export function drainAfterWrites(): MiddlewareHandler<AppEnv> {
  return async function drainAfterWrites(c, next) {
    await next();
    if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return;
    const site = c.get('site');
    if (!site) return;
    // A database object of its own: the request's has counted its queries (d1Cost) and is done.
    const drain = drainOutbox(c.env, databaseFor(c.env, site.id)).catch((error: unknown) => {
      console.error(JSON.stringify({ outbox: 'drain failed', site: site.id, error: String(error) }));
    });
    try {
      c.executionCtx.waitUntil(drain);
    } catch {
      // No execution context (app.request in a unit test): finish the drain before answering.
      await drain;
    }
  };
}
