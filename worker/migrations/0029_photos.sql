-- Photos with a message (issue 15). The bytes are in R2 (binding PHOTOS) under `<site>/<id>`, checked
-- and stripped of metadata on upload; this row says what they are, whose message they belong to and
-- whether the public may see them. A photo is uploaded before its message exists (message_id NULL)
-- and attached by the submission that names it, in that submission's batch.
CREATE TABLE photos (
  -- Random (128 bits): a photo's id is never guessable from another's.
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  message_id TEXT REFERENCES messages(id),
  -- The upload's Idempotency-Key: a retried upload answers with the photo it stored the first time.
  upload_key TEXT NOT NULL,
  content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  -- Hex SHA-256 of the stored (stripped) bytes: the public URL carries it, so it can be cached for ever.
  sha256 TEXT NOT NULL,
  is_public INTEGER NOT NULL DEFAULT 0 CHECK (is_public IN (0, 1)),
  -- Order within the message (0-based), as the citizen chose it.
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  UNIQUE (site_id, upload_key)
);
CREATE INDEX photos_by_message ON photos (message_id, position) WHERE message_id IS NOT NULL;
-- Uploads never sent with a message, for the hourly clean-up (db/photos.ts purgeAbandonedPhotos).
CREATE INDEX photos_unattached ON photos (created_at) WHERE message_id IS NULL;
