// What the citizen does with the tracking code after a reply: rate it, ask a follow-up question
// (追问), and so re-open the message (重办) — as rules and as the statements of one D1 batch each.
//
// Every statement of a batch re-checks the state the rules were applied to (the message's status,
// deadline, unit and latest reply), and the unique indexes of migration 0014 keep one rating per final
// reply and one follow-up per reply: a retried or concurrent request is stored once, and the second
// batch changes nothing (or fails as a whole).
import { sql } from 'kysely';
import { jsonObjectFrom } from 'kysely/helpers/sqlite';
import type { AuditAction } from '../../../sdk/src/schemas/audit';
import type { CitizenActions, RatingReason } from '../../../sdk/src/schemas/message';
import { ApiError } from '../errors';
import { auditEntryOfChange } from './admin';
import type { SiteDatabase } from './client';
import type { MessageRow } from './schema';

/** A rating of 2 (不满意) or less re-opens the message and needs a reason. */
export const UNHAPPY_AT_MOST = 2;

/** What the rules look at, about the message and what the citizen already did since its latest reply. */
export interface LoopState {
  moderation: MessageRow['moderation'];
  status: MessageRow['status'];
  latestReplyId: string | null;
  latestReplyKind: 'interim' | 'final' | null;
  /** The latest reply is rated already. */
  ratedLatest: boolean;
  /** A follow-up to the latest reply waits for its answer. */
  followedUpLatest: boolean;
  followUps: number;
  followUpLimit: number;
}

/**
 * What the citizen may do now. Rating: after a final reply (正式回复), once per final reply. Follow-up:
 * after any reply, one per reply (it waits for the next reply), at most the site's limit per message.
 * Never on a message that did not pass review.
 */
export function citizenActions(s: LoopState): CitizenActions {
  const handled = s.moderation !== 'rejected' && s.latestReplyId !== null;
  const followUpsLeft = Math.max(0, s.followUpLimit - s.followUps);
  return {
    rate: handled && s.latestReplyKind === 'final' && (s.status === 'replied' || s.status === 'closed') && !s.ratedLatest,
    followUp: handled && !s.followedUpLatest && followUpsLeft > 0,
    followUpsLeft,
  };
}

/** The message found by its tracking code, with the columns the batch is guarded by and the loop's state. */
export async function findLoopMessage(db: SiteDatabase, siteId: string, trackingHash: string) {
  const row = await db.first(
    db.q.selectFrom('messages as m')
      .innerJoin('sites as s', 's.id', 'm.site_id')
      .select([
        'm.id', 'm.site_id', 'm.unit_id', 'm.type', 'm.status', 'm.moderation', 'm.due_at', 'm.latest_reply_id',
        'm.latest_reply_kind', 's.follow_up_limit',
      ])
      .select((eb) => [
        jsonObjectFrom(eb.selectFrom('ratings as rt').select(['rt.overall', 'rt.resolution', 'rt.attitude', 'rt.speed', 'rt.reason_code', 'rt.reason'])
          .whereRef('rt.reply_id', '=', 'm.latest_reply_id')).as('latest_rating'),
        jsonObjectFrom(eb.selectFrom('follow_ups as f').select(['f.body']).whereRef('f.reply_id', '=', 'm.latest_reply_id')).as('latest_follow_up'),
        eb.selectFrom('follow_ups as f').select((f) => f.fn.countAll<number>().as('n')).whereRef('f.message_id', '=', 'm.id').as('follow_ups'),
      ])
      .where('m.tracking_hash', '=', trackingHash)
      .where('m.site_id', '=', siteId),
  );
  if (!row) return null;
  const parse = <T>(v: T | string | null): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  const latestRating = parse(row.latest_rating);
  const latestFollowUp = parse(row.latest_follow_up);
  const state: LoopState = {
    moderation: row.moderation,
    status: row.status,
    latestReplyId: row.latest_reply_id,
    latestReplyKind: row.latest_reply_kind,
    ratedLatest: latestRating !== null,
    followedUpLatest: latestFollowUp !== null,
    followUps: Number(row.follow_ups ?? 0),
    followUpLimit: row.follow_up_limit,
  };
  return { message: row, state, latestRating, latestFollowUp };
}

export type LoopMessage = NonNullable<Awaited<ReturnType<typeof findLoopMessage>>>['message'];

/** The columns whose values the rules were applied to: every statement checks them. */
const GUARDED = ['id', 'unit_id', 'status', 'due_at', 'latest_reply_id'] as const;

function unchanged(db: SiteDatabase, m: LoopMessage) {
  return GUARDED.reduce((q, column) => q.where(column, '=', m[column] as string), db.q.selectFrom('messages'));
}

interface LoopContext {
  db: SiteDatabase;
  message: LoopMessage;
  now: string;
}

/** A public event on the message's timeline, in its unit, written only if the message is unchanged. */
function event({ db, message, now }: LoopContext, kind: 'rated' | 'followed_up' | 'reopened', also = sql<boolean>`1`) {
  return db.q.insertInto('message_events')
    .columns(['message_id', 'kind', 'is_public', 'unit_id', 'from_unit_id', 'account_id', 'note', 'created_at'])
    .expression(unchanged(db, message).where(also).select((eb) => [
      eb.val(message.id).as('message_id'), eb.val(kind).as('kind'), eb.val(1).as('is_public'), eb.val(message.unit_id).as('unit_id'),
      eb.val(null).as('from_unit_id'), eb.val(null).as('account_id'), eb.val(null).as('note'), eb.val(now).as('created_at'),
    ]));
}

/**
 * 重办: back to 办理中, flagged as re-opened (first in its unit's queue until the next final reply),
 * due at the later of `dueAt` (a new period from now) and the deadline it had: an extension granted
 * (延期) is never cut short by a rating or a follow-up. The batch's last statement: none changed
 * means the guard failed.
 */
function reopen({ db, message, now }: LoopContext, dueAt: string, also = sql<boolean>`1`) {
  const due = dueAt > message.due_at ? dueAt : message.due_at;
  return GUARDED.reduce((q, column) => q.where(column, '=', message[column] as string), db.q.updateTable('messages')
    .set({ status: 'in_progress', due_at: due, reopened_at: now, closed_at: null, updated_at: now }))
    .where(also);
}

/** Runs the statements; 409 when someone acted first (the last statement changed nothing). */
async function run(db: SiteDatabase, statements: Parameters<SiteDatabase['batch']>[0]): Promise<void> {
  const results = await db.batch(statements);
  if ((results.at(-1)?.meta.changes ?? 0) === 0) throw new ApiError('conflict');
}

export interface RatingValues {
  overall: number;
  resolution: number;
  attitude: number;
  speed: number;
  reason: RatingReason | null;
  reasonText: string | null;
}

/**
 * Stores the rating of the latest (final) reply and its public `rated` event; at `UNHAPPY_AT_MOST` or
 * below, re-opens the message (a `reopened` event), due at the later of `reopenDueAt` and its deadline. One batch; a second rating of
 * the same reply fails on the unique index and writes nothing.
 */
export async function rate(ctx: LoopContext, values: RatingValues, reopenDueAt: string): Promise<void> {
  const { db, message, now } = ctx;
  const insert = db.q.insertInto('ratings')
    .columns(['message_id', 'reply_id', 'overall', 'resolution', 'attitude', 'speed', 'reason_code', 'reason', 'created_at'])
    .expression(unchanged(db, message).select((eb) => [
      eb.val(message.id).as('message_id'), eb.val(message.latest_reply_id).as('reply_id'), eb.val(values.overall).as('overall'),
      eb.val(values.resolution).as('resolution'), eb.val(values.attitude).as('attitude'), eb.val(values.speed).as('speed'),
      eb.val(values.reason).as('reason_code'), eb.val(values.reasonText).as('reason'), eb.val(now).as('created_at'),
    ]));
  const unhappy = values.overall <= UNHAPPY_AT_MOST;
  await run(db, [
    insert,
    event(ctx, 'rated'),
    ...(unhappy
      ? [event(ctx, 'reopened'), reopen(ctx, reopenDueAt)]
      : [GUARDED.reduce((q, column) => q.where(column, '=', message[column] as string), db.q.updateTable('messages').set({ updated_at: now }))]),
  ]);
}

/**
 * Stores a follow-up question to the latest reply and its public `followed_up` event, and re-opens the
 * message: 办理中 again, due at the later of its deadline and `dueAt`. The count against the site's
 * limit is checked inside the batch, so two at once cannot both pass it.
 */
export async function followUp(ctx: LoopContext, id: string, body: string, limit: number, dueAt: string, heldFor: string | null = null): Promise<void> {
  const { db, message, now } = ctx;
  const insert = db.q.insertInto('follow_ups')
    .columns(['id', 'message_id', 'reply_id', 'body', 'created_at', 'held_for'])
    .expression(unchanged(db, message)
      .where(sql<boolean>`(SELECT count(*) FROM follow_ups WHERE message_id = ${message.id}) < ${limit}`)
      .select((eb) => [
        eb.val(id).as('id'), eb.val(message.id).as('message_id'), eb.val(message.latest_reply_id).as('reply_id'),
        eb.val(body).as('body'), eb.val(now).as('created_at'), eb.val(heldFor).as('held_for'),
      ]));
  const stored = sql<boolean>`EXISTS (SELECT 1 FROM follow_ups WHERE id = ${id})`;
  const wasAnswered = message.status === 'replied' || message.status === 'closed';
  await run(db, [
    insert,
    event(ctx, 'followed_up', stored),
    ...(wasAnswered ? [event(ctx, 'reopened', stored)] : []),
    reopen(ctx, dueAt, stored),
  ]);
}

/** At most this many pending follow-ups are listed for moderators at once (the oldest). */
export const PENDING_FOLLOW_UPS_LISTED = 50;

/**
 * The site's follow-ups whose words wait for a moderator, oldest first: those of public messages
 * that were not rejected (a private message's words are never public, so never wait), narrowed by
 * the queue's filters (`type`, `domain`, `unit` with its sub-units, `campaign` by its slug). Walks the partial index
 * `follow_ups_pending` (migration 0020).
 */
export function pendingFollowUps(db: SiteDatabase, siteId: string, filter: { type?: string; domain?: string; unit?: string; campaign?: string } = {}) {
  let query = db.q.selectFrom('follow_ups as f')
    .innerJoin('messages as m', 'm.id', 'f.message_id')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .select(['f.id', 'f.message_id', 'm.title', 'm.unit_id', 'u.name as unit_name', 'f.body', 'f.created_at'])
    .where('f.moderation', '=', 'pending')
    .where('m.site_id', '=', siteId)
    .where('m.is_public', '=', 1)
    .where('m.moderation', '!=', 'rejected');
  if (filter.type) query = query.where('m.type', '=', filter.type as never);
  if (filter.domain) query = query.where('m.domain', '=', filter.domain);
  // The unit and every unit below it, as the queue's filter reads it (`unit_ancestors`, migration 0024).
  if (filter.unit) query = query.where(sql<boolean>`m.unit_id IN (SELECT unit_id FROM unit_ancestors WHERE ancestor_id = ${filter.unit})`);
  // The drive by its slug on the site (one row by the campaigns' unique key), as the queue's filter reads it.
  if (filter.campaign) query = query.where(sql<boolean>`m.campaign_id = (SELECT id FROM campaigns WHERE site_id = ${siteId} AND slug = ${filter.campaign})`);
  return db.all(query.orderBy('f.created_at').orderBy('f.id').limit(PENDING_FOLLOW_UPS_LISTED));
}

/**
 * How many follow-ups `pendingFollowUps` would list, all of them (the 待审核 tab counts them): a walk
 * of the partial index `follow_ups_pending` (every site's waiting follow-ups, few at any time), each
 * joined to its message by its key, never a walk of the site's messages.
 */
export async function countPendingFollowUps(db: SiteDatabase, siteId: string): Promise<number> {
  // CROSS JOIN keeps SQLite's join order as written: follow-ups first.
  const count = sql<{ n: number }>`SELECT count(*) AS n FROM follow_ups AS f INDEXED BY follow_ups_pending
    CROSS JOIN messages AS m ON m.id = f.message_id
    WHERE f.moderation = 'pending' AND m.site_id = ${siteId} AND m.is_public = 1 AND m.moderation != 'rejected'`;
  return (await db.first({ compile: () => count.compile(db.q) }))?.n ?? 0;
}

/** A follow-up of the site, with what its moderation depends on; null if the site has no such follow-up. */
export function findFollowUp(db: SiteDatabase, siteId: string, id: string) {
  return db.first(
    db.q.selectFrom('follow_ups as f')
      .innerJoin('messages as m', 'm.id', 'f.message_id')
      .select(['f.id', 'f.message_id', 'f.moderation', 'm.is_public', 'm.moderation as message_moderation'])
      .where('f.id', '=', id)
      .where('m.site_id', '=', siteId),
  );
}

/**
 * A moderator's decision on a pending follow-up's words, and its audit entry, in one batch. The
 * update is guarded by `pending`, so of two moderators deciding at once one changes it; the audit
 * entry is written only with the change it records.
 */
export async function moderateFollowUp(
  db: SiteDatabase,
  { siteId, accountId, messageId, id, decision, at }: { siteId: string; accountId: string; messageId: string; id: string; decision: 'published' | 'rejected'; at: string },
): Promise<void> {
  const action: AuditAction = decision === 'published' ? 'follow_up.publish' : 'follow_up.reject';
  const [update] = await db.batch([
    db.q.updateTable('follow_ups').set({ moderation: decision, moderated_at: at }).where('id', '=', id).where('moderation', '=', 'pending'),
    auditEntryOfChange(db, { siteId, accountId, action, messageId, detail: { followUp: id }, at }),
  ]);
  if ((update?.meta.changes ?? 0) === 0) throw new ApiError('conflict');
}
