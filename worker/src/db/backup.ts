// Backup and restore of a Liuyan D1 database (`npm run backup`, `npm run restore`, scripts/backup.ts).
//
// `wrangler d1 export` refuses a database that holds an FTS5 table, and ours does (message_search).
// So a backup is the rows of every ordinary table — never the virtual table or its shadow tables,
// whose contents are derived — as NDJSON, and a restore wipes the database, recreates the schema
// through the migrations, loads the rows with the triggers set aside (the tallies they keep are
// restored as they were, not counted twice), and rebuilds the search index from the messages.
// Erasures citizens asked for after the backup was made are read from the database before it is
// wiped and applied again, so a restore never brings back contact details someone erased.
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
  version: 1;
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
    if (table.name === 'd1_migrations' || virtual.includes(table.name) || virtual.some((v) => table.name.startsWith(`${v}_`))) continue;
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
 * row of every table, read a page at a time (by rowid, or by primary key for WITHOUT ROWID tables).
 */
export async function* exportDatabase(db: BackupDatabase, now = new Date()): AsyncGenerator<string> {
  const tables = await dataTables(db);
  const header: BackupHeader = {
    format: 'liuyan-d1-backup', version: 1, createdAt: now.toISOString(),
    migrations: await appliedMigrations(db),
    tables: tables.map(({ name, columns }) => ({ name, columns })),
  };
  yield JSON.stringify(header);
  for (const table of tables) {
    const columns = table.columns.map(quote).join(', ');
    if (table.withoutRowid) {
      // Counter tables, small: pages by offset in primary-key order.
      for (let offset = 0; ; offset += PAGE) {
        const rows = await db.all<Record<string, unknown>>(`SELECT ${columns} FROM ${quote(table.name)} ORDER BY 1 LIMIT ${PAGE} OFFSET ${offset}`);
        for (const row of rows) yield JSON.stringify({ t: table.name, r: table.columns.map((c) => encodeValue(row[c])) } satisfies BackupRow);
        if (rows.length < PAGE) break;
      }
      continue;
    }
    for (let after = -Infinity; ;) {
      const rows = await db.all<Record<string, unknown>>(
        `SELECT rowid AS __backup_rowid, ${columns} FROM ${quote(table.name)} WHERE rowid > ${Number.isFinite(after) ? after : -9223372036854775807} ORDER BY rowid LIMIT ${PAGE}`,
      );
      for (const row of rows) yield JSON.stringify({ t: table.name, r: table.columns.map((c) => encodeValue(row[c])) } satisfies BackupRow);
      if (rows.length < PAGE) break;
      after = Number(rows.at(-1)!.__backup_rowid);
    }
  }
}

/** Why a restore refused to start (nothing was changed). */
export class RestoreRefused extends Error {}

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

/** Parses a backup's lines (as `exportDatabase` wrote them); refuses anything else. */
export function readBackup(lines: Iterable<string>): { header: BackupHeader; rows: Map<string, SqlValue[][]> } {
  let header: BackupHeader | null = null;
  const rows = new Map<string, SqlValue[][]>();
  for (const line of lines) {
    if (line.trim() === '') continue;
    if (!header) {
      const first = JSON.parse(line) as BackupHeader;
      if (first.format !== 'liuyan-d1-backup' || first.version !== 1) throw new RestoreRefused('not a Liuyan backup (its first line is not a liuyan-d1-backup header, version 1)');
      header = first;
      for (const t of header.tables) rows.set(t.name, []);
      continue;
    }
    const row = JSON.parse(line) as BackupRow;
    const list = rows.get(row.t);
    if (!list) throw new RestoreRefused(`the backup has a row of table ${row.t}, which its header does not list`);
    list.push(row.r.map(decodeValue));
  }
  if (!header) throw new RestoreRefused('the backup is empty');
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
 * Replaces everything in `db` with the backup: checks the backup (nothing changes when it is refused),
 * keeps the erasure log the database has now, drops every table, view and trigger, applies the
 * backup's migrations, sets their triggers aside, loads every row (≤ 100 bound parameters a statement,
 * 50 statements a batch), puts the triggers back, applies the migrations made since the backup (a
 * backup of an older release, restored onto this one), logs and applies again every erasure the backup
 * did not have, and lists every site for a search-index rebuild. Run `rebuildAfterRestore` next
 * (or leave the rebuild to the hourly job, as on a remote database).
 */
export async function restoreDatabase(db: BackupDatabase, lines: Iterable<string>, { migrate, migrations }: RestoreOptions): Promise<RestoreReport> {
  const { header, rows } = readBackup(lines);
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

  // The erasure log as it is now: it may hold erasures made after the backup.
  let erasures: { site_id: string; message_id: string; erased_at: string }[] = [];
  try {
    erasures = await db.all('SELECT site_id, message_id, erased_at FROM personal_data_erasures');
  } catch {
    // An empty database: nothing was erased.
  }

  // Wipe. Foreign keys are checked at the end of the batch, when every table is gone.
  const objects = await db.all<{ type: string; name: string; sql: string | null }>(
    "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view', 'trigger') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'",
  );
  const virtual = objects.filter((o) => o.type === 'table' && /^CREATE\s+VIRTUAL\s+TABLE/i.test(o.sql ?? '')).map((o) => o.name);
  const drops = [
    ...objects.filter((o) => o.type === 'trigger').map((o) => `DROP TRIGGER IF EXISTS ${quote(o.name)}`),
    ...objects.filter((o) => o.type === 'view').map((o) => `DROP VIEW IF EXISTS ${quote(o.name)}`),
    ...virtual.map((name) => `DROP TABLE IF EXISTS ${quote(name)}`),
    ...objects.filter((o) => o.type === 'table' && !virtual.includes(o.name) && !virtual.some((v) => o.name.startsWith(`${v}_`)))
      .map((o) => `DROP TABLE IF EXISTS ${quote(o.name)}`),
  ];
  await db.batch([{ sql: 'PRAGMA defer_foreign_keys = on', params: [] }, ...drops.map((sql) => ({ sql, params: [] }))]);

  await migrate(header.migrations);

  // The triggers keep tallies and derived rows; the backup holds those rows as they were, so the
  // triggers must not count the loaded rows a second time.
  const triggers = await db.all<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name");
  const tables = header.tables.filter((t) => rows.has(t.name));
  await db.batch([
    ...triggers.map((t) => ({ sql: `DROP TRIGGER ${quote(t.name)}`, params: [] })),
    // Rows a migration wrote into an empty database, if any, are in the backup too.
    ...tables.map((t) => ({ sql: `DELETE FROM ${quote(t.name)}`, params: [] })),
  ]);

  const loaded: Record<string, number> = {};
  for (const name of await loadOrder(db, header, rows)) {
    const table = header.tables.find((t) => t.name === name)!;
    const list = rows.get(name)!;
    await inBatches(db, insertStatements(db, name, table.columns, list));
    loaded[name] = list.length;
  }
  await db.batch(triggers.map((t) => ({ sql: t.sql, params: [] })));
  // The migrations the backup predates, on its rows (their triggers and backfills run as on upgrade).
  if (newer.length > 0) await migrate(newer);

  // Erasures since the backup: logged again (the log outlives every later restore) and applied.
  const known = new Set(((rows.get('personal_data_erasures') ?? []) as SqlValue[][]).map((r) => r[header.tables.find((t) => t.name === 'personal_data_erasures')!.columns.indexOf('message_id')]));
  const since = erasures.filter((e) => !known.has(e.message_id));
  const insertErasure = 'INSERT OR IGNORE INTO personal_data_erasures (site_id, message_id, erased_at) VALUES (?, ?, ?)';
  await inBatches(db, since.map((e) => ({ sql: insertErasure, params: [e.site_id, e.message_id, e.erased_at] })));
  await db.batch([{ sql: REAPPLY_ERASURES_SQL, params: [] }]);

  // The search index is derived and was not saved: every site's is rebuilt from its messages.
  const sites = (await db.all<{ id: string }>('SELECT id FROM sites ORDER BY id')).map((s) => s.id);
  await inBatches(db, [
    { sql: 'DELETE FROM search_rebuilds', params: [] },
    ...sites.map((id) => ({ sql: 'INSERT INTO search_rebuilds (site_id) VALUES (?)', params: [id] })),
  ]);
  return { rows: loaded, erasuresReapplied: since.length, migrationsApplied: newer, sites };
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
