-- The citizen's loop: a rating after each final reply, 追问 after a reply, and 重办 when the citizen
-- is not satisfied (PRODUCT.md, issue 11).

-- How many follow-ups (追问) a citizen may send on one message; admins change it per site.
ALTER TABLE sites ADD COLUMN follow_up_limit INTEGER NOT NULL DEFAULT 3;

-- A rating belongs to the final reply it rates: one per reply (per 办理 cycle), kept by the unique
-- index so that a retried or concurrent rating is stored once. `reason` (0001) holds the citizen's own
-- words; `reason_code` the reason chosen from the list, required when overall ≤ 2.
ALTER TABLE ratings ADD COLUMN reply_id TEXT REFERENCES replies(id);
ALTER TABLE ratings ADD COLUMN reason_code TEXT
  CHECK (reason_code IN ('not_solved', 'not_answered', 'too_slow', 'attitude', 'other'));
CREATE UNIQUE INDEX ratings_once_per_reply ON ratings (reply_id);

-- A follow-up follows one reply: at most one per reply, so it waits for its answer, and a retry is
-- stored once.
ALTER TABLE follow_ups ADD COLUMN reply_id TEXT REFERENCES replies(id);
CREATE UNIQUE INDEX follow_ups_once_per_reply ON follow_ups (reply_id);

-- When the message was last re-opened (重办) by an unhappy rating or a follow-up. While it is being
-- handled again it comes first in its unit's queue: this index reads just those messages.
ALTER TABLE messages ADD COLUMN reopened_at TEXT;
CREATE INDEX messages_reopened ON messages (site_id, unit_id, due_at, seq)
  WHERE reopened_at IS NOT NULL AND status = 'in_progress';
