-- The console's queue finds a message by words of its title or body (`instr`, over every message of
-- the official's units, private and unpublished ones too, which the public search index never holds).
-- A word typed in Traditional characters was looked for in Simplified ones too, but one typed in
-- Simplified characters (路灯) missed a message written in Traditional ones (路燈). SQL cannot fold
-- the characters, so the worker stores each message's title and body in Simplified characters
-- (`simplifiedText`, worker/src/lib/simplified.ts) when it writes the message: '' where folding
-- changes nothing (most messages: nothing stored twice), the folded text otherwise. NULL means "not
-- computed yet": messages stored before this migration and rows written by raw SQL.
-- `continueSimplifiedText` (the hourly job, `npm run dev`, a restore) fills them, reading the pending
-- messages through a partial index that holds nothing once all are done.
ALTER TABLE messages ADD COLUMN simplified_text TEXT;

CREATE INDEX messages_simplified_pending ON messages (seq) WHERE simplified_text IS NULL;
