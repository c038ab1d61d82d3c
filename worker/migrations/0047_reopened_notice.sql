-- An official is told when a citizen sends a message back to their unit (重办: an unhappy rating or a
-- follow-up to an answered message), as they are told of one given to it: a new notice kind,
-- 'reopened', that each official can turn off like the others (on by default).
--
-- SQLite cannot change a CHECK constraint in place: the notices table is made again with the new kind
-- and its rows copied, ids unchanged. `notification_attempts` refers to it; the references are
-- checked when the migration commits, when every row they name is there again.
PRAGMA defer_foreign_keys = true;

-- Kept aside, the table made again under its own name (so `notification_attempts` still names it),
-- and the rows put back: each row put back answers the attempts that refer to it.
CREATE TABLE notifications_kept AS SELECT * FROM notifications;
DROP TABLE notifications;
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  kind TEXT NOT NULL CHECK (kind IN ('reply', 'recovery', 'new_code', 'verification_code', 'assigned', 'due_soon', 'escalated', 'reopened')),
  channel TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
  recipient_enc TEXT,
  message_id TEXT,
  account_id TEXT,
  dedupe_key TEXT UNIQUE,
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL,
  finished_at TEXT,
  unit_id TEXT
);
INSERT INTO notifications (id, site_id, kind, channel, recipient_enc, message_id, account_id, dedupe_key, status, attempts, last_error, created_at, finished_at, unit_id)
  SELECT id, site_id, kind, channel, recipient_enc, message_id, account_id, dedupe_key, status, attempts, last_error, created_at, finished_at, unit_id FROM notifications_kept;
DROP TABLE notifications_kept;
CREATE INDEX notifications_by_status ON notifications (site_id, status, created_at);

ALTER TABLE account_notification_settings ADD COLUMN reopened INTEGER NOT NULL DEFAULT 1 CHECK (reopened IN (0, 1));
