import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import type { QueuePage } from '../../../sdk/src/schemas/console';
import type { Dashboard, Stats } from '../../../sdk/src/schemas/stats';
import { databaseFor } from '../db/client';
import { readStats } from '../db/stats';
import {
  addCalendarDay, addRating, addReply, addUnits, ALLOWED_ORIGIN, createCampaign, createSite, d1Cost, expectProblem, request, seedMessages, submit, validMessage,
} from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';

const HOUR = 3_600_000;

async function stats(siteId: string, query = ''): Promise<Stats> {
  const response = await request(`/v1/sites/${siteId}/stats${query}`);
  expect(response.status).toBe(200);
  return response.json<Stats>();
}

/**
 * The same figures as officials read them (`readStats` without the public's floor): every score,
 * however few the ratings, so the arithmetic of a handful of ratings can be checked.
 */
async function scores(siteId: string, query = ''): Promise<Stats> {
  const q = new URLSearchParams(query);
  const unit = q.get('unit');
  return readStats(databaseFor(env, siteId), {
    siteId, unitsVersion: 0, units: unit ? [unit] : null, from: q.get('from') ?? undefined, to: q.get('to') ?? undefined, campaign: q.get('campaign') ?? undefined,
  }, null);
}

/** What the public reads of fewer than `PUBLIC_MIN_RATED` ratings: how many, and no score. */
const heldBack = (rated: number) => ({ rated, mean: null, distribution: [0, 0, 0, 0, 0], resolution: null, attitude: null, speed: null });

/**
 * Four counted messages over two months (two of them private) and a rejected one, with figures
 * worked out by hand in the comments.
 */
async function fixture() {
  const site = await createSite();
  const { siteId, headUnit, eduUnit, transportUnit } = site;
  const campaignId = await createCampaign(siteId, { slug: 'jianyan', startsAt: new Date('2026-10-01T00:00:00Z'), endsAt: new Date('2026-12-31T00:00:00Z') });
  const at = (iso: string) => new Date(iso);
  const [a, b, c] = await seedMessages(siteId, [
    // A: October, answered in 3 h 20 min (band 3–4 h), on time, rated 5/5/5/5.
    { unitId: eduUnit, type: 'complaint', domain: 'urban', status: 'closed', createdAt: at('2026-10-05T02:00:00Z'), title: '公开留言甲' },
    // B: October, private, answered in 31 h (band 30–36 h), on time, rated 2 (1/3/2).
    { unitId: eduUnit, type: 'help', domain: 'education', status: 'replied', isPublic: false, moderation: 'pending', createdAt: at('2026-10-10T00:00:00Z'), title: '私密留言乙' },
    // C: November (China time: 16:30 UTC on 31 October), a campaign's, due after a day, answered in 50 h (band 48–60 h): late.
    { unitId: transportUnit, type: 'suggestion', domain: 'transport', status: 'replied', campaignId, createdAt: at('2026-10-31T16:30:00Z'), dueAt: at('2026-11-01T16:30:00Z'), title: '公开留言丙' },
    // D: November, private, not answered.
    { unitId: transportUnit, type: 'complaint', domain: 'urban', status: 'accepted', isPublic: false, moderation: 'pending', createdAt: at('2026-11-03T00:00:00Z'), title: '私密留言丁' },
    // E: rejected by moderation: never counted.
    { unitId: headUnit, type: 'consultation', domain: 'other', moderation: 'rejected', createdAt: at('2026-11-04T00:00:00Z'), title: '被拒留言戊' },
  ]);
  await addReply(a!, { unitId: eduUnit, createdAt: new Date(Date.parse('2026-10-05T02:00:00Z') + 3 * HOUR + 20 * 60_000) });
  await addReply(b!, { unitId: eduUnit, kind: 'interim', createdAt: new Date(Date.parse('2026-10-10T00:00:00Z') + 31 * HOUR) });
  await addReply(c!, { unitId: transportUnit, createdAt: new Date(Date.parse('2026-10-31T16:30:00Z') + 50 * HOUR) });
  await addRating(a!, { overall: 5, resolution: 5, attitude: 5, speed: 5 });
  // B's first rating is replaced by its latest (重办 then a second rating).
  await addRating(b!, { overall: 4, resolution: 4, attitude: 4, speed: 4 });
  await addRating(b!, { overall: 2, resolution: 1, attitude: 3, speed: 2 });
  return site;
}

describe('GET /v1/sites/:site/stats', () => {
  it('gives every figure of the hand-worked fixture, private messages counted but never shown', async () => {
    const { siteId, eduUnit, transportUnit } = await fixture();
    const response = await request(`/v1/sites/${siteId}/stats`);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=300');
    const text = await response.text();
    for (const title of ['私密留言乙', '私密留言丁', '公开留言甲']) expect(text).not.toContain(title);
    expect(JSON.parse(text)).toEqual({
      messages: 4,
      replied: 3,
      replyRate: 0.75,
      // A and B on time, C late.
      onTimeRate: 0.667,
      // Bands 3, 30 and 48 hold one reply each: the middle (1.5th) falls halfway into 30–36 h.
      medianResponseHours: 33,
      // Two ratings: too few for the public to read their scores (one citizen's could be told apart).
      satisfaction: heldBack(2),
      adopted: 0,
      byType: { complaint: 2, help: 1, suggestion: 1 },
      byDomain: { urban: 2, education: 1, transport: 1 },
      byOutlet: { [ALLOWED_ORIGIN]: 4 },
      monthly: [{ month: '2026-10', messages: 2, replied: 2 }, { month: '2026-11', messages: 2, replied: 1 }],
      byUnit: [
        { unitId: eduUnit, name: '测试县教育局', active: true, messages: 2, replyRate: 1, onTimeRate: 1, satisfaction: null },
        { unitId: transportUnit, name: '测试县交通运输局', active: true, messages: 2, replyRate: 0.5, onTimeRate: 0, satisfaction: null },
      ],
    } satisfies Stats);
    // Officials read the scores themselves.
    expect(await scores(siteId)).toMatchObject({
      satisfaction: { rated: 2, mean: 3.5, distribution: [0, 1, 0, 0, 1], resolution: 3, attitude: 4, speed: 3.5 },
      byUnit: [{ unitId: eduUnit, satisfaction: 3.5 }, { unitId: transportUnit, satisfaction: null }],
    });
  });

  it('gives the public the scores of five ratings or more, for the whole and for each unit', async () => {
    const { siteId, eduUnit, transportUnit } = await createSite();
    const ids = await seedMessages(siteId, [
      ...Array.from({ length: 5 }, () => ({ unitId: eduUnit, status: 'closed' as const })),
      { unitId: transportUnit, status: 'closed' as const },
    ]);
    for (const [i, id] of ids.entries()) await addRating(id!, { overall: i < 5 ? i + 1 : 5, resolution: 3, attitude: 4, speed: 2 });
    const figures = await stats(siteId);
    // Six ratings: the site's scores are given; the transport bureau's one is not.
    expect(figures.satisfaction).toEqual({ rated: 6, mean: 3.33, distribution: [1, 1, 1, 1, 2], resolution: 3, attitude: 4, speed: 2 });
    expect(figures.byUnit.map((u) => [u.unitId, u.satisfaction])).toEqual(expect.arrayContaining([[eduUnit, 3], [transportUnit, null]]));
    expect((await stats(siteId, `?unit=${eduUnit}`)).satisfaction.mean).toBe(3);
    expect((await stats(siteId, `?unit=${transportUnit}`)).satisfaction).toEqual(heldBack(1));
  });

  it('narrows to a unit, a campaign and a range of months', async () => {
    const { siteId, transportUnit } = await fixture();
    const unit = await stats(siteId, `?unit=${transportUnit}`);
    expect(unit).toMatchObject({ messages: 2, replied: 1, replyRate: 0.5, onTimeRate: 0, medianResponseHours: 54, byType: { suggestion: 1, complaint: 1 } });
    expect(unit.byUnit.map((u) => u.unitId)).toEqual([transportUnit]);

    expect(await stats(siteId, '?campaign=jianyan')).toMatchObject({ messages: 1, replied: 1, onTimeRate: 0, monthly: [{ month: '2026-11', messages: 1, replied: 1 }] });

    const november = await stats(siteId, '?from=2026-11&to=2026-11');
    expect(november).toMatchObject({ messages: 2, replied: 1, replyRate: 0.5, satisfaction: { rated: 0, mean: null }, byDomain: { urban: 1, transport: 1 } });
    expect(november.monthly).toEqual([{ month: '2026-11', messages: 2, replied: 1 }]);
    expect((await stats(siteId, '?to=2026-10')).messages).toBe(2);
  });

  it('sums a range that starts mid-year and ends in a later year exactly as its months (tallies per month, quarter and year)', async () => {
    const { siteId, eduUnit, transportUnit } = await createSite();
    const at = (iso: string) => new Date(iso);
    const [p, q, r, s, , u, v] = await seedMessages(siteId, [
      // P, Q: before the range — March 2025 (its first quarter) and 23:00 on 30 April China time.
      { unitId: eduUnit, type: 'help', domain: 'health', createdAt: at('2025-03-10T00:00:00Z') },
      { unitId: transportUnit, type: 'help', domain: 'health', createdAt: at('2025-04-30T15:00:00Z') },
      // R: 00:30 on 1 May China time, answered in 2 h 15 min (band 2–3 h), on time.
      { unitId: transportUnit, type: 'complaint', domain: 'transport', createdAt: at('2025-04-30T16:30:00Z') },
      // S: August, answered in 10 h 30 min (band 10–12 h), on time, rated 4 (5/3/4).
      { unitId: eduUnit, type: 'suggestion', domain: 'education', createdAt: at('2025-08-15T00:00:00Z') },
      // T: 23:00 on 31 December China time, not answered.
      { unitId: eduUnit, type: 'complaint', domain: 'urban', createdAt: at('2025-12-31T15:00:00Z') },
      // U: February 2026, due after a day, answered after 80 h (band 72–96 h): late.
      { unitId: transportUnit, type: 'consultation', domain: 'urban', createdAt: at('2026-02-20T00:00:00Z'), dueAt: at('2026-02-21T00:00:00Z') },
      // V, W: after the range — 1 March 2026 China time, and mid-March.
      { unitId: eduUnit, type: 'help', domain: 'health', createdAt: at('2026-02-28T16:30:00Z') },
      { unitId: eduUnit, type: 'help', domain: 'health', createdAt: at('2026-03-15T00:00:00Z') },
    ]);
    const replyAfter = (id: string, unitId: string, created: string, minutes: number) =>
      addReply(id, { unitId, createdAt: new Date(Date.parse(created) + minutes * 60_000) });
    await replyAfter(q!, transportUnit, '2025-04-30T15:00:00Z', 30);
    await replyAfter(r!, transportUnit, '2025-04-30T16:30:00Z', 135);
    await replyAfter(s!, eduUnit, '2025-08-15T00:00:00Z', 630);
    await replyAfter(u!, transportUnit, '2026-02-20T00:00:00Z', 80 * 60);
    await replyAfter(v!, eduUnit, '2026-02-28T16:30:00Z', 60);
    await addRating(p!, { overall: 1, resolution: 1, attitude: 1, speed: 1 });
    await addRating(s!, { overall: 4, resolution: 5, attitude: 3, speed: 4 });

    expect(await scores(siteId, '?from=2025-05&to=2026-02')).toEqual({
      // R, S, T and U.
      messages: 4,
      replied: 3,
      replyRate: 0.75,
      onTimeRate: 0.667,
      // Bands 2, 10 and 72 hold one reply each: the middle (1.5th) falls halfway into 10–12 h.
      medianResponseHours: 11,
      satisfaction: { rated: 1, mean: 4, distribution: [0, 0, 0, 1, 0], resolution: 5, attitude: 3, speed: 4 },
      adopted: 0,
      byType: { complaint: 2, suggestion: 1, consultation: 1 },
      byDomain: { transport: 1, education: 1, urban: 2 },
      byOutlet: { [ALLOWED_ORIGIN]: 4 },
      monthly: [
        { month: '2025-05', messages: 1, replied: 1 }, { month: '2025-08', messages: 1, replied: 1 },
        { month: '2025-12', messages: 1, replied: 0 }, { month: '2026-02', messages: 1, replied: 1 },
      ],
      byUnit: [
        { unitId: transportUnit, name: '测试县交通运输局', active: true, messages: 2, replyRate: 1, onTimeRate: 0.5, satisfaction: null },
        { unitId: eduUnit, name: '测试县教育局', active: true, messages: 2, replyRate: 0.5, onTimeRate: 1, satisfaction: 4 },
      ],
    } satisfies Stats);
    // One unit over the same range; an open end (to this year's end); an open start (everything before May 2025).
    expect(await stats(siteId, `?unit=${transportUnit}&from=2025-05&to=2026-02`)).toMatchObject({ messages: 2, replied: 2, onTimeRate: 0.5, byType: { complaint: 1, consultation: 1 } });
    const fromMay = await stats(siteId, '?from=2025-05');
    expect(fromMay).toMatchObject({ messages: 6, replied: 4, byDomain: { transport: 1, education: 1, urban: 2, health: 2 } });
    expect(fromMay.byUnit).toEqual([
      expect.objectContaining({ unitId: transportUnit, messages: 2 }), expect.objectContaining({ unitId: eduUnit, messages: 4, replyRate: 0.5 }),
    ]);
    expect((await stats(siteId, '?from=2025-05&to=2026-02')).satisfaction).toEqual(heldBack(1));
    const beforeMay = await scores(siteId, '?to=2025-04');
    expect(beforeMay).toMatchObject({ messages: 2, replied: 1, satisfaction: { rated: 1, mean: 1 }, byType: { help: 2 }, medianResponseHours: 0.5 });
    expect(beforeMay.byUnit.map((unit) => [unit.unitId, unit.messages])).toEqual([[transportUnit, 1], [eduUnit, 1]]);
    // A start long before the first message counts from the first: the same figures, within D1's limits.
    expect(await stats(siteId, '?from=1900-01&to=2026-02')).toEqual(await stats(siteId, '?to=2026-02'));
    expect(await stats(siteId, '?from=0001-01')).toEqual(await stats(siteId, ''));
    // An end long before it counts nothing (it bound a period for every year since: past D1's limit, a 500).
    for (const query of ['?to=1900-06', '?to=0000-01', `?to=1000-01&unit=${eduUnit}`, '?to=2024-12']) {
      expect(await stats(siteId, query), query).toMatchObject({ messages: 0, replied: 0, byUnit: [] });
    }
  });

  it('answers zeros for any range on a site with no messages yet, the earliest end included', async () => {
    const { siteId } = await createSite();
    for (const query of ['?to=1900-06', '?from=0001-01&to=0001-02', '?from=2026-01', '?to=2026-01']) {
      expect(await stats(siteId, query), query).toMatchObject({ messages: 0, replied: 0 });
    }
  });

  it('marks a retired unit in the ranking, its messages still counted', async () => {
    const { siteId, eduUnit, transportUnit } = await createSite();
    await seedMessages(siteId, [{ unitId: eduUnit }, { unitId: transportUnit }]);
    const admin = await createOfficial(siteId, 'admin');
    expect((await consoleRequest(`/v1/admin/units/${transportUnit}`, { as: admin, method: 'PATCH', body: { active: false } })).status).toBe(200);
    const figures = await stats(siteId);
    expect(figures.messages).toBe(2);
    expect(Object.fromEntries(figures.byUnit.map((u) => [u.unitId, u.active]))).toEqual({ [eduUnit]: true, [transportUnit]: false });
  });

  it('refuses a month that is not YYYY-MM, naming the field', async () => {
    const { siteId } = await createSite();
    const problem = await expectProblem(await request(`/v1/sites/${siteId}/stats?from=2026-13`), 422, 'validation');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'from', code: 'invalid' })]);
  });

  it('names a reversed range, an unknown unit and an unknown campaign instead of answering zeros, in the reader’s language', async () => {
    const { siteId, eduUnit } = await createSite();
    const other = await createSite();
    await createCampaign(other.siteId, { slug: 'elsewhere', startsAt: new Date(0), endsAt: new Date(Date.now() + 86_400_000) });
    for (const [query, field, code, zh] of [
      ['?from=2026-11&to=2026-10', 'to', 'before_start', '结束日期不能早于开始日期'],
      ['?unit=no-such-unit', 'unit', 'unknown_unit', '所选单位已停用或不存在，请重新选择'],
      [`?unit=${other.eduUnit}`, 'unit', 'unknown_unit', '所选单位已停用或不存在，请重新选择'],
      ['?campaign=elsewhere', 'campaign', 'unknown_campaign', '专栏不存在'],
    ] as const) {
      const problem = await expectProblem(await request(`/v1/sites/${siteId}/stats${query}`), 422, 'validation');
      expect(problem.errors, query).toEqual([{ field, code, message: zh }]);
    }
    const english = await request(`/v1/sites/${siteId}/stats?campaign=elsewhere`, { headers: { 'Accept-Language': 'en' } });
    expect((await english.json<{ errors: { message: string }[] }>()).errors[0]!.message).toBe('No such campaign');
    // A known unit and a one-month range with nothing in them are zeros, as they should be.
    expect((await stats(siteId, `?unit=${eduUnit}&from=2026-10&to=2026-10`)).messages).toBe(0);
  });

  it('reads the tallies, not the messages: rows read follow the months and units, not the messages', async () => {
    const { siteId, headUnit, eduUnit, transportUnit } = await createSite();
    const units = [headUnit, eduUnit, transportUnit];
    const day = (i: number) => new Date(Date.parse('2024-01-01T00:00:00Z') + i * 86_400_000);
    // Two years, three units: 24 months of tallies for the series, 3 units for the ranking.
    await seedMessages(siteId, Array.from({ length: 60 }, (_, i) => ({ unitId: units[i % 3]!, createdAt: day(i * 12) })));
    const few = d1Cost(await request(`/v1/sites/${siteId}/stats`)).rowsRead;
    await seedMessages(siteId, Array.from({ length: 540 }, (_, i) => ({ unitId: units[i % 3]!, createdAt: day(i + 1) })));
    const many = d1Cost(await request(`/v1/sites/${siteId}/stats`)).rowsRead;
    expect(many).toBeLessThanOrEqual(few + 5);
    // The site, its units, 24 monthly rows (with the counts by type, domain and response band), 3 ranked units and the outlet: not every unit's every month.
    expect(many).toBeLessThanOrEqual(60);
    // One unit: its own 24 months, not every unit's.
    expect(d1Cost(await request(`/v1/sites/${siteId}/stats?unit=${eduUnit}`)).rowsRead).toBeLessThanOrEqual(45);
    // A range: its 22 months once, and per unit 4 tally periods (2024 less January, 2025 less December), not 22.
    const ranged = d1Cost(await request(`/v1/sites/${siteId}/stats?from=2024-02&to=2025-11`)).rowsRead;
    expect(ranged).toBeLessThanOrEqual(60);
  });
});

describe('the tallies behind the statistics', () => {
  it('stay right through submit, reply, rating, close, transfer and deletion', async () => {
    const { siteId, eduUnit, transportUnit } = await createSite({ moderation: 'post' });
    const admin = await createOfficial(siteId, 'admin');
    const post = (path: string, body: unknown = {}) => consoleRequest(path, { as: admin, method: 'POST', body });
    const created = async (isPublic: boolean) => (await submit(siteId, validMessage(eduUnit, { isPublic }))).json<MessageCreated>();

    const one = await created(true);
    const two = await created(false);
    expect(await stats(siteId)).toMatchObject({ messages: 2, replied: 0, replyRate: 0, onTimeRate: null, byType: { complaint: 2 }, byDomain: { education: 2 } });

    expect((await post(`/v1/console/messages/${one.id}/accept`)).status).toBe(200);
    expect((await post(`/v1/console/messages/${one.id}/reply`, { kind: 'final', body: '已安排交警早晚疏导。' })).status).toBe(200);
    expect(await stats(siteId)).toMatchObject({ messages: 2, replied: 1, replyRate: 0.5, onTimeRate: 1, monthly: [{ messages: 2, replied: 1 }] });
    expect((await stats(siteId)).medianResponseHours).toBeLessThan(1);

    const rated = await request(`/v1/sites/${siteId}/track/rating`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ trackingCode: one.trackingCode, overall: 4, resolution: 5, attitude: 4, speed: 3 }),
    });
    expect(rated.status).toBe(200);
    expect((await scores(siteId)).satisfaction).toEqual({ rated: 1, mean: 4, distribution: [0, 0, 0, 1, 0], resolution: 5, attitude: 4, speed: 3 });
    expect((await stats(siteId)).satisfaction).toEqual(heldBack(1));

    expect((await post(`/v1/console/messages/${one.id}/close`)).status).toBe(200);
    expect(await scores(siteId)).toMatchObject({ messages: 2, replied: 1, satisfaction: { rated: 1, mean: 4 } });

    expect((await post(`/v1/console/messages/${two.id}/transfer`, { unitId: transportUnit, reason: '属交通运输局职责' })).status).toBe(200);
    expect((await scores(siteId)).byUnit).toEqual([
      expect.objectContaining({ unitId: eduUnit, messages: 1, replyRate: 1, satisfaction: 4 }),
      expect.objectContaining({ unitId: transportUnit, messages: 1, replyRate: 0 }),
    ]);
    expect((await stats(siteId, `?unit=${eduUnit}`)).satisfaction.rated).toBe(1);

    // A retention clean-up deletes a message with everything that hangs on it.
    await env.DB.batch(['message_events', 'ratings', 'follow_ups', 'replies', 'supports', 'message_notes'].map((table) =>
      env.DB.prepare(`DELETE FROM ${table} WHERE message_id = ?`).bind(one.id)).concat(
      env.DB.prepare('DELETE FROM message_search WHERE rowid = (SELECT seq FROM messages WHERE id = ?)').bind(one.id),
      env.DB.prepare('DELETE FROM messages WHERE id = ?').bind(one.id)));
    expect(await stats(siteId)).toMatchObject({
      messages: 1, replied: 0, replyRate: 0, onTimeRate: null, medianResponseHours: null,
      satisfaction: { rated: 0, mean: null, distribution: [0, 0, 0, 0, 0] }, byType: { complaint: 1 },
      byUnit: [expect.objectContaining({ unitId: transportUnit, messages: 1 })],
    });
  });
});

describe('GET /v1/console/dashboard', () => {
  it('gives a responder their units’ figures and what needs them now; a site-wide admin the whole site', async () => {
    const { siteId, headUnit, eduUnit, transportUnit, inactiveUnit } = await fixture();
    const now = Date.now();
    const [overdue, soon] = await seedMessages(siteId, [
      { unitId: eduUnit, status: 'accepted', createdAt: new Date(now - 10 * 86_400_000), dueAt: new Date(now - 86_400_000) },
      { unitId: eduUnit, status: 'in_progress', createdAt: new Date(now - 86_400_000), dueAt: new Date(now + 3 * HOUR) },
      { unitId: transportUnit, status: 'accepted', createdAt: new Date(now - 86_400_000), dueAt: new Date(now + 3 * HOUR) },
    ]);
    await env.DB.prepare("UPDATE messages SET reopened_at = ?, status = 'in_progress' WHERE id = ?").bind(new Date().toISOString(), soon).run();
    await env.DB.prepare('UPDATE messages SET escalated_due_at = due_at WHERE id = ?').bind(overdue).run();

    const responder = await createOfficial(siteId, 'responder', [eduUnit]);
    const mine = await consoleRequest('/v1/console/dashboard', { as: responder });
    expect(mine.status).toBe(200);
    const dashboard = await mine.json<Dashboard>();
    expect(dashboard).toMatchObject({ overdue: 1, dueSoon: 1, reopened: 1, supervised: 1 });
    // A and B from the fixture, and the two open ones above.
    expect(dashboard.stats).toMatchObject({ messages: 4, replied: 2, replyRate: 0.5, onTimeRate: 1, satisfaction: { mean: 3.5 } });
    expect(dashboard.stats.byUnit.map((u) => u.unitId)).toEqual([eduUnit]);

    const admin = await createOfficial(siteId, 'admin');
    const all = await (await consoleRequest('/v1/console/dashboard', { as: admin })).json<Dashboard>();
    expect(all).toMatchObject({ overdue: 2, dueSoon: 2, reopened: 1, supervised: 1, stats: { messages: 7 } });

    // The head's responder answers for every unit but the old office: the site's tallies less the office's.
    await seedMessages(siteId, [
      { unitId: inactiveUnit, status: 'accepted', createdAt: new Date(now - 10 * 86_400_000), dueAt: new Date(now - 86_400_000) },
      { unitId: inactiveUnit, status: 'accepted', createdAt: new Date(now - 86_400_000), dueAt: new Date(now + 5 * 86_400_000) },
    ]);
    const head = await createOfficial(siteId, 'responder', [headUnit]);
    const subtree = await (await consoleRequest('/v1/console/dashboard', { as: head })).json<Dashboard>();
    expect(subtree).toMatchObject({ overdue: 2, dueSoon: 2, reopened: 1, supervised: 1, stats: { messages: 7, replied: 3, replyRate: 0.429 } });
    expect(subtree.stats.byUnit.map((u) => [u.unitId, u.messages])).toEqual([[eduUnit, 4], [transportUnit, 3]]);
    expect(subtree.stats.monthly.reduce((n, m) => n + m.messages, 0)).toBe(7);
    // The queue's tabs count the same as the dashboard, for each kind of official.
    const tabs = async (who: TestOfficial) => (await (await consoleRequest('/v1/console/messages?tab=all&limit=1', { as: who })).json<QueuePage>()).counts;
    expect(await tabs(responder)).toMatchObject({ overdue: 1, supervised: 1 });
    expect(await tabs(admin)).toMatchObject({ overdue: 3, supervised: 1 }); // the old office's too
    expect(await tabs(head)).toMatchObject({ overdue: 2, supervised: 1 });
    expect(await (await consoleRequest('/v1/console/dashboard', { as: admin })).json<Dashboard>()).toMatchObject({ overdue: 3, stats: { messages: 9 } });
    // Each figure the dashboard links to a list is that list's length: 两天内到期 is the queue due within 2 days.
    for (const who of [responder, admin, head]) {
      const figures = await (await consoleRequest('/v1/console/dashboard', { as: who })).json<Dashboard>();
      const soonList = await (await consoleRequest('/v1/console/messages?tab=all&dueWithinDays=2', { as: who })).json<QueuePage>();
      expect(soonList.items.length).toBe(figures.dueSoon);
    }
  });
});

describe('GET /v1/console/dashboard — the working calendar', () => {
  it('tells an admin of a year the site’s calendar has nothing of: this one, and from November the next', async () => {
    const { siteId, eduUnit } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const responder = await createOfficial(siteId, 'responder', [eduUnit]);
    const notSet = async (who: TestOfficial) => (await (await consoleRequest('/v1/console/dashboard', { as: who })).json<Dashboard>()).calendarNotSet;
    // Counted apart from the service: today in China, and whether next year is asked after yet.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const november = today.slice(5) >= '11-01';
    expect(await notSet(admin)).toBe(year);
    expect(await notSet(responder)).toBeNull();
    await addCalendarDay(siteId, `${year}-10-01`, 'holiday');
    expect(await notSet(admin)).toBe(november ? year + 1 : null);
    await addCalendarDay(siteId, `${year + 1}-01-01`, 'holiday');
    expect(await notSet(admin)).toBeNull();
  });
});

describe('GET /v1/console/dashboard — rows read', () => {
  it('do not grow with the open messages: only those due soon and the re-opened ones are read', async () => {
    const { siteId, headUnit, eduUnit, transportUnit } = await createSite();
    const now = Date.now();
    const inProgress = (n: number) => Array.from({ length: n }, (_, i) => ({
      unitId: i % 2 ? eduUnit : transportUnit, status: 'in_progress' as const, createdAt: new Date(now - HOUR), dueAt: new Date(now + 20 * 86_400_000),
    }));
    const [reopened] = await seedMessages(siteId, inProgress(10));
    await env.DB.prepare('UPDATE messages SET reopened_at = ? WHERE id = ?').bind(new Date().toISOString(), reopened).run();
    // More units below the head than FEW_UNITS: the head's responder is checked message by message (a subtree), as a county head's is.
    await addUnits(siteId, Array.from({ length: 6 }, (_, i) => ({ id: `${siteId}_office${i}`, parentId: headUnit, name: `测试县办公室${i}` })));
    const officials = [await createOfficial(siteId, 'admin'), await createOfficial(siteId, 'responder', [headUnit]), await createOfficial(siteId, 'responder', [eduUnit])];
    const rowsRead = async () => Promise.all(officials.map(async (who) => {
      const response = await consoleRequest('/v1/console/dashboard', { as: who });
      expect((await response.json<Dashboard>()).reopened).toBe(who === officials[2] ? 0 : 1);
      return d1Cost(response).rowsRead;
    }));
    const before = await rowsRead();
    await seedMessages(siteId, inProgress(300));
    const after = await rowsRead();
    // The same month and units: the same tally rows. Left to choose, SQLite counts 重办 by walking every in-progress message of the site.
    for (const [i, rows] of after.entries()) expect(rows).toBeLessThanOrEqual(before[i]! + 5);
  });
});

describe('GET /v1/console/dashboard — a large subtree', () => {
  it('counts a responder’s units when there are more of them than D1 binds in one query', async () => {
    const { siteId, headUnit } = await createSite();
    const now = new Date().toISOString();
    const offices = Array.from({ length: 85 }, (_, i) => `${siteId}_office_${i}`);
    await env.DB.batch(offices.map((id, i) => env.DB.prepare(
      "INSERT INTO units (id, site_id, parent_id, name, kind, sort_order, active, created_at) VALUES (?, ?, ?, ?, 'department', ?, 1, ?)",
    ).bind(id, siteId, headUnit, `第${i + 1}办公室`, 10 + i, now)));
    await seedMessages(siteId, [{ unitId: offices[0]! }, { unitId: offices[84]! }, { unitId: offices[84]! }]);
    const head = await createOfficial(siteId, 'responder', [headUnit]);
    const dashboard = await (await consoleRequest('/v1/console/dashboard', { as: head })).json<Dashboard>();
    expect(dashboard.stats.messages).toBe(3);
    expect(dashboard.stats.byUnit.map((u) => [u.unitId, u.messages])).toEqual([[offices[84], 2], [offices[0], 1]]);
  });
});

describe('GET /v1/sites/:site/stats — adopted suggestions (采纳)', () => {
  it('counts an adopted suggestion for the site and its unit, and moves it with a transfer', async () => {
    const site = await createSite({ moderation: 'post' });
    const admin = await createOfficial(site.siteId, 'admin');
    const [adopted] = await Promise.all([1, 2].map(async () =>
      (await (await submit(site.siteId, validMessage(site.eduUnit, { type: 'suggestion' }))).json<MessageCreated>()).id));
    expect((await stats(site.siteId)).adopted).toBe(0);
    expect((await consoleRequest(`/v1/console/messages/${adopted}/accept`, { as: admin, method: 'POST', body: {} })).status).toBe(200);
    const adopt = await consoleRequest(`/v1/console/messages/${adopted}/adopt`, { as: admin, method: 'POST', body: { note: '已写入县“十四五”规划。' } });
    expect(adopt.status).toBe(200);
    expect((await stats(site.siteId)).adopted).toBe(1);
    expect((await stats(site.siteId, `?unit=${site.eduUnit}`)).adopted).toBe(1);
    const transfer = await consoleRequest(`/v1/console/messages/${adopted}/transfer`, {
      as: admin, method: 'POST', body: { unitId: site.transportUnit, reason: '由交通部门落实' },
    });
    expect(transfer.status).toBe(200);
    expect((await stats(site.siteId, `?unit=${site.eduUnit}`)).adopted).toBe(0);
    expect((await stats(site.siteId, `?unit=${site.transportUnit}`)).adopted).toBe(1);
    expect((await stats(site.siteId)).adopted).toBe(1);
  });
});

describe('GET /v1/sites/:site/stats — outlets', () => {
  it('counts a message by the drive outlet it was written on, by name, and by its website otherwise', async () => {
    const site = await createSite();
    const [onOutlet] = await seedMessages(site.siteId, [{ unitId: site.eduUnit }, { unitId: site.eduUnit }]);
    await env.DB.prepare('UPDATE messages SET source_outlet = ? WHERE id = ?').bind('示范日报', onOutlet).run();
    expect((await stats(site.siteId)).byOutlet).toEqual({ 示范日报: 1, [ALLOWED_ORIGIN]: 1 });
  });
});
