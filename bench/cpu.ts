// `npm run bench:cpu`: what one submission costs the local stack in CPU time, against GET /healthz.
// Throughput ratios (the API and load runs) move with whatever else the machine does; CPU time
// counted per request moves less, so this is the figure to compare two versions of the code by
// (bench/README.md, "Submit: where its time goes"). Linux only: it reads /proc.
//
// On a fresh local stack: warm-up, then per round `SUBMISSIONS` distinct submissions at `CONNECTIONS`
// connections, waiting until the outbox is empty (the queue's work they caused is theirs), then
// `HEALTHZ` GET /healthz. CPU time is utime + stime of the stack's `workerd` processes (wrangler's
// proxy and the runtime with the worker, its local D1, queue and rate limiter), less the idle rate
// measured before the rounds. Written into bench/results.json under `cpu` (the other sections are
// kept), and printed.
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { addressOf, LOAD_LIMITS, submissionBody } from './load';
import { withLocalStack, type Stack } from './local-stack';
import { writeResults } from './results-file';

const PORT = Number(process.env.BENCH_PORT ?? 8795);
export const CPU_RUN = { connections: 50, submissions: 300, healthz: 1500, rounds: 2 } as const;

/** One round: CPU ms per request of each kind, and their ratio (what the throughput ratio would be on an idle, CPU-bound machine). */
export interface CpuRound {
  submissionMs: number;
  healthzMs: number;
  /** healthzMs ÷ submissionMs. */
  ratio: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let citizen = 0;

async function send(origin: string, kind: 'submit' | 'healthz', amount: number): Promise<void> {
  const result = await autocannon({
    url: origin,
    connections: CPU_RUN.connections,
    amount,
    requests: [kind === 'submit'
      ? {
        method: 'POST',
        path: '/v1/sites/demo/messages',
        setupRequest: (request) => {
          const n = ++citizen;
          return {
            ...request,
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), 'CF-Connecting-IP': addressOf(n) },
            body: JSON.stringify(submissionBody(`CPU 计量 ${n}`, n)),
          };
        },
      }
      : { method: 'GET', path: '/healthz' }],
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${kind}: ${failed} of ${amount} requests failed (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
}

/** Waits until the queue has handled every event the submissions wrote (at most 30 s). */
async function settled(stack: Stack): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 500) {
    if ((stack.queryD1<{ n: number }>('SELECT count(*) AS n FROM event_outbox')[0]?.n ?? 0) === 0) return;
    await sleep(500);
  }
  throw new Error('the outbox did not empty within 30 s');
}

/** Runs the rounds on `stack`; see the file's head. */
export async function measureCpu(stack: Stack, log: (line: string) => void): Promise<CpuRound[]> {
  if (stack.workerdCpu().processes === 0) throw new Error('no workerd process found under the stack (bench:cpu reads /proc: Linux only)');
  const cpuMs = () => stack.workerdCpu().ms;
  await send(stack.origin, 'submit', 200);
  await send(stack.origin, 'healthz', 500);
  await settled(stack);
  const idleFrom = cpuMs();
  await sleep(3000);
  const idlePerMs = (cpuMs() - idleFrom) / 3000;
  const rounds: CpuRound[] = [];
  for (let round = 0; round < CPU_RUN.rounds; round++) {
    const cost = async (work: () => Promise<void>, count: number) => {
      const [cpu0, t0] = [cpuMs(), Date.now()];
      await work();
      return (cpuMs() - cpu0 - idlePerMs * (Date.now() - t0)) / count;
    };
    // The outbox is read by `wrangler d1 execute`, a process of its own, not counted.
    const submissionMs = await cost(async () => {
      await send(stack.origin, 'submit', CPU_RUN.submissions);
      await settled(stack);
    }, CPU_RUN.submissions);
    const healthzMs = await cost(() => send(stack.origin, 'healthz', CPU_RUN.healthz), CPU_RUN.healthz);
    const figures = { submissionMs: Number(submissionMs.toFixed(1)), healthzMs: Number(healthzMs.toFixed(1)), ratio: Number((healthzMs / submissionMs).toFixed(2)) };
    log(`  round ${round + 1}: a submission ${figures.submissionMs} ms of CPU, GET /healthz ${figures.healthzMs} ms: ${figures.ratio}×`);
    rounds.push(figures);
  }
  return rounds;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`CPU per request on 127.0.0.1:${PORT} (load average ${os.loadavg()[0]!.toFixed(2)}) …`);
  const loadBefore = os.loadavg().map((l) => Number(l.toFixed(2)));
  const rounds = await withLocalStack(PORT, (stack) => measureCpu(stack, (line) => console.log(line)), { submissionLimits: LOAD_LIMITS });
  const written = await writeResults({ cpu: {
    measuredAt: new Date().toISOString(),
    loadAverage: { before: loadBefore, after: os.loadavg().map((l) => Number(l.toFixed(2))) },
    ...CPU_RUN,
    rounds,
  } });
  console.log(`Written to ${written} (cpu)`);
}
