-- Two facts about a site's units that readers need and that cost a walk of the tree to find out.
--
-- units.depth: how far below the top a unit sits (0 at the top). A unit search ranks shallower units
-- before deeper ones among equal matches (a city's 教育局 before its counties'), and names by their
-- depth are an index range per level: `units_by_depth_name` finds the names that start with the text
-- typed, shallowest first, reading only what it returns. Kept by triggers from the parent's depth on
-- every insert, and for the whole branch when a unit moves (work in proportion to the branch: an
-- admin's rare change, as migration 0024's move).
ALTER TABLE units ADD COLUMN depth INTEGER NOT NULL DEFAULT 0;

UPDATE units SET depth = (SELECT max(a.depth) FROM unit_ancestors AS a WHERE a.unit_id = units.id)
  WHERE EXISTS (SELECT 1 FROM unit_ancestors AS a WHERE a.unit_id = units.id AND a.depth > 0);

CREATE INDEX units_by_depth_name ON units (site_id, depth, name);

CREATE TRIGGER units_depth_insert AFTER INSERT ON units WHEN new.parent_id IS NOT NULL BEGIN
  UPDATE units SET depth = coalesce((SELECT p.depth + 1 FROM units AS p WHERE p.id = new.parent_id), 0) WHERE id = new.id;
END;

-- The moved unit and everything below it (unit_ancestors rows under it are unchanged by the move).
CREATE TRIGGER units_depth_move AFTER UPDATE OF parent_id ON units WHEN old.parent_id IS NOT new.parent_id BEGIN
  UPDATE units SET depth = depth - old.depth + coalesce((SELECT p.depth + 1 FROM units AS p WHERE p.id = new.parent_id), 0)
    WHERE id IN (SELECT unit_id FROM unit_ancestors WHERE ancestor_id = new.id);
END;

-- sites.active_units: how many active units the site has. The site config carries the whole tree
-- while it is small (300 units) and only its top level beyond; knowing which took reading 301 units
-- on every config request of a large site. Kept by triggers on every write of a unit.
ALTER TABLE sites ADD COLUMN active_units INTEGER NOT NULL DEFAULT 0;

UPDATE sites SET active_units = (SELECT count(*) FROM units WHERE units.site_id = sites.id AND units.active = 1);

CREATE TRIGGER sites_active_units_insert AFTER INSERT ON units WHEN new.active = 1 BEGIN
  UPDATE sites SET active_units = active_units + 1 WHERE id = new.site_id;
END;

CREATE TRIGGER sites_active_units_update AFTER UPDATE OF active ON units WHEN old.active IS NOT new.active BEGIN
  UPDATE sites SET active_units = active_units + (CASE WHEN new.active = 1 THEN 1 ELSE -1 END) WHERE id = new.site_id;
END;

CREATE TRIGGER sites_active_units_delete AFTER DELETE ON units WHEN old.active = 1 BEGIN
  UPDATE sites SET active_units = active_units - 1 WHERE id = old.site_id;
END;
