import { createRoute } from '@hono/zod-openapi';
import { ChangePasswordInputSchema, OfficialProfileSchema, TotpConfirmInputSchema, TotpEnrolInputSchema, TotpEnrolmentSchema, type OfficialProfile } from '../../../sdk/src/schemas/auth';
import { newRouteGroup } from '../app';
import type { Role } from '../auth/official';
import { checkPasswordStrength, hashPassword, verifyPassword } from '../auth/password';
import { endSession, sessionHash, sessionToken } from '../auth/session';
import { allowedSignInAttempt, signInSucceeded } from '../auth/sign-in-throttle';
import { revokeSessions } from '../db/accounts';
import { auditEntry } from '../db/admin';
import { acceptedTotpStep, newTotpSecret, openTotpSecret, sealTotpSecret, spendTotpStep, totpUri } from '../auth/totp';
import { sharedDatabase, type SiteDatabase } from '../db/client';
import { validationError, type FieldProblem } from '../errors';
import { createCipher } from '../lib/crypto';
import { bodyErrorResponses, problem, problemWithRetryAfter } from './openapi-common';

// The signed-in official's own account: who am I, sign out, their password, and the second factor.

export const consoleAccount = newRouteGroup();

const errorResponses = {
  401: problem('not signed in'),
  403: problem('not from the console’s own origin'),
  500: problem('the service could not answer'),
};

const profileResponse = { description: 'the signed-in official', content: { 'application/json': { schema: OfficialProfileSchema } } };

/** What the console shows of an account: its units by name, whether it has a second factor, whether it must change its password. */
export async function officialProfile(
  db: SiteDatabase,
  account: { id: string; email: string; displayName: string; role: Role; totpEnabled: boolean; mustChangePassword: boolean },
  site: { id: string; name: string },
): Promise<OfficialProfile> {
  const units = await db.all(
    db.q.selectFrom('account_units as au')
      .innerJoin('units as u', 'u.id', 'au.unit_id')
      .select(['u.id', 'u.name'])
      .where('au.account_id', '=', account.id)
      .orderBy('u.sort_order').orderBy('u.id'),
  );
  return {
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    role: account.role,
    units,
    totpEnabled: account.totpEnabled,
    site: { id: site.id, name: site.name },
    mustChangePassword: account.mustChangePassword,
  };
}

const me = createRoute({
  operationId: 'getOwnAccount',
  method: 'get',
  path: '/v1/console/me',
  summary: 'The signed-in official: role, units, site, second factor',
  responses: { 200: profileResponse, ...errorResponses },
});

consoleAccount.openapi(me, async (c) => c.json(await officialProfile(c.get('db'), c.get('official'), c.get('site')), 200));

const signOut = createRoute({
  operationId: 'signOut',
  method: 'post',
  path: '/v1/console/sign-out',
  summary: 'Ends this session: the cookie is cleared and the session can no longer be used',
  responses: { 204: { description: 'signed out' }, ...errorResponses, ...bodyErrorResponses },
});

consoleAccount.openapi(signOut, async (c) => {
  await endSession(c, c.get('db'));
  return c.body(null, 204);
});

const changePassword = createRoute({
  operationId: 'changeOwnPassword',
  method: 'post',
  path: '/v1/console/password',
  summary: 'Changes the official’s own password, with the current one (audited). Every other session of the account ends; '
    + 'this one stays, and a password an admin set no longer has to be changed',
  request: { body: { required: true, content: { 'application/json': { schema: ChangePasswordInputSchema } } } },
  responses: {
    200: profileResponse,
    422: problem('`currentPassword` wrong_password; `newPassword` weak_password (under 12 characters, or the email) or same_password'),
    429: problemWithRetryAfter('too_many_attempts: guesses at the current password are slowed as at sign-in; wait the seconds in Retry-After'),
    ...errorResponses,
    ...bodyErrorResponses,
  },
});

consoleAccount.openapi(changePassword, async (c) => {
  const { currentPassword, newPassword } = c.req.valid('json');
  const official = c.get('official');
  const db = c.get('db');
  const now = new Date();
  // Guesses at the current password through a stolen session are counted like sign-in attempts.
  const attempt = await allowedSignInAttempt(c, sharedDatabase(c.env), c.env.HASH_KEY, { email: official.email, signedInAccount: official.id }, now);
  const account = (await db.first(db.q.selectFrom('accounts')
    .select(['password_hash', 'password_salt', 'password_iterations'])
    .where('id', '=', official.id)))!;
  const currentRight = await verifyPassword(currentPassword, { hash: account.password_hash, salt: account.password_salt, iterations: account.password_iterations });
  if (currentRight) await signInSucceeded(sharedDatabase(c.env), attempt);
  // The new password's problems do not depend on the current one: said together, fixed in one go.
  const problems: FieldProblem[] = [];
  if (!currentRight) problems.push({ field: 'currentPassword', code: 'wrong_password' });
  if (!checkPasswordStrength(newPassword, official.email)) problems.push({ field: 'newPassword', code: 'weak_password' });
  else if (currentRight && newPassword === currentPassword) problems.push({ field: 'newPassword', code: 'same_password' });
  if (problems.length > 0) throw validationError(problems);

  const password = await hashPassword(newPassword);
  const at = now.toISOString();
  const token = sessionToken(c);
  await db.batch([
    db.q.updateTable('accounts').set({
      password_hash: password.hash, password_salt: password.salt, password_iterations: password.iterations,
      must_change_password: 0, failed_sign_ins: 0, locked_until: null,
    }).where('id', '=', official.id),
    // Whoever signed in elsewhere with the old password (a thief, or a shared computer) is out now.
    revokeSessions(db, official.id, at, token ? await sessionHash(c.env.HASH_KEY, token) : undefined),
    auditEntry(db, { siteId: official.siteId, accountId: official.id, action: 'account.password_change', detail: { account: official.id }, at }),
  ]);
  return c.json(await officialProfile(db, { ...official, mustChangePassword: false }, c.get('site')), 200);
});

const enrol = createRoute({
  operationId: 'enrolTotp',
  method: 'post',
  path: '/v1/console/totp/enrol',
  summary: 'Starts adding (or replacing) an authenticator app, with the password and, once one is in use, its current code: '
    + 'a new secret, in effect only once a code confirms it',
  request: { body: { required: true, content: { 'application/json': { schema: TotpEnrolInputSchema } } } },
  responses: {
    200: { description: 'the secret, shown once, and its otpauth:// URI for a QR code', content: { 'application/json': { schema: TotpEnrolmentSchema } } },
    422: problem('`password` wrong_password, or `code` required / invalid_code'),
    429: problemWithRetryAfter('too_many_attempts: password and code guesses are slowed as at sign-in; wait the seconds in Retry-After'),
    ...errorResponses,
    ...bodyErrorResponses,
  },
});

consoleAccount.openapi(enrol, async (c) => {
  const input = c.req.valid('json');
  const official = c.get('official');
  const db = c.get('db');
  const now = new Date();
  // Guesses at the password (or code) through a stolen session are counted like sign-in attempts.
  const attempt = await allowedSignInAttempt(c, sharedDatabase(c.env), c.env.HASH_KEY, { email: official.email, signedInAccount: official.id }, now);
  const account = (await db.first(db.q.selectFrom('accounts')
    .select(['password_hash', 'password_salt', 'password_iterations', 'totp_secret_enc', 'totp_last_step'])
    .where('id', '=', official.id)))!;
  const passwordRight = await verifyPassword(input.password, { hash: account.password_hash, salt: account.password_salt, iterations: account.password_iterations });
  if (!passwordRight) throw validationError([{ field: 'password', code: 'wrong_password' }]);
  const cipher = await createCipher(c.env.DATA_KEY);
  if (account.totp_secret_enc) {
    if (input.code === undefined) throw validationError([{ field: 'code', code: 'required' }]);
    const inUse = await openTotpSecret(cipher, official.id, account.totp_secret_enc);
    const step = acceptedTotpStep(inUse, input.code, account.totp_last_step, now);
    if (step === null || !(await spendTotpStep(db, official.id, step))) throw validationError([{ field: 'code', code: 'invalid_code' }]);
  }
  await signInSucceeded(sharedDatabase(c.env), attempt);
  const secret = newTotpSecret();
  // A second enrolment replaces an unconfirmed one; a confirmed secret stays in force until the
  // new one is confirmed, so an abandoned enrolment never locks anyone out.
  await db.run(db.q.updateTable('accounts')
    .set({ totp_pending_enc: await sealTotpSecret(cipher, official.id, secret) })
    .where('id', '=', official.id));
  return c.json({ secret, uri: totpUri(secret, official.email, c.get('site').name) }, 200);
});

const confirm = createRoute({
  operationId: 'confirmTotp',
  method: 'post',
  path: '/v1/console/totp/confirm',
  summary: 'Turns the second factor on with the first code from the app; sign-in asks for a code from then on',
  request: { body: { required: true, content: { 'application/json': { schema: TotpConfirmInputSchema } } } },
  responses: {
    200: profileResponse,
    422: problem('`code` is wrong, or no enrolment was started'),
    ...errorResponses,
    ...bodyErrorResponses,
  },
});

consoleAccount.openapi(confirm, async (c) => {
  const { code } = c.req.valid('json');
  const official = c.get('official');
  const db = c.get('db');
  const invalidCode = () => validationError([{ field: 'code', code: 'invalid_code' }]);
  const account = await db.first(db.q.selectFrom('accounts').select(['totp_pending_enc', 'totp_last_step']).where('id', '=', official.id));
  if (!account?.totp_pending_enc) throw invalidCode();
  const secret = await openTotpSecret(await createCipher(c.env.DATA_KEY), official.id, account.totp_pending_enc);
  const step = acceptedTotpStep(secret, code, account.totp_last_step, new Date());
  if (step === null) throw invalidCode();
  // Only if the pending secret is still the one this code was checked against.
  const result = await db.run(db.q.updateTable('accounts')
    .set({ totp_secret_enc: account.totp_pending_enc, totp_pending_enc: null, totp_last_step: step })
    .where('id', '=', official.id)
    .where('totp_pending_enc', '=', account.totp_pending_enc));
  if (result.meta.changes !== 1) throw invalidCode();
  await db.run(auditEntry(db, { siteId: official.siteId, accountId: official.id, action: 'account.totp_enable', detail: { account: official.id }, at: new Date().toISOString() }));
  return c.json(await officialProfile(db, { ...official, totpEnabled: true }, c.get('site')), 200);
});

