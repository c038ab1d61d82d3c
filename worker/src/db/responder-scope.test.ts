import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ConsoleMessage, QueuePage } from '../../../sdk/src/schemas/console';
import type { Dashboard } from '../../../sdk/src/schemas/stats';
import { officialBySession } from '../auth/official';
import { sessionHash } from '../auth/session';
import { createSite, d1Cost, db, expectProblem, seedMessages } from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';
import { queuePageQuery, reopenedFirstQuery, type QueueFilter } from './queue';

const DAY = 86_400_000;

/**
 * A province under the site with `cities` cities of `counties` counties each, written level by level
 * (the triggers of migrations 0024 and 0030 find each parent's rows). Returns the province's id and a
 * county's at the bottom.
 */
async function province(siteId: string, key: string, cities: number, counties: number) {
  const id = `${siteId}_${key}`;
  const now = new Date().toISOString();
  await env.DB.batch([
    env.DB.prepare(`INSERT INTO units (id, site_id, parent_id, name, kind, sort_order, active, created_at) VALUES (?1, ?2, NULL, ?3, 'leader', 9, 1, ?4)`)
      .bind(id, siteId, `${key}省省长`, now),
    env.DB.prepare(`INSERT INTO units (id, site_id, parent_id, name, kind, sort_order, active, created_at)
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?5)
      SELECT ?1 || '_c' || i, ?2, ?1, ?3 || '第' || i || '市市长', 'leader', i, 1, ?4 FROM n`).bind(id, siteId, key, now, cities),
    env.DB.prepare(`INSERT INTO units (id, site_id, parent_id, name, kind, sort_order, active, created_at)
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?4)
      SELECT c.id || '_k' || n.i, ?2, c.id, c.name || '第' || n.i || '县县长', 'leader', n.i, 1, ?3 FROM units AS c, n WHERE c.parent_id = ?1`)
      .bind(id, siteId, now, counties),
  ]);
  return { id, county: `${id}_c${cities}_k${counties}` };
}

async function officialOf(official: TestOfficial) {
  const token = official.cookie.split('=')[1]!;
  return (await officialBySession(db, await sessionHash(env.HASH_KEY, token), new Date()))!;
}

/** Rows one queue page reads, its statements run alone (the counts beside it read tallies per unit). */
async function pageRowsRead(official: TestOfficial, filter: QueueFilter) {
  const signedIn = await officialOf(official);
  let rows = 0;
  for (const query of [queuePageQuery, reopenedFirstQuery]) {
    const { sql, parameters } = query(db, signedIn, filter, new Date()).compile();
    rows += (await env.DB.prepare(sql).bind(...parameters).all()).meta.rows_read;
  }
  return rows;
}

async function json<T>(response: Response): Promise<T> {
  if (response.status !== 200) throw new Error(`${response.status} ${await response.text()}`);
  return response.json<T>();
}

// Writing ~3,000 units with their ancestors and name keys takes seconds on a shared machine.
describe('a responder for a province with thousands of units below it', { timeout: 60_000 }, () => {
  it('lists the queue, opens, replies and sees the dashboard, and a page reads no more rows than for a small subtree', async () => {
    const site = await createSite();
    const large = await province(site.siteId, 'large', 60, 50);
    const small = await province(site.siteId, 'small', 2, 2);
    const below = await env.DB.prepare('SELECT count(*) AS n FROM unit_ancestors WHERE ancestor_id = ?').bind(large.id).first<{ n: number }>();
    expect(below!.n).toBe(1 + 60 + 60 * 50);

    // The same messages, due on the same days, in each province's bottom county and outside both.
    const now = Date.now();
    const perUnit = 30;
    const ids = await seedMessages(site.siteId, Array.from({ length: perUnit * 3 }, (_, i) => ({
      unitId: [large.county, small.county, site.eduUnit][i % 3]!,
      dueAt: new Date(now + (1 + Math.floor(i / 3)) * DAY),
    })));
    const inLarge = ids.filter((_, i) => i % 3 === 0);
    const outside = ids.filter((_, i) => i % 3 === 2);

    const [largeResponder, smallResponder] = await Promise.all([
      createOfficial(site.siteId, 'responder', [large.id]),
      createOfficial(site.siteId, 'responder', [small.id]),
    ]);

    const page = await json<QueuePage>(await consoleRequest('/v1/console/messages?tab=all&limit=50', { as: largeResponder }));
    expect(page.items.map((m) => m.id).sort()).toEqual([...inLarge].sort());
    expect(page.counts.all).toBe(perUnit);
    expect(page.counts.new).toBe(perUnit);
    const filtered = await json<QueuePage>(await consoleRequest(`/v1/console/messages?tab=new&unit=${large.id}_c60`, { as: largeResponder }));
    expect(filtered.items).toHaveLength(perUnit);

    for (const tab of ['all', 'new', 'handling'] as const) {
      const filter: QueueFilter = { tab, limit: 20 };
      const [largeRows, smallRows] = [await pageRowsRead(largeResponder, filter), await pageRowsRead(smallResponder, filter)];
      // 3,061 units below against 7: the page reads what it walks of the messages, not the subtree.
      expect(largeRows, `tab ${tab}`).toBeLessThanOrEqual(smallRows + 10);
      expect(largeRows, `tab ${tab}`).toBeLessThan(1_000);
    }

    // The whole request, the tab counts included: the counts read the tallies of the responder's own
    // unit (migration 0035), not an entry per unit below it (18,573 rows before, for this province).
    for (const tab of ['all', 'overdue']) {
      const rowsOf = async (who: TestOfficial) => {
        const response = await consoleRequest(`/v1/console/messages?tab=${tab}&limit=20`, { as: who });
        expect(response.status).toBe(200);
        await response.arrayBuffer();
        return d1Cost(response).rowsRead;
      };
      const [largeRows, smallRows] = [await rowsOf(largeResponder), await rowsOf(smallResponder)];
      expect(largeRows, `tab ${tab}`).toBeLessThanOrEqual(smallRows + 10);
    }

    const id = inLarge.at(-1)!;
    const opened = await json<ConsoleMessage>(await consoleRequest(`/v1/console/messages/${id}`, { as: largeResponder }));
    expect(opened.actions).toEqual(expect.arrayContaining(['accept', 'transfer', 'note']));
    await expectProblem(await consoleRequest(`/v1/console/messages/${outside[0]}`, { as: largeResponder }), 403, 'forbidden');

    const act = (action: string, body: unknown) => consoleRequest(`/v1/console/messages/${id}/${action}`, { as: largeResponder, method: 'POST', body });
    expect((await json<ConsoleMessage>(await act('accept', {}))).status).toBe('accepted');
    const replied = await json<ConsoleMessage>(await act('reply', { kind: 'final', body: '已协调县交通局处理，路灯本周内修复。' }));
    expect(replied.status).toBe('replied');
    expect(replied.replies.map((r) => r.unit.id)).toEqual([large.county]);
    await expectProblem(await consoleRequest(`/v1/console/messages/${outside[0]}/accept`, { as: largeResponder, method: 'POST', body: {} }), 403, 'forbidden');

    const dashboard = await json<Dashboard>(await consoleRequest('/v1/console/dashboard', { as: largeResponder }));
    expect(dashboard.stats.messages).toBe(perUnit);
    expect(dashboard.stats.replied).toBe(1);
    // Ranked: the province's own office (no messages of its own) and its cities, each with everything below it.
    // Marked so, as the public ranking counts each unit alone.
    expect(dashboard.stats.byUnit.map((u) => [u.unitId, u.messages, u.includesSubunits])).toEqual([[`${large.id}_c60`, perUnit, true]]);
    // Its open messages due by the end of the day after tomorrow (those seeded due in one and in two days).
    expect(dashboard.dueSoon).toBe(2);
    // The dashboard, too, reads what a small subtree's does: the tallies of the responder's own unit
    // and of the units right below it (60 cities here), never an entry per county.
    const dashboardRows = async (who: TestOfficial) => {
      const response = await consoleRequest('/v1/console/dashboard', { as: who });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      return d1Cost(response).rowsRead;
    };
    const [largeDashboard, smallDashboard] = [await dashboardRows(largeResponder), await dashboardRows(smallResponder)];
    // Measured: 227 against 101 (each city is listed and its figures sought: 2 rows a city).
    expect(largeDashboard).toBeLessThanOrEqual(smallDashboard + 2 * 60 + 10);

    // A unit right below with none under it counts its own messages: nothing to mark.
    await env.DB.prepare(`INSERT INTO units (id, site_id, parent_id, name, kind, sort_order, active, created_at) VALUES (?1, ?2, ?3, '省信访局', 'department', 99, 1, ?4)`)
      .bind(`${large.id}_office`, site.siteId, large.id, new Date().toISOString()).run();
    await seedMessages(site.siteId, [{ unitId: `${large.id}_office` }]);
    const marked = await json<Dashboard>(await consoleRequest('/v1/console/dashboard', { as: largeResponder }));
    expect(marked.stats.byUnit.map((u) => [u.unitId, u.messages, u.includesSubunits])).toEqual(expect.arrayContaining([
      [`${large.id}_c60`, perUnit, true], [`${large.id}_office`, 1, undefined],
    ]));
  });
});

/** Each per-subtree tally as it should be: the per-unit tallies summed over every unit at or below. */
async function subtreeTalliesDrift(siteId: string) {
  const pairs = [
    ['subtree_message_counts', 'message_counts', 'status, moderation, is_public'],
    ['subtree_open_due_counts', 'open_due_counts', 'due_day'],
    ['subtree_supervised_counts', 'supervised_counts', "''"],
  ] as const;
  const drift: Record<string, unknown[]> = {};
  // The statistics, for what is kept per subtree: all campaigns, all time and each month.
  const figures = ['messages', 'replied', 'on_time', 'rated', 'rating_sum', 'adopted', 'type_complaint', 'domain_transport', 'hours_0', 'hours_720'];
  const { results: stats } = await env.DB.prepare(`
    WITH expected AS (
      SELECT a.ancestor_id AS unit_id, s.period, ${figures.map((f) => `sum(s.${f}) AS ${f}`).join(', ')}
      FROM stats_counts AS s JOIN unit_ancestors AS a ON a.unit_id = s.unit_id
      WHERE s.site_id = ?1 AND s.unit_id != '*' AND s.campaign_id = '*' AND s.period < 'Y' GROUP BY 1, 2),
    actual AS (SELECT unit_id, period, ${figures.join(', ')} FROM subtree_stats_counts WHERE site_id = ?1)
    SELECT * FROM (SELECT * FROM expected WHERE messages != 0 EXCEPT SELECT * FROM actual)
    UNION ALL SELECT * FROM (SELECT * FROM actual WHERE messages != 0 EXCEPT SELECT * FROM expected)`).bind(siteId).all();
  drift.subtree_stats_counts = stats;
  for (const [subtree, perUnit, key] of pairs) {
    const { results } = await env.DB.prepare(`
      WITH expected AS (
        SELECT a.ancestor_id AS unit_id, ${key.split(', ').map((k) => (k === "''" ? "'' AS k" : `c.${k}`)).join(', ')}, sum(c.n) AS n
        FROM ${perUnit} AS c JOIN unit_ancestors AS a ON a.unit_id = c.unit_id
        WHERE c.site_id = ?1 AND c.unit_id != '*' GROUP BY 1, ${key.split(', ').map((_, i) => i + 2).join(', ')}),
      actual AS (SELECT unit_id, ${key === "''" ? "'' AS k" : key}, n FROM ${subtree} WHERE site_id = ?1)
      SELECT * FROM (SELECT * FROM expected WHERE n != 0 EXCEPT SELECT * FROM actual WHERE n != 0)
      UNION ALL SELECT * FROM (SELECT * FROM actual WHERE n != 0 EXCEPT SELECT * FROM expected WHERE n != 0)`).bind(siteId).all();
    drift[subtree] = results;
  }
  // The site's row of each per-unit tally ('*'): the sum of its units' rows.
  const { results: siteRows } = await env.DB.prepare(`
    SELECT 'message_counts' AS tally, (SELECT coalesce(sum(n), 0) FROM message_counts WHERE site_id = ?1 AND unit_id != '*') AS units,
      (SELECT coalesce(sum(n), 0) FROM message_counts WHERE site_id = ?1 AND unit_id = '*') AS site
    UNION ALL SELECT 'open_due_counts', (SELECT coalesce(sum(n), 0) FROM open_due_counts WHERE site_id = ?1 AND unit_id != '*'),
      (SELECT coalesce(sum(n), 0) FROM open_due_counts WHERE site_id = ?1 AND unit_id = '*')
    UNION ALL SELECT 'supervised_counts', (SELECT coalesce(sum(n), 0) FROM supervised_counts WHERE site_id = ?1 AND unit_id != '*'),
      (SELECT coalesce(sum(n), 0) FROM supervised_counts WHERE site_id = ?1 AND unit_id = '*')`).bind(siteId).all<{ tally: string; units: number; site: number }>();
  drift.siteRows = siteRows.filter((r) => r.units !== r.site);
  return drift;
}

describe('the per-subtree tallies', { timeout: 60_000 }, () => {
  it('stay equal to the per-unit tallies summed over each subtree through transfers, status changes, rejection, 督办 and a moved unit', async () => {
    const site = await createSite();
    const a = await province(site.siteId, 'a', 3, 2);
    const b = await province(site.siteId, 'b', 2, 2);
    const now = Date.now();
    const ids = await seedMessages(site.siteId, Array.from({ length: 24 }, (_, i) => ({
      unitId: [a.county, `${a.id}_c1_k1`, b.county, site.eduUnit][i % 4]!,
      dueAt: new Date(now + ((i % 5) - 2) * DAY),
    })));
    const none = { subtree_stats_counts: [], subtree_message_counts: [], subtree_open_due_counts: [], subtree_supervised_counts: [], siteRows: [] };
    expect(await subtreeTalliesDrift(site.siteId)).toEqual(none);
    const run = (sql: string, ...params: unknown[]) => env.DB.prepare(sql).bind(...params).run();
    // 转办 across provinces; replies and closing; rejection; a deadline moved; 督办 raised and answered.
    await run(`UPDATE messages SET unit_id = ?1 WHERE id IN (?2, ?3)`, b.county, ids[0], ids[1]);
    await run(`UPDATE messages SET status = 'replied' WHERE id IN (?1, ?2)`, ids[2], ids[5]);
    await run(`UPDATE messages SET status = 'closed' WHERE id = ?1`, ids[6]);
    await run(`UPDATE messages SET moderation = 'rejected' WHERE id = ?1`, ids[7]);
    await run(`UPDATE messages SET due_at = ?1 WHERE id = ?2`, new Date(now + 9 * DAY).toISOString(), ids[8]);
    await run(`UPDATE messages SET escalated_due_at = ?1 WHERE id IN (?2, ?3, ?4)`, new Date(now + DAY).toISOString(), ids[9], ids[10], ids[12]);
    await run(`UPDATE messages SET status = 'replied' WHERE id = ?1`, ids[9]);
    await run(`UPDATE messages SET is_public = 1 - is_public WHERE id = ?1`, ids[11]);
    await run(`UPDATE messages SET replied_on_time = 1, response_bucket = 0, rating_overall = 4, rating_resolution = 4, rating_attitude = 5, rating_speed = 3 WHERE id = ?1`, ids[5]);
    await run(`UPDATE messages SET type = 'complaint', domain = 'transport' WHERE id IN (?1, ?2)`, ids[13], ids[14]);
    expect(await subtreeTalliesDrift(site.siteId)).toEqual(none);

    // A city moved from one province to the other takes its counties' messages along.
    const before = await env.DB.prepare(`SELECT sum(n) AS n FROM subtree_message_counts WHERE unit_id = ?`).bind(b.id).first<{ n: number }>();
    const moved = await env.DB.prepare(`SELECT count(*) AS n FROM messages WHERE unit_id IN (SELECT unit_id FROM unit_ancestors WHERE ancestor_id = ?)`)
      .bind(`${a.id}_c1`).first<{ n: number }>();
    expect(moved!.n).toBeGreaterThan(0);
    await run(`UPDATE units SET parent_id = ?1 WHERE id = ?2`, b.id, `${a.id}_c1`);
    expect(await subtreeTalliesDrift(site.siteId)).toEqual(none);
    const after = await env.DB.prepare(`SELECT sum(n) AS n FROM subtree_message_counts WHERE unit_id = ?`).bind(b.id).first<{ n: number }>();
    expect(after!.n).toBe(before!.n + moved!.n);
  });
});
