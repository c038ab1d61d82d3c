-- The name a reply template or a unit is told apart by, in the form text is compared in (`matchForm`
-- in sdk/src/text.ts: NFKC, without the characters that show nothing, lower case: `Ｔ40` is `t40`),
-- written by the worker beside the name. The write itself refuses a name another template, or an
-- active sibling unit, has in that form, in its own transaction: two admins adding `T40` and `t40` in
-- the same instant add one. SQL cannot compute the form (NFKC), so rows written before this migration,
-- or by raw SQL, have NULL; the route's check before the write reads every such row and compares
-- their names in JavaScript, and the write's guard compares exact names too.
ALTER TABLE reply_templates ADD COLUMN title_key TEXT;
ALTER TABLE units ADD COLUMN name_key TEXT;
