// Throughput of the API routes under load, as ratios to GET /healthz measured in the same run.
//
// Each route gets a short warm-up, then a measured run of a fixed number of requests sized from the
// warm-up's rate to last about LOAD.measureSeconds. A fixed count (autocannon `amount`) lets every sent
// request be answered before the run ends, so the messages found in D1 after the submit run can be
// compared exactly with its 2xx answers (a timed run drops the requests in flight when it stops).
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { CreateMessageInput, MessageCreated } from '../sdk/src/schemas/message';
import type { SiteConfig } from '../sdk/src/schemas/site';
import type { Stack } from './local-stack';

export const LOAD = {
  connections: 20,
  warmupSeconds: 2,
  measureSeconds: 8,
  /** A measured run still going after this long is stopped (and reported as not counting). */
  maxSeconds: 30,
  /** Seconds to wait for one response. */
  requestTimeoutSeconds: 10,
} as const;

const SITE = 'demo';

/** Baseline runs further apart than this (fastest / slowest) mean other work disturbed the benchmark. */
export const STEADY_SPREAD = 1.2;

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** A new Idempotency-Key on every request, as a new submission would have. */
  freshIdempotencyKey?: boolean;
  /** Status every answer must have. */
  expectedStatus: number;
  /** Whether an answer's body is what the route promises. */
  bodyIsValid: (body: string) => boolean;
}

export interface RouteMeasurement {
  route: string;
  requestsPerSecond: number;
  completedRequests: number;
  sentRequests: number;
  activeSeconds: number;
  latencyMs: { p50: number; p99: number; mean: number; max: number };
  non2xx: number;
  statusCodes: Record<string, number>;
  connectionErrors: number;
  timeouts: number;
  bodyMismatches: number;
  /** True when every request was answered with the expected status and body: only then the numbers count. */
  counts: boolean;
  problems: string[];
}

export interface RouteResult extends RouteMeasurement {
  /** Mean of the baseline runs just before and just after this route's run. */
  baselineRequestsPerSecond: number;
  /** requestsPerSecond / baselineRequestsPerSecond, 2 decimals; null when either does not count. */
  throughputRatioToBaseline: number | null;
}

export interface ApiResults {
  target: string;
  load: { connections: number; warmupSeconds: number; targetSecondsPerRoute: number; tool: string };
  baseline: {
    route: string;
    /** Mean of all baseline runs. */
    requestsPerSecond: number;
    counts: boolean;
    /** One before the first route and one after each route, so every route is bracketed. */
    runs: RouteMeasurement[];
    /** Fastest / slowest baseline run: how much the machine's speed moved during the benchmark. */
    spread: number;
    /** spread ≤ STEADY_SPREAD: the machine kept its pace, so the ratios can be compared between runs. */
    steady: boolean;
  };
  routes: Record<string, RouteResult>;
  submitWrites: {
    /** Messages with the measured run's marker title found in D1 afterwards. */
    messagesInD1: number;
    /** 2xx answers autocannon counted in the same run. */
    responses2xx: number;
    matches: boolean;
  };
}

const round = (value: number, places = 2): number => Number(value.toFixed(places));

export function parses<T>(body: string, check: (value: T) => boolean): boolean {
  try {
    return check(JSON.parse(body) as T);
  } catch {
    return false;
  }
}

/** A submission to the demo site's education bureau, as `validMessage` in the worker tests builds it. */
function submission(title: string): CreateMessageInput {
  return {
    unitId: 'u_edu',
    type: 'complaint',
    domain: 'education',
    campaign: null,
    title,
    body: '每天早上七点半到八点，城关小学门口车辆乱停，孩子过马路很危险，希望安排交警疏导。',
    region: '示范县城关镇',
    author: { name: '陈明', phone: '13912345678', email: 'chenming@example.com', displayAs: 'masked' },
    isPublic: true,
    consent: true,
  };
}

export function healthz(): Route {
  return {
    method: 'GET', path: '/healthz', expectedStatus: 200,
    bodyIsValid: (body) => parses<{ status?: string }>(body, (b) => b.status === 'ok'),
  };
}

function siteConfig(origin: string): Route {
  return {
    method: 'GET', path: `/v1/sites/${SITE}`, headers: { Origin: origin }, expectedStatus: 200,
    bodyIsValid: (body) => parses<SiteConfig>(body, (b) => b.site?.id === SITE),
  };
}

function submitMessage(origin: string, title: string): Route {
  return {
    method: 'POST', path: `/v1/sites/${SITE}/messages`,
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify(submission(title)),
    freshIdempotencyKey: true,
    expectedStatus: 201,
    bodyIsValid: (body) => parses<MessageCreated>(body, (b) => typeof b.trackingCode === 'string' && b.status === 'submitted'),
  };
}

type RunLength = { seconds: number } | { requests: number };

/** An address in 10.0.0.0/8, for a submission from a client of its own. */
function randomAddress(): string {
  const [a, b, c] = crypto.getRandomValues(new Uint8Array(3));
  return `10.${a}.${b}.${c}`;
}

/** One autocannon run of `route`; times from the first request sent to the last answer received. */
async function run(origin: string, route: Route, length: RunLength): Promise<RouteMeasurement> {
  const request: autocannon.Request = {
    method: route.method,
    path: route.path,
    headers: route.headers ?? {},
    ...(route.body !== undefined ? { body: route.body } : {}),
    // Each request from a client address of its own (`CF-Connecting-IP`, which `wrangler dev` passes on
    // as Cloudflare's edge would set it): the load is many citizens, not one the rate limiters would stop.
    setupRequest: (r: autocannon.Request) => ({
      ...r,
      headers: { ...r.headers, 'CF-Connecting-IP': randomAddress(), ...(route.freshIdempotencyKey ? { 'Idempotency-Key': randomUUID() } : {}) },
    }),
  };
  const startedAt = performance.now();
  let lastAnswerAt = startedAt;
  const instance = autocannon({
    url: origin,
    connections: LOAD.connections,
    timeout: LOAD.requestTimeoutSeconds,
    requests: [request],
    verifyBody: route.bodyIsValid,
    ...('seconds' in length ? { duration: length.seconds } : { amount: length.requests }),
  });
  instance.on('response', () => {
    lastAnswerAt = performance.now();
  });
  const guard = setTimeout(() => instance.stop(), LOAD.maxSeconds * 1000);
  const result = await instance;
  clearTimeout(guard);

  const completed = result.requests.total;
  const activeSeconds = 'seconds' in length ? result.duration : (lastAnswerAt - startedAt) / 1000;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, Number(count)]));
  const problems: string[] = [];
  if (completed === 0) problems.push('no request was answered');
  if (result.non2xx > 0) problems.push(`${result.non2xx} non-2xx answers`);
  if ((statusCodes[String(route.expectedStatus)] ?? 0) !== completed) problems.push(`not every answer was ${route.expectedStatus}`);
  if (result.errors > 0) problems.push(`${result.errors} connection errors (${result.timeouts} timeouts)`);
  if (result.mismatches > 0) problems.push(`${result.mismatches} answers with an unexpected body`);
  if ('requests' in length && result.requests.sent !== completed) {
    problems.push(`${result.requests.sent - completed} requests unanswered (run stopped after ${LOAD.maxSeconds} s?)`);
  }
  return {
    route: `${route.method} ${route.path}`,
    requestsPerSecond: activeSeconds > 0 ? round(completed / activeSeconds, 1) : 0,
    completedRequests: completed,
    sentRequests: result.requests.sent,
    activeSeconds: round(activeSeconds),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, mean: round(result.latency.mean), max: result.latency.max },
    non2xx: result.non2xx,
    statusCodes,
    connectionErrors: result.errors,
    timeouts: result.timeouts,
    bodyMismatches: result.mismatches,
    counts: problems.length === 0,
    problems,
  };
}

/**
 * A warm-up, then a run of as many requests as the warm-up's rate says fill about `seconds`
 * (LOAD.measureSeconds unless given), at most `maxRequests` when given.
 */
export async function measure(origin: string, warmup: Route, measured: Route, { seconds = LOAD.measureSeconds, maxRequests = Infinity }: { seconds?: number; maxRequests?: number } = {}): Promise<RouteMeasurement> {
  const warm = await run(origin, warmup, { seconds: LOAD.warmupSeconds });
  const rate = warm.completedRequests / Math.max(warm.activeSeconds, 0.001);
  const sized = Math.max(LOAD.connections * 5, Math.round((rate * seconds) / LOAD.connections) * LOAD.connections);
  return run(origin, measured, { requests: Math.min(sized, maxRequests) });
}

function messagesTitled(stack: Stack, title: string): number {
  // The title is ours (letters, digits, spaces): nothing to escape.
  return stack.queryD1<{ n: number }>(`SELECT count(*) AS n FROM messages WHERE site_id = '${SITE}' AND title = '${title}'`)[0]!.n;
}

export async function measureApi(stack: Stack, log: (line: string) => void): Promise<ApiResults> {
  const { origin } = stack;
  const runId = Date.now().toString(36);
  const measuredTitle = `基准测试 ${runId}`;
  const warmupTitle = `基准测试预热 ${runId}`;

  const baselineRuns: RouteMeasurement[] = [];
  const runBaseline = async () => {
    log('  baseline  GET /healthz …');
    baselineRuns.push(await measure(origin, healthz(), healthz()));
  };
  /** The route's run between two baseline runs, and its throughput relative to their mean. */
  const bracketed = async (warmup: Route, measured: Route, afterRun: () => void = () => {}): Promise<RouteResult> => {
    if (baselineRuns.length === 0) await runBaseline();
    log(`  route     ${measured.method} ${measured.path} …`);
    const m = await measure(origin, warmup, measured);
    afterRun();
    await runBaseline();
    const [before, after] = baselineRuns.slice(-2) as [RouteMeasurement, RouteMeasurement];
    const baseline = round((before.requestsPerSecond + after.requestsPerSecond) / 2, 1);
    return {
      ...m,
      baselineRequestsPerSecond: baseline,
      throughputRatioToBaseline: m.counts && before.counts && after.counts && baseline > 0 ? round(m.requestsPerSecond / baseline) : null,
    };
  };

  let messagesInD1 = 0;
  const submit = await bracketed(submitMessage(origin, warmupTitle), submitMessage(origin, measuredTitle), () => {
    messagesInD1 = messagesTitled(stack, measuredTitle);
  });
  const responses2xx = submit.completedRequests - submit.non2xx;
  if (messagesInD1 !== responses2xx) {
    submit.problems.push(`D1 holds ${messagesInD1} messages from the run, but ${responses2xx} were answered 2xx`);
    submit.counts = false;
    submit.throughputRatioToBaseline = null;
  }
  const site = await bracketed(siteConfig(origin), siteConfig(origin));

  const rates = baselineRuns.map((m) => m.requestsPerSecond);
  const spread = Math.min(...rates) > 0 ? round(Math.max(...rates) / Math.min(...rates)) : 0;
  return {
    target: `wrangler dev on ${origin} (local workerd + local D1, fresh temp database seeded with the demo site)`,
    load: {
      connections: LOAD.connections,
      warmupSeconds: LOAD.warmupSeconds,
      targetSecondsPerRoute: LOAD.measureSeconds,
      tool: 'autocannon (programmatic API, same process as the bench; fixed request count per run)',
    },
    baseline: {
      route: 'GET /healthz',
      requestsPerSecond: round(rates.reduce((a, b) => a + b, 0) / rates.length, 1),
      counts: baselineRuns.every((m) => m.counts),
      runs: baselineRuns,
      spread,
      steady: spread > 0 && spread <= STEADY_SPREAD,
    },
    routes: { submitMessage: submit, siteConfig: site },
    submitWrites: { messagesInD1, responses2xx, matches: messagesInD1 === responses2xx },
  };
}
