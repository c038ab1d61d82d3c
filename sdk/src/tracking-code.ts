// Tracking codes (查询码): 16 symbols from 32 unambiguous ones = 80 bits, shown as XXXX-XXXX-XXXX-XXXX.
// No 0/O and no 1/I, so nothing needs guessing when the code is copied by hand from a phone screen.
// Shared by the service (which makes and looks codes up) and the console (which tells a code read out
// on the phone from words to search for).

export const TRACKING_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const TRACKING_CODE_LENGTH = 16;

/**
 * The canonical form of what a citizen typed: width (a full-width ３ＪＭＨ－… typed with a Chinese IME,
 * read through NFKC), case, spaces, dashes and invisible characters (a zero-width space a chat app
 * pasted along) do not matter, and the look-alikes a person may type
 * for L (1, I) are read as L. Null when it cannot be a code.
 */
export function normalizeTrackingCode(input: string): string | null {
  const symbols = input.normalize('NFKC').toUpperCase().replace(/[\s\-_－—–‐\p{Default_Ignorable_Code_Point}]/gu, '').replace(/[1I]/g, 'L');
  if (symbols.length !== TRACKING_CODE_LENGTH) return null;
  for (const ch of symbols) if (!TRACKING_CODE_ALPHABET.includes(ch)) return null;
  return symbols;
}
