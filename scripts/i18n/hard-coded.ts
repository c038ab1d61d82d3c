import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Finds words written into code instead of a string file: Chinese anywhere in a string or template
 * of the code that draws pages (the elements, the console, the hosted pages), and, in an `html`
 * template (Lit's or Hono's), any word of text outside `${…}`: a text node, or a visible attribute
 * (`title`, `alt`, `placeholder`, `aria-label`…). Returns `path: text (line n)` per finding;
 * `allowed` lists the findings that are right, by the start of `path: text`.
 */

/** Where pages are drawn. String files, tests and generated files are what the check is about, not in it. */
export const SCANNED = ['widget/src', 'console', 'ui', 'worker/src/hosted', 'worker/src/routes/hosted.ts'];

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const VISIBLE_ATTRIBUTE = /\s(title|alt|placeholder|aria-label|aria-description|aria-roledescription|label)\s*=\s*["']([^"'\u0001]*)/gi;

/** Drops markup that is not text: comments, the inside of tags, scripts and styles. */
function textOf(template: string): string {
  return template
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ');
}

async function sourceFiles(root: string, path: string): Promise<string[]> {
  const full = join(root, path);
  if (full.endsWith('.ts')) return [full];
  const entries = await readdir(full, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !/\.test\.ts$|strings\.[\w-]+\.ts$|[/\\]translations[/\\]|\.styles\.ts$/.test(file));
}

export async function hardCodedStrings(root: string, allowed: Record<string, string>): Promise<string[]> {
  const findings: string[] = [];
  for (const file of (await Promise.all(SCANNED.map((path) => sourceFiles(root, path)))).flat()) {
    const path = relative(root, file).replaceAll('\\', '/');
    const source = ts.createSourceFile(path, await readFile(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const report = (node: ts.Node, text: string) => {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      // Allowed by path and text, not line, so an edit elsewhere in the file does not move it.
      const said = `${path}: ${text.trim().replace(/\s+/g, ' ').slice(0, 60)}`;
      if (!Object.keys(allowed).some((key) => said.startsWith(key))) findings.push(`${said} (line ${line})`);
    };
    const visit = (node: ts.Node): void => {
      if (ts.isTaggedTemplateExpression(node) && /^(html|svg)$/.test(node.tag.getText())) {
        const t = node.template;
        const parts = ts.isNoSubstitutionTemplateLiteral(t) ? [t.text] : [t.head.text, ...t.templateSpans.map((s) => s.literal.text)];
        // The parts joined by a mark where each `${…}` was, so a tag that goes on across one is one tag.
        const joined = parts.join('\u0001');
        for (const words of textOf(joined).match(/\p{L}{2,}[^<\u0001]*/gu) ?? []) report(node, words);
        for (const [, name, value] of joined.matchAll(VISIBLE_ATTRIBUTE)) if (/\p{L}{2,}/u.test(value!)) report(node, `${name}="${value}"`);
      } else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node))
        && HAN.test(node.text)) {
        report(node, node.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return findings;
}
