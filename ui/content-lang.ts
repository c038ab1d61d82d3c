import { html, type TemplateResult } from 'lit';
import { writtenLang, type Locale } from '../sdk/src/languages';

/**
 * `text` written by a citizen, an official or the site, as it goes into an element's template: in
 * `<span lang="zh">` where `writtenLang` marks it (Chinese text on an English element), else as it is.
 */
export function written(text: string, locale: Locale): string | TemplateResult {
  return writtenLang(text, locale) ? html`<span lang="zh">${text}</span>` : text;
}
