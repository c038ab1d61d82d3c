// The demo site: 示范县人民政府 with its leaders, departments and messages in every state,
// written with the service's own helpers (encryption, display names, deadlines, tracking codes).
import type { Compilable } from 'kysely';
import type { SiteDatabase } from '../src/db/client';
import { indexForSearch } from '../src/db/messages';
import { latestReplyColumns } from '../src/db/replies';
import type { NewMessageEvent } from '../src/db/schema';
import { mergeCalendarStatements } from '../src/db/admin';
import { dueAfterWorkingDays, type WorkingCalendar } from '../src/lib/calendar';
import { nationalDays } from '../src/lib/national-holidays';
import { createCipher, newId } from '../src/lib/crypto';
import { displayName } from '../../sdk/src/display-name';
import { localDay } from '../src/lib/site-time';
import { newTrackingCode, normalizeTrackingCode, trackingCodeHash } from '../src/lib/tracking-code';
import { UNHAPPY_AT_MOST } from '../src/db/citizen-loop';
import { demoMessages, demoSite, demoUnits, type DemoMessage } from './demo-data';

const DEFAULT_DEADLINES = { consultation: 5, help: 5, complaint: 7, suggestion: 15 } as const;
const DAY_MS = 86_400_000;

export interface SeedKeys {
  DATA_KEY: string;
  HASH_KEY: string;
}

export interface SeedResult {
  created: boolean;
  messages: number;
  /** The tracking code of one private demo message, so the tracking widget can be tried at once. */
  sampleTrackingCode: string | null;
}

type Event = Omit<NewMessageEvent, 'message_id'>;

/** Office hours on the day `days` after `base`, so the demo timeline reads naturally. */
function at(base: number, days: number, hour: number): string {
  const day = localDay(new Date(base + days * DAY_MS));
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();
}

/** The timeline a message in this state would have, its current unit, and its (extended) deadline. */
function historyOf(m: DemoMessage, submitted: number, dueAt: string, calendar: WorkingCalendar): { events: Event[]; unitId: string; dueAt: string } {
  const events: Event[] = [];
  const add = (kind: string, days: number, hour: number, extra: Partial<Event> = {}) =>
    events.push({ kind, created_at: at(submitted, days, hour), unit_id: null, from_unit_id: null, account_id: null, note: null, is_public: 1, ...extra });
  let unitId = m.unitId;
  add('submitted', 0, 9, { unit_id: m.unitId });
  if (m.moderation === 'rejected') add('rejected', 0, 15, { is_public: 0, note: m.rejectReason ?? null });
  if (m.moderation === 'published' || m.moderation === 'hidden') add('published', 0, 16);
  if (m.acceptedDaysAfter !== undefined) add('accepted', m.acceptedDaysAfter, 10, { unit_id: unitId });
  if (m.transfer) {
    add('transferred', m.transfer.daysAfter, 11, { unit_id: m.transfer.toUnitId, from_unit_id: unitId, note: m.transfer.reason });
    unitId = m.transfer.toUnitId;
  }
  if (m.extension) {
    dueAt = dueAfterWorkingDays(new Date(dueAt), m.extension.extraWorkingDays, calendar);
    add('extended', m.extension.daysAfter, 14, { unit_id: unitId, note: m.extension.reason });
  }
  for (const reply of m.replies ?? []) add('replied', reply.daysAfter, 15, { unit_id: reply.unitId });
  if (m.status === 'closed') {
    add('closed', Math.max(m.acceptedDaysAfter ?? 0, ...(m.replies ?? []).map((r) => r.daysAfter)), 17, { unit_id: unitId });
  }
  if (m.rating) add('rated', m.rating.daysAfter, 20);
  // An unhappy rating re-opens the message (重办), as the service does.
  if (m.rating && m.rating.overall <= UNHAPPY_AT_MOST) add('reopened', m.rating.daysAfter, 20);
  if (m.followUp) {
    add('followed_up', m.followUp.daysAfter, 19);
    add('reopened', m.followUp.daysAfter, 19);
  }
  if (m.moderation === 'hidden') add('hidden', Math.min(1, m.daysAgo), 21, { is_public: 0 });
  events.sort((a, b) => a.created_at.localeCompare(b.created_at));
  return { events, unitId, dueAt };
}

/**
 * When the citizen re-opened the message (重办: an unhappy rating, or a follow-up question), if they did:
 * it is then 办理中 again, first in its unit's queue.
 */
function reopenedAt(m: DemoMessage, submitted: number): string | null {
  const times = [
    ...(m.rating && m.rating.overall <= UNHAPPY_AT_MOST ? [at(submitted, m.rating.daysAfter, 20)] : []),
    ...(m.followUp ? [at(submitted, m.followUp.daysAfter, 19)] : []),
  ].sort();
  return times.at(-1) ?? null;
}

/** The latest reply (of `kind`, if given) given by `time`: the one a rating or follow-up answers to. */
function replyBefore<R extends { id: string; kind: string; created_at: string }>(replies: R[], time: string, kind?: string): R | undefined {
  return replies.filter((r) => r.created_at <= time && (!kind || r.kind === kind)).sort((a, b) => a.created_at.localeCompare(b.created_at)).at(-1);
}

/** Writes the demo site in one batch, unless it is already there. */
export async function seedDemo(db: SiteDatabase, keys: SeedKeys, { origins, now = new Date() }: { origins: string[]; now?: Date }): Promise<SeedResult> {
  const existing = await db.first(db.q.selectFrom('sites').select('id').where('id', '=', demoSite.id));
  if (existing) return { created: false, messages: 0, sampleTrackingCode: null };

  const cipher = await createCipher(keys.DATA_KEY);
  const nowIso = now.toISOString();
  // This year's and next year's national holidays and 调休, as far as they are published (see national-holidays.ts).
  const year = Number(localDay(now).slice(0, 4));
  const holidays = [year, year + 1].flatMap((y) => nationalDays(y) ?? []);
  const calendar: WorkingCalendar = {
    holidays: new Set(holidays.filter((d) => d.kind === 'holiday').map((d) => d.day)),
    workdays: new Set(holidays.filter((d) => d.kind === 'workday').map((d) => d.day)),
  };
  const statements: Compilable<unknown>[] = [
    db.q.insertInto('sites').values({
      id: demoSite.id, name: demoSite.name, moderation: 'pre', locale: 'zh-CN',
      allowed_origins: JSON.stringify(origins), created_at: nowIso, updated_at: nowIso,
    }),
    ...demoUnits.map((u, i) => db.q.insertInto('units').values({
      id: u.id, site_id: demoSite.id, parent_id: u.parentId, name: u.name, kind: u.kind, sort_order: i, active: 1, created_at: nowIso,
    })),
    ...mergeCalendarStatements(db, demoSite.id, holidays),
  ];

  let sampleTrackingCode: string | null = null;
  // Oldest first, so that insertion order (seq, which the board pages by) follows the dates.
  for (const m of [...demoMessages].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const id = newId('m');
    const trackingCode = newTrackingCode();
    if (!m.isPublic) sampleTrackingCode ??= trackingCode;
    const submitted = now.getTime() - m.daysAgo * DAY_MS;
    const createdAt = at(submitted, 0, 9);
    const history = historyOf(m, submitted, dueAfterWorkingDays(new Date(createdAt), DEFAULT_DEADLINES[m.type], calendar), calendar);
    const { events, unitId } = history;
    // Re-opened: 办理中 again, with a new deadline counted from then (never earlier than the one it had).
    const reopened = reopenedAt(m, submitted);
    const reopenedDue = reopened ? dueAfterWorkingDays(new Date(reopened), DEFAULT_DEADLINES[m.type], calendar) : null;
    const dueAt = reopenedDue && reopenedDue > history.dueAt ? reopenedDue : history.dueAt;
    const status = reopened ? 'in_progress' : m.status;
    const replies = (m.replies ?? []).map((reply) => ({
      id: newId('r'), message_id: id, unit_id: reply.unitId, kind: reply.kind, body: reply.body, account_id: null,
      created_at: at(submitted, reply.daysAfter, 15),
    }));
    // The message row keeps a copy of its latest reply for the board's cards, as the console writes it.
    const latestReply = replies.reduce<(typeof replies)[number] | undefined>((latest, r) => (!latest || r.created_at >= latest.created_at ? r : latest), undefined);
    const everPublished = m.moderation === 'published' || m.moderation === 'hidden';
    statements.push(db.q.insertInto('messages').values({
      id,
      site_id: demoSite.id,
      unit_id: unitId,
      campaign_id: null,
      type: m.type,
      domain: m.domain,
      title: m.title,
      body: m.body,
      region: m.region,
      author_name_enc: await cipher.encrypt(m.author.name, `${id}:name`),
      author_phone_enc: await cipher.encrypt(m.author.phone, `${id}:phone`),
      author_email_enc: m.author.email ? await cipher.encrypt(m.author.email, `${id}:email`) : null,
      display_name: displayName(m.author.name, m.author.displayAs),
      is_public: m.isPublic ? 1 : 0,
      moderation: m.moderation,
      moderation_reason: m.rejectReason ?? null,
      status,
      reopened_at: reopened,
      tracking_hash: await trackingCodeHash(keys.HASH_KEY, demoSite.id, normalizeTrackingCode(trackingCode)!),
      source_origin: origins[0] ?? null,
      due_at: dueAt,
      // A plausible, stable number of "我也关注" for published messages.
      support_count: m.moderation === 'published' ? (m.title.length * 7) % 40 : 0,
      reply_count: replies.length,
      created_at: createdAt,
      updated_at: events.at(-1)!.created_at,
      published_at: everPublished ? at(submitted, 0, 16) : null,
      first_replied_at: replies[0]?.created_at ?? null,
      closed_at: reopened ? null : events.find((e) => e.kind === 'closed')?.created_at ?? null,
      ...(latestReply ? latestReplyColumns(latestReply) : {}),
    }));
    statements.push(indexForSearch(db, id, m.title, m.body));
    for (const event of events) statements.push(db.q.insertInto('message_events').values({ ...event, message_id: id }));
    for (const reply of replies) statements.push(db.q.insertInto('replies').values(reply));
    if (m.rating) {
      // Of the final reply it rates (one rating per reply, as the service keeps it); a reason chosen when unhappy.
      const { daysAfter, reason, ...scores } = m.rating;
      const ratedAt = at(submitted, daysAfter, 20);
      statements.push(db.q.insertInto('ratings').values({
        message_id: id, ...scores, reason: reason ?? null, created_at: ratedAt,
        reply_id: replyBefore(replies, ratedAt, 'final')?.id ?? null,
        reason_code: scores.overall <= UNHAPPY_AT_MOST ? 'not_solved' : null,
      }));
    }
    if (m.followUp) {
      const askedAt = at(submitted, m.followUp.daysAfter, 19);
      statements.push(db.q.insertInto('follow_ups').values({
        id: newId('f'), message_id: id, reply_id: replyBefore(replies, askedAt)?.id ?? null, body: m.followUp.body, created_at: askedAt,
        moderation: m.followUp.moderation, moderated_at: m.followUp.moderation === 'published' ? askedAt : null,
      }));
    }
  }
  await db.batch(statements);
  return { created: true, messages: demoMessages.length, sampleTrackingCode };
}
