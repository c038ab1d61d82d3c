// Contact hashes for messages stored before migration 0028: without them a lost tracking code cannot
// be found by the phone or e-mail on file. The hourly job opens each author's phone and e-mail inside
// the worker (as the delivery step does), hashes them as a submission does, and writes the hashes —
// nothing else leaves the row, and nothing is logged.
import { sql } from 'kysely';
import type { SiteDatabase } from '../db/client';
import type { Env } from '../env';
import { createCipher } from '../lib/crypto';
import { parsePhone } from '../lib/phone';
import { emailHash, phoneHash } from './store';

/** Messages hashed per database and run: a few hundred decryptions, one batch of writes. */
export const BACKFILL_BATCH = 200;

/**
 * What a phone that cannot be read or parsed is marked with: a value no keyed hash can equal, so the
 * message is done (not read again every hour) and is never matched by a lost-code request.
 */
export const UNMATCHABLE_HASH = '-';

/**
 * Fills in `author_phone_hash` and `author_email_hash` of up to `limit` messages that have none (and
 * whose author did not erase their details), oldest first, through migration 0031's index of exactly
 * those rows: a run reads at most `limit` messages, none once all are done. Idempotent: each write is
 * guarded on the hash still being empty and the author not erased meanwhile. Returns how many were written.
 */
export async function backfillContactHashes(env: Env, db: SiteDatabase, limit = BACKFILL_BATCH): Promise<number> {
  const rows = await db.all(db.q.selectFrom('messages').select(['seq', 'id', 'site_id', 'author_phone_enc', 'author_email_enc'])
    // Literal, as migration 0031's partial index says it, for SQLite to use the index.
    .where(sql<boolean>`author_phone_hash IS NULL AND author_erased_at IS NULL`)
    .orderBy('seq').limit(limit));
  if (rows.length === 0) return 0;
  const cipher = await createCipher(env.DATA_KEY);
  const updates = await Promise.all(rows.map(async (row) => {
    const phone = await cipher.decrypt(row.author_phone_enc, `${row.id}:phone`).catch(() => null);
    // Stored as E.164 with `;ext=` for an extension (older rows: as typed); the hash is of the number itself.
    const e164 = phone === null ? null : parsePhone(phone.split(';ext=')[0]!)?.e164 ?? null;
    const email = row.author_email_enc ? await cipher.decrypt(row.author_email_enc, `${row.id}:email`).catch(() => null) : null;
    return db.q.updateTable('messages').set({
      author_phone_hash: e164 ? await phoneHash(env.HASH_KEY, row.site_id, e164) : UNMATCHABLE_HASH,
      author_email_hash: email ? await emailHash(env.HASH_KEY, row.site_id, email) : null,
    }).where('seq', '=', row.seq).where('author_phone_hash', 'is', null).where('author_erased_at', 'is', null);
  }));
  const results = await db.batch(updates);
  return results.reduce((n, result) => n + result.meta.changes, 0);
}
