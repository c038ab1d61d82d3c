import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildManifest, DEMO_FILE, demoPage, MANIFEST_FILE, manifestText, ROOT, TAGS } from './custom-elements';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const manifest = buildManifest();
const declarationOf = (tag: string) => manifest.modules.find((m) => m.declarations[0]!.tagName === tag)!.declarations[0]!;

/** The source files an element draws with: its own file and the template files it imports (one level). */
function templateFiles(tag: string): string[] {
  const file = `widget/src/${tag}/${tag}.ts`;
  const imports = [...read(file).matchAll(/from '(\.[^']+)'/g)].map((m) => path.relative(ROOT, path.resolve(ROOT, path.dirname(file), m[1]!)) + '.ts');
  return [file, ...imports.filter((f) => !/strings|styles|\/sdk\//.test(f))];
}

/** Every part name a template gives (`part="reply reply-${kind}"` gives `reply`). */
function partsDrawn(tag: string): Set<string> {
  const parts = new Set<string>();
  for (const file of templateFiles(tag)) {
    for (const [, names] of read(file).matchAll(/part="([^"]+)"/g)) {
      for (const name of names!.split(/\s+/)) if (!name.includes('${')) parts.add(name);
    }
  }
  return parts;
}

/** Parts a shared template file gives that the element never shows, and why. */
const NOT_DRAWN: Partial<Record<string, string[]>> = {
  // render-message.ts draws the board's cards too; a single message has no card.
  'liuyan-message': ['card-rating'],
};

describe('widget/custom-elements.json', () => {
  it('is what `npm run elements` writes from the sources now', () => {
    expect(readFileSync(MANIFEST_FILE, 'utf8')).toBe(manifestText());
  });

  it('the demo page (examples/elements/) lists it all, written from it too', () => {
    const page = readFileSync(DEMO_FILE, 'utf8');
    expect(page).toBe(demoPage(manifest));
    for (const tag of TAGS) {
      const element = declarationOf(tag);
      expect(page).toContain(`<${tag} site="demo">`);
      for (const part of element.cssParts) expect(page).toContain(`data-tag="${tag}" data-part="${part.name}"`);
      for (const a of element.attributes) expect(page).toContain(`<code>${a.name}</code>`);
    }
  });

  it.each(TAGS)('<%s>: every attribute is documented, and theme is one of them', (tag) => {
    const element = declarationOf(tag);
    expect(element.summary).not.toBe('');
    expect(element.attributes.map((a) => a.name)).toContain('theme');
    expect(element.attributes.filter((a) => a.description === '').map((a) => a.name)).toEqual([]);
  });

  it.each(TAGS)('<%s>: the parts its JSDoc names are exactly the parts its templates draw', (tag) => {
    const drawn = partsDrawn(tag);
    for (const name of NOT_DRAWN[tag] ?? []) drawn.delete(name);
    expect(new Set(declarationOf(tag).cssParts.map((p) => p.name))).toEqual(drawn);
  });

  it.each(TAGS)('<%s>: its README lists every attribute, event, part and CSS property of its own in the manifest', (tag) => {
    const readme = read(`widget/src/${tag}/README.md`);
    const element = declarationOf(tag);
    // The shared theme tokens (those with a default) are listed once, in the README's "Themes" section.
    const own = element.cssProperties.filter((p) => !('default' in p));
    const names = [...element.attributes, ...element.events, ...element.cssParts, ...own].map((n) => n.name);
    expect(names.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it('the README lists every shared theme token with its default', () => {
    const readme = read('README.md');
    const tokens = declarationOf('liuyan-form').cssProperties.filter((p) => 'default' in p);
    expect(tokens.length).toBeGreaterThan(10);
    expect(tokens.filter((t) => !readme.includes(`| \`${t.name}\` | \`${t.default}\``)).map((t) => t.name)).toEqual([]);
  });

  it('the README’s table of elements lists every attribute and event of each', () => {
    const readme = read('README.md');
    for (const tag of TAGS) {
      const row = readme.split('\n').find((line) => line.startsWith(`| [\`<${tag}>\`]`))!;
      const element = declarationOf(tag);
      expect([...element.attributes, ...element.events].map((n) => n.name).filter((name) => !row.includes(`\`${name}\``)), tag).toEqual([]);
    }
  });
});
