import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { OfficialProfile, TotpEnrolment } from '../../../sdk/src/schemas/auth';
import { createSite, db, expectProblem, FOREIGN_ORIGIN } from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';
import { createAccount, sessionCookieOf, signIn, TEST_PASSWORD, totpCode } from '../../test/sign-in';
import { openTotpSecret } from '../auth/totp';
import { createCipher } from '../lib/crypto';

const post = (path: string, as: TestOfficial | null, body: unknown = {}, origin?: string | null) =>
  consoleRequest(path, { as, method: 'POST', body, origin });

const accountRow = (id: string) =>
  db.first(db.q.selectFrom('accounts').select(['totp_secret_enc', 'totp_pending_enc', 'totp_last_step']).where('id', '=', id));

describe('GET /v1/console/me', () => {
  it("answers the official's profile: role, units by name, site, second factor", async () => {
    const { siteId, eduUnit, transportUnit } = await createSite();
    const official = await createOfficial(siteId, 'responder', [transportUnit, eduUnit], { displayName: '交通局办理员' });
    const response = await consoleRequest('/v1/console/me', { as: official });
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(await response.json()).toEqual({
      id: official.id, email: official.email, displayName: '交通局办理员', role: 'responder',
      units: [{ id: eduUnit, name: '测试县教育局' }, { id: transportUnit, name: '测试县交通运输局' }],
      totpEnabled: false, site: { id: siteId, name: '测试县人民政府' }, mustChangePassword: false,
    });
  });

  it('refuses without a live session: none, unknown, expired, or a disabled account', async () => {
    const { siteId } = await createSite();
    await expectProblem(await consoleRequest('/v1/console/me', { as: null }), 401, 'unauthenticated');
    const official = await createOfficial(siteId, 'moderator');
    await expectProblem(await consoleRequest('/v1/console/me', { as: { ...official, cookie: '__Host-liuyan_session=made-up' } }), 401, 'unauthenticated');

    const expired = await createOfficial(siteId, 'moderator');
    await db.run(db.q.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('account_id', '=', expired.id));
    await expectProblem(await consoleRequest('/v1/console/me', { as: expired }), 401, 'unauthenticated');

    const disabled = await createOfficial(siteId, 'admin');
    await db.run(db.q.updateTable('accounts').set({ disabled: 1 }).where('id', '=', disabled.id));
    await expectProblem(await consoleRequest('/v1/console/me', { as: disabled }), 401, 'unauthenticated');
  });
});

describe('POST /v1/console/sign-out', () => {
  it('revokes the session and clears the cookie: the old cookie no longer works', async () => {
    const { siteId } = await createSite();
    const official = await createOfficial(siteId, 'moderator');
    const other = await createOfficial(siteId, 'moderator');
    const response = await post('/v1/console/sign-out', official);
    expect(response.status).toBe(204);
    const cleared = response.headers.get('Set-Cookie')!;
    expect(cleared).toMatch(/^__Host-liuyan_session=;/);
    expect(cleared.toLowerCase()).toMatch(/max-age=0|expires=thu, 01 jan 1970/);
    const session = await db.first(db.q.selectFrom('sessions').select('revoked_at').where('account_id', '=', official.id));
    expect(session?.revoked_at).not.toBeNull();

    await expectProblem(await consoleRequest('/v1/console/me', { as: official }), 401, 'unauthenticated');
    await expectProblem(await post('/v1/console/sign-out', official), 401, 'unauthenticated');
    // Only that session ended.
    expect((await consoleRequest('/v1/console/me', { as: other })).status).toBe(200);
  });

  it('is refused from another origin (a page elsewhere cannot sign officials out)', async () => {
    const { siteId } = await createSite();
    const official = await createOfficial(siteId, 'moderator');
    await expectProblem(await post('/v1/console/sign-out', official, {}, FOREIGN_ORIGIN), 403, 'origin_not_allowed');
    expect((await consoleRequest('/v1/console/me', { as: official })).status).toBe(200);
  });
});

describe('authenticator enrolment', () => {
  it('enrols: a secret and otpauth URI, kept sealed and pending until a code confirms it', async () => {
    const { siteId } = await createSite();
    const official = await createOfficial(siteId, 'responder', [], { password: TEST_PASSWORD });
    const response = await post('/v1/console/totp/enrol', official, { password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const enrolment = await response.json<TotpEnrolment>();
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(enrolment.uri);
    expect(`${uri.protocol}//${uri.host}${decodeURIComponent(uri.pathname)}`).toBe(`otpauth://totp/Liuyan:${official.email}`);
    expect(uri.searchParams.get('issuer')).toBe('测试县人民政府');
    expect(uri.searchParams.get('secret')).toBe(enrolment.secret);

    const pending = await accountRow(official.id);
    expect(pending?.totp_secret_enc).toBeNull();
    expect(pending?.totp_pending_enc).not.toContain(enrolment.secret);
    const cipher = await createCipher(env.DATA_KEY);
    expect(await openTotpSecret(cipher, official.id, pending!.totp_pending_enc!)).toBe(enrolment.secret);
    expect((await (await consoleRequest('/v1/console/me', { as: official })).json<OfficialProfile>()).totpEnabled).toBe(false);
  });

  it('refuses a wrong code, a code for a replaced secret, and a confirmation with nothing enrolled', async () => {
    const { siteId } = await createSite();
    const official = await createOfficial(siteId, 'admin', [], { password: TEST_PASSWORD });
    const invalidCode = async (response: Response) => {
      const problem = await expectProblem(response, 422, 'validation');
      expect(problem.errors?.map((e) => [e.field, e.code])).toEqual([['code', 'invalid_code']]);
    };
    await invalidCode(await post('/v1/console/totp/confirm', official, { code: '123456' }));

    const replaced = await (await post('/v1/console/totp/enrol', official, { password: TEST_PASSWORD })).json<TotpEnrolment>();
    const current = await (await post('/v1/console/totp/enrol', official, { password: TEST_PASSWORD })).json<TotpEnrolment>();
    expect(current.secret).not.toBe(replaced.secret);
    await invalidCode(await post('/v1/console/totp/confirm', official, { code: totpCode(replaced.secret) }));
    const wrong = String((Number(totpCode(current.secret)) + 500_000) % 1_000_000).padStart(6, '0');
    await invalidCode(await post('/v1/console/totp/confirm', official, { code: wrong }));
    await invalidCode(await post('/v1/console/totp/confirm', official, { code: 'abcdef' }));
    expect((await accountRow(official.id))?.totp_secret_enc).toBeNull();
  });

  it('confirms with the first code: second factor on, the code spent', async () => {
    const { siteId } = await createSite();
    const official = await createOfficial(siteId, 'moderator', [], { password: TEST_PASSWORD });
    const { secret } = await (await post('/v1/console/totp/enrol', official, { password: TEST_PASSWORD })).json<TotpEnrolment>();
    const code = totpCode(secret);
    const response = await post('/v1/console/totp/confirm', official, { code });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: official.id, totpEnabled: true });

    const row = await accountRow(official.id);
    expect(row?.totp_pending_enc).toBeNull();
    expect(await openTotpSecret(await createCipher(env.DATA_KEY), official.id, row!.totp_secret_enc!)).toBe(secret);
    const step = Math.floor(Date.now() / 30_000);
    expect([step - 1, step, step + 1]).toContain(row?.totp_last_step);
    expect((await (await consoleRequest('/v1/console/me', { as: official })).json<OfficialProfile>()).totpEnabled).toBe(true);
    // Confirming again needs a new enrolment.
    const again = await expectProblem(await post('/v1/console/totp/confirm', official, { code }), 422, 'validation');
    expect(again.errors?.[0]?.field).toBe('code');
  });

  it('keeps a confirmed secret in force while a new enrolment is pending', async () => {
    const { siteId } = await createSite();
    const official = await createOfficial(siteId, 'moderator', [], { password: TEST_PASSWORD });
    const { secret } = await (await post('/v1/console/totp/enrol', official, { password: TEST_PASSWORD })).json<TotpEnrolment>();
    expect((await post('/v1/console/totp/confirm', official, { code: totpCode(secret) })).status).toBe(200);
    const sealed = (await accountRow(official.id))?.totp_secret_enc;
    // Replacing it takes the password and a code from the authenticator in use (the next one: the first is spent).
    expect((await post('/v1/console/totp/enrol', official, { password: TEST_PASSWORD, code: totpCode(secret, Date.now() + 30_000) })).status).toBe(200);
    const row = await accountRow(official.id);
    expect(row?.totp_secret_enc).toBe(sealed);
    expect(row?.totp_pending_enc).not.toBeNull();
  });

  it('needs a session and the console origin', async () => {
    const { siteId } = await createSite();
    const official = await createOfficial(siteId, 'moderator', [], { password: TEST_PASSWORD });
    await expectProblem(await post('/v1/console/totp/enrol', null), 401, 'unauthenticated');
    await expectProblem(await post('/v1/console/totp/confirm', null, { code: '123456' }), 401, 'unauthenticated');
    await expectProblem(await post('/v1/console/totp/enrol', official, { password: TEST_PASSWORD }, FOREIGN_ORIGIN), 403, 'origin_not_allowed');
    await expectProblem(await post('/v1/console/totp/confirm', official, { code: '123456' }, FOREIGN_ORIGIN), 403, 'origin_not_allowed');
    expect((await accountRow(official.id))?.totp_pending_enc).toBeNull();
  });

  it('asks for the password, and the current code once a second factor is on: a session alone cannot replace it', async () => {
    const { siteId } = await createSite();
    const official = await createOfficial(siteId, 'moderator', [], { password: TEST_PASSWORD });
    const fieldError = async (response: Response) => (await expectProblem(response, 422, 'validation')).errors?.map((e) => [e.field, e.code]);
    expect(await fieldError(await post('/v1/console/totp/enrol', official, {}))).toEqual([['password', 'required']]);
    expect(await fieldError(await post('/v1/console/totp/enrol', official, { password: 'not the password' }))).toEqual([['password', 'wrong_password']]);
    expect((await accountRow(official.id))?.totp_pending_enc).toBeNull();

    const { secret } = await (await post('/v1/console/totp/enrol', official, { password: TEST_PASSWORD })).json<TotpEnrolment>();
    expect((await post('/v1/console/totp/confirm', official, { code: totpCode(secret) })).status).toBe(200);
    const sealed = (await accountRow(official.id))?.totp_secret_enc;
    expect(await fieldError(await post('/v1/console/totp/enrol', official, { password: TEST_PASSWORD }))).toEqual([['code', 'required']]);
    const wrong = String((Number(totpCode(secret, Date.now() + 30_000)) + 1) % 1_000_000).padStart(6, '0');
    expect(await fieldError(await post('/v1/console/totp/enrol', official, { password: TEST_PASSWORD, code: wrong }))).toEqual([['code', 'invalid_code']]);
    expect((await accountRow(official.id))).toMatchObject({ totp_secret_enc: sealed, totp_pending_enc: null });
    // A third wrong try, and guesses are slowed as at sign-in.
    expect(await fieldError(await post('/v1/console/totp/enrol', official, { password: 'not the password' }))).toEqual([['password', 'wrong_password']]);
    await expectProblem(await post('/v1/console/totp/enrol', official, { password: TEST_PASSWORD, code: totpCode(secret, Date.now() + 30_000) }), 429, 'too_many_attempts');
  });

  it('is written to the audit log when turned on, and an admin can turn it off (signing the account out everywhere)', async () => {
    const { siteId } = await createSite();
    const official = await createOfficial(siteId, 'moderator', [], { password: TEST_PASSWORD });
    const { secret } = await (await post('/v1/console/totp/enrol', official, { password: TEST_PASSWORD })).json<TotpEnrolment>();
    expect((await post('/v1/console/totp/confirm', official, { code: totpCode(secret) })).status).toBe(200);

    const admin = await createOfficial(siteId, 'admin');
    const reset = await consoleRequest(`/v1/admin/accounts/${official.id}`, { as: admin, method: 'PATCH', body: { resetSecondFactor: true } });
    expect(reset.status).toBe(200);
    expect(await reset.json()).toMatchObject({ id: official.id, totpEnabled: false });
    expect(await accountRow(official.id)).toEqual({ totp_secret_enc: null, totp_pending_enc: null, totp_last_step: null });
    await expectProblem(await consoleRequest('/v1/console/me', { as: official }), 401, 'unauthenticated');

    const audit = await db.all(db.q.selectFrom('audit_log').select(['account_id', 'action', 'detail']).where('site_id', '=', siteId).orderBy('id'));
    expect(audit).toEqual([
      { account_id: official.id, action: 'account.totp_enable', detail: JSON.stringify({ account: official.id }) },
      { account_id: admin.id, action: 'account.update', detail: JSON.stringify({ account: official.id, fields: ['secondFactor'] }) },
    ]);
  });
});

describe('POST /v1/console/password', () => {
  const NEW_PASSWORD = 'a fresh passphrase of mine';

  it('changes the password: this session stays, every other one ends, the new password signs in and the old does not; audited', async () => {
    const { siteId } = await createSite();
    const account = await createAccount(siteId, { role: 'moderator' });
    const here = { id: account.id, email: account.email, role: 'moderator' as const, cookie: sessionCookieOf(await signIn({ site: siteId, email: account.email, password: TEST_PASSWORD })) };
    const elsewhere = { ...here, cookie: sessionCookieOf(await signIn({ site: siteId, email: account.email, password: TEST_PASSWORD })) };

    const response = await post('/v1/console/password', here, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(NEW_PASSWORD);
    expect(JSON.parse(text)).toMatchObject({ id: account.id, mustChangePassword: false });

    expect((await consoleRequest('/v1/console/messages', { as: here })).status).toBe(200);
    await expectProblem(await consoleRequest('/v1/console/me', { as: elsewhere }), 401, 'unauthenticated');
    await expectProblem(await signIn({ site: siteId, email: account.email, password: TEST_PASSWORD }), 401, 'sign_in_failed');
    expect((await signIn({ site: siteId, email: account.email, password: NEW_PASSWORD })).status).toBe(200);

    const audit = await db.all(db.q.selectFrom('audit_log').select(['account_id', 'action', 'detail']).where('site_id', '=', siteId));
    expect(audit).toEqual([{ account_id: account.id, action: 'account.password_change', detail: JSON.stringify({ account: account.id }) }]);
  });

  it('names each problem: a wrong current password, a weak or unchanged new one; nothing changes', async () => {
    const { siteId } = await createSite();
    const official = await createOfficial(siteId, 'responder', [], { password: TEST_PASSWORD });
    const fieldError = async (body: unknown) => (await expectProblem(await post('/v1/console/password', official, body), 422, 'validation'))
      .errors?.map((e) => [e.field, e.code]);
    expect(await fieldError({ currentPassword: 'not my password', newPassword: 'short' }))
      .toEqual([['currentPassword', 'wrong_password'], ['newPassword', 'weak_password']]);
    expect(await fieldError({ currentPassword: TEST_PASSWORD, newPassword: official.email.toUpperCase() })).toEqual([['newPassword', 'weak_password']]);
    expect(await fieldError({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })).toEqual([['newPassword', 'same_password']]);
    expect(await fieldError({})).toEqual([['currentPassword', 'required'], ['newPassword', 'required']]);
    const chinese = await expectProblem(await post('/v1/console/password', official, { currentPassword: 'not my password', newPassword: NEW_PASSWORD }), 422, 'validation');
    expect(chinese.errors?.[0]?.message).toBe('密码不正确');
    expect((await consoleRequest('/v1/console/me', { as: official })).status).toBe(200);
    expect(await db.first(db.q.selectFrom('audit_log').select('id').where('site_id', '=', siteId))).toBeNull();
  });

  it('slows guesses at the current password as sign-in does', async () => {
    const { siteId } = await createSite();
    const official = await createOfficial(siteId, 'responder', [], { password: TEST_PASSWORD });
    for (let i = 0; i < 3; i++) {
      await expectProblem(await post('/v1/console/password', official, { currentPassword: `guess number ${i}`, newPassword: NEW_PASSWORD }), 422, 'validation');
    }
    const refused = await post('/v1/console/password', official, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    await expectProblem(refused, 429, 'too_many_attempts');
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
  });

  it('is not blocked by other people’s failed sign-ins at the same address (one office behind one NAT)', async () => {
    const { siteId } = await createSite();
    const official = await createOfficial(siteId, 'responder', [], { password: TEST_PASSWORD });
    const office = { 'CF-Connecting-IP': '203.0.113.77' };
    for (let i = 0; i < 20; i++) {
      await consoleRequest('/v1/auth/sign-in', { as: null, method: 'POST', headers: office, body: { email: `someone-${i}@county.example.gov.cn`, password: 'a wrong password' } });
    }
    const blocked = await consoleRequest('/v1/auth/sign-in', { as: null, method: 'POST', headers: office, body: { email: 'another@county.example.gov.cn', password: 'a wrong password' } });
    await expectProblem(blocked, 429, 'too_many_attempts');
    const changed = await consoleRequest('/v1/console/password', {
      as: official, method: 'POST', headers: office, body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(changed.status).toBe(200);
  });
});
