-- The officials' console.

-- The latest reply, kept on the message row by the reply action, so that a board card shows its
-- excerpt without reading the replies table.
ALTER TABLE messages ADD COLUMN latest_reply_id TEXT;
ALTER TABLE messages ADD COLUMN latest_reply_kind TEXT CHECK (latest_reply_kind IN ('interim', 'final'));
ALTER TABLE messages ADD COLUMN latest_reply_unit_id TEXT;
ALTER TABLE messages ADD COLUMN latest_reply_excerpt TEXT;
ALTER TABLE messages ADD COLUMN latest_reply_at TEXT;
CREATE INDEX replies_latest ON replies (message_id, created_at, id);
UPDATE messages SET (latest_reply_id, latest_reply_kind, latest_reply_unit_id, latest_reply_excerpt, latest_reply_at) = (
  SELECT r.id, r.kind, r.unit_id, substr(r.body, 1, 120), r.created_at FROM replies r
  WHERE r.message_id = messages.id ORDER BY r.created_at DESC, r.id DESC LIMIT 1
) WHERE reply_count > 0;

-- The queue: a site's (or a unit's) messages by moderation state or status, earliest deadline first.
CREATE INDEX messages_queue_all ON messages (site_id, due_at, seq);
CREATE INDEX messages_queue_moderation ON messages (site_id, moderation, due_at, seq);
CREATE INDEX messages_queue_site ON messages (site_id, status, due_at, seq);
CREATE INDEX messages_queue_unit ON messages (unit_id, status, due_at, seq);

-- TOTP enrolment: the secret waits here, encrypted, until the first code from it is confirmed.
ALTER TABLE accounts ADD COLUMN totp_pending_enc TEXT;
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;

-- Failed sign-ins per email (known or not) and per client address, by keyed hash; slows and then
-- refuses guessing without telling which emails exist.
CREATE TABLE sign_in_failures (
  key_hash TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  first_failed_at TEXT NOT NULL,
  locked_until TEXT
);

CREATE INDEX audit_log_by_account ON audit_log (account_id, id);
CREATE INDEX message_events_by_unit ON message_events (unit_id);
