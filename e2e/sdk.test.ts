import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { queryD1 } from '../scripts/local-stack';
import { createClient, LiuyanError, type CreateMessageInput } from '../sdk/src';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../worker/seed/demo-accounts';
import { sdkSuite } from '../sdk/test/suite';
import { citizenPhone, countMessagesTitled, TRACKING_CODE } from './helpers';

/** One citizen per message: the same title (a retried submission) comes from the same phone. */
const phones = new Map<string, string>();
const phoneFor = (title: string) => phones.get(title) ?? phones.set(title, citizenPhone()).get(title)!;
import { WORKER } from './ports';

const client = createClient({ baseUrl: WORKER, site: 'demo' });

const message = (title: string): CreateMessageInput => ({
  unitId: 'u_edu',
  type: 'consultation',
  domain: 'education',
  title,
  body: '孩子明年上小学，户口在乡下、父母在县城务工，能否在县城学校就读？需要什么材料？',
  region: '示范县城关镇',
  author: { name: '王建国', phone: phoneFor(title), email: null },
  isPublic: true,
  consent: true,
});

describe('the SDK over real HTTP', () => {
  it('reads the site, submits, and tracks with typed results', async () => {
    const site = await client.getSite();
    expect(site.site.name).toBe('示范县人民政府');
    expect(site.units.map((u) => u.name)).toContain('示范县县长');

    const title = `随迁子女入学咨询 ${Date.now()}`;
    const created = await client.submitMessage(message(title));
    expect(created.trackingCode).toMatch(TRACKING_CODE);
    expect(created.status).toBe('submitted');

    const tracked = await client.track(created.trackingCode);
    expect(tracked).toMatchObject({ id: created.id, title, unit: { id: 'u_edu', name: '示范县教育局' }, displayName: '王***' });
    expect(tracked.timeline.map((e) => e.kind)).toEqual(['submitted']);
  });

  it('lands a resubmission with the same key on the same message', async () => {
    const title = `校车接送时间咨询 ${Date.now()}`;
    const idempotencyKey = crypto.randomUUID();
    const first = await client.submitMessage(message(title), { idempotencyKey });
    const again = await client.submitMessage(message(title), { idempotencyKey });
    expect(again).toEqual(first);
    expect(countMessagesTitled(title)).toBe(1);
  });

  it('reports an unknown tracking code as not_found', async () => {
    const error = await client.track('2222-3333-4444-5555').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiuyanError);
    expect((error as LiuyanError).code).toBe('not_found');
    expect((error as LiuyanError).status).toBe(404);
  });

  it('lists the public board page by page, and reads one message with its replies', async () => {
    const first = await client.listMessages({ limit: 5, status: 'answered' });
    expect(first.items).toHaveLength(5);
    expect(first.items.every((m) => m.tab === 'answered')).toBe(true);
    expect(first.nextCursor).not.toBeNull();

    const all: string[] = [];
    for await (const message of client.messages({ status: 'answered', limit: 7 })) all.push(message.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all.slice(0, 5)).toEqual(first.items.map((m) => m.id));
    const answered = queryD1<{ n: number }>(inject('persistTo'),
      "SELECT count(*) AS n FROM messages WHERE site_id = 'demo' AND moderation = 'published' AND is_public = 1 AND status IN ('replied', 'closed')")[0]!.n;
    expect(all).toHaveLength(answered);

    const detail = await client.getMessage(first.items[0]!.id);
    expect(detail.replies.length).toBeGreaterThan(0);
    expect(detail.replies.at(-1)!.unit.name).toMatch(/^示范县/);
    expect(detail.timeline[0]!.kind).toBe('submitted');

    const missing = await client.getMessage('m_nosuchmessage').catch((e: unknown) => e);
    expect((missing as LiuyanError).code).toBe('not_found');
  });

  it('retries when there is no answer, then reports a network error', async () => {
    const retries: number[] = [];
    const unreachable = createClient({ baseUrl: 'http://127.0.0.1:9', site: 'demo', retries: 2 });
    const error = await unreachable.submitMessage(message('x'), { onRetry: ({ attempt }) => retries.push(attempt) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiuyanError);
    expect((error as LiuyanError).code).toBe('network');
    expect(retries).toEqual([2, 3]);
  });

  it('supports a public message once per reader, and refuses a message that is not public', async () => {
    const [item] = (await client.listMessages({ status: 'awaiting', limit: 1 })).items;
    // Readers at addresses of their own (`wrangler dev` passes CF-Connecting-IP on, as the edge sets it).
    const readerAt = (address: string) => createClient({
      baseUrl: WORKER, site: 'demo',
      fetch: (input, init) => fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), 'CF-Connecting-IP': address } }),
    });
    const address = `10.9.${Date.now() % 250}.${process.pid % 250}`;
    const reader = readerAt(address);
    const first = await reader.support(item!.id);
    expect(first).toEqual({ supportCount: item!.supportCount + 1, supported: true });
    expect(await reader.support(item!.id)).toEqual(first);
    // Another client with a token of its own, from the same address: still one support (a script
    // making a token per request cannot raise the count); from another address, one more.
    expect((await readerAt(address).support(item!.id)).supportCount).toBe(item!.supportCount + 1);
    expect((await readerAt(address.replace('10.9.', '10.8.')).support(item!.id)).supportCount).toBe(item!.supportCount + 2);
    const error = await reader.support('m_doesnotexist00').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiuyanError);
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
  });
});

// The SDK's own suite (sdk/test/suite.ts), over real HTTP from Node 22; it runs inside workerd too.
describe('the README', () => {
  // A newcomer copies the README's SDK lines first: they must run as written, against the demo site.
  it('its SDK example runs as written: submits, tracks, lists and reads', async () => {
    const root = path.resolve(import.meta.dirname, '..');
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    const example = /## SDK\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toContain("from './sdk/src'");
    const phone = citizenPhone();
    const script = example!
      .replace("from './sdk/src'", `from ${JSON.stringify(path.join(root, 'sdk/src/index.ts'))}`)
      .replace("'http://127.0.0.1:8787'", JSON.stringify(WORKER))
      .replace(/'1[3-9]\d{9}'/, JSON.stringify(phone))
      .replace(/console\.log\([^)]*\)/, 'void message')
      // What the example made, for this test to look at.
      .concat('\nexport { id, trackingCode, dueAt, mine, page, detail };\n');
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'liuyan-readme-')), 'sdk-example.ts');
    await writeFile(file, script);
    const ran = await import(/* @vite-ignore */ file) as { id: string; trackingCode: string; dueAt: string; mine: { id: string }; page: { items: { id: string }[] }; detail: { id: string } };
    expect(ran.trackingCode).toMatch(TRACKING_CODE);
    expect(ran.mine.id).toBe(ran.id);
    expect(ran.page.items.length).toBeGreaterThan(0);
    expect(ran.detail.id).toBe(ran.page.items[0]!.id);
  });
});

describe('the SDK suite in Node', () => {
  sdkSuite(() => ({
    baseUrl: WORKER, site: 'demo', unitId: 'u_transport', admin: { email: DEMO_ACCOUNTS.admin.email, password: DEMO_PASSWORD },
  }));
});
