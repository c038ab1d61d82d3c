import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { QueueTabSchema } from '../../../sdk/src/schemas/console';
import { officialBySession } from '../auth/official';
import { sessionHash } from '../auth/session';
import { createSite, db, seedMessages } from '../../test/fixtures';
import { createOfficial } from '../../test/officials';
import { queuePageQuery, type QueueFilter } from './queue';

interface PlanRow { detail: string }

const FULL_SCAN = /^SCAN (m|messages)\b/;

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
      const { sql, parameters } = queuePageQuery(db, await officialOf(official.cookie), withUnit, new Date()).compile();
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...parameters).all<PlanRow>();
      expect(results.length).toBeGreaterThan(0);
      expect(results.filter((row) => FULL_SCAN.test(row.detail)), results.map((r) => r.detail).join('\n')).toEqual([]);
    }
  });
});
