import type { FieldErrorCode, OfficialFieldErrorCode, ProblemCode, PublicFieldErrorCode } from './schemas/error';

/** The two languages every message has; anything that is not English reads Chinese. */
export type Locale = 'zh-CN' | 'en';

export function pickLocale(tag: string | null | undefined): Locale {
  return tag && /^en\b/i.test(tag.trim()) ? 'en' : 'zh-CN';
}

export interface FieldErrorParams {
  max?: number;
  min?: number;
}

type FieldErrorText = (label: string, params: FieldErrorParams) => string;

/**
 * How field errors read in one language: field names and one sentence per field code. The service
 * answers with it; the widget shows errors with it in its own language. One file per language in
 * `locales/`, so a page loads only the language it shows; the officials' part is separate, so the
 * public widget does not carry it.
 */
export interface FieldMessages<Code extends FieldErrorCode = FieldErrorCode> {
  fields: Record<string, string>;
  fieldErrors: Record<Code, FieldErrorText>;
}
export type PublicFieldMessages = FieldMessages<PublicFieldErrorCode>;
export type OfficialFieldMessages = FieldMessages<OfficialFieldErrorCode>;

/** The public messages with the officials' ones: what the service and the console speak. */
export function withOfficialMessages(base: PublicFieldMessages, officials: OfficialFieldMessages): FieldMessages {
  return { fields: { ...base.fields, ...officials.fields }, fieldErrors: { ...base.fieldErrors, ...officials.fieldErrors } };
}

/** One title per problem code, for the service's answers. */
export type ProblemTitles = Record<ProblemCode, string>;

/**
 * A field's name in the language: by its whole path (`author.name`), else by its last named part
 * (`days.3.day` → `day`), else by its first (`deadlineDays.help` → `deadlineDays`).
 */
export function fieldLabel(messages: PublicFieldMessages, field: string): string {
  const named = field.split('.').filter((part) => !/^\d+$/.test(part));
  return messages.fields[field] ?? messages.fields[named.at(-1) ?? ''] ?? messages.fields[named[0] ?? ''] ?? field;
}

/** A code the catalog does not know (an officials' code in the public widget) reads as `invalid`. */
export function fieldErrorMessage(messages: PublicFieldMessages, field: string, code: FieldErrorCode, params: FieldErrorParams = {}): string {
  const sentence = (messages.fieldErrors as Partial<Record<FieldErrorCode, FieldErrorText>>)[code] ?? messages.fieldErrors.invalid;
  return sentence(fieldLabel(messages, field), params);
}
