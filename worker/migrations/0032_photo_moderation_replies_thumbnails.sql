-- Photos, continued (issue 15): a moderator hides one photo with a reason (the public never gets it
-- again; its author still sees it, marked), replies carry photos of their own, and each photo may
-- have a small version for cards and the console, made in the browser and checked like the photo.

-- Who uploaded it: NULL for a citizen (named by a submission), the official's account for a reply's
-- photo (named by that official's reply). Neither can attach the other's uploads.
ALTER TABLE photos ADD COLUMN account_id TEXT REFERENCES accounts(id);
-- The reply it was sent with (message_id is then the reply's message); NULL for the citizen's own.
ALTER TABLE photos ADD COLUMN reply_id TEXT REFERENCES replies(id);
-- Hidden by a moderator: when, why (a REJECT_REASONS code) and the moderator's words to the author.
ALTER TABLE photos ADD COLUMN hidden_at TEXT;
ALTER TABLE photos ADD COLUMN hidden_reason TEXT;
ALTER TABLE photos ADD COLUMN hidden_note TEXT;
-- The small version (R2 key `<site>/<id>.thumbnail`), NULL when the client sent none: the photo itself stands in.
ALTER TABLE photos ADD COLUMN thumbnail_type TEXT CHECK (thumbnail_type IN ('image/jpeg', 'image/png', 'image/webp'));
ALTER TABLE photos ADD COLUMN thumbnail_width INTEGER;
ALTER TABLE photos ADD COLUMN thumbnail_height INTEGER;
ALTER TABLE photos ADD COLUMN thumbnail_bytes INTEGER;
ALTER TABLE photos ADD COLUMN thumbnail_sha256 TEXT;

CREATE INDEX photos_by_reply ON photos (reply_id, position) WHERE reply_id IS NOT NULL;
