import { pickLocale, type Locale } from '../sdk/src/error-messages';

/** The element's language: its own `lang`, else the nearest ancestor's, else the page's. Chinese by default. */
export function localeOf(element: HTMLElement): Locale {
  const tagged = element.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
  return pickLocale(tagged);
}

/**
 * An element's strings: Chinese in its bundle, English fetched the first time a page shows it,
 * so a Chinese page never downloads English.
 */
export class Localized<T> {
  private en: T | undefined;

  constructor(
    private readonly zhCN: T,
    private readonly loadEn: () => Promise<T>,
  ) {}

  async load(locale: Locale): Promise<T> {
    return locale === 'en' ? (this.en ??= await this.loadEn()) : this.zhCN;
  }

  /** The strings for `locale` if loaded (the element waits for `load` before it renders). */
  get(locale: Locale): T {
    return locale === 'en' ? (this.en ?? this.zhCN) : this.zhCN;
  }
}

/** `format('直接写给{name}', { name: '县长' })` → `直接写给县长`. */
export function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));
}

/**
 * The instant to name as a drive's last day. A drive's `endsAt` is exclusive (the midnight after its
 * last day, site time), so the day to show is that of the millisecond before it: a drive ending at
 * `2026-12-21T00:00:00+08:00` runs to 2026/12/20. Returns an ISO string.
 */
export function lastInstantOf(endsAt: string): string {
  return new Date(Date.parse(endsAt) - 1).toISOString();
}

/** A date-time from the API (`2026-12-03T23:59:59+08:00`) as the reader expects it, in China time. */
export function formatDateTime(locale: Locale, iso: string, withTime = true): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric', month: '2-digit', day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
  }).format(new Date(iso));
}
