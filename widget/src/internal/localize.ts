import { pickLocale, type Locale } from '../../../sdk/src/error-messages';
import { zhCN, type Translation } from '../translations/zh-cn';

const loaded: Partial<Record<Locale, Translation>> = { 'zh-CN': zhCN };

/** The element's language: its own `lang`, else the nearest ancestor's, else the page's. Chinese by default. */
export function localeOf(element: HTMLElement): Locale {
  const tagged = element.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
  return pickLocale(tagged);
}

/** Chinese is bundled; English is fetched only by pages that show it. */
export async function loadTranslation(locale: Locale): Promise<Translation> {
  return (loaded[locale] ??= locale === 'en' ? (await import('../translations/en')).en : zhCN);
}

export function translationFor(locale: Locale): Translation {
  return loaded[locale] ?? zhCN;
}

/** `format('直接写给{name}', { name: '县长' })` → `直接写给县长`. */
export function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));
}

/** A date-time from the API (`2026-12-03T23:59:59+08:00`) as the reader expects it, in China time. */
export function formatDateTime(locale: Locale, iso: string, withTime = true): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric', month: '2-digit', day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
  }).format(new Date(iso));
}
