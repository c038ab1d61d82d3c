// A D1 binding that fails once, on the Nth statement it runs (a statement inside a batch() counts as
// one, and a failing statement fails its whole batch, as D1 does), with the error messages D1 gives
// (https://developers.cloudflare.com/d1/observability/debug-d1/#error-list). It wraps the real local
// D1: every statement before and after the fault really runs.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { isRead } from '../src/db/d1-errors';
import { app } from '../src/index';

/** What D1 says, by kind of failure. */
export const D1_FAULTS = {
  networkLost: 'D1_ERROR: Network connection lost.',
  objectReset: 'D1_ERROR: Internal error while starting up D1 DB storage caused object to be reset.',
  codeUpdated: 'D1_ERROR: D1 DB reset because its code was updated.',
  transientRemote: 'D1_ERROR: Cannot resolve D1 DB due to transient issue on remote node.',
  overloaded: 'D1_ERROR: D1 DB is overloaded. Requests queued for too long.',
  other: 'D1_ERROR: no such column: nothing_here: SQLITE_ERROR',
} as const;
export type D1FaultKind = keyof typeof D1_FAULTS;

export interface Fault {
  /** 1-based: the statement that fails. */
  at: number;
  kind: D1FaultKind;
  /**
   * `before`: it fails before running (nothing written). `after`: it runs — a write is committed — and
   * then the answer is lost, as when the connection drops on the way back.
   */
  when: 'before' | 'after';
}

class Counter {
  statements = 0;
  /** Round trips to the database (a batch is one), armed or not. */
  roundTrips = 0;
  /** Whether each statement run so far (1-based: index N-1) only read. */
  readOnly: boolean[] = [];
  fired = false;
  /** Off once the request is answered: work left for later is not the request's. */
  armed = true;
  constructor(readonly fault: Fault | null, private beforeWrite?: () => Promise<void>) {}

  /** Runs `work` as `count` statements; throws the fault if it falls among them. */
  async run<T>(sqls: string[], work: () => Promise<T>): Promise<T> {
    if (this.beforeWrite && this.armed && !sqls.every(isRead)) {
      const meanwhile = this.beforeWrite;
      this.beforeWrite = undefined;
      await meanwhile();
    }
    this.roundTrips++;
    if (!this.armed) return work();
    const count = sqls.length;
    const first = this.statements + 1;
    this.statements += count;
    this.readOnly.push(...sqls.map(isRead));
    const fault = this.fault;
    if (!fault || this.fired || fault.at < first || fault.at >= first + count) return work();
    this.fired = true;
    if (fault.when === 'after') await work();
    throw new Error(D1_FAULTS[fault.kind]);
  }
}

const REAL = Symbol('real statement');
type Wrapped = D1PreparedStatement & { [REAL]: D1PreparedStatement; sql: string };

function wrapStatement(real: D1PreparedStatement, sql: string, counter: Counter): Wrapped {
  const wrapped = {
    [REAL]: real,
    sql,
    bind: (...values: unknown[]) => wrapStatement(real.bind(...values), sql, counter),
    first: (column?: string) => counter.run([sql], () => (column === undefined ? real.first() : real.first(column))),
    run: () => counter.run([sql], () => real.run()),
    all: () => counter.run([sql], () => real.all()),
    raw: (options?: { columnNames?: boolean }) => counter.run([sql], () => real.raw(options as { columnNames: true })),
  };
  return wrapped as unknown as Wrapped;
}

function wrapDatabase<D extends D1Database | D1DatabaseSession>(real: D, counter: Counter): D {
  const wrapped: Record<string, unknown> = {
    prepare: (sql: string) => wrapStatement(real.prepare(sql), sql, counter),
    batch: (statements: Wrapped[]) => counter.run(statements.map((s) => s.sql), () => real.batch(statements.map((s) => s[REAL]))),
    exec: (sql: string) => counter.run([sql], () => (real as D1Database).exec(sql)),
    withSession: (bookmark?: string) => wrapDatabase((real as D1Database).withSession(bookmark), counter),
    getBookmark: () => (real as D1DatabaseSession).getBookmark?.() ?? null,
    dump: () => (real as D1Database).dump(),
  };
  if (!('getBookmark' in real)) delete wrapped.getBookmark;
  return wrapped as unknown as D;
}

/**
 * Sends `request` to the worker with its `DB` failing as `fault` says (null: no fault, statements
 * counted). Only the request's own statements count: work it leaves for after the answer (the outbox)
 * runs on the real binding. Returns the answer and how many statements the request ran.
 */
export async function fetchWithFault(request: Request, fault: Fault | null): Promise<{ response: Response; body: string; statements: number; readOnly: boolean[] }> {
  const counter = new Counter(fault);
  const ctx = createExecutionContext();
  const response = await app.fetch(request, { ...env, DB: wrapDatabase(env.DB, counter) }, ctx);
  const body = await response.text();
  counter.armed = false;
  await waitOnExecutionContext(ctx);
  return { response, body, statements: counter.statements, readOnly: counter.readOnly };
}

/**
 * Sends `request` to the worker and runs `meanwhile` (another request, say) just before the first of
 * its round trips to `DB` that writes: two requests racing, with the other one certain to land
 * between this one's reads and its write. Returns the answer.
 */
export async function fetchInterleaved(request: Request, meanwhile: () => Promise<void>): Promise<{ response: Response; body: string }> {
  const counter = new Counter(null, meanwhile);
  const ctx = createExecutionContext();
  const response = await app.fetch(request, { ...env, DB: wrapDatabase(env.DB, counter) }, ctx);
  const body = await response.text();
  counter.armed = false;
  await waitOnExecutionContext(ctx);
  return { response, body };
}

/**
 * Sends `request` to the worker and counts its round trips to `DB` (a batch is one), the work it
 * leaves for after the answer (`waitUntil`: the outbox's drain) included.
 */
export async function fetchCountingRoundTrips(request: Request): Promise<{ response: Response; body: string; roundTrips: number }> {
  const counter = new Counter(null);
  const ctx = createExecutionContext();
  const response = await app.fetch(request, { ...env, DB: wrapDatabase(env.DB, counter) }, ctx);
  const body = await response.text();
  await waitOnExecutionContext(ctx);
  return { response, body, roundTrips: counter.roundTrips };
}

/**
 * `env` with its `DB` failing as `fault` says, for the worker's other handlers (the queue consumer);
 * `statements()` counts the statements run on it so far.
 */
export function envWithFault(fault: Fault | null): { env: typeof env; statements: () => number } {
  const counter = new Counter(fault);
  return { env: { ...env, DB: wrapDatabase(env.DB, counter) }, statements: () => counter.statements };
}
