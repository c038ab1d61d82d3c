import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * A telephone number as it is stored: E.164 (`+8613800138000`), with an extension in RFC 3966's
 * form when one was given (`+8637112345678;ext=8012`).
 */
export interface Phone {
  /** E.164, without the extension: what a limit per phone number counts. */
  e164: string;
  /** What is stored (encrypted) and shown to officials: `e164`, and `;ext=…` if there is one. */
  stored: string;
}

/** A trailing extension as people write it in China: 转 8012, 分机 8012, ext. 8012, x8012, #8012, -8012. */
const EXTENSION = /^(.*\d)\s*(?:转|分机|ext\.?|x|#|-|－|—)\s*(\d{1,6})$/iu;

/** What a typed telephone number may hold (after NFKC): digits, +, spaces, hyphens, dots, brackets, and an extension. */
const PHONE_CHARACTERS = /^[+\d\s\-().－—]+(?:(?:转|分机|ext\.?|x|#)\s*\d{1,6})?$/iu;

function valid(input: string) {
  const number = parsePhoneNumberFromString(input, 'CN');
  return number?.isValid() ? number : null;
}

/**
 * Reads a telephone number the way a citizen types it: mainland mobiles and landlines with or without
 * +86 / 0086, spaces, hyphens, brackets and full-width digits (NFKC), an extension, the 400 and 800
 * service numbers, and numbers of Hong Kong, Macao, Taiwan (and elsewhere) with their country code.
 * Valid means valid in the numbering plans libphonenumber keeps (ITU-T E.164 and each country's
 * published plan): 00000000000 or a 10-digit "mobile" is not a number. Null when it is not one.
 */
export function parsePhone(input: string): Phone | null {
  const typed = input.normalize('NFKC').trim();
  if (!PHONE_CHARACTERS.test(typed)) return null;
  const number = valid(typed);
  if (number) {
    const e164 = number.number;
    return { e164, stored: number.ext ? `${e164};ext=${number.ext}` : e164 };
  }
  const split = EXTENSION.exec(typed);
  const main = split ? valid(split[1]!) : null;
  if (!split || !main) return null;
  return { e164: main.number, stored: `${main.number};ext=${split[2]}` };
}

/**
 * A stored number as an official reads and dials it: mainland numbers in the national format
 * (`139 1234 5678`, `0371 1234 5678 转 8012`), others with their country code (`+852 2123 4567`).
 * Text that is not a stored number (written before numbers were normalised) is returned as it is.
 */
export function formatPhone(stored: string): string {
  const [number = '', extension] = stored.split(';ext=');
  const parsed = number.startsWith('+') ? parsePhoneNumberFromString(number) : undefined;
  if (!parsed) return stored;
  const main = parsed.countryCallingCode === '86' ? parsed.formatNational() : parsed.formatInternational();
  return extension ? `${main} 转 ${extension}` : main;
}
