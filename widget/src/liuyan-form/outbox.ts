// The form's outbox: a submission that could not reach the service (the phone is offline, or the
// connection dropped mid-flight) waits here, on the device, with its Idempotency-Key, and is sent
// when the network returns — by this tab, or by any page of the same website with a <liuyan-form>
// for the site opened later, even after the browser was closed. The service answers a repeat of the
// same key and body with its first answer, so a message stored before its answer was lost comes back
// with the same tracking code and is never stored twice.
// This module is what the form needs at once (is anything waiting? keep this one); the sending
// itself (outbox-send.ts) is loaded only when something waits.
import type { LiuyanError } from '../../../sdk/src/errors';
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

/** Where the site's waiting submission is kept (`localStorage`), also the name of its Web Lock and BroadcastChannel. */
export const outboxName = (site: string) => `liuyan:${site}:outbox`;

/**
 * The submission waiting for `site` in this browser, or null. One at most: while one waits, the
 * form shows it instead of a new form. It is kept in `localStorage` whole, contact details
 * included — without them it could not be sent from a page opened after the tab was closed — and
 * only until the service has answered.
 */
export function queuedFor<V>(site: string): Queued<V> | null {
  try {
    const raw = localStorage.getItem(outboxName(site));
    return raw ? (JSON.parse(raw) as Queued<V>) : null;
  } catch {
    return null;
  }
}

/** Puts `entry` in the outbox; false when this browser keeps nothing (private browsing, full quota). */
export function enqueue<V>(site: string, entry: Queued<V>): boolean {
  try {
    localStorage.setItem(outboxName(site), JSON.stringify(entry));
    return true;
  } catch {
    return false;
  }
}
