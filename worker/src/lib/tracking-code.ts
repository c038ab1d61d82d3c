import { keyedHash } from './crypto';

// Tracking codes (查询码): 16 symbols from 32 unambiguous ones = 80 bits, shown as XXXX-XXXX-XXXX-XXXX.
// No 0/O and no 1/I, so nothing needs guessing when the code is copied by hand from a phone screen.

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const LENGTH = 16;

export function newTrackingCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(LENGTH));
  const symbols = [...bytes].map((b) => ALPHABET[b & 31]).join('');
  return symbols.match(/.{4}/g)!.join('-');
}

/**
 * The canonical form of what a citizen typed: width (a full-width ３ＪＭＨ－… typed with a Chinese IME,
 * read through NFKC), case, spaces, dashes and invisible characters (a zero-width space a chat app
 * pasted along) do not matter, and the look-alikes a person may type
 * for L (1, I) are read as L. Null when it cannot be a code.
 */
export function normalizeTrackingCode(input: string): string | null {
  const symbols = input.normalize('NFKC').toUpperCase().replace(/[\s\-_－—–‐\p{Default_Ignorable_Code_Point}]/gu, '').replace(/[1I]/g, 'L');
  if (symbols.length !== LENGTH) return null;
  for (const ch of symbols) if (!ALPHABET.includes(ch)) return null;
  return symbols;
}

/** What is stored and looked up instead of the code: a keyed hash of its canonical form. */
export function trackingCodeHash(hashKey: string, siteId: string, canonical: string): Promise<string> {
  return keyedHash(hashKey, `tracking:${siteId}:${canonical}`);
}
