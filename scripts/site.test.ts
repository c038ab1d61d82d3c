// `npm run site -- create` on a fresh local D1, as an operator runs it; then the service started on
// that database answers for the site, and the admin it printed signs in.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SiteConfig } from '../sdk/src/schemas/site';
import { ensureDevVars, migrate, root, startWorker, stopWorker } from './local-stack';

const persistTo = mkdtempSync(path.join(tmpdir(), 'liuyan-site-test-'));
afterAll(() => rmSync(persistTo, { recursive: true, force: true }));

function site(...args: string[]) {
  const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['scripts/site.ts', 'create', ...args, '--persist-to', persistTo], {
    cwd: root, encoding: 'utf8', env: { ...process.env, LIUYAN_ADMIN_PASSWORD: '' },
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

const YUNXI = ['--id', 'yunxi', '--name', '云溪县人民政府', '--origin', 'https://www.yunxi.gov.cn', '--admin-email', 'Admin@Yunxi.gov.cn'];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('npm run site -- create', () => {
  it('creates a site, its units and its admin once; run again (JSON or CSV) it changes nothing; the printed admin signs in', async () => {
    ensureDevVars();
    migrate(persistTo);
    const first = site(...YUNXI, '--units', 'examples/units/county.json');
    expect(first.status, first.err).toBe(0);
    expect(first.out).toContain('site yunxi created: 云溪县人民政府');
    expect(first.out).toContain('18 units created');
    expect(first.out).toContain('/console/?site=yunxi');
    const password = /password: (\S+)/.exec(first.out)?.[1];
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);

    for (const units of ['examples/units/county.json', 'examples/units/county.csv']) {
      const again = site(...YUNXI, '--units', units);
      expect(again.status, again.err).toBe(0);
      expect(again.out).toContain('unchanged');
      expect(again.out).not.toContain(password);
    }
    const bad = site(...YUNXI, '--units', 'examples/units/county.json', '--moderation', 'sometimes');
    expect(bad.status).toBe(2);
    expect(bad.err).toContain('--moderation');

    const port = await freePort();
    const worker = startWorker({ port, persistTo, localTraces: false }, 'ignore');
    try {
      const service = `http://127.0.0.1:${port}`;
      let config: Response | null = null;
      for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
        config = await fetch(`${service}/v1/sites/yunxi`).catch(() => null);
        if (config) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(config?.status).toBe(200);
      const { site: siteInfo, units } = await config!.json() as SiteConfig;
      expect(siteInfo).toMatchObject({ id: 'yunxi', name: '云溪县人民政府', moderation: 'pre' });
      expect(units.map((u) => u.name)).toEqual(['云溪县县长']);
      expect(units[0]!.children.map((u) => u.name)).toContain('云溪县教育局');
      expect(units[0]!.children).toHaveLength(17);

      // The console signs the admin in with email and password alone, the email in any case.
      const signedIn = await fetch(`${service}/v1/auth/sign-in`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Origin: service },
        body: JSON.stringify({ email: 'admin@yunxi.gov.cn', password }),
      });
      expect(signedIn.status).toBe(200);
      // The printed password opens only the change of password.
      expect(await signedIn.json()).toMatchObject({ role: 'admin', site: { id: 'yunxi', name: '云溪县人民政府' }, mustChangePassword: true });
    } finally {
      stopWorker(worker);
    }
  }, 120_000);
});
