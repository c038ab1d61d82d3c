// The public board at scale: the same requests on the same stack with ~1k messages, then again after
// `seedLarge` has filled it up to 100k (10k with --quick), as latency, throughput and D1 rows read.
//
// Both sizes are one generated history: the first run of the seed takes the oldest ~1k of it and the
// second the rest, so `seq` follows the dates throughout. The worker keeps running while the seed
// writes to its D1 (the seed opens the same SQLite files; new rows are served at once).
import { performance } from 'node:perf_hooks';
import type { MessagePage, PublicMessageDetail } from '../sdk/src/schemas/message';
import type { Stats } from '../sdk/src/schemas/stats';
import { seedLarge, type LargeSeedResult } from '../scripts/seed-large';
import { ensureDevVars } from '../scripts/local-stack';
import { healthz, LOAD, measure, parses, type Route, type RouteMeasurement } from './api-load';
import type { Stack } from './local-stack';
import { DEMO_ACCOUNTS, type DemoAccount } from '../worker/seed/demo-accounts';

const SITE = 'demo';
const SMALL = 1_000;
export const FULL_SIZE = 100_000;
export const QUICK_SIZE = 10_000;
const HISTORY_YEARS = 3;
/** Seconds measured per run: 4 routes and 5 baseline runs between them, at each of the 2 sizes. */
const MEASURE_SECONDS = 6;
const MAX_REQUESTS = 8_000;
/** Goal: 100k latency within this factor of 1k latency (and throughput within its inverse). */
export const SCALE_GOAL = 1.5;

const SEARCH_TERM = '路灯';
const q = (params: Record<string, string>) => `/v1/sites/${SITE}/messages?${new URLSearchParams(params)}`;

/** The board requests measured under load, by key. */
const LOADED_SHAPES = {
  list: { label: 'list (全部, page 1)', path: q({}) },
  tab: { label: 'list, tab 已办理', path: q({ status: 'answered' }) },
  search: { label: `search q=${SEARCH_TERM}`, path: q({ q: SEARCH_TERM }) },
} as const;
type LoadedShape = keyof typeof LOADED_SHAPES | 'detail' | 'stats';

/** More list shapes whose D1 cost is read once each (no load). */
const COST_SHAPES: Record<string, { label: string; path: string }> = {
  ...LOADED_SHAPES,
  tabAwaiting: { label: 'list, tab 待回复', path: q({ status: 'awaiting' }) },
  tabInProgress: { label: 'list, tab 办理中', path: q({ status: 'in_progress' }) },
  type: { label: 'list, type=help', path: q({ type: 'help' }) },
  domain: { label: 'list, domain=urban', path: q({ domain: 'urban' }) },
  unit: { label: 'list, unit=县长 (big unit: 11 units with its departments)', path: q({ unit: 'u_county_head' }) },
  smallUnit: { label: 'list, unit=自然资源局 (small unit)', path: q({ unit: 'u_natural_resources' }) },
  smallUnitTab: { label: 'list, unit=自然资源局, tab 已办理', path: q({ unit: 'u_natural_resources', status: 'answered' }) },
  searchPhrase: { label: 'search q=路灯坏了', path: q({ q: '路灯坏了' }) },
  searchOneChar: { label: 'search q=灯 (1 character)', path: q({ q: '灯' }) },
};

export interface D1Cost {
  shape: string;
  label: string;
  path: string;
  status: number;
  /** Items on the page (1 for a detail). */
  rowsReturned: number;
  queries: number | null;
  rowsRead: number | null;
  rowsWritten: number | null;
  /** 2 × rowsReturned + 10, for list pages. */
  goalRowsRead: number | null;
  withinGoal: boolean | null;
}

export interface BoardSize {
  /** Messages in D1 (all states) and those on the public board (published, public). */
  messages: number;
  publicMessages: number;
  /** Public messages the search term finds (by the search index). */
  searchMatches: number;
  detailId: string;
  /** GET /healthz before the first route and after each one, so every route is bracketed. */
  baselineRuns: RouteMeasurement[];
  routes: Record<LoadedShape, BracketedRoute>;
  d1: D1Cost[];
  /** The officials' queue: a page of 50 and the counts per tab, for a moderator and a department's responder. */
  console: D1Cost[];
  /** Public statistics: the whole site, a unit, a year, 33 months (site and unit), the costliest range, a campaign; the officials' dashboard (a department, a subtree). */
  stats: D1Cost[];
}

export interface BracketedRoute extends RouteMeasurement {
  /** Mean of the baseline runs just before and just after this route's run; null if either does not count. */
  baselineRequestsPerSecond: number | null;
}

export interface ScaleRatio {
  /** large ÷ small; null when either run does not count. */
  p50: number | null;
  p99: number | null;
  requestsPerSecond: number | null;
  /** How much the machine itself moved: the route's bracketing baseline throughput, large ÷ small. */
  machineFactor: number | null;
  /**
   * The ratios with the machine's own change taken out: throughput ÷ machineFactor, latency × machineFactor
   * (at a fixed number of connections, latency goes as 1 / throughput).
   */
  adjusted: { p50: number | null; requestsPerSecond: number | null };
  /** Adjusted p50 ratio ≤ SCALE_GOAL and adjusted throughput ratio ≥ 1 / SCALE_GOAL. */
  withinGoal: boolean | null;
}

export interface BoardResults {
  target: string;
  quick: boolean;
  load: { connections: number; warmupSeconds: number; targetSecondsPerRoute: number; maxRequestsPerRun: number; tool: string };
  seed: { small: LargeSeedResult; large: LargeSeedResult };
  small: BoardSize;
  large: BoardSize;
  /** large ÷ small, per route. */
  ratios: Record<LoadedShape, ScaleRatio>;
  goals: { latencyRatio: number; rowsRead: string };
  notes: string[];
}

const round = (value: number, places = 2): number => Number(value.toFixed(places));


function listRoute(path: string): Route {
  return {
    method: 'GET', path, expectedStatus: 200,
    bodyIsValid: (body) => parses<MessagePage>(body, (b) => Array.isArray(b.items) && b.items.length > 0),
  };
}

/** The whole site's statistics: what a county page's <liuyan-stats> asks for. */
const STATS_PATH = `/v1/sites/${SITE}/stats`;

function statsRoute(): Route {
  return {
    method: 'GET', path: STATS_PATH, expectedStatus: 200,
    bodyIsValid: (body) => parses<Stats>(body, (b) => b.messages > 0 && Array.isArray(b.monthly)),
  };
}

function detailRoute(id: string): Route {
  return {
    method: 'GET', path: `/v1/sites/${SITE}/messages/${id}`, expectedStatus: 200,
    bodyIsValid: (body) => parses<PublicMessageDetail>(body, (b) => b.id === id),
  };
}

/** What one request cost D1, from the line the service logged for it. */
async function d1Cost(stack: Stack, shape: string, label: string, path: string, isList: boolean, headers: Record<string, string> = {}): Promise<D1Cost> {
  const response = await fetch(stack.origin + path, { headers });
  const body = await response.json() as Partial<MessagePage>;
  const rowsReturned = isList ? (body.items?.length ?? 0) : response.ok ? 1 : 0;
  const timing = await stack.costOf(response.headers.get('X-Request-Id') ?? '');
  const goalRowsRead = isList ? 2 * rowsReturned + 10 : null;
  return {
    shape, label, path, status: response.status, rowsReturned,
    queries: timing?.queries ?? null, rowsRead: timing?.rowsRead ?? null, rowsWritten: timing?.rowsWritten ?? null,
    goalRowsRead, withinGoal: goalRowsRead === null || !timing ? null : timing.rowsRead <= goalRowsRead,
  };
}

/** A public message with replies near the top of the board: a typical 查看全文. */
async function pickDetailId(origin: string): Promise<string> {
  const page = await (await fetch(origin + q({ status: 'answered' }))).json() as MessagePage;
  const message = page.items.find((m) => m.replyCount > 0) ?? page.items[0];
  if (!message) throw new Error('the board is empty: nothing to open');
  return message.id;
}

function counts(stack: Stack): { messages: number; publicMessages: number; searchMatches: number } {
  const [row] = stack.queryD1<{ messages: number; publicMessages: number; searchMatches: number }>(`
    SELECT (SELECT count(*) FROM messages WHERE site_id = '${SITE}') AS messages,
      (SELECT count(*) FROM messages WHERE site_id = '${SITE}' AND moderation = 'published' AND is_public = 1) AS publicMessages,
      (SELECT count(*) FROM messages WHERE site_id = '${SITE}' AND moderation = 'published' AND is_public = 1
        AND seq IN (SELECT rowid FROM message_search WHERE message_search MATCH '"${SEARCH_TERM}"')) AS searchMatches`);
  return row!;
}

async function measureSize(stack: Stack, label: string, log: (line: string) => void): Promise<BoardSize> {
  const { origin } = stack;
  const sizes = counts(stack);
  log(`  ${label}: ${sizes.messages.toLocaleString('en')} messages in D1, ${sizes.publicMessages.toLocaleString('en')} on the board, ` +
    `${sizes.searchMatches.toLocaleString('en')} found by “${SEARCH_TERM}”`);
  const detailId = await pickDetailId(origin);
  const options = { seconds: MEASURE_SECONDS, maxRequests: MAX_REQUESTS };
  const baselineRuns: RouteMeasurement[] = [];
  const runBaseline = async () => {
    log('    baseline  GET /healthz …');
    baselineRuns.push(await measure(origin, healthz(), healthz(), options));
  };
  const bracketed = async (route: Route): Promise<BracketedRoute> => {
    log(`    route     GET ${route.path} …`);
    const m = await measure(origin, route, route, options);
    await runBaseline();
    const [before, after] = baselineRuns.slice(-2) as [RouteMeasurement, RouteMeasurement];
    const counts = before.counts && after.counts;
    return { ...m, baselineRequestsPerSecond: counts ? round((before.requestsPerSecond + after.requestsPerSecond) / 2, 1) : null };
  };
  await runBaseline();
  const routes = {} as Record<LoadedShape, BracketedRoute>;
  for (const [key, shape] of Object.entries(LOADED_SHAPES)) routes[key as LoadedShape] = await bracketed(listRoute(shape.path));
  routes.detail = await bracketed(detailRoute(detailId));
  routes.stats = await bracketed(statsRoute());
  const d1: D1Cost[] = [];
  for (const [key, shape] of Object.entries(COST_SHAPES)) d1.push(await d1Cost(stack, key, shape.label, shape.path, true));
  // Page 2 of the whole board: the keyset cursor must cost what page 1 costs.
  const first = await (await fetch(origin + LOADED_SHAPES.list.path)).json() as MessagePage;
  if (first.nextCursor) d1.push(await d1Cost(stack, 'listPage2', 'list (全部, page 2, cursor)', q({ cursor: first.nextCursor }), true));
  // The search index yields matches from the newest on: page 2 also counts page 1's matches.
  const found = await (await fetch(origin + LOADED_SHAPES.search.path)).json() as MessagePage;
  if (found.nextCursor) d1.push(await d1Cost(stack, 'searchPage2', `search q=${SEARCH_TERM}, page 2`, q({ q: SEARCH_TERM, cursor: found.nextCursor }), true));
  d1.push(await d1Cost(stack, 'detail', 'detail', `/v1/sites/${SITE}/messages/${detailId}`, false));
  return { ...sizes, detailId, baselineRuns, routes, d1, console: await consoleCosts(stack), stats: await statsCosts(stack) };
}

/** Signs a demo official in and answers the Cookie header of the session. */
async function signIn(origin: string, account: DemoAccount): Promise<string> {
  const response = await fetch(`${origin}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ site: SITE, email: account.email, password: account.password }),
  });
  const cookie = response.headers.get('Set-Cookie')?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`sign-in of ${account.email}: ${response.status}`);
  return cookie;
}

/** Rows read by one load of the officials' queue (a page of 50 and the counts of every tab), at any scale. */
export const QUEUE_GOAL_ROWS_READ = 500;

async function consoleCosts(stack: Stack): Promise<D1Cost[]> {
  const { origin } = stack;
  const costs: D1Cost[] = [];
  const officials = [['moderator', DEMO_ACCOUNTS.moderator], ['transport', DEMO_ACCOUNTS.transport]] as const;
  for (const [who, account] of officials) {
    const cookie = await signIn(origin, account);
    for (const tab of ['moderation', 'new', 'handling', 'overdue', 'all'] as const) {
      const cost = await d1Cost(stack, `${who}:${tab}`, `queue, ${account.displayName}, tab ${tab}`, `/v1/console/messages?tab=${tab}`, true, { Cookie: cookie });
      // The queue's goal is one bound, whatever the backlog: a page and every tab's count.
      costs.push({ ...cost, goalRowsRead: QUEUE_GOAL_ROWS_READ, withinGoal: cost.rowsRead === null ? null : cost.rowsRead <= QUEUE_GOAL_ROWS_READ });
    }
  }
  return costs;
}

/** Rows read per statistics request, at any number of messages (issue 11). */
export const STATS_GOAL_ROWS_READ = 200;

async function statsCosts(stack: Stack): Promise<D1Cost[]> {
  const monthsAgo = (n: number) => { const d = new Date(); d.setUTCDate(1); d.setUTCMonth(d.getUTCMonth() - n); return d.toISOString().slice(0, 7); };
  const lastYear = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 7);
  // Nearly the whole history, from and to within a year; and June to May two years on, which takes
  // the most tally periods (7: a quarter and a month or two on each side of a year) of any range of it.
  const longRange = `from=${monthsAgo(33)}&to=${monthsAgo(1)}`;
  const year = new Date().getUTCFullYear();
  const worstRange = `from=${year - 2}-06&to=${year}-05`;
  const shapes: [string, string, string, Record<string, string>][] = [
    ['stats', 'stats, whole site', STATS_PATH, {}],
    ['statsUnit', 'stats, unit=交通运输局', `${STATS_PATH}?unit=u_transport`, {}],
    ['statsRange', `stats, from=${lastYear} (12 months)`, `${STATS_PATH}?from=${lastYear}`, {}],
    ['statsLongRange', `stats, ${longRange} (33 months)`, `${STATS_PATH}?${longRange}`, {}],
    ['statsWorstRange', `stats, ${worstRange} (24 months, 7 tally periods)`, `${STATS_PATH}?${worstRange}`, {}],
    ['statsUnitLongRange', `stats, unit=交通运输局, ${longRange}`, `${STATS_PATH}?unit=u_transport&${longRange}`, {}],
    ['statsCampaign', 'stats, campaign=jianyan-2025', `${STATS_PATH}?campaign=jianyan-2025`, {}],
    ['dashboardResponder', `dashboard, ${DEMO_ACCOUNTS.transport.displayName}`, '/v1/console/dashboard', { Cookie: await signIn(stack.origin, DEMO_ACCOUNTS.transport) }],
    ['dashboardSubtree', `dashboard, ${DEMO_ACCOUNTS.countyHead.displayName} (11 units)`, '/v1/console/dashboard', { Cookie: await signIn(stack.origin, DEMO_ACCOUNTS.countyHead) }],
  ];
  const costs: D1Cost[] = [];
  for (const [shape, label, path, headers] of shapes) {
    const cost = await d1Cost(stack, shape, label, path, false, headers);
    costs.push({ ...cost, goalRowsRead: STATS_GOAL_ROWS_READ, withinGoal: cost.rowsRead === null ? null : cost.rowsRead <= STATS_GOAL_ROWS_READ });
  }
  return costs;
}

function ratio(small: BracketedRoute, large: BracketedRoute): ScaleRatio {
  const both = small.counts && large.counts;
  const machineFactor = small.baselineRequestsPerSecond && large.baselineRequestsPerSecond
    ? round(large.baselineRequestsPerSecond / small.baselineRequestsPerSecond)
    : null;
  const divide = (a: number, b: number) => (both && b > 0 ? round(a / b) : null);
  const p50 = divide(large.latencyMs.p50, small.latencyMs.p50);
  const rps = divide(large.requestsPerSecond, small.requestsPerSecond);
  const adjusted = {
    p50: p50 === null || machineFactor === null ? null : round(p50 * machineFactor),
    requestsPerSecond: rps === null || machineFactor === null ? null : round(rps / machineFactor),
  };
  return {
    p50,
    p99: divide(large.latencyMs.p99, small.latencyMs.p99),
    requestsPerSecond: rps,
    machineFactor,
    adjusted,
    withinGoal: adjusted.p50 === null || adjusted.requestsPerSecond === null
      ? null
      : adjusted.p50 <= SCALE_GOAL && adjusted.requestsPerSecond >= 1 / SCALE_GOAL,
  };
}

export async function measureBoard(stack: Stack, { quick }: { quick: boolean }, log: (line: string) => void): Promise<BoardResults> {
  const largeSize = quick ? QUICK_SIZE : FULL_SIZE;
  const until = Date.now();
  const from = until - HISTORY_YEARS * 365.25 * 86_400_000;
  const splitAt = from + (until - from) * (SMALL / largeSize);
  const keys = ensureDevVars();
  const progress = (p: { written: number; total: number; seconds: number; messagesPerSecond: number }) =>
    log(`    seeded ${p.written.toLocaleString('en')} / ${p.total.toLocaleString('en')} (${p.seconds.toFixed(0)} s, ${Math.round(p.messagesPerSecond)} messages/s)`);

  const demo = counts(stack).messages;
  log(`  seeding up to ${SMALL.toLocaleString('en')} messages …`);
  const smallSeed = await seedLarge({ persistTo: stack.persistTo, keys, messages: SMALL - demo, from: new Date(from), until: new Date(splitAt) });
  const small = await measureSize(stack, 'small', log);

  log(`  seeding up to ${largeSize.toLocaleString('en')} messages …`);
  const started = performance.now();
  const largeSeed = await seedLarge({
    persistTo: stack.persistTo, keys, messages: largeSize - small.messages, from: new Date(splitAt), until: new Date(until), onProgress: progress,
  });
  log(`  seeded ${largeSeed.messages.toLocaleString('en')} messages in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const large = await measureSize(stack, 'large', log);

  const ratios = {} as Record<LoadedShape, ScaleRatio>;
  for (const key of Object.keys(small.routes) as LoadedShape[]) ratios[key] = ratio(small.routes[key], large.routes[key]);
  return {
    target: `wrangler dev on ${stack.origin} (local workerd + local D1 in a fresh temp directory: demo seed, then scripts/seed-large.ts)`,
    quick,
    load: {
      connections: LOAD.connections, warmupSeconds: LOAD.warmupSeconds, targetSecondsPerRoute: MEASURE_SECONDS, maxRequestsPerRun: MAX_REQUESTS,
      tool: 'autocannon (programmatic API, same process as the bench; fixed request count per run)',
    },
    seed: { small: smallSeed, large: largeSeed },
    small,
    large,
    ratios,
    goals: { latencyRatio: SCALE_GOAL, rowsRead: '≤ 2 × rows returned + 10 per list page (the cost the service logs per request, which includes the site lookup)' },
    notes: [
      'Latency is under load (20 connections), so it includes queueing: p50 ≈ connections ÷ throughput.',
      'Each route runs between two GET /healthz runs; machineFactor (their mean, large ÷ small) shows how much the machine itself ' +
        'moved between the two sizes (other work on it); the goal is judged on the ratios adjusted by it.',
      'rows_read counts rows of ordinary tables and indexes, and each match the search index yields (measured: a search page reads ' +
        'about one row per match walked plus one per message row); the site lookup and the site\'s units (12 in the demo) are in every list page.',
    ],
  };
}
