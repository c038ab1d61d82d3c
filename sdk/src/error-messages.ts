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
 * How errors read in one language: field names, one sentence per field code, one title per
 * problem code. The service answers with it; the widget shows errors with it in its own language.
 * One file per language in `locales/`, so a page loads only the language it shows.
 */
export interface ErrorCatalog {
  fields: Record<string, string>;
  fieldErrors: Record<FieldErrorCode, (label: string, params: FieldErrorParams) => string>;
  problems: Record<ProblemCode, string>;
}

export function fieldLabel(catalog: ErrorCatalog, field: string): string {
  return catalog.fields[field] ?? field;
}

export function fieldErrorMessage(catalog: ErrorCatalog, field: string, code: FieldErrorCode, params: FieldErrorParams = {}): string {
  return catalog.fieldErrors[code](fieldLabel(catalog, field), params);
}
