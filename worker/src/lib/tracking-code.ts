import { TRACKING_CODE_ALPHABET as ALPHABET, TRACKING_CODE_LENGTH as LENGTH, formatTrackingCode } from '../../../sdk/src/tracking-code';
import { keyedHash } from './crypto';

export { normalizeTrackingCode } from '../../../sdk/src/tracking-code';

/** A new tracking code, `XXXX-XXXX-XXXX-XXXX` from the 32 symbols of `sdk/src/tracking-code.ts`. */
export function newTrackingCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(LENGTH));
  const symbols = [...bytes].map((b) => ALPHABET[b & 31]).join('');
  return formatTrackingCode(symbols);
}

/** What is stored and looked up instead of the code: a keyed hash of its canonical form. */
export function trackingCodeHash(hashKey: string, siteId: string, canonical: string): Promise<string> {
  return keyedHash(hashKey, `tracking:${siteId}:${canonical}`);
}
