-- A site's own words for a few visible strings, per language (sdk/src/schemas/string-overrides.ts):
-- JSON {"zh-CN": {"form.submit": "…"}, …}; '{}': the shipped strings everywhere.
ALTER TABLE sites ADD COLUMN string_overrides TEXT NOT NULL DEFAULT '{}';
