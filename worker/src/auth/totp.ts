// The second factor: TOTP (RFC 6238 — HMAC-SHA-1, six digits, 30-second steps), what every
// authenticator app speaks. Secrets are sealed with DATA_KEY, bound to their account, and each
// accepted code's time step is remembered so that a code seen over a shoulder or in a proxy log
// cannot be used again.
import { Secret, TOTP } from 'otpauth';
import type { SiteDatabase } from '../db/client';
import type { Cipher } from '../lib/crypto';

const PERIOD_SECONDS = 30;
/** One step either side: a phone clock half a minute off, or a code typed as it turns over. */
const WINDOW_STEPS = 1;
/** Shown before the account's email in the app's list, so officials know which service a code is for. */
const LABEL_PREFIX = 'Liuyan';

function totpOf(secretBase32: string, label = '', issuer = ''): TOTP {
  return new TOTP({ secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, label, issuer, issuerInLabel: false });
}

/** A new random secret (160 bits, the size RFC 4226 recommends for SHA-1), base32 as apps expect. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI a QR code carries: label `Liuyan:<email>`, issuer the site's name. */
export function totpUri(secretBase32: string, email: string, siteName: string): string {
  return totpOf(secretBase32, `${LABEL_PREFIX}:${email}`, siteName).toString();
}

/** The 30-second step a time falls in (what `accounts.totp_last_step` records). */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS);
}

/**
 * The step of a valid code, or null. A code is valid for the current step ±1, and only if its step
 * is later than `lastStep` — the step of the last code the account used — so no code works twice.
 */
export function acceptedTotpStep(secretBase32: string, code: string, lastStep: number | null, now: Date): number | null {
  const delta = totpOf(secretBase32).validate({ token: code, timestamp: now.getTime(), window: WINDOW_STEPS });
  if (delta === null) return null;
  const step = totpStep(now) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** Seals a secret for one account: a sealed secret copied to another account's row does not open. */
export function sealTotpSecret(cipher: Cipher, accountId: string, secretBase32: string): Promise<string> {
  return cipher.encrypt(secretBase32, `totp:${accountId}`);
}

export function openTotpSecret(cipher: Cipher, accountId: string, sealed: string): Promise<string> {
  return cipher.decrypt(sealed, `totp:${accountId}`);
}

/**
 * Records `step` as the account's last used one, only if no request used it (or a later one)
 * meanwhile: a code serves once, however many requests race with it. False when it was spent already.
 */
export async function spendTotpStep(db: SiteDatabase, accountId: string, step: number): Promise<boolean> {
  const result = await db.run(db.q.updateTable('accounts').set({ totp_last_step: step })
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)])));
  return result.meta.changes === 1;
}
