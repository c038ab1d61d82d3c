-- Per-site rules a citizen meets in the form: the shortest title and body accepted, the privacy
-- notice the consent box links to, and how many submissions are accepted before the service asks to
-- wait (a public box must hold against floods).
ALTER TABLE sites ADD COLUMN title_min INTEGER NOT NULL DEFAULT 4;
ALTER TABLE sites ADD COLUMN body_min INTEGER NOT NULL DEFAULT 10;
-- The site's own privacy notice: a page of its own (URL) or a text; neither means the notice shipped with Liuyan.
ALTER TABLE sites ADD COLUMN privacy_url TEXT;
ALTER TABLE sites ADD COLUMN privacy_text TEXT;
-- {"perAddressHour": n, "perPhoneDay": n, "perSiteMinute": n}; a missing key takes the default.
ALTER TABLE sites ADD COLUMN submission_limits TEXT NOT NULL DEFAULT '{}';

-- Submissions counted per window, for the exact caps. A CHECK on the count makes the batch that
-- would go over the cap fail as a whole: nothing of that submission is written.
CREATE TABLE submission_counts (
  site_id TEXT NOT NULL REFERENCES sites(id),
  scope TEXT NOT NULL CHECK (scope IN ('address', 'phone', 'site')),
  key_hash TEXT NOT NULL,
  window_start TEXT NOT NULL,
  window_end TEXT NOT NULL,
  count INTEGER NOT NULL,
  cap INTEGER NOT NULL,
  CHECK (count <= cap),
  PRIMARY KEY (site_id, scope, key_hash, window_start)
) WITHOUT ROWID;
CREATE INDEX submission_counts_end ON submission_counts (window_end);
