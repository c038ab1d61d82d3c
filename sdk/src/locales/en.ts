import type { FieldMessages, ProblemTitles } from '../error-messages';

export const enFieldMessages: FieldMessages = {
  fields: {
    $: 'request body', author: 'contact details',
    unitId: 'recipient', type: 'message type', domain: 'domain', campaign: 'campaign', title: 'title', body: 'message',
    region: 'region', 'author.name': 'name', 'author.phone': 'phone', 'author.email': 'email',
    'author.displayAs': 'display name', isPublic: 'visibility', consent: 'privacy notice', trackingCode: 'tracking code',
    'idempotency-key': 'submission key',
  },
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
};
