import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ConsoleMessage, QueuePage } from '../../sdk/src/schemas/console';
import type { MessageCreated, PublicMessageDetail, TrackedMessage } from '../../sdk/src/schemas/message';
import { countRows, createSite, db, request, seedMessages, submit, track, validMessage } from '../test/fixtures';
import { consoleRequest, createOfficial } from '../test/officials';
import { siteDatabaseOn } from './db/client';
import { checkDeadlines, DEADLINE_BATCH, dueForAlert } from './db/deadlines';
import worker from './index';

async function runCleanUp(at = Date.now()) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '17 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();

describe('the hourly clean-up', () => {
  it('deletes stored answers (with their tracking codes) once the retry window is over, and keeps live ones', async () => {
    const { siteId, eduUnit } = await createSite();
    const key = crypto.randomUUID();
    expect((await submit(siteId, validMessage(eduUnit), { key })).status).toBe(201);
    expect((await submit(siteId, validMessage(eduUnit, { title: '第二条留言' }))).status).toBe(201);
    await env.DB.prepare("UPDATE idempotency_keys SET expires_at = '2000-01-01T00:00:00.000Z' WHERE key = ?").bind(key).run();

    await runCleanUp();

    expect(await countRows('idempotency_keys', siteId)).toBe(1);
    expect(await countRows('messages', siteId)).toBe(2);
  });

  it('deletes sessions that ended over a day ago, and keeps live and recently ended ones', async () => {
    const { siteId } = await createSite();
    const official = () => createOfficial(siteId, 'moderator');
    const [live, expiredLong, revokedLong, revokedRecently] = await Promise.all([official(), official(), official(), official()]);
    const session = (id: string) => db.q.updateTable('sessions').where('account_id', '=', id);
    await db.batch([
      session(expiredLong.id).set({ expires_at: hoursAgo(25) }),
      session(revokedLong.id).set({ revoked_at: hoursAgo(25) }),
      session(revokedRecently.id).set({ revoked_at: hoursAgo(23) }),
    ]);
    await runCleanUp();
    const left = await db.all(db.q.selectFrom('sessions').select('account_id')
      .where('account_id', 'in', [live.id, expiredLong.id, revokedLong.id, revokedRecently.id]));
    expect(left.map((r) => r.account_id).sort()).toEqual([live.id, revokedRecently.id].sort());
  });

  it('deletes sign-in failures no throttling rule reads any more', async () => {
    await db.run(db.q.insertInto('sign_in_failures').values([
      { key_hash: 'stale', failures: 2, first_failed_at: hoursAgo(1), locked_until: null },
      { key_hash: 'lock-over', failures: 10, first_failed_at: hoursAgo(1), locked_until: hoursAgo(0.5) },
      { key_hash: 'in-window', failures: 2, first_failed_at: hoursAgo(0.1), locked_until: null },
      { key_hash: 'locked', failures: 10, first_failed_at: hoursAgo(0.2), locked_until: hoursAgo(-0.1) },
    ]));
    await runCleanUp();
    const left = await db.all(db.q.selectFrom('sign_in_failures').select('key_hash').orderBy('key_hash'));
    expect(left.map((r) => r.key_hash)).toEqual(['in-window', 'locked']);
  });
});

const DAY = 86_400_000;
// A Wednesday, 10:00 in China: the deadline check runs at this instant in the tests below.
const WEDNESDAY = Date.parse('2027-03-03T02:00:00Z');
/** The end of a local day (23:59:59 +08:00), as deadlines are stored. */
const endOf = (day: string) => new Date(Date.parse(`${day}T23:59:59.000+08:00`));

async function runDeadlineCheck(at = WEDNESDAY) {
  await runCleanUp(at);
}

async function eventsOf(messageId: string) {
  return db.all(db.q.selectFrom('message_events').select(['kind', 'is_public', 'unit_id', 'from_unit_id'])
    .where('message_id', '=', messageId).where('kind', 'in', ['reminder', 'escalated']).orderBy('id'));
}

describe('the hourly deadline check', () => {
  it('reminds the unit once, the site’s number of working days before the deadline', async () => {
    const { siteId, eduUnit } = await createSite();
    const [thursday, friday, monday] = await seedMessages(siteId, [
      { unitId: eduUnit, status: 'accepted', dueAt: endOf('2027-03-04') },
      { unitId: eduUnit, status: 'in_progress', dueAt: endOf('2027-03-05') },
      { unitId: eduUnit, status: 'submitted', dueAt: endOf('2027-03-08') },
    ]);
    await runDeadlineCheck();
    await runDeadlineCheck();
    expect(await eventsOf(thursday!)).toEqual([{ kind: 'reminder', is_public: 0, unit_id: eduUnit, from_unit_id: null }]);
    expect(await eventsOf(friday!)).toEqual([]);
    // A reminder is the unit's business: not on the public timeline.
    const publicView = await (await request(`/v1/sites/${siteId}/messages/${thursday}`)).json<PublicMessageDetail>();
    expect(publicView.timeline.map((e) => e.kind)).toEqual(['submitted', 'published']);

    // Two working days ahead: Friday's too, and Monday's only on Thursday (the weekend does not count).
    await db.run(db.q.updateTable('sites').set({ reminder_days: 2 }).where('id', '=', siteId));
    await runDeadlineCheck();
    expect((await eventsOf(friday!)).map((e) => e.kind)).toEqual(['reminder']);
    expect(await eventsOf(monday!)).toEqual([]);
    await runDeadlineCheck(WEDNESDAY + DAY);
    expect((await eventsOf(monday!)).map((e) => e.kind)).toEqual(['reminder']);
    expect((await eventsOf(thursday!)).map((e) => e.kind)).toEqual(['reminder']);
  });

  it('escalates (督办) an overdue message once per deadline, to the unit above, and leaves answered ones alone', async () => {
    const { siteId, headUnit, eduUnit, inactiveUnit } = await createSite();
    const late = endOf('2027-03-01');
    const [edu, head, topDepartment, replied, rejected] = await seedMessages(siteId, [
      { unitId: eduUnit, status: 'in_progress', dueAt: late },
      { unitId: headUnit, status: 'accepted', dueAt: late },
      { unitId: inactiveUnit, status: 'submitted', dueAt: late },
      { unitId: eduUnit, status: 'replied', dueAt: late },
      { unitId: eduUnit, status: 'submitted', moderation: 'rejected', dueAt: late },
    ]);
    await runDeadlineCheck();
    await runDeadlineCheck();
    expect(await eventsOf(edu!)).toEqual([{ kind: 'escalated', is_public: 1, unit_id: headUnit, from_unit_id: eduUnit }]);
    // The leader has no unit above: it is its own supervisor; a unit at the top goes to the leader.
    expect((await eventsOf(head!))[0]).toMatchObject({ kind: 'escalated', unit_id: headUnit });
    expect((await eventsOf(topDepartment!))[0]).toMatchObject({ kind: 'escalated', unit_id: headUnit, from_unit_id: inactiveUnit });
    expect(await eventsOf(replied!)).toEqual([]);
    expect(await eventsOf(rejected!)).toEqual([]);

    // A new deadline (an extension) that passes too is escalated again, once.
    await db.run(db.q.updateTable('messages').set({ due_at: endOf('2027-03-02').toISOString() }).where('id', '=', edu!));
    await runDeadlineCheck();
    await runDeadlineCheck();
    expect((await eventsOf(edu!)).map((e) => e.kind)).toEqual(['escalated', 'escalated']);
  });

  it('shows 督办 to officials (flag, tab, count), and only 已超期 to the public and the author', async () => {
    const { siteId, headUnit, eduUnit, transportUnit } = await createSite();
    const created = await (await submit(siteId, validMessage(eduUnit))).json<MessageCreated>();
    const admin = await createOfficial(siteId, 'admin');
    expect((await consoleRequest(`/v1/console/messages/${created.id}/publish`, { as: admin, method: 'POST', body: {} })).status).toBe(200);
    await db.run(db.q.updateTable('messages').set({ due_at: endOf('2027-03-01').toISOString() }).where('id', '=', created.id));
    const [onTime] = await seedMessages(siteId, [{ unitId: eduUnit, status: 'accepted', dueAt: endOf('2027-03-19') }]);
    // Called directly: the whole hourly run, in 2027, would also end the officials' sessions of today.
    await checkDeadlines(db, new Date(WEDNESDAY));

    const queue = await (await consoleRequest('/v1/console/messages?tab=supervised', { as: admin })).json<QueuePage>();
    expect(queue.items.map((m) => [m.id, m.supervised])).toEqual([[created.id, true]]);
    expect(queue.counts.supervised).toBe(1);
    const all = await (await consoleRequest('/v1/console/messages?tab=all', { as: admin })).json<QueuePage>();
    expect(all.items.find((m) => m.id === onTime)?.supervised).toBe(false);
    const transport = await createOfficial(siteId, 'responder', [transportUnit]);
    expect((await (await consoleRequest('/v1/console/messages?tab=supervised', { as: transport })).json<QueuePage>()).counts.supervised).toBe(0);

    const detail = await (await consoleRequest(`/v1/console/messages/${created.id}`, { as: admin })).json<ConsoleMessage>();
    expect(detail.supervised).toBe(true);
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'escalated', unit: { id: headUnit }, fromUnit: { id: eduUnit } });

    const publicView = await (await request(`/v1/sites/${siteId}/messages/${created.id}`)).json<PublicMessageDetail>();
    const tracked = await (await track(siteId, created.trackingCode)).json<TrackedMessage>();
    for (const timeline of [publicView.timeline, tracked.timeline]) {
      expect(timeline.at(-1)).toMatchObject({ kind: 'overdue', unit: null, note: null });
      expect(timeline.map((e) => e.kind)).not.toContain('escalated');
    }

    // Answered, it leaves the 督办 tab (its flag stays in its history).
    expect((await consoleRequest(`/v1/console/messages/${created.id}/accept`, { as: admin, method: 'POST', body: {} })).status).toBe(200);
    expect((await consoleRequest(`/v1/console/messages/${created.id}/reply`, { as: admin, method: 'POST', body: { kind: 'final', body: '已安排交警早晚高峰在校门口疏导。' } })).status).toBe(200);
    expect((await (await consoleRequest('/v1/console/messages?tab=supervised', { as: admin })).json<QueuePage>()).counts.supervised).toBe(0);
  });

  it('works off a backlog in bounded batches, on its partial index, and then finds nothing to do', async () => {
    const { siteId, eduUnit } = await createSite();
    const backlog = 450;
    await seedMessages(siteId, Array.from({ length: backlog }, (_, i) => ({
      unitId: eduUnit, status: 'accepted' as const, dueAt: new Date(WEDNESDAY - (1 + (i % 300)) * DAY),
    })));
    const escalated = async () => (await db.first(db.q.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', siteId).where('escalated_due_at', 'is not', null)))!.n;

    for (const query of [dueForAlert(db, siteId, 'escalated', { until: new Date(WEDNESDAY).toISOString() }, DEADLINE_BATCH),
      dueForAlert(db, siteId, 'reminder', { from: new Date(WEDNESDAY).toISOString(), until: new Date(WEDNESDAY + DAY).toISOString() }, DEADLINE_BATCH)]) {
      const { sql, parameters } = query.compile();
      const plan = (await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...parameters).all<{ detail: string }>()).results.map((r) => r.detail).join('\n');
      expect(plan).toMatch(/USING (COVERING )?INDEX messages_(escalation|reminder)_due/);
    }

    const done: number[] = [];
    for (let run = 0; run < 5; run++) {
      const database = siteDatabaseOn(env.DB);
      const { escalations } = await checkDeadlines(database, new Date(WEDNESDAY));
      expect(escalations).toBeLessThanOrEqual(DEADLINE_BATCH);
      // About sixteen rows per message escalated (the message, its unit, the tallies of its unit and of
      // each unit above it, the event's outbox row), never the backlog. Measured: 3,223 for 200.
      expect(database.stats.rowsRead, `rows read in run ${run + 1}`).toBeLessThanOrEqual(17 * escalations + 100);
      done.push(await escalated());
    }
    expect(done.slice(0, 3)).toEqual([200, 400, backlog]);
    expect(done.at(-1)).toBe(backlog);
    const events = await env.DB.prepare(`SELECT count(*) AS n FROM message_events e JOIN messages m ON m.id = e.message_id
      WHERE m.site_id = ? AND e.kind = 'escalated'`).bind(siteId).first<{ n: number }>();
    expect(events!.n).toBe(backlog);
  });
});
