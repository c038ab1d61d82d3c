import type { PublicFieldSentences } from '../error-messages';
import { LIMITS } from '../limits';

// Apart from the field names (en.ts) so that <liuyan-form> fetches them once the citizen is
// writing, not with its first paint (error-messages.ts, FieldSentences); the service and the console
// read both (locales/index.ts).

/** The sentences of the public field errors in English (names in en.ts): `(label, params) => sentence`. */
export const enFieldSentences: PublicFieldSentences = {
  choices: ['unitId', 'type', 'domain', 'campaign', 'author.displayAs', 'isPublic', 'status', 'overall', 'resolution', 'attitude', 'speed', 'reason'],
  choose: (l) => `Please choose the ${l}`,
  fieldErrors: {
    required: (l) => `Please enter the ${l}`,
    too_long: (l, p) => `The ${l} must be at most ${p.max} characters`,
    too_short: (l, p) => `The ${l} must be at least ${p.min} characters`,
    invalid: (l) => `The ${l} is not valid`,
    invalid_choice: (l) => `Please choose a valid ${l}`,
    invalid_phone: () => 'Please enter a valid mobile number, or a landline with its area code; outside mainland China, start with + and the country code, such as +852',
    invalid_email: () => 'Please enter a valid email address',
    consent_required: () => 'Please read and accept the privacy notice',
    unknown_unit: (l) => `That ${l} is no longer available, or does not exist; please choose again`,
    type_not_allowed: () => 'This type of message is not accepted here',
    domain_not_allowed: () => 'Messages in this domain are not accepted here',
    unknown_campaign: () => 'No such campaign',
    campaign_closed: () => 'This campaign has ended and no longer accepts messages',
    campaign_not_started: () => 'This campaign has not opened yet: please write once it has',
    below_minimum: (l, p) => `The ${l} must be at least ${p.min}`,
    above_maximum: (l, p) => `The ${l} must be at most ${p.max}`,
    invalid_characters: (l) => `The ${l} contains characters that cannot be shown or are not allowed (such as control or text-direction characters); please remove them`,
    date_range_too_long: (_, p) => `The start and end dates may be at most ${p.max ?? ''} days apart`,
    before_start: () => 'The end date cannot be before the start date',
    date_out_of_range: (l, p) => `The ${l} must fall between the years ${p.min} and ${p.max}`,
    verification_failed: () => 'The code is not right; check the 6 digits in the SMS',
    photo_type_not_allowed: () => 'This file is not a photo: only JPEG, PNG and WebP images are accepted',
    photo_heic: () => 'HEIC photos are not accepted yet: choose "Most Compatible" in the camera settings, or send a screenshot',
    photo_damaged: () => 'The photo is incomplete or damaged (perhaps not fully sent); please choose it again',
    photo_too_large: (_, p) => `The photo is too large: at most ${Number(p.max) >= 1048576 ? `${Math.round(Number(p.max) / 1048576)} MB` : `${Math.round(Number(p.max) / 1024)} KB`} each`,
    too_many_photos: (_, p) => `At most ${p.max ?? LIMITS.photosMax} photos`,
    unknown_photo: () => 'A photo was not uploaded or has expired; please add it again',
    thumbnail_too_large: (_, p) => `The thumbnail is too large: at most ${p.max} pixels on its long edge`,
    verification_expired: () => 'The code has expired; ask for a new one',
    banned_words: (l) => `The ${l} holds words this site does not accept; please change it and send again`,
    too_many: (l, p) => `The ${l} may hold at most ${p.max} entries`,
    too_many_words: () => `A search looks for at most ${LIMITS.searchWordsMax} words; please use fewer`,
  },
};
