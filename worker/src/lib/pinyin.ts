import { FIRST_READINGS, OTHER_READINGS } from './pinyin-table';

/** A search text is at most this long (`q` of GET /v1/sites/:site/units): a longer key can never be matched past it. */
const KEY_MAX = 50;
/** Spellings kept per name besides the common one: a name full of 多音字 stays a few dozen keys. */
const OTHER_SPELLINGS_MAX = 6;

type Readings = readonly [string] | readonly [string, string];
let table: Map<string, Readings> | undefined;

/** Character → its readings, built on first use (most requests never need it). */
function readingsOf(char: string): Readings | undefined {
  if (!table) {
    const built = new Map<string, [string] | [string, string]>();
    for (const [reading, chars] of Object.entries(FIRST_READINGS)) for (const c of chars) built.set(c, [reading]);
    for (const [reading, chars] of Object.entries(OTHER_READINGS)) for (const c of chars) built.get(c)?.push(reading);
    table = built;
  }
  return table.get(char);
}

/**
 * The pinyin search keys of a unit's name: the initials (县教育局 → `xjyj`) and the full pinyin
 * (`xianjiaoyuju`), each from every Chinese character on (`jyj`, `jiaoyuju`, …), so a prefix search
 * of the keys finds a name by the pinyin of any part of it. Lower case, toneless, ü as `v`; Latin
 * letters and digits in the name are kept as they are, other characters left out.
 *
 * A character with two readings (多音字: 长 chang/zhang, 行 xing/hang) is spelled both ways, one
 * character at a time (县长 gives `xc` and `xz`): at most OTHER_SPELLINGS_MAX other spellings, so a
 * name needing two uncommon readings at once is found by either part, not by both together.
 * Readings: scripts/pinyin-table.ts (from pinyin-pro, MIT). Keys are at most KEY_MAX characters.
 * `fromStart`: only the keys that spell the name from its first Chinese character (what a search
 * ranks above a match inside the name).
 * @returns distinct keys, [] for a name with no Chinese character.
 */
export function pinyinKeys(name: string, { fromStart = false }: { fromStart?: boolean } = {}): string[] {
  const tokens: { readings: Readings; han: boolean }[] = [];
  for (const char of name.toLowerCase()) {
    const readings = readingsOf(char);
    if (readings) tokens.push({ readings, han: true });
    else if (/[a-z0-9]/.test(char)) tokens.push({ readings: [char], han: false });
  }
  const firstHan = tokens.findIndex((t) => t.han);
  if (firstHan < 0) return [];
  const common = tokens.map((t) => t.readings[0]);
  const spellings = [common];
  tokens.forEach((t, i) => {
    if (t.readings[1] && spellings.length <= OTHER_SPELLINGS_MAX) spellings.push(common.with(i, t.readings[1]));
  });
  const keys = new Set<string>();
  for (const spelling of spellings) {
    tokens.forEach((t, i) => {
      if (!t.han || (fromStart && i !== firstHan)) return;
      const rest = spelling.slice(i);
      keys.add(rest.map((r, j) => (tokens[i + j]!.han ? r[0] : r)).join('').slice(0, KEY_MAX));
      keys.add(rest.join('').slice(0, KEY_MAX));
    });
  }
  return [...keys];
}
