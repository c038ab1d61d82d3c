// The load run of issue 17: many citizens submitting at once, a tenth of them sending their submission
// twice (a retry with the same Idempotency-Key and the same body, as the widget's outbox does after a
// lost answer), then a mixed run of board reads and submissions. What it proves is counted in D1
// afterwards: one message per submission answered 2xx, none twice. Throughput is a ratio to
// GET /healthz at the same concurrency, measured just before and just after each run.
//
// `npm run bench` runs it on a stack of its own; `npm run bench:load` runs only it and writes only the
// `load` section of bench/results.json. Every figure is explained in bench/README.md.
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { SubmissionLimits } from '../sdk/src/schemas/common';
import { DEFAULT_SUBMISSION_LIMITS } from '../sdk/src/schemas/common';
import type { CreateMessageInput, MessagePage } from '../sdk/src/schemas/message';
import { withLocalStack, type Stack } from './local-stack';
import { writeResults } from './results-file';
import { table } from './table';

export const LOAD_RUN = {
  connections: 50,
  /** Distinct submissions in the submit run. */
  submissions: 10_000,
  /** Share of submissions sent a second time, with the same key and body. */
  retryShare: 0.1,
  /** The mixed run: distinct submissions, each (and each retry) followed by `readsPerSend` board reads. */
  mixedSubmissions: 1_000,
  readsPerSend: 9,
  /** A run still going after this long is stopped; what was sent and answered by then is reported. */
  capSeconds: 120,
  /** Seconds of GET /healthz before and after each run (sized from a short warm-up's rate). */
  baselineSeconds: 10,
  /** Seconds to wait for one answer. */
  requestTimeoutSeconds: 30,
} as const;

const SITE = 'demo';

/**
 * The demo site's caps during the load run: the defaults per address and per phone (every simulated
 * citizen has an address and a phone of their own, and a retry is never counted), and the per-site
 * cap per minute raised, since a load run is by definition more than a site's 30 submissions a minute.
 */
export const LOAD_LIMITS: SubmissionLimits = { ...DEFAULT_SUBMISSION_LIMITS, perSiteMinute: 1_000_000 };

type Kind = 'submit' | 'retry' | 'read' | 'healthz';

/** One request of a run, planned before it starts. */
interface Planned {
  kind: Kind;
  /** The submission (0-based) a submit or retry sends; -1 for reads. */
  submission: number;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

interface Answer {
  planned: Planned;
  status: number;
  /** The message id a 2xx submission answer carries. */
  messageId: string | null;
}

/** Counts by HTTP status, e.g. `{"201": 9990, "503": 10}`. */
type StatusCounts = Record<string, number>;

export interface RunFigures {
  /** Requests planned, sent, and answered (any status); unanswered = sent − answered (the cap, a lost connection). */
  planned: number;
  sent: number;
  answered: number;
  /** Seconds from the first request sent to the last answer received. */
  seconds: number;
  /** Whether the cap (LOAD_RUN.capSeconds) stopped the run before every planned request was answered. */
  cappedAfterSeconds: number | null;
  /** Answered requests per second over `seconds`. */
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** Answers by status, per kind of request. */
  statuses: Partial<Record<Kind, StatusCounts>>;
  /** 5xx answers, all kinds. */
  serverErrors: number;
  /** Answers that are neither 2xx nor 5xx, by status (a 304 would be here; the runs send no If-None-Match). */
  otherNon2xx: StatusCounts;
  connectionErrors: number;
  timeouts: number;
}

export interface LoadRun extends RunFigures {
  /** GET /healthz at the same concurrency just before and just after: the ratio's denominator is their mean. */
  baseline: { before: RunFigures; after: RunFigures; requestsPerSecond: number };
  /** requestsPerSecond ÷ baseline.requestsPerSecond, 2 decimals. */
  ratioToHealthz: number;
  submissions: SubmissionFigures;
}

export interface SubmissionFigures {
  /** Distinct submissions planned, and how many of them were sent twice. */
  planned: number;
  retried: number;
  /** Distinct submissions with at least one 2xx answer (first send or retry). */
  answered2xx: number;
  /** Rows found in D1 afterwards with the run's titles: messages, distinct titles among them, their `submitted` events, their idempotency keys. */
  d1: { messages: number; distinctSubmissions: number; submittedEvents: number; idempotencyKeys: number };
  /** Messages stored more than once for one submission: messages − distinct titles. Must be 0. */
  duplicates: number;
  /** messages = answered2xx (each submission answered 2xx is stored once, and nothing else is). */
  rowsMatchAnswers: boolean;
  /** Submissions stored although no send of them was answered 2xx (a request cut by the cap or a timeout). */
  storedWithoutAnswer: number;
  /** Retries whose 2xx answer carries the first answer's message id, and those that carry another one (must be 0). */
  retriesSameAnswer: number;
  retriesOtherAnswer: number;
}

export interface LoadResults {
  measuredAt: string;
  target: string;
  machine: { cpus: number; loadAverage: { before: number[]; after: number[] } };
  settings: typeof LOAD_RUN & { submissionLimits: SubmissionLimits; tool: string };
  submit: LoadRun;
  mixed: LoadRun;
}

const round = (value: number, places = 2): number => Number(value.toFixed(places));

/** The value below which `share` of `values` lie (nearest rank), in whole milliseconds; 0 for none. */
function percentile(values: number[], share: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!);
}

/** A distinct client address per simulated citizen, in 10.0.0.0/8 (as CF-Connecting-IP; wrangler dev passes it on). */
export const addressOf = (citizen: number) => `10.${(citizen >> 16) & 255}.${(citizen >> 8) & 255}.${citizen & 255}`;
/** A distinct, valid mainland mobile number per simulated citizen (139 and 8 digits). */
const phoneOf = (citizen: number) => `139${String(citizen).padStart(8, '0')}`;

export function submissionBody(title: string, citizen: number): CreateMessageInput {
  return {
    unitId: 'u_edu',
    type: 'complaint',
    domain: 'education',
    campaign: null,
    title,
    body: '每天早上七点半到八点，城关小学门口车辆乱停，孩子过马路很危险，希望安排交警疏导。',
    region: '示范县城关镇',
    author: { name: '陈明', phone: phoneOf(citizen), email: 'chenming@example.com', displayAs: 'masked' },
    isPublic: true,
    consent: true,
  };
}

/**
 * The sends of `count` distinct submissions titled `${titlePrefix} n`, each followed by `reads` board
 * reads; every 1/retryShare-th submission is sent again with the same key and body: the first half of
 * these right after the first send (so both are usually in flight at once: the race the key must
 * settle), the other half a few hundred requests later (the first send usually answered by then).
 */
function submissionPlan(origin: string, titlePrefix: string, count: number, firstCitizen: number, reads: Planned[] = []): Planned[] {
  const plan: Planned[] = [];
  const readsPerSend = reads.length > 0 ? LOAD_RUN.readsPerSend : 0;
  // "Later": four requests per connection further on, counted in submissions.
  const lateBy = Math.ceil((4 * LOAD_RUN.connections) / (1 + readsPerSend));
  const late = new Map<number, Planned[]>();
  const every = Math.round(1 / LOAD_RUN.retryShare);
  let retries = 0;
  let read = 0;
  const withReads = (planned: Planned) => {
    plan.push(planned);
    for (let i = 0; i < readsPerSend; i++) plan.push(reads[read++ % reads.length]!);
  };
  for (let n = 0; n < count + lateBy; n++) {
    for (const due of late.get(n) ?? []) withReads(due);
    if (n >= count) continue;
    const citizen = firstCitizen + n;
    const send: Planned = {
      kind: 'submit', submission: n, method: 'POST', path: `/v1/sites/${SITE}/messages`,
      headers: { 'Content-Type': 'application/json', Origin: origin, 'Idempotency-Key': randomUUID(), 'CF-Connecting-IP': addressOf(citizen) },
      body: JSON.stringify(submissionBody(`${titlePrefix} ${n}`, citizen)),
    };
    withReads(send);
    if (n % every === every - 1) {
      const retry = { ...send, kind: 'retry' as const };
      if (retries++ % 2 === 0) withReads(retry);
      else late.set(n + lateBy, [...(late.get(n + lateBy) ?? []), retry]);
    }
  }
  return plan;
}

/** What a connection sends once the cap has passed, while the planned requests still in flight are answered; never counted. */
const FILLER: Planned = { kind: 'healthz', submission: -1, method: 'GET', path: '/healthz', headers: {} };

/**
 * Runs `plan` once, in order, over LOAD_RUN.connections keep-alive connections, one request at a time
 * each. At the cap no further planned request is sent; those in flight are waited for (every request
 * sent is answered, so D1 can be compared with the answers exactly), the connections meanwhile
 * sending GET /healthz, which is not counted.
 */
async function runPlan(origin: string, plan: Planned[]): Promise<{ figures: RunFigures; answers: Answer[] }> {
  const answers: Answer[] = [];
  /** Milliseconds from each planned request's send to its answer. */
  const latencies: number[] = [];
  let next = 0;
  let inFlight = 0;
  let capped = false;
  let lastAnswerAt = 0;
  let stop = () => {};
  const template: autocannon.Request = {
    method: 'GET',
    path: '/healthz',
    // Called once for every request sent: the next planned one (autocannon hands each connection
    // exactly its share of `amount`, so the plan is used once).
    setupRequest: (request, context) => {
      const planned = (!capped && plan[next++]) || FILLER;
      if (planned !== FILLER) inFlight++;
      context.planned = planned;
      context.sentAt = performance.now();
      return { ...request, method: planned.method, path: planned.path, headers: { ...request.headers, ...planned.headers }, ...(planned.body ? { body: planned.body } : {}) };
    },
    onResponse: (status, body, context) => {
      const planned = context.planned as Planned;
      if (planned === FILLER) {
        if (capped && inFlight === 0) stop();
        return;
      }
      inFlight--;
      lastAnswerAt = performance.now();
      latencies.push(lastAnswerAt - (context.sentAt as number));
      if (capped && inFlight === 0) stop();
      let messageId: string | null = null;
      if (planned.kind === 'submit' || planned.kind === 'retry') {
        try {
          messageId = (JSON.parse(body) as { id?: string }).id ?? null;
        } catch {
          // not JSON: counted by its status
        }
      }
      answers.push({ planned, status, messageId });
    },
  };
  const startedAt = performance.now();
  const instance = autocannon({
    url: origin,
    connections: Math.min(LOAD_RUN.connections, plan.length),
    timeout: LOAD_RUN.requestTimeoutSeconds,
    requests: [template],
    amount: plan.length,
  });
  stop = () => instance.stop();
  const cap = setTimeout(() => {
    capped = true;
    if (inFlight === 0) stop();
  }, LOAD_RUN.capSeconds * 1000);
  // The last resort: nothing more than a request's timeout after the cap.
  const hardStop = setTimeout(stop, (LOAD_RUN.capSeconds + LOAD_RUN.requestTimeoutSeconds + 5) * 1000);
  const result = await instance;
  clearTimeout(cap);
  clearTimeout(hardStop);

  const seconds = (Math.max(lastAnswerAt, startedAt) - startedAt) / 1000;
  const statuses: Partial<Record<Kind, StatusCounts>> = {};
  const otherNon2xx: StatusCounts = {};
  let serverErrors = 0;
  for (const { planned, status } of answers) {
    const counts = (statuses[planned.kind] ??= {});
    counts[status] = (counts[status] ?? 0) + 1;
    if (status >= 500) serverErrors++;
    else if (status < 200 || status >= 300) otherNon2xx[status] = (otherNon2xx[status] ?? 0) + 1;
  }
  return {
    answers,
    figures: {
      planned: plan.length,
      sent: Math.min(next, plan.length),
      answered: answers.length,
      seconds: round(seconds),
      cappedAfterSeconds: capped ? LOAD_RUN.capSeconds : null,
      requestsPerSecond: seconds > 0 ? round(answers.length / seconds, 1) : 0,
      latencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: percentile(latencies, 1) },
      statuses,
      serverErrors,
      otherNon2xx,
      connectionErrors: result.errors,
      timeouts: result.timeouts,
    },
  };
}

const healthzPlan = (count: number): Planned[] =>
  Array.from({ length: count }, () => ({ kind: 'healthz' as const, submission: -1, method: 'GET' as const, path: '/healthz', headers: {} }));

/** GET /healthz for about LOAD_RUN.baselineSeconds, its length sized from a 2-second warm-up. */
async function baseline(origin: string): Promise<RunFigures> {
  const warm = await runPlan(origin, healthzPlan(2_000));
  const count = Math.max(1_000, Math.round(warm.figures.requestsPerSecond * LOAD_RUN.baselineSeconds));
  return (await runPlan(origin, healthzPlan(count))).figures;
}

function submissionFigures(stack: Stack, titlePrefix: string, plan: Planned[], answers: Answer[]): SubmissionFigures {
  const count = (sql: string) => stack.queryD1<{ n: number }>(sql)[0]!.n;
  // The prefix is ours (letters, digits, spaces): nothing to escape. A trailing space keeps `… 1` from matching `… 10`.
  const ours = `site_id = '${SITE}' AND title LIKE '${titlePrefix} %'`;
  const [row] = stack.queryD1<{ messages: number; distinctSubmissions: number }>(
    `SELECT count(*) AS messages, count(DISTINCT title) AS distinctSubmissions FROM messages WHERE ${ours}`);
  const d1 = {
    messages: row!.messages,
    distinctSubmissions: row!.distinctSubmissions,
    submittedEvents: count(`SELECT count(*) AS n FROM message_events WHERE kind = 'submitted' AND message_id IN (SELECT id FROM messages WHERE ${ours})`),
    idempotencyKeys: count(`SELECT count(*) AS n FROM idempotency_keys WHERE message_id IN (SELECT id FROM messages WHERE ${ours})`),
  };
  const firstIds = new Map<number, string>();
  const answered = new Set<number>();
  for (const a of answers) {
    if (a.planned.kind !== 'submit' || a.status < 200 || a.status >= 300) continue;
    answered.add(a.planned.submission);
    if (a.messageId) firstIds.set(a.planned.submission, a.messageId);
  }
  let retriesSameAnswer = 0;
  let retriesOtherAnswer = 0;
  for (const a of answers) {
    if (a.planned.kind !== 'retry' || a.status < 200 || a.status >= 300) continue;
    answered.add(a.planned.submission);
    const first = firstIds.get(a.planned.submission);
    if (first === undefined) continue;
    if (first === a.messageId) retriesSameAnswer++;
    else retriesOtherAnswer++;
  }
  const submissions = new Set(plan.filter((p) => p.kind === 'submit').map((p) => p.submission));
  return {
    planned: submissions.size,
    retried: plan.filter((p) => p.kind === 'retry').length,
    answered2xx: answered.size,
    d1,
    duplicates: d1.messages - d1.distinctSubmissions,
    rowsMatchAnswers: d1.messages === answered.size,
    storedWithoutAnswer: Math.max(0, d1.distinctSubmissions - answered.size),
    retriesSameAnswer,
    retriesOtherAnswer,
  };
}

/** Waits until the deliveries queue has taken every event out of the outbox, so its work does not slow the next run (≤ 60 s). */
async function outboxSettled(stack: Stack): Promise<void> {
  for (let waited = 0; waited < 60; waited += 2) {
    if (stack.queryD1<{ n: number }>('SELECT count(*) AS n FROM event_outbox')[0]!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

async function loadRun(stack: Stack, label: string, plan: Planned[], titlePrefix: string, log: (line: string) => void): Promise<LoadRun> {
  log(`  baseline  GET /healthz, ${LOAD_RUN.connections} connections …`);
  const before = await baseline(stack.origin);
  log(`  ${label}: ${plan.length} requests …`);
  const { figures, answers } = await runPlan(stack.origin, plan);
  const submissions = submissionFigures(stack, titlePrefix, plan, answers);
  await outboxSettled(stack);
  log('  baseline  GET /healthz …');
  const after = await baseline(stack.origin);
  const healthz = round((before.requestsPerSecond + after.requestsPerSecond) / 2, 1);
  return {
    ...figures,
    baseline: { before, after, requestsPerSecond: healthz },
    ratioToHealthz: healthz > 0 ? round(figures.requestsPerSecond / healthz) : 0,
    submissions,
  };
}

/** The public board reads of the mixed run: the first page, a tab, and one message, in turn. */
async function boardReads(origin: string): Promise<Planned[]> {
  const read = (p: string): Planned => ({ kind: 'read', submission: -1, method: 'GET', path: p, headers: {} });
  const first = await (await fetch(`${origin}/v1/sites/${SITE}/messages`)).json() as MessagePage;
  const id = first.items[0]?.id;
  if (!id) throw new Error('the demo board is empty');
  return [
    read(`/v1/sites/${SITE}/messages`),
    read(`/v1/sites/${SITE}/messages?status=answered`),
    read(`/v1/sites/${SITE}/messages/${id}`),
  ];
}

/** Both runs on `stack` (seeded with LOAD_LIMITS): submissions with retries, then board reads mixed with submissions. */
export async function measureLoad(stack: Stack, log: (line: string) => void): Promise<Omit<LoadResults, 'measuredAt' | 'machine'>> {
  const runId = Date.now().toString(36);
  const { origin } = stack;
  // Warm-up: the worker's code compiled and its caches filled before anything is measured.
  log('  warm-up: 500 submissions …');
  await runPlan(origin, submissionPlan(origin, `负载预热 ${runId}`, 500, 1_000_000));
  const submitTitle = `负载测试 ${runId}`;
  const submit = await loadRun(stack, 'submissions', submissionPlan(origin, submitTitle, LOAD_RUN.submissions, 0), submitTitle, log);
  const mixedTitle = `混合负载 ${runId}`;
  const mixedPlan = submissionPlan(origin, mixedTitle, LOAD_RUN.mixedSubmissions, 2_000_000, await boardReads(origin));
  const mixed = await loadRun(stack, 'mixed (board reads and submissions)', mixedPlan, mixedTitle, log);
  return {
    target: `wrangler dev on ${origin} (local workerd + local D1, fresh temp database seeded with the demo site)`,
    settings: { ...LOAD_RUN, submissionLimits: LOAD_LIMITS, tool: 'autocannon (programmatic API), each request taken in turn from a list planned beforehand' },
    submit,
    mixed,
  };
}

export function printLoad(load: Omit<LoadResults, 'measuredAt' | 'machine'>): void {
  const s = load.settings;
  console.log(`\nLoad (${load.target};\n  ${s.connections} connections; ${s.retryShare * 100}% of submissions sent twice with the same Idempotency-Key; each run capped at ${s.capSeconds} s)\n`);
  const statuses = (counts: StatusCounts | undefined) => Object.entries(counts ?? {}).map(([code, n]) => `${code}×${n}`).join(' ') || '—';
  const rows = ([['submissions', load.submit], ['mixed', load.mixed]] as const).map(([label, r]) => [
    label, `${r.answered}/${r.sent}/${r.planned}`, r.seconds, r.requestsPerSecond, r.baseline.requestsPerSecond, r.ratioToHealthz.toFixed(2),
    r.latencyMs.p50, r.latencyMs.p99, r.serverErrors, statuses(r.otherNon2xx), r.cappedAfterSeconds === null ? 'no' : `at ${r.cappedAfterSeconds} s`,
  ]);
  console.log(table(['run', 'answered/sent/planned', 's', 'req/s', '/healthz req/s', 'ratio', 'p50 ms', 'p99 ms', '5xx', 'other non-2xx', 'capped'], rows));
  const stored = ([['submissions', load.submit], ['mixed', load.mixed]] as const).map(([label, r]) => {
    const x = r.submissions;
    return [label, x.planned, x.retried, x.answered2xx, x.d1.messages, x.duplicates, x.d1.submittedEvents, x.d1.idempotencyKeys,
      x.rowsMatchAnswers ? 'yes' : 'NO', `${x.retriesSameAnswer}/${x.retriesOtherAnswer}`,
      `submit ${statuses(r.statuses.submit)}; retry ${statuses(r.statuses.retry)}${r.statuses.read ? `; read ${statuses(r.statuses.read)}` : ''}`];
  });
  console.log('\n' + table(['run', 'submissions', 'retried', 'answered 2xx', 'messages in D1', 'duplicates', 'submitted events', 'idempotency keys', 'rows = answers', 'retries same/other id', 'answers by kind'], stored));
}

/** `npm run bench:load`: only the load run, written as `load` in bench/results.json (the other sections kept). */
async function main(): Promise<void> {
  const port = Number(process.env.BENCH_PORT ?? 8795);
  const loadAverage = () => os.loadavg().map((l) => Number(l.toFixed(2)));
  const measuredAt = new Date().toISOString();
  const before = loadAverage();
  console.log(`Starting the local stack on 127.0.0.1:${port} for the load run …`);
  const load = await withLocalStack(port, (stack) => measureLoad(stack, (line) => console.log(line)), { submissionLimits: LOAD_LIMITS });
  const results: LoadResults = { measuredAt, machine: { cpus: os.cpus().length, loadAverage: { before, after: loadAverage() } }, ...load };
  printLoad(load);
  const written = await writeResults({ load: results });
  console.log(`\nWritten to ${written} (load; 1-min load average ${before[0]} before, ${results.machine.loadAverage.after[0]} after)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
