// The dead-letter queue of DELIVERIES (wrangler.toml `dead_letter_queue`): a message lands here when
// the queue gave up on it — its handler threw or asked for a retry max_retries times (a database
// fault, a bug), which the handlers' own schedules never reach. It is not dropped: what it was about is
// marked dead where admins look (a webhook delivery → its endpoint's dead deliveries; a notice → the
// dead notices list), so it can be re-sent by hand once the cause is fixed.
import { databaseFor } from '../db/client';
import type { Env } from '../env';
import type { DeliveryMessage } from './consumer';

/** The dead-letter queue's name (wrangler.toml); the consumer tells its batches by it. */
export const DEAD_LETTER_QUEUE = 'liuyan-deliveries-dead';

/** Why a record was marked dead here (its `last_error`): the queue gave up, not the receiver. */
export const QUEUE_GAVE_UP = 'queue_gave_up';

/**
 * Marks what a dead-lettered message was about as dead, unless it was settled meanwhile (delivered,
 * sent, already dead: nothing changes). An `event` needs nothing: it stays in the outbox until its
 * subscribers have run, and the hourly drain hands it on again (queue/outbox.ts). Returns whether a
 * record was marked.
 */
export async function markDeadLetter(env: Env, message: DeliveryMessage, now = new Date()): Promise<boolean> {
  const db = databaseFor(env, message.site);
  const at = now.toISOString();
  switch (message.kind) {
    case 'webhook': {
      const result = await db.run(db.q.updateTable('webhook_deliveries')
        .set({ status: 'dead', next_attempt_at: null, last_error: QUEUE_GAVE_UP, updated_at: at })
        .where('id', '=', message.id).where('site_id', '=', message.site).where('status', 'in', ['pending', 'retrying']));
      return result.meta.changes > 0;
    }
    case 'notification': {
      const result = await db.run(db.q.updateTable('notifications')
        // A typed contact is kept only while the notice may still be sent (as the delivery step does).
        .set({ status: 'dead', last_error: QUEUE_GAVE_UP, finished_at: at, recipient_enc: null })
        .where('id', '=', message.id).where('site_id', '=', message.site).where('status', '=', 'queued'));
      return result.meta.changes > 0;
    }
    default:
      return false;
  }
}
