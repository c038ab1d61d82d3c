// The word lists and the link and phone checks against the ways people write round them: every
// form below is one the check must see through, and the ordinary texts after them must pass.
import { describe, expect, it } from 'vitest';
import { fieldsWithBannedWords, holdReasonsOf, wordRules } from './word-rules';

const rules = wordRules({ banned: ['法轮功', 'fuck'], hold: ['代开发票'], holdLinks: true, holdPhones: true });
const banned = (text: string) => fieldsWithBannedWords(rules, { body: text }).length > 0;
const held = (body: string) => holdReasonsOf(rules, [body]);

describe('banned words', () => {
  it.each([
    '法轮功', '法 轮-功', '法.轮.功', '法\u200B轮\u200B功', '法\u034F轮\u034F功', '法\uFE0F轮\uFE0F功', '法\u{E0100}轮功',
    '法\u3164轮功', '法\uFFA0轮功', '法\u00AD轮功', '法\u2060轮功', 'ＦＵＣＫ', 'fu\u0301ck', 'fúck', 'f\u0308u\u0308ck', 'F.U.C.K',
  ])('are found in %j', (text) => {
    expect(banned(`有人说${text}的事`)).toBe(true);
  });

  it('are found written in Traditional characters, and a word listed in them finds its Simplified form', () => {
    // Taiwan's and Hong Kong's forms too (臺 and 台, 裡 and 裏 are one character each way).
    expect(banned('有人说法輪功的事')).toBe(true);
    expect(banned('有人说法 輪．功的事')).toBe(true);
    const traditional = wordRules({ banned: ['賭博', '臺灣獨立'], hold: ['代開發票'], holdLinks: false, holdPhones: false });
    expect(fieldsWithBannedWords(traditional, { title: '小区里有人赌博', body: '台湾独立', region: '示范县' })).toEqual(['title', 'body']);
    expect(holdReasonsOf(traditional, ['代开发票，联系我'])).toEqual(['word']);
    expect(holdReasonsOf(rules, ['代開發票'])).toEqual(['word']);
    // Ordinary text in Traditional characters holds nothing listed.
    expect(banned('城關鎮的路燈壞了很久，晚上出行很不方便。')).toBe(false);
  });

  it('are refused inside a sentence; read only across a sentence’s end, the text waits for a moderator', () => {
    const gambling = wordRules({ banned: ['赌博'], hold: [], holdLinks: false, holdPhones: false });
    for (const text of ['今天去赌。博物馆门口车辆乱停', '谁在赌？博物馆说不知道', '最后一个字是赌\n博物馆在对面', '法。轮。功']) {
      const r = text.startsWith('法') ? rules : gambling;
      expect(fieldsWithBannedWords(r, { body: text }), text).toEqual([]);
      expect(holdReasonsOf(r, [text]), text).toEqual(['banned_split']);
    }
    expect(fieldsWithBannedWords(gambling, { body: '小区里有人赌，博，彩票站也在' })).toEqual(['body']);
    expect(holdReasonsOf(gambling, ['小区里有人赌博。'])).toEqual([]);
  });

  it('read look-alikes in a mixed word in each script, however few letters are in the word’s own, and leave a word of one script alone', () => {
    const casino = wordRules({ banned: ['casino', 'казино'], hold: [], holdLinks: false, holdPhones: false });
    // Cyrillic а, Greek ο, Cyrillic с and capital С, spaced out, a capital Greek Α; then mostly
    // look-alikes: саѕіnо (five Cyrillic letters and a Latin n), саsіnо (four), ϲαsinο (Greek ϲ α ο);
    // and Latin small capitals, ᴄᴀsɪɴᴏ.
    for (const text of ['c\u0430sino', 'casin\u03BF', '\u0441asino', '\u0421ASINO', 'c \u0430 s i n o', '\u0421\u0391SINO',
      '\u0441\u0430\u0455\u0456n\u043E', '\u0441\u0430s\u0456n\u043E', '\u03F2\u03B1sin\u03BF', '\u1D04\u1D00s\u026A\u0274\u1D0F']) {
      expect(fieldsWithBannedWords(casino, { body: `有人开${text}网站` }), text).toEqual(['body']);
    }
    expect(banned('有人说fu\u0441k')).toBe(true);
    // Digits inside a Latin word read as the letters they are drawn as (1 as i and as l); numbers and
    // Chinese beside digits are not read as letters.
    for (const text of ['casin0', 'c4sino', 'CA5IN0', 'ca51no']) expect(fieldsWithBannedWords(casino, { body: `有人开${text}网站` }), text).toEqual(['body']);
    const spam = wordRules({ banned: ['lol', 'sb'], hold: [], holdLinks: false, holdPhones: false });
    expect(fieldsWithBannedWords(spam, { body: '房间号101，5楼，3路公交，2026年' })).toEqual([]);
    expect(fieldsWithBannedWords(spam, { body: 'l0l' })).toEqual(['body']);
    // A Cyrillic word with Latin look-alikes is read in Cyrillic: the list's казино finds кaзино and кaзинo.
    for (const text of ['\u043Aa\u0437\u0438\u043D\u043E', '\u043Aa\u0437\u0438\u043Do']) {
      expect(fieldsWithBannedWords(casino, { body: `это ${text} закрыто` }), text).toEqual(['body']);
    }
    // A word wholly in Cyrillic is Cyrillic: the list's казино finds it, and casino is not read into it.
    expect(fieldsWithBannedWords(casino, { body: 'новое казино' })).toEqual(['body']);
    expect(fieldsWithBannedWords(wordRules({ banned: ['kopoc'], hold: [], holdLinks: false, holdPhones: false }), { body: 'сорок' })).toEqual([]);
  });

  it('leave ordinary text and other scripts’ marks alone', () => {
    expect(banned('法律服务中心的轮值功能很好')).toBe(false);
    expect(banned('fun luck')).toBe(false);
    // A Devanagari vowel sign is part of its word: कित is not कत.
    expect(fieldsWithBannedWords(wordRules({ banned: ['कत'], hold: [], holdLinks: false, holdPhones: false }), { body: 'कित' })).toEqual([]);
  });
});

describe('links in the body', () => {
  it.each([
    'www.example.com', 'ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ', 'https://a.example/x', 'example.com', 'example\u200B.com', 'example。com',
    'example . com', 'example｡com', 'bit.ly/abc123', 'spam.ru/abc', 't.me/spam', '192.168.1.1:8080/x', '10.0.0.1/login',
    'example. com', 'www. Example. Com',
  ])('are held: %j', (link) => {
    expect(held(`详情请看 ${link} 上的照片，希望尽快解决。`)).toEqual(['link']);
  });

  it.each([
    '3路公交车晚点了3.5小时，评分3.5/10。', '路灯坏了。Com在哪里我不知道', '版本1.2.3已经发布', '电费涨到0.56元/度',
    // English prose: a sentence ending, then a word that is also a domain's ending.
    'The streetlight is broken. Me and my neighbours walk in the dark.', 'Please help. Co-workers and I are owed wages.',
    'It is not cool. IO is what my son studies.', 'We asked the office. TV news came too.', 'please help. co-workers and i are owed wages.',
  ])('are not seen in %j', (text) => {
    expect(held(text)).toEqual([]);
  });

  it('are held in the title and the region too, as links are: all three are public', () => {
    expect(holdReasonsOf(rules, ['联系13800138000', '路灯坏了很久。', '城关镇'])).toEqual(['phone']);
    expect(holdReasonsOf(rules, ['路灯坏了', '路灯坏了很久。', '城关镇13800138000'])).toEqual(['phone']);
    expect(holdReasonsOf(rules, ['看 www.example.com', '路灯坏了很久。', '城关镇'])).toEqual(['link']);
    expect(holdReasonsOf(rules, ['3路公交车', '路灯坏了很久。', '城关镇幸福村12号'])).toEqual([]);
  });
});

describe('phone numbers in the body', () => {
  it.each([
    '13800138000', '138 0013 8000', '138-0013-8000', '138\u200B0013\u200B8000', '138/0013/8000', '138·0013·8000',
    '138,0013,8000', '(138)0013-8000', '（138）0013 8000', '+86 138 0013 8000', '１３８００１３８０００', '0371-1234 5678', '400-123-4567',
    '138~0013~8000', '138～0013～8000', '一三八零零一三八零零零', '幺三八〇〇幺三八〇〇〇', '壹叁捌零零壹叁捌零零零', '壹參捌零零壹參捌零零零', '138 零零一三 8000',
  ])('are held: %j', (phone) => {
    expect(held(`请打我电话 ${phone} 了解情况。`)).toEqual(['phone']);
  });

  it.each([
    '2026年12月1日已经第三次迟到，车牌号码是12345。', '身份证号110101199003071234的事', '订单号 123456789012345', '7点30分',
    '一五一十地说清楚，三三两两的人在二〇二六年十一月三十日聚在路口', '一二三四五六七八九十',
  ])('are not seen in %j', (text) => {
    expect(held(text)).toEqual([]);
  });
});

// A number typed with letters that look like its digits, to get past the check (Latin O, l and I,
// Cyrillic З and О, Greek Ο), held as the digits are; words of those letters are words.
describe('phone numbers written with look-alike letters', () => {
  it.each([
    'l38OO138OOO', '1З8ОО138ООО', 'I38 OO13 8OOO', '138-oo13-8ooo', 'l38ΟΟl38ΟΟΟ', '１３８ＯＯ１３８ＯＯＯ', '一三八OO一三八OOO', '+86 l38 OOl3 8OOO', '电话l38OO138OOO了解',
    // One letter at a time between the digits.
    'l 3 8 O O l 3 8 O O O', 'l-3-8-0-0-l-3-8-0-0-0', '加v：l 3 8 O O l 3 8 O O O', 'O 3 7 l - 6 O O l 2 3 4',
  ])('are held: %j', (phone) => {
    expect(held(`请打我电话 ${phone} 了解情况。`)).toEqual(['phone']);
  });

  it('are held in the title and the region, as the body', () => {
    expect(holdReasonsOf(rules, ['联系l38OO138OOO', '路灯坏了很久。', '城关镇'])).toEqual(['phone']);
    expect(holdReasonsOf(rules, ['路灯坏了', '路灯坏了很久。', '城关镇1З8ОО138ООО'])).toEqual(['phone']);
  });

  it.each([
    'HOTEL BOOK COOL LOL IOI', 'room 101 in the Hotel Lido', '我住在幸福村12号，门牌l2号旁边', 'iPhone 15 Pro Max 和 i7-13700K 的电脑',
    'Model L100 与 RTX4090 显卡', '2O26年11月3O日', 'OIL 2026 COOL 1000', 'Looooool，1000000 次', 'ISO 9001 与 GB/T 50011-2010',
    'I 38 people waited, O 2 buses came', 'Room I 101, floor O 2, gate l 3',
  ])('are not seen in %j', (text) => {
    expect(held(text)).toEqual([]);
  });
});
