// Every query whose shape depends on what a client sends stays inside D1's documented limits (a
// LIKE pattern of at most 50 bytes, 100 bound parameters, 5 terms in a compound SELECT, 100 KB of
// SQL) for every input the schemas accept: each parameter at its largest, alone and together.
import { describe, expect, it } from 'vitest';
import { addUnit, createCampaign, createSite, request, seedMessages } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';

const HAN = '县城的路灯坏了很久没人修晚上出行很不方便希望尽快处理学校门口早晚高峰拥堵车辆乱停孩子过马路很危险请安排交警疏导谢谢';
const LATIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Search queries of the largest accepted size (50 characters), of every shape. */
const LONGEST_QUERIES = [
  HAN.slice(0, 17), // the reported case: 17 Chinese characters
  HAN.slice(0, 50),
  LATIN.slice(0, 49),
  LATIN.slice(0, 50),
  '１２３４５６７８９０'.repeat(5),
  '😀'.repeat(50),
  '𠮷'.repeat(50),
  Array.from(HAN.slice(0, 5)).join(' '), // 5 single characters, the most words a search takes: the scan
  'a b c d e',
  [0, 1, 2, 3, 4].map((i) => HAN.slice(i * 9, i * 9 + 9)).join(' '), // 5 words of 9 characters
  '%_\\"\'*():^-+~ NEAR OR AND NOT',
  `${HAN.slice(0, 10)} ${LATIN.slice(0, 10)} ${'3'.repeat(10)} 灯 a`,
];

async function boardSite() {
  const site = await createSite();
  // A unit with many sub-units, so that its subtree is as large as a real county's.
  for (let i = 0; i < 40; i++) await addUnit(site.siteId, { id: `sub${i}`, parentId: site.headUnit, name: `测试县第${i}办公室` });
  await createCampaign(site.siteId, { slug: 'c'.repeat(64), startsAt: new Date(0), endsAt: new Date(Date.now() + 86_400_000) });
  const ids = await seedMessages(site.siteId, Array.from({ length: 30 }, (_, i) => ({ unitId: i % 2 ? site.eduUnit : site.headUnit, title: HAN.slice(i, i + 20), body: LATIN })));
  // A page's cursor is a card's id; the newest card's reads everything below it.
  return { ...site, cursor: ids.at(-1)! };
}

describe('D1 limits: public board', () => {
  it('answers every search of the largest accepted size, alone and with every filter, without a 5xx', { timeout: 30_000 }, async () => {
    const site = await boardSite();
    const filters: Record<string, string>[] = [
      {}, { unit: site.headUnit }, { unit: 'u'.repeat(64) }, { campaign: 'c'.repeat(64) }, { status: 'answered', type: 'help', domain: 'urban' },
      { unit: site.headUnit, campaign: 'c'.repeat(64), status: 'awaiting', type: 'complaint', domain: 'education', cursor: site.cursor, limit: '50' },
    ];
    for (const q of LONGEST_QUERIES) {
      for (const filter of filters) {
        const response = await request(`/v1/sites/${site.siteId}/messages?${new URLSearchParams({ ...filter, q })}`);
        // A unit the site does not have is named (422); any other answer is a list.
        const unknown = filter.unit === 'u'.repeat(64);
        expect(response.status, `${q} ${JSON.stringify(filter)}: ${await response.clone().text()}`).toBe(unknown ? 422 : 200);
      }
    }
  });

  it('refuses what is too large with a 4xx naming the field, never a 5xx', async () => {
    const site = await boardSite();
    for (const [name, value] of [['q', HAN.repeat(2)], ['q', 'a b c d e f'], ['unit', 'u'.repeat(65)], ['cursor', 'z'.repeat(33)], ['campaign', 'c'.repeat(65)], ['limit', '51'], ['cursor', '%%%']]) {
      const response = await request(`/v1/sites/${site.siteId}/messages?${new URLSearchParams({ [name!]: value! })}`);
      expect(response.status, `${name}=${value}`).toBe(422);
      expect(JSON.stringify(await response.json()), name).toContain(`"field":"${name}"`);
    }
    // A number past every bound is told the bound that matters.
    const huge = await request(`/v1/sites/${site.siteId}/messages?limit=99999999999999999999`);
    expect((await huge.json<{ errors: { message: string }[] }>()).errors[0]!.message).toBe('每页条数不能大于50');
  });
});

describe('D1 limits: officials', () => {
  it('answers the queue with every filter at its largest, for every role, without a 5xx', async () => {
    const site = await boardSite();
    const officials = [
      await createOfficial(site.siteId, 'admin'),
      await createOfficial(site.siteId, 'moderator'),
      await createOfficial(site.siteId, 'responder', [site.headUnit, site.eduUnit, site.transportUnit]),
    ];
    const filters: Record<string, string>[] = [
      { unit: site.headUnit }, { unit: 'u'.repeat(64) }, { cursor: `2026-11-30T00:00:00.000Z~${'z'.repeat(11)}` },
      { tab: 'overdue', unit: site.headUnit, campaign: 'c'.repeat(64), dueWithinDays: '60', type: 'help', domain: 'urban', moderation: 'pending', limit: '100' },
      // The longest searches (50 Chinese characters are 150 bytes: over D1's 50-byte LIKE patterns), in
      // every message of the site, and in a tab read status by status and unit by unit; and a code.
      { tab: 'all', q: '路'.repeat(50) }, { tab: 'all', q: '%_\\'.repeat(16) + '路灯', limit: '100' },
      { tab: 'handling', q: '路'.repeat(50), limit: '100' }, { tab: 'overdue', q: 'ABCD-EFGH-JKLM-NPQR', limit: '100' },
      // Five words (the most a search takes), each looked for in two forms: 路燈壞了ＡＢＣ as typed, and as 路灯坏了abc.
      { tab: 'all', q: [0, 1, 2, 3, 4].map((i) => `路燈壞了ＡＢＣ${i}`).join(' '), limit: '100', unit: site.headUnit, campaign: 'c'.repeat(64), type: 'help', domain: 'urban', dueWithinDays: '60' },
      // And 重办 alone, with every other filter.
      { tab: 'handling', q: [0, 1, 2, 3, 4].map((i) => `路燈壞了ＡＢＣ${i}`).join(' '), limit: '100', unit: site.headUnit, campaign: 'c'.repeat(64), type: 'help', domain: 'urban', dueWithinDays: '60', reopened: 'true' },
    ];
    for (const official of officials) {
      for (const filter of filters) {
        const response = await consoleRequest(`/v1/console/messages?${new URLSearchParams(filter)}`, { as: official });
        expect(response.status, `${official.role} ${JSON.stringify(filter)}`).toBe(200);
      }
    }
  });

  it('exports the widest range and stores an account with the most units and a year with every day listed', async () => {
    const site = await boardSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const exported = await consoleRequest('/v1/console/export.csv?from=1970-01-01&to=2999-12-31&contact=1', { as: admin });
    expect(exported.status).toBe(200);

    const units = await Promise.all(Array.from({ length: 47 }, (_, i) => addUnit(site.siteId, { id: `extra${i}`, parentId: null, name: `单位${i}` })));
    const account = await consoleRequest('/v1/admin/accounts', {
      as: admin, method: 'POST',
      body: { email: 'many-units@county.example.gov.cn', displayName: '多单位办理员', role: 'responder', password: 'a long enough password 2026',
        unitIds: [site.headUnit, site.eduUnit, site.transportUnit, ...units] },
    });
    expect(account.status, await account.clone().text()).toBe(201);

    // As many days as fit in a request body (16 KB): far more than the 25 per INSERT that D1's 100 bound values allow.
    const days = Array.from({ length: 300 }, (_, i) => ({ day: new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10), kind: 'holiday', name: null }));
    const calendar = await consoleRequest('/v1/admin/calendar', { as: admin, method: 'PUT', body: { year: 2027, days } });
    expect(calendar.status, await calendar.clone().text()).toBe(200);
  });
});
