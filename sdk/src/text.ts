// What counts as a character, what text is acceptable, and the form text is compared in: one
// definition for the widget's counters, the console's fields and the service's validation.

/**
 * The length of `text` in characters: Unicode code points, not UTF-16 units, so an emoji or 𠮷
 * (CJK Extension B) counts once, as the citizen sees it. Every limit and counter uses this.
 */
export function textLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/**
 * Characters that show nothing: zero-width spaces and joiners, the soft hyphen, the combining
 * grapheme joiner, variation selectors (U+FE0F, U+E0100 …), the byte order mark, the Hangul fillers
 * (Unicode's Default_Ignorable_Code_Point). A text pasted from a chat or a web page often holds them.
 */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * The form in which text is matched (search, word lists, tracking codes, e-mail addresses, unit
 * names): Unicode NFKC, so full-width ３ and Ａ are 3 and A and ① is 1, without the characters that
 * show nothing (路\u200B灯 is 路灯), then lower case. For comparing only: what a citizen typed is
 * stored and shown as typed.
 */
export function matchForm(text: string): string {
  return text.normalize('NFKC').replace(IGNORABLE, '').toLowerCase();
}

/**
 * What separates the words of a search (the board's, the console's queue's): white space, and the
 * marks written between words or clauses in Chinese and English (，、；。！？ and their ASCII forms),
 * so 路灯，学校 is two words, as 路灯 学校 is. Other marks stay inside a word, which is then found as
 * written (3-5号, 2.3.1, 10:30).
 */
const SEARCH_WORD_SEPARATOR = /[\s,;!?，、；。！？]+/u;

/**
 * The words of a search as typed, split at the separators, none empty (路灯，学校 → 路灯, 学校), without
 * the characters that show nothing (路\u200B灯 is one word, 路灯; JavaScript's `\s` would take the
 * byte order mark U+FEFF for a space between two).
 */
export function searchWords(q: string): string[] {
  return q.replace(IGNORABLE, '').split(SEARCH_WORD_SEPARATOR).filter((word) => word.length > 0);
}

/** Half of a surrogate pair without its other half: not text at all (it cannot be stored as UTF-8). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/**
 * Control characters (NUL, ESC …; a line break only where lines are allowed), bidirectional
 * overrides and isolates (U+202A–202E, U+2066–2069: they make text read in another order than it is
 * stored, e.g. to disguise a file name or a phrase) and noncharacters.
 */
const SINGLE_LINE_FORBIDDEN = /[\p{Cc}\u202A-\u202E\u2066-\u2069\p{Noncharacter_Code_Point}]/u;
const MULTILINE_FORBIDDEN = /[^\P{Cc}\t\n\r]|[\u202A-\u202E\u2066-\u2069\p{Noncharacter_Code_Point}]/u;
/**
 * A character that shows something: not white space (U+3000 included), not a default-ignorable code
 * point (zero-width spaces and joiners, the soft hyphen, the Hangul fillers U+115F, U+1160, U+3164,
 * U+FFA0 …), not a format or control character, not a combining mark on its own, and not the blank
 * Braille pattern U+2800.
 */
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{M}\u2800]/u;

/**
 * How many characters of `text` show something (white space and invisible characters left out):
 * what a minimum length counts, so that 路 followed by three zero-width spaces is one character, not four.
 */
export function visibleLength(text: string): number {
  let length = 0;
  for (const ch of text) if (VISIBLE.test(ch)) length++;
  return length;
}

/** The characters of `text` that show something, in order (e.g. a name without the invisible ones). */
export function visibleCharacters(text: string): string[] {
  return [...text].filter((ch) => VISIBLE.test(ch));
}

/** What is wrong with a text a person typed, as a field error code; null when nothing is. */
export type TextProblem = 'invalid_characters' | 'required';

/**
 * Checks text a person typed: it must be well-formed, free of control and bidirectional-override
 * characters (line breaks only when `multiline`), and show at least one visible character (a title
 * of zero-width spaces or ideographic spaces is empty). Returns the field error code, or null.
 */
export function textProblem(text: string, { multiline = false }: { multiline?: boolean } = {}): TextProblem | null {
  if (LONE_SURROGATE.test(text) || (multiline ? MULTILINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(text)) return 'invalid_characters';
  if (!VISIBLE.test(text)) return 'required';
  return null;
}
