-- Notifications (issue 14): SMS and e-mail to citizens and officials, phone verification (验证码)
-- and lost tracking codes. Deliveries go through the DELIVERIES queue; this is what they read and record.

-- A site's delivery settings, kept by its admins: the SMS provider (Aliyun Dysmsapi, or the
-- government's own signed-HTTP gateway), its key id and secret (sealed with DATA_KEY, bound to the
-- site), the SMS sign name (签名) and template codes per kind of notice (JSON), the e-mail sender,
-- and whether a submission needs a verification code sent to the author's phone.
CREATE TABLE notification_settings (
  site_id TEXT PRIMARY KEY REFERENCES sites(id),
  sms_provider TEXT CHECK (sms_provider IN ('aliyun', 'gateway')),
  sms_endpoint TEXT,
  sms_key_id TEXT,
  sms_secret_enc TEXT,
  sms_sign_name TEXT,
  sms_templates TEXT NOT NULL DEFAULT '{}',
  email_from TEXT,
  phone_verification INTEGER NOT NULL DEFAULT 0 CHECK (phone_verification IN (0, 1)),
  updated_at TEXT NOT NULL
);

-- The author's wish to be told of a reply (by SMS, by e-mail), and keyed hashes of the contact
-- details, so a lost tracking code can be sent again to the phone or e-mail on file without the
-- contact columns (encrypted) being readable. Both hashes are emptied when the author erases them.
ALTER TABLE messages ADD COLUMN notify_sms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN notify_email INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN author_phone_hash TEXT;
ALTER TABLE messages ADD COLUMN author_email_hash TEXT;
CREATE INDEX messages_by_phone_hash ON messages (site_id, author_phone_hash) WHERE author_phone_hash IS NOT NULL;
CREATE INDEX messages_by_email_hash ON messages (site_id, author_email_hash) WHERE author_email_hash IS NOT NULL;

-- One notice to one recipient by one channel. A phone or an e-mail address typed for a code
-- (verification, a lost code) is sealed in `recipient_enc`; otherwise it is null and the delivery
-- step reads the recipient where it is kept: the message's author (sealed there) or the official's
-- account. Either way only the delivery step opens it, and a sealed one is emptied once the notice is
-- sent or dead; nothing else in the row is personal. `dedupe_key` makes a
-- retried fan-out (the same event, the same recipient) write nothing twice. `dead`: every attempt
-- failed; admins see these (the dead-letter list).
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  kind TEXT NOT NULL CHECK (kind IN ('reply', 'recovery', 'new_code', 'verification_code', 'assigned', 'due_soon', 'escalated')),
  channel TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
  recipient_enc TEXT,
  message_id TEXT,
  account_id TEXT,
  dedupe_key TEXT UNIQUE,
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX notifications_by_status ON notifications (site_id, status, created_at);

-- Every delivery attempt: its outcome and the provider's answer code (never a contact detail).
CREATE TABLE notification_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  notification_id TEXT NOT NULL REFERENCES notifications(id),
  attempt INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'failed')),
  detail TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX notification_attempts_of ON notification_attempts (notification_id, attempt);

-- The live verification code of a phone on a site: a keyed hash of the code (written by the delivery
-- step, which makes the code), when it stops working and how many wrong tries it has had.
CREATE TABLE verification_codes (
  site_id TEXT NOT NULL REFERENCES sites(id),
  phone_hash TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  tries INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  PRIMARY KEY (site_id, phone_hash)
) WITHOUT ROWID;
CREATE INDEX verification_codes_expiry ON verification_codes (expires_at);

-- Requests for codes (verification, recovery) counted in one window, for a cap, as submission_counts
-- does for submissions: the CHECK refuses the request's batch the moment a count would pass its cap.
CREATE TABLE code_request_counts (
  site_id TEXT NOT NULL REFERENCES sites(id),
  scope TEXT NOT NULL CHECK (scope IN ('verify_phone_minute', 'verify_phone', 'verify_address', 'recover_contact', 'recover_address')),
  key_hash TEXT NOT NULL,
  window_start TEXT NOT NULL,
  window_end TEXT NOT NULL,
  count INTEGER NOT NULL,
  cap INTEGER NOT NULL,
  CHECK (count <= cap),
  PRIMARY KEY (site_id, scope, key_hash, window_start)
) WITHOUT ROWID;
CREATE INDEX code_request_counts_end ON code_request_counts (window_end);

-- Which notices an official gets: each kind can be turned off (console 我的账号). No row: all on, by
-- e-mail. `sms_phone_enc`: the mobile the official gave for SMS too (sealed, bound to the account),
-- used where the site sends SMS.
CREATE TABLE account_notification_settings (
  account_id TEXT PRIMARY KEY REFERENCES accounts(id),
  assigned INTEGER NOT NULL DEFAULT 1 CHECK (assigned IN (0, 1)),
  due_soon INTEGER NOT NULL DEFAULT 1 CHECK (due_soon IN (0, 1)),
  escalated INTEGER NOT NULL DEFAULT 1 CHECK (escalated IN (0, 1)),
  sms_phone_enc TEXT
);
