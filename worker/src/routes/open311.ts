// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) for each site, under
// /open311/v2/{site}/: discovery, services, a service's definition, requests (read and post) and
// tokens, each as `.json` and `.xml`. Only published public messages are ever read here, never a
// contact field; a POST goes through the submission path of the JSON API (`storeSubmission`).
import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { LIMITS } from '../../../sdk/src/schemas/common';
import type { Problem } from '../../../sdk/src/schemas/error';
import {
  OPEN311_IDS_MAX, OPEN311_RANGE_DAYS_MAX, OPEN311_SERVICES_MAX, Open311CreatedSchema, Open311CreateRequestFormSchema, Open311DiscoverySchema,
  Open311ErrorSchema, Open311ExtensionsQuerySchema, Open311RequestSchema, Open311RequestsQuerySchema, Open311ServiceDefinitionSchema,
  Open311ServiceSchema, Open311TokenSchema, OPEN311_DATE_TIME,
} from '../../../sdk/src/schemas/open311';
import { zhCNKindLabels } from '../../../sdk/src/locales/labels.zh-cn';
import { newRouteGroup, type ValidationHook } from '../app';
import { findLiveIntegrationKey, markKeyUsed } from '../db/integration-keys';
import { keyedHash } from '../lib/crypto';
import { publicMessageView } from '../db/message-views';
import { messageOfToken, open311Notes, open311Requests, parseServiceCode, serviceCode, serviceName, type RequestFilter } from '../db/open311';
import { activeUnitQuery, activeUnitsIfFew, type Site } from '../db/sites';
import { rowsOf, type SiteDatabase } from '../db/client';
import { bannedWordProblems } from '../protection/screening';
import { DEFAULT_PROTECTION, protectionQuery } from '../protection/store';
import { loadSite } from '../middleware/site-scope';
import type { AppEnv } from '../env';
import { ApiError, fieldProblemsOf, handleError, notFound, problemOf, validationError, type FieldProblem } from '../errors';
import { FORM_MAX_BYTES, isUtf8ContentType, refuseMalformedForm } from '../middleware/json-body';
import { formatOfPath, OPEN311_FORMATS, open311Response, type Open311Format, type Open311Value } from '../lib/open311-format';
import { publicCache } from '../middleware/public-cache';
import { visibleLength } from '../../../sdk/src/text';
import { localeFromAcceptLanguage, type Locale } from '../../../sdk/src/error-messages';
import { open311Notices } from '../../../sdk/src/locales';
import { tooManyText } from '../hosted/write-form';
import { siteRuleProblems, SubmissionSchema, storeSubmission, type SubmitInput } from './messages';
import { notModified, RETRY_AFTER, SiteParamsSchema } from './openapi-common';

export const open311 = newRouteGroup();

const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When the list of services, or what this service answers, last changed (discovery's changeset). */
const CHANGESET = '2026-11-30T00:00:00+08:00';
const DAY_MS = 86_400_000;
/** How long an identical POST without an Idempotency-Key, from the same key, is taken for a retry. */
const OPEN311_SAME_POST_MS = 15 * 60_000;

/** The spec's parameter behind each field of the submission, to name it in an error. */
const OPEN311_PARAM: Record<string, string> = {
  unitId: 'attribute[unit]', title: 'attribute[title]', body: 'description', region: 'address_string', 'author.name': 'last_name',
  'author.phone': 'phone', 'author.email': 'email', isPublic: 'attribute[public]', consent: 'attribute[consent]',
  type: 'service_code', domain: 'service_code', 'idempotency-key': 'Idempotency-Key',
  // A path's `{name}.json|xml` whose ending is missing or another: what is wrong is its format.
  file: 'format',
};

/**
 * Errors in the spec's shape, `[{code, description}]` (XML `<errors><error>…`), in the form the path
 * asks for; `code` is the HTTP status. Input the service cannot take is 400, as the spec has it (the
 * JSON API's 422); every other status is the JSON API's. A field is named by its Open311 parameter.
 */
export async function open311Error(err: Error, c: Context<AppEnv>): Promise<Response> {
  // Anything not ours is logged and classified once, by the service's own handler.
  const error = err instanceof ApiError ? err : new ApiError((await handleError(err, c).json<Problem>()).code);
  const problem = problemOf(error, c.req.header('Accept-Language'), 'open311');
  c.set('problem', error.code);
  const status = error.status === 422 ? 400 : error.status;
  const site = c.get('site') as Site | undefined;
  const errors = problem.errors?.length
    ? problem.errors.map((e) => ({ code: status, description: `${OPEN311_PARAM[e.field] ?? e.field}: ${e.message}` }))
    // A cap says whose count is full and when to try again, as the site's own form says it: a hotline's
    // operator must tell one citizen's phone done for the day from the whole relay going too fast.
    : error.code === 'too_many_requests' && site
      ? [{ code: status, description: tooManyText(localeFromAcceptLanguage(c.req.header('Accept-Language')), site, Number(c.res.headers.get('Retry-After')) || 60, error.extensions.limit) }]
      : [{ code: status, description: problem.title }];
  c.header('Cache-Control', 'no-store');
  return open311Response(c, formatOfPath(c.req.path), 'errors', errors, status);
}
open311.onError(open311Error);

/**
 * Loads the site. GETs are public data any page may read (CORS `*`); a POST carries an integration
 * key, which belongs on a server, so no page is let read its answer. A POST's body is a form
 * (`application/x-www-form-urlencoded`, or `multipart/form-data`), at most MAX_BODY_BYTES, whose
 * `api_key` is checked before its fields (403 invalid_api_key, in the spec's shape).
 */
function open311Site(): MiddlewareHandler<AppEnv> {
  return async function open311Site(c, next) {
    if (!(await loadSite(c))) throw new ApiError('site_not_found');
    if (c.req.method !== 'POST') {
      c.header('Access-Control-Allow-Origin', '*');
      return next();
    }
    // A form in UTF-8 (the spec's only encoding): in another charset its text would be read garbled.
    if (!isUtf8ContentType(c.req.header('Content-Type'), ['application/x-www-form-urlencoded', 'multipart/form-data'])) {
      throw new ApiError('unsupported_media_type');
    }
    const limit = bodyLimit({
      maxSize: FORM_MAX_BYTES,
      onError: () => {
        throw new ApiError('payload_too_large');
      },
    });
    return limit(c, async () => {
      if (/^\s*application\/x-www-form-urlencoded/i.test(c.req.header('Content-Type') ?? '')) refuseMalformedForm(await c.req.text());
      // The key before anything else: whoever has none learns nothing of what the fields must be.
      const apiKey = (await c.req.formData().catch(() => null))?.get('api_key');
      const integration = await findLiveIntegrationKey(c.get('db'), c.env.HASH_KEY, c.get('site').id, typeof apiKey === 'string' ? apiKey : '');
      if (!integration) throw new ApiError('invalid_api_key');
      c.set('integration', integration);
      await next();
    });
  };
}

open311.use('/open311/v2/:site/*', open311Site());
open311.use('/open311/v2/:site/*', publicCache());

const errorResponses = Object.fromEntries(([
  [400, 'a parameter the service cannot take (each named, with why)'],
  [403, 'no live api_key for this site (POST)'],
  [404, 'no such site, service, request or token'],
  [413, 'the form is too large'],
  [415, 'a POST that is not a form'],
  [429, 'too many submissions from this client, for this phone, or on this site; wait the seconds in Retry-After'],
  [500, 'the service could not answer'],
] as const).map(([status, description]) => [status, {
  description,
  content: { 'application/json': { schema: Open311ErrorSchema }, 'text/xml': { schema: z.string().describe('<errors><error><code/><description/></error></errors>') } },
  ...(status === 429 ? { headers: RETRY_AFTER } : {}),
}]));

/** The answer in both forms, for the document. */
const answers = (status: 200 | 201, description: string, schema: z.ZodType, xml: string) => ({
  [status]: {
    description,
    content: { 'application/json': { schema }, 'text/xml': { schema: z.string().describe(xml) } },
  },
  // Every read is kept by the shared cache, with its ETag (publicCache above).
  ...(status === 200 ? notModified : {}),
  ...errorResponses,
});

/** `{name}.json` or `{name}.xml` in a path: the name and the form asked for. */
const FileParamsSchema = (what: string) => SiteParamsSchema.extend({
  file: z.string().regex(/^[^/]+\.(json|xml)$/).max(200).describe(`\`{${what}}.json\` or \`{${what}}.xml\``),
});
const split = (file: string) => {
  const dot = file.lastIndexOf('.');
  return { name: file.slice(0, dot), format: file.slice(dot + 1) as Open311Format };
};

/**
 * Registers a route whose answers are built as JSON or XML text (`open311Response`), not by
 * `c.json`: the typed-response check of zod-openapi does not apply to them. The route's
 * config still documents both forms.
 */
function register(config: RouteConfig, handler: (c: Context<AppEnv>) => Promise<Response>, hook?: ValidationHook) {
  open311.openapi(config as never, handler as never, hook as never);
}

/** What the route's validators let through (its handler is registered untyped: see `register`). */
const valid = <T>(c: Context<AppEnv>, target: 'param' | 'query' | 'form' | 'header') => (c.req.valid as (t: string) => T)(target);
type FileParams = { file: string };
type ExtensionsQuery = z.output<typeof Open311ExtensionsQuerySchema>;

/** The routes of one resource in both forms: `path` ends in `.{format}`. */
function bothFormats(config: (format: Open311Format) => RouteConfig, handler: (c: Context<AppEnv>, format: Open311Format) => Promise<Response>, hook?: ValidationHook) {
  for (const format of OPEN311_FORMATS) register(config(format), (c) => handler(c, format), hook);
}

const upper = (format: Open311Format) => format.toUpperCase();

// GET discovery: where the endpoint is, what it speaks, and how to get a key.
bothFormats((format) => createRoute({
  operationId: `open311Discovery${upper(format)}`,
  method: 'get',
  path: `/open311/v2/{site}/discovery.${format}`,
  summary: 'Open311 service discovery: the endpoint, its formats, and how to get an api_key',
  request: { params: SiteParamsSchema },
  responses: answers(200, 'the discovery document', Open311DiscoverySchema, '<discovery>…<endpoints><endpoint>…</endpoint></endpoints></discovery>'),
}), async (c, format) => {
  const site = c.get('site');
  return open311Response(c, format, 'discovery', {
    changeset: CHANGESET,
    contact: `${site.name}（留言办理平台）`,
    key_service: '接口密钥（api_key）由本站管理员在留言管理后台“站点管理 → 接口密钥”中签发',
    endpoints: [{
      specification: SPECIFICATION,
      url: `${new URL(c.req.url).origin}/open311/v2/${site.id}`,
      changeset: CHANGESET,
      type: 'production',
      formats: ['text/xml', 'application/json'],
    }],
  });
});

// GET services: one per type and domain the site takes.
bothFormats((format) => createRoute({
  operationId: `open311Services${upper(format)}`,
  method: 'get',
  path: `/open311/v2/{site}/services.${format}`,
  summary: 'Open311 services: one per message type and domain the site takes (service_code `{type}.{domain}`, group = the domain)',
  request: { params: SiteParamsSchema, query: Open311ExtensionsQuerySchema },
  responses: answers(200, 'the services', z.array(Open311ServiceSchema), '<services><service>…</service></services>'),
}), async (c, format) => {
  const site = c.get('site');
  const services = site.types.flatMap((type) => site.domains.map((domain) => ({
    service_code: serviceCode(type, domain),
    service_name: serviceName(type, domain),
    description: `向${site.name}的领导和部门提出${zhCNKindLabels.domains[domain]}方面的${zhCNKindLabels.types[type]}`,
    metadata: true,
    // Published once moderators see it: the POST gives a token, the id comes later.
    type: 'batch',
    keywords: `${zhCNKindLabels.types[type]},${zhCNKindLabels.domains[domain]}`,
    group: zhCNKindLabels.domains[domain],
  })));
  return open311Response(c, format, 'services', services);
});

const singleValues = (values: [string, string][]) => values.map(([key, name]) => ({ key, name }));

// GET services/{service_code}: what a POST takes for it — above all, whom it is written to.
register(createRoute({
  operationId: 'open311ServiceDefinition',
  method: 'get',
  path: '/open311/v2/{site}/services/{file}',
  summary: 'Open311 service definition: the unit written to (a singlevaluelist of the site’s units), the title, publication and consent',
  request: { params: FileParamsSchema('service_code') },
  responses: answers(200, 'the definition', Open311ServiceDefinitionSchema, '<service_definition><service_code/><attributes><attribute>…</attribute></attributes></service_definition>'),
}), async (c) => {
  const { name, format } = split(valid<FileParams>(c, 'param').file);
  const site = c.get('site');
  if (!parseServiceCode(name, site)) throw notFound();
  // A large tree (a national site's ~90,000 units) is no list: the unit's id is typed, found by name
  // or level by level through the units endpoint.
  const units = await activeUnitsIfFew(c.get('db'), site.id);
  const attribute = (order: number, code: string, datatype: 'string' | 'singlevaluelist', required: boolean, description: string, values: { key: string; name: string }[] = []) => ({
    variable: true, code, datatype, required, datatype_description: null, order, description, values,
  });
  return open311Response(c, format, 'service_definition', {
    service_code: name,
    attributes: [
      units
        ? attribute(1, 'unit', 'singlevaluelist', true, '留言对象：写给哪位领导或哪个部门', singleValues(units.map((u) => [u.id, u.name])))
        : attribute(1, 'unit', 'string', true, `留言对象：写给哪位领导或哪个部门，填单位编号（id）；按名称查找：GET /v1/sites/${site.id}/units?q=名称，逐级浏览：GET /v1/sites/${site.id}/units?parent=上级编号`),
      attribute(2, 'title', 'string', false, `标题，最多${LIMITS.titleMax}个字；不填则取留言内容的开头`),
      attribute(3, 'public', 'singlevaluelist', false, '是否公开：公开的留言经审核后在留言板上展示（不含姓名和联系方式）；默认公开', singleValues([['true', '公开'], ['false', '不公开']])),
      attribute(4, 'consent', 'singlevaluelist', true, '留言人已阅读并同意本站的隐私声明', singleValues([['true', '同意']])),
    ],
  });
});

/**
 * A W3C date-time as a UTC ISO instant; without an offset (or a time) it is China time. A day alone
 * is its start, or with `wholeDay` (an `end_date`, compared as "before") the start of the next day:
 * `start_date=2026-12-05&end_date=2026-12-05` asks for that day, as a person asking for it means.
 */
function instant(field: string, value: string, wholeDay = false): string {
  const [, day, hm, seconds = ':00', zone = '+08:00'] = OPEN311_DATE_TIME.exec(value)!;
  const offset = zone === 'Z' ? zone : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const t = Date.parse(`${day}T${hm ?? '00:00'}${seconds}${offset}`);
  if (Number.isNaN(t)) throw validationError([{ field, code: 'invalid' }]);
  return new Date(t + (wholeDay && hm === undefined ? DAY_MS : 0)).toISOString();
}

/** The distinct items of a comma-separated parameter, trimmed, empty ones left out. */
const listOf = (value: string) => [...new Set(value.split(',').map((item) => item.trim()).filter(Boolean))];

/** The filter a query asks for, checked against the site (service codes) and the spec (a 90-day window). */
function filterOf(query: z.output<typeof Open311RequestsQuerySchema>, site: Parameters<typeof parseServiceCode>[1]): RequestFilter {
  const filter: RequestFilter = { page: query.page, pageSize: query.page_size };
  if (query.service_request_id !== undefined) {
    filter.ids = listOf(query.service_request_id);
    if (filter.ids.length > OPEN311_IDS_MAX) throw validationError([{ field: 'service_request_id', code: 'too_many', params: { max: OPEN311_IDS_MAX } }]);
  }
  if (query.service_code !== undefined) {
    const codes = listOf(query.service_code);
    if (codes.length > OPEN311_SERVICES_MAX) throw validationError([{ field: 'service_code', code: 'too_many', params: { max: OPEN311_SERVICES_MAX } }]);
    const services = codes.map((code) => parseServiceCode(code, site));
    if (codes.length === 0 || services.includes(null)) throw validationError([{ field: 'service_code', code: 'invalid_choice' }]);
    filter.services = services as NonNullable<(typeof services)[number]>[];
  }
  if (query.start_date) filter.from = instant('start_date', query.start_date);
  if (query.end_date) filter.to = instant('end_date', query.end_date, true);
  // A day alone as the end reaches the start of the next: a range it leaves empty ends before it starts
  // (`start_date=2026-12-06&end_date=2026-12-05`), while two instants alike are a range of their own.
  const endIsDay = query.end_date !== undefined && !query.end_date.includes('T');
  if (filter.from && filter.to && (filter.to < filter.from || (endIsDay && filter.to === filter.from))) {
    throw validationError([{ field: 'end_date', code: 'before_start' }]);
  }
  if (filter.from && filter.to && Date.parse(filter.to) - Date.parse(filter.from) > OPEN311_RANGE_DAYS_MAX * DAY_MS) {
    throw validationError([{ field: 'end_date', code: 'date_range_too_long', params: { max: OPEN311_RANGE_DAYS_MAX } }]);
  }
  if (query.updated_after) filter.updatedAfter = instant('updated_after', query.updated_after);
  if (query.status !== undefined) {
    const statuses = new Set(listOf(query.status));
    if (statuses.size === 0 || [...statuses].some((status) => status !== 'open' && status !== 'closed')) {
      throw validationError([{ field: 'status', code: 'invalid_choice' }]);
    }
    if (statuses.size === 1) filter.status = [...statuses][0] as 'open' | 'closed';
  }
  return filter;
}

// GET requests: the site's public messages, newest first.
bothFormats((format) => createRoute({
  operationId: `open311Requests${upper(format)}`,
  method: 'get',
  path: `/open311/v2/{site}/requests.${format}`,
  summary: 'Open311 service requests: the site’s published public messages, newest first (filters of the spec; extensions page, page_size, updated_after, extensions)',
  request: { params: SiteParamsSchema, query: Open311RequestsQuerySchema },
  responses: answers(200, 'the requests', z.array(Open311RequestSchema), '<service_requests><request>…</request></service_requests>'),
}), async (c, format) => {
  const query = valid<z.output<typeof Open311RequestsQuerySchema>>(c, 'query');
  const site = c.get('site');
  const requests = await open311Requests(c.get('db'), site.id, filterOf(query, site), query.extensions === 'true');
  return open311Response(c, format, 'service_requests', requests);
});

// GET requests/{id}: one public message, with its public timeline as notes.
register(createRoute({
  operationId: 'open311Request',
  method: 'get',
  path: '/open311/v2/{site}/requests/{file}',
  summary: 'Open311 service request: one published public message, its public timeline as notes (404 for any other id)',
  request: { params: FileParamsSchema('service_request_id'), query: Open311ExtensionsQuerySchema },
  responses: answers(200, 'the request, as a list of one', z.array(Open311RequestSchema), '<service_requests><request>…<notes><note>…</note></notes></request></service_requests>'),
}), async (c) => {
  const { name: id, format } = split(valid<FileParams>(c, 'param').file);
  const site = c.get('site');
  const db = c.get('db');
  const [requests, message] = await Promise.all([
    open311Requests(db, site.id, { ids: [id], page: 1, pageSize: 1 }, valid<ExtensionsQuery>(c, 'query').extensions === 'true'),
    publicMessageView(db, site.id, id, new Date()),
  ]);
  if (requests.length === 0 || !message) throw notFound();
  return open311Response(c, format, 'service_requests', [{ ...requests[0]!, notes: open311Notes(message) }]);
});

/** A name as people write it: 陈 + 明 → 陈明; Latin names keep their order and a space. */
function fullName(first = '', last = ''): string {
  const [f, l] = [first.trim(), last.trim()];
  return /\p{Script=Han}/u.test(f + l) ? `${l}${f}` : [f, l].filter(Boolean).join(' ');
}

/**
 * The title when none is given: the description's first line, or, when that line is shorter than the
 * site's shortest title (`titleMin`), the description's lines joined by spaces; cut at the longest
 * title (in characters).
 */
function titleOf(description: string, titleMin: number): string {
  const firstLine = description.trim().split('\n')[0]!.trim();
  const text = visibleLength(firstLine) >= titleMin ? firstLine : description.trim().split(/\s*\n\s*/).join(' ');
  return [...text].slice(0, LIMITS.titleMax).join('').trim();
}

/** What the citizen is told, by the state the message is in, in the client's language (Accept-Language). */
function serviceNotice(locale: Locale, moderation: string, isPublic: boolean, dueAt: string): string {
  const notices = open311Notices[locale];
  const due = dueAt.slice(0, 10);
  return !isPublic ? notices.private(due) : moderation === 'published' ? notices.published(due) : notices.pending(due);
}

/** A POST's form as the spec's parameters arrive: strings, any of them missing. */
type Open311Form = Partial<Record<keyof z.output<typeof Open311CreateRequestFormSchema>, unknown>>;

/**
 * A POST's form read as the JSON API's submission, every problem of it at once: the form's own
 * (`formProblems`: a parameter missing or too long, found by the route's schema), the service_code
 * what the submission's checks find in the rest, the site's own rules (its minimum lengths) and,
 * when anything else is wrong, the site's banned words and whether the unit takes messages (read
 * now, in one round trip, where the submission's own checks and its write batch would otherwise find them). An integrator fixing one parameter is never told of the next only on
 * the following try. One problem per parameter (the first found: a missing `description` is not
 * also a too-short body). Throws the 400 naming them (`open311Error`).
 */
async function submissionOfForm(db: SiteDatabase, form: Open311Form, site: Site, formProblems: FieldProblem[] = []): Promise<SubmitInput> {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const description = text(form.description) ?? '';
  const service = parseServiceCode(text(form.service_code) ?? '', site);
  const titleGiven = titleGivenIn(form);
  const title = titleGiven ? text(form['attribute[title]'])!.trim() : titleOf(description, site.titleMin);
  const unitId = text(form['attribute[unit]']) ?? '';
  const checked = SubmissionSchema.safeParse({
    unitId,
    type: service?.type,
    domain: service?.domain,
    campaign: null,
    title,
    body: description,
    region: text(form.address_string) ?? '',
    author: { name: fullName(text(form.first_name), text(form.last_name)), phone: text(form.phone) ?? '', email: text(form.email)?.trim() || null, displayAs: 'masked' },
    isPublic: form['attribute[public]'] !== 'false',
    consent: form['attribute[consent]'] === 'true',
  });
  const rules = siteRuleProblems(site, { title, body: description.trim() });
  if (service && checked.success && formProblems.length === 0 && rules.length === 0) return checked.data;
  const contract = checked.success ? [] : fieldProblemsOf(checked.error);
  // The unit and the site's banned words, read in one round trip: all that is wrong is said at once.
  const unit = unitId && !contract.some((p) => p.field === 'unitId') ? activeUnitQuery(db, site.id, unitId) : null;
  const settings = protectionQuery(db, site.id);
  const [settingsRows, unitRows] = await db.batch([settings, ...(unit ? [unit] : [])]);
  const unitKnown = !unit || rowsOf(unit, unitRows!).length > 0;
  const fine = (field: string, value: string) => (contract.some((p) => p.field === field) ? undefined : value);
  const problems: FieldProblem[] = [
    ...formProblems,
    ...(service || formProblems.some((p) => p.field === 'service_code') ? [] : [{ field: 'service_code', code: 'invalid_choice' as const }]),
    ...contract,
    ...rules,
    ...bannedWordProblems(rowsOf(settings, settingsRows!)[0] ?? DEFAULT_PROTECTION, {
      title: fine('title', title), body: fine('body', description), region: fine('region', text(form.address_string) ?? ''),
    }),
    ...(unitKnown ? [] : [{ field: 'unitId', code: 'unknown_unit' as const }]),
  ];
  throw validationError(byParameter(problems, titleGiven));
}

/**
 * One problem per Open311 parameter, the first said of it. A title made from the description is the
 * description's: its problems (too short, a banned word) are said of the description (留言内容至少需要4个字),
 * after the description's own, which win. The client never sent `attribute[title]`, so naming it would
 * send them to a parameter they did not use.
 */
function byParameter(problems: FieldProblem[], titleGiven: boolean): FieldProblem[] {
  const ofTitle = (problem: FieldProblem) => problem.field === 'title' && !titleGiven;
  const named = new Map<string, FieldProblem>();
  for (const problem of [...problems.filter((p) => !ofTitle(p)), ...problems.filter(ofTitle).map((p) => ({ ...p, field: 'body' }))]) {
    const parameter = OPEN311_PARAM[problem.field] ?? problem.field;
    if (!named.has(parameter)) named.set(parameter, problem);
  }
  return [...named.values()];
}

/** Whether the form names its own title (`attribute[title]`), rather than leaving it to the description. */
const titleGivenIn = (form: Open311Form) => typeof form['attribute[title]'] === 'string' && form['attribute[title]'].trim() !== '';

// POST requests: a citizen's message, through the JSON API's submission path.
bothFormats((format) => createRoute({
  operationId: `open311CreateRequest${upper(format)}`,
  method: 'post',
  path: `/open311/v2/{site}/requests.${format}`,
  summary: 'Open311 POST a service request: a citizen’s message (form-encoded, with the site’s api_key, checked first); a retry is safe: under the same Idempotency-Key, or without one, the same form from the same key within 15 minutes',
  request: {
    params: SiteParamsSchema,
    headers: z.object({ 'idempotency-key': z.string().min(8).max(128).optional().describe('optional: one per message, reused on every retry of it (without it, an identical form from the same api_key within 15 minutes is the same message)') }),
    body: { required: true, content: { 'application/x-www-form-urlencoded': { schema: Open311CreateRequestFormSchema }, 'multipart/form-data': { schema: Open311CreateRequestFormSchema } } },
  },
  responses: answers(201, 'stored (or already stored under this Idempotency-Key)', Open311CreatedSchema, '<service_requests><request><token/><service_request_id/><service_notice/>…</request></service_requests>'),
}), async (c, format) => {
  const form = valid<z.output<typeof Open311CreateRequestFormSchema>>(c, 'form');
  const key = valid<{ 'idempotency-key'?: string }>(c, 'header')['idempotency-key'];
  const site = c.get('site');
  const db = c.get('db');
  const integration = c.get('integration');
  const input = await submissionOfForm(db, form, site);
  const now = new Date().toISOString();
  const token = crypto.randomUUID();
  // Keys of Open311's own, per integration: one can never meet the widget's, or another integration's.
  // Without an Idempotency-Key (the spec has none) the key is the submission's fingerprint, kept a
  // short while: a client that posts again after losing the answer lands on the same message.
  const idempotencyKey = key
    ? `open311:${integration.id}:${key}`
    : `open311:${integration.id}:same:${await keyedHash(c.env.HASH_KEY, JSON.stringify(input))}`;
  const answer = await storeSubmission(c, input, idempotencyKey, {
    also: (messageId) => [
      db.q.insertInto('open311_tokens').values({ token, site_id: site.id, message_id: messageId, created_at: now }),
      markKeyUsed(db, integration.id, now),
    ],
    integrationKeyId: integration.id,
    keepKeyMs: key ? undefined : OPEN311_SAME_POST_MS,
  }).catch((error: unknown) => {
    // What the submission's own checks refuse (the site's banned words in a title made from the
    // description), named by this form's parameters.
    throw error instanceof ApiError && error.code === 'validation' ? validationError(byParameter(error.fields, titleGivenIn(form))) : error;
  });
  // A retry answers with the token its message was given the first time.
  const stored = await db.first(db.q.selectFrom('open311_tokens').select('token').where('message_id', '=', answer.id).where('site_id', '=', site.id));
  const published = answer.moderation === 'published';
  c.header('Cache-Control', 'no-store');
  const created: Open311Value = [{
    token: stored?.token ?? token,
    service_request_id: published ? answer.id : null,
    service_notice: serviceNotice(localeFromAcceptLanguage(c.req.header('Accept-Language')), answer.moderation, input.isPublic, answer.dueAt),
    account_id: null,
    expected_datetime: answer.dueAt,
    tracking_code: answer.trackingCode,
  }];
  return open311Response(c, format, 'service_requests', created, 201);
}, async (result, c) => {
  if (result.success) return;
  const problems = fieldProblemsOf(result.error!);
  // A form its schema refuses is read for everything else wrong with it too (submissionOfForm throws).
  if (result.target === 'form') await submissionOfForm(c.get('db'), result.data as Open311Form, c.get('site'), problems);
  throw validationError(problems);
});

// GET tokens/{token}: the request id, once the message is public.
register(createRoute({
  operationId: 'open311Token',
  method: 'get',
  path: '/open311/v2/{site}/tokens/{file}',
  summary: 'Open311 token: the service_request_id of a posted message once it is public (empty until then, and for a private one)',
  request: { params: FileParamsSchema('token') },
  responses: answers(200, 'the token, as a list of one', Open311TokenSchema, '<service_requests><request><service_request_id/><token/></request></service_requests>'),
}), async (c) => {
  const { name: token, format } = split(valid<FileParams>(c, 'param').file);
  const id = await messageOfToken(c.get('db'), c.get('site').id, token);
  if (id === undefined) throw notFound();
  return open311Response(c, format, 'service_requests', [{ service_request_id: id, token }]);
});

// Anything else under a site's Open311 address: not found, in the spec's shape and the form asked
// for; a resource of the spec asked for without its format (`requests`, not `requests.json`) names it.
open311.all('/open311/v2/:site/*', (c) => {
  if (/^\/open311\/v2\/[^/]+\/(discovery|services|requests|tokens)$/.test(c.req.path)) throw validationError([{ field: 'file', code: 'invalid' }]);
  throw notFound();
});
