import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { Compilable } from 'kysely';
import type { Domain, MessageStatus, MessageType, Moderation } from '../../sdk/src/schemas/common';
import type { Problem, ProblemCode } from '../../sdk/src/schemas/error';
import type { CreateMessageInput, TimelineEventKind } from '../../sdk/src/schemas/message';
import { siteDatabaseOn } from '../src/db/client';
import { indexForSearch } from '../src/db/messages';
import { latestReplyColumns } from '../src/db/replies';
import { newId } from '../src/lib/crypto';
import { loggedCost, type LoggedCost } from './request-log';

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

/** Stands in for an AES-GCM ciphertext in rows written by `seedMessages`; never part of a public answer. */
export const PLACEHOLDER_CIPHERTEXT = 'v1:placeholder-iv:placeholder-ciphertext';

/** One message to write directly in D1; everything not given has a plain default (a published, public complaint). */
export interface SeedMessage {
  unitId: string;
  title?: string;
  body?: string;
  type?: MessageType;
  domain?: Domain;
  status?: MessageStatus;
  moderation?: Moderation;
  isPublic?: boolean;
  campaignId?: string | null;
  region?: string;
  displayName?: string;
  createdAt?: Date;
  dueAt?: Date;
}

const SEED_BATCH = 50;

/**
 * Writes messages straight into D1, oldest first (so the last one is the newest on the board), the way
 * the service stores them: the row, its search-index entry and its first timeline events in one batch
 * per 50 messages; contact fields hold placeholder ciphertexts. Returns the ids in the order given.
 */
export async function seedMessages(siteId: string, messages: SeedMessage[]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < messages.length; start += SEED_BATCH) {
    const statements: Compilable<unknown>[] = [];
    for (const m of messages.slice(start, start + SEED_BATCH)) {
      const id = newId('m');
      ids.push(id);
      const createdAt = (m.createdAt ?? new Date()).toISOString();
      const moderation = m.moderation ?? 'published';
      const title = m.title ?? '城关小学门口早晚高峰拥堵';
      const body = m.body ?? '每天早上七点半到八点，城关小学门口车辆乱停，孩子过马路很危险。';
      statements.push(db.q.insertInto('messages').values({
        id,
        site_id: siteId,
        unit_id: m.unitId,
        campaign_id: m.campaignId ?? null,
        type: m.type ?? 'complaint',
        domain: m.domain ?? 'urban',
        title,
        body,
        region: m.region ?? '测试县城关镇',
        author_name_enc: PLACEHOLDER_CIPHERTEXT,
        author_phone_enc: PLACEHOLDER_CIPHERTEXT,
        author_email_enc: PLACEHOLDER_CIPHERTEXT,
        display_name: m.displayName ?? '李***',
        is_public: m.isPublic === false ? 0 : 1,
        moderation,
        moderation_reason: moderation === 'rejected' ? '含有不实信息' : null,
        status: m.status ?? 'submitted',
        tracking_hash: `${id}-tracking-hash`,
        source_origin: ALLOWED_ORIGIN,
        due_at: (m.dueAt ?? new Date(Date.parse(createdAt) + 7 * 86_400_000)).toISOString(),
        created_at: createdAt,
        updated_at: createdAt,
        published_at: moderation === 'published' || moderation === 'hidden' ? createdAt : null,
        first_replied_at: null,
        closed_at: m.status === 'closed' ? createdAt : null,
      }));
      statements.push(indexForSearch(db, id, title, body));
      const event = (kind: TimelineEventKind, isPublic: 0 | 1, unitId: string | null = null) =>
        db.q.insertInto('message_events').values({
          message_id: id, kind, is_public: isPublic, unit_id: unitId, from_unit_id: null, account_id: null, note: null, created_at: createdAt,
        });
      statements.push(event('submitted', 1, m.unitId));
      if (moderation === 'rejected') statements.push(event('rejected', 0));
      if (moderation === 'published' || moderation === 'hidden') statements.push(event('published', 1));
      if (moderation === 'hidden') statements.push(event('hidden', 0));
    }
    await db.batch(statements);
  }
  return ids;
}

/**
 * An official reply, as a unit signs it and the console writes it: the reply, its public `replied` event,
 * and on the message its reply count and its copy of the latest reply (what a board card shows).
 */
export async function addReply(messageId: string, { unitId, kind = 'final', body = '已安排相关部门处理。', createdAt = new Date() }: {
  unitId: string; kind?: 'interim' | 'final'; body?: string; createdAt?: Date;
}): Promise<string> {
  const id = newId('r');
  const at = createdAt.toISOString();
  const reply = { id, message_id: messageId, unit_id: unitId, kind, body, account_id: null, created_at: at };
  await db.batch([
    db.q.insertInto('replies').values(reply),
    db.q.insertInto('message_events').values({
      message_id: messageId, kind: 'replied', is_public: 1, unit_id: unitId, from_unit_id: null, account_id: null, note: null, created_at: at,
    }),
    db.q.updateTable('messages')
      .set((eb) => ({ reply_count: eb('reply_count', '+', 1), first_replied_at: eb.fn.coalesce('first_replied_at', eb.val(at)) }))
      .where('id', '=', messageId),
    // Tests may store an older reply after a newer one; the card still shows the newest.
    db.q.updateTable('messages').set(latestReplyColumns(reply))
      .where('id', '=', messageId)
      .where((eb) => eb.or([eb('latest_reply_at', 'is', null), eb('latest_reply_at', '<=', at)])),
  ]);
  return id;
}

/** A timeline event; `isPublic: false` for what only officials see (rejections, hidings, internal notes). */
export async function addEvent(messageId: string, { kind, isPublic = true, unitId = null, fromUnitId = null, note = null, createdAt = new Date() }: {
  kind: TimelineEventKind; isPublic?: boolean; unitId?: string | null; fromUnitId?: string | null; note?: string | null; createdAt?: Date;
}) {
  await db.run(db.q.insertInto('message_events').values({
    message_id: messageId, kind, is_public: isPublic ? 1 : 0, unit_id: unitId, from_unit_id: fromUnitId, account_id: null, note,
    created_at: createdAt.toISOString(),
  }));
}

/** The citizen's rating of the handling. */
export async function addRating(messageId: string, scores: { overall: number; resolution: number; attitude: number; speed: number }, createdAt = new Date()) {
  await db.run(db.q.insertInto('ratings').values({ message_id: messageId, ...scores, reason: null, created_at: createdAt.toISOString() }));
}

/** What a request cost the database, from the line the service logged for it (found by its `X-Request-Id`). */
export function d1Cost(response: Response): LoggedCost {
  const requestId = response.headers.get('X-Request-Id') ?? '';
  const cost = loggedCost(requestId);
  if (!cost) throw new Error(`no D1 cost logged for request ${JSON.stringify(requestId)}`);
  return cost;
}

/** A unit below `parentId` (e.g. a section of a department), to test filters over the unit tree. */
export async function addUnit(siteId: string, { id, parentId, name, kind = 'department' }: {
  id: string; parentId: string | null; name: string; kind?: 'leader' | 'department' | 'region' | 'ministry';
}): Promise<string> {
  const unitId = `${siteId}_${id}`;
  await db.run(db.q.insertInto('units').values({
    id: unitId, site_id: siteId, parent_id: parentId, name, kind, sort_order: 9, active: 1, created_at: new Date().toISOString(),
  }));
  return unitId;
}

/** Many units at once, as an admin's import writes them: parents first, a dozen rows a statement, 200 statements a batch. */
export async function addUnits(siteId: string, units: { id: string; parentId: string | null; name: string }[]): Promise<void> {
  const at = new Date().toISOString();
  const rows = units.map((u, i) => ({
    id: u.id, site_id: siteId, parent_id: u.parentId, name: u.name, kind: 'department' as const, sort_order: i, active: 1, created_at: at,
  }));
  const statements = [];
  for (let i = 0; i < rows.length; i += 12) statements.push(db.q.insertInto('units').values(rows.slice(i, i + 12)));
  for (let i = 0; i < statements.length; i += 200) await db.batch(statements.slice(i, i + 200));
}
