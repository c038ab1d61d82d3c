// A site moved to a D1 database of its own (`own-db-county` in DB_OWN_SITE, see worker/vitest.config.mts):
// the public API, signing in, the console and signing out all use that database, and only it.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { OfficialProfile } from '../../../sdk/src/schemas/auth';
import type { ConsoleMessage, QueuePage } from '../../../sdk/src/schemas/console';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import { hashPassword } from '../auth/password';
import { siteDatabaseOn } from '../db/client';
import { newId } from '../lib/crypto';
import { purgeExpired } from '../scheduled';
import { ALLOWED_ORIGIN, createSite, expectProblem, submit, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';
import { sessionCookieOf, signIn, TEST_PASSWORD } from '../../test/sign-in';

const SITE = 'own-db-county';
const own = siteDatabaseOn(env.DB_OWN_SITE);

/** The site and its leader (once), and a new admin with a real password, written to its own database. */
async function ownSite() {
  const now = new Date().toISOString();
  const stored = await hashPassword(TEST_PASSWORD);
  const accountId = newId('a');
  const email = `${accountId}@own-db-county.example.gov.cn`;
  await own.batch([
    own.q.insertInto('sites').orIgnore().values({ id: SITE, name: '独立库县人民政府', allowed_origins: JSON.stringify([ALLOWED_ORIGIN]), created_at: now, updated_at: now }),
    own.q.insertInto('units').orIgnore().values({ id: `${SITE}_head`, site_id: SITE, parent_id: null, name: '独立库县县长', kind: 'leader', sort_order: 1, active: 1, created_at: now }),
    own.q.insertInto('accounts').values({
      id: accountId, site_id: SITE, email, display_name: '管理员', role: 'admin',
      password_hash: stored.hash, password_salt: stored.salt, password_iterations: stored.iterations,
      totp_secret_enc: null, totp_last_step: null, locked_until: null, created_at: now,
    }),
  ]);
  return { accountId, email, headUnit: `${SITE}_head` };
}

/** Rows of the site (or naming it) in a database. */
async function rowsOf(d1: D1Database) {
  const count = async (sql: string) => (await d1.prepare(sql).bind(SITE).first<{ n: number }>())!.n;
  return {
    sites: await count('SELECT count(*) AS n FROM sites WHERE id = ?'),
    accounts: await count('SELECT count(*) AS n FROM accounts WHERE site_id = ?'),
    sessions: await count('SELECT count(*) AS n FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.site_id = ?'),
    messages: await count('SELECT count(*) AS n FROM messages WHERE site_id = ?'),
    events: await count('SELECT count(*) AS n FROM message_events e JOIN messages m ON m.id = e.message_id WHERE m.site_id = ?'),
  };
}

/** The same session token, presented as if it named `site`. */
const renamed = (cookie: string, site: string) => `${cookie.slice(0, cookie.indexOf('='))}=${site}.${cookie.slice(cookie.lastIndexOf('.') + 1)}`;

describe('a site in a database of its own', () => {
  it('takes messages, signs its official in without a site id, runs the console, signs out: all in its own database', async () => {
    const { accountId, email, headUnit } = await ownSite();
    const created = await submit(SITE, validMessage(headUnit));
    expect(created.status).toBe(201);
    const { id } = await created.json<MessageCreated>();

    const signedIn = await signIn({ email, password: TEST_PASSWORD });
    expect(signedIn.status).toBe(200);
    expect((await signedIn.json<OfficialProfile>()).site).toEqual({ id: SITE, name: '独立库县人民政府' });
    const official = { id: accountId, email, role: 'admin' as const, cookie: sessionCookieOf(signedIn) };

    const queue = await consoleRequest('/v1/console/messages?tab=moderation', { as: official });
    expect(queue.status).toBe(200);
    const page = await queue.json<QueuePage>();
    expect(page.items.map((m) => m.id)).toEqual([id]);
    const published = await consoleRequest(`/v1/console/messages/${id}/publish`, { as: official, method: 'POST', body: {} });
    expect(published.status).toBe(200);
    expect((await published.json<ConsoleMessage>()).moderation).toBe('published');

    expect((await consoleRequest('/v1/console/sign-out', { as: official, method: 'POST', body: {} })).status).toBe(204);
    await expectProblem(await consoleRequest('/v1/console/me', { as: official }), 401, 'unauthenticated');

    expect(await rowsOf(env.DB_OWN_SITE)).toEqual({ sites: 1, accounts: 1, sessions: 1, messages: 1, events: 2 });
    expect(await rowsOf(env.DB)).toEqual({ sites: 0, accounts: 0, sessions: 0, messages: 0, events: 0 });
  });

  it('refuses a session token presented for a site of another database', async () => {
    const { email } = await ownSite();
    const ownCookie = sessionCookieOf(await signIn({ email, password: TEST_PASSWORD }));
    const { siteId } = await createSite();
    const elsewhere = await createOfficial(siteId, 'admin');

    // Each token works for the site it names…
    expect((await consoleRequest('/v1/console/me', { as: { ...elsewhere, cookie: ownCookie } })).status).toBe(200);
    expect((await consoleRequest('/v1/console/me', { as: elsewhere })).status).toBe(200);
    // …and for no other: renamed, it is looked up in the other site's database, where it is not.
    await expectProblem(await consoleRequest('/v1/console/me', { as: { ...elsewhere, cookie: renamed(ownCookie, siteId) } }), 401, 'unauthenticated');
    await expectProblem(await consoleRequest('/v1/console/me', { as: { ...elsewhere, cookie: renamed(elsewhere.cookie, SITE) } }), 401, 'unauthenticated');
    // A token naming no site at all is refused too.
    await expectProblem(await consoleRequest('/v1/console/me', { as: { ...elsewhere, cookie: elsewhere.cookie.replace(/=.*\./, '=') } }), 401, 'unauthenticated');
  });

  it('is cleaned up by the hourly job like every other database', async () => {
    await ownSite();
    await own.run(own.q.insertInto('idempotency_keys').values({
      site_id: SITE, key: 'expired-key', request_hash: 'h', message_id: 'm_gone', response_enc: 'v1:x:y',
      created_at: '2000-01-01T00:00:00.000Z', expires_at: '2000-01-02T00:00:00.000Z',
    }));
    await purgeExpired(env, new Date());
    expect(await own.first(own.q.selectFrom('idempotency_keys').select('key').where('key', '=', 'expired-key'))).toBeNull();
  });
});
