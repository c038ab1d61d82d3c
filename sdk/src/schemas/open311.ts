import { z } from 'zod';
import { isCalendarDay } from './dates';
import { wholeNumber } from './common';
import { withCode } from './error';

// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) under /open311/v2/{site}/: the
// shapes of its JSON answers (the XML carries the same, see worker/src/lib/open311-format.ts), and
// the inputs the service checks. Names are the spec's (snake_case), not this API's.

/** Most request ids one `service_request_id` filter may list (D1 binds at most 100 values). */
export const OPEN311_IDS_MAX = 50;
/** The spec's widest `start_date`–`end_date` window. */
export const OPEN311_RANGE_DAYS_MAX = 90;
/** Pages are offsets: the caps keep the deepest page's walk to 5,000 rows. */
export const OPEN311_PAGE_SIZE_MAX = 100;
export const OPEN311_PAGES_MAX = 50;

/** W3C date-time (ISO 8601): `2026-11-01`, `2026-11-01T08:00:00+08:00`, `…Z`; without an offset, China time. */
export const OPEN311_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2}(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

// A day the calendar has: `2026-02-30` is refused, never rolled over into March.
const dateTime = z.string().max(40).regex(OPEN311_DATE_TIME, withCode('invalid'))
  .refine((value) => isCalendarDay(OPEN311_DATE_TIME.exec(value)?.[1] ?? ''), withCode('invalid'));

export const Open311ErrorSchema = z.array(z.object({
  code: z.number().int().describe('the HTTP status'),
  description: z.string().describe('what is wrong, in the language of Accept-Language (Chinese by default); for a field, `param: message`'),
}));

export const Open311DiscoverySchema = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(z.object({
    specification: z.string(), url: z.string(), changeset: z.string(), type: z.enum(['production', 'test']), formats: z.array(z.string()),
  })),
});

export const Open311ServiceSchema = z.object({
  service_code: z.string().describe('`{type}.{domain}`, e.g. `complaint.transport`'),
  service_name: z.string().describe('in Chinese, e.g. 交通投诉'),
  description: z.string(),
  metadata: z.boolean().describe('always true: the definition names the unit to write to'),
  type: z.enum(['realtime', 'batch', 'blackbox']).describe('batch: a request gets its id once moderators publish it'),
  keywords: z.string(),
  group: z.string().describe('the domain, in Chinese'),
});

export const Open311ServiceDefinitionSchema = z.object({
  service_code: z.string(),
  attributes: z.array(z.object({
    variable: z.boolean(),
    code: z.string(),
    datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
    required: z.boolean(),
    datatype_description: z.string().nullable(),
    order: z.number().int(),
    description: z.string(),
    values: z.array(z.object({ key: z.string(), name: z.string() })),
  })),
});

export const Open311NoteSchema = z.object({
  datetime: z.string(),
  type: z.string().describe('the timeline event: submitted, published, accepted, transferred, replied, extended, closed …'),
  summary: z.string().describe('its name in Chinese'),
  description: z.string().nullable().describe('a reply’s text, or the public note of a transfer or extension'),
});

export const Open311RequestSchema = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']).describe('closed once answered (已办理: a final reply, or 已办结)'),
  status_notes: z.string().nullable().describe('the latest public reply'),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string(),
  agency_responsible: z.string().describe('the unit that answered last, or the unit it is addressed to'),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().describe('the deadline'),
  address: z.string().describe('the region the citizen gave'),
  notes: z.array(Open311NoteSchema).optional().describe('the public timeline (one request only)'),
  extended_attributes: z.object({
    type: z.string(), domain: z.string(), title: z.string(), display_name: z.string(),
    rating: z.number().int().nullable().describe('the latest overall rating, 1–5'),
    adopted: z.boolean(), adoption_note: z.string().nullable(),
  }).optional().describe('with `extensions=true`'),
});

/** Most service codes one `service_code` filter may list (a site has a few types × a dozen domains). */
export const OPEN311_SERVICES_MAX = 20;

/**
 * A parameter the spec lets a client "declare multiple times, comma delimited": `a,b`, or the
 * parameter repeated (`?status=open&status=closed`, which arrives as a list), read as one
 * comma-separated string.
 */
const commaList = (max: number) => z.preprocess((value) => (Array.isArray(value) ? value.join(',') : value), z.string().max(max));

export const Open311RequestsQuerySchema = z.object({
  service_request_id: z.string().max(OPEN311_IDS_MAX * 40).optional().describe(`comma-separated ids, at most ${OPEN311_IDS_MAX}`),
  service_code: commaList(80 * OPEN311_SERVICES_MAX).optional().describe(`one or more service codes, comma-separated or the parameter repeated (the spec's "declared multiple times"), at most ${OPEN311_SERVICES_MAX}`),
  start_date: dateTime.optional().describe('requested on or after (W3C date-time)'),
  end_date: dateTime.optional().describe(`requested before; a date alone (China time) includes that day; at most ${OPEN311_RANGE_DAYS_MAX} days after start_date`),
  status: commaList(200).optional().describe('`open`, `closed`, or both (comma-separated or repeated)'),
  updated_after: dateTime.optional().describe('extension: changed after'),
  page: wholeNumber(1, OPEN311_PAGES_MAX).default(1).describe('extension'),
  page_size: wholeNumber(1, OPEN311_PAGE_SIZE_MAX).default(50).describe('extension'),
  extensions: z.enum(['true', 'false']).optional().describe('`true` adds extended_attributes'),
  jurisdiction_id: z.string().max(64).optional().describe('ignored: the site is in the path'),
});

export const Open311ExtensionsQuerySchema = Open311RequestsQuerySchema.pick({ extensions: true, jurisdiction_id: true });

/** `POST requests`: the spec's form fields, `application/x-www-form-urlencoded`. */
export const Open311CreateRequestFormSchema = z.object({
  api_key: z.string().min(1).max(100).describe('the site’s integration key, checked first (403 without a live one); in the form, never the address: a key in a URL is kept in logs, and one in the query string is not read'),
  service_code: z.string().min(1).max(80),
  description: z.string().max(10_000).describe('the message'),
  address_string: z.string().max(200).describe('the region (所在地区)'),
  first_name: z.string().max(50).optional(),
  last_name: z.string().max(50).optional().describe('the surname; name = last_name + first_name'),
  phone: z.string().max(50).optional(),
  email: z.string().max(254).optional(),
  'attribute[unit]': z.string().max(64).optional().describe('the unit (leader or department), from the service definition'),
  'attribute[title]': z.string().max(200).optional().describe('the title; by default the description’s beginning'),
  // A singlevaluelist takes its keys only: anything else (FALSE, 0, no) is refused, never read as the default.
  'attribute[public]': z.enum(['true', 'false']).optional().describe('`false`: the message is never published; `true` or absent: published after moderation (the service definition’s keys only)'),
  'attribute[consent]': z.enum(['true', 'false']).optional().describe('`true`: the citizen agreed to the privacy notice (required)'),
  lat: z.string().max(40).optional(), long: z.string().max(40).optional(), address_id: z.string().max(100).optional(),
  device_id: z.string().max(100).optional(), account_id: z.string().max(100).optional(), media_url: z.string().max(2000).optional(),
  jurisdiction_id: z.string().max(64).optional(),
}).describe('unknown fields are ignored');

export const Open311CreatedSchema = z.array(z.object({
  token: z.string().describe('GET tokens/{token} gives the request id once the message is public'),
  service_request_id: z.string().nullable().describe('set at once when the site publishes without moderation'),
  service_notice: z.string(),
  account_id: z.string().nullable(),
  expected_datetime: z.string().describe('extension: the deadline'),
  tracking_code: z.string().describe('extension: the citizen’s private 查询码, shown this once; give it to them only'),
}));

export const Open311TokenSchema = z.array(z.object({
  service_request_id: z.string().nullable().describe('null while the message is not public (and always for a private one)'),
  token: z.string(),
}));
