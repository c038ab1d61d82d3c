-- Messages stored before 0028 have no keyed hashes of their author's phone and e-mail, so a lost
-- tracking code cannot be sent again for them. The hourly job fills them in, a bounded batch a run
-- (worker/src/notifications/backfill.ts). This index holds exactly the rows still to do: each run
-- reads only those, and nothing once all are done. An erased author's hashes stay empty for good.
CREATE INDEX messages_without_contact_hash ON messages (seq) WHERE author_phone_hash IS NULL AND author_erased_at IS NULL;
