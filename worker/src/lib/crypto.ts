// Web Crypto helpers: AES-GCM for personal data at rest, HMAC for lookups by secret values.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function toHex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function keyBytes(secret: string, name: string): Uint8Array<ArrayBuffer> {
  const bytes = secret ? fromBase64(secret) : new Uint8Array(0);
  if (bytes.length !== 32) throw new Error(`${name} must be base64 of 32 bytes`);
  return bytes;
}

/**
 * Imported keys, by algorithm and secret: a submission seals four fields and makes six keyed hashes,
 * and each imported the same 32 bytes again (bench/README.md, "Submit"). An entry is a value derived
 * from a secret of the deployment, the same for every request, so keeping it in the isolate changes
 * nothing a request sees; a rotated secret is a new entry. Bounded: a deployment has a handful of secrets.
 */
const importedKeys = new Map<string, CryptoKey>();
const MAX_IMPORTED_KEYS = 16;

/** The key of `secret` (base64 of 32 bytes) for `name`'s algorithm; throws for a malformed secret. */
async function importedKey(secret: string, name: 'DATA_KEY' | 'HASH_KEY'): Promise<CryptoKey> {
  const id = `${name}:${secret}`;
  const kept = importedKeys.get(id);
  if (kept) return kept;
  // The key, not the promise of it, is kept: a promise must not be shared between requests.
  const bytes = keyBytes(secret, name);
  const key = name === 'DATA_KEY'
    ? await crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt'])
    : await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  if (importedKeys.size >= MAX_IMPORTED_KEYS) importedKeys.clear();
  importedKeys.set(id, key);
  return key;
}

export interface Cipher {
  /** `context` (e.g. message id + field) is authenticated: a ciphertext moved to another row will not open. */
  encrypt(plain: string, context: string): Promise<string>;
  decrypt(sealed: string, context: string): Promise<string>;
}

const VERSION = 'v1';

export async function createCipher(secret: string): Promise<Cipher> {
  const key = await importedKey(secret, 'DATA_KEY');
  return {
    async encrypt(plain, context) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(context) }, key, encoder.encode(plain));
      return `${VERSION}:${toBase64(iv)}:${toBase64(new Uint8Array(sealed))}`;
    },
    async decrypt(sealed, context) {
      const [version, iv, data] = sealed.split(':');
      if (version !== VERSION || !iv || !data) throw new Error('unknown ciphertext format');
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(iv), additionalData: encoder.encode(context) }, key, fromBase64(data));
      return decoder.decode(plain);
    },
  };
}

/** HMAC-SHA256, hex: a value that can be looked up but not reversed or guessed without the key. */
export async function keyedHash(secret: string, value: string): Promise<string> {
  const key = await importedKey(secret, 'HASH_KEY');
  return toHex(await crypto.subtle.sign('HMAC', key, encoder.encode(value)));
}

/** SHA-256 of `data` (text as UTF-8), as 64 lowercase hex characters: a content's fingerprint, no secret. */
export async function sha256Hex(data: string | Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', typeof data === 'string' ? encoder.encode(data) : data));
}

/** Random identifier with a readable prefix, e.g. `m_k3v9…` (lowercase base32, 80 bits). */
export function newId(prefix: string): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let id = '';
  for (const b of bytes) id += alphabet[b & 31];
  return `${prefix}_${id}`;
}
