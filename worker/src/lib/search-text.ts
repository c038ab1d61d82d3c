// Chinese has no spaces, and many words are two characters long: text is indexed as overlapping
// character bigrams of each run of Han characters (路灯坏了 → 路灯 灯坏 坏了), other letters and
// digits as lower-case words. A query's Han words are matched as phrases of their bigrams.

// The second branch excludes Han characters, which are letters (\p{L}) too.
const RUNS = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

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
 * What a reader typed, as terms: split at spaces, quotes and brackets around a word dropped
 * ("路灯" → 路灯), at most five. Each term must appear in the title or the body.
 */
export function searchTerms(q: string): string[] {
  return q.split(/\s+/u).filter(Boolean).slice(0, 5)
    .map((term) => term.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '') || term);
}

/**
 * The FTS5 query that narrows the candidates for `terms`: every run of two or more Han characters
 * in them, each as the phrase of its bigrams, all required. It only narrows — the caller keeps
 * the rows that contain each whole term (a partial number like 3号 in 13号楼, a Latin prefix, a
 * single character), which the index cannot judge. Null when no term has such a run: the caller
 * then scans, within a bound.
 */
export function searchMatch(terms: string[]): string | null {
  const phrases: string[] = [];
  for (const term of terms) {
    for (const [, han] of term.matchAll(RUNS)) {
      if (han && [...han].length >= 2) phrases.push(`"${tokens(han).join(' ')}"`);
    }
  }
  return phrases.length > 0 ? phrases.join(' AND ') : null;
}
