import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { newTrackingCode, normalizeTrackingCode, trackingCodeHash } from './tracking-code';

const FORMAT = /^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/;

describe('newTrackingCode', () => {
  const codes = Array.from({ length: 1000 }, () => newTrackingCode());

  it('is four groups of four symbols, with no 0, O, 1 or I', () => {
    for (const code of codes) expect(code).toMatch(FORMAT);
  });

  it('carries 80 bits: 16 symbols, each drawn from all 32 symbols', () => {
    const symbols = codes.map((code) => code.replaceAll('-', ''));
    for (const s of symbols) expect(s).toHaveLength(16);
    const seen = new Set(symbols.join(''));
    // 16 000 draws: every one of the 32 symbols shows up (missing one has odds of about 1e-219).
    expect(seen.size).toBe(32);
    expect(16 * Math.log2(seen.size)).toBe(80);
  });

  it('does not repeat over 1000 codes', () => {
    expect(new Set(codes).size).toBe(1000);
  });
});

describe('normalizeTrackingCode', () => {
  it('reads a code however the citizen typed it', () => {
    const canonical = 'K7QM4XPH9TRW2CVL';
    for (const typed of [
      'K7QM-4XPH-9TRW-2CVL', 'k7qm-4xph-9trw-2cvl', 'K7QM4XPH9TRW2CVL', 'K7QM 4XPH 9TRW 2CVL', '  k7qm4xph 9trw-2cvl ',
      'K7QM-4XPH-9TRW-2CV1', 'K7QM-4XPH-9TRW-2CVI', 'k7qm-4xph-9trw-2cvi',
      // Typed with a Chinese IME in full-width mode, or pasted with other dashes.
      'Ｋ７ＱＭ－４ＸＰＨ－９ＴＲＷ－２ＣＶＬ', '\u200bK7QM-4XPH-9TRW-2CVL\u200b', 'ｋ７ｑｍ－４ｘｐｈ－９ｔｒｗ－２ｃｖｌ', 'K7QM—4XPH—9TRW—2CVL', 'K7QM\u30004XPH\u30009TRW\u30002CVL',
    ]) {
      expect(normalizeTrackingCode(typed), typed).toBe(canonical);
    }
  });

  it('is what a fresh code reads as, without dashes', () => {
    const code = newTrackingCode();
    expect(normalizeTrackingCode(code)).toBe(code.replaceAll('-', ''));
  });

  it('reads a code pasted with words around it, when one code stands there', () => {
    for (const pasted of ['查询码：K7QM-4XPH-9TRW-2CVL', '您的查询码是 K7QM-4XPH-9TRW-2CVL，请妥善保存。', 'Tracking code: k7qm 4xph 9trw 2cvl', '【示范县】查询码K7QM4XPH9TRW2CVL',
      'Your tracking code is K7QM-4XPH-9TRW-2CVL please keep it']) {
      expect(normalizeTrackingCode(pasted), pasted).toBe('K7QM4XPH9TRW2CVL');
    }
    // Two codes, or a code cut short among words: nothing is guessed.
    expect(normalizeTrackingCode('K7QM-4XPH-9TRW-2CVL 和 ABCD-EFGH-JKMN-PQRS')).toBeNull();
    expect(normalizeTrackingCode('查询码：K7QM-4XPH')).toBeNull();
  });

  it('rejects codes of the wrong length', () => {
    expect(normalizeTrackingCode('K7QM-4XPH-9TRW-2CV')).toBeNull();
    expect(normalizeTrackingCode('K7QM-4XPH-9TRW-2CVLL')).toBeNull();
    expect(normalizeTrackingCode('')).toBeNull();
  });

  it('rejects 0 and O, which no code contains', () => {
    expect(normalizeTrackingCode('K7QM-4XPH-9TRW-2CV0')).toBeNull();
    expect(normalizeTrackingCode('K7QM-4XPH-9TRW-2CVO')).toBeNull();
    expect(normalizeTrackingCode('K7QM-4XPH-9TRW-2CV!')).toBeNull();
  });
});

describe('trackingCodeHash', () => {
  it('is the same for every typing of a code, and differs between sites', async () => {
    const a = await trackingCodeHash(env.HASH_KEY, 'site-a', normalizeTrackingCode('k7qm 4xph 9trw 2cv1')!);
    const b = await trackingCodeHash(env.HASH_KEY, 'site-a', normalizeTrackingCode('K7QM-4XPH-9TRW-2CVL')!);
    const otherSite = await trackingCodeHash(env.HASH_KEY, 'site-b', 'K7QM4XPH9TRW2CVL');
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(otherSite).not.toBe(a);
  });
});
