// A site's word lists and the message shapes held for a moderator (issue 17). Words and text are
// compared in one form, the search's (`matchForm`: full-width forms, case, compatibility characters)
// in Simplified characters, with everything but letters and digits taken out, so a word cannot be
// slipped past with spaces, punctuation or invisible characters put between its characters, accents
// put on them, or its Traditional form: 法 轮-功, 法.轮.功, 法\u034F轮功, 法輪功, ＦＡＬＵＮ and fálun are
// 法轮功 and falun, and a list naming 賭博 finds 赌博. Inside a word that mixes Latin, Cyrillic and Greek
// letters, the look-alikes are read in each of those scripts in turn and the word is found in any of
// the readings (cаsino and саѕіnо, with one or five Cyrillic letters, are casino; кaзино with Latin a is
// казино: `wordForms`); a word wholly in one script is left as it is; Latin small capitals (ᴄᴀsɪɴᴏ) are
// the letters they are, and so are digits inside a Latin word (casin0); a phone number's few
// look-alikes of digits are folded too (`lookAlikesAsDigits`). Matching is a substring test in memory
// over bounded lists (WORD_LIST_MAX words of WORD_MAX characters against at most a message's length,
// in at most nine readings), so no list, however full, changes what a query sends to D1.

import { matchForm } from '../../../sdk/src/text';
import { simplified } from '../lib/simplified';
import type { HoldReason } from '../../../sdk/src/schemas/protection';

/** Letters, digits and their combining marks, of any script: everything else is taken out. */
const WORD_CHARACTERS = /[\p{L}\p{N}\p{M}]+/gu;
/**
 * Accents put on Latin, Greek and Cyrillic letters (the combining diacritical marks and their
 * supplements): taken off, as the search's tokenizer does (FTS5 unicode61, remove_diacritics), so
 * fu\u0301ck is fuck. The marks other scripts write with (Devanagari's vowel signs …) are kept.
 */
const DIACRITICS = /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/gu;

/**
 * Latin small capitals (ᴀ ʙ ᴄ …, Unicode's "LATIN LETTER SMALL CAPITAL"), which compatibility folding
 * leaves as they are and which no Chinese or English text is written in: the letters they are drawn as.
 */
const SMALL_CAPITALS: Readonly<Record<string, string>> = {
  ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ꜰ: 'f', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l', ᴍ: 'm',
  ɴ: 'n', ᴏ: 'o', ᴘ: 'p', ꞯ: 'q', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
};
const SMALL_CAPITAL = new RegExp(`[${Object.keys(SMALL_CAPITALS).join('')}]`, 'gu');

/** `text` in match form (invisible characters taken out there) with Latin accents taken out and small capitals read as letters (the step before words and links). */
function foldedForm(text: string): string {
  return matchForm(text).normalize('NFD').replace(DIACRITICS, '').normalize('NFC').replace(SMALL_CAPITAL, (letter) => SMALL_CAPITALS[letter]!);
}

/**
 * Cyrillic and Greek letters (in lower case, as match form has them) whose small or capital form is
 * drawn as a Latin letter's, after Unicode's confusables (UTS #39, confusables.txt): а a, в (В) b, …
 * Letters only alike in some fonts (и, п, ь) are not listed.
 */
const LATIN_LOOK_ALIKES: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', і: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  ѕ: 's', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  // The lunate sigma ϲ is drawn as c; compatibility folding (match form) has made it ς.
  ς: 'c',
};
const LATIN_LOOK_ALIKE = new RegExp(`[${Object.keys(LATIN_LOOK_ALIKES).join('')}]`, 'gu');
/** The way back: a Latin letter as the Cyrillic or Greek letter it looks like (the first listed above, for h: н). */
const lookAlikesIn = (script: RegExp): Readonly<Record<string, string>> => Object.fromEntries(
  Object.entries(LATIN_LOOK_ALIKES).filter(([letter]) => script.test(letter)).reverse().map(([letter, latin]) => [latin, letter]),
);
const FROM_LATIN: Readonly<Record<'Cyrillic' | 'Greek', Readonly<Record<string, string>>>> = {
  Cyrillic: lookAlikesIn(/\p{sc=Cyrillic}/u), Greek: lookAlikesIn(/\p{sc=Greek}/u),
};
/** A word of Latin, Cyrillic and Greek letters (spaces and marks already taken out by `wordForm`). */
const ALPHABETIC_RUN = /[\p{sc=Latin}\p{sc=Cyrillic}\p{sc=Greek}]+/gu;
const SCRIPTS = { Latin: /\p{sc=Latin}/gu, Cyrillic: /\p{sc=Cyrillic}/gu, Greek: /\p{sc=Greek}/gu } as const;

type Script = keyof typeof SCRIPTS;
const READINGS = Object.keys(SCRIPTS) as Script[];

/** Whether a run of letters mixes Latin, Cyrillic and Greek, which no language writes but a word spelt to get past a list does. */
const mixesScripts = (run: string) => READINGS.filter((script) => run.match(SCRIPTS[script])).length > 1;

/** A run with each letter that looks like one of `script`'s written as that letter: саѕіnо in Latin is casino, кaзино in Cyrillic казино. */
function readIn(run: string, script: Script): string {
  const latin = run.replace(LATIN_LOOK_ALIKE, (letter) => LATIN_LOOK_ALIKES[letter]!);
  if (script === 'Latin') return latin;
  const back = FROM_LATIN[script];
  return latin.replace(/[a-z]/g, (letter) => back[letter] ?? letter);
}

/** The script most of a run's letters are in (Latin on a tie). */
const mainScript = (run: string): Script => READINGS
  .map((script) => [script, run.match(SCRIPTS[script])?.length ?? 0] as const)
  .reduce((best, next) => (next[1] > best[1] ? next : best))[0];

/** Letters and digits only, in Simplified characters, before any reading of look-alikes. */
function lettersOf(text: string): string {
  // In Simplified characters for words only: links and phone numbers (`holdReasonsOf`), read on every
  // message, hold none, so they are not folded.
  return [...simplified(foldedForm(text)).matchAll(WORD_CHARACTERS)].map(([run]) => run).join('');
}

/**
 * A list's word as it is compared: match form in Simplified characters, without invisible characters
 * or accents, letters and digits only, and a word mixing Latin, Cyrillic and Greek read in the script
 * most of it is in (法 轮-功 → 法轮功, 法輪功 → 法轮功, ＷｅＣｈａｔ → wechat, fu\u0301ck → fuck, cаsino → casino).
 */
export function wordForm(text: string): string {
  return lettersOf(text).replace(ALPHABETIC_RUN, (run) => (mixesScripts(run) ? readIn(run, mainScript(run)) : run));
}

/**
 * A text as its words are looked for: as `wordForm`, but a word mixing Latin, Cyrillic and Greek
 * letters read in each of the three scripts (one to three forms; one when no word mixes them). A list's
 * word found in any of them is in the text: саѕіnо (five Cyrillic letters and a Latin n) is casino,
 * кaзино (a Latin a) is казино. Read in its main script only, a word spelt mostly in look-alikes
 * passed. A word wholly in one script is left alone in every reading (сорок is not kopoc).
 */
function wordForms(text: string): string[] {
  const letters = lettersOf(text);
  // Most texts mix no scripts inside a word: one reading, read once.
  const mixed = [...letters.matchAll(ALPHABETIC_RUN)].some(([run]) => mixesScripts(run));
  const readings = mixed ? READINGS.map((script) => letters.replace(ALPHABETIC_RUN, (run) => (mixesScripts(run) ? readIn(run, script) : run))) : [letters];
  return [...new Set(readings.flatMap((form) => [form, ...digitsAsLetters(form)]))];
}

/**
 * Digits drawn as the Latin letters they stand for in a word spelt to get past a list (casin0, c4sino,
 * 5pam): 0 o, 3 e, 4 a, 5 s, 7 t, and 1 as i and as l (two readings). Only in a run of Latin letters
 * and digits that has both; numbers alone (2026, 12345) and Chinese beside digits (3路) are never read
 * as letters. Empty when the text has no such run.
 */
const LETTER_DIGITS: Readonly<Record<string, string>> = { 0: 'o', 3: 'e', 4: 'a', 5: 's', 7: 't' };
const LATIN_AND_DIGITS = /[\p{sc=Latin}0-9]+/gu;
const hasLetterAndDigit = (run: string) => /[0-9]/.test(run) && /\p{sc=Latin}/u.test(run);
function digitsAsLetters(form: string): string[] {
  if (![...form.matchAll(LATIN_AND_DIGITS)].some(([run]) => hasLetterAndDigit(run))) return [];
  return ['i', 'l'].map((one) => form.replace(LATIN_AND_DIGITS, (run) => (
    hasLetterAndDigit(run) ? run.replace(/[0-9]/g, (digit) => (digit === '1' ? one : LETTER_DIGITS[digit] ?? digit)) : run
  )));
}

/** A site's lists, each word already in word form (empty ones dropped). */
export interface WordRules {
  banned: string[];
  hold: string[];
  holdLinks: boolean;
  holdPhones: boolean;
}

/** The rules from the admin's lists as typed. */
export function wordRules(lists: { banned: string[]; hold: string[]; holdLinks: boolean; holdPhones: boolean }): WordRules {
  const form = (words: string[]) => [...new Set(words.map(wordForm).filter((w) => w.length > 0))];
  return { banned: form(lists.banned), hold: form(lists.hold), holdLinks: lists.holdLinks, holdPhones: lists.holdPhones };
}

const holdsAny = (text: string, words: string[]) => {
  const forms = wordForms(text);
  return words.some((word) => forms.some((form) => form.includes(word)));
};

/**
 * Where a sentence ends: 。！？ (full or half width), ；, a line break. A banned word is refused when
 * one sentence holds it; read across an end only (今天去赌。博物馆门口… is not 赌博), the text waits
 * for a moderator instead (`holdReasonsOf`: `word`), as one spelt with sentence ends between its
 * characters to get past the list would.
 */
const SENTENCE_END = /[。！？!?；;\n]+/u;

const holdsAnyInOneSentence = (text: string, words: string[]) => text.split(SENTENCE_END).some((sentence) => holdsAny(sentence, words));

/** The fields (by their API name) with a banned word inside one of their sentences, in the order given. */
export function fieldsWithBannedWords(rules: WordRules, fields: Record<string, string>): string[] {
  if (rules.banned.length === 0) return [];
  return Object.entries(fields).filter(([, text]) => holdsAnyInOneSentence(text, rules.banned)).map(([field]) => field);
}

/**
 * A link as spam carries it: a scheme, `www.`, a host name ending in a common top-level domain, any
 * host name followed by a path (bit.ly/x, spam.ru/x), or an IP address with a port or a path. Read
 * after `linkForm`, so ｗｗｗ．ｘｘ．ｃｏｍ, example。com and example . com are links too. Dotted
 * numbers (3.5, 3.5/10) and abbreviations are not.
 */
const LINK = new RegExp([
  String.raw`[a-z][a-z0-9+.-]*:\/\/`,
  String.raw`www\.`,
  // Not a word going on past the domain (help. co-workers: a host name has no such end).
  String.raw`\b[a-z0-9][a-z0-9-]*\.(?:com|cn|net|org|top|xyz|info|vip|club|site|online|shop|cc|co|io|me|tv|biz|ltd|wang|xin|link|app)(?![a-z0-9-])`,
  String.raw`\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z][a-z0-9-]+(?::\d+)?\/`,
  String.raw`(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?::\d+|\/)`,
].join('|'), 'u');

/** A dot written as Chinese text writes one (。 ｡ and the like), or with spaces around it: a dot. */
const linkForm = (text: string) => text.replace(/\s*[.。｡︒]\s*(?=[a-z0-9])/gu, '.');

/**
 * Where a sentence of prose ends: a full stop, a space, then a capital letter (…is broken. Me and my
 * neighbours…; …owed. IO is…). Marked (¶, kept by match form) before the text is folded, so the
 * spaced dot `linkForm` joins is not read as a host name's (broken.me); a spaced link has no capital
 * after its dot (example . com).
 */
const markSentenceEnds = (text: string) => text.replace(/(?<=[.。｡︒．])(?=\s+\p{Lu})/gu, '¶');

/**
 * A phone number in Chinese text: a mobile (1[3-9] and 9 digits, +86 or not), a landline with its
 * area code (0 and 9–11 digits), a 400/800 line; what people put between digit groups is taken out
 * first: spaces, dashes, dots, slashes, commas, middle dots, brackets (138 0013 8000, 0371-1234 5678,
 * (138)0013/8000, 138~0013~8000), and digits written in Chinese or with look-alike letters read as
 * digits (`lookAlikesAsDigits`). Longer digit runs (ID and order numbers) are not.
 */
const PHONE = /(?<!\d)(?:(?:\+?86)?1[3-9]\d{9}|0\d{9,11}|[48]00\d{7})(?!\d)/u;

/** What people put between a number's digit groups: spaces, dashes, dots, slashes, commas, middle dots, brackets, tildes. */
const BETWEEN_DIGITS = String.raw`[\s\-‐‑–—.,，、·•・\/\\()（）\[\]_*~]+`;
const DIGIT_GAP = new RegExp(String.raw`(?<=\d)${BETWEEN_DIGITS}(?=\d)`, 'gu');
const digitsJoined = (text: string) => text.replace(DIGIT_GAP, '');

/**
 * Digits written in Chinese, as a number is read out or written to get past a filter (一三八零零一三八零零零,
 * 壹叁捌…, 幺 for 1 as said on the phone; Simplified and Traditional: the phone check reads the text
 * unfolded), as the digits they are.
 */
const CHINESE_DIGITS: Readonly<Record<string, string>> = {
  〇: '0', 零: '0', 一: '1', 幺: '1', 二: '2', 两: '2', 兩: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
  壹: '1', 贰: '2', 貳: '2', 叁: '3', 叄: '3', 参: '3', 參: '3', 肆: '4', 伍: '5', 陆: '6', 陸: '6', 柒: '7', 捌: '8', 玖: '9',
};
const CHINESE_DIGIT = new RegExp(`[${Object.keys(CHINESE_DIGITS).join('')}]`, 'gu');
const numeralsAsDigits = (text: string) => text.replace(CHINESE_DIGIT, (d) => CHINESE_DIGITS[d]!);

/**
 * Letters that look like digits, as a number is typed to get past a filter (l38OO138OOO, 1З8ОО138ООО
 * with Cyrillic З and О, I38 OO13 8OOO), after case folding: Latin o, l, i (and dotless ı), Cyrillic о,
 * з, і, ӏ, Greek ο, ι, the click ǀ. Letters read both ways (b for 6 or 8, s for 5, z for 2) are not.
 */
const LOOK_ALIKE_DIGITS: Readonly<Record<string, string>> = {
  o: '0', о: '0', ο: '0', l: '1', i: '1', ı: '1', і: '1', ӏ: '1', ι: '1', ǀ: '1', з: '3',
};
/** A run of Latin, Cyrillic or Greek letters and digits: a word or a number as written between spaces and marks. */
const ALPHANUMERIC_RUN = /[\p{sc=Latin}\p{sc=Cyrillic}\p{sc=Greek}0-9]+/gu;
const LOOK_ALIKES_AND_DIGITS = new RegExp(`^[0-9${Object.keys(LOOK_ALIKE_DIGITS).join('')}]+$`, 'u');

/**
 * Look-alike letters read as the digits they stand for, only in a run that has a digit and no other
 * letter (l38OO138OOO, OO13 in I38 OO13 8OOO): words are left alone (HOTEL, BOOK, COOL, LOL, IOI,
 * room 101), so no text of letters alone ever becomes a number.
 */
const lookAlikesAsDigits = (text: string) => lookAlikesBesideDigits(text.replace(ALPHANUMERIC_RUN, (run) => (
  /[0-9]/.test(run) && LOOK_ALIKES_AND_DIGITS.test(run) ? run.replace(/[^0-9]/gu, (letter) => LOOK_ALIKE_DIGITS[letter]!) : run
)));

const LOOK_ALIKE_CLASS = `[${Object.keys(LOOK_ALIKE_DIGITS).join('')}]{1,3}`;
/** Up to three look-alike letters standing alone (not part of a word) beside a digit, with only separators between. */
const LOOK_ALIKES_BESIDE_DIGIT = new RegExp(
  `(?<=\\d${BETWEEN_DIGITS})${LOOK_ALIKE_CLASS}(?![\\p{L}\\d])|(?<![\\p{L}\\d])${LOOK_ALIKE_CLASS}(?=${BETWEEN_DIGITS}\\d)`, 'gu',
);

/**
 * Look-alike letters written one or a few at a time between a number's digits (l 3 8 O O l 3 8 O O O,
 * l-3-8-0-0-l-3-8-0-0-0) read as digits too, from the digits outwards: a letter standing alone beside
 * a digit becomes one, which may bring the next beside a digit. Only eleven digits in a row make a
 * phone number, so a lone I or O beside a number in a sentence (I 38 people) changes nothing held.
 */
function lookAlikesBesideDigits(text: string): string {
  for (let pass = 0; pass < 12; pass++) {
    const next = text.replace(LOOK_ALIKES_BESIDE_DIGIT, (letters) => letters.replace(/./gu, (letter) => LOOK_ALIKE_DIGITS[letter]!));
    if (next === text) return text;
    text = next;
  }
  return text;
}

/**
 * Why `texts` (title, body, region — or a follow-up) should wait for a moderator: a hold word in any
 * of them (`word`), a banned word read only across a sentence's end (`banned_split`, `SENTENCE_END`:
 * told apart so the moderator knows to look for it), a link or a phone number in any of them (all
 * are public once published). Empty: nothing to hold it for.
 */
export function holdReasonsOf(rules: WordRules, texts: string[]): HoldReason[] {
  const reasons: HoldReason[] = [];
  const forms = texts.map(foldedForm);
  if (rules.holdLinks && texts.some((text) => LINK.test(linkForm(foldedForm(markSentenceEnds(text)))))) reasons.push('link');
  if (rules.holdPhones && forms.some((form) => PHONE.test(digitsJoined(lookAlikesAsDigits(numeralsAsDigits(form)))))) reasons.push('phone');
  const across = (text: string) => holdsAny(text, rules.banned) && !holdsAnyInOneSentence(text, rules.banned);
  if (rules.hold.length > 0 && texts.some((text) => holdsAny(text, rules.hold))) reasons.push('word');
  if (rules.banned.length > 0 && texts.some(across)) reasons.push('banned_split');
  return reasons;
}
