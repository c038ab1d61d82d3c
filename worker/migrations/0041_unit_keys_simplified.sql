-- A unit named in Traditional characters (縣教育局, on a site that names its units so) was found by
-- a search typed in Traditional characters only: the name's own keys (migration 0023) are its
-- suffixes as written. The keys the worker computes (`pinyin_keys`, migration 0025:
-- `unitPinyinKeys`, worker/src/db/unit-pinyin.ts) now also hold the suffixes of such a name in
-- Simplified characters (县教育局, 教育局 …), so 县教育局 and 教育局 find it too. SQL cannot fold the
-- characters, so every site is listed here, and `continueUnitKeyRebuilds` (the hourly job, `npm run
-- dev`) recomputes its units' keys in steps, resuming after `after_id`; a unit whose keys are
-- unchanged (a name in Simplified characters: most) is not written. Until then such a unit keeps the
-- keys it had.
CREATE TABLE unit_key_rebuilds (
  site_id TEXT PRIMARY KEY REFERENCES sites(id),
  after_id TEXT NOT NULL DEFAULT ''
);
INSERT INTO unit_key_rebuilds (site_id) SELECT id FROM sites;
