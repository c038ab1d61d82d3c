import { z } from 'zod';

/**
 * Stable machine codes. Field codes say what is wrong with one field; problem codes say what
 * is wrong with the request as a whole. Clients translate by code; `message` is a courtesy.
 */
export const PublicFieldErrorCodeSchema = z.enum([
  'required', 'too_long', 'too_short', 'invalid', 'invalid_choice', 'invalid_phone', 'invalid_email',
  'consent_required', 'unknown_unit', 'type_not_allowed', 'domain_not_allowed', 'unknown_campaign',
  'campaign_closed', 'campaign_not_started', 'below_minimum', 'above_maximum', 'invalid_characters',
  'date_range_too_long',
  'before_start',
  'date_out_of_range',
  'verification_failed', 'verification_expired',
  'photo_type_not_allowed', 'photo_heic', 'photo_damaged', 'photo_too_large', 'too_many_photos', 'unknown_photo',
  'thumbnail_too_large',
  'banned_words',
  'too_many',
  'too_many_words',
]);
/** Codes only officials' routes give (console, admin, sign-in); their texts stay out of the public widget. */
export const OfficialFieldErrorCodeSchema = z.enum([
  'invalid_code', 'weak_password', 'wrong_password', 'email_taken', 'same_unit', 'unknown_template', 'unknown_account',
  'outside_year', 'duplicate_day', 'range_too_long', 'not_weekend', 'no_national_schedule',
  'same_password',
  'slug_taken',
  'low_contrast',
  'not_a_color',
  'credentials_in_url',
  'not_public_address',
  'not_https',
  'none_chosen',
  'https_required',
  'not_an_origin',
  'duplicate',
  'name_taken', 'own_branch', 'retired_parent', 'active_sub_units', 'drive_needs_unit',
  'title_taken',
]);
export const FieldErrorCodeSchema = z.enum([...PublicFieldErrorCodeSchema.options, ...OfficialFieldErrorCodeSchema.options]);
export type PublicFieldErrorCode = z.infer<typeof PublicFieldErrorCodeSchema>;
export type OfficialFieldErrorCode = z.infer<typeof OfficialFieldErrorCodeSchema>;
export type FieldErrorCode = z.infer<typeof FieldErrorCodeSchema>;

/**
 * Where a generic check would say too little, the issue carries our field code as its message
 * (e.g. `invalid_phone`); the service reports such codes unchanged.
 */
export const withCode = (code: FieldErrorCode) => ({ error: code });

export const ProblemCodeSchema = z.enum([
  'validation', 'not_found', 'site_not_found', 'origin_not_allowed', 'unsupported_media_type',
  'payload_too_large', 'malformed_json', 'idempotency_key_reused', 'conflict', 'internal',
  'unauthenticated', 'forbidden', 'invalid_transition', 'sign_in_failed', 'too_many_attempts',
  'too_many_requests',
  'password_change_required',
  'site_required',
  'already_rated', 'follow_up_limit', 'follow_up_pending', 'new_reply',
  'campaign_has_messages', 'campaign_not_open',
  'invalid_api_key',
  'webhook_limit',
  'webhook_disabled',
  'sms_unavailable',
  'not_resendable',
  'no_recipient',
  'sms_not_sent',
  'method_not_allowed', 'json_too_deep', 'unavailable',
  'captcha_failed', 'captcha_unavailable',
  'changed_since_read',
]);
export type ProblemCode = z.infer<typeof ProblemCodeSchema>;

/**
 * The HTTP status of each problem code: the one place they are paired (RFC 9110 §15 for the
 * meaning of each status). The service answers every problem with its code's status.
 */
export const PROBLEM_STATUS = {
  malformed_json: 400,
  unauthenticated: 401,
  sign_in_failed: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  not_found: 404,
  site_not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  changed_since_read: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation: 422,
  idempotency_key_reused: 422,
  too_many_attempts: 429,
  too_many_requests: 429,
  password_change_required: 403,
  site_required: 409,
  already_rated: 409,
  follow_up_limit: 409,
  follow_up_pending: 409,
  new_reply: 409,
  campaign_has_messages: 409,
  campaign_not_open: 409,
  invalid_api_key: 403,
  webhook_limit: 409,
  webhook_disabled: 409,
  sms_unavailable: 409,
  not_resendable: 409,
  no_recipient: 409,
  sms_not_sent: 502,
  captcha_failed: 422,
  captcha_unavailable: 503,
  internal: 500,
  method_not_allowed: 405,
  json_too_deep: 400,
  unavailable: 503,
} as const satisfies Record<ProblemCode, number>;

export const FieldErrorSchema = z.object({
  field: z.string(),
  code: FieldErrorCodeSchema,
  message: z.string(),
  params: z.object({ min: z.number().optional(), max: z.number().optional(), year: z.number().optional() }).optional()
    .describe('the numbers a translation by code needs, e.g. `max` for too_long'),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** RFC 9457 problem details, the body of every error (`application/problem+json`). */
/** Whose count refused a request with too_many_requests (`Problem.limit`). */
export const RateLimitSchema = z.enum(['client', 'address', 'phone', 'contact', 'site']);
export type RateLimit = z.infer<typeof RateLimitSchema>;

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: ProblemCodeSchema,
  detail: z.string().optional(),
  errors: z.array(FieldErrorSchema).optional(),
  sites: z.array(z.object({ id: z.string(), name: z.string() })).optional()
    .describe('site_required: the sites the credentials are right for; sign in again with one of their ids as `site`'),
  requestId: z.string().optional()
    .describe('5xx: the request id (also the X-Request-Id header) that names the request in the service log'),
  limit: RateLimitSchema.optional()
    .describe('too_many_requests: whose count is full — client (this address, counted at the edge, a minute), address (this address on this site), phone (the phone number given), contact (the phone or e-mail given for a lost code), site (the whole site, a minute); the wait is in Retry-After'),
});
export type Problem = z.infer<typeof ProblemSchema>;
