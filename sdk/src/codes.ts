// The closed lists of codes the API speaks, each declared once and in the order people see them.
// The schemas (sdk/src/schemas) are made from these lists; the widget and the console import the
// lists from here, without zod, to draw their choices and check what they read from an address.

/** What kind of message a citizen writes. */
export const MESSAGE_TYPES = ['suggestion', 'complaint', 'help', 'consultation'] as const;

/** The default set of domains; a site may enable a subset. */
export const DOMAINS = [
  'urban', 'transport', 'agriculture', 'health', 'education', 'environment', 'employment',
  'enterprise', 'governance', 'security', 'tourism', 'finance', 'other',
] as const;

/** Handling status: submitted → accepted → in_progress → replied → closed. */
export const MESSAGE_STATUSES = ['submitted', 'accepted', 'in_progress', 'replied', 'closed'] as const;

/** Statuses of a message still being handled: its deadline runs, and it can be 已超期. */
export const OPEN_STATUSES = ['submitted', 'accepted', 'in_progress'] as const satisfies readonly (typeof MESSAGE_STATUSES)[number][];

/**
 * Timeline events only officials read: the deadline reminder. The author, by tracking code, reads
 * every other event with its note (a rejection's, a hiding's), the public only the public ones.
 */
export const OFFICIALS_ONLY_EVENTS = ['reminder'] as const;

/** 阶段性回复 (interim: handling goes on) or 正式回复 (final). */
export const REPLY_KINDS = ['interim', 'final'] as const;

/** Moderation state: pending → published | rejected; published → hidden. */
export const MODERATION_STATES = ['pending', 'published', 'rejected', 'hidden'] as const;

/** A site's moderation: pre (nothing public before a moderator publishes it) or post. */
export const MODERATION_MODES = ['pre', 'post'] as const;

export const UNIT_KINDS = ['leader', 'department', 'region', 'ministry'] as const;

/** Officials' roles, from the narrowest. */
export const ROLES = ['responder', 'moderator', 'admin'] as const;

/** The console queue's tabs, in the order officials work through them. */
export const QUEUE_TABS = ['moderation', 'new', 'handling', 'replied', 'closed', 'overdue', 'supervised', 'all'] as const;

/** What officials do to a message, in the order of the work: moderate, take on, hand on, answer, finish. */
export const ACTIONS = ['publish', 'reject', 'hide', 'accept', 'transfer', 'reply', 'extend', 'close', 'note', 'reveal', 'adopt'] as const;

/** A follow-up question's (追问) words as the public may read them: only once a moderator published them. */
export const FOLLOW_UP_MODERATIONS = ['pending', 'published', 'rejected'] as const;

/**
 * Every kind of notice (migration 0048's CHECK): to citizens 有新回复, 未通过审核, 找回查询码 (a request,
 * sent on as 新查询码), 验证码; to officials 交办, 即将到期, 督办, 重办.
 */
export const NOTIFICATION_KINDS = ['reply', 'rejected', 'recovery', 'new_code', 'verification_code', 'assigned', 'due_soon', 'escalated', 'reopened'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The notices to officials of a unit (each of which they may turn off): 交办, 即将到期, 督办, 重办. The rest go to citizens. */
export const OFFICIAL_NOTIFICATION_KINDS = ['assigned', 'due_soon', 'escalated', 'reopened'] as const satisfies readonly NotificationKind[];

/**
 * The notices an admin may send again once dead: those whose recipient is read again at delivery (the
 * message's author, the official's account). A verification code or a lost-code request went to a
 * contact typed for it, erased once it died: the citizen asks again.
 */
export const RESENDABLE_NOTIFICATION_KINDS = ['reply', 'rejected', 'new_code', 'assigned', 'due_soon', 'escalated', 'reopened'] as const satisfies readonly NotificationKind[];

/**
 * Why a dead notice cannot be sent again now, as the problem code `POST /v1/admin/notifications/:id/resend`
 * answers: its kind (`RESENDABLE_NOTIFICATION_KINDS`), no SMS on the site now, no recipient now.
 */
export const RESEND_REFUSALS = ['not_resendable', 'sms_unavailable', 'no_recipient'] as const;
export type ResendRefusal = (typeof RESEND_REFUSALS)[number];

/** Whether a notice of this kind may be sent again once dead (`RESENDABLE_NOTIFICATION_KINDS`). */
export const resendableKind = (kind: string): boolean => (RESENDABLE_NOTIFICATION_KINDS as readonly string[]).includes(kind);

/**
 * Why the delivery step gave a notice up without a provider's answer (a dead notice's `lastError`).
 * Other last errors are a provider's: `http_<status>` from a government gateway, an Aliyun code
 * (`isv.…`), `refused_<name>` or `failed_<name>` from e-mail.
 */
export const NOTICE_FAILURES = ['no_recipient', 'message_gone', 'sms_not_configured', 'expired', 'invalid_phone', 'no_endpoint'] as const;
export type NoticeFailure = (typeof NOTICE_FAILURES)[number];

/** The notices a site gives an SMS template code for: every kind but a lost-code request. */
export const SMS_TEMPLATE_KINDS = ['reply', 'rejected', 'new_code', 'verification_code', 'assigned', 'due_soon', 'escalated', 'reopened'] as const;

/** Why a moderator keeps a message off the board (or hides it), as its author is told. */
export const REJECT_REASONS = ['abusive', 'personal_data', 'duplicate', 'off_topic', 'advertising', 'illegal', 'other'] as const;

/** Whether `value` is one of `options`: for text read from an address, a form or storage. */
export function isOneOf<T extends string>(options: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}

/** `value` when it is one of `options`, else undefined. */
export function oneOf<T extends string>(options: readonly T[], value: unknown): T | undefined {
  return isOneOf(options, value) ? value : undefined;
}

/**
 * What a site's webhook endpoint can receive (issue 14), in the order of a message's life: 提交, 公开,
 * 答复, 评价, 重办, 超期, 督办. `message.overdue` and `message.escalated` come from the same hourly check:
 * a deadline passed unanswered (超期) and the message was escalated to the unit above (督办).
 */
export const WEBHOOK_EVENT_TYPES = [
  'message.submitted', 'message.published', 'message.replied', 'message.rated', 'message.reopened',
  'message.overdue', 'message.escalated',
] as const;

/**
 * The public holidays of mainland China as the State Council's notices name them (全国年节及纪念日放假办法),
 * in the Simplified form the calendar stores (a period may join two: 国庆节、中秋节). The console names
 * them in the reader's language; any other name is the site's own and is shown as written.
 */
export const NATIONAL_HOLIDAYS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;

/** A webhook delivery: queued, retrying after failures, delivered (2xx), or dead (retries spent). */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'dead'] as const;

/**
 * Why a message (or a follow-up's words) was held for a moderator, never told to its author: the form's
 * hidden field was filled (honeypot), it was sent sooner after it was shown than a person writes
 * (too_fast), its body holds a link or a phone number, a word the site holds for review (word), or a
 * banned word read only across a sentence's end (banned_split: 法。轮。功, but also 赌。博物馆, so a
 * moderator decides).
 */
export const HOLD_REASONS = ['honeypot', 'too_fast', 'link', 'phone', 'word', 'banned_split'] as const;
