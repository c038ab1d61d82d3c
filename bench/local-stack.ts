// The real local service for the benchmark, started as the browser tests start it (a fresh D1 in
// a temp dir, the real migrations, the demo seed, `wrangler dev`), and always torn down.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SubmissionLimits } from '../sdk/src/schemas/common';
import { ensureDevVars, migrate, queryD1, seed, startWorker, stopWorker, waitUntilUp } from '../scripts/local-stack';

export interface Stack {
  origin: string;
  /** The stack's D1 directory (`wrangler dev --persist-to`), for seeding more data into it while it runs. */
  persistTo: string;
  /** Runs SQL on the stack's D1 through wrangler, as an operator would. */
  queryD1<T>(sql: string): T[];
  /**
   * What the request with this id (its `X-Request-Id`) cost D1, from the line the service logs for
   * every request (public answers do not carry it); null if no such line arrived within a second.
   */
  costOf(requestId: string): Promise<LoggedCost | null>;
  /** Every delivery the queue consumer has logged so far (queue/consumer.ts `DeliveryLogLine`), in order. */
  deliveries(): LoggedDelivery[];
  /**
   * CPU time (ms) the stack's `workerd` processes (wrangler's proxy and the runtime with the worker, its
   * local D1, queue and rate limiter) have used so far, and how many there are (0 where /proc is not).
   */
  workerdCpu(): { ms: number; processes: number };
}

/** The kind under which the deliveries count what a queue batch's messages of one database shared (its prefetch, its finishing writes). */
export const BATCH_SHARED = 'batchShared';

/** One line of the deliveries queue's log: what handling one queue message cost. */
export interface LoggedDelivery {
  kind: string;
  outcome: string;
  d1: LoggedCost;
}

export interface LoggedCost {
  queries: number;
  rowsRead: number;
  rowsWritten: number;
}

/**
 * Collects the cost lines the worker logs from its output: one per request (middleware/request-log.ts),
 * by request id, and one per queue message handled (queue/consumer.ts).
 */
function costLog(worker: ChildProcess): Pick<Stack, 'costOf' | 'deliveries'> {
  const costs = new Map<string, LoggedCost>();
  const deliveries: LoggedDelivery[] = [];
  /** The JSON object a line carries after `marker`, or null when it has none (or is not one of ours). */
  const jsonAfter = <T>(line: string, marker: string): T | null => {
    const at = line.indexOf(marker);
    if (at < 0) return null;
    try {
      return JSON.parse(line.slice(at)) as T;
    } catch {
      return null;
    }
  };
  const read = (line: string) => {
    const delivery = jsonAfter<LoggedDelivery & { database?: string }>(line, '{"queue"');
    if (delivery) {
      // A batch's shared reads and writes (queue/consumer.ts `BatchLogLine`) count as one delivery of their own kind.
      if (delivery.database !== undefined) deliveries.push({ kind: BATCH_SHARED, outcome: 'done', d1: delivery.d1 });
      else if (delivery.d1) deliveries.push({ kind: delivery.kind, outcome: delivery.outcome, d1: delivery.d1 });
      return;
    }
    const request = jsonAfter<{ requestId: string; d1: LoggedCost }>(line, '{"requestId"');
    if (request) costs.set(request.requestId, request.d1);
  };
  // Whole lines from each stream: a delivery that threw is logged on stderr (console.error).
  for (const stream of [worker.stdout, worker.stderr]) {
    let pending = '';
    stream?.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(read);
    });
  }
  return {
    costOf: async (requestId) => {
      for (let waited = 0; waited < 1000; waited += 20) {
        const cost = costs.get(requestId);
        if (cost) return cost;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return null;
    },
    deliveries: () => [...deliveries],
  };
}

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (ms: utime + stime) used so far by the processes below `root` whose command is `workerd`,
 * and how many there are (Linux: read from /proc; elsewhere 0 processes).
 */
function workerdCpuBelow(root: number): { ms: number; processes: number } {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return { ms: 0, processes: 0 };
  }
  const procs = new Map<number, { parent: number; name: string; ticks: number }>();
  for (const entry of entries) {
    try {
      // pid (comm) state ppid … utime stime: comm may hold spaces, so split after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      procs.set(Number(entry), { parent: Number(fields[1]), name: stat.slice(stat.indexOf('(') + 1, close), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // gone meanwhile
    }
  }
  const below = (pid: number): boolean => {
    for (let at = procs.get(pid)?.parent; at !== undefined && at > 1; at = procs.get(at)?.parent) if (at === root) return true;
    return false;
  };
  const workerd = [...procs].filter(([pid, proc]) => proc.name === 'workerd' && below(pid));
  return { ms: (workerd.reduce((sum, [, proc]) => sum + proc.ticks, 0) / TICKS_PER_SECOND) * 1000, processes: workerd.length };
}

const STOP_GRACE_MS = 10_000;

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Resolves when the worker answers; rejects at once if wrangler exits first. */
async function upOrExited(worker: ChildProcess, port: number): Promise<void> {
  const exited = once(worker, 'exit').then(([code]) => {
    throw new Error(`wrangler dev exited (code ${String(code)}) before the service answered`);
  });
  exited.catch(() => {}); // once the service is up (or given up on), wrangler's exit is ours to cause
  await Promise.race([waitUntilUp(port), exited]);
}

/** SIGTERM to wrangler's process group, then SIGKILL if it lingers; resolves once it has exited. */
async function stopAndWait(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = once(worker, 'exit');
  stopWorker(worker);
  const timer = new Promise<'timeout'>((resolve) => setTimeout(resolve, STOP_GRACE_MS, 'timeout').unref());
  if ((await Promise.race([exited, timer])) === 'timeout' && worker.pid !== undefined) {
    try {
      process.kill(-worker.pid, 'SIGKILL');
    } catch {
      worker.kill('SIGKILL');
    }
    await exited;
  }
}

/**
 * A detached shell that deletes `dir` once the process group `pgid` has exited (10 s at most),
 * so the data goes even if this process is killed before its own clean-up finishes.
 */
function deleteAfterExit(pgid: number, dir: string): void {
  const script = 'for i in $(seq 50); do kill -0 -- "-$0" 2>/dev/null || break; sleep 0.2; done; rm -rf -- "$1"';
  spawn('sh', ['-c', script, String(pgid), dir], { detached: true, stdio: 'ignore' }).unref();
}

/**
 * The demo site's caps while the API run loads it: hundreds of submissions a minute, for one phone
 * (their counters are still written, as for every submission).
 */
const RAISED_LIMITS: SubmissionLimits = { perAddressHour: 1_000_000, perPhoneDay: 1_000_000, perSiteMinute: 1_000_000 };

/**
 * Starts the stack on `port`, runs `use`, and stops the worker and deletes its data however `use` ends.
 * `submissionLimits` are the demo site's caps on submissions (all raised unless given); `extraOrigins`,
 * websites the demo site allows besides the stack's own (a county's page on another port).
 */
export async function withLocalStack<T>(
  port: number, use: (stack: Stack) => Promise<T>,
  { submissionLimits = RAISED_LIMITS, extraOrigins = [] }: { submissionLimits?: SubmissionLimits; extraOrigins?: string[] } = {},
): Promise<T> {
  if (await portInUse(port)) throw new Error(`port ${port} is already in use; the benchmark needs it for its own worker`);
  const persistTo = await mkdtemp(path.join(tmpdir(), 'liuyan-bench-'));
  let worker: ChildProcess | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanUp = () => (cleaning ??= (async () => {
    if (worker) await stopAndWait(worker);
    await rm(persistTo, { recursive: true, force: true });
  })());
  // On Ctrl-C, act at once: tsx SIGKILLs a child that is slow to acknowledge a signal, and then
  // only these synchronous steps are sure to have happened.
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping the worker and deleting ${persistTo} …`);
    if (worker) {
      stopWorker(worker);
      if (worker.pid !== undefined) deleteAfterExit(worker.pid, persistTo);
    }
    cleanUp().catch((error: unknown) => console.error('clean-up failed:', error)).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  // Last resort if the process exits with the stack still up (an uncaught error, say).
  const onExit = () => {
    if (worker?.pid !== undefined && worker.exitCode === null && worker.signalCode === null) {
      try {
        process.kill(-worker.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(persistTo, { recursive: true, force: true });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', onExit);
  try {
    migrate(persistTo);
    await seed(ensureDevVars(), { port, persistTo, submissionLimits, extraOrigins });
    worker = startWorker({ port, persistTo, localTraces: false }, 'pipe');
    const log = costLog(worker);
    await upOrExited(worker, port);
    return await use({
      origin: `http://127.0.0.1:${port}`,
      persistTo,
      queryD1: <T>(sql: string) => queryD1<T>(persistTo, sql),
      ...log,
      workerdCpu: () => (worker?.pid === undefined ? { ms: 0, processes: 0 } : workerdCpuBelow(worker.pid)),
    });
  } finally {
    await cleanUp();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', onExit);
  }
}

