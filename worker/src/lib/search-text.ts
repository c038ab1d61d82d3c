// Chinese has no spaces, and many words are two characters long: text is indexed as overlapping
// character bigrams of each run of Han characters (路灯坏了 → 路灯 灯坏 坏了), other letters and
// digits as lower-case words. A query is tokenized the same way and matched as a phrase.

// The second branch excludes Han characters, which are letters (\p{L}) too.
const RUNS = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;
const HAN = /\p{Script=Han}/u;

function tokens(text: string): string[] {
  const out: string[] = [];
  for (const [, han, other] of text.matchAll(RUNS)) {
    if (han) {
      const chars = [...han];
      if (chars.length === 1) out.push(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    } else if (other) {
      out.push(other.toLowerCase());
    }
  }
  return out;
}

/** What is stored in the search index for a message. */
export function searchText(title: string, body: string): string {
  return `${tokens(title).join(' ')} ${tokens(body).join(' ')}`;
}

/**
 * The FTS5 query for what a reader typed: the phrase of its tokens, or null when the index
 * cannot answer it (a single Han character: fall back to a bounded scan).
 */
export function searchQuery(q: string): string | null {
  const parts = tokens(q);
  if (parts.length === 0) return null;
  if (parts.length === 1 && [...parts[0]!].length === 1 && HAN.test(parts[0]!)) return null;
  return `"${parts.join(' ').replaceAll('"', '')}"`;
}
