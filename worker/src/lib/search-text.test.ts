import { describe, expect, it } from 'vitest';
import { searchMatch, searchTerms, searchText } from './search-text';

/** The tokens stored for a text (title and body are joined by a space). */
const tokensOf = (title: string, body = '') => searchText(title, body).split(' ').filter(Boolean);

describe('searchText: what the index stores', () => {
  it('turns a run of Han characters into overlapping bigrams', () => {
    expect(tokensOf('路灯坏了')).toEqual(['路灯', '灯坏', '坏了']);
    expect(tokensOf('县城的路灯坏了很久没人修')).toEqual(['县城', '城的', '的路', '路灯', '灯坏', '坏了', '了很', '很久', '久没', '没人', '人修']);
  });

  it('indexes title then body, without a bigram across the two', () => {
    expect(searchText('路灯不亮', '坏了')).toBe('路灯 灯不 不亮 坏了');
    expect(tokensOf('路灯', '坏了')).not.toContain('灯坏');
  });

  it('keeps a run of one Han character as that character', () => {
    expect(tokensOf('第3号楼')).toEqual(['第', '3', '号楼']);
    expect(tokensOf('路')).toEqual(['路']);
  });

  it('keeps Latin and digit runs as whole lower-case words', () => {
    expect(tokensOf('WiFi 信号差', 'APP版本2.3.1')).toEqual(['wifi', '信号', '号差', 'app', '版本', '2', '3', '1']);
    expect(tokensOf('5G基站')).toEqual(['5g', '基站']);
  });

  it('splits mixed text where the script changes: Han characters never join a Latin word', () => {
    expect(tokensOf('abc路灯')).toEqual(['abc', '路灯']);
    expect(tokensOf('路灯abc')).toEqual(['路灯', 'abc']);
    expect(tokensOf('3号楼')).toEqual(['3', '号楼']);
    expect(tokensOf('A栋B座')).toEqual(['a', '栋', 'b', '座']);
  });

  it('drops punctuation and spaces, which break a Han run (no bigram across them)', () => {
    expect(tokensOf('路灯，坏了！', '（没人修）…')).toEqual(['路灯', '坏了', '没人', '人修']);
    expect(tokensOf('路灯 坏了')).not.toContain('灯坏');
    expect(tokensOf('“”《》、。？', '—— !!!')).toEqual([]);
  });

  it('counts characters, not UTF-16 units, for Han outside the basic plane', () => {
    expect(tokensOf('𠮷野家')).toEqual(['𠮷野', '野家']);
  });
});

describe('searchTerms and searchMatch: what a reader typed', () => {
  it('splits the query at spaces into terms, at most five', () => {
    expect(searchTerms('  路灯   学校 ')).toEqual(['路灯', '学校']);
    expect(searchTerms('a b c d e f g')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(searchTerms('   ')).toEqual([]);
    expect(searchTerms('"路灯" 坏了！ NEAR(路灯')).toEqual(['路灯', '坏了', 'NEAR(路灯']);
    expect(searchTerms('% _')).toEqual(['%', '_']);
  });

  it('narrows by the phrase of the bigrams of each Han run of 2 and more characters', () => {
    expect(searchMatch(['路灯'])).toBe('"路灯"');
    expect(searchMatch(['路灯坏'])).toBe('"路灯 灯坏"');
    expect(searchMatch(['路灯坏了'])).toBe('"路灯 灯坏 坏了"');
    expect(searchMatch(['路灯', '学校'])).toBe('"路灯" AND "学校"');
  });

  it('leaves digits, Latin and single characters to the check on whole terms', () => {
    expect(searchMatch(['3号楼'])).toBe('"号楼"');
    expect(searchMatch(['abc路灯'])).toBe('"路灯"');
    expect(searchMatch(['3号'])).toBeNull();
    expect(searchMatch(['WiFi'])).toBeNull();
    expect(searchMatch(['灯'])).toBeNull();
    expect(searchMatch(['。灯！'])).toBeNull();
  });

  it('cannot be used to write FTS5 syntax: only Han bigrams reach the index query', () => {
    expect(searchMatch(searchTerms('"路灯" OR text:*'))).toBe('"路灯"');
    expect(searchMatch(searchTerms('NEAR(路灯 坏了)'))).toBe('"路灯" AND "坏了"');
  });

  it('is null when nothing searchable is left', () => {
    expect(searchMatch([])).toBeNull();
    expect(searchMatch(['，。！？'])).toBeNull();
  });
});
