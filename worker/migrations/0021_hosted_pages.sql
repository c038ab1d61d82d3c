-- The hosted board (/s/:site/ and a page per public message, /s/:site/messages/:id): whether a
-- site serves it, the link back to the site's own website shown on it, and the site's colour.
--
-- On by default: the link a county puts in its WeChat menu works as soon as the site exists.
ALTER TABLE sites ADD COLUMN hosted_pages INTEGER NOT NULL DEFAULT 1 CHECK (hosted_pages IN (0, 1));
-- Both or neither: a label with nowhere to go, or an address with no words, is not a link.
ALTER TABLE sites ADD COLUMN return_url TEXT;
ALTER TABLE sites ADD COLUMN return_label TEXT CHECK ((return_url IS NULL) = (return_label IS NULL));
-- '#rrggbb': the hosted pages' header and buttons; NULL: Liuyan's red.
ALTER TABLE sites ADD COLUMN theme_color TEXT CHECK (theme_color IS NULL OR (length(theme_color) = 7 AND theme_color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'));
