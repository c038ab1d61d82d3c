// `npm run bench:units`: who-to-write-to at national scale. On one fresh local stack (wrangler dev,
// real migrations, the demo seed), the same requests on the demo site (12 units) and on a national
// site (scripts/seed-national.ts, ~93,000 units): the site config's size, one level of the tree,
// and a unit search, as D1 rows read (the cost the service logs per request) and latency (median of
// sequential requests, no load, the paths compared taking turns so that the machine's other work
// weighs on both alike); searches by Chinese text and by pinyin, with the first units each answers and
// their depth (shallowest first). Then the public board of the national site, with messages spread
// over its tree (scripts/seed-large.ts, `BENCH_NATIONAL_MESSAGES`, 100,000 by default: a province holds
// thousands): a page filtered by a province's subtree (~3,000 units) against one by a county's (28),
// with and without a tab. Written into bench/results.json under `units`, and printed.
// It reports only; nothing here passes or fails a build.
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { MessagePage } from '../sdk/src/schemas/message';
import type { SiteConfig, UnitList } from '../sdk/src/schemas/site';
import { seedLarge } from '../scripts/seed-large';
import { seedNational } from '../scripts/seed-national';
import { withLocalStack, type Stack } from './local-stack';
import { writeResults } from './results-file';
import { table } from './table';

const PORT = Number(process.env.BENCH_PORT ?? 8795);
/** Sequential requests per measured path, after WARMUP unmeasured ones. */
const REQUESTS = 40;
const WARMUP = 5;
/** Goal of issue 12: at ~90,000 units, within this factor of the 12-unit site's latency. */
const SCALE_GOAL = 1.5;
/** Goal of issue 12 for a board page filtered by a subtree, however large. */
const BOARD_ROWS_GOAL = 50;
const NATIONAL_MESSAGES = Number(process.env.BENCH_NATIONAL_MESSAGES ?? 100_000);
/** The province measured: 河北 (`p2`) in worker/seed/national.ts. */
const PROVINCE = 'national_p2';

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
  /** A unit search's first answers, each with how deep it sits (names above it): shallowest first. */
  firstUnits?: { name: string; depth: number }[];
}

/**
 * The paths measured in turns (one request to each, then again), so that whatever else the machine
 * is doing weighs on all of them alike: their ratios hold even when absolute times do not.
 */
async function measurePaths(stack: Stack, paths: { label: string; path: string }[]): Promise<PathResult[]> {
  const times: number[][] = paths.map(() => []);
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    for (const [j, { path: urlPath }] of paths.entries()) {
      const started = performance.now();
      const response = await fetch(stack.origin + urlPath);
      await response.arrayBuffer();
      if (i >= WARMUP) times[j]!.push(performance.now() - started);
    }
  }
  const results: PathResult[] = [];
  for (const [j, { label, path: urlPath }] of paths.entries()) results.push(await answerOf(stack, label, urlPath, times[j]!));
  return results;
}

/** One more request to the path, for its answer's size and its cost to D1, with the times measured. */
async function answerOf(stack: Stack, label: string, urlPath: string, times: number[]): Promise<PathResult> {
  const response = await fetch(stack.origin + urlPath);
  const body = await response.text();
  const cost = await stack.costOf(response.headers.get('X-Request-Id') ?? '');
  const parsed = JSON.parse(body) as Partial<SiteConfig & UnitList & MessagePage>;
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    label, path: urlPath, status: response.status,
    items: parsed.items?.length ?? parsed.units?.length ?? null,
    rawBytes: Buffer.byteLength(body), gzipBytes: gzipSync(body).length,
    queries: cost?.queries ?? null, rowsRead: cost?.rowsRead ?? null,
    medianMs: round(times[Math.floor(times.length / 2)]!), p90Ms: round(times[Math.floor(times.length * 0.9)]!),
    ...(urlPath.includes('?q=') ? { firstUnits: (parsed as UnitList).items.slice(0, 3).map((u) => ({ name: u.name, depth: u.path.length })) } : {}),
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
    console.log('Seeding the national tree …');
    const seeded = await seedNational({ siteId: 'national', origins: [], persistTo: stack.persistTo });
    console.log(`  ${seeded.units.toLocaleString('en')} units in ${seeded.seconds} s`);
    console.log('Measuring the demo site (12 units) and the national one in turns …');
    const smallPaths = sitePaths('demo', { label: 'level: 县长’s departments', parent: 'u_county_head' });
    const largePaths = sitePaths('national', { label: 'level: a county head’s departments', parent: 'national_p2c0k0_head' });
    const small: Record<string, PathResult> = {};
    const large: Record<string, PathResult> = {};
    for (const [i, p] of smallPaths.entries()) {
      const [demo, national] = await measurePaths(stack, [p, largePaths[i]!]);
      small[p.key] = demo!;
      large[p.key] = national!;
    }
    const ratios = Object.fromEntries(Object.keys(small).map((key) => [key, Math.round((large[key]!.medianMs / small[key]!.medianMs) * 100) / 100]));

    console.log(`Seeding ${NATIONAL_MESSAGES.toLocaleString('en')} messages over the national tree …`);
    const messages = await seedLarge({ siteId: 'national', messages: NATIONAL_MESSAGES, persistTo: stack.persistTo });
    console.log(`  in ${messages.seconds} s`);
    const [provinceSize] = stack.queryD1<{ units: number; onBoard: number }>(
      `SELECT (SELECT count(*) FROM unit_ancestors WHERE ancestor_id = '${PROVINCE}') AS units,
        (SELECT count(*) FROM message_units WHERE unit_id = '${PROVINCE}' AND on_board = 1) AS onBoard`);
    // The province's county with the most messages on the board (a full page or more).
    const [county] = stack.queryD1<{ id: string; units: number; onBoard: number }>(
      `SELECT u.id, (SELECT count(*) FROM unit_ancestors WHERE ancestor_id = u.id) AS units, count(*) AS onBoard
        FROM units u JOIN message_units mu ON mu.unit_id = u.id AND mu.on_board = 1
        WHERE u.site_id = 'national' AND u.kind = 'region' AND u.parent_id LIKE '${PROVINCE}c%'
        GROUP BY u.id ORDER BY onBoard DESC LIMIT 1`);
    const boardPath = (params: Record<string, string>) => `/v1/sites/national/messages?${new URLSearchParams(params)}`;
    const [site, province, countyPage, provinceTab, countyTab] = await measurePaths(stack, [
      { label: 'board: whole site', path: boardPath({}) },
      { label: `board: province ${PROVINCE} (${provinceSize!.units} units)`, path: boardPath({ unit: PROVINCE }) },
      { label: `board: county ${county!.id} (${county!.units} units)`, path: boardPath({ unit: county!.id }) },
      { label: 'board: the province, 已办理', path: boardPath({ unit: PROVINCE, status: 'answered' }) },
      { label: 'board: the county, 已办理', path: boardPath({ unit: county!.id, status: 'answered' }) },
    ]);
    const board = { site: site!, province: province!, county: countyPage!, provinceTab: provinceTab!, countyTab: countyTab! };
    const boardRatio = {
      provinceToCounty: Math.round((board.province.medianMs / board.county.medianMs) * 100) / 100,
      provinceToCountyTab: Math.round((board.provinceTab.medianMs / board.countyTab.medianMs) * 100) / 100,
    };
    return {
      units: { small: 12, large: seeded.units, seedSeconds: seeded.seconds }, small, large, latencyRatio: ratios,
      board: {
        messages: messages.messages, seedSeconds: messages.seconds,
        province: { id: PROVINCE, ...provinceSize! }, county: county!,
        pages: board, latencyRatio: boardRatio,
      },
    };
  });

  console.log('\n' + table(['request', 'site', 'items', 'gzip B', 'queries', 'rows read', 'median ms', 'p90 ms', 'ratio'],
    Object.keys(results.small).flatMap((key) => [results.small[key]!, results.large[key]!].map((r, i) => [
      r.label, i === 0 ? 'demo (12)' : `national (${results.units.large})`, r.items ?? '', r.gzipBytes, r.queries ?? '', r.rowsRead ?? '',
      r.medianMs, r.p90Ms, i === 1 ? `${results.latencyRatio[key]}×` : '',
    ]))));
  const { board } = results;
  console.log(`\nThe board of the national site: ${board.messages.toLocaleString('en')} messages; the province has ${board.province.onBoard} on the board, the county ${board.county.onBoard}.`);
  console.log(table(['request', 'items', 'queries', 'rows read', 'median ms', 'p90 ms'],
    Object.values(board.pages).map((r) => [r.label, r.items ?? '', r.queries ?? '', r.rowsRead ?? '', r.medianMs, r.p90Ms])));
  console.log(`Province vs county: ${board.latencyRatio.provinceToCounty}× (a tab: ${board.latencyRatio.provinceToCountyTab}×); goal ≤ ${SCALE_GOAL}×, rows ≤ ${BOARD_ROWS_GOAL}.`);

  const written = await writeResults({ units: {
    measuredAt: new Date().toISOString(),
    method: `wrangler dev on a fresh local D1; ${REQUESTS} sequential requests per path after ${WARMUP} warm-up ones, no load, ` +
      'the paths compared taking turns request by request (demo and national; the board pages); ' +
      'rows read as the service logs them per request (the site lookup included); gzip by node:zlib at its default level',
    goals: {
      configGzipBytes: 20 * 1024, latencyRatio: SCALE_GOAL, rowsRead: 'bounded by the level’s size or the search limit (20), not the tree',
      boardRowsRead: BOARD_ROWS_GOAL, boardLatencyRatio: SCALE_GOAL,
    },
    ...results,
  } });
  console.log(`\nWritten to ${written} (units).`);
}

await main();
