// The API description and its reference page, as a developer reads them. The linter itself runs in
// Node (openapi.node.test.ts): it does not load in workerd.
import { createRoute, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { createCampaign, createSite, request, seedMessages } from '../test/fixtures';
import { DESCRIPTIONS_ZH, OPERATION_DESCRIPTIONS_ZH } from './docs/descriptions.zh-cn';
import { OPERATION_TITLES_ZH } from './docs/operation-titles';
import { renderDocs } from './docs/render';
import { newRouteGroup } from './app';
import { app } from './index';
import { apiDocument, HTTP_METHODS, type ApiDocument, type ApiOperation } from './openapi';

/**
 * Routes of the app that are deliberately not operations of the API document, each with why.
 * Any other route the app answers must be in the document, and everything in it must be a route.
 */
const UNDOCUMENTED: { route: RegExp; reason: string }[] = [
  { route: /^GET \/healthz$/, reason: 'liveness for monitors and the benchmark baseline, not part of the API' },
  { route: /^GET \/openapi\.json$/, reason: 'the document itself' },
  { route: /^GET \/docs(\/en|\/docs\.css)?\/?$/, reason: 'the reference page rendered from the document, and its stylesheet (a trailing slash redirects)' },
  { route: /^(GET|POST) \/s\//, reason: 'the hosted board: HTML pages for people (and the write page’s form sent without a script), not an API' },
];

async function documentFrom(path = '/openapi.json'): Promise<ApiDocument> {
  const response = await request(path, { origin: null });
  expect(response.status).toBe(200);
  // Tools on other origins (an API client, a code generator in a browser) may read it.
  expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
  return response.json<ApiDocument>();
}

function operations(document: ApiDocument): { route: string; operation: ApiOperation }[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) => HTTP_METHODS
    .filter((method) => (item as Record<string, unknown>)[method])
    .map((method) => ({ route: `${method.toUpperCase()} ${path}`, operation: (item as Record<string, ApiOperation>)[method]! })));
}

/** `/v1/sites/:site/messages/:id{[a-z_0-9]+}` as the document writes it: `/v1/sites/{site}/messages/{id}`. */
const documentPath = (honoPath: string) => honoPath.replace(/:(\w+)(\{[^}]*\})?\??/g, '{$1}');

describe('GET /openapi.json', () => {
  it('documents every route the app answers, and nothing else', async () => {
    const documented = new Set(operations(await documentFrom()).map(({ route }) => route));
    const registered = new Set(app.routes.filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method} ${documentPath(route.path)}`));
    const missing = [...registered].filter((route) => !documented.has(route) && !UNDOCUMENTED.some((u) => u.route.test(route)));
    expect(missing, 'routes missing from the document (document them, or list them in UNDOCUMENTED with a reason)').toEqual([]);
    expect([...documented].filter((route) => !registered.has(route)), 'operations the app does not answer').toEqual([]);
    expect([...documented].filter((route) => UNDOCUMENTED.some((u) => u.route.test(route))), 'documented routes listed as undocumented').toEqual([]);
    // The main public routes are where a developer expects them, under their contract names.
    expect(documented).toContain('POST /v1/sites/{site}/messages');
    expect(documented).toContain('GET /v1/console/messages');
  });

  it('says who may call each operation, groups it under a described tag, and names it once', async () => {
    const document = await documentFrom();
    const all = operations(document);
    const byRoute = Object.fromEntries(all.map(({ route, operation }) => [route, operation]));
    expect(byRoute['POST /v1/sites/{site}/messages']).toMatchObject({ operationId: 'submitMessage', tags: ['submission'], security: [] });
    expect(byRoute['POST /v1/auth/sign-in']!.security).toEqual([]);
    expect(byRoute['GET /v1/console/messages']!.security).toEqual([{ consoleSession: [] }]);
    expect(byRoute['PATCH /v1/admin/site']).toMatchObject({ tags: ['admin'], security: [{ consoleSession: [] }] });
    expect(document.components?.securitySchemes?.consoleSession).toMatchObject({ type: 'apiKey', in: 'cookie', name: '__Host-liuyan_session' });

    const tagNames = new Set((document.tags ?? []).map((tag) => tag.name));
    for (const { route, operation } of all) {
      expect(operation.security, route).toBeDefined();
      expect(operation.tags?.length, route).toBe(1);
      expect(tagNames, route).toContain(operation.tags![0]);
      expect(OPERATION_TITLES_ZH[operation.operationId!], `${route}: its Chinese title in docs/operation-titles.ts`).toBeTruthy();
    }
    const ids = all.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const tag of document.tags ?? []) expect(tag.description, tag.name).toBeTruthy();
    expect(document.servers).toEqual([{ url: 'https://liuyan.test', description: 'this deployment' }]);
    expect(document.info.license?.name).toBe('MIT');
  });

  it('declares the read-replication bookmark: sent with every site request, answered by a write', async () => {
    const document = await documentFrom();
    const byRoute = Object.fromEntries(operations(document).map(({ route, operation }) => [route, operation]));
    const sends = (route: string) => JSON.stringify(byRoute[route]!.parameters ?? []).includes('#/components/parameters/D1Bookmark');
    const answers = (route: string, status: string) => (byRoute[route]!.responses![status] as { headers?: Record<string, unknown> }).headers?.['x-d1-bookmark'];
    expect(document.components?.parameters?.D1Bookmark).toMatchObject({ name: 'x-d1-bookmark', in: 'header', required: false });
    for (const route of ['POST /v1/sites/{site}/messages', 'GET /v1/sites/{site}/messages', 'POST /v1/sites/{site}/track', 'GET /open311/v2/{site}/requests.json']) {
      expect(sends(route), route).toBe(true);
    }
    expect(answers('POST /v1/sites/{site}/messages', '201')).toEqual({ $ref: '#/components/headers/D1Bookmark' });
    expect(answers('GET /v1/sites/{site}/messages', '200')).toBeUndefined();
    // The console's routes do not read a bookmark.
    expect(sends('GET /v1/console/messages')).toBe(false);
  });

  it('declares Retry-After on every answer that says to wait (429, 503)', async () => {
    const waits = operations(await documentFrom()).flatMap(({ route, operation }) => ['429', '503']
      .filter((status) => operation.responses?.[status])
      .map((status) => ({ route, status, headers: Object.keys((operation.responses![status] as { headers?: object }).headers ?? {}) })));
    expect(waits.length).toBeGreaterThan(50);
    expect(waits.filter((w) => !w.headers.includes('Retry-After'))).toEqual([]);
  });

  it('declares the entity tags of what it answers: ETag and If-None-Match (304) on every read that has one, If-Match on every action that checks it (412)', async () => {
    const document = await documentFrom();
    const all = operations(document);
    const site = await createSite();
    const [id] = await seedMessages(site.siteId, [{ unitId: site.eduUnit, moderation: 'published' }]);
    await createCampaign(site.siteId, { slug: 'jianyan', startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() + 86_400_000) });
    // Each public read the document lists, asked for as a reader would, in both formats where there are two.
    const paths: Record<string, string> = { site: site.siteId, id: id!, slug: 'jianyan', file: 'complaint.transport.json' };
    const reads = all.filter(({ route }) => route.startsWith('GET ') && !/\{(photoId|sha256)\}|\/tokens\//.test(route));
    expect(reads.length).toBeGreaterThan(12);
    const mismatched: string[] = [];
    for (const { route, operation } of reads) {
      const path = route.slice(4).replace(/\{(\w+)\}/g, (_, name: string) => paths[name]!).replace('requests/complaint.transport.json', `requests/${id}.json`);
      const response = await request(path, { origin: null });
      if (response.status !== 200) continue;
      const tagged = response.headers.has('ETag');
      if (tagged !== Boolean(operation.responses?.['304'])) mismatched.push(`${route} answers ${tagged ? 'an' : 'no'} ETag`);
      else if (tagged) {
        expect((await request(path, { origin: null, headers: { 'If-None-Match': response.headers.get('ETag')! } })).status, route).toBe(304);
        expect(JSON.stringify(operation.parameters), route).toContain('#/components/parameters/IfNoneMatch');
        expect((operation.responses!['200'] as { headers?: object }).headers, route).toMatchObject({ ETag: { $ref: '#/components/headers/ETag' } });
      }
    }
    expect(mismatched).toEqual([]);
    // An action on a message is refused (412) when the message changed since the version sent in If-Match.
    const checked = all.filter(({ operation }) => operation.responses?.['412']);
    expect(checked.map(({ route }) => route)).toContain('POST /v1/console/messages/{id}/reply');
    for (const { route, operation } of checked) expect(JSON.stringify(operation.parameters), route).toContain('#/components/parameters/IfMatch');
    expect(document.components?.parameters?.IfMatch).toMatchObject({ name: 'If-Match', in: 'header', required: false });
  });

  it('shows a developer Chinese examples of what citizens and officials write', async () => {
    const document = await documentFrom();
    const submit = document.paths!['/v1/sites/{site}/messages']!.post!.requestBody as { content: Record<string, { schema: { examples: { title: string; body: string }[] } }> };
    const example = submit.content['application/json']!.schema.examples[0]!;
    expect(example.title).toBe('城关小学门口早晚高峰拥堵');
    expect(example.body).toMatch(/[\u4e00-\u9fff]{10}/);
    const text = JSON.stringify(document);
    expect(text).toContain('"examples":["示范县教育局"]');
    expect(text).toContain('"examples":["您好，您反映的问题已转县公安局交警大队');
  });
});

describe('apiDocument', () => {
  it('gives a route added without tags, security or operationId those of its prefix', () => {
    const routes = newRouteGroup();
    const answer = { 200: { description: 'ok', content: { 'application/json': { schema: z.object({ ok: z.boolean() }) } } } };
    routes.openapi(createRoute({ method: 'get', path: '/v1/admin/integration-keys/{id}', summary: 's', request: { params: z.object({ id: z.string() }) }, responses: answer }), (c) => c.json({ ok: true }, 200));
    routes.openapi(createRoute({ method: 'post', path: '/open311/v2/{site}/requests.json', summary: 's', request: { params: z.object({ site: z.string() }) }, responses: answer }), (c) => c.json({ ok: true }, 200));
    routes.openapi(createRoute({ method: 'get', path: '/open311/v2/{site}/services.json', summary: 's', request: { params: z.object({ site: z.string() }) }, responses: answer }), (c) => c.json({ ok: true }, 200));
    const document = apiDocument(routes, 'https://liuyan.test');
    expect(document.paths!['/v1/admin/integration-keys/{id}']!.get).toMatchObject({
      operationId: 'getAdminIntegrationKeysById', tags: ['admin'], security: [{ consoleSession: [] }],
    });
    expect(document.paths!['/open311/v2/{site}/requests.json']!.post).toMatchObject({ tags: ['open311'], security: [{ integrationKey: [] }] });
    expect(document.paths!['/open311/v2/{site}/services.json']!.get).toMatchObject({ tags: ['open311'], security: [] });
    expect(document.components!.securitySchemes!.integrationKey).toMatchObject({ type: 'apiKey', in: 'query', name: 'api_key' });
  });
});

describe('GET /docs', () => {
  it('is the reference in Chinese, every operation under its tag, with no script and nothing from another host', async () => {
    const response = await request('/docs', { origin: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    const csp = response.headers.get('Content-Security-Policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toMatch(/script-src|unsafe-inline|https?:/);
    const html = await response.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h1>留言 API 参考');
    expect(html).toContain('<h2>写留言</h2>');
    expect(html).not.toMatch(/<script|\sstyle=|\son\w+=/i);
    // Every link and stylesheet is this service's own.
    expect([...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]).filter((url) => !url!.startsWith('/') && !url!.startsWith('#'))).toEqual([]);
    for (const { operation } of operations(await documentFrom())) {
      expect(html, operation.operationId).toContain(`id="op-${operation.operationId}"`);
    }
    // One operation as a developer reads it: its Chinese title, the body's fields and its example.
    const submit = html.slice(html.indexOf('id="op-submitMessage"'), html.indexOf('</section>', html.indexOf('id="op-submitMessage"')));
    expect(submit).toContain('提交留言；只在这一次的答复中给出查询码');
    expect(submit).toContain('<code>author.name</code>');
    expect(submit).toContain('idempotency-key');
    expect(submit).toContain('1–50 个字符');
    expect(submit).toContain('&#34;城关小学门口早晚高峰拥堵&#34;');
    expect(submit).toContain('无需登录');
    // Codes are read with the labels the board shows for them.
    expect(submit).toContain('suggestion 建言 · complaint 投诉 · help 求助 · consultation 咨询');

    const css = await request('/docs/docs.css', { origin: null });
    expect(css.headers.get('Content-Type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('@media (max-width: 40rem)');
  });

  it('says in Chinese what each operation, parameter and answer is, and what a field is where it has the words', async () => {
    const document = await documentFrom();
    const missing: string[] = [];
    const headers = document.components?.headers as Record<string, { description?: string }>;
    for (const { route, operation } of operations(document)) {
      if (operation.description && !OPERATION_DESCRIPTIONS_ZH[operation.operationId!]) missing.push(`${route}: its description`);
      for (const parameter of (operation.parameters ?? []) as { $ref?: string; description?: string; schema?: { description?: string } }[]) {
        const text = parameter.description ?? parameter.schema?.description;
        if (text && !DESCRIPTIONS_ZH[text]) missing.push(`${route}: ${text}`);
      }
      for (const [status, answer] of Object.entries(operation.responses ?? {}) as [string, { description: string }][]) {
        if (!DESCRIPTIONS_ZH[answer.description]) missing.push(`${route} ${status}: ${answer.description}`);
      }
    }
    const shared = Object.values(document.components?.parameters ?? {}) as { description?: string }[];
    for (const { description } of [...Object.values(headers), ...shared]) if (!DESCRIPTIONS_ZH[description!]) missing.push(description!);
    expect(missing, 'add the Chinese words to docs/descriptions.zh-cn.ts').toEqual([]);

    const html = await (await request('/docs', { origin: null })).text();
    const stats = html.slice(html.indexOf('id="op-getStats"'), html.indexOf('</section>', html.indexOf('id="op-getStats"')));
    expect(stats).toContain('replyRate（回复率）');
    expect(stats).not.toContain('What each figure means');
    expect(stats).toContain('统计的第一个月，YYYY-MM（北京时间）');
    expect(stats).toContain('服务暂时无法应答');
    const submit = html.slice(html.indexOf('id="op-submitMessage"'), html.indexOf('</section>', html.indexOf('id="op-submitMessage"')));
    expect(submit).toContain('<code>x-d1-bookmark</code> （响应头）');
    expect(submit).not.toContain('Submit a message');
    // What is left in English is marked as such, and is a small part of the page.
    const english = [...html.matchAll(/<span lang="en">(.*?)<\/span>/g)].map((m) => m[1]);
    const prose = html.replace(/<(pre|code)>[\s\S]*?<\/\1>/g, '').replace(/<span lang="en">.*?<\/span>/g, '').replace(/<[^>]+>/g, ' ');
    expect(prose.match(/[A-Za-z]{4,}(?: [A-Za-z]{3,}){3,}/g) ?? [], 'English sentences not marked as English').toEqual([]);
    expect(english.length, english.join('\n')).toBeLessThan(10);
  });

  it('redirects /docs/ and /docs/en/ to the pages', async () => {
    for (const [path, to] of [['/docs/', '/docs'], ['/docs/en/?x=1', '/docs/en?x=1']]) {
      const response = await request(path!, { origin: null, redirect: 'manual' });
      expect(response.status, path).toBe(308);
      const location = new URL(response.headers.get('Location')!, 'https://liuyan.test');
      expect(location.pathname + location.search).toBe(to);
    }
  });

  it('is in English at /docs/en, each page linking the other', async () => {
    const english = await (await request('/docs/en', { origin: null })).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('<h2>Writing a message</h2>');
    expect(english).toContain('Submit a message; answers once with the private tracking code');
    expect(english).toContain('an official’s session');
    expect(english).toContain('href="/docs" hreflang="zh-CN"');
    expect(await (await request('/docs', { origin: null })).text()).toContain('href="/docs/en" hreflang="en"');
  });

  it('escapes every text it takes from the document', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const html = renderDocs({
      openapi: '3.1.0',
      info: { title: hostile, version: `1"><b>` },
      servers: [{ url: `https://x.test/${hostile}` }],
      paths: {
        '/v1/sites/{site}/x': {
          get: {
            operationId: `x"><i>`, summary: hostile, description: hostile, tags: ['public'], security: [],
            parameters: [{ name: hostile, in: 'query', description: hostile, schema: { type: 'string', examples: [hostile] } }],
            responses: { 200: { description: hostile, content: { 'application/json': { schema: { type: 'object', properties: { [hostile]: { type: 'string', description: hostile } }, examples: [{ a: hostile }] } } } } },
          },
        },
      },
    }, 'en');
    expect(html).not.toMatch(/<script|<img|<b>|<i>/);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });
});
