// `npm run backup` and `npm run restore <file>`: a Liuyan D1 database to one NDJSON file and back.
// `wrangler d1 export` refuses our database (it holds an FTS5 table), so the rows of every ordinary
// table are read with SQL, and a restore rebuilds the search index (worker/src/db/backup.ts).
//
//   npm run backup [-- --out <file>] [--remote] [--database DB] [--persist-to <dir>]
//   npm run restore -- <file> [--remote --yes] [--database DB] [--persist-to <dir>] [--accept-version-1]
//
// Locally (the default: the database `npm run dev` uses, or the one under --persist-to) it reads and
// writes through wrangler's platform proxy, rebuilds the search index at once and deletes the photos
// of erased authors from the local R2. With --remote it goes through `wrangler d1 execute --remote`
// (a page of rows a call; restoring writes files of SQL statements) and leaves the search index and
// the photos to the hourly job. A restore reads and checks the whole file before it changes anything
// (a file cut short, or not a backup, is refused with the line at fault, never quoting it). README →
// Operations → Backup and restore.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getPlatformProxy } from 'wrangler';
import {
  d1BackupDatabase, exportDatabase, KEPT_ERASURES_TABLE, rebuildAfterRestore, restoreDatabase, RestoreFailed, RestoreRefused,
  type BackupDatabase, type RestoreReport, type SqlStatement, type SqlValue,
} from '../worker/src/db/backup';
import { root } from './local-stack';

const wranglerBin = path.join(root, 'node_modules/.bin/wrangler');
const migrationsDir = path.join(root, 'worker/migrations');

interface Target {
  remote: boolean;
  /** The D1 binding in wrangler.toml (`DB`, or a site's own database such as `DB_BIGCITY`). */
  database: string;
  persistTo?: string;
}

/** `wrangler d1 <command…> <database> --local|--remote <args…>`. */
function wrangler(target: Target, command: string[], args: string[] = []): string {
  const where = target.remote ? ['--remote'] : ['--local', ...(target.persistTo ? ['--persist-to', target.persistTo] : [])];
  const result = spawnSync(wranglerBin, ['d1', ...command, target.database, ...where, ...args], {
    cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
  });
  if (result.status !== 0) throw new Error(`wrangler d1 ${command.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/** A value as an SQL literal, for `wrangler d1 execute`, which binds no parameters. */
function literal(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  if (value instanceof Uint8Array) return `X'${Buffer.from(value).toString('hex')}'`;
  return `'${value.replaceAll("'", "''")}'`;
}

function inline({ sql, params }: SqlStatement): string {
  if (params.length === 0) return sql; // a trigger's text, say, may hold a '?' of its own
  let i = 0;
  return sql.replace(/\?/g, () => literal(params[i++]!));
}

/** A remote database through `wrangler d1 execute --remote`: reads with --command, writes with --file. */
function remoteDatabase(target: Target): BackupDatabase {
  return {
    maxParams: 0,
    all: async <T>(sql: string, params: SqlValue[] = []) =>
      (JSON.parse(wrangler(target, ['execute'], ['--json', '--command', inline({ sql, params })])) as { results: T[] }[])[0]!.results,
    batch: async (statements) => {
      if (statements.length === 0) return;
      const dir = mkdtempSync(path.join(tmpdir(), 'liuyan-restore-'));
      try {
        const file = path.join(dir, 'batch.sql');
        writeFileSync(file, statements.map((s) => `${inline(s)};\n`).join(''));
        wrangler(target, ['execute'], ['--yes', '--file', file]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

type Proxy = Awaited<ReturnType<typeof getPlatformProxy<Record<string, D1Database | R2Bucket>>>>;

function openProxy(target: Target): Promise<Proxy> {
  return getPlatformProxy<Record<string, D1Database | R2Bucket>>({
    configPath: path.join(root, 'wrangler.toml'),
    persist: target.persistTo ? { path: path.join(target.persistTo, 'v3') } : true,
  });
}

const migrationNames = () => readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort();

/**
 * Applies the named migrations (the first of ours, in order) as `wrangler d1 migrations apply`
 * would: all of them through it; fewer — a backup of an older release — file by file, each recorded
 * in wrangler's `d1_migrations` table so that a later `migrations apply` goes on from there.
 */
function applyMigrations(target: Target, names: string[]): void {
  const all = migrationNames();
  if (names.length === all.length) {
    wrangler(target, ['migrations', 'apply']);
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'liuyan-migrations-'));
  try {
    const file = path.join(dir, 'apply.sql');
    // wrangler's own table, as `migrations apply` creates it.
    const log = `CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL);`;
    writeFileSync(file, [log, ...names.map((name) => `${readFileSync(path.join(migrationsDir, name), 'utf8')}\nINSERT INTO d1_migrations (name) VALUES (${literal(name)});`)].join('\n'));
    wrangler(target, ['execute'], ['--yes', '--file', file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function backup(target: Target, out: string): Promise<void> {
  const proxy = target.remote ? null : await openProxy(target);
  try {
    const db = proxy ? d1BackupDatabase(proxy.env[target.database] as D1Database) : remoteDatabase(target);
    const file = createWriteStream(out, { mode: 0o600 });
    let rows = -2; // the header and the end line are not rows
    for await (const line of exportDatabase(db)) {
      if (!file.write(`${line}\n`)) await new Promise<void>((r) => file.once('drain', () => r()));
      rows++;
    }
    await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
    console.log(`Saved ${rows} rows to ${out}. It holds contact details (encrypted with DATA_KEY) and tracking-code hashes: keep it as you keep the database.`);
  } finally {
    await proxy?.dispose();
  }
}

/** The file's lines; a file that cannot be read is refused (RestoreRefused) before anything is opened. */
function readLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RestoreRefused(code === 'ENOENT' ? `there is no file ${file}` : `${file} cannot be read (${code ?? 'unreadable'})`);
  }
}

async function restore(target: Target, file: string, acceptVersion1: boolean): Promise<void> {
  const lines = readLines(file);
  if (target.remote) {
    const db = remoteDatabase(target);
    const report = await restoreDatabase(db, lines, {
      acceptVersion1,
      migrations: migrationNames(),
      migrate: async (names) => applyMigrations(target, names),
    });
    print(report);
    console.log(`The search index of ${report.sites.length} sites is rebuilt by the hourly job (10,000 messages a run); erased authors' photos are deleted by it too.`);
    return;
  }
  // Locally the proxy is closed while wrangler applies the migrations, so one process at a time
  // holds the database files.
  let proxy = await openProxy(target);
  const d1 = () => proxy.env[target.database] as D1Database;
  const db: BackupDatabase = {
    maxParams: d1BackupDatabase(d1()).maxParams,
    all: (sql, params) => d1BackupDatabase(d1()).all(sql, params),
    batch: (statements) => d1BackupDatabase(d1()).batch(statements),
  };
  try {
    const report = await restoreDatabase(db, lines, {
      acceptVersion1,
      migrations: migrationNames(),
      migrate: async (names) => {
        await proxy.dispose();
        applyMigrations(target, names);
        proxy = await openProxy(target);
      },
    });
    const rebuilt = await rebuildAfterRestore(d1(), proxy.env.PHOTOS as R2Bucket);
    print(report);
    console.log(`Indexed ${rebuilt.indexed} messages for search; deleted ${rebuilt.photosDeleted} photos of authors who erased their data.`);
  } finally {
    await proxy.dispose();
  }
}

function print({ rows, erasuresReapplied, migrationsApplied }: RestoreReport): void {
  const total = Object.values(rows).reduce((a, b) => a + b, 0);
  console.log(`Restored ${total} rows in ${Object.keys(rows).length} tables (messages: ${rows.messages ?? 0}).`);
  if (migrationsApplied.length > 0) console.log(`Migrations made since the backup, applied to it: ${migrationsApplied.join(', ')}.`);
  console.log(`Erasures made after the backup, applied again: ${erasuresReapplied}.`);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const [command, ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args: rest,
  allowPositionals: true,
  options: {
    out: { type: 'string' }, remote: { type: 'boolean' }, database: { type: 'string', default: 'DB' },
    'persist-to': { type: 'string' }, yes: { type: 'boolean' }, 'accept-version-1': { type: 'boolean' },
  },
});
const target: Target = { remote: values.remote === true, database: values.database!, persistTo: values['persist-to'] };
if (target.remote && target.persistTo) fail('--persist-to is for the local database only');
try {
  if (command === 'backup') {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
    await backup(target, values.out ?? `liuyan-${target.remote ? 'remote' : 'local'}-${target.database}-${stamp}.ndjson`);
  } else if (command === 'restore') {
    const file = positionals[0] ?? fail('usage: npm run restore -- <backup file> [--remote --yes] [--database DB] [--persist-to <dir>] [--accept-version-1]');
    if (target.remote && !values.yes) fail(`This replaces everything in the remote database ${target.database} with ${file}. Run again with --yes to go on.`);
    try {
      await restore(target, file, values['accept-version-1'] === true);
    } catch (error) {
      if (!(error instanceof RestoreFailed)) throw error;
      const again = ['npm run restore --', '<a good backup file>', ...(target.remote ? ['--remote --yes'] : []),
        ...(target.database !== 'DB' ? [`--database ${target.database}`] : []), ...(target.persistTo ? [`--persist-to ${target.persistTo}`] : [])];
      console.error([
        `T${error.message.slice(1)}.`,
        `The ${target.remote ? 'remote' : 'local'} database ${target.database} may now be wiped and partly loaded: do not serve from it.`,
        `The erasure log it read (${error.erasuresKept} ${error.erasuresKept === 1 ? 'erasure' : 'erasures'}) is kept in the database, in table ${KEPT_ERASURES_TABLE}.`,
        `To recover, restore a good backup (this one again once the cause is fixed): ${again.join(' ')}. It applies those erasures again.`,
      ].join('\n'));
      process.exit(1);
    }
  } else {
    fail('usage: tsx scripts/backup.ts backup|restore …');
  }
} catch (error) {
  if (error instanceof RestoreRefused) fail(`Nothing was changed: ${error.message}.`);
  throw error;
}
