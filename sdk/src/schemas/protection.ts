import { z } from 'zod';
import { HOLD_REASONS } from '../codes';
import { MIN_FILL_SECONDS, RETENTION_DAYS, WORD_LIST_MAX, WORD_MAX } from '../limits';
import { textProblem } from '../text';
import { withCode } from './error';

// A site's second layer against abuse (its word lists, the form's minimum fill time, Cloudflare
// Turnstile) and how long contact details are kept after a message is closed (issue 17).

/** Why a message or a follow-up's words were held for a moderator (never told to the citizen). */
export const HoldReasonSchema = z.enum(HOLD_REASONS);
export type HoldReason = z.infer<typeof HoldReasonSchema>;

/** (sdk/src/limits.ts: the console checks a list with them too, without zod.) */
export { WORD_LIST_MAX, WORD_MAX };

/** Whether a word has a letter or a digit: a word of punctuation alone would match nothing once normalised. */
const hasLetterOrDigit = (word: string) => /[\p{L}\p{N}]/u.test(word.normalize('NFKC'));

// (As `requiredText`, written out: common.ts is not imported here, which the codes' module graph would make a cycle.)
const WordSchema = z.string().trim().min(1).max(WORD_MAX)
  .refine((word) => textProblem(word, { multiline: false }) === null, withCode('invalid_characters'))
  .refine(hasLetterOrDigit, withCode('invalid'));
const WordListSchema = z.array(WordSchema).max(WORD_LIST_MAX);

/** `GET /v1/admin/protection`: the site's settings; the Turnstile secret is never shown. */
export const ProtectionSettingsSchema = z.object({
  bannedWords: z.array(z.string()).describe('a title, body, region or follow-up holding one is refused (banned_words, naming the field)'),
  holdWords: z.array(z.string()).describe('a message or follow-up holding one is stored but held for a moderator'),
  holdLinks: z.boolean().describe('hold a message whose body holds a link (http://, www., a domain name)'),
  holdPhones: z.boolean().describe('hold a message whose body holds a phone number'),
  minFillSeconds: z.number().int().describe('a form sent sooner than this after it was shown is held; 0: never'),
  turnstile: z.object({
    siteKey: z.string().nullable().describe('Cloudflare Turnstile site key; null: no Turnstile'),
    hasSecret: z.boolean().describe('whether a secret key is stored (it is write-only)'),
  }),
  retentionDays: z.number().int().describe('days after a message is closed that its author’s contact details and photos are erased; 0: kept'),
}).meta({
  examples: [{
    bannedWords: ['法轮功'], holdWords: ['代开发票'], holdLinks: true, holdPhones: true, minFillSeconds: 5,
    turnstile: { siteKey: null, hasSecret: false }, retentionDays: 365,
  }],
});
export type ProtectionSettings = z.infer<typeof ProtectionSettingsSchema>;

/**
 * `PUT /v1/admin/protection` body. Words are matched as the search matches text: full-width forms,
 * case, and spaces or punctuation between characters make no difference (法 轮-功 is 法轮功).
 * `turnstileSiteKey` absent keeps the stored one (so the settings `GET` answers, sent back with a
 * change, keep Turnstile as it is); null or empty turns Turnstile off. `turnstileSecret` absent or
 * null keeps the stored one; a site key needs a secret.
 */
export const UpdateProtectionInputSchema = z.object({
  bannedWords: WordListSchema.describe(`at most ${WORD_LIST_MAX} words of at most ${WORD_MAX} characters`),
  holdWords: WordListSchema.describe(`at most ${WORD_LIST_MAX} words of at most ${WORD_MAX} characters`),
  holdLinks: z.boolean(),
  holdPhones: z.boolean(),
  minFillSeconds: z.number().int().min(MIN_FILL_SECONDS.min).max(MIN_FILL_SECONDS.max),
  turnstileSiteKey: z.string().trim().max(100).nullable().optional().describe('null or empty: no Turnstile; absent keeps the stored one'),
  turnstileSecret: z.string().trim().max(200).nullable().optional().describe('write-only; absent or null keeps the stored secret'),
  retentionDays: z.number().int().min(RETENTION_DAYS.min).max(RETENTION_DAYS.max),
});
export type UpdateProtectionInput = z.input<typeof UpdateProtectionInputSchema>;
