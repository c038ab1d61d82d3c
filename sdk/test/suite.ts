// The SDK's own suite, one body for two runners: over real HTTP in Node 22 against `wrangler dev`
// (e2e/sdk.test.ts) and inside workerd against the worker itself (sdk/test/sdk.test.ts). Each runner
// gives a stack: where the service answers, a site with a unit to write to, and an admin of it.
import { beforeAll, describe, expect, it } from 'vitest';
import { createClient, createConsoleClient, LiuyanError, type CreateMessageInput, type LiuyanClient, type MessageCreated } from '../src/package';

export interface SdkStack {
  /** Where the service answers, e.g. `http://127.0.0.1:8840`. */
  baseUrl: string;
  /** How requests reach it; the global `fetch` when not given. */
  fetch?: typeof fetch;
  site: string;
  /** A unit citizens may write to. */
  unitId: string;
  /** An admin of the site, who signs in with these. */
  admin: { email: string; password: string };
}

/** A mobile number of its own for each message: the service caps messages per phone and day. */
const newPhone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

const message = (unitId: string, title: string): CreateMessageInput => ({
  unitId,
  type: 'suggestion',
  domain: 'transport',
  title,
  body: '县城到高铁站的公交末班车是晚上七点，晚上到站的旅客只能打车，建议延长到晚上十点。',
  region: '城关镇',
  author: { name: '李秀英', phone: newPhone(), email: null },
  isPublic: true,
  consent: true,
});

/** The rejection of `promise`, which must reject. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => expect.unreachable('it should have failed'), (error: unknown) => error);
}

/** A service that answers once with `status` (and `Retry-After`), then passes requests on; it counts them. */
function flaky(pass: typeof fetch, status: number, retryAfter?: string) {
  const calls: string[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    calls.push(init?.method ?? 'GET');
    if (calls.length > 1) return pass(input, init);
    return new Response(JSON.stringify({ type: '/docs/errors#internal', title: 'busy', status, code: status === 429 ? 'too_many_requests' : 'internal' }), {
      status, headers: { 'Content-Type': 'application/problem+json', 'X-Request-Id': 'req-flaky', ...(retryAfter ? { 'Retry-After': retryAfter } : {}) },
    });
  };
  return { fetch: fetcher, calls };
}

export function sdkSuite(makeStack: () => Promise<SdkStack> | SdkStack): void {
  let stack: SdkStack;
  let client: LiuyanClient;
  let created: MessageCreated;
  const title = `高铁站公交末班车延长 ${Date.now().toString(36)}`;

  beforeAll(async () => {
    stack = await makeStack();
    client = createClient({ baseUrl: stack.baseUrl, site: stack.site, fetch: stack.fetch, retries: 2 });
  });

  describe('the SDK', () => {
    it('reads the site, submits once per Idempotency-Key, and tracks with the bookmark of the write', async () => {
      const site = await client.getSite();
      expect(JSON.stringify(site.units)).toContain(`"id":"${stack.unitId}"`);

      const idempotencyKey = crypto.randomUUID();
      const input = message(stack.unitId, title);
      created = await client.submitMessage(input, { idempotencyKey });
      expect(await client.submitMessage(input, { idempotencyKey })).toEqual(created);
      // D1 read replication: the write's bookmark (sealed) comes back, and goes with the next requests.
      const bookmark = client.bookmark;
      expect(bookmark).toMatch(/^v1:/);
      await client.getSite();
      expect(client.bookmark).toBe(bookmark);

      const tracked = await client.track(created.trackingCode);
      expect(tracked).toMatchObject({ id: created.id, title, unit: { id: stack.unitId } });
      expect(tracked.timeline.map((e) => e.kind)).toEqual(['submitted']);
    });

    it('signs an official in from a script, who publishes and replies; the board shows the reply at once', async () => {
      const officials = createConsoleClient({ baseUrl: stack.baseUrl, fetch: stack.fetch, keepSession: true });
      const me = await officials.signIn({ site: stack.site, email: stack.admin.email, password: stack.admin.password });
      expect(me.role).toBe('admin');
      // Found in the queue by its id (among a busy site's messages it may stand anywhere in the order of deadlines).
      const queue = await officials.messages.list({ tab: 'all', q: created.id });
      expect(queue.items.map((m) => m.id)).toEqual([created.id]);
      const held = await officials.messages.get(created.id);
      if (held.moderation === 'pending') await officials.messages.act(created.id, 'publish', {});
      await officials.messages.act(created.id, 'accept', {});
      const reply = '已与县公交公司协商，自下月起末班车延长至晚上九点半。';
      await officials.messages.act(created.id, 'reply', { kind: 'final', body: reply });

      const detail = await client.getMessage(created.id);
      expect(detail.replies.map((r) => r.body)).toEqual([reply]);
      const board = await client.listMessages({ status: 'answered', limit: 5 });
      expect(board.items[0]?.id).toBe(created.id);

      await officials.signOut();
      const after = await failure(officials.me());
      expect(after).toMatchObject({ status: 401, code: 'unauthenticated' });
    });

    it('lets the author rate the reply, ask a follow-up, and export their data', async () => {
      const rated = await client.rate({ trackingCode: created.trackingCode, overall: 4, resolution: 4, attitude: 5, speed: 4 });
      expect(rated.ratings).toHaveLength(1);
      expect(rated.can.rate).toBe(false);
      const asked = await client.followUp({ trackingCode: created.trackingCode, question: '九点半之后到站的旅客怎么办？能否再晚一些？' });
      expect(asked.followUps.map((f) => f.body)).toEqual(['九点半之后到站的旅客怎么办？能否再晚一些？']);
      const mine = await client.exportMyData(created.trackingCode);
      expect(mine.contact.name).toBe('李秀英');
      expect(mine.message.id).toBe(created.id);
    });

    it('supports once per reader, and reads statistics and suggestion drives', async () => {
      const first = await client.support(created.id);
      expect(first).toEqual({ supportCount: 1, supported: true });
      expect(await client.support(created.id)).toEqual(first);
      const stats = await client.getStats();
      expect(stats.messages).toBeGreaterThan(0);
      const drives = await client.listCampaigns();
      expect(Array.isArray(drives.items)).toBe(true);
      const missing = await failure(client.getCampaign('no-such-drive'));
      expect(missing).toBeInstanceOf(LiuyanError);
      expect(missing).toMatchObject({ status: 404, code: 'not_found' });
      expect((missing as LiuyanError).requestId).toEqual(expect.any(String));
    });

    it('reports a refused field as a typed LiuyanError, in the language asked for, without retrying it', async () => {
      let sent = 0;
      const pass = stack.fetch ?? fetch;
      const english = createClient({ baseUrl: stack.baseUrl, site: stack.site, locale: 'en', fetch: (input, init) => (sent++, pass(input, init)) });
      const error = await failure(english.submitMessage({ ...message(stack.unitId, title), author: { name: '李秀英', phone: '110' } }));
      expect(error).toBeInstanceOf(LiuyanError);
      expect(error).toMatchObject({ status: 422, code: 'validation', retryable: false, retryAfter: null });
      expect((error as LiuyanError).fields).toEqual([
        { field: 'author.phone', code: 'invalid_phone', message: 'Please enter a valid mobile number, or a landline with its area code; outside mainland China, start with + and the country code, such as +852' },
      ]);
      expect(sent).toBe(1);
    });

    it('retries a read after a 503, waiting what Retry-After asks', async () => {
      const service = flaky(stack.fetch ?? fetch, 503, '1');
      const retrying = createClient({ baseUrl: stack.baseUrl, site: stack.site, fetch: service.fetch });
      const notices: { attempt: number; delayMs: number; requestId: string | null }[] = [];
      const site = await retrying.getSite({ onRetry: ({ attempt, delayMs, error }) => notices.push({ attempt, delayMs, requestId: error.requestId }) });
      expect(site.site.id).toBe(stack.site);
      expect(notices).toEqual([{ attempt: 2, delayMs: 1000, requestId: 'req-flaky' }]);
    });

    it('never repeats a write without an Idempotency-Key, nor a 429, nor waits out a long Retry-After', async () => {
      const down = flaky(stack.fetch ?? fetch, 503);
      const tracking = createClient({ baseUrl: stack.baseUrl, site: stack.site, fetch: down.fetch });
      expect(await failure(tracking.track(created.trackingCode))).toMatchObject({ status: 503, retryable: true });
      expect(down.calls).toEqual(['POST']);

      const throttled = flaky(stack.fetch ?? fetch, 429, '1');
      const waiting = createClient({ baseUrl: stack.baseUrl, site: stack.site, fetch: throttled.fetch });
      expect(await failure(waiting.getSite())).toMatchObject({ status: 429, code: 'too_many_requests', retryAfter: 1 });
      expect(throttled.calls).toHaveLength(1);

      const longOutage = flaky(stack.fetch ?? fetch, 503, '3600');
      const patient = createClient({ baseUrl: stack.baseUrl, site: stack.site, fetch: longOutage.fetch });
      expect(await failure(patient.getSite())).toMatchObject({ status: 503, retryAfter: 3600 });
      expect(longOutage.calls).toHaveLength(1);
    });

    it('gives up after its timeout, and stops at once when the caller aborts', async () => {
      const silent: typeof fetch = (_input, init) => new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
      const patient = createClient({ baseUrl: stack.baseUrl, site: stack.site, fetch: silent, timeoutMs: 50, retries: 0 });
      expect(await failure(patient.getSite())).toMatchObject({ status: 0, code: 'network' });

      const controller = new AbortController();
      const retries: number[] = [];
      const pending = createClient({ baseUrl: stack.baseUrl, site: stack.site, fetch: silent, timeoutMs: 50, retries: 5 })
        .listMessages({}, { signal: controller.signal, onRetry: ({ attempt }) => { retries.push(attempt); controller.abort(new Error('left the page')); } });
      expect(await failure(pending)).toMatchObject({ message: 'left the page' });
      expect(retries).toEqual([2]);
    });
  });
}
