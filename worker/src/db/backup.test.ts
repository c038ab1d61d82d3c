// The backup drill: the demo site, every public and private view of it, a backup, a wipe and a
// restore (the functions `npm run backup` / `npm run restore` run), then a citizen's erasure made
// after the backup and a second restore of the same backup.
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seed/demo';
import { ALLOWED_ORIGIN, db, request, track } from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';
import { d1BackupDatabase, exportDatabase, readBackup, rebuildAfterRestore, restoreDatabase, RestoreRefused } from './backup';

const backupDb = d1BackupDatabase(env.DB);
const migrations = env.TEST_MIGRATIONS.map((m) => m.name);
const restoreOptions = { migrate: () => applyD1Migrations(env.DB, env.TEST_MIGRATIONS), migrations };

let trackingCode: string;
let publicId: string;
/** Two characters of a published message's title: search finds it by them. */
let searchWord: string;
let responder: TestOfficial;

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
      migrate: async () => {
        const tables = await env.DB.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'messages'").first<{ n: number }>();
        expect(tables!.n).toBe(0);
        await restoreOptions.migrate();
      },
    });
    expect(report.rows.messages).toBe(messages);
    expect((await rebuildAfterRestore(env.DB)).indexed, 'messages indexed for search').toBeGreaterThan(0);

    expect(await views()).toEqual(before);
    expect(await rowCounts()).toEqual(countsBefore);
  });

  it('keeps a citizen erased who erased their data after the backup, through a second restore', { timeout: 60_000 }, async () => {
    const lines = await backup();
    const erase = await post('/v1/sites/demo/my-data/erase', { trackingCode });
    expect(erase.status).toBe(200);
    const erased = await views();
    expect((erased.myData.body as { contact: { name: string | null; phone: string | null } }).contact).toMatchObject({ name: null, phone: null });

    const report = await restore(lines);
    expect(report.erasuresReapplied).toBe(1);
    expect(await views()).toEqual(erased);

    // Restored once more from the same backup: the erasure is in the log the first restore wrote back.
    await restore(lines);
    expect(await views()).toEqual(erased);
  });

  it('refuses a backup made with other migrations, and changes nothing', async () => {
    const lines = await backup();
    const header = JSON.parse(lines[0]!) as { migrations: string[] };
    const later = [JSON.stringify({ ...header, migrations: [...header.migrations, '9999_future.sql'] }), ...lines.slice(1)];
    await expect(restoreDatabase(backupDb, later, restoreOptions)).rejects.toThrow(RestoreRefused);
    await expect(restoreDatabase(backupDb, ['{"format":"other"}'], restoreOptions)).rejects.toThrow(RestoreRefused);
    expect((await request('/v1/sites/demo/messages')).status).toBe(200);
  });
});
