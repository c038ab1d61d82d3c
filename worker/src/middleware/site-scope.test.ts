import { describe, expect, it } from 'vitest';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import {
  ALLOWED_ORIGIN, countRows, createSite, expectNothingWritten, expectProblem, FOREIGN_ORIGIN, request, seedMessages, submit, validMessage,
} from '../../test/fixtures';

const ACAO = 'Access-Control-Allow-Origin';

function preflight(siteId: string, origin: string) {
  return request(`/v1/sites/${siteId}/messages`, {
    method: 'OPTIONS',
    origin,
    headers: { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, idempotency-key' },
  });
}

describe('site scope: the site', () => {
  it('answers 404 site_not_found for an unknown site, on every route', async () => {
    await expectProblem(await request('/v1/sites/no-such-site'), 404, 'site_not_found');
    const { eduUnit } = await createSite();
    await expectProblem(await submit('no-such-site', validMessage(eduUnit)), 404, 'site_not_found');
    await expectProblem(await request('/v1/sites/no-such-site/track', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trackingCode: 'AAAA-BBBB-CCCC-DDDD' }),
    }), 404, 'site_not_found');
  });

  it('lets any page read that an unknown site does not exist, so an element with a mistyped site says so', async () => {
    const response = await request('/v1/sites/no-such-site', { origin: FOREIGN_ORIGIN });
    await expectProblem(response, 404, 'site_not_found');
    expect(response.headers.get(ACAO)).toBe(FOREIGN_ORIGIN);
    expect(response.headers.get('Vary')).toMatch(/Origin/);
  });
});

describe('site scope: origins', () => {
  it('refuses a write from an origin not on the allow-list, before anything is written', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, validMessage(eduUnit), { origin: FOREIGN_ORIGIN });
    await expectProblem(response, 403, 'origin_not_allowed');
    expect(response.headers.get(ACAO)).toBe(FOREIGN_ORIGIN); // the refusal is readable; nothing else is
    await expectNothingWritten(siteId);
  });

  it('lets an allowed origin read the 201', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, validMessage(eduUnit), { origin: ALLOWED_ORIGIN });
    expect(response.status).toBe(201);
    expect(response.headers.get(ACAO)).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get('Vary')).toMatch(/Origin/);
  });

  it('lets an allowed origin read a 422, so the widget can show field errors', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, validMessage(eduUnit, { title: '' }), { origin: ALLOWED_ORIGIN });
    expect(response.headers.get(ACAO)).toBe(ALLOWED_ORIGIN);
    const problem = await expectProblem(response, 422, 'validation');
    expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'title', code: 'required' }));
  });

  it('lets an allowed origin read a 415', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, validMessage(eduUnit), { origin: ALLOWED_ORIGIN, headers: { 'Content-Type': 'text/plain' } });
    expect(response.headers.get(ACAO)).toBe(ALLOWED_ORIGIN);
    await expectProblem(response, 415, 'unsupported_media_type');
  });

  it('answers a preflight from an allowed origin with 204 and the headers a submission needs', async () => {
    const { siteId } = await createSite();
    const response = await preflight(siteId, ALLOWED_ORIGIN);
    expect(response.status).toBe(204);
    expect(response.headers.get(ACAO)).toBe(ALLOWED_ORIGIN);
    const allowHeaders = (response.headers.get('Access-Control-Allow-Headers') ?? '').toLowerCase().split(/\s*,\s*/);
    expect(allowHeaders).toEqual(expect.arrayContaining(['idempotency-key', 'content-type']));
    expect(response.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    await expectNothingWritten(siteId);
  });

  it('answers a preflight from a foreign origin, so that its browser sends the request and can read why it is refused', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await preflight(siteId, FOREIGN_ORIGIN);
    expect(response.status).toBe(204);
    expect(response.headers.get(ACAO)).toBe(FOREIGN_ORIGIN);
    // The request itself: refused before its body is read, readably, with nothing written.
    const submitted = await submit(siteId, validMessage(eduUnit), { origin: FOREIGN_ORIGIN });
    await expectProblem(submitted, 403, 'origin_not_allowed');
    expect(submitted.headers.get(ACAO)).toBe(FOREIGN_ORIGIN);
    await expectNothingWritten(siteId);
  });

  it('refuses every read from a foreign origin, and lets its browser read why (and nothing of the site)', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit, title: '县城的路灯坏了' }]);
    for (const path of [`/v1/sites/${siteId}`, `/v1/sites/${siteId}/messages`, `/v1/sites/${siteId}/messages/${id}`, `/v1/sites/${siteId}/messages?q=%E8%B7%AF%E7%81%AF`]) {
      const response = await request(path, { origin: FOREIGN_ORIGIN });
      const problem = await expectProblem(response, 403, 'origin_not_allowed');
      expect(response.headers.get(ACAO), path).toBe(FOREIGN_ORIGIN);
      expect(response.headers.get('Vary')).toContain('Origin');
      expect(response.headers.get('Cache-Control')).toBe('no-store');
      expect(JSON.stringify(problem)).not.toContain('路灯');
    }
  });

  it('lets a foreign origin read the refusal of a write too, with nothing written', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, validMessage(eduUnit), { origin: FOREIGN_ORIGIN });
    await expectProblem(response, 403, 'origin_not_allowed');
    expect(response.headers.get(ACAO)).toBe(FOREIGN_ORIGIN);
    await expectNothingWritten(siteId);
  });

  it('grants the site config to an allowed origin', async () => {
    const { siteId } = await createSite();
    const response = await request(`/v1/sites/${siteId}`, { origin: ALLOWED_ORIGIN });
    expect(response.status).toBe(200);
    expect(response.headers.get(ACAO)).toBe(ALLOWED_ORIGIN);
  });

  it('accepts a request with no Origin (a server using the SDK)', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, validMessage(eduUnit), { origin: null });
    expect(response.status).toBe(201);
    expect(response.headers.get(ACAO)).toBeNull();
    const { id } = await response.json<MessageCreated>();
    expect(id).toMatch(/^m_/);
    expect(await countRows('messages', siteId)).toBe(1);
  });

  it("accepts the service's own pages", async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, validMessage(eduUnit), { origin: 'https://liuyan.test' });
    expect(response.status).toBe(201);
    expect(response.headers.get(ACAO)).toBe('https://liuyan.test');
  });

  it("does not take one site's allowed origin for another's", async () => {
    const { siteId, eduUnit } = await createSite();
    const other = await createSite();
    // Each fixture site lists ALLOWED_ORIGIN; a look-alike that is not listed is refused.
    const lookAlike = `${ALLOWED_ORIGIN}.evil.example.com`;
    await expectProblem(await submit(siteId, validMessage(eduUnit), { origin: lookAlike }), 403, 'origin_not_allowed');
    await expectProblem(await submit(other.siteId, validMessage(other.eduUnit), { origin: 'http://www.county.example.gov.cn' }), 403, 'origin_not_allowed');
    await expectNothingWritten(siteId);
    await expectNothingWritten(other.siteId);
  });
});

describe('site scope: D1 read replication', () => {
  const SEALED = /^v1:[A-Za-z0-9+/=_-]+:[A-Za-z0-9+/=_-]+$/;

  it('answers a write with its bookmark, sealed, and takes it back on the next request', async () => {
    const { siteId, eduUnit } = await createSite();
    const written = await submit(siteId, validMessage(eduUnit), { origin: ALLOWED_ORIGIN });
    expect(written.status).toBe(201);
    const bookmark = written.headers.get('x-d1-bookmark')!;
    // Sealed afresh each time: the database's write position is nobody's business.
    expect(bookmark).toMatch(SEALED);
    expect(bookmark).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{8}-/);
    // A page on another origin may read it, and send it back.
    expect(written.headers.get('Access-Control-Expose-Headers')).toContain('x-d1-bookmark');
    // The service's clock, for a news site's countdown on a phone whose own is wrong.
    expect(written.headers.get('Access-Control-Expose-Headers')).toContain('Date');
    const allowed = await request(`/v1/sites/${siteId}/messages`, {
      method: 'OPTIONS', origin: ALLOWED_ORIGIN,
      headers: { 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-d1-bookmark' },
    });
    expect(allowed.headers.get('Access-Control-Allow-Headers')).toContain('x-d1-bookmark');

    // A read takes it and gives none back (a cached answer's older one must not replace it); a write gives a new one.
    const read = await request(`/v1/sites/${siteId}`, { headers: { 'x-d1-bookmark': bookmark } });
    expect(read.status).toBe(200);
    expect(read.headers.get('x-d1-bookmark')).toBeNull();
    const again = await submit(siteId, validMessage(eduUnit, { author: { name: '陈明', phone: '13912345679', email: null } }), { headers: { 'x-d1-bookmark': bookmark } });
    expect(again.status).toBe(201);
    expect(again.headers.get('x-d1-bookmark')).toMatch(SEALED);
    expect(again.headers.get('x-d1-bookmark')).not.toBe(bookmark);
  });

  it('ignores a bookmark that is not one of its own, and gives none with a refusal', async () => {
    const { siteId, eduUnit } = await createSite();
    for (const forged of ['00000000-00000016-00000000-00000000000000000000000000000000', "v1:AAAA:'; DROP TABLE messages; --", 'x'.repeat(5000)]) {
      const response = await request(`/v1/sites/${siteId}`, { headers: { 'x-d1-bookmark': forged } });
      expect(response.status, forged.slice(0, 20)).toBe(200);
    }
    const refused = await submit(siteId, validMessage(eduUnit, { title: '' }));
    expect(refused.status).toBe(422);
    expect(refused.headers.get('x-d1-bookmark')).toBeNull();
  });
});
