// Builds sdk/dist, the published `@liuyan/sdk`: tsc's JavaScript and declarations of the package's
// entry (sdk/src/package.ts), with import paths that resolve as written — ".js" on each relative
// import, as Node's and Deno's ESM loaders and TypeScript's `nodenext` require — and only the
// JavaScript the entry loads (the schemas' modules, which import zod, are built for their
// declarations alone). Fails if what is left imports any package.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

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

export function buildSdk(): void {
  rmSync(dist, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(sdkDir, 'tsconfig.build.json')], { stdio: 'inherit' });

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
