-- The console's queue finds a message by words of its title or body (`instr`, over every message of
-- the official's units, private and unpublished ones too, which the public search index never holds).
-- It compared the words with the text as written (ASCII letters in either case): 路灯 missed a
-- message written 路燈, ＬＥＤ one written LED and the other way round, and a word with an invisible
-- character pasted into it (路\u200B灯) missed everything. SQL cannot fold the text, so the worker
-- stores each message's title and body as the search compares them (`matchText`,
-- worker/src/lib/search-text.ts: Simplified characters, NFKC, nothing invisible, lower case) when it
-- writes the message: '' where that holds the same words as the text as written, differing at most in
-- the marks between words (NFKC makes , of ，; most messages: nothing stored twice),
-- the folded text otherwise. NULL means "not computed yet": messages stored before this migration and
-- rows written by raw SQL. `continueMatchText` (the hourly job, `npm run dev`, a restore) fills them,
-- reading the pending messages through a partial index that holds nothing once all are done.
ALTER TABLE messages ADD COLUMN match_text TEXT;

CREATE INDEX messages_match_text_pending ON messages (seq) WHERE match_text IS NULL;

-- The match form now leaves out invisible characters, and 么 is no longer folded to 幺 (Taiwan's
-- variant tables count it a form of 幺; it is how Simplified Chinese writes 麼), so the public search
-- index, which holds text in that form, is rewritten for every site (`continueSearchRebuilds`, as
-- after migration 0039): a message whose text holds one is found by the word without it once its
-- entry is rewritten; meanwhile a word holding 么 is looked for with 幺 too (`searchMatch`), as
-- those entries hold it.
INSERT INTO search_rebuilds (site_id) SELECT id FROM sites WHERE true
  ON CONFLICT (site_id) DO UPDATE SET before_seq = NULL;
