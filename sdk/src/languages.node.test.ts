import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, pickLocale } from './languages';

describe('pickLocale: which of our languages a tag means', () => {
  it.each([
    ['zh-TW', 'zh-TW'], ['zh-HK', 'zh-TW'], ['zh-MO', 'zh-TW'], ['zh-Hant', 'zh-TW'], ['zh-Hant-CN', 'zh-TW'], ['zh_tw', 'zh-TW'],
    ['zh', 'zh-CN'], ['zh-CN', 'zh-CN'], ['zh-SG', 'zh-CN'], ['zh-Hans', 'zh-CN'], ['zh-Hans-HK', 'zh-CN'], ['ZH-cn', 'zh-CN'],
    ['en', 'en'], ['en-GB', 'en'], ['EN-us', 'en'],
    ['fr', 'zh-CN'], ['', 'zh-CN'], [null, 'zh-CN'], [undefined, 'zh-CN'], ['english', 'zh-CN'],
  ] as const)('%s → %s', (tag, locale) => {
    expect(pickLocale(tag)).toBe(locale);
  });
});

describe('localeFromAcceptLanguage: the language a browser prefers', () => {
  it.each([
    ['zh-TW,zh;q=0.9,en;q=0.8', 'zh-TW'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, en;q=0.5', 'en'],
    ['zh-TW;q=0.4, zh-CN;q=0.9', 'zh-CN'],
    ['en;q=0, zh-HK', 'zh-TW'],
    ['fr, de', 'zh-CN'],
    ['*', 'zh-CN'],
    ['', 'zh-CN'],
  ] as const)('%s → %s', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });
});
