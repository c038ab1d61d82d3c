-- The public board: keyset pages of published public messages per tab and filter, and search.

-- Public tab of a message: 待回复 (submitted, accepted) / 办理中 / 已办理 (replied, closed).
ALTER TABLE messages ADD COLUMN public_tab TEXT GENERATED ALWAYS AS (
  CASE WHEN status IN ('submitted', 'accepted') THEN 'awaiting'
       WHEN status = 'in_progress' THEN 'in_progress'
       ELSE 'answered' END
) VIRTUAL;

-- Each index serves one list shape newest-first (ORDER BY seq DESC) without sorting.
DROP INDEX messages_public;
CREATE INDEX messages_board ON messages (site_id, moderation, is_public, seq);
CREATE INDEX messages_board_tab ON messages (site_id, moderation, is_public, public_tab, seq);
CREATE INDEX messages_board_type ON messages (site_id, moderation, is_public, type, seq);
CREATE INDEX messages_board_domain ON messages (site_id, moderation, is_public, domain, seq);
CREATE INDEX messages_board_unit_tab ON messages (unit_id, moderation, is_public, public_tab, seq);
CREATE INDEX messages_board_campaign ON messages (campaign_id, moderation, is_public, seq);

-- Search over title and body as overlapping character bigrams (路灯坏了 → 路灯 灯坏 坏了), so that
-- Chinese words of two characters are found exactly; rowid = messages.seq. Contentless: the text
-- lives in messages only. The application writes it in the same batch as the message.
CREATE VIRTUAL TABLE message_search USING fts5(text, content = '', contentless_delete = 1);
