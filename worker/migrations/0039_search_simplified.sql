-- The search index holds each text in Simplified characters (`searchText`, worker/src/lib/search-text.ts),
-- so a reader who types 路灯 finds a message written 路燈 as well as one written 路灯. SQL alone cannot
-- fold the characters, so every site is listed for a rebuild (`continueSearchRebuilds`: the hourly job,
-- and `npm run dev` at start), which replaces each entry in place, newest first. Meanwhile a search
-- looks for a word in Traditional characters both as typed and in Simplified ones (`searchMatch`), so
-- everything found before is found throughout.
INSERT INTO search_rebuilds (site_id) SELECT id FROM sites WHERE true
  ON CONFLICT (site_id) DO UPDATE SET before_seq = NULL;
