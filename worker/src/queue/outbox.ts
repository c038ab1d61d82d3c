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

/** An outbox row a claim took: the event, and its site (null when its message is gone). */
export interface ClaimedEvent {
  event_id: number;
  site_id: string | null;
}

/**
 * The statement that claims up to `OUTBOX_BATCH` waiting events, oldest first, for `CLAIM_SECONDS`
 * from `now`: rows free or whose claim has passed, each returned with its event's site (a database may
 * hold several; an event whose message is gone has none). One statement, so two drains at once never
 * take the same row (D1 runs one writer at a time). A write may end its own batch with it
 * (`storeSubmission` does): the claim then commits with the events it wrote, and the drain after the
 * answer sends what it took without a round trip of its own (`drainAfterWrites`).
 */
export function claimEvents(db: SiteDatabase, now: Date) {
  const claimedUntil = new Date(now.getTime() + CLAIM_SECONDS * 1000).toISOString();
  return db.q.updateTable('event_outbox')
    .set({ claimed_until: claimedUntil })
    .where('event_id', 'in', (eb) => eb.selectFrom('event_outbox').select('event_id')
      .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', now.toISOString())]))
      .orderBy('event_id').limit(OUTBOX_BATCH))
    .returning((eb) => ['event_id', eb.selectFrom('message_events as e').innerJoin('messages as m', 'm.id', 'e.message_id')
      .select('m.site_id').whereRef('e.id', '=', 'event_outbox.event_id').as('site_id')]);
}

/**
 * Hands claimed rows to the deliveries queue, oldest first, and deletes the rows of events whose
 * message is gone (erased: there is nothing to tell). Returns how many were sent. A send that fails
 * throws, leaving its rows claimed (sent again once the claim has passed).
 */
async function sendClaimed(env: Env, db: SiteDatabase, rows: ClaimedEvent[]): Promise<number> {
  // RETURNING gives rows in no set order: oldest first, as claimed.
  const sorted = [...rows].sort((a, b) => a.event_id - b.event_id);
  const events = sorted.flatMap(({ event_id: id, site_id: site }) => (site === null ? [] : [{ id, site }]));
  if (events.length > 0) {
    await env.DELIVERIES.sendBatch(events.map((event) => ({
      body: { kind: 'event', site: event.site, id: String(event.id) } satisfies DeliveryMessage,
      contentType: 'json' as const,
    })));
  }
  if (events.length < sorted.length) {
    const gone = JSON.stringify(sorted.filter((row) => row.site_id === null).map((row) => row.event_id));
    await db.run(db.q.deleteFrom('event_outbox').where(sql<boolean>`event_id IN (SELECT value FROM json_each(${gone}))`));
  }
  return events.length;
}

/**
 * Hands the database's waiting events to the deliveries queue, oldest first, `OUTBOX_BATCH` at a time.
 * Returns how many were sent. `claimed`: rows the request's own write batch already claimed
 * (`claimEvents`), sent as the first round without claiming again; a full batch of them means more may
 * wait, so the drain goes on. A send that fails throws, leaving its rows claimed (sent again later).
 */
export async function drainOutbox(env: Env, db: SiteDatabase, now = new Date(), claimed?: ClaimedEvent[]): Promise<number> {
  let sent = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const rows = round === 0 && claimed ? claimed : await db.all(claimEvents(db, now));
    if (rows.length === 0) break;
    sent += await sendClaimed(env, db, rows);
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
 * and a failure is logged, then left to the cron. Reads one indexed row when nothing waits, and makes
 * no round trip to the database at all when the request's batch claimed its events (`claimedEvents`).
 */
export function drainAfterWrites(): MiddlewareHandler<AppEnv> {
  return async function drainAfterWrites(c, next) {
    await next();
    if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return;
    const site = c.get('site');
    if (!site) return;
    // A database object of its own: the request's has counted its queries (d1Cost) and is done.
    // What the request's write batch claimed (a submission's) is sent without claiming again.
    const drain = drainOutbox(c.env, databaseFor(c.env, site.id), new Date(), c.get('claimedEvents')).catch((error: unknown) => {
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
