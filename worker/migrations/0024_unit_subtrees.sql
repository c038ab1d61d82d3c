-- A unit stands for its whole subtree wherever it filters messages (a province's board holds every
-- message to its cities, counties, leaders and departments). Expanding the subtree into unit ids per
-- request reads the whole tree (a national site has ~90,000 units) and then merges thousands of
-- index ranges. Instead each message is listed once under its own unit and once under every unit
-- above it, so the messages of any subtree, newest first, are one range of one index, and a page of
-- them reads about one entry per card, whatever the size of the subtree or the tree.
--
-- unit_ancestors: each unit with itself (depth 0) and every unit above it (its parent at depth 1 …).
-- A national tree is ~6 levels deep: ~6 rows per unit.
CREATE TABLE unit_ancestors (
  unit_id TEXT NOT NULL,
  ancestor_id TEXT NOT NULL,
  depth INTEGER NOT NULL,
  PRIMARY KEY (unit_id, ancestor_id)
) WITHOUT ROWID;
CREATE INDEX unit_ancestors_below ON unit_ancestors (ancestor_id, unit_id);

-- message_units: each message (by seq) under its own unit and every unit above it, with what the
-- public board filters on besides the unit: whether it is on the board at all (published and public),
-- and its tab. The two indexes serve a board page of a subtree, all tabs or one, newest first.
CREATE TABLE message_units (
  seq INTEGER NOT NULL,
  unit_id TEXT NOT NULL,
  on_board INTEGER NOT NULL,
  public_tab TEXT NOT NULL,
  PRIMARY KEY (seq, unit_id)
) WITHOUT ROWID;
CREATE INDEX message_units_board ON message_units (unit_id, on_board, seq);
CREATE INDEX message_units_board_tab ON message_units (unit_id, on_board, public_tab, seq);

-- The units already there, level by level from the top (a parent's rows exist before its children's).
INSERT INTO unit_ancestors (unit_id, ancestor_id, depth)
  WITH RECURSIVE up(unit_id, ancestor_id, depth) AS (
    SELECT id, id, 0 FROM units
    UNION ALL
    SELECT up.unit_id, u.parent_id, up.depth + 1 FROM up JOIN units u ON u.id = up.ancestor_id WHERE u.parent_id IS NOT NULL
  )
  SELECT unit_id, ancestor_id, depth FROM up;

INSERT INTO message_units (seq, unit_id, on_board, public_tab)
  SELECT m.seq, a.ancestor_id, m.moderation = 'published' AND m.is_public = 1, m.public_tab
  FROM messages m JOIN unit_ancestors a ON a.unit_id = m.unit_id;

-- Triggers keep both in the same transaction as every write of a unit or a message, from any writer
-- (the API, the admin pages, `npm run site`, the seeds). Units are written parents first, as every
-- writer does (the parent must exist for its row to be found).
CREATE TRIGGER unit_ancestors_insert AFTER INSERT ON units BEGIN
  INSERT INTO unit_ancestors (unit_id, ancestor_id, depth)
    SELECT new.id, new.id, 0
    UNION ALL
    SELECT new.id, ancestor_id, depth + 1 FROM unit_ancestors WHERE unit_id = new.parent_id;
END;

-- A unit moved to another parent takes its branch with it: the branch's units and their messages
-- leave every unit above the moved one and join every unit above its new parent. This reads and
-- writes in proportion to the branch and its messages: an admin's rare change, never a reader's.
-- Rows are deleted by their whole primary key (row values), so the units above, which may hold far
-- more messages than the branch (a province), are never walked.
CREATE TRIGGER unit_ancestors_move AFTER UPDATE OF parent_id ON units WHEN old.parent_id IS NOT new.parent_id BEGIN
  DELETE FROM message_units WHERE (seq, unit_id) IN (
    SELECT m.seq, a.ancestor_id
    FROM unit_ancestors b JOIN messages m ON m.unit_id = b.unit_id, unit_ancestors a
    WHERE b.ancestor_id = new.id AND a.unit_id = new.id AND a.depth > 0);
  DELETE FROM unit_ancestors WHERE (unit_id, ancestor_id) IN (
    SELECT b.unit_id, a.ancestor_id FROM unit_ancestors b, unit_ancestors a
    WHERE b.ancestor_id = new.id AND a.unit_id = new.id AND a.depth > 0);
  INSERT INTO unit_ancestors (unit_id, ancestor_id, depth)
    SELECT b.unit_id, a.ancestor_id, b.depth + a.depth + 1
    FROM unit_ancestors b, unit_ancestors a
    WHERE b.ancestor_id = new.id AND a.unit_id = new.parent_id;
  INSERT INTO message_units (seq, unit_id, on_board, public_tab)
    SELECT m.seq, a.ancestor_id, m.moderation = 'published' AND m.is_public = 1, m.public_tab
    FROM unit_ancestors b JOIN messages m ON m.unit_id = b.unit_id, unit_ancestors a
    WHERE b.ancestor_id = new.id AND a.unit_id = new.parent_id;
END;

CREATE TRIGGER unit_ancestors_delete AFTER DELETE ON units BEGIN
  DELETE FROM unit_ancestors WHERE unit_id = old.id;
  DELETE FROM unit_ancestors WHERE ancestor_id = old.id;
END;

CREATE TRIGGER message_units_insert AFTER INSERT ON messages BEGIN
  INSERT INTO message_units (seq, unit_id, on_board, public_tab)
    SELECT new.seq, ancestor_id, new.moderation = 'published' AND new.is_public = 1, new.public_tab
    FROM unit_ancestors WHERE unit_id = new.unit_id;
END;

-- 转办: the message leaves its old unit's subtrees for the new one's.
CREATE TRIGGER message_units_transfer AFTER UPDATE OF unit_id ON messages WHEN old.unit_id IS NOT new.unit_id BEGIN
  DELETE FROM message_units WHERE seq = old.seq;
  INSERT INTO message_units (seq, unit_id, on_board, public_tab)
    SELECT new.seq, ancestor_id, new.moderation = 'published' AND new.is_public = 1, new.public_tab
    FROM unit_ancestors WHERE unit_id = new.unit_id;
END;

-- public_tab is generated from status: a change of status is a change of tab.
CREATE TRIGGER message_units_board AFTER UPDATE OF moderation, is_public, status ON messages BEGIN
  UPDATE message_units SET on_board = new.moderation = 'published' AND new.is_public = 1, public_tab = new.public_tab
    WHERE seq = new.seq;
END;

CREATE TRIGGER message_units_delete AFTER DELETE ON messages BEGIN
  DELETE FROM message_units WHERE seq = old.seq;
END;

-- A card's rating comes with its message row, as its scores already do (migration 0017): its time
-- too, so a page of cards reads no rating rows (on a page of answered messages, a row or two a card).
ALTER TABLE messages ADD COLUMN rating_at TEXT;
UPDATE messages SET rating_at = (SELECT r.created_at FROM ratings AS r WHERE r.message_id = messages.id ORDER BY r.id DESC LIMIT 1)
  WHERE rating_overall IS NOT NULL;

CREATE TRIGGER ratings_latest_at_insert AFTER INSERT ON ratings BEGIN
  UPDATE messages SET rating_at = new.created_at WHERE id = new.message_id;
END;

CREATE TRIGGER ratings_latest_at_delete AFTER DELETE ON ratings BEGIN
  UPDATE messages SET rating_at = (SELECT r.created_at FROM ratings AS r WHERE r.message_id = old.message_id ORDER BY r.id DESC LIMIT 1)
    WHERE id = old.message_id;
END;
