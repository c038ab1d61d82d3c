-- The search index also holds each text's characters, once each, after its bigrams (`searchText`,
-- worker/src/lib/search-text.ts): a search for one character (灯) becomes a lookup of its token over
-- the whole board, where it scanned the newest 5,000 messages with LIKE. SQL alone cannot compute
-- the entries, so every site is listed for a rebuild (`continueSearchRebuilds`: the hourly job, and
-- `npm run dev` at start), which replaces each entry in place. The entries stay meanwhile: words are
-- found throughout, and one character in each message the rebuild has reached.
INSERT INTO search_rebuilds (site_id, after_seq) SELECT id, 0 FROM sites WHERE true
  ON CONFLICT (site_id) DO UPDATE SET after_seq = 0;
