// Officials' passwords: PBKDF2-SHA256 (Web Crypto, the only KDF workerd offers) with a random salt per
// account. The iteration count is stored beside each hash so it can be raised later without locking
// anyone out: a hash made with fewer iterations still verifies.

import { checkPasswordStrength, PASSWORD_RULES } from '../../../sdk/src/password';

/**
 * The most Cloudflare's workerd allows. In production it refuses a PBKDF2 call above 100,000 iterations
 * (`NotSupportedError: Pbkdf2 failed: iteration counts above 100000 are not supported`), through the
 * isolate limit enforcer's `checkKdfIterations`. The open-source workerd that `wrangler dev` and the
 * worker tests run does not enforce it: measured there, 100,001 and 100,000,000 (14.6 s) both succeed and
 * only counts above 2^31-1 are refused. So a larger count would pass every local test and then fail
 * every sign-in once deployed; `password.test.ts` pins the count to the production cap.
 */
export const PBKDF2_ITERATIONS = 100_000;

export const MIN_PASSWORD_LENGTH = PASSWORD_RULES.minLength;

export interface PasswordHash {
  hash: string;
  salt: string;
  iterations: number;
}

const encoder = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, PBKDF2_ITERATIONS);
  return { hash: toBase64(hash), salt: toBase64(salt), iterations: PBKDF2_ITERATIONS };
}

/** Compares every byte whatever the first difference, so timing does not tell how close a guess was. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = fromBase64(stored.hash);
  const actual = await derive(password, fromBase64(stored.salt), stored.iterations);
  if (actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= actual[i]! ^ expected[i]!;
  return diff === 0;
}

// The rule the console checks too (sdk/src/password.ts); its length and variety are also in the
// requests' schemas, so they are said beside the other fields' problems.
export { checkPasswordStrength };

// Temporary passwords: 16 symbols from 32 unambiguous ones (no 0/O, no 1/I) = 80 bits, read out by
// phone or copied by hand as XXXX-XXXX-XXXX-XXXX; the official replaces it at the next sign-in.
const TEMPORARY_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A new temporary password (19 characters with its dashes, so it passes `checkPasswordStrength`). */
export function newTemporaryPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => TEMPORARY_ALPHABET[b & 31]).join('').match(/.{4}/g)!.join('-');
}
