import { pinyinKeys } from '../lib/pinyin';
import type { SiteDatabase } from './client';

/** Units given their keys per batch: one UPDATE each (its trigger writes ~20 keys), well inside what one D1 batch may hold. */
const CHUNK = 200;

/** A unit's pinyin search keys as stored in `units.pinyin_keys` (migration 0025). */
export const unitPinyinKeys = (name: string): string => JSON.stringify(pinyinKeys(name));

/**
 * Computes the pinyin search keys of units that have none yet (migration 0025 left every existing
 * unit so; raw SQL and renames that did not bring keys do too), a chunk of units per batch, read
 * through the partial index of pending units. A unit renamed meanwhile is left for the next step
 * (its UPDATE only writes while the name is the one the keys were made from). Stops after
 * `maxBatches` batches. Returns the units done and whether any are left.
 */
export async function continueUnitPinyin(db: SiteDatabase, { maxBatches = 50 }: { maxBatches?: number } = {}): Promise<{ done: number; pending: boolean }> {
  let done = 0;
  for (let batches = 0; batches < maxBatches; batches++) {
    const units = await db.all(db.q.selectFrom('units').select(['id', 'name']).where('pinyin_keys', 'is', null).limit(CHUNK));
    if (units.length === 0) return { done, pending: false };
    const results = await db.batch(units.map((u) => db.q.updateTable('units').set({ pinyin_keys: unitPinyinKeys(u.name) })
      .where('id', '=', u.id).where('name', '=', u.name).where('pinyin_keys', 'is', null)));
    done += results.reduce((sum, r) => sum + r.meta.changes, 0);
    if (units.length < CHUNK) return { done, pending: false };
  }
  return { done, pending: (await db.first(db.q.selectFrom('units').select('id').where('pinyin_keys', 'is', null).limit(1))) !== null };
}
