import { env } from 'cloudflare:workers';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { createCipher } from '../lib/crypto';
import { acceptedTotpStep, newTotpSecret, openTotpSecret, sealTotpSecret, totpStep, totpUri } from './totp';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890"; 8-digit codes there, their last 6 here.
const RFC_SECRET = Secret.fromLatin1('12345678901234567890').base32;
const at = (seconds: number) => new Date(seconds * 1000);

describe('TOTP', () => {
  it('accepts the RFC 6238 test vectors', () => {
    expect(acceptedTotpStep(RFC_SECRET, '287082', null, at(59))).toBe(1);
    expect(acceptedTotpStep(RFC_SECRET, '081804', null, at(1111111109))).toBe(37037036);
    expect(acceptedTotpStep(RFC_SECRET, '050471', null, at(1111111111))).toBe(37037037);
    expect(acceptedTotpStep(RFC_SECRET, '005924', null, at(1234567890))).toBe(41152263);
  });

  it('accepts one step either side and no more', () => {
    const secret = newTotpSecret();
    const now = at(1_800_000_000);
    const code = (seconds: number) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: seconds * 1000 });
    const step = totpStep(now);
    expect(acceptedTotpStep(secret, code(1_800_000_000 - 30), null, now)).toBe(step - 1);
    expect(acceptedTotpStep(secret, code(1_800_000_000 + 30), null, now)).toBe(step + 1);
    expect(acceptedTotpStep(secret, code(1_800_000_000 - 60), null, now)).toBeNull();
    expect(acceptedTotpStep(secret, code(1_800_000_000 + 60), null, now)).toBeNull();
  });

  it('refuses a code whose step was already used, or an earlier one', () => {
    const secret = newTotpSecret();
    const now = at(1_800_000_000);
    const current = new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: now.getTime() });
    const step = acceptedTotpStep(secret, current, null, now)!;
    expect(acceptedTotpStep(secret, current, step, now)).toBeNull();
    expect(acceptedTotpStep(secret, current, step + 1, now)).toBeNull();
    expect(acceptedTotpStep(secret, current, step - 1, now)).toBe(step);
  });

  it('makes distinct 160-bit secrets and an otpauth URI naming the service and the account', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, 'chief@county.example.gov.cn', '示范县人民政府'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Liuyan:chief@county.example.gov.cn');
    expect(uri.searchParams.get('issuer')).toBe('示范县人民政府');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
  });

  it('seals secrets for one account only', async () => {
    const cipher = await createCipher(env.DATA_KEY);
    const secret = newTotpSecret();
    const sealed = await sealTotpSecret(cipher, 'a_one', secret);
    expect(sealed).not.toContain(secret);
    expect(await openTotpSecret(cipher, 'a_one', sealed)).toBe(secret);
    await expect(openTotpSecret(cipher, 'a_two', sealed)).rejects.toThrow();
  });
});
