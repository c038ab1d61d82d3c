import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { QueueTabSchema } from '../../../sdk/src/schemas/console';
import { officialBySession } from '../auth/official';
import { sessionHash } from '../auth/session';
import { createSite, db, seedMessages } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';
import { queuePageQuery, reopenedFirstQuery, type QueueFilter } from './queue';

interface PlanRow { detail: string }

const FULL_SCAN = /^SCAN (m|messages)\b/;
const HANDLED_TABS = new Set(['new', 'handling', 'replied', 'closed', 'overdue']);

async function officialOf(cookie: string) {
  const token = cookie.split('=')[1]!;
  return (await officialBySession(db, await sessionHash(env.HASH_KEY, token), new Date()))!;
}

describe('queue statements', () => {
  const filters: [string, Omit<QueueFilter, 'limit'>][] = [
    ...QueueTabSchema.options.map((tab): [string, Omit<QueueFilter, 'limit'>] => [`tab ${tab}`, { tab }]),
    ['type + domain', { tab: 'all', type: 'help', domain: 'urban' }],
    ['due within 3 days', { tab: 'handling', dueWithinDays: 3 }],
    ['unit', { tab: 'new', unit: 'UNIT' }],
    ['page 2', { tab: 'all', cursor: '2026-12-01T15:59:59.999Z~1a' }],
  ];

  it.each(filters)('%s: runs on an index for site-wide officials and for responders', async (_, filter) => {
    const site = await createSite();
    await seedMessages(site.siteId, [{ unitId: site.eduUnit }, { unitId: site.transportUnit, status: 'accepted' }]);
    for (const official of [await createOfficial(site.siteId, 'moderator'), await createOfficial(site.siteId, 'responder', [site.headUnit])]) {
      const withUnit = { ...filter, unit: filter.unit ? site.eduUnit : undefined, limit: 50 };
      for (const query of [queuePageQuery, reopenedFirstQuery]) {
        const { sql, parameters } = query(db, await officialOf(official.cookie), withUnit, new Date()).compile();
        const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...parameters).all<PlanRow>();
        expect(results.length).toBeGreaterThan(0);
        const plan = results.map((r) => r.detail).join('\n');
        expect(results.filter((row) => FULL_SCAN.test(row.detail)), plan).toEqual([]);
        // Tabs without rejected messages walk the indexes that hold none (migration 0009).
        if (query === queuePageQuery && HANDLED_TABS.has(filter.tab) && !filter.unit) expect(plan).toMatch(/USING INDEX messages_queue_(site|unit)_handled/);
      }
    }
  });
});

/** Rows read by one console request, from its Server-Timing (officials' answers carry it). */
function rowsRead(response: Response): number {
  return Number(/rows_read=(\d+)/.exec(response.headers.get('Server-Timing') ?? '')![1]);
}

// Seeding ~1,900 messages (each listed under its units too, migration 0024) takes seconds on a shared machine.
describe('the queue at scale', { timeout: 30_000 }, () => {
  const DAY = 86_400_000;

  it('reads a bounded number of rows per load, whatever the backlog of overdue messages, and counts it right', async () => {
    const site = await createSite();
    const now = Date.now();
    const backlog = 1_200;
    const statuses = ['submitted', 'accepted', 'in_progress'] as const;
    await seedMessages(site.siteId, [
      // A long backlog, overdue by 1 to 400 days, in every open status and both departments.
      ...Array.from({ length: backlog }, (_, i) => ({
        unitId: i % 3 === 0 ? site.transportUnit : site.eduUnit,
        status: statuses[i % 3],
        createdAt: new Date(now - (i % 400) * DAY - 30 * DAY),
        dueAt: new Date(now - (1 + (i % 400)) * DAY),
      })),
      // Not overdue: due later, or closed long ago, or rejected.
      ...Array.from({ length: 40 }, (_, i) => ({ unitId: site.eduUnit, status: 'accepted' as const, dueAt: new Date(now + (1 + i) * DAY) })),
      { unitId: site.eduUnit, status: 'in_progress' as const, dueAt: new Date(now + 60_000) },
      { unitId: site.eduUnit, status: 'closed' as const, dueAt: new Date(now - 5 * DAY) },
      // Rejected ones keep their status and their early deadline for ever: a walk must not step over them.
      ...Array.from({ length: 600 }, (_, i) => ({
        unitId: i % 2 === 0 ? site.transportUnit : site.eduUnit, status: 'submitted' as const, moderation: 'rejected' as const,
        dueAt: new Date(now - (500 + i) * DAY),
      })),
    ]);
    const moderator = await createOfficial(site.siteId, 'moderator');
    const responder = await createOfficial(site.siteId, 'responder', [site.transportUnit]);
    for (const [official, overdue] of [[moderator, backlog], [responder, backlog / 3]] as const) {
      for (const tab of QueueTabSchema.options) {
        const response = await consoleRequest(`/v1/console/messages?tab=${tab}`, { as: official });
        expect(response.status).toBe(200);
        const page = await response.json<{ items: unknown[]; counts: Record<string, number> }>();
        expect(page.counts.overdue, `${tab}: 已超期`).toBe(overdue);
        if (tab === 'overdue') expect(page.items).toHaveLength(50);
        expect(rowsRead(response), `rows read for tab ${tab}`).toBeLessThanOrEqual(500);
      }
    }
  });

  it('counts a message as overdue no more once its deadline is extended, and again once it passes', async () => {
    const site = await createSite();
    const [late] = await seedMessages(site.siteId, [{ unitId: site.eduUnit, status: 'accepted', dueAt: new Date(Date.now() - 2 * DAY) }]);
    const admin = await createOfficial(site.siteId, 'admin');
    const overdueCount = async () => (await (await consoleRequest('/v1/console/messages', { as: admin })).json<{ counts: { overdue: number } }>()).counts.overdue;
    expect(await overdueCount()).toBe(1);
    await env.DB.prepare('UPDATE messages SET due_at = ? WHERE id = ?').bind(new Date(Date.now() + 3 * DAY).toISOString(), late).run();
    expect(await overdueCount()).toBe(0);
    await env.DB.prepare('UPDATE messages SET due_at = ? WHERE id = ?').bind(new Date(Date.now() - 1_000).toISOString(), late).run();
    expect(await overdueCount()).toBe(1);
    await env.DB.prepare("UPDATE messages SET status = 'replied' WHERE id = ?").bind(late).run();
    expect(await overdueCount()).toBe(0);
  });
});
