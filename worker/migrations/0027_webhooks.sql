-- Events out (issue 14): every timeline event reaches the deliveries queue through an outbox, and
-- sites' webhook endpoints receive the events they chose, signed, with every attempt on record.

-- The outbox: one row per timeline event not yet handed to the queue. The trigger fills it in the
-- transaction (D1 batch) that writes the event, so an event of a batch that failed is never in it, and
-- one that was written is never lost: the request drains it when it is done, the hourly cron after a
-- failure (worker/src/queue/outbox.ts). `claimed_until`: a drain is sending the row; once past, a
-- drain that died before deleting it is taken over. The trigger reads nothing (the event's site is
-- looked up when it is drained): a write costs one row more, not a lookup.
CREATE TABLE event_outbox (
  event_id INTEGER PRIMARY KEY,
  claimed_until TEXT
);
CREATE TRIGGER event_outbox_insert AFTER INSERT ON message_events BEGIN
  INSERT INTO event_outbox (event_id) VALUES (new.id);
END;

-- A site's webhook endpoint: an https address (http on loopback only where WEBHOOK_LOOPBACK allows),
-- the event types it receives (a JSON array of `message.*`), and its signing secret, encrypted with
-- DATA_KEY. While a secret is rotated the previous one stays valid until `previous_secret_expires_at`:
-- both sign. Disabled: nothing new is delivered to it.
CREATE TABLE webhook_endpoints (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  url TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  events TEXT NOT NULL,
  secret TEXT NOT NULL,
  previous_secret TEXT,
  previous_secret_expires_at TEXT,
  disabled_at TEXT,
  created_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX webhook_endpoints_by_site ON webhook_endpoints (site_id, created_at);

-- One event for one endpoint: its body, made once (public-safe fields only, see worker/src/webhooks/
-- payload.ts), so every attempt and a manual re-send send the same bytes under the same event id.
-- status: pending (queued) → delivered | retrying → … → dead (retries spent: admins see it and may
-- send it again). An endpoint deleted takes its deliveries and their attempts with it.
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL,
  endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  message_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'retrying', 'delivered', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_status_code INTEGER,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, created_at);
-- The cron's safety net: a delivery still waiting long after it was due lost its queue message.
CREATE INDEX webhook_deliveries_waiting ON webhook_deliveries (next_attempt_at) WHERE status IN ('pending', 'retrying');
-- Old finished deliveries are purged hourly.
CREATE INDEX webhook_deliveries_by_update ON webhook_deliveries (updated_at) WHERE status IN ('delivered', 'dead');

-- Every attempt: when, the receiver's status code (null: no answer), how long it took (ms), what went
-- wrong (`timeout`, `network`, `status`), and at most 200 characters of the receiver's answer.
CREATE TABLE webhook_attempts (
  id INTEGER PRIMARY KEY,
  delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  status_code INTEGER,
  duration_ms INTEGER NOT NULL,
  error TEXT,
  response_excerpt TEXT
);
CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (delivery_id, id);
