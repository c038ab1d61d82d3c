import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { OfficialProfile, TotpEnrolment } from '../../../sdk/src/schemas/auth';
import { createSite, db, expectProblem, FOREIGN_ORIGIN } from '../../test/fixtures';
import { consoleRequest } from '../../test/officials';
import { createAccount, sessionCookieOf, signIn, TEST_PASSWORD, totpCode, type PasswordAccount } from '../../test/sign-in';
import { hashPassword } from '../auth/password';
import { newTotpSecret, sealTotpSecret } from '../auth/totp';
import { createCipher, keyedHash } from '../lib/crypto';

const credentials = (a: PasswordAccount, extra: Record<string, unknown> = {}) => ({ site: a.siteId, email: a.email, password: a.password, ...extra });
const as = (a: PasswordAccount, cookie: string) => ({ id: a.id, email: a.email, role: 'admin' as const, cookie });

/** Sign-in failures of an email, as the throttle stores them. */
async function failuresOf(email: string) {
  const keyHash = await keyedHash(env.HASH_KEY, `email:${email.toLowerCase()}`);
  return db.first(db.q.selectFrom('sign_in_failures').select(['failures', 'first_failed_at', 'locked_until']).where('key_hash', '=', keyHash));
}

/** Moves an email's throttling state back in time, as if `seconds` had passed. */
async function letTimePass(email: string, seconds: number) {
  const keyHash = await keyedHash(env.HASH_KEY, `email:${email.toLowerCase()}`);
  const shift = `-${seconds} seconds`;
  await env.DB.prepare(`UPDATE sign_in_failures SET
      first_failed_at = strftime('%Y-%m-%dT%H:%M:%fZ', first_failed_at, ?1),
      locked_until = strftime('%Y-%m-%dT%H:%M:%fZ', locked_until, ?1)
    WHERE key_hash = ?2`).bind(shift, keyHash).run();
}

describe('POST /v1/auth/sign-in', () => {
  it('signs in with the right password: a session cookie only this origin can read, and the profile', async () => {
    const { siteId, transportUnit } = await createSite();
    const account = await createAccount(siteId, { role: 'responder', unitIds: [transportUnit] });
    const response = await signIn(credentials(account));
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('Set-Cookie')!;
    // The token names its site (which database holds the session), then 256 random bits.
    expect(setCookie).toMatch(new RegExp(`^__Host-liuyan_session=${siteId}\\.[\\w-]{43};`));
    const attributes = setCookie.split(';').slice(1).map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/']));
    expect(attributes.some((a) => a.startsWith('domain='))).toBe(false);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const profile = await response.json<OfficialProfile>();
    expect(profile).toEqual({
      id: account.id, email: account.email, displayName: expect.any(String), role: 'responder',
      units: [{ id: transportUnit, name: '测试县交通运输局' }], totpEnabled: false, site: { id: siteId, name: '测试县人民政府' },
      mustChangePassword: false,
    });

    const me = await consoleRequest('/v1/console/me', { as: as(account, sessionCookieOf(response)) });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual(profile);
  });

  it('matches the email without regard to case or width', async () => {
    const { siteId } = await createSite();
    const account = await createAccount(siteId);
    expect((await signIn(credentials(account, { email: account.email.toUpperCase() }))).status).toBe(200);
    // Typed with a Chinese IME in full-width mode: ａ１＠…
    const fullWidth = [...account.email].map((ch) => String.fromCodePoint(ch.codePointAt(0)! + 0xfee0)).join('');
    expect((await signIn(credentials(account, { email: fullWidth }))).status).toBe(200);
  });

  it('answers a wrong password, an unknown email, another site and a disabled account byte for byte alike', async () => {
    const { siteId } = await createSite();
    const { siteId: otherSite } = await createSite();
    const account = await createAccount(siteId);
    const disabled = await createAccount(siteId, { disabled: true });
    const answers = await Promise.all([
      signIn(credentials(account, { password: 'not the password at all' })),
      signIn(credentials(account, { email: 'nobody@county.example.gov.cn' })),
      signIn(credentials(account, { site: otherSite })),
      signIn(credentials(account, { site: 'no-such-site' })),
      signIn(credentials(disabled)),
    ]);
    const bodies = await Promise.all(answers.map(async (r) => ({
      status: r.status, type: r.headers.get('Content-Type'), cookie: r.headers.get('Set-Cookie'), body: await r.text(),
    })));
    expect(bodies[0]).toMatchObject({ status: 401, cookie: null });
    expect(JSON.parse(bodies[0]!.body)).toMatchObject({ code: 'sign_in_failed' });
    for (const b of bodies.slice(1)) expect(b).toEqual(bodies[0]);
  });

  it('refuses a disabled account even with the right password, and starts no session', async () => {
    const { siteId } = await createSite();
    const disabled = await createAccount(siteId, { disabled: true });
    await expectProblem(await signIn(credentials(disabled)), 401, 'sign_in_failed');
    const sessions = await db.all(db.q.selectFrom('sessions').select('id_hash').where('account_id', '=', disabled.id));
    expect(sessions).toEqual([]);
  });

  it('refuses requests from another origin, or with no origin at all', async () => {
    const { siteId } = await createSite();
    const account = await createAccount(siteId);
    await expectProblem(await signIn(credentials(account), { origin: FOREIGN_ORIGIN }), 403, 'origin_not_allowed');
    await expectProblem(await signIn(credentials(account), { origin: null }), 403, 'origin_not_allowed');
    await expectProblem(await signIn(credentials(account), { headers: { 'Sec-Fetch-Site': 'cross-site' } }), 403, 'origin_not_allowed');
  });

  it('names missing fields', async () => {
    const problem = await expectProblem(await signIn({ site: 'x', email: '' }), 422, 'validation');
    expect(problem.errors?.map((e) => [e.field, e.code])).toEqual([['email', 'required'], ['password', 'required']]);
  });
});

describe('sign-in without a site id', () => {
  /** The same email on several sites, as an official who works for a county and its city would have. */
  async function onSites(count: number, email: string, passwords: string[]) {
    const sites = await Promise.all(Array.from({ length: count }, () => createSite()));
    const accounts = await Promise.all(sites.map(({ siteId }, i) => createAccount(siteId, { password: passwords[i] ?? TEST_PASSWORD }).then(async (a) => {
      await db.run(db.q.updateTable('accounts').set({ email }).where('id', '=', a.id));
      return { ...a, email };
    })));
    return accounts;
  }

  it('signs in to the one site the email has an account on', async () => {
    const { siteId } = await createSite();
    const account = await createAccount(siteId);
    const response = await signIn({ email: account.email, password: account.password });
    expect(response.status).toBe(200);
    expect((await response.json<OfficialProfile>()).site.id).toBe(siteId);
  });

  it('asks which site when the credentials are right on several, naming only those; then signs in to the one chosen', async () => {
    const email = `several-${crypto.randomUUID()}@city.example.gov.cn`;
    const [a, b, other] = await onSites(3, email, [TEST_PASSWORD, TEST_PASSWORD, 'another password of this official']);
    const asked = await signIn({ email, password: TEST_PASSWORD });
    const problem = await expectProblem(asked, 409, 'site_required');
    expect(asked.headers.get('Set-Cookie')).toBeNull();
    expect(problem.sites).toEqual(expect.arrayContaining([{ id: a!.siteId, name: '测试县人民政府' }, { id: b!.siteId, name: '测试县人民政府' }]));
    expect(problem.sites).toHaveLength(2);
    expect(problem.sites!.map((s) => s.id)).not.toContain(other!.siteId);

    const chosen = await signIn({ email, password: TEST_PASSWORD, site: b!.siteId });
    expect(chosen.status).toBe(200);
    expect((await chosen.json<OfficialProfile>()).site.id).toBe(b!.siteId);
    // The password right on one site only signs in there, with no question.
    const single = await signIn({ email, password: other!.password });
    expect((await single.json<OfficialProfile>()).site.id).toBe(other!.siteId);
  });

  it('names a site with a second factor only when its code is given too', async () => {
    const email = `several-${crypto.randomUUID()}@city.example.gov.cn`;
    const [plain, guarded] = await onSites(2, email, []);
    const secret = newTotpSecret();
    await db.run(db.q.updateTable('accounts')
      .set({ totp_secret_enc: await sealTotpSecret(await createCipher(env.DATA_KEY), guarded!.id, secret) }).where('id', '=', guarded!.id));
    // The password alone proves only the site without a second factor: no question, and nothing said of the other.
    const withoutCode = await signIn({ email, password: TEST_PASSWORD });
    expect(withoutCode.status).toBe(200);
    expect((await withoutCode.json<OfficialProfile>()).site.id).toBe(plain!.siteId);
    // With the code, both are proven: which one? The code is not spent by the question.
    const code = totpCode(secret);
    const asked = await expectProblem(await signIn({ email, password: TEST_PASSWORD, code }), 409, 'site_required');
    expect(asked.sites!.map((s) => s.id).sort()).toEqual([plain!.siteId, guarded!.siteId].sort());
    const chosen = await signIn({ email, password: TEST_PASSWORD, code, site: guarded!.siteId });
    expect((await chosen.json<OfficialProfile>()).site.id).toBe(guarded!.siteId);
  });

  it('answers a wrong password for an email on several sites exactly like an unknown email', async () => {
    const email = `several-${crypto.randomUUID()}@city.example.gov.cn`;
    await onSites(2, email, []);
    const [wrong, unknown] = await Promise.all([
      signIn({ email, password: 'not the password at all' }),
      signIn({ email: `nobody-${crypto.randomUUID()}@city.example.gov.cn`, password: 'not the password at all' }),
    ]);
    expect([wrong.status, await wrong.text()]).toEqual([unknown.status, await unknown.text()]);
    expect(wrong.status).toBe(401);
  });

  it('finds the accounts of an email through its index, not by reading the table', async () => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN SELECT id FROM accounts WHERE lower("email") = ? LIMIT 20`).bind('x@y').all<{ detail: string }>();
    expect(results.map((r) => r.detail).join(' ')).toContain('USING INDEX accounts_by_email');
  });
});

describe('correct credentials are not held back by other people’s guesses', () => {
  const from = (address: string, cookie?: string) => ({ headers: { 'CF-Connecting-IP': address, ...(cookie ? { Cookie: cookie } : {}) } });
  /** The device cookie a browser keeps after signing in (`name=value`). */
  const deviceCookieOf = (response: Response) => response.headers.getSetCookie().find((c) => c.startsWith('__Host-liuyan_device='))!.split(';')[0]!;

  it('lets an official in at once from their own browser while their office’s address is slowed by guesses', async () => {
    const { siteId } = await createSite();
    const official = await createAccount(siteId);
    const colleague = await createAccount(siteId);
    const device = deviceCookieOf(await signIn(credentials(official), from('192.0.2.60')));
    // Someone at the office's address guesses at many emails: the address is slowed.
    for (let i = 0; i < 15; i++) {
      await expectProblem(await signIn(credentials(official, { email: `guess${i}@county.example.gov.cn`, password: 'a wrong guess, again' }), from('192.0.2.60')), 401, 'sign_in_failed');
    }
    await expectProblem(await signIn(credentials(colleague, { password: 'a wrong guess, again' }), from('192.0.2.60')), 429, 'too_many_attempts');
    // The official's browser has signed in before: right credentials go through at once.
    expect((await signIn(credentials(official), from('192.0.2.60', device))).status).toBe(200);
    // A browser new to an account waits like any other: its right password cannot be told from a guess.
    await expectProblem(await signIn(credentials(colleague), from('192.0.2.60')), 429, 'too_many_attempts');
    // The cookie is for its own account only: with it, guesses at the colleague are still slowed.
    await expectProblem(await signIn(credentials(colleague), from('192.0.2.60', device)), 429, 'too_many_attempts');
  });

  it('lets the owner in while their email is refused to guessers; guesses from the owner’s browser are slowed on their own', async () => {
    const { siteId } = await createSite();
    const account = await createAccount(siteId);
    const device = deviceCookieOf(await signIn(credentials(account)));
    const wrong = credentials(account, { password: 'a wrong guess, again' });
    for (let i = 0; i < 3; i++) await expectProblem(await signIn(wrong), 401, 'sign_in_failed');
    await expectProblem(await signIn(credentials(account)), 429, 'too_many_attempts');

    expect((await signIn(credentials(account), { headers: { Cookie: device } })).status).toBe(200);
    // Guesses that carry the cookie count on the browser: three, then a wait.
    for (let i = 0; i < 3; i++) await expectProblem(await signIn(wrong, { headers: { Cookie: device } }), 401, 'sign_in_failed');
    await expectProblem(await signIn(wrong, { headers: { Cookie: device } }), 429, 'too_many_attempts');
  });

  it('withdraws the browser’s trust when the password changes', async () => {
    const { siteId } = await createSite();
    const account = await createAccount(siteId);
    const device = deviceCookieOf(await signIn(credentials(account)));
    for (let i = 0; i < 3; i++) await expectProblem(await signIn(credentials(account, { password: 'a wrong guess, again' })), 401, 'sign_in_failed');
    // An admin resets the password (stored as a new hash): the old cookie is one of any browser's now.
    const renewed = await hashPassword('a brand new password 2026');
    await db.run(db.q.updateTable('accounts').set({ password_hash: renewed.hash, password_salt: renewed.salt }).where('id', '=', account.id));
    await expectProblem(await signIn(credentials(account, { password: 'a brand new password 2026' }), { headers: { Cookie: device } }), 429, 'too_many_attempts');
  });
});

describe('sign-in throttling', () => {
  it('slows the fourth attempt, refuses at ten failures for 15 minutes, then lets the right password in', async () => {
    const { siteId } = await createSite();
    const account = await createAccount(siteId);
    const wrong = credentials(account, { password: 'a wrong guess, again' });
    for (let i = 0; i < 3; i++) await expectProblem(await signIn(wrong), 401, 'sign_in_failed');

    // Too soon after the third failure: refused before the password is even checked, right or not.
    const slowed = await signIn(credentials(account));
    await expectProblem(slowed, 429, 'too_many_attempts');
    expect(slowed.headers.get('Retry-After')).toBe('2');

    // Each wait doubles: 2, 4, 8, … seconds.
    for (const wait of [2, 4, 8, 16, 32, 64]) {
      await letTimePass(account.email, wait);
      await expectProblem(await signIn(wrong), 401, 'sign_in_failed');
      expect((await signIn(wrong)).headers.get('Retry-After')).toBe(String(wait * 2));
    }
    await letTimePass(account.email, 128);
    await expectProblem(await signIn(wrong), 401, 'sign_in_failed'); // the tenth failure
    const refused = await signIn(credentials(account));
    await expectProblem(refused, 429, 'too_many_attempts');
    expect(Number(refused.headers.get('Retry-After'))).toBe(900);
    expect((await failuresOf(account.email))?.failures).toBe(10);

    await letTimePass(account.email, 14 * 60);
    expect((await signIn(credentials(account))).headers.get('Retry-After')).toBe('60');
    await letTimePass(account.email, 60);
    expect((await signIn(credentials(account))).status).toBe(200);
    // Signing in clears the email's count.
    expect(await failuresOf(account.email)).toBeNull();
  });

  it('treats an unknown email exactly like a known one', async () => {
    const { siteId } = await createSite();
    const account = await createAccount(siteId);
    const known = credentials(account, { password: 'a wrong guess, again' });
    const unknown = credentials(account, { email: `nobody-${account.id}@county.example.gov.cn`, password: 'a wrong guess, again' });
    for (let i = 0; i < 5; i++) {
      const [a, b] = await Promise.all([signIn(known), signIn(unknown)]);
      expect([b.status, b.headers.get('Retry-After'), await b.text()]).toEqual([a.status, a.headers.get('Retry-After'), await a.text()]);
    }
  });

  it('counts per client address across emails, when the edge names the address', async () => {
    const { siteId } = await createSite();
    const account = await createAccount(siteId);
    const from = (address: string) => ({ headers: { 'CF-Connecting-IP': address } });
    for (let i = 0; i < 15; i++) {
      await expectProblem(await signIn(credentials(account, { email: `guess${i}@county.example.gov.cn` }), from('192.0.2.44')), 401, 'sign_in_failed');
    }
    await expectProblem(await signIn(credentials(account), from('192.0.2.44')), 429, 'too_many_attempts');
    expect((await signIn(credentials(account), from('192.0.2.45'))).status).toBe(200);
  });
});

describe('second factor at sign-in', () => {
  it('once enrolled, needs the code; refuses a wrong code and a code used before', async () => {
    const { siteId } = await createSite();
    const account = await createAccount(siteId);
    const first = await signIn(credentials(account));
    const official = as(account, sessionCookieOf(first));

    const enrolment = await (await consoleRequest('/v1/console/totp/enrol', { as: official, method: 'POST', body: { password: account.password } })).json<TotpEnrolment>();
    const now = Date.now();
    const confirmed = await consoleRequest('/v1/console/totp/confirm', { as: official, method: 'POST', body: { code: totpCode(enrolment.secret, now) } });
    expect(confirmed.status).toBe(200);

    // The password alone no longer signs in. A missing or wrong code is answered byte for byte as a
    // wrong password: nobody without the second factor learns that the password was right.
    const wrongPassword = await signIn(credentials(account, { password: 'wrong password here' }));
    const wrongAnswer = await wrongPassword.text();
    expect(wrongPassword.status).toBe(401);
    const noCode = await signIn(credentials(account));
    expect([noCode.status, await noCode.text(), noCode.headers.get('Set-Cookie')]).toEqual([401, wrongAnswer, null]);

    const wrongCode = String((Number(totpCode(enrolment.secret, now + 30_000)) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await signIn(credentials(account, { code: wrongCode }));
    expect([wrong.status, await wrong.text()]).toEqual([401, wrongAnswer]);

    // Code guesses are throttled like password guesses: that was the third failure.
    await expectProblem(await signIn(credentials(account, { code: totpCode(enrolment.secret, now + 30_000) })), 429, 'too_many_attempts');
    await letTimePass(account.email, 2);

    // The code that confirmed the enrolment was used once already.
    const used = await signIn(credentials(account, { code: totpCode(enrolment.secret, now) }));
    expect([used.status, await used.text()]).toEqual([401, wrongAnswer]);

    await letTimePass(account.email, 4);

    // The next step's code is valid now (one step either side), typed as the app shows it.
    const next = totpCode(enrolment.secret, now + 30_000);
    const signedIn = await signIn(credentials(account, { code: next.slice(0, 3) + ' ' + next.slice(3) }));
    expect(signedIn.status).toBe(200);
    expect((await signedIn.json<OfficialProfile>()).totpEnabled).toBe(true);
    const again = await signIn(credentials(account, { code: next }));
    expect([again.status, await again.text()]).toEqual([401, wrongAnswer]);
  });

  it('ignores a code given by an account without a second factor', async () => {
    const { siteId } = await createSite();
    const account = await createAccount(siteId);
    expect((await signIn(credentials(account, { code: '123456' }))).status).toBe(200);
  });
});

describe('secrets in answers', () => {
  it('puts no password, session token or TOTP secret in any body, except the secret in the enrolment answer', async () => {
    const { siteId } = await createSite();
    const account = await createAccount(siteId);
    const bodies: string[] = [];
    const keep = async (r: Response) => {
      bodies.push(await r.clone().text());
      return r;
    };
    await keep(await signIn(credentials(account, { password: 'wrong password here' })));
    const signedIn = await keep(await signIn(credentials(account)));
    const cookie = sessionCookieOf(signedIn);
    const token = cookie.split('=')[1]!;
    const official = as(account, cookie);
    await keep(await consoleRequest('/v1/console/me', { as: official }));
    const enrolAnswer = await consoleRequest('/v1/console/totp/enrol', { as: official, method: 'POST', body: { password: account.password } });
    const { secret } = await enrolAnswer.json<TotpEnrolment>();
    await keep(await consoleRequest('/v1/console/totp/confirm', { as: official, method: 'POST', body: { code: totpCode(secret) } }));
    await keep(await signIn(credentials(account)));
    await keep(await signIn(credentials(account, { code: totpCode(secret, Date.now() + 30_000) })));
    await keep(await consoleRequest('/v1/console/me', { as: official }));
    await keep(await consoleRequest('/v1/console/sign-out', { as: official, method: 'POST', body: {} }));

    const row = await db.first(db.q.selectFrom('accounts').select(['password_hash', 'password_salt', 'totp_secret_enc']).where('id', '=', account.id));
    for (const body of bodies) {
      for (const secretValue of [account.password, token, secret, row!.password_hash, row!.password_salt, row!.totp_secret_enc!]) {
        expect(body).not.toContain(secretValue);
      }
    }
    // Stored: neither the password nor the TOTP secret in the clear.
    expect(JSON.stringify(row)).not.toContain(account.password);
    expect(JSON.stringify(row)).not.toContain(secret);
  });
});
