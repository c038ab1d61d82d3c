import { describe, expect, it } from 'vitest';
import { fieldErrorMessage, inSentence } from './error-messages';
import { publicFieldMessages } from './locales';
import { LANGUAGES } from './languages';

describe('fieldErrorMessage: what a citizen reads for a field error', () => {
  it('names the rating a citizen left out as a rating, in every language', () => {
    expect(['overall', 'resolution', 'attitude', 'speed'].map((field) => fieldErrorMessage(publicFieldMessages.en, field, 'required'))).toEqual([
      'Please choose the overall rating', 'Please choose the problem-solved rating', 'Please choose the attitude rating', 'Please choose the speed rating',
    ]);
    expect(fieldErrorMessage(publicFieldMessages['zh-CN'], 'resolution', 'required')).toBe('请选择解决程度');
  });

  it('states the limit it was given', () => {
    expect(fieldErrorMessage(publicFieldMessages['zh-CN'], 'title', 'too_short', { min: 5 })).toBe('标题至少需要5个字');
    expect(fieldErrorMessage(publicFieldMessages.en, 'photos', 'too_many', { max: 3 })).toBe('The photos may hold at most 3 entries');
  });

  // An answer without its numbers (another server, an older one) must not read "至少需要undefined个字".
  it.each(LANGUAGES.map((l) => l.tag))('%s: a sentence whose number is missing reads as not valid, never "undefined"', (locale) => {
    const messages = publicFieldMessages[locale];
    for (const code of ['too_long', 'too_short', 'below_minimum', 'above_maximum', 'photo_too_large', 'thumbnail_too_large', 'too_many'] as const) {
      for (const params of [{}, { min: undefined, max: undefined }, { max: Number.NaN, min: Number.NaN }]) {
        const sentence = fieldErrorMessage(messages, 'title', code, params);
        expect(sentence, code).not.toMatch(/undefined|NaN/);
        expect(sentence, code).toBe(fieldErrorMessage(messages, 'title', 'invalid'));
      }
    }
  });
});

describe('inSentence: a form’s label inside an error sentence', () => {
  it('puts a label written as a heading in lower case, and keeps acronyms, coined names and services’ names', () => {
    expect(['Service address', 'E-mail', 'Key ID', 'SMS sign name', 'AccessKey Secret', 'Turnstile site key', '接口地址', ''].map(inSentence))
      .toEqual(['service address', 'e-mail', 'key ID', 'SMS sign name', 'AccessKey Secret', 'Turnstile site key', '接口地址', '']);
  });

  it('leaves out a remark in brackets at the label’s end, in either script, but never the whole label', () => {
    expect(['Key ID (AccessKey ID)', 'Secret (shared, signs each request)', 'Deadlines (working days)', 'SMS code (6 digits)', '电子邮箱（选填）', '转办理由（公开）', 'Pre-moderation (public only once published) here', '(optional)'].map(inSentence))
      .toEqual(['key ID', 'secret', 'deadlines', 'SMS code', '电子邮箱', '转办理由', 'pre-moderation (public only once published) here', '(optional)']);
  });
});
