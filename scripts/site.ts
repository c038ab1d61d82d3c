// `npm run site -- create …`: sets up a site on a D1 database — the site, its unit tree and its first
// admin — through `wrangler d1 execute`, locally (the database `npm run dev` uses) or on Cloudflare.
// Run again with the same input it changes nothing; with changed input it brings the site, and the
// units the file lists, up to date (units it does not list are left as they are; an existing admin
// is never touched, so a password is never replaced).
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { matchForm } from '../sdk/src/text';
import { checkPasswordStrength, hashPassword, MIN_PASSWORD_LENGTH } from '../worker/src/auth/password';
import { newId } from '../worker/src/lib/crypto';
import { unitPinyinKeys } from '../worker/src/db/unit-pinyin';

const root = path.resolve(import.meta.dirname, '..');
const wranglerBin = path.join(root, 'node_modules/.bin/wrangler');

export type UnitKind = 'leader' | 'department' | 'region' | 'ministry';
const KINDS: readonly UnitKind[] = ['leader', 'department', 'region', 'ministry'];

/** One unit of a units file; `id` is the file's own key, stored as `<site>_<id>`. */
export interface UnitSpec {
  id: string;
  name: string;
  kind: UnitKind;
  children?: UnitSpec[];
}

export interface SiteSpec {
  id: string;
  name: string;
  origins: string[];
  moderation: 'pre' | 'post';
  locale: 'zh-CN' | 'en';
  units: UnitSpec[];
  admin: { email: string; displayName: string };
}

/** Where the SQL runs: the local D1 of `npm run dev` (or `persistTo`), or the deployed one. */
export interface Target {
  remote: boolean;
  persistTo?: string;
  /** The D1 binding of wrangler.toml that holds the site: `DB`, or a site database of its own. */
  database: string;
}

const USAGE = `npm run site -- create --id <site> --name <名称> --units <file.json|file.csv> --admin-email <email>
    [--origin https://www.example.gov.cn]…  [--moderation pre|post]  [--locale zh-CN|en]  [--admin-name <姓名>]
    [--local (default) | --remote]  [--database DB]  [--persist-to <dir>]  [--console <https://service.example>]
  The admin's password: LIUYAN_ADMIN_PASSWORD if set, else one is generated and printed once.`;

/**
 * A units file as a tree. JSON: `{"units": [{"id", "name", "kind", "children": [...]}]}`. CSV: a header
 * `id,parent,name,kind`, one unit a line, `parent` empty at the top; siblings keep the file's order.
 * Throws on an unknown kind, a repeated id, a missing parent or a malformed line.
 */
export function readUnits(file: string): UnitSpec[] {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  let units: UnitSpec[];
  if (file.endsWith('.csv')) {
    const [header, ...lines] = text.split(/\r?\n/).filter((line) => line.trim() !== '');
    if (header?.replace(/\s/g, '') !== 'id,parent,name,kind') throw new Error(`${file}: the first line must be id,parent,name,kind`);
    const byId = new Map<string, UnitSpec>();
    units = [];
    const rows = lines.map((line, i) => {
      const cells = line.split(',').map((cell) => cell.trim());
      if (cells.length !== 4) throw new Error(`${file}:${i + 2}: four cells expected (names may not hold commas)`);
      const [id, parent, name, kind] = cells as [string, string, string, string];
      const unit: UnitSpec = { id, name, kind: kind as UnitKind, children: [] };
      if (byId.has(id)) throw new Error(`${file}: unit ${id} is listed twice`);
      byId.set(id, unit);
      return { unit, parent };
    });
    for (const { unit, parent } of rows) {
      if (!parent) units.push(unit);
      else if (byId.has(parent)) byId.get(parent)!.children!.push(unit);
      else throw new Error(`${file}: unit ${unit.id} names a parent ${parent} that is not in the file`);
    }
  } else {
    units = (JSON.parse(text) as { units: UnitSpec[] }).units;
  }
  const seen = new Set<string>();
  const check = (unit: UnitSpec) => {
    if (!/^[a-z0-9_-]{1,40}$/.test(unit.id)) throw new Error(`${file}: unit id ${JSON.stringify(unit.id)}: use a-z, 0-9, _ and -`);
    if (seen.has(unit.id)) throw new Error(`${file}: unit ${unit.id} is listed twice`);
    if (!KINDS.includes(unit.kind)) throw new Error(`${file}: unit ${unit.id}: kind must be one of ${KINDS.join(', ')}`);
    if (!unit.name?.trim()) throw new Error(`${file}: unit ${unit.id} has no name`);
    seen.add(unit.id);
    unit.children?.forEach(check);
  };
  units.forEach(check);
  return units;
}

/** A password of 20 characters from 32 unambiguous symbols (100 bits), in groups of 5 to read out. */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const chars = Array.from({ length: 20 }, () => alphabet[randomInt(alphabet.length)]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

const literal = (value: string | number | null) =>
  value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;

function wrangler(target: Target, args: string[]): string {
  const where = target.remote ? ['--remote'] : ['--local', ...(target.persistTo ? ['--persist-to', target.persistTo] : [])];
  const result = spawnSync(wranglerBin, ['d1', 'execute', target.database, ...where, ...args], {
    cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
  });
  if (result.status !== 0) throw new Error(`wrangler d1 execute failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

function query<T>(target: Target, sql: string): T[] {
  return (JSON.parse(wrangler(target, ['--json', '--command', sql])) as { results: T[] }[])[0]!.results;
}

/** Runs the statements in one `wrangler d1 execute --file`. */
function execute(target: Target, statements: string[]): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'liuyan-site-'));
  try {
    const file = path.join(dir, 'site.sql');
    writeFileSync(file, `${statements.join(';\n')};\n`);
    wrangler(target, ['--file', file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Row { id: string; parent_id: string | null; name: string; kind: string; sort_order: number; active: number }

export interface Outcome {
  /** What changed, one line each; empty when nothing did. */
  changes: string[];
  /** The admin's password when this run created the account, else null (it is never shown again). */
  password: string | null;
}

/**
 * Brings `spec` into the database: the site, its units (as `<site>_<id>`, sort order by position
 * among siblings) and its admin (email in match form, password hashed as the worker does). Every
 * change is written in one file run by wrangler. Throws on a weak `password` or a wrangler failure.
 */
export async function applySite(spec: SiteSpec, target: Target, password = generatePassword()): Promise<Outcome> {
  const now = new Date().toISOString();
  const statements: string[] = [];
  const changes: string[] = [];
  const q = literal;

  const [site] = query<{ name: string; locale: string; moderation: string; allowed_origins: string }>(target,
    `SELECT name, locale, moderation, allowed_origins FROM sites WHERE id = ${q(spec.id)}`);
  const origins = JSON.stringify(spec.origins);
  if (!site) {
    statements.push(`INSERT INTO sites (id, name, locale, moderation, allowed_origins, created_at, updated_at)
      VALUES (${q(spec.id)}, ${q(spec.name)}, ${q(spec.locale)}, ${q(spec.moderation)}, ${q(origins)}, ${q(now)}, ${q(now)})`);
    changes.push(`site ${spec.id} created: ${spec.name}`);
  } else if (site.name !== spec.name || site.locale !== spec.locale || site.moderation !== spec.moderation || site.allowed_origins !== origins) {
    statements.push(`UPDATE sites SET name = ${q(spec.name)}, locale = ${q(spec.locale)}, moderation = ${q(spec.moderation)},
      allowed_origins = ${q(origins)}, updated_at = ${q(now)} WHERE id = ${q(spec.id)}`);
    changes.push(`site ${spec.id} updated`);
  }

  const existing = new Map(query<Row>(target, `SELECT id, parent_id, name, kind, sort_order, active FROM units WHERE site_id = ${q(spec.id)}`)
    .map((row) => [row.id, row]));
  let created = 0;
  let updated = 0;
  // Parents before children: a unit's parent must exist when it is written.
  const walk = (units: UnitSpec[], parentId: string | null) => units.forEach((unit, i) => {
    const id = `${spec.id}_${unit.id}`;
    const want = { parent_id: parentId, name: unit.name.trim(), kind: unit.kind, sort_order: i + 1, active: 1 };
    const row = existing.get(id);
    if (!row) {
      statements.push(`INSERT INTO units (id, site_id, parent_id, name, kind, sort_order, active, created_at, pinyin_keys)
        VALUES (${q(id)}, ${q(spec.id)}, ${q(parentId)}, ${q(want.name)}, ${q(want.kind)}, ${want.sort_order}, 1, ${q(now)}, ${q(unitPinyinKeys(want.name))})`);
      created++;
    } else if (row.parent_id !== want.parent_id || row.name !== want.name || row.kind !== want.kind || row.sort_order !== want.sort_order || row.active !== 1) {
      statements.push(`UPDATE units SET parent_id = ${q(parentId)}, name = ${q(want.name)}, kind = ${q(want.kind)},
        sort_order = ${want.sort_order}, active = 1, pinyin_keys = ${q(unitPinyinKeys(want.name))} WHERE id = ${q(id)}`);
      updated++;
    }
    walk(unit.children ?? [], id);
  });
  walk(spec.units, null);
  if (created) changes.push(`${created} units created`);
  if (updated) changes.push(`${updated} units updated`);

  const email = matchForm(spec.admin.email.trim());
  const [admin] = query<{ id: string }>(target, `SELECT id FROM accounts WHERE site_id = ${q(spec.id)} AND lower(email) = ${q(email)}`);
  let shownPassword: string | null = null;
  if (!admin) {
    if (!checkPasswordStrength(password, email)) throw new Error(`the admin's password is too weak: at least ${MIN_PASSWORD_LENGTH} characters, not the email`);
    const stored = await hashPassword(password);
    // A password that was printed in a terminal (or kept in an environment variable) is replaced
    // at the first sign-in by one only the official knows: the console asks for it first.
    statements.push(`INSERT INTO accounts (id, site_id, email, display_name, role, password_hash, password_salt, password_iterations, must_change_password, created_at)
      VALUES (${q(newId('a'))}, ${q(spec.id)}, ${q(email)}, ${q(spec.admin.displayName)}, 'admin', ${q(stored.hash)}, ${q(stored.salt)}, ${stored.iterations}, 1, ${q(now)})`);
    changes.push(`admin ${email} created`);
    shownPassword = password;
  }

  if (statements.length > 0) execute(target, statements);
  return { changes, password: shownPassword };
}

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      id: { type: 'string' }, name: { type: 'string' }, origin: { type: 'string', multiple: true, default: [] },
      moderation: { type: 'string', default: 'pre' }, locale: { type: 'string', default: 'zh-CN' },
      units: { type: 'string' }, 'admin-email': { type: 'string' }, 'admin-name': { type: 'string', default: '系统管理员' },
      local: { type: 'boolean' }, remote: { type: 'boolean' }, database: { type: 'string', default: 'DB' },
      'persist-to': { type: 'string' }, console: { type: 'string' },
    },
  });
  if (positionals[0] !== 'create') fail('the only command is create');
  const { id, name, units, 'admin-email': adminEmail } = values;
  if (!id || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) fail('--id: the site id, a-z, 0-9 and -, e.g. yunxi');
  if (!name) fail('--name: the site’s name, e.g. 云溪县人民政府');
  if (!units) fail('--units: a JSON or CSV file of units, e.g. examples/units/county.json');
  if (!adminEmail || !/^[^@\s]+@[^@\s]+$/.test(adminEmail)) fail('--admin-email: the first admin’s email');
  if (values.moderation !== 'pre' && values.moderation !== 'post') fail('--moderation: pre or post');
  if (values.locale !== 'zh-CN' && values.locale !== 'en') fail('--locale: zh-CN or en');
  if (values.local && values.remote) fail('--local or --remote, not both');
  for (const origin of values.origin) {
    if (new URL(origin).origin !== origin) fail(`--origin ${origin}: an origin is scheme://host[:port], nothing after`);
  }

  const target: Target = { remote: values.remote === true, persistTo: values['persist-to'], database: values.database };
  const spec: SiteSpec = {
    id, name, origins: values.origin, moderation: values.moderation, locale: values.locale,
    units: readUnits(path.resolve(units)), admin: { email: adminEmail, displayName: values['admin-name'] },
  };
  const outcome = await applySite(spec, target, process.env.LIUYAN_ADMIN_PASSWORD || undefined);

  const where = target.remote ? `remote D1 (${target.database})` : `local D1 (${target.persistTo ?? '.wrangler/state'})`;
  console.log(outcome.changes.length === 0 ? `Site ${id} on the ${where}: unchanged.` : `Site ${id} on the ${where}:\n  ${outcome.changes.join('\n  ')}`);
  const service = values.console ?? (target.remote ? 'https://<your service>' : 'http://127.0.0.1:8787');
  console.log(`\nNext:\n  1. Open ${service}/console/?site=${id}`);
  console.log(`  2. Sign in as ${matchForm(adminEmail.trim())}`);
  console.log(outcome.password
    ? `     password: ${outcome.password}\n     (${process.env.LIUYAN_ADMIN_PASSWORD ? 'from LIUYAN_ADMIN_PASSWORD' : 'generated, shown this once'}; the console asks for a new one at the first sign-in;\n      then turn on the authenticator under 我的账号)`
    : '     with the password given when the account was created (it is not shown again)');
  console.log(`  3. Under 站点管理, add officials, reply templates and the holiday calendar; embed the widget with site="${id}".`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
