// The form's outbox: a submission that could not reach the service (the phone is offline, or the
// connection dropped mid-flight) waits here, on the device, with its Idempotency-Key, and is sent
// when the network returns — by this tab, or by any page of the same website with a <liuyan-form>
// for the site opened later, even after the browser was closed. The service answers a repeat of the
// same key and body with its first answer, so a message stored before its answer was lost comes back
// with the same tracking code and is never stored twice.
// It is part of the form's own chunk, not loaded on demand: a page opened offline must be able to
// send it once the network returns without fetching code first.
import { LiuyanError } from '../../../sdk/src/errors';
import type { CreateMessageInput, MessageCreated } from '../../../sdk/src/schemas/message';

/** One submission waiting for the network. `values` is what the form showed, to give back if it is refused. */
export interface Queued<V> {
  /** The Idempotency-Key of every attempt. */
  key: string;
  /** The exact body sent: the service refuses another body under the same key (`idempotency_key_reused`). */
  input: CreateMessageInput;
  values: V;
  /** When it was queued (ISO 8601). */
  savedAt: string;
  /**
   * Photos not all uploaded when it was queued (the network would not take them): each kept on the
   * device (internal/outbox-photos.ts) under its upload's key, uploaded before the message is sent,
   * its `id` written here once the service has it, so a later try sends the same body. Absent when
   * every photo was uploaded: then `input` names them.
   */
  photos?: QueuedPhoto[];
}

/** A photo of a queued submission: its upload's Idempotency-Key, the service's id once uploaded, its own public choice. */
export interface QueuedPhoto {
  key: string;
  id: string | null;
  isPublic: boolean;
}

/** What a try to send the queued submission came to. */
export type SendOutcome<V> =
  /** The service has it: its answer, the tracking code included. */
  | { sent: MessageCreated; entry: Queued<V> }
  /** The service refused it (a 4xx): it left the outbox and goes back into the form with the error. */
  | { refused: LiuyanError; entry: Queued<V> }
  /** Still no answer: it stays queued. */
  | { waiting: unknown }
  /** Another tab of this browser is sending it now: its answer comes on the channel (`listen`). */
  | { elsewhere: true }
  /** Nothing queued any more: another tab sent it or gave it back. */
  | { gone: true };

/** What a tab that sent or gave back a queued submission tells the site's other tabs. */
export type OutboxNews = { key: string; sent: MessageCreated } | { key: string; refused: true };

/**
 * Keys of submissions this tab knows were answered: sent or given back here, or heard so from
 * another tab. Each tab of a browser may run in a process of its own, and a change to
 * `localStorage` reaches the others a moment later than a BroadcastChannel message may: a tab told
 * that a submission was sent could still read it as waiting, take it for the next one and show that
 * tab's code a second time. What this tab knows is answered is never read as waiting.
 */
const answered = new Set<string>();

/** Where the site's waiting submissions are kept (`localStorage`), also the name of their BroadcastChannel and, with a submission's key, of its Web Lock. */
export const outboxName = (site: string) => `liuyan:${site}:outbox`;

/**
 * The submissions waiting for `site` in this browser, oldest first (two tabs may each have queued
 * one). A tab shows one at a time instead of a new form. They are kept in `localStorage` whole,
 * contact details included — without them they could not be sent from a page opened after the tab
 * was closed — and only until the service has answered. (One kept alone, not in a list, is by an
 * older version of the form.)
 */
function waiting<V>(site: string): Queued<V>[] {
  return stored<V>(site).filter((e) => !answered.has(e.key));
}

/** Everything in `site`'s outbox as this tab reads it, answered or not. */
function stored<V>(site: string): Queued<V>[] {
  try {
    const kept: Queued<V> | Queued<V>[] | null = JSON.parse(localStorage.getItem(outboxName(site)) ?? 'null');
    return kept ? [kept].flat() : [];
  } catch {
    return [];
  }
}

/** Keeps `entries` as `site`'s outbox (none: no outbox at all, for the loader to see); false when this browser keeps nothing. */
function keep<V>(site: string, entries: Queued<V>[]): boolean {
  try {
    if (entries.length > 0) localStorage.setItem(outboxName(site), JSON.stringify(entries));
    else localStorage.removeItem(outboxName(site));
    return true;
  } catch {
    return false;
  }
}

/** The oldest submission waiting for `site` in this browser, or null. */
export const queuedFor = <V>(site: string): Queued<V> | null => waiting<V>(site)[0] ?? null;

/** Puts `entry` in the outbox, beside those other tabs queued; false when this browser keeps nothing (private browsing, full quota). */
export function enqueue<V>(site: string, entry: Queued<V>): boolean {
  // A key refused before (a failed check) is sent again by this tab: it waits once more.
  answered.delete(entry.key);
  return keep(site, [...waiting<V>(site).filter((e) => e.key !== entry.key), entry]);
}

/** Writes `entry` over the waiting submission with its key, in its place (its photos' ids, once uploaded); nothing if it no longer waits. */
export function amend<V>(site: string, entry: Queued<V>): void {
  const entries = waiting<V>(site);
  if (entries.some((e) => e.key === entry.key)) keep(site, entries.map((e) => (e.key === entry.key ? entry : e)));
}

/** Takes the submission sent with `key` out of `site`'s outbox, if it waits there (the service has answered it). */
export function dequeue(site: string, key: string): void {
  answered.add(key);
  // What this tab writes back leaves out every answered submission, so a stale read never puts one back.
  if (stored(site).some((e) => e.key === key)) keep(site, waiting(site));
}

/**
 * Sends the queued submission of `site` with `send` (which must use `entry.key` as the
 * Idempotency-Key), unless another tab of this browser is sending it at this moment: a Web Lock per
 * submission lets one tab send, the others hear the answer on a BroadcastChannel (`listen`), so two
 * tabs never send it together nor show different codes. `kept` is the entry this tab shows (held in
 * memory too): only it is sent, never another tab's (whose code that tab shows), and as it is when
 * the browser could not store it. A 4xx answer takes it out of the outbox (it is given back to the
 * form); no answer, or a 5xx, leaves it for the next try.
 */
export async function sendQueued<V>(site: string, kept: Queued<V> | null, send: (entry: Queued<V>) => Promise<MessageCreated>): Promise<SendOutcome<V>> {
  const attempt = async (): Promise<SendOutcome<V>> => {
    const stored = waiting<V>(site).find((e) => e.key === kept?.key);
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
  return navigator.locks.request(`${outboxName(site)}:${kept?.key}`, { ifAvailable: true }, (lock) => (lock ? attempt() : { elsewhere: true as const }));
}

/** Hears what the site's other tabs did with a queued submission; returns the function that stops listening. */
export function listen(site: string, heard: (news: OutboxNews) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(outboxName(site));
  channel.onmessage = (event: MessageEvent<OutboxNews>) => {
    answered.add(event.data.key);
    heard(event.data);
  };
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
