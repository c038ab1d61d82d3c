import { html, nothing, type TemplateResult } from 'lit';
import { writtenLang, type Locale } from '../sdk/src/languages';
import { format } from './localize';

/**
 * `text` written by a citizen, an official or the site, as it goes into an element's template: in
 * `<span lang="zh">` where `writtenLang` marks it (Chinese text on an English element), else as it is.
 */
export function written(text: string, locale: Locale): string | TemplateResult {
  return writtenLang(text, locale) ? html`<span lang="zh">${text}</span>` : text;
}

/** The `lang` attribute of an element holding only written text (an `<option>`, which holds no markup): 'zh' where `written` would mark it. */
export function writtenLangAttr(text: string, locale: Locale): 'zh' | typeof nothing {
  return writtenLang(text, locale) ?? nothing;
}

/**
 * One of the element's sentences with written text in it (`To: {name}` with a unit's name), each
 * `{key}` filled as `written` marks it: `formatWritten('To: {name}', { name: '县长' }, 'en')` →
 * `To: <span lang="zh">县长</span>`. The plain string of `format` where nothing needs marking. For
 * sentences whose placeholders are all `{key}` (no plural forms: those take numbers, never text).
 */
export function formatWritten(template: string, params: Record<string, string>, locale: Locale): string | TemplateResult {
  if (!Object.values(params).some((text) => writtenLang(text, locale))) return format(template, params);
  // split() with a capturing group: the sentence's pieces at even indices, the keys between them at odd.
  return html`${template.split(/\{(\w+)\}/).map((piece, i) => (i % 2 === 1 ? written(params[piece] ?? '', locale) : piece))}`;
}
