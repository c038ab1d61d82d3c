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

-- The dashboard's public figures for a responder (messages, replies, ratings, types, domains,
-- response times, outlets, month by month) read per unit of their scope: a province's responder
-- read every unit's months. These keep the same figures per subtree, for what the dashboard reads:
-- the whole site's campaigns ('*'), all time ('*') and each month (not quarters or years). They are
-- kept from the per-unit statistics themselves (migration 0019): each change of a unit's row adds
-- the same change to every unit at or above it, so nothing here repeats how a message is counted.
CREATE TABLE subtree_stats_counts (
  site_id TEXT NOT NULL,
  campaign_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  period TEXT NOT NULL,
  messages INTEGER NOT NULL DEFAULT 0,
  replied INTEGER NOT NULL DEFAULT 0,
  on_time INTEGER NOT NULL DEFAULT 0,
  rated INTEGER NOT NULL DEFAULT 0,
  rating_sum INTEGER NOT NULL DEFAULT 0,
  rating_1 INTEGER NOT NULL DEFAULT 0,
  rating_2 INTEGER NOT NULL DEFAULT 0,
  rating_3 INTEGER NOT NULL DEFAULT 0,
  rating_4 INTEGER NOT NULL DEFAULT 0,
  rating_5 INTEGER NOT NULL DEFAULT 0,
  resolution_sum INTEGER NOT NULL DEFAULT 0,
  attitude_sum INTEGER NOT NULL DEFAULT 0,
  speed_sum INTEGER NOT NULL DEFAULT 0,
  adopted INTEGER NOT NULL DEFAULT 0,
  type_suggestion INTEGER NOT NULL DEFAULT 0,
  type_complaint INTEGER NOT NULL DEFAULT 0,
  type_help INTEGER NOT NULL DEFAULT 0,
  type_consultation INTEGER NOT NULL DEFAULT 0,
  domain_urban INTEGER NOT NULL DEFAULT 0,
  domain_transport INTEGER NOT NULL DEFAULT 0,
  domain_agriculture INTEGER NOT NULL DEFAULT 0,
  domain_health INTEGER NOT NULL DEFAULT 0,
  domain_education INTEGER NOT NULL DEFAULT 0,
  domain_environment INTEGER NOT NULL DEFAULT 0,
  domain_employment INTEGER NOT NULL DEFAULT 0,
  domain_enterprise INTEGER NOT NULL DEFAULT 0,
  domain_governance INTEGER NOT NULL DEFAULT 0,
  domain_security INTEGER NOT NULL DEFAULT 0,
  domain_tourism INTEGER NOT NULL DEFAULT 0,
  domain_finance INTEGER NOT NULL DEFAULT 0,
  domain_other INTEGER NOT NULL DEFAULT 0,
  hours_0 INTEGER NOT NULL DEFAULT 0,
  hours_1 INTEGER NOT NULL DEFAULT 0,
  hours_2 INTEGER NOT NULL DEFAULT 0,
  hours_3 INTEGER NOT NULL DEFAULT 0,
  hours_4 INTEGER NOT NULL DEFAULT 0,
  hours_5 INTEGER NOT NULL DEFAULT 0,
  hours_6 INTEGER NOT NULL DEFAULT 0,
  hours_8 INTEGER NOT NULL DEFAULT 0,
  hours_10 INTEGER NOT NULL DEFAULT 0,
  hours_12 INTEGER NOT NULL DEFAULT 0,
  hours_16 INTEGER NOT NULL DEFAULT 0,
  hours_20 INTEGER NOT NULL DEFAULT 0,
  hours_24 INTEGER NOT NULL DEFAULT 0,
  hours_30 INTEGER NOT NULL DEFAULT 0,
  hours_36 INTEGER NOT NULL DEFAULT 0,
  hours_48 INTEGER NOT NULL DEFAULT 0,
  hours_60 INTEGER NOT NULL DEFAULT 0,
  hours_72 INTEGER NOT NULL DEFAULT 0,
  hours_96 INTEGER NOT NULL DEFAULT 0,
  hours_120 INTEGER NOT NULL DEFAULT 0,
  hours_144 INTEGER NOT NULL DEFAULT 0,
  hours_168 INTEGER NOT NULL DEFAULT 0,
  hours_240 INTEGER NOT NULL DEFAULT 0,
  hours_336 INTEGER NOT NULL DEFAULT 0,
  hours_504 INTEGER NOT NULL DEFAULT 0,
  hours_720 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, campaign_id, unit_id, period)
) WITHOUT ROWID;

CREATE TABLE subtree_stats_outlets (
  site_id TEXT NOT NULL,
  campaign_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  period TEXT NOT NULL,
  outlet TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (site_id, campaign_id, unit_id, period, outlet)
) WITHOUT ROWID;

INSERT INTO subtree_stats_counts (site_id, campaign_id, unit_id, period,
    messages, replied, on_time, rated, rating_sum, rating_1, rating_2, rating_3, rating_4,
    rating_5, resolution_sum, attitude_sum, speed_sum, adopted, type_suggestion, type_complaint,
    type_help, type_consultation, domain_urban, domain_transport, domain_agriculture,
    domain_health, domain_education, domain_environment, domain_employment, domain_enterprise,
    domain_governance, domain_security, domain_tourism, domain_finance, domain_other, hours_0,
    hours_1, hours_2, hours_3, hours_4, hours_5, hours_6, hours_8, hours_10, hours_12, hours_16,
    hours_20, hours_24, hours_30, hours_36, hours_48, hours_60, hours_72, hours_96, hours_120,
    hours_144, hours_168, hours_240, hours_336, hours_504, hours_720)
  SELECT s.site_id, s.campaign_id, a.ancestor_id, s.period,
    sum(s.messages), sum(s.replied), sum(s.on_time), sum(s.rated), sum(s.rating_sum),
    sum(s.rating_1), sum(s.rating_2), sum(s.rating_3), sum(s.rating_4), sum(s.rating_5),
    sum(s.resolution_sum), sum(s.attitude_sum), sum(s.speed_sum), sum(s.adopted),
    sum(s.type_suggestion), sum(s.type_complaint), sum(s.type_help), sum(s.type_consultation),
    sum(s.domain_urban), sum(s.domain_transport), sum(s.domain_agriculture), sum(s.domain_health),
    sum(s.domain_education), sum(s.domain_environment), sum(s.domain_employment),
    sum(s.domain_enterprise), sum(s.domain_governance), sum(s.domain_security),
    sum(s.domain_tourism), sum(s.domain_finance), sum(s.domain_other), sum(s.hours_0),
    sum(s.hours_1), sum(s.hours_2), sum(s.hours_3), sum(s.hours_4), sum(s.hours_5), sum(s.hours_6),
    sum(s.hours_8), sum(s.hours_10), sum(s.hours_12), sum(s.hours_16), sum(s.hours_20),
    sum(s.hours_24), sum(s.hours_30), sum(s.hours_36), sum(s.hours_48), sum(s.hours_60),
    sum(s.hours_72), sum(s.hours_96), sum(s.hours_120), sum(s.hours_144), sum(s.hours_168),
    sum(s.hours_240), sum(s.hours_336), sum(s.hours_504), sum(s.hours_720)
  FROM stats_counts AS s JOIN unit_ancestors AS a ON a.unit_id = s.unit_id
  WHERE s.unit_id != '*' AND s.campaign_id = '*' AND s.period < 'Y'
  GROUP BY s.site_id, s.campaign_id, a.ancestor_id, s.period;

INSERT INTO subtree_stats_outlets (site_id, campaign_id, unit_id, period, outlet, n)
  SELECT s.site_id, s.campaign_id, a.ancestor_id, s.period, s.outlet, sum(s.n)
  FROM stats_outlets AS s JOIN unit_ancestors AS a ON a.unit_id = s.unit_id
  WHERE s.unit_id != '*' AND s.campaign_id = '*' AND s.period < 'Y'
  GROUP BY s.site_id, s.campaign_id, a.ancestor_id, s.period, s.outlet;

-- Rows of stats_counts are only ever upserted (migration 0019's triggers add and take away).
CREATE TRIGGER subtree_stats_counts_insert AFTER INSERT ON stats_counts WHEN new.unit_id != '*' AND new.campaign_id = '*' AND new.period < 'Y' BEGIN
  INSERT INTO subtree_stats_counts (site_id, campaign_id, unit_id, period,
    messages, replied, on_time, rated, rating_sum, rating_1, rating_2, rating_3, rating_4,
    rating_5, resolution_sum, attitude_sum, speed_sum, adopted, type_suggestion, type_complaint,
    type_help, type_consultation, domain_urban, domain_transport, domain_agriculture,
    domain_health, domain_education, domain_environment, domain_employment, domain_enterprise,
    domain_governance, domain_security, domain_tourism, domain_finance, domain_other, hours_0,
    hours_1, hours_2, hours_3, hours_4, hours_5, hours_6, hours_8, hours_10, hours_12, hours_16,
    hours_20, hours_24, hours_30, hours_36, hours_48, hours_60, hours_72, hours_96, hours_120,
    hours_144, hours_168, hours_240, hours_336, hours_504, hours_720)
  SELECT new.site_id, new.campaign_id, a.ancestor_id, new.period,
    new.messages, new.replied, new.on_time, new.rated, new.rating_sum, new.rating_1, new.rating_2,
    new.rating_3, new.rating_4, new.rating_5, new.resolution_sum, new.attitude_sum, new.speed_sum,
    new.adopted, new.type_suggestion, new.type_complaint, new.type_help, new.type_consultation,
    new.domain_urban, new.domain_transport, new.domain_agriculture, new.domain_health,
    new.domain_education, new.domain_environment, new.domain_employment, new.domain_enterprise,
    new.domain_governance, new.domain_security, new.domain_tourism, new.domain_finance,
    new.domain_other, new.hours_0, new.hours_1, new.hours_2, new.hours_3, new.hours_4, new.hours_5,
    new.hours_6, new.hours_8, new.hours_10, new.hours_12, new.hours_16, new.hours_20, new.hours_24,
    new.hours_30, new.hours_36, new.hours_48, new.hours_60, new.hours_72, new.hours_96,
    new.hours_120, new.hours_144, new.hours_168, new.hours_240, new.hours_336, new.hours_504,
    new.hours_720
  FROM unit_ancestors AS a WHERE a.unit_id = new.unit_id
  ON CONFLICT (site_id, campaign_id, unit_id, period) DO UPDATE SET
    messages = messages + excluded.messages, replied = replied + excluded.replied,
    on_time = on_time + excluded.on_time, rated = rated + excluded.rated,
    rating_sum = rating_sum + excluded.rating_sum, rating_1 = rating_1 + excluded.rating_1,
    rating_2 = rating_2 + excluded.rating_2, rating_3 = rating_3 + excluded.rating_3,
    rating_4 = rating_4 + excluded.rating_4, rating_5 = rating_5 + excluded.rating_5,
    resolution_sum = resolution_sum + excluded.resolution_sum,
    attitude_sum = attitude_sum + excluded.attitude_sum,
    speed_sum = speed_sum + excluded.speed_sum, adopted = adopted + excluded.adopted,
    type_suggestion = type_suggestion + excluded.type_suggestion,
    type_complaint = type_complaint + excluded.type_complaint,
    type_help = type_help + excluded.type_help,
    type_consultation = type_consultation + excluded.type_consultation,
    domain_urban = domain_urban + excluded.domain_urban,
    domain_transport = domain_transport + excluded.domain_transport,
    domain_agriculture = domain_agriculture + excluded.domain_agriculture,
    domain_health = domain_health + excluded.domain_health,
    domain_education = domain_education + excluded.domain_education,
    domain_environment = domain_environment + excluded.domain_environment,
    domain_employment = domain_employment + excluded.domain_employment,
    domain_enterprise = domain_enterprise + excluded.domain_enterprise,
    domain_governance = domain_governance + excluded.domain_governance,
    domain_security = domain_security + excluded.domain_security,
    domain_tourism = domain_tourism + excluded.domain_tourism,
    domain_finance = domain_finance + excluded.domain_finance,
    domain_other = domain_other + excluded.domain_other, hours_0 = hours_0 + excluded.hours_0,
    hours_1 = hours_1 + excluded.hours_1, hours_2 = hours_2 + excluded.hours_2,
    hours_3 = hours_3 + excluded.hours_3, hours_4 = hours_4 + excluded.hours_4,
    hours_5 = hours_5 + excluded.hours_5, hours_6 = hours_6 + excluded.hours_6,
    hours_8 = hours_8 + excluded.hours_8, hours_10 = hours_10 + excluded.hours_10,
    hours_12 = hours_12 + excluded.hours_12, hours_16 = hours_16 + excluded.hours_16,
    hours_20 = hours_20 + excluded.hours_20, hours_24 = hours_24 + excluded.hours_24,
    hours_30 = hours_30 + excluded.hours_30, hours_36 = hours_36 + excluded.hours_36,
    hours_48 = hours_48 + excluded.hours_48, hours_60 = hours_60 + excluded.hours_60,
    hours_72 = hours_72 + excluded.hours_72, hours_96 = hours_96 + excluded.hours_96,
    hours_120 = hours_120 + excluded.hours_120, hours_144 = hours_144 + excluded.hours_144,
    hours_168 = hours_168 + excluded.hours_168, hours_240 = hours_240 + excluded.hours_240,
    hours_336 = hours_336 + excluded.hours_336, hours_504 = hours_504 + excluded.hours_504,
    hours_720 = hours_720 + excluded.hours_720;
END;

CREATE TRIGGER subtree_stats_counts_update AFTER UPDATE ON stats_counts WHEN new.unit_id != '*' AND new.campaign_id = '*' AND new.period < 'Y' BEGIN
  INSERT INTO subtree_stats_counts (site_id, campaign_id, unit_id, period,
    messages, replied, on_time, rated, rating_sum, rating_1, rating_2, rating_3, rating_4,
    rating_5, resolution_sum, attitude_sum, speed_sum, adopted, type_suggestion, type_complaint,
    type_help, type_consultation, domain_urban, domain_transport, domain_agriculture,
    domain_health, domain_education, domain_environment, domain_employment, domain_enterprise,
    domain_governance, domain_security, domain_tourism, domain_finance, domain_other, hours_0,
    hours_1, hours_2, hours_3, hours_4, hours_5, hours_6, hours_8, hours_10, hours_12, hours_16,
    hours_20, hours_24, hours_30, hours_36, hours_48, hours_60, hours_72, hours_96, hours_120,
    hours_144, hours_168, hours_240, hours_336, hours_504, hours_720)
  SELECT new.site_id, new.campaign_id, a.ancestor_id, new.period,
    new.messages - old.messages, new.replied - old.replied, new.on_time - old.on_time,
    new.rated - old.rated, new.rating_sum - old.rating_sum, new.rating_1 - old.rating_1,
    new.rating_2 - old.rating_2, new.rating_3 - old.rating_3, new.rating_4 - old.rating_4,
    new.rating_5 - old.rating_5, new.resolution_sum - old.resolution_sum,
    new.attitude_sum - old.attitude_sum, new.speed_sum - old.speed_sum, new.adopted - old.adopted,
    new.type_suggestion - old.type_suggestion, new.type_complaint - old.type_complaint,
    new.type_help - old.type_help, new.type_consultation - old.type_consultation,
    new.domain_urban - old.domain_urban, new.domain_transport - old.domain_transport,
    new.domain_agriculture - old.domain_agriculture, new.domain_health - old.domain_health,
    new.domain_education - old.domain_education, new.domain_environment - old.domain_environment,
    new.domain_employment - old.domain_employment, new.domain_enterprise - old.domain_enterprise,
    new.domain_governance - old.domain_governance, new.domain_security - old.domain_security,
    new.domain_tourism - old.domain_tourism, new.domain_finance - old.domain_finance,
    new.domain_other - old.domain_other, new.hours_0 - old.hours_0, new.hours_1 - old.hours_1,
    new.hours_2 - old.hours_2, new.hours_3 - old.hours_3, new.hours_4 - old.hours_4,
    new.hours_5 - old.hours_5, new.hours_6 - old.hours_6, new.hours_8 - old.hours_8,
    new.hours_10 - old.hours_10, new.hours_12 - old.hours_12, new.hours_16 - old.hours_16,
    new.hours_20 - old.hours_20, new.hours_24 - old.hours_24, new.hours_30 - old.hours_30,
    new.hours_36 - old.hours_36, new.hours_48 - old.hours_48, new.hours_60 - old.hours_60,
    new.hours_72 - old.hours_72, new.hours_96 - old.hours_96, new.hours_120 - old.hours_120,
    new.hours_144 - old.hours_144, new.hours_168 - old.hours_168, new.hours_240 - old.hours_240,
    new.hours_336 - old.hours_336, new.hours_504 - old.hours_504, new.hours_720 - old.hours_720
  FROM unit_ancestors AS a WHERE a.unit_id = new.unit_id
  ON CONFLICT (site_id, campaign_id, unit_id, period) DO UPDATE SET
    messages = messages + excluded.messages, replied = replied + excluded.replied,
    on_time = on_time + excluded.on_time, rated = rated + excluded.rated,
    rating_sum = rating_sum + excluded.rating_sum, rating_1 = rating_1 + excluded.rating_1,
    rating_2 = rating_2 + excluded.rating_2, rating_3 = rating_3 + excluded.rating_3,
    rating_4 = rating_4 + excluded.rating_4, rating_5 = rating_5 + excluded.rating_5,
    resolution_sum = resolution_sum + excluded.resolution_sum,
    attitude_sum = attitude_sum + excluded.attitude_sum,
    speed_sum = speed_sum + excluded.speed_sum, adopted = adopted + excluded.adopted,
    type_suggestion = type_suggestion + excluded.type_suggestion,
    type_complaint = type_complaint + excluded.type_complaint,
    type_help = type_help + excluded.type_help,
    type_consultation = type_consultation + excluded.type_consultation,
    domain_urban = domain_urban + excluded.domain_urban,
    domain_transport = domain_transport + excluded.domain_transport,
    domain_agriculture = domain_agriculture + excluded.domain_agriculture,
    domain_health = domain_health + excluded.domain_health,
    domain_education = domain_education + excluded.domain_education,
    domain_environment = domain_environment + excluded.domain_environment,
    domain_employment = domain_employment + excluded.domain_employment,
    domain_enterprise = domain_enterprise + excluded.domain_enterprise,
    domain_governance = domain_governance + excluded.domain_governance,
    domain_security = domain_security + excluded.domain_security,
    domain_tourism = domain_tourism + excluded.domain_tourism,
    domain_finance = domain_finance + excluded.domain_finance,
    domain_other = domain_other + excluded.domain_other, hours_0 = hours_0 + excluded.hours_0,
    hours_1 = hours_1 + excluded.hours_1, hours_2 = hours_2 + excluded.hours_2,
    hours_3 = hours_3 + excluded.hours_3, hours_4 = hours_4 + excluded.hours_4,
    hours_5 = hours_5 + excluded.hours_5, hours_6 = hours_6 + excluded.hours_6,
    hours_8 = hours_8 + excluded.hours_8, hours_10 = hours_10 + excluded.hours_10,
    hours_12 = hours_12 + excluded.hours_12, hours_16 = hours_16 + excluded.hours_16,
    hours_20 = hours_20 + excluded.hours_20, hours_24 = hours_24 + excluded.hours_24,
    hours_30 = hours_30 + excluded.hours_30, hours_36 = hours_36 + excluded.hours_36,
    hours_48 = hours_48 + excluded.hours_48, hours_60 = hours_60 + excluded.hours_60,
    hours_72 = hours_72 + excluded.hours_72, hours_96 = hours_96 + excluded.hours_96,
    hours_120 = hours_120 + excluded.hours_120, hours_144 = hours_144 + excluded.hours_144,
    hours_168 = hours_168 + excluded.hours_168, hours_240 = hours_240 + excluded.hours_240,
    hours_336 = hours_336 + excluded.hours_336, hours_504 = hours_504 + excluded.hours_504,
    hours_720 = hours_720 + excluded.hours_720;
END;

CREATE TRIGGER subtree_stats_counts_delete AFTER DELETE ON stats_counts WHEN old.unit_id != '*' AND old.campaign_id = '*' AND old.period < 'Y' BEGIN
  INSERT INTO subtree_stats_counts (site_id, campaign_id, unit_id, period,
    messages, replied, on_time, rated, rating_sum, rating_1, rating_2, rating_3, rating_4,
    rating_5, resolution_sum, attitude_sum, speed_sum, adopted, type_suggestion, type_complaint,
    type_help, type_consultation, domain_urban, domain_transport, domain_agriculture,
    domain_health, domain_education, domain_environment, domain_employment, domain_enterprise,
    domain_governance, domain_security, domain_tourism, domain_finance, domain_other, hours_0,
    hours_1, hours_2, hours_3, hours_4, hours_5, hours_6, hours_8, hours_10, hours_12, hours_16,
    hours_20, hours_24, hours_30, hours_36, hours_48, hours_60, hours_72, hours_96, hours_120,
    hours_144, hours_168, hours_240, hours_336, hours_504, hours_720)
  SELECT old.site_id, old.campaign_id, a.ancestor_id, old.period,
    -old.messages, -old.replied, -old.on_time, -old.rated, -old.rating_sum, -old.rating_1,
    -old.rating_2, -old.rating_3, -old.rating_4, -old.rating_5, -old.resolution_sum,
    -old.attitude_sum, -old.speed_sum, -old.adopted, -old.type_suggestion, -old.type_complaint,
    -old.type_help, -old.type_consultation, -old.domain_urban, -old.domain_transport,
    -old.domain_agriculture, -old.domain_health, -old.domain_education, -old.domain_environment,
    -old.domain_employment, -old.domain_enterprise, -old.domain_governance, -old.domain_security,
    -old.domain_tourism, -old.domain_finance, -old.domain_other, -old.hours_0, -old.hours_1,
    -old.hours_2, -old.hours_3, -old.hours_4, -old.hours_5, -old.hours_6, -old.hours_8,
    -old.hours_10, -old.hours_12, -old.hours_16, -old.hours_20, -old.hours_24, -old.hours_30,
    -old.hours_36, -old.hours_48, -old.hours_60, -old.hours_72, -old.hours_96, -old.hours_120,
    -old.hours_144, -old.hours_168, -old.hours_240, -old.hours_336, -old.hours_504, -old.hours_720
  FROM unit_ancestors AS a WHERE a.unit_id = old.unit_id
  ON CONFLICT (site_id, campaign_id, unit_id, period) DO UPDATE SET
    messages = messages + excluded.messages, replied = replied + excluded.replied,
    on_time = on_time + excluded.on_time, rated = rated + excluded.rated,
    rating_sum = rating_sum + excluded.rating_sum, rating_1 = rating_1 + excluded.rating_1,
    rating_2 = rating_2 + excluded.rating_2, rating_3 = rating_3 + excluded.rating_3,
    rating_4 = rating_4 + excluded.rating_4, rating_5 = rating_5 + excluded.rating_5,
    resolution_sum = resolution_sum + excluded.resolution_sum,
    attitude_sum = attitude_sum + excluded.attitude_sum,
    speed_sum = speed_sum + excluded.speed_sum, adopted = adopted + excluded.adopted,
    type_suggestion = type_suggestion + excluded.type_suggestion,
    type_complaint = type_complaint + excluded.type_complaint,
    type_help = type_help + excluded.type_help,
    type_consultation = type_consultation + excluded.type_consultation,
    domain_urban = domain_urban + excluded.domain_urban,
    domain_transport = domain_transport + excluded.domain_transport,
    domain_agriculture = domain_agriculture + excluded.domain_agriculture,
    domain_health = domain_health + excluded.domain_health,
    domain_education = domain_education + excluded.domain_education,
    domain_environment = domain_environment + excluded.domain_environment,
    domain_employment = domain_employment + excluded.domain_employment,
    domain_enterprise = domain_enterprise + excluded.domain_enterprise,
    domain_governance = domain_governance + excluded.domain_governance,
    domain_security = domain_security + excluded.domain_security,
    domain_tourism = domain_tourism + excluded.domain_tourism,
    domain_finance = domain_finance + excluded.domain_finance,
    domain_other = domain_other + excluded.domain_other, hours_0 = hours_0 + excluded.hours_0,
    hours_1 = hours_1 + excluded.hours_1, hours_2 = hours_2 + excluded.hours_2,
    hours_3 = hours_3 + excluded.hours_3, hours_4 = hours_4 + excluded.hours_4,
    hours_5 = hours_5 + excluded.hours_5, hours_6 = hours_6 + excluded.hours_6,
    hours_8 = hours_8 + excluded.hours_8, hours_10 = hours_10 + excluded.hours_10,
    hours_12 = hours_12 + excluded.hours_12, hours_16 = hours_16 + excluded.hours_16,
    hours_20 = hours_20 + excluded.hours_20, hours_24 = hours_24 + excluded.hours_24,
    hours_30 = hours_30 + excluded.hours_30, hours_36 = hours_36 + excluded.hours_36,
    hours_48 = hours_48 + excluded.hours_48, hours_60 = hours_60 + excluded.hours_60,
    hours_72 = hours_72 + excluded.hours_72, hours_96 = hours_96 + excluded.hours_96,
    hours_120 = hours_120 + excluded.hours_120, hours_144 = hours_144 + excluded.hours_144,
    hours_168 = hours_168 + excluded.hours_168, hours_240 = hours_240 + excluded.hours_240,
    hours_336 = hours_336 + excluded.hours_336, hours_504 = hours_504 + excluded.hours_504,
    hours_720 = hours_720 + excluded.hours_720;
END;

CREATE TRIGGER subtree_stats_outlets_insert AFTER INSERT ON stats_outlets WHEN new.unit_id != '*' AND new.campaign_id = '*' AND new.period < 'Y' BEGIN
  INSERT INTO subtree_stats_outlets (site_id, campaign_id, unit_id, period, outlet, n)
  SELECT new.site_id, new.campaign_id, a.ancestor_id, new.period, new.outlet, new.n FROM unit_ancestors AS a WHERE a.unit_id = new.unit_id
  ON CONFLICT (site_id, campaign_id, unit_id, period, outlet) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER subtree_stats_outlets_update AFTER UPDATE ON stats_outlets WHEN new.unit_id != '*' AND new.campaign_id = '*' AND new.period < 'Y' BEGIN
  INSERT INTO subtree_stats_outlets (site_id, campaign_id, unit_id, period, outlet, n)
  SELECT new.site_id, new.campaign_id, a.ancestor_id, new.period, new.outlet, new.n - old.n FROM unit_ancestors AS a WHERE a.unit_id = new.unit_id
  ON CONFLICT (site_id, campaign_id, unit_id, period, outlet) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER subtree_stats_outlets_delete AFTER DELETE ON stats_outlets WHEN old.unit_id != '*' AND old.campaign_id = '*' AND old.period < 'Y' BEGIN
  INSERT INTO subtree_stats_outlets (site_id, campaign_id, unit_id, period, outlet, n)
  SELECT old.site_id, old.campaign_id, a.ancestor_id, old.period, old.outlet, -old.n FROM unit_ancestors AS a WHERE a.unit_id = old.unit_id
  ON CONFLICT (site_id, campaign_id, unit_id, period, outlet) DO UPDATE SET n = n + excluded.n;
END;

-- A moved unit's subtree figures leave the units above its old parent and join those above its new
-- one (rows there exist: they hold the subtree's figures already, or take them now).
CREATE TRIGGER subtree_stats_move AFTER UPDATE OF parent_id ON units WHEN old.parent_id IS NOT new.parent_id BEGIN
  INSERT INTO subtree_stats_counts (site_id, campaign_id, unit_id, period,
    messages, replied, on_time, rated, rating_sum, rating_1, rating_2, rating_3, rating_4,
    rating_5, resolution_sum, attitude_sum, speed_sum, adopted, type_suggestion, type_complaint,
    type_help, type_consultation, domain_urban, domain_transport, domain_agriculture,
    domain_health, domain_education, domain_environment, domain_employment, domain_enterprise,
    domain_governance, domain_security, domain_tourism, domain_finance, domain_other, hours_0,
    hours_1, hours_2, hours_3, hours_4, hours_5, hours_6, hours_8, hours_10, hours_12, hours_16,
    hours_20, hours_24, hours_30, hours_36, hours_48, hours_60, hours_72, hours_96, hours_120,
    hours_144, hours_168, hours_240, hours_336, hours_504, hours_720)
  SELECT b.site_id, b.campaign_id, a.ancestor_id, b.period,
    -b.messages, -b.replied, -b.on_time, -b.rated, -b.rating_sum, -b.rating_1, -b.rating_2,
    -b.rating_3, -b.rating_4, -b.rating_5, -b.resolution_sum, -b.attitude_sum, -b.speed_sum,
    -b.adopted, -b.type_suggestion, -b.type_complaint, -b.type_help, -b.type_consultation,
    -b.domain_urban, -b.domain_transport, -b.domain_agriculture, -b.domain_health,
    -b.domain_education, -b.domain_environment, -b.domain_employment, -b.domain_enterprise,
    -b.domain_governance, -b.domain_security, -b.domain_tourism, -b.domain_finance,
    -b.domain_other, -b.hours_0, -b.hours_1, -b.hours_2, -b.hours_3, -b.hours_4, -b.hours_5,
    -b.hours_6, -b.hours_8, -b.hours_10, -b.hours_12, -b.hours_16, -b.hours_20, -b.hours_24,
    -b.hours_30, -b.hours_36, -b.hours_48, -b.hours_60, -b.hours_72, -b.hours_96, -b.hours_120,
    -b.hours_144, -b.hours_168, -b.hours_240, -b.hours_336, -b.hours_504, -b.hours_720
  FROM subtree_stats_counts AS b, unit_ancestors AS a WHERE b.site_id = new.site_id AND b.unit_id = new.id AND a.unit_id = old.parent_id
  ON CONFLICT (site_id, campaign_id, unit_id, period) DO UPDATE SET
    messages = messages + excluded.messages, replied = replied + excluded.replied,
    on_time = on_time + excluded.on_time, rated = rated + excluded.rated,
    rating_sum = rating_sum + excluded.rating_sum, rating_1 = rating_1 + excluded.rating_1,
    rating_2 = rating_2 + excluded.rating_2, rating_3 = rating_3 + excluded.rating_3,
    rating_4 = rating_4 + excluded.rating_4, rating_5 = rating_5 + excluded.rating_5,
    resolution_sum = resolution_sum + excluded.resolution_sum,
    attitude_sum = attitude_sum + excluded.attitude_sum,
    speed_sum = speed_sum + excluded.speed_sum, adopted = adopted + excluded.adopted,
    type_suggestion = type_suggestion + excluded.type_suggestion,
    type_complaint = type_complaint + excluded.type_complaint,
    type_help = type_help + excluded.type_help,
    type_consultation = type_consultation + excluded.type_consultation,
    domain_urban = domain_urban + excluded.domain_urban,
    domain_transport = domain_transport + excluded.domain_transport,
    domain_agriculture = domain_agriculture + excluded.domain_agriculture,
    domain_health = domain_health + excluded.domain_health,
    domain_education = domain_education + excluded.domain_education,
    domain_environment = domain_environment + excluded.domain_environment,
    domain_employment = domain_employment + excluded.domain_employment,
    domain_enterprise = domain_enterprise + excluded.domain_enterprise,
    domain_governance = domain_governance + excluded.domain_governance,
    domain_security = domain_security + excluded.domain_security,
    domain_tourism = domain_tourism + excluded.domain_tourism,
    domain_finance = domain_finance + excluded.domain_finance,
    domain_other = domain_other + excluded.domain_other, hours_0 = hours_0 + excluded.hours_0,
    hours_1 = hours_1 + excluded.hours_1, hours_2 = hours_2 + excluded.hours_2,
    hours_3 = hours_3 + excluded.hours_3, hours_4 = hours_4 + excluded.hours_4,
    hours_5 = hours_5 + excluded.hours_5, hours_6 = hours_6 + excluded.hours_6,
    hours_8 = hours_8 + excluded.hours_8, hours_10 = hours_10 + excluded.hours_10,
    hours_12 = hours_12 + excluded.hours_12, hours_16 = hours_16 + excluded.hours_16,
    hours_20 = hours_20 + excluded.hours_20, hours_24 = hours_24 + excluded.hours_24,
    hours_30 = hours_30 + excluded.hours_30, hours_36 = hours_36 + excluded.hours_36,
    hours_48 = hours_48 + excluded.hours_48, hours_60 = hours_60 + excluded.hours_60,
    hours_72 = hours_72 + excluded.hours_72, hours_96 = hours_96 + excluded.hours_96,
    hours_120 = hours_120 + excluded.hours_120, hours_144 = hours_144 + excluded.hours_144,
    hours_168 = hours_168 + excluded.hours_168, hours_240 = hours_240 + excluded.hours_240,
    hours_336 = hours_336 + excluded.hours_336, hours_504 = hours_504 + excluded.hours_504,
    hours_720 = hours_720 + excluded.hours_720;
  INSERT INTO subtree_stats_counts (site_id, campaign_id, unit_id, period,
    messages, replied, on_time, rated, rating_sum, rating_1, rating_2, rating_3, rating_4,
    rating_5, resolution_sum, attitude_sum, speed_sum, adopted, type_suggestion, type_complaint,
    type_help, type_consultation, domain_urban, domain_transport, domain_agriculture,
    domain_health, domain_education, domain_environment, domain_employment, domain_enterprise,
    domain_governance, domain_security, domain_tourism, domain_finance, domain_other, hours_0,
    hours_1, hours_2, hours_3, hours_4, hours_5, hours_6, hours_8, hours_10, hours_12, hours_16,
    hours_20, hours_24, hours_30, hours_36, hours_48, hours_60, hours_72, hours_96, hours_120,
    hours_144, hours_168, hours_240, hours_336, hours_504, hours_720)
  SELECT b.site_id, b.campaign_id, a.ancestor_id, b.period,
    b.messages, b.replied, b.on_time, b.rated, b.rating_sum, b.rating_1, b.rating_2, b.rating_3,
    b.rating_4, b.rating_5, b.resolution_sum, b.attitude_sum, b.speed_sum, b.adopted,
    b.type_suggestion, b.type_complaint, b.type_help, b.type_consultation, b.domain_urban,
    b.domain_transport, b.domain_agriculture, b.domain_health, b.domain_education,
    b.domain_environment, b.domain_employment, b.domain_enterprise, b.domain_governance,
    b.domain_security, b.domain_tourism, b.domain_finance, b.domain_other, b.hours_0, b.hours_1,
    b.hours_2, b.hours_3, b.hours_4, b.hours_5, b.hours_6, b.hours_8, b.hours_10, b.hours_12,
    b.hours_16, b.hours_20, b.hours_24, b.hours_30, b.hours_36, b.hours_48, b.hours_60, b.hours_72,
    b.hours_96, b.hours_120, b.hours_144, b.hours_168, b.hours_240, b.hours_336, b.hours_504,
    b.hours_720
  FROM subtree_stats_counts AS b, unit_ancestors AS a WHERE b.site_id = new.site_id AND b.unit_id = new.id AND a.unit_id = new.parent_id
  ON CONFLICT (site_id, campaign_id, unit_id, period) DO UPDATE SET
    messages = messages + excluded.messages, replied = replied + excluded.replied,
    on_time = on_time + excluded.on_time, rated = rated + excluded.rated,
    rating_sum = rating_sum + excluded.rating_sum, rating_1 = rating_1 + excluded.rating_1,
    rating_2 = rating_2 + excluded.rating_2, rating_3 = rating_3 + excluded.rating_3,
    rating_4 = rating_4 + excluded.rating_4, rating_5 = rating_5 + excluded.rating_5,
    resolution_sum = resolution_sum + excluded.resolution_sum,
    attitude_sum = attitude_sum + excluded.attitude_sum,
    speed_sum = speed_sum + excluded.speed_sum, adopted = adopted + excluded.adopted,
    type_suggestion = type_suggestion + excluded.type_suggestion,
    type_complaint = type_complaint + excluded.type_complaint,
    type_help = type_help + excluded.type_help,
    type_consultation = type_consultation + excluded.type_consultation,
    domain_urban = domain_urban + excluded.domain_urban,
    domain_transport = domain_transport + excluded.domain_transport,
    domain_agriculture = domain_agriculture + excluded.domain_agriculture,
    domain_health = domain_health + excluded.domain_health,
    domain_education = domain_education + excluded.domain_education,
    domain_environment = domain_environment + excluded.domain_environment,
    domain_employment = domain_employment + excluded.domain_employment,
    domain_enterprise = domain_enterprise + excluded.domain_enterprise,
    domain_governance = domain_governance + excluded.domain_governance,
    domain_security = domain_security + excluded.domain_security,
    domain_tourism = domain_tourism + excluded.domain_tourism,
    domain_finance = domain_finance + excluded.domain_finance,
    domain_other = domain_other + excluded.domain_other, hours_0 = hours_0 + excluded.hours_0,
    hours_1 = hours_1 + excluded.hours_1, hours_2 = hours_2 + excluded.hours_2,
    hours_3 = hours_3 + excluded.hours_3, hours_4 = hours_4 + excluded.hours_4,
    hours_5 = hours_5 + excluded.hours_5, hours_6 = hours_6 + excluded.hours_6,
    hours_8 = hours_8 + excluded.hours_8, hours_10 = hours_10 + excluded.hours_10,
    hours_12 = hours_12 + excluded.hours_12, hours_16 = hours_16 + excluded.hours_16,
    hours_20 = hours_20 + excluded.hours_20, hours_24 = hours_24 + excluded.hours_24,
    hours_30 = hours_30 + excluded.hours_30, hours_36 = hours_36 + excluded.hours_36,
    hours_48 = hours_48 + excluded.hours_48, hours_60 = hours_60 + excluded.hours_60,
    hours_72 = hours_72 + excluded.hours_72, hours_96 = hours_96 + excluded.hours_96,
    hours_120 = hours_120 + excluded.hours_120, hours_144 = hours_144 + excluded.hours_144,
    hours_168 = hours_168 + excluded.hours_168, hours_240 = hours_240 + excluded.hours_240,
    hours_336 = hours_336 + excluded.hours_336, hours_504 = hours_504 + excluded.hours_504,
    hours_720 = hours_720 + excluded.hours_720;
  INSERT INTO subtree_stats_outlets (site_id, campaign_id, unit_id, period, outlet, n)
  SELECT b.site_id, b.campaign_id, a.ancestor_id, b.period, b.outlet, -b.n
  FROM subtree_stats_outlets AS b, unit_ancestors AS a WHERE b.site_id = new.site_id AND b.unit_id = new.id AND a.unit_id = old.parent_id
  ON CONFLICT (site_id, campaign_id, unit_id, period, outlet) DO UPDATE SET n = n + excluded.n;
  INSERT INTO subtree_stats_outlets (site_id, campaign_id, unit_id, period, outlet, n)
  SELECT b.site_id, b.campaign_id, a.ancestor_id, b.period, b.outlet, b.n
  FROM subtree_stats_outlets AS b, unit_ancestors AS a WHERE b.site_id = new.site_id AND b.unit_id = new.id AND a.unit_id = new.parent_id
  ON CONFLICT (site_id, campaign_id, unit_id, period, outlet) DO UPDATE SET n = n + excluded.n;
END;
