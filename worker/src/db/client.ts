import {
  DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler,
  type Compilable, type CompiledQuery,
} from 'kysely';
import type { Env } from '../env';
import type { Database } from './schema';
import { isRead, withD1Retries } from './d1-errors';

// Kysely only builds and compiles SQL here; D1 runs it. That keeps batch() — D1's only
// way to write several statements atomically — available for every multi-statement write.
const builder = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

export type QueryBuilder = Kysely<Database>;

/** What a request cost the database: D1 bills by rows read and written. */
export interface QueryStats {
  queries: number;
  rowsRead: number;
  rowsWritten: number;
}

/**
 * `idempotent`: running the write again cannot do its work twice — a row keyed by the request's
 * Idempotency-Key is in the same batch (a second commit fails as a whole), or the write is the same
 * however often it runs. Only such writes are retried after a transient D1 error (db/d1-errors.ts).
 */
export interface WriteOptions {
  idempotent?: boolean;
}

/**
 * Every method retries a transient D1 error (a lost connection, a restarted database) up to twice with
 * jittered backoff when the work is idempotent: reads always, writes when `WriteOptions` says so.
 * Other errors reach `handleError` unchanged: overloaded → 503 with Retry-After, the rest → 500.
 */
export interface SiteDatabase {
  /** Build queries with this; run them with the methods below. */
  readonly q: QueryBuilder;
  /** Counted over this object's life (one request). */
  readonly stats: QueryStats;
  all<R>(query: Compilable<R>, options?: WriteOptions): Promise<R[]>;
  first<R>(query: Compilable<R>, options?: WriteOptions): Promise<R | null>;
  run(query: Compilable<unknown>, options?: WriteOptions): Promise<D1Result>;
  /** Runs the statements in one transaction: all are written or none. */
  batch(queries: Compilable<unknown>[], options?: WriteOptions): Promise<D1Result[]>;
  /**
   * Where this request's reads and writes got to in D1's read replication (a D1 session bookmark,
   * e.g. `00000000-00000016-00000000-000…`); null when it does not run in a session.
   */
  bookmark(): string | null;
}

/**
 * `items` in parts of at most `size` (90 by default): D1 binds at most 100 parameters to a
 * statement, so a list of ids bound as `IN (…)` is read in parts, leaving room for the others.
 */
export function inParts<T>(items: readonly T[], size = 90): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));
}

/** The rows one statement of a `batch()` returned (`result`: its entry in the batch's answer), typed as the statement says. */
export const rowsOf = <R>(_query: Compilable<R>, result: D1Result | undefined): R[] => (result?.results ?? []) as R[];

/**
 * The form of a D1 bookmark, `<8 hex>-<8 hex>-<8 hex>-<32 hex>`: anything else a client sends is
 * ignored rather than handed to D1, which would fail the request on it.
 */
export const D1_BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

function prepare(d1: D1Database | D1DatabaseSession, compiled: CompiledQuery<unknown>): D1PreparedStatement {
  return d1.prepare(compiled.sql).bind(...compiled.parameters);
}

/** Runs one statement, retried when it only reads or the caller says it is idempotent. */
function runOne<T>(d1: D1Database | D1DatabaseSession, query: Compilable<unknown>, options: WriteOptions | undefined, how: (s: D1PreparedStatement) => Promise<T>): Promise<T> {
  const compiled = query.compile();
  return withD1Retries(isRead(compiled.sql) || Boolean(options?.idempotent), () => how(prepare(d1, compiled)));
}

/** Runs queries on a D1 binding, or on a session of one (`withSession`, D1 read replication). */
export function siteDatabaseOn(d1: D1Database | D1DatabaseSession): SiteDatabase {
  const stats: QueryStats = { queries: 0, rowsRead: 0, rowsWritten: 0 };
  const count = <T extends D1Result>(result: T): T => {
    stats.queries++;
    stats.rowsRead += result.meta.rows_read ?? 0;
    stats.rowsWritten += result.meta.rows_written ?? 0;
    return result;
  };
  return {
    q: builder,
    stats,
    all: async <R>(query: Compilable<R>, options?: WriteOptions) => count(await runOne(d1, query, options, (s) => s.all<R>())).results,
    first: async <R>(query: Compilable<R>, options?: WriteOptions) => count(await runOne(d1, query, options, (s) => s.all<R>())).results[0] ?? null,
    run: async (query, options) => count(await runOne(d1, query, options, (s) => s.run())),
    batch: async (queries, options) => {
      const compiled = queries.map((query) => query.compile());
      const results = await withD1Retries(Boolean(options?.idempotent) || compiled.every((c) => isRead(c.sql)),
        () => d1.batch(compiled.map((c) => prepare(d1, c))));
      stats.queries++; // one round trip, one transaction
      for (const r of results) {
        stats.rowsRead += r.meta.rows_read ?? 0;
        stats.rowsWritten += r.meta.rows_written ?? 0;
      }
      return results;
    },
    bookmark: () => ('getBookmark' in d1 ? d1.getBookmark() : null),
  };
}

/**
 * Which D1 binding holds which site: `SITE_DATABASES` (wrangler.toml `[vars]`) is the JSON of a map
 * from site id to binding name, e.g. `{"bigcity": "DB_BIGCITY"}`; every other site is in `DB`.
 */
export function siteDatabaseBindings(env: Env): Record<string, string> {
  const raw = env.SITE_DATABASES;
  return raw ? (JSON.parse(raw) as Record<string, string>) : {};
}

/** The D1 binding named `name`; a name that is not bound is a deployment mistake, never a request's. */
function boundDatabase(env: Env, name: string): D1Database {
  const d1 = (env as unknown as Record<string, unknown>)[name];
  if (!d1 || typeof (d1 as D1Database).prepare !== 'function') throw new Error(`SITE_DATABASES names ${name}, which is not a D1 binding`);
  return d1 as D1Database;
}

/** The binding name of the database that holds `siteId` (`DB` unless `SITE_DATABASES` moves it). */
export function databaseNameFor(env: Env, siteId: string): string {
  const bindings = siteDatabaseBindings(env);
  return Object.hasOwn(bindings, siteId) ? bindings[siteId]! : 'DB';
}

/**
 * The database that holds a site's data. Every query of a site goes through here, so a large
 * tenant can move to a D1 database of its own (D1 caps one database at 10 GB and one writer)
 * by adding a binding and a line to `SITE_DATABASES`, without touching the routes.
 * Throws (a 500) when the configuration names a binding that does not exist.
 */
export function databaseFor(env: Env, siteId: string): SiteDatabase {
  return siteDatabaseOn(boundDatabase(env, databaseNameFor(env, siteId)));
}

/**
 * The site's database in a D1 session (read replication), so a read made after a write sees it:
 * from `bookmark` (an earlier answer's, see `openBookmark`) when there is one, else starting at the
 * primary — as consistent as a request without a session.
 * See https://developers.cloudflare.com/d1/best-practices/read-replication/.
 */
export function sessionDatabaseFor(env: Env, siteId: string, bookmark: string | undefined): SiteDatabase {
  const d1 = boundDatabase(env, databaseNameFor(env, siteId));
  return siteDatabaseOn(d1.withSession(bookmark && D1_BOOKMARK.test(bookmark) ? bookmark : 'first-primary'));
}

/** The default database `DB`. What spans sites (sign-in throttling, kept per email and address) is kept here. */
export function sharedDatabase(env: Env): SiteDatabase {
  return siteDatabaseOn(env.DB);
}

/** One database of the deployment, with its binding name. */
export interface NamedDatabase {
  name: string;
  db: SiteDatabase;
}

/** Every database that holds sites (`DB` first), for work that spans them: scheduled clean-up, sign-in by email. */
export function namedDatabases(env: Env): NamedDatabase[] {
  const names = [...new Set(['DB', ...Object.values(siteDatabaseBindings(env))])];
  return names.map((name) => ({ name, db: siteDatabaseOn(boundDatabase(env, name)) }));
}

/** Every database that holds sites, for work that spans them (scheduled clean-up). */
export function allDatabases(env: Env): SiteDatabase[] {
  return namedDatabases(env).map(({ db }) => db);
}
