// The two forms of every Open311 GeoReport v2 answer (https://wiki.open311.org/GeoReport_v2): JSON,
// and XML, which the spec makes mandatory. Both are made from one value, so they always agree: an
// array is an element named for the collection holding one element per item (`<services><service>`),
// as the spec's examples write them; null is an empty element; true/false and numbers are their text.
import { XMLBuilder } from 'fast-xml-parser';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type Open311Format = 'json' | 'xml';
export const OPEN311_FORMATS: readonly Open311Format[] = ['json', 'xml'];

/** The element of each item of a collection, by the collection's name (the spec's examples). */
const ITEM_ELEMENT: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  notes: 'note',
  errors: 'error',
};

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function element(name: string, value: Json): unknown {
  if (Array.isArray(value)) {
    const item = ITEM_ELEMENT[name] ?? 'item';
    return { [item]: value.map((v) => element(item, v)) };
  }
  if (value === null) return null;
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, element(k, v)]));
  return escapeText(String(value));
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };

/**
 * Text as XML character data. A carriage return is written as `&#13;`: a parser turns a raw one into
 * a line feed (XML 1.0 §2.11), and the JSON answer keeps it, so both forms would disagree.
 */
const escapeText = (text: string) => text.replace(/[&<>"'\r]/g, (ch) => ESCAPES[ch]!);

// Text is escaped above (escapeText), so the builder writes it as it is.
const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: false });

/** `value` as an XML document whose root element is `root` (UTF-8; text escaped by `escapeText`). */
export function toOpen311Xml(root: string, value: Json): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: element(root, value) }) as string}`;
}

/**
 * The HTTP answer in the asked form (`root` names the XML document's root element), through the
 * context so that headers set before (Retry-After, CORS) stay on it.
 */
export function open311Response(c: Context, format: Open311Format, root: string, value: Json, status: ContentfulStatusCode = 200): Response {
  c.header('Content-Type', format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8');
  return c.body(format === 'xml' ? toOpen311Xml(root, value) : JSON.stringify(value), status);
}

/** The form a path asks for by its ending (`.xml` or else JSON): errors answer in it too. */
export const formatOfPath = (path: string): Open311Format => (path.endsWith('.xml') ? 'xml' : 'json');

export type { Json as Open311Value };
