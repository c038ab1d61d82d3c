-- A follow-up question (追问) is the citizen's own free text: the officials of the unit read and
-- answer it at once, but the public reads it only once a moderator has published it (issue 11:
-- "never the citizen's free text unless the message is public and moderation allows it"). A rejected
-- one never becomes public. Follow-ups sent before this migration were shown publicly without review:
-- they wait for a moderator too (the default), rather than stay public unread.
ALTER TABLE follow_ups ADD COLUMN moderation TEXT NOT NULL DEFAULT 'pending'
  CHECK (moderation IN ('pending', 'published', 'rejected'));
ALTER TABLE follow_ups ADD COLUMN moderated_at TEXT;

-- The moderators' list of follow-ups waiting for them, oldest first: only those rows are indexed.
CREATE INDEX follow_ups_pending ON follow_ups (created_at, id) WHERE moderation = 'pending';
