// A public box holds against floods: submissions are capped exactly (per client address per hour, per
// phone per day, per site per minute, set per site), searches, tracking and 我也关注 are counted per
// client address, and a retry of a stored submission is never counted or refused.
import { describe, expect, it } from 'vitest';
import type { RateLimit } from '../../../sdk/src/schemas/error';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import { countRows, createSite, expectProblem, request, seedMessages, submit, track, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';

const ADDRESS = '203.0.113.7';
const from = (address: string) => ({ 'CF-Connecting-IP': address });
/** A citizen of their own: each message from a different phone. */
const citizen = (i: number) => ({ author: { name: '陈明', phone: `1391234${String(1000 + i)}` } });

async function expectTooMany(response: Response, { maxWait, limit }: { maxWait: number; limit: RateLimit }) {
  // Whose count is full, for an integration relaying many citizens to tell one citizen's from its own.
  expect(await expectProblem(response, 429, 'too_many_requests')).toMatchObject({ limit });
  const wait = Number(response.headers.get('Retry-After'));
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(maxWait);
}

/**
 * Waits, if need be, for the start of the next wall-clock minute, so that a test counting up to a
 * per-minute limit runs inside one window: the limits' windows are aligned to the clock (the Rate
 * Limiting binding's, and the site's per-minute cap in D1), and a count split across two windows is
 * allowed twice over.
 */
async function inOneMinuteWindow(): Promise<void> {
  const into = Date.now() % 60_000;
  if (into > 40_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - into + 250));
}

async function setLimits(siteId: string, submissionLimits: Record<string, number>) {
  const admin = await createOfficial(siteId, 'admin');
  const response = await consoleRequest('/v1/admin/site', { as: admin, method: 'PATCH', body: { submissionLimits } });
  expect(response.status).toBe(200);
}

describe('submissions', () => {
  it('takes 10 an hour from one client address, then asks it to wait, with nothing written', async () => {
    const { siteId, eduUnit } = await createSite();
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const response = await submit(siteId, validMessage(eduUnit, citizen(i)), { headers: from(ADDRESS) });
      statuses.push(response.status);
      if (response.status === 429) await expectTooMany(response, { maxWait: 3600, limit: 'address' });
    }
    expect(statuses).toEqual([...Array(10).fill(201), ...Array(5).fill(429)]);
    expect(await countRows('messages', siteId)).toBe(10);
    // Another address is not held back by this one.
    expect((await submit(siteId, validMessage(eduUnit, citizen(99)), { headers: from('198.51.100.20') })).status).toBe(201);
  });

  it('takes 5 a day for one phone number, however it is written, then asks to wait until the next China day', async () => {
    const { siteId, eduUnit } = await createSite();
    const spellings = ['13800138000', '+86 138 0013 8000', '138-0013-8000', '0086 13800138000', '１３８００１３８０００', '138 0013 8000'];
    const statuses: number[] = [];
    for (const phone of spellings) {
      const response = await submit(siteId, validMessage(eduUnit, { author: { name: '陈明', phone } }));
      statuses.push(response.status);
      if (response.status === 429) await expectTooMany(response, { maxWait: 86_400, limit: 'phone' });
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it('takes as many a minute for the whole site as its admin allows', async () => {
    await inOneMinuteWindow();
    const { siteId, eduUnit } = await createSite();
    await setLimits(siteId, { perSiteMinute: 3 });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await submit(siteId, validMessage(eduUnit, citizen(i)))).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(await countRows('messages', siteId)).toBe(3);
  });

  it('holds the cap exactly when submissions arrive at once', async () => {
    const { siteId, eduUnit } = await createSite();
    await setLimits(siteId, { perPhoneDay: 3 });
    const responses = await Promise.all(Array.from({ length: 8 }, () => submit(siteId, validMessage(eduUnit))));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429, 429, 429]);
    expect(await countRows('messages', siteId)).toBe(3);
  });

  it('never counts or refuses a retry of a stored submission, even once the cap is reached', async () => {
    const { siteId, eduUnit } = await createSite();
    await setLimits(siteId, { perAddressHour: 2 });
    const key = crypto.randomUUID();
    const first = await submit(siteId, validMessage(eduUnit, citizen(1)), { key, headers: from(ADDRESS) });
    expect(first.status).toBe(201);
    const answer = await first.json<MessageCreated>();
    // Retries of the same submission: the same answer, and still room for one more message.
    for (let i = 0; i < 3; i++) {
      const retry = await submit(siteId, validMessage(eduUnit, citizen(1)), { key, headers: from(ADDRESS) });
      expect(retry.status).toBe(201);
      expect(await retry.json<MessageCreated>()).toEqual(answer);
    }
    expect((await submit(siteId, validMessage(eduUnit, citizen(2)), { headers: from(ADDRESS) })).status).toBe(201);
    await expectTooMany(await submit(siteId, validMessage(eduUnit, citizen(3)), { headers: from(ADDRESS) }), { maxWait: 3600, limit: 'address' });
    // The cap reached, the first submission's retry is still answered.
    const late = await submit(siteId, validMessage(eduUnit, citizen(1)), { key, headers: from(ADDRESS) });
    expect(late.status).toBe(201);
    expect(await late.json<MessageCreated>()).toEqual(answer);
    expect(await countRows('messages', siteId)).toBe(2);
  });

  it('lets admins set the caps, refusing values out of range', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const response = await consoleRequest('/v1/admin/site', { as: admin, method: 'PATCH', body: { submissionLimits: { perPhoneDay: 0, perAddressHour: 1.5 } } });
    const problem = await expectProblem(response, 422, 'validation');
    expect(problem.errors!.map((e) => e.field).sort()).toEqual(['submissionLimits.perAddressHour', 'submissionLimits.perPhoneDay']);
    const changed = await consoleRequest('/v1/admin/site', { as: admin, method: 'PATCH', body: { submissionLimits: { perPhoneDay: 20 } } });
    expect((await changed.json<{ submissionLimits: unknown }>()).submissionLimits).toEqual({ perAddressHour: 10, perPhoneDay: 20, perSiteMinute: 30 });
  });
});

describe('reads and 我也关注, per client address', () => {
  it('searches: 60 a minute from one address, then 429 with Retry-After', async () => {
    await inOneMinuteWindow();
    const { siteId } = await createSite();
    const statuses: number[] = [];
    for (let i = 0; i < 65; i++) statuses.push((await request(`/v1/sites/${siteId}/messages?q=${encodeURIComponent(`路灯${i}`)}`, { headers: from(ADDRESS) })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    await expectTooMany(await request(`/v1/sites/${siteId}/messages?q=x`, { headers: from(ADDRESS) }), { maxWait: 60, limit: 'client' });
    // HEAD runs the same search: it is counted and refused the same way.
    expect((await request(`/v1/sites/${siteId}/messages?q=x`, { method: 'HEAD', headers: from(ADDRESS) })).status).toBe(429);
    // Board pages without a search are not counted.
    expect((await request(`/v1/sites/${siteId}/messages`, { headers: from(ADDRESS) })).status).toBe(200);
  });

  it('tracking-code lookups: 20 a minute from one address', async () => {
    await inOneMinuteWindow();
    const { siteId } = await createSite();
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      statuses.push((await request(`/v1/sites/${siteId}/track`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', ...from(ADDRESS) }, body: JSON.stringify({ trackingCode: `K7QM-4XPH-9TRW-${String(1000 + i)}` }),
      })).status);
    }
    expect(statuses).toEqual([...Array(20).fill(404), 429, 429]);
    // Without an edge address (a server using the SDK) nothing is counted here.
    expect((await track(siteId, 'K7QM-4XPH-9TRW-2CVB')).status).toBe(404);
  });

  it('我也关注 and other public writes: 60 a minute from one address', async () => {
    await inOneMinuteWindow();
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit }]);
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) {
      statuses.push((await request(`/v1/sites/${siteId}/messages/${id}/support`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', ...from(ADDRESS) }, body: JSON.stringify({ supporter: crypto.randomUUID().replaceAll('-', '') }),
      })).status);
    }
    expect(statuses).toEqual([...Array(60).fill(200), 429, 429]);
  });
});
