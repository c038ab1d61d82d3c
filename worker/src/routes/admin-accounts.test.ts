import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../sdk/src/schemas/admin';
import { verifyPassword } from '../auth/password';
import { SESSION_COOKIE, SESSION_HOURS, sessionHash, sessionSite } from '../auth/session';
import { createSite, db, expectProblem } from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';

const PASSWORD = 'correct horse battery';

const createAccount = (as: TestOfficial, body: unknown) => consoleRequest('/v1/admin/accounts', { as, method: 'POST', body });
const updateAccount = (as: TestOfficial, id: string, body: unknown) => consoleRequest(`/v1/admin/accounts/${id}`, { as, method: 'PATCH', body });

/** Whether the official's session still opens the console (its cookie is not refused). */
async function signedIn(official: TestOfficial): Promise<boolean> {
  const path = official.role === 'admin' ? '/v1/admin/site' : '/v1/console/reply-templates';
  const response = await consoleRequest(path, { as: official });
  if (response.status === 401) return false;
  expect(response.status).toBe(200);
  return true;
}

/** A second live session of the same account, as from another browser. */
async function anotherSession(official: TestOfficial): Promise<TestOfficial> {
  // A token names its site, as the official's own does.
  const token = `${sessionSite(official.cookie.slice(official.cookie.indexOf('=') + 1))}.test-${crypto.randomUUID()}`;
  const now = new Date();
  await db.run(db.q.insertInto('sessions').values({
    id_hash: await sessionHash(env.HASH_KEY, token), account_id: official.id, created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(), revoked_at: null,
  }));
  return { ...official, cookie: `__Host-${SESSION_COOKIE}=${token}` };
}

function storedPassword(accountId: string) {
  return db.first(db.q.selectFrom('accounts').select(['password_hash as hash', 'password_salt as salt', 'password_iterations as iterations']).where('id', '=', accountId));
}

function auditDetails(siteId: string, action: string) {
  return db.all(db.q.selectFrom('audit_log').select(['account_id', 'detail']).where('site_id', '=', siteId).where('action', '=', action).orderBy('id'))
    .then((rows) => rows.map((row) => ({ by: row.account_id, ...JSON.parse(row.detail!) })));
}

const signIn = (siteId: string, email: string, password: string) =>
  consoleRequest('/v1/auth/sign-in', { as: null, method: 'POST', body: { site: siteId, email, password } });

const fieldsOf = (problem: { errors?: { field: string; code: string }[] }) => problem.errors!.map(({ field, code }) => ({ field, code }));

describe('GET /v1/admin/accounts', () => {
  it('lists the site’s officials with roles and units, and nothing about passwords or second factors', async () => {
    const site = await createSite();
    const other = await createSite();
    const admin = await createOfficial(site.siteId, 'admin', [], { displayName: '王管理' });
    const responder = await createOfficial(site.siteId, 'responder', [site.transportUnit, site.eduUnit], { displayName: '李办理' });
    await createOfficial(other.siteId, 'admin');
    await db.run(db.q.updateTable('accounts').set({ totp_secret_enc: 'v1:sealed-iv:sealed-secret', totp_pending_enc: 'v1:pending-iv:pending' }).where('id', '=', responder.id));

    const response = await consoleRequest('/v1/admin/accounts', { as: admin });
    expect(response.status).toBe(200);
    const text = await response.text();
    const accounts = JSON.parse(text) as Account[];
    expect(accounts.map((a) => a.id).sort()).toEqual([admin.id, responder.id].sort());
    expect(accounts.find((a) => a.id === responder.id)).toEqual({
      id: responder.id, email: responder.email, displayName: '李办理', role: 'responder',
      unitIds: [site.eduUnit, site.transportUnit].sort(), disabled: false, totpEnabled: true,
      createdAt: expect.stringMatching(/\+08:00$/), mustChangePassword: false,
    });
    expect(accounts.find((a) => a.id === admin.id)).toMatchObject({ role: 'admin', unitIds: [], totpEnabled: false });
    for (const secret of ['unusable', 'sealed', 'pending', 'password', 'salt', 'totp_', 'Iterations']) expect(text).not.toContain(secret);
  });

  it('is for admins only', async () => {
    const { siteId, eduUnit } = await createSite();
    const responder = await createOfficial(siteId, 'responder', [eduUnit]);
    await expectProblem(await consoleRequest('/v1/admin/accounts', { as: responder }), 403, 'forbidden');
    await expectProblem(await createAccount(responder, { email: 'x@example.cn', displayName: '某', role: 'admin', unitIds: [], password: PASSWORD }), 403, 'forbidden');
    await expectProblem(await updateAccount(responder, responder.id, { role: 'admin' }), 403, 'forbidden');
  });
});

describe('POST /v1/admin/accounts', () => {
  it('adds an official whose password is stored hashed, never shown, and audited', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const response = await createAccount(admin, {
      email: 'Zhang.Wei@County.example.gov.cn', displayName: '张伟', role: 'responder', unitIds: [site.eduUnit], password: PASSWORD,
    });
    expect(response.status).toBe(201);
    const text = await response.text();
    expect(text).not.toContain(PASSWORD);
    const account = JSON.parse(text) as Account;
    expect(account).toEqual({
      id: expect.stringMatching(/^a_/), email: 'zhang.wei@county.example.gov.cn', displayName: '张伟', role: 'responder',
      unitIds: [site.eduUnit], disabled: false, totpEnabled: false, createdAt: expect.stringMatching(/\+08:00$/), mustChangePassword: true,
    });
    const stored = await storedPassword(account.id);
    expect(stored!.hash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, stored!)).toBe(true);
    expect(await verifyPassword('wrong password here', stored!)).toBe(false);

    const listed = await (await consoleRequest('/v1/admin/accounts', { as: admin })).json<Account[]>();
    expect(listed).toContainEqual(account);
    expect(await auditDetails(site.siteId, 'account.create')).toEqual([{ by: admin.id, account: account.id, role: 'responder' }]);

    // The new official signs in with the email as typed and the first password, which the admin
    // knows: it must be changed before anything else.
    const signedInAs = await signIn(site.siteId, 'Zhang.Wei@County.example.gov.cn', PASSWORD);
    expect(signedInAs.status).toBe(200);
    expect(await signedInAs.json()).toMatchObject({ id: account.id, role: 'responder', units: [{ id: site.eduUnit, name: '测试县教育局' }], mustChangePassword: true });
  });

  it('an official signs in with the new password once an admin sets it, not the old one', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const created = await (await createAccount(admin, { email: 'wang@county.example.gov.cn', displayName: '王', role: 'moderator', password: PASSWORD })).json<Account>();
    expect((await updateAccount(admin, created.id, { password: 'another long passphrase' })).status).toBe(200);
    await expectProblem(await signIn(siteId, 'wang@county.example.gov.cn', PASSWORD), 401, 'sign_in_failed');
    expect((await signIn(siteId, 'wang@county.example.gov.cn', 'another long passphrase')).status).toBe(200);
    expect((await updateAccount(admin, created.id, { disabled: true })).status).toBe(200);
    await expectProblem(await signIn(siteId, 'wang@county.example.gov.cn', 'another long passphrase'), 401, 'sign_in_failed');
  });

  it('adds admins and moderators without units', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    for (const role of ['admin', 'moderator']) {
      const response = await createAccount(admin, { email: `${role}@county.example.gov.cn`, displayName: '审核员', role, password: PASSWORD });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ role, unitIds: [] });
    }
  });

  it('names each invalid field with a stable code, and adds no one', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const shape = await expectProblem(await createAccount(admin, { email: 'not-an-email', displayName: ' ', role: 'chief', unitIds: 'all' }), 422, 'validation');
    expect(fieldsOf(shape)).toEqual([
      { field: 'email', code: 'invalid_email' },
      { field: 'displayName', code: 'required' },
      { field: 'role', code: 'invalid_choice' },
      { field: 'unitIds', code: 'invalid' },
      { field: 'password', code: 'required' },
    ]);
    // A weak password is said with the other fields' problems, not after they are fixed.
    const weakToo = await expectProblem(await createAccount(admin, { email: 'not-an-email', displayName: '某', role: 'moderator', password: 'short' }), 422, 'validation');
    expect(fieldsOf(weakToo)).toEqual([{ field: 'email', code: 'invalid_email' }, { field: 'password', code: 'weak_password' }]);
    const noName = await expectProblem(await createAccount(admin, { email: 'r@county.example.gov.cn', displayName: '', role: 'moderator', password: 'aaaaaaaaaaaaaaaa' }), 422, 'validation');
    expect(fieldsOf(noName)).toEqual([{ field: 'displayName', code: 'required' }, { field: 'password', code: 'weak_password' }]);
    const noUnits = await expectProblem(await createAccount(admin, { email: 'r@county.example.gov.cn', displayName: '某', role: 'responder', unitIds: [], password: 'short' }), 422, 'validation');
    expect(fieldsOf(noUnits)).toEqual([{ field: 'password', code: 'weak_password' }, { field: 'unitIds', code: 'required' }]);
    const sameAsEmail = await expectProblem(await createAccount(admin, {
      email: 'long.name@county.example.gov.cn', displayName: '某', role: 'moderator', password: 'Long.Name@county.example.gov.cn',
    }), 422, 'validation');
    expect(fieldsOf(sameAsEmail)).toEqual([{ field: 'password', code: 'weak_password' }]);
    expect((await (await consoleRequest('/v1/admin/accounts', { as: admin })).json<Account[]>())).toHaveLength(1);
  });

  it('refuses units that are not the site’s', async () => {
    const site = await createSite();
    const other = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const problem = await expectProblem(await createAccount(admin, {
      email: 'r@county.example.gov.cn', displayName: '某', role: 'responder', unitIds: [site.eduUnit, other.eduUnit, 'u_nowhere'], password: PASSWORD,
    }), 422, 'validation');
    expect(fieldsOf(problem)).toEqual([{ field: 'unitIds.1', code: 'unknown_unit' }, { field: 'unitIds.2', code: 'unknown_unit' }]);
  });

  it('refuses an email the site already has, in any case; another site may use it', async () => {
    const site = await createSite();
    const other = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const otherAdmin = await createOfficial(other.siteId, 'admin');
    const body = { email: 'office@county.example.gov.cn', displayName: '办公室', role: 'moderator', password: PASSWORD };
    expect((await createAccount(admin, body)).status).toBe(201);
    const taken = await expectProblem(await createAccount(admin, { ...body, email: 'OFFICE@county.example.gov.cn' }), 422, 'validation');
    expect(fieldsOf(taken)).toEqual([{ field: 'email', code: 'email_taken' }]);
    expect((await createAccount(otherAdmin, body)).status).toBe(201);
  });
});

describe('PATCH /v1/admin/accounts/:id', () => {
  it('renames without signing the official out', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const responder = await createOfficial(site.siteId, 'responder', [site.eduUnit]);
    const response = await updateAccount(admin, responder.id, { displayName: '赵办理' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ displayName: '赵办理', role: 'responder', unitIds: [site.eduUnit] });
    expect(await signedIn(responder)).toBe(true);
  });

  it('disabling signs the official out everywhere and keeps them out', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const responder = await createOfficial(site.siteId, 'responder', [site.eduUnit]);
    const elsewhere = await anotherSession(responder);
    expect(await signedIn(elsewhere)).toBe(true);

    const response = await updateAccount(admin, responder.id, { disabled: true });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ disabled: true });
    await expectProblem(await consoleRequest('/v1/console/reply-templates', { as: responder }), 401, 'unauthenticated');
    expect(await signedIn(elsewhere)).toBe(false);
    const live = await db.all(db.q.selectFrom('sessions').select('id_hash').where('account_id', '=', responder.id).where('revoked_at', 'is', null));
    expect(live).toEqual([]);
    expect(await auditDetails(site.siteId, 'account.update')).toEqual([{ by: admin.id, account: responder.id, fields: ['disabled'] }]);

    // Enabled again, the official signs in anew: old sessions stay ended.
    await updateAccount(admin, responder.id, { disabled: false });
    expect(await signedIn(responder)).toBe(false);
  });

  it('a new role, new units or a new password sign the official out', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const cases: [string, unknown, Partial<Account>][] = [
      ['role', { role: 'moderator' }, { role: 'moderator' }],
      ['units', { unitIds: [site.transportUnit, site.eduUnit] }, { unitIds: [site.eduUnit, site.transportUnit].sort() }],
      ['password', { password: 'a brand new passphrase' }, {}],
    ];
    for (const [, body, expected] of cases) {
      const responder = await createOfficial(site.siteId, 'responder', [site.eduUnit]);
      const response = await updateAccount(admin, responder.id, body);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).not.toContain('passphrase');
      expect(JSON.parse(text)).toMatchObject(expected);
      expect(await signedIn(responder)).toBe(false);
    }
    const changedPassword = (await auditDetails(site.siteId, 'account.update')).at(-1)!;
    expect(changedPassword.fields).toEqual(['password']);
    const stored = await storedPassword(changedPassword.account);
    expect(await verifyPassword('a brand new passphrase', stored!)).toBe(true);
    const units = await db.all(db.q.selectFrom('account_units').select('unit_id').where('account_id', '=', (await auditDetails(site.siteId, 'account.update'))[1]!.account));
    expect(units.map((u) => u.unit_id).sort()).toEqual([site.eduUnit, site.transportUnit].sort());
  });

  it('keeps an admin from disabling or demoting themselves', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const problem = await expectProblem(await updateAccount(admin, admin.id, { role: 'moderator', disabled: true }), 422, 'validation');
    expect(fieldsOf(problem)).toEqual([{ field: 'role', code: 'invalid' }, { field: 'disabled', code: 'invalid' }]);
    expect(await signedIn(admin)).toBe(true);
    expect(await (await consoleRequest('/v1/admin/accounts', { as: admin })).json()).toEqual([expect.objectContaining({ role: 'admin', disabled: false })]);
  });

  it('an admin changing their own password stays signed in here and is signed out elsewhere', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const elsewhere = await anotherSession(admin);
    expect((await updateAccount(admin, admin.id, { password: 'my own new passphrase' })).status).toBe(200);
    expect(await signedIn(admin)).toBe(true);
    expect(await signedIn(elsewhere)).toBe(false);
  });

  it('a responder needs units; units and password are checked', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const moderator = await createOfficial(site.siteId, 'moderator');
    const toResponder = await expectProblem(await updateAccount(admin, moderator.id, { role: 'responder' }), 422, 'validation');
    expect(fieldsOf(toResponder)).toEqual([{ field: 'unitIds', code: 'required' }]);
    const responder = await createOfficial(site.siteId, 'responder', [site.eduUnit]);
    const invalid = await expectProblem(await updateAccount(admin, responder.id, { unitIds: [], password: responder.email }), 422, 'validation');
    expect(fieldsOf(invalid)).toEqual([{ field: 'unitIds', code: 'required' }, { field: 'password', code: 'weak_password' }]);
    const unknown = await expectProblem(await updateAccount(admin, responder.id, { unitIds: ['u_nowhere'], role: 'boss' }), 422, 'validation');
    expect(fieldsOf(unknown)).toEqual([{ field: 'role', code: 'invalid_choice' }]);
    expect(await signedIn(responder)).toBe(true);
    expect(await signedIn(moderator)).toBe(true);

    const moved = await updateAccount(admin, moderator.id, { role: 'responder', unitIds: [site.transportUnit] });
    expect(await moved.json()).toMatchObject({ role: 'responder', unitIds: [site.transportUnit] });
  });

  it('answers 404 for an account of another site and changes nothing there', async () => {
    const mine = await createSite();
    const other = await createSite();
    const admin = await createOfficial(mine.siteId, 'admin');
    const foreign = await createOfficial(other.siteId, 'responder', [other.eduUnit]);
    await expectProblem(await updateAccount(admin, foreign.id, { disabled: true }), 404, 'not_found');
    await expectProblem(await updateAccount(admin, 'a_nowhere', { disabled: true }), 404, 'not_found');
    expect(await signedIn(foreign)).toBe(true);
  });
});

describe('POST /v1/admin/accounts/:id/password-reset', () => {
  const resetPassword = (as: TestOfficial, id: string) => consoleRequest(`/v1/admin/accounts/${id}/password-reset`, { as, method: 'POST', body: {} });

  it('gives a temporary password shown once, signs the official out everywhere, and is audited without the password', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const responder = await createOfficial(site.siteId, 'responder', [site.eduUnit]);
    const elsewhere = await anotherSession(responder);

    const response = await resetPassword(admin, responder.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const { account, temporaryPassword } = await response.json<{ account: Account; temporaryPassword: string }>();
    expect(temporaryPassword).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    expect(account).toMatchObject({ id: responder.id, mustChangePassword: true });
    expect(await verifyPassword(temporaryPassword, (await storedPassword(responder.id))!)).toBe(true);
    expect(await signedIn(responder)).toBe(false);
    expect(await signedIn(elsewhere)).toBe(false);

    const audit = await db.all(db.q.selectFrom('audit_log').select(['account_id', 'action', 'detail']).where('site_id', '=', site.siteId));
    expect(audit).toEqual([{ account_id: admin.id, action: 'account.password_reset', detail: JSON.stringify({ account: responder.id }) }]);
    const listed = await (await consoleRequest('/v1/admin/accounts', { as: admin })).text();
    expect(listed).not.toContain(temporaryPassword);
    // A second reset makes the first temporary password useless.
    const again = await (await resetPassword(admin, responder.id)).json<{ temporaryPassword: string }>();
    expect(again.temporaryPassword).not.toBe(temporaryPassword);
    expect(await verifyPassword(temporaryPassword, (await storedPassword(responder.id))!)).toBe(false);
  });

  it('signs the official in with it, but only /me, the password change and sign-out answer until a password of their own is set', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const created = await (await createAccount(admin, { email: 'liu@county.example.gov.cn', displayName: '刘', role: 'admin', password: PASSWORD })).json<Account>();
    const { temporaryPassword } = await (await resetPassword(admin, created.id)).json<{ temporaryPassword: string }>();

    const signedInResponse = await signIn(site.siteId, 'liu@county.example.gov.cn', temporaryPassword);
    expect(signedInResponse.status).toBe(200);
    expect(await signedInResponse.clone().json()).toMatchObject({ id: created.id, mustChangePassword: true });
    const cookie = signedInResponse.headers.get('Set-Cookie')!.split(';')[0]!;
    const official: TestOfficial = { id: created.id, email: created.email, role: 'admin', cookie };

    expect(await (await consoleRequest('/v1/console/me', { as: official })).json()).toMatchObject({ mustChangePassword: true });
    for (const [method, path] of [['GET', '/v1/console/messages'], ['GET', '/v1/console/reply-templates'], ['GET', '/v1/admin/accounts'], ['PATCH', '/v1/admin/site']]) {
      const problem = await expectProblem(await consoleRequest(path!, { as: official, method, body: method === 'GET' ? undefined : {} }), 403, 'password_change_required');
      expect(problem.title).toBe('请先修改密码');
    }
    const changed = await consoleRequest('/v1/console/password', { as: official, method: 'POST', body: { currentPassword: temporaryPassword, newPassword: 'my very own passphrase' } });
    expect(await changed.json()).toMatchObject({ mustChangePassword: false });
    expect((await consoleRequest('/v1/admin/accounts', { as: official })).status).toBe(200);
    expect((await consoleRequest('/v1/console/messages', { as: official })).status).toBe(200);
    expect((await consoleRequest('/v1/console/sign-out', { as: official, method: 'POST', body: {} })).status).toBe(204);
  });

  it('a password an admin types for an official must be changed too; the admin’s own need not', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const moderator = await createOfficial(siteId, 'moderator');
    expect(await (await updateAccount(admin, moderator.id, { password: 'typed by the admin' })).json()).toMatchObject({ mustChangePassword: true });
    expect(await (await updateAccount(admin, admin.id, { password: 'my own new passphrase' })).json()).toMatchObject({ mustChangePassword: false });
  });

  it('is not for the admin’s own account nor another site’s', async () => {
    const mine = await createSite();
    const other = await createSite();
    const admin = await createOfficial(mine.siteId, 'admin');
    const foreign = await createOfficial(other.siteId, 'responder', [other.eduUnit]);
    await expectProblem(await resetPassword(admin, admin.id), 403, 'forbidden');
    await expectProblem(await resetPassword(admin, foreign.id), 404, 'not_found');
    expect(await signedIn(admin)).toBe(true);
    expect(await signedIn(foreign)).toBe(true);
    expect(await db.first(db.q.selectFrom('audit_log').select('id').where('site_id', 'in', [mine.siteId, other.siteId]))).toBeNull();
  });
});
