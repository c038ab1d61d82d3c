// What a submission costs the database: D1 bills by query and row, and under load each round trip to
// it is most of a submission's time (bench/README.md, "Submit: where its time goes").
import { describe, expect, it } from 'vitest';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import { claimEvents } from '../queue/outbox';
import { fetchCountingRoundTrips, fetchWithFault } from '../../test/d1-faults';
import { ALLOWED_ORIGIN, createSite, d1Cost, db, expectProblem, submit, validMessage } from '../../test/fixtures';

describe('POST /v1/sites/:site/messages, its D1 cost', () => {
  it('stores a submission in 2 queries (the site with its reads in one batch, the write batch), and answers its retry in 1', async () => {
    const { siteId, eduUnit } = await createSite();
    const key = crypto.randomUUID();
    const first = await submit(siteId, validMessage(eduUnit), { key });
    expect(first.status).toBe(201);
    expect(d1Cost(first).queries).toBe(2);

    const retry = await submit(siteId, validMessage(eduUnit), { key });
    expect(retry.status).toBe(201);
    expect((await retry.json<MessageCreated>()).id).toBe((await first.json<MessageCreated>()).id);
    expect(d1Cost(retry).queries).toBe(1);
  });

  it('refuses a retired unit in its write batch, storing nothing, and names the field', async () => {
    const { siteId, inactiveUnit, eduUnit } = await createSite();
    const key = crypto.randomUUID();
    const response = await submit(siteId, validMessage(inactiveUnit), { key });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ code: 'validation', errors: [{ field: 'unitId', code: 'unknown_unit' }] });
    // Counted: the site with its reads, then the key and the unit read once to say why (the failed
    // write batch is not: the cost counts the round trips D1 answered).
    expect(d1Cost(response).queries).toBe(2);
    expect(await db.all(db.q.selectFrom('messages').select('id').where('unit_id', '=', inactiveUnit))).toEqual([]);
    expect(await db.all(db.q.selectFrom('idempotency_keys').select('key').where('key', '=', key))).toEqual([]);
    // The same key, to a unit that takes messages: stored.
    expect((await submit(siteId, validMessage(eduUnit), { key })).status).toBe(201);
  });
});

describe('POST /v1/sites/:site/messages, its Idempotency-Key', () => {
  it('refuses a key of the form Open311 keeps for its integrations, naming the header', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, validMessage(eduUnit), { key: 'open311:ik_someone:12345678' });
    const problem = await expectProblem(response, 422, 'validation');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'idempotency-key', code: 'invalid' })]);
    expect(await db.all(db.q.selectFrom('messages').select('id').where('site_id', '=', siteId))).toEqual([]);
  });
});

describe('POST /v1/sites/:site/messages, handing its events on', () => {
  const post = (siteId: string, eduUnit: string, key: string) => new Request(`https://liuyan.test/v1/sites/${siteId}/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, Origin: ALLOWED_ORIGIN },
    body: JSON.stringify(validMessage(eduUnit)),
  });
  /** The outbox rows of a message's events, with their claims. */
  const outboxOf = (messageId: string) => db.all(db.q.selectFrom('event_outbox as o').innerJoin('message_events as e', 'e.id', 'o.event_id')
    .select(['o.event_id', 'o.claimed_until']).where('e.message_id', '=', messageId));

  it('claims its submitted event in its own write batch, so the drain after the answer sends it with no round trip of its own', async () => {
    const { siteId, eduUnit } = await createSite();
    const key = crypto.randomUUID();
    // The site with its reads, the write batch; the drain sends what the batch claimed.
    const stored = await fetchCountingRoundTrips(post(siteId, eduUnit, key));
    expect(stored.response.status).toBe(201);
    expect(stored.roundTrips).toBe(2);
    const [row] = await outboxOf((JSON.parse(stored.body) as MessageCreated).id);
    expect(row?.claimed_until).not.toBeNull();

    // A retry writes nothing and claims nothing: its drain claims for itself, as after any other write.
    const retry = await fetchCountingRoundTrips(post(siteId, eduUnit, key));
    expect(retry.response.status).toBe(201);
    expect(JSON.parse(retry.body).id).toBe(JSON.parse(stored.body).id);
    expect(retry.roundTrips).toBe(2);
  });

  it('after its write committed and the answer was lost, answers the citizen, and its event is handed on once the claim has passed', async () => {
    const { siteId, eduUnit } = await createSite();
    // Statement 5 is the first of the write batch (the site and its three reads): it all commits,
    // the answer is lost, and the retried batch finds the key's row.
    const { response, body } = await fetchWithFault(post(siteId, eduUnit, crypto.randomUUID()), { at: 5, kind: 'networkLost', when: 'after' });
    expect(response.status).toBe(201);
    const { id } = JSON.parse(body) as MessageCreated;
    const [row] = await outboxOf(id);
    // Claimed by the batch whose answer was lost: no drain takes it within the claim …
    expect(Date.parse(row!.claimed_until!)).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect((await db.all(claimEvents(db, new Date()))).map((r) => r.event_id)).not.toContain(row!.event_id);
    // … and the first drain after it does (the hourly cron's, at the latest).
    expect((await db.all(claimEvents(db, new Date(Date.now() + 61 * 60_000)))).map((r) => r.event_id)).toContain(row!.event_id);
  });
});
