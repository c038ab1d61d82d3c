import { describe, expect, it } from 'vitest';
import { createCipher, keyedHash, newId } from './crypto';

function randomKey(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
}

describe('createCipher', () => {
  it('opens what it sealed', async () => {
    const cipher = await createCipher(randomKey());
    for (const plain of ['陈明', '13912345678', 'chenming@example.com', '']) {
      expect(await cipher.decrypt(await cipher.encrypt(plain, 'm_1:name'), 'm_1:name')).toBe(plain);
    }
  });

  it('seals the same text differently every time, and never in the clear', async () => {
    const cipher = await createCipher(randomKey());
    const a = await cipher.encrypt('13912345678', 'm_1:phone');
    const b = await cipher.encrypt('13912345678', 'm_1:phone');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13912345678');
    expect(a.startsWith('v1:')).toBe(true);
  });

  it('refuses to open a ciphertext under another context (moved to another row or field)', async () => {
    const cipher = await createCipher(randomKey());
    const sealed = await cipher.encrypt('陈明', 'm_1:name');
    await expect(cipher.decrypt(sealed, 'm_2:name')).rejects.toThrow();
    await expect(cipher.decrypt(sealed, 'm_1:phone')).rejects.toThrow();
  });

  it('refuses to open with another key, or a tampered ciphertext', async () => {
    const sealed = await (await createCipher(randomKey())).encrypt('陈明', 'm_1:name');
    await expect((await createCipher(randomKey())).decrypt(sealed, 'm_1:name')).rejects.toThrow();
    const cipher = await createCipher(randomKey());
    const own = await cipher.encrypt('陈明', 'm_1:name');
    const [version, iv, data] = own.split(':');
    const flipped = data!.startsWith('A') ? `B${data!.slice(1)}` : `A${data!.slice(1)}`;
    await expect(cipher.decrypt(`${version}:${iv}:${flipped}`, 'm_1:name')).rejects.toThrow();
    await expect(cipher.decrypt('not a ciphertext', 'm_1:name')).rejects.toThrow();
  });

  it('refuses a key that is not 32 bytes', async () => {
    await expect(createCipher(btoa('too short'))).rejects.toThrow(/DATA_KEY/);
    await expect(createCipher('')).rejects.toThrow(/DATA_KEY/);
  });
});

describe('keyedHash', () => {
  it('is stable for a key and a value', async () => {
    const key = randomKey();
    const hash = await keyedHash(key, 'tracking:demo:K7QM4XPH9TRW2CVL');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await keyedHash(key, 'tracking:demo:K7QM4XPH9TRW2CVL')).toBe(hash);
  });

  it('depends on the key and on the value', async () => {
    const key = randomKey();
    const hash = await keyedHash(key, 'value');
    expect(await keyedHash(randomKey(), 'value')).not.toBe(hash);
    expect(await keyedHash(key, 'value2')).not.toBe(hash);
  });

  it('is HMAC-SHA256 of the value under the key, in hex', async () => {
    const keyBytes = new Uint8Array(32).fill(7);
    const key = btoa(String.fromCharCode(...keyBytes));
    const reference = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const expected = [...new Uint8Array(await crypto.subtle.sign('HMAC', reference, new TextEncoder().encode('陈明')))]
      .map((b) => b.toString(16).padStart(2, '0')).join('');
    expect(await keyedHash(key, '陈明')).toBe(expected);
  });

  it('refuses a key that is not 32 bytes', async () => {
    await expect(keyedHash(btoa('short'), 'x')).rejects.toThrow(/HASH_KEY/);
  });
});

describe('newId', () => {
  it('makes distinct, prefixed, lowercase ids', () => {
    const ids = Array.from({ length: 500 }, () => newId('m'));
    for (const id of ids) expect(id).toMatch(/^m_[a-z2-9]{16}$/);
    expect(new Set(ids).size).toBe(500);
  });
});
