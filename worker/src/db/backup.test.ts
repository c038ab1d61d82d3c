// The backup drill: the demo site, every public and private view of it, a backup, a wipe and a
// restore (the functions `npm run backup` / `npm run restore` run), backups cut short or damaged
// refused before anything changes, then a citizen's erasure made after the backup and a second
// restore of the same backup, and restores that fail part-way followed by a good one.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seed/demo';
import { ALLOWED_ORIGIN, db, request, track } from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';
import {
  type BackupDatabase, d1BackupDatabase, exportDatabase, KEPT_ERASURES_TABLE, readBackup, rebuildAfterRestore, restoreDatabase,
  RestoreFailed, RestoreRefused,
} from './backup';

const backupDb = d1BackupDatabase(env.DB);
const migrations = env.TEST_MIGRATIONS.map((m) => m.name);
/** Applies the named migrations of this checkout, as `npm run restore` does through wrangler. */
const migrate = (names: string[]) => applyD1Migrations(env.DB, env.TEST_MIGRATIONS.filter((m) => names.includes(m.name)));
const restoreOptions = { migrate, migrations };

let trackingCode: string;
let publicId: string;
/** Two characters of a published message's title: search finds it by them. */
let searchWord: string;
let responder: TestOfficial;
/** A backup made before the citizen of `trackingCode` erased their data, and what every view shows after the erasure. */
let beforeErasure: string[];
let erased: Awaited<ReturnType<typeof views>>;

async function backup(): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of exportDatabase(backupDb)) lines.push(line);
  return lines;
}

async function restore(lines: string[]) {
  const report = await restoreDatabase(backupDb, lines, restoreOptions);
  const rebuilt = await rebuildAfterRestore(env.DB, env.PHOTOS);
  return { ...report, ...rebuilt };
}

/** Rows in every table but SQLite's and D1's own: what a refused restore must leave as it was. */
async function allRowCounts(): Promise<Record<string, number>> {
  const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE '_cf%'").all<{ name: string }>();
  return Object.fromEntries(await Promise.all(tables.results.map(async ({ name }) =>
    [name, (await env.DB.prepare(`SELECT count(*) AS n FROM "${name}"`).first<{ n: number }>())!.n] as const)));
}

/** The restore's RestoreRefused, or a failure if it went on. */
async function refusal(lines: string[], options: { acceptVersion1?: boolean } = {}): Promise<RestoreRefused> {
  const error = await restoreDatabase(backupDb, lines, { ...restoreOptions, ...options }).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(RestoreRefused);
  return error as RestoreRefused;
}

const json = async (response: Response) => ({ status: response.status, body: await response.json() as unknown });
const post = (path: string, body: unknown) => request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** My data says when it was exported: the one figure that changes between two identical asks. */
function withoutExportTime(view: { status: number; body: unknown }) {
  const { exportedAt: _, ...body } = view.body as { exportedAt: string };
  return { status: view.status, body };
}

/** What the public, the citizen and an official see, each as its status and body. */
async function views() {
  return {
    board: await json(await request('/v1/sites/demo/messages?limit=50')),
    answeredTab: await json(await request('/v1/sites/demo/messages?status=answered')),
    message: await json(await request(`/v1/sites/demo/messages/${publicId}`)),
    search: await json(await request(`/v1/sites/demo/messages?q=${encodeURIComponent(searchWord)}`)),
    stats: await json(await request('/v1/sites/demo/stats?unit=u_edu')),
    site: await json(await request('/v1/sites/demo')),
    tracked: await json(await track('demo', trackingCode)),
    myData: withoutExportTime(await json(await post('/v1/sites/demo/my-data', { trackingCode }))),
    queue: await json(await consoleRequest('/v1/console/messages?limit=50', { as: responder })),
    counts: await json(await consoleRequest('/v1/console/messages?limit=1&status=submitted', { as: responder })),
  };
}

beforeAll(async () => {
  const seeded = await seedDemo(db, { DATA_KEY: env.DATA_KEY, HASH_KEY: env.HASH_KEY }, { origins: [ALLOWED_ORIGIN] });
  trackingCode = seeded.sampleTrackingCode!;
  responder = await createOfficial('demo', 'responder', ['u_county_head']);
  const board = await (await request('/v1/sites/demo/messages?limit=50')).json() as { items: { id: string; title: string }[] };
  publicId = board.items[0]!.id;
  searchWord = board.items[0]!.title.slice(0, 2);
});

describe('backup and restore', () => {
  it('restores every view as it was, search included, and never saves the search index', { timeout: 60_000 }, async () => {
    const before = await views();
    expect(before.board.status).toBe(200);
    expect((before.search.body as { items: unknown[] }).items.length, 'search finds demo messages').toBeGreaterThan(0);
    expect((before.queue.body as { items: unknown[] }).items.length).toBeGreaterThan(0);
    expect((before.myData.body as { contact: { name: string | null } }).contact.name).not.toBeNull();

    const lines = await backup();
    const { header, rows } = readBackup(lines);
    expect(header.migrations).toEqual(migrations);
    expect(header.tables.map((t) => t.name)).not.toContain('message_search');
    expect(header.tables.some((t) => t.name.startsWith('message_search_'))).toBe(false);
    expect(header.tables.find((t) => t.name === 'messages')!.columns).not.toContain('public_tab'); // generated
    const messages = rows.get('messages')!.length;
    const rowCounts = async () => Object.fromEntries(await Promise.all(header.tables.map(async ({ name }) =>
      [name, (await env.DB.prepare(`SELECT count(*) AS n FROM "${name}"`).first<{ n: number }>())!.n] as const)));
    const countsBefore = await rowCounts();
    expect(Object.fromEntries([...rows].map(([name, list]) => [name, list.length]))).toEqual(countsBefore);
    expect(messages).toBeGreaterThanOrEqual(47);

    // Wiped: the service has nothing to show.
    const report = await restoreDatabase(backupDb, lines, {
      ...restoreOptions,
      migrate: async (names) => {
        const tables = await env.DB.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'messages'").first<{ n: number }>();
        expect(tables!.n).toBe(0);
        expect(names).toEqual(migrations);
        await migrate(names);
      },
    });
    expect(report.rows.messages).toBe(messages);
    expect(report.migrationsApplied).toEqual([]);
    expect((await rebuildAfterRestore(env.DB)).indexed, 'messages indexed for search').toBeGreaterThan(0);

    expect(await views()).toEqual(before);
    expect(await rowCounts()).toEqual(countsBefore);
  });

  it('refuses a backup cut short, damaged, or not a backup at all, naming the line, and changes nothing', { timeout: 60_000 }, async () => {
    const before = await views();
    const counts = await allRowCounts();
    const lines = await backup();
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: 'liuyan-d1-backup', rows: { messages: counts.messages } });
    const messageLine = lines.findIndex((l) => l.startsWith('{"t":"messages"'));
    const cutLine = lines[messageLine]!.slice(0, Math.floor(lines[messageLine]!.length / 2));

    // `head -n 900 backup.ndjson`: every line whole, the end line missing.
    expect((await refusal([...lines.slice(0, Math.floor(lines.length / 2)), ''])).message)
      .toBe(`the backup is cut short: it stops without its end line (the count of each table's rows), line ${Math.floor(lines.length / 2)}`);
    expect((await refusal(lines.slice(0, -1))).message).toMatch(/^the backup is cut short/);
    // Cut in the middle of a private message's line: the line is named, never shown.
    const midLine = await refusal([...lines.slice(0, messageLine), cutLine]);
    expect(midLine.message).toBe(`the backup is damaged or cut short: a line is not whole JSON, line ${messageLine + 1}`);
    // A row lost from the middle, or a line after the end.
    expect((await refusal(lines.filter((_, i) => i !== messageLine))).message)
      .toBe(`the backup is incomplete: it holds ${counts.messages! - 1} rows of table messages where its end line counts ${counts.messages}, line ${lines.length - 1}`);
    expect((await refusal([...lines, lines[messageLine]!])).message).toBe(`the backup goes on after its end line, line ${lines.length + 1}`);
    // A row of a table the header does not list, or with a column too few.
    const row = JSON.parse(lines[messageLine]!) as { t: string; r: unknown[] };
    expect((await refusal([...lines.slice(0, messageLine), JSON.stringify({ ...row, t: 'elsewhere' }), ...lines.slice(messageLine + 1)])).message)
      .toBe(`the backup is damaged: a row of a table its header does not list, line ${messageLine + 1}`);
    expect((await refusal([...lines.slice(0, messageLine), JSON.stringify({ ...row, r: row.r.slice(1) }), ...lines.slice(messageLine + 1)])).message)
      .toMatch(new RegExp(`^the backup is damaged: a row of table messages has \\d+ values for \\d+ columns, line ${messageLine + 1}$`));
    // Other files: package.json, README.md, an empty file.
    expect((await refusal('{\n  "name": "liuyan",\n  "private": true\n}\n'.split('\n'))).message).toBe('not a Liuyan backup: its first line is not JSON, line 1');
    expect((await refusal('# Liuyan 留言\n\nAn embeddable box.\n'.split('\n'))).message).toBe('not a Liuyan backup: its first line is not JSON, line 1');
    expect((await refusal(['{"name":"liuyan"}'])).message).toBe('not a Liuyan backup: its first line is not a liuyan-d1-backup header, line 1');
    expect((await refusal(['{"format":"liuyan-d1-backup"}'])).message).toBe('the backup is of a format version this release does not know: restore it with the release that made it, line 1');
    expect((await refusal(['', ''])).message).toBe('the backup is empty');
    // No refusal quotes the file.
    for (const damaged of [[...lines.slice(0, messageLine), cutLine], [...lines.slice(0, messageLine), JSON.stringify({ ...row, r: [...row.r, 'x'] })]]) {
      const { message } = await refusal(damaged);
      expect(message).not.toContain('{');
      expect(message).not.toContain(cutLine.slice(20, 40));
    }

    // A version 1 backup (made before the end line): refused unless asked for, then read in full.
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    const version1 = [JSON.stringify({ ...header, version: 1 }), ...lines.slice(1, -1)];
    expect((await refusal(version1)).message).toMatch(/^the backup is version 1, .* run again with --accept-version-1, line 1$/);
    expect(readBackup(version1, { acceptVersion1: true }).rows.get('messages')!.length).toBe(counts.messages);
    expect((await refusal([...version1.slice(0, messageLine), cutLine], { acceptVersion1: true })).message).toMatch(/not whole JSON, line \d+$/);

    expect(await allRowCounts()).toEqual(counts);
    expect(await views()).toEqual(before);
  });

  it('keeps a citizen erased who erased their data after the backup, through a second restore', { timeout: 60_000 }, async () => {
    const lines = await backup();
    beforeErasure = lines;
    const erase = await post('/v1/sites/demo/my-data/erase', { trackingCode });
    expect(erase.status).toBe(200);
    erased = await views();
    expect((erased.myData.body as { contact: { name: string | null; phone: string | null } }).contact).toMatchObject({ name: null, phone: null });

    const report = await restore(lines);
    expect(report.erasuresReapplied).toBe(1);
    expect(await views()).toEqual(erased);

    // Restored once more from the same backup: the erasure is in the log the first restore wrote back.
    await restore(lines);
    expect(await views()).toEqual(erased);
  });

  it('keeps the erasure log through restores that fail part-way: the next good restore applies it again', { timeout: 90_000 }, async () => {
    // The backup from before the citizen erased their data, restored over a database whose log has
    // that erasure; the first attempt stops while loading the messages (D1 refusing a batch).
    const logged = (await env.DB.prepare('SELECT count(*) AS n FROM personal_data_erasures').first<{ n: number }>())!.n;
    const erasedId = (await env.DB.prepare('SELECT message_id FROM personal_data_erasures ORDER BY erased_at DESC LIMIT 1').first<{ message_id: string }>())!.message_id;
    const failing: BackupDatabase = {
      ...backupDb,
      batch: async (statements) => {
        if (statements.some((s) => s.sql.startsWith('INSERT INTO "messages"'))) throw new Error('D1_ERROR: FOREIGN KEY constraint failed');
        await backupDb.batch(statements);
      },
    };
    const first = await restoreDatabase(failing, beforeErasure, restoreOptions).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(RestoreFailed);
    expect(first).toMatchObject({ step: 'loading table messages', erasuresKept: logged });
    expect((first as RestoreFailed).message).toBe('the restore stopped while loading table messages: D1_ERROR: FOREIGN KEY constraint failed');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM messages').first<{ n: number }>()).toEqual({ n: 0 });
    const kept = async () => (await env.DB.prepare(`SELECT message_id FROM "${KEPT_ERASURES_TABLE}"`).all<{ message_id: string }>()).results.map((r) => r.message_id);
    expect(await kept()).toContain(erasedId);

    // A second attempt stops right after its wipe: the log it reads is the one the first one kept.
    const second = await restoreDatabase(backupDb, beforeErasure, { ...restoreOptions, migrate: async () => { throw new Error('wrangler d1 migrations apply failed'); } })
      .catch((e: unknown) => e);
    expect(second).toMatchObject({ step: "applying the backup's migrations", erasuresKept: logged });
    expect(await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '_cf%' AND name NOT LIKE 'sqlite%'").all()).toMatchObject({ results: [{ name: KEPT_ERASURES_TABLE }] });

    // The good restore: the erasure made after the backup is applied again, and the kept copy is gone.
    const report = await restore(beforeErasure);
    expect(report.erasuresReapplied).toBe(1);
    expect(await views()).toEqual(erased);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM personal_data_erasures').first<{ n: number }>()).toEqual({ n: logged });
    expect(await env.DB.prepare('SELECT count(*) AS n FROM sqlite_master WHERE name = ?').bind(KEPT_ERASURES_TABLE).first<{ n: number }>()).toEqual({ n: 0 });
  });

  it('restores a backup of an older release onto this one: its rows loaded, then the newer migrations applied to them', { timeout: 90_000 }, async () => {
    // The release before the per-subtree tallies (migration 0035): an emptied database at its
    // migrations (a restore of a backup with no rows), the demo site written into it, a backup.
    const release = migrations.slice(0, migrations.findIndex((m) => m.startsWith('0035_')));
    const newer = migrations.slice(release.length);
    const refused = await restoreDatabase(backupDb, await backup(), { migrate, migrations: release }).catch((e: unknown) => e);
    expect(refused, 'a backup of a newer release is refused').toBeInstanceOf(RestoreRefused);
    const empty = [
      JSON.stringify({ format: 'liuyan-d1-backup', version: 2, createdAt: new Date().toISOString(), migrations: release, tables: [] }),
      JSON.stringify({ end: 'liuyan-d1-backup', rows: {} }),
    ];
    await restoreDatabase(backupDb, empty, { migrate, migrations: release });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'subtree_message_counts'").first<{ n: number }>()).toEqual({ n: 0 });
    const seeded = await seedDemo(db, { DATA_KEY: env.DATA_KEY, HASH_KEY: env.HASH_KEY }, { origins: [ALLOWED_ORIGIN] });
    const lines = await backup();
    expect(readBackup(lines).header.migrations).toEqual(release);

    const applied: string[][] = [];
    const report = await restoreDatabase(backupDb, lines, { migrate: async (names) => { applied.push(names); await migrate(names); }, migrations });
    expect(applied).toEqual([release, newer]);
    expect(report.migrationsApplied).toEqual(newer);
    await rebuildAfterRestore(env.DB);

    // The citizen's code and the board work on the restored rows; the queue counts, which read the
    // tallies the newer migration keeps, add up to the messages the county head's office holds.
    expect((await track('demo', seeded.sampleTrackingCode!)).status).toBe(200);
    expect((await request('/v1/sites/demo/messages?limit=5')).status).toBe(200);
    responder = await createOfficial('demo', 'responder', ['u_county_head']);
    const queue = await (await consoleRequest('/v1/console/messages?tab=all&limit=1', { as: responder })).json<{ counts: { all: number } }>();
    const held = await env.DB.prepare(`SELECT count(*) AS n FROM messages WHERE site_id = 'demo'
      AND unit_id IN (SELECT unit_id FROM unit_ancestors WHERE ancestor_id = 'u_county_head')`).first<{ n: number }>();
    expect(held!.n).toBeGreaterThan(0);
    expect(queue.counts.all).toBe(held!.n);
  });

  it('refuses a backup made with other migrations, and changes nothing', async () => {
    const lines = await backup();
    const header = JSON.parse(lines[0]!) as { migrations: string[] };
    const later = [JSON.stringify({ ...header, migrations: [...header.migrations, '9999_future.sql'] }), ...lines.slice(1)];
    await expect(restoreDatabase(backupDb, later, restoreOptions)).rejects.toThrow(RestoreRefused);
    const reordered = [JSON.stringify({ ...header, migrations: [...header.migrations].reverse() }), ...lines.slice(1)];
    await expect(restoreDatabase(backupDb, reordered, restoreOptions)).rejects.toThrow(RestoreRefused);
    await expect(restoreDatabase(backupDb, ['{"format":"other"}'], restoreOptions)).rejects.toThrow(RestoreRefused);
    expect((await request('/v1/sites/demo/messages')).status).toBe(200);
  });
});
