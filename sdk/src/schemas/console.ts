import { z } from 'zod';
import { ACTIONS, QUEUE_TABS, REJECT_REASONS, ROLES } from '../codes';
import {
  DomainSchema, LIMITS, wholeNumber, ReplyKindSchema, optionalText, requiredText, MessageTypeSchema, ModerationSchema, TimestampSchema, searchQuery,
} from './common';
import { CampaignTitleSchema, FollowUpSchema, MessageFieldsSchema, OwnRatingSchema, OwnReplySchema, TimelineEventKindSchema, UnitRefSchema } from './message';
import { PhotoSchema, PublicPhotoSchema, ReplyPhotoRefsInputSchema } from './photo';
import { HoldReasonSchema } from './protection';

// The officials' console: /v1/console/... (session cookie; changes only from the console's origin).

export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/**
 * Queue tabs: 待审核 moderation (pending), 待受理 new (submitted), 办理中 handling (accepted, in_progress),
 * 已回复 replied, 已办结 closed, 已超期 overdue (open and past due), 全部 all,
 * 督办 supervised (open and escalated to the unit above by the deadline check).
 */
export const QueueTabSchema = z.enum(QUEUE_TABS);
export type QueueTab = z.infer<typeof QueueTabSchema>;

/** `GET /v1/console/messages` query. Sorted by due date, earliest first. */
export const QueueQuerySchema = z.object({
  tab: QueueTabSchema.default('all'),
  moderation: ModerationSchema.optional(),
  type: MessageTypeSchema.optional(),
  domain: DomainSchema.optional(),
  unit: z.string().max(64).optional().describe('a unit id; its sub-units are included'),
  campaign: z.string().max(64).optional().describe('a suggestion drive’s slug (建言专栏): only the messages written to it'),
  dueWithinDays: wholeNumber(0, 60).optional().describe('open messages due by the end of the N-th day after today (China time; 0: today), not yet overdue'),
  reopened: z.enum(['true', 'false']).transform((v) => v === 'true').optional()
    .describe('true: only the re-opened messages being handled again (重办: the citizen was not satisfied or asked again), as the dashboard counts them'),
  q: searchQuery().optional()
    .describe('find a message by its id (m_…) or words of its title or body; a tracking code goes in the body of POST /v1/console/messages/find'),
  cursor: z.string().max(64).optional(),
  limit: wholeNumber(1, 100).default(50),
});
export type QueueQuery = z.input<typeof QueueQuerySchema>;

/** `POST /v1/console/messages/find`: the tracking code a citizen reads out on the phone. */
export const FindByTrackingCodeInputSchema = z.object({
  trackingCode: z.string().min(1).max(64).describe('as read out or typed: width, case, spaces and dashes do not matter'),
});
export type FindByTrackingCodeInput = z.infer<typeof FindByTrackingCodeInputSchema>;

/** Its answer: the message to open. */
export const FoundMessageSchema = z.object({ id: z.string() });
export type FoundMessage = z.infer<typeof FoundMessageSchema>;

/** A message as officials see it in the queue: never the contact details (see `reveal`). */
export const QueueMessageSchema = MessageFieldsSchema.extend({
  isPublic: z.boolean(),
  moderation: ModerationSchema,
  replyCount: z.number().int(),
  reopened: z.boolean().describe('re-opened (重办) by the citizen — an unhappy rating or a follow-up — and being handled again'),
  supervised: z.boolean().describe('督办: escalated to the unit above once a deadline passed unanswered'),
  transferredFrom: UnitRefSchema.nullable().describe('转来: the unit it was transferred (转办) from, while the unit it reached has not accepted (受理), replied, extended, closed or transferred it since; null otherwise'),
  coverPhoto: PublicPhotoSchema.nullable().describe('the message’s first photo, public or not (url and thumbnailUrl: GET with the console session); null when none'),
  heldFor: z.array(HoldReasonSchema).describe('why it was held for a moderator (honeypot, too_fast, link, phone, word, banned_split); the author is never told; empty: nothing looked wrong'),
});
export type QueueMessage = z.infer<typeof QueueMessageSchema>;

export const QueueCountsSchema = z.object(
  Object.fromEntries(QueueTabSchema.options.map((tab) => [tab, z.number().int()])) as Record<QueueTab, z.ZodNumber>,
);
export type QueueCounts = z.infer<typeof QueueCountsSchema>;

export const QueuePageSchema = z.object({
  items: z.array(QueueMessageSchema),
  nextCursor: z.string().nullable(),
  counts: QueueCountsSchema.describe('messages per tab in the official’s units (other filters ignored); for moderators and admins, moderation also counts the follow-ups whose words wait for review'),
});
export type QueuePage = z.infer<typeof QueuePageSchema>;

/** Every event, internal ones too, with who did it. */
export const ConsoleEventSchema = z.object({
  kind: TimelineEventKindSchema,
  at: TimestampSchema,
  isPublic: z.boolean(),
  unit: UnitRefSchema.nullable(),
  fromUnit: UnitRefSchema.nullable(),
  account: z.string().nullable().describe('display name of the official'),
  note: z.string().nullable(),
});
export type ConsoleEvent = z.infer<typeof ConsoleEventSchema>;

export const NoteSchema = z.object({
  id: z.string(),
  account: z.string(),
  body: z.string(),
  createdAt: TimestampSchema,
});
export type Note = z.infer<typeof NoteSchema>;

/** A follow-up (追问) as officials see it: read and answered at once; its words public only once a moderator publishes them. */
export const ConsoleFollowUpSchema = FollowUpSchema.extend({
  id: z.string(),
  moderate: z.boolean().describe('this official may publish or reject the words now (a moderator or admin; a public message; pending)'),
  heldFor: z.array(HoldReasonSchema).describe('why its words were held for a moderator (link, phone, word, banned_split); empty: nothing looked wrong'),
});
export type ConsoleFollowUp = z.infer<typeof ConsoleFollowUpSchema>;

/** What an action may do next, so the console shows only the buttons that will work. */
export const ActionSchema = z.enum(ACTIONS);
export type Action = z.infer<typeof ActionSchema>;

/** `GET /v1/console/messages/:id`. */
export const ConsoleMessageSchema = QueueMessageSchema.omit({ coverPhoto: true }).extend({
  body: z.string(),
  moderationReason: z.string().nullable().describe('why it was rejected or hidden: a RejectReason code (the moderator’s words are on the timeline event)'),
  supportCount: z.number().int(),
  campaignTitle: CampaignTitleSchema,
  outlet: z.string().nullable().describe('the drive’s partner outlet (a news site) it was written on; null: none, or the site’s own pages'),
  replies: z.array(OwnReplySchema),
  timeline: z.array(ConsoleEventSchema),
  notes: z.array(NoteSchema),
  ratings: z.array(OwnRatingSchema).describe('the citizen’s ratings, oldest first, with their reasons and words (never public)'),
  followUps: z.array(ConsoleFollowUpSchema).describe('the citizen’s follow-up questions (追问), oldest first; the next reply answers each'),
  photos: z.array(PhotoSchema).describe('every photo sent with the message, in order; url: GET with the console session'),
  actions: z.array(ActionSchema).describe('actions the official may take now'),
  version: z.string().describe('what the message was when read (opaque): send it back as `If-Match: "<version>"` with an action, which is then refused with 412 changed_since_read if anyone has handled the message since'),
});
export type ConsoleMessage = z.infer<typeof ConsoleMessageSchema>;

export const RejectReasonSchema = z.enum(REJECT_REASONS);
export type RejectReason = z.infer<typeof RejectReasonSchema>;

const NOTE_MAX = 500;
/** The public note of an adoption (采纳) is short: a line or two on a card's detail. */
const ADOPTION_NOTE_MAX = 200;

export const EmptyInputSchema = z.object({});
export const RejectInputSchema = z.object({ reason: RejectReasonSchema, note: optionalText(NOTE_MAX, { multiline: true }).optional() });
export const HideInputSchema = z.object({ reason: RejectReasonSchema, note: optionalText(NOTE_MAX, { multiline: true }).optional() });
export const TransferInputSchema = z.object({ unitId: z.string().min(1).max(64), reason: requiredText(NOTE_MAX, { multiline: true }).meta({ examples: ['属县交通运输局职责，转其办理'] }) });
export const ReplyInputSchema = z.object({
  kind: ReplyKindSchema,
  body: requiredText(LIMITS.bodyMax, { multiline: true }).meta({ examples: ['您好，您反映的问题已转县公安局交警大队，自下周一起早晚高峰安排警力在城关小学门口疏导。'] }),
  templateId: z.string().max(64).optional().describe('the template the text started from (recorded)'),
  photos: ReplyPhotoRefsInputSchema.optional(),
});
export const EXTEND_DAYS_MAX = 30;
export const ExtendInputSchema = z.object({ days: z.number().int().min(1).max(EXTEND_DAYS_MAX).describe('working days'), reason: requiredText(NOTE_MAX, { multiline: true }).meta({ examples: ['需会同县交通运输局现场勘查'] }) });
export const NoteInputSchema = z.object({ body: requiredText(NOTE_MAX, { multiline: true }).meta({ examples: ['已电话联系留言人，约定周三回访'] }) });
export type RejectInput = z.infer<typeof RejectInputSchema>;
export type TransferInput = z.infer<typeof TransferInputSchema>;
export type ReplyInput = z.infer<typeof ReplyInputSchema>;
export type ExtendInput = z.infer<typeof ExtendInputSchema>;
export type NoteInput = z.infer<typeof NoteInputSchema>;
/** 采纳: what was adopted and where (e.g. 已写入《县"十四五"规划》第三章), shown publicly. */
export const AdoptInputSchema = z.object({ note: requiredText(ADOPTION_NOTE_MAX, { multiline: true }).meta({ examples: ['已写入《示范县“十五五”交通规划》第三章'] }) });
export type AdoptInput = z.infer<typeof AdoptInputSchema>;

/** `POST /v1/console/messages/:id/reveal` — decrypted for this answer only, and audited. */
export const ContactSchema = z.object({
  name: z.string(), phone: z.string(), email: z.string().nullable(),
  erasedAt: TimestampSchema.nullable().describe('when the details were erased (by the citizen, or after the site’s retention period); name and phone are then empty and email null: the citizen can no longer be reached'),
});
export type Contact = z.infer<typeof ContactSchema>;

/** `GET /v1/console/messages/:id/extension?days=N`: what 延期 by N working days would set, before it is confirmed. */
export const ExtensionQuerySchema = z.object({
  days: wholeNumber(1, EXTEND_DAYS_MAX).describe('working days'),
});
export type ExtensionQuery = z.input<typeof ExtensionQuerySchema>;

export const ExtensionPreviewSchema = z.object({
  dueAt: TimestampSchema.describe('the deadline the extension would set: the end of a working day, China time'),
  countedFrom: z.enum(['deadline', 'today'])
    .describe('deadline: counted on from the current deadline; today: that deadline has passed, so counted from today'),
  calendarNotSetFor: z.number().int().nullable()
    .describe('the year of the new deadline when it is a later year than the count starts in and the site’s calendar holds no holiday nor 调休 day of it: its days were counted Monday to Friday; else null'),
});
export type ExtensionPreview = z.infer<typeof ExtensionPreviewSchema>;

/** `POST /v1/console/follow-ups/:id/moderation`: a moderator publishes a follow-up's words, or keeps them off the board. */
export const FollowUpModerationInputSchema = z.object({
  moderation: z.enum(['published', 'rejected']).describe('published: on the public timeline with the message; rejected: never public'),
});
export type FollowUpModerationInput = z.infer<typeof FollowUpModerationInputSchema>;

/** `GET /v1/console/follow-ups`: follow-up questions of the site's public messages waiting for a moderator, oldest first. */
export const PendingFollowUpSchema = z.object({
  id: z.string(),
  messageId: z.string(),
  title: z.string().describe('the message’s title'),
  unit: UnitRefSchema,
  body: z.string(),
  createdAt: TimestampSchema,
});
export type PendingFollowUp = z.infer<typeof PendingFollowUpSchema>;

/** `GET /v1/console/follow-ups`: the queue's own filters, so 待审核 filtered shows the follow-ups of what it shows. */
export const PendingFollowUpsQuerySchema = QueueQuerySchema.pick({ type: true, domain: true, unit: true, campaign: true });
export type PendingFollowUpsQuery = z.input<typeof PendingFollowUpsQuerySchema>;

export const PendingFollowUpPageSchema = z.object({
  items: z.array(PendingFollowUpSchema).describe('at most 50, oldest first'),
});
export type PendingFollowUpPage = z.infer<typeof PendingFollowUpPageSchema>;

/** The most unit ids one `GET /v1/console/units` names (as `GET /v1/admin/units?ids=`). */
export const CONSOLE_UNIT_IDS_MAX = 100;

/** `GET /v1/console/units`: units named by id, for any official (the 转办 picker and the queue's filter name what they hold). */
export const ConsoleUnitQuerySchema = z.object({
  ids: z.string().min(1).max(CONSOLE_UNIT_IDS_MAX * 65)
    .describe(`comma-separated unit ids (at most ${CONSOLE_UNIT_IDS_MAX}): those units of the site, retired ones too, each with the units above it; unknown ids are left out`),
});
export type ConsoleUnitQuery = z.infer<typeof ConsoleUnitQuerySchema>;
