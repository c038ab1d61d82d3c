-- Statistics at any range (issue 11): migration 0017's tallies are kept per month and for all time,
-- so a range of months read every month's rows of every tally — the ranking (units × months), the
-- counts by type and domain (months × 17 values) and the response-time histogram (months × 26
-- bands): 959 rows for 12 months at 100k messages. Now:
--
-- - each tally is also kept per quarter ('Y2025-Q3') and year ('Y2025'): a range of months is a few
--   such periods added or taken away (stats.ts, rangePeriods), at most 8 for any range, so the
--   ranking reads at most 8 rows per unit whatever the range;
-- - the counts by type and domain (closed lists, sdk/src/codes.ts) and the 26 response-time bands
--   (stats.ts, RESPONSE_BANDS) are columns of stats_counts: the monthly series' rows carry them, and
--   the figures of a range are the sums of its months' rows, one row per month;
-- - only the outlets, an open list, keep rows per value (stats_outlets), read per period like the ranking.
--
-- The keys: campaign_id, unit_id and period are '*' in the rows that hold all of them; a month is
-- 'YYYY-MM' (China time), so months sort together and before the 'Y…' quarters and years. The
-- triggers add a message's contribution (+1) or take it away (-1) by upsert, as 0017 explains:
-- additions commute, so triggers firing inside other triggers keep the sums right in any order. A
-- message counts unless moderation rejected it; private messages count like any other.

DROP TRIGGER stats_counts_insert;
DROP TRIGGER stats_counts_delete;
DROP TRIGGER stats_counts_update;
DROP TRIGGER stats_breakdown_insert;
DROP TRIGGER stats_breakdown_delete;
DROP TRIGGER stats_breakdown_update;
DROP TRIGGER stats_response_hours_insert;
DROP TRIGGER stats_response_hours_delete;
DROP TRIGGER stats_response_hours_update;
DROP TRIGGER stats_adopted_insert;
DROP TRIGGER stats_adopted_delete;
DROP TRIGGER stats_adopted_update_old;
DROP TRIGGER stats_adopted_update_new;
DROP TABLE stats_counts;
DROP TABLE stats_breakdown;
DROP TABLE stats_response_hours;

CREATE TABLE stats_counts (
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
-- The per-unit ranking reads a few periods across units.
CREATE INDEX stats_counts_by_period ON stats_counts (site_id, campaign_id, period, unit_id);

-- Messages per outlet: the drive's outlet the message was written on (its name, migration 0016),
-- else the website it was sent from (its origin).
CREATE TABLE stats_outlets (
  site_id TEXT NOT NULL,
  campaign_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  period TEXT NOT NULL,
  outlet TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (site_id, campaign_id, unit_id, period, outlet)
) WITHOUT ROWID;

-- The messages already stored, once.
INSERT INTO stats_counts (site_id, campaign_id, unit_id, period,
    messages, replied, on_time, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5,
    resolution_sum, attitude_sum, speed_sum, adopted, type_suggestion, type_complaint, type_help,
    type_consultation, domain_urban, domain_transport, domain_agriculture, domain_health, domain_education,
    domain_environment, domain_employment, domain_enterprise, domain_governance, domain_security,
    domain_tourism, domain_finance, domain_other, hours_0, hours_1, hours_2, hours_3, hours_4, hours_5,
    hours_6, hours_8, hours_10, hours_12, hours_16, hours_20, hours_24, hours_30, hours_36, hours_48,
    hours_60, hours_72, hours_96, hours_120, hours_144, hours_168, hours_240, hours_336, hours_504, hours_720)
  SELECT m.site_id, CASE ck.k WHEN 0 THEN '*' ELSE m.campaign_id END, CASE uk.k WHEN 0 THEN '*' ELSE m.unit_id END,
    CASE pk.k WHEN 0 THEN '*' WHEN 1 THEN strftime('%Y-%m', m.created_at, '+8 hours') WHEN 2 THEN 'Y' || strftime('%Y', m.created_at, '+8 hours') || '-Q' || ((CAST(strftime('%m', m.created_at, '+8 hours') AS INTEGER) + 2) / 3)
      ELSE 'Y' || strftime('%Y', m.created_at, '+8 hours') END,
    1, (m.replied_on_time IS NOT NULL), coalesce(m.replied_on_time, 0), (m.rating_overall IS NOT NULL),
    coalesce(m.rating_overall, 0), coalesce(m.rating_overall = 1, 0), coalesce(m.rating_overall = 2, 0),
    coalesce(m.rating_overall = 3, 0), coalesce(m.rating_overall = 4, 0), coalesce(m.rating_overall = 5, 0),
    coalesce(m.rating_resolution, 0), coalesce(m.rating_attitude, 0), coalesce(m.rating_speed, 0),
    (m.adopted_at IS NOT NULL), (m.type = 'suggestion'), (m.type = 'complaint'), (m.type = 'help'),
    (m.type = 'consultation'), (m.domain = 'urban'), (m.domain = 'transport'), (m.domain = 'agriculture'),
    (m.domain = 'health'), (m.domain = 'education'), (m.domain = 'environment'), (m.domain = 'employment'),
    (m.domain = 'enterprise'), (m.domain = 'governance'), (m.domain = 'security'), (m.domain = 'tourism'),
    (m.domain = 'finance'), (m.domain = 'other'), coalesce(m.response_bucket = 0, 0),
    coalesce(m.response_bucket = 1, 0), coalesce(m.response_bucket = 2, 0),
    coalesce(m.response_bucket = 3, 0), coalesce(m.response_bucket = 4, 0),
    coalesce(m.response_bucket = 5, 0), coalesce(m.response_bucket = 6, 0),
    coalesce(m.response_bucket = 8, 0), coalesce(m.response_bucket = 10, 0),
    coalesce(m.response_bucket = 12, 0), coalesce(m.response_bucket = 16, 0),
    coalesce(m.response_bucket = 20, 0), coalesce(m.response_bucket = 24, 0),
    coalesce(m.response_bucket = 30, 0), coalesce(m.response_bucket = 36, 0),
    coalesce(m.response_bucket = 48, 0), coalesce(m.response_bucket = 60, 0),
    coalesce(m.response_bucket = 72, 0), coalesce(m.response_bucket = 96, 0),
    coalesce(m.response_bucket = 120, 0), coalesce(m.response_bucket = 144, 0),
    coalesce(m.response_bucket = 168, 0), coalesce(m.response_bucket = 240, 0),
    coalesce(m.response_bucket = 336, 0), coalesce(m.response_bucket = 504, 0),
    coalesce(m.response_bucket = 720, 0)
  FROM messages AS m, (SELECT 0 AS k UNION ALL SELECT 1) AS ck, (SELECT 0 AS k UNION ALL SELECT 1) AS uk,
    (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) AS pk
  WHERE m.moderation != 'rejected' AND (ck.k = 0 OR m.campaign_id IS NOT NULL)
  ON CONFLICT (site_id, campaign_id, unit_id, period) DO UPDATE SET
    messages = messages + excluded.messages, replied = replied + excluded.replied,
    on_time = on_time + excluded.on_time, rated = rated + excluded.rated,
    rating_sum = rating_sum + excluded.rating_sum, rating_1 = rating_1 + excluded.rating_1,
    rating_2 = rating_2 + excluded.rating_2, rating_3 = rating_3 + excluded.rating_3,
    rating_4 = rating_4 + excluded.rating_4, rating_5 = rating_5 + excluded.rating_5,
    resolution_sum = resolution_sum + excluded.resolution_sum,
    attitude_sum = attitude_sum + excluded.attitude_sum, speed_sum = speed_sum + excluded.speed_sum,
    adopted = adopted + excluded.adopted, type_suggestion = type_suggestion + excluded.type_suggestion,
    type_complaint = type_complaint + excluded.type_complaint, type_help = type_help + excluded.type_help,
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

INSERT INTO stats_outlets (site_id, campaign_id, unit_id, period, outlet, n)
  SELECT m.site_id, CASE ck.k WHEN 0 THEN '*' ELSE m.campaign_id END, CASE uk.k WHEN 0 THEN '*' ELSE m.unit_id END,
    CASE pk.k WHEN 0 THEN '*' WHEN 1 THEN strftime('%Y-%m', m.created_at, '+8 hours') WHEN 2 THEN 'Y' || strftime('%Y', m.created_at, '+8 hours') || '-Q' || ((CAST(strftime('%m', m.created_at, '+8 hours') AS INTEGER) + 2) / 3)
      ELSE 'Y' || strftime('%Y', m.created_at, '+8 hours') END, coalesce(m.source_outlet, m.source_origin), 1
  FROM messages AS m, (SELECT 0 AS k UNION ALL SELECT 1) AS ck, (SELECT 0 AS k UNION ALL SELECT 1) AS uk,
    (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) AS pk
  WHERE m.moderation != 'rejected' AND (ck.k = 0 OR m.campaign_id IS NOT NULL) AND coalesce(m.source_outlet, m.source_origin) IS NOT NULL
  ON CONFLICT (site_id, campaign_id, unit_id, period, outlet) DO UPDATE SET n = n + excluded.n;

-- Each tally: add the new row's contribution, take away the old one's.
CREATE TRIGGER stats_counts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO stats_counts (site_id, campaign_id, unit_id, period,
    messages, replied, on_time, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5,
    resolution_sum, attitude_sum, speed_sum, adopted, type_suggestion, type_complaint, type_help,
    type_consultation, domain_urban, domain_transport, domain_agriculture, domain_health, domain_education,
    domain_environment, domain_employment, domain_enterprise, domain_governance, domain_security,
    domain_tourism, domain_finance, domain_other, hours_0, hours_1, hours_2, hours_3, hours_4, hours_5,
    hours_6, hours_8, hours_10, hours_12, hours_16, hours_20, hours_24, hours_30, hours_36, hours_48,
    hours_60, hours_72, hours_96, hours_120, hours_144, hours_168, hours_240, hours_336, hours_504, hours_720)
  SELECT new.site_id, c.campaign_id, u.unit_id, p.period,
    1, (new.replied_on_time IS NOT NULL), coalesce(new.replied_on_time, 0), (new.rating_overall IS NOT NULL),
    coalesce(new.rating_overall, 0), coalesce(new.rating_overall = 1, 0), coalesce(new.rating_overall = 2, 0),
    coalesce(new.rating_overall = 3, 0), coalesce(new.rating_overall = 4, 0),
    coalesce(new.rating_overall = 5, 0), coalesce(new.rating_resolution, 0), coalesce(new.rating_attitude, 0),
    coalesce(new.rating_speed, 0), (new.adopted_at IS NOT NULL), (new.type = 'suggestion'),
    (new.type = 'complaint'), (new.type = 'help'), (new.type = 'consultation'), (new.domain = 'urban'),
    (new.domain = 'transport'), (new.domain = 'agriculture'), (new.domain = 'health'),
    (new.domain = 'education'), (new.domain = 'environment'), (new.domain = 'employment'),
    (new.domain = 'enterprise'), (new.domain = 'governance'), (new.domain = 'security'),
    (new.domain = 'tourism'), (new.domain = 'finance'), (new.domain = 'other'),
    coalesce(new.response_bucket = 0, 0), coalesce(new.response_bucket = 1, 0),
    coalesce(new.response_bucket = 2, 0), coalesce(new.response_bucket = 3, 0),
    coalesce(new.response_bucket = 4, 0), coalesce(new.response_bucket = 5, 0),
    coalesce(new.response_bucket = 6, 0), coalesce(new.response_bucket = 8, 0),
    coalesce(new.response_bucket = 10, 0), coalesce(new.response_bucket = 12, 0),
    coalesce(new.response_bucket = 16, 0), coalesce(new.response_bucket = 20, 0),
    coalesce(new.response_bucket = 24, 0), coalesce(new.response_bucket = 30, 0),
    coalesce(new.response_bucket = 36, 0), coalesce(new.response_bucket = 48, 0),
    coalesce(new.response_bucket = 60, 0), coalesce(new.response_bucket = 72, 0),
    coalesce(new.response_bucket = 96, 0), coalesce(new.response_bucket = 120, 0),
    coalesce(new.response_bucket = 144, 0), coalesce(new.response_bucket = 168, 0),
    coalesce(new.response_bucket = 240, 0), coalesce(new.response_bucket = 336, 0),
    coalesce(new.response_bucket = 504, 0), coalesce(new.response_bucket = 720, 0)
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT new.campaign_id WHERE new.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT new.unit_id) AS u,
    (SELECT '*' AS period UNION ALL SELECT strftime('%Y-%m', new.created_at, '+8 hours') UNION ALL SELECT 'Y' || strftime('%Y', new.created_at, '+8 hours') || '-Q' || ((CAST(strftime('%m', new.created_at, '+8 hours') AS INTEGER) + 2) / 3)
      UNION ALL SELECT 'Y' || strftime('%Y', new.created_at, '+8 hours')) AS p
  WHERE new.moderation != 'rejected'
  ON CONFLICT (site_id, campaign_id, unit_id, period) DO UPDATE SET
    messages = messages + excluded.messages, replied = replied + excluded.replied,
    on_time = on_time + excluded.on_time, rated = rated + excluded.rated,
    rating_sum = rating_sum + excluded.rating_sum, rating_1 = rating_1 + excluded.rating_1,
    rating_2 = rating_2 + excluded.rating_2, rating_3 = rating_3 + excluded.rating_3,
    rating_4 = rating_4 + excluded.rating_4, rating_5 = rating_5 + excluded.rating_5,
    resolution_sum = resolution_sum + excluded.resolution_sum,
    attitude_sum = attitude_sum + excluded.attitude_sum, speed_sum = speed_sum + excluded.speed_sum,
    adopted = adopted + excluded.adopted, type_suggestion = type_suggestion + excluded.type_suggestion,
    type_complaint = type_complaint + excluded.type_complaint, type_help = type_help + excluded.type_help,
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

CREATE TRIGGER stats_counts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO stats_counts (site_id, campaign_id, unit_id, period,
    messages, replied, on_time, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5,
    resolution_sum, attitude_sum, speed_sum, adopted, type_suggestion, type_complaint, type_help,
    type_consultation, domain_urban, domain_transport, domain_agriculture, domain_health, domain_education,
    domain_environment, domain_employment, domain_enterprise, domain_governance, domain_security,
    domain_tourism, domain_finance, domain_other, hours_0, hours_1, hours_2, hours_3, hours_4, hours_5,
    hours_6, hours_8, hours_10, hours_12, hours_16, hours_20, hours_24, hours_30, hours_36, hours_48,
    hours_60, hours_72, hours_96, hours_120, hours_144, hours_168, hours_240, hours_336, hours_504, hours_720)
  SELECT old.site_id, c.campaign_id, u.unit_id, p.period,
    -1, -(old.replied_on_time IS NOT NULL), -coalesce(old.replied_on_time, 0),
    -(old.rating_overall IS NOT NULL), -coalesce(old.rating_overall, 0), -coalesce(old.rating_overall = 1, 0),
    -coalesce(old.rating_overall = 2, 0), -coalesce(old.rating_overall = 3, 0),
    -coalesce(old.rating_overall = 4, 0), -coalesce(old.rating_overall = 5, 0),
    -coalesce(old.rating_resolution, 0), -coalesce(old.rating_attitude, 0), -coalesce(old.rating_speed, 0),
    -(old.adopted_at IS NOT NULL), -(old.type = 'suggestion'), -(old.type = 'complaint'),
    -(old.type = 'help'), -(old.type = 'consultation'), -(old.domain = 'urban'), -(old.domain = 'transport'),
    -(old.domain = 'agriculture'), -(old.domain = 'health'), -(old.domain = 'education'),
    -(old.domain = 'environment'), -(old.domain = 'employment'), -(old.domain = 'enterprise'),
    -(old.domain = 'governance'), -(old.domain = 'security'), -(old.domain = 'tourism'),
    -(old.domain = 'finance'), -(old.domain = 'other'), -coalesce(old.response_bucket = 0, 0),
    -coalesce(old.response_bucket = 1, 0), -coalesce(old.response_bucket = 2, 0),
    -coalesce(old.response_bucket = 3, 0), -coalesce(old.response_bucket = 4, 0),
    -coalesce(old.response_bucket = 5, 0), -coalesce(old.response_bucket = 6, 0),
    -coalesce(old.response_bucket = 8, 0), -coalesce(old.response_bucket = 10, 0),
    -coalesce(old.response_bucket = 12, 0), -coalesce(old.response_bucket = 16, 0),
    -coalesce(old.response_bucket = 20, 0), -coalesce(old.response_bucket = 24, 0),
    -coalesce(old.response_bucket = 30, 0), -coalesce(old.response_bucket = 36, 0),
    -coalesce(old.response_bucket = 48, 0), -coalesce(old.response_bucket = 60, 0),
    -coalesce(old.response_bucket = 72, 0), -coalesce(old.response_bucket = 96, 0),
    -coalesce(old.response_bucket = 120, 0), -coalesce(old.response_bucket = 144, 0),
    -coalesce(old.response_bucket = 168, 0), -coalesce(old.response_bucket = 240, 0),
    -coalesce(old.response_bucket = 336, 0), -coalesce(old.response_bucket = 504, 0),
    -coalesce(old.response_bucket = 720, 0)
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT old.campaign_id WHERE old.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT old.unit_id) AS u,
    (SELECT '*' AS period UNION ALL SELECT strftime('%Y-%m', old.created_at, '+8 hours') UNION ALL SELECT 'Y' || strftime('%Y', old.created_at, '+8 hours') || '-Q' || ((CAST(strftime('%m', old.created_at, '+8 hours') AS INTEGER) + 2) / 3)
      UNION ALL SELECT 'Y' || strftime('%Y', old.created_at, '+8 hours')) AS p
  WHERE old.moderation != 'rejected'
  ON CONFLICT (site_id, campaign_id, unit_id, period) DO UPDATE SET
    messages = messages + excluded.messages, replied = replied + excluded.replied,
    on_time = on_time + excluded.on_time, rated = rated + excluded.rated,
    rating_sum = rating_sum + excluded.rating_sum, rating_1 = rating_1 + excluded.rating_1,
    rating_2 = rating_2 + excluded.rating_2, rating_3 = rating_3 + excluded.rating_3,
    rating_4 = rating_4 + excluded.rating_4, rating_5 = rating_5 + excluded.rating_5,
    resolution_sum = resolution_sum + excluded.resolution_sum,
    attitude_sum = attitude_sum + excluded.attitude_sum, speed_sum = speed_sum + excluded.speed_sum,
    adopted = adopted + excluded.adopted, type_suggestion = type_suggestion + excluded.type_suggestion,
    type_complaint = type_complaint + excluded.type_complaint, type_help = type_help + excluded.type_help,
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

-- A message that moves (another unit, campaign or month; rejected or restored) leaves its old rows
-- and takes its new ones; one whose figures change in place (a first reply, a rating, an adoption)
-- adds the differences once, half the writes.
CREATE TRIGGER stats_counts_move AFTER UPDATE OF site_id, campaign_id, unit_id, moderation, created_at ON messages
  WHEN
    old.site_id IS NOT new.site_id OR old.campaign_id IS NOT new.campaign_id OR
    old.unit_id IS NOT new.unit_id OR old.moderation IS NOT new.moderation OR
    old.created_at IS NOT new.created_at
BEGIN
  INSERT INTO stats_counts (site_id, campaign_id, unit_id, period,
    messages, replied, on_time, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5,
    resolution_sum, attitude_sum, speed_sum, adopted, type_suggestion, type_complaint, type_help,
    type_consultation, domain_urban, domain_transport, domain_agriculture, domain_health, domain_education,
    domain_environment, domain_employment, domain_enterprise, domain_governance, domain_security,
    domain_tourism, domain_finance, domain_other, hours_0, hours_1, hours_2, hours_3, hours_4, hours_5,
    hours_6, hours_8, hours_10, hours_12, hours_16, hours_20, hours_24, hours_30, hours_36, hours_48,
    hours_60, hours_72, hours_96, hours_120, hours_144, hours_168, hours_240, hours_336, hours_504, hours_720)
  SELECT old.site_id, c.campaign_id, u.unit_id, p.period,
    -1, -(old.replied_on_time IS NOT NULL), -coalesce(old.replied_on_time, 0),
    -(old.rating_overall IS NOT NULL), -coalesce(old.rating_overall, 0), -coalesce(old.rating_overall = 1, 0),
    -coalesce(old.rating_overall = 2, 0), -coalesce(old.rating_overall = 3, 0),
    -coalesce(old.rating_overall = 4, 0), -coalesce(old.rating_overall = 5, 0),
    -coalesce(old.rating_resolution, 0), -coalesce(old.rating_attitude, 0), -coalesce(old.rating_speed, 0),
    -(old.adopted_at IS NOT NULL), -(old.type = 'suggestion'), -(old.type = 'complaint'),
    -(old.type = 'help'), -(old.type = 'consultation'), -(old.domain = 'urban'), -(old.domain = 'transport'),
    -(old.domain = 'agriculture'), -(old.domain = 'health'), -(old.domain = 'education'),
    -(old.domain = 'environment'), -(old.domain = 'employment'), -(old.domain = 'enterprise'),
    -(old.domain = 'governance'), -(old.domain = 'security'), -(old.domain = 'tourism'),
    -(old.domain = 'finance'), -(old.domain = 'other'), -coalesce(old.response_bucket = 0, 0),
    -coalesce(old.response_bucket = 1, 0), -coalesce(old.response_bucket = 2, 0),
    -coalesce(old.response_bucket = 3, 0), -coalesce(old.response_bucket = 4, 0),
    -coalesce(old.response_bucket = 5, 0), -coalesce(old.response_bucket = 6, 0),
    -coalesce(old.response_bucket = 8, 0), -coalesce(old.response_bucket = 10, 0),
    -coalesce(old.response_bucket = 12, 0), -coalesce(old.response_bucket = 16, 0),
    -coalesce(old.response_bucket = 20, 0), -coalesce(old.response_bucket = 24, 0),
    -coalesce(old.response_bucket = 30, 0), -coalesce(old.response_bucket = 36, 0),
    -coalesce(old.response_bucket = 48, 0), -coalesce(old.response_bucket = 60, 0),
    -coalesce(old.response_bucket = 72, 0), -coalesce(old.response_bucket = 96, 0),
    -coalesce(old.response_bucket = 120, 0), -coalesce(old.response_bucket = 144, 0),
    -coalesce(old.response_bucket = 168, 0), -coalesce(old.response_bucket = 240, 0),
    -coalesce(old.response_bucket = 336, 0), -coalesce(old.response_bucket = 504, 0),
    -coalesce(old.response_bucket = 720, 0)
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT old.campaign_id WHERE old.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT old.unit_id) AS u,
    (SELECT '*' AS period UNION ALL SELECT strftime('%Y-%m', old.created_at, '+8 hours') UNION ALL SELECT 'Y' || strftime('%Y', old.created_at, '+8 hours') || '-Q' || ((CAST(strftime('%m', old.created_at, '+8 hours') AS INTEGER) + 2) / 3)
      UNION ALL SELECT 'Y' || strftime('%Y', old.created_at, '+8 hours')) AS p
  WHERE old.moderation != 'rejected'
  ON CONFLICT (site_id, campaign_id, unit_id, period) DO UPDATE SET
    messages = messages + excluded.messages, replied = replied + excluded.replied,
    on_time = on_time + excluded.on_time, rated = rated + excluded.rated,
    rating_sum = rating_sum + excluded.rating_sum, rating_1 = rating_1 + excluded.rating_1,
    rating_2 = rating_2 + excluded.rating_2, rating_3 = rating_3 + excluded.rating_3,
    rating_4 = rating_4 + excluded.rating_4, rating_5 = rating_5 + excluded.rating_5,
    resolution_sum = resolution_sum + excluded.resolution_sum,
    attitude_sum = attitude_sum + excluded.attitude_sum, speed_sum = speed_sum + excluded.speed_sum,
    adopted = adopted + excluded.adopted, type_suggestion = type_suggestion + excluded.type_suggestion,
    type_complaint = type_complaint + excluded.type_complaint, type_help = type_help + excluded.type_help,
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
  INSERT INTO stats_counts (site_id, campaign_id, unit_id, period,
    messages, replied, on_time, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5,
    resolution_sum, attitude_sum, speed_sum, adopted, type_suggestion, type_complaint, type_help,
    type_consultation, domain_urban, domain_transport, domain_agriculture, domain_health, domain_education,
    domain_environment, domain_employment, domain_enterprise, domain_governance, domain_security,
    domain_tourism, domain_finance, domain_other, hours_0, hours_1, hours_2, hours_3, hours_4, hours_5,
    hours_6, hours_8, hours_10, hours_12, hours_16, hours_20, hours_24, hours_30, hours_36, hours_48,
    hours_60, hours_72, hours_96, hours_120, hours_144, hours_168, hours_240, hours_336, hours_504, hours_720)
  SELECT new.site_id, c.campaign_id, u.unit_id, p.period,
    1, (new.replied_on_time IS NOT NULL), coalesce(new.replied_on_time, 0), (new.rating_overall IS NOT NULL),
    coalesce(new.rating_overall, 0), coalesce(new.rating_overall = 1, 0), coalesce(new.rating_overall = 2, 0),
    coalesce(new.rating_overall = 3, 0), coalesce(new.rating_overall = 4, 0),
    coalesce(new.rating_overall = 5, 0), coalesce(new.rating_resolution, 0), coalesce(new.rating_attitude, 0),
    coalesce(new.rating_speed, 0), (new.adopted_at IS NOT NULL), (new.type = 'suggestion'),
    (new.type = 'complaint'), (new.type = 'help'), (new.type = 'consultation'), (new.domain = 'urban'),
    (new.domain = 'transport'), (new.domain = 'agriculture'), (new.domain = 'health'),
    (new.domain = 'education'), (new.domain = 'environment'), (new.domain = 'employment'),
    (new.domain = 'enterprise'), (new.domain = 'governance'), (new.domain = 'security'),
    (new.domain = 'tourism'), (new.domain = 'finance'), (new.domain = 'other'),
    coalesce(new.response_bucket = 0, 0), coalesce(new.response_bucket = 1, 0),
    coalesce(new.response_bucket = 2, 0), coalesce(new.response_bucket = 3, 0),
    coalesce(new.response_bucket = 4, 0), coalesce(new.response_bucket = 5, 0),
    coalesce(new.response_bucket = 6, 0), coalesce(new.response_bucket = 8, 0),
    coalesce(new.response_bucket = 10, 0), coalesce(new.response_bucket = 12, 0),
    coalesce(new.response_bucket = 16, 0), coalesce(new.response_bucket = 20, 0),
    coalesce(new.response_bucket = 24, 0), coalesce(new.response_bucket = 30, 0),
    coalesce(new.response_bucket = 36, 0), coalesce(new.response_bucket = 48, 0),
    coalesce(new.response_bucket = 60, 0), coalesce(new.response_bucket = 72, 0),
    coalesce(new.response_bucket = 96, 0), coalesce(new.response_bucket = 120, 0),
    coalesce(new.response_bucket = 144, 0), coalesce(new.response_bucket = 168, 0),
    coalesce(new.response_bucket = 240, 0), coalesce(new.response_bucket = 336, 0),
    coalesce(new.response_bucket = 504, 0), coalesce(new.response_bucket = 720, 0)
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT new.campaign_id WHERE new.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT new.unit_id) AS u,
    (SELECT '*' AS period UNION ALL SELECT strftime('%Y-%m', new.created_at, '+8 hours') UNION ALL SELECT 'Y' || strftime('%Y', new.created_at, '+8 hours') || '-Q' || ((CAST(strftime('%m', new.created_at, '+8 hours') AS INTEGER) + 2) / 3)
      UNION ALL SELECT 'Y' || strftime('%Y', new.created_at, '+8 hours')) AS p
  WHERE new.moderation != 'rejected'
  ON CONFLICT (site_id, campaign_id, unit_id, period) DO UPDATE SET
    messages = messages + excluded.messages, replied = replied + excluded.replied,
    on_time = on_time + excluded.on_time, rated = rated + excluded.rated,
    rating_sum = rating_sum + excluded.rating_sum, rating_1 = rating_1 + excluded.rating_1,
    rating_2 = rating_2 + excluded.rating_2, rating_3 = rating_3 + excluded.rating_3,
    rating_4 = rating_4 + excluded.rating_4, rating_5 = rating_5 + excluded.rating_5,
    resolution_sum = resolution_sum + excluded.resolution_sum,
    attitude_sum = attitude_sum + excluded.attitude_sum, speed_sum = speed_sum + excluded.speed_sum,
    adopted = adopted + excluded.adopted, type_suggestion = type_suggestion + excluded.type_suggestion,
    type_complaint = type_complaint + excluded.type_complaint, type_help = type_help + excluded.type_help,
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

CREATE TRIGGER stats_counts_update AFTER UPDATE OF type, domain, replied_on_time, response_bucket, rating_overall, rating_resolution, rating_attitude, rating_speed, adopted_at ON messages
  WHEN (
    old.site_id IS new.site_id AND old.campaign_id IS new.campaign_id AND old.unit_id IS new.unit_id AND
    old.moderation IS new.moderation AND old.created_at IS new.created_at
  ) AND (
    old.type IS NOT new.type OR old.domain IS NOT new.domain OR
    old.replied_on_time IS NOT new.replied_on_time OR old.response_bucket IS NOT new.response_bucket OR
    old.rating_overall IS NOT new.rating_overall OR old.rating_resolution IS NOT new.rating_resolution OR
    old.rating_attitude IS NOT new.rating_attitude OR old.rating_speed IS NOT new.rating_speed OR
    old.adopted_at IS NOT new.adopted_at
  )
BEGIN
  INSERT INTO stats_counts (site_id, campaign_id, unit_id, period,
    messages, replied, on_time, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5,
    resolution_sum, attitude_sum, speed_sum, adopted, type_suggestion, type_complaint, type_help,
    type_consultation, domain_urban, domain_transport, domain_agriculture, domain_health, domain_education,
    domain_environment, domain_employment, domain_enterprise, domain_governance, domain_security,
    domain_tourism, domain_finance, domain_other, hours_0, hours_1, hours_2, hours_3, hours_4, hours_5,
    hours_6, hours_8, hours_10, hours_12, hours_16, hours_20, hours_24, hours_30, hours_36, hours_48,
    hours_60, hours_72, hours_96, hours_120, hours_144, hours_168, hours_240, hours_336, hours_504, hours_720)
  SELECT new.site_id, c.campaign_id, u.unit_id, p.period,
    0, (new.replied_on_time IS NOT NULL) - (old.replied_on_time IS NOT NULL),
    coalesce(new.replied_on_time, 0) - coalesce(old.replied_on_time, 0),
    (new.rating_overall IS NOT NULL) - (old.rating_overall IS NOT NULL),
    coalesce(new.rating_overall, 0) - coalesce(old.rating_overall, 0),
    coalesce(new.rating_overall = 1, 0) - coalesce(old.rating_overall = 1, 0),
    coalesce(new.rating_overall = 2, 0) - coalesce(old.rating_overall = 2, 0),
    coalesce(new.rating_overall = 3, 0) - coalesce(old.rating_overall = 3, 0),
    coalesce(new.rating_overall = 4, 0) - coalesce(old.rating_overall = 4, 0),
    coalesce(new.rating_overall = 5, 0) - coalesce(old.rating_overall = 5, 0),
    coalesce(new.rating_resolution, 0) - coalesce(old.rating_resolution, 0),
    coalesce(new.rating_attitude, 0) - coalesce(old.rating_attitude, 0),
    coalesce(new.rating_speed, 0) - coalesce(old.rating_speed, 0),
    (new.adopted_at IS NOT NULL) - (old.adopted_at IS NOT NULL),
    (new.type = 'suggestion') - (old.type = 'suggestion'),
    (new.type = 'complaint') - (old.type = 'complaint'), (new.type = 'help') - (old.type = 'help'),
    (new.type = 'consultation') - (old.type = 'consultation'),
    (new.domain = 'urban') - (old.domain = 'urban'), (new.domain = 'transport') - (old.domain = 'transport'),
    (new.domain = 'agriculture') - (old.domain = 'agriculture'),
    (new.domain = 'health') - (old.domain = 'health'),
    (new.domain = 'education') - (old.domain = 'education'),
    (new.domain = 'environment') - (old.domain = 'environment'),
    (new.domain = 'employment') - (old.domain = 'employment'),
    (new.domain = 'enterprise') - (old.domain = 'enterprise'),
    (new.domain = 'governance') - (old.domain = 'governance'),
    (new.domain = 'security') - (old.domain = 'security'),
    (new.domain = 'tourism') - (old.domain = 'tourism'), (new.domain = 'finance') - (old.domain = 'finance'),
    (new.domain = 'other') - (old.domain = 'other'),
    coalesce(new.response_bucket = 0, 0) - coalesce(old.response_bucket = 0, 0),
    coalesce(new.response_bucket = 1, 0) - coalesce(old.response_bucket = 1, 0),
    coalesce(new.response_bucket = 2, 0) - coalesce(old.response_bucket = 2, 0),
    coalesce(new.response_bucket = 3, 0) - coalesce(old.response_bucket = 3, 0),
    coalesce(new.response_bucket = 4, 0) - coalesce(old.response_bucket = 4, 0),
    coalesce(new.response_bucket = 5, 0) - coalesce(old.response_bucket = 5, 0),
    coalesce(new.response_bucket = 6, 0) - coalesce(old.response_bucket = 6, 0),
    coalesce(new.response_bucket = 8, 0) - coalesce(old.response_bucket = 8, 0),
    coalesce(new.response_bucket = 10, 0) - coalesce(old.response_bucket = 10, 0),
    coalesce(new.response_bucket = 12, 0) - coalesce(old.response_bucket = 12, 0),
    coalesce(new.response_bucket = 16, 0) - coalesce(old.response_bucket = 16, 0),
    coalesce(new.response_bucket = 20, 0) - coalesce(old.response_bucket = 20, 0),
    coalesce(new.response_bucket = 24, 0) - coalesce(old.response_bucket = 24, 0),
    coalesce(new.response_bucket = 30, 0) - coalesce(old.response_bucket = 30, 0),
    coalesce(new.response_bucket = 36, 0) - coalesce(old.response_bucket = 36, 0),
    coalesce(new.response_bucket = 48, 0) - coalesce(old.response_bucket = 48, 0),
    coalesce(new.response_bucket = 60, 0) - coalesce(old.response_bucket = 60, 0),
    coalesce(new.response_bucket = 72, 0) - coalesce(old.response_bucket = 72, 0),
    coalesce(new.response_bucket = 96, 0) - coalesce(old.response_bucket = 96, 0),
    coalesce(new.response_bucket = 120, 0) - coalesce(old.response_bucket = 120, 0),
    coalesce(new.response_bucket = 144, 0) - coalesce(old.response_bucket = 144, 0),
    coalesce(new.response_bucket = 168, 0) - coalesce(old.response_bucket = 168, 0),
    coalesce(new.response_bucket = 240, 0) - coalesce(old.response_bucket = 240, 0),
    coalesce(new.response_bucket = 336, 0) - coalesce(old.response_bucket = 336, 0),
    coalesce(new.response_bucket = 504, 0) - coalesce(old.response_bucket = 504, 0),
    coalesce(new.response_bucket = 720, 0) - coalesce(old.response_bucket = 720, 0)
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT new.campaign_id WHERE new.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT new.unit_id) AS u,
    (SELECT '*' AS period UNION ALL SELECT strftime('%Y-%m', new.created_at, '+8 hours') UNION ALL SELECT 'Y' || strftime('%Y', new.created_at, '+8 hours') || '-Q' || ((CAST(strftime('%m', new.created_at, '+8 hours') AS INTEGER) + 2) / 3)
      UNION ALL SELECT 'Y' || strftime('%Y', new.created_at, '+8 hours')) AS p
  WHERE new.moderation != 'rejected'
  ON CONFLICT (site_id, campaign_id, unit_id, period) DO UPDATE SET
    messages = messages + excluded.messages, replied = replied + excluded.replied,
    on_time = on_time + excluded.on_time, rated = rated + excluded.rated,
    rating_sum = rating_sum + excluded.rating_sum, rating_1 = rating_1 + excluded.rating_1,
    rating_2 = rating_2 + excluded.rating_2, rating_3 = rating_3 + excluded.rating_3,
    rating_4 = rating_4 + excluded.rating_4, rating_5 = rating_5 + excluded.rating_5,
    resolution_sum = resolution_sum + excluded.resolution_sum,
    attitude_sum = attitude_sum + excluded.attitude_sum, speed_sum = speed_sum + excluded.speed_sum,
    adopted = adopted + excluded.adopted, type_suggestion = type_suggestion + excluded.type_suggestion,
    type_complaint = type_complaint + excluded.type_complaint, type_help = type_help + excluded.type_help,
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

CREATE TRIGGER stats_outlets_insert AFTER INSERT ON messages BEGIN
  INSERT INTO stats_outlets (site_id, campaign_id, unit_id, period, outlet, n)
  SELECT new.site_id, c.campaign_id, u.unit_id, p.period, coalesce(new.source_outlet, new.source_origin), 1
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT new.campaign_id WHERE new.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT new.unit_id) AS u,
    (SELECT '*' AS period UNION ALL SELECT strftime('%Y-%m', new.created_at, '+8 hours') UNION ALL SELECT 'Y' || strftime('%Y', new.created_at, '+8 hours') || '-Q' || ((CAST(strftime('%m', new.created_at, '+8 hours') AS INTEGER) + 2) / 3)
      UNION ALL SELECT 'Y' || strftime('%Y', new.created_at, '+8 hours')) AS p
  WHERE new.moderation != 'rejected' AND coalesce(new.source_outlet, new.source_origin) IS NOT NULL
  ON CONFLICT (site_id, campaign_id, unit_id, period, outlet) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_outlets_delete AFTER DELETE ON messages BEGIN
  INSERT INTO stats_outlets (site_id, campaign_id, unit_id, period, outlet, n)
  SELECT old.site_id, c.campaign_id, u.unit_id, p.period, coalesce(old.source_outlet, old.source_origin), -1
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT old.campaign_id WHERE old.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT old.unit_id) AS u,
    (SELECT '*' AS period UNION ALL SELECT strftime('%Y-%m', old.created_at, '+8 hours') UNION ALL SELECT 'Y' || strftime('%Y', old.created_at, '+8 hours') || '-Q' || ((CAST(strftime('%m', old.created_at, '+8 hours') AS INTEGER) + 2) / 3)
      UNION ALL SELECT 'Y' || strftime('%Y', old.created_at, '+8 hours')) AS p
  WHERE old.moderation != 'rejected' AND coalesce(old.source_outlet, old.source_origin) IS NOT NULL
  ON CONFLICT (site_id, campaign_id, unit_id, period, outlet) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER stats_outlets_update AFTER UPDATE OF site_id, campaign_id, unit_id, moderation, created_at, source_origin, source_outlet ON messages
  WHEN
    old.site_id IS NOT new.site_id OR old.campaign_id IS NOT new.campaign_id OR
    old.unit_id IS NOT new.unit_id OR old.moderation IS NOT new.moderation OR
    old.created_at IS NOT new.created_at OR old.source_origin IS NOT new.source_origin OR
    old.source_outlet IS NOT new.source_outlet
BEGIN
  INSERT INTO stats_outlets (site_id, campaign_id, unit_id, period, outlet, n)
  SELECT old.site_id, c.campaign_id, u.unit_id, p.period, coalesce(old.source_outlet, old.source_origin), -1
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT old.campaign_id WHERE old.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT old.unit_id) AS u,
    (SELECT '*' AS period UNION ALL SELECT strftime('%Y-%m', old.created_at, '+8 hours') UNION ALL SELECT 'Y' || strftime('%Y', old.created_at, '+8 hours') || '-Q' || ((CAST(strftime('%m', old.created_at, '+8 hours') AS INTEGER) + 2) / 3)
      UNION ALL SELECT 'Y' || strftime('%Y', old.created_at, '+8 hours')) AS p
  WHERE old.moderation != 'rejected' AND coalesce(old.source_outlet, old.source_origin) IS NOT NULL
  ON CONFLICT (site_id, campaign_id, unit_id, period, outlet) DO UPDATE SET n = n + excluded.n;
  INSERT INTO stats_outlets (site_id, campaign_id, unit_id, period, outlet, n)
  SELECT new.site_id, c.campaign_id, u.unit_id, p.period, coalesce(new.source_outlet, new.source_origin), 1
  FROM (SELECT '*' AS campaign_id UNION ALL SELECT new.campaign_id WHERE new.campaign_id IS NOT NULL) AS c,
    (SELECT '*' AS unit_id UNION ALL SELECT new.unit_id) AS u,
    (SELECT '*' AS period UNION ALL SELECT strftime('%Y-%m', new.created_at, '+8 hours') UNION ALL SELECT 'Y' || strftime('%Y', new.created_at, '+8 hours') || '-Q' || ((CAST(strftime('%m', new.created_at, '+8 hours') AS INTEGER) + 2) / 3)
      UNION ALL SELECT 'Y' || strftime('%Y', new.created_at, '+8 hours')) AS p
  WHERE new.moderation != 'rejected' AND coalesce(new.source_outlet, new.source_origin) IS NOT NULL
  ON CONFLICT (site_id, campaign_id, unit_id, period, outlet) DO UPDATE SET n = n + excluded.n;
END;
