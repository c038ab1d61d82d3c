/**
 * The languages Liuyan speaks, and where each one's strings are: the one place to read before adding
 * a language (README, "Adding a language").
 *
 * Every string set below is a group of sibling files, one per language, named by the language's
 * `file` suffix (`strings.zh-cn.ts`, `strings.zh-tw.ts`, `strings.en.ts`). A language with
 * `generatedFrom` is written by `npm run i18n` from that language's files (zh-TW from zh-CN through
 * OpenCC, `scripts/i18n/`), never by hand; the others are written by people. The Chinese set is the
 * reference: it is in every bundle, the others are loaded only when a page shows them.
 */
export const LANGUAGES = [
  { tag: 'zh-CN', file: 'zh-cn', name: '简体中文' },
  { tag: 'zh-TW', file: 'zh-tw', name: '繁體中文', generatedFrom: 'zh-CN' },
  { tag: 'en', file: 'en', name: 'English' },
] as const;

/** A language tag Liuyan speaks (BCP 47, as in `<html lang>` and `Accept-Language`). */
export type Locale = (typeof LANGUAGES)[number]['tag'];

/** The language every reader gets unless something says otherwise. */
export const DEFAULT_LOCALE = 'zh-CN' satisfies Locale;

/**
 * The string sets, each by its Chinese file (paths from the repository's root). The other languages'
 * files sit beside it with their own suffix; each file's exports carry the language in their name
 * (`formZhCN` / `formZhTW` / `formEn`, `zhCNFieldNames` / `zhTWFieldNames` / `enFieldNames`).
 * A test fails when a key is missing in a language, and when a `*.zh-cn.ts` file is not listed here.
 */
export const STRING_SETS = [
  'sdk/src/locales/zh-cn.ts',
  'sdk/src/locales/labels.zh-cn.ts',
  'ui/translations/zh-cn.ts',
  'ui/translations/progress.zh-cn.ts',
  'widget/src/liuyan-form/strings.zh-cn.ts',
  'widget/src/liuyan-list/strings.zh-cn.ts',
  'widget/src/liuyan-message/strings.zh-cn.ts',
  'widget/src/liuyan-stats/strings.zh-cn.ts',
  'widget/src/liuyan-track/strings.zh-cn.ts',
  'console/strings.zh-cn.ts',
  'console/admin/strings.zh-cn.ts',
  'worker/src/hosted/strings.zh-cn.ts',
  'worker/src/notifications/strings.zh-cn.ts',
  'widget/src/liuyan-form/privacy-strings.zh-cn.ts',
  'sdk/src/locales/sentences.zh-cn.ts',
  'ui/translations/base.zh-cn.ts',
] as const;

/**
 * Which of our languages a language tag means: zh-TW, zh-HK, zh-MO and any zh-Hant… read Traditional
 * (zh-TW); zh, zh-CN, zh-SG and zh-Hans… read Simplified (zh-CN); en… reads English; anything else,
 * or nothing, reads the default (zh-CN). Case and `_` for `-` do not matter (`zh_tw`).
 */
export function pickLocale(tag: string | null | undefined): Locale {
  const parts = (tag ?? '').trim().toLowerCase().replace(/_/g, '-').split('-');
  if (parts[0] === 'en') return 'en';
  if (parts[0] !== 'zh') return DEFAULT_LOCALE;
  // A script subtag says it outright; else the region does (Taiwan, Hong Kong, Macao write Traditional).
  if (parts.includes('hant')) return 'zh-TW';
  if (parts.includes('hans')) return 'zh-CN';
  return parts.some((part) => part === 'tw' || part === 'hk' || part === 'mo') ? 'zh-TW' : 'zh-CN';
}

/**
 * The language an `Accept-Language` header prefers (RFC 9110 §12.5.4): of its tags by weight (`q`,
 * 1 by default; the first wins a tie), the first in Chinese or English; none: the default.
 * `zh-TW,zh;q=0.9,en;q=0.8` → zh-TW; `fr, en;q=0.5` → en; `fr` → zh-CN.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  const ranked = (header ?? '').split(',')
    .map((item, index) => {
      const [range = '', ...params] = item.split(';').map((part) => part.trim());
      const q = params.find((param) => /^q=/i.test(param));
      return { range, weight: q ? Number(q.slice(2)) : 1, index };
    })
    .filter(({ range, weight }) => /^(zh|en)\b/i.test(range) && weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return pickLocale(ranked[0]?.range);
}

/** A Chinese character (Han script). */
const HAN = /\p{Script=Han}/u;

/**
 * The `lang` a written text (a title, a body, a unit's name, a region, a signature: not one of the
 * page's own strings) is marked with on a page or element in `locale`: 'zh' where that reads English
 * and the text holds Chinese characters, so a screen reader reads it with a Chinese voice rather than
 * spelling it out with an English one (WCAG 2.2, 3.1.2 Language of Parts); null where the page reads
 * Chinese itself, or where the text holds none (its language cannot be told from it).
 */
export function writtenLang(text: string, locale: Locale): 'zh' | null {
  return locale === 'en' && HAN.test(text) ? 'zh' : null;
}
