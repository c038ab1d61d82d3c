import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import { envWithFault, type Fault } from '../../test/d1-faults';
import { createSite, db, submit, validMessage } from '../../test/fixtures';
import { queue, type BatchLogLine, type DeliveryLogLine, type DeliveryMessage } from './consumer';

let logged: string[] = [];
beforeEach(() => {
  logged = [];
  for (const level of ['log', 'error'] as const) {
    const original = console[level];
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
      original(...args);
    });
  }
});
afterEach(() => vi.restoreAllMocks());

/**
 * A message of a new site, then `count` timeline events of it written straight into D1 (so no request
 * drains them: they wait in the outbox, as events do until the queue hands them on), as one queue batch.
 */
async function waitingEvents(count: number) {
  const site = await createSite();
  const { id } = await (await submit(site.siteId, validMessage(site.eduUnit))).json<MessageCreated>();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const row = await db.first(db.q.insertInto('message_events').values({
      message_id: id, kind: 'published', is_public: 1, unit_id: site.eduUnit, from_unit_id: null, account_id: null, note: null, created_at: new Date().toISOString(),
    }).returning('id'));
    ids.push(String(row!.id));
  }
  const batch = () => createMessageBatch<DeliveryMessage>('liuyan-deliveries', ids.map((eventId, i) => ({
    id: `e${i}`, timestamp: new Date(), attempts: 1, body: { kind: 'event', site: site.siteId, id: eventId },
  })));
  return { site, ids, batch };
}

const inOutbox = async (ids: string[]) => (await db.all(db.q.selectFrom('event_outbox').select('event_id').where('event_id', 'in', ids.map(Number)))).length;

async function consume(batch: MessageBatch<DeliveryMessage>, withEnv: typeof env = env) {
  const ctx = createExecutionContext();
  await queue(batch, withEnv, ctx);
  return getQueueResult(batch, ctx);
}

function loggedLines(ids: string[]) {
  const lines = logged.filter((line) => line.startsWith('{"queue"')).map((line) => JSON.parse(line) as DeliveryLogLine & BatchLogLine);
  return { events: lines.filter((line) => line.kind === 'event' && ids.includes(line.id)), shared: lines.filter((line) => line.database !== undefined) };
}

describe('a queue batch of timeline events', () => {
  it('reads every event and its site in one round trip, and takes them out of the outbox in one more', async () => {
    const { ids, batch } = await waitingEvents(5);
    expect(await inOutbox(ids)).toBe(5);
    const result = await consume(batch());
    expect(result.explicitAcks.sort()).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect(await inOutbox(ids)).toBe(0);
    const { events, shared } = loggedLines(ids);
    expect(events.map((line) => line.outcome)).toEqual(['done', 'done', 'done', 'done', 'done']);
    // The batch's shared work: the prefetch and the outbox removals, one round trip each.
    expect(shared).toEqual([{ queue: 'liuyan-deliveries', database: 'DB', messages: 5, d1: expect.objectContaining({ queries: 2, rowsWritten: 5 }) }]);
    // The first event reads the site's webhook endpoints (the batch shares them); the others read nothing.
    expect(events.map((line) => line.d1.queries)).toEqual([1, 0, 0, 0, 0]);
  });

  it('an event alone reads and finishes for itself, as before', async () => {
    const { ids, batch } = await waitingEvents(1);
    expect((await consume(batch())).explicitAcks).toEqual(['e0']);
    expect(await inOutbox(ids)).toBe(0);
    const { events, shared } = loggedLines(ids);
    // The site and the event in one batch, the endpoints; then the outbox removal.
    expect(events[0]!.d1.queries).toBe(2);
    expect(shared.map((line) => line.d1.queries)).toEqual([1]);
  });

  // The statements, in order: the prefetch's batch (the site, the events: 1–2), the endpoints (3), the
  // outbox removals' batch (4–6).
  const faults: [string, Fault, 'acked' | 'retried'][] = [
    ['the prefetch fails: each event reads for itself', { at: 1, kind: 'other', when: 'before' }, 'acked'],
    ['the removals are lost on the way back, then retried: each event out once', { at: 4, kind: 'networkLost', when: 'after' }, 'acked'],
    ['the removals fail: every event of the batch is retried, none lost', { at: 5, kind: 'other', when: 'before' }, 'retried'],
  ];
  it.each(faults)('%s', async (_, fault, expected) => {
    const { ids, batch } = await waitingEvents(3);
    const faulty = envWithFault(fault);
    const result = await consume(batch(), faulty.env);
    if (expected === 'acked') {
      expect(result.explicitAcks.sort()).toEqual(['e0', 'e1', 'e2']);
      expect(result.retryMessages).toEqual([]);
      expect(await inOutbox(ids)).toBe(0);
      return;
    }
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m) => m.msgId).sort()).toEqual(['e0', 'e1', 'e2']);
    expect(await inOutbox(ids)).toBe(3);
    expect(loggedLines(ids).events.map((line) => line.outcome)).toEqual(['error', 'error', 'error']);
    // The queue's next delivery of the same batch hands each on and takes it out, once.
    expect((await consume(batch())).explicitAcks.sort()).toEqual(['e0', 'e1', 'e2']);
    expect(await inOutbox(ids)).toBe(0);
  });
});
