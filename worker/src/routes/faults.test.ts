// The service under D1 faults: every write path, with the database failing on each of its statements
// in turn (db/d1-errors.ts for what each failure means). For every statement N and every kind of
// failure: a failed request leaves the database exactly as it was (0 partial writes) or, if its
// write was committed before the answer was lost, exactly as one success leaves it; a retry of the
// same request (the same Idempotency-Key where the route takes one) then succeeds, and leaves the
// database as one success does (0 duplicates).
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../../sdk/src/schemas/error';
import { addReply, ALLOWED_ORIGIN, createSite, db, seedMessages, validMessage, type SeedMessage } from '../../test/fixtures';
import { CONSOLE_ORIGIN, createOfficial, type TestOfficial } from '../../test/officials';
import { newTrackingCode, normalizeTrackingCode, trackingCodeHash } from '../lib/tracking-code';
import { fetchWithFault, type D1FaultKind, type Fault } from '../../test/d1-faults';

/** How to find a site's rows in each table: by a column that leads to the site. */
const SCOPES: [column: string, where: string][] = [
  ['site_id', 'site_id = ?1'],
  ['campaign_id', 'campaign_id IN (SELECT id FROM campaigns WHERE site_id = ?1)'],
  ['message_id', 'message_id IN (SELECT id FROM messages WHERE site_id = ?1)'],
  ['account_id', 'account_id IN (SELECT id FROM accounts WHERE site_id = ?1)'],
  ['unit_id', 'unit_id IN (SELECT id FROM units WHERE site_id = ?1)'],
  ['endpoint_id', 'endpoint_id IN (SELECT id FROM webhook_endpoints WHERE site_id = ?1)'],
  ['delivery_id', 'delivery_id IN (SELECT id FROM webhook_deliveries WHERE site_id = ?1)'],
  ['notification_id', 'notification_id IN (SELECT id FROM notifications WHERE site_id = ?1)'],
];

/** Per table: the query that reads a site's rows (or, for a table that leads to no site, all of them). */
let tableQueries: { table: string; sql: string }[] = [];

beforeAll(async () => {
  const { results: tables } = await env.DB.prepare(
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'",
  ).all<{ name: string; sql: string }>();
  const virtual = tables.filter((t) => /^CREATE VIRTUAL/i.test(t.sql)).map((t) => t.name);
  tableQueries = [];
  for (const { name, sql } of tables) {
    // A search index: its row count (its shadow tables hold the same in their own form).
    if (virtual.includes(name)) {
      tableQueries.push({ table: name, sql: `SELECT count(*) AS n FROM "${name}"` });
      continue;
    }
    // The outbox is a queue, emptied after each answer (by any request's leftover work): not state.
    if (virtual.some((v) => name.startsWith(`${v}_`)) || name === 'event_outbox') continue;
    const { results: columns } = await env.DB.prepare(`SELECT name FROM pragma_table_info('${name}')`).all<{ name: string }>();
    const names = new Set(columns.map((c) => c.name));
    const scope = name === 'sites' ? ['id', 'id = ?1'] : SCOPES.find(([column]) => names.has(column));
    tableQueries.push({ table: name, sql: `SELECT * FROM "${name}"${scope ? ` WHERE ${scope[1]}` : ''}` });
  }
});

/** Every row of the site, by table (and the rows of tables that lead to no site). */
async function snapshot(siteId: string): Promise<Record<string, string[]>> {
  const statements = tableQueries.map(({ sql }) => (sql.includes('?1') ? env.DB.prepare(sql).bind(siteId) : env.DB.prepare(sql)));
  const results = await env.DB.batch(statements);
  return Object.fromEntries(tableQueries.map(({ table }, i) => [table, results[i]!.results.map((row) => JSON.stringify(row)).sort()]));
}

const delta = (before: Record<string, string[]>, after: Record<string, string[]>) =>
  Object.fromEntries(Object.keys(after).map((table) => [table, after[table]!.length - (before[table]?.length ?? 0)]).filter(([, d]) => d !== 0));

interface Scenario {
  siteId: string;
  /** The request, the same each time it is made (a retry carries the same Idempotency-Key). */
  request: () => Request;
}

/** A JSON request from the console page, as `consoleRequest` makes it. */
function consolePost(as: TestOfficial, path: string, body: unknown, method = 'POST', headers: Record<string, string> = {}) {
  return () => new Request(`${CONSOLE_ORIGIN}${path}`, {
    method, headers: { Cookie: as.cookie, Origin: CONSOLE_ORIGIN, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body),
  });
}

function publicPost(path: string, body: unknown, headers: Record<string, string> = {}) {
  return () => new Request(`https://liuyan.test${path}`, {
    method: 'POST', headers: { Origin: ALLOWED_ORIGIN, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body),
  });
}

/**
 * A site with a message (written straight to D1, as the service stores it: faster than through the
 * API, and the paths under test start from it), its tracking code, and its officials: a responder
 * for the whole tree, a moderator and an admin.
 */
async function withMessage(state: Pick<SeedMessage, 'status' | 'moderation'> = {}) {
  const site = await createSite();
  const [[id], responder, moderator, admin] = await Promise.all([
    seedMessages(site.siteId, [{ unitId: site.eduUnit, status: 'submitted', moderation: 'pending', ...state }]),
    createOfficial(site.siteId, 'responder', [site.headUnit]),
    createOfficial(site.siteId, 'moderator'),
    createOfficial(site.siteId, 'admin'),
  ]);
  const trackingCode = newTrackingCode();
  await db.run(db.q.updateTable('messages')
    .set({ tracking_hash: await trackingCodeHash(env.HASH_KEY, site.siteId, normalizeTrackingCode(trackingCode)!) })
    .where('id', '=', id!));
  return { ...site, responder, moderator, admin, id: id!, trackingCode };
}

/** A published message answered with a final reply by the education bureau. */
async function answered() {
  const m = await withMessage({ status: 'replied', moderation: 'published' });
  await addReply(m.id, { unitId: m.eduUnit });
  return m;
}

/** Every write path, each from a fresh state of its own. */
const WRITE_PATHS: Record<string, () => Promise<Scenario>> = {
  submit: async () => {
    const { siteId, eduUnit } = await createSite();
    return { siteId, request: publicPost(`/v1/sites/${siteId}/messages`, validMessage(eduUnit), { 'Idempotency-Key': crypto.randomUUID() }) };
  },
  'follow-up': async () => {
    const m = await answered();
    return { siteId: m.siteId, request: publicPost(`/v1/sites/${m.siteId}/track/follow-ups`, { trackingCode: m.trackingCode, question: '路口还是没有人疏导，请再看看。' }) };
  },
  rate: async () => {
    const m = await answered();
    return { siteId: m.siteId, request: publicPost(`/v1/sites/${m.siteId}/track/rating`, { trackingCode: m.trackingCode, overall: 4, resolution: 4, attitude: 5, speed: 4 }) };
  },
  publish: async () => {
    const m = await withMessage();
    return { siteId: m.siteId, request: consolePost(m.moderator, `/v1/console/messages/${m.id}/publish`, {}) };
  },
  accept: async () => {
    const m = await withMessage();
    return { siteId: m.siteId, request: consolePost(m.responder, `/v1/console/messages/${m.id}/accept`, {}) };
  },
  transfer: async () => {
    const m = await withMessage();
    return { siteId: m.siteId, request: consolePost(m.responder, `/v1/console/messages/${m.id}/transfer`, { unitId: m.transportUnit, reason: '属交通部门职责' }) };
  },
  reply: async () => {
    const m = await withMessage({ status: 'accepted' });
    return {
      siteId: m.siteId,
      request: consolePost(m.responder, `/v1/console/messages/${m.id}/reply`, { kind: 'final', body: '已安排处理。' }, 'POST', { 'Idempotency-Key': crypto.randomUUID() }),
    };
  },
  close: async () => {
    const m = await answered();
    return { siteId: m.siteId, request: consolePost(m.responder, `/v1/console/messages/${m.id}/close`, {}) };
  },
  erase: async () => {
    const m = await withMessage();
    return { siteId: m.siteId, request: publicPost(`/v1/sites/${m.siteId}/my-data/erase`, { trackingCode: m.trackingCode }) };
  },
  'admin: site settings': async () => {
    const m = await createSite();
    const admin = await createOfficial(m.siteId, 'admin');
    return { siteId: m.siteId, request: consolePost(admin, '/v1/admin/site', { moderation: 'post', name: '测试县人民政府（新）' }, 'PATCH') };
  },
  'admin: new unit': async () => {
    const m = await createSite();
    const admin = await createOfficial(m.siteId, 'admin');
    return {
      siteId: m.siteId,
      request: consolePost(admin, '/v1/admin/units', { name: '测试县财政局', kind: 'department', parentId: m.headUnit }, 'POST', { 'Idempotency-Key': crypto.randomUUID() }),
    };
  },
  'admin: new webhook': async () => {
    const m = await createSite();
    const admin = await createOfficial(m.siteId, 'admin');
    return {
      siteId: m.siteId,
      request: consolePost(admin, '/v1/admin/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['message.submitted'] }, 'POST', { 'Idempotency-Key': crypto.randomUUID() }),
    };
  },
};

/**
 * Each class of failure D1 gives (db/d1-errors.test.ts: every transient message is one class),
 * failing before its statement runs; and a lost answer after a commit.
 */
const FAULTS: { kind: D1FaultKind; when: Fault['when'] }[] = [
  { kind: 'networkLost', when: 'before' },
  { kind: 'overloaded', when: 'before' },
  { kind: 'other', when: 'before' },
  { kind: 'networkLost', when: 'after' },
];

const ok = (status: number) => status >= 200 && status < 300;

describe('D1 faults on every write path', () => {
  for (const [name, scenario] of Object.entries(WRITE_PATHS)) {
    it(`${name}: for each statement and failure, nothing partial, nothing twice`, { timeout: 60_000 }, async () => {
      // A clean run: how many statements the request runs, and what one success writes.
      const clean = await scenario();
      const cleanBefore = await snapshot(clean.siteId);
      const first = await fetchWithFault(clean.request(), null);
      expect(ok(first.response.status), `${name}: ${first.response.status} ${first.body}`).toBe(true);
      const oneSuccess = delta(cleanBefore, await snapshot(clean.siteId));
      expect(Object.keys(oneSuccess).length, `${name} writes something`).toBeGreaterThan(0);

      for (let at = 1; at <= first.statements; at++) {
        // Failures that wrote nothing leave the scenario as it was: the next failure reuses it (lean).
        let s = await scenario();
        let before = await snapshot(s.siteId);
        for (const { kind, when } of FAULTS) {
          const what = `${name}, statement ${at} of ${first.statements}, ${kind} ${when}`;
          // A read that runs and then fails is the same as one that fails first: lost answers matter after writes.
          if (when === 'after' && first.readOnly[at - 1]) continue;
          if (when === 'after') {
            // The failures before wrote nothing: the client's retry of them goes through, once.
            await expectRetryAsOneSuccess(s, before, `${name}, statement ${at}`, true);
            s = await scenario();
            before = await snapshot(s.siteId);
          }
          const failed = await fetchWithFault(s.request(), { at, kind, when });
          const afterFailure = await snapshot(s.siteId);
          const status = failed.response.status;
          const changed = delta(before, afterFailure);
          if (ok(status)) {
            // Retried inside the service (a read, or an idempotent write): as one success.
            expect(changed, what).toEqual(oneSuccess);
          } else {
            const problem = JSON.parse(failed.body) as Problem;
            if (kind === 'other') {
              expect([status, problem.code], what).toEqual([500, 'internal']);
              expect(problem.requestId, what).toBe(failed.response.headers.get('X-Request-Id'));
            } else {
              expect([status, problem.code], what).toEqual([503, 'unavailable']);
              expect(Number(failed.response.headers.get('Retry-After')), what).toBeGreaterThan(0);
            }
            // All or nothing: the database exactly as before, or (the answer lost after the commit) as one success.
            if (Object.keys(changed).length === 0) expect(afterFailure, `${what}: 0 partial writes`).toEqual(before);
            else expect(changed, `${what}: all or nothing`).toEqual(oneSuccess);
          }
          if (when === 'after') await expectRetryAsOneSuccess(s, before, what);
          else if (Object.keys(changed).length > 0) {
            await expectRetryAsOneSuccess(s, before, what);
            s = await scenario();
            before = await snapshot(s.siteId);
          }
        }
      }

      /**
       * The client tries again (same request, same key): nothing is there twice. Where the work may
       * have been done, a refusal that says so is a right answer too (409: an accepted message cannot
       * be accepted again; 422 same_unit: it is with that unit already).
       */
      async function expectRetryAsOneSuccess(s: Scenario, before: Record<string, string[]>, what: string, mustSucceed = false) {
        const retried = await fetchWithFault(s.request(), null);
        const status = retried.response.status;
        expect(mustSucceed ? ok(status) : status < 500, `${what}: retry → ${status} ${retried.body}`).toBe(true);
        expect(delta(before, await snapshot(s.siteId)), `${what}: after the retry, as one success`).toEqual(oneSuccess);
      }
    });
  }
});
