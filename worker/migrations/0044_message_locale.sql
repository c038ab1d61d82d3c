-- The language the citizen wrote in (zh-CN, zh-TW or en: the form's, or the request's
-- Accept-Language), so the notices sent to them (a reply, a new tracking code) read in it. NULL for
-- messages stored before: they are written to in the site's language, as before.
ALTER TABLE messages ADD COLUMN locale TEXT;
