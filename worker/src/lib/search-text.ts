// Chinese has no spaces, and many words are two characters long: text is indexed as overlapping
// character bigrams of each run of letters and digits (路灯坏了 → 路灯 灯坏 坏了; 3路公交 → 3路 路公 公交;
// wifi → wi if fi), and a query's runs are matched as phrases of their bigrams. A phrase of bigrams is
// found exactly where the run is a substring of a run of the text, so no second check on the text
// itself is needed (and none could be made within D1's 50-byte LIKE patterns for longer words).
//
// Text and queries are first brought to one match form (`matchForm`): what a citizen types with a
// full-width IME mode (３路, ＡＢＣ), in another case (WiFi, wifi) or as a compatibility character
// (ﬁ, ①) is matched as the same text. The stored text stays as it was typed.

import { matchForm } from '../../../sdk/src/text';

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

/** What is stored in the search index for a message: title then body, runs separated by `GAP`. */
export function searchText(title: string, body: string): string {
  return [...runsOf(title), ...runsOf(body)].map((run) => runTokens(run).join(' ')).join(` ${GAP} `);
}

/**
 * What a reader typed, as terms: split at white space, at most five, each with at least one letter or
 * digit (a term of punctuation alone finds nothing worth finding). Each term must be found in the
 * title or the body; no terms at all, and nothing is found.
 */
export function searchTerms(q: string): string[] {
  return q.split(/\s+/u).filter((term) => runsOf(term).length > 0).slice(0, 5);
}

/**
 * A term as the index can find it: the phrase of its runs' tokens with a `GAP` between runs, or null
 * when the term has no run of two or more characters. A one-character run at either end of a term is
 * left out of the phrase (in the text it may be the end of a longer run, which has no token of its
 * own): such a term finds a little more than the exact text, never less.
 */
function termPhrase(term: string): string | null {
  const runs = runsOf(term);
  while (runs.length > 0 && runs[0]!.length === 1) runs.shift();
  while (runs.length > 0 && runs.at(-1)!.length === 1) runs.pop();
  if (runs.length === 0) return null;
  return `"${runs.map((run) => runTokens(run).join(' ')).join(` ${GAP} `)}"`;
}

/**
 * The FTS5 query for `terms`: each term that has a run of two or more characters, as a phrase, all
 * required. Tokens hold only letters, digits and `GAP`, so nothing a reader types is FTS5 syntax.
 * Null when no term has such a run: the caller then scans, within a bound.
 */
export function searchMatch(terms: string[]): string | null {
  const phrases = terms.map(termPhrase).filter((p): p is string => p !== null);
  return phrases.length > 0 ? phrases.join(' AND ') : null;
}

/** The single characters a scan must look for, at most this many (each is one LIKE per column). */
const MAX_SCANNED_CHARACTERS = 5;

/**
 * For terms the index cannot find (no run of two or more characters: 灯, 3, ａ), the characters to
 * look for in the text itself, each with the forms it may have been typed in (LIKE already ignores
 * the case of ASCII letters): `[['灯'], ['3', '３']]`. Empty when the index finds every term.
 */
export function scannedCharacters(terms: string[]): string[][] {
  const out: string[][] = [];
  for (const term of terms) {
    if (termPhrase(term) !== null) continue;
    for (const [ch] of runsOf(term)) {
      if (out.length < MAX_SCANNED_CHARACTERS && !out.some((forms) => forms[0] === ch)) out.push(typedForms(ch!));
    }
  }
  return out;
}

/** The forms of a character in match form that a citizen may have typed: itself, and its full-width twins. */
function typedForms(ch: string): string[] {
  const forms = new Set([ch]);
  for (const variant of [ch, ch.toUpperCase()]) {
    const code = variant.codePointAt(0)!;
    // U+FF01–FF5E are the full-width forms of ASCII U+0021–007E.
    if (variant.length === 1 && code >= 0x21 && code <= 0x7e) forms.add(String.fromCodePoint(code + 0xfee0));
  }
  return [...forms];
}
