// Request bodies on every write route of the API (generated from /openapi.json): too large → 413,
// too deep → 400, and a field the route does not define ignored the same way everywhere.
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../sdk/src/schemas/error';
import { createSite, expectNothingWritten, expectProblem, messageRow, request, submit, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';
import { HTTP_METHODS, type ApiDocument, type ApiOperation } from '../openapi';
import { jsonDepth, MAX_JSON_DEPTH } from './json-body';

/** A value nested `depth` deep, counting the object it sits in: `{"deep": [[…]]}`. */
const nested = (depth: number) => `${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}`;

/** Every operation that takes a JSON body, with its path's parameters filled in. */
async function jsonWriteRoutes(values: Record<string, string>) {
  const document = await (await request('/openapi.json', { origin: null })).json<ApiDocument>();
  const routes: { method: string; path: string; route: string }[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, ApiOperation | undefined>)[method];
      const content = (operation?.requestBody as { content?: Record<string, unknown> } | undefined)?.content;
      if (!operation || !content?.['application/json'] || path.includes('sign-out')) continue;
      routes.push({ method: method.toUpperCase(), path: path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'x1'), route: `${method.toUpperCase()} ${path}` });
    }
  }
  return routes;
}

describe('jsonDepth', () => {
  it('counts objects and arrays, not brackets inside strings', () => {
    expect(jsonDepth('{"a": {"b": [1, 2]}}')).toBe(3);
    expect(jsonDepth('{"title": "[[[[{{{{\\"]]]"}')).toBe(1);
    expect(jsonDepth(`{"deep": ${nested(MAX_JSON_DEPTH)}}`)).toBe(MAX_JSON_DEPTH);
  });
});

describe('request body limits, on every write route', () => {
  it('too large → 413 payload_too_large; too deep → 400 json_too_deep; an unknown field is never an error', { timeout: 60_000 }, async () => {
    const { siteId, eduUnit } = await createSite();
    const submitted = await (await submit(siteId, validMessage(eduUnit))).json<{ id: string }>();
    const admin = await createOfficial(siteId, 'admin');
    const routes = await jsonWriteRoutes({ site: siteId, id: submitted.id, unitId: eduUnit });
    expect(routes.length).toBeGreaterThan(40);
    for (const { method, path, route } of routes) {
      const send = (rawBody: string) => consoleRequest(path, {
        as: admin, method, rawBody, headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        origin: path.startsWith('/v1/sites/') ? 'https://www.county.example.gov.cn' : undefined,
      });
      await expectProblem(await send(JSON.stringify({ padding: 'x'.repeat(17_000) })), 413, 'payload_too_large');
      const deep = await send(`{"deep": ${nested(MAX_JSON_DEPTH + 1)}}`);
      expect(deep.status, route).toBe(400);
      expect((await deep.json<Problem>()).code, route).toBe('json_too_deep');
      // Ignored: never named, never a 400, whatever else the route says of the body.
      const unknown = await send(JSON.stringify({ zzNotAField: 1 }));
      const text = await unknown.text();
      expect(unknown.status, `${route}: ${text}`).not.toBe(400);
      expect(text, route).not.toContain('zzNotAField');
    }
  });

  it('a valid body with an extra field is taken as if the field were not there, and the field is not stored', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, { ...validMessage(eduUnit), zzNotAField: '不存在的字段', author: { ...validMessage(eduUnit).author, zzAlso: 1 } });
    expect(response.status).toBe(201);
    const { id } = await response.json<{ id: string }>();
    expect(JSON.stringify(await messageRow(id))).not.toContain('不存在的字段');

    const admin = await createOfficial(siteId, 'admin');
    const patched = await consoleRequest('/v1/admin/site', { as: admin, method: 'PATCH', body: { name: '测试县人民政府（新）', zzNotAField: true } });
    expect(patched.status).toBe(200);

    // As deep as allowed is fine (in a field that is then ignored).
    const { siteId: other, eduUnit: otherUnit } = await createSite();
    const deepest = JSON.stringify(validMessage(otherUnit)).replace(/^\{/, `{"deep": ${nested(MAX_JSON_DEPTH - 1)},`);
    expect((await submit(other, deepest)).status).toBe(201);
    const tooDeep = JSON.stringify(validMessage(otherUnit)).replace(/^\{/, `{"deep": ${nested(MAX_JSON_DEPTH + 1)},`);
    const { siteId: third } = await createSite();
    await expectProblem(await submit(third, tooDeep), 400, 'json_too_deep');
    await expectNothingWritten(third);
  });
});
