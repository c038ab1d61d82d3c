// Backup and restore of a Liuyan D1 database (`npm run backup`, `npm run restore`, scripts/backup.ts).
//
// `wrangler d1 export` refuses a database that holds an FTS5 table, and ours does (message_search).
// So a backup is the rows of every ordinary table — never the virtual table or its shadow tables,
// whose contents are derived — as NDJSON, ending with a line that counts each table's rows (a file
// cut short is refused before anything is changed), and a restore wipes the database, recreates the schema
// through the migrations, loads the rows with the triggers set aside (the tallies they keep are
// restored as they were, not counted twice), and rebuilds the search index from the messages.
// Erasures citizens asked for after the backup was made are read from the database before it is
// wiped and applied again, so a restore never brings back contact details someone erased; the
// wipe first copies that log into a table of its own, which outlives a restore that fails part-way
// and is read again by the next one.
//
// Everything here speaks to a `BackupDatabase`, so the same code runs on a D1 binding (the local
// database through wrangler's platform proxy, the drill test in workerd) and on a remote database
// through `wrangler d1 execute` (scripts/backup.ts).
import { siteDatabaseOn } from './client';
import { REAPPLY_ERASURES_SQL } from './my-data';
import { purgeErasedPhotos } from './photos';
import { continueSearchRebuilds, continueMatchText } from './search-index';

/** A value SQLite stores: text, number, null, or bytes (BLOB). */
export type SqlValue = string | number | null | Uint8Array;

export interface SqlStatement {
  sql: string;
  params: SqlValue[];
}

/** The two things backup and restore need from a database. */
export interface BackupDatabase {
  /** One statement's rows (column name → value). */
  all<T = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<T[]>;
  /** The statements in one transaction: all are written or none. */
  batch(statements: SqlStatement[]): Promise<void>;
  /**
   * Most bound parameters one statement may carry: D1's limit is 100; a backend that writes values
   * as SQL literals (no binding) says 0, and then each row is a statement of its own.
   */
  readonly maxParams: number;
}

/** A D1 binding as a `BackupDatabase`. */
export function d1BackupDatabase(d1: D1Database): BackupDatabase {
  return {
    maxParams: D1_MAX_PARAMS,
    all: async <T>(sql: string, params: SqlValue[] = []) => (await d1.prepare(sql).bind(...params).all<T>()).results,
    batch: async (statements) => {
      if (statements.length > 0) await d1.batch(statements.map((s) => d1.prepare(s.sql).bind(...s.params)));
    },
  };
}

/** D1: at most 100 bound parameters per statement. */
export const D1_MAX_PARAMS = 100;
/** Statements per batch while loading: small enough for D1's per-request limits, large enough to be quick. */
const STATEMENTS_PER_BATCH = 50;
/** Rows read per query while exporting. */
const PAGE = 500;

/** The first line of a backup file. */
export interface BackupHeader {
  format: 'liuyan-d1-backup';
  /** 2: the file ends with a `BackupEnd` line. 1 (older files): it has none, so a file cut short looks whole. */
  version: 1 | 2;
  /** When the export started (UTC ISO). */
  createdAt: string;
  /** The migrations applied to the database, in order (`d1_migrations.name`): a restore needs the same. */
  migrations: string[];
  /** Every table saved, with the columns each row line lists, in that order. */
  tables: { name: string; columns: string[] }[];
}

/** Every other line: one row of table `t`, its values in the header's column order; bytes as `{"$blob": base64}`. */
export interface BackupRow {
  t: string;
  r: unknown[];
}

/** The last line of a backup (version 2): the rows of each table the file holds, so that a file cut short is known. */
export interface BackupEnd {
  end: 'liuyan-d1-backup';
  /** Every table of the header, with its number of row lines. */
  rows: Record<string, number>;
}

/**
 * Where a restore keeps the erasure log it read, from the wipe until the log is back in
 * `personal_data_erasures`: a restore that fails in between leaves it for the next one to apply.
 */
export const KEPT_ERASURES_TABLE = '_restore_erasures';

interface TableInfo {
  name: string;
  columns: string[];
  withoutRowid: boolean;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The ordinary tables: not SQLite's or D1's own (`sqlite_*`, `_cf_*`), not the migrations log
 * (recreated by the migrations), not a virtual table (FTS5) nor its shadow tables (`<name>_data` …).
 */
async function dataTables(db: BackupDatabase): Promise<TableInfo[]> {
  const all = await db.all<{ name: string; sql: string | null }>(
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY name",
  );
  const virtual = all.filter((t) => /^CREATE\s+VIRTUAL\s+TABLE/i.test(t.sql ?? '')).map((t) => t.name);
  const tables: TableInfo[] = [];
  for (const table of all) {
    if (table.name === 'd1_migrations' || table.name === KEPT_ERASURES_TABLE || virtual.includes(table.name) || virtual.some((v) => table.name.startsWith(`${v}_`))) continue;
    // table_xinfo also lists generated columns (hidden 2 or 3), which cannot be inserted: leave them out.
    const columns = await db.all<{ name: string; hidden: number }>(`PRAGMA table_xinfo(${quote(table.name)})`);
    tables.push({
      name: table.name,
      columns: columns.filter((c) => c.hidden === 0).map((c) => c.name),
      withoutRowid: /WITHOUT\s+ROWID\s*;?\s*$/i.test(table.sql ?? ''),
    });
  }
  return tables;
}

async function appliedMigrations(db: BackupDatabase): Promise<string[]> {
  try {
    return (await db.all<{ name: string }>('SELECT name FROM d1_migrations ORDER BY id')).map((m) => m.name);
  } catch {
    return []; // never migrated
  }
}

function encodeValue(value: unknown): unknown {
  if (value instanceof ArrayBuffer) return { $blob: bytesToBase64(new Uint8Array(value)) };
  if (ArrayBuffer.isView(value)) return { $blob: bytesToBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  // D1 hands BLOBs back as arrays of byte values.
  if (Array.isArray(value)) return { $blob: bytesToBase64(Uint8Array.from(value as number[])) };
  return value;
}

function decodeValue(value: unknown): SqlValue {
  if (value !== null && typeof value === 'object' && '$blob' in value) return base64ToBytes(String((value as { $blob: string }).$blob));
  return value as SqlValue;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/**
 * The backup of `db`, line by line (NDJSON, each line without its newline): the header, then every
 * row of every table, read a page at a time (by rowid, or by primary key for WITHOUT ROWID tables),
 * then the `BackupEnd` line with each table's row count.
 */
export async function* exportDatabase(db: BackupDatabase, now = new Date()): AsyncGenerator<string> {
  const tables = await dataTables(db);
  const header: BackupHeader = {
    format: 'liuyan-d1-backup', version: 2, createdAt: now.toISOString(),
    migrations: await appliedMigrations(db),
    tables: tables.map(({ name, columns }) => ({ name, columns })),
  };
  yield JSON.stringify(header);
  const counts: Record<string, number> = {};
  for (const table of tables) {
    let count = 0;
    const columns = table.columns.map(quote).join(', ');
    if (table.withoutRowid) {
      // Counter tables, small: pages by offset in primary-key order.
      for (let offset = 0; ; offset += PAGE) {
        const rows = await db.all<Record<string, unknown>>(`SELECT ${columns} FROM ${quote(table.name)} ORDER BY 1 LIMIT ${PAGE} OFFSET ${offset}`);
        for (const row of rows) yield JSON.stringify({ t: table.name, r: table.columns.map((c) => encodeValue(row[c])) } satisfies BackupRow);
        count += rows.length;
        if (rows.length < PAGE) break;
      }
      counts[table.name] = count;
      continue;
    }
    for (let after = -Infinity; ;) {
      const rows = await db.all<Record<string, unknown>>(
        `SELECT rowid AS __backup_rowid, ${columns} FROM ${quote(table.name)} WHERE rowid > ${Number.isFinite(after) ? after : -9223372036854775807} ORDER BY rowid LIMIT ${PAGE}`,
      );
      for (const row of rows) yield JSON.stringify({ t: table.name, r: table.columns.map((c) => encodeValue(row[c])) } satisfies BackupRow);
      count += rows.length;
      if (rows.length < PAGE) break;
      after = Number(rows.at(-1)!.__backup_rowid);
    }
    counts[table.name] = count;
  }
  yield JSON.stringify({ end: 'liuyan-d1-backup', rows: counts } satisfies BackupEnd);
}

/**
 * Why a restore refused to start: nothing was changed. The message names the problem and, for a
 * fault in the file, its line (`…, line 901`); it never quotes the file, which holds private messages.
 */
export class RestoreRefused extends Error {}

/**
 * A restore that stopped after it had begun to change the database: it is wiped and partly loaded,
 * not fit to serve. The erasure log read before the wipe is kept in `KEPT_ERASURES_TABLE`, so
 * restoring a good backup next (the way out) applies those erasures again. `cause` is the error.
 */
export class RestoreFailed extends Error {
  constructor(
    /** What the restore was doing (`loading table messages`). */
    readonly step: string,
    /** Erasures kept in `KEPT_ERASURES_TABLE` for the next restore. */
    readonly erasuresKept: number,
    cause: unknown,
  ) {
    super(`the restore stopped while ${step}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export interface RestoreOptions {
  /**
   * Applies the named migrations, in order, to the database (wrangler `d1 migrations apply` for all
   * of them, each file and its `d1_migrations` row for fewer; `applyD1Migrations` in tests). Called
   * with the backup's migrations on the emptied database, then — for a backup made before some of
   * this checkout's migrations — with those, once its rows are loaded.
   */
  migrate: (names: string[]) => Promise<void>;
  /** This checkout's migrations, in order: the backup's must be all of them or the first of them. */
  migrations: string[];
  /** Restore a version 1 backup, which has no end line, so that a copy cut short at a line break cannot be told from a whole one. */
  acceptVersion1?: boolean;
}

export interface RestoreReport {
  /** Rows loaded, by table. */
  rows: Record<string, number>;
  /** Erasures logged in the database before the restore that were not in the backup, applied again. */
  erasuresReapplied: number;
  /** This checkout's migrations the backup was made before, applied to its rows after loading them. */
  migrationsApplied: string[];
  /** Sites whose search index must be rebuilt (listed in `search_rebuilds`; see `rebuildAfterRestore`). */
  sites: string[];
}

/** A table or column name as SQLite and our migrations write them: safe to name in a message. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MIGRATION = /^[A-Za-z0-9_.-]+$/;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The header's shape checked, so that every later check and message can rely on it. */
function readHeader(value: unknown, at: string): BackupHeader {
  const notHeader = `not a Liuyan backup: its first line is not a liuyan-d1-backup header, ${at}`;
  if (!isObject(value) || value.format !== 'liuyan-d1-backup') throw new RestoreRefused(notHeader);
  if (value.version !== 1 && value.version !== 2) throw new RestoreRefused(`the backup is of a format version this release does not know: restore it with the release that made it, ${at}`);
  const { migrations, tables } = value;
  const names = new Set<string>();
  const wellFormed = Array.isArray(migrations) && migrations.every((m) => typeof m === 'string' && MIGRATION.test(m))
    && Array.isArray(tables) && tables.every((t) => isObject(t) && typeof t.name === 'string' && IDENTIFIER.test(t.name)
      && !names.has(t.name) && names.add(t.name)
      && Array.isArray(t.columns) && t.columns.length > 0 && t.columns.every((c) => typeof c === 'string' && IDENTIFIER.test(c)));
  if (!wellFormed) throw new RestoreRefused(`the backup's header is damaged (its migrations or tables are not lists of names), ${at}`);
  return value as unknown as BackupHeader;
}

function readValue(value: unknown): SqlValue {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (isObject(value) && typeof value.$blob === 'string' && Object.keys(value).length === 1) return decodeValue(value);
  throw new Error('not a value');
}

/**
 * Parses a whole backup (its lines, as `exportDatabase` wrote them) and checks it: the header first;
 * every other line a row of a table the header lists, with one value per column; then (version 2)
 * the end line, nothing after it, its count of each table's rows equal to the rows read. Blank lines
 * are skipped. Returns the header and each table's rows (bytes decoded). Throws `RestoreRefused` at
 * the first fault, naming the line; a version 1 file (no end line) is refused unless `acceptVersion1`.
 */
export function readBackup(lines: Iterable<string>, { acceptVersion1 = false }: { acceptVersion1?: boolean } = {}): { header: BackupHeader; rows: Map<string, SqlValue[][]> } {
  let header: BackupHeader | null = null;
  let ended = false;
  const rows = new Map<string, SqlValue[][]>();
  const columns = new Map<string, number>();
  let n = 0;
  let last = 0; // the last line that is not blank: where a file cut at a line break stops
  for (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    last = n;
    const at = `line ${n}`;
    if (ended) throw new RestoreRefused(`the backup goes on after its end line, ${at}`);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      // Never the parser's message: it quotes the line, which may be a private message.
      throw new RestoreRefused(header
        ? `the backup is damaged or cut short: a line is not whole JSON, ${at}`
        : `not a Liuyan backup: its first line is not JSON, ${at}`);
    }
    if (!header) {
      header = readHeader(value, at);
      if (header.version === 1 && !acceptVersion1) {
        throw new RestoreRefused(`the backup is version 1, made before backups ended with a line of row counts, so whether it is whole cannot be checked; if you know it is (its line count is the rows the backup printed, plus one), run again with --accept-version-1, ${at}`);
      }
      for (const t of header.tables) {
        rows.set(t.name, []);
        columns.set(t.name, t.columns.length);
      }
      continue;
    }
    if (isObject(value) && 'end' in value) {
      if (header.version === 1 || value.end !== 'liuyan-d1-backup' || !isObject(value.rows)) throw new RestoreRefused(`the backup is damaged: a line is neither a row nor its end line, ${at}`);
      const counted = value.rows;
      for (const [name, list] of rows) {
        if (counted[name] !== list.length) {
          throw new RestoreRefused(`the backup is incomplete: it holds ${list.length} rows of table ${name} where its end line counts ${typeof counted[name] === 'number' ? counted[name] : 'none'}, ${at}`);
        }
      }
      if (Object.keys(counted).some((name) => !rows.has(name))) throw new RestoreRefused(`the backup is damaged: its end line counts a table its header does not list, ${at}`);
      ended = true;
      continue;
    }
    if (!isObject(value) || typeof value.t !== 'string' || !Array.isArray(value.r)) throw new RestoreRefused(`the backup is damaged: a line is neither a row nor its end line, ${at}`);
    const list = rows.get(value.t);
    if (!list) throw new RestoreRefused(`the backup is damaged: a row of a table its header does not list, ${at}`);
    if (value.r.length !== columns.get(value.t)) throw new RestoreRefused(`the backup is damaged: a row of table ${value.t} has ${value.r.length} values for ${columns.get(value.t)} columns, ${at}`);
    try {
      list.push(value.r.map(readValue));
    } catch {
      throw new RestoreRefused(`the backup is damaged: a row of table ${value.t} holds a value that is not text, a number, null or bytes, ${at}`);
    }
  }
  if (!header) throw new RestoreRefused('the backup is empty');
  if (header.version === 2 && !ended) throw new RestoreRefused(`the backup is cut short: it stops without its end line (the count of each table's rows), line ${last}`);
  return { header, rows };
}

interface ForeignKey { table: string; from: string; to: string | null }

/**
 * Tables in an order that loads every referenced row before the rows that reference it, and each
 * self-referencing table (units.parent_id) with parents before children: D1 checks foreign keys.
 */
async function loadOrder(db: BackupDatabase, header: BackupHeader, rows: Map<string, SqlValue[][]>): Promise<string[]> {
  const keys = new Map<string, ForeignKey[]>();
  for (const { name } of header.tables) keys.set(name, await db.all<ForeignKey>(`PRAGMA foreign_key_list(${quote(name)})`));
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (order.includes(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const fk of keys.get(name) ?? []) if (fk.table !== name && keys.has(fk.table)) visit(fk.table);
    visiting.delete(name);
    order.push(name);
  };
  for (const { name } of header.tables) visit(name);

  for (const table of header.tables) {
    for (const fk of (keys.get(table.name) ?? []).filter((k) => k.table === table.name && k.to)) {
      const from = table.columns.indexOf(fk.from);
      const to = table.columns.indexOf(fk.to!);
      if (from < 0 || to < 0) continue;
      const list = rows.get(table.name)!;
      const byKey = new Map(list.map((r) => [r[to], r]));
      const sorted: SqlValue[][] = [];
      const placed = new Set<SqlValue[]>();
      const place = (r: SqlValue[], depth: number) => {
        if (placed.has(r) || depth > list.length) return;
        const parent = r[from] === null ? undefined : byKey.get(r[from]);
        if (parent && parent !== r) place(parent, depth + 1);
        placed.add(r);
        sorted.push(r);
      };
      for (const r of list) place(r, 0);
      rows.set(table.name, sorted);
    }
  }
  return order;
}

/** The INSERT statements for a table's rows, as many rows a statement as the parameter limit allows. */
function insertStatements(db: BackupDatabase, table: string, columns: string[], rows: SqlValue[][]): SqlStatement[] {
  const perStatement = db.maxParams === 0 ? 1 : Math.max(1, Math.floor(db.maxParams / columns.length));
  const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const statements: SqlStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    statements.push({ sql: head + chunk.map(() => tuple).join(', '), params: chunk.flat() });
  }
  return statements;
}

async function inBatches(db: BackupDatabase, statements: SqlStatement[]): Promise<void> {
  for (let i = 0; i < statements.length; i += STATEMENTS_PER_BATCH) await db.batch(statements.slice(i, i + STATEMENTS_PER_BATCH));
}

/**
 * Replaces everything in `db` with the backup: reads and checks the whole backup and its migrations
 * first (`readBackup`; throws `RestoreRefused`, and nothing is changed), reads the erasure log the
 * database has now (with any a failed restore kept), copies it to `KEPT_ERASURES_TABLE` and drops
 * every other table, view and trigger in one batch, applies the backup's migrations, sets their
 * triggers aside, loads every row (≤ 100 bound parameters a statement, 50 statements a batch), puts
 * the triggers back, applies the migrations made since the backup (a backup of an older release,
 * restored onto this one), logs and applies again every erasure the backup did not have (dropping
 * the kept copy), and lists every site for a search-index rebuild. Run `rebuildAfterRestore` next
 * (or leave the rebuild to the hourly job, as on a remote database). A failure from the wipe on
 * throws `RestoreFailed`: the database is then incomplete, and restoring a good backup mends it.
 */
export async function restoreDatabase(db: BackupDatabase, lines: Iterable<string>, { migrate, migrations, acceptVersion1 }: RestoreOptions): Promise<RestoreReport> {
  const { header, rows } = readBackup(lines, { acceptVersion1 });
  // A backup made by this release or an older one: its migrations are the first of ours, and ours
  // that came later are applied to its rows as they were to every database then (an upgrade).
  const older = header.migrations.length <= migrations.length && header.migrations.every((m, i) => migrations[i] === m);
  if (!older) {
    const missing = header.migrations.filter((m) => !migrations.includes(m));
    throw new RestoreRefused(missing.length > 0
      ? `the backup was made after migrations this checkout does not have (${missing.join(', ')}): restore it with the release that made it`
      : `the backup's migrations are not this checkout's in the same order (${header.migrations.join(', ')}): restore it with the release that made it`);
  }
  const newer = migrations.slice(header.migrations.length);

  // Wipe. Foreign keys are checked at the end of the batch, when every table is gone.
  const objects = await db.all<{ type: string; name: string; sql: string | null }>(
    "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view', 'trigger') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'",
  );
  const has = (table: string) => objects.some((o) => o.type === 'table' && o.name === table);

  // The erasure log as it is now — it may hold erasures made after the backup — and what a restore
  // that failed part-way kept of the log it read (the database it wiped had it).
  const logs = ['personal_data_erasures', KEPT_ERASURES_TABLE].filter(has);
  const erasures = logs.length === 0 ? [] : await db.all<{ site_id: string; message_id: string; erased_at: string }>(
    logs.map((table) => `SELECT site_id, message_id, erased_at FROM ${quote(table)}`).join(' UNION '),
  );

  const virtual = objects.filter((o) => o.type === 'table' && /^CREATE\s+VIRTUAL\s+TABLE/i.test(o.sql ?? '')).map((o) => o.name);
  const drops = [
    ...objects.filter((o) => o.type === 'trigger').map((o) => `DROP TRIGGER IF EXISTS ${quote(o.name)}`),
    ...objects.filter((o) => o.type === 'view').map((o) => `DROP VIEW IF EXISTS ${quote(o.name)}`),
    ...virtual.map((name) => `DROP TABLE IF EXISTS ${quote(name)}`),
    ...objects.filter((o) => o.type === 'table' && o.name !== KEPT_ERASURES_TABLE && !virtual.includes(o.name) && !virtual.some((v) => o.name.startsWith(`${v}_`)))
      .map((o) => `DROP TABLE IF EXISTS ${quote(o.name)}`),
  ];
  let step = 'wiping the database';
  const fail = (error: unknown): never => {
    throw new RestoreFailed(step, erasures.length, error);
  };
  // The log is copied before the first table is dropped, in the same batch: if the restore stops
  // anywhere after this, the next restore still finds every erasure it has to apply again.
  await db.batch([
    { sql: 'PRAGMA defer_foreign_keys = on', params: [] },
    { sql: `CREATE TABLE IF NOT EXISTS ${quote(KEPT_ERASURES_TABLE)} (site_id TEXT NOT NULL, message_id TEXT PRIMARY KEY, erased_at TEXT NOT NULL)`, params: [] },
    ...(has('personal_data_erasures')
      ? [{ sql: `INSERT OR IGNORE INTO ${quote(KEPT_ERASURES_TABLE)} (site_id, message_id, erased_at) SELECT site_id, message_id, erased_at FROM personal_data_erasures`, params: [] }]
      : []),
    ...drops.map((sql) => ({ sql, params: [] })),
  ]).catch(fail);

  try {
    step = "applying the backup's migrations";
    await migrate(header.migrations);

    // The triggers keep tallies and derived rows; the backup holds those rows as they were, so the
    // triggers must not count the loaded rows a second time.
    step = 'setting the triggers aside';
    const triggers = await db.all<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name");
    const tables = header.tables.filter((t) => rows.has(t.name));
    await db.batch([
      ...triggers.map((t) => ({ sql: `DROP TRIGGER ${quote(t.name)}`, params: [] })),
      // Rows a migration wrote into an empty database, if any, are in the backup too.
      ...tables.map((t) => ({ sql: `DELETE FROM ${quote(t.name)}`, params: [] })),
    ]);

    const loaded: Record<string, number> = {};
    for (const name of await loadOrder(db, header, rows)) {
      step = `loading table ${name}`;
      const table = header.tables.find((t) => t.name === name)!;
      const list = rows.get(name)!;
      await inBatches(db, insertStatements(db, name, table.columns, list));
      loaded[name] = list.length;
    }
    step = 'putting the triggers back';
    await db.batch(triggers.map((t) => ({ sql: t.sql, params: [] })));
    // The migrations the backup predates, on its rows (their triggers and backfills run as on upgrade).
    step = 'applying the migrations made since the backup';
    if (newer.length > 0) await migrate(newer);

    // Erasures since the backup: logged again (the log outlives every later restore) and applied, in
    // one batch with the end of the kept copy, which is no longer needed once they are in the log.
    step = 'applying the erasures logged since the backup';
    const erasureTable = header.tables.find((t) => t.name === 'personal_data_erasures');
    const known = new Set(erasureTable ? rows.get(erasureTable.name)!.map((r) => r[erasureTable.columns.indexOf('message_id')]) : []);
    const since = erasures.filter((e) => !known.has(e.message_id));
    await db.batch([
      { sql: `INSERT OR IGNORE INTO personal_data_erasures (site_id, message_id, erased_at) SELECT site_id, message_id, erased_at FROM ${quote(KEPT_ERASURES_TABLE)}`, params: [] },
      { sql: REAPPLY_ERASURES_SQL, params: [] },
      { sql: `DROP TABLE ${quote(KEPT_ERASURES_TABLE)}`, params: [] },
    ]);

    // The search index is derived and was not saved: every site's is rebuilt from its messages.
    step = 'listing the sites for a search-index rebuild';
    const sites = (await db.all<{ id: string }>('SELECT id FROM sites ORDER BY id')).map((s) => s.id);
    await inBatches(db, [
      { sql: 'DELETE FROM search_rebuilds', params: [] },
      ...sites.map((id) => ({ sql: 'INSERT INTO search_rebuilds (site_id) VALUES (?)', params: [id] })),
    ]);
    return { rows: loaded, erasuresReapplied: since.length, migrationsApplied: newer, sites };
  } catch (error) {
    return fail(error);
  }
}

/**
 * What a restore leaves for later, done now on a D1 binding: every site's search index rebuilt from
 * its published public messages, the console's Simplified text of messages that have none (a backup
 * made before migration 0040), and — given the photo bucket — the photos of messages whose
 * author erased their data deleted from R2 and D1 (otherwise the hourly job does both). Returns the
 * messages indexed and the photos deleted.
 */
export async function rebuildAfterRestore(d1: D1Database, photos?: R2Bucket): Promise<{ indexed: number; photosDeleted: number }> {
  const db = siteDatabaseOn(d1);
  let indexed = 0;
  for (let step = await continueSearchRebuilds(db); ; step = await continueSearchRebuilds(db)) {
    indexed += step.indexed;
    if (!step.pending) break;
  }
  // A backup made before migration 0040 has no Simplified text for the console's search.
  for (let step = await continueMatchText(db); step.pending; step = await continueMatchText(db));
  let photosDeleted = 0;
  if (photos) for (let n = await purgeErasedPhotos(db, photos); n > 0; n = await purgeErasedPhotos(db, photos)) photosDeleted += n;
  return { indexed, photosDeleted };
}
