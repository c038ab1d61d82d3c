// Sending the form's queued submission (outbox.ts keeps it): loaded only when one waits, while
// the network is back (a page opened offline fetches it once it is online).
import { LiuyanError } from '../../../sdk/src/errors';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import { outboxName, queuedFor, type OutboxNews, type Queued, type SendOutcome } from './outbox';

function dequeue(site: string, key: string): void {
  try {
    if (queuedFor(site)?.key === key) localStorage.removeItem(outboxName(site));
  } catch {
    // No storage: nothing was kept.
  }
}

/**
 * Sends the queued submission of `site` with `send` (which must use `entry.key` as the
 * Idempotency-Key), unless another tab of this browser is sending it at this moment: a Web Lock per
 * site lets one tab send, the others hear the answer on a BroadcastChannel (`listen`), so two tabs
 * never send it together nor show different codes. `kept` is the entry this tab holds in memory,
 * sent as it is when the browser could not store it. A 4xx answer takes it out of the outbox (it is
 * given back to the form); no answer, or a 5xx, leaves it for the next try.
 */
export async function sendQueued<V>(site: string, kept: Queued<V> | null, send: (entry: Queued<V>) => Promise<MessageCreated>): Promise<SendOutcome<V>> {
  const attempt = async (): Promise<SendOutcome<V>> => {
    const stored = queuedFor<V>(site);
    const entry = stored ?? (kept && !storageWorks() ? kept : null);
    if (!entry) return { gone: true };
    try {
      const sent = await send(entry);
      dequeue(site, entry.key);
      tell(site, { key: entry.key, sent });
      return { sent, entry };
    } catch (error) {
      if (!(error instanceof LiuyanError) || error.retryable) return { waiting: error };
      dequeue(site, entry.key);
      tell(site, { key: entry.key, refused: true });
      return { refused: error, entry };
    }
  };
  // Browsers without Web Locks (before Safari 15.4): two tabs may both send, and the service, seeing
  // the same key and body, gives both the same answer.
  if (!navigator.locks) return attempt();
  return navigator.locks.request(outboxName(site), { ifAvailable: true }, (lock) => (lock ? attempt() : { elsewhere: true as const }));
}

/** Hears what the site's other tabs did with a queued submission; returns the function that stops listening. */
export function listen(site: string, heard: (news: OutboxNews) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(outboxName(site));
  channel.onmessage = (event: MessageEvent<OutboxNews>) => heard(event.data);
  return () => channel.close();
}

function tell(site: string, news: OutboxNews): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(outboxName(site));
  channel.postMessage(news);
  channel.close();
}

function storageWorks(): boolean {
  try {
    localStorage.setItem('liuyan:probe', '1');
    localStorage.removeItem('liuyan:probe');
    return true;
  } catch {
    return false;
  }
}
