import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { MessagePage } from '../../../sdk/src/schemas/message';
import { addRating, addReply, addUnit, createCampaign, createSite, d1Cost, db, request, seedMessages, type SeedMessage } from '../../test/fixtures';
import { boardPageQuery, type BoardFilter } from './board';

type Shape = Omit<BoardFilter, 'limit' | 'cursor'>;
type Site = Awaited<ReturnType<typeof createSite>>;

/** Every shape of board page a reader can ask for, by name; `index` where one index must give the order. */
const SHAPES: { name: string; filter: (site: Site) => Shape; index?: string }[] = [
  { name: 'no filter', filter: () => ({}), index: 'messages_board' },
  { name: 'tab awaiting', filter: () => ({ status: 'awaiting' }), index: 'messages_board_tab' },
  { name: 'tab in_progress', filter: () => ({ status: 'in_progress' }), index: 'messages_board_tab' },
  { name: 'tab answered', filter: () => ({ status: 'answered' }), index: 'messages_board_tab' },
  { name: 'type', filter: () => ({ type: 'help' }), index: 'messages_board_type' },
  { name: 'domain', filter: () => ({ domain: 'transport' }), index: 'messages_board_domain' },
  { name: 'campaign', filter: () => ({ campaign: 'roads' }), index: 'messages_board_campaign' },
  { name: 'adopted', filter: () => ({ adopted: true }), index: 'messages_board_adopted' },
  { name: 'unit (leader)', filter: (s) => ({ unit: s.headUnit }) },
  { name: 'unit (department)', filter: (s) => ({ unit: s.eduUnit }) },
  { name: 'search, 2 characters', filter: () => ({ q: '路灯' }) },
  { name: 'search, 4 characters', filter: () => ({ q: '路灯坏了' }) },
  { name: 'search, Latin and digits', filter: () => ({ q: 'WiFi 3号楼' }) },
  { name: 'search, 1 character', filter: () => ({ q: '灯' }) },
  { name: 'tab + type', filter: () => ({ status: 'answered', type: 'complaint' }) },
  { name: 'tab + domain + type', filter: () => ({ status: 'awaiting', domain: 'urban', type: 'help' }) },
  { name: 'unit + tab', filter: (s) => ({ unit: s.eduUnit, status: 'answered' }) },
  { name: 'campaign + tab', filter: () => ({ campaign: 'roads', status: 'in_progress' }) },
  { name: 'search + unit + tab', filter: (s) => ({ q: '路灯', unit: s.headUnit, status: 'answered' }) },
  { name: 'search + campaign + type', filter: () => ({ q: '没人修', campaign: 'roads', type: 'help' }) },
  { name: '1 character + domain + tab', filter: () => ({ q: '修', domain: 'urban', status: 'awaiting' }) },
];

interface PlanRow { id: number; parent: number; detail: string }

async function planOf(site: Site, filter: BoardFilter): Promise<PlanRow[]> {
  const { sql, parameters } = boardPageQuery(db, site.siteId, filter).compile();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...parameters).all<PlanRow>();
  expect(results.length).toBeGreaterThan(0);
  return results;
}

const describePlan = (plan: PlanRow[]) => plan.map((row) => `${row.parent}→${row.id} ${row.detail}`).join('\n');
/** A full scan of messages, under either name (SEARCH … USING INDEX is a range of an index, and fine). */
const FULL_SCAN = /^SCAN (m|messages)\b/;
/** The outer ORDER BY done by sorting rather than by walking an index (parent 0: not a subquery's). */
const sortsPage = (plan: PlanRow[]) => plan.some((row) => row.parent === 0 && /^USE TEMP B-TREE FOR .*ORDER BY/.test(row.detail));

describe('boardPageQuery: query plans', () => {
  for (const withCursor of [false, true]) {
    it.each(SHAPES)(`$name${withCursor ? ', after a cursor' : ''}: no full scan of messages`, async ({ filter }) => {
      const site = await createSite();
      const plan = await planOf(site, { ...filter(site), limit: 20, ...(withCursor ? { cursor: 'm_cursor' } : {}) });
      expect(plan.filter((row) => FULL_SCAN.test(row.detail)), describePlan(plan)).toEqual([]);
      // The page reads messages through an index: a range, or rowids from the search index.
      expect(plan.some((row) => /^SEARCH m USING (INDEX|INTEGER PRIMARY KEY)/.test(row.detail)), describePlan(plan)).toBe(true);
    });

    it.each(SHAPES.filter((shape) => shape.index))(
      `$name${withCursor ? ', after a cursor' : ''}: newest first straight from $index, without sorting`, async ({ filter, index }) => {
        const site = await createSite();
        const plan = await planOf(site, { ...filter(site), limit: 20, ...(withCursor ? { cursor: 'm_cursor' } : {}) });
        expect(plan.find((row) => row.parent === 0 && row.detail.startsWith('SEARCH m '))?.detail, describePlan(plan)).toContain(`USING INDEX ${index} (`);
        expect(sortsPage(plan), describePlan(plan)).toBe(false);
      });
  }

  it('answers every search from the search index, single characters included, newest first without sorting', async () => {
    const site = await createSite();
    const usesIndex = (plan: PlanRow[]) => plan.some((row) => /^SCAN message_search VIRTUAL TABLE INDEX \d+:M/.test(row.detail));
    for (const q of ['路灯', '路灯坏了', '3号楼', 'WiFi', '３路', '灯', 'a', '3 号']) {
      for (const filter of [{}, { unit: site.headUnit }, { status: 'awaiting' as const }]) {
        const plan = await planOf(site, { q, ...filter, limit: 20 });
        expect(usesIndex(plan), `${q}\n${describePlan(plan)}`).toBe(true);
        expect(sortsPage(plan), `${q}\n${describePlan(plan)}`).toBe(false);
      }
    }
  });

  it('walks a unit’s subtree newest first from one range of message_units, whatever the subtree', async () => {
    const site = await createSite();
    for (const [status, index] of [[undefined, 'message_units_board'], ['answered', 'message_units_board_tab']] as const) {
      for (const cursor of [undefined, 'm_cursor']) {
        const plan = await planOf(site, { unit: site.headUnit, status, cursor, limit: 20 });
        const walk = plan.find((row) => row.parent === 0 && row.detail.startsWith('SEARCH mu '))?.detail;
        expect(walk, describePlan(plan)).toContain(`USING COVERING INDEX ${index} (`);
        if (cursor) expect(walk, describePlan(plan)).toMatch(/seq<\?\)$/);
        expect(plan.some((row) => row.detail.startsWith('SEARCH m USING INTEGER PRIMARY KEY')), describePlan(plan)).toBe(true);
        expect(sortsPage(plan), describePlan(plan)).toBe(false);
      }
    }
  });

  it('pages by cursor inside the index range (seq<?), not by filtering afterwards', async () => {
    const site = await createSite();
    for (const shape of SHAPES.filter((s) => s.index)) {
      const plan = await planOf(site, { ...shape.filter(site), limit: 20, cursor: 'm_cursor' });
      expect(plan.find((row) => row.detail.startsWith('SEARCH m '))?.detail, `${shape.name}\n${describePlan(plan)}`).toMatch(/seq<\?\)$/);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// What each public request costs D1, read from the Server-Timing header the site scope sets.

const STATUSES = ['submitted', 'accepted', 'in_progress', 'replied', 'closed'] as const;
const TYPES = ['suggestion', 'complaint', 'help', 'consultation'] as const;
const DOMAINS = ['urban', 'transport', 'education', 'health'] as const;

/**
 * `n` published public messages over every unit, status, type and domain, a fifth in a campaign, another fifth adopted, each
 * answered one with a reply, and 2 unseen messages (pending/rejected/hidden, private) per 5 in between.
 */
async function seedBoard(site: Site, campaignId: string, n: number) {
  const specs: SeedMessage[] = [];
  const adopted = new Set<SeedMessage>();
  for (let i = 0; i < n; i++) {
    const message: SeedMessage = {
      unitId: [site.headUnit, site.eduUnit, site.transportUnit][i % 3]!,
      status: STATUSES[i % 5], type: TYPES[i % 4], domain: DOMAINS[i % 4], campaignId: i % 5 === 0 ? campaignId : null,
      title: i % 4 === 0 ? '县城的路灯坏了很久没人修' : '学校门口拥堵', body: '晚上出行很不方便，希望尽快处理。',
    };
    specs.push(message);
    if (i % 5 === 1) adopted.add(message);
    if (i % 5 === 0) specs.push({ ...message, moderation: (['pending', 'rejected', 'hidden'] as const)[i % 3] }, { ...message, isPublic: false });
  }
  const ids = await seedMessages(site.siteId, specs);
  for (const [i, spec] of specs.entries()) {
    const published = spec.moderation === undefined && spec.isPublic === undefined;
    if (published && (spec.status === 'replied' || spec.status === 'closed')) await addReply(ids[i]!, { unitId: spec.unitId });
  }
  const adoptedIds = ids.filter((_, i) => adopted.has(specs[i]!));
  await db.run(db.q.updateTable('messages').set({ adopted_at: new Date().toISOString(), adoption_note: '已采纳' }).where('id', 'in', adoptedIds));
  return ids;
}

/** A site whose newest 220 messages are alike in shape; `older` more published before them. */
async function boardOfSize(older: number) {
  const site = await createSite();
  const campaignId = await createCampaign(site.siteId, { slug: 'roads', startsAt: new Date(0), endsAt: new Date(Date.now() + 86_400_000) });
  if (older > 0) await seedBoard(site, campaignId, older);
  const ids = await seedBoard(site, campaignId, 220);
  return { ...site, campaignId, newest: ids.at(-1)! };
}

/** 220 more messages on the site's board, newer than everything on it. */
const boardOfSizeOn = (site: Awaited<ReturnType<typeof boardOfSize>>) => seedBoard(site, site.campaignId, 220);

async function costOf(path: string) {
  const response = await request(path);
  expect(response.status).toBe(200);
  const body = await response.json<MessagePage>();
  return { ...d1Cost(response), items: body.items?.length ?? 0, nextCursor: body.nextCursor ?? null };
}

/** D1 bills by rows read: a page of the board may read at most 2 × its cards + 10 rows (the site and its units included). */
const rowsGoal = (items: number) => 2 * items + 10;
/**
 * A page of a unit's subtree reads, per card and for the one past the page, its entry of
 * message_units and its message row (2 rows), plus its campaign for a fifth of the cards here.
 */
const subtreeRowsGoal = (items: number) => 2 * (items + 1) + Math.ceil(items / 5) + 10;
/** rows_read of the same page can differ by a row between two databases of different sizes. */
const LAYOUT_SLACK = 2;
/** Shapes held to the goal at any size: every index shape and the unit filter. */
const GOAL_SHAPES = SHAPES.filter((s) => s.index || s.name.startsWith('unit'));
/**
 * A search walks the search index’s matches newest first and stops at the page's end; D1 counts each
 * match the index yields as a row read, besides the message row: about 2 rows per candidate, and
 * the unseen ones it passes (a third of the candidates here) count too, which the goal leaves no room for.
 */
const SEARCH_SHAPES = SHAPES.filter((s) => /^search, \d characters?$/.test(s.name));
const searchRowsBound = (items: number) => 4 * items + 10;

// Seeding hundreds of messages with their replies takes a few seconds on a shared machine.
describe('cost of public requests', { timeout: 60_000 }, () => {
  it('every public request makes at most 3 D1 queries', async () => {
    const site = await boardOfSize(0);
    const paths = [
      `/v1/sites/${site.siteId}`,
      `/v1/sites/${site.siteId}/messages/${site.newest}`,
      ...SHAPES.map((shape) => `/v1/sites/${site.siteId}/messages?${new URLSearchParams(shape.filter(site) as Record<string, string>)}`),
    ];
    for (const path of paths) {
      const first = await costOf(path);
      expect(first.queries, path).toBeGreaterThan(0);
      expect(first.queries, path).toBeLessThanOrEqual(3);
      expect(first.rowsWritten, path).toBe(0);
      if (first.nextCursor) expect((await costOf(`${path}&cursor=${first.nextCursor}`)).queries, `${path} (next page)`).toBeLessThanOrEqual(3);
    }
  });

  it('a page of the list, a tab, a type, a domain or a campaign reads the same rows however large the site', async () => {
    const small = await boardOfSize(0);
    const large = await boardOfSize(220);
    for (const shape of SHAPES.filter((s) => s.index)) {
      const path = (site: Site) => `/v1/sites/${site.siteId}/messages?${new URLSearchParams(shape.filter(site) as Record<string, string>)}`;
      const smallFirst = await costOf(path(small));
      const largeFirst = await costOf(path(large));
      expect(largeFirst.items, shape.name).toBe(20);
      // Twice the messages, the same page: the same rows read (give or take a row of b-tree layout).
      expect(Math.abs(largeFirst.rowsRead - smallFirst.rowsRead), `${shape.name}: ${smallFirst.rowsRead} → ${largeFirst.rowsRead}`)
        .toBeLessThanOrEqual(LAYOUT_SLACK);
    }
  });

  it('every page of a tab, type, domain, campaign or unit reads at most 2 × its cards + 10 rows (a unit’s: + its campaigns)', async () => {
    const large = await boardOfSize(220);
    for (const shape of GOAL_SHAPES) {
      const path = (extra: Record<string, string> = {}) =>
        `/v1/sites/${large.siteId}/messages?${new URLSearchParams({ ...(shape.filter(large) as Record<string, string>), ...extra })}`;
      const first = await costOf(path());
      expect(first.items, shape.name).toBe(20);
      const next = await costOf(path({ cursor: first.nextCursor! }));
      const full = await costOf(path({ limit: '50' }));
      for (const [page, cost] of [['first', first], ['next', next], ['limit 50', full]] as const) {
        expect(cost.items, `${shape.name}, ${page} page`).toBeGreaterThan(0);
        const goal = shape.name.startsWith('unit') ? subtreeRowsGoal(cost.items) : rowsGoal(cost.items);
        expect(cost.rowsRead, `${shape.name}, ${page} page: ${cost.rowsRead} rows for ${cost.items}`).toBeLessThanOrEqual(goal);
      }
    }
  });

  it('a search stops at the end of its page instead of collecting every match', async () => {
    const large = await boardOfSize(220);
    for (const shape of SEARCH_SHAPES) {
      const path = (extra: Record<string, string> = {}) =>
        `/v1/sites/${large.siteId}/messages?${new URLSearchParams({ ...(shape.filter(large) as Record<string, string>), ...extra })}`;
      const first = await costOf(path());
      expect(first.items, shape.name).toBe(20);
      expect(first.rowsRead, `${shape.name}: ${first.rowsRead} rows for 20`).toBeLessThanOrEqual(searchRowsBound(first.items));
      // The index yields its matches from the newest on, so page n also counts the matches of the pages before it.
      const next = await costOf(path({ cursor: first.nextCursor! }));
      expect(next.rowsRead, `${shape.name}, next page: ${next.rowsRead}`).toBeLessThanOrEqual(2 * first.rowsRead);
    }
  });

  it('a small unit among many messages reads its own index entries, not the site’s', async () => {
    const site = await boardOfSize(220);
    const section = await addUnit(site.siteId, { id: 'section', parentId: site.eduUnit, name: '测试县教育局基础教育股' });
    const office = await addUnit(site.siteId, { id: 'office', parentId: null, name: '测试县信访办' });
    const ids = await seedMessages(site.siteId, [section, office, section].map((unitId) => ({ unitId, status: 'replied' as const })));
    // Buried under the site's newest messages.
    await boardOfSizeOn(site);
    for (const [unit, expected] of [[office, [ids[1]]], [section, [ids[2], ids[0]]]] as const) {
      for (const params of [{ unit }, { unit, status: 'answered' }] as Record<string, string>[]) {
        const response = await request(`/v1/sites/${site.siteId}/messages?${new URLSearchParams(params)}`);
        const page = await response.json<MessagePage>();
        expect(page.items.map((m) => m.id), JSON.stringify(params)).toEqual(expected);
        expect(d1Cost(response).rowsRead, JSON.stringify(params)).toBeLessThanOrEqual(rowsGoal(expected.length));
      }
    }
  });

  it('reads the names of the units on a page once per worker, and again as soon as one of them changes', async () => {
    const site = await createSite();
    await seedMessages(site.siteId, [{ unitId: site.eduUnit }, { unitId: site.transportUnit }]);
    const path = `/v1/sites/${site.siteId}/messages`;
    const first = await costOf(path);
    const again = await costOf(path);
    // The 2 units on the page (of the site's 4) are read once: the same page then costs the site lookup and the page alone.
    expect(again.queries).toBe(first.queries - 1);
    expect(again.rowsRead).toBeLessThan(first.rowsRead);
    await db.run(db.q.updateTable('units').set({ name: '测试县教育和体育局' }).where('id', '=', site.eduUnit));
    const renamed = await request(path);
    expect(d1Cost(renamed).queries).toBe(first.queries);
    const page = await renamed.json<MessagePage>();
    expect(page.items.find((m) => m.unit.id === site.eduUnit)?.unit.name).toBe('测试县教育和体育局');
  });

  it('a card shows the latest rating from its message row, and none before the first', async () => {
    const site = await createSite();
    const [rated, unrated] = await seedMessages(site.siteId, [{ unitId: site.eduUnit, status: 'replied' }, { unitId: site.eduUnit, status: 'replied' }]);
    await addRating(rated!, { overall: 2, resolution: 1, attitude: 3, speed: 2 }, new Date('2026-03-01T02:00:00Z'));
    await addRating(rated!, { overall: 5, resolution: 4, attitude: 5, speed: 3 }, new Date('2026-03-09T02:00:00Z'));
    const response = await request(`/v1/sites/${site.siteId}/messages?unit=${site.eduUnit}`);
    const page = await response.json<MessagePage>();
    expect(page.items.find((m) => m.id === rated)?.rating).toEqual({ overall: 5, resolution: 4, attitude: 5, speed: 3, createdAt: '2026-03-09T10:00:00+08:00' });
    expect(page.items.find((m) => m.id === unrated)?.rating).toBeNull();
  });

  it('the detail reads the message, its replies, events and rating, not the board', async () => {
    const small = await boardOfSize(0);
    const large = await boardOfSize(220);
    const detail = (site: Awaited<ReturnType<typeof boardOfSize>>) => costOf(`/v1/sites/${site.siteId}/messages/${site.newest}`);
    const cost = await detail(large);
    expect(Math.abs(cost.rowsRead - (await detail(small)).rowsRead)).toBeLessThanOrEqual(LAYOUT_SLACK);
    expect(cost.rowsRead).toBeLessThanOrEqual(20);
  });
});
