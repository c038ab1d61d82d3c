import { z } from 'zod';

/** What kind of message a citizen writes. */
export const MessageTypeSchema = z.enum(['suggestion', 'complaint', 'help', 'consultation']);
export type MessageType = z.infer<typeof MessageTypeSchema>;
export const MESSAGE_TYPES = MessageTypeSchema.options;

/** The default set of domains; a site may enable a subset. */
export const DomainSchema = z.enum([
  'urban', 'transport', 'agriculture', 'health', 'education', 'environment', 'employment',
  'enterprise', 'governance', 'security', 'tourism', 'finance', 'other',
]);
export type Domain = z.infer<typeof DomainSchema>;
export const DOMAINS = DomainSchema.options;

/** Handling status: submitted → accepted → in_progress → replied → closed. */
export const MessageStatusSchema = z.enum(['submitted', 'accepted', 'in_progress', 'replied', 'closed']);
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

/** Moderation state: pending → published | rejected; published → hidden. */
export const ModerationSchema = z.enum(['pending', 'published', 'rejected', 'hidden']);
export type Moderation = z.infer<typeof ModerationSchema>;

export const ModerationModeSchema = z.enum(['pre', 'post']);
export type ModerationMode = z.infer<typeof ModerationModeSchema>;

export const UnitKindSchema = z.enum(['leader', 'department', 'region', 'ministry']);
export type UnitKind = z.infer<typeof UnitKindSchema>;

/** How the citizen's name is shown publicly: `陈***`, `陈先生` or `陈女士`. */
export const DisplayAsSchema = z.enum(['masked', 'mr', 'ms']);
export type DisplayAs = z.infer<typeof DisplayAsSchema>;

/** Timestamps travel as ISO 8601 strings with an offset, e.g. `2026-12-03T23:59:59+08:00`. */
export const TimestampSchema = z.string().describe('ISO 8601 date-time with offset');

/** Form limits shared by the widget (counters) and the service (validation). */
export const LIMITS = {
  titleMax: 50,
  bodyMax: 2000,
  regionMax: 50,
  nameMax: 20,
  emailMax: 100,
  trackingCodeMax: 64,
} as const;

/** Text a person must fill in: trimmed, at least one character, at most `max`. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);
