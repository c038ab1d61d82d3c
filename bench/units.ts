// `npm run bench:units`: who-to-write-to at national scale. On one fresh local stack (wrangler dev,
// real migrations, the demo seed), the same requests on the demo site (12 units) and on a national
// site (scripts/seed-national.ts, ~93,000 units): the site config's size, one level of the tree,
// and a unit search, as D1 rows read (the cost the service logs per request) and latency (median of
// sequential requests, no load); searches by Chinese text and by pinyin. Written into
// bench/results.json under `units`, and printed.
// It reports only; nothing here passes or fails a build.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { SiteConfig, UnitList } from '../sdk/src/schemas/site';
import { seedNational } from '../scripts/seed-national';
import { withLocalStack, type Stack } from './local-stack';
import { table } from './table';

const PORT = Number(process.env.BENCH_PORT ?? 8795);
const resultsFile = path.join(import.meta.dirname, 'results.json');
/** Sequential requests per measured path, after WARMUP unmeasured ones. */
const REQUESTS = 40;
const WARMUP = 5;
/** Goal of issue 12: at ~90,000 units, within this factor of the 12-unit site's latency. */
const SCALE_GOAL = 1.5;

interface PathResult {
  label: string;
  path: string;
  status: number;
  items: number | null;
  rawBytes: number;
  gzipBytes: number;
  queries: number | null;
  rowsRead: number | null;
  medianMs: number;
  p90Ms: number;
}

async function measurePath(stack: Stack, label: string, urlPath: string): Promise<PathResult> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const started = performance.now();
    const response = await fetch(stack.origin + urlPath);
    await response.arrayBuffer();
    if (i >= WARMUP) times.push(performance.now() - started);
  }
  const response = await fetch(stack.origin + urlPath);
  const body = await response.text();
  const cost = await stack.costOf(response.headers.get('X-Request-Id') ?? '');
  const parsed = JSON.parse(body) as Partial<SiteConfig & UnitList>;
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    label, path: urlPath, status: response.status,
    items: parsed.items?.length ?? parsed.units?.length ?? null,
    rawBytes: Buffer.byteLength(body), gzipBytes: gzipSync(body).length,
    queries: cost?.queries ?? null, rowsRead: cost?.rowsRead ?? null,
    medianMs: round(times[Math.floor(times.length / 2)]!), p90Ms: round(times[Math.floor(times.length * 0.9)]!),
  };
}

const sitePaths = (site: string, level: { label: string; parent: string }) => [
  { key: 'config', label: 'site config', path: `/v1/sites/${site}` },
  { key: 'top', label: 'top level', path: `/v1/sites/${site}/units` },
  { key: 'level', label: level.label, path: `/v1/sites/${site}/units?parent=${encodeURIComponent(level.parent)}` },
  { key: 'search3', label: 'search q=教育局', path: `/v1/sites/${site}/units?q=${encodeURIComponent('教育局')}` },
  { key: 'search2', label: 'search q=教育', path: `/v1/sites/${site}/units?q=${encodeURIComponent('教育')}` },
  { key: 'searchRare', label: 'search q=河北教育厅 (one unit)', path: `/v1/sites/${site}/units?q=${encodeURIComponent('河北教育厅')}` },
  { key: 'searchInitials', label: 'search q=jyj (pinyin initials)', path: `/v1/sites/${site}/units?q=jyj` },
  { key: 'searchPinyin', label: 'search q=jiaoyu (pinyin)', path: `/v1/sites/${site}/units?q=jiaoyu` },
];

async function main(): Promise<void> {
  const results = await withLocalStack(PORT, async (stack) => {
    const measureSite = async (site: string, level: { label: string; parent: string }) => {
      const out: Record<string, PathResult> = {};
      for (const p of sitePaths(site, level)) out[p.key] = await measurePath(stack, p.label, p.path);
      return out;
    };
    console.log('Measuring the demo site (12 units) …');
    const small = await measureSite('demo', { label: 'level: 县长’s departments', parent: 'u_county_head' });
    console.log('Seeding the national tree …');
    const seeded = await seedNational({ siteId: 'national', origins: [], persistTo: stack.persistTo });
    console.log(`  ${seeded.units.toLocaleString('en')} units in ${seeded.seconds} s`);
    const large = await measureSite('national', { label: 'level: a county head’s departments', parent: 'national_p2c0k0_head' });
    const ratios = Object.fromEntries(Object.keys(small).map((key) => [key, Math.round((large[key]!.medianMs / small[key]!.medianMs) * 100) / 100]));
    return { units: { small: 12, large: seeded.units, seedSeconds: seeded.seconds }, small, large, latencyRatio: ratios };
  });

  console.log('\n' + table(['request', 'site', 'items', 'gzip B', 'queries', 'rows read', 'median ms', 'p90 ms', 'ratio'],
    Object.keys(results.small).flatMap((key) => [results.small[key]!, results.large[key]!].map((r, i) => [
      r.label, i === 0 ? 'demo (12)' : `national (${results.units.large})`, r.items ?? '', r.gzipBytes, r.queries ?? '', r.rowsRead ?? '',
      r.medianMs, r.p90Ms, i === 1 ? `${results.latencyRatio[key]}×` : '',
    ]))));

  const file = JSON.parse(await readFile(resultsFile, 'utf8').catch(() => '{}')) as Record<string, unknown>;
  file.units = {
    measuredAt: new Date().toISOString(),
    method: `wrangler dev on a fresh local D1; ${REQUESTS} sequential requests per path after ${WARMUP} warm-up ones, no load; ` +
      'rows read as the service logs them per request (the site lookup included); gzip by node:zlib at its default level',
    goals: { configGzipBytes: 20 * 1024, latencyRatio: SCALE_GOAL, rowsRead: 'bounded by the level’s size or the search limit (20), not the tree' },
    ...results,
  };
  await writeFile(resultsFile, JSON.stringify(file, null, 2) + '\n');
  console.log(`\nWritten to ${path.relative(process.cwd(), resultsFile)} (units).`);
}

await main();
