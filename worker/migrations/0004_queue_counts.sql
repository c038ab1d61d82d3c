-- How many messages each unit has in each status and moderation state, kept by triggers on every
-- write of messages, so that the queue's counts per tab read a few rows instead of every message.
CREATE TABLE message_counts (
  site_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  status TEXT NOT NULL,
  moderation TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (site_id, unit_id, status, moderation)
) WITHOUT ROWID;

INSERT INTO message_counts (site_id, unit_id, status, moderation, n)
  SELECT site_id, unit_id, status, moderation, count(*) FROM messages GROUP BY site_id, unit_id, status, moderation;

CREATE TRIGGER message_counts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO message_counts (site_id, unit_id, status, moderation, n) VALUES (new.site_id, new.unit_id, new.status, new.moderation, 1)
    ON CONFLICT (site_id, unit_id, status, moderation) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER message_counts_delete AFTER DELETE ON messages BEGIN
  UPDATE message_counts SET n = n - 1
    WHERE site_id = old.site_id AND unit_id = old.unit_id AND status = old.status AND moderation = old.moderation;
END;

CREATE TRIGGER message_counts_update AFTER UPDATE OF site_id, unit_id, status, moderation ON messages
  WHEN old.site_id IS NOT new.site_id OR old.unit_id IS NOT new.unit_id OR old.status IS NOT new.status OR old.moderation IS NOT new.moderation
BEGIN
  UPDATE message_counts SET n = n - 1
    WHERE site_id = old.site_id AND unit_id = old.unit_id AND status = old.status AND moderation = old.moderation;
  INSERT INTO message_counts (site_id, unit_id, status, moderation, n) VALUES (new.site_id, new.unit_id, new.status, new.moderation, 1)
    ON CONFLICT (site_id, unit_id, status, moderation) DO UPDATE SET n = n + 1;
END;
