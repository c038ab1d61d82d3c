import { describe, expect, it } from 'vitest';
import { createSite, expectNothingWritten, expectProblem, request, submit, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';
import { signIn } from '../../test/sign-in';
import { app } from '../index';

const LIMIT = 16_384;

describe('json body: media type', () => {
  it('refuses text/plain with 415 before anything is written', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, validMessage(eduUnit), { headers: { 'Content-Type': 'text/plain' } });
    await expectProblem(response, 415, 'unsupported_media_type');
    await expectNothingWritten(siteId);
  });

  it('refuses a form post and a request with no Content-Type', async () => {
    const { siteId, eduUnit } = await createSite();
    await expectProblem(
      await submit(siteId, 'title=x', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported_media_type',
    );
    const response = await request(`/v1/sites/${siteId}/messages`, {
      method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() }, body: new TextEncoder().encode(JSON.stringify(validMessage(eduUnit))),
    });
    await expectProblem(response, 415, 'unsupported_media_type');
    await expectNothingWritten(siteId);
  });

  it('accepts application/json with a charset, in any case', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, validMessage(eduUnit), { headers: { 'Content-Type': 'Application/JSON; charset=utf-8' } });
    expect(response.status).toBe(201);
  });

  it('applies to the track route too', async () => {
    const { siteId } = await createSite();
    const response = await request(`/v1/sites/${siteId}/track`, {
      method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ trackingCode: 'AAAA-BBBB-CCCC-DDDD' }),
    });
    await expectProblem(response, 415, 'unsupported_media_type');
  });
});

describe('json body: size', () => {
  it(`refuses a body over ${LIMIT} bytes with 413 before anything is written`, async () => {
    const { siteId, eduUnit } = await createSite();
    const body = JSON.stringify({ ...validMessage(eduUnit), padding: 'x'.repeat(LIMIT) });
    expect(new TextEncoder().encode(body).length).toBeGreaterThan(LIMIT);
    await expectProblem(await submit(siteId, body), 413, 'payload_too_large');
    await expectNothingWritten(siteId);
  });

  it('refuses an oversized body sent in chunks, with no Content-Length', async () => {
    const { siteId, eduUnit } = await createSite();
    const chunk = new TextEncoder().encode(JSON.stringify({ ...validMessage(eduUnit), padding: 'x'.repeat(6000) }));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 4) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await request(`/v1/sites/${siteId}/messages`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() }, body: stream,
    });
    await expectProblem(response, 413, 'payload_too_large');
    await expectNothingWritten(siteId);
  });

  it('accepts a message at the longest body the form allows', async () => {
    const { siteId, eduUnit } = await createSite();
    // 2000 Chinese characters are 6000 bytes in UTF-8: well inside the limit.
    const response = await submit(siteId, validMessage(eduUnit, { body: '路'.repeat(2000) }));
    expect(response.status).toBe(201);
  });
});

describe('json body: syntax', () => {
  it('answers malformed JSON with 400 malformed_json', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, JSON.stringify(validMessage(eduUnit)).slice(0, -3));
    await expectProblem(response, 400, 'malformed_json');
    await expectNothingWritten(siteId);
  });

  it('answers a body that is JSON but not an object with 422, not a crash', async () => {
    const { siteId } = await createSite();
    for (const body of ['[]', '"hello"', 'null', '42']) {
      await expectProblem(await submit(siteId, body), 422, 'validation');
    }
    await expectNothingWritten(siteId);
  });

  it('answers an empty body with 400 malformed_json', async () => {
    const { siteId } = await createSite();
    await expectProblem(await submit(siteId, ''), 400, 'malformed_json');
    await expectNothingWritten(siteId);
  });
});

describe('json body: every way a client may write the JSON media type', () => {
  // Seen from real clients: trailing semicolons, white space before the semicolon, empty and
  // malformed parameters. Each is JSON; none may reach a 5xx anywhere.
  const JSON_TYPES = [
    'application/json', 'application/json;', 'application/json; foo', 'application/json ;charset=utf-8',
    'application/json; charset=utf-8;', 'APPLICATION/JSON;CHARSET=UTF-8', 'application/json; charset="utf-8"', ' application/json ',
    'application/json;charset=UTF8',
  ];

  it.each(JSON_TYPES)('Content-Type: %j is read as JSON on submission and tracking', async (contentType) => {
    const { siteId, eduUnit } = await createSite();
    const submitted = await submit(siteId, validMessage(eduUnit), { headers: { 'Content-Type': contentType } });
    expect(submitted.status).toBe(201);
    const tracked = await request(`/v1/sites/${siteId}/track`, {
      method: 'POST', headers: { 'Content-Type': contentType }, body: JSON.stringify({ trackingCode: (await submitted.json<{ trackingCode: string }>()).trackingCode }),
    });
    expect(tracked.status).toBe(200);
  });

  it.each(JSON_TYPES)('Content-Type: %j is read as JSON on sign-in', async (contentType) => {
    const { siteId } = await createSite();
    const response = await signIn({ site: siteId, email: `nobody-${crypto.randomUUID()}@county.example.gov.cn`, password: 'wrong password here' }, { headers: { 'Content-Type': contentType } });
    await expectProblem(response, 401, 'sign_in_failed');
  });

  it('refuses a body that is not well-formed UTF-8 as malformed, rather than storing U+FFFD in its place', async () => {
    const { siteId, eduUnit } = await createSite();
    const json = JSON.stringify(validMessage(eduUnit, { title: 'TITLEMARK' }));
    const [before, after] = json.split('TITLEMARK') as [string, string];
    const bytes = new Uint8Array([...new TextEncoder().encode(`${before}AB`), 0xff, 0xfe, 0xc3, 0x28, 0xe5, 0x8e, ...new TextEncoder().encode(after)]);
    const response = await request(`/v1/sites/${siteId}/messages`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() }, body: bytes,
    });
    await expectProblem(response, 400, 'malformed_json');
    await expectNothingWritten(siteId);
  });

  it.each(['application/json; charset=gbk', 'application/json-patch+json', 'application/jsonx', 'text/json'])(
    'Content-Type: %j is refused with 415 (JSON is UTF-8 and application/json here)', async (contentType) => {
      const { siteId, eduUnit } = await createSite();
      await expectProblem(await submit(siteId, validMessage(eduUnit), { headers: { 'Content-Type': contentType } }), 415, 'unsupported_media_type');
      await expectNothingWritten(siteId);
    });

  it('no route that takes a body answers 5xx to any of them, whatever the body', { timeout: 60_000 }, async () => {
    const { siteId, eduUnit } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const routes = app.routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && r.path.startsWith('/v1/'));
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const path = route.path.replace(':site', siteId).replace(':id', eduUnit);
      for (const contentType of ['application/json;', 'application/json; foo', 'application/json; charset=utf-8;', 'text/plain', '']) {
        for (const body of ['{}', 'not json', 'null']) {
          const headers: Record<string, string> = { 'Idempotency-Key': crypto.randomUUID() };
          if (contentType) headers['Content-Type'] = contentType;
          const response = path.startsWith('/v1/sites/')
            ? await request(path, { method: route.method, headers, body })
            : await consoleRequest(path, { as: admin, method: route.method, headers, rawBody: body });
          expect(response.status, `${route.method} ${route.path} ${contentType} ${body}`).toBeLessThan(500);
        }
      }
    }
  });
});
