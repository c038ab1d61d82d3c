-- Abuse, second layer, and retention (issue 17). One row per site, kept by its admins
-- (GET/PUT /v1/admin/protection); a site without a row has the defaults below.
CREATE TABLE site_protection (
  site_id TEXT PRIMARY KEY REFERENCES sites(id),
  -- JSON arrays of words as the admin typed them (matched after normalisation, lib/word-rules.ts):
  -- a banned word refuses the text (banned_words); a hold word keeps the message for a moderator.
  banned_words TEXT NOT NULL DEFAULT '[]',
  hold_words TEXT NOT NULL DEFAULT '[]',
  -- Hold a message whose body holds a link / a phone number (spam and touting carry one).
  hold_links INTEGER NOT NULL DEFAULT 1 CHECK (hold_links IN (0, 1)),
  hold_phones INTEGER NOT NULL DEFAULT 1 CHECK (hold_phones IN (0, 1)),
  -- A form sent sooner than this after it was shown is held (a person needs longer to write); 0: never.
  min_fill_seconds INTEGER NOT NULL DEFAULT 5 CHECK (min_fill_seconds BETWEEN 0 AND 600),
  -- Cloudflare Turnstile: both set, or neither. The secret is sealed with DATA_KEY, never returned.
  turnstile_site_key TEXT,
  turnstile_secret_enc TEXT,
  -- Days after a message is closed that its author's contact details and photos are erased; 0: kept.
  retention_days INTEGER NOT NULL DEFAULT 365 CHECK (retention_days BETWEEN 0 AND 36500),
  updated_at TEXT NOT NULL
);

-- Why a message or a follow-up was held for a moderator (JSON array of reasons: honeypot, too_fast,
-- link, phone, word); NULL: nothing looked wrong. The citizen is never told (bots learn nothing).
ALTER TABLE messages ADD COLUMN held_for TEXT;
ALTER TABLE follow_ups ADD COLUMN held_for TEXT;

-- The retention job's seek: a site's closed messages whose contact details are still there, oldest first.
CREATE INDEX messages_retention ON messages (site_id, closed_at) WHERE status = 'closed' AND author_erased_at IS NULL;
