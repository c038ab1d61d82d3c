// worker/src/db/schema.ts is written by hand beside the SQL of worker/migrations: this test applies
// every migration to an empty SQLite database and fails when a table or a column is in one and not
// the other, or when they disagree on whether a column may be NULL or is filled by the database.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

interface Column {
  nullable: boolean;
  /**
   * Filled by the database when not given (a DEFAULT, an INTEGER PRIMARY KEY): `Generated<…>` in
   * schema.ts. Said of NOT NULL columns only: Kysely lets an insert leave out any nullable one.
   */
  generated: boolean;
}

type Tables = Record<string, Record<string, Column>>;

/** The tables and columns the migrations make, in file order, as D1 applies them. */
function migratedTables(): Tables {
  const db = new DatabaseSync(':memory:');
  const dir = path.join(root, 'worker/migrations');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) db.exec(readFileSync(path.join(dir, file), 'utf8'));
  const master = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string; sql: string }[];
  const virtual = master.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
  const tables: Tables = {};
  for (const { name } of master) {
    // A full-text index keeps its data in shadow tables of its own, named after it.
    if (virtual.some((v) => name.startsWith(`${v}_`))) continue;
    // table_xinfo lists generated columns too (hidden 2 or 3); hidden 1 is a virtual table's own.
    const columns = db.prepare(`PRAGMA table_xinfo("${name}")`).all() as
      { name: string; type: string; notnull: number; dflt_value: string | null; pk: number; hidden: number }[];
    tables[name] = Object.fromEntries(columns.filter((c) => c.hidden !== 1).map((c) => {
      // A full-text index's columns take what is written; ours are always written.
      const nullable = c.notnull === 0 && c.pk === 0 && c.hidden === 0 && !virtual.includes(name);
      // Only a lone INTEGER PRIMARY KEY is the rowid; the first column of a composite key is not filled.
      const rowid = c.pk === 1 && c.type.toUpperCase() === 'INTEGER' && !columns.some((o) => o.pk > 1);
      const filled = c.dflt_value !== null || c.hidden !== 0 || rowid;
      return [c.name, { nullable, generated: !nullable && filled }];
    }));
    // A full-text index is written by rowid: the message's seq.
    if (virtual.includes(name)) tables[name]!.rowid = { nullable: false, generated: false };
  }
  return tables;
}

/** `Database` of schema.ts: table name → its interface's columns. */
function declaredTables(): Tables {
  const file = path.join(root, 'worker/src/db/schema.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
  });
  // An interface's own columns and those of the interfaces it extends.
  const members = (name: string): ts.PropertySignature[] => {
    const declaration = interfaces.get(name)!;
    const inherited = (declaration.heritageClauses ?? []).flatMap((clause) => clause.types.map((t) => t.expression.getText(source)));
    return [...inherited.flatMap(members), ...declaration.members.filter(ts.isPropertySignature)];
  };
  const tables: Tables = {};
  for (const table of members('Database')) {
    const tableType = table.type!.getText(source);
    tables[table.name.getText(source)] = Object.fromEntries(members(tableType).map((column) => {
      const type = column.type!.getText(source);
      const nullable = /\|\s*null\b|\bnull\s*\|/.test(type);
      return [column.name.getText(source), {
        nullable,
        // ColumnType<S, I, U> is filled by the database when I admits undefined or is never.
        generated: !nullable && (/^(Generated|GeneratedAlways)</.test(type) || /^ColumnType<[^,]+,\s*(never|[^,]*\|\s*undefined)/.test(type)),
      }];
    }));
  }
  return tables;
}

describe('worker/src/db/schema.ts and the migrations', () => {
  const migrated = migratedTables();
  const declared = declaredTables();

  it('have the same tables', () => {
    expect(Object.keys(declared).sort()).toEqual(Object.keys(migrated).sort());
  });

  it.each(Object.keys(migrated).sort())('agree on the columns of %s', (table) => {
    expect(declared[table], `${table} is not in Database`).toBeDefined();
    expect(declared[table]).toEqual(migrated[table]);
  });
});
