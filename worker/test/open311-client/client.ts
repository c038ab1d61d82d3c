// A GeoReport v2 client written from the spec alone (https://wiki.open311.org/GeoReport_v2): it
// shares no code with the service and knows nothing of it but a discovery URL and an api_key. XML
// is read with a generic parser; the only knowledge used is the spec's: which elements are lists.
import { XMLParser } from 'fast-xml-parser';

export type Format = 'json' | 'xml';
// What the client reads: JSON as it comes, XML as text; both become this plain shape.
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };
type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/** The spec's lists: the collection element and the element of each item in it. */
const LISTS: Record<string, string> = {
  services: 'service', service_requests: 'request', attributes: 'attribute', values: 'value',
  endpoints: 'endpoint', formats: 'format', errors: 'error', notes: 'note',
};
const ITEMS = new Set(Object.values(LISTS));

const parser = new XMLParser({ parseTagValue: false, isArray: (name) => ITEMS.has(name) });

function unwrap(node: unknown, name: string): Value {
  const item = LISTS[name];
  if (item) {
    if (node === '' || node === undefined) return [];
    return ((node as Record<string, unknown>)[item] as unknown[] ?? []).map((child) => unwrap(child, item));
  }
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([key, child]) => [key, unwrap(child, key)]));
  }
  return node as Value;
}

/** An XML document as plain values: lists as arrays, every text as a string. */
export function readXml(text: string): { root: string; value: Value } {
  const parsed = parser.parse(text) as Record<string, unknown>;
  const root = Object.keys(parsed).find((key) => !key.startsWith('?'))!;
  return { root, value: unwrap(parsed[root], root) };
}

/** JSON as XML carries it: numbers and booleans as text, null as empty. */
export function asXmlText(value: Value): Value {
  if (Array.isArray(value)) return value.map(asXmlText);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asXmlText(v)]));
  return value === null ? '' : String(value);
}

export class Open311Error extends Error {
  constructor(readonly status: number, readonly errors: Value) {
    super(`HTTP ${status}`);
  }
}

/** One GeoReport v2 endpoint, in one format. */
export class GeoReportClient {
  constructor(private readonly fetch: Fetch, private readonly endpoint: string, readonly format: Format) {}

  /** The endpoint a discovery document names for GeoReport v2 in this format. */
  static async discover(fetch: Fetch, discoveryUrl: string, format: Format): Promise<GeoReportClient> {
    const discovery = await read(fetch, discoveryUrl, format) as { endpoints: { specification: string; url: string; formats: string[] }[] };
    const mediaType = format === 'xml' ? 'text/xml' : 'application/json';
    const endpoint = discovery.endpoints.find((e) => e.specification.includes('GeoReport_v2') && e.formats.includes(mediaType));
    if (!endpoint) throw new Error('no GeoReport v2 endpoint');
    return new GeoReportClient(fetch, endpoint.url, format);
  }

  private url(resource: string, query: Record<string, string> = {}) {
    const q = new URLSearchParams(query).toString();
    return `${this.endpoint}/${resource}.${this.format}${q ? `?${q}` : ''}`;
  }

  services() { return read(this.fetch, this.url('services'), this.format) as Promise<Record<string, Value>[]>; }
  definition(serviceCode: string) { return read(this.fetch, this.url(`services/${encodeURIComponent(serviceCode)}`), this.format) as Promise<{ service_code: string; attributes: Record<string, Value>[] }>; }
  requests(query: Record<string, string> = {}) { return read(this.fetch, this.url('requests', query), this.format) as Promise<Record<string, Value>[]>; }
  request(id: string) { return read(this.fetch, this.url(`requests/${encodeURIComponent(id)}`), this.format) as Promise<Record<string, Value>[]>; }
  token(token: string) { return read(this.fetch, this.url(`tokens/${encodeURIComponent(token)}`), this.format) as Promise<Record<string, Value>[]>; }

  /** POST a service request: the spec's form fields, `attribute[code]` for the definition's attributes. */
  async create(fields: Record<string, string>) {
    return read(this.fetch, this.url('requests'), this.format, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    }) as Promise<Record<string, Value>[]>;
  }
}

async function read(fetch: Fetch, url: string, format: Format, init?: RequestInit): Promise<Value> {
  const response = await fetch(url, init);
  const text = await response.text();
  const value = format === 'xml' ? readXml(text).value : JSON.parse(text) as Value;
  if (!response.ok) throw new Open311Error(response.status, value);
  return value;
}
