import { createRoute, z } from '@hono/zod-openapi';
import type { Compilable } from 'kysely';
import {
  AccountSchema, AdminIdParamsSchema, CreateAccountInputSchema, PasswordResetSchema, UpdateAccountInputSchema, type Account,
} from '../../../sdk/src/schemas/admin';
import { EmptyInputSchema } from '../../../sdk/src/schemas/console';
import { matchForm } from '../../../sdk/src/text';
import { newRouteGroup } from '../app';
import type { Role } from '../auth/official';
import { checkPasswordStrength, hashPassword, newTemporaryPassword } from '../auth/password';
import { sessionHash, sessionToken } from '../auth/session';
import { emailTaken, findSiteAccount, replaceAccountUnits, revokeSessions, siteAccounts } from '../db/accounts';
import { auditEntry } from '../db/admin';
import { knownUnitIds } from '../db/sites';
import type { SiteDatabase } from '../db/client';
import { ApiError, notFound, validationError, type FieldProblem } from '../errors';
import { newId } from '../lib/crypto';
import { bodyErrorResponses, officialErrorResponses } from './openapi-common';

export const adminAccounts = newRouteGroup();

const listAccounts = createRoute({
  operationId: 'listAccounts',
  method: 'get',
  path: '/v1/admin/accounts',
  summary: 'The site’s officials: role, units, whether disabled or using a second factor',
  responses: {
    200: { description: 'accounts by email', content: { 'application/json': { schema: z.array(AccountSchema) } } },
    ...officialErrorResponses,
  },
});

adminAccounts.openapi(listAccounts, async (c) => c.json(await siteAccounts(c.get('db'), c.get('site').id), 200));

/** Problems with the units an account would answer for: a responder needs one, and each must be the site's. */
async function unitProblems(db: SiteDatabase, siteId: string, role: Role, unitIds: readonly string[]): Promise<FieldProblem[]> {
  if (role === 'responder' && unitIds.length === 0) return [{ field: 'unitIds', code: 'required' }];
  if (unitIds.length === 0) return [];
  // Retired units count: their open messages still need someone to answer them.
  const known = await knownUnitIds(db, siteId, unitIds);
  return unitIds.flatMap((id, i): FieldProblem[] => (known.has(id) ? [] : [{ field: `unitIds.${i}`, code: 'unknown_unit' }]));
}

const isUniqueViolation = (error: unknown) => error instanceof Error && /UNIQUE constraint failed/i.test(error.message);

const createAccount = createRoute({
  operationId: 'createAccount',
  method: 'post',
  path: '/v1/admin/accounts',
  summary: 'Add an official with a first password (audited)',
  request: { body: { required: true, content: { 'application/json': { schema: CreateAccountInputSchema } } } },
  responses: {
    201: { description: 'the new account', content: { 'application/json': { schema: AccountSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

adminAccounts.openapi(createAccount, async (c) => {
  const input = c.req.valid('json');
  const siteId = c.get('site').id;
  const db = c.get('db');
  // Sign-in matches emails in match form (NFKC, lower case: ＡＤＭＩＮ＠… is admin@…); one spelling is kept.
  const email = matchForm(input.email);
  const [taken, problems] = await Promise.all([emailTaken(db, siteId, email), unitProblems(db, siteId, input.role, input.unitIds)]);
  if (taken) problems.unshift({ field: 'email', code: 'email_taken' });
  if (!checkPasswordStrength(input.password, email)) problems.push({ field: 'password', code: 'weak_password' });
  if (problems.length > 0) throw validationError(problems);

  const password = await hashPassword(input.password);
  const id = newId('a');
  const at = new Date().toISOString();
  try {
    await db.batch([
      db.q.insertInto('accounts').values({
        id, site_id: siteId, email, display_name: input.displayName, role: input.role,
        password_hash: password.hash, password_salt: password.salt, password_iterations: password.iterations,
        totp_secret_enc: null, totp_last_step: null, locked_until: null, created_at: at,
        // The admin knows the first password: the official replaces it at the first sign-in.
        must_change_password: 1,
      }),
      ...replaceAccountUnits(db, id, input.unitIds),
      auditEntry(db, { siteId, accountId: c.get('official').id, action: 'account.create', detail: { account: id, role: input.role }, at }),
    ]);
  } catch (error) {
    // Another admin added the same email a moment earlier.
    if (isUniqueViolation(error)) throw validationError([{ field: 'email', code: 'email_taken' }]);
    throw error;
  }
  return c.json((await findSiteAccount(db, siteId, id))!, 201);
});

const updateAccount = createRoute({
  operationId: 'updateAccount',
  method: 'patch',
  path: '/v1/admin/accounts/{id}',
  summary: 'Change an official’s name, role, units, password, or disable the account (audited); '
    + 'a change of role, units, password or disabled signs the account out everywhere; a password set here must be changed at the next sign-in',
  request: { params: AdminIdParamsSchema, body: { required: true, content: { 'application/json': { schema: UpdateAccountInputSchema } } } },
  responses: {
    200: { description: 'the account after the change', content: { 'application/json': { schema: AccountSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

adminAccounts.openapi(updateAccount, async (c) => {
  const { id } = c.req.valid('param');
  const input = c.req.valid('json');
  const siteId = c.get('site').id;
  const official = c.get('official');
  const db = c.get('db');
  const before = await findSiteAccount(db, siteId, id);
  if (!before) throw notFound();

  const problems: FieldProblem[] = [];
  const self = before.id === official.id;
  // An admin who locks themselves out may leave the site with no admin at all.
  if (self && input.role !== undefined && input.role !== 'admin') problems.push({ field: 'role', code: 'invalid' });
  if (self && input.disabled === true) problems.push({ field: 'disabled', code: 'invalid' });
  const after: Account = {
    ...before,
    ...(input.displayName !== undefined && { displayName: input.displayName }),
    ...(input.role !== undefined && { role: input.role }),
    ...(input.unitIds !== undefined && { unitIds: [...input.unitIds].sort() }),
    ...(input.disabled !== undefined && { disabled: input.disabled }),
  };
  if (input.unitIds !== undefined || after.role !== before.role) {
    problems.push(...await unitProblems(db, siteId, after.role, input.unitIds ?? before.unitIds));
  }
  if (input.password !== undefined && !checkPasswordStrength(input.password, before.email)) problems.push({ field: 'password', code: 'weak_password' });
  if (problems.length > 0) throw validationError(problems);

  const changed: string[] = (['displayName', 'role', 'unitIds', 'disabled'] as const)
    .filter((field) => JSON.stringify(after[field]) !== JSON.stringify(before[field]));
  if (input.password !== undefined) changed.push('password');
  if (input.resetSecondFactor && before.totpEnabled) changed.push('secondFactor');
  if (changed.length === 0) return c.json(before, 200);

  const at = new Date().toISOString();
  const statements: Compilable<unknown>[] = [];
  const password = input.password === undefined ? null : await hashPassword(input.password);
  statements.push(db.q.updateTable('accounts').set({
    display_name: after.displayName,
    role: after.role,
    disabled: after.disabled ? 1 : 0,
    ...(password && {
      password_hash: password.hash, password_salt: password.salt, password_iterations: password.iterations,
      // A new password is a fresh start for an account locked by failed sign-ins. The admin knows
      // it, so the official replaces it at the next sign-in (unless it is the admin's own).
      failed_sign_ins: 0, locked_until: null, must_change_password: self ? 0 : 1,
    }),
    ...(changed.includes('secondFactor') && { totp_secret_enc: null, totp_pending_enc: null, totp_last_step: null }),
  }).where('id', '=', id).where('site_id', '=', siteId));
  if (changed.includes('unitIds')) statements.push(...replaceAccountUnits(db, id, after.unitIds));
  // What the account may do changed: sessions opened under the old rights end now. An admin
  // editing themselves keeps the session they are using.
  if (changed.some((field) => field !== 'displayName')) {
    const token = self ? sessionToken(c) : undefined;
    statements.push(revokeSessions(db, id, at, token ? await sessionHash(c.env.HASH_KEY, token) : undefined));
  }
  statements.push(auditEntry(db, { siteId, accountId: official.id, action: 'account.update', detail: { account: id, fields: changed }, at }));
  await db.batch(statements);
  return c.json((await findSiteAccount(db, siteId, id))!, 200);
});

const resetPassword = createRoute({
  operationId: 'resetAccountPassword',
  method: 'post',
  path: '/v1/admin/accounts/{id}/password-reset',
  summary: 'Give an official a new temporary password, shown in this answer only (audited): every session of the account ends, '
    + 'and at the next sign-in the official must choose a password before anything else. Not for the admin’s own account (403)',
  request: { params: AdminIdParamsSchema, body: { required: true, content: { 'application/json': { schema: EmptyInputSchema } } } },
  responses: {
    200: { description: 'the account and its temporary password (Cache-Control: no-store)', content: { 'application/json': { schema: PasswordResetSchema } } },
    ...officialErrorResponses,
    ...bodyErrorResponses,
  },
});

adminAccounts.openapi(resetPassword, async (c) => {
  const { id } = c.req.valid('param');
  const siteId = c.get('site').id;
  const official = c.get('official');
  const db = c.get('db');
  // An admin changes their own password with the current one, on their account page.
  if (id === official.id) throw new ApiError('forbidden');
  if (!(await findSiteAccount(db, siteId, id))) throw notFound();
  const temporaryPassword = newTemporaryPassword();
  const password = await hashPassword(temporaryPassword);
  const at = new Date().toISOString();
  await db.batch([
    db.q.updateTable('accounts').set({
      password_hash: password.hash, password_salt: password.salt, password_iterations: password.iterations,
      must_change_password: 1, failed_sign_ins: 0, locked_until: null,
    }).where('id', '=', id).where('site_id', '=', siteId),
    revokeSessions(db, id, at),
    auditEntry(db, { siteId, accountId: official.id, action: 'account.password_reset', detail: { account: id }, at }),
  ]);
  c.header('Cache-Control', 'no-store');
  return c.json({ account: (await findSiteAccount(db, siteId, id))!, temporaryPassword }, 200);
});
