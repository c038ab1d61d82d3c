import { describe, expect, it } from 'vitest';
import { CHARACTER, GAP, searchMatch, searchTerms, searchText } from './search-text';

/** The bigram tokens stored for a text, with `|` for the gap between runs. */
const tokensOf = (title: string, body = '') => searchText(title, body).split(' ').filter((t) => t && !t.startsWith(CHARACTER)).map((t) => (t === GAP ? '|' : t));
/** The characters stored after the bigrams, without their mark. */
const charactersOf = (title: string, body = '') => searchText(title, body).split(' ').filter((t) => t.startsWith(CHARACTER)).map((t) => t.slice(1));
/** The query for one character. */
const character = (ch: string) => `"${CHARACTER}${ch}"`;
const phrase = (...tokens: string[]) => `"${tokens.map((t) => (t === '|' ? GAP : t)).join(' ')}"`;

describe('searchText: what the index stores', () => {
  it('turns a run of Han characters into overlapping bigrams', () => {
    expect(tokensOf('路灯坏了')).toEqual(['路灯', '灯坏', '坏了']);
    expect(tokensOf('县城的路灯坏了很久没人修')).toEqual(['县城', '城的', '的路', '路灯', '灯坏', '坏了', '了很', '很久', '久没', '没人', '人修']);
  });

  it('indexes title then body, with a gap between the two', () => {
    expect(tokensOf('路灯不亮', '坏了')).toEqual(['路灯', '灯不', '不亮', '|', '坏了']);
  });

  it('keeps a run of one character as that character', () => {
    expect(tokensOf('路')).toEqual(['路']);
    expect(tokensOf('A栋 B座')).toEqual(['a栋', '|', 'b座']);
    expect(tokensOf('2.3.1')).toEqual(['2', '|', '3', '|', '1']);
  });

  it('treats letters and digits of any script as one run, so a number next to a word is found', () => {
    expect(tokensOf('建议3路公交')).toEqual(['建议', '议3', '3路', '路公', '公交']);
    expect(tokensOf('13号楼')).toEqual(['13', '3号', '号楼']);
    expect(tokensOf('WiFi信号差')).toEqual(['wi', 'if', 'fi', 'i信', '信号', '号差']);
  });

  it('puts a gap at punctuation and spaces, so no phrase crosses them', () => {
    expect(tokensOf('路灯，坏了！', '（没人修）…')).toEqual(['路灯', '|', '坏了', '|', '没人', '人修']);
    expect(tokensOf('“”《》、。？', '—— !!!')).toEqual([]);
  });

  it('stores the match form: full width, compatibility characters and case do not matter', () => {
    expect(searchText('建议３路公交', 'ＡＢＣＤＥＦ')).toBe(searchText('建议3路公交', 'abcdef'));
    expect(tokensOf('①号')).toEqual(['1号']);
    expect(tokensOf('ﬁx')).toEqual(['fi', 'ix']);
  });

  it('counts characters, not UTF-16 units, outside the basic plane', () => {
    expect(tokensOf('𠮷野家')).toEqual(['𠮷野', '野家']);
    expect(charactersOf('𠮷野家')).toEqual(['𠮷', '野', '家']);
  });

  it('stores each letter and digit of title and body once, in match form, after the bigrams', () => {
    const c = CHARACTER;
    expect(searchText('路灯坏了', '灯不亮')).toBe(`路灯 灯坏 坏了 ${GAP} 灯不 不亮 ${c}路 ${c}灯 ${c}坏 ${c}了 ${c}不 ${c}亮`);
    expect(charactersOf('３路ＡＢ', 'ab，B!')).toEqual(['3', '路', 'a', 'b']);
    expect(charactersOf('Café')).toEqual(charactersOf('Cafe\u0301'));
    expect(searchText('“”《》、。？', '—— !!!')).toBe('');
  });
});

describe('searchTerms and searchMatch: what a reader typed', () => {
  it('splits the query at white space into terms, at most five', () => {
    expect(searchTerms('  路灯   学校 ')).toEqual(['路灯', '学校']);
    expect(searchTerms('路灯\u3000学校')).toEqual(['路灯', '学校']);
    expect(searchTerms('a b c d e f g')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(searchTerms('   ')).toEqual([]);
    expect(searchTerms('% 。 路灯！')).toEqual(['路灯']);
    // Words parted by the marks written between words are words, as with a space; other marks keep a term whole.
    expect(searchTerms('路燈，學校')).toEqual(['路燈', '學校']);
    expect(searchTerms('路灯,学校;噪音、拥堵。粉尘！')).toEqual(['路灯', '学校', '噪音', '拥堵', '粉尘']);
    expect(searchTerms('3-5号 2.3.1 10:30')).toEqual(['3-5号', '2.3.1', '10:30']);
  });

  it('finds each term of two or more characters as the phrase of its bigrams', () => {
    expect(searchMatch(['路灯'])).toBe(phrase('路灯'));
    expect(searchMatch(['路灯坏了'])).toBe(phrase('路灯', '灯坏', '坏了'));
    expect(searchMatch(['路灯', '学校'])).toBe(`${phrase('路灯')} AND ${phrase('学校')}`);
    expect(searchMatch(['3号'])).toBe(phrase('3号'));
    expect(searchMatch(['WiFi'])).toBe(phrase('wi', 'if', 'fi'));
  });

  it('reads a query in match form, as the index stores text', () => {
    expect(searchMatch(['３路'])).toBe(searchMatch(['3路']));
    expect(searchMatch(['ＡＢＣＤＥＦ'])).toBe(searchMatch(['abcdef']));
  });

  it('keeps the runs of a term in order with gaps, and looks up single characters at its ends on their own', () => {
    expect(searchMatch(['“路灯”'])).toBe(phrase('路灯'));
    expect(searchMatch(['路灯，坏了'])).toBe(phrase('路灯', '|', '坏了'));
    expect(searchMatch(['3-5号'])).toBe(`${phrase('5号')} AND ${character('3')}`);
    expect(searchMatch(['路灯-a-坏了'])).toBe(phrase('路灯', '|', 'a', '|', '坏了'));
  });

  it('looks up a single character by its own token, in match form', () => {
    expect(searchMatch(['灯'])).toBe(character('灯'));
    expect(searchMatch(['。灯！'])).toBe(character('灯'));
    expect(searchMatch(['３'])).toBe(character('3'));
    expect(searchMatch(['Ａ'])).toBe(character('a'));
    expect(searchMatch(['2.3.1'])).toBe(['2', '3', '1'].map(character).join(' AND '));
    expect(searchMatch(['路灯', '修'])).toBe(`${phrase('路灯')} AND ${character('修')}`);
    expect(searchMatch(['灯', '灯'])).toBe(character('灯'));
  });

  it('looks up at most five single characters in one search', () => {
    expect(searchMatch(['a-b-c-d-e-f-g'])).toBe(['a', 'b', 'c', 'd', 'e'].map(character).join(' AND '));
  });

  it('cannot be used to write FTS5 syntax: only letters, digits and gaps reach the index query', () => {
    expect(searchMatch(searchTerms('"路灯" OR text:*'))).toBe(`${phrase('路灯')} AND ${phrase('or')} AND ${phrase('te', 'ex', 'xt')}`);
    expect(searchMatch(searchTerms('NEAR(路灯 坏了)'))).toBe(`${phrase('ne', 'ea', 'ar', '|', '路灯')} AND ${phrase('坏了')}`);
  });

  it('finds a term typed in Traditional characters as typed or in Simplified characters', () => {
    expect(searchMatch(['路燈'])).toBe(`(${phrase('路燈')}) OR (${phrase('路灯')})`);
    expect(searchMatch(['路燈', '學校'])).toBe(`((${phrase('路燈')}) OR (${phrase('路灯')})) AND ((${phrase('學校')}) OR (${phrase('学校')}))`);
    expect(searchMatch(['燈'])).toBe(`(${character('燈')}) OR (${character('灯')})`);
    expect(searchMatch(['路灯', '壞'])).toBe(`${phrase('路灯')} AND ((${character('壞')}) OR (${character('坏')}))`);
    // Simplified text is searched as it is.
    expect(searchMatch(['路灯坏了'])).toBe(phrase('路灯', '灯坏', '坏了'));
    // 么 as it is, and as entries written before migration 0040 hold it (幺) until their rebuild.
    expect(searchMatch(['怎么办'])).toBe(`(${phrase('怎么', '么办')}) OR (${phrase('怎幺', '幺办')})`);
    expect(searchMatch(['怎麼辦'])).toBe(`(${phrase('怎麼', '麼辦')}) OR (${phrase('怎么', '么办')}) OR (${phrase('怎幺', '幺办')})`);
  });

  it('indexes a text in Simplified characters, whichever form it was written in (Taiwan’s and Hong Kong’s too)', () => {
    expect(searchText('縣城的路燈壞了', '臺灣同胞反映')).toBe(searchText('县城的路灯坏了', '台湾同胞反映'));
    expect(searchText('裏', '')).toBe(searchText('里', ''));
    // A Taiwan variant that is a Simplified character too stays itself: 怎么 is not 怎幺, and 麼 is 么.
    expect(searchText('怎么', '')).toBe(`怎么 ${CHARACTER}怎 ${CHARACTER}么`);
    expect(searchText('怎麼', '')).toBe(searchText('怎么', ''));
    // Simplified text, letters and digits are indexed as they are.
    expect(searchText('3路公交WiFi', '')).toBe(`3路 路公 公交 交w wi if fi ${['3', '路', '公', '交', 'w', 'i', 'f'].map((ch) => CHARACTER + ch).join(' ')}`);
  });

  it('is null when nothing searchable is left', () => {
    expect(searchMatch([])).toBeNull();
    expect(searchMatch(['，。！？'])).toBeNull();
  });
});
