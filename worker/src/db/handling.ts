// What officials do to a message (受理 → 转办 → 回复 → 办结, and moderation), as rules and as the
// statements of one D1 batch per action. Every statement of a batch re-checks the state the rules
// were applied to, so two officials acting at once cannot both succeed: the second batch changes
// nothing and is answered 409.
import { isOpenStatus, type ReplyKind } from '../../../sdk/src/schemas/common';
import type { Action } from '../../../sdk/src/schemas/console';
import type { Official, Role } from '../auth/official';
import { inScope } from '../auth/official';
import { ApiError } from '../errors';
import { sql, type UpdateObject } from 'kysely';
import { extendedDeadline, type ExtensionBase } from '../lib/calendar';
import { sha256Hex } from '../lib/crypto';
import { searchText } from '../lib/search-text';
import { localDay } from '../lib/site-time';
import type { SiteDatabase } from './client';
import { photosStillFree } from './photos';
import { latestReplyColumns } from './replies';
import { ALERT_KINDS } from './deadlines';
import { workingCalendar } from './sites';
import type { Database, MessageRow } from './schema';

/** The columns an action's rules look at; the batch is guarded by exactly these values. */
export type HandledMessage = Pick<MessageRow, 'id' | 'site_id' | 'unit_id' | 'status' | 'moderation' | 'is_public' | 'due_at' | 'type' | 'adopted_at' | 'reply_count'>
  & { last_event_id: number | null };

/**
 * The id of the latest event someone wrote on the message `messageId` names (an official's action, the
 * citizen's rating or follow-up…), NULL when none: selected beside the message as `last_event_id`
 * for its version (`messageVersion`). The scheduler's alerts (提醒, 督办: `deadlines.ts`) are left
 * out: written on the hour by no one handling the message, they would refuse the action of an
 * official whose page was open meanwhile.
 */
export function lastEventId(messageId: string) {
  return sql<number | null>`(SELECT max(le.id) FROM message_events le WHERE le.message_id = ${sql.ref(messageId)} AND le.kind NOT IN (${sql.join([...ALERT_KINDS])}))`;
}


/** Who may take each action. Moderators work the whole site; responders only their units. */
export const ROLES: Record<Action, Role[]> = {
  publish: ['admin', 'moderator'],
  reject: ['admin', 'moderator'],
  hide: ['admin', 'moderator'],
  accept: ['admin', 'moderator', 'responder'],
  transfer: ['admin', 'moderator', 'responder'],
  reply: ['admin', 'responder'],
  close: ['admin', 'responder'],
  extend: ['admin', 'responder'],
  note: ['admin', 'moderator', 'responder'],
  reveal: ['admin', 'responder'],
  // 采纳 is the answering unit's decision (or an admin's), like a reply.
  adopt: ['admin', 'responder'],
};

/** The states each action starts from. A rejected message is never handled further. */
const ALLOWED: Record<Action, (m: HandledMessage) => boolean> = {
  // A private message is handled like any other, but never shown to the public.
  publish: (m) => m.is_public === 1 && (m.moderation === 'pending' || m.moderation === 'hidden'),
  reject: (m) => m.moderation === 'pending',
  hide: (m) => m.moderation === 'published',
  accept: (m) => m.moderation !== 'rejected' && m.status === 'submitted',
  transfer: (m) => m.moderation !== 'rejected' && isOpenStatus(m.status),
  reply: (m) => m.moderation !== 'rejected' && (m.status === 'accepted' || m.status === 'in_progress' || m.status === 'replied'),
  close: (m) => m.moderation !== 'rejected' && m.status === 'replied',
  // A deadline is extended for handling that needs longer: by a unit that has taken the message on
  // (受理), not to put off taking it on.
  extend: (m) => m.moderation !== 'rejected' && (m.status === 'accepted' || m.status === 'in_progress'),
  note: () => true,
  reveal: () => true,
  // Only a 建言 is adopted, once, by a unit that has taken it on (受理): the public must not read
  // 已采纳 on a message no one has accepted. A rejected one never reached the unit as a proposal.
  adopt: (m) => m.type === 'suggestion' && m.moderation !== 'rejected' && m.status !== 'submitted' && m.adopted_at === null,
};

const ACTIONS = Object.keys(ROLES) as Action[];

/** The actions an official may take on the message now (the console shows only these). */
export async function availableActions(db: SiteDatabase, official: Official, m: HandledMessage): Promise<Action[]> {
  if (!(await inScope(db, official, m.unit_id))) return [];
  return ACTIONS.filter((action) => ROLES[action].includes(official.role) && ALLOWED[action](m));
}

/**
 * Refuses an action the official's role does not allow (403), one sent with an `If-Match` the
 * message no longer matches (412: someone handled it since the official read it — transferred it
 * out of their units, say — which says more than the rule it may now break), one on a message
 * outside the official's units (403), or the message's state (409). Only an official who read the
 * message (in their units then) has its version, so the 412 tells nobody else anything.
 */
export async function assertMayTake(db: SiteDatabase, official: Official, m: HandledMessage, action: Action, ifMatch?: string): Promise<void> {
  if (!ROLES[action].includes(official.role)) throw new ApiError('forbidden');
  if (!ifMatchAllows(ifMatch, await messageVersion(m))) throw new ApiError('changed_since_read');
  if (!(await inScope(db, official, m.unit_id))) throw new ApiError('forbidden');
  if (!ALLOWED[action](m)) throw new ApiError('invalid_transition');
}

export function findHandledMessage(db: SiteDatabase, siteId: string, id: string): Promise<HandledMessage | null> {
  return db.first(
    db.q.selectFrom('messages')
      .select(['id', 'site_id', 'unit_id', 'status', 'moderation', 'is_public', 'due_at', 'type', 'adopted_at', 'reply_count'])
      .select(lastEventId('messages.id').as('last_event_id'))
      .where('id', '=', id)
      .where('site_id', '=', siteId),
  );
}

/**
 * The columns whose values the rules were applied to: every statement of an action checks them. The
 * count of replies too: a reply stored meanwhile changes what the next one should say.
 */
const GUARDED = ['id', 'unit_id', 'status', 'moderation', 'due_at', 'reply_count'] as const;

/**
 * The message's version as an official last read it: an entity tag over the columns every action is
 * guarded by (`GUARDED`) and the latest event someone wrote (`lastEventId`), so it changes when anyone
 * moderates, accepts, transfers, replies, closes or extends it, a citizen follows up or rates it back
 * into the queue — and not for a note or a "me too". The event keeps a message come back to an
 * earlier state (隐藏, then 发布 again) from matching the version read before it left it. The
 * console's message carries it (`version`) and sends it back as `If-Match` with an action; another value is a 412 `changed_since_read` (RFC 9110 §13.1.1), so an official acting on
 * a page opened before a colleague's reply is told, rather than a second final reply being stored.
 * Shape: 32 hex characters (the first 16 bytes of a SHA-256).
 */
export async function messageVersion(m: Pick<HandledMessage, (typeof GUARDED)[number] | 'last_event_id'>): Promise<string> {
  return (await sha256Hex(JSON.stringify([...GUARDED.map((column) => m[column]), m.last_event_id ?? 0]))).slice(0, 32);
}

/**
 * Whether an `If-Match` header (absent, `*`, or a list of entity tags, weak or strong) lets an action
 * go on against the message at `version`. Absent: no precondition (an integrator's script acting
 * by id alone keeps working, guarded only by the batch).
 */
export function ifMatchAllows(header: string | undefined, version: string): boolean {
  if (header === undefined || header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === `"${version}"`);
}

/** The message, still in the state the rules were applied to: the guard of every statement. */
function unchanged(db: SiteDatabase, m: HandledMessage) {
  return GUARDED.reduce((q, column) => q.where(column, '=', m[column]), db.q.selectFrom('messages'));
}

export interface ActionContext {
  db: SiteDatabase;
  official: Official;
  message: HandledMessage;
  now: string;
  /** The action's keyed `Idempotency-Key` (`keyedId`), written on its event; none where it came without one. */
  actionKey?: string | null;
}

interface EventFields {
  kind: string;
  isPublic: boolean;
  unitId?: string | null;
  fromUnitId?: string | null;
  note?: string | null;
}

/** A timeline event, written only if the message is unchanged. */
function event({ db, official, message, now, actionKey }: ActionContext, e: EventFields) {
  return db.q.insertInto('message_events')
    .columns(['message_id', 'kind', 'is_public', 'unit_id', 'from_unit_id', 'account_id', 'note', 'created_at', 'action_key'])
    .expression(unchanged(db, message).select((eb) => [
      eb.val(message.id).as('message_id'), eb.val(e.kind).as('kind'), eb.val(e.isPublic ? 1 : 0).as('is_public'),
      eb.val(e.unitId ?? null).as('unit_id'), eb.val(e.fromUnitId ?? null).as('from_unit_id'),
      eb.val(official.id).as('account_id'), eb.val(e.note ?? null).as('note'), eb.val(now).as('created_at'),
      eb.val(actionKey ?? null).as('action_key'),
    ]));
}

type MessageUpdate = UpdateObject<Database, 'messages'>;

/** The message's new state, guarded; it must be the batch's last statement (its change count is checked). */
function update({ db, message, now }: ActionContext, set: MessageUpdate) {
  return GUARDED.reduce((q, column) => q.where(column, '=', message[column]), db.q.updateTable('messages').set({ ...set, updated_at: now }));
}

/** Runs an action's statements; the last one is the guarded update. 409 if someone acted first. */
export async function runAction(ctx: ActionContext, statements: Parameters<SiteDatabase['batch']>[0]): Promise<void> {
  const results = await ctx.db.batch(statements);
  // Rows its triggers write (migration 0004) are counted too; none at all means the guard failed.
  if ((results.at(-1)?.meta.changes ?? 0) === 0) throw new ApiError('conflict');
}

/** Published: on the board, and in the search index (which holds only what anyone may read). */
export async function publishStatements(ctx: ActionContext) {
  const { db, message } = ctx;
  const text = await db.first(db.q.selectFrom('messages').select(['title', 'body']).where('id', '=', message.id));
  if (!text) throw new ApiError('conflict');
  return [
    event(ctx, { kind: 'published', isPublic: true }),
    db.q.insertInto('message_search')
      .columns(['rowid', 'text'])
      .expression(unchanged(db, message).select(['seq', sql<string>`${searchText(text.title, text.body)}`.as('text')]).where('is_public', '=', 1)),
    update(ctx, { moderation: 'published', moderation_reason: null, published_at: ctx.now }),
  ];
}

/** Why a message is kept off the board: a reason code from the list, and the moderator's own words. */
export interface ModerationReason {
  reason: string;
  note?: string | undefined;
}

// The code stays on the message (clients translate it); the words go on the event. Both are for
// officials and the author (tracking shows every event), never the public.
export const rejectStatements = (ctx: ActionContext, { reason, note }: ModerationReason) => [
  event(ctx, { kind: 'rejected', isPublic: false, note: note || null }),
  update(ctx, { moderation: 'rejected', moderation_reason: reason }),
];

/** Hidden: off the board and out of the search index. */
export const hideStatements = (ctx: ActionContext, { reason, note }: ModerationReason) => [
  event(ctx, { kind: 'hidden', isPublic: false, note: note || null }),
  ctx.db.q.deleteFrom('message_search').where('rowid', '=', unchanged(ctx.db, ctx.message).select('seq')),
  update(ctx, { moderation: 'hidden', moderation_reason: reason }),
];

export const acceptStatements = (ctx: ActionContext) => [
  event(ctx, { kind: 'accepted', isPublic: true, unitId: ctx.message.unit_id }),
  update(ctx, { status: 'accepted' }),
];

/** 转办: the message moves to the other unit's queue; the public timeline says from where, to where, why. */
export const transferStatements = (ctx: ActionContext, toUnitId: string, reason: string) => [
  event(ctx, { kind: 'transferred', isPublic: true, unitId: toUnitId, fromUnitId: ctx.message.unit_id, note: reason }),
  update(ctx, { unit_id: toUnitId }),
];

/**
 * A reply signed by the unit the message is with; interim (阶段性) keeps it 办理中, final marks it
 * replied. `photoIds`: the official's photos it carries (attached by the statements that follow the
 * insert): the insert fails, and with it the batch, when one is no longer free (another reply took
 * it in between), so no reply is stored without a photo its official sent.
 */
export function replyStatements(ctx: ActionContext, replyId: string, kind: ReplyKind, body: string, photoIds: string[] = []) {
  const { db, message, official, now } = ctx;
  const reply = { id: replyId, message_id: message.id, unit_id: message.unit_id, kind, body, account_id: official.id, created_at: now };
  const status = kind === 'final' ? 'replied' : message.status === 'replied' ? 'replied' : 'in_progress';
  return [
    db.q.insertInto('replies')
      .columns(['id', 'message_id', 'unit_id', 'kind', 'body', 'account_id', 'created_at'])
      .expression(unchanged(db, message).select((eb) => [
        eb.val(reply.id).as('id'), eb.val(reply.message_id).as('message_id'),
        // NULL (refused: NOT NULL) when a photo was taken in between.
        sql<string>`CASE WHEN ${photosStillFree(db, message.site_id, photoIds, official.id)} THEN ${reply.unit_id} END`.as('unit_id'),
        eb.val(reply.kind).as('kind'), eb.val(reply.body).as('body'), eb.val(reply.account_id).as('account_id'),
        eb.val(reply.created_at).as('created_at'),
      ])),
    event(ctx, { kind: 'replied', isPublic: true, unitId: message.unit_id }),
    update(ctx, {
      status,
      reply_count: (eb) => eb('reply_count', '+', 1),
      first_replied_at: (eb) => eb.fn.coalesce('first_replied_at', eb.val(now)),
      ...latestReplyColumns(reply),
    }),
  ];
}

export const closeStatements = (ctx: ActionContext) => [
  event(ctx, { kind: 'closed', isPublic: true, unitId: ctx.message.unit_id }),
  update(ctx, { status: 'closed', closed_at: ctx.now }),
];

/**
 * The deadline 延期 by `days` working days sets at `now`, with the site's calendar: counted from the
 * current deadline, or from today when it has passed (`extendedDeadline`). The console previews it
 * with the same function before the official confirms. Returns a UTC ISO instant.
 */
export async function extensionOf(db: SiteDatabase, siteId: string, m: HandledMessage, days: number, now: Date): Promise<{ dueAt: string; countedFrom: ExtensionBase; calendarNotSetFor: number | null }> {
  const due = new Date(m.due_at);
  // From the earlier of the two days: whichever the count starts from, its days are loaded.
  const from = localDay(due < now ? due : now);
  const calendar = await workingCalendar(db, siteId, from);
  const extended = extendedDeadline(due, days, now, calendar);
  // A deadline carried into a year the site's calendar has nothing of (its holidays not imported yet:
  // the State Council publishes them late in the year before) was counted Monday to Friday.
  const year = localDay(new Date(extended.dueAt)).slice(0, 4);
  const base = localDay(extended.countedFrom === 'today' ? now : due).slice(0, 4);
  const set = [...calendar.holidays, ...calendar.workdays].some((day) => day.startsWith(year));
  return { ...extended, calendarNotSetFor: year > base && !set ? Number(year) : null };
}

/** A longer deadline, with the reason shown publicly. */
export const extendStatements = (ctx: ActionContext, dueAt: string, reason: string) => [
  event(ctx, { kind: 'extended', isPublic: true, unitId: ctx.message.unit_id, note: reason }),
  update(ctx, { due_at: dueAt }),
];

/**
 * 采纳: the suggestion is marked adopted with the public note (what was adopted, where); a public
 * timeline event carries the note too. The adoption tallies per unit and campaign follow by trigger
 * (migration 0016). The guard also requires it not adopted yet, so a second official's click is a 409.
 */
export const adoptStatements = (ctx: ActionContext, note: string) => [
  event(ctx, { kind: 'adopted', isPublic: true, unitId: ctx.message.unit_id, note }),
  update(ctx, { adopted_at: ctx.now, adoption_note: note }).where('adopted_at', 'is', null),
];
