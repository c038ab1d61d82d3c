// Citizens' and officials' words reach pages only as text: no source that renders a page parses a
// string as markup. Lit and Hono's `html` escape what they interpolate; the APIs below do not, so one
// of them on a message's title would run whatever script the title holds.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Everything that renders a page or feeds one: the elements, the console, the hosted pages, the docs, the SDK, the shared UI, the examples. */
const SCANNED = ['widget', 'console', 'ui', 'sdk', 'worker/src/hosted', 'worker/src/docs', 'worker/src/routes/hosted.ts', 'examples'];

/** Ways to turn a string into markup or script. */
const SINKS: [name: string, pattern: RegExp][] = [
  ['innerHTML', /\binnerHTML\b/],
  ['outerHTML', /\bouterHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\s*\.\s*write(ln)?\b/],
  ['unsafeHTML', /\bunsafeHTML\b/],
  ['unsafeSVG', /\bunsafeSVG\b/],
  ['unsafeStatic', /\bunsafeStatic\b/],
  ['unsafeCSS', /\bunsafeCSS\b/],
  ['DOMParser', /\bDOMParser\b/],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
  ['setHTMLUnsafe', /\bsetHTML(Unsafe)?\b/],
  ['srcdoc', /\bsrcdoc\b/],
  ['eval', /(?<![.\w])eval\s*\(/],
  ['new Function', /\bnew\s+Function\s*\(/],
  // Hono's `raw()` marks a string as markup already: only literal markup written here may go through it
  // (checked in the files that import it; the console's forms have a `raw()` of their own).
  ['raw() of a value', /(?<![.\w])raw\(\s*(?!['"`])/],
];

/** Whether `sink` can be in `code` at all: Hono's `raw` only where it is imported. */
const applies = (name: string, code: string) => name !== 'raw() of a value' || /import\s*\{[^}]*\braw\b[^}]*\}\s*from\s*'hono\/html'/.test(code);

/**
 * Findings that are not user text, each with the reason. Keyed `path: sink`.
 */
const ALLOWED: Record<string, string> = {
  // The page's own stylesheet: fixed CSS with the site's theme colour, which the schema admits only as #rrggbb (HEX_COLOR).
  'worker/src/hosted/page.ts: raw() of a value': 'page CSS, theme colour validated as #rrggbb',
  // The console's palette and media queries: constants of console/palette.ts (shared with the build's page.css).
  'console/liuyan-console.styles.ts: unsafeCSS': 'console palette constants, no user text',
};

async function sourceFiles(path: string): Promise<string[]> {
  const full = join(ROOT, path);
  if (/\.(ts|js|mjs|html)$/.test(path)) return [full];
  const entries = await readdir(full, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|js|mjs|html)$/.test(e.name) && !/\.test\.ts$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** Comments say why, and may name a sink to say it is not used: only code counts. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

describe('the sources that render pages', () => {
  it('parse no string as markup or script (innerHTML, unsafeHTML, DOMParser …), except where it is no user text', async () => {
    const found = new Set<string>();
    let scanned = 0;
    for (const path of SCANNED) {
      for (const file of await sourceFiles(path)) {
        scanned++;
        const code = withoutComments(await readFile(file, 'utf8'));
        for (const [name, pattern] of SINKS) if (applies(name, code) && pattern.test(code)) found.add(`${relative(ROOT, file)}: ${name}`);
      }
    }
    expect(scanned).toBeGreaterThan(100);
    expect([...found].filter((f) => !(f in ALLOWED))).toEqual([]);
    // An allowance nothing needs any more is removed, so the list stays an honest account.
    expect(Object.keys(ALLOWED).filter((f) => !found.has(f))).toEqual([]);
  });

  it('recognise each sink when it is there', () => {
    const samples = [
      'el.innerHTML = title', 'el.outerHTML', 'el.insertAdjacentHTML("beforeend", t)', 'document.write(t)', 'html`${unsafeHTML(t)}`',
      'unsafeSVG(t)', 'unsafeStatic(t)', 'unsafeCSS(t)', 'new DOMParser()', 'range.createContextualFragment(t)', 'el.setHTMLUnsafe(t)',
      'iframe.srcdoc = t', 'eval(t)', 'new Function(t)', 'raw(title)',
    ];
    for (const [i, [name, pattern]] of SINKS.entries()) expect(pattern.test(samples[i]!), name).toBe(true);
    expect(SINKS[SINKS.length - 1]![1].test("raw('<meta name=\"robots\">')")).toBe(false);
  });
});
