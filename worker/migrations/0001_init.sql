-- Liuyan schema. Timestamps are ISO 8601 UTC strings (sortable); JSON columns hold arrays/objects.
-- Append-only: later changes go in new numbered files.

CREATE TABLE sites (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  locale TEXT NOT NULL DEFAULT 'zh-CN',
  moderation TEXT NOT NULL DEFAULT 'pre' CHECK (moderation IN ('pre', 'post')),
  allowed_origins TEXT NOT NULL DEFAULT '[]',
  types TEXT NOT NULL DEFAULT '["suggestion","complaint","help","consultation"]',
  domains TEXT NOT NULL DEFAULT '["urban","transport","agriculture","health","education","environment","employment","enterprise","governance","security","tourism","finance","other"]',
  -- working days per message type
  deadline_days TEXT NOT NULL DEFAULT '{"consultation":5,"help":5,"complaint":7,"suggestion":15}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Public holidays and make-up working days (调休) that override the weekday rule.
CREATE TABLE calendar_days (
  site_id TEXT NOT NULL REFERENCES sites(id),
  day TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name TEXT,
  PRIMARY KEY (site_id, day)
);

CREATE TABLE units (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  parent_id TEXT REFERENCES units(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('leader', 'department', 'region', 'ministry')),
  sort_order INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX units_by_site ON units (site_id, parent_id, sort_order);

CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  slug TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  unit_ids TEXT NOT NULL DEFAULT '[]',
  types TEXT NOT NULL DEFAULT '[]',
  domains TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  UNIQUE (site_id, slug)
);
CREATE INDEX campaigns_by_site_end ON campaigns (site_id, ends_at);

-- seq orders messages (keyset pages, full-text rowid); id is the public identifier.
CREATE TABLE messages (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  site_id TEXT NOT NULL REFERENCES sites(id),
  unit_id TEXT NOT NULL REFERENCES units(id),
  campaign_id TEXT REFERENCES campaigns(id),
  type TEXT NOT NULL CHECK (type IN ('suggestion', 'complaint', 'help', 'consultation')),
  domain TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  region TEXT NOT NULL,
  -- Personal data: AES-GCM ciphertexts, bound to the message id. Never selected on public paths.
  author_name_enc TEXT NOT NULL,
  author_phone_enc TEXT NOT NULL,
  author_email_enc TEXT,
  display_name TEXT NOT NULL,
  is_public INTEGER NOT NULL CHECK (is_public IN (0, 1)),
  moderation TEXT NOT NULL CHECK (moderation IN ('pending', 'published', 'rejected', 'hidden')),
  moderation_reason TEXT,
  status TEXT NOT NULL CHECK (status IN ('submitted', 'accepted', 'in_progress', 'replied', 'closed')),
  -- HMAC of the tracking code; the code itself is never stored.
  tracking_hash TEXT NOT NULL UNIQUE,
  source_origin TEXT,
  due_at TEXT NOT NULL,
  support_count INTEGER NOT NULL DEFAULT 0,
  reply_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  published_at TEXT,
  first_replied_at TEXT,
  closed_at TEXT
);
-- Public board: published public messages of a site, by tab, newest first.
CREATE INDEX messages_public ON messages (site_id, moderation, is_public, status, seq);
CREATE INDEX messages_by_site_status ON messages (site_id, status, created_at);
CREATE INDEX messages_by_unit ON messages (unit_id, status, due_at);
CREATE INDEX messages_by_unit_public ON messages (unit_id, moderation, is_public, seq);
CREATE INDEX messages_by_campaign ON messages (campaign_id, moderation, seq);
CREATE INDEX messages_by_site_due ON messages (site_id, status, due_at);

-- Every event on a message. Public events are shown to everyone; others only to officials.
CREATE TABLE message_events (
  id INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL REFERENCES messages(id),
  kind TEXT NOT NULL,
  is_public INTEGER NOT NULL DEFAULT 1,
  unit_id TEXT REFERENCES units(id),
  from_unit_id TEXT REFERENCES units(id),
  account_id TEXT REFERENCES accounts(id),
  note TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX message_events_by_message ON message_events (message_id, id);

CREATE TABLE replies (
  id TEXT PRIMARY KEY,
  message_id TEXT NOT NULL REFERENCES messages(id),
  unit_id TEXT NOT NULL REFERENCES units(id),
  kind TEXT NOT NULL CHECK (kind IN ('interim', 'final')),
  body TEXT NOT NULL,
  account_id TEXT REFERENCES accounts(id),
  created_at TEXT NOT NULL
);
CREATE INDEX replies_by_message ON replies (message_id, created_at);

CREATE TABLE ratings (
  id INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL REFERENCES messages(id),
  overall INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 5),
  resolution INTEGER NOT NULL CHECK (resolution BETWEEN 1 AND 5),
  attitude INTEGER NOT NULL CHECK (attitude BETWEEN 1 AND 5),
  speed INTEGER NOT NULL CHECK (speed BETWEEN 1 AND 5),
  reason TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX ratings_by_message ON ratings (message_id, id);

CREATE TABLE follow_ups (
  id TEXT PRIMARY KEY,
  message_id TEXT NOT NULL REFERENCES messages(id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX follow_ups_by_message ON follow_ups (message_id, created_at);

-- One support per person per message, deduplicated by a keyed hash (no account needed).
CREATE TABLE supports (
  message_id TEXT NOT NULL REFERENCES messages(id),
  supporter_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (message_id, supporter_hash)
);

-- Officials' notes, never public.
CREATE TABLE message_notes (
  id TEXT PRIMARY KEY,
  message_id TEXT NOT NULL REFERENCES messages(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX message_notes_by_message ON message_notes (message_id, created_at);

CREATE TABLE reply_templates (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX reply_templates_by_site ON reply_templates (site_id);

CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  email TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'moderator', 'responder')),
  password_hash TEXT NOT NULL,
  password_salt TEXT NOT NULL,
  password_iterations INTEGER NOT NULL,
  totp_secret_enc TEXT,
  totp_last_step INTEGER,
  disabled INTEGER NOT NULL DEFAULT 0,
  failed_sign_ins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (site_id, email)
);

-- Units a responder answers for (their sub-units included by the application).
CREATE TABLE account_units (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  unit_id TEXT NOT NULL REFERENCES units(id),
  PRIMARY KEY (account_id, unit_id)
);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX sessions_by_account ON sessions (account_id);

-- A submission's key and a hash of its body; the answer (with the tracking code) is encrypted
-- and kept only until expires_at.
CREATE TABLE idempotency_keys (
  site_id TEXT NOT NULL REFERENCES sites(id),
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  message_id TEXT NOT NULL,
  response_enc TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  PRIMARY KEY (site_id, key)
);
CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  account_id TEXT REFERENCES accounts(id),
  action TEXT NOT NULL,
  message_id TEXT,
  detail TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX audit_log_by_site ON audit_log (site_id, id);
CREATE INDEX audit_log_by_message ON audit_log (message_id);
