// The real local service for the benchmark, started as the browser tests start it (a fresh D1 in
// a temp dir, the real migrations, the demo seed, `wrangler dev`), and always torn down.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDevVars, migrate, root, seed, startWorker, stopWorker, waitUntilUp } from '../scripts/local-stack';

export interface Stack {
  origin: string;
  /** Runs SQL on the stack's D1 through wrangler, as an operator would. */
  queryD1<T>(sql: string): T[];
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

/** Starts the stack on `port`, runs `use`, and stops the worker and deletes its data however `use` ends. */
export async function withLocalStack<T>(port: number, use: (stack: Stack) => Promise<T>): Promise<T> {
  if (await portInUse(port)) throw new Error(`port ${port} is already in use; the benchmark needs it for its own worker`);
  const persistTo = await mkdtemp(path.join(tmpdir(), 'liuyan-bench-'));
  let worker: ChildProcess | undefined;
  const cleanUp = async () => {
    if (worker) await stopAndWait(worker);
    await rm(persistTo, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping the worker and deleting ${persistTo} …`);
    cleanUp().catch((error: unknown) => console.error('clean-up failed:', error)).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    migrate(persistTo);
    await seed(ensureDevVars(), { port, persistTo });
    worker = startWorker({ port, persistTo }, 'ignore');
    await upOrExited(worker, port);
    return await use({
      origin: `http://127.0.0.1:${port}`,
      queryD1: <T>(sql: string) => queryD1<T>(persistTo, sql),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanUp();
  }
}

function queryD1<T>(persistTo: string, sql: string): T[] {
  const result = spawnSync(path.join(root, 'node_modules/.bin/wrangler'),
    ['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--json', '--command', sql],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' } });
  if (result.status !== 0) throw new Error(`wrangler d1 execute failed: ${result.stderr || result.stdout}`);
  return (JSON.parse(result.stdout) as { results: T[] }[])[0]!.results;
}
