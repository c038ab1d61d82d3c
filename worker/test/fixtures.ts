import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { Problem, ProblemCode } from '../../sdk/src/schemas/error';
import type { CreateMessageInput } from '../../sdk/src/schemas/message';
import { siteDatabaseOn } from '../src/db/client';

export const db = siteDatabaseOn(env.DB);
export const ALLOWED_ORIGIN = 'https://www.county.example.gov.cn';
export const FOREIGN_ORIGIN = 'https://evil.example.com';

let counter = 0;

/** A site with a leader and two departments, as a county government would have. */
export async function createSite(overrides: { moderation?: 'pre' | 'post' } = {}) {
  const siteId = `s${++counter}${Math.random().toString(36).slice(2, 8)}`;
  const now = new Date().toISOString();
  await db.batch([
    db.q.insertInto('sites').values({
      id: siteId, name: '测试县人民政府', moderation: overrides.moderation ?? 'pre',
      allowed_origins: JSON.stringify([ALLOWED_ORIGIN]), created_at: now, updated_at: now,
    }),
    db.q.insertInto('units').values([
      { id: `${siteId}_head`, site_id: siteId, parent_id: null, name: '测试县县长', kind: 'leader', sort_order: 1, active: 1, created_at: now },
      { id: `${siteId}_edu`, site_id: siteId, parent_id: `${siteId}_head`, name: '测试县教育局', kind: 'department', sort_order: 1, active: 1, created_at: now },
      { id: `${siteId}_transport`, site_id: siteId, parent_id: `${siteId}_head`, name: '测试县交通运输局', kind: 'department', sort_order: 2, active: 1, created_at: now },
      { id: `${siteId}_old`, site_id: siteId, parent_id: null, name: '已撤销的办公室', kind: 'department', sort_order: 3, active: 0, created_at: now },
    ]),
  ]);
  return { siteId, headUnit: `${siteId}_head`, eduUnit: `${siteId}_edu`, transportUnit: `${siteId}_transport`, inactiveUnit: `${siteId}_old` };
}

export function validMessage(unitId: string, overrides: Partial<CreateMessageInput> = {}): CreateMessageInput {
  return {
    unitId,
    type: 'complaint',
    domain: 'education',
    campaign: null,
    title: '城关小学门口早晚高峰拥堵',
    body: '每天早上七点半到八点，城关小学门口车辆乱停，孩子过马路很危险，希望安排交警疏导。',
    region: '测试县城关镇',
    author: { name: '陈明', phone: '13912345678', email: 'chenming@example.com', displayAs: 'masked' },
    isPublic: true,
    consent: true,
    ...overrides,
  };
}

export function request(path: string, init: RequestInit & { origin?: string | null } = {}) {
  const headers = new Headers(init.headers);
  const origin = init.origin === undefined ? ALLOWED_ORIGIN : init.origin;
  if (origin) headers.set('Origin', origin);
  return exports.default.fetch(new Request(`https://liuyan.test${path}`, { ...init, headers }));
}

export function submit(siteId: string, body: unknown, { key = crypto.randomUUID(), origin, headers = {} }: { key?: string | null; origin?: string | null; headers?: Record<string, string> } = {}) {
  return request(`/v1/sites/${siteId}/messages`, {
    method: 'POST',
    origin,
    headers: { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function track(siteId: string, trackingCode: string, origin?: string | null) {
  return request(`/v1/sites/${siteId}/track`, {
    method: 'POST',
    origin,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ trackingCode }),
  });
}

export async function countRows(table: 'messages' | 'message_events' | 'idempotency_keys', siteId: string) {
  const sql = table === 'message_events'
    ? 'SELECT count(*) AS n FROM message_events e JOIN messages m ON m.id = e.message_id WHERE m.site_id = ?'
    : `SELECT count(*) AS n FROM ${table} WHERE site_id = ?`;
  const row = await env.DB.prepare(sql).bind(siteId).first<{ n: number }>();
  return row!.n;
}

/** The personal data `validMessage` sends; none of it may appear in a public answer. */
export const AUTHOR = { name: '陈明', phone: '13912345678', email: 'chenming@example.com' } as const;

/** Fails if the text holds the author's name, phone or email. */
export function expectNoPersonalData(text: string) {
  for (const secret of [AUTHOR.name, AUTHOR.phone, AUTHOR.email]) expect(text).not.toContain(secret);
}

/** The stored row of a message, as D1 holds it. */
export function messageRow(messageId: string) {
  return db.first(db.q.selectFrom('messages').selectAll().where('id', '=', messageId));
}

/** The kinds of a message's timeline events, oldest first. */
export async function eventKinds(messageId: string) {
  const rows = await db.all(db.q.selectFrom('message_events').select('kind').where('message_id', '=', messageId).orderBy('id'));
  return rows.map((row) => row.kind);
}

export async function createCampaign(siteId: string, { slug, startsAt, endsAt }: { slug: string; startsAt: Date; endsAt: Date }) {
  const id = `${siteId}_${slug}`;
  await db.run(db.q.insertInto('campaigns').values({
    id, site_id: siteId, slug, title: `专栏 ${slug}`, starts_at: startsAt.toISOString(), ends_at: endsAt.toISOString(),
    created_at: new Date().toISOString(),
  }));
  return id;
}

export async function addCalendarDay(siteId: string, day: string, kind: 'holiday' | 'workday') {
  await db.run(db.q.insertInto('calendar_days').values({ site_id: siteId, day, kind, name: kind === 'holiday' ? '测试假日' : '调休上班' }));
}

/** Checks that a response is the problem+json of `status` and `code`, and returns it. */
export async function expectProblem(response: Response, status: number, code: ProblemCode): Promise<Problem> {
  expect(response.status).toBe(status);
  expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
  const problem = await response.json<Problem>();
  expect(problem).toMatchObject({ status, code, type: `/docs/errors#${code}` });
  return problem;
}

/** Nothing stored for the site: no message, no event, no idempotency record. */
export async function expectNothingWritten(siteId: string) {
  expect(await countRows('messages', siteId)).toBe(0);
  expect(await countRows('message_events', siteId)).toBe(0);
  expect(await countRows('idempotency_keys', siteId)).toBe(0);
}
