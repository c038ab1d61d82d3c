import { labelCatalogs } from '../../../sdk/src/locales';
import { API_TAGS, HTTP_METHODS, type ApiDocument, type ApiOperation } from '../openapi';
import { DESCRIPTIONS_ZH, OPERATION_DESCRIPTIONS_ZH } from './descriptions.zh-cn';
import { OPERATION_TITLES_ZH } from './operation-titles';
import { DOCS_STRINGS } from './strings';
import { webhooksContentsEntry, webhooksSection } from './webhooks';

export type DocsLocale = 'zh-CN' | 'en';

/** A JSON Schema as the document carries it (OpenAPI 3.1: JSON Schema 2020-12 with `$ref`s to components). */
interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  required?: string[];
  description?: string;
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

interface Parameter { name: string; in: string; required?: boolean; description?: string; schema?: Schema; example?: unknown }
interface MediaType { schema?: Schema; example?: unknown; examples?: Record<string, { value?: unknown }> }
interface Body { description?: string; required?: boolean; content?: Record<string, MediaType> }

/** Text made safe for HTML content and attribute values: every piece of the page goes through it. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `code` spans for `backticked` words in a description; everything else escaped. */
function prose(text: string): string {
  return text.split(/`([^`]+)`/).map((part, i) => (i % 2 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part))).join('');
}

const componentName = (ref: string) => ref.replace(/^#\/components\/schemas\//, '');

/** Renders a document's operations, grouped by tag, as one page in the given language. */
export function renderDocs(document: ApiDocument, locale: DocsLocale): string {
  const t = DOCS_STRINGS[locale];
  const components = (document.components?.schemas ?? {}) as Record<string, Schema>;
  /** The document's words in the page's language: Chinese from DESCRIPTIONS_ZH, else as written (English). */
  const words = (text: string) => (locale === 'zh-CN' && Object.hasOwn(DESCRIPTIONS_ZH, text) ? DESCRIPTIONS_ZH[text]! : text);
  /** Words marked as English on the Chinese page when they have no Chinese yet (screen readers, translators). */
  const described = (text: string) => {
    const said = words(text);
    return locale === 'zh-CN' && said === text && /[A-Za-z]{3,}/.test(text) ? `<span lang="en">${prose(text)}</span>` : prose(said);
  };
  const resolve = (schema: Schema | undefined): Schema | undefined =>
    (schema?.$ref ? components[componentName(schema.$ref)] : schema);

  /**
   * The labels of a closed list of codes, when the vocabulary names them all (types, domains,
   * statuses …): `complaint 投诉 · help 求助`. English labels only where they say more than the code.
   */
  const labelled = (values: unknown[]): string | null => {
    const groups = Object.values(labelCatalogs[locale]) as Record<string, string>[];
    const group = groups.find((labels) => values.length > 0 && values.every((value) => typeof value === 'string' && Object.hasOwn(labels, value)));
    if (!group) return null;
    const pairs = values.map((value) => [value as string, group[value as string]!] as const);
    if (pairs.every(([code, label]) => label.toLowerCase().replace(/\W/g, '') === code.replace(/\W/g, ''))) return null;
    return pairs.map(([code, label]) => `${code} ${label}`).join(' · ');
  };

  /** A short type: `string`, `"a" | "b"`, `UnitNode[]`, `string | null`. */
  const typeOf = (schema: Schema | undefined): string => {
    if (!schema) return 'any';
    if (schema.$ref) return componentName(schema.$ref);
    if (schema.const !== undefined) return JSON.stringify(schema.const);
    // A labelled list is spelt out with its labels in the notes.
    if (schema.enum) return labelled(schema.enum) ? 'string' : schema.enum.map((value) => JSON.stringify(value)).join(' | ');
    const union = schema.anyOf ?? schema.oneOf;
    if (union) return union.map(typeOf).join(' | ');
    if (schema.allOf) return schema.allOf.map(typeOf).join(' & ');
    const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    const named = types.map((type) => (type === 'array' ? `${typeOf(schema.items)}[]` : type));
    const label = named.join(' | ') || (schema.properties ? 'object' : 'any');
    return schema.format ? `${label} (${schema.format})` : label;
  };

  /** Limits, default and example of a value, in words. */
  const notes = (schema: Schema | undefined): string[] => {
    if (!schema) return [];
    const out: string[] = [];
    const labels = schema.enum ? labelled(schema.enum) : schema.items?.enum ? labelled(schema.items.enum) : null;
    if (labels) out.push(labels);
    if (schema.minLength !== undefined || schema.maxLength !== undefined) out.push(t.length(schema.minLength, schema.maxLength));
    if (schema.minimum !== undefined || schema.maximum !== undefined) out.push(t.range(schema.minimum, schema.maximum));
    if (schema.default !== undefined) out.push(`${t.defaultValue} ${JSON.stringify(schema.default)}`);
    const example = schema.examples?.[0] ?? schema.example;
    if (example !== undefined && typeof example !== 'object') out.push(`${t.exampleValue} ${JSON.stringify(example)}`);
    for (const member of schema.anyOf ?? []) out.push(...notes(member));
    return out;
  };

  /** The object a value holds (itself, its items, or its non-null member), to list its fields. */
  const objectIn = (schema: Schema | undefined, seen: Set<string>): { schema: Schema; suffix: string } | null => {
    if (!schema) return null;
    if (schema.$ref) {
      if (seen.has(schema.$ref)) return null;
      return objectIn(resolve(schema), new Set([...seen, schema.$ref]));
    }
    if (schema.properties) return { schema, suffix: '' };
    if (schema.items) {
      const inner = objectIn(schema.items, seen);
      return inner && { schema: inner.schema, suffix: `[]${inner.suffix}` };
    }
    for (const member of schema.anyOf ?? schema.oneOf ?? []) {
      const inner = objectIn(member, seen);
      if (inner) return inner;
    }
    return null;
  };

  interface Row { name: string; type: string; required: boolean; description: string; notes: string[] }

  /** Every field of an object, nested ones as `author.name` and `items[].title`, each component once per branch. */
  const fieldsOf = (schema: Schema, prefix = '', seen = new Set<string>(), depth = 0): Row[] => {
    const rows: Row[] = [];
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      const resolved = resolve(property);
      rows.push({
        name: prefix + key,
        type: typeOf(property),
        required: schema.required?.includes(key) ?? false,
        description: property.description ?? resolved?.description ?? '',
        notes: notes(resolved),
      });
      const inner = depth < 4 ? objectIn(property, seen) : null;
      if (inner) rows.push(...fieldsOf(inner.schema, `${prefix}${key}${inner.suffix}.`, property.$ref ? new Set([...seen, property.$ref]) : seen, depth + 1));
    }
    return rows;
  };

  /** A table cell; the description cell is the one that takes a line of its own on a phone. */
  const cell = (html: string, kind = '') => `<td${kind ? ` class="${kind}"` : ''}>${html}</td>`;
  const requiredCell = (required: boolean | undefined) => cell(required ? t.yes : t.no, required ? 'required' : 'optional');
  const describe = (text: string, extra: string[]) => cell(`${described(text)}${extra.length ? `<span class="notes">${escapeHtml(extra.join(' · '))}</span>` : ''}`, 'desc');

  const fieldTable = (rows: Row[]) => `<table class="fields"><thead><tr><th>${t.field}</th><th>${t.type}</th><th>${t.required}</th><th>${t.description}</th></tr></thead><tbody>${
    rows.map((row) => `<tr>${cell(`<code>${escapeHtml(row.name)}</code>`, 'name')}${cell(`<code>${escapeHtml(row.type)}</code>`, 'type')}`
      + `${requiredCell(row.required)}${describe(row.description, row.notes)}</tr>`).join('')
  }</tbody></table>`;

  const exampleOf = (media: MediaType): unknown => {
    if (media.example !== undefined) return media.example;
    const named = Object.values(media.examples ?? {})[0]?.value;
    if (named !== undefined) return named;
    const schema = resolve(media.schema);
    return schema?.examples?.[0] ?? schema?.example;
  };

  const exampleBlock = (example: unknown) => (example === undefined ? ''
    : `<p class="label">${t.example}</p><pre><code>${escapeHtml(JSON.stringify(example, null, 2))}</code></pre>`);

  /** A body's schema: its fields, or just its type, and its example. */
  const content = (media: Record<string, MediaType> | undefined): string => Object.entries(media ?? {}).map(([type, entry]) => {
    if (type === 'application/problem+json') return `<p><code>${escapeHtml(type)}</code>${t.colon}${t.problem} <a href="/docs/errors/">${t.errors}</a></p>`;
    const inner = objectIn(entry.schema, new Set());
    const shape = inner
      ? `${inner.suffix ? `<p><code>${escapeHtml(typeOf(entry.schema))}</code></p>` : ''}${fieldTable(fieldsOf(inner.schema, inner.suffix ? `${inner.suffix}.` : ''))}`
      : `<p><code>${escapeHtml(typeOf(entry.schema))}</code></p>`;
    return `<p class="media"><code>${escapeHtml(type)}</code></p>${shape}${exampleBlock(exampleOf(entry))}`;
  }).join('');

  const authOf = (operation: ApiOperation) => {
    const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
    return (schemes.length ? schemes : ['none']).map((name) => t.authNames[name] ?? name).join(' / ');
  };

  const parameters = (list: Parameter[]) => (list.length === 0 ? '' : `<h4>${t.parameters}</h4><table class="fields"><thead><tr><th>${t.field}</th><th>${t.location}</th><th>${t.type}</th><th>${t.required}</th><th>${t.description}</th></tr></thead><tbody>${
    list.map((p) => {
      const extra = notes(resolve(p.schema));
      if (p.example !== undefined) extra.push(`${t.exampleValue} ${JSON.stringify(p.example)}`);
      return `<tr>${cell(`<code>${escapeHtml(p.name)}</code>`, 'name')}${cell(escapeHtml(t.locations[p.in] ?? p.in), 'in')}`
        + `${cell(`<code>${escapeHtml(typeOf(p.schema))}</code>`, 'type')}${requiredCell(p.required)}${describe(p.description ?? p.schema?.description ?? '', extra)}</tr>`;
    }).join('')}</tbody></table>`);

  /** A parameter, or the shared one (`#/components/parameters/…`) it refers to. */
  const sharedParameters = (document.components?.parameters ?? {}) as Record<string, Parameter>;
  const parameterOf = (p: Parameter | { $ref: string }): Parameter =>
    ('$ref' in p ? sharedParameters[p.$ref.replace(/^#\/components\/parameters\//, '')]! : p);

  /** An answer's headers (the shared ones are `#/components/headers/…`), each with what it is. */
  const sharedHeaders = (document.components?.headers ?? {}) as Record<string, { description?: string }>;
  const headersOf = ({ headers }: Body & { headers?: Record<string, { $ref?: string; description?: string }> }) => Object.entries(headers ?? {})
    .map(([name, header]) => {
      const { description = '' } = header.$ref ? sharedHeaders[header.$ref.replace(/^#\/components\/headers\//, '')] ?? {} : header;
      return `<p class="header"><code>${escapeHtml(name)}</code> ${escapeHtml(t.responseHeader)}${t.colon}${described(description)}</p>`;
    }).join('');

  interface Entry { method: string; path: string; operation: ApiOperation }
  const entries: Entry[] = Object.entries(document.paths ?? {}).flatMap(([path, item]) => HTTP_METHODS
    .filter((method) => (item as Record<string, unknown>)[method])
    .map((method) => ({ method, path, operation: (item as Record<string, ApiOperation>)[method]! })));

  const titleOf = ({ operationId = '', summary = '' }: ApiOperation) =>
    (locale === 'zh-CN' && Object.hasOwn(OPERATION_TITLES_ZH, operationId) ? OPERATION_TITLES_ZH[operationId]! : summary);
  const descriptionOf = ({ operationId = '', description }: ApiOperation) =>
    (locale === 'zh-CN' && Object.hasOwn(OPERATION_DESCRIPTIONS_ZH, operationId) ? OPERATION_DESCRIPTIONS_ZH[operationId] : description);
  const anchor = (operation: ApiOperation) => `op-${operation.operationId ?? ''}`;

  const operationSection = ({ method, path, operation }: Entry) => {
    const body = operation.requestBody as Body | undefined;
    const responses = Object.entries((operation.responses ?? {}) as Record<string, Body>);
    return `<section class="op" id="${escapeHtml(anchor(operation))}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> <code class="path">${escapeHtml(path)}</code></h3>
<p class="summary">${prose(titleOf(operation))}</p>
${descriptionOf(operation) ? `<p class="description">${prose(descriptionOf(operation)!)}</p>` : ''}
<p class="auth"><span class="label">${t.auth}</span> ${escapeHtml(authOf(operation))} · <code>${escapeHtml(operation.operationId ?? '')}</code></p>
${parameters(((operation.parameters ?? []) as (Parameter | { $ref: string })[]).map(parameterOf))}
${body ? `<h4>${t.requestBody}</h4>${body.description ? `<p>${described(body.description)}</p>` : ''}${content(body.content)}` : ''}
<h4>${t.responses}</h4>
<dl class="responses">${responses.map(([status, response]) => `<dt><span class="status s${escapeHtml(status.charAt(0))}">${escapeHtml(status)}</span></dt><dd><p>${described(response.description ?? '')}</p>${status.startsWith('2') ? `${headersOf(response)}${content(response.content)}` : ''}</dd>`).join('')}</dl>
</section>`;
  };

  const groups = API_TAGS.map((tag) => ({ tag, items: entries.filter((entry) => entry.operation.tags?.[0] === tag.name) }))
    .filter((group) => group.items.length > 0);
  const untagged = entries.filter((entry) => !API_TAGS.some((tag) => tag.name === entry.operation.tags?.[0]));
  const server = document.servers?.[0]?.url ?? '';

  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<link rel="stylesheet" href="/docs/docs.css">
<link rel="alternate" hreflang="${t.otherLanguage.lang}" href="${t.otherLanguage.href}">
</head>
<body>
<header>
<h1>${escapeHtml(t.title)} <span class="version">${escapeHtml(document.info.version)}</span></h1>
<a class="switch" href="${t.otherLanguage.href}" hreflang="${t.otherLanguage.lang}" lang="${t.otherLanguage.lang}">${escapeHtml(t.otherLanguage.label)}</a>
</header>
<main>
<p>${escapeHtml(t.intro)}</p>
<ul class="facts">
<li>${t.baseUrl}${t.colon}<code>${escapeHtml(server)}</code></li>
<li>${t.machineReadable}${t.colon}<a href="/openapi.json"><code>/openapi.json</code></a> (OpenAPI ${escapeHtml(document.openapi)})</li>
<li>${t.errors}${t.colon}<a href="/docs/errors/"><code>/docs/errors/</code></a> — ${escapeHtml(t.errorsNote)}</li>
</ul>
<nav id="contents" aria-label="${escapeHtml(t.contents)}">
<h2>${t.contents}</h2>
<ol>${groups.map(({ tag, items }) => `<li><a href="#tag-${escapeHtml(tag.name)}">${escapeHtml(tag.title[locale])}</a> <span class="count">${items.length}</span></li>`).join('')}${webhooksContentsEntry(locale)}</ol>
</nav>
${groups.map(({ tag, items }) => `<section class="tag" id="tag-${escapeHtml(tag.name)}">
<h2>${escapeHtml(tag.title[locale])}</h2>
<p>${escapeHtml(tag.description[locale])}</p>
<ul class="ops">${items.map(({ method, path, operation }) => `<li><a href="#${escapeHtml(anchor(operation))}"><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></a></li>`).join('')}</ul>
${items.map(operationSection).join('\n')}
<p class="top"><a href="#contents">${t.backToTop}</a></p>
</section>`).join('\n')}
${untagged.map(operationSection).join('\n')}
${webhooksSection(locale)}
</main>
</body>
</html>
`;
}
