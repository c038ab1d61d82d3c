import { describe, expect, it, vi } from 'vitest';
import type { AdminCampaign, Campaign, CampaignList } from '../../../sdk/src/schemas/campaign';
import type { MessageCreated, PublicMessageDetail, TrackedMessage } from '../../../sdk/src/schemas/message';
import { ALLOWED_ORIGIN, countRows, createSite, db, expectProblem, messageRow, request, submit, track, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';
import type { Stats } from '../../../sdk/src/schemas/stats';

const DAY_MS = 86_400_000;
const NEWS_A = 'https://www.daily-a.example.com';
const NEWS_B = 'https://news.tv-b.example.com';

/** A site with an admin and a drive on two news sites, for the county head and everything under it, 建言 only. */
async function drive() {
  const site = await createSite({ moderation: 'post' });
  const [admin, eduResponder] = await Promise.all([
    createOfficial(site.siteId, 'admin'), createOfficial(site.siteId, 'responder', [site.eduUnit]),
  ]);
  const response = await consoleRequest('/v1/admin/campaigns', {
    as: admin, method: 'POST', body: {
      slug: 'plan', title: '我为“十五五”规划建言献策', description: '请写下您的建议。',
      startsAt: new Date(Date.now() - DAY_MS).toISOString(), endsAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
      unitIds: [site.headUnit], types: ['suggestion'],
      outlets: [{ name: '甲日报', origin: NEWS_A }, { name: '乙电视台', origin: NEWS_B }],
    },
  });
  expect(response.status).toBe(201);
  return { ...site, admin, eduResponder, campaign: await response.json<AdminCampaign>() };
}

const suggestion = (unitId: string) => validMessage(unitId, { type: 'suggestion', campaign: 'plan' });

async function sent(siteId: string, unitId: string, origin: string | null) {
  const response = await submit(siteId, suggestion(unitId), { origin });
  expect(response.status).toBe(201);
  return (await response.json<MessageCreated>()).id;
}

const figures = async (siteId: string) => (await request(`/v1/sites/${siteId}/campaigns/plan`)).json<Campaign>();

describe('suggestion drives (建言专栏)', () => {
  it('takes messages from its outlets’ pages (and from servers), records and counts each outlet, and refuses a page that is not one', async () => {
    const d = await drive();
    // The sub-unit is in the drive: its target is the county head's whole subtree.
    const fromA = await sent(d.siteId, d.eduUnit, NEWS_A);
    await sent(d.siteId, d.headUnit, NEWS_B);
    await sent(d.siteId, d.transportUnit, NEWS_B);
    const fromServer = await sent(d.siteId, d.eduUnit, null);
    expect((await messageRow(fromA))!.source_outlet).toBe('甲日报');
    expect((await messageRow(fromServer))!.source_outlet).toBeNull();

    const before = await countRows('messages', d.siteId);
    // The site's own origin is allowed for the site, but the drive runs only on its outlets.
    await expectProblem(await submit(d.siteId, suggestion(d.eduUnit), { origin: ALLOWED_ORIGIN }), 403, 'origin_not_allowed');
    expect(await countRows('messages', d.siteId)).toBe(before);

    const accepted = await consoleRequest(`/v1/console/messages/${fromA}/accept`, { as: d.eduResponder, method: 'POST', body: {} });
    expect(accepted.status).toBe(200);
    const adopted = await consoleRequest(`/v1/console/messages/${fromA}/adopt`, { as: d.eduResponder, method: 'POST', body: { note: '已写入规划纲要第三章' } });
    expect(adopted.status).toBe(200);
    expect((await consoleRequest(`/v1/console/messages/${fromA}/reply`, { as: d.eduResponder, method: 'POST', body: { kind: 'final', body: '感谢建议，已采纳。' } })).status).toBe(200);

    const campaign = await figures(d.siteId);
    expect(campaign).toMatchObject({
      slug: 'plan', open: true, types: ['suggestion'], unitIds: [d.headUnit],
      counts: { messages: 4, published: 4, replied: 1, adopted: 1 },
      outlets: [{ name: '甲日报', messages: 1 }, { name: '乙电视台', messages: 2 }],
    });
    const list = await (await request(`/v1/sites/${d.siteId}/campaigns`)).json<CampaignList>();
    expect(list.items).toEqual([campaign]);
    // A page can tell before anything is typed whether the drive takes messages from it.
    const fromPage = async (origin: string | null) => (await request(`/v1/sites/${d.siteId}/campaigns/plan`, { origin })).json<Campaign>();
    expect((await fromPage(ALLOWED_ORIGIN)).acceptsHere).toBe(false);
    expect((await fromPage(NEWS_B)).acceptsHere).toBe(true);
    expect((await fromPage(null)).acceptsHere).toBe(true);
    // A page of the service's own (the hosted board, the examples) reads without an Origin: its fetch says same-origin.
    const own = await request(`/v1/sites/${d.siteId}/campaigns/plan`, { origin: null, headers: { 'Sec-Fetch-Site': 'same-origin' } });
    expect((await own.json<Campaign>()).acceptsHere).toBe(false);
    expect(own.headers.get('Vary')).toContain('Sec-Fetch-Site');
    // Statistics count the drive's adoption for its unit.
    const stats = await (await request(`/v1/sites/${d.siteId}/stats?campaign=plan&unit=${d.eduUnit}`)).json<Stats>();
    expect(stats.adopted).toBe(1);
  });

  it('credits a message from the service’s own pages to the outlet that lists the service’s origin', async () => {
    const d = await drive();
    const own = 'https://liuyan.test';
    const patched = await consoleRequest(`/v1/admin/campaigns/${d.campaign.id}`, {
      as: d.admin, method: 'PATCH', body: { outlets: [...d.campaign.outlets, { name: '本站专栏', origin: own }] },
    });
    expect(patched.status).toBe(200);
    const id = await sent(d.siteId, d.eduUnit, own);
    expect((await messageRow(id))!.source_outlet).toBe('本站专栏');
    expect((await figures(d.siteId)).outlets).toContainEqual({ name: '本站专栏', messages: 1 });
  });

  it('names the drive to the citizen with the code and on the public message; a message outside a drive names none', async () => {
    const d = await drive();
    const response = await submit(d.siteId, suggestion(d.eduUnit), { origin: NEWS_A });
    const { id, trackingCode } = await response.json<MessageCreated>();
    const tracked = await (await track(d.siteId, trackingCode, NEWS_A)).json<TrackedMessage>();
    expect(tracked).toMatchObject({ campaign: 'plan', campaignTitle: '我为“十五五”规划建言献策' });
    const shown = await (await request(`/v1/sites/${d.siteId}/messages/${id}`)).json<PublicMessageDetail>();
    expect(shown).toMatchObject({ campaign: 'plan', campaignTitle: '我为“十五五”规划建言献策' });
    // The message's own hosted page names it too.
    expect(await (await request(`/s/${d.siteId}/messages/${id}`)).text()).toContain('<dt>建言专栏</dt><dd>我为“十五五”规划建言献策</dd>');
    const outside = await (await submit(d.siteId, validMessage(d.eduUnit))).json<MessageCreated>();
    expect(await (await track(d.siteId, outside.trackingCode)).json<TrackedMessage>()).toMatchObject({ campaign: null, campaignTitle: null });
    expect(await (await request(`/v1/sites/${d.siteId}/messages/${outside.id}`)).json<PublicMessageDetail>()).toMatchObject({ campaignTitle: null });
  });

  it('refuses with campaign_closed once an admin ends it, and says so in its figures', async () => {
    const d = await drive();
    await sent(d.siteId, d.eduUnit, NEWS_A);
    const ended = await consoleRequest(`/v1/admin/campaigns/${d.campaign.id}`, {
      as: d.admin, method: 'PATCH', body: { endsAt: new Date(Date.now() - 1000).toISOString() },
    });
    expect(ended.status).toBe(200);
    const problem = await expectProblem(await submit(d.siteId, suggestion(d.eduUnit), { origin: NEWS_A }), 422, 'validation');
    expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'campaign', code: 'campaign_closed' }));
    expect(await figures(d.siteId)).toMatchObject({ open: false, counts: { messages: 1 } });
  });

  it('changes only the fields a PATCH gives: the description, units, types, domains and outlets stay', async () => {
    const d = await drive();
    const change = async (body: object) => {
      const response = await consoleRequest(`/v1/admin/campaigns/${d.campaign.id}`, { as: d.admin, method: 'PATCH', body });
      expect(response.status).toBe(200);
      return response.json<AdminCampaign>();
    };
    const kept = { description: '请写下您的建议。', unitIds: [d.headUnit], domains: [], outlets: d.campaign.outlets };
    expect(await change({ types: ['suggestion', 'complaint'] })).toMatchObject({ ...kept, types: ['suggestion', 'complaint'] });
    expect(await change({ title: '新的标题' })).toMatchObject({ ...kept, title: '新的标题', types: ['suggestion', 'complaint'] });
    // What the public sees: still the drive's outlets only, its description with it.
    expect(await figures(d.siteId)).toMatchObject({ description: '请写下您的建议。', acceptsHere: false });
    expect((await submit(d.siteId, suggestion(d.eduUnit), { origin: ALLOWED_ORIGIN })).status).toBe(403);
  });

  it('ends an open drive now, once, audited: its form then refuses, and a drive with messages cannot be deleted', async () => {
    const d = await drive();
    await sent(d.siteId, d.eduUnit, NEWS_A);
    await expectProblem(await consoleRequest(`/v1/admin/campaigns/${d.campaign.id}`, { as: d.admin, method: 'DELETE' }), 409, 'campaign_has_messages');
    const before = Date.now();
    // Two admins ending it at once, within one millisecond (the clock held still): ended once, audited once.
    const end = (as: TestOfficial) => consoleRequest(`/v1/admin/campaigns/${d.campaign.id}/end`, { as, method: 'POST', body: {} });
    const other = await createOfficial(d.siteId, 'admin');
    vi.useFakeTimers({ toFake: ['Date'] });
    const both = await Promise.all([end(d.admin), end(other)]).finally(() => vi.useRealTimers());
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const response = both.find((r) => r.status === 200)!;
    const ended = await response.json<AdminCampaign>();
    expect(Date.parse(ended.endsAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(ended.endsAt)).toBeLessThanOrEqual(Date.now());
    expect(await figures(d.siteId)).toMatchObject({ open: false, counts: { messages: 1 } });
    const problem = await expectProblem(await submit(d.siteId, suggestion(d.eduUnit), { origin: NEWS_A }), 422, 'validation');
    expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'campaign', code: 'campaign_closed' }));
    await expectProblem(await consoleRequest(`/v1/admin/campaigns/${d.campaign.id}/end`, { as: d.admin, method: 'POST', body: {} }), 409, 'campaign_not_open');
    const audit = await db.all(db.q.selectFrom('audit_log').select(['action', 'account_id']).where('site_id', '=', d.siteId).where('action', 'like', 'campaign.%').orderBy('id'));
    expect(audit).toEqual([{ action: 'campaign.create', account_id: d.admin.id }, { action: 'campaign.end', account_id: both[0]!.status === 200 ? d.admin.id : other.id }]);
  });

  it('deletes a drive no message was sent to, audited; its page is gone', async () => {
    const d = await drive();
    const response = await consoleRequest(`/v1/admin/campaigns/${d.campaign.id}`, { as: d.admin, method: 'DELETE' });
    expect(response.status).toBe(204);
    expect((await request(`/v1/sites/${d.siteId}/campaigns/plan`)).status).toBe(404);
    const admins = await (await consoleRequest('/v1/admin/campaigns', { as: d.admin })).json<AdminCampaign[]>();
    expect(admins).toEqual([]);
    await expectProblem(await consoleRequest(`/v1/admin/campaigns/${d.campaign.id}`, { as: d.admin, method: 'DELETE' }), 404, 'not_found');
    const audit = await db.all(db.q.selectFrom('audit_log').select(['action']).where('site_id', '=', d.siteId).orderBy('id'));
    expect(audit.map((a) => a.action)).toEqual(['campaign.create', 'campaign.delete']);
  });

  it('refuses a drive that ends before it starts, an unknown unit, a type the site does not take, a slug in use and an origin that is not one', async () => {
    const d = await drive();
    const create = (body: object) => consoleRequest('/v1/admin/campaigns', {
      as: d.admin, method: 'POST',
      body: { slug: 'other', title: '专栏', startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-04-01T00:00:00+08:00', ...body },
    });
    const cases: [object, string, string][] = [
      [{ endsAt: '2026-02-01T00:00:00+08:00' }, 'endsAt', 'before_start'],
      // A year no drive runs in: a typing mistake, which pages would show as 10000/01/01.
      [{ endsAt: '9999-12-31T20:00:00Z' }, 'endsAt', 'date_out_of_range'],
      [{ startsAt: '0000-01-01T00:00:00Z' }, 'startsAt', 'date_out_of_range'],
      // In China time, whatever the offset it is written with: 2101-01-01T17:59:59+08:00.
      [{ endsAt: '2100-12-31T23:59:59-10:00' }, 'endsAt', 'date_out_of_range'],
      [{ startsAt: '2000-01-01T00:00:00+09:00', endsAt: '2000-02-01T00:00:00+08:00' }, 'startsAt', 'date_out_of_range'],
      [{ unitIds: ['no-such-unit'] }, 'unitIds.0', 'unknown_unit'],
      [{ slug: 'plan' }, 'slug', 'slug_taken'],
      [{ slug: 'Not A Slug' }, 'slug', 'invalid'],
      [{ outlets: [{ name: '丙网', origin: 'https://www.c.example.com/news/' }] }, 'outlets.0.origin', 'not_an_origin'],
    ];
    for (const [body, field, code] of cases) {
      const problem = await expectProblem(await create(body), 422, 'validation');
      expect(problem.errors, field).toContainEqual(expect.objectContaining({ field, code }));
    }
    // The first day of 2000 and the last of 2100, as the console sends them (an exclusive end at the next midnight).
    expect((await create({ slug: 'whole-century', startsAt: '2000-01-01T00:00:00+08:00', endsAt: '2101-01-01T00:00:00+08:00' })).status).toBe(201);
  });
});
