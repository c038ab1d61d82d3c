// `npm run elements`: writes widget/custom-elements.json, the Custom Elements Manifest
// (https://github.com/webcomponents/custom-elements-manifest, schema 2.1.0) of the five public elements,
// read from their sources: the attributes from `static properties` (each documented where its field is
// declared), events, parts and CSS properties from the element's JSDoc (`@event`, `@csspart`,
// `@cssproperty`), the shared theme tokens from ui/tokens.styles.ts. IDEs, Storybook-like tools and the
// demo page read it; scripts/custom-elements.test.ts checks it is current and that the READMEs agree.
// `--check` fails instead of writing when the file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const MANIFEST_FILE = path.join(ROOT, 'widget/custom-elements.json');
/** The public elements, each `widget/src/<tag>/<tag>.ts`. */
export const TAGS = ['liuyan-form', 'liuyan-track', 'liuyan-list', 'liuyan-message', 'liuyan-stats'] as const;

interface Named { name: string; description: string }
interface Attribute extends Named { fieldName: string; type: { text: string } }
interface CssProperty extends Named { default?: string }
export interface ElementDeclaration {
  kind: 'class';
  name: string;
  tagName: string;
  customElement: true;
  summary: string;
  attributes: Attribute[];
  members: { kind: 'field'; name: string; attribute: string; type: { text: string }; description: string }[];
  events: (Named & { type: { text: 'CustomEvent' } })[];
  cssParts: Named[];
  cssProperties: CssProperty[];
}

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const parse = (file: string) => ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true);

/** The text of a node's JSDoc, joined into one line. */
function docOf(node: ts.Node): string {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
  return docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? '').join(' ').replace(/\s+/g, ' ').trim();
}

/** `@tag name - text` lines (text may run over several lines) of the comment holding `@summary`. */
function tagsOf(source: string, marker = '@summary'): { summary: string; tags: { tag: string; name: string; text: string }[] } {
  const block = [...source.matchAll(/\/\*\*([\s\S]*?)\*\//g)].map((m) => m[1]!).find((b) => b.includes(marker));
  if (!block) return { summary: '', tags: [] };
  const text = block.split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n');
  const tags: { tag: string; name: string; text: string }[] = [];
  let summary = '';
  for (const chunk of text.split(/\n(?=@)/)) {
    const match = /^@(\w+)\s+([\s\S]*)$/.exec(chunk.trim());
    if (!match) continue;
    const [, tag, rest] = match;
    const body = rest!.replace(/\s+/g, ' ').trim();
    if (tag === 'summary') summary = body;
    else {
      const [, name, description] = /^(\S+)(?:\s+-\s+(.*))?$/.exec(body) ?? [];
      tags.push({ tag: tag!, name: name ?? body, text: description ?? '' });
    }
  }
  return { summary, tags };
}

/** The public (non-`state`) entries of a class's `static properties`, with the docs of their fields; `...Base.properties` is expanded. */
function propertiesOf(file: string, className: string, base: Attribute[]): Attribute[] {
  const source = parse(file);
  const found: Attribute[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isClassDeclaration(node) && node.name?.text === className) {
      const fields = new Map(node.members.filter((m) => m.name && ts.isIdentifier(m.name)).map((m) => [(m.name as ts.Identifier).text, m]));
      for (const member of node.members) {
        if (!ts.isPropertyDeclaration(member) || (member.name as ts.Identifier).text !== 'properties') continue;
        const object = member.initializer as ts.ObjectLiteralExpression;
        for (const entry of object.properties) {
          if (ts.isSpreadAssignment(entry)) found.push(...base);
          if (!ts.isPropertyAssignment(entry) || !ts.isObjectLiteralExpression(entry.initializer)) continue;
          const name = (entry.name as ts.Identifier).text;
          const options = Object.fromEntries(entry.initializer.properties.filter(ts.isPropertyAssignment)
            .map((p) => [(p.name as ts.Identifier).text, p.initializer.getText(source).replace(/^'|'$/g, '')]));
          if (options.state === 'true') continue;
          const field = fields.get(name);
          const declared = field && ts.isPropertyDeclaration(field) && field.type ? field.type.getText(source) : undefined;
          const type = declared ?? ({ String: 'string', Boolean: 'boolean', Number: 'number' } as Record<string, string>)[options.type ?? 'String'] ?? 'string';
          found.push({ name: options.attribute ?? name.toLowerCase(), fieldName: name, type: { text: type }, description: field ? docOf(field) : '' });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Theme tokens: name, default (light) and what it colours, from the `:host` block of `name` in `file`
 * (every element reads ui/tokens.styles.ts; those that show statuses, ui/status.styles.ts too).
 */
function declaredTokens(file: string, name: string): CssProperty[] {
  const source = read(file);
  const described = new Map(tagsOf(source, '@cssproperty').tags.filter((t) => t.tag === 'cssproperty').map((t) => [t.name, t.text]));
  const host = new RegExp(`export const ${name} = css\`\\s*:host \\{([\\s\\S]*?)\\n {2}\\}`).exec(source)![1]!;
  const declared = [...host.matchAll(/(--liuyan-[a-z-]+):\s*([^;]+);/g)].map(([, name, value]) => ({ name: name!, description: described.get(name!) ?? '', default: value!.trim() }));
  // Documented tokens read with a fallback (`var(--liuyan-theme-padding, 0.75em)`) rather than declared.
  const fallbacks = [...described].filter(([name]) => !declared.some((d) => d.name === name))
    .map(([name, description]) => ({ name, description, default: new RegExp(`var\\(${name},\\s*([^)]+)\\)`).exec(source)?.[1]?.trim() ?? '' }));
  return [...declared, ...fallbacks];
}

/** The tokens an element reads: the shared ones, and the status colours where it takes ui/status.styles.ts. */
function sharedTokens(elementSource = ''): CssProperty[] {
  const status = /ui\/status\.styles'/.test(elementSource) ? declaredTokens('ui/status.styles.ts', 'statusStyles') : [];
  return [...declaredTokens('ui/tokens.styles.ts', 'tokens'), ...status];
}

/** The manifest, built from the sources as they are now. */
export function buildManifest() {
  const base = propertiesOf('ui/liuyan-element.ts', 'LiuyanElement', []);
  const modules = TAGS.map((tag) => {
    const file = `widget/src/${tag}/${tag}.ts`;
    const source = read(file);
    const tokens = sharedTokens(source);
    const className = new RegExp(`defineElement\\('${tag}', (\\w+)\\)`).exec(source)![1]!;
    const { summary, tags } = tagsOf(source);
    const own = tags.filter((t) => t.tag === 'cssproperty').map((t) => ({ name: t.name, description: t.text }));
    const shared = tokens.map((t) => ({ ...t, description: own.find((o) => o.name === t.name)?.description || t.description }));
    const attributes = propertiesOf(file, className, base);
    const declaration: ElementDeclaration = {
      kind: 'class', name: className, tagName: tag, customElement: true, summary, attributes,
      members: attributes.map((a) => ({ kind: 'field', name: a.fieldName, attribute: a.name, type: a.type, description: a.description })),
      events: tags.filter((t) => t.tag === 'event').map((t) => ({ name: t.name, type: { text: 'CustomEvent' }, description: t.text })),
      cssParts: tags.filter((t) => t.tag === 'csspart').map((t) => ({ name: t.name, description: t.text })),
      cssProperties: [...shared, ...own.filter((o) => !tokens.some((t) => t.name === o.name))],
    };
    return {
      kind: 'javascript-module', path: file, declarations: [declaration],
      exports: [{ kind: 'custom-element-definition', name: tag, declaration: { name: className, module: file } }],
    };
  });
  return { schemaVersion: '2.1.0', readme: 'README.md', modules };
}

export const manifestText = () => JSON.stringify(buildManifest(), null, 2) + '\n';

export const DEMO_FILE = path.join(ROOT, 'examples/elements/index.html');

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const code = (text: string) => `<code>${escape(text)}</code>`;
/** A table of `rows` (already HTML) under its header cells, or nothing when there are no rows. */
const table = (caption: string, head: string[], rows: string[][]) => rows.length === 0 ? '' : `<table>
      <caption>${caption}</caption>
      <thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
      <tbody>
${rows.map((r) => `        <tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}
      </tbody>
    </table>`;

/**
 * examples/elements/index.html: every element of the manifest, live (site `demo`), with its attributes,
 * events, parts (each can be outlined in the preview) and CSS properties, and a theme switch. Written
 * with the manifest, so it always lists what the elements have.
 */
export function demoPage(manifest = buildManifest()): string {
  const sections = manifest.modules.map(({ declarations: [d] }) => {
    const e = d!;
    const attributes = e.attributes.filter((a) => a.name !== 'api').map((a) => `${a.name}="${a.name === 'site' ? 'demo' : ''}"`).filter((a) => a.startsWith('site'));
    return `  <section id="${e.tagName}" aria-labelledby="${e.tagName}-title">
    <h2 id="${e.tagName}-title">${code(`<${e.tagName}>`)}</h2>
    <p>${escape(e.summary)}</p>
    <div class="preview"><${e.tagName} ${attributes.join(' ')}></${e.tagName}></div>
    ${table('Attributes / properties', ['attribute', 'property', 'type', 'description'], e.attributes.map((a) => [code(a.name), code(a.fieldName), code(a.type.text), escape(a.description)]))}
    ${table('Events', ['event', 'description'], e.events.map((v) => [code(v.name), escape(v.description)]))}
    ${table('Parts (::part) — press one to outline it in the preview', ['part', 'description'], e.cssParts.map((p) => [
      `<button type="button" aria-pressed="false" data-tag="${e.tagName}" data-part="${p.name}">${escape(p.name)}</button>`, escape(p.description)]))}
    ${table('CSS custom properties', ['property', 'default', 'description'], e.cssProperties.map((p) => [code(p.name), p.default ? code(p.default) : '', escape(p.description)]))}
  </section>`;
  });
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Liuyan elements — attributes, parts, themes</title>
  <!-- Written by \`npm run elements\` from widget/custom-elements.json: do not edit by hand. -->
  <style>
    body { margin: 0 auto; max-width: 960px; padding: 1rem; font-family: system-ui, 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif; color: #222; line-height: 1.5; }
    section { border-top: 3px solid #b5121b; margin: 2rem 0; }
    .preview { border: 1px dashed #767676; padding: 1rem; margin: 1rem 0; overflow: auto; }
    table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.9rem; }
    caption { text-align: start; font-weight: 600; padding: 0.3rem 0; }
    th, td { border: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: start; vertical-align: top; overflow-wrap: anywhere; }
    td button { font: inherit; min-height: 44px; min-width: 44px; cursor: pointer; }
    td button[aria-pressed='true'] { background: #c026d3; color: #fff; }
    fieldset { border: 1px solid #ccc; }
    label { display: inline-flex; align-items: center; gap: 0.3rem; min-height: 44px; margin-inline-end: 1rem; }
  </style>
  <script type="module" src="/widget/liuyan.js"></script>
  <script type="module" src="./demo.js"></script>
</head>
<body>
  <h1>Liuyan elements</h1>
  <p>Every attribute, event, part and CSS custom property of each element, from <code>widget/custom-elements.json</code>,
    with the element live on the demo site.</p>
  <fieldset id="theme">
    <legend>theme</legend>
${['', 'light', 'dark', 'auto', 'high-contrast'].map((t) => `    <label><input type="radio" name="theme" value="${t}"${t === '' ? ' checked' : ''}> ${t || '(unset)'}</label>`).join('\n')}
  </fieldset>
${sections.join('\n')}
</body>
</html>
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [file, text] of [[MANIFEST_FILE, manifestText()], [DEMO_FILE, demoPage()]] as const) {
    if (process.argv.includes('--check')) {
      if (readFileSync(file, 'utf8') !== text) {
        console.error(`${path.relative(ROOT, file)} is out of date: run \`npm run elements\``);
        process.exit(1);
      }
    } else {
      writeFileSync(file, text);
      console.log(`Wrote ${path.relative(ROOT, file)}`);
    }
  }
}
