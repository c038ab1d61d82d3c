-- A citizen who asked to be told of a reply is told too when their message does not pass review
-- (moderation 'rejected'): otherwise they would wait for a reply that will never come. A new notice
-- kind, 'rejected', sent like a reply notice (same opt-in, same channels, never the reason's words).
--
-- SQLite cannot change a CHECK constraint in place: the notices table is made again with the new kind
-- and its rows copied, ids unchanged, as in 0047.
PRAGMA defer_foreign_keys = true;

-- Kept aside, the table made again under its own name (so `notification_attempts` still names it),
-- and the rows put back: each row put back answers the attempts that refer to it.
CREATE TABLE notifications_kept AS SELECT * FROM notifications;
DROP TABLE notifications;
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  kind TEXT NOT NULL CHECK (kind IN ('reply', 'recovery', 'new_code', 'verification_code', 'assigned', 'due_soon', 'escalated', 'reopened', 'rejected')),
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
