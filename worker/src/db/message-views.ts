// The read model of one message: what the public, the citizen who wrote it and the officials see,
// each read in one statement (the message, its unit and drive, and its replies, timeline, rating
// and notes as JSON built by Kysely's checked SQLite helpers), and shaped here — nowhere else.
//
//   public   — a published public message; the public timeline; never who acted.
//   citizen  — the author's own, by tracking code: private and unpublished too, every event, never who acted.
//   official — every event with who acted, and internal notes; contact details only through `reveal`.
// The deadline check's events are the officials' business: reminders are theirs alone, and 督办 (to
// the unit above) reads as 已超期 to the public and the author.
import { sql, type ExpressionBuilder, type InferResult, type SelectQueryBuilder } from 'kysely';
import { OFFICIALS_ONLY_EVENTS } from '../../../sdk/src/codes';
import type { HoldReason } from '../../../sdk/src/schemas/protection';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/sqlite';
import type { ConsoleFollowUp, ConsoleMessage, ConsoleEvent, Note } from '../../../sdk/src/schemas/console';
import type { FollowUp, OwnRating, OwnReply, PublicFollowUp, PublicMessageDetail, Rating, Reply, TimelineEvent, TrackedMessage } from '../../../sdk/src/schemas/message';
import type { Official } from '../auth/official';
import { toSiteTime } from '../lib/site-time';
import type { SiteDatabase } from './client';
import { citizenActions } from './citizen-loop';
import { availableActions, lastEventId, messageVersion } from './handling';
import { boardFields, messageFields } from './mappers';
import { ownPhoto, PHOTO_VIEW_COLUMNS, publicPhoto, type PhotoAudience, type PhotoViewRow } from './photos';
import type { Database } from './schema';

type Audience = 'public' | 'citizen' | 'official';
type Messages = SelectQueryBuilder<Database & { m: Database['messages'] }, 'm', object>;
type MessageExpressions = ExpressionBuilder<Database & { m: Database['messages'] } & { u: Database['units'] }, 'm' | 'u'>;

/**
 * A JSON column as D1 returns it: the text SQLite built (Kysely's helpers type it as already parsed,
 * which it is with a driver that parses; ours only compiles).
 */
function parsed<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

/** The message's replies, oldest first, with the unit that gave each. */
const repliesJson = (eb: MessageExpressions) => jsonArrayFrom(
  eb.selectFrom('replies as r')
    .innerJoin('units as ru', 'ru.id', 'r.unit_id')
    .select(['r.id', 'r.kind', 'r.unit_id', 'ru.name as unit_name', 'r.body', 'r.created_at'])
    .whereRef('r.message_id', '=', 'm.id')
    .orderBy('r.created_at').orderBy('r.id'),
);

/**
 * The message's events, oldest first: public ones only for the public; who acted only for officials.
 * Only officials' views join the accounts: a join on a false condition is still a scan of the
 * accounts table for every event (SQLite does not drop it), rows read that grow with every official
 * of every site.
 */
const timelineJson = (eb: MessageExpressions, audience: Audience) => {
  const base = eb.selectFrom('message_events as e')
    .leftJoin('units as eu', 'eu.id', 'e.unit_id')
    .leftJoin('units as fu', 'fu.id', 'e.from_unit_id');
  const columns = ['e.id', 'e.kind', 'e.is_public', 'e.created_at', 'e.unit_id', 'eu.name as unit_name', 'e.from_unit_id',
    'fu.name as from_unit_name', 'e.note'] as const;
  let events = audience === 'official'
    ? base.leftJoin('accounts as a', 'a.id', 'e.account_id').select([...columns, 'a.display_name as account'])
    : base.select([...columns, sql<string | null>`NULL`.as('account')]);
  events = events.whereRef('e.message_id', '=', 'm.id').orderBy('e.id');
  if (audience === 'public') events = events.where('e.is_public', '=', 1);
  if (audience !== 'official') events = events.where('e.kind', 'not in', OFFICIALS_ONLY_EVENTS);
  return jsonArrayFrom(events);
};

/** The latest rating. */
const ratingJson = (eb: MessageExpressions) => jsonObjectFrom(
  eb.selectFrom('ratings as rt')
    .select(['rt.overall', 'rt.resolution', 'rt.attitude', 'rt.speed', 'rt.created_at'])
    .whereRef('rt.message_id', '=', 'm.id')
    .orderBy('rt.id', 'desc')
    .limit(1),
);

/**
 * Every rating, oldest first (one per final reply rated). The citizen's reason and own words only for
 * the citizen and officials: the public gets the scores.
 */
const ratingsJson = (eb: MessageExpressions, audience: Audience) => jsonArrayFrom(
  eb.selectFrom('ratings as rt')
    .select(['rt.overall', 'rt.resolution', 'rt.attitude', 'rt.speed', 'rt.created_at', 'rt.reply_id'])
    .$if(audience !== 'public', (q) => q.select(['rt.reason_code', 'rt.reason']))
    .whereRef('rt.message_id', '=', 'm.id')
    .orderBy('rt.id'),
);

/** The citizen's follow-up questions (追问), oldest first, with whether a moderator published their words. */
const followUpsJson = (eb: MessageExpressions) => jsonArrayFrom(
  eb.selectFrom('follow_ups as f')
    .select(['f.id', 'f.body', 'f.created_at', 'f.reply_id', 'f.moderation', 'f.held_for'])
    .whereRef('f.message_id', '=', 'm.id')
    .orderBy('f.created_at').orderBy('f.id'),
);

/**
 * The message's photos and its replies' (`reply_id` says whose), each in its sender's order: for the
 * public only those the citizen made public (a reply's always are) and no moderator hid.
 */
const photosJson = (eb: MessageExpressions, audience: Audience) => jsonArrayFrom(
  eb.selectFrom('photos as p')
    .select(PHOTO_VIEW_COLUMNS)
    .whereRef('p.message_id', '=', 'm.id')
    .$if(audience === 'public', (q) => q.where('p.is_public', '=', 1).where('p.hidden_at', 'is', null))
    .orderBy('p.position'),
);

/** Internal notes, oldest first, with the official who wrote each. */
const notesJson = (eb: MessageExpressions) => jsonArrayFrom(
  eb.selectFrom('message_notes as n')
    .innerJoin('accounts as na', 'na.id', 'n.account_id')
    .select(['n.id', 'na.display_name as account', 'n.body', 'n.created_at'])
    .whereRef('n.message_id', '=', 'm.id')
    .orderBy('n.created_at').orderBy('n.id'),
);

/** One message found by `messages`, with everything every audience may be shown of it. */
function withHistory(messages: Messages, audience: Audience) {
  return messages
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .leftJoin('campaigns as c', 'c.id', 'm.campaign_id')
    .select([
      'm.id', 'm.site_id', 'm.unit_id', 'u.name as unit_name', 'm.type', 'm.domain', 'c.slug as campaign', 'c.title as campaign_title', 'm.title', 'm.body',
      'm.region', 'm.display_name', 'm.is_public', 'm.status', 'm.moderation', 'm.moderation_reason', 'm.public_tab',
      'm.created_at', 'm.due_at', 'm.reply_count', 'm.support_count', 'm.latest_reply_id', 'm.latest_reply_kind', 'm.reopened_at', 'm.escalated_due_at',
      'm.adopted_at', 'm.adoption_note', 'm.author_erased_at',
    ])
    .select((eb) => [
      repliesJson(eb).as('replies'), timelineJson(eb, audience).as('timeline'), ratingsJson(eb, audience).as('ratings'),
      followUpsJson(eb).as('follow_ups'), photosJson(eb, audience).as('photos'),
    ]);
}

const loadRow = (db: SiteDatabase, messages: Messages, audience: Audience) => db.first(withHistory(messages, audience));

type Row = NonNullable<Awaited<ReturnType<typeof loadRow>>>;
type ReplyJson = Row['replies'][number];
type EventJson = Row['timeline'][number];

/** The citizen's photos (no reply's), in order. */
const messagePhotos = (photos: PhotoViewRow[]) => photos.filter((p) => p.reply_id === null);

/** A reply with its photos, as `shape` gives each for the audience. */
function reply<P>(r: ReplyJson, photos: PhotoViewRow[], shape: (p: PhotoViewRow) => P): Omit<Reply, 'photos'> & { photos: P[] } {
  return {
    id: r.id, kind: r.kind, unit: { id: r.unit_id, name: r.unit_name }, body: r.body, createdAt: toSiteTime(r.created_at),
    photos: photos.filter((p) => p.reply_id === r.id).map(shape),
  };
}

type RatingJson = Row['ratings'][number] & { reason_code?: OwnRating['reason']; reason?: string | null };

const scores = (r: RatingJson): Rating => ({
  overall: r.overall, resolution: r.resolution, attitude: r.attitude, speed: r.speed, createdAt: toSiteTime(r.created_at),
});

const ownRating = (r: RatingJson): OwnRating => ({ ...scores(r), reason: r.reason_code ?? null, reasonText: r.reason ?? null });

type FollowUpJson = Row['follow_ups'][number];

const followUp = (f: FollowUpJson): FollowUp => ({ body: f.body, createdAt: toSiteTime(f.created_at), moderation: f.moderation });

/** The public reads a follow-up's words only once a moderator published them; before, that it waits. */
const publicFollowUp = (f: FollowUpJson): PublicFollowUp => ({
  body: f.moderation === 'published' ? f.body : null, createdAt: toSiteTime(f.created_at), awaitingReview: f.moderation === 'pending',
});

/** Moderators and admins decide on a public message's follow-ups; a private message's words are never public. */
export const mayModerateFollowUp = (official: Official, m: { is_public: number; moderation: string }, f: { moderation: string }) =>
  (official.role === 'admin' || official.role === 'moderator') && m.is_public === 1 && m.moderation !== 'rejected' && f.moderation === 'pending';

/** Re-opened by the citizen (重办) and being handled again: flagged, and first in its unit's queue. */
export const isReopened = (m: { reopened_at: string | null; status: string }) => m.reopened_at !== null && m.status === 'in_progress';

const unitRef = (id: string | null, name: string | null) => (id && name ? { id, name } : null);

const event = (e: EventJson): TimelineEvent => ({
  kind: e.kind as TimelineEvent['kind'], at: toSiteTime(e.created_at), unit: unitRef(e.unit_id, e.unit_name), note: e.note,
});

/** An event as the public and the author see it: 督办 says only that the deadline passed. */
const outsideEvent = (e: EventJson): TimelineEvent =>
  (e.kind === 'escalated' ? { kind: 'overdue', at: toSiteTime(e.created_at), unit: null, note: null } : event(e));

/** The one statement behind `publicMessageView`: the message `id` with its history, if published and public. */
export function publicMessageQuery(db: SiteDatabase, siteId: string, id: string) {
  return withHistory(
    db.q.selectFrom('messages as m').where('m.id', '=', id).where('m.site_id', '=', siteId)
      .where('m.moderation', '=', 'published').where('m.is_public', '=', 1) as Messages,
    'public',
  ).select((eb) => ratingJson(eb).as('rating'));
}

/** A row of `publicMessageQuery`. */
export type PublicMessageRow = InferResult<ReturnType<typeof publicMessageQuery>>[number];

/**
 * `GET /v1/sites/:site/messages/:id`: a published public message, or null for any other id. `found`:
 * the row of `publicMessageQuery` when it was read already (with the site's lookup); else it is read.
 */
export async function publicMessageView(db: SiteDatabase, siteId: string, id: string, now: Date, found?: PublicMessageRow | null): Promise<PublicMessageDetail | null> {
  const m = found === undefined ? await db.first(publicMessageQuery(db, siteId, id)) : found;
  if (!m) return null;
  const rating = parsed(m.rating);
  const photos: PhotoViewRow[] = parsed(m.photos);
  const audience: PhotoAudience = { kind: 'public', siteId };
  return {
    ...boardFields(m, now),
    campaignTitle: m.campaign_title,
    body: m.body,
    replies: parsed(m.replies).map((r): Reply => reply(r, photos, (p) => publicPhoto(p, audience))),
    timeline: parsed(m.timeline).map(outsideEvent),
    rating: rating ? { overall: rating.overall, resolution: rating.resolution, attitude: rating.attitude, speed: rating.speed, createdAt: toSiteTime(rating.created_at) } : null,
    ratings: parsed(m.ratings).map(scores),
    // The citizen's own words, only as far as a moderator published them.
    followUps: parsed(m.follow_ups).map(publicFollowUp),
    photos: messagePhotos(photos).map((p) => publicPhoto(p, audience)),
  };
}

/** `POST /v1/sites/:site/track`: the citizen's own message by the hash of its tracking code, or null. */
export async function trackedMessageView(db: SiteDatabase, siteId: string, trackingHash: string, now: Date): Promise<TrackedMessage | null> {
  const m = await db.first(
    withHistory(db.q.selectFrom('messages as m').where('m.tracking_hash', '=', trackingHash).where('m.site_id', '=', siteId) as Messages, 'citizen')
      .innerJoin('sites as s', 's.id', 'm.site_id')
      .select('s.follow_up_limit'),
  );
  if (!m) return null;
  const ratings = parsed(m.ratings) as RatingJson[];
  const followUps = parsed(m.follow_ups);
  const timeline = parsed(m.timeline).map(outsideEvent);
  const rejected = m.moderation === 'rejected';
  const photos: PhotoViewRow[] = parsed(m.photos);
  const audience: PhotoAudience = { kind: 'citizen', siteId };
  return {
    ...messageFields(m, now),
    // A rejected message is not handled: no deadline runs, so none is shown (nor 已超期: isOverdue).
    ...(rejected ? { dueAt: null } : {}),
    campaignTitle: m.campaign_title,
    contactErasedAt: m.author_erased_at ? toSiteTime(m.author_erased_at) : null,
    body: m.body,
    isPublic: m.is_public === 1,
    moderation: m.moderation,
    // The code is on the message; the moderator's words on the (latest) 未通过审核 or 已隐藏 event. A message
    // taken off the board tells its author why, as one that did not pass review does.
    rejection: rejected || m.moderation === 'hidden'
      ? { reason: m.moderation_reason ?? 'other', note: timeline.findLast((e) => e.kind === m.moderation)?.note ?? null }
      : null,
    replies: parsed(m.replies).map((r): OwnReply => reply(r, photos, (p) => ownPhoto(p, audience))),
    timeline,
    ratings: ratings.map(ownRating),
    followUps: followUps.map(followUp),
    photos: messagePhotos(photos).map((p) => ownPhoto(p, audience)),
    can: citizenActions({
      moderation: m.moderation,
      status: m.status,
      latestReplyId: m.latest_reply_id,
      latestReplyKind: m.latest_reply_kind,
      ratedLatest: ratings.some((r) => r.reply_id !== null && r.reply_id === m.latest_reply_id),
      followedUpLatest: followUps.some((f) => f.reply_id !== null && f.reply_id === m.latest_reply_id),
      followUps: followUps.length,
      followUpLimit: m.follow_up_limit,
    }),
  };
}

/**
 * `GET /v1/console/messages/:id` and every action's answer: the message as officials see it, with the
 * actions this official may take now; null when it is not on the official's site. Whether the
 * official may see it (their units) is the caller's to check, with `unitId`.
 */
export async function officialMessageView(db: SiteDatabase, official: Official, id: string, now: Date): Promise<(ConsoleMessage & { unitId: string }) | null> {
  const m = await db.first(
    withHistory(db.q.selectFrom('messages as m').where('m.id', '=', id).where('m.site_id', '=', official.siteId) as Messages, 'official')
      .select((eb) => notesJson(eb).as('notes'))
      .select(['m.held_for', 'm.source_outlet'])
      .select(lastEventId('m.id').as('last_event_id')),
  );
  if (!m) return null;
  const photos: PhotoViewRow[] = parsed(m.photos);
  const audience: PhotoAudience = { kind: 'official' };
  const timeline = parsed(m.timeline).map((e): ConsoleEvent => ({
    ...event(e), isPublic: e.is_public === 1, fromUnit: unitRef(e.from_unit_id, e.from_unit_name), account: e.account,
  }));
  const lastHandling = timeline.filter((e) => HANDLING_EVENT_KINDS.includes(e.kind as never)).at(-1);
  return {
    ...messageFields(m, now),
    unitId: m.unit_id,
    body: m.body,
    isPublic: m.is_public === 1,
    moderation: m.moderation,
    moderationReason: m.moderation_reason,
    heldFor: heldFor(m.held_for),
    replyCount: m.reply_count,
    supportCount: m.support_count,
    campaignTitle: m.campaign_title,
    outlet: m.source_outlet,
    supervised: m.escalated_due_at !== null,
    replies: parsed(m.replies).map((r): OwnReply => reply(r, photos, (p) => ownPhoto(p, audience))),
    timeline,
    transferredFrom: lastHandling?.kind === 'transferred' ? lastHandling.fromUnit : null,
    notes: parsed(m.notes).map((n): Note => ({ id: n.id, account: n.account, body: n.body, createdAt: toSiteTime(n.created_at) })),
    reopened: isReopened(m),
    ratings: (parsed(m.ratings) as RatingJson[]).map(ownRating),
    followUps: parsed(m.follow_ups).map((f): ConsoleFollowUp => ({ ...followUp(f), id: f.id, moderate: mayModerateFollowUp(official, m, f), heldFor: heldFor(f.held_for) })),
    photos: messagePhotos(photos).map((p) => ownPhoto(p, audience)),
    actions: await availableActions(db, official, m),
    version: await messageVersion(m),
  };
}

/**
 * The unit's own acts on a message: a transfer stays "转来" (`transferredFrom`) until the unit it
 * reached does one of these (a 受理 before it, by the unit that sent it, does not count).
 */
export const HANDLING_EVENT_KINDS = ['accepted', 'transferred', 'replied', 'extended', 'closed'] as const;

/** Why a message or a follow-up was held for a moderator (migration 0033's JSON column; null: nothing). */
export const heldFor = (column: string | null): HoldReason[] => (column ? (JSON.parse(column) as HoldReason[]) : []);

/** What the author's download adds to their view: the sealed contact, and what they gave besides the message. */
export interface CitizenRecord {
  message: TrackedMessage;
  sealed: { id: string; author_name_enc: string; author_phone_enc: string; author_email_enc: string | null };
  erasedAt: string | null;
  sourceOrigin: string | null;
  supportCount: number;
  ratings: { overall: number; resolution: number; attitude: number; speed: number; reason: string | null; createdAt: string }[];
  followUps: { body: string; createdAt: string }[];
}

/**
 * `POST /v1/sites/:site/my-data`: everything stored about the author's message, by the hash of its
 * tracking code, or null. Contact details stay sealed here: the route opens them for the answer.
 */
export async function citizenRecordView(db: SiteDatabase, siteId: string, trackingHash: string, now: Date): Promise<CitizenRecord | null> {
  const message = await trackedMessageView(db, siteId, trackingHash, now);
  if (!message) return null;
  const row = await db.first(
    db.q.selectFrom('messages as m')
      .select(['m.id', 'm.author_name_enc', 'm.author_phone_enc', 'm.author_email_enc', 'm.author_erased_at', 'm.source_origin', 'm.support_count'])
      .select((eb) => [
        jsonArrayFrom(eb.selectFrom('ratings as rt').select(['rt.overall', 'rt.resolution', 'rt.attitude', 'rt.speed', 'rt.reason', 'rt.created_at'])
          .whereRef('rt.message_id', '=', 'm.id').orderBy('rt.id')).as('ratings'),
        jsonArrayFrom(eb.selectFrom('follow_ups as f').select(['f.body', 'f.created_at'])
          .whereRef('f.message_id', '=', 'm.id').orderBy('f.created_at')).as('follow_ups'),
      ])
      .where('m.id', '=', message.id),
  );
  if (!row) return null;
  return {
    message,
    sealed: { id: row.id, author_name_enc: row.author_name_enc, author_phone_enc: row.author_phone_enc, author_email_enc: row.author_email_enc },
    erasedAt: row.author_erased_at ? toSiteTime(row.author_erased_at) : null,
    sourceOrigin: row.source_origin,
    supportCount: row.support_count,
    ratings: parsed(row.ratings).map(({ created_at, ...scores }) => ({ ...scores, createdAt: toSiteTime(created_at) })),
    followUps: parsed(row.follow_ups).map((f) => ({ body: f.body, createdAt: toSiteTime(f.created_at) })),
  };
}
