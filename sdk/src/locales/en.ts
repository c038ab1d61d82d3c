import type { OfficialFieldMessages, ProblemTitles, PublicFieldMessages } from '../error-messages';

export const enFieldMessages: PublicFieldMessages = {
  fields: {
    $: 'request body', author: 'contact details',
    unitId: 'recipient', type: 'message type', domain: 'domain', campaign: 'campaign', title: 'title', body: 'message',
    region: 'region', 'author.name': 'name', 'author.phone': 'phone', 'author.email': 'email',
    'author.displayAs': 'display name', isPublic: 'visibility', consent: 'privacy notice', trackingCode: 'tracking code',
    'idempotency-key': 'submission key', q: 'search', unit: 'unit', status: 'status', cursor: 'page position', limit: 'page size',
    supporter: 'supporter token',
  },
  choices: ['unitId', 'type', 'domain', 'campaign', 'author.displayAs', 'isPublic', 'status'],
  choose: (l) => `Please choose the ${l}`,
  fieldErrors: {
    required: (l) => `Please enter the ${l}`,
    too_long: (l, p) => `The ${l} must be at most ${p.max} characters`,
    too_short: (l, p) => `The ${l} must be at least ${p.min} characters`,
    invalid: (l) => `The ${l} is not valid`,
    invalid_choice: (l) => `Please choose a valid ${l}`,
    invalid_phone: () => 'Please enter a valid mobile number, or a landline with its area code',
    invalid_email: () => 'Please enter a valid email address',
    consent_required: () => 'Please read and accept the privacy notice',
    unknown_unit: () => 'That recipient does not exist; please choose again',
    type_not_allowed: () => 'This type of message is not accepted here',
    domain_not_allowed: () => 'Messages in this domain are not accepted here',
    unknown_campaign: () => 'No such campaign',
    campaign_closed: () => 'This campaign has ended and no longer accepts messages',
    below_minimum: (l, p) => `The ${l} must be at least ${p.min}`,
    above_maximum: (l, p) => `The ${l} must be at most ${p.max}`,
    invalid_characters: (l) => `The ${l} contains characters that cannot be shown or are not allowed (such as control or text-direction characters); please remove them`,
  },
};

/** Field names and errors only officials' routes give (console, admin, sign-in). */
export const enOfficialFieldMessages: OfficialFieldMessages = {
  fields: {
    email: 'email', password: 'password', code: 'one-time code', reason: 'reason', note: 'note', kind: 'kind',
    templateId: 'reply template', days: 'days of extension', displayName: 'name', role: 'role', unitIds: 'units', name: 'name',
    allowedOrigins: 'allowed websites', moderation: 'moderation mode', types: 'message types', domains: 'domains', deadlineDays: 'deadlines',
    year: 'year', day: 'date', parentId: 'parent unit', sortOrder: 'order', active: 'active', disabled: 'disabled', from: 'start date',
    to: 'end date', contact: 'contact details', titleMin: 'shortest title', bodyMin: 'shortest message', privacyUrl: 'privacy notice address',
    privacyText: 'privacy notice', submissionLimits: 'submission limits', perAddressHour: 'per network address per hour',
    perPhoneDay: 'per phone number per day', perSiteMinute: 'for the whole site per minute', site: 'site', tab: 'tab',
    dueWithinDays: 'days until due',
  },
  choices: ['reason', 'kind', 'templateId', 'role', 'unitIds', 'moderation', 'types', 'domains', 'parentId'],
  fieldErrors: {
    invalid_code: () => 'The one-time code is wrong or was already used; enter the next code from your authenticator',
    wrong_password: () => 'The password is not right',
    weak_password: () => 'The password must have at least 12 characters and differ from the email',
    email_taken: () => 'An account with this email already exists',
    same_unit: () => 'The message is already with this unit; choose another',
    unknown_template: () => 'No such reply template',
    unknown_account: () => 'No such account',
  },
};

export const enProblemTitles: ProblemTitles = {
  validation: 'Please check the form',
  not_found: 'Not found',
  site_not_found: 'No such site',
  origin_not_allowed: 'This website may not submit messages',
  unsupported_media_type: 'Only JSON requests are accepted',
  payload_too_large: 'The request is too large',
  malformed_json: 'The request is not valid JSON',
  idempotency_key_reused: 'This submission key was already used for different content',
  conflict: 'Conflicting change; please reload and try again',
  internal: 'The service is unavailable; please try again later',
  unauthenticated: 'Please sign in',
  forbidden: 'You may not do this',
  invalid_transition: 'The message is not in a state that allows this',
  sign_in_failed: 'Wrong email, password or authenticator code',
  too_many_attempts: 'Too many attempts; please try again later',
  site_required: 'This account is on several sites: choose the one to sign in to',
  too_many_requests: 'Too many requests in a short time; please try again later',
};
