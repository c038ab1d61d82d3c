import { z } from 'zod';
import {
  DomainSchema, LIMITS, optionalText, requiredText, MessageTypeSchema, ModerationModeSchema, SubmissionLimitsSchema, TimestampSchema, UnitKindSchema, wholeNumber, SEARCH_MAX,
} from './common';
import { HEX_COLOR, readableUnderWhiteText } from '../color';
import { accepting } from './accepting';
import { RoleSchema } from './console';
import { DayValueSchema, withinYears, YEAR_MAX, YEAR_MIN } from './dates';
import { NewPasswordSchema } from './auth';
import { withCode } from './error';
import { UnitRefSchema } from './message';
import { StringOverridesInputSchema, StringOverridesSchema } from './string-overrides';

// Site administration: /v1/admin/... (admins only), and the reply templates every official reads.

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/**
 * A website as an admin typed it, as its origin when it is one: scheme and host as a browser sends
 * them (lower case), a lone "/" after them dropped, and the root's dot after the host
 * (`example.gov.cn.`) — `HTTPS://Example.gov.cn/`, copied from the address bar, is
 * `https://example.gov.cn`. Anything else (a path, a query, a user name, not a string) is left as
 * it came, for `isEmbeddingOrigin` to refuse.
 */
export function typedOrigin(value: unknown): unknown {
  if (typeof value !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\/[^/?#@\s]+\/?$/i.test(value.trim())) return value;
  try {
    const url = new URL(value.trim());
    url.hostname = url.hostname.replace(/\.+$/, '');
    return url.origin;
  } catch {
    return value;
  }
}

/**
 * What is wrong with a website typed as one a page may embed from (after `typedOrigin`), as the
 * field's code, or null when it is one (`isEmbeddingOrigin`): a user name or password is
 * `credentials_in_url`; http:// off this machine `https_required`; anything else (no scheme, another
 * scheme, a path, a query, a fragment, a wildcard host) `not_an_origin`, whose sentence shows the shape.
 */
export function originProblem(value: string): 'credentials_in_url' | 'https_required' | 'not_an_origin' | null {
  if (isEmbeddingOrigin(value)) return null;
  if (!URL.canParse(value) || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'not_an_origin';
  const url = new URL(value);
  if (url.username !== '' || url.password !== '') return 'credentials_in_url';
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) return 'https_required';
  return 'not_an_origin';
}

/** An origin (`typedOrigin`) a page may embed from: https, or http on this machine; refused by `originProblem`'s code. */
export const EmbeddingOriginSchema = accepting<string>()(z.preprocess(typedOrigin, z.string().max(200).superRefine((value, ctx) => {
  const code = originProblem(value);
  if (code) ctx.addIssue({ code: 'custom', message: code });
})));

/**
 * A page origin that may embed the widget: `https://www.county.gov.cn` exactly as a browser sends it
 * in `Origin` (scheme, host, port; no path, no trailing slash). Plain http only for local testing.
 */
export function isEmbeddingOrigin(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.origin !== value) return false;
  // A host a browser can send: labels of letters, digits and hyphens (an IDN as punycode), or an IPv6
  // address. `*.gov.cn` would be saved and never match: there are no wildcards.
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9-]+(\.[a-z0-9-]+)*)$/.test(url.hostname)) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
}

const distinct = (values: readonly unknown[]) => new Set(values).size === values.length;

/** Refuses an item equal to one before it (`duplicate`, on that item: `field.<n>`), so the form marks that row. */
const eachOnce = (values: readonly unknown[], ctx: z.RefinementCtx) => {
  const seen = new Set<unknown>();
  values.forEach((value, i) => {
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [i], message: 'duplicate' });
    seen.add(value);
  });
};

export const ORIGINS_MAX = 50;
export const DEADLINE_DAYS_MAX = 60;
export const FOLLOW_UP_LIMIT_MAX = 10;
export const REMINDER_DAYS_MAX = 30;

/** `GET /v1/admin/site`. */
export const SiteSettingsSchema = z.object({
  id: z.string(),
  name: z.string(),
  locale: z.string(),
  moderation: ModerationModeSchema.describe('pre: nothing public until published; post: public at once, hidden if need be'),
  allowedOrigins: z.array(z.string()).describe('page origins that may embed the widget'),
  types: z.array(MessageTypeSchema),
  domains: z.array(DomainSchema),
  deadlineDays: z.record(MessageTypeSchema, z.number().int()).describe('working days to answer, per message type'),
  titleMin: z.number().int().describe('the shortest title accepted, in characters'),
  bodyMin: z.number().int().describe('the shortest message accepted, in characters'),
  privacyUrl: z.string().nullable().describe('the site’s own privacy notice page, linked from the consent box'),
  privacyText: z.string().nullable().describe('the site’s own privacy notice, shown by the consent box when there is no page'),
  submissionLimits: SubmissionLimitsSchema,
  followUpLimit: z.number().int().describe('how many follow-ups (追问) a citizen may send on one message'),
  reminderDays: z.number().int().describe('the hourly deadline check reminds a message’s unit this many working days before its deadline; 0: never'),
  hostedPages: z.boolean().describe('whether the hosted board /s/{site}/ and its message pages are served (off: 404)'),
  returnUrl: z.string().nullable().describe('the link back to the site’s own website on the hosted pages; null with returnLabel: none'),
  returnLabel: z.string().nullable().describe('the words of that link, e.g. 返回示范县人民政府网'),
  themeColor: z.string().nullable().describe('#rrggbb of the hosted pages’ header and buttons; null: Liuyan’s red'),
  shareImageUrl: z.string().nullable().describe('https address of the image a share card of the hosted pages shows (og:image); null: Liuyan’s'),
  stringOverrides: StringOverridesSchema,
});
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;

/** A page anyone can open: https (http only for local testing, as for origins). */
export function isPublicPageUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
  } catch {
    return false;
  }
}

/**
 * Whether an address carries no user name or password (`https://user:pw@host/`): on a public page
 * it would show them to every reader, and browsers warn or refuse. True for text that is no URL (another check says so).
 */
export function hasNoCredentials(value: string): boolean {
  try {
    const url = new URL(value);
    return url.username === '' && url.password === '';
  } catch {
    return true;
  }
}

const isHttpAddress = (value: string) => URL.canParse(value) && new URL(value).protocol === 'http:';

/**
 * An address the site publishes on its pages: a public page, without credentials. Not an address at
 * all is `invalid`; an http:// one (off this machine) is `https_required`, said as such.
 */
const publicAddress = () => z.string().trim().max(500)
  .refine((value) => isPublicPageUrl(value) || isHttpAddress(value), withCode('invalid'))
  .refine((value) => !isHttpAddress(value) || isPublicPageUrl(value), withCode('https_required'))
  .refine(hasNoCredentials, withCode('credentials_in_url'));

const PRIVACY_TEXT_MAX = 5000;
export const RETURN_LABEL_MAX = 30;


/** `PATCH /v1/admin/site`: only the fields given change; `deadlineDays` changes only the types given. */
export const UpdateSiteInputSchema = z.object({
  name: requiredText(100).optional(),
  moderation: ModerationModeSchema.optional(),
  allowedOrigins: z.array(EmbeddingOriginSchema)
    .max(ORIGINS_MAX)
    .superRefine(eachOnce)
    .optional(),
  types: z.array(MessageTypeSchema).min(1, withCode('required')).refine(distinct, withCode('invalid')).optional(),
  domains: z.array(DomainSchema).min(1, withCode('required')).refine(distinct, withCode('invalid')).optional(),
  deadlineDays: z.partialRecord(MessageTypeSchema, z.number().int().min(1).max(DEADLINE_DAYS_MAX)).optional(),
  titleMin: z.number().int().min(1).max(LIMITS.titleMax).optional(),
  bodyMin: z.number().int().min(1).max(500).optional(),
  privacyUrl: publicAddress().nullable().optional().describe('null: no page of its own'),
  privacyText: optionalText(PRIVACY_TEXT_MAX, { multiline: true }).nullable().optional().describe('null or empty: the notice Liuyan ships'),
  submissionLimits: SubmissionLimitsSchema.partial().optional().describe('only the limits given change'),
  followUpLimit: z.number().int().min(0).max(FOLLOW_UP_LIMIT_MAX).optional().describe('0: no follow-ups'),
  reminderDays: z.number().int().min(0).max(REMINDER_DAYS_MAX).optional(),
  hostedPages: z.boolean().optional(),
  returnUrl: publicAddress().nullable().optional().describe('given with returnLabel; null with it: no link'),
  returnLabel: requiredText(RETURN_LABEL_MAX).nullable().optional().describe('given with returnUrl'),
  themeColor: z.string().trim().regex(HEX_COLOR, withCode('not_a_color'))
    .refine(readableUnderWhiteText, withCode('low_contrast'))
    .transform((color) => color.toLowerCase())
    .nullable().optional().describe('#rrggbb, dark enough for white text on it (4.5:1); null: Liuyan’s red'),
  shareImageUrl: publicAddress().nullable().optional()
    .describe('https address of a PNG or JPEG of at least 300×300 pixels (WeChat’s share card); null: Liuyan’s image'),
  stringOverrides: StringOverridesInputSchema.optional(),
}).superRefine((input, ctx) => {
  // The link's address and words are set together: a half link cannot be shown.
  if (input.returnUrl === undefined && input.returnLabel === undefined) return;
  if ((input.returnUrl ?? null) === null && (input.returnLabel ?? null) === null) return;
  for (const field of ['returnUrl', 'returnLabel'] as const) {
    if ((input[field] ?? null) === null) ctx.addIssue({ code: 'custom', path: [field], message: 'required' });
  }
});
export type UpdateSiteInput = z.input<typeof UpdateSiteInputSchema>;

export { isCalendarDay } from './dates';

export const CalendarDayKindSchema = z.enum(['holiday', 'workday']).describe('holiday: a day off; workday: a weekend day worked instead (调休)');

/** One exception to the weekday rule. */
export const CalendarDaySchema = z.object({
  day: z.string().describe('YYYY-MM-DD'),
  kind: CalendarDayKindSchema,
  name: z.string().nullable().describe('e.g. 国庆节, 国庆节调休'),
});
export type CalendarDay = z.infer<typeof CalendarDaySchema>;

export const CalendarQuerySchema = z.object({
  year: z.string().regex(/^\d{4}$/, withCode('invalid')).transform(Number).pipe(z.number().int().min(YEAR_MIN).max(YEAR_MAX)),
});
export type CalendarQuery = z.input<typeof CalendarQuerySchema>;

/** `PUT /v1/admin/calendar`: the year's holidays and make-up working days, all of them (replaces the year). */
export const CalendarInputSchema = z.object({
  year: z.number().int().min(YEAR_MIN).max(YEAR_MAX),
  days: z.array(z.object({
    day: withinYears(DayValueSchema),
    kind: CalendarDayKindSchema,
    name: optionalText(50).nullable().optional(),
  })).max(366),
});
export type CalendarInput = z.input<typeof CalendarInputSchema>;

/** The most days off one period may hold (the longest national one, 春节, is 9). */
export const CALENDAR_PERIOD_DAYS_MAX = 31;
/** The most make-up working days (调休上班) one period may name (national periods have at most 2). */
export const CALENDAR_PERIOD_WORKDAYS_MAX = 4;
const CalendarDayValueSchema = withinYears(DayValueSchema).describe('YYYY-MM-DD');

/**
 * `POST /v1/admin/calendar/periods`: one holiday (春节, 国庆节 …) added to what the site has: the days
 * off `from`–`to` (both included; `to` absent: one day) and its make-up working days, all under its
 * name. Days already in the calendar on those dates take the new kind and name; nothing else changes.
 * Either days off or a make-up working day must be given; a make-up day falls on a weekend.
 */
export const CalendarPeriodInputSchema = z.object({
  name: requiredText(50),
  from: CalendarDayValueSchema.optional().describe('first day off'),
  to: CalendarDayValueSchema.optional().describe('last day off; absent: the same as `from`'),
  workdays: z.array(CalendarDayValueSchema).max(CALENDAR_PERIOD_WORKDAYS_MAX).default([]).describe('weekend days worked instead (调休上班)'),
});
export type CalendarPeriodInput = z.input<typeof CalendarPeriodInputSchema>;

/**
 * `POST /v1/admin/calendar/removals`: days taken out of the calendar (a holiday the console removes:
 * the days it showed), all of `year`. Every other day stays, a day added since by another admin
 * too; a day not there is no error, so removing twice changes nothing.
 */
export const CalendarRemovalInputSchema = z.object({
  year: z.number().int().min(YEAR_MIN).max(YEAR_MAX),
  days: z.array(CalendarDayValueSchema).min(1).max(366),
});
export type CalendarRemovalInput = z.input<typeof CalendarRemovalInputSchema>;

/** `POST /v1/admin/calendar/import`: the national holidays and make-up working days of a year, as published. */
export const CalendarImportInputSchema = z.object({ year: z.number().int().min(YEAR_MIN).max(YEAR_MAX) });
export type CalendarImportInput = z.input<typeof CalendarImportInputSchema>;

/** A unit as admins manage it: flat, inactive ones included. */
export const AdminUnitSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: UnitKindSchema,
  parentId: z.string().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean().describe('inactive units take no new messages and leave the widget'),
});
export type AdminUnit = z.infer<typeof AdminUnitSchema>;

const UNIT_NAME_MAX = 50;
const SortOrderSchema = z.number().int().min(0).max(10_000);

export const CreateUnitInputSchema = z.object({
  name: requiredText(UNIT_NAME_MAX).meta({ examples: ['示范县水利局'] }),
  kind: UnitKindSchema,
  parentId: z.string().min(1).max(64).nullable().optional().describe('null or absent: a top-level unit'),
  sortOrder: SortOrderSchema.optional(),
});
export type CreateUnitInput = z.input<typeof CreateUnitInputSchema>;

export const UpdateUnitInputSchema = z.object({
  name: requiredText(UNIT_NAME_MAX).optional(),
  parentId: z.string().min(1).max(64).nullable().optional().describe('null: move to the top level'),
  sortOrder: SortOrderSchema.optional(),
  active: z.boolean().optional(),
});
export type UpdateUnitInput = z.input<typeof UpdateUnitInputSchema>;

/** The most units one page of `GET /v1/admin/units` holds; `limit` is at most this. */
export const ADMIN_UNIT_PAGE_MAX = 200;
/** The most ids `GET /v1/admin/units?ids=` names at once. */
export const ADMIN_UNIT_IDS_MAX = 100;

/**
 * `GET /v1/admin/units`: one level of the tree (`parent`; the top level without it) a page at a time,
 * a search by name (`q`: Chinese, pinyin initials or full pinyin, as the public search), or the
 * units named by `ids` — never the whole tree (a national site has ~90,000 units).
 */
export const AdminUnitListQuerySchema = z.object({
  parent: z.string().min(1).max(64).optional().describe('the unit whose children to list; absent: the top level'),
  q: requiredText(SEARCH_MAX).optional()
    .describe('units whose name contains this text, or whose pinyin does (initials jyj or full jiaoyu), retired ones too, best matches first, at most 20').meta({ examples: ['教育局'] }),
  ids: z.string().max(ADMIN_UNIT_IDS_MAX * 65).optional()
    .describe(`comma-separated unit ids (at most ${ADMIN_UNIT_IDS_MAX}): those units, for naming what an account or a drive holds; unknown ids are left out`),
  cursor: z.string().max(80).optional().describe('the `nextCursor` of the page before (a level only)'),
  limit: wholeNumber(1, ADMIN_UNIT_PAGE_MAX).default(100).describe(`units per page of a level, at most ${ADMIN_UNIT_PAGE_MAX}`),
}).refine((query) => [query.parent, query.q, query.ids].filter((v) => v !== undefined).length <= 1, { path: ['q'], message: 'invalid' });
export type AdminUnitListQuery = z.input<typeof AdminUnitListQuerySchema>;

/** A unit as the admin pages browse it: the unit, whether it has units below it, and the units above it. */
export const AdminUnitItemSchema = AdminUnitSchema.extend({
  hasChildren: z.boolean().describe('whether it has units below it, retired ones included (?parent=<id> lists them)'),
  ancestors: z.array(UnitRefSchema).describe('the units above it, from the top level down; [] at the top'),
});
export type AdminUnitItem = z.infer<typeof AdminUnitItemSchema>;

export const AdminUnitPageSchema = z.object({
  items: z.array(AdminUnitItemSchema).describe('a level in the site’s order (sort order, then id); search results best match first'),
  nextCursor: z.string().nullable().describe('where the level goes on; null at its end, and for a search or ids'),
});
export type AdminUnitPage = z.infer<typeof AdminUnitPageSchema>;

export const AdminIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

/** An official's account as admins see it: never a password or second-factor secret. */
export const AccountSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  unitIds: z.array(z.string()).describe('units a responder answers for (their sub-units included)'),
  disabled: z.boolean(),
  totpEnabled: z.boolean(),
  createdAt: TimestampSchema,
  mustChangePassword: z.boolean().describe('its password was set by an admin and must be changed at the next sign-in'),
});
export type Account = z.infer<typeof AccountSchema>;

/** `POST /v1/admin/accounts/:id/password-reset`: the temporary password, shown this once and never stored in clear. */
export const PasswordResetSchema = z.object({
  account: AccountSchema,
  temporaryPassword: z.string().describe('16 letters and digits in groups of four; the official must change it at the next sign-in'),
});
export type PasswordReset = z.infer<typeof PasswordResetSchema>;

const DISPLAY_NAME_MAX = 50;
const UnitIdsSchema = z.array(z.string().min(1).max(64)).max(50).refine(distinct, withCode('invalid'));

export const CreateAccountInputSchema = z.object({
  email: z.string().trim().max(LIMITS.emailMax).transform((value) => value.normalize('NFKC')).pipe(z.email(withCode('invalid_email'))),
  displayName: requiredText(DISPLAY_NAME_MAX),
  role: RoleSchema,
  unitIds: UnitIdsSchema.default([]).describe('required (one or more) for responders'),
  password: NewPasswordSchema.describe('at least 12 characters, 6 of them different, not the email'),
}).refine((input) => input.role !== 'responder' || (Array.isArray(input.unitIds) && input.unitIds.length > 0), {
  ...withCode('required'),
  path: ['unitIds'],
  // Checked even when another field is wrong (not when the body is no object at all), so every
  // problem of the form is said at once.
  when: ({ value }) => typeof value === 'object' && value !== null && !Array.isArray(value),
});
export type CreateAccountInput = z.input<typeof CreateAccountInputSchema>;

/**
 * Changing role, units, disabled, password or the second factor signs the account out everywhere.
 * A password set here is the admin's, so the official must change it at the next sign-in.
 */
export const UpdateAccountInputSchema = z.object({
  displayName: requiredText(DISPLAY_NAME_MAX).optional(),
  role: RoleSchema.optional(),
  unitIds: UnitIdsSchema.optional(),
  disabled: z.boolean().optional(),
  password: NewPasswordSchema.optional(),
  resetSecondFactor: z.literal(true).optional()
    .describe('turns the account’s authenticator off (an official who lost the phone signs in with the password, then enrols again)'),
});
export type UpdateAccountInput = z.input<typeof UpdateAccountInputSchema>;

export const ReplyTemplateSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
});
export type ReplyTemplate = z.infer<typeof ReplyTemplateSchema>;

const TEMPLATE_TITLE_MAX = 50;

export const CreateReplyTemplateInputSchema = z.object({
  title: requiredText(TEMPLATE_TITLE_MAX),
  body: requiredText(LIMITS.bodyMax, { multiline: true }),
});
export type CreateReplyTemplateInput = z.input<typeof CreateReplyTemplateInputSchema>;

export const UpdateReplyTemplateInputSchema = CreateReplyTemplateInputSchema.partial();
export type UpdateReplyTemplateInput = z.input<typeof UpdateReplyTemplateInputSchema>;

/** `GET /v1/console/export.csv` query: days are the site's local days, both included. */
export const ExportQuerySchema = z.object({
  from: DayValueSchema.optional().describe('YYYY-MM-DD, first day included'),
  to: DayValueSchema.optional().describe('YYYY-MM-DD, last day included'),
  contact: z.enum(['0', '1']).optional().describe('1: add name, phone and email (audited)'),
  lang: z.enum(['zh-CN', 'zh-TW', 'en']).optional().describe('language of the header and of the labels (状态, 类型 …); else Accept-Language'),
});
export type ExportQuery = z.input<typeof ExportQuerySchema>;
