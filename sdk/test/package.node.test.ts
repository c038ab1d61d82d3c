// The published package as its users get it: what `npm pack` would ship, that the shipped
// JavaScript loads with nothing but itself, and that its types check for a browser app and for an
// ESM project resolving it as Node and Deno do (`nodenext`: extensions and `exports` as written).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSdk, sdkDir } from '../../scripts/build-sdk';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
let packed: string[];

beforeAll(() => {
  buildSdk();
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: sdkDir, encoding: 'utf8' })) as { files: { path: string }[] }[];
  packed = pack!.files.map((f) => f.path);
}, 120_000);

describe('@liuyan/sdk as packed', () => {
  it('ships only dist/, the README, package.json and LICENSE', () => {
    expect(packed.filter((f) => !f.startsWith('dist/'))).toEqual(['LICENSE', 'README.md', 'package.json']);
    expect(packed).toEqual(expect.arrayContaining(['dist/package.js', 'dist/package.d.ts', 'dist/client.js', 'dist/console-client.d.ts']));
    expect(packed.filter((f) => /\.test\.|\/test\/|\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('loads in Node with no package of its own: no zod, nothing outside dist/', async () => {
    const shipped = packed.filter((f) => f.endsWith('.js'));
    for (const file of shipped) {
      const imports = [...readFileSync(path.join(sdkDir, file), 'utf8').matchAll(/^(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
      expect(imports.filter((spec) => !spec!.startsWith('./') && !spec!.startsWith('../')), file).toEqual([]);
    }
    const sdk = await import(pathToFileURL(path.join(sdkDir, 'dist/package.js')).href);
    expect(Object.keys(sdk)).toEqual(expect.arrayContaining(['createClient', 'createConsoleClient', 'LiuyanError', 'labelCatalogs', 'errorCatalogs']));
    expect(new sdk.LiuyanError(503, 'internal', 'busy')).toMatchObject({ status: 503, retryable: true, requestId: null });
    for (const file of packed.filter((f) => f.endsWith('.d.ts'))) {
      expect(readFileSync(path.join(sdkDir, file), 'utf8'), file).not.toMatch(/from ['"](?!\.)|import\(['"](?!\.)/);
    }
    const manifest = JSON.parse(readFileSync(path.join(sdkDir, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@liuyan/sdk', type: 'module', sideEffects: false });
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.peerDependencies).toBeUndefined();
  });
});

describe('the types of @liuyan/sdk, for its consumers', { timeout: 60_000 }, () => {
  let project: string;
  beforeAll(() => {
    project = mkdtempSync(path.join(tmpdir(), 'liuyan-sdk-consumer-'));
    // Installed as npm would, alone: no zod beside it (outside the repository, so none is found above either).
    mkdirSync(path.join(project, 'node_modules/@liuyan'), { recursive: true });
    symlinkSync(sdkDir, path.join(project, 'node_modules/@liuyan/sdk'));
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(path.join(project, 'app.ts'), `
      import { createClient, LiuyanError, type PublicMessage } from '@liuyan/sdk';
      const liuyan = createClient({ baseUrl: 'https://liuyan.example.gov.cn', site: 'demo', timeoutMs: 8000 });
      export async function titles(signal: AbortSignal): Promise<string[]> {
        try {
          const page = await liuyan.listMessages({ status: 'answered' }, { signal });
          return page.items.map((m: PublicMessage) => m.title);
        } catch (error) {
          if (error instanceof LiuyanError && error.code === 'not_found') return [];
          throw error;
        }
      }
      // @ts-expect-error: the board has no such tab — the types are the service's, not \`any\`
      liuyan.listMessages({ status: 'lost' });
      // @ts-expect-error: a page size is a number (or its digits), not anything at all
      liuyan.listMessages({ limit: { size: 50 } });
    `);
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  /** tsc over `files` with these options; its output when it fails. */
  function typecheck(options: Record<string, unknown>, files = ['app.ts']): string {
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', types: [], ...options }, files,
    }));
    const run = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
    return run.status === 0 ? '' : run.stdout + run.stderr;
  }

  it('type-checks in a browser app (DOM, ES2022, no Node types)', () => {
    expect(typecheck({ lib: ['DOM', 'ES2022'], module: 'ESNext', moduleResolution: 'Bundler' })).toBe('');
  });

  it('type-checks as Node and Deno resolve an ESM package (nodenext)', () => {
    expect(typecheck({ lib: ['DOM', 'ES2022'], module: 'NodeNext', moduleResolution: 'NodeNext' })).toBe('');
  });

  it('types every field a caller sends or reads: none is left `unknown`', () => {
    const loose = packed.filter((f) => f.endsWith('.d.ts')).flatMap((file) =>
      [...readFileSync(path.join(sdkDir, file), 'utf8').matchAll(/(\w+)\??: unknown(?:\[\])?(?: \| undefined)?;/g)].map((m) => `${file}: ${m[1]}`));
    expect(loose).toEqual([]);
  });

  it('spells out every type of the service exactly as its schemas infer it', () => {
    const declared = packed.filter((f) => f.startsWith('dist/schemas/')).flatMap((file) =>
      [...readFileSync(path.join(sdkDir, file), 'utf8').matchAll(/^export (?:type|interface) (\w+)(<?)/gm)].filter((m) => !m[2]).map((m) => m[1]!));
    expect(declared).toEqual(expect.arrayContaining(['SiteConfig', 'CreateMessageInput', 'TrackedMessage', 'QueuePage', 'Stats', 'UnitNode']));
    writeFileSync(path.join(project, 'same.ts'), [
      "import type * as Built from '@liuyan/sdk';",
      `import type * as Source from ${JSON.stringify(path.join(sdkDir, 'src/package'))};`,
      'type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
      ...declared.map((name) => `export const ${name}: Same<Built.${name}, Source.${name}> = true;`),
    ].join('\n'));
    expect(typecheck({ lib: ['DOM', 'ES2022'], module: 'ESNext', moduleResolution: 'Bundler', skipLibCheck: true }, ['same.ts'])).toBe('');
  });
});
