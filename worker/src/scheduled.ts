import { staleSignInFailures } from './auth/sign-in-throttle';
import { allDatabases } from './db/client';
import { checkDeadlines } from './db/deadlines';
import { purgeAbandonedPhotos, purgeErasedPhotos } from './db/photos';
import { continueSearchRebuilds, continueMatchText } from './db/search-index';
import { continueUnitKeyRebuilds, continueUnitPinyin } from './db/unit-pinyin';
import { endedCounters } from './db/submission-limits';
import type { Env } from './env';
import { backfillContactHashes } from './notifications/backfill';
import { requeueLostNotices } from './notifications/deliver';
import { drainOutboxes } from './queue/outbox';
import { oldDeliveries, requeueLostDeliveries } from './webhooks/deliver';
import { eraseExpiredContacts } from './protection/retention';

/** Ended sessions stay a day: enough to look into a sign-in problem while it is fresh. */
const ENDED_SESSION_KEPT_MS = 86_400_000;

/**
 * Hourly clean-up. Stored answers to submissions hold tracking codes (encrypted): once their
 * retry window is over they are deleted, so a code lives on only as its hash. Sessions that ended
 * (expired or signed out) more than a day ago, sign-in failures no throttling rule reads any
 * more, submission counters whose window has ended, webhook deliveries finished a month ago,
 * expired verification codes and ended counters of code requests are deleted too. Returns the
 * number of rows deleted.
 */
export async function purgeExpired(env: Env, now: Date): Promise<number> {
  const nowIso = now.toISOString();
  const sessionsEndedBefore = new Date(now.getTime() - ENDED_SESSION_KEPT_MS).toISOString();
  let purged = 0;
  for (const db of allDatabases(env)) {
    const results = await db.batch([
      db.q.deleteFrom('idempotency_keys').where('expires_at', '<=', nowIso),
      db.q.deleteFrom('sessions').where((eb) => eb.or([
        eb('expires_at', '<=', sessionsEndedBefore),
        eb('revoked_at', '<=', sessionsEndedBefore),
      ])),
      staleSignInFailures(db, now),
      endedCounters(db, now),
      ...oldDeliveries(db, now),
      // Verification codes past their time, and the counters of code requests whose window has ended.
      db.q.deleteFrom('verification_codes').where('expires_at', '<=', nowIso),
      db.q.deleteFrom('code_request_counts').where('window_end', '<=', nowIso),
    ]);
    for (const result of results) purged += result.meta.changes;
  }
  return purged;
}

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (controller, env) => {
  const now = new Date(controller.scheduledTime);
  await purgeExpired(env, now);
  // Reminders before deadlines, 督办 after them; a backlog is worked off a batch an hour.
  for (const db of allDatabases(env)) await checkDeadlines(db, now);
  // A search index emptied by a migration is refilled a few thousand messages an hour.
  for (const db of allDatabases(env)) await continueSearchRebuilds(db);
  // Messages stored before migration 0040 get their text in Simplified characters for the console's search, 10,000 an hour.
  for (const db of allDatabases(env)) await continueMatchText(db);
  // Units without pinyin search keys (written before migration 0025, or by raw SQL) get them, 10,000 an hour.
  for (const db of allDatabases(env)) await continueUnitPinyin(db);
  // Units' keys recomputed after a migration changed what they hold (0041: a Traditional name's Simplified form), 10,000 an hour.
  for (const db of allDatabases(env)) await continueUnitKeyRebuilds(db);
  // Messages stored before migration 0028 get the contact hashes lost-code recovery finds them by, 200 an hour.
  for (const db of allDatabases(env)) await backfillContactHashes(env, db);
  // Photos uploaded a day ago and never sent with a message; erased authors' photos a restore brought back.
  for (const db of allDatabases(env)) await purgeAbandonedPhotos(db, env.PHOTOS, now);
  for (const db of allDatabases(env)) await purgeErasedPhotos(db, env.PHOTOS);
  // Contact details and photos of messages closed longer ago than each site keeps them (retention).
  for (const db of allDatabases(env)) await eraseExpiredContacts(db, env.PHOTOS, now);
  // Events out: the deadline check's own events, and whatever a request's drain failed to send; then
  // webhook deliveries and notices whose queue message was lost.
  await drainOutboxes(env, now);
  for (const db of allDatabases(env)) await requeueLostDeliveries(env, db, now);
  for (const db of allDatabases(env)) await requeueLostNotices(env, db, now);
};
