-- A site's units change rarely and are read on every board page (names on the cards, the unit
-- filter's subtree). The version, bumped by triggers on every change of a unit, lets a worker keep
-- them in memory and know exactly when its copy is stale.
ALTER TABLE sites ADD COLUMN units_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER units_version_insert AFTER INSERT ON units BEGIN
  UPDATE sites SET units_version = units_version + 1 WHERE id = new.site_id;
END;

CREATE TRIGGER units_version_update AFTER UPDATE ON units BEGIN
  UPDATE sites SET units_version = units_version + 1 WHERE id IN (old.site_id, new.site_id);
END;

CREATE TRIGGER units_version_delete AFTER DELETE ON units BEGIN
  UPDATE sites SET units_version = units_version + 1 WHERE id = old.site_id;
END;
