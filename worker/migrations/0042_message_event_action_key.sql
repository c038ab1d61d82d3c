-- An official's action on a message sent again with the same Idempotency-Key (its answer lost on the
-- way, or sent a second time from the console's kept form while the first was on its way) is known by
-- the event the first one wrote: `action_key` is the key made from it (`keyedId`, scoped to the site,
-- the official and the message), NULL for every event written without one (a citizen's, the
-- scheduler's, an action sent with no key). The route looks it up before acting and, when the action
-- raced its copy, after; the index keeps one event per key.
ALTER TABLE message_events ADD COLUMN action_key TEXT;
CREATE UNIQUE INDEX message_events_action_key ON message_events (action_key) WHERE action_key IS NOT NULL;
