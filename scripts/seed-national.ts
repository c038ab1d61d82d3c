// `npm run seed:national -- [--site national] [--provinces 31] [--persist-to DIR] [--origin URL …]`
//
// Adds a site with a national-scale tree of units (worker/seed/national.ts: ministries, and provinces
// → cities → counties, each with its 书记, its head and the head's 25 departments; ~93,000 units with
// the defaults, deterministic) to a local D1: wrangler's `.wrangler/state` (the one `npm run dev`
// uses) or the `--persist-to` directory of the browser tests or the benchmark. It opens the same
// SQLite files through `getPlatformProxy`; a running `wrangler dev` serves the new units at once.
// The site allows the dev server's origins (127.0.0.1 and localhost, port 8787) and each `--origin`.
// Units that exist already are left as they are, so running it twice changes nothing.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { getPlatformProxy } from 'wrangler';
import { siteDatabaseOn } from '../worker/src/db/client';
import { ensureSite, insertUnits, nationalUnits, type NationalTreeOptions } from '../worker/seed/national';
import { root } from './local-stack';

export interface NationalSeedOptions extends NationalTreeOptions {
  siteId: string;
  name?: string;
  origins: string[];
  persistTo?: string;
  onProgress?: (done: number, total: number) => void;
}

/** Creates the site (if new) and writes its national tree; answers how many units the tree has and the seconds it took. */
export async function seedNational({ siteId, name = '全国领导留言板（演示）', origins, persistTo, onProgress, ...tree }: NationalSeedOptions) {
  const started = performance.now();
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: path.join(root, 'wrangler.toml'),
    persist: persistTo ? { path: path.join(persistTo, 'v3') } : true,
  });
  try {
    const db = siteDatabaseOn(proxy.env.DB);
    await ensureSite(db, siteId, name, origins);
    const units = nationalUnits(siteId, tree);
    await insertUnits(db, units, (done) => onProgress?.(done, units.length));
    return { units: units.length, seconds: Math.round((performance.now() - started) / 100) / 10 };
  } finally {
    await proxy.dispose();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      site: { type: 'string', default: 'national' },
      provinces: { type: 'string', default: '31' },
      'persist-to': { type: 'string' },
      origin: { type: 'string', multiple: true, default: [] },
    },
  });
  const persistTo = values['persist-to'] ? path.resolve(values['persist-to']) : undefined;
  const origins = ['http://127.0.0.1:8787', 'http://localhost:8787', ...values.origin];
  console.log(`Adding site "${values.site}" with a national tree of units to ${persistTo ?? '.wrangler/state'} …`);
  const result = await seedNational({
    siteId: values.site, provinces: Number(values.provinces), origins, persistTo,
    onProgress: (done, total) => { if (done % 11_000 < 550 || done === total) console.log(`  ${done.toLocaleString('en').padStart(7)} / ${total.toLocaleString('en')}`); },
  });
  console.log(`Done: ${result.units.toLocaleString('en')} units in ${result.seconds} s. Try /v1/sites/${values.site} and /v1/sites/${values.site}/units?q=教育局`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
