-- An official's notice names the unit the event gave the message to (有一条留言交由…办理), not the
-- message's unit when the notice is sent: a message transferred on within seconds (a wrong pick put
-- right) told the first unit's officials that it had gone to the second. NULL for notices of other
-- kinds, and for those written before this migration (their delivery reads the message's unit, as before).
ALTER TABLE notifications ADD COLUMN unit_id TEXT;
