import { DEFAULT_LOCALE, type Locale } from '../sdk/src/languages';

export { localeOf } from './locale-of';

/** How to fetch a set of strings in each language but the default one (a dynamic `import()` each). */
export type StringLoaders<T> = Record<Exclude<Locale, typeof DEFAULT_LOCALE>, () => Promise<T>>;

/**
 * An element's strings: Chinese in its bundle, the other languages fetched (each its own chunk) the
 * first time a page shows them, so a Chinese page downloads no other language. Every language must
 * have a loader: a new language in `sdk/src/languages.ts` fails to compile until each set has one.
 */
export class Localized<T> {
  private readonly loaded: Partial<Record<Locale, T>>;

  constructor(
    zhCN: T,
    private readonly loaders: StringLoaders<T>,
  ) {
    this.loaded = { [DEFAULT_LOCALE]: zhCN };
  }

  async load(locale: Locale): Promise<T> {
    if (locale === DEFAULT_LOCALE) return this.loaded[DEFAULT_LOCALE]!;
    return (this.loaded[locale] ??= await this.loaders[locale]());
  }

  /**
   * `load` for an element about to render: should the strings not come (offline, a dropped
   * connection), it renders in Chinese meanwhile (`get`), and `host` is asked to update again once
   * the network is back, which loads them again (the loaders are `onDemand`).
   */
  async loadOrWait(locale: Locale, host: { requestUpdate(): void }): Promise<void> {
    try {
      await this.load(locale);
    } catch {
      addEventListener('online', () => host.requestUpdate(), { once: true });
    }
  }

  /** The strings for `locale` if loaded (the element waits for `load` before it renders), else Chinese. */
  get(locale: Locale): T {
    return this.loaded[locale] ?? this.loaded[DEFAULT_LOCALE]!;
  }
}

/**
 * A text an element keeps to show later (an error, a notice, a status line): the text, or how to
 * say it, called when it is drawn, so it reads in the element's language of that moment (after
 * `lang` changes, or once a language's strings have come).
 */
export type LaterText = string | (() => string);

/** `text` as said now (undefined stays undefined). */
export const sayNow = (text: LaterText | undefined): string | undefined => (typeof text === 'function' ? text() : text);

/** English plural categories (CLDR): `one` for 1, `other` for 0, 2, 1.5 …. */
const ENGLISH_PLURAL = new Intl.PluralRules('en');

/**
 * `format('直接写给{name}', { name: '县长' })` → `直接写给县长`. A word that follows a number takes
 * its singular or plural form by CLDR's English rule: `{n} {n:day|days}` → `1 day`, `3 days` (the
 * only language of ours with plurals; Chinese strings never need it).
 */
export function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)(?::([^|}]*)\|([^}]*))?\}/g, (_, key: string, one?: string, other?: string) => {
    const value = params[key] ?? '';
    if (one === undefined) return String(value);
    return ENGLISH_PLURAL.select(Number(value)) === 'one' ? one : other!;
  });
}

/**
 * The instant to name as a drive's last day. A drive's `endsAt` is exclusive (the midnight after its
 * last day, site time), so the day to show is that of the millisecond before it: a drive ending at
 * `2026-12-21T00:00:00+08:00` runs to 2026/12/20. Returns an ISO string.
 */
export function lastInstantOf(endsAt: string): string {
  return new Date(Date.parse(endsAt) - 1).toISOString();
}

/**
 * A date-time from the API (`2026-12-03T23:59:59+08:00`) as the reader expects it, in China time:
 * `2026/12/03 23:59` in Chinese; in English the month by its name (`Dec 3, 2026, 23:59`), since
 * 12/03 is 3 December to one reader and 12 March to another.
 */
export function formatDateTime(locale: Locale, iso: string, withTime = true): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric', ...(locale === 'en' ? { month: 'short', day: 'numeric' } : { month: '2-digit', day: '2-digit' }),
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
  }).format(new Date(iso));
}

/** A month of the figures (`2026-01`, China time) as the reader writes it: `2026年1月`, `Jan 2026`. */
export function formatMonth(locale: Locale, month: string): string {
  const [year, number] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: locale === 'en' ? 'short' : 'long' }).format(Date.UTC(year!, number! - 1, 1));
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Under a day, from the largest unit down: the first whose size the distance reaches names it. */
const CLOCK_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [['hour', 60 * MINUTE_MS], ['minute', MINUTE_MS]];
/** A week or more, in calendar days, from the largest unit down. */
const CALENDAR_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [['year', 365], ['month', 30], ['week', 7]];
/** China's offset from UTC, ms: UTC+8 all year (no daylight saving), as `formatDateTime` writes dates. */
const CHINA_OFFSET_MS = 8 * 60 * MINUTE_MS;
/** The calendar day of an instant as China counts days: days since 1970-01-01 there. */
const chinaDay = (ms: number) => Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);

/**
 * How long ago (or until) `iso` is, as the reader says it, through `Intl.RelativeTimeFormat`:
 * `3天前` (zh-CN), `3 天前` (zh-TW), `3 days ago` (en); under a minute `现在` / `now`. Under a day it
 * counts hours and minutes; from a day on, calendar days in China time, so it agrees with the date
 * written beside it (`formatDateTime`): at 04:00, 23:00 two days before is `前天`, not `昨天`; the
 * day before today's date is `昨天` / `yesterday` whatever the hour. A week on, whole weeks, months
 * (30 days) and years, counted down (11 days: `1周前`). `now` in milliseconds since the epoch. Show
 * the exact time beside it (a `<time>`'s `title`), since a relative time goes stale on a page left open.
 */
export function formatRelative(locale: Locale, iso: string, now = Date.now()): string {
  const at = Date.parse(iso);
  const distance = at - now;
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (Math.abs(distance) < DAY_MS) {
    for (const [unit, size] of CLOCK_UNITS) {
      if (Math.abs(distance) >= size) return relative.format(Math.round(distance / size), unit);
    }
    return relative.format(0, 'second');
  }
  const days = chinaDay(at) - chinaDay(now);
  // Numbers, not 上周 / last week: seven days back is not always the calendar's last week.
  const counted = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  for (const [unit, size] of CALENDAR_UNITS) {
    if (Math.abs(days) >= size) return counted.format(Math.trunc(days / size), unit);
  }
  return relative.format(days, 'day');
}

/** A number as the reader writes it (`Intl.NumberFormat`), e.g. a rate 0–1 as `91.3%` with `{ style: 'percent' }`. */
export function formatNumber(locale: Locale, value: number, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

/**
 * How long to wait (`seconds`, as a 429's Retry-After gives it), as a citizen would say it: whole
 * minutes, rounded up, under an hour and a half (`waitMinutes`); whole hours beyond, as after a day's
 * limit (`waitHours`: 21 hours, not 1,273 minutes).
 */
export function waitText(t: { waitMinutes: string; waitHours: string }, seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes <= 90 ? format(t.waitMinutes, { n: minutes }) : format(t.waitHours, { n: Math.ceil(seconds / 3600) });
}
