-- Statistics count adopted suggestions (采纳, migration 0016) in migration 0017's tallies: a message
-- counts where its other figures count (its campaign, unit and month, and the '*' rows), from the
-- moment it is adopted, and moves with it (a transfer) or leaves with it (deletion, rejection).

UPDATE stats_counts SET adopted = 0;
INSERT INTO stats_counts (site_id, campaign_id, unit_id, month, adopted)
  SELECT m.site_id, CASE ck.k WHEN 0 THEN '*' ELSE m.campaign_id END, CASE uk.k WHEN 0 THEN '*' ELSE m.unit_id END,
    CASE mk.k WHEN 0 THEN '*' ELSE strftime('%Y-%m', m.created_at, '+8 hours') END, 1
  FROM messages AS m, (SELECT 0 AS k UNION ALL SELECT 1) AS ck, (SELECT 0 AS k UNION ALL SELECT 1) AS uk, (SELECT 0 AS k UNION ALL SELECT 1) AS mk
  WHERE m.moderation != 'rejected' AND m.adopted_at IS NOT NULL AND (ck.k = 0 OR m.campaign_id IS NOT NULL)
  ON CONFLICT (site_id, campaign_id, unit_id, month) DO UPDATE SET adopted = adopted + excluded.adopted;

CREATE TRIGGER stats_adopted_insert AFTER INSERT ON messages
  WHEN new.adopted_at IS NOT NULL AND new.moderation != 'rejected'
BEGIN
  INSERT INTO stats_counts (site_id, campaign_id, unit_id, month, adopted)
  SELECT new.site_id, c.campaign_id, u.unit_id, mo.month, 1
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT new.campaign_id WHERE new.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT new.unit_id) AS u,
    (SELECT '*' AS month UNION ALL SELECT strftime('%Y-%m', new.created_at, '+8 hours')) AS mo
  WHERE 1
  ON CONFLICT (site_id, campaign_id, unit_id, month) DO UPDATE SET adopted = adopted + excluded.adopted;
END;

CREATE TRIGGER stats_adopted_delete AFTER DELETE ON messages
  WHEN old.adopted_at IS NOT NULL AND old.moderation != 'rejected'
BEGIN
  INSERT INTO stats_counts (site_id, campaign_id, unit_id, month, adopted)
  SELECT old.site_id, c.campaign_id, u.unit_id, mo.month, -1
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT old.campaign_id WHERE old.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT old.unit_id) AS u,
    (SELECT '*' AS month UNION ALL SELECT strftime('%Y-%m', old.created_at, '+8 hours')) AS mo
  WHERE 1
  ON CONFLICT (site_id, campaign_id, unit_id, month) DO UPDATE SET adopted = adopted + excluded.adopted;
END;

-- An update leaves the old place (when it counted there) and takes the new one (when it counts).
CREATE TRIGGER stats_adopted_update_old AFTER UPDATE OF site_id, campaign_id, unit_id, moderation, created_at, adopted_at ON messages
  WHEN old.adopted_at IS NOT NULL AND old.moderation != 'rejected'
BEGIN
  INSERT INTO stats_counts (site_id, campaign_id, unit_id, month, adopted)
  SELECT old.site_id, c.campaign_id, u.unit_id, mo.month, -1
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT old.campaign_id WHERE old.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT old.unit_id) AS u,
    (SELECT '*' AS month UNION ALL SELECT strftime('%Y-%m', old.created_at, '+8 hours')) AS mo
  WHERE 1
  ON CONFLICT (site_id, campaign_id, unit_id, month) DO UPDATE SET adopted = adopted + excluded.adopted;
END;

CREATE TRIGGER stats_adopted_update_new AFTER UPDATE OF site_id, campaign_id, unit_id, moderation, created_at, adopted_at ON messages
  WHEN new.adopted_at IS NOT NULL AND new.moderation != 'rejected'
BEGIN
  INSERT INTO stats_counts (site_id, campaign_id, unit_id, month, adopted)
  SELECT new.site_id, c.campaign_id, u.unit_id, mo.month, 1
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT new.campaign_id WHERE new.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT new.unit_id) AS u,
    (SELECT '*' AS month UNION ALL SELECT strftime('%Y-%m', new.created_at, '+8 hours')) AS mo
  WHERE 1
  ON CONFLICT (site_id, campaign_id, unit_id, month) DO UPDATE SET adopted = adopted + excluded.adopted;
END;
