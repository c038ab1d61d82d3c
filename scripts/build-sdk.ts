// Builds sdk/dist, the published `@liuyan/sdk`: tsc's JavaScript and declarations of the package's
// entry (sdk/src/package.ts), with import paths that resolve as written — ".js" on each relative
// import, as Node's and Deno's ESM loaders and TypeScript's `nodenext` require — and only the
// JavaScript the entry loads (the schemas' modules, which import zod, are built for their
// declarations alone, and those declarations are written out as plain types, so a consumer needs no
// zod to type-check). Fails if what is left imports any package.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
export const sdkDir = path.join(root, 'sdk');
const dist = path.join(sdkDir, 'dist');

/**
 * `import … from './x'`, `export … from './x'`, `import './x'` at the start of a line, and
 * `import('./x')` (declarations' import types) — never an `import` inside a string.
 */
const SPECIFIER = /(^(?:import|export)\b[^'"`;]*?\bfrom\s*|^import\s*|\bimport\(\s*)(['"])([^'"]+)\2/gm;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)).filter((f) => statSync(f).isFile());
}

/** A relative specifier as the file it names: `./errors` → `./errors.js`, `./locales` → `./locales/index.js`. */
function withExtension(fromFile: string, specifier: string): string {
  if (!specifier.startsWith('.') || specifier.endsWith('.js')) return specifier;
  const target = path.resolve(path.dirname(fromFile), specifier);
  if (existsSync(`${target}.d.ts`) || existsSync(`${target}.js`)) return `${specifier}.js`;
  if (existsSync(path.join(target, 'index.d.ts'))) return `${specifier}/index.js`;
  throw new Error(`${path.relative(root, fromFile)}: cannot resolve ${specifier}`);
}

/** The specifiers a built file imports. */
function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(SPECIFIER)].map((m) => m[3]!);
}

/**
 * Rewrites dist/schemas/*.d.ts as plain types: each exported type (`z.infer<typeof …>` and the like)
 * spelled out as the structure TypeScript infers for it, each interface with its members so spelled,
 * the schemas' values (consts, functions) left out — the package exports only types from them.
 * Throws if a spelled-out type still names zod or fails to resolve.
 */
function flattenSchemaDeclarations(): void {
  const dir = path.join(dist, 'schemas');
  const files = readdirSync(dir).filter((f) => f.endsWith('.d.ts')).map((f) => path.join(dir, f));
  const program = ts.createProgram(files, { strict: true, noEmit: true, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 });
  const checker = program.getTypeChecker();
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;
  const written = new Map<string, { names: string[]; text: string[] }>();
  for (const file of files) {
    const source = program.getSourceFile(file)!;
    const out: string[] = [];
    const names: string[] = [];
    const docOf = (node: ts.Node) => ts.getJSDocCommentsAndTags(node).map((d) => d.getText(source)).join('\n');
    for (const statement of source.statements) {
      const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported) continue;
      if (ts.isTypeAliasDeclaration(statement)) {
        const type = checker.getTypeAtLocation(statement.name);
        const params = statement.typeParameters ? `<${statement.typeParameters.map((p) => p.getText(source)).join(', ')}>` : '';
        const doc = docOf(statement);
        out.push(`${doc ? `${doc}\n` : ''}export type ${statement.name.text}${params} = ${checker.typeToString(type, statement, flags)};`);
        names.push(statement.name.text);
      } else if (ts.isInterfaceDeclaration(statement)) {
        const type = checker.getTypeAtLocation(statement.name);
        const members = checker.getPropertiesOfType(type).map((property) => {
          const optional = property.flags & ts.SymbolFlags.Optional ? '?' : '';
          return `  ${property.name}${optional}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(property, statement), statement, flags)};`;
        });
        const doc = docOf(statement);
        out.push(`${doc ? `${doc}\n` : ''}export interface ${statement.name.text} {\n${members.join('\n')}\n}`);
        names.push(statement.name.text);
      } else if (ts.isExportDeclaration(statement) && statement.isTypeOnly && !statement.moduleSpecifier) {
        out.push(statement.getText(source));
      }
    }
    written.set(file, { names, text: out });
  }
  const home = new Map([...written].flatMap(([file, { names }]) => names.map((name) => [name, file] as const)));
  for (const [file, { names, text }] of written) {
    const body = text.join('\n\n');
    if (/\bzod\b|\bz\.|import\(|\bany\b/.test(body)) throw new Error(`${path.relative(root, file)}: a type still names zod or is any`);
    const needed = new Map<string, string[]>();
    for (const [name, from] of home) {
      if (from !== file && !names.includes(name) && new RegExp(`\\b${name}\\b`).test(body)) needed.set(from, [...(needed.get(from) ?? []), name]);
    }
    const imports = [...needed].map(([from, list]) => `import type { ${list.join(', ')} } from './${path.basename(from, '.d.ts')}';`);
    writeFileSync(file, `// Plain types of the service's schemas (spelled out from them by scripts/build-sdk.ts).\n${[...imports, body].join('\n')}\nexport {};\n`);
  }
}

export function buildSdk(): void {
  rmSync(dist, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(sdkDir, 'tsconfig.build.json')], { stdio: 'inherit' });
  flattenSchemaDeclarations();

  for (const file of filesUnder(dist)) {
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(SPECIFIER, (_, lead: string, quote: string, spec: string) => `${lead}${quote}${withExtension(file, spec)}${quote}`));
  }

  // Only the JavaScript the entry loads is kept.
  const reached = new Set<string>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    for (const spec of importsOf(file)) {
      if (!spec.startsWith('.')) throw new Error(`${path.relative(root, file)} imports the package ${spec}: @liuyan/sdk has no dependencies`);
      visit(path.resolve(path.dirname(file), spec));
    }
  };
  visit(path.join(dist, 'package.js'));
  for (const file of filesUnder(dist)) if (file.endsWith('.js') && !reached.has(file)) unlinkSync(file);

  copyFileSync(path.join(root, 'LICENSE'), path.join(sdkDir, 'LICENSE'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildSdk();
  const files = filesUnder(dist);
  console.log(`sdk/dist: ${files.filter((f) => f.endsWith('.js')).length} modules, ${files.filter((f) => f.endsWith('.d.ts')).length} declarations`);
}
