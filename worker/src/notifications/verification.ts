// Phone verification (验证码) of a submission, where a site asks for it: the code the delivery step
// sent to the author's phone, checked against its keyed hash.
import type { Compilable } from 'kysely';
import type { SiteDatabase } from '../db/client';
import type { FieldProblem } from '../errors';
import { verificationCodeHash } from './deliver';
import { phoneHash } from './store';

/** Wrong tries a code takes; after them it stops working and a new one must be asked for. */
export const VERIFICATION_MAX_TRIES = 5;

/** What the check found: a problem to report, or the statement that uses the code up (for the submission's batch). */
export type VerificationResult = { problem: FieldProblem } | { consume: Compilable<unknown> };

/**
 * Checks the code a submission carries for the author's phone (E.164): missing → `required`; none
 * live, expired or out of tries → `verification_expired`; wrong → `verification_failed` (the try is
 * counted at once). A right code is used up in the submission's own batch, so a submission that
 * fails keeps it. A retried submission (same Idempotency-Key) gets its first answer before this runs,
 * so it needs no second code.
 */
export async function checkVerificationCode(
  db: SiteDatabase, hashKey: string, siteId: string, e164: string, code: string | undefined, now: Date,
): Promise<VerificationResult> {
  const field = 'verificationCode';
  if (!code) return { problem: { field, code: 'required' } };
  const phoneKey = await phoneHash(hashKey, siteId, e164);
  const row = await db.first(db.q.selectFrom('verification_codes').select(['code_hash', 'expires_at', 'tries'])
    .where('site_id', '=', siteId).where('phone_hash', '=', phoneKey));
  if (!row || row.expires_at <= now.toISOString() || row.tries >= VERIFICATION_MAX_TRIES) return { problem: { field, code: 'verification_expired' } };
  const live = db.q.deleteFrom('verification_codes').where('site_id', '=', siteId).where('phone_hash', '=', phoneKey)
    .where('code_hash', '=', row.code_hash);
  if (row.code_hash === await verificationCodeHash(hashKey, siteId, phoneKey, code)) return { consume: live };
  await db.run(db.q.updateTable('verification_codes').set((eb) => ({ tries: eb('tries', '+', 1) }))
    .where('site_id', '=', siteId).where('phone_hash', '=', phoneKey));
  return { problem: { field, code: 'verification_failed' } };
}
