import { z } from 'zod';
import { DOMAINS, MESSAGE_STATUSES, MESSAGE_TYPES, MODERATION_MODES, MODERATION_STATES, OPEN_STATUSES, REPLY_KINDS, UNIT_KINDS } from '../codes';
import { searchWords, textProblem } from '../text';
import { LIMITS } from '../limits';
import { accepting } from './accepting';

export { DOMAINS, MESSAGE_TYPES, OPEN_STATUSES };

/** What kind of message a citizen writes. */
export const MessageTypeSchema = z.enum(MESSAGE_TYPES);
export type MessageType = z.infer<typeof MessageTypeSchema>;

/** The default set of domains; a site may enable a subset. */
export const DomainSchema = z.enum(DOMAINS);
export type Domain = z.infer<typeof DomainSchema>;

/** Handling status: submitted → accepted → in_progress → replied → closed. */
export const MessageStatusSchema = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

export type OpenStatus = (typeof OPEN_STATUSES)[number];
export const isOpenStatus = (status: MessageStatus): status is OpenStatus => (OPEN_STATUSES as readonly string[]).includes(status);

/** 阶段性回复 (interim: handling goes on) or 正式回复 (final). */
export const ReplyKindSchema = z.enum(REPLY_KINDS);
export type ReplyKind = z.infer<typeof ReplyKindSchema>;

/** Moderation state: pending → published | rejected; published → hidden. */
export const ModerationSchema = z.enum(MODERATION_STATES);
export type Moderation = z.infer<typeof ModerationSchema>;

export const ModerationModeSchema = z.enum(MODERATION_MODES);
export type ModerationMode = z.infer<typeof ModerationModeSchema>;

export const UnitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKindSchema>;

/** How the citizen's name is shown publicly: `陈***`, `陈先生` or `陈女士`. */
export const DisplayAsSchema = z.enum(['masked', 'mr', 'ms']);
export type DisplayAs = z.infer<typeof DisplayAsSchema>;

/**
 * A whole number in a query string, `min`–`max`: decimal digits only. Coercing with `Number()` would also
 * read `1e1` as 10, `0x10` as 16, `2.0` as 2, ` 5` as 5 and an empty value as 0 — forms nobody means
 * as a count; they are `invalid`. A number (an SDK caller's) is taken as it is. Out of bounds:
 * `below_minimum` / `above_maximum`.
 */
export const wholeNumber = (min: number, max: number) =>
  accepting<number | string>()(z.preprocess((value) => (typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : value), z.number().int().min(min).max(max)));


/** Timestamps travel as ISO 8601 strings with an offset, e.g. `2026-12-03T23:59:59+08:00`. */
export const TimestampSchema = z.string().describe('ISO 8601 date-time with offset');

export { LIMITS } from '../limits';

/**
 * How many submissions a site accepts before it asks the sender to wait (429 with Retry-After): from
 * one client address per hour, for one phone number per (China) day, and for the whole site per
 * minute. A retry of a submission already stored (same Idempotency-Key) is never counted.
 */
export const SubmissionLimitsSchema = z.object({
  perAddressHour: z.number().int().min(1).max(10_000),
  perPhoneDay: z.number().int().min(1).max(10_000),
  perSiteMinute: z.number().int().min(1).max(100_000),
});
export type SubmissionLimits = z.infer<typeof SubmissionLimitsSchema>;
export const DEFAULT_SUBMISSION_LIMITS: SubmissionLimits = { perAddressHour: 10, perPhoneDay: 5, perSiteMinute: 30 };

interface TextRules {
  /** Line breaks (and tabs) are allowed: bodies, replies, notes. */
  multiline?: boolean;
}

/**
 * Text a person may type, trimmed, at most `max` characters: well-formed, with no control or
 * bidirectional-override characters (`invalid_characters`) and not only invisible characters
 * (`required`). See `textProblem`.
 */
export const optionalText = (max: number, rules: TextRules = {}) => withTextRules(z.string().trim().max(max), rules);

/** Text a person must fill in: as `optionalText`, and at least one visible character. */
export const requiredText = (max: number, rules: TextRules = {}) => withTextRules(z.string().trim().min(1).max(max), rules);

/** The longest search, in characters: the board's, the console's queue's, the units'. */
export const SEARCH_MAX = 50;

/**
 * A search by words (the board's, the console's queue's): text a person typed (`requiredText`: no
 * control character, line breaks included, nor a bidirectional override), at most SEARCH_MAX
 * characters and `LIMITS.searchWordsMax` words (`searchWords`; more is refused as `too_many_words`,
 * so no word typed is ever left out of what is found).
 */
export const searchQuery = () => requiredText(SEARCH_MAX).superRefine((value, ctx) => {
  if (searchWords(value).length > LIMITS.searchWordsMax) ctx.addIssue({ code: 'custom', message: 'too_many_words', input: value });
});

/** `textProblem` as a zod check: its code is the issue's message, which the service reports as the field code. */
function withTextRules(schema: z.ZodString, { multiline = false }: TextRules) {
  return schema.superRefine((value, ctx) => {
    const problem = value === '' ? null : textProblem(value, { multiline });
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });
}
