import type { FieldErrorCode, OfficialFieldErrorCode, ProblemCode, PublicFieldErrorCode } from './schemas/error';

// The languages and how a tag picks one live in languages.ts (the registry); kept importable from here.
export { localeFromAcceptLanguage, pickLocale, type Locale } from './languages';
import type { Locale } from './languages';

export interface FieldErrorParams {
  max?: number;
  min?: number;
  /** The year a calendar error is about (outside_year, no_national_schedule). */
  year?: number;
}

type FieldErrorText = (label: string, params: FieldErrorParams) => string;

/**
 * How field errors read in one language: field names and one sentence per field code. The service
 * answers with it; the widget shows errors with it in its own language. One file per language in
 * `locales/`, so a page loads only the language it shows; the officials' part is separate, so the
 * public widget does not carry it.
 */
export interface FieldMessages<Code extends FieldErrorCode = FieldErrorCode> extends FieldNames, FieldSentences<Code> {}

/** The names of fields, by field path (`author.name` → 姓名): what a form labels its controls with. */
export interface FieldNames {
  fields: Record<string, string>;
}

/**
 * The sentences of field errors, apart from the names (`locales/sentences.<lang>.ts`): a form shows
 * its labels at once and needs these only once the citizen is writing, so `<liuyan-form>` fetches
 * them then (a chunk of their own) instead of carrying them at first paint.
 */
export interface FieldSentences<Code extends FieldErrorCode = FieldErrorCode> {
  fieldErrors: Record<Code, FieldErrorText>;
  /** Fields a person chooses (a list, a set of options) rather than types: a missing one reads `choose`. */
  choices: readonly string[];
  /** `required` for a field in `choices`: "请选择…", not "请填写…". */
  choose: FieldErrorText;
}
export type PublicFieldMessages = FieldMessages<PublicFieldErrorCode>;
export type PublicFieldSentences = FieldSentences<PublicFieldErrorCode>;
export type OfficialFieldMessages = Omit<FieldMessages<OfficialFieldErrorCode>, 'choose'>;

/** The public messages with the officials' ones: what the service and the console speak. */
export function withOfficialMessages(base: PublicFieldMessages, officials: OfficialFieldMessages): FieldMessages {
  return {
    fields: { ...base.fields, ...officials.fields },
    fieldErrors: { ...base.fieldErrors, ...officials.fieldErrors },
    choices: [...base.choices, ...officials.choices],
    choose: base.choose,
  };
}

/** One title per problem code, for the service's answers. */
export type ProblemTitles = Record<ProblemCode, string>;

/** An Open311 POST's `service_notice` by the stored message's state, given its deadline (`due`, YYYY-MM-DD). */
export interface Open311Notices {
  published: (due: string) => string;
  pending: (due: string) => string;
  private: (due: string) => string;
}

/**
 * A field's name in the language: by its whole path (`author.name`), else by its last named part
 * (`days.3.day` → `day`), else by its first (`deadlineDays.help` → `deadlineDays`).
 */
export function fieldLabel(messages: FieldNames, field: string): string {
  const name = fieldName(field, (candidate) => candidate in messages.fields);
  return name ? messages.fields[name]! : field;
}

/**
 * A field's name standing alone, as a label, a legend or a term (`question` → `Question`): its first
 * letter a capital where the language has them, so that screen readers read it as the page shows
 * it. Inside a sentence the name stays as `fieldLabel` gives it (Please enter the question).
 */
export function fieldHeading(messages: FieldNames, field: string): string {
  const label = fieldLabel(messages, field);
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Names a label may start with that keep their capital inside a sentence: the services a site sets up. */
const PROPER_NAMES = new Set(['Aliyun', 'Turnstile', 'Cloudflare', 'WeChat']);

/**
 * A label as it reads inside a sentence, the inverse of `fieldHeading`: a form's label is written as
 * a heading (`Service address`), and "Please enter the {field}" names it in lower case (Please enter
 * the service address). A first word that is an acronym or a coined name keeps its capitals: one in
 * capitals or with a capital inside (`SMS code`, `AccessKey ID`), or a name in `PROPER_NAMES`
 * (`Turnstile site key`). Languages without capitals keep their case. A remark in brackets at the
 * label's end is left out: `Secret (shared, signs each request)` reads `secret`, `电子邮箱（选填）` `电子邮箱`.
 */
export function inSentence(label: string): string {
  // A remark in brackets after the name (`Secret (shared, signs each request)`, `电子邮箱（选填）`,
  // `Deadlines (working days)`) explains the field beside it; inside a sentence it reads as noise.
  const name = label.replace(/\s*[(（][^()（）]*[)）]\s*$/u, '') || label;
  const first = /^[^\s(（]+/u.exec(name)?.[0] ?? '';
  return /^\p{Lu}[\p{Ll}'’-]+$/u.test(first) && !PROPER_NAMES.has(first) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/** The catalog's name for a field path: the whole path, else its last named part, else its first. */
function fieldName(field: string, known: (name: string) => boolean): string | undefined {
  const named = field.split('.').filter((part) => !/^\d+$/.test(part));
  return [field, named.at(-1) ?? '', named[0] ?? ''].find(known);
}

/** The codes whose sentences state a number, and which of `params` it is. */
const STATED_NUMBER: Partial<Record<FieldErrorCode, 'min' | 'max'>> = {
  too_long: 'max', too_short: 'min', below_minimum: 'min', above_maximum: 'max', photo_too_large: 'max', thumbnail_too_large: 'max', too_many: 'max',
};

/**
 * The sentence for a field error in the catalog's language. A code the catalog does not know (an
 * officials' code in the public widget) reads as `invalid`; a missing choice reads "请选择…".
 */
export function fieldErrorMessage(messages: PublicFieldMessages, field: string, code: FieldErrorCode, params: FieldErrorParams = {}): string {
  const label = fieldLabel(messages, field);
  if (code === 'required' && fieldName(field, (name) => messages.choices.includes(name))) return messages.choose(label, params);
  // A sentence that states a number (至少需要5个字) reads as `invalid` when the answer lacks it
  // (another server, an older one): "至少需要undefined个字" tells the citizen nothing.
  const needed = STATED_NUMBER[code];
  const known = needed === undefined || Number.isFinite(params[needed]) ? code : 'invalid';
  const sentence = (messages.fieldErrors as Partial<Record<FieldErrorCode, FieldErrorText>>)[known] ?? messages.fieldErrors.invalid;
  return sentence(label, params);
}
