import { z } from 'zod';
import {
  DisplayAsSchema, DomainSchema, LIMITS, optionalText, requiredText, MessageStatusSchema, MessageTypeSchema, ModerationSchema, ReplyKindSchema, TimestampSchema, wholeNumber, searchQuery,
} from './common';
import { FOLLOW_UP_MODERATIONS } from '../codes';
import { withCode } from './error';
import { PhotoRefsInputSchema, PhotoSchema, PublicPhotoSchema } from './photo';


/** A unit as messages name it. */
export const UnitRefSchema = z.object({ id: z.string().meta({ examples: ['u_edu'] }), name: z.string().meta({ examples: ['示范县教育局'] }) });
export type UnitRef = z.infer<typeof UnitRefSchema>;

export const AuthorInputSchema = z.object({
  name: requiredText(LIMITS.nameMax).meta({ examples: ['陈明'] }),
  phone: z.string().trim().min(1).max(LIMITS.phoneMax).describe(
    'as typed: 13800138000, +86 138 0013 8000, (0371)12345678 转 8012, 400-123-4567, +852 2123 4567 …; the service checks it '
      + 'against the numbering plans (invalid_phone) and stores it as E.164',
  ),
  email: z.string().trim().max(LIMITS.emailMax).transform((value) => value.normalize('NFKC'))
    .pipe(z.email(withCode('invalid_email'))).nullable().optional().describe('full-width characters are read as their ASCII forms'),
  displayAs: DisplayAsSchema.default('masked'),
});
export type AuthorInput = z.input<typeof AuthorInputSchema>;

/**
 * How the author wants to be told that a reply has come, or that the message did not pass review: never
 * with the code, the reply or the reason itself.
 */
export const NotifyChoiceSchema = z.object({
  sms: z.boolean().default(false).describe('by SMS to author.phone (where the site sends SMS)'),
  email: z.boolean().default(false).describe('by e-mail to author.email (which must then be given)'),
});
export type NotifyChoice = z.input<typeof NotifyChoiceSchema>;

/** Six digits, as the SMS says them (full-width digits typed with a Chinese IME are read as ASCII). */
export const VerificationCodeSchema = z.string().trim().transform((value) => value.normalize('NFKC'))
  .pipe(z.string().regex(/^\d{6}$/, withCode('verification_failed')));

/** `POST /v1/sites/:site/messages` body. */
export const CreateMessageInputSchema = z.object({
  unitId: z.string().min(1).max(64),
  type: MessageTypeSchema,
  domain: DomainSchema,
  campaign: z.string().max(64).nullable().optional().describe('campaign slug'),
  title: requiredText(LIMITS.titleMax).meta({
    examples: ['城关小学门口早晚高峰拥堵'],
    description: `at least the site's limits.titleMin characters (GET /v1/sites/{site}; ${LIMITS.titleMin} unless the site sets another), else too_short`,
  }),
  body: requiredText(LIMITS.bodyMax, { multiline: true }).meta({
    examples: ['每天早上七点半到八点，城关小学门口车辆乱停，孩子过马路很危险，希望安排交警疏导。'],
    description: `at least the site's limits.bodyMin characters (GET /v1/sites/{site}; ${LIMITS.bodyMin} unless the site sets another), else too_short`,
  }),
  region: requiredText(LIMITS.regionMax).meta({ examples: ['示范县城关镇'] }),
  author: AuthorInputSchema,
  isPublic: z.boolean(),
  consent: z.literal(true, withCode('consent_required')),
  notify: NotifyChoiceSchema.optional(),
  verificationCode: VerificationCodeSchema.optional()
    .describe('the SMS code sent to author.phone (POST /v1/sites/{site}/verification-codes); required where the site asks for one (site config `notifications.phoneVerification`)'),
  photos: PhotoRefsInputSchema.optional(),
  fillMs: z.number().int().min(0).max(1e9).optional()
    .describe('milliseconds from when the form was shown to when it was sent (the widget sends it); a form sent sooner than the site allows is stored but held for a moderator'),
  honeypot: z.string().max(LIMITS.bodyMax).optional()
    .describe('the form’s hidden field, which people never see: anything in it and the message is stored but held for a moderator'),
  turnstileToken: z.string().max(2048).optional()
    .describe('the Cloudflare Turnstile token, where the site asks for one (site config `turnstileSiteKey`); a retry under the same Idempotency-Key needs none'),
}).meta({
  examples: [{
    unitId: 'u_edu', type: 'complaint', domain: 'education', campaign: null,
    title: '城关小学门口早晚高峰拥堵', body: '每天早上七点半到八点，城关小学门口车辆乱停，孩子过马路很危险，希望安排交警疏导。',
    region: '示范县城关镇', author: { name: '陈明', phone: '13912345678', email: null, displayAs: 'masked' },
    isPublic: true, consent: true,
  }],
});
export type CreateMessageInput = z.input<typeof CreateMessageInputSchema>;

/** `201` answer to a submission. The tracking code appears here and nowhere else, ever. */
export const MessageCreatedSchema = z.object({
  id: z.string(),
  trackingCode: z.string().describe('shown once; keep it to follow the message'),
  status: MessageStatusSchema,
  moderation: ModerationSchema,
  dueAt: TimestampSchema,
}).meta({
  examples: [{ id: 'm_01JD5Q3V8XKZ', trackingCode: 'K7QM-4XPH-9TRW-2CVB', status: 'submitted', moderation: 'pending', dueAt: '2026-12-09T23:59:59+08:00' }],
});
export type MessageCreated = z.infer<typeof MessageCreatedSchema>;

export const TrackInputSchema = z.object({
  trackingCode: z.string().min(1).max(LIMITS.trackingCodeMax).meta({ examples: ['K7QM-4XPH-9TRW-2CVB'] }),
});
export type TrackInput = z.infer<typeof TrackInputSchema>;

export const TimelineEventKindSchema = z.enum([
  'submitted', 'published', 'rejected', 'hidden', 'accepted', 'transferred', 'replied', 'extended', 'rated',
  'followed_up', 'closed', 'reopened',
  // The hourly deadline check: a reminder to the unit before the deadline (officials only), and 督办
  // to the unit above once it has passed (`escalated`), which the public and the author see as `overdue`.
  'reminder', 'escalated', 'overdue',
  // 采纳: a 建言 adopted by the unit, with the public note (what was adopted, where).
  'adopted',
]);
export type TimelineEventKind = z.infer<typeof TimelineEventKindSchema>;

export const TimelineEventSchema = z.object({
  kind: TimelineEventKindSchema,
  at: TimestampSchema,
  unit: UnitRefSchema.nullable(),
  note: z.string().nullable().describe('public reason, e.g. for a transfer or an extension'),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

export const ReplySchema = z.object({
  id: z.string(),
  kind: ReplyKindSchema,
  unit: UnitRefSchema,
  body: z.string().meta({ examples: ['您好，您反映的问题已转县公安局交警大队，自下周一起早晚高峰安排警力在城关小学门口疏导。'] }),
  createdAt: TimestampSchema,
  photos: z.array(PublicPhotoSchema).describe('photos sent with the reply (e.g. the repaired road), in order; hidden ones left out'),
});
export type Reply = z.infer<typeof ReplySchema>;

/** A reply as the message's author and officials see it: hidden photos too, marked. */
export const OwnReplySchema = ReplySchema.extend({
  photos: z.array(PhotoSchema).describe('photos sent with the reply, in order, hidden ones marked'),
});
export type OwnReply = z.infer<typeof OwnReplySchema>;

/** 采纳: a 建言 adopted by its unit, and the public note on what was adopted, where. */
export const AdoptionSchema = z.object({
  note: z.string(),
  at: TimestampSchema,
});
export type Adoption = z.infer<typeof AdoptionSchema>;

/** What every view of a message shows: the author's, the public's and the officials'. */
export const MessageFieldsSchema = z.object({
  id: z.string(),
  unit: UnitRefSchema,
  type: MessageTypeSchema,
  domain: DomainSchema,
  campaign: z.string().nullable().describe('campaign slug'),
  title: z.string().meta({ examples: ['城关小学门口早晚高峰拥堵'] }),
  region: z.string().meta({ examples: ['示范县城关镇'] }),
  displayName: z.string().meta({ examples: ['陈***'] }),
  status: MessageStatusSchema,
  createdAt: TimestampSchema,
  dueAt: TimestampSchema,
  overdue: z.boolean(),
  adoption: AdoptionSchema.nullable().describe('set when the suggestion was adopted (已采纳)'),
});

/** The name of the suggestion drive (建言专栏) a message was written to, shown beside it; null: none. */
export const CampaignTitleSchema = z.string().nullable().describe('the name of the suggestion drive (建言专栏) it was written to; null: none');

/** Why a message did not pass review, as its author is told: a reason code from the list and the moderator's words. */
export const RejectionSchema = z.object({
  reason: z.string().describe('a RejectReason code (abusive, personal_data, duplicate, off_topic, advertising, illegal, other); clients show its label'),
  note: z.string().nullable().describe('what the moderator added, if anything'),
});
export type Rejection = z.infer<typeof RejectionSchema>;

/** Why a citizen is not satisfied (overall ≤ 2): 问题没有解决 / 答非所问 / 办理太慢 / 态度不好 / 其他. */
export const RatingReasonSchema = z.enum(['not_solved', 'not_answered', 'too_slow', 'attitude', 'other']);
export type RatingReason = z.infer<typeof RatingReasonSchema>;

/** A rating as its author and officials see it: with the reason and the citizen's own words (never public). */
export const OwnRatingSchema = z.object({
  overall: z.number().int().min(1).max(5),
  resolution: z.number().int().min(1).max(5),
  attitude: z.number().int().min(1).max(5),
  speed: z.number().int().min(1).max(5),
  createdAt: TimestampSchema,
  reason: RatingReasonSchema.nullable(),
  reasonText: z.string().nullable(),
});
export type OwnRating = z.infer<typeof OwnRatingSchema>;

/** Whether a follow-up's words are public: pending until a moderator publishes (or rejects) them. */
export const FollowUpModerationSchema = z.enum(FOLLOW_UP_MODERATIONS);
export type FollowUpModeration = z.infer<typeof FollowUpModerationSchema>;

/** A follow-up question (追问), answered by the next reply, as its author and officials see it. */
export const FollowUpSchema = z.object({
  body: z.string(),
  createdAt: TimestampSchema,
  moderation: FollowUpModerationSchema.describe('pending: the public sees that a question was asked, not its words; rejected: never public'),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

/** A follow-up as the public sees it: the words only once a moderator published them. */
export const PublicFollowUpSchema = z.object({
  body: z.string().nullable().describe('null until a moderator publishes the words, and for ever if they were rejected'),
  createdAt: TimestampSchema,
  awaitingReview: z.boolean().describe('the words wait for a moderator (clients say 待审核)'),
});
export type PublicFollowUp = z.infer<typeof PublicFollowUpSchema>;

const score = (what: string) => z.number().int().min(1).max(5).describe(`${what}: 5 很满意, 4 满意, 3 基本满意, 2 不满意, 1 很不满意`);

/**
 * `POST /v1/sites/:site/track/rating`: the citizen rates the latest final reply (正式回复), once.
 * `reason` is required when `overall` ≤ 2, and `reasonText` when the reason is `other`.
 */
/**
 * The reply the citizen rates or asks about: the latest one their page shows. Given, and another reply
 * has come since, the service refuses (`new_reply`) rather than take it for the newer one.
 */
const SeenReplySchema = z.string().min(1).max(64).optional()
  .describe('the latest reply the citizen’s page showed; another since: refused (new_reply). Absent: the latest reply');

export const RateInputSchema = TrackInputSchema.extend({
  replyId: SeenReplySchema,
  overall: score('overall satisfaction'),
  resolution: score('解决程度, how far the problem was solved'),
  attitude: score('办理态度, the attitude of those who handled it'),
  speed: score('办理速度, how fast it was handled'),
  reason: RatingReasonSchema.nullable().optional().describe('required when overall ≤ 2'),
  reasonText: optionalText(LIMITS.ratingReasonMax, { multiline: true }).nullable().optional()
    .describe('the citizen’s own words, for officials only; required when reason is other'),
}).superRefine((input, ctx) => {
  if (input.overall <= 2 && !input.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required' });
  if (input.reason === 'other' && !input.reasonText) ctx.addIssue({ code: 'custom', path: ['reasonText'], message: 'required' });
});
export type RateInput = z.input<typeof RateInputSchema>;

/** `POST /v1/sites/:site/track/follow-ups`: a follow-up question (追问) after a reply. */
export const FollowUpInputSchema = TrackInputSchema.extend({
  replyId: SeenReplySchema,
  question: requiredText(LIMITS.followUpMax, { multiline: true }).meta({ examples: ['疏导只持续了一周，现在又没人管了，能否长期安排？'] }),
});
export type FollowUpInput = z.input<typeof FollowUpInputSchema>;

/** What the citizen may do now with the tracking code. */
export const CitizenActionsSchema = z.object({
  rate: z.boolean().describe('the latest reply is final and not rated yet'),
  followUp: z.boolean().describe('there is a reply, no follow-up waits for its answer, and follow-ups are left'),
  followUpsLeft: z.number().int().describe('follow-ups still allowed on this message (the site’s limit less those sent)'),
});
export type CitizenActions = z.infer<typeof CitizenActionsSchema>;

/** What the citizen sees with the tracking code: the message, private or not, with its history. */
export const TrackedMessageSchema = MessageFieldsSchema.extend({
  campaignTitle: CampaignTitleSchema,
  contactErasedAt: TimestampSchema.nullable().describe('when the citizen’s name, phone and e-mail (and photos) were erased, by the citizen or at the end of the site’s retention period; null: kept'),
  dueAt: TimestampSchema.nullable().describe('null when the message did not pass review: it is not handled, so no deadline runs'),
  body: z.string(),
  isPublic: z.boolean(),
  moderation: ModerationSchema,
  rejection: RejectionSchema.nullable().describe('why: set when moderation is rejected, or hidden (published, then taken off the board)'),
  replies: z.array(OwnReplySchema),
  timeline: z.array(TimelineEventSchema),
  ratings: z.array(OwnRatingSchema).describe('one per final reply rated, oldest first (the n-th rated event is the n-th rating)'),
  followUps: z.array(FollowUpSchema).describe('oldest first (the n-th followed_up event is the n-th follow-up)'),
  photos: z.array(PhotoSchema).describe('every photo sent with the message, public or not, in order; hidden ones marked'),
  can: CitizenActionsSchema,
});
export type TrackedMessage = z.infer<typeof TrackedMessageSchema>;

/** Public tabs, as on 领导留言板: 待回复 (submitted, accepted) / 办理中 / 已办理 (replied, closed). */
export const PublicTabSchema = z.enum(['awaiting', 'in_progress', 'answered']);
export type PublicTab = z.infer<typeof PublicTabSchema>;

/** `GET /v1/sites/:site/messages` query. */
export const ListMessagesQuerySchema = z.object({
  unit: z.string().max(64).optional().describe('a unit id; its sub-units are included'),
  type: MessageTypeSchema.optional(),
  domain: DomainSchema.optional(),
  status: PublicTabSchema.optional().describe('tab: awaiting 待回复, in_progress 办理中, answered 已办理; all when absent'),
  campaign: z.string().max(64).optional().describe('campaign slug'),
  adopted: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('true: only adopted suggestions (已采纳)'),
  q: searchQuery().optional().describe('search in titles and bodies: every word must be found (at most 5 words, parted by spaces or by ，、；。！？ and their ASCII forms; Chinese: any 1+ characters; Traditional characters find Simplified ones and back)').meta({ examples: ['路灯'] }),
  cursor: z.string().max(32).optional().describe('nextCursor of the previous page'),
  limit: wholeNumber(1, 50).default(20),
});
export type ListMessagesQuery = z.input<typeof ListMessagesQuerySchema>;

/** The latest official reply, shortened for a card (查看全文 opens the message). */
export const ReplyExcerptSchema = z.object({
  kind: ReplyKindSchema,
  unit: UnitRefSchema,
  excerpt: z.string(),
  createdAt: TimestampSchema,
});

/** A rating as anyone may see it: the scores, never the citizen's reason or words. */
export const RatingSchema = z.object({
  overall: z.number().int().min(1).max(5),
  resolution: z.number().int().min(1).max(5),
  attitude: z.number().int().min(1).max(5),
  speed: z.number().int().min(1).max(5),
  createdAt: TimestampSchema,
});
export type Rating = z.infer<typeof RatingSchema>;

/** A message as anyone may see it: no contact details, the name only as chosen for display. */
export const PublicMessageSchema = MessageFieldsSchema.extend({
  excerpt: z.string().describe('the first lines of the body'),
  tab: PublicTabSchema,
  supportCount: z.number().int(),
  replyCount: z.number().int(),
  latestReply: ReplyExcerptSchema.nullable(),
  rating: RatingSchema.nullable().describe('the citizen’s latest rating (scores only), null before any'),
  coverPhoto: PublicPhotoSchema.nullable().describe('the first photo the citizen made public, for the card (its thumbnailUrl); null when none'),
});
export type PublicMessage = z.infer<typeof PublicMessageSchema>;

export const MessagePageSchema = z.object({
  items: z.array(PublicMessageSchema),
  nextCursor: z.string().nullable(),
});
export type MessagePage = z.infer<typeof MessagePageSchema>;

/** `GET /v1/sites/:site/messages/:id`: the whole public message, its replies and its public timeline. */
export const PublicMessageDetailSchema = PublicMessageSchema.omit({ excerpt: true, latestReply: true, coverPhoto: true }).extend({
  campaignTitle: CampaignTitleSchema,
  body: z.string(),
  replies: z.array(ReplySchema),
  timeline: z.array(TimelineEventSchema),
  rating: RatingSchema.nullable(),
  ratings: z.array(RatingSchema).describe('every rating, oldest first (the n-th rated event is the n-th rating); sub-scores only'),
  followUps: z.array(PublicFollowUpSchema).describe('the citizen’s follow-up questions, oldest first (the n-th followed_up event is the n-th follow-up); their words once published'),
  photos: z.array(PublicPhotoSchema).describe('the photos the citizen made public, in order; hidden ones left out'),
});
export type PublicMessageDetail = z.infer<typeof PublicMessageDetailSchema>;

/**
 * `POST /v1/sites/:site/messages/:id/support` (我也关注). `supporter` is a random token the reader's
 * browser (or program) makes once and keeps: the same token supports a message once, however often it
 * is sent. It is never stored as sent, only as a keyed hash with the message id (and the client address).
 */
export const SupportInputSchema = z.object({
  supporter: z.string().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _'),
});
export type SupportInput = z.infer<typeof SupportInputSchema>;

export const SupportResultSchema = z.object({
  supportCount: z.number().int(),
  supported: z.literal(true),
});
export type SupportResult = z.infer<typeof SupportResultSchema>;
