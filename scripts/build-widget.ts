// Builds ./public, which the worker serves as static assets: the widget bundle, the officials'
// console, the example pages and the error reference.
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { DEFAULT_HTML_CSP, SECURITY_HEADERS } from '../worker/src/middleware/security-headers';
import { ERRORS_PAGE_STYLE, errorsPage } from './errors-page';
import { minifyTemplatesPlugin } from './minify-templates';
import { CONSOLE_PAGE_CSS } from '../console/palette';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'public');

/** Every element, by tag; each lives in widget/src/<tag>/<tag>.ts. */
const ELEMENTS = ['liuyan-form', 'liuyan-track', 'liuyan-list', 'liuyan-message', 'liuyan-stats'];

/**
 * The console's page: the app's module (its chunks asked for at once) and its tag, nothing inline
 * (the CSP allows no inline code).
 */
const consolePage = (chunks: string[]) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>留言办理</title>
<link rel="icon" href="/console/icon.svg">
<link rel="stylesheet" href="/console/page.css">
<script type="module" src="/console/app.js"></script>
${chunks.map((chunk) => `<link rel="modulepreload" href="${chunk}">\n`).join('')}</head>
<body>
<liuyan-console></liuyan-console>
</body>
</html>
`;

/** Libraries of the service that must never reach a browser bundle: zod (the schemas), libphonenumber. */
const SERVICE_ONLY = /node_modules\/(zod|libphonenumber-js)\//;

/** Fails the build if a bundle took in a service-only library (a value imported from `sdk/src/schemas`, say). */
function assertBrowserOnly(name: string, metafile: Metafile): void {
  const leaked = Object.keys(metafile.inputs).filter((input) => SERVICE_ONLY.test(input));
  if (leaked.length > 0) throw new Error(`${name} bundles service-only code: ${leaked.slice(0, 3).join(', ')} … (import types only from sdk/src/schemas)`);
}

/**
 * In an element's alone build, the sentences of field errors in each language the element fetches on
 * demand (`sdk/src/locales/sentences.<lang>.ts`: the form fetches all three, the others the two that
 * come with their English or zh-TW strings) take their own copy of `sdk/src/limits.ts` (a dozen
 * numbers), one per language: shared with the element or between languages, it would be a chunk of
 * its own, one more file to fetch.
 */
const ownLimitsPerLanguage = (languages: readonly string[]): Plugin => ({
  name: 'own-limits-per-language',
  setup(b) {
    b.onResolve({ filter: /\/limits$/ }, (args) => {
      const language = /\/sdk\/src\/locales\/sentences\.([a-z-]+)\.ts$/.exec(args.importer)?.[1];
      return language && languages.includes(language)
        ? { path: path.resolve(args.resolveDir, `${args.path}.ts`), suffix: `?${language}` }
        : undefined;
    });
  },
});

export async function buildPublic(): Promise<void> {
  // Emptied, not removed: a running `wrangler dev` watches this directory and stops serving new
  // files if it is replaced.
  await mkdir(out, { recursive: true });
  for (const entry of await readdir(out)) await rm(path.join(out, entry), { recursive: true, force: true });
  const widget = path.join(out, 'widget');
  const common = {
    bundle: true, format: 'esm', charset: 'utf8', minify: true, sourcemap: 'linked', target: 'es2021',
    legalComments: 'none', logLevel: 'warning', metafile: true, plugins: [minifyTemplatesPlugin],
  } satisfies BuildOptions;

  // Each element twice. Shared: one build of all the elements, sharing Lit and the common code
  // through chunks, for a page with several kinds of element. Alone (public/widget/alone/<tag>.js): a
  // build of one element, its code and everything it imports in one file, for a page with that
  // element only (most pages: a form on one page, the board on another). esbuild cuts a shared build
  // into a chunk per set of elements using a module, and each file gzipped on its own loses what
  // the others would have shared: for the form, its page is 2.5–3 KB gzip smaller alone (figures
  // in bench/README.md). What an element fetches on demand (other languages, the photo code) stays
  // a chunk of its own in both.
  const elements = await build({
    ...common,
    entryPoints: Object.fromEntries(ELEMENTS.map((tag) => [tag, path.join(root, `widget/src/${tag}/${tag}.ts`)])),
    outdir: widget,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  });
  assertBrowserOnly('the widget', elements.metafile);
  const alone = await Promise.all(ELEMENTS.map((tag) => build({
    ...common,
    plugins: [...common.plugins, ownLimitsPerLanguage(tag === 'liuyan-form' ? ['zh-cn', 'zh-tw', 'en'] : ['zh-tw', 'en'])],
    entryPoints: { [tag]: path.join(root, `widget/src/${tag}/${tag}.ts`) },
    outdir: path.join(widget, 'alone'),
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  })));
  /**
   * Each element's file and the chunks it imports (fetched in parallel with it), relative to
   * public/widget; for the form, also the chunk that reads a page's form for the element to take it
   * over (`takeOver`: plain-form.ts), which the loader asks for once it has built the form as data.
   */
  const files = (metafile: Metafile): Record<string, { file: string; chunks: string[]; takeOver?: string }> => {
    const found: Record<string, { file: string; chunks: string[]; takeOver?: string }> = {};
    const relative = (file: string) => `./${path.relative(widget, path.resolve(root, file))}`;
    for (const [file, output] of Object.entries(metafile.outputs)) {
      const tag = ELEMENTS.find((t) => output.entryPoint?.endsWith(`${t}/${t}.ts`));
      if (!tag) continue;
      const takeOver = output.imports.find((i) => i.kind === 'dynamic-import'
        && Object.keys(metafile.outputs[i.path]?.inputs ?? {}).some((input) => input.endsWith('liuyan-form/plain-form.ts')));
      found[tag] = {
        file: relative(file),
        chunks: output.imports.filter((i) => i.kind === 'import-statement').map((i) => relative(i.path)),
        ...(takeOver ? { takeOver: relative(takeOver.path) } : {}),
      };
    }
    if (found['liuyan-form'] && !found['liuyan-form'].takeOver) throw new Error('the form’s file imports no chunk reading a page’s form (plain-form.ts)');
    return found;
  };
  alone.forEach((result) => assertBrowserOnly('the widget', result.metafile));
  const preloads = { shared: files(elements.metafile), alone: Object.assign({}, ...alone.map((result) => files(result.metafile))) };

  // The loader: finds the tags on the page and imports those elements (and their chunks) only.
  await build({
    ...common,
    entryPoints: { liuyan: path.join(root, 'widget/src/index.ts') },
    outdir: widget,
    define: { __LIUYAN_ELEMENTS__: JSON.stringify(preloads) },
  });
  // The hosted board's own script (its pages are rendered by the service) and the iframe helper a
  // host page may include: a classic script, so it can find where it came from.
  await build({ ...common, entryPoints: { hosted: path.join(root, 'widget/src/hosted/hosted.ts') }, outdir: path.join(out, 'hosted') });
  // The hosted pages' share image for sites that set none (og:image; drawn by scripts/share-image.ts).
  await cp(path.join(root, 'worker/src/hosted/share.png'), path.join(out, 'hosted/share.png'));
  await build({ ...common, format: 'iife', entryPoints: { embed: path.join(root, 'widget/src/hosted/embed.ts') }, outdir: out });
  // The officials' console: one page and one module (Lit bundled in; English strings a chunk).
  const consoleDir = path.join(out, 'console');
  const consoleApp = await build({
    ...common,
    entryPoints: { app: path.join(root, 'console/liuyan-console.ts') },
    outdir: consoleDir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  });
  assertBrowserOnly('the console', consoleApp.metafile);
  const appOutput = Object.values(consoleApp.metafile.outputs).find((o) => o.entryPoint?.endsWith('console/liuyan-console.ts'))!;
  const consoleChunks = appOutput.imports.filter((i) => i.kind === 'import-statement')
    .map((i) => `/console/${path.relative(consoleDir, path.resolve(root, i.path))}`);
  await writeFile(path.join(consoleDir, 'index.html'), consolePage(consoleChunks));
  await writeFile(path.join(consoleDir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#b5121b"/></svg>\n');
  await writeFile(path.join(consoleDir, 'page.css'), CONSOLE_PAGE_CSS);

  await cp(path.join(root, 'examples'), path.join(out, 'examples'), {
    recursive: true,
    filter: (src) => !src.includes('node_modules') && !src.endsWith('.ts'),
  });
  // Every static file gets the service's security headers (the worker's own answers get them from
  // middleware/security-headers.ts); a later rule's header is joined to an earlier one's with a comma.
  // Host pages on other origins load the widget as a module script, which needs CORS. The console
  // runs only its own files: no inline script or style, no plugins, no framing, and no referrer. The error reference holds one inline style, allowed by
  // its hash; the front page nothing inline.
  const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  // The example host pages: the widget's own policy (as on the hosted pages), plus their inline styles by hash.
  const examples: string[] = [];
  for (const name of await readdir(path.join(root, 'examples'))) {
    const page = await readFile(path.join(root, 'examples', name, 'index.html'), 'utf8').catch(() => null);
    if (page === null) continue;
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(([, style]) => sha256(style!));
    examples.push(`/examples/${name}/*`, `  Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self' ${styles.join(' ')}; img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`);
  }
  await writeFile(path.join(out, '_headers'), [
    '/*',
    ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`),
    // The static files take GET and HEAD only; the platform answers any other method 405 itself, and a
    // 405 must say what is allowed (RFC 9110 §15.5.6). Allow may be sent with any answer (§10.2.1).
    '  Allow: GET, HEAD',
    // A source map and a JSON file are text: the platform types them `application/json` with no
    // charset, and an SVG with none either, so a client guessing the encoding could misread them.
    '/*.map',
    '  ! Content-Type',
    '  Content-Type: application/json; charset=utf-8',
    '/*.json',
    '  ! Content-Type',
    '  Content-Type: application/json; charset=utf-8',
    '/*.svg',
    '  ! Content-Type',
    '  Content-Type: image/svg+xml; charset=utf-8',
    '/widget/*',
    '  Access-Control-Allow-Origin: *',
    '  Cache-Control: public, max-age=300',
    '/hosted/*',
    '  Cache-Control: public, max-age=300',
    '/embed.js',
    '  Cache-Control: public, max-age=300',
    '/console/*',
    // blob: images are the previews of the photos an official adds to a reply, made on the device.
    "  Content-Security-Policy: default-src 'self'; img-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    // `!` detaches the policy the `/*` rule set, so the console sends one Referrer-Policy, not two joined.
    '  ! Referrer-Policy',
    '  Referrer-Policy: no-referrer',
    '/docs/errors/*',
    `  Content-Security-Policy: default-src 'none'; style-src ${sha256(ERRORS_PAGE_STYLE)}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    '/',
    `  Content-Security-Policy: ${DEFAULT_HTML_CSP}`,
    ...examples,
    '',
  ].join('\n'));
  await mkdir(path.join(out, 'docs/errors'), { recursive: true });
  await writeFile(path.join(out, 'docs/errors/index.html'), errorsPage());
  await writeFile(path.join(out, 'index.html'), `<!doctype html>
<html lang="zh-CN"><meta charset="utf-8"><title>Liuyan 留言</title>
<h1>Liuyan 留言</h1>
<ul>
  <li><a href="/examples/gov-site/">示范县人民政府 — 领导留言 (example)</a></li>
  <li><a href="/examples/news-campaign/">示范日报 — 建言专栏 (example)</a></li>
  <li><a href="/console/">办理后台 (officials' console)</a></li>
  <li><a href="/openapi.json">OpenAPI</a></li>
  <li><a href="/docs">API 参考 (API reference)</a></li>
  <li><a href="/docs/errors/">Errors</a></li>
</ul>
</html>
`);
}

if (import.meta.url === `file://${process.argv[1]}`) await buildPublic();
