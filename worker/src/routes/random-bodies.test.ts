// Property-based: random bodies (fast-check) against every write operation of /openapi.json. Bodies
// follow the operation's request schema loosely — its field names, its enum values and examples —
// with any field at any depth replaced by something hostile: emoji, right-to-left text, zero-width
// and bidirectional-override characters, NUL, lone surrogates, huge and odd numbers, wrong types,
// deep nesting, huge strings. Whatever arrives, the service answers 2xx or 4xx, never 5xx, and
// every 4xx is problem+json with a code of the closed list, each field error naming its field. The
// write page's form, sent without a script, gets random forms the same way; its answers are pages.
import { env, exports } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { FieldErrorCodeSchema, ProblemCodeSchema, type Problem } from '../../../sdk/src/schemas/error';
import { ALLOWED_ORIGIN, createSite, request, submit, validMessage } from '../../test/fixtures';
import { CONSOLE_ORIGIN, createOfficial } from '../../test/officials';
import { HONEYPOT_FIELD, KEY_FIELD, newFormKey, PLAIN_FORM_FIELDS, SOURCE_FIELD } from '../hosted/write-form';
import { HTTP_METHODS, type ApiDocument, type ApiOperation } from '../openapi';

/**
 * Runs across all routes, each route its share: `LIUYAN_RANDOM_BODIES` in the environment of the test
 * command (worker/vitest.config.mts), 1,000 unless set. CI (`.ci/run`) sends the 10,000 the proof
 * asks for (10,036 requests over 52 routes took 390–430 s at a load average of 12–18); 1,000 keep a
 * developer's `npm test` about a minute shorter.
 */
const TOTAL_RUNS = inject('randomBodies');

declare module 'vitest' {
  export interface ProvidedContext {
    /** Random bodies to send in all (worker/vitest.config.mts). */
    randomBodies: number;
  }
}

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  examples?: unknown[];
  example?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** Text people and bots send that breaks naive code. */
const HOSTILE_TEXT = [
  '', ' ', '😀👨‍👩‍👧‍👦🏳️‍🌈', 'مرحبا بالعالم', '\u202Eevil\u202C', 'שלום \u200F', '\u200B\u200C\u200D\uFEFF', '\u0000', 'a\u0000b',
  '\uD800', '\uDFFF', 'x\uD83D', '\u3000\u3164\u2800', '𠮷野家', 'Ａ１２３', '<script>alert(1)</script>', "'; DROP TABLE messages; --",
  '%00', '../../etc/passwd', '\r\n\r\n', '\\', '"', '13912345678', 'a@b.c', 'https://example.com/x', 'null', 'true', '1e309',
  '路'.repeat(2_100), 'x'.repeat(9_000),
];
const HOSTILE_NUMBERS = [0, -0, -1, 0.5, 1e308, -1e308, 2 ** 53 + 2, -(2 ** 63), Number.MAX_VALUE, Number.MIN_VALUE, 1e-7, 99_999_999_999];

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_TEXT.slice(0, 20)), fc.string({ maxLength: 10 })).map(([a, b]) => `${b}${a}${b}`) },
);
/** Arrays nested up to 40 deep (the limit is 32). */
const deepNesting = fc.integer({ min: 2, max: 40 }).map((depth) => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
});
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.double(), fc.integer()) },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 3 }) },
  { weight: 1, arbitrary: deepNesting },
);

/** Values shaped by the schema (its enums and examples, its fields), any of them hostile instead. */
function shaped(document: ApiDocument, schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return hostile;
  if (schema.$ref) return shaped(document, resolve(document, schema.$ref), depth);
  const choices: fc.Arbitrary<unknown>[] = [];
  const samples = [...(schema.enum ?? []), ...(schema.examples ?? []), ...(schema.example !== undefined ? [schema.example] : []), ...('const' in schema ? [schema.const] : [])];
  if (samples.length > 0) choices.push(fc.constantFrom(...samples));
  for (const alternative of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) choices.push(shaped(document, alternative, depth + 1));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (schema.properties) {
    const fields = Object.fromEntries(Object.entries(schema.properties).map(([name, field]) => [name, shaped(document, field, depth + 1)]));
    choices.push(fc.record(fields, { requiredKeys: [] }));
  }
  if (types.includes('array')) choices.push(fc.array(shaped(document, schema.items, depth + 1), { maxLength: 5 }));
  if (types.includes('string') && samples.length === 0) choices.push(fc.string({ minLength: 1, maxLength: 20 }));
  if (types.includes('integer') || types.includes('number')) choices.push(fc.integer({ min: -2, max: 400 }));
  if (types.includes('boolean')) choices.push(fc.boolean());
  if (choices.length === 0) return hostile;
  return fc.oneof({ weight: 4, arbitrary: fc.oneof(...choices) }, { weight: 1, arbitrary: hostile });
}

function resolve(document: ApiDocument, ref: string): JsonSchema {
  const name = ref.replace('#/components/schemas/', '');
  return ((document.components as { schemas?: Record<string, JsonSchema> } | undefined)?.schemas ?? {})[name] ?? {};
}

interface WriteRoute {
  method: string;
  /** As the document writes it. */
  path: string;
  contentType: string;
  schema: JsonSchema | undefined;
}

function writeRoutes(document: ApiDocument): WriteRoute[] {
  const routes: WriteRoute[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, ApiOperation | undefined>)[method];
      const content = (operation?.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)?.content;
      // Signing out ends the session the next run needs; it takes no fields.
      if (!operation || !content || path.includes('sign-out')) continue;
      const contentType = content['application/json'] ? 'application/json' : Object.keys(content)[0]!;
      routes.push({ method: method.toUpperCase(), path, contentType, schema: content[contentType]?.schema });
    }
  }
  return routes;
}

const problemCodes = new Set<string>(ProblemCodeSchema.options);
const fieldCodes = new Set<string>(FieldErrorCodeSchema.options);

/** What every answer must be; returns why not, or null. */
async function wrongAnswer(response: Response, open311: boolean): Promise<string | null> {
  const text = await response.text();
  if (response.status >= 500 || response.status < 200) return `status ${response.status}: ${text.slice(0, 300)}`;
  if (response.status < 400) return null;
  if (open311) {
    // Open311 GeoReport v2 has its own error shape: a list of {code, description}, in JSON or XML.
    if (/xml/.test(response.headers.get('Content-Type') ?? '')) return text.includes(`<code>${response.status}</code>`) && text.includes('<description>') ? null : `not an Open311 error: ${text.slice(0, 200)}`;
    const errors = JSON.parse(text) as { code: number; description: string }[];
    return Array.isArray(errors) && errors.length > 0 && errors.every((e) => e.code === response.status && e.description) ? null : `not an Open311 error: ${text.slice(0, 200)}`;
  }
  if (!/^application\/problem\+json/.test(response.headers.get('Content-Type') ?? '')) return `${response.status} as ${response.headers.get('Content-Type')}: ${text.slice(0, 200)}`;
  const problem = JSON.parse(text) as Problem;
  if (!problemCodes.has(problem.code)) return `unknown problem code ${problem.code}`;
  if (problem.status !== response.status) return `problem status ${problem.status} on a ${response.status}`;
  if (problem.code === 'validation' && !problem.errors?.length) return 'validation without a field error';
  for (const error of problem.errors ?? []) {
    if (typeof error.field !== 'string' || error.field === '') return `a field error names no field: ${JSON.stringify(error)}`;
    if (!fieldCodes.has(error.code)) return `unknown field code ${error.code} on ${error.field}`;
    if (!error.message) return `field error ${error.field} without a message`;
  }
  return null;
}

describe('random bodies on every write route', () => {
  it('only 2xx and 4xx; every 4xx a problem with a stable code, field errors naming their field', { timeout: 1_200_000 }, async () => {
    const document = await (await request('/openapi.json', { origin: null })).json<ApiDocument>();
    const routes = writeRoutes(document);
    expect(routes.length).toBeGreaterThan(40);
    const runsPerRoute = Math.ceil(TOTAL_RUNS / routes.length);
    let sent = 0;
    const started = Date.now();
    let address = 0;
    const timings: [string, number][] = [];
    /** Answers by status and problem code: how deep the random bodies got. */
    const answers = new Map<string, number>();
    for (const route of routes) {
      const routeStarted = Date.now();
      // A site of its own per route: what one route's random writes change (a site's origins, an
      // official's password) cannot blind the next route.
      const { siteId, eduUnit } = await createSite();
      const { id: messageId } = await (await submit(siteId, validMessage(eduUnit))).json<{ id: string }>();
      const admin = await createOfficial(siteId, 'admin');
      const values: Record<string, string> = { site: siteId, id: messageId, unitId: eduUnit };
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'x1');
      const isJson = route.contentType === 'application/json';
      const body = isJson
        ? fc.oneof({ weight: 8, arbitrary: shaped(document, route.schema) }, { weight: 1, arbitrary: hostile }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) })
        : fc.uint8Array({ maxLength: 64 });
      await fc.assert(fc.asyncProperty(body, async (value) => {
        sent++;
        address++;
        const headers = new Headers({
          'Content-Type': route.contentType,
          'Idempotency-Key': crypto.randomUUID(),
          // Each run from its own address, so the rate limits (tested elsewhere) do not answer instead.
          'CF-Connecting-IP': `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
        });
        const isPublic = path.startsWith('/v1/sites/') || path.startsWith('/open311/');
        headers.set('Origin', isPublic ? ALLOWED_ORIGIN : CONSOLE_ORIGIN);
        if (!isPublic) headers.set('Cookie', admin.cookie);
        const response = await exports.default.fetch(new Request(`${CONSOLE_ORIGIN}${path}`, {
          method: route.method, headers, body: isJson ? JSON.stringify(value) : new Uint8Array(value as Uint8Array),
        }));
        const kind = `${response.status} ${response.headers.get('Content-Type')?.includes('problem') ? (await response.clone().json<Problem>()).code : ''}`.trim();
        answers.set(kind, (answers.get(kind) ?? 0) + 1);
        const wrong = await wrongAnswer(response, path.startsWith('/open311/'));
        if (wrong) throw new Error(`${route.method} ${route.path}: ${wrong}`);
      }), { numRuns: runsPerRoute });
      timings.push([`${route.method} ${route.path}`, Date.now() - routeStarted]);
    }
    console.log(timings.sort((a, b) => b[1] - a[1]).slice(0, 12).map(([r, ms]) => `${r}: ${ms} ms`).join('\n'));
    console.log([...answers].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`).join(', '));
    console.log(`random bodies: ${sent} requests over ${routes.length} write routes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(sent).toBeGreaterThanOrEqual(TOTAL_RUNS);
  });
});

/**
 * The write page's form as a browser without a script sends it (`POST /s/:site/write`: not an API
 * operation, so not in the document above), its answers pages, not problems: the form again with each
 * error beside its field (422), the limit above it (429), a page saying what could not be read (400,
 * 403, 413, 415), or the receipt with its tracking code.
 */
describe('random forms on the write page', () => {
  it('only 2xx and 4xx, each a page: the form again with every error beside a field it has, or the receipt', { timeout: 600_000 }, async () => {
    const { siteId, eduUnit } = await createSite();
    const fieldNames = [...PLAIN_FORM_FIELDS, KEY_FIELD, HONEYPOT_FIELD, SOURCE_FIELD, `${SOURCE_FIELD}Signature`, 'campaign', 'author', 'unknown'];
    /** What a citizen fills in right, each field of which a run may replace, repeat or leave out. */
    const right: Record<string, string> = {
      unitId: eduUnit, type: 'complaint', domain: 'education', title: '城关小学门口早晚高峰拥堵', body: '每天早上七点半到八点，城关小学门口车辆乱停，孩子过马路很危险。',
      region: '测试县城关镇', 'author.name': '陈明', 'author.phone': '13912345678', 'author.email': '', 'author.displayAs': 'masked', isPublic: 'true', consent: 'true',
    };
    // A key the write page drew a minute before (the same for every run: what was sent tells them apart).
    const drawnKey = await newFormKey(env.HASH_KEY, siteId, 'form', Date.now() - 60_000);
    const value = (name: string) => fc.oneof(
      { weight: 3, arbitrary: fc.constant(right[name] ?? '') },
      { weight: 1, arbitrary: fc.constant(crypto.randomUUID().replaceAll('-', '')) },
      { weight: 3, arbitrary: hostileString },
    );
    const fields = fc.array(fc.constantFrom(...fieldNames).chain((name) => value(name).map((v) => [name, v] as [string, string])), { maxLength: 20 })
      .map((pairs) => new URLSearchParams(pairs).toString());
    // A form filled in right with a key the page drew, a few of its fields changed or added.
    const mostlyRight = fc.array(fc.constantFrom(...fieldNames).chain((name) => value(name).map((v) => [name, v] as [string, string])), { maxLength: 3 })
      .map((changes) => new URLSearchParams({ ...right, [KEY_FIELD]: drawnKey, ...Object.fromEntries(changes) }).toString());
    const body = fc.oneof(
      { weight: 4, arbitrary: mostlyRight },
      { weight: 4, arbitrary: fields },
      // Not what a browser sends: broken percent-encoding, bytes that are not UTF-8, anything.
      { weight: 1, arbitrary: fc.tuple(fields, fc.constantFrom('%', '%E5%9F', '%FF%FE', '&&==&', '%00')).map(([f, tail]) => `${f}&title=${tail}`) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    );
    const contentType = fc.oneof(
      { weight: 6, arbitrary: fc.constant('application/x-www-form-urlencoded') },
      { weight: 1, arbitrary: fc.constantFrom('application/x-www-form-urlencoded; charset=UTF-8', 'application/x-www-form-urlencoded; charset=gbk', 'text/plain', 'application/json') },
    );
    const origin = fc.constantFrom<string | null>(CONSOLE_ORIGIN, CONSOLE_ORIGIN, ALLOWED_ORIGIN, 'null', 'https://elsewhere.example', null);
    const errorIds = new Set([...PLAIN_FORM_FIELDS, 'form'].map((f) => `liuyan-${f}-error`));
    const statuses = new Map<number, number>();
    let address = 0;
    await fc.assert(fc.asyncProperty(body, contentType, origin, async (sent, type, from) => {
      address++;
      const headers = new Headers({ 'Content-Type': type, 'CF-Connecting-IP': `10.200.${(address >> 8) & 255}.${address & 255}` });
      if (from !== null) headers.set('Origin', from);
      const response = await exports.default.fetch(new Request(`${CONSOLE_ORIGIN}/s/${siteId}/write`, {
        method: 'POST', headers, body: typeof sent === 'string' ? sent : new Uint8Array(sent),
      }));
      const text = await response.text();
      const what = `${response.status} for ${type} from ${from}: ${typeof sent === 'string' ? sent.slice(0, 200) : '(bytes)'}`;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status, what).toBeGreaterThanOrEqual(200);
      expect(response.status, what).toBeLessThan(500);
      expect(response.headers.get('Content-Type'), what).toMatch(/^text\/html; charset=UTF-8$/i);
      expect(text, what).toMatch(/<title>[^<]+<\/title>/);
      if (response.status === 200) expect(text, what).toMatch(/id="tracking-code">[0-9A-Z]{4}(-<wbr>[0-9A-Z]{4}){3}</);
      if (response.status === 422 || response.status === 429) {
        const lines = [...text.matchAll(/<p class="liuyan-error" id="([^"]+)"[^>]*>([^<]*)</g)];
        expect(lines.length, `${what}: an error said`).toBeGreaterThan(0);
        for (const [, id, sentence] of lines) {
          expect(errorIds.has(id!), `${what}: ${id} is a field's`).toBe(true);
          expect(sentence!.trim(), `${what}: ${id} says something`).not.toBe('');
        }
      }
    }), { numRuns: Math.max(100, Math.ceil(TOTAL_RUNS / 50)) });
    console.log(`random forms on the write page: ${[...statuses].sort().map(([status, n]) => `${status}: ${n}`).join(', ')}`);
    // The runs reached the checks past the form's reading, and some stored a message.
    expect(statuses.get(422)).toBeGreaterThan(0);
    expect(statuses.get(200)).toBeGreaterThan(0);
  });
});
