-- A unit search shows the shallowest units first (a province's or a city's 教育局 before its
-- counties'), but its candidates for "the name holds the text", or its pinyin does, come from
-- `unit_name_keys` (migrations 0023, 0025), read in key order and cut at a few dozen: on a national
-- tree (~93,000 units, ~3,400 of them a 教育局) those were whichever units sorted first, and the
-- shallower ones were never read. Each key now carries its unit's depth (units.depth, migration 0030),
-- and an index on (site, depth, key) lets the search read them level by level from the top, the range
-- of keys starting with the text at each level, stopping once it has enough: rows read stay bounded by
-- the answer, whatever the tree.
--
-- The depth is capped at 9, the deepest level a search asks for (`DEPTHS` in
-- worker/src/db/unit-picker.ts): a unit deeper than that (no real tree has one) is found among them.
ALTER TABLE unit_name_keys ADD COLUMN depth INTEGER NOT NULL DEFAULT 0;

UPDATE unit_name_keys SET depth = (SELECT min(u.depth, 9) FROM units AS u WHERE u.id = unit_name_keys.unit_id)
  WHERE unit_id IN (SELECT id FROM units WHERE depth > 0);

CREATE INDEX unit_name_keys_by_depth ON unit_name_keys (site_id, depth, key);

-- A new unit's keys carry the depth migration 0030's trigger gives it (its parent's plus one), worked
-- out here too: SQLite runs the triggers of one insert in no documented order, and keys written once,
-- right, cost half what keys written and then corrected do (a national tree is ~2.3 million keys).
DROP TRIGGER unit_name_keys_insert;
CREATE TRIGGER unit_name_keys_insert AFTER INSERT ON units BEGIN
  INSERT OR IGNORE INTO unit_name_keys (site_id, key, unit_id, depth)
    SELECT new.site_id, lower(substr(new.name, value)), new.id, min(CASE WHEN new.parent_id IS NULL THEN new.depth ELSE coalesce((SELECT p.depth + 1 FROM units AS p WHERE p.id = new.parent_id), 0) END, 9)
    FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64]') WHERE value <= length(new.name);
END;

DROP TRIGGER unit_pinyin_keys_insert;
CREATE TRIGGER unit_pinyin_keys_insert AFTER INSERT ON units WHEN new.pinyin_keys IS NOT NULL BEGIN
  INSERT OR IGNORE INTO unit_name_keys (site_id, key, unit_id, depth)
    SELECT new.site_id, value, new.id, min(CASE WHEN new.parent_id IS NULL THEN new.depth ELSE coalesce((SELECT p.depth + 1 FROM units AS p WHERE p.id = new.parent_id), 0) END, 9) FROM json_each(new.pinyin_keys);
END;

-- A renamed unit's new keys, and the keys computed later (worker/src/db/unit-pinyin.ts), carry the
-- depth the unit has: if a move in the same statement changes it afterwards, the trigger below follows.
DROP TRIGGER unit_name_keys_update;
CREATE TRIGGER unit_name_keys_update AFTER UPDATE OF name, site_id ON units BEGIN
  DELETE FROM unit_name_keys WHERE (site_id, key, unit_id) IN
    (SELECT old.site_id, lower(substr(old.name, value)), old.id FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64]') WHERE value <= length(old.name));
  INSERT OR IGNORE INTO unit_name_keys (site_id, key, unit_id, depth)
    SELECT new.site_id, lower(substr(new.name, p.value)), new.id, min(u.depth, 9)
    FROM units AS u, json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64]') AS p WHERE u.id = new.id AND p.value <= length(new.name);
END;

DROP TRIGGER unit_pinyin_keys_update;
CREATE TRIGGER unit_pinyin_keys_update AFTER UPDATE OF pinyin_keys, site_id ON units BEGIN
  DELETE FROM unit_name_keys WHERE (site_id, key, unit_id) IN
    (SELECT old.site_id, value, old.id FROM json_each(coalesce(old.pinyin_keys, '[]')));
  INSERT OR IGNORE INTO unit_name_keys (site_id, key, unit_id, depth)
    SELECT new.site_id, p.value, new.id, min(u.depth, 9) FROM units AS u, json_each(coalesce(new.pinyin_keys, '[]')) AS p WHERE u.id = new.id;
END;

-- When a unit's depth changes (a move changes its whole branch's: migration 0030), its keys follow:
-- its name's suffixes and its pinyin keys, each found by primary key; work in proportion to the
-- branch, as the move itself. All of a unit's keys carry one depth, so its whole name's key (always
-- one of them) tells whether they are stale: when 0030's trigger sets a new unit's depth, they are
-- either not written yet or already right, and nothing more is read.
CREATE TRIGGER unit_name_keys_depth AFTER UPDATE OF depth ON units
  WHEN EXISTS (SELECT 1 FROM unit_name_keys WHERE site_id = new.site_id AND key = lower(new.name) AND unit_id = new.id AND depth IS NOT min(new.depth, 9)) BEGIN
  -- Site and unit, then key IN (…): a row value IN a compound SELECT would scan the whole table.
  UPDATE unit_name_keys SET depth = min(new.depth, 9) WHERE site_id = new.site_id AND unit_id = new.id AND key IN
    (SELECT lower(substr(new.name, value)) FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64]') WHERE value <= length(new.name)
     UNION ALL SELECT value FROM json_each(coalesce(new.pinyin_keys, '[]')));
END;
