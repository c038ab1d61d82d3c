-- Open311 GeoReport v2 (issue 13): per-site integration keys, and the tokens a POST answers with
-- while its message waits for moderation.

-- An integration's api_key: shown once when an admin issues it, stored only as a keyed hash (the
-- lookup is by that hash); `prefix` (its first characters) lets admins tell keys apart. A revoked key
-- stays on the record (the audit log names it) and is refused.
CREATE TABLE integration_keys (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  label TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_by TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  last_used_at TEXT
);
CREATE INDEX integration_keys_by_site ON integration_keys (site_id, created_at);

-- GET tokens/{token}: the request id of a message posted through Open311 once it is public. Written
-- in the submission's own batch; the token names nothing else (a private or rejected message's token
-- never answers with an id).
CREATE TABLE open311_tokens (
  token TEXT PRIMARY KEY,
  site_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;
-- A retried POST finds the token its message was given.
CREATE INDEX open311_tokens_by_message ON open311_tokens (message_id);
