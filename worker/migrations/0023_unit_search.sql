-- Searching units by any part of their name (教育 finds 示范县教育局) without reading the whole tree,
-- however large: every suffix of a unit's name, lower-cased, is a key, so a substring search is one
-- prefix range of this table's primary key and reads only the rows it returns (a national tree of
-- ~90,000 units has ~900,000 keys). Triggers keep it in step with every write of a unit (the admin
-- page, `npm run site`, the seeds): unlike bigrams for full-text search, SQL can cut a name into its
-- suffixes. Names are at most 50 characters (the admin API's limit); 64 positions leave room.
CREATE TABLE unit_name_keys (
  site_id TEXT NOT NULL,
  key TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  PRIMARY KEY (site_id, key, unit_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO unit_name_keys (site_id, key, unit_id)
  SELECT u.site_id, lower(substr(u.name, p.value)), u.id
  FROM units u, json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64]') p
  WHERE p.value <= length(u.name);

CREATE TRIGGER unit_name_keys_insert AFTER INSERT ON units BEGIN
  INSERT OR IGNORE INTO unit_name_keys (site_id, key, unit_id)
    SELECT new.site_id, lower(substr(new.name, value)), new.id FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64]') WHERE value <= length(new.name);
END;

CREATE TRIGGER unit_name_keys_update AFTER UPDATE OF name, site_id ON units BEGIN
  DELETE FROM unit_name_keys WHERE (site_id, key, unit_id) IN
    (SELECT old.site_id, lower(substr(old.name, value)), old.id FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64]') WHERE value <= length(old.name));
  INSERT OR IGNORE INTO unit_name_keys (site_id, key, unit_id)
    SELECT new.site_id, lower(substr(new.name, value)), new.id FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64]') WHERE value <= length(new.name);
END;

CREATE TRIGGER unit_name_keys_delete AFTER DELETE ON units BEGIN
  DELETE FROM unit_name_keys WHERE (site_id, key, unit_id) IN
    (SELECT old.site_id, lower(substr(old.name, value)), old.id FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64]') WHERE value <= length(old.name));
END;
