-- The 督办 tally gets a row per site (unit_id '*'), as message_counts and open_due_counts have had
-- since migration 0009: a site-wide official's 督办 count reads one row, not every unit's.
INSERT INTO supervised_counts (site_id, unit_id, n)
  SELECT site_id, '*', sum(n) FROM supervised_counts GROUP BY site_id HAVING sum(n) != 0;

DROP TRIGGER supervised_counts_insert;
DROP TRIGGER supervised_counts_delete;
DROP TRIGGER supervised_counts_update_old;
DROP TRIGGER supervised_counts_update_new;

CREATE TRIGGER supervised_counts_insert AFTER INSERT ON messages
  WHEN new.escalated_due_at IS NOT NULL AND new.status IN ('submitted', 'accepted', 'in_progress') AND new.moderation != 'rejected'
BEGIN
  INSERT INTO supervised_counts (site_id, unit_id, n) VALUES (new.site_id, new.unit_id, 1)
    ON CONFLICT (site_id, unit_id) DO UPDATE SET n = n + 1;
  INSERT INTO supervised_counts (site_id, unit_id, n) VALUES (new.site_id, '*', 1)
    ON CONFLICT (site_id, unit_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER supervised_counts_delete AFTER DELETE ON messages
  WHEN old.escalated_due_at IS NOT NULL AND old.status IN ('submitted', 'accepted', 'in_progress') AND old.moderation != 'rejected'
BEGIN
  UPDATE supervised_counts SET n = n - 1 WHERE site_id = old.site_id AND unit_id IN (old.unit_id, '*');
END;

CREATE TRIGGER supervised_counts_update_old AFTER UPDATE OF site_id, unit_id, status, moderation, escalated_due_at ON messages
  WHEN old.escalated_due_at IS NOT NULL AND old.status IN ('submitted', 'accepted', 'in_progress') AND old.moderation != 'rejected'
BEGIN
  UPDATE supervised_counts SET n = n - 1 WHERE site_id = old.site_id AND unit_id IN (old.unit_id, '*');
END;

CREATE TRIGGER supervised_counts_update_new AFTER UPDATE OF site_id, unit_id, status, moderation, escalated_due_at ON messages
  WHEN new.escalated_due_at IS NOT NULL AND new.status IN ('submitted', 'accepted', 'in_progress') AND new.moderation != 'rejected'
BEGIN
  INSERT INTO supervised_counts (site_id, unit_id, n) VALUES (new.site_id, new.unit_id, 1)
    ON CONFLICT (site_id, unit_id) DO UPDATE SET n = n + 1;
  INSERT INTO supervised_counts (site_id, unit_id, n) VALUES (new.site_id, '*', 1)
    ON CONFLICT (site_id, unit_id) DO UPDATE SET n = n + 1;
END;
