// The `webhook` deliveries: one POST of one event to one endpoint, signed, recorded, and retried on a
// schedule until it is answered 2xx or its retries are spent (then `dead`: admins see it and may send
// it again). Nothing of the body or the receiver's answer is logged.
import { sql } from 'kysely';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from '../../../sdk/src/webhooks';
import type { SiteDatabase } from '../db/client';
import { signingSecrets } from '../db/webhooks';
import type { Env } from '../env';
import type { DeliveryHandler, DeliveryMessage } from '../queue/consumer';

/**
 * Seconds to wait after the n-th failed attempt (n from 1): 1 min, 5 min, 30 min, 1 h, 2 h, 4 h, 8 h, 12 h,
 * 12 h — ten attempts over 39.6 hours, so a receiver down for a day still gets every event. A queue
 * retry waits at most 12 hours (Cloudflare Queues' limit on `delaySeconds`), and the schedule stays
 * under the consumer's `max_retries` (12, wrangler.toml): a delivery is marked dead here, on the record,
 * before the queue would dead-letter its message.
 */
export const RETRY_DELAYS_SECONDS = [60, 300, 1800, 3600, 7200, 14_400, 28_800, 43_200, 43_200] as const;
/** How long a receiver has to answer (ms): a slow one must not hold the consumer. */
export const RECEIVER_TIMEOUT_MS = 5000;
/** Characters of the receiver's answer kept with an attempt (enough for an error's first line). */
const EXCERPT_CHARS = 200;
/** A delivery waiting this long past its time lost its queue message: the cron queues it again. */
const LOST_AFTER_MS = 3_600_000;

type AttemptError = 'timeout' | 'network' | 'status' | 'disabled';

/** At most `EXCERPT_CHARS` of the answer, reading no more than a few KB of it. */
async function excerptOf(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < EXCERPT_CHARS * 4) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  const text = [...new TextDecoder().decode(bytes)].slice(0, EXCERPT_CHARS).join('').trim();
  return text || null;
}

/** POSTs the body; never throws: what went wrong is the attempt's `error`. */
async function post(url: string, body: string, headers: Record<string, string>) {
  const started = Date.now();
  try {
    const response = await fetch(url, {
      method: 'POST', body, redirect: 'manual', signal: AbortSignal.timeout(RECEIVER_TIMEOUT_MS),
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'Liuyan-Webhooks/1', ...headers },
    });
    const excerpt = await excerptOf(response).catch(() => null);
    const ok = response.status >= 200 && response.status < 300;
    return { statusCode: response.status, excerpt, error: ok ? null : 'status' as const, durationMs: Date.now() - started };
  } catch (error) {
    const timeout = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { statusCode: null, excerpt: null, error: timeout ? 'timeout' as const : 'network' as const, durationMs: Date.now() - started };
  }
}

/**
 * One attempt of the delivery `message.id`. Done when it was delivered, is dead (retries spent, or the
 * endpoint was disabled), or no longer exists (its endpoint was deleted) or was already settled (a
 * duplicate queue message); else a retry after the schedule's delay. Counts attempts in D1, not the
 * queue's `attempts`, so a re-send starts the schedule over.
 */
export const deliverWebhook: DeliveryHandler = async (env, message, _attempts, db) => {
  const delivery = await db.first(db.q.selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .select(['d.id', 'd.event_id', 'd.event_type', 'd.payload', 'd.status', 'd.attempts',
      'e.id as endpoint_id', 'e.url', 'e.secret', 'e.previous_secret', 'e.previous_secret_expires_at', 'e.disabled_at'])
    .where('d.id', '=', message.id).where('d.site_id', '=', message.site));
  if (!delivery || delivery.status === 'delivered' || delivery.status === 'dead') return { done: true };
  const now = new Date();
  let result: { statusCode: number | null; excerpt: string | null; error: AttemptError | null; durationMs: number };
  if (delivery.disabled_at) {
    result = { statusCode: null, excerpt: null, error: 'disabled', durationMs: 0 };
  } else {
    const secrets = await signingSecrets(env, { ...delivery, id: delivery.endpoint_id }, now);
    const signature = await signWebhook(delivery.payload, secrets, Math.floor(now.getTime() / 1000));
    result = await post(delivery.url, delivery.payload, {
      [WEBHOOK_SIGNATURE_HEADER]: signature, 'Liuyan-Event-Id': delivery.event_id, 'Liuyan-Event-Type': delivery.event_type,
    });
  }
  const attempts = delivery.attempts + 1;
  const delay = result.error && result.error !== 'disabled' ? RETRY_DELAYS_SECONDS[attempts - 1] : undefined;
  const status = result.error === null ? 'delivered' : delay === undefined ? 'dead' : 'retrying';
  const at = new Date().toISOString();
  await db.batch([
    db.q.insertInto('webhook_attempts').values({
      delivery_id: delivery.id, at: now.toISOString(), status_code: result.statusCode, duration_ms: result.durationMs,
      error: result.error, response_excerpt: result.excerpt,
    }),
    // Guarded on the attempts read: of two copies of one queue message, only the first records the outcome.
    db.q.updateTable('webhook_deliveries').set({
      status, attempts, updated_at: at, last_status_code: result.statusCode, last_error: result.error,
      next_attempt_at: delay === undefined ? null : new Date(Date.now() + delay * 1000).toISOString(),
    }).where('id', '=', delivery.id).where('attempts', '=', delivery.attempts),
  ]);
  return delay === undefined ? { done: true } : { retryAfterSeconds: delay };
};

/** Queues the deliveries `ids` (a re-send, the cron's safety net). */
export async function queueDeliveries(env: Env, siteId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await env.DELIVERIES.sendBatch(ids.map((id) => ({ body: { kind: 'webhook', site: siteId, id } satisfies DeliveryMessage, contentType: 'json' as const })));
}

/**
 * The cron's safety net for one database: deliveries still waiting an hour after they were due lost
 * their queue message (a send that failed, a consumer that kept failing until the queue dead-lettered
 * it); they are queued again, at most 100 a run. Returns how many.
 */
export async function requeueLostDeliveries(env: Env, db: SiteDatabase, now: Date): Promise<number> {
  const lost = await db.all(db.q.selectFrom('webhook_deliveries').select(['id', 'site_id'])
    // Literal, as migration 0027's partial index says it, for SQLite to use the index.
    .where(sql<boolean>`status IN ('pending', 'retrying')`)
    .where('next_attempt_at', '<', new Date(now.getTime() - LOST_AFTER_MS).toISOString())
    .orderBy('next_attempt_at').limit(100));
  if (lost.length === 0) return 0;
  await env.DELIVERIES.sendBatch(lost.map((d) => ({ body: { kind: 'webhook', site: d.site_id, id: d.id } satisfies DeliveryMessage, contentType: 'json' as const })));
  // Due again in an hour, not at once: the copy just sent is what delivers it.
  const ids = JSON.stringify(lost.map((d) => d.id));
  await db.run(db.q.updateTable('webhook_deliveries').set({ next_attempt_at: now.toISOString() })
    .where(sql<boolean>`id IN (SELECT value FROM json_each(${ids}))`));
  return lost.length;
}

/** Finished deliveries (delivered or dead) stay a month on the record, for admins to look into. */
const FINISHED_KEPT_MS = 30 * 86_400_000;

/** The statements that delete finished deliveries older than a month, and their attempts (the hourly clean-up). */
export function oldDeliveries(db: SiteDatabase, now: Date) {
  const before = new Date(now.getTime() - FINISHED_KEPT_MS).toISOString();
  // Literal, as migration 0027's partial index says it.
  const finished = sql<boolean>`status IN ('delivered', 'dead') AND updated_at < ${before}`;
  return [
    db.q.deleteFrom('webhook_attempts').where(sql<boolean>`delivery_id IN (SELECT id FROM webhook_deliveries WHERE ${finished})`),
    db.q.deleteFrom('webhook_deliveries').where(finished),
  ];
}
