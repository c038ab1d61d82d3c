// Traditional characters in their Simplified form, for matching only (the word lists, the board's
// search): what a citizen typed is stored and shown as typed.

import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';

/** Each Traditional character's Simplified one (`simplified`), made at the first use in an isolate. */
let simplifiedOf: Map<string, string> | undefined;

/**
 * Each Traditional character with its Simplified one, from OpenCC's tables (opencc-js): Taiwan's and
 * Hong Kong's variant forms to OpenCC's standard ones (TWVariantsRev, HKVariantsRev), then those to
 * Simplified (TSCharacters), OpenCC's first choice where it lists several (乾 → 干). Character by
 * character, not phrase by phrase as OpenCC converts: a word and the text around it must fold alike,
 * and a phrase rule would fold a word differently alone than inside a sentence. A table read into a
 * map (≈ 4,000 characters: ≈ 5 ms at its first use, 0.14 ms to fold 2,000 characters, in Node) rather
 * than OpenCC's converter, whose tree took ≈ 100 ms to build.
 */
function simplificationTable(): Map<string, string> {
  const entries = (dict: string) => dict.split('|').map((entry) => entry.split(' ')).filter((pair): pair is [string, string] =>
    pair.length >= 2 && [...pair[0]!].length === 1 && [...pair[1]!].length === 1);
  const table = new Map(entries(TSCharacters));
  // A variant that is itself a Simplified character is left as it is: Taiwan's tables count 么 a
  // variant of 幺, but 么 is how Simplified Chinese writes 麼 (怎么), so it must not fold away.
  const simplifiedCharacters = new Set(table.values());
  for (const [variant, standard] of [...entries(TWVariantsRev), ...entries(HKVariantsRev)]) {
    if (!simplifiedCharacters.has(variant)) table.set(variant, table.get(standard) ?? standard);
  }
  return table;
}

/** `text` with each Traditional character in its Simplified form (法輪功 → 法轮功, 臺灣 → 台湾); the rest as it is. */
export function simplified(text: string): string {
  simplifiedOf ??= simplificationTable();
  let out = '';
  for (const ch of text) out += simplifiedOf.get(ch) ?? ch;
  return out;
}
