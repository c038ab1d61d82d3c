-- A private message is handled but never published, so it never waits in 待审核: the moderation tab
-- holds only what could be published. The tallies behind the queue's counts (migration 0004) are
-- kept by visibility too, so that tab is counted without reading the messages.
DROP TRIGGER message_counts_insert;
DROP TRIGGER message_counts_delete;
DROP TRIGGER message_counts_update;
DROP TABLE message_counts;

CREATE TABLE message_counts (
  site_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  status TEXT NOT NULL,
  moderation TEXT NOT NULL,
  is_public INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (site_id, unit_id, status, moderation, is_public)
) WITHOUT ROWID;

INSERT INTO message_counts (site_id, unit_id, status, moderation, is_public, n)
  SELECT site_id, unit_id, status, moderation, is_public, count(*) FROM messages GROUP BY site_id, unit_id, status, moderation, is_public;

CREATE TRIGGER message_counts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO message_counts (site_id, unit_id, status, moderation, is_public, n)
    VALUES (new.site_id, new.unit_id, new.status, new.moderation, new.is_public, 1)
    ON CONFLICT (site_id, unit_id, status, moderation, is_public) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER message_counts_delete AFTER DELETE ON messages BEGIN
  UPDATE message_counts SET n = n - 1
    WHERE site_id = old.site_id AND unit_id = old.unit_id AND status = old.status AND moderation = old.moderation AND is_public = old.is_public;
END;

CREATE TRIGGER message_counts_update AFTER UPDATE OF site_id, unit_id, status, moderation, is_public ON messages
  WHEN old.site_id IS NOT new.site_id OR old.unit_id IS NOT new.unit_id OR old.status IS NOT new.status
    OR old.moderation IS NOT new.moderation OR old.is_public IS NOT new.is_public
BEGIN
  UPDATE message_counts SET n = n - 1
    WHERE site_id = old.site_id AND unit_id = old.unit_id AND status = old.status AND moderation = old.moderation AND is_public = old.is_public;
  INSERT INTO message_counts (site_id, unit_id, status, moderation, is_public, n)
    VALUES (new.site_id, new.unit_id, new.status, new.moderation, new.is_public, 1)
    ON CONFLICT (site_id, unit_id, status, moderation, is_public) DO UPDATE SET n = n + 1;
END;
