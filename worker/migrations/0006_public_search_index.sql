-- The search index holds only what anyone may read (published public messages), so that a public
-- search cannot find, or take longer over, a private or unpublished message; and its text is in
-- match form (NFKC, lower case: ３路 is 3路) with every run of letters and digits as bigrams.
-- SQL alone cannot compute the entries: the index is emptied here and refilled by the worker
-- (`continueSearchRebuilds`: the hourly job, and `npm run dev` at start), from the rows below.
DROP TABLE message_search;
CREATE VIRTUAL TABLE message_search USING fts5(text, content = '', contentless_delete = 1);

-- A rebuild of a site's search entries still to do: messages after `after_seq` are not indexed yet.
CREATE TABLE search_rebuilds (
  site_id TEXT PRIMARY KEY REFERENCES sites(id),
  after_seq INTEGER NOT NULL DEFAULT 0
);
INSERT INTO search_rebuilds (site_id) SELECT id FROM sites;
