// The local service, as `npm run dev`, the browser tests and the benchmark start it: keys in
// .dev.vars, the real migrations on an embedded D1, the demo seed, then `wrangler dev`.
import type { SubmissionLimits } from '../sdk/src/schemas/common';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { siteDatabaseOn } from '../worker/src/db/client';
import { continueSearchRebuilds, continueMatchText } from '../worker/src/db/search-index';
import { continueUnitKeyRebuilds, continueUnitPinyin } from '../worker/src/db/unit-pinyin';
import { seedDemo, type SeedKeys, type SeedResult } from '../worker/seed/demo';
import { checkDeadlines } from '../worker/src/db/deadlines';
import { seedDemoCampaigns } from '../worker/seed/demo-campaigns';
import { seedDemoAccounts, type DemoAccount } from '../worker/seed/demo-accounts';

export const root = path.resolve(import.meta.dirname, '..');
const wranglerBin = path.join(root, 'node_modules/.bin/wrangler');

export interface StackOptions {
  port: number;
  /** Where the local D1 lives; each test run gets its own. Default: wrangler's `.wrangler/state`. */
  persistTo?: string;
  /** Origins besides the service's own that may embed the demo widget. */
  extraOrigins?: string[];
  /**
   * Caps on the demo site's submissions that replace the defaults (tests and the benchmark send many
   * a minute from this machine's one address).
   */
  submissionLimits?: Partial<SubmissionLimits>;
  /**
   * Whether wrangler records every request's trace for its Local Explorer (`X_LOCAL_OBSERVABILITY`,
   * on by default in wrangler 4). `npm run dev` keeps it for whoever inspects a request there; the
   * browser tests and the benchmark turn it off: it runs in the stack's own workerd, a span per D1
   * query, queue send and rate-limit check, so it weighs on a submission (a dozen spans) several
   * times more than on GET /healthz (one) and is not part of the service (bench/README.md, "Submit").
   */
  localTraces?: boolean;
}

/** Local secrets, made once per checkout and never committed (.dev.vars is ignored by git). */
export function ensureDevVars(): SeedKeys {
  const file = path.join(root, '.dev.vars');
  if (!existsSync(file)) {
    const key = () => randomBytes(32).toString('base64');
    writeFileSync(file, `# Local secrets for wrangler dev. Never commit.\nDATA_KEY="${key()}"\nHASH_KEY="${key()}"\n`, { mode: 0o600 });
  }
  const vars = Object.fromEntries(
    [...readFileSync(file, 'utf8').matchAll(/^(\w+)\s*=\s*"?([^"\n]*)"?$/gm)].map((m) => [m[1], m[2]]),
  );
  if (!vars.DATA_KEY || !vars.HASH_KEY) throw new Error('.dev.vars lacks DATA_KEY or HASH_KEY; delete it to make a new one');
  return { DATA_KEY: vars.DATA_KEY, HASH_KEY: vars.HASH_KEY };
}

function persistArgs(persistTo?: string): string[] {
  return persistTo ? ['--persist-to', persistTo] : [];
}

export function migrate(persistTo?: string): void {
  const result = spawnSync(wranglerBin, ['d1', 'migrations', 'apply', 'DB', '--local', ...persistArgs(persistTo)], {
    cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CI: 'true' },
  });
  if (result.status !== 0) throw new Error('applying migrations failed');
}

export interface StackSeed extends SeedResult {
  /** One official of each role on the demo site, with the demo password. */
  demoAccounts: DemoAccount[];
}

export async function seed(keys: SeedKeys, { port, persistTo, extraOrigins = [], submissionLimits }: StackOptions): Promise<StackSeed> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: path.join(root, 'wrangler.toml'),
    persist: persistTo ? { path: path.join(persistTo, 'v3') } : true,
  });
  try {
    const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...extraOrigins];
    const db = siteDatabaseOn(proxy.env.DB);
    const result = await seedDemo(db, keys, { origins });
    const demoAccounts = await seedDemoAccounts(db, 'demo');
    await seedDemoCampaigns(db, 'demo', origins);
    // The hourly deadline check, once, so the demo's overdue messages carry their 督办 from the start.
    if (result.created) await checkDeadlines(db, new Date());
    // The demo's history is not news: its timeline events leave the outbox unsent, so no webhook and
    // no e-mail goes out for the past, and the first real event is not queued behind hundreds.
    if (result.created) await db.run(db.q.deleteFrom('event_outbox'));
    if (submissionLimits) {
      await db.run(db.q.updateTable('sites').set({ submission_limits: JSON.stringify(submissionLimits) }).where('id', '=', 'demo'));
    }
    // A migration emptied the search index (it cannot compute the entries): refill it before serving.
    let indexed = 0;
    for (let step = await continueSearchRebuilds(db); ; step = await continueSearchRebuilds(db)) {
      indexed += step.indexed;
      if (!step.pending) break;
    }
    if (indexed > 0) console.log(`Indexed ${indexed} messages for search.`);
    // Messages stored before migration 0040 or by raw SQL: found by the console's search in any form of their words from the start.
    let folded = 0;
    for (let step = await continueMatchText(db); ; step = await continueMatchText(db)) {
      folded += step.done;
      if (!step.pending) break;
    }
    if (folded > 0) console.log(`Gave ${folded} messages their text as the console's search compares it.`);
    // Units written before their pinyin keys existed (migration 0025) or by raw SQL: found by pinyin from the start.
    let spelled = 0;
    for (let step = await continueUnitPinyin(db); ; step = await continueUnitPinyin(db)) {
      spelled += step.done;
      if (!step.pending) break;
    }
    if (spelled > 0) console.log(`Gave ${spelled} units their pinyin search keys.`);
    // A migration changed what units' computed keys hold (0041): recomputed before serving.
    let rekeyed = 0;
    for (let step = await continueUnitKeyRebuilds(db); ; step = await continueUnitKeyRebuilds(db)) {
      rekeyed += step.changed;
      if (!step.pending) break;
    }
    if (rekeyed > 0) console.log(`Gave ${rekeyed} units new search keys.`);
    return { ...result, demoAccounts };
  } finally {
    await proxy.dispose();
  }
}

/** Runs SQL on a local D1 through wrangler, as an operator would. */
export function queryD1<T>(persistTo: string | undefined, sql: string): T[] {
  const result = spawnSync(wranglerBin, ['d1', 'execute', 'DB', '--local', ...persistArgs(persistTo), '--json', '--command', sql], {
    cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
  });
  if (result.status !== 0) throw new Error(`wrangler d1 execute failed: ${result.stderr || result.stdout}`);
  return (JSON.parse(result.stdout) as { results: T[] }[])[0]!.results;
}

export function startWorker({ port, persistTo, localTraces = true }: StackOptions, stdio: 'inherit' | 'ignore' | 'pipe' = 'inherit'): ChildProcess {
  // A webhook endpoint on this machine (a receiver being written) is allowed here, never in a deployment (README, "Local receivers").
  return spawn(wranglerBin, ['dev', '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false', '--var', 'WEBHOOK_LOOPBACK:true', ...persistArgs(persistTo)], {
    cwd: root, stdio: ['ignore', stdio, stdio], detached: process.platform !== 'win32',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', ...(localTraces ? {} : { X_LOCAL_OBSERVABILITY: 'false' }) },
  });
}

/** Resolves when the service answers for the demo site. */
export async function waitUntilUp(port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/v1/sites/demo`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the service did not answer on port ${port} within ${timeoutMs / 1000} s`);
}

export function stopWorker(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}
