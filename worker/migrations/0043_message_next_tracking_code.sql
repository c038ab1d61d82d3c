-- A tracking code sent for a lost one (忘记查询码) is kept beside the citizen's old code until it is
-- first used: then it takes the old one's place (`tracking_hash`) and the old one stops working.
-- Anyone who knows a citizen's phone or e-mail may ask for new codes, so the asking alone must not
-- take the citizen's code away. NULL when no new code is waiting; a later one sent replaces it.
ALTER TABLE messages ADD COLUMN tracking_hash_next TEXT;
CREATE UNIQUE INDEX messages_tracking_hash_next ON messages (tracking_hash_next) WHERE tracking_hash_next IS NOT NULL;
