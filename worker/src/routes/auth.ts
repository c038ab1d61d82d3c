import { createRoute } from '@hono/zod-openapi';
import { OfficialProfileSchema, SignInInputSchema } from '../../../sdk/src/schemas/auth';
import { matchForm } from '../../../sdk/src/text';
import { newRouteGroup } from '../app';
import { PBKDF2_ITERATIONS, verifyPassword, type PasswordHash } from '../auth/password';
import { startSession } from '../auth/session';
import { allowedSignInAttempt, signInSucceeded } from '../auth/sign-in-throttle';
import { acceptedTotpStep, openTotpSecret, spendTotpStep } from '../auth/totp';
import { databaseFor } from '../db/client';
import { findSite } from '../db/sites';
import { ApiError } from '../errors';
import { createCipher } from '../lib/crypto';
import { officialProfile } from './console-account';
import { bodyErrorResponses, problem } from './openapi-common';

export const auth = newRouteGroup();

/**
 * Checked when no account has the email: the same PBKDF2 work as a wrong password, so neither the
 * answer nor its timing tells which emails have accounts. No password derives to this hash.
 */
const NO_ACCOUNT: PasswordHash = {
  hash: 'bm8gYWNjb3VudCBoYXMgdGhpcyBlbWFpbC4uLi4uLi4=',
  salt: 'bGl1eWFuLW5vLWFjY291bnQ=',
  iterations: PBKDF2_ITERATIONS,
};

const signIn = createRoute({
  operationId: 'signIn',
  method: 'post',
  path: '/v1/auth/sign-in',
  summary: 'Signs an official in with email, password and (once enrolled) an authenticator code; sets the session cookie',
  request: { body: { required: true, content: { 'application/json': { schema: SignInInputSchema } } } },
  responses: {
    200: {
      description: 'signed in: the `__Host-liuyan_session` cookie is set (HttpOnly, Secure, SameSite=Strict, 12 hours); '
        + 'with `mustChangePassword`, only the password change, /me and sign-out answer until it is changed',
      content: { 'application/json': { schema: OfficialProfileSchema } },
    },
    401: problem('sign_in_failed: the same answer for an unknown email, a wrong password, a disabled account, and a missing, wrong or used authenticator code'),
    403: problem('not from the console’s own origin'),
    422: problem('invalid fields (`code` invalid_code when it is not six digits)'),
    429: problem('too_many_attempts: wait the seconds in Retry-After'),
    500: problem('the service could not answer'),
    ...bodyErrorResponses,
  },
});

auth.openapi(signIn, async (c) => {
  const input = c.req.valid('json');
  const now = new Date();
  const db = databaseFor(c.env, input.site);
  // Emails are compared in match form: typed in full width or another case, they are the same address.
  const email = matchForm(input.email);

  const attempt = await allowedSignInAttempt(c, db, c.env.HASH_KEY, { site: input.site, email }, now);

  const account = await db.first(
    db.q.selectFrom('accounts')
      .select(['id', 'email', 'display_name', 'role', 'password_hash', 'password_salt', 'password_iterations', 'totp_secret_enc', 'totp_last_step', 'disabled', 'must_change_password'])
      .where('site_id', '=', input.site)
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email)),
  );
  const stored = account ? { hash: account.password_hash, salt: account.password_salt, iterations: account.password_iterations } : NO_ACCOUNT;
  const passwordRight = await verifyPassword(input.password, stored);
  if (!account || !passwordRight || account.disabled) throw new ApiError('sign_in_failed');

  // Right password. With a second factor, the code decides; each wrong code is a counted failure. A
  // missing, wrong or used code is answered exactly as a wrong password is: whoever lacks the second
  // factor must not learn that the password was right.
  let usedStep: number | null = null;
  if (account.totp_secret_enc) {
    const secret = await openTotpSecret(await createCipher(c.env.DATA_KEY), account.id, account.totp_secret_enc);
    usedStep = input.code === undefined ? null : acceptedTotpStep(secret, input.code, account.totp_last_step, now);
    if (usedStep === null) throw new ApiError('sign_in_failed');
  }

  const site = await findSite(db, input.site);
  if (!site) throw new ApiError('sign_in_failed');
  if (usedStep !== null) {
    if (!(await spendTotpStep(db, account.id, usedStep))) throw new ApiError('sign_in_failed');
  }
  await signInSucceeded(db, attempt);
  await startSession(c, db, account.id, now);
  const profile = await officialProfile(db, {
    id: account.id, email: account.email, displayName: account.display_name, role: account.role, totpEnabled: account.totp_secret_enc !== null,
    mustChangePassword: account.must_change_password === 1,
  }, site);
  return c.json(profile, 200);
});

