// Tracking codes (查询码): 16 symbols from 32 unambiguous ones = 80 bits, shown as XXXX-XXXX-XXXX-XXXX.
// No 0/O and no 1/I, so nothing needs guessing when the code is copied by hand from a phone screen.
// Shared by the service (which makes and looks codes up) and the console (which tells a code read out
// on the phone from words to search for).

export const TRACKING_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const TRACKING_CODE_LENGTH = 16;

const SEPARATORS = /[\s\-_－—–‐\p{Default_Ignorable_Code_Point}]/gu;

/** `symbols` as a code (the look-alikes of L read as L), or null. */
function asCode(symbols: string): string | null {
  const code = symbols.replace(SEPARATORS, '').replace(/[1I]/g, 'L');
  if (code.length !== TRACKING_CODE_LENGTH) return null;
  for (const ch of code) if (!TRACKING_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/**
 * The canonical form of what a citizen typed: width (a full-width ３ＪＭＨ－… typed with a Chinese IME,
 * read through NFKC), case, spaces, dashes and invisible characters (a zero-width space a chat app
 * pasted along) do not matter, and the look-alikes a person may type
 * for L (1, I) are read as L. A code pasted with words around it (查询码：ABCD-…, copied from the
 * receipt, an SMS or a chat) is read from them when exactly one code stands there. Null when it
 * cannot be a code.
 */
export function normalizeTrackingCode(input: string): string | null {
  const text = input.normalize('NFKC').toUpperCase();
  const whole = asCode(text);
  if (whole) return whole;
  // The words of Latin letters and digits (a code written whole or with dashes is one), and each four
  // words of four in a row (a code written in groups with spaces). Two codes found: nothing is guessed.
  const words = text.split(/[^0-9A-Z\-_－—–‐\p{Default_Ignorable_Code_Point}]+/u).filter(Boolean);
  const groups = words.slice(3).map((_, i) => words.slice(i, i + 4)).filter((four) => four.every((word) => word.length === 4)).map((four) => four.join(''));
  const found = new Set([...words, ...groups].map(asCode).filter((code) => code !== null));
  return found.size === 1 ? [...found][0]! : null;
}

/** A canonical code (`normalizeTrackingCode`) as codes are shown: XXXX-XXXX-XXXX-XXXX. */
export function formatTrackingCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}
