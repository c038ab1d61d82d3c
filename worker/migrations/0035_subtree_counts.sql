-- The queue's tab counts and the dashboard's figures for a responder add up the tallies of every
-- unit in their scope: a responder for a province (3,000 units below it on a national tree) read an
-- index entry per unit and per status of the whole subtree on every queue page (18,641 rows measured).
-- These tables keep the same tallies per subtree: each message counted under its own unit and under
-- every unit above it (unit_ancestors, migration 0024), so a responder's counts are the rows of their
-- own units, whatever lies below them. A message write updates one row per level of its unit (a
-- national tree is ~6 deep) in each table; a unit moved to another parent moves its subtree's rows
-- (one per status, deadline day or figure), never walking its messages.
--
-- subtree_message_counts: as message_counts (migrations 0004, 0008), per subtree.
CREATE TABLE subtree_message_counts (
  site_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  status TEXT NOT NULL,
  moderation TEXT NOT NULL,
  is_public INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (site_id, unit_id, status, moderation, is_public)
) WITHOUT ROWID;

-- subtree_open_due_counts: as open_due_counts (migration 0009), per subtree.
CREATE TABLE subtree_open_due_counts (
  site_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  due_day TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (site_id, unit_id, due_day)
) WITHOUT ROWID;

-- subtree_supervised_counts: as supervised_counts (migration 0015), per subtree.
CREATE TABLE subtree_supervised_counts (
  site_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (site_id, unit_id)
) WITHOUT ROWID;

-- From the tallies per unit already kept.
INSERT INTO subtree_message_counts (site_id, unit_id, status, moderation, is_public, n)
  SELECT c.site_id, a.ancestor_id, c.status, c.moderation, c.is_public, sum(c.n)
  FROM message_counts AS c JOIN unit_ancestors AS a ON a.unit_id = c.unit_id
  WHERE c.unit_id != '*' AND c.n != 0 GROUP BY c.site_id, a.ancestor_id, c.status, c.moderation, c.is_public;

INSERT INTO subtree_open_due_counts (site_id, unit_id, due_day, n)
  SELECT d.site_id, a.ancestor_id, d.due_day, sum(d.n)
  FROM open_due_counts AS d JOIN unit_ancestors AS a ON a.unit_id = d.unit_id
  WHERE d.unit_id != '*' AND d.n != 0 GROUP BY d.site_id, a.ancestor_id, d.due_day;

INSERT INTO subtree_supervised_counts (site_id, unit_id, n)
  SELECT s.site_id, a.ancestor_id, sum(s.n)
  FROM supervised_counts AS s JOIN unit_ancestors AS a ON a.unit_id = s.unit_id
  WHERE s.n != 0 GROUP BY s.site_id, a.ancestor_id;

-- Every write of a message, from any writer, in its own transaction. The conditions are those of the
-- per-unit tallies' triggers. (An INSERT … SELECT with an upsert needs its WHERE: it has one.)
CREATE TRIGGER subtree_message_counts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO subtree_message_counts (site_id, unit_id, status, moderation, is_public, n)
    SELECT new.site_id, ancestor_id, new.status, new.moderation, new.is_public, 1 FROM unit_ancestors WHERE unit_id = new.unit_id
    ON CONFLICT (site_id, unit_id, status, moderation, is_public) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER subtree_message_counts_delete AFTER DELETE ON messages BEGIN
  UPDATE subtree_message_counts SET n = n - 1
    WHERE site_id = old.site_id AND unit_id IN (SELECT ancestor_id FROM unit_ancestors WHERE unit_id = old.unit_id)
      AND status = old.status AND moderation = old.moderation AND is_public = old.is_public;
END;

CREATE TRIGGER subtree_message_counts_update AFTER UPDATE OF site_id, unit_id, status, moderation, is_public ON messages
  WHEN old.site_id IS NOT new.site_id OR old.unit_id IS NOT new.unit_id OR old.status IS NOT new.status
    OR old.moderation IS NOT new.moderation OR old.is_public IS NOT new.is_public
BEGIN
  UPDATE subtree_message_counts SET n = n - 1
    WHERE site_id = old.site_id AND unit_id IN (SELECT ancestor_id FROM unit_ancestors WHERE unit_id = old.unit_id)
      AND status = old.status AND moderation = old.moderation AND is_public = old.is_public;
  INSERT INTO subtree_message_counts (site_id, unit_id, status, moderation, is_public, n)
    SELECT new.site_id, ancestor_id, new.status, new.moderation, new.is_public, 1 FROM unit_ancestors WHERE unit_id = new.unit_id
    ON CONFLICT (site_id, unit_id, status, moderation, is_public) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER subtree_open_due_counts_insert AFTER INSERT ON messages
  WHEN new.status IN ('submitted', 'accepted', 'in_progress') AND new.moderation != 'rejected'
BEGIN
  INSERT INTO subtree_open_due_counts (site_id, unit_id, due_day, n)
    SELECT new.site_id, ancestor_id, substr(new.due_at, 1, 10), 1 FROM unit_ancestors WHERE unit_id = new.unit_id
    ON CONFLICT (site_id, unit_id, due_day) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER subtree_open_due_counts_delete AFTER DELETE ON messages
  WHEN old.status IN ('submitted', 'accepted', 'in_progress') AND old.moderation != 'rejected'
BEGIN
  UPDATE subtree_open_due_counts SET n = n - 1
    WHERE site_id = old.site_id AND unit_id IN (SELECT ancestor_id FROM unit_ancestors WHERE unit_id = old.unit_id) AND due_day = substr(old.due_at, 1, 10);
  DELETE FROM subtree_open_due_counts
    WHERE site_id = old.site_id AND unit_id IN (SELECT ancestor_id FROM unit_ancestors WHERE unit_id = old.unit_id) AND due_day = substr(old.due_at, 1, 10) AND n = 0;
END;

CREATE TRIGGER subtree_open_due_counts_update_old AFTER UPDATE OF site_id, unit_id, status, moderation, due_at ON messages
  WHEN old.status IN ('submitted', 'accepted', 'in_progress') AND old.moderation != 'rejected'
BEGIN
  UPDATE subtree_open_due_counts SET n = n - 1
    WHERE site_id = old.site_id AND unit_id IN (SELECT ancestor_id FROM unit_ancestors WHERE unit_id = old.unit_id) AND due_day = substr(old.due_at, 1, 10);
  DELETE FROM subtree_open_due_counts
    WHERE site_id = old.site_id AND unit_id IN (SELECT ancestor_id FROM unit_ancestors WHERE unit_id = old.unit_id) AND due_day = substr(old.due_at, 1, 10) AND n = 0;
END;

CREATE TRIGGER subtree_open_due_counts_update_new AFTER UPDATE OF site_id, unit_id, status, moderation, due_at ON messages
  WHEN new.status IN ('submitted', 'accepted', 'in_progress') AND new.moderation != 'rejected'
BEGIN
  INSERT INTO subtree_open_due_counts (site_id, unit_id, due_day, n)
    SELECT new.site_id, ancestor_id, substr(new.due_at, 1, 10), 1 FROM unit_ancestors WHERE unit_id = new.unit_id
    ON CONFLICT (site_id, unit_id, due_day) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER subtree_supervised_counts_insert AFTER INSERT ON messages
  WHEN new.escalated_due_at IS NOT NULL AND new.status IN ('submitted', 'accepted', 'in_progress') AND new.moderation != 'rejected'
BEGIN
  INSERT INTO subtree_supervised_counts (site_id, unit_id, n)
    SELECT new.site_id, ancestor_id, 1 FROM unit_ancestors WHERE unit_id = new.unit_id
    ON CONFLICT (site_id, unit_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER subtree_supervised_counts_delete AFTER DELETE ON messages
  WHEN old.escalated_due_at IS NOT NULL AND old.status IN ('submitted', 'accepted', 'in_progress') AND old.moderation != 'rejected'
BEGIN
  UPDATE subtree_supervised_counts SET n = n - 1
    WHERE site_id = old.site_id AND unit_id IN (SELECT ancestor_id FROM unit_ancestors WHERE unit_id = old.unit_id);
END;

CREATE TRIGGER subtree_supervised_counts_update_old AFTER UPDATE OF site_id, unit_id, status, moderation, escalated_due_at ON messages
  WHEN old.escalated_due_at IS NOT NULL AND old.status IN ('submitted', 'accepted', 'in_progress') AND old.moderation != 'rejected'
BEGIN
  UPDATE subtree_supervised_counts SET n = n - 1
    WHERE site_id = old.site_id AND unit_id IN (SELECT ancestor_id FROM unit_ancestors WHERE unit_id = old.unit_id);
END;

CREATE TRIGGER subtree_supervised_counts_update_new AFTER UPDATE OF site_id, unit_id, status, moderation, escalated_due_at ON messages
  WHEN new.escalated_due_at IS NOT NULL AND new.status IN ('submitted', 'accepted', 'in_progress') AND new.moderation != 'rejected'
BEGIN
  INSERT INTO subtree_supervised_counts (site_id, unit_id, n)
    SELECT new.site_id, ancestor_id, 1 FROM unit_ancestors WHERE unit_id = new.unit_id
    ON CONFLICT (site_id, unit_id) DO UPDATE SET n = n + 1;
END;

-- A unit moved to another parent: its subtree's rows (its own tallies) leave every unit above its old
-- parent and join every unit above its new one. The old parent's and the new parent's own rows of
-- unit_ancestors are not touched by migration 0024's move, so this reads the same whichever trigger
-- runs first.
CREATE TRIGGER subtree_counts_move AFTER UPDATE OF parent_id ON units WHEN old.parent_id IS NOT new.parent_id BEGIN
  UPDATE subtree_message_counts SET n = n - (SELECT b.n FROM subtree_message_counts AS b
      WHERE b.site_id = subtree_message_counts.site_id AND b.unit_id = new.id AND b.status = subtree_message_counts.status
        AND b.moderation = subtree_message_counts.moderation AND b.is_public = subtree_message_counts.is_public)
    WHERE site_id = new.site_id AND unit_id IN (SELECT ancestor_id FROM unit_ancestors WHERE unit_id = old.parent_id)
      AND (status, moderation, is_public) IN (SELECT status, moderation, is_public FROM subtree_message_counts WHERE site_id = new.site_id AND unit_id = new.id);
  INSERT INTO subtree_message_counts (site_id, unit_id, status, moderation, is_public, n)
    SELECT b.site_id, a.ancestor_id, b.status, b.moderation, b.is_public, b.n
    FROM subtree_message_counts AS b, unit_ancestors AS a WHERE b.site_id = new.site_id AND b.unit_id = new.id AND a.unit_id = new.parent_id
    ON CONFLICT (site_id, unit_id, status, moderation, is_public) DO UPDATE SET n = n + excluded.n;

  UPDATE subtree_open_due_counts SET n = n - (SELECT b.n FROM subtree_open_due_counts AS b
      WHERE b.site_id = subtree_open_due_counts.site_id AND b.unit_id = new.id AND b.due_day = subtree_open_due_counts.due_day)
    WHERE site_id = new.site_id AND unit_id IN (SELECT ancestor_id FROM unit_ancestors WHERE unit_id = old.parent_id)
      AND due_day IN (SELECT due_day FROM subtree_open_due_counts WHERE site_id = new.site_id AND unit_id = new.id);
  DELETE FROM subtree_open_due_counts
    WHERE site_id = new.site_id AND unit_id IN (SELECT ancestor_id FROM unit_ancestors WHERE unit_id = old.parent_id) AND n = 0;
  INSERT INTO subtree_open_due_counts (site_id, unit_id, due_day, n)
    SELECT b.site_id, a.ancestor_id, b.due_day, b.n
    FROM subtree_open_due_counts AS b, unit_ancestors AS a WHERE b.site_id = new.site_id AND b.unit_id = new.id AND a.unit_id = new.parent_id
    ON CONFLICT (site_id, unit_id, due_day) DO UPDATE SET n = n + excluded.n;

  UPDATE subtree_supervised_counts SET n = n - (SELECT b.n FROM subtree_supervised_counts AS b
      WHERE b.site_id = subtree_supervised_counts.site_id AND b.unit_id = new.id)
    WHERE site_id = new.site_id AND unit_id IN (SELECT ancestor_id FROM unit_ancestors WHERE unit_id = old.parent_id)
      AND EXISTS (SELECT 1 FROM subtree_supervised_counts WHERE site_id = new.site_id AND unit_id = new.id);
  INSERT INTO subtree_supervised_counts (site_id, unit_id, n)
    SELECT b.site_id, a.ancestor_id, b.n
    FROM subtree_supervised_counts AS b, unit_ancestors AS a WHERE b.site_id = new.site_id AND b.unit_id = new.id AND a.unit_id = new.parent_id
    ON CONFLICT (site_id, unit_id) DO UPDATE SET n = n + excluded.n;
END;
