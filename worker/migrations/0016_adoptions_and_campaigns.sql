-- Adopted suggestions (采纳) and suggestion drives (建言专栏) (PRODUCT.md, issue 11).

-- 采纳: when an official marked a 建言 as adopted, and the public note saying what was adopted, where.
ALTER TABLE messages ADD COLUMN adopted_at TEXT;
ALTER TABLE messages ADD COLUMN adoption_note TEXT;
-- The board's ?adopted=true: only adopted published public messages, newest first (few rows, so a
-- partial index walks just them).
CREATE INDEX messages_board_adopted ON messages (site_id, moderation, is_public, seq)
  WHERE adopted_at IS NOT NULL;

-- The outlets allowed to embed a campaign: a JSON array of {name, origin}; empty means any origin the
-- site allows. A message records the outlet's name it was written on (its Origin mapped to the name).
ALTER TABLE campaigns ADD COLUMN outlets TEXT NOT NULL DEFAULT '[]';
ALTER TABLE campaigns ADD COLUMN updated_at TEXT;
ALTER TABLE messages ADD COLUMN source_outlet TEXT;

-- A campaign's figures per outlet ('' for none): messages, published (public, on the board),
-- replied (at least one reply) and adopted; kept by triggers, so a campaign's page reads a few rows.
CREATE TABLE campaign_counts (
  campaign_id TEXT NOT NULL,
  outlet TEXT NOT NULL,
  messages INTEGER NOT NULL DEFAULT 0,
  published INTEGER NOT NULL DEFAULT 0,
  replied INTEGER NOT NULL DEFAULT 0,
  adopted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, outlet)
) WITHOUT ROWID;

INSERT INTO campaign_counts (campaign_id, outlet, messages, published, replied, adopted)
  SELECT campaign_id, '', count(*), sum(moderation = 'published' AND is_public = 1), sum(first_replied_at IS NOT NULL), 0
  FROM messages WHERE campaign_id IS NOT NULL GROUP BY campaign_id;

CREATE TRIGGER campaign_counts_insert AFTER INSERT ON messages WHEN new.campaign_id IS NOT NULL BEGIN
  INSERT INTO campaign_counts (campaign_id, outlet, messages, published, replied, adopted)
    VALUES (new.campaign_id, coalesce(new.source_outlet, ''), 1, new.moderation = 'published' AND new.is_public = 1,
      new.first_replied_at IS NOT NULL, new.adopted_at IS NOT NULL)
    ON CONFLICT (campaign_id, outlet) DO UPDATE SET messages = messages + 1, published = published + excluded.published,
      replied = replied + excluded.replied, adopted = adopted + excluded.adopted;
END;

CREATE TRIGGER campaign_counts_delete AFTER DELETE ON messages WHEN old.campaign_id IS NOT NULL BEGIN
  UPDATE campaign_counts SET messages = messages - 1, published = published - (old.moderation = 'published' AND old.is_public = 1),
      replied = replied - (old.first_replied_at IS NOT NULL), adopted = adopted - (old.adopted_at IS NOT NULL)
    WHERE campaign_id = old.campaign_id AND outlet = coalesce(old.source_outlet, '');
END;

CREATE TRIGGER campaign_counts_update AFTER UPDATE OF campaign_id, source_outlet, moderation, is_public, first_replied_at, adopted_at ON messages
  WHEN (old.campaign_id IS NOT NULL OR new.campaign_id IS NOT NULL) AND (old.campaign_id IS NOT new.campaign_id
    OR old.source_outlet IS NOT new.source_outlet OR old.moderation IS NOT new.moderation OR old.is_public IS NOT new.is_public
    OR (old.first_replied_at IS NULL) IS NOT (new.first_replied_at IS NULL) OR (old.adopted_at IS NULL) IS NOT (new.adopted_at IS NULL))
BEGIN
  UPDATE campaign_counts SET messages = messages - 1, published = published - (old.moderation = 'published' AND old.is_public = 1),
      replied = replied - (old.first_replied_at IS NOT NULL), adopted = adopted - (old.adopted_at IS NOT NULL)
    WHERE old.campaign_id IS NOT NULL AND campaign_id = old.campaign_id AND outlet = coalesce(old.source_outlet, '');
  INSERT INTO campaign_counts (campaign_id, outlet, messages, published, replied, adopted)
    SELECT new.campaign_id, coalesce(new.source_outlet, ''), 1, new.moderation = 'published' AND new.is_public = 1,
      new.first_replied_at IS NOT NULL, new.adopted_at IS NOT NULL
    WHERE new.campaign_id IS NOT NULL
    ON CONFLICT (campaign_id, outlet) DO UPDATE SET messages = messages + 1, published = published + excluded.published,
      replied = replied + excluded.replied, adopted = adopted + excluded.adopted;
END;
