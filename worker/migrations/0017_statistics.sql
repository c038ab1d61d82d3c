-- Public statistics (issue 11): message count, reply rate, on-time rate, median time to first
-- response, satisfaction, counts by type / domain / outlet, a monthly series and a per-unit ranking,
-- read from tallies instead of the messages, so a request reads about a hundred rows at any size.
--
-- The tallies are kept by triggers on every write of messages (as migrations 0004/0008/0009 keep the
-- queue's), so the app, the hourly check and scripts/seed-large.ts all keep them right. Each tally is
-- kept per site, campaign, unit and month (China time, YYYY-MM), and again with '*' for "all
-- campaigns", "all units" and "all months", so the whole site's figures are one row and the ranking
-- one row per unit. Each trigger adds a message's contribution (+1) or takes it away (-1) by upsert:
-- additions commute, so triggers that fire inside other triggers keep the sums right in any order.
-- A message counts unless moderation rejected it (spam, abuse); private messages count like any other.

-- Frozen when the first reply is written (trigger below), so that a later extension or 重办 with a
-- new deadline does not turn a late first reply into an on-time one: 1 = the first reply came by
-- the deadline then in force, 0 = late, NULL = no reply yet. response_bucket: the hours from
-- submission to first reply, as the lower bound of its histogram bucket (stats_response_hours).
ALTER TABLE messages ADD COLUMN replied_on_time INTEGER;
ALTER TABLE messages ADD COLUMN response_bucket INTEGER;
-- The message's latest rating (after 重办 the new rating replaces the old in the statistics), copied
-- from ratings by the triggers below so that a transfer moves it with the message.
ALTER TABLE messages ADD COLUMN rating_overall INTEGER;
ALTER TABLE messages ADD COLUMN rating_resolution INTEGER;
ALTER TABLE messages ADD COLUMN rating_attitude INTEGER;
ALTER TABLE messages ADD COLUMN rating_speed INTEGER;

UPDATE messages SET replied_on_time = (first_replied_at <= due_at), response_bucket = (SELECT CASE WHEN h < 1 THEN 0 WHEN h < 2 THEN 1 WHEN h < 3 THEN 2 WHEN h < 4 THEN 3 WHEN h < 5 THEN 4 WHEN h < 6 THEN 5 WHEN h < 8 THEN 6 WHEN h < 10 THEN 8 WHEN h < 12 THEN 10 WHEN h < 16 THEN 12 WHEN h < 20 THEN 16 WHEN h < 24 THEN 20 WHEN h < 30 THEN 24 WHEN h < 36 THEN 30 WHEN h < 48 THEN 36 WHEN h < 60 THEN 48 WHEN h < 72 THEN 60 WHEN h < 96 THEN 72 WHEN h < 120 THEN 96 WHEN h < 144 THEN 120 WHEN h < 168 THEN 144 WHEN h < 240 THEN 168 WHEN h < 336 THEN 240 WHEN h < 504 THEN 336 WHEN h < 720 THEN 504 ELSE 720 END FROM (SELECT (julianday(messages.first_replied_at) - julianday(messages.created_at)) * 24 AS h))
  WHERE first_replied_at IS NOT NULL;
UPDATE messages SET (rating_overall, rating_resolution, rating_attitude, rating_speed) =
  (SELECT r.overall, r.resolution, r.attitude, r.speed FROM ratings AS r WHERE r.message_id = messages.id ORDER BY r.id DESC LIMIT 1)
  WHERE id IN (SELECT message_id FROM ratings);

-- campaign_id, unit_id and month are '*' in the rows that hold all of them. adopted stays 0 until
-- adoption (已采纳) is recorded: its tally belongs here, kept like the others.
CREATE TABLE stats_counts (
  site_id TEXT NOT NULL,
  campaign_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  month TEXT NOT NULL,
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
  PRIMARY KEY (site_id, campaign_id, unit_id, month)
) WITHOUT ROWID;
-- The per-unit ranking reads one month (or '*') across units.
CREATE INDEX stats_counts_by_month ON stats_counts (site_id, campaign_id, month, unit_id);

-- Messages per type, domain and outlet: the drive's outlet the message was written on (its name,
-- migration 0016), else the website it was sent from (its origin).
CREATE TABLE stats_breakdown (
  site_id TEXT NOT NULL,
  campaign_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  month TEXT NOT NULL,
  dimension TEXT NOT NULL CHECK (dimension IN ('type', 'domain', 'outlet')),
  value TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (site_id, campaign_id, unit_id, month, dimension, value)
) WITHOUT ROWID;

-- How many first replies came within each band of hours, for the median: 1-hour bands up to 6
-- hours, widening to a week by 720 hours (30 days); 720 holds everything later.
CREATE TABLE stats_response_hours (
  site_id TEXT NOT NULL,
  campaign_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  month TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (site_id, campaign_id, unit_id, month, bucket)
) WITHOUT ROWID;

-- The messages already stored, once (every message in each of its up to 8 key combinations).
INSERT INTO stats_counts (site_id, campaign_id, unit_id, month, messages, replied, on_time, rated, rating_sum,
    rating_1, rating_2, rating_3, rating_4, rating_5, resolution_sum, attitude_sum, speed_sum)
  SELECT m.site_id, CASE ck.k WHEN 0 THEN '*' ELSE m.campaign_id END, CASE uk.k WHEN 0 THEN '*' ELSE m.unit_id END, CASE mk.k WHEN 0 THEN '*' ELSE strftime('%Y-%m', m.created_at, '+8 hours') END, 1, (m.replied_on_time IS NOT NULL), coalesce(m.replied_on_time, 0),
    (m.rating_overall IS NOT NULL), coalesce(m.rating_overall, 0),
    coalesce(m.rating_overall = 1, 0), coalesce(m.rating_overall = 2, 0), coalesce(m.rating_overall = 3, 0),
    coalesce(m.rating_overall = 4, 0), coalesce(m.rating_overall = 5, 0),
    coalesce(m.rating_resolution, 0), coalesce(m.rating_attitude, 0), coalesce(m.rating_speed, 0)
  FROM messages AS m, (SELECT 0 AS k UNION ALL SELECT 1) AS ck, (SELECT 0 AS k UNION ALL SELECT 1) AS uk, (SELECT 0 AS k UNION ALL SELECT 1) AS mk
  WHERE m.moderation != 'rejected' AND (ck.k = 0 OR m.campaign_id IS NOT NULL)
  ON CONFLICT (site_id, campaign_id, unit_id, month) DO UPDATE SET
    messages = messages + excluded.messages, replied = replied + excluded.replied, on_time = on_time + excluded.on_time,
    rated = rated + excluded.rated, rating_sum = rating_sum + excluded.rating_sum,
    rating_1 = rating_1 + excluded.rating_1, rating_2 = rating_2 + excluded.rating_2, rating_3 = rating_3 + excluded.rating_3,
    rating_4 = rating_4 + excluded.rating_4, rating_5 = rating_5 + excluded.rating_5,
    resolution_sum = resolution_sum + excluded.resolution_sum, attitude_sum = attitude_sum + excluded.attitude_sum,
    speed_sum = speed_sum + excluded.speed_sum;

INSERT INTO stats_breakdown (site_id, campaign_id, unit_id, month, dimension, value, n)
  SELECT m.site_id, CASE ck.k WHEN 0 THEN '*' ELSE m.campaign_id END, CASE uk.k WHEN 0 THEN '*' ELSE m.unit_id END, CASE mk.k WHEN 0 THEN '*' ELSE strftime('%Y-%m', m.created_at, '+8 hours') END, d.dimension, CASE d.dimension WHEN 'type' THEN m.type WHEN 'domain' THEN m.domain ELSE coalesce(m.source_outlet, m.source_origin) END, 1
  FROM messages AS m, (SELECT 0 AS k UNION ALL SELECT 1) AS ck, (SELECT 0 AS k UNION ALL SELECT 1) AS uk, (SELECT 0 AS k UNION ALL SELECT 1) AS mk, (SELECT 'type' AS dimension UNION ALL SELECT 'domain' UNION ALL SELECT 'outlet') AS d
  WHERE m.moderation != 'rejected' AND (ck.k = 0 OR m.campaign_id IS NOT NULL) AND (d.dimension != 'outlet' OR coalesce(m.source_outlet, m.source_origin) IS NOT NULL)
  ON CONFLICT (site_id, campaign_id, unit_id, month, dimension, value) DO UPDATE SET n = n + excluded.n;

INSERT INTO stats_response_hours (site_id, campaign_id, unit_id, month, bucket, n)
  SELECT m.site_id, CASE ck.k WHEN 0 THEN '*' ELSE m.campaign_id END, CASE uk.k WHEN 0 THEN '*' ELSE m.unit_id END, CASE mk.k WHEN 0 THEN '*' ELSE strftime('%Y-%m', m.created_at, '+8 hours') END, m.response_bucket, 1
  FROM messages AS m, (SELECT 0 AS k UNION ALL SELECT 1) AS ck, (SELECT 0 AS k UNION ALL SELECT 1) AS uk, (SELECT 0 AS k UNION ALL SELECT 1) AS mk
  WHERE m.moderation != 'rejected' AND (ck.k = 0 OR m.campaign_id IS NOT NULL) AND m.response_bucket IS NOT NULL
  ON CONFLICT (site_id, campaign_id, unit_id, month, bucket) DO UPDATE SET n = n + excluded.n;

-- The first reply fixes on-time and the response band; a rating becomes the message's latest.
CREATE TRIGGER messages_first_reply_insert AFTER INSERT ON messages WHEN new.first_replied_at IS NOT NULL BEGIN
  UPDATE messages SET replied_on_time = (new.first_replied_at <= new.due_at), response_bucket = (SELECT CASE WHEN h < 1 THEN 0 WHEN h < 2 THEN 1 WHEN h < 3 THEN 2 WHEN h < 4 THEN 3 WHEN h < 5 THEN 4 WHEN h < 6 THEN 5 WHEN h < 8 THEN 6 WHEN h < 10 THEN 8 WHEN h < 12 THEN 10 WHEN h < 16 THEN 12 WHEN h < 20 THEN 16 WHEN h < 24 THEN 20 WHEN h < 30 THEN 24 WHEN h < 36 THEN 30 WHEN h < 48 THEN 36 WHEN h < 60 THEN 48 WHEN h < 72 THEN 60 WHEN h < 96 THEN 72 WHEN h < 120 THEN 96 WHEN h < 144 THEN 120 WHEN h < 168 THEN 144 WHEN h < 240 THEN 168 WHEN h < 336 THEN 240 WHEN h < 504 THEN 336 WHEN h < 720 THEN 504 ELSE 720 END FROM (SELECT (julianday(new.first_replied_at) - julianday(new.created_at)) * 24 AS h))
    WHERE seq = new.seq;
END;

CREATE TRIGGER messages_first_reply AFTER UPDATE OF first_replied_at ON messages
  WHEN old.first_replied_at IS NULL AND new.first_replied_at IS NOT NULL
BEGIN
  UPDATE messages SET replied_on_time = (new.first_replied_at <= new.due_at), response_bucket = (SELECT CASE WHEN h < 1 THEN 0 WHEN h < 2 THEN 1 WHEN h < 3 THEN 2 WHEN h < 4 THEN 3 WHEN h < 5 THEN 4 WHEN h < 6 THEN 5 WHEN h < 8 THEN 6 WHEN h < 10 THEN 8 WHEN h < 12 THEN 10 WHEN h < 16 THEN 12 WHEN h < 20 THEN 16 WHEN h < 24 THEN 20 WHEN h < 30 THEN 24 WHEN h < 36 THEN 30 WHEN h < 48 THEN 36 WHEN h < 60 THEN 48 WHEN h < 72 THEN 60 WHEN h < 96 THEN 72 WHEN h < 120 THEN 96 WHEN h < 144 THEN 120 WHEN h < 168 THEN 144 WHEN h < 240 THEN 168 WHEN h < 336 THEN 240 WHEN h < 504 THEN 336 WHEN h < 720 THEN 504 ELSE 720 END FROM (SELECT (julianday(new.first_replied_at) - julianday(new.created_at)) * 24 AS h))
    WHERE seq = new.seq;
END;

CREATE TRIGGER ratings_latest_insert AFTER INSERT ON ratings BEGIN
  UPDATE messages SET rating_overall = new.overall, rating_resolution = new.resolution, rating_attitude = new.attitude, rating_speed = new.speed
    WHERE id = new.message_id;
END;

CREATE TRIGGER ratings_latest_delete AFTER DELETE ON ratings BEGIN
  UPDATE messages SET (rating_overall, rating_resolution, rating_attitude, rating_speed) =
    (SELECT r.overall, r.resolution, r.attitude, r.speed FROM ratings AS r WHERE r.message_id = old.message_id ORDER BY r.id DESC LIMIT 1)
    WHERE id = old.message_id;
END;

-- Each tally: add the new row's contribution, take away the old one's.
CREATE TRIGGER stats_counts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO stats_counts (site_id, campaign_id, unit_id, month, messages, replied, on_time, rated, rating_sum,
    rating_1, rating_2, rating_3, rating_4, rating_5, resolution_sum, attitude_sum, speed_sum)
  SELECT new.site_id, c.campaign_id, u.unit_id, mo.month, 1, (new.replied_on_time IS NOT NULL), coalesce(new.replied_on_time, 0),
    (new.rating_overall IS NOT NULL), coalesce(new.rating_overall, 0),
    coalesce(new.rating_overall = 1, 0), coalesce(new.rating_overall = 2, 0), coalesce(new.rating_overall = 3, 0),
    coalesce(new.rating_overall = 4, 0), coalesce(new.rating_overall = 5, 0),
    coalesce(new.rating_resolution, 0), coalesce(new.rating_attitude, 0), coalesce(new.rating_speed, 0)
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT new.campaign_id WHERE new.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT new.unit_id) AS u,
    (SELECT '*' AS month UNION ALL SELECT strftime('%Y-%m', new.created_at, '+8 hours')) AS mo
  WHERE new.moderation != 'rejected'
  ON CONFLICT (site_id, campaign_id, unit_id, month) DO UPDATE SET
    messages = messages + excluded.messages, replied = replied + excluded.replied, on_time = on_time + excluded.on_time,
    rated = rated + excluded.rated, rating_sum = rating_sum + excluded.rating_sum,
    rating_1 = rating_1 + excluded.rating_1, rating_2 = rating_2 + excluded.rating_2, rating_3 = rating_3 + excluded.rating_3,
    rating_4 = rating_4 + excluded.rating_4, rating_5 = rating_5 + excluded.rating_5,
    resolution_sum = resolution_sum + excluded.resolution_sum, attitude_sum = attitude_sum + excluded.attitude_sum,
    speed_sum = speed_sum + excluded.speed_sum;
END;

CREATE TRIGGER stats_counts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO stats_counts (site_id, campaign_id, unit_id, month, messages, replied, on_time, rated, rating_sum,
    rating_1, rating_2, rating_3, rating_4, rating_5, resolution_sum, attitude_sum, speed_sum)
  SELECT old.site_id, c.campaign_id, u.unit_id, mo.month, -1, -(old.replied_on_time IS NOT NULL), -coalesce(old.replied_on_time, 0),
    -(old.rating_overall IS NOT NULL), -coalesce(old.rating_overall, 0),
    -coalesce(old.rating_overall = 1, 0), -coalesce(old.rating_overall = 2, 0), -coalesce(old.rating_overall = 3, 0),
    -coalesce(old.rating_overall = 4, 0), -coalesce(old.rating_overall = 5, 0),
    -coalesce(old.rating_resolution, 0), -coalesce(old.rating_attitude, 0), -coalesce(old.rating_speed, 0)
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT old.campaign_id WHERE old.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT old.unit_id) AS u,
    (SELECT '*' AS month UNION ALL SELECT strftime('%Y-%m', old.created_at, '+8 hours')) AS mo
  WHERE old.moderation != 'rejected'
  ON CONFLICT (site_id, campaign_id, unit_id, month) DO UPDATE SET
    messages = messages + excluded.messages, replied = replied + excluded.replied, on_time = on_time + excluded.on_time,
    rated = rated + excluded.rated, rating_sum = rating_sum + excluded.rating_sum,
    rating_1 = rating_1 + excluded.rating_1, rating_2 = rating_2 + excluded.rating_2, rating_3 = rating_3 + excluded.rating_3,
    rating_4 = rating_4 + excluded.rating_4, rating_5 = rating_5 + excluded.rating_5,
    resolution_sum = resolution_sum + excluded.resolution_sum, attitude_sum = attitude_sum + excluded.attitude_sum,
    speed_sum = speed_sum + excluded.speed_sum;
END;

CREATE TRIGGER stats_counts_update AFTER UPDATE OF site_id, campaign_id, unit_id, moderation, created_at, replied_on_time, rating_overall, rating_resolution, rating_attitude, rating_speed ON messages
  WHEN old.site_id IS NOT new.site_id OR old.campaign_id IS NOT new.campaign_id OR old.unit_id IS NOT new.unit_id OR old.moderation IS NOT new.moderation OR old.created_at IS NOT new.created_at OR old.replied_on_time IS NOT new.replied_on_time OR old.rating_overall IS NOT new.rating_overall OR old.rating_resolution IS NOT new.rating_resolution OR old.rating_attitude IS NOT new.rating_attitude OR old.rating_speed IS NOT new.rating_speed
BEGIN
  INSERT INTO stats_counts (site_id, campaign_id, unit_id, month, messages, replied, on_time, rated, rating_sum,
    rating_1, rating_2, rating_3, rating_4, rating_5, resolution_sum, attitude_sum, speed_sum)
  SELECT old.site_id, c.campaign_id, u.unit_id, mo.month, -1, -(old.replied_on_time IS NOT NULL), -coalesce(old.replied_on_time, 0),
    -(old.rating_overall IS NOT NULL), -coalesce(old.rating_overall, 0),
    -coalesce(old.rating_overall = 1, 0), -coalesce(old.rating_overall = 2, 0), -coalesce(old.rating_overall = 3, 0),
    -coalesce(old.rating_overall = 4, 0), -coalesce(old.rating_overall = 5, 0),
    -coalesce(old.rating_resolution, 0), -coalesce(old.rating_attitude, 0), -coalesce(old.rating_speed, 0)
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT old.campaign_id WHERE old.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT old.unit_id) AS u,
    (SELECT '*' AS month UNION ALL SELECT strftime('%Y-%m', old.created_at, '+8 hours')) AS mo
  WHERE old.moderation != 'rejected'
  ON CONFLICT (site_id, campaign_id, unit_id, month) DO UPDATE SET
    messages = messages + excluded.messages, replied = replied + excluded.replied, on_time = on_time + excluded.on_time,
    rated = rated + excluded.rated, rating_sum = rating_sum + excluded.rating_sum,
    rating_1 = rating_1 + excluded.rating_1, rating_2 = rating_2 + excluded.rating_2, rating_3 = rating_3 + excluded.rating_3,
    rating_4 = rating_4 + excluded.rating_4, rating_5 = rating_5 + excluded.rating_5,
    resolution_sum = resolution_sum + excluded.resolution_sum, attitude_sum = attitude_sum + excluded.attitude_sum,
    speed_sum = speed_sum + excluded.speed_sum;
  INSERT INTO stats_counts (site_id, campaign_id, unit_id, month, messages, replied, on_time, rated, rating_sum,
    rating_1, rating_2, rating_3, rating_4, rating_5, resolution_sum, attitude_sum, speed_sum)
  SELECT new.site_id, c.campaign_id, u.unit_id, mo.month, 1, (new.replied_on_time IS NOT NULL), coalesce(new.replied_on_time, 0),
    (new.rating_overall IS NOT NULL), coalesce(new.rating_overall, 0),
    coalesce(new.rating_overall = 1, 0), coalesce(new.rating_overall = 2, 0), coalesce(new.rating_overall = 3, 0),
    coalesce(new.rating_overall = 4, 0), coalesce(new.rating_overall = 5, 0),
    coalesce(new.rating_resolution, 0), coalesce(new.rating_attitude, 0), coalesce(new.rating_speed, 0)
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT new.campaign_id WHERE new.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT new.unit_id) AS u,
    (SELECT '*' AS month UNION ALL SELECT strftime('%Y-%m', new.created_at, '+8 hours')) AS mo
  WHERE new.moderation != 'rejected'
  ON CONFLICT (site_id, campaign_id, unit_id, month) DO UPDATE SET
    messages = messages + excluded.messages, replied = replied + excluded.replied, on_time = on_time + excluded.on_time,
    rated = rated + excluded.rated, rating_sum = rating_sum + excluded.rating_sum,
    rating_1 = rating_1 + excluded.rating_1, rating_2 = rating_2 + excluded.rating_2, rating_3 = rating_3 + excluded.rating_3,
    rating_4 = rating_4 + excluded.rating_4, rating_5 = rating_5 + excluded.rating_5,
    resolution_sum = resolution_sum + excluded.resolution_sum, attitude_sum = attitude_sum + excluded.attitude_sum,
    speed_sum = speed_sum + excluded.speed_sum;
END;

CREATE TRIGGER stats_breakdown_insert AFTER INSERT ON messages BEGIN
  INSERT INTO stats_breakdown (site_id, campaign_id, unit_id, month, dimension, value, n)
  SELECT new.site_id, c.campaign_id, u.unit_id, mo.month, d.dimension, d.value, 1
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT new.campaign_id WHERE new.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT new.unit_id) AS u,
    (SELECT '*' AS month UNION ALL SELECT strftime('%Y-%m', new.created_at, '+8 hours')) AS mo,
    (SELECT 'type' AS dimension, new.type AS value UNION ALL SELECT 'domain', new.domain
      UNION ALL SELECT 'outlet', coalesce(new.source_outlet, new.source_origin) WHERE coalesce(new.source_outlet, new.source_origin) IS NOT NULL) AS d
  WHERE new.moderation != 'rejected'
  ON CONFLICT (site_id, campaign_id, unit_id, month, dimension, value) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_breakdown_delete AFTER DELETE ON messages BEGIN
  INSERT INTO stats_breakdown (site_id, campaign_id, unit_id, month, dimension, value, n)
  SELECT old.site_id, c.campaign_id, u.unit_id, mo.month, d.dimension, d.value, -1
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT old.campaign_id WHERE old.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT old.unit_id) AS u,
    (SELECT '*' AS month UNION ALL SELECT strftime('%Y-%m', old.created_at, '+8 hours')) AS mo,
    (SELECT 'type' AS dimension, old.type AS value UNION ALL SELECT 'domain', old.domain
      UNION ALL SELECT 'outlet', coalesce(old.source_outlet, old.source_origin) WHERE coalesce(old.source_outlet, old.source_origin) IS NOT NULL) AS d
  WHERE old.moderation != 'rejected'
  ON CONFLICT (site_id, campaign_id, unit_id, month, dimension, value) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_breakdown_update AFTER UPDATE OF site_id, campaign_id, unit_id, moderation, created_at, type, domain, source_origin, source_outlet ON messages
  WHEN old.site_id IS NOT new.site_id OR old.campaign_id IS NOT new.campaign_id OR old.unit_id IS NOT new.unit_id OR old.moderation IS NOT new.moderation OR old.created_at IS NOT new.created_at OR old.type IS NOT new.type OR old.domain IS NOT new.domain OR old.source_origin IS NOT new.source_origin OR old.source_outlet IS NOT new.source_outlet
BEGIN
  INSERT INTO stats_breakdown (site_id, campaign_id, unit_id, month, dimension, value, n)
  SELECT old.site_id, c.campaign_id, u.unit_id, mo.month, d.dimension, d.value, -1
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT old.campaign_id WHERE old.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT old.unit_id) AS u,
    (SELECT '*' AS month UNION ALL SELECT strftime('%Y-%m', old.created_at, '+8 hours')) AS mo,
    (SELECT 'type' AS dimension, old.type AS value UNION ALL SELECT 'domain', old.domain
      UNION ALL SELECT 'outlet', coalesce(old.source_outlet, old.source_origin) WHERE coalesce(old.source_outlet, old.source_origin) IS NOT NULL) AS d
  WHERE old.moderation != 'rejected'
  ON CONFLICT (site_id, campaign_id, unit_id, month, dimension, value) DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_breakdown (site_id, campaign_id, unit_id, month, dimension, value, n)
  SELECT new.site_id, c.campaign_id, u.unit_id, mo.month, d.dimension, d.value, 1
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT new.campaign_id WHERE new.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT new.unit_id) AS u,
    (SELECT '*' AS month UNION ALL SELECT strftime('%Y-%m', new.created_at, '+8 hours')) AS mo,
    (SELECT 'type' AS dimension, new.type AS value UNION ALL SELECT 'domain', new.domain
      UNION ALL SELECT 'outlet', coalesce(new.source_outlet, new.source_origin) WHERE coalesce(new.source_outlet, new.source_origin) IS NOT NULL) AS d
  WHERE new.moderation != 'rejected'
  ON CONFLICT (site_id, campaign_id, unit_id, month, dimension, value) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_response_hours_insert AFTER INSERT ON messages BEGIN
  INSERT INTO stats_response_hours (site_id, campaign_id, unit_id, month, bucket, n)
  SELECT new.site_id, c.campaign_id, u.unit_id, mo.month, new.response_bucket, 1
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT new.campaign_id WHERE new.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT new.unit_id) AS u,
    (SELECT '*' AS month UNION ALL SELECT strftime('%Y-%m', new.created_at, '+8 hours')) AS mo
  WHERE new.moderation != 'rejected' AND new.response_bucket IS NOT NULL
  ON CONFLICT (site_id, campaign_id, unit_id, month, bucket) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_response_hours_delete AFTER DELETE ON messages BEGIN
  INSERT INTO stats_response_hours (site_id, campaign_id, unit_id, month, bucket, n)
  SELECT old.site_id, c.campaign_id, u.unit_id, mo.month, old.response_bucket, -1
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT old.campaign_id WHERE old.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT old.unit_id) AS u,
    (SELECT '*' AS month UNION ALL SELECT strftime('%Y-%m', old.created_at, '+8 hours')) AS mo
  WHERE old.moderation != 'rejected' AND old.response_bucket IS NOT NULL
  ON CONFLICT (site_id, campaign_id, unit_id, month, bucket) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_response_hours_update AFTER UPDATE OF site_id, campaign_id, unit_id, moderation, created_at, response_bucket ON messages
  WHEN old.site_id IS NOT new.site_id OR old.campaign_id IS NOT new.campaign_id OR old.unit_id IS NOT new.unit_id OR old.moderation IS NOT new.moderation OR old.created_at IS NOT new.created_at OR old.response_bucket IS NOT new.response_bucket
BEGIN
  INSERT INTO stats_response_hours (site_id, campaign_id, unit_id, month, bucket, n)
  SELECT old.site_id, c.campaign_id, u.unit_id, mo.month, old.response_bucket, -1
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT old.campaign_id WHERE old.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT old.unit_id) AS u,
    (SELECT '*' AS month UNION ALL SELECT strftime('%Y-%m', old.created_at, '+8 hours')) AS mo
  WHERE old.moderation != 'rejected' AND old.response_bucket IS NOT NULL
  ON CONFLICT (site_id, campaign_id, unit_id, month, bucket) DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_response_hours (site_id, campaign_id, unit_id, month, bucket, n)
  SELECT new.site_id, c.campaign_id, u.unit_id, mo.month, new.response_bucket, 1
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT new.campaign_id WHERE new.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT new.unit_id) AS u,
    (SELECT '*' AS month UNION ALL SELECT strftime('%Y-%m', new.created_at, '+8 hours')) AS mo
  WHERE new.moderation != 'rejected' AND new.response_bucket IS NOT NULL
  ON CONFLICT (site_id, campaign_id, unit_id, month, bucket) DO UPDATE SET n = n + excluded.n;
END;

