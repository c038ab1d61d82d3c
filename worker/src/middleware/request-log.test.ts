// The request log, as an operator reads it with `wrangler tail`: one JSON line per request, and
// never anything a citizen wrote or could be found by (their name, phone, e-mail, tracking code, address).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTHOR, createSite, request, submit, validMessage } from '../../test/fixtures';
import type { RequestLogLine } from './request-log';

const ADDRESS = '203.0.113.79';
const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** Everything the worker printed while a test ran, from every console method. */
let printed: string[] = [];
const originals = new Map<string, (...args: unknown[]) => void>();

beforeEach(() => {
  printed = [];
  for (const method of METHODS) {
    const original = console[method];
    originals.set(method, original);
    console[method] = (...args: unknown[]) => {
      printed.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      original.apply(console, args);
    };
  }
});
afterEach(() => {
  for (const method of METHODS) console[method] = originals.get(method)!;
});

const lines = () => printed.filter((p) => p.startsWith('{"requestId"')).map((p) => JSON.parse(p) as RequestLogLine);
const lineOf = (response: Response) => lines().find((l) => l.requestId === response.headers.get('X-Request-Id'));

describe('request log', () => {
  it('a submission with a phone and an e-mail, its tracking, a search and its errors: one line each, no personal data anywhere', async () => {
    const { siteId, eduUnit } = await createSite();
    // Even an X-Request-Id a client makes up is not taken: the service names its requests itself.
    const headers = { 'CF-Connecting-IP': ADDRESS, 'User-Agent': `test ${AUTHOR.phone}`, 'X-Request-Id': `phone-${AUTHOR.phone}` };
    const submitted = await submit(siteId, validMessage(eduUnit), { headers });
    expect(submitted.status).toBe(201);
    const { trackingCode, id } = await submitted.json<{ trackingCode: string; id: string }>();
    const json = { ...headers, 'Content-Type': 'application/json' };
    const answers = [
      submitted,
      await request(`/v1/sites/${siteId}/track`, { method: 'POST', headers: json, body: JSON.stringify({ trackingCode }) }),
      await request(`/v1/sites/${siteId}/my-data`, { method: 'POST', headers: json, body: JSON.stringify({ trackingCode }) }),
      // A search for the author's name, a path and a query holding the phone, a refused e-mail.
      await request(`/v1/sites/${siteId}/messages?q=${encodeURIComponent(AUTHOR.name)}`, { headers }),
      await request(`/v1/sites/${siteId}/messages/${AUTHOR.phone}?email=${encodeURIComponent(AUTHOR.email)}`, { headers }),
      await submit(siteId, validMessage(eduUnit, { author: { name: AUTHOR.name, phone: AUTHOR.phone, email: `${AUTHOR.email}@@`, displayAs: 'masked' } }), { headers }),
      await request(`/v1/sites/${siteId}/my-data/erase`, { method: 'POST', headers: json, body: JSON.stringify({ trackingCode }) }),
    ];
    for (const answer of answers.slice(1)) await answer.arrayBuffer();
    // Work the request left for later (the outbox: webhooks, notifications) logs too.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const all = printed.join('\n');
    for (const secret of [AUTHOR.name, AUTHOR.phone, AUTHOR.email, trackingCode, trackingCode.replaceAll('-', ''), ADDRESS, encodeURIComponent(AUTHOR.name)]) {
      expect(all, secret).not.toContain(secret);
    }

    // One line per request, found by the answer's X-Request-Id, naming the route by its pattern.
    for (const answer of answers) expect(lineOf(answer), answer.url).toBeDefined();
    expect(lineOf(answers[0]!)).toMatchObject({
      method: 'POST', route: '/v1/sites/:site/messages', status: 201,
      durationMs: expect.any(Number), d1: { queries: expect.any(Number), rowsRead: expect.any(Number), rowsWritten: expect.any(Number) },
    });
    expect(lineOf(answers[0]!)!.d1.rowsWritten).toBeGreaterThan(0);
    expect(lineOf(answers[0]!)!.error).toBeUndefined();
    expect(lineOf(answers[4]!)).toMatchObject({ method: 'GET', status: 404, error: 'not_found' });
    expect(lineOf(answers[5]!)).toMatchObject({ route: '/v1/sites/:site/messages', status: 422, error: 'validation' });
    expect(JSON.stringify(lines())).not.toContain(id.slice(2)); // not even a message id: routes are patterns
  });

  it('requests that touch no database, 405s and pages are logged too', async () => {
    const { siteId } = await createSite();
    const answers = [
      await request('/healthz', { origin: null }),
      await request('/docs/docs.css', { origin: null }),
      await request(`/v1/sites/${siteId}/stats`, { method: 'DELETE' }),
    ];
    expect(lineOf(answers[0]!)).toMatchObject({ method: 'GET', route: '/healthz', status: 200, d1: { queries: 0, rowsRead: 0, rowsWritten: 0 } });
    expect(lineOf(answers[1]!)).toMatchObject({ route: '/docs/docs.css', status: 200 });
    expect(lineOf(answers[2]!)).toMatchObject({ method: 'DELETE', status: 405, error: 'method_not_allowed' });
  });
});
