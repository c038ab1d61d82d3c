import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { OfficialProfile } from '../../sdk/src/schemas/auth';
import type { QueuePage } from '../../sdk/src/schemas/console';
import { db } from '../test/fixtures';
import { consoleRequest } from '../test/officials';
import { sessionCookieOf, signIn } from '../test/sign-in';
import { seedDemo } from './demo';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from './demo-accounts';

describe('demo accounts', () => {
  it('are created once, one per role, and sign in with the demo password', async () => {
    await seedDemo(db, env, { origins: ['http://127.0.0.1:8787'] });
    const first = await seedDemoAccounts(db, 'demo');
    const again = await seedDemoAccounts(db, 'demo');
    expect(again).toEqual(first);
    const rows = await db.all(db.q.selectFrom('accounts').select(['email', 'role']).where('site_id', '=', 'demo').orderBy('email'));
    expect(rows).toEqual([
      { email: 'admin@demo.liuyan.local', role: 'admin' },
      { email: 'county-head@demo.liuyan.local', role: 'responder' },
      { email: 'moderator@demo.liuyan.local', role: 'moderator' },
      { email: 'transport@demo.liuyan.local', role: 'responder' },
    ]);
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(12);

    for (const account of Object.values(DEMO_ACCOUNTS)) {
      const response = await signIn({ site: 'demo', email: account.email, password: DEMO_PASSWORD });
      expect(response.status).toBe(200);
      const profile = await response.json<OfficialProfile>();
      expect(profile).toMatchObject({ role: account.role, totpEnabled: false, site: { id: 'demo', name: '示范县人民政府' } });
      expect(profile.units.map((u) => u.id)).toEqual(account.unitIds);
    }
  });

  it("give the county head's responder the departments below it, and the transport bureau's only its own", async () => {
    const queueUnits = async (account: (typeof DEMO_ACCOUNTS)[keyof typeof DEMO_ACCOUNTS]) => {
      const cookie = sessionCookieOf(await signIn({ site: 'demo', email: account.email, password: DEMO_PASSWORD }));
      const page = await (await consoleRequest('/v1/console/messages?tab=all&limit=100', { as: { id: account.id, email: account.email, role: account.role, cookie } })).json<QueuePage>();
      return new Set(page.items.map((m) => m.unit.id));
    };
    const countyHead = await queueUnits(DEMO_ACCOUNTS.countyHead);
    expect(countyHead.has('u_transport')).toBe(true);
    expect(countyHead.size).toBeGreaterThan(1);
    expect([...await queueUnits(DEMO_ACCOUNTS.transport)]).toEqual(['u_transport']);
  });
});
