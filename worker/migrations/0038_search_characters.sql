-- The search index also holds each text's characters, once each, after its bigrams (`searchText`,
-- worker/src/lib/search-text.ts): a search for one character (灯) becomes a lookup of its token over
-- the whole board, where it scanned the newest 5,000 messages with LIKE. SQL alone cannot compute
-- the entries, so every site is listed for a rebuild (`continueSearchRebuilds`: the hourly job, and
-- `npm run dev` at start), which replaces each entry in place. The entries stay meanwhile: words are
-- found throughout, and a single character in the messages the rebuild has reached and those
-- published since.
--
-- A rebuild now walks a site's messages newest first, the ones readers search most, so its position
-- is the oldest message rewritten so far (`before_seq`; NULL: none yet) where it was the newest.
ALTER TABLE search_rebuilds DROP COLUMN after_seq;
ALTER TABLE search_rebuilds ADD COLUMN before_seq INTEGER;
INSERT INTO search_rebuilds (site_id) SELECT id FROM sites WHERE true
  ON CONFLICT (site_id) DO UPDATE SET before_seq = NULL;
