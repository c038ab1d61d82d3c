import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { MessageStatus, Moderation, ModerationMode, ReplyKind, UnitKind } from '../../../sdk/src/schemas/common';
import type { NotificationKind } from '../../../sdk/src/codes';
import type { Role } from '../../../sdk/src/schemas/console';

// Types of every table in worker/migrations, kept in step with the SQL by hand; schema.node.test.ts
// fails when the two disagree on a table, a column, its nullability or its default.
// JSON columns are TEXT holding the JSON; booleans are 0/1.

export interface SiteTable {
  id: string;
  name: string;
  locale: Generated<string>;
  moderation: Generated<ModerationMode>;
  allowed_origins: Generated<string>;
  types: Generated<string>;
  domains: Generated<string>;
  deadline_days: Generated<string>;
  created_at: string;
  updated_at: string;
  /** Bumped by triggers whenever one of the site's units changes (migration 0005). */
  units_version: Generated<number>;
  title_min: Generated<number>;
  body_min: Generated<number>;
  privacy_url: string | null;
  privacy_text: string | null;
  /** JSON: `SubmissionLimits`, keys not given take the defaults (migration 0007). */
  submission_limits: Generated<string>;
  /** How many follow-ups (追问) a citizen may send on one message (migration 0014). */
  follow_up_limit: Generated<number>;
  /** Working days before a deadline the cron reminds the unit; 0: never (migration 0015). */
  reminder_days: Generated<number>;
  /** 1: the hosted board /s/:site/ and its message pages are served; 0: they answer 404 (migration 0021). */
  hosted_pages: Generated<number>;
  /** The link back to the site's own website shown on the hosted pages: both or neither (migration 0021). */
  return_url: string | null;
  return_label: string | null;
  /** `#rrggbb` (lower case) for the hosted pages; null: Liuyan's red (migration 0021). */
  theme_color: string | null;
  /** https address of the hosted pages' share image; null: Liuyan's (migration 0025). */
  share_image_url: string | null;
  /** How many of its units are active, kept by triggers (migration 0030). */
  active_units: Generated<number>;
  /** JSON: `StringOverrides`, the site's own words for a few strings per language (migration 0034). */
  string_overrides: Generated<string>;
}

/** Submissions counted in one window, for a cap (migration 0007); the CHECK keeps `count <= cap`. */
export interface SubmissionCountTable {
  site_id: string;
  scope: 'address' | 'phone' | 'site';
  key_hash: string;
  window_start: string;
  window_end: string;
  count: number;
  cap: number;
}

export interface CalendarDayTable {
  site_id: string;
  day: string;
  kind: 'holiday' | 'workday';
  name: string | null;
}

export interface UnitTable {
  id: string;
  site_id: string;
  parent_id: string | null;
  name: string;
  kind: UnitKind;
  sort_order: Generated<number>;
  active: Generated<number>;
  created_at: string;
  /** JSON array of the name's pinyin search keys (lib/pinyin.ts); null until computed (migration 0025). */
  pinyin_keys: string | null;
  /** How far below the top (0 at the top), kept by triggers (migration 0030). */
  depth: Generated<number>;
  /** The name in `matchForm`, written by the admin routes; null for units written otherwise (migration 0050). */
  name_key: string | null;
}

/**
 * Every suffix of a unit's name, lower-cased, and its pinyin keys, kept by triggers: unit search by
 * substring and pinyin (migrations 0023, 0025), shallowest first by the unit's depth (0036).
 */
export interface UnitNameKeyTable {
  site_id: string;
  key: string;
  unit_id: string;
  /** The unit's depth (units.depth), 9 for any deeper: the search reads depths 0–9 in order. */
  depth: Generated<number>;
}

/** Each unit with itself (depth 0) and every unit above it; kept by triggers (migration 0024). */
export interface UnitAncestorTable {
  unit_id: string;
  ancestor_id: string;
  depth: number;
}

/**
 * Each message under its own unit and every unit above it, with whether it is on the public board
 * and its tab: a subtree's messages are one index range. Kept by triggers (migration 0024).
 */
export interface MessageUnitTable {
  seq: number;
  unit_id: string;
  on_board: number;
  public_tab: 'awaiting' | 'in_progress' | 'answered';
}

export interface CampaignTable {
  id: string;
  site_id: string;
  slug: string;
  title: string;
  description: Generated<string>;
  starts_at: string;
  ends_at: string;
  unit_ids: Generated<string>;
  types: Generated<string>;
  domains: Generated<string>;
  created_at: string;
  /** JSON array of {name, origin}: the outlets allowed to embed the campaign (migration 0016). */
  outlets: Generated<string>;
  updated_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MessageTable {
  seq: Generated<number>;
  id: string;
  site_id: string;
  unit_id: string;
  campaign_id: string | null;
  type: 'suggestion' | 'complaint' | 'help' | 'consultation';
  domain: string;
  title: string;
  body: string;
  region: string;
  author_name_enc: string;
  author_phone_enc: string;
  author_email_enc: string | null;
  display_name: string;
  is_public: number;
  moderation: Moderation;
  moderation_reason: string | null;
  status: MessageStatus;
  tracking_hash: string;
  /** A new code sent for a lost one, until its first use moves it into `tracking_hash` (db/tracking-codes.ts). */
  tracking_hash_next: ColumnType<string | null, string | null | undefined, string | null>;
  source_origin: string | null;
  due_at: string;
  support_count: Generated<number>;
  reply_count: Generated<number>;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  first_replied_at: string | null;
  closed_at: string | null;
  /** The latest reply, written with it (see `latestReplyColumns`), for board cards. */
  latest_reply_id: ColumnType<string | null, string | null | undefined, string | null>;
  latest_reply_kind: ColumnType<ReplyKind | null, ReplyKind | null | undefined, ReplyKind | null>;
  latest_reply_unit_id: ColumnType<string | null, string | null | undefined, string | null>;
  latest_reply_excerpt: ColumnType<string | null, string | null | undefined, string | null>;
  latest_reply_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** Generated from status: 'awaiting' | 'in_progress' | 'answered'. Never written. */
  public_tab: ColumnType<'awaiting' | 'in_progress' | 'answered', never, never>;
  /** When the citizen last re-opened it (重办), by an unhappy rating or a follow-up (migration 0014). */
  reopened_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The deadline the cron's reminder / 督办 was written for (migration 0015); escalated = flagged 督办. */
  reminded_due_at: ColumnType<string | null, string | null | undefined, string | null>;
  escalated_due_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the citizen erased their contact details; the `author_*_enc` columns are then empty. */
  author_erased_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** 采纳 (migration 0016): when adopted, and the public note on what was adopted, where. */
  adopted_at: ColumnType<string | null, string | null | undefined, string | null>;
  adoption_note: ColumnType<string | null, string | null | undefined, string | null>;
  /** The campaign outlet's name the message was written on (its Origin mapped by the campaign's outlets). */
  source_outlet: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON array of why it was held for a moderator (honeypot, too_fast, link, phone, word, banned_split); null: nothing (migration 0033). */
  held_for: ColumnType<string | null, string | null | undefined, string | null>;
  /** Kept by migration 0017's triggers, never written by the app: whether the first reply came by the deadline then in force (1/0), its response band in hours, and the latest rating. */
  replied_on_time: ColumnType<number | null, never, never>;
  response_bucket: ColumnType<number | null, never, never>;
  rating_overall: ColumnType<number | null, never, never>;
  rating_resolution: ColumnType<number | null, never, never>;
  rating_attitude: ColumnType<number | null, never, never>;
  rating_speed: ColumnType<number | null, never, never>;
  /** 0/1: the author asked to be told of a reply by SMS / by e-mail (migration 0028). */
  notify_sms: Generated<number>;
  notify_email: Generated<number>;
  /** Keyed hashes of the author's phone (E.164) and e-mail (lower case), for a lost code; null once erased (migration 0028). */
  author_phone_hash: ColumnType<string | null, string | null | undefined, string | null>;
  author_email_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the latest rating was made: kept by migration 0024's triggers beside the scores above. */
  rating_at: ColumnType<string | null, never, never>;
  /**
   * Title and body as the console's search compares them (`matchText`): '' where that is the text
   * itself, NULL until computed (migration 0040, `continueMatchText`).
   */
  match_text: ColumnType<string | null, string | null | undefined, string>;
  /** The language the citizen wrote in (`Locale`), which their notices read in; NULL before migration 0044 (the site's language). */
  locale: ColumnType<string | null, string | null | undefined, never>;
}

/** FTS5, contentless: rowid = messages.seq; `text` is write-only (see lib/search-text.ts). */
/** Holds only published public messages (migration 0006), in match form. */
export interface MessageSearchTable {
  rowid: number;
  text: string;
}

/** A site whose search entries are being rebuilt, newest first: those of messages before `before_seq` (all: null) are still to write. */
/** A site whose units' computed search keys are being recomputed (migration 0041): units after `after_id` are not done yet. */
export interface UnitKeyRebuildTable {
  site_id: string;
  after_id: Generated<string>;
}

export interface SearchRebuildTable {
  site_id: string;
  before_seq: number | null;
}

export interface MessageEventTable {
  id: Generated<number>;
  message_id: string;
  kind: string;
  is_public: Generated<number>;
  unit_id: string | null;
  from_unit_id: string | null;
  account_id: string | null;
  note: string | null;
  created_at: string;
  /**
   * The keyed `Idempotency-Key` of the official's action that wrote it (migration 0042), so the same
   * action sent again is answered as done; NULL for events written without one.
   */
  action_key: Generated<string | null>;
}

export interface ReplyTable {
  id: string;
  message_id: string;
  unit_id: string;
  kind: ReplyKind;
  body: string;
  account_id: string | null;
  created_at: string;
}

export interface RatingTable {
  id: Generated<number>;
  message_id: string;
  overall: number;
  resolution: number;
  attitude: number;
  speed: number;
  /** The citizen's own words: for officials, and never public. */
  reason: string | null;
  created_at: string;
  /** The final reply rated: one rating per reply (migration 0014); null for ratings made before. */
  reply_id: string | null;
  reason_code: 'not_solved' | 'not_answered' | 'too_slow' | 'attitude' | 'other' | null;
}

export interface FollowUpTable {
  id: string;
  message_id: string;
  body: string;
  created_at: string;
  /** The reply it follows: one follow-up per reply (migration 0014). */
  reply_id: string | null;
  /** The citizen's words are public only once published by a moderator (migration 0020). */
  moderation: Generated<'pending' | 'published' | 'rejected'>;
  moderated_at: string | null;
  /** JSON array of why its words were held (link, phone, word); null: nothing (migration 0033). */
  held_for: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SupportTable {
  message_id: string;
  supporter_hash: string;
  created_at: string;
}

export interface MessageNoteTable {
  id: string;
  message_id: string;
  account_id: string;
  body: string;
  created_at: string;
}

export interface ReplyTemplateTable {
  id: string;
  site_id: string;
  title: string;
  body: string;
  created_at: string;
  /** The title in `matchForm`; null for templates added before migration 0050. */
  title_key: string | null;
}

export interface AccountTable {
  id: string;
  site_id: string;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  password_salt: string;
  password_iterations: number;
  totp_secret_enc: string | null;
  totp_last_step: number | null;
  disabled: Generated<number>;
  failed_sign_ins: Generated<number>;
  locked_until: string | null;
  created_at: string;
  /** An enrolment in progress: encrypted secret, confirmed by its first code. */
  totp_pending_enc: ColumnType<string | null, string | null | undefined, string | null>;
  /** 0/1: a password an admin set must be changed at the next sign-in (migration 0010). */
  must_change_password: Generated<number>;
}

export interface AccountUnitTable {
  account_id: string;
  unit_id: string;
}

export interface SessionTable {
  id_hash: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_seen_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Failed sign-ins per keyed hash of an email or a client address. */
/** Messages per unit, status and moderation state, kept by triggers (migration 0004). Never written by the application. */
export interface MessageCountTable {
  site_id: string;
  unit_id: string;
  status: MessageTable['status'];
  moderation: MessageTable['moderation'];
  /** 0/1: private messages are tallied apart (migration 0008). */
  is_public: number;
  n: number;
}

/** Open messages per unit and deadline day, kept by the triggers of migration 0009. */
export interface OpenDueCountTable {
  site_id: string;
  /** A unit's id, or '*' for the whole site. */
  unit_id: string;
  /** The UTC date of the deadline, YYYY-MM-DD. */
  due_day: string;
  n: number;
}

/**
 * Open escalated (督办) messages per unit, kept by the triggers of migration 0015. The three tallies
 * are also kept per subtree (migration 0035: `subtree_*`, the same columns, a unit's row counting
 * every message at or below it).
 */
export interface SupervisedCountTable {
  site_id: string;
  unit_id: string;
  n: number;
}

/** Every erasure of a citizen's contact details, to apply again after a restore (migration 0015). */
export interface PersonalDataErasureTable {
  id: Generated<number>;
  site_id: string;
  message_id: string;
  erased_at: string;
}

export interface SignInFailureTable {
  key_hash: string;
  failures: number;
  first_failed_at: string;
  locked_until: string | null;
}

export interface IdempotencyKeyTable {
  site_id: string;
  key: string;
  request_hash: string;
  message_id: string;
  response_enc: string;
  created_at: string;
  expires_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  site_id: string;
  account_id: string | null;
  action: string;
  message_id: string | null;
  detail: string | null;
  created_at: string;
}

/**
 * Statistics tallies per site, campaign, unit and period, kept by triggers (migrations 0017, 0019):
 * '*' = all; a period is a month 'YYYY-MM' (China time), a quarter 'Y2025-Q3', a year 'Y2025' or '*'.
 */
interface StatsKey {
  site_id: string;
  campaign_id: string;
  unit_id: string;
  period: string;
}
/** Every figure defaults to 0: a trigger adds only the figures its change moves (migration 0019). */
export interface StatsCountTable extends StatsKey {
  messages: Generated<number>;
  replied: Generated<number>;
  on_time: Generated<number>;
  rated: Generated<number>;
  rating_sum: Generated<number>;
  rating_1: Generated<number>;
  rating_2: Generated<number>;
  rating_3: Generated<number>;
  rating_4: Generated<number>;
  rating_5: Generated<number>;
  resolution_sum: Generated<number>;
  attitude_sum: Generated<number>;
  speed_sum: Generated<number>;
  adopted: Generated<number>;
  /** Counted messages of each type (MESSAGE_TYPES) and domain (DOMAINS). */
  type_suggestion: Generated<number>;
  type_complaint: Generated<number>;
  type_help: Generated<number>;
  type_consultation: Generated<number>;
  domain_urban: Generated<number>;
  domain_transport: Generated<number>;
  domain_agriculture: Generated<number>;
  domain_health: Generated<number>;
  domain_education: Generated<number>;
  domain_environment: Generated<number>;
  domain_employment: Generated<number>;
  domain_enterprise: Generated<number>;
  domain_governance: Generated<number>;
  domain_security: Generated<number>;
  domain_tourism: Generated<number>;
  domain_finance: Generated<number>;
  domain_other: Generated<number>;
  /** First replies within each response band, by its lower bound in hours (RESPONSE_BANDS in stats.ts). */
  hours_0: Generated<number>;
  hours_1: Generated<number>;
  hours_2: Generated<number>;
  hours_3: Generated<number>;
  hours_4: Generated<number>;
  hours_5: Generated<number>;
  hours_6: Generated<number>;
  hours_8: Generated<number>;
  hours_10: Generated<number>;
  hours_12: Generated<number>;
  hours_16: Generated<number>;
  hours_20: Generated<number>;
  hours_24: Generated<number>;
  hours_30: Generated<number>;
  hours_36: Generated<number>;
  hours_48: Generated<number>;
  hours_60: Generated<number>;
  hours_72: Generated<number>;
  hours_96: Generated<number>;
  hours_120: Generated<number>;
  hours_144: Generated<number>;
  hours_168: Generated<number>;
  hours_240: Generated<number>;
  hours_336: Generated<number>;
  hours_504: Generated<number>;
  hours_720: Generated<number>;
}
/** Counted messages per outlet (the drive partner's name, else the website origin). */
export interface StatsOutletTable extends StatsKey {
  outlet: string;
  n: number;
}

export interface Database {
  sites: SiteTable;
  calendar_days: CalendarDayTable;
  units: UnitTable;
  campaigns: CampaignTable;
  messages: MessageTable;
  message_search: MessageSearchTable;
  search_rebuilds: SearchRebuildTable;
  unit_key_rebuilds: UnitKeyRebuildTable;
  message_events: MessageEventTable;
  replies: ReplyTable;
  ratings: RatingTable;
  follow_ups: FollowUpTable;
  supports: SupportTable;
  message_notes: MessageNoteTable;
  reply_templates: ReplyTemplateTable;
  accounts: AccountTable;
  account_units: AccountUnitTable;
  sessions: SessionTable;
  idempotency_keys: IdempotencyKeyTable;
  audit_log: AuditLogTable;
  sign_in_failures: SignInFailureTable;
  message_counts: MessageCountTable;
  open_due_counts: OpenDueCountTable;
  submission_counts: SubmissionCountTable;
  supervised_counts: SupervisedCountTable;
  subtree_message_counts: MessageCountTable;
  subtree_open_due_counts: OpenDueCountTable;
  subtree_supervised_counts: SupervisedCountTable;
  personal_data_erasures: PersonalDataErasureTable;
  campaign_counts: CampaignCountTable;
  stats_counts: StatsCountTable;
  stats_outlets: StatsOutletTable;
  /** Per subtree, for all campaigns ('*'), all time ('*') and each month (migration 0035). */
  subtree_stats_counts: StatsCountTable;
  subtree_stats_outlets: StatsOutletTable;
  integration_keys: IntegrationKeyTable;
  open311_tokens: Open311TokenTable;
  unit_name_keys: UnitNameKeyTable;
  event_outbox: EventOutboxTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  notification_settings: NotificationSettingsTable;
  notifications: NotificationTable;
  notification_attempts: NotificationAttemptTable;
  verification_codes: VerificationCodeTable;
  code_request_counts: CodeRequestCountTable;
  account_notification_settings: AccountNotificationSettingsTable;
  unit_ancestors: UnitAncestorTable;
  message_units: MessageUnitTable;
  photos: PhotoTable;
  site_protection: SiteProtectionTable;
}

/** A site's defences and retention, kept by its admins (migration 0033); no row: the defaults. */
export interface SiteProtectionTable {
  site_id: string;
  /** JSON arrays of words as typed. */
  banned_words: Generated<string>;
  hold_words: Generated<string>;
  hold_links: Generated<number>;
  hold_phones: Generated<number>;
  min_fill_seconds: Generated<number>;
  turnstile_site_key: string | null;
  /** Sealed with DATA_KEY (context `turnstile:<site>`). */
  turnstile_secret_enc: string | null;
  retention_days: Generated<number>;
  updated_at: string;
}

/** A campaign's figures per outlet name ('' for none), kept by triggers (migration 0016). */
export interface CampaignCountTable {
  campaign_id: string;
  outlet: string;
  messages: Generated<number>;
  published: Generated<number>;
  replied: Generated<number>;
  adopted: Generated<number>;
}

export type SiteRow = Selectable<SiteTable>;
export type UnitRow = Selectable<UnitTable>;
export type CampaignRow = Selectable<CampaignTable>;
export type MessageRow = Selectable<MessageTable>;
export type NewMessage = Insertable<MessageTable>;
export type NewMessageEvent = Insertable<MessageEventTable>;

/** A per-site integration key (Open311's api_key), stored as a keyed hash (migration 0022). */
export interface IntegrationKeyTable {
  id: string;
  site_id: string;
  label: string;
  key_hash: string;
  /** The key's first characters, shown to admins to tell keys apart. */
  prefix: string;
  created_by: string | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** An Open311 POST's token → its message, for `GET tokens/{token}` (migration 0022). */
export interface Open311TokenTable {
  token: string;
  site_id: string;
  message_id: string;
  created_at: string;
}

/** A timeline event not yet handed to the deliveries queue, written by a trigger (migration 0027). */
export interface EventOutboxTable {
  /** message_events.id (the trigger always gives it). */
  event_id: Generated<number>;
  /** ISO instant until which a drain is sending it. */
  claimed_until: string | null;
  /**
   * The message as the request that wrote the event left it (migration 0045), JSON of
   * `EventSnapshot` (worker/src/queue/events.ts); NULL for events written before.
   */
  snapshot: Generated<string | null>;
}

/** A site's webhook endpoint (migration 0027); secrets encrypted with DATA_KEY. */
export interface WebhookEndpointTable {
  id: string;
  site_id: string;
  url: string;
  description: Generated<string>;
  /** JSON array of WebhookEventType. */
  events: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  disabled_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export type WebhookDeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'dead';

/** One event for one endpoint, with the body every attempt sends (migration 0027). */
export interface WebhookDeliveryTable {
  id: string;
  site_id: string;
  endpoint_id: string;
  /** `evt_…`, the same in every attempt. */
  event_id: string;
  event_type: string;
  message_id: string;
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** One POST of a delivery (migration 0027). */
export interface WebhookAttemptTable {
  id: Generated<number>;
  delivery_id: string;
  at: string;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  response_excerpt: string | null;
}

/** A site's SMS and e-mail settings, kept by its admins (migration 0028); the SMS secret is sealed. */
export interface NotificationSettingsTable {
  site_id: string;
  sms_provider: 'aliyun' | 'gateway' | null;
  /** While SMS is off: the provider the kept endpoint, key ID, sign name and templates were set up for. */
  sms_kept_for: 'aliyun' | 'gateway' | null;
  sms_endpoint: string | null;
  sms_key_id: string | null;
  sms_secret_enc: string | null;
  sms_sign_name: string | null;
  /** JSON: notice kind → the provider's template code. */
  sms_templates: Generated<string>;
  email_from: string | null;
  /** 1: a submission needs a verification code sent to the author's phone. */
  phone_verification: Generated<number>;
  updated_at: string;
}

/** Every kind of notice: one list, in the SDK's codes. */
export type { NotificationKind };

/** One notice to one recipient by one channel (migration 0028); a typed recipient is sealed, else null (read from the message or the account). */
export interface NotificationTable {
  id: string;
  site_id: string;
  kind: NotificationKind;
  channel: 'sms' | 'email';
  recipient_enc: string | null;
  message_id: string | null;
  account_id: string | null;
  /** An official's notice: the unit its event gave the message to, named in it (migration 0046); else null. */
  unit_id: string | null;
  dedupe_key: string | null;
  status: Generated<'queued' | 'sent' | 'dead'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

/** Every delivery attempt of a notice, with the provider's answer code (migration 0028). */
export interface NotificationAttemptTable {
  id: Generated<number>;
  notification_id: string;
  attempt: number;
  outcome: 'sent' | 'failed';
  detail: string | null;
  created_at: string;
}

/** The live verification code of a phone on a site, as a keyed hash (migration 0028). */
export interface VerificationCodeTable {
  site_id: string;
  phone_hash: string;
  code_hash: string;
  expires_at: string;
  tries: Generated<number>;
  created_at: string;
}

/** Requests for codes counted in one window, for a cap (migration 0028); the CHECK keeps `count <= cap`. */
export interface CodeRequestCountTable {
  site_id: string;
  scope: 'verify_phone_minute' | 'verify_phone' | 'verify_address' | 'recover_contact' | 'recover_address';
  key_hash: string;
  window_start: string;
  window_end: string;
  count: number;
  cap: number;
}

/** Which notices an official gets (migration 0028): 1 on, 0 off; no row: all on, by e-mail. */
export interface AccountNotificationSettingsTable {
  account_id: string;
  assigned: Generated<number>;
  due_soon: Generated<number>;
  escalated: Generated<number>;
  /** Told when a citizen sends a message of their unit back (重办; migration 0047). */
  reopened: Generated<number>;
  /** The official's mobile for SMS notices too (sealed with `account:<id>:sms_phone`); null: e-mail only. */
  sms_phone_enc: string | null;
}

/** A photo sent with a message (migration 0029); its bytes are in R2 under `<site_id>/<id>`. */
export interface PhotoTable {
  id: string;
  site_id: string;
  /** Null until a submission names it. */
  message_id: string | null;
  upload_key: string;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp';
  width: number;
  height: number;
  bytes: number;
  /** Hex SHA-256 of the stored bytes. */
  sha256: string;
  is_public: Generated<number>;
  position: Generated<number>;
  created_at: string;
  /** The official who uploaded a reply's photo; null for a citizen's (migration 0032). */
  account_id: string | null;
  /** The reply it was sent with; null for the citizen's own photos. */
  reply_id: string | null;
  /** Hidden by a moderator: when (UTC ISO), the reason code and the moderator's words to the author. */
  hidden_at: string | null;
  hidden_reason: string | null;
  hidden_note: string | null;
  /** The small version, if the client sent one (null: the photo stands in). */
  thumbnail_type: 'image/jpeg' | 'image/png' | 'image/webp' | null;
  thumbnail_width: number | null;
  thumbnail_height: number | null;
  thumbnail_bytes: number | null;
  thumbnail_sha256: string | null;
}
