// Privacy scan: 500 people write in with random names, phones, e-mails (and, in private messages,
// their home addresses), some messages private, some answered; then everything the public can ask —
// every public route, the hosted pages, every SDK read, Open311 in JSON and XML, errors and 404s — is
// asked, and neither an answer (body or header) nor a line the service logged holds any of it: not
// a name, a phone in any form (E.164, without +86, as officials dial it), an e-mail in any case, a
// tracking code, nor a private message's words.
import { exports } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../sdk/src/client';
import { ALLOWED_ORIGIN, createSite, db, request, submit, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';
import { PUBLIC_ROUTE, routePattern } from '../../test/public-routes';
import { app } from '../index';

const PEOPLE = 500;
/** Given-name characters rare in Chinese public text (and in ours), so a name found is a name leaked. */
const GIVEN = '璟珩瑄翊婧昀晞槿琰玥骞彧姝琮璠珏瑗曦榕';
const SURNAMES = '陈李王张刘杨赵黄周吴徐孙马朱胡郭何高林罗';

/** Mobile prefixes in the numbering plan (libphonenumber checks them). */
const MOBILE_PREFIXES = ['135', '136', '137', '138', '139', '150', '158', '159', '186', '187', '188', '189', '133', '153', '177', '180'];

interface Person {
  name: string;
  /** 11 digits, as people write it. */
  phone: string;
  email: string;
  isPublic: boolean;
  trackingCode?: string;
  id?: string;
}

/** A deterministic generator (xorshift), so a failure names the same person on every run. */
function random(seed: number) {
  let x = seed;
  return (n: number) => {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    return (x >>> 0) % n;
  };
}

const people: Person[] = [];
/** Everything the service answered and logged, for the scan. */
const seen: string[] = [];
/** What the scan asked, as `METHOD /path`, to check it asked every public route. */
const asked: string[] = [];
const originalLog = console.log;
const originalError = console.error;
const originalWarn = console.warn;

function record(response: Response, body: string): void {
  seen.push(`${response.status} ${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${body}`);
}

async function ask(path: string, init: RequestInit & { origin?: string | null } = {}): Promise<Response> {
  asked.push(`${init.method ?? 'GET'} ${new URL(path, 'https://liuyan.test').pathname}`);
  const response = await request(path, init);
  const body = await response.text();
  record(response, body);
  return new Response(body, { status: response.status, headers: response.headers });
}

let siteId: string;
const publicIds: string[] = [];
const privateIds: string[] = [];

beforeAll(async () => {
  // Every line the service logs (request log, warnings, errors), kept for the scan; the request log
  // helper (test/request-log.ts) still sees its lines.
  for (const [name, original] of [['log', originalLog], ['error', originalError], ['warn', originalWarn]] as const) {
    console[name] = (...args: unknown[]) => {
      seen.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      original(...args);
    };
  }
  const site = await createSite({ moderation: 'post' });
  siteId = site.siteId;
  // This test sends 500 submissions from its one test client.
  await db.run(db.q.updateTable('sites').set({ submission_limits: JSON.stringify({ perAddressHour: 10_000, perPhoneDay: 10_000, perSiteMinute: 10_000 }) }).where('id', '=', siteId));
  const next = random(20261201);
  const units = [site.eduUnit, site.transportUnit, site.headUnit];
  for (let i = 0; i < PEOPLE; i++) {
    const name = SURNAMES[next(SURNAMES.length)]! + GIVEN[next(GIVEN.length)]! + GIVEN[next(GIVEN.length)]!;
    const phone = `${MOBILE_PREFIXES[next(MOBILE_PREFIXES.length)]}${String(next(100_000_000)).padStart(8, '0')}`;
    const email = `${['Chen', 'li.Ming', 'WANG_x', 'zhang'][next(4)]}${i}x${next(100_000)}@Mail${next(50)}.Example.cn`;
    people.push({ name, phone, email, isPublic: i % 4 !== 0 });
  }
  for (const [i, person] of people.entries()) {
    const body = validMessage(units[i % units.length]!, {
      title: person.isPublic ? `关于第${i}号路段的建议` : `私密${i}号事项`,
      body: person.isPublic ? `第${i}号路段夜间照明不足，希望有关部门尽快处理。` : `私密${i}号：我家住在保密街${i}号院，家门口的问题请联系我。`,
      region: person.isPublic ? '测试县城关镇' : `测试县保密街${i}号院`,
      author: { name: person.name, phone: i % 3 === 0 ? `+86 ${person.phone}` : person.phone, email: i % 2 === 0 ? person.email : person.email.toLowerCase(), displayAs: (['masked', 'mr', 'ms'] as const)[i % 3] },
      isPublic: person.isPublic,
    });
    const response = await submit(siteId, body, { headers: { 'CF-Connecting-IP': `10.9.${i >> 8}.${i & 255}` } });
    expect(response.status, await response.clone().text()).toBe(201);
    const created = await response.json<{ id: string; trackingCode: string }>();
    person.id = created.id;
    person.trackingCode = created.trackingCode;
    (person.isPublic ? publicIds : privateIds).push(created.id);
  }
  // Officials answer some, public and private alike.
  const admin = await createOfficial(siteId, 'admin');
  for (const id of [...publicIds.slice(0, 20), ...privateIds.slice(0, 5)]) {
    const accepted = await consoleRequest(`/v1/console/messages/${id}/accept`, { as: admin, method: 'POST', body: {} });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    const reply = await consoleRequest(`/v1/console/messages/${id}/reply`, { as: admin, method: 'POST', body: { kind: 'final', body: '您好，已安排维修，感谢您的监督。' } });
    expect(reply.status, await reply.clone().text()).toBe(200);
  }
}, 600_000);

afterAll(() => {
  console.log = originalLog;
  console.error = originalError;
  console.warn = originalWarn;
});

/** The people whose data a text holds, by what of theirs it holds. */
function leaks(text: string): string[] {
  const found: string[] = [];
  const names = new Set(people.map((p) => p.name));
  for (const run of text.match(/[\u4e00-\u9fff]{3,}/g) ?? []) {
    for (let i = 0; i + 3 <= run.length; i++) if (names.has(run.slice(i, i + 3))) found.push(`name ${run.slice(i, i + 3)}`);
  }
  const phones = new Set(people.map((p) => p.phone));
  // Any run of digits, with the spaces, dashes and +86 people and officials write them with.
  for (const run of text.match(/[+\d][\d \-]{9,}\d/g) ?? []) {
    const digits = run.replace(/\D/g, '');
    for (const candidate of [digits, digits.replace(/^0?0?86/, '')]) if (phones.has(candidate)) found.push(`phone ${run}`);
    for (let i = 0; i + 11 <= digits.length; i++) if (phones.has(digits.slice(i, i + 11))) found.push(`phone within ${run}`);
  }
  const emails = new Set(people.map((p) => p.email.toLowerCase()));
  for (const email of text.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []) if (emails.has(email.toLowerCase())) found.push(`email ${email}`);
  const codes = new Set(people.map((p) => p.trackingCode!.replace(/-/g, '')));
  for (const code of text.match(/[0-9A-Z]{4}-?[0-9A-Z]{4}-?[0-9A-Z]{4}-?[0-9A-Z]{4}/g) ?? []) if (codes.has(code.replace(/-/g, ''))) found.push(`tracking code ${code}`);
  for (const words of text.match(/私密\d+号|保密街\d+号院/g) ?? []) found.push(`private message ${words}`);
  return found;
}

describe('privacy scan', () => {
  it('the scan finds what it looks for (a tracked view holds the author\'s own words)', async () => {
    const person = people.find((p) => !p.isPublic)!;
    const response = await request(`/v1/sites/${siteId}/my-data`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trackingCode: person.trackingCode }) });
    const found = leaks(await response.text());
    expect(found).toEqual(expect.arrayContaining([`name ${person.name}`, expect.stringMatching(/^email /), expect.stringMatching(/^private message /)]));
    expect(found.some((f) => f.startsWith('phone'))).toBe(true);
  });

  it('no public answer, header or log line holds a name, phone, e-mail, tracking code or private message', { timeout: 600_000 }, async () => {
    seen.length = 0;
    const site = `/v1/sites/${siteId}`;
    // The public API: the board page by page, each tab, searches, units, campaigns, stats.
    for (let cursor: string | null = ''; cursor !== null;) {
      const page: { items: unknown[]; nextCursor: string | null } = await (await ask(`${site}/messages?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
      cursor = page.nextCursor;
    }
    for (const status of ['awaiting', 'in_progress', 'answered']) await ask(`${site}/messages?status=${status}&limit=50`);
    for (const q of ['路段', '私密', '保密街', people[1]!.name, people[1]!.phone, people[1]!.email, '照明']) await ask(`${site}/messages?q=${encodeURIComponent(q)}`);
    await ask(site);
    await ask(`${site}/units`);
    await ask(`${site}/units?q=${encodeURIComponent('教育')}`);
    await ask(`${site}/campaigns`);
    await ask(`${site}/campaigns/none`);
    await ask(`${site}/form`);
    await ask(`${site}/photos/p_none/${'0'.repeat(64)}`);
    await ask(`${site}/stats`);
    await ask(`${site}/stats?unit=${siteId}_edu`);
    for (const id of [...publicIds.slice(0, 30), ...privateIds.slice(0, 30)]) {
      await ask(`${site}/messages/${id}`);
      await ask(`/s/${siteId}/messages/${id}`);
    }
    // The hosted pages, the reference, liveness.
    for (const page of ['', '/', '/write', '/track', '/stats', '/form', '/campaigns/none', '/nope']) await ask(`/s/${siteId}${page}`, { origin: null });
    // 我也关注 on a message's page: the press's address opened, and the press, of a public and a private message.
    for (const id of [publicIds[0]!, privateIds[0]!]) {
      await ask(`/s/${siteId}/messages/${id}/support`, { origin: null });
      await ask(`/s/${siteId}/messages/${id}/support`, { method: 'POST', origin: 'https://liuyan.test', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: '' });
    }
    // The site's own loader, with the config and the form it carries to one of the site's websites.
    await ask(`/s/${siteId}/liuyan.js`);
    for (const page of ['/docs', '/docs/', '/docs/en', '/docs/en/', '/docs/docs.css']) await ask(page, { origin: null });
    await ask('/openapi.json', { origin: null });
    await ask('/healthz', { origin: null });
    // Open311, JSON and XML.
    for (const format of ['json', 'xml']) {
      await ask(`/open311/v2/${siteId}/discovery.${format}`, { origin: null });
      await ask(`/open311/v2/${siteId}/services.${format}`, { origin: null });
      await ask(`/open311/v2/${siteId}/services/complaint.education.${format}`, { origin: null });
      await ask(`/open311/v2/${siteId}/requests.${format}`, { origin: null });
      await ask(`/open311/v2/${siteId}/requests.${format}?extensions=true`, { origin: null });
      for (const id of [publicIds[0]!, privateIds[0]!]) await ask(`/open311/v2/${siteId}/requests/${id}.${format}?extensions=true`, { origin: null });
      await ask(`/open311/v2/${siteId}/tokens/x.${format}`, { origin: null });
    }
    // Errors and 404s: a wrong tracking code, a bad submission carrying a person's details, unknown
    // sites, paths and methods, supports.
    const person = people[2]!;
    const json = { 'Content-Type': 'application/json' };
    await ask(`${site}/track`, { method: 'POST', headers: json, body: JSON.stringify({ trackingCode: 'AAAA-BBBB-CCCC-DDDD' }) });
    await ask(`${site}/messages`, {
      method: 'POST', headers: { ...json, 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(validMessage(`${siteId}_edu`, { title: '', author: { name: person.name, phone: `${person.phone}0`, email: `${person.email}@`, displayAs: 'masked' } })),
    });
    await ask(`${site}/messages`, { method: 'POST', headers: json, body: JSON.stringify(validMessage(`${siteId}_edu`, { author: { name: person.name, phone: person.phone, email: person.email, displayAs: 'masked' } })) });
    // The write page sent without a script, a field wrong: the form comes back with what was typed, of
    // someone not among the 500, and nothing of anyone else.
    const sentBack = await ask(`/s/${siteId}/write`, {
      method: 'POST', origin: 'https://liuyan.test', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ unitId: `${siteId}_edu`, type: 'complaint', domain: 'education', title: '', body: '学校门口的路灯坏了', 'author.name': '测试者', 'author.phone': '13800000000', consent: 'true' }).toString(),
    });
    expect([sentBack.status, await sentBack.text()]).toEqual([422, expect.stringContaining('测试者')]);
    await ask(`${site}/track/recover`, { method: 'POST', headers: json, body: JSON.stringify({ contact: person.phone }) });
    await ask(`${site}/messages/${privateIds[1]}/support`, { method: 'POST', headers: json, body: JSON.stringify({ supporter: 'x'.repeat(20) }) });
    await ask('/v1/sites/no-such-site/messages');
    await ask(`${site}/no-such-path`);
    await ask(`${site}/messages`, { method: 'DELETE' });
    await ask(`/s/no-such-site/`);
    await ask('/nothing-here', { origin: null });

    // Every read the SDK offers, through the real worker.
    const client = createClient({ baseUrl: 'https://liuyan.test', site: siteId, retries: 0, fetch: async (input, init) => {
      const response = await exports.default.fetch(new Request(input, init));
      const body = await response.text();
      record(response, body);
      return new Response(body, { status: response.status, headers: response.headers });
    } });
    await client.getSite();
    await client.listUnits();
    for await (const _ of client.messages({ limit: 50 })) { /* every page */ }
    await client.getMessage(publicIds[3]!);
    await client.getMessage(privateIds[3]!).catch(() => null);
    await client.listCampaigns();
    await client.getStats();
    await client.track('AAAA-BBBB-CCCC-DDDD').catch(() => null);

    // Every public route that reads was asked (a route added later is scanned too, or this fails); the
    // writes not asked act on a citizen's own tracking code or take an upload.
    const unasked = [...new Set(app.routes.filter((r) => r.method === 'GET' && PUBLIC_ROUTE.test(r.path)).map((r) => r.path))]
      .filter((route) => !asked.some((line) => line.startsWith('GET ') && routePattern(route).test(line.slice(4))));
    expect(unasked).toEqual([]);
    expect(seen.length).toBeGreaterThan(200);
    expect(seen.filter((line) => line.startsWith('{"requestId"')).length, 'request log lines scanned').toBeGreaterThan(100);
    const found = seen.flatMap((text) => leaks(text).map((leak) => `${leak} in: ${text.slice(0, 160)}`));
    expect(found).toEqual([]);
    // The public did see the public messages (the scan is not of empty pages).
    expect(seen.join('\n')).toContain('关于第1号路段的建议');
  });
});
