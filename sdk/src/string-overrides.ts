import type { Locale } from './languages';
import type { StringOverrides } from './schemas/string-overrides';

// Apart from the schemas (sdk/src/schemas/string-overrides.ts) so that the form applies a site's
// words without carrying zod.

/**
 * The few visible strings a site's admin may word its own way, per language: the form's button, the
 * example under its region field, the hosted board's name. Keys are `<set>.<key>` of a string set
 * (`form`: `<liuyan-form>`'s strings, `hosted`: the hosted pages'); anything else is refused, so an
 * override can never reach an error message, a label that names a field, or the privacy notice.
 */
export const OVERRIDABLE_STRINGS = ['form.submit', 'form.regionPlaceholder', 'hosted.boardName'] as const;
export type OverridableString = (typeof OVERRIDABLE_STRINGS)[number];

/** The longest override, in characters: a button's or a heading's words. */
export const STRING_OVERRIDE_MAX = 30;

/**
 * `strings` (of the string set `set`) with the site's words for `locale` in place of the shipped ones.
 * Answers `strings` itself when the site changed none of them.
 */
export function withOverrides<T extends object>(strings: T, overrides: StringOverrides | undefined, locale: Locale, set: 'form' | 'hosted'): T {
  const mine = Object.entries(overrides?.[locale] ?? {}).filter(([key]) => key.startsWith(`${set}.`));
  if (mine.length === 0) return strings;
  return { ...strings, ...Object.fromEntries(mine.map(([key, words]) => [key.slice(set.length + 1), words])) };
}
