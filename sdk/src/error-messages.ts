import type { FieldErrorCode, ProblemCode } from './schemas/error';

/** The two languages every message has; anything that is not English reads Chinese. */
export type Locale = 'zh-CN' | 'en';

export function pickLocale(tag: string | null | undefined): Locale {
  return tag && /^en\b/i.test(tag.trim()) ? 'en' : 'zh-CN';
}

export interface FieldErrorParams {
  max?: number;
  min?: number;
}

/**
 * How field errors read in one language: field names and one sentence per field code. The service
 * answers with it; the widget shows errors with it in its own language. One file per language in
 * `locales/`, so a page loads only the language it shows.
 */
export interface FieldMessages {
  fields: Record<string, string>;
  fieldErrors: Record<FieldErrorCode, (label: string, params: FieldErrorParams) => string>;
}

/** One title per problem code, for the service's answers. */
export type ProblemTitles = Record<ProblemCode, string>;

/**
 * A field's name in the language: by its whole path (`author.name`), else by its last named part
 * (`days.3.day` → `day`), else by its first (`deadlineDays.help` → `deadlineDays`).
 */
export function fieldLabel(messages: FieldMessages, field: string): string {
  const named = field.split('.').filter((part) => !/^\d+$/.test(part));
  return messages.fields[field] ?? messages.fields[named.at(-1) ?? ''] ?? messages.fields[named[0] ?? ''] ?? field;
}

export function fieldErrorMessage(messages: FieldMessages, field: string, code: FieldErrorCode, params: FieldErrorParams = {}): string {
  return messages.fieldErrors[code](fieldLabel(messages, field), params);
}
