import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PublicMessageDetailSchema, PublicMessageSchema, type MessagePage, type PublicMessageDetail,
} from '../../../sdk/src/schemas/message';
import {
  addEvent, addRating, addReply, addUnit, createCampaign, createSite, expectNoPersonalData, expectProblem, messageRow,
  PLACEHOLDER_CIPHERTEXT, request, seedMessages, submit, validMessage, type SeedMessage,
} from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';

/** Submitted by a citizen and published by a moderator, as on a site with pre-moderation. */
async function publishedMessage(siteId: string, unitId: string, title: string, body = '县城的路灯坏了很久没人修，晚上出行很不方便。') {
  const response = await submit(siteId, validMessage(unitId, { title, body }));
  const { id } = await response.json<{ id: string }>();
  const moderator = await createOfficial(siteId, 'moderator');
  expect((await consoleRequest(`/v1/console/messages/${id}/publish`, { as: moderator, method: 'POST', body: {} })).status).toBe(200);
  return id;
}

describe('GET /v1/sites/:site/messages', () => {
  it('lists published public messages, finds two-character Chinese words, and pages with a cursor', async () => {
    const { siteId, eduUnit } = await createSite();
    const first = await publishedMessage(siteId, eduUnit, '路灯不亮');
    const second = await publishedMessage(siteId, eduUnit, '学校门口拥堵', '早高峰车辆乱停，孩子过马路很危险。');
    await submit(siteId, validMessage(eduUnit, { title: '未审核的留言' }));

    const all = await (await request(`/v1/sites/${siteId}/messages`)).json<MessagePage>();
    expect(all.items.map((m) => m.id)).toEqual([second, first]);
    expect(JSON.stringify(all)).not.toContain('13912345678');

    const found = await (await request(`/v1/sites/${siteId}/messages?q=${encodeURIComponent('路灯')}`)).json<MessagePage>();
    expect(found.items.map((m) => m.id)).toEqual([first]);

    const page1 = await (await request(`/v1/sites/${siteId}/messages?limit=1`)).json<MessagePage>();
    expect(page1.items.map((m) => m.id)).toEqual([second]);
    const page2 = await (await request(`/v1/sites/${siteId}/messages?limit=1&cursor=${page1.nextCursor}`)).json<MessagePage>();
    expect(page2.items.map((m) => m.id)).toEqual([first]);
    expect(page2.nextCursor).toBeNull();
  });

  it('shows one public message with its timeline, and hides unpublished ones as missing', async () => {
    const { siteId, eduUnit } = await createSite();
    const id = await publishedMessage(siteId, eduUnit, '路灯不亮');
    const response = await request(`/v1/sites/${siteId}/messages/${id}`);
    expect(response.status).toBe(200);
    const detail = await response.json<PublicMessageDetail>();
    expect(detail.timeline.map((e) => e.kind)).toEqual(['submitted', 'published']);
    const etag = response.headers.get('ETag')!;
    expect((await request(`/v1/sites/${siteId}/messages/${id}`, { headers: { 'If-None-Match': etag } })).status).toBe(304);

    const pending = await (await submit(siteId, validMessage(eduUnit))).json<{ id: string }>();
    const hidden = await request(`/v1/sites/${siteId}/messages/${pending.id}`);
    expect(hidden.status).toBe(404);
  });
});

// ---------------------------------------------------------------------------------------------
// Helpers: the board as a reader sees it, and a site seeded with messages in every state.

const STATUSES = ['submitted', 'accepted', 'in_progress', 'replied', 'closed'] as const;
const TYPES = ['suggestion', 'complaint', 'help', 'consultation'] as const;
const DOMAINS = ['urban', 'transport', 'education'] as const;
/** Not published or not public: never on the board, in search or in detail. */
const UNSEEN = [
  { moderation: 'pending' },
  { moderation: 'rejected' },
  { moderation: 'hidden' },
  { moderation: 'published', isPublic: false },
] as const satisfies Partial<SeedMessage>[];

type Params = Record<string, string | number | undefined>;

function boardUrl(siteId: string, params: Params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, String(value));
  const qs = query.toString();
  return `/v1/sites/${siteId}/messages${qs ? `?${qs}` : ''}`;
}

async function boardPage(siteId: string, params: Params = {}): Promise<MessagePage> {
  const response = await request(boardUrl(siteId, params));
  expect(response.status).toBe(200);
  return response.json<MessagePage>();
}

/** Every id the board lists for these filters, following nextCursor page by page. */
async function everyId(siteId: string, params: Params = {}, limit = 50): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await boardPage(siteId, { ...params, limit, cursor });
    ids.push(...page.items.map((m) => m.id));
    if (!page.nextCursor) return ids;
    expect(page.items).toHaveLength(limit); // only a full page says there is more
    cursor = page.nextCursor;
  }
  throw new Error('more than 100 pages');
}

interface BoardRow {
  id: string;
  unitId: string;
  status: (typeof STATUSES)[number];
  type: (typeof TYPES)[number];
  domain: (typeof DOMAINS)[number];
  campaign: 'roads' | 'schools' | null;
  title: string;
  body: string;
  visible: boolean;
}

/**
 * A county board: 60 published public messages spread over every unit (a leader, its two departments,
 * a section under one department, a retired office), status, type, domain and two campaigns, with
 * 20 messages that must stay unseen (pending, rejected, hidden, private) interleaved among them, and a
 * neighbouring site with the same mix written before and after. Rows are listed oldest first.
 */
async function countyBoard() {
  const site = await createSite();
  const section = await addUnit(site.siteId, { id: 'edu_basic', parentId: site.eduUnit, name: '测试县教育局基础教育股' });
  const open = { startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() + 86_400_000) };
  const campaignIds = {
    roads: await createCampaign(site.siteId, { slug: 'roads', ...open }),
    schools: await createCampaign(site.siteId, { slug: 'schools', ...open }),
  };
  const units = [site.headUnit, site.eduUnit, site.transportUnit, section, site.inactiveUnit];
  const specs: Omit<BoardRow, 'id'>[] = [];
  for (let i = 0; i < 60; i++) {
    const row = {
      unitId: units[i % 5]!,
      status: STATUSES[Math.floor(i / 5) % 5]!,
      type: TYPES[i % 4]!,
      domain: DOMAINS[i % 3]!,
      campaign: i % 6 === 0 ? 'roads' as const : i % 6 === 3 ? 'schools' as const : null,
      title: `路灯不亮 第${i}条`,
      body: `县城的路灯坏了很久没人修（${i}）。`,
    };
    specs.push({ ...row, visible: true });
    if (i % 3 === 1) specs.push({ ...row, title: `路灯不亮 未公开${i}`, visible: false });
  }
  let unseen = 0;
  const ids = await seedMessages(site.siteId, specs.map(({ campaign, visible, ...m }) => ({
    ...m,
    campaignId: campaign ? campaignIds[campaign] : null,
    ...(visible ? {} : UNSEEN[unseen++ % UNSEEN.length]),
  })));
  const rows: BoardRow[] = specs.map((spec, i) => ({ ...spec, id: ids[i]! }));

  const neighbour = await createSite();
  const neighbourMessages = (n: number) => seedMessages(neighbour.siteId, Array.from({ length: n }, (_, i) => ({
    unitId: [neighbour.headUnit, neighbour.eduUnit, neighbour.transportUnit][i % 3]!,
    status: STATUSES[i % 5], type: TYPES[i % 4], domain: DOMAINS[i % 3],
    title: `路灯不亮 邻县${i}`, body: '县城的路灯坏了很久没人修。',
  })));
  const neighbourIds = [...await neighbourMessages(10)];
  // The neighbour's newer messages sit between this site's rows in seq order too.
  neighbourIds.push(...await neighbourMessages(10));
  return { ...site, section, rows, neighbour, neighbourIds };
}

/** What the board must list: the visible rows matching, newest first. */
const expectedIds = (rows: BoardRow[], matches: (row: BoardRow) => boolean = () => true) =>
  rows.filter((row) => row.visible && matches(row)).map((row) => row.id).reverse();

type County = Awaited<ReturnType<typeof countyBoard>>;
type FilterCase = [name: string, params: (b: County) => Params, matches: (row: BoardRow, b: County) => boolean];

const FILTERS: FilterCase[] = [
  ['no filter', () => ({}), () => true],
  ['status=awaiting: submitted and accepted', () => ({ status: 'awaiting' }), (r) => r.status === 'submitted' || r.status === 'accepted'],
  ['status=in_progress', () => ({ status: 'in_progress' }), (r) => r.status === 'in_progress'],
  ['status=answered: replied and closed', () => ({ status: 'answered' }), (r) => r.status === 'replied' || r.status === 'closed'],
  ...TYPES.map((type): FilterCase => [`type=${type}`, () => ({ type }), (r) => r.type === type]),
  ...DOMAINS.map((domain): FilterCase => [`domain=${domain}`, () => ({ domain }), (r) => r.domain === domain]),
  ['unit=a leader: the leader and every unit below it', (b) => ({ unit: b.headUnit }),
    (r, b) => [b.headUnit, b.eduUnit, b.transportUnit, b.section].includes(r.unitId)],
  ['unit=a department with a section: both', (b) => ({ unit: b.eduUnit }), (r, b) => r.unitId === b.eduUnit || r.unitId === b.section],
  ['unit=a department alone', (b) => ({ unit: b.transportUnit }), (r, b) => r.unitId === b.transportUnit],
  ['unit=a section (a leaf)', (b) => ({ unit: b.section }), (r, b) => r.unitId === b.section],
  ['unit=a retired office', (b) => ({ unit: b.inactiveUnit }), (r, b) => r.unitId === b.inactiveUnit],
  ['campaign=roads', () => ({ campaign: 'roads' }), (r) => r.campaign === 'roads'],
  ['campaign=schools', () => ({ campaign: 'schools' }), (r) => r.campaign === 'schools'],
  ['status=answered&type=complaint', () => ({ status: 'answered', type: 'complaint' }),
    (r) => (r.status === 'replied' || r.status === 'closed') && r.type === 'complaint'],
  ['unit=department&status=awaiting', (b) => ({ unit: b.eduUnit, status: 'awaiting' }),
    (r, b) => (r.unitId === b.eduUnit || r.unitId === b.section) && (r.status === 'submitted' || r.status === 'accepted')],
  ['unit=leader&domain=transport&type=help', (b) => ({ unit: b.headUnit, domain: 'transport', type: 'help' }),
    (r, b) => r.unitId !== b.inactiveUnit && r.domain === 'transport' && r.type === 'help'],
  ['campaign=roads&status=in_progress', () => ({ campaign: 'roads', status: 'in_progress' }), (r) => r.campaign === 'roads' && r.status === 'in_progress'],
  ['campaign=schools&unit=department', (b) => ({ campaign: 'schools', unit: b.transportUnit }),
    (r, b) => r.campaign === 'schools' && r.unitId === b.transportUnit],
  ['type=help&domain=urban&status=answered', () => ({ type: 'help', domain: 'urban', status: 'answered' }),
    (r) => r.type === 'help' && r.domain === 'urban' && (r.status === 'replied' || r.status === 'closed')],
];

describe('GET /v1/sites/:site/messages — filters and tabs', () => {
  it.each(FILTERS)('%s: exactly the matching published public messages, newest first', async (_name, params, matches) => {
    const board = await countyBoard();
    const expected = expectedIds(board.rows, (row) => matches(row, board));
    expect(expected.length).toBeGreaterThan(0);
    expect(await everyId(board.siteId, params(board))).toEqual(expected);
  });

  it('describes each listed message by the filter fields it was found by', async () => {
    const board = await countyBoard();
    const answered = await boardPage(board.siteId, { status: 'answered', limit: 50 });
    expect(new Set(answered.items.map((m) => m.tab))).toEqual(new Set(['answered']));
    expect(new Set(answered.items.map((m) => m.status))).toEqual(new Set(['replied', 'closed']));
    const roads = await boardPage(board.siteId, { campaign: 'roads', type: 'help', limit: 50 });
    expect(roads.items.length).toBeGreaterThan(0);
    for (const item of roads.items) expect(item).toMatchObject({ campaign: 'roads', type: 'help' });
    const section = await boardPage(board.siteId, { unit: board.section });
    for (const item of section.items) expect(item.unit).toEqual({ id: board.section, name: '测试县教育局基础教育股' });
  });

  it('names an unknown unit or campaign, or one of another site, instead of listing nothing', async () => {
    const board = await countyBoard();
    const neighbourCampaign = await createCampaign(board.neighbour.siteId, { slug: 'elsewhere', startsAt: new Date(0), endsAt: new Date(Date.now() + 86_400_000) });
    await seedMessages(board.neighbour.siteId, [{ unitId: board.neighbour.eduUnit, campaignId: neighbourCampaign }]);
    for (const [params, field, code] of [
      [{ unit: 'no-such-unit' }, 'unit', 'unknown_unit'], [{ campaign: 'no-such-campaign' }, 'campaign', 'unknown_campaign'],
      [{ unit: board.neighbour.headUnit }, 'unit', 'unknown_unit'], [{ campaign: 'elsewhere' }, 'campaign', 'unknown_campaign'],
    ] as const) {
      const problem = await expectProblem(await request(boardUrl(board.siteId, params)), 422, 'validation');
      expect(problem.errors).toEqual([expect.objectContaining({ field, code })]);
    }
    // A drive of its own with nothing published yet is an empty list, not a problem.
    await createCampaign(board.siteId, { slug: 'quiet', startsAt: new Date(0), endsAt: new Date(Date.now() + 86_400_000) });
    expect(await boardPage(board.siteId, { campaign: 'quiet' })).toEqual({ items: [], nextCursor: null });
    // ...while the neighbour's own board lists them.
    expect((await boardPage(board.neighbour.siteId, { campaign: 'elsewhere' })).items).toHaveLength(1);
  });

  it('a unit with many units below it (a leader and all the departments) lists all of them, in every tab and page', async () => {
    const board = await countyBoard();
    // Three more departments under the leader: 7 units in its subtree.
    const more = [];
    for (const name of ['卫生健康局', '住房和城乡建设局', '生态环境局']) more.push(await addUnit(board.siteId, { id: name, parentId: board.headUnit, name: `测试县${name}` }));
    const ids = await seedMessages(board.siteId, more.map((unitId, i) => ({ unitId, status: (['submitted', 'replied', 'closed'] as const)[i] })));
    const subtree = [board.headUnit, board.eduUnit, board.transportUnit, board.section, ...more];
    const rows = [...board.rows, ...more.map((unitId, i): BoardRow => ({
      id: ids[i]!, unitId, status: (['submitted', 'replied', 'closed'] as const)[i]!, type: 'complaint', domain: 'urban', campaign: null, title: '', body: '', visible: true,
    }))];
    expect(await everyId(board.siteId, { unit: board.headUnit }, 7)).toEqual(expectedIds(rows, (r) => subtree.includes(r.unitId)));
    expect(await everyId(board.siteId, { unit: board.headUnit, status: 'answered' }, 5))
      .toEqual(expectedIds(rows, (r) => subtree.includes(r.unitId) && (r.status === 'replied' || r.status === 'closed')));
  });

  it('never lists another site’s messages', async () => {
    const board = await countyBoard();
    const listed = await everyId(board.siteId);
    for (const id of board.neighbourIds) expect(listed).not.toContain(id);
    expect(await everyId(board.neighbour.siteId)).toEqual([...board.neighbourIds].reverse());
  });
});

describe('GET /v1/sites/:site/messages — page size and parameters', () => {
  it('gives 20 by default, up to 50 on request, newest first', async () => {
    const board = await countyBoard();
    const all = expectedIds(board.rows);
    const first = await boardPage(board.siteId);
    expect(first.items.map((m) => m.id)).toEqual(all.slice(0, 20));
    expect(first.nextCursor).not.toBeNull();
    expect((await boardPage(board.siteId, { limit: 50 })).items.map((m) => m.id)).toEqual(all.slice(0, 50));
    expect((await boardPage(board.siteId, { limit: 1 })).items.map((m) => m.id)).toEqual(all.slice(0, 1));
  });

  it.each([['51'], ['0'], ['-1'], ['2.5'], ['twenty'], ['1e1'], ['0x10'], ['2.0'], ['%205']])('refuses limit=%s with 422 naming limit', async (limit) => {
    const { siteId } = await createSite();
    const problem = await expectProblem(await request(`/v1/sites/${siteId}/messages?limit=${limit}`), 422, 'validation');
    expect(problem.errors?.map((e) => e.field)).toEqual(['limit']);
  });

  it.each([
    ['status', 'open'], ['type', 'praise'], ['domain', 'space'], ['q', '%20%20'], ['unit', 'u'.repeat(65)],
    // Six words (five are looked for: none is left out), a line break, a bidirectional override.
    ['q', encodeURIComponent('路灯 坏 了 很久 没人 修')], ['q', encodeURIComponent('路灯\n坏了')], ['q', encodeURIComponent('\u202E路灯')],
  ])(
    'refuses an invalid %s with 422 naming it', async (field, value) => {
      const { siteId } = await createSite();
      const problem = await expectProblem(await request(`/v1/sites/${siteId}/messages?${field}=${value}`), 422, 'validation');
      expect(problem.errors?.map((e) => e.field)).toEqual([field]);
    });
});

describe('GET /v1/sites/:site/messages — what is never shown', () => {
  async function boardWithUnseen() {
    const site = await createSite();
    const text = { title: '县城的路灯坏了很久没人修', body: '晚上出行很不方便，路灯一直不亮。' };
    const [older, ...unseen] = await seedMessages(site.siteId, [{ unitId: site.eduUnit, ...text }, ...UNSEEN.map((state) => ({ unitId: site.eduUnit, ...text, ...state }))]);
    const [newer] = await seedMessages(site.siteId, [{ unitId: site.eduUnit, ...text }]);
    const neighbour = await createSite();
    const [foreign] = await seedMessages(neighbour.siteId, [{ unitId: neighbour.eduUnit, ...text }]);
    return { ...site, visible: [newer!, older!], unseen, foreign: foreign!, neighbour };
  }

  it('shows no number of a message: the cursor is the last card\'s id, so its gaps count nothing unseen', async () => {
    const board = await boardWithUnseen();
    const first = await boardPage(board.siteId, { limit: 1 });
    expect(first.nextCursor).toBe(board.visible[0]);
    const second = await boardPage(board.siteId, { limit: 1, cursor: first.nextCursor! });
    expect(second.items.map((m) => m.id)).toEqual([board.visible[1]]);
    // A number where a cursor was (the form it had) is refused, so no one can walk the numbers.
    const [visibleSeq] = (await env.DB.prepare('SELECT seq FROM messages WHERE id = ?').bind(board.visible[0]).raw<[number]>());
    for (const cursor of [String(visibleSeq![0]), visibleSeq![0].toString(36)]) {
      const problem = await expectProblem(await request(`/v1/sites/${board.siteId}/messages?cursor=${cursor}`), 422, 'validation');
      expect(problem.errors?.map((e) => e.field)).toEqual(['cursor']);
    }
  });

  it('refuses a cursor naming anything but a card of this board, as it refuses an unknown id', async () => {
    const board = await boardWithUnseen();
    // A message no one was shown (held, rejected, private) answers as one that does not exist: the
    // page below it would say that it exists, and when it came. (A hidden one was on the board: below.)
    const hidden = board.unseen[UNSEEN.findIndex((state) => state.moderation === 'hidden')]!;
    for (const cursor of ['m_unknown', board.foreign, ...board.unseen.filter((id) => id !== hidden)]) {
      const response = await request(`/v1/sites/${board.siteId}/messages?cursor=${cursor}`);
      expect((await expectProblem(response, 422, 'validation')).errors, cursor).toEqual([{ field: 'cursor', code: 'invalid', message: expect.any(String) }]);
    }
  });

  it('goes on below the reader’s last card when a moderator hid it meanwhile, in every filter and search', async () => {
    const site = await createSite();
    const text = { title: '县城的路灯坏了很久没人修', body: '晚上出行很不方便，路灯一直不亮。' };
    const [oldest, middle, newest] = await seedMessages(site.siteId, [1, 2, 3].map(() => ({ unitId: site.eduUnit, ...text })));
    for (const params of [{}, { unit: site.eduUnit }, { q: '路灯' }, { status: 'awaiting' }]) {
      const first = await boardPage(site.siteId, { ...params, limit: 2 });
      expect(first.items.map((m) => m.id)).toEqual([newest, middle]);
      await env.DB.prepare("UPDATE messages SET moderation = 'hidden' WHERE id = ?").bind(middle).run();
      const next = await boardPage(site.siteId, { ...params, limit: 2, cursor: first.nextCursor! });
      expect(next.items.map((m) => m.id), JSON.stringify(params)).toEqual([oldest]);
      await env.DB.prepare("UPDATE messages SET moderation = 'published' WHERE id = ?").bind(middle).run();
    }
  });

  it('lists only published public messages of this site, in every tab, filter and search', async () => {
    const board = await boardWithUnseen();
    for (const params of [{}, { status: 'awaiting' }, { unit: board.headUnit }, { unit: board.eduUnit }, { type: 'complaint' }, { domain: 'urban' },
      { q: '路灯' }, { q: '路灯坏了' }, { q: '没人修' }, { q: '灯' }, { q: '修', status: 'awaiting' }]) {
      expect(await everyId(board.siteId, params, 1)).toEqual(board.visible);
    }
  });

  it('answers 404 for a pending, rejected, hidden, private or foreign message exactly as for a missing id', async () => {
    const board = await boardWithUnseen();
    const missing = await request(`/v1/sites/${board.siteId}/messages/m_doesnotexist00`);
    const missingBody = await missing.text();
    expect(missing.status).toBe(404);
    for (const id of [...board.unseen, board.foreign]) {
      const response = await request(`/v1/sites/${board.siteId}/messages/${id}`);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(missingBody);
      for (const header of ['Content-Type', 'Cache-Control', 'ETag']) expect(response.headers.get(header)).toBe(missing.headers.get(header));
    }
    // The same ids exist: the foreign one is public on its own site, the visible ones here.
    expect((await request(`/v1/sites/${board.neighbour.siteId}/messages/${board.foreign}`)).status).toBe(200);
    for (const id of board.visible) expect((await request(`/v1/sites/${board.siteId}/messages/${id}`)).status).toBe(200);
  });

  it('never shows the author’s name, phone, email, contact ciphertexts or tracking data', async () => {
    const { siteId, eduUnit } = await createSite();
    const submitted = await (await submit(siteId, validMessage(eduUnit, { title: '县城的路灯坏了很久没人修' }))).json<{ id: string }>();
    await env.DB.prepare("UPDATE messages SET moderation = 'published' WHERE id = ?").bind(submitted.id).run();
    const [seeded] = await seedMessages(siteId, [{ unitId: eduUnit, title: '路灯不亮' }]);
    await addReply(seeded!, { unitId: eduUnit });
    const stored = (await messageRow(submitted.id))!;

    const paths = [
      '', `?q=${encodeURIComponent('路灯')}`, `?q=${encodeURIComponent('灯')}`, `/${submitted.id}`, `/${seeded}`,
    ].map((suffix) => `/v1/sites/${siteId}/messages${suffix}`);
    const raws: string[] = [];
    for (const path of paths) {
      const response = await request(path);
      expect(response.status).toBe(200);
      const raw = await response.text();
      raws.push(raw);
      expectNoPersonalData(raw);
      for (const secret of [stored.author_name_enc, stored.author_phone_enc, stored.author_email_enc!, stored.tracking_hash, PLACEHOLDER_CIPHERTEXT]) {
        expect(raw).not.toContain(secret);
      }
      expect(raw.toLowerCase()).not.toContain('tracking');
      expect(raw).not.toContain('_enc');
    }
    // Exactly the published fields, nothing more; the name only as chosen for display.
    const [list, , , detail] = raws;
    const page = JSON.parse(list!) as MessagePage;
    expect(page.items.map((m) => [m.id, m.displayName])).toEqual([[seeded, '李***'], [submitted.id, '陈***']]);
    for (const item of page.items) expect(Object.keys(item).sort()).toEqual(Object.keys(PublicMessageSchema.shape).sort());
    expect(Object.keys(JSON.parse(detail!) as object).sort()).toEqual(Object.keys(PublicMessageDetailSchema.shape).sort());
  });
});

// Walking every page of many filters makes hundreds of requests: seconds on a busy shared machine.
describe('GET /v1/sites/:site/messages — cursor', { timeout: 30_000 }, () => {
  it('returns every message exactly once across pages, for any page size and filter', async () => {
    const board = await countyBoard();
    for (const limit of [1, 7, 20, 50]) {
      const ids = await everyId(board.siteId, {}, limit);
      expect(ids).toEqual(expectedIds(board.rows));
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(await everyId(board.siteId, { status: 'answered', unit: board.headUnit }, 3))
      .toEqual(expectedIds(board.rows, (r) => (r.status === 'replied' || r.status === 'closed') && r.unitId !== board.inactiveUnit));
  });

  it('is stable while new messages arrive: later pages neither show them nor shift', async () => {
    const board = await countyBoard();
    const before = expectedIds(board.rows);
    const seen: string[] = [];
    const arrived: string[] = [];
    let cursor: string | undefined;
    for (let n = 0; ; n++) {
      const page = await boardPage(board.siteId, { limit: 7, cursor });
      expect(page.items.map((m) => m.id)).toEqual(before.slice(n * 7, n * 7 + 7));
      seen.push(...page.items.map((m) => m.id));
      // Between page requests: new messages, published at once or later, in this site and the next.
      arrived.push(...await seedMessages(board.siteId, [{ unitId: board.eduUnit }, { unitId: board.headUnit, status: 'replied' }]));
      // (A phone per citizen: one phone may submit only a few messages a day.)
      const author = { name: '陈明', phone: `1391234${String(5000 + n).padStart(4, '0')}` };
      const submitted = await (await submit(board.siteId, validMessage(board.eduUnit, { author }))).json<{ id: string }>();
      await env.DB.prepare("UPDATE messages SET moderation = 'published' WHERE id = ?").bind(submitted.id).run();
      arrived.push(submitted.id);
      await seedMessages(board.neighbour.siteId, [{ unitId: board.neighbour.eduUnit }]);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(before);
    // A new first page starts with them, newest first.
    expect((await boardPage(board.siteId, { limit: arrived.length })).items.map((m) => m.id)).toEqual([...arrived].reverse());
  });

  it.each([['ABC'], ['-1'], ['1.5'], ['路灯'], [' '], ['zzzzzzzzzzzz'], ['zzzzzzzzzzz'], ['a'.repeat(33)], ['m_'], ['M_abc']])(
    'refuses cursor=%s with 422 naming cursor', async (cursor) => {
      const { siteId } = await createSite();
      for (const extra of ['', `&q=${encodeURIComponent('路灯')}`, `&q=${encodeURIComponent('灯')}&status=answered`]) {
        const response = await request(`/v1/sites/${siteId}/messages?cursor=${encodeURIComponent(cursor)}${extra}`);
        const problem = await expectProblem(response, 422, 'validation');
        expect(problem.errors?.map((e) => e.field)).toEqual(['cursor']);
      }
    });
});

// Titles and bodies a county board receives, chosen so that terms cut across words, scripts, digits,
// punctuation and the title/body boundary.
const SEARCH_TEXTS: [title: string, body: string][] = [
  ['县城的路灯坏了很久没人修', '晚上出行很不方便。'],
  ['路灯不亮', '人民路的路灯一到晚上就不亮。'],
  ['小区路灯', '路灯坏了，物业说不归他们管。'],
  ['灯光太亮', '广场的射灯晚上太亮，影响休息。'],
  ['路口红绿灯', '红绿灯时间太短，老人过不去。'],
  ['道路破损', '城南路坏了好几个坑，下雨积水。'],
  ['3号楼漏水', '幸福小区3号楼顶楼漏水一个月了。'],
  ['第3号楼前垃圾', '垃圾桶满了没人清理。'],
  ['WiFi信号差', '图书馆的WiFi经常断线。'],
  ['wifi收费', '车站wifi要收费合理吗'],
  ['APP无法登录', '政务APP登录一直失败，版本2.3.1。'],
  ['5G基站', '村里没有5G信号，4G也很弱。'],
  ['公交车太少', '5路公交车太少，等车要半小时。'],
  ['医保报销', '异地就医报销流程复杂。'],
  ['学校门口拥堵', '早高峰车辆乱停，路灯也不亮。'],
  ['噪音扰民', '工地夜间施工噪音很大。'],
  ['没人修', '反映多次没人修。'],
  ['坏了', '路灯'],
  ['路', '灯坏了'],
  ['垃圾分类', '垃圾分类宣传不到位。'],
  ['养老金', '养老金发放时间能否提前。'],
  ['取暖费', '取暖费标准是多少？'],
  ['路灯坏了很久', '县城的路灯坏了很久没人修，希望尽快处理。'],
  ['停车难', '老城区停车难，建议建立体车库。'],
  ['农村饮水', '村里自来水经常停水。'],
  ['就业补贴', '灵活就业人员社保补贴如何申请？'],
  ['电动车充电', '小区没有电动车充电桩，飞线充电很危险。'],
  ['城关小学', '城关小学食堂饭菜质量差。'],
  ['Bus 5路', '5路车末班太早。'],
  ['路灯灯杆倾斜', '灯杆被车撞歪了。'],
];

/**
 * A board of SEARCH_TEXTS spread over units, tabs, types, domains and a campaign, with the same texts
 * also in unseen states and on another site.
 */
async function searchBoard() {
  const site = await createSite();
  const roads = await createCampaign(site.siteId, { slug: 'roads', startsAt: new Date(0), endsAt: new Date(Date.now() + 86_400_000) });
  const units = [site.eduUnit, site.transportUnit, site.headUnit];
  const specs: SeedMessage[] = SEARCH_TEXTS.flatMap(([title, body], i) => {
    const spec: SeedMessage = {
      unitId: units[i % 3]!, title, body, status: STATUSES[i % 5], type: TYPES[i % 4], domain: DOMAINS[(i >> 1) % 3],
      campaignId: i % 4 === 1 ? roads : null,
    };
    return i % 5 === 2 ? [spec, { ...spec, ...UNSEEN[i % 4] }] : [spec];
  });
  await seedMessages(site.siteId, specs);
  const neighbour = await createSite();
  await seedMessages(neighbour.siteId, SEARCH_TEXTS.map(([title, body]) => ({ unitId: neighbour.eduUnit, title, body })));
  return site;
}

/** The reference: LIKE '%term%' over title and body of the site's published public messages (and filters), newest first. */
async function likeIds(siteId: string, term: string, filterSql = '', ...filterParams: unknown[]) {
  const { results } = await env.DB.prepare(`SELECT id FROM messages
      WHERE site_id = ?1 AND moderation = 'published' AND is_public = 1 AND (title LIKE ?2 OR body LIKE ?2) ${filterSql}
      ORDER BY seq DESC`).bind(siteId, `%${term}%`, ...filterParams).all<{ id: string }>();
  return results.map((r) => r.id);
}

const SEARCH_TERMS = [
  '路灯', '坏了', '垃圾', '灯杆', // 2 characters
  '路灯坏', '没人修', '红绿灯', // 3
  '路灯坏了', '垃圾分类', '灯坏了很', // 4 and more
  'WiFi', 'wifi', 'APP', 'Bus', // Latin words, any case
  '3号楼', '5G', '4G', '2.3.1', '5路公交', // digits
  '灯', '修', '路', '水', // one character: its own token
];

describe('GET /v1/sites/:site/messages?q= — search', () => {
  it('finds 县城的路灯坏了很久没人修 by a 2-character word and by a longer phrase', async () => {
    const { siteId, eduUnit } = await createSite();
    const [target, distractor, split, other] = await seedMessages(siteId, [
      { unitId: eduUnit, title: '县城的路灯坏了很久没人修', body: '晚上出行很不方便。' },
      { unitId: eduUnit, title: '路灯不亮', body: '天黑后一片漆黑。' },
      { unitId: eduUnit, title: '路', body: '灯坏了' }, // 路灯坏了 only across the title/body boundary
      { unitId: eduUnit, title: '学校门口拥堵', body: '早高峰车辆乱停。' },
    ]);
    const found = async (q: string) => (await everyId(siteId, { q })).sort();
    expect(await found('路灯')).toEqual([target, distractor].sort());
    expect(await found('路灯坏了')).toEqual([target]);
    expect(await found('路灯坏了很久没人修')).toEqual([target]);
    expect(await found('灯坏了')).toEqual([target, split].sort());
    expect(await found('拥堵')).toEqual([other]);
    expect(await found('路灯修好了')).toEqual([]);
  });

  it('finds what a reader types in Simplified or Traditional characters in messages written in either form', async () => {
    const { siteId, eduUnit } = await createSite();
    const [simplifiedText, traditionalText, other] = await seedMessages(siteId, [
      { unitId: eduUnit, title: '县城的路灯坏了很久没人修', body: '晚上出行很不方便。' },
      { unitId: eduUnit, title: '縣城的路燈壞了', body: '臺灣同胞回鄉探親時反映。' },
      { unitId: eduUnit, title: '学校门口拥堵', body: '早高峰车辆乱停。' },
    ]);
    const found = async (q: string) => (await everyId(siteId, { q })).sort();
    expect(await found('路燈')).toEqual([simplifiedText, traditionalText].sort());
    expect(await found('路燈壞了')).toEqual([simplifiedText, traditionalText].sort());
    expect(await found('燈')).toEqual([simplifiedText, traditionalText].sort());
    expect(await found('學校 擁堵')).toEqual([other]);
    // Words parted by a comma or 、 as by a space.
    expect(await found('學校，擁堵')).toEqual([other]);
    expect(await found('门口、拥堵')).toEqual([other]);
    // The index holds both in Simplified characters: the words of either form find both.
    expect(await found('臺灣')).toEqual([traditionalText]);
    expect(await found('台湾 探亲')).toEqual([traditionalText]);
    expect(await found('路灯')).toEqual([simplifiedText, traditionalText].sort());
    expect(await found('灯坏了')).toEqual([simplifiedText, traditionalText].sort());
    expect(await found('县城')).toEqual([simplifiedText, traditionalText].sort());
  });

  it('finds a word pasted with an invisible character in it, and text holding one, as if it were not there', async () => {
    const { siteId, eduUnit } = await createSite();
    const [pasted, plain] = await seedMessages(siteId, [
      { unitId: eduUnit, title: '县城的路\u200B灯坏了', body: '从网页复制的标题，字间带了零宽空格。' },
      { unitId: eduUnit, title: '路灯不亮', body: '天黑后一片漆黑。' },
    ]);
    const found = async (q: string) => (await everyId(siteId, { q })).sort();
    expect(await found('路灯')).toEqual([pasted, plain].sort());
    expect(await found('路\u200B灯')).toEqual([pasted, plain].sort());
    expect(await found('\u00AD路灯坏了')).toEqual([pasted]);
  });

  it.each(SEARCH_TERMS)('q=%s finds exactly what LIKE finds in titles and bodies', async (term) => {
    const site = await searchBoard();
    const expected = await likeIds(site.siteId, term);
    expect(expected.length).toBeGreaterThan(0);
    expect(await everyId(site.siteId, { q: term })).toEqual(expected);
  });

  it('finds by any one character of the board’s texts exactly what LIKE finds', { timeout: 30_000 }, async () => {
    const site = await searchBoard();
    const characters = [...new Set(SEARCH_TEXTS.flatMap(([title, body]) => [...title, ...body]).filter((ch) => /^[\p{Script=Han}0-9]$/u.test(ch)))];
    expect(characters.length).toBeGreaterThan(60);
    for (const ch of characters.slice(0, 80)) expect(await everyId(site.siteId, { q: ch }), ch).toEqual(await likeIds(site.siteId, ch));
  });

  it('answers any text as a query with a page, never an error (fast-check: emoji, marks, private use, NUL, lone surrogates)', { timeout: 30_000 }, async () => {
    const site = await searchBoard();
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 50 }), async (q) => {
      const response = await request(`/v1/sites/${site.siteId}/messages?${new URLSearchParams({ q })}`);
      expect([200, 422], q).toContain(response.status);
      if (response.status === 200) expect(Array.isArray((await response.json<MessagePage>()).items)).toBe(true);
    }), { numRuns: 150 });
  });

  it('searches within every other filter, and pages the results with the cursor', { timeout: 30_000 }, async () => {
    const site = await searchBoard();
    const filters: [Params, string, ...unknown[]][] = [
      [{ status: 'answered' }, "AND status IN ('replied', 'closed')"],
      [{ status: 'awaiting' }, "AND status IN ('submitted', 'accepted')"],
      [{ unit: site.headUnit }, 'AND unit_id IN (?3, ?4, ?5)', site.headUnit, site.eduUnit, site.transportUnit],
      [{ unit: site.eduUnit }, 'AND unit_id = ?3', site.eduUnit],
      [{ type: 'help' }, "AND type = 'help'"],
      [{ domain: 'transport' }, "AND domain = 'transport'"],
      [{ campaign: 'roads' }, 'AND campaign_id IS NOT NULL'],
      [{ unit: site.transportUnit, status: 'answered' }, "AND unit_id = ?3 AND status IN ('replied', 'closed')", site.transportUnit],
    ];
    let nonEmpty = 0;
    for (const term of ['路灯', '坏了', '没人修', '灯', '路', 'wifi']) {
      for (const [params, filterSql, ...filterParams] of filters) {
        const expected = await likeIds(site.siteId, term, filterSql, ...filterParams);
        if (expected.length > 0) nonEmpty++;
        expect(await everyId(site.siteId, { ...params, q: term }, 2), `${term} ${JSON.stringify(params)}`).toEqual(expected);
      }
    }
    expect(nonEmpty).toBeGreaterThan(20);
  });

  it('treats search syntax, quotes and LIKE wildcards as plain text', async () => {
    const { siteId, eduUnit } = await createSite();
    const [percent, plain] = await seedMessages(siteId, [
      { unitId: eduUnit, title: '涨价100%', body: '水费涨了_一倍' },
      { unitId: eduUnit, title: '路灯不亮', body: '"路灯" OR 没人修' },
    ]);
    expect(await everyId(siteId, { q: '100%' })).toEqual([percent]);
    expect(await everyId(siteId, { q: '涨了_一倍' })).toEqual([percent]);
    // Punctuation alone finds nothing (and never everything).
    expect(await everyId(siteId, { q: '%' })).toEqual([]);
    expect(await everyId(siteId, { q: '_ 。' })).toEqual([]);
    expect(await everyId(siteId, { q: '"路灯" OR' })).toEqual([plain]);
    expect(await everyId(siteId, { q: 'NEAR(路灯' })).toEqual([]);
    expect(await everyId(siteId, { q: '路灯*' })).toEqual([plain]);
    expect(await everyId(siteId, { q: '路灯 *' })).toEqual([plain]);
  });

  it.each([['3号'], ['5路'], ['3号楼']])('q=%s finds what LIKE finds (a digit next to one Han character / a partial number)', async (term) => {
    const { siteId, eduUnit } = await createSite();
    await seedMessages(siteId, [
      { unitId: eduUnit, title: '13号楼电梯', body: '13号楼电梯经常停运。' },
      { unitId: eduUnit, title: '公交车太少', body: '5路公交车太少。' },
      { unitId: eduUnit, title: '3号楼漏水', body: '顶楼漏水。' },
    ]);
    expect(await everyId(siteId, { q: term })).toEqual(await likeIds(siteId, term));
  });
});

describe('GET /v1/sites/:site/messages?q= — width and case forms', () => {
  it('finds no phrase among a message’s characters, even where the tokenizer splits a query’s pair at a mark', async () => {
    const { siteId, eduUnit } = await createSite();
    const [hindi, han] = await seedMessages(siteId, [
      { unitId: eduUnit, title: 'कतार बहुत लंबी है', body: '请尽快处理。' },
      { unitId: eduUnit, title: '葛，城', body: '请尽快处理。' },
    ]);
    // Devanagari's vowel sign and an ideographic variation selector split the query's pairs into
    // single characters, which stand next to each other only among the stored characters.
    for (const q of ['कित', '葛\u{E0100}城']) expect(await everyId(siteId, { q }), q).toEqual([]);
    expect(await everyId(siteId, { q: 'कतार' })).toEqual([hindi]);
    expect(await everyId(siteId, { q: '葛' })).toEqual([han]);
  });

  it('finds text typed in full width, another case or as compatibility characters, whichever form the query has', async () => {
    const { siteId, eduUnit } = await createSite();
    const [bus, letters, fullBus, circled, wifi] = await seedMessages(siteId, [
      { unitId: eduUnit, title: '建议3路公交延长运营时间', body: '晚上九点以后没有车。' },
      { unitId: eduUnit, title: '网站无法登录', body: '提示错误代码ＡＢＣＤＥＦ，无法办理业务。' },
      { unitId: eduUnit, title: '建议１２路公交增加班次', body: '早高峰太挤。' },
      { unitId: eduUnit, title: '①号楼电梯故障', body: '已经停了三天。' },
      { unitId: eduUnit, title: '图书馆WiFi信号差', body: '无法上网。' },
    ]);
    const cases: [string, (string | undefined)[]][] = [
      ['３路', [bus]], ['3路', [bus]], ['ABCDEF', [letters]], ['abcdef', [letters]], ['ＡＢＣ', [letters]],
      ['12路', [fullBus]], ['１２路', [fullBus]], ['1号楼', [circled]], ['wifi', [wifi]], ['ＷｉＦｉ', [wifi]],
      // One character, as its own token in match form: ① is 1 there, as in 1号楼.
      ['３', [bus]], ['１', [circled, fullBus]], ['1', [circled, fullBus]], ['Ｗ', [wifi]], ['w', [wifi]],
    ];
    for (const [q, expected] of cases) expect(await everyId(siteId, { q }), q).toEqual(expected);
  });
});

describe('GET /v1/sites/:site/messages/:id — detail', () => {
  it('shows the body, the replies signed by their units in order, the public timeline and the rating', async () => {
    const { siteId, eduUnit, headUnit, transportUnit } = await createSite();
    const roads = await createCampaign(siteId, { slug: 'roads', startsAt: new Date(0), endsAt: new Date(Date.now() + 86_400_000) });
    const t0 = Date.parse('2026-11-02T01:00:00Z');
    const at = (hours: number) => new Date(t0 + hours * 3_600_000);
    const body = '县城的路灯坏了很久没人修，晚上出行很不方便。'.repeat(8);
    const [id] = await seedMessages(siteId, [{
      unitId: eduUnit, title: '县城的路灯坏了很久没人修', body, status: 'replied', type: 'help', domain: 'transport',
      campaignId: roads, region: '城关镇', displayName: '陈先生', createdAt: at(0), dueAt: at(24 * 7),
    }]);
    await addEvent(id!, { kind: 'accepted', unitId: eduUnit, createdAt: at(1) });
    await addEvent(id!, { kind: 'transferred', unitId: transportUnit, fromUnitId: eduUnit, note: '路灯归交通运输局管理', createdAt: at(2) });
    await addEvent(id!, { kind: 'extended', isPublic: false, unitId: transportUnit, note: '内部：等待预算审批', createdAt: at(3) });
    const interim = await addReply(id!, { unitId: transportUnit, kind: 'interim', body: '已派人查看，正在采购灯具。', createdAt: at(4) });
    await addEvent(id!, { kind: 'hidden', isPublic: false, note: '误操作隐藏', createdAt: at(5) });
    await addEvent(id!, { kind: 'published', createdAt: at(6) });
    const final = await addReply(id!, { unitId: headUnit, kind: 'final', body: '路灯已全部修复，感谢监督。', createdAt: at(7) });
    await addRating(id!, { overall: 2, resolution: 2, attitude: 3, speed: 1 }, at(8));
    await addRating(id!, { overall: 5, resolution: 4, attitude: 5, speed: 3 }, at(9));
    await addEvent(id!, { kind: 'rated', createdAt: at(9) });

    const response = await request(`/v1/sites/${siteId}/messages/${id}`);
    expect(response.status).toBe(200);
    const detail = await response.json<PublicMessageDetail>();
    const local = (date: Date) => `${new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
    expect(detail).toEqual({
      id,
      unit: { id: eduUnit, name: '测试县教育局' },
      type: 'help',
      domain: 'transport',
      campaign: 'roads',
      campaignTitle: '专栏 roads',
      title: '县城的路灯坏了很久没人修',
      body,
      region: '城关镇',
      displayName: '陈先生',
      status: 'replied',
      tab: 'answered',
      createdAt: local(at(0)),
      dueAt: local(at(24 * 7)),
      overdue: false,
      adoption: null,
      supportCount: 0,
      replyCount: 2,
      replies: [
        { id: interim, kind: 'interim', unit: { id: transportUnit, name: '测试县交通运输局' }, body: '已派人查看，正在采购灯具。', createdAt: local(at(4)), photos: [] },
        { id: final, kind: 'final', unit: { id: headUnit, name: '测试县县长' }, body: '路灯已全部修复，感谢监督。', createdAt: local(at(7)), photos: [] },
      ],
      timeline: [
        { kind: 'submitted', at: local(at(0)), unit: { id: eduUnit, name: '测试县教育局' }, note: null },
        { kind: 'published', at: local(at(0)), unit: null, note: null },
        { kind: 'accepted', at: local(at(1)), unit: { id: eduUnit, name: '测试县教育局' }, note: null },
        { kind: 'transferred', at: local(at(2)), unit: { id: transportUnit, name: '测试县交通运输局' }, note: '路灯归交通运输局管理' },
        { kind: 'replied', at: local(at(4)), unit: { id: transportUnit, name: '测试县交通运输局' }, note: null },
        { kind: 'published', at: local(at(6)), unit: null, note: null },
        { kind: 'replied', at: local(at(7)), unit: { id: headUnit, name: '测试县县长' }, note: null },
        { kind: 'rated', at: local(at(9)), unit: null, note: null },
      ],
      rating: { overall: 5, resolution: 4, attitude: 5, speed: 3, createdAt: local(at(9)) },
      ratings: [
        { overall: 2, resolution: 2, attitude: 3, speed: 1, createdAt: local(at(8)) },
        { overall: 5, resolution: 4, attitude: 5, speed: 3, createdAt: local(at(9)) },
      ],
      followUps: [],
      photos: [],
    });

    // The card on the board previews the latest reply.
    const [card] = (await boardPage(siteId)).items;
    expect(card).toMatchObject({
      id, excerpt: body.slice(0, 100), replyCount: 2,
      latestReply: { kind: 'final', unit: { id: headUnit, name: '测试县县长' }, excerpt: '路灯已全部修复，感谢监督。', createdAt: local(at(7)) },
    });
  });

  it('orders replies by time, whatever order they were stored in, and has no rating until there is one', async () => {
    const { siteId, eduUnit, headUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit, status: 'in_progress' }]);
    const later = await addReply(id!, { unitId: headUnit, kind: 'final', createdAt: new Date('2026-11-05T02:00:00Z') });
    const earlier = await addReply(id!, { unitId: eduUnit, kind: 'interim', createdAt: new Date('2026-11-03T02:00:00Z') });
    const detail = await (await request(`/v1/sites/${siteId}/messages/${id}`)).json<PublicMessageDetail>();
    expect(detail.replies.map((r) => [r.id, r.kind, r.unit.id])).toEqual([[earlier, 'interim', eduUnit], [later, 'final', headUnit]]);
    expect(detail.rating).toBeNull();
    expect(detail.tab).toBe('in_progress');
    expect((await boardPage(siteId)).items[0]!.latestReply).toMatchObject({ kind: 'final', unit: { id: headUnit } });

    const [bare] = await seedMessages(siteId, [{ unitId: eduUnit }]);
    const fresh = await (await request(`/v1/sites/${siteId}/messages/${bare}`)).json<PublicMessageDetail>();
    expect(fresh).toMatchObject({ replies: [], rating: null, replyCount: 0, tab: 'awaiting' });
    expect(fresh.timeline.map((e) => e.kind)).toEqual(['submitted', 'published']);
    expect((await boardPage(siteId)).items[0]!.latestReply).toBeNull();
  });

  it('keeps rejections, hidings and internal events out of the timeline', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit }]);
    await addEvent(id!, { kind: 'rejected', isPublic: false, note: '内部：疑似重复' });
    await addEvent(id!, { kind: 'hidden', isPublic: false, note: '内部：涉及隐私' });
    await addEvent(id!, { kind: 'followed_up', isPublic: false, note: '内部：电话回访' });
    await addEvent(id!, { kind: 'published' });
    const response = await request(`/v1/sites/${siteId}/messages/${id}`);
    const raw = await response.text();
    expect((JSON.parse(raw) as PublicMessageDetail).timeline.map((e) => e.kind)).toEqual(['submitted', 'published', 'published']);
    expect(raw).not.toContain('内部');
    expect(raw).not.toContain('rejected');
    expect(raw).not.toContain('hidden');
  });
});

describe('public caching', () => {
  const CACHE_CONTROL = /^public, max-age=(\d+)$/;

  async function expectCacheable(path: string) {
    const response = await request(path);
    expect(response.status).toBe(200);
    const etag = response.headers.get('ETag');
    expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
    const maxAge = Number(CACHE_CONTROL.exec(response.headers.get('Cache-Control') ?? '')?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(60);

    const again = await request(path, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('ETag')).toBe(etag);
    expect(again.headers.get('Cache-Control')).toMatch(CACHE_CONTROL);
    // HEAD says what GET would: the same validator and lifetime, no body.
    const head = await request(path, { method: 'HEAD' });
    expect([head.status, head.headers.get('ETag'), head.headers.get('Cache-Control'), await head.text()])
      .toEqual([200, etag, response.headers.get('Cache-Control'), '']);
    return etag!;
  }

  it('gives the list an ETag, 304 for it, and a new one when a message is published', async () => {
    const { siteId, eduUnit } = await createSite();
    const [first] = await seedMessages(siteId, [{ unitId: eduUnit }]);
    const list = `/v1/sites/${siteId}/messages`;
    const etag = await expectCacheable(list);
    expect(await expectCacheable(`${list}?status=awaiting`)).toBe(etag); // the same page, the same tag
    expect(await expectCacheable(`${list}?q=${encodeURIComponent('路灯')}`)).not.toBe(etag); // an empty page is another page

    const pending = await (await submit(siteId, validMessage(eduUnit))).json<{ id: string }>();
    expect(await expectCacheable(list)).toBe(etag); // a pending message changes nothing public
    await env.DB.prepare("UPDATE messages SET moderation = 'published' WHERE id = ?").bind(pending.id).run();
    const changed = await request(list, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    const newTag = changed.headers.get('ETag');
    expect(newTag).not.toBe(etag);
    expect((await changed.json<MessagePage>()).items.map((m) => m.id)).toEqual([pending.id, first]);
    expect(await expectCacheable(list)).toBe(newTag);
  });

  it('gives the detail an ETag, 304 for it, and a new one when a reply is added', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit }]);
    const path = `/v1/sites/${siteId}/messages/${id}`;
    const etag = await expectCacheable(path);
    await addReply(id!, { unitId: eduUnit });
    const changed = await request(path, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('ETag')).not.toBe(etag);
  });

  it('does not let shared caches keep errors', async () => {
    const { siteId } = await createSite();
    for (const path of [`/v1/sites/${siteId}/messages/m_missing`, `/v1/sites/${siteId}/messages?limit=51`]) {
      const response = await request(path);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.headers.get('Cache-Control')).toBe('no-store');
      expect(response.headers.get('ETag')).toBeNull();
    }
  });
});
