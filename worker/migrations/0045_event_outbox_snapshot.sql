-- What a webhook says of the message (worker/src/webhooks/payload.ts) is the message as the request
-- that wrote the event left it, not as it is when the queue handles the event: a reply rated at once,
-- or a message published a moment after it was sent, no longer shows the later state on the earlier
-- event. The outbox row keeps that state (JSON of the message's public handling columns) until the
-- event is handled; the delivery then keeps the body made from it.
--
-- An event is written before the guarded update of the same batch in officials' actions and the
-- citizen's loop (worker/src/db/handling.ts, citizen-loop.ts), and after the message's insert in a
-- submission. So the insert's trigger takes the message as it is then, and an update of those columns
-- takes it again for the events its own request wrote: those with the update's time (`updated_at`
-- and the events' `created_at` are the request's one `now`). Events of earlier requests still waiting
-- keep theirs.
ALTER TABLE event_outbox ADD COLUMN snapshot TEXT;

DROP TRIGGER event_outbox_insert;
CREATE TRIGGER event_outbox_insert AFTER INSERT ON message_events BEGIN
  INSERT INTO event_outbox (event_id, snapshot) VALUES (new.id, (
    SELECT json_object('status', m.status, 'moderation', m.moderation, 'isPublic', m.is_public,
      'unitId', m.unit_id, 'dueAt', m.due_at, 'type', m.type, 'domain', m.domain)
    FROM messages AS m WHERE m.id = new.message_id));
END;

CREATE TRIGGER event_outbox_snapshot AFTER UPDATE OF status, moderation, is_public, unit_id, due_at, type, domain ON messages BEGIN
  UPDATE event_outbox SET snapshot = json_object('status', new.status, 'moderation', new.moderation, 'isPublic', new.is_public,
    'unitId', new.unit_id, 'dueAt', new.due_at, 'type', new.type, 'domain', new.domain)
  WHERE event_id IN (SELECT e.id FROM message_events AS e WHERE e.message_id = new.id AND e.created_at = new.updated_at);
END;
