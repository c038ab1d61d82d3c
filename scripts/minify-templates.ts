// An esbuild plugin that takes the indentation out of Lit's templates and styles at build time:
// esbuild minifies code but keeps template literals as written, and the elements' html`…` and
// css`…` are mostly newlines and spaces. Only the literal text of a template tagged `html`, `svg`
// or `css` changes (found by TypeScript's parser, so `${…}` expressions are never touched):
// - html/svg: every run of whitespace holding a line break becomes one space (HTML collapses
//   whitespace into one space anyway; none of our templates writes text inside <pre> or a
//   <textarea>'s content);
// - css: comments go, whitespace runs become one space, and the spaces around `{ } ; ,` and after
//   `:` go (never before `:`, which would join a descendant combinator to a pseudo-class).
import type { Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

const TAGS = new Set(['html', 'svg', 'css']);

/** The template text `text` (between `…` or `}…${`), with its whitespace taken out as its tag allows. */
export function minifyTemplateText(tag: string, text: string): string {
  if (tag === 'css') {
    return text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}');
  }
  return text.replace(/\s*\n\s*/g, ' ');
}

/** `source` (a TypeScript module) with the literal text of its tagged templates minified. */
export function minifyTemplates(source: string, fileName: string): string {
  if (!/\b(html|svg|css)`/.test(source)) return source;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const literal = (tag: string, node: ts.Node, open: number, close: number) => {
    // open/close: the characters of the delimiters around the text (` or } before, ` or ${ after).
    const start = node.getStart(file) + open;
    const end = node.getEnd() - close;
    edits.push({ start, end, text: minifyTemplateText(tag, source.slice(start, end)) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TAGS.has(node.tag.text)) {
      const tag = node.tag.text;
      const template = node.template;
      if (ts.isNoSubstitutionTemplateLiteral(template)) literal(tag, template, 1, 1);
      else {
        literal(tag, template.head, 1, 2);
        template.templateSpans.forEach((span) => literal(tag, span.literal, 1, ts.isTemplateTail(span.literal) ? 1 : 2));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** The plugin: every `.ts` module of ours goes through `minifyTemplates` before esbuild compiles it. */
export const minifyTemplatesPlugin: Plugin = {
  name: 'minify-lit-templates',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      return { contents: minifyTemplates(await readFile(args.path, 'utf8'), args.path), loader: 'ts' };
    });
  },
};
