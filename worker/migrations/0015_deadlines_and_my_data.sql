-- Deadlines that bite (the hourly cron's reminders and 督办) and the citizen's own data (erasure).
--
-- Overdue itself is not stored: it is `due_at` against the clock, which the queue (migration 0009)
-- and every view already read; a stored flag would be stale between runs and cost a write per message.
-- What is stored is what the cron did, per deadline, so that each is done once:

-- How many working days before its deadline a message's unit is reminded (0: no reminders).
ALTER TABLE sites ADD COLUMN reminder_days INTEGER NOT NULL DEFAULT 1 CHECK (reminder_days BETWEEN 0 AND 30);

-- The deadline a reminder, and a 督办 (escalation to the unit above), was written for: a new
-- deadline (extension, 重办) makes each due again; running the cron twice finds nothing to do.
-- A message once escalated stays flagged 督办 (`escalated_due_at IS NOT NULL`).
ALTER TABLE messages ADD COLUMN reminded_due_at TEXT;
ALTER TABLE messages ADD COLUMN escalated_due_at TEXT;
-- Set when the citizen erased their contact details (the columns are then emptied).
ALTER TABLE messages ADD COLUMN author_erased_at TEXT;

-- What each cron run looks for, in deadline order, without reading what it already did: open
-- messages whose current deadline has had no reminder / no 督办 yet. The cron's statements repeat
-- these conditions word for word (with literals, not bound values) so that SQLite uses them.
CREATE INDEX messages_reminder_due ON messages (site_id, due_at)
  WHERE status IN ('submitted', 'accepted', 'in_progress') AND moderation != 'rejected' AND reminded_due_at IS NOT due_at;
CREATE INDEX messages_escalation_due ON messages (site_id, due_at)
  WHERE status IN ('submitted', 'accepted', 'in_progress') AND moderation != 'rejected' AND escalated_due_at IS NOT due_at;

-- The queue's 督办 tab walks only escalated messages, site-wide or unit by unit.
CREATE INDEX messages_queue_supervised ON messages (site_id, status, due_at, seq) WHERE escalated_due_at IS NOT NULL;
CREATE INDEX messages_queue_unit_supervised ON messages (unit_id, status, due_at, seq) WHERE escalated_due_at IS NOT NULL;

-- Open escalated messages per unit, for the 督办 tab's count (as message_counts does for the others).
CREATE TABLE supervised_counts (
  site_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (site_id, unit_id)
) WITHOUT ROWID;

CREATE TRIGGER supervised_counts_insert AFTER INSERT ON messages
  WHEN new.escalated_due_at IS NOT NULL AND new.status IN ('submitted', 'accepted', 'in_progress') AND new.moderation != 'rejected'
BEGIN
  INSERT INTO supervised_counts (site_id, unit_id, n) VALUES (new.site_id, new.unit_id, 1)
    ON CONFLICT (site_id, unit_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER supervised_counts_delete AFTER DELETE ON messages
  WHEN old.escalated_due_at IS NOT NULL AND old.status IN ('submitted', 'accepted', 'in_progress') AND old.moderation != 'rejected'
BEGIN
  UPDATE supervised_counts SET n = n - 1 WHERE site_id = old.site_id AND unit_id = old.unit_id;
END;

CREATE TRIGGER supervised_counts_update_old AFTER UPDATE OF site_id, unit_id, status, moderation, escalated_due_at ON messages
  WHEN old.escalated_due_at IS NOT NULL AND old.status IN ('submitted', 'accepted', 'in_progress') AND old.moderation != 'rejected'
BEGIN
  UPDATE supervised_counts SET n = n - 1 WHERE site_id = old.site_id AND unit_id = old.unit_id;
END;

CREATE TRIGGER supervised_counts_update_new AFTER UPDATE OF site_id, unit_id, status, moderation, escalated_due_at ON messages
  WHEN new.escalated_due_at IS NOT NULL AND new.status IN ('submitted', 'accepted', 'in_progress') AND new.moderation != 'rejected'
BEGIN
  INSERT INTO supervised_counts (site_id, unit_id, n) VALUES (new.site_id, new.unit_id, 1)
    ON CONFLICT (site_id, unit_id) DO UPDATE SET n = n + 1;
END;

-- Every erasure of a citizen's contact details, kept apart from the messages (and holding nothing
-- personal) so that it can be exported before a restore and applied again after it: see the README,
-- "Restoring a backup".
CREATE TABLE personal_data_erasures (
  id INTEGER PRIMARY KEY,
  site_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  erased_at TEXT NOT NULL
);
CREATE UNIQUE INDEX personal_data_erasures_by_message ON personal_data_erasures (message_id);
