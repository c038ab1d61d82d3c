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

export function fieldLabel(messages: FieldMessages, field: string): string {
  return messages.fields[field] ?? field;
}

export function fieldErrorMessage(messages: FieldMessages, field: string, code: FieldErrorCode, params: FieldErrorParams = {}): string {
  return messages.fieldErrors[code](fieldLabel(messages, field), params);
}
