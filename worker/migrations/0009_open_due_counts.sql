-- The queue's 已超期 count changes with the clock, so it cannot be a tally of its own. It is the
-- number of open messages (migration 0008's tallies) minus those whose deadline is still ahead:
-- this table keeps open messages per unit and deadline day (UTC), by triggers on every write of
-- messages, so only days from today on are read, however large the backlog of overdue ones.
-- The row with unit_id '*' holds the whole site, so site-wide officials read one row per day.
-- Open = submitted, accepted or in progress, and not rejected (as the queue's tabs define it).
CREATE TABLE open_due_counts (
  site_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  due_day TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (site_id, unit_id, due_day)
) WITHOUT ROWID;

INSERT INTO open_due_counts (site_id, unit_id, due_day, n)
  SELECT site_id, unit_id, substr(due_at, 1, 10), count(*) FROM messages
    WHERE status IN ('submitted', 'accepted', 'in_progress') AND moderation != 'rejected'
    GROUP BY site_id, unit_id, substr(due_at, 1, 10);
INSERT INTO open_due_counts (site_id, unit_id, due_day, n)
  SELECT site_id, '*', substr(due_at, 1, 10), count(*) FROM messages
    WHERE status IN ('submitted', 'accepted', 'in_progress') AND moderation != 'rejected'
    GROUP BY site_id, substr(due_at, 1, 10);

CREATE TRIGGER open_due_counts_insert AFTER INSERT ON messages
  WHEN new.status IN ('submitted', 'accepted', 'in_progress') AND new.moderation != 'rejected'
BEGIN
  INSERT INTO open_due_counts (site_id, unit_id, due_day, n) VALUES (new.site_id, new.unit_id, substr(new.due_at, 1, 10), 1)
    ON CONFLICT (site_id, unit_id, due_day) DO UPDATE SET n = n + 1;
  INSERT INTO open_due_counts (site_id, unit_id, due_day, n) VALUES (new.site_id, '*', substr(new.due_at, 1, 10), 1)
    ON CONFLICT (site_id, unit_id, due_day) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER open_due_counts_delete AFTER DELETE ON messages
  WHEN old.status IN ('submitted', 'accepted', 'in_progress') AND old.moderation != 'rejected'
BEGIN
  UPDATE open_due_counts SET n = n - 1
    WHERE site_id = old.site_id AND unit_id IN (old.unit_id, '*') AND due_day = substr(old.due_at, 1, 10);
  DELETE FROM open_due_counts
    WHERE site_id = old.site_id AND unit_id IN (old.unit_id, '*') AND due_day = substr(old.due_at, 1, 10) AND n = 0;
END;

-- An update leaves the old place (when it was open) and takes the new one (when it is open): a
-- transfer, a status change, a rejection or an extended deadline each move one count.
CREATE TRIGGER open_due_counts_update_old AFTER UPDATE OF site_id, unit_id, status, moderation, due_at ON messages
  WHEN old.status IN ('submitted', 'accepted', 'in_progress') AND old.moderation != 'rejected'
BEGIN
  UPDATE open_due_counts SET n = n - 1
    WHERE site_id = old.site_id AND unit_id IN (old.unit_id, '*') AND due_day = substr(old.due_at, 1, 10);
  DELETE FROM open_due_counts
    WHERE site_id = old.site_id AND unit_id IN (old.unit_id, '*') AND due_day = substr(old.due_at, 1, 10) AND n = 0;
END;

CREATE TRIGGER open_due_counts_update_new AFTER UPDATE OF site_id, unit_id, status, moderation, due_at ON messages
  WHEN new.status IN ('submitted', 'accepted', 'in_progress') AND new.moderation != 'rejected'
BEGIN
  INSERT INTO open_due_counts (site_id, unit_id, due_day, n) VALUES (new.site_id, new.unit_id, substr(new.due_at, 1, 10), 1)
    ON CONFLICT (site_id, unit_id, due_day) DO UPDATE SET n = n + 1;
  INSERT INTO open_due_counts (site_id, unit_id, due_day, n) VALUES (new.site_id, '*', substr(new.due_at, 1, 10), 1)
    ON CONFLICT (site_id, unit_id, due_day) DO UPDATE SET n = n + 1;
END;

-- A responder's 全部 tab walks each of their units by deadline.
CREATE INDEX messages_queue_unit_all ON messages (unit_id, due_at, seq);

-- The other tabs leave rejected messages out. A rejected message keeps its status and its early
-- deadline forever, so a walk of the deadline index would step over every one of them first: these
-- indexes hold only what the tabs can show.
-- They replace migration 0003's indexes of the same columns, which the planner would otherwise
-- prefer (a walk that needs rejected messages too has 0001's messages_by_site_due and messages_by_unit).
DROP INDEX messages_queue_site;
DROP INDEX messages_queue_unit;
CREATE INDEX messages_queue_site_handled ON messages (site_id, status, due_at, seq) WHERE moderation != 'rejected';
CREATE INDEX messages_queue_unit_handled ON messages (unit_id, status, due_at, seq) WHERE moderation != 'rejected';

-- The tallies of migration 0008 get a row per site too (unit_id '*'), kept by the same triggers, so
-- that site-wide officials read a few rows for their counts instead of every unit's.
INSERT INTO message_counts (site_id, unit_id, status, moderation, is_public, n)
  SELECT site_id, '*', status, moderation, is_public, sum(n) FROM message_counts GROUP BY site_id, status, moderation, is_public;

DROP TRIGGER message_counts_insert;
DROP TRIGGER message_counts_delete;
DROP TRIGGER message_counts_update;

CREATE TRIGGER message_counts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO message_counts (site_id, unit_id, status, moderation, is_public, n)
    VALUES (new.site_id, new.unit_id, new.status, new.moderation, new.is_public, 1)
    ON CONFLICT (site_id, unit_id, status, moderation, is_public) DO UPDATE SET n = n + 1;
  INSERT INTO message_counts (site_id, unit_id, status, moderation, is_public, n)
    VALUES (new.site_id, '*', new.status, new.moderation, new.is_public, 1)
    ON CONFLICT (site_id, unit_id, status, moderation, is_public) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER message_counts_delete AFTER DELETE ON messages BEGIN
  UPDATE message_counts SET n = n - 1
    WHERE site_id = old.site_id AND unit_id IN (old.unit_id, '*') AND status = old.status AND moderation = old.moderation AND is_public = old.is_public;
END;

CREATE TRIGGER message_counts_update AFTER UPDATE OF site_id, unit_id, status, moderation, is_public ON messages
  WHEN old.site_id IS NOT new.site_id OR old.unit_id IS NOT new.unit_id OR old.status IS NOT new.status
    OR old.moderation IS NOT new.moderation OR old.is_public IS NOT new.is_public
BEGIN
  UPDATE message_counts SET n = n - 1
    WHERE site_id = old.site_id AND unit_id IN (old.unit_id, '*') AND status = old.status AND moderation = old.moderation AND is_public = old.is_public;
  INSERT INTO message_counts (site_id, unit_id, status, moderation, is_public, n)
    VALUES (new.site_id, new.unit_id, new.status, new.moderation, new.is_public, 1)
    ON CONFLICT (site_id, unit_id, status, moderation, is_public) DO UPDATE SET n = n + 1;
  INSERT INTO message_counts (site_id, unit_id, status, moderation, is_public, n)
    VALUES (new.site_id, '*', new.status, new.moderation, new.is_public, 1)
    ON CONFLICT (site_id, unit_id, status, moderation, is_public) DO UPDATE SET n = n + 1;
END;
