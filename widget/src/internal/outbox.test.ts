import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import { amend, dequeue, enqueue, listen, outboxName, queuedFor, type OutboxNews, type Queued } from './outbox';

// Node has BroadcastChannel but no localStorage: a Map stands in for the browser's storage, written
// and read as a tab's own copy of it, so a test can leave it behind what another tab did.
class MapStorage {
  private items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, String(value));
  removeItem = (key: string) => void this.items.delete(key);
}

const site = 'outbox-test';
const entry = (key: string): Queued<{ title: string }> => ({
  key,
  input: { type: 'consultation', title: key, body: `${key} 的正文，写得足够长。` } as Queued<unknown>['input'],
  values: { title: key },
  savedAt: new Date().toISOString(),
});
const keysKept = () => (JSON.parse(localStorage.getItem(outboxName(site)) ?? '[]') as Queued<unknown>[]).map((e) => e.key);

describe('the outbox as one tab reads it while another tab sends', () => {
  beforeEach(() => {
    (globalThis as { localStorage?: unknown }).localStorage = new MapStorage();
  });
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('a submission another tab says it sent is not the next one waiting, though this tab still reads it in storage', async () => {
    enqueue(site, entry('A'));
    enqueue(site, entry('B'));
    // The other tab sent A and took it out of its storage; this tab hears that before its own copy of
    // localStorage changes (each tab may be a process of its own): A is still in what it reads.
    const next = new Promise<string | undefined>((resolve) => {
      const stop = listen(site, (news: OutboxNews) => {
        stop();
        resolve(news.key === 'A' ? queuedFor(site)?.key : undefined);
      });
    });
    const otherTab = new BroadcastChannel(outboxName(site));
    otherTab.postMessage({ key: 'A', sent: { trackingCode: 'ABCD-EFGH-JKLM-NPQR' } as MessageCreated } satisfies OutboxNews);
    otherTab.close();
    expect(await next).toBe('B');
    expect(keysKept()).toEqual(['A', 'B']);
    // When this tab then sends B, what it writes back does not put A back either.
    dequeue(site, 'B');
    expect(localStorage.getItem(outboxName(site))).toBeNull();
    expect(queuedFor(site)).toBeNull();
  });

  it('a queued submission’s photo ids, once uploaded, are written in its place: it stays the oldest, and one no longer waiting is not put back', () => {
    enqueue(site, { ...entry('D'), photos: [{ key: 'p1', id: null, isPublic: true }] });
    enqueue(site, entry('E'));
    amend(site, { ...entry('D'), photos: [{ key: 'p1', id: 'ph_1', isPublic: true }] });
    expect(keysKept()).toEqual(['D', 'E']);
    expect(queuedFor(site)?.photos).toEqual([{ key: 'p1', id: 'ph_1', isPublic: true }]);
    dequeue(site, 'D');
    amend(site, { ...entry('D'), photos: [{ key: 'p1', id: 'ph_2', isPublic: true }] });
    expect(keysKept()).toEqual(['E']);
  });

  it('a submission answered here and queued again (a failed check, then offline) waits once more', () => {
    enqueue(site, entry('C'));
    dequeue(site, 'C');
    expect(queuedFor(site)).toBeNull();
    enqueue(site, entry('C'));
    expect(queuedFor(site)?.key).toBe('C');
    expect(keysKept()).toEqual(['C']);
  });
});
