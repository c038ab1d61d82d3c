// What a browser and a scanner see on every answer of the service: every operation of the OpenAPI
// document (as the public, and as a signed-in admin), the hosted pages, the docs, 404s and errors.
import { describe, expect, it } from 'vitest';
import { createSite, expectProblem, request, seedMessages, submit, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';
import { HTTP_METHODS, type ApiDocument } from '../openapi';
import { routePattern } from '../../test/public-routes';
import { app } from '../index';

const YEAR = 31_536_000;

/** Checks the headers every answer carries, and returns the answer's type. */
function expectSecurityHeaders(response: Response, what: string): string {
  const type = response.headers.get('Content-Type') ?? '';
  expect(response.headers.get('X-Content-Type-Options'), what).toBe('nosniff');
  const hsts = response.headers.get('Strict-Transport-Security') ?? '';
  expect(Number(/max-age=(\d+)/.exec(hsts)?.[1]), what).toBeGreaterThanOrEqual(YEAR);
  expect(hsts, what).toContain('includeSubDomains');
  expect(response.headers.get('Referrer-Policy'), what).toBeTruthy();
  // The service's clock, within a minute of the test's.
  expect(Math.abs(Date.parse(response.headers.get('Date') ?? '') - Date.now()), `${what}: a Date`).toBeLessThan(60_000);
  if (/^(text\/|application\/([\w.+-]+\+)?(json|xml))/.test(type)) expect(type, `${what}: a charset`).toMatch(/;\s*charset=utf-8/i);
  if (type.startsWith('text/html')) {
    const csp = response.headers.get('Content-Security-Policy') ?? '';
    expect(csp, `${what}: a CSP`).toContain('default-src');
    expect(csp, what).not.toMatch(/unsafe-inline|unsafe-eval/);
  }
  return type;
}

/** Fills a document path's parameters with values that exist where they can. */
function concrete(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'x1');
}

describe('security headers', () => {
  it('every operation of the API, as the public and as an admin: nosniff, HSTS, a charset, no-store on private answers', async () => {
    const { siteId, eduUnit } = await createSite();
    // Submitted, not seeded: its contact details are real ciphertexts an admin can reveal.
    const { id: messageId } = await (await submit(siteId, validMessage(eduUnit))).json<{ id: string }>();
    const admin = await createOfficial(siteId, 'admin');
    const document = await (await request('/openapi.json', { origin: null })).json<ApiDocument>();
    const values = { site: siteId, id: messageId!, messageId: messageId!, format: 'json' };
    let checked = 0;
    // Signing out last: the admin's session serves every other operation.
    const paths = Object.entries(document.paths ?? {}).sort(([a], [b]) => Number(a.includes('sign-out')) - Number(b.includes('sign-out')));
    for (const [path, item] of paths) {
      for (const method of HTTP_METHODS.filter((m) => (item as Record<string, unknown>)[m])) {
        const url = concrete(path, values);
        const body = method === 'get' || method === 'delete' ? undefined : {};
        for (const as of [null, admin]) {
          const response = await consoleRequest(url, { as, method: method.toUpperCase(), body, origin: as ? undefined : 'https://www.county.example.gov.cn' });
          const what = `${method.toUpperCase()} ${path} (${as ? 'admin' : 'public'}) → ${response.status}`;
          expectSecurityHeaders(response, what);
          expect(response.status, `${what}: an empty body or made-up ids are the client's mistake`).toBeLessThan(500);
          if (/^\/v1\/(console|admin|auth)\//.test(path) || method !== 'get') {
            expect(response.headers.get('Cache-Control'), `${what}: no-store`).toContain('no-store');
          }
          await response.arrayBuffer();
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('the submission receipt and a tracked view (tracking code, contact) are never stored by any cache', async () => {
    const { siteId, eduUnit } = await createSite();
    const receipt = await submit(siteId, validMessage(eduUnit));
    expect(receipt.status).toBe(201);
    expect(receipt.headers.get('Cache-Control')).toBe('no-store');
    const { trackingCode } = await receipt.json<{ trackingCode: string }>();
    for (const path of ['track', 'my-data']) {
      const response = await request(`/v1/sites/${siteId}/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trackingCode }) });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('Cache-Control'), path).toBe('no-store');
      expect(expectSecurityHeaders(response, path)).toBe('application/json; charset=UTF-8');
    }
  });

  it('hosted pages, docs, Open311, liveness and 404s: HTML has a CSP without unsafe-*, text has a charset', async () => {
    const { siteId, eduUnit } = await createSite();
    const [messageId] = await seedMessages(siteId, [{ unitId: eduUnit, moderation: 'published' }]);
    const paths = [
      '/healthz', '/openapi.json', '/docs', '/docs/en', '/docs/docs.css', '/docs/',
      `/s/${siteId}`, `/s/${siteId}/`, `/s/${siteId}/write`, `/s/${siteId}/track`, `/s/${siteId}/stats`, `/s/${siteId}/form`, `/s/${siteId}/liuyan.js`, `/s/${siteId}/messages/${messageId}`, `/s/${siteId}/messages/${messageId}/support`,
      `/s/${siteId}/messages/m_unknown`, `/s/${siteId}/campaigns/none`, `/s/${siteId}/nope`, '/s/no-such-site/', '/docs/en/',
      `/open311/v2/${siteId}/discovery.json`, `/open311/v2/${siteId}/discovery.xml`, `/open311/v2/${siteId}/services.json`, `/open311/v2/${siteId}/services.xml`,
      `/open311/v2/${siteId}/services/complaint.education.json`, `/open311/v2/${siteId}/requests.json`, `/open311/v2/${siteId}/requests.xml`,
      `/open311/v2/${siteId}/requests/${messageId}.json`, `/open311/v2/${siteId}/tokens/x.xml`,
      '/no/such/path', `/v1/sites/${siteId}/messages/m_unknown`, '/v1/sites/no-such-site',
    ];
    const types = new Set<string>();
    for (const path of paths) {
      const response = await request(path, { origin: null, redirect: 'manual' });
      types.add(expectSecurityHeaders(response, `GET ${path} → ${response.status}`).split(';')[0]!);
      await response.arrayBuffer();
    }
    // Every route outside the API's operations (those are the test above) was asked.
    const apiPaths = Object.keys((await (await request('/openapi.json', { origin: null })).json<ApiDocument>()).paths ?? {}).map((p) => p.replace(/\{(\w+)\}/g, ':$1'));
    const unasked = [...new Set(app.routes.filter((r) => r.method === 'GET' && !apiPaths.includes(r.path)).map((r) => r.path))]
      .filter((route) => !paths.some((path) => routePattern(route).test(path)));
    expect(unasked).toEqual([]);
    // Each kind of answer was among them.
    expect([...types]).toEqual(expect.arrayContaining(['text/html', 'application/json', 'application/problem+json', 'text/css', 'text/xml', 'text/javascript']));
  });
});

describe('unsupported methods', () => {
  it('answer 405 with Allow (problem+json, method_not_allowed) on a known path, 404 elsewhere', async () => {
    const { siteId } = await createSite();
    const response = await request(`/v1/sites/${siteId}/messages`, { method: 'DELETE' });
    await expectProblem(response, 405, 'method_not_allowed');
    expect(response.headers.get('Allow')).toBe('GET, HEAD, OPTIONS, POST');
    expectSecurityHeaders(response, 'DELETE messages');

    const stats = await request(`/v1/sites/${siteId}/stats`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    await expectProblem(stats, 405, 'method_not_allowed');
    expect(stats.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');

    const page = await request(`/s/${siteId}/`, { method: 'PUT', origin: null });
    await expectProblem(page, 405, 'method_not_allowed');

    // In the reader's language.
    const en = await request(`/v1/sites/${siteId}/messages`, { method: 'PATCH', headers: { 'Accept-Language': 'en' } });
    expect((await en.json<{ title: string }>()).title).toMatch(/method/);

    await expectProblem(await request('/v1/no/such/thing', { method: 'DELETE' }), 404, 'not_found');
    // HEAD is answered wherever GET is.
    expect((await request('/healthz', { method: 'HEAD', origin: null })).status).toBe(200);
    // OPTIONS that is no CORS preflight says what a known path takes.
    for (const [path, allow] of [['/healthz', 'GET, HEAD, OPTIONS'], [`/open311/v2/${siteId}/requests.json`, 'GET, HEAD, OPTIONS, POST']] as const) {
      const options = await request(path, { method: 'OPTIONS', origin: null });
      expect(options.status, path).toBe(204);
      expect(options.headers.get('Allow')).toBe(allow);
      expectSecurityHeaders(options, `OPTIONS ${path}`);
    }
    expect((await request('/v1/no/such/thing', { method: 'OPTIONS', origin: null })).status).toBe(404);
  });
});
