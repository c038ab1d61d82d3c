import { createRoute } from '@hono/zod-openapi';
import { OfficialProfileSchema, SignInInputSchema } from '../../../sdk/src/schemas/auth';
import { matchForm } from '../../../sdk/src/text';
import { newRouteGroup } from '../app';
import { PBKDF2_ITERATIONS, verifyPassword, type PasswordHash } from '../auth/password';
import type { Role } from '../auth/official';
import { startSession } from '../auth/session';
import { allowedSignInAttempt, deviceTag, deviceTags, rememberDevice, signInSucceeded } from '../auth/sign-in-throttle';
import { acceptedTotpStep, openTotpSecret, spendTotpStep } from '../auth/totp';
import { databaseFor, databaseNameFor, namedDatabases, sharedDatabase, type SiteDatabase } from '../db/client';
import { findSite } from '../db/sites';
import type { Env } from '../env';
import { ApiError } from '../errors';
import { createCipher } from '../lib/crypto';
import { officialProfile } from './console-account';
import { bodyErrorResponses, problem, problemWithRetryAfter } from './openapi-common';

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
  summary: 'Signs an official in with email, password and (once enrolled) an authenticator code; the site only when the email has accounts on several; sets the session cookie',
  request: { body: { required: true, content: { 'application/json': { schema: SignInInputSchema } } } },
  responses: {
    200: {
      description: 'signed in: the `__Host-liuyan_session` cookie is set (HttpOnly, Secure, SameSite=Strict, 12 hours); '
        + 'with `mustChangePassword`, only the password change, /me and sign-out answer until it is changed',
      content: { 'application/json': { schema: OfficialProfileSchema } },
    },
    401: problem('sign_in_failed: the same answer for an unknown email, a wrong password, a disabled account, and a missing, wrong or used authenticator code'),
    403: problem('not from the console’s own origin'),
    409: problem('site_required: these credentials are right on several sites; `sites` lists their ids and names: send one as `site`'),
    422: problem('invalid fields (`code` invalid_code when it is not six digits)'),
    429: problemWithRetryAfter('too_many_attempts: wait the seconds in Retry-After'),
    500: problem('the service could not answer'),
    ...bodyErrorResponses,
  },
});

/** An account the sign-in may be for, with the database of its site. */
interface Candidate {
  db: SiteDatabase;
  id: string;
  siteId: string;
  email: string;
  displayName: string;
  role: Role;
  password: PasswordHash;
  totpSecretEnc: string | null;
  totpLastStep: number | null;
  disabled: boolean;
  /** An admin set the password: it must be changed before anything else. */
  mustChangePassword: boolean;
}

/** The most accounts one email may have across sites that a sign-in looks at (a bound on rows read). */
const MAX_SITES_PER_EMAIL = 20;

/**
 * The accounts with this email (in match form): on `siteId` only, or on every site of every database,
 * each read through the `accounts_by_email` index. A row in a database its site is not configured
 * for (left behind by a move) is ignored.
 */
async function candidatesFor(env: Env, email: string, siteId: string | undefined): Promise<Candidate[]> {
  const databases = siteId === undefined
    ? namedDatabases(env)
    : [{ name: databaseNameFor(env, siteId), db: databaseFor(env, siteId) }];
  const found = await Promise.all(databases.map(async ({ name, db }) => {
    let query = db.q.selectFrom('accounts')
      .select(['id', 'site_id', 'email', 'display_name', 'role', 'password_hash', 'password_salt', 'password_iterations', 'totp_secret_enc', 'totp_last_step', 'disabled', 'must_change_password'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .orderBy('site_id')
      .limit(MAX_SITES_PER_EMAIL);
    if (siteId !== undefined) query = query.where('site_id', '=', siteId);
    const rows = await db.all(query);
    return rows.filter((row) => databaseNameFor(env, row.site_id) === name).map((row): Candidate => ({
      db, id: row.id, siteId: row.site_id, email: row.email, displayName: row.display_name, role: row.role,
      password: { hash: row.password_hash, salt: row.password_salt, iterations: row.password_iterations },
      totpSecretEnc: row.totp_secret_enc, totpLastStep: row.totp_last_step, disabled: row.disabled !== 0,
      mustChangePassword: row.must_change_password === 1,
    }));
  }));
  return found.flat();
}

auth.openapi(signIn, async (c) => {
  const input = c.req.valid('json');
  const now = new Date();
  // Emails are compared in match form: typed in full width or another case, they are the same address.
  const email = matchForm(input.email);
  const candidates = await candidatesFor(c.env, email, input.site);

  // A browser that signed in to one of these accounts before is counted on its own (see sign-in-throttle.ts).
  const carried = deviceTags(c);
  const tags = await Promise.all(candidates.map((a) => deviceTag(c.env.HASH_KEY, { id: a.id, passwordHash: a.password.hash })));
  const trustedDevice = tags.find((tag) => carried.includes(tag)) ?? null;
  // Throttling is counted in the default database whatever the site: one count per email and address.
  const attempt = await allowedSignInAttempt(c, sharedDatabase(c.env), c.env.HASH_KEY, { email, trustedDevice }, now);

  // Every candidate's password is checked (and one that matches nothing when there is none), so the
  // answer and its timing do not tell which emails have accounts.
  const passwordsRight = await Promise.all((candidates.length > 0 ? candidates.map((a) => a.password) : [NO_ACCOUNT])
    .map((stored) => verifyPassword(input.password, stored)));
  const cipher = await createCipher(c.env.DATA_KEY);
  // With a second factor, the code decides. A missing, wrong or used code is answered exactly as a
  // wrong password is: whoever lacks the second factor must not learn that the password was right.
  const proven: { account: Candidate; usedStep: number | null }[] = [];
  for (const [i, account] of candidates.entries()) {
    if (!passwordsRight[i] || account.disabled) continue;
    let usedStep: number | null = null;
    if (account.totpSecretEnc) {
      const secret = await openTotpSecret(cipher, account.id, account.totpSecretEnc);
      usedStep = input.code === undefined ? null : acceptedTotpStep(secret, input.code, account.totpLastStep, now);
      if (usedStep === null) continue;
    }
    proven.push({ account, usedStep });
  }
  if (proven.length === 0) throw new ApiError('sign_in_failed');

  const sites = await Promise.all(proven.map(({ account }) => findSite(account.db, account.siteId)));
  if (proven.length > 1) {
    // The same email and password on several sites: the official picks one. Only sites the
    // credentials (and codes) were proven for are named; nothing is spent, and this is no failure.
    await signInSucceeded(sharedDatabase(c.env), attempt);
    throw new ApiError('site_required', [], {
      sites: sites.flatMap((site) => (site ? [{ id: site.id, name: site.name }] : [])),
    });
  }
  const [{ account, usedStep }] = proven as [(typeof proven)[number]];
  const site = sites[0];
  if (!site) throw new ApiError('sign_in_failed');
  const db = account.db;
  if (usedStep !== null) {
    if (!(await spendTotpStep(db, account.id, usedStep))) throw new ApiError('sign_in_failed');
  }
  await signInSucceeded(sharedDatabase(c.env), attempt);
  await startSession(c, db, { siteId: site.id, accountId: account.id }, now);
  rememberDevice(c, tags[candidates.indexOf(account)]!);
  const profile = await officialProfile(db, {
    id: account.id, email: account.email, displayName: account.displayName, role: account.role, totpEnabled: account.totpSecretEnc !== null,
    mustChangePassword: account.mustChangePassword,
  }, site);
  return c.json(profile, 200);
});
