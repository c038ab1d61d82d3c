import { allDatabases } from './db/client';
import type { Env } from './env';

/**
 * Hourly clean-up. Stored answers to submissions hold tracking codes (encrypted): once their
 * retry window is over they are deleted, so a code lives on only as its hash.
 */
export async function purgeExpired(env: Env, now: Date): Promise<number> {
  let purged = 0;
  for (const db of allDatabases(env)) {
    const result = await db.run(db.q.deleteFrom('idempotency_keys').where('expires_at', '<=', now.toISOString()));
    purged += result.meta.changes;
  }
  return purged;
}

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (controller, env) => {
  await purgeExpired(env, new Date(controller.scheduledTime));
};
