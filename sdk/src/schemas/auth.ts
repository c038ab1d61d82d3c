import { z } from 'zod';
import { LIMITS } from './common';
import { RoleSchema } from './console';
import { UnitRefSchema } from './message';
import { withCode } from './error';
import { isLongAndVaried, PASSWORD_RULES } from '../password';

// Officials signing in: POST /v1/auth/sign-in, and their own account under /v1/console/.


/** A code from an authenticator app (RFC 6238): six digits, spaces tolerated as apps show `123 456`. */
const TotpCodeSchema = z.string()
  .transform((code) => code.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, withCode('invalid_code')));

/**
 * `POST /v1/auth/sign-in`. The email is matched without regard to case; `code` is needed once the
 * account has a second factor; `site` only when the email has accounts on several sites (the answer
 * is then 409 `site_required`, naming the sites the credentials are right for).
 */
export const SignInInputSchema = z.object({
  site: z.string().min(1).max(64).optional().describe('site id, e.g. `demo`; needed only when the email has accounts on several sites'),
  email: z.string().trim().min(1).max(LIMITS.emailMax),
  password: z.string().min(1).max(200),
  code: TotpCodeSchema.optional().describe('six digits from the authenticator app'),
});
export type SignInInput = z.input<typeof SignInInputSchema>;


/** The signed-in official, as `GET /v1/console/me` and sign-in answer it. */
export const OfficialProfileSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  units: z.array(UnitRefSchema).describe('units a responder answers for (their sub-units included)'),
  totpEnabled: z.boolean(),
  site: z.object({ id: z.string(), name: z.string() }),
  mustChangePassword: z.boolean()
    .describe('an admin set the password: until the official chooses one, only /me, the password change and sign-out answer'),
});
export type OfficialProfile = z.infer<typeof OfficialProfileSchema>;

/** `POST /v1/console/totp/enrol`: the secret to add to an authenticator app, shown once. */
export const TotpEnrolmentSchema = z.object({
  secret: z.string().describe('base32, for typing into the app'),
  uri: z.string().describe('otpauth:// URI, for a QR code'),
});
export type TotpEnrolment = z.infer<typeof TotpEnrolmentSchema>;

/**
 * `POST /v1/console/totp/enrol`: who adds an authenticator must prove to be the official, not just to
 * hold their session: the password, and the current code once a second factor is on (else a stolen
 * session could replace the authenticator and lock the official out for good).
 */
export const TotpEnrolInputSchema = z.object({
  password: z.string().min(1).max(200),
  code: TotpCodeSchema.optional().describe('a code from the authenticator in use; needed when the second factor is on'),
});
export type TotpEnrolInput = z.input<typeof TotpEnrolInputSchema>;

/** `POST /v1/console/totp/confirm`: the first code proves the app holds the secret. */
export const TotpConfirmInputSchema = z.object({ code: TotpCodeSchema });
export type TotpConfirmInput = z.input<typeof TotpConfirmInputSchema>;

/**
 * A password an admin sets for an account: 12 characters or more, 6 of them different (said with the
 * other fields' problems as `weak_password`); the service also refuses the account's own email.
 */
export const NewPasswordSchema = z.string().min(1).max(PASSWORD_RULES.maxLength).refine(isLongAndVaried, withCode('weak_password'));

/**
 * `POST /v1/console/password`: the official's own new password, with the current one (a session
 * alone must not be able to change it). The new one follows the rules of account creation.
 */
export const ChangePasswordInputSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  // Its strength is checked after the current password, not by the schema: a wrong current password
  // and a weak new one are then said together.
  newPassword: z.string().min(1).max(PASSWORD_RULES.maxLength).describe('at least 12 characters, 6 of them different, not the email, not the current password'),
});
export type ChangePasswordInput = z.input<typeof ChangePasswordInputSchema>;
