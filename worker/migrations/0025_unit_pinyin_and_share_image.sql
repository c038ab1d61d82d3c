-- Searching units by pinyin (jyj or jiaoyu finds 县教育局), as citizens type on a phone keyboard.
-- SQL cannot spell Chinese in pinyin, so the worker computes each unit's pinyin keys (initials and
-- full pinyin from every character on: worker/src/lib/pinyin.ts) into `pinyin_keys`, a JSON array,
-- when it writes the unit; triggers copy them into `unit_name_keys`, beside the name's own suffixes
-- (migration 0023), so one search finds both. NULL means "not computed yet": existing units, and
-- units written by something that does not compute them (raw SQL, a rename that left the keys as
-- they were). `continueUnitPinyin` (the hourly job, `npm run dev`, `npm run seed:national`) fills
-- them, reading the pending units through a partial index that holds nothing once all are done.
ALTER TABLE units ADD COLUMN pinyin_keys TEXT;

CREATE INDEX units_pinyin_pending ON units (id) WHERE pinyin_keys IS NULL;

CREATE TRIGGER unit_pinyin_keys_insert AFTER INSERT ON units WHEN new.pinyin_keys IS NOT NULL BEGIN
  INSERT OR IGNORE INTO unit_name_keys (site_id, key, unit_id)
    SELECT new.site_id, value, new.id FROM json_each(new.pinyin_keys);
END;

CREATE TRIGGER unit_pinyin_keys_update AFTER UPDATE OF pinyin_keys, site_id ON units BEGIN
  DELETE FROM unit_name_keys WHERE (site_id, key, unit_id) IN
    (SELECT old.site_id, value, old.id FROM json_each(coalesce(old.pinyin_keys, '[]')));
  INSERT OR IGNORE INTO unit_name_keys (site_id, key, unit_id)
    SELECT new.site_id, value, new.id FROM json_each(coalesce(new.pinyin_keys, '[]'));
END;

-- A rename that did not bring the new name's keys: the old name's keys go, the unit waits for new ones.
CREATE TRIGGER unit_pinyin_keys_stale AFTER UPDATE OF name ON units
  WHEN new.name IS NOT old.name AND new.pinyin_keys IS old.pinyin_keys AND new.pinyin_keys IS NOT NULL BEGIN
  UPDATE units SET pinyin_keys = NULL WHERE id = new.id;
END;

CREATE TRIGGER unit_pinyin_keys_delete AFTER DELETE ON units WHEN old.pinyin_keys IS NOT NULL BEGIN
  DELETE FROM unit_name_keys WHERE (site_id, key, unit_id) IN
    (SELECT old.site_id, value, old.id FROM json_each(old.pinyin_keys));
END;

-- The image a share card of the site's hosted pages shows (og:image, WeChat's included): an https
-- address of the site's own PNG or JPEG; NULL: Liuyan's image, served by the worker (/hosted/share.png).
ALTER TABLE sites ADD COLUMN share_image_url TEXT;
