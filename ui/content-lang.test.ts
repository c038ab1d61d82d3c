import { describe, expect, it } from 'vitest';
import type { TemplateResult } from 'lit';
import { formatWritten, written } from './content-lang';

/** A template as the markup it renders (text and attributes here are never escaped: the test's own). */
function markup(value: unknown): string {
  if (Array.isArray(value)) return value.map(markup).join('');
  if (typeof value === 'object' && value !== null && 'strings' in value) {
    const { strings, values } = value as TemplateResult;
    return strings.reduce((all, piece, i) => all + piece + (i < values.length ? markup(values[i]) : ''), '');
  }
  return String(value);
}

describe('written text in an element’s sentences', () => {
  it('marks Chinese text lang="zh" on an English element, and nothing on a Chinese one', () => {
    expect(markup(written('县长', 'en'))).toBe('<span lang="zh">县长</span>');
    expect(written('县长', 'zh-CN')).toBe('县长');
    expect(written('J. Smith', 'en')).toBe('J. Smith');
  });

  it('marks only the written text inside a sentence, not the sentence', () => {
    expect(markup(formatWritten('To: {name}', { name: '县长' }, 'en'))).toBe('To: <span lang="zh">县长</span>');
    expect(markup(formatWritten('Ends {date}: {title}', { date: '2026/12/20', title: '建言十四五' }, 'en')))
      .toBe('Ends 2026/12/20: <span lang="zh">建言十四五</span>');
  });

  it('is the plain sentence where nothing needs marking', () => {
    expect(formatWritten('直接写给{name}', { name: '县长' }, 'zh-CN')).toBe('直接写给县长');
    expect(formatWritten('To: {name}', { name: 'Transport Bureau' }, 'en')).toBe('To: Transport Bureau');
  });
});
