// Chinese has no spaces, and many words are two characters long: text is indexed as overlapping
// character bigrams of each run of letters and digits (路灯坏了 → 路灯 灯坏 坏了; 3路公交 → 3路 路公 公交;
// wifi → wi if fi), and a query's runs are matched as phrases of their bigrams. A phrase of bigrams is
// found exactly where the run is a substring of a run of the text, so no second check on the text
// itself is needed (and none could be made within D1's 50-byte LIKE patterns for longer words).
// After the bigrams come the text's characters, each once and marked as such (`CHARACTER`): a search
// for one character (灯, 3) is a lookup of that token, walked as a word's bigrams are, over the whole
// board (migration 0038).
//
// Text and queries are first brought to one match form (`matchForm`): what a citizen types with a
// full-width IME mode (３路, ＡＢＣ), in another case (WiFi, wifi) or as a compatibility character
// (ﬁ, ①) is matched as the same text. The index also holds the text in Simplified characters
// (`simplified`), so a reader who types 路灯 finds a message written 路燈. The stored text stays as it was typed.

import { LIMITS } from '../../../sdk/src/limits';
import { matchForm, searchWords } from '../../../sdk/src/text';
import { simplified } from './simplified';

/** A run: letters, digits and their combining marks, of any script. Anything else separates runs. */
const RUN = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * Stands between runs in the index, so that a phrase cannot match across punctuation, a space or the
 * end of the title (路灯。灯坏了 holds no 路灯坏了). A private-use character: never part of a run, and
 * a token character for FTS5's default tokenizer (categories L*, N* and Co).
 */
export const GAP = '\uE000';

/** The runs of `text` in match form, each as its characters (code points, not UTF-16 units). */
function runsOf(text: string): string[][] {
  return [...matchForm(text).matchAll(RUN)].map(([run]) => [...run]);
}

/** A run's tokens: its overlapping bigrams, or the character itself for a run of one. */
function runTokens(chars: string[]): string[] {
  if (chars.length === 1) return [chars[0]!];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/**
 * Marks a character's own token in the index (`searchText`): each character is stored glued to it
 * (\uE001灯), so a character token never equals a bigram or a character of a run, and no phrase of
 * bigrams can match among the characters, even where the tokenizer splits a query's pair at a mark
 * it does not count as part of a token (a variation selector, a vowel sign). Private use, like `GAP`.
 */
export const CHARACTER = '\uE001';

/** A character the index keeps as a token of its own: a letter or a digit (a lone mark is no token to FTS5). */
const INDEXED_CHARACTER = /^[\p{L}\p{N}]$/u;

/**
 * What is stored in the search index for a message: title then body in Simplified characters
 * (`simplified`: 路燈壞了 is indexed as 路灯坏了), as bigrams, runs separated by `GAP`; then each letter
 * or digit of the text once, in match form, as `CHARACTER` and itself (路灯坏了 → 路灯 灯坏 坏了 \uE001路
 * \uE001灯 \uE001坏 \uE001了). Entries written before migration 0039 hold the text as typed until their
 * site's rebuild reaches them: `searchMatch` looks for both forms.
 */
export function searchText(title: string, body: string): string {
  const runs = [...runsOf(simplified(title)), ...runsOf(simplified(body))];
  if (runs.length === 0) return '';
  const characters = new Set(runs.flat().filter((ch) => INDEXED_CHARACTER.test(ch)));
  return [runs.map((run) => runTokens(run).join(' ')).join(` ${GAP} `), ...[...characters].map((ch) => CHARACTER + ch)].join(' ');
}

/**
 * `q`'s words (`searchWords`: split at spaces and ，、；。！？) that `keep` keeps, at most `LIMITS.searchWordsMax`:
 * the query schemas refuse a search of more (`searchQuery`), so none is dropped; the bound keeps each
 * query within D1's limits whoever calls.
 */
const wordsOf = (q: string, keep: (word: string) => boolean) => searchWords(q).filter(keep).slice(0, LIMITS.searchWordsMax);

/**
 * What was typed as words, split at `searchWords`'s separators, at most five, none empty (路灯，学校 → 路灯, 学校);
 * the console's queue looks each up as it is written (`instr`: 100% finds "100%").
 */
export function queryWords(q: string): string[] {
  return wordsOf(q, (word) => word.length > 0);
}

/**
 * What a reader typed, as terms: split at `searchWords`'s separators, at most five, each with at least one letter or
 * digit (a term of punctuation alone finds nothing worth finding). Each term must be found in the
 * title or the body; no terms at all, and nothing is found.
 */
export function searchTerms(q: string): string[] {
  return wordsOf(q, (term) => runsOf(term).length > 0);
}

/** The most single characters one search looks up (each is one more token for FTS5 to walk). */
const MAX_CHARACTERS = 5;

/**
 * A term as the index can find it: the phrase of its runs' tokens with a `GAP` between runs, and each
 * one-character run at either end of the term as a character of its own (in the text it may be the end
 * of a longer run, which has no bigram of its own for it). A term of single characters only (灯, 3,
 * 2.3.1) is its characters alone: each must be in the title or the body.
 */
function termParts(term: string): { phrase: string | null; characters: string[] } {
  const runs = runsOf(term);
  const characters: string[] = [];
  while (runs.length > 0 && runs[0]!.length === 1) characters.push(runs.shift()![0]!);
  while (runs.length > 0 && runs.at(-1)!.length === 1) characters.push(runs.pop()![0]!);
  const phrase = runs.length === 0 ? null : `"${runs.map((run) => runTokens(run).join(' ')).join(` ${GAP} `)}"`;
  return { phrase, characters: characters.filter((ch) => INDEXED_CHARACTER.test(ch)) };
}

/**
 * The FTS5 query for `terms`, all required: each term's phrase, and the single characters at its ends
 * (at most MAX_CHARACTERS in all: a search with more finds a little more than the exact text, never
 * less). A term holding Traditional characters is looked for in Simplified characters, as the index
 * holds every text, and as typed, as an entry not yet rebuilt holds it (路燈: `"路燈" OR "路灯"`); a term
 * holding 么 also with 幺, as entries written before migration 0040 hold it. Tokens hold only letters, digits and `GAP`, so nothing a reader types is
 * FTS5 syntax. Null when no term holds a letter or a digit: such a search finds nothing.
 */
export function searchMatch(terms: string[]): string | null {
  const phrases = new Set<string>();
  const characters = new Set<string>();
  /** Terms written with Traditional characters: the term as typed OR in Simplified characters. */
  const either = new Set<string>();
  let characterCount = 0;
  const clause = (parts: { phrase: string | null; characters: string[] }) => {
    const own = parts.characters.slice(0, Math.max(0, MAX_CHARACTERS - characterCount));
    characterCount += own.length;
    return [...(parts.phrase ? [parts.phrase] : []), ...own.map((ch) => `"${CHARACTER}${ch}"`)].join(' AND ');
  };
  for (const term of terms) {
    const inSimplified = simplified(term);
    // As entries written before migration 0040 hold it, until their rebuild: with 么 folded to 幺.
    const asBefore = inSimplified.replaceAll('么', '幺');
    if (inSimplified !== term || asBefore !== inSimplified) {
      // The index holds each text in Simplified characters (`searchText`), so 路燈 is found as 路灯, in
      // messages written either way; as typed too, in entries written before migration 0039 until their rebuild.
      const clauses = [...new Set([term, inSimplified, asBefore])].map((form) => clause(termParts(form)));
      if (clauses.every(Boolean)) either.add(clauses.length === 1 ? clauses[0]! : clauses.map((c) => `(${c})`).join(' OR '));
      continue;
    }
    const parts = termParts(term);
    if (parts.phrase) phrases.add(parts.phrase);
    for (const ch of parts.characters) {
      if (characters.has(ch) || characterCount >= MAX_CHARACTERS) continue;
      characters.add(ch);
      characterCount++;
    }
  }
  const all = [...phrases, ...[...either].map((c) => (either.size + phrases.size + characters.size > 1 && c.includes(' OR ') ? `(${c})` : c)),
    ...[...characters].map((ch) => `"${CHARACTER}${ch}"`)];
  return all.length > 0 ? all.join(' AND ') : null;
}

/** Text as a search compares it: in Simplified characters, then in match form (`matchForm`: NFKC, nothing invisible, lower case). */
export function searchForm(text: string): string {
  return matchForm(simplified(text));
}

/** Text with its ASCII letters in lower case and the rest as it is: what SQLite's `lower()` makes of it (D1 has no ICU). */
export function sqlLower(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** Punctuation, symbols and spaces only. */
const MARKS = /^[\p{P}\p{S}\s]+$/u;

/**
 * Whether `text` holds the same words as its `searchForm`, as `lower()` reads it: each character is
 * its own match form, or a mark whose match form is marks too (NFKC makes ， of a Chinese text ,, ：
 * :, （ (, … ...). The console's search looks for a word's marks in both widths (`fullWidthMarks`).
 */
function sameWords(text: string, folded: string): boolean {
  if (folded === sqlLower(text)) return true;
  for (const ch of text) {
    const form = searchForm(ch);
    if (form !== sqlLower(ch) && !(MARKS.test(ch) && MARKS.test(form))) return false;
  }
  return true;
}

/**
 * A message's title and body as stored in `messages.match_text` (migration 0040) for the console's
 * search by words, which SQL cannot fold: '' where each holds the same words as its `searchForm`
 * (`sameWords`: most messages, whose Chinese marks alone differ; the text itself is then searched,
 * and nothing is stored twice). Else `searchForm(title)`, a line break, `searchForm(body)` (no
 * searched word holds a line break: the query schemas refuse control characters). So 路燈, ＬＥＤ and
 * 路\u200B灯 are found as 路灯, led and 路灯.
 */
export function matchText(title: string, body: string): string {
  const [foldedTitle, foldedBody] = [searchForm(title), searchForm(body)];
  return sameWords(title, foldedTitle) && sameWords(body, foldedBody) ? '' : `${foldedTitle}\n${foldedBody}`;
}

/**
 * `word` with its ASCII marks in their full-width forms (10:30 → 10：30, (3) → （3）): how a Chinese
 * text writes them, which `matchText` leaves unstored where they are its only difference.
 */
export function fullWidthMarks(word: string): string {
  return word.replace(/[!-/:-@[-`{-~]/g, (mark) => String.fromCharCode(mark.charCodeAt(0) + 0xfee0));
}
