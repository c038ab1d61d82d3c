import { pinyinKeys } from '../lib/pinyin';
import { simplified } from '../lib/simplified';
import type { SiteDatabase } from './client';

/** Units given their keys per batch: one UPDATE each (its trigger writes ~20 keys), well inside what one D1 batch may hold. */
const CHUNK = 200;

/**
 * A unit's computed search keys as stored in `units.pinyin_keys` (migrations 0025, 0041), a JSON array:
 * its pinyin keys (`pinyinKeys`) and, for a name holding Traditional characters, every suffix of
 * its Simplified form, lower-cased (縣教育局: 县教育局, 教育局, 育局, 局), so a name typed in
 * Simplified characters finds it as the name's own suffixes (migration 0023) find it typed as written.
 */
export function unitPinyinKeys(name: string): string {
  const keys = pinyinKeys(name);
  const folded = [...simplified(name).toLowerCase()];
  if (folded.join('') !== name.toLowerCase()) folded.forEach((_, i) => keys.push(folded.slice(i).join('')));
  return JSON.stringify([...new Set(keys)]);
}

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

/**
 * Recomputes the computed search keys of every unit of the sites listed in `unit_key_rebuilds` (a
 * migration that changes what they hold lists every site there: 0041), a chunk of a site's units per
 * batch in id order, each batch also moving the site's position (`after_id`), so an interrupted
 * rebuild resumes where it stopped. Only units whose keys change are written (the update's trigger
 * swaps their keys in `unit_name_keys` in one statement: a unit is never without them), and only
 * while the name is the one the keys were made from. Stops after `maxBatches` batches. Returns the
 * units whose keys changed and whether any rebuild is left.
 */
export async function continueUnitKeyRebuilds(db: SiteDatabase, { maxBatches = 50 }: { maxBatches?: number } = {}): Promise<{ changed: number; pending: boolean }> {
  let changed = 0;
  for (let batches = 0; batches < maxBatches; batches++) {
    const rebuild = await db.first(db.q.selectFrom('unit_key_rebuilds').select(['site_id', 'after_id']).orderBy('site_id').limit(1));
    if (!rebuild) return { changed, pending: false };
    const units = await db.all(db.q.selectFrom('units').select(['id', 'name', 'pinyin_keys'])
      .where('site_id', '=', rebuild.site_id).where('id', '>', rebuild.after_id).orderBy('id').limit(CHUNK));
    const position = units.length < CHUNK
      ? db.q.deleteFrom('unit_key_rebuilds').where('site_id', '=', rebuild.site_id)
      : db.q.updateTable('unit_key_rebuilds').set({ after_id: units.at(-1)!.id }).where('site_id', '=', rebuild.site_id);
    // A unit still waiting for its first keys (NULL) is `continueUnitPinyin`'s.
    const stale = units.flatMap((u) => {
      const keys = unitPinyinKeys(u.name);
      return u.pinyin_keys !== null && u.pinyin_keys !== keys ? [{ ...u, keys }] : [];
    });
    const results = await db.batch([
      ...stale.map((u) => db.q.updateTable('units').set({ pinyin_keys: u.keys })
        .where('id', '=', u.id).where('name', '=', u.name).where('pinyin_keys', '=', u.pinyin_keys!)),
      position,
    ]);
    // Counted per statement: D1's `changes` also counts the rows its triggers wrote (the keys).
    changed += results.slice(0, stale.length).filter((r) => r.meta.changes > 0).length;
  }
  return { changed, pending: (await db.first(db.q.selectFrom('unit_key_rebuilds').select('site_id').limit(1))) !== null };
}
