import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env';
import { SESSION_COOKIE } from './auth/session';

/** The OpenAPI 3.1 document `/openapi.json` answers and `/docs` renders. */
export type ApiDocument = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;

/** One operation of the document, as the docs page and the tests read it. */
export interface ApiOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** A group of operations: its name in the document, and what the docs page calls it in each language. */
export interface ApiTag {
  name: string;
  title: { 'zh-CN': string; en: string };
  description: { 'zh-CN': string; en: string };
  /** Matched against `METHOD /path` (upper-case method, the path as the document writes it, `{param}`). */
  match: RegExp;
}

/**
 * The tags, in the order the docs page shows them. Each operation gets the first whose `match` fits
 * (unless its route names tags itself), so a route added under a known prefix is grouped without
 * touching this table.
 */
export const API_TAGS: ApiTag[] = [
  {
    name: 'site',
    title: { 'zh-CN': '站点', en: 'Site' },
    description: {
      'zh-CN': '挂件绘制留言表单所需的一切：留言对象（单位树）、留言类型、领域、正在征集的建言专栏、字数限制。',
      en: 'What the widget needs to draw its form: the unit tree, types, domains, open suggestion drives, limits.',
    },
    match: /^GET \/v1\/sites\/\{site\}$/,
  },
  {
    name: 'submission',
    title: { 'zh-CN': '写留言', en: 'Writing a message' },
    description: {
      'zh-CN': '提交留言（须带 Idempotency-Key，重试不会重复保存），返回只显示一次的查询码。',
      en: 'Submitting a message (with an Idempotency-Key: a retry never stores it twice); the answer carries the tracking code, shown once.',
    },
    match: /^POST \/v1\/sites\/\{site\}\/messages(\/\{id\}\/photos)?$/,
  },
  {
    name: 'board',
    title: { 'zh-CN': '留言板', en: 'Public board' },
    description: {
      'zh-CN': '已公开的留言与官方回复：按单位、类型、领域、状态、专栏筛选，全文搜索，游标分页；“我也关注”。',
      en: 'Published public messages and their official replies: filters, search, keyset pages; “me too” support.',
    },
    match: /^\w+ \/v1\/sites\/\{site\}\/messages(\/|$)/,
  },
  {
    name: 'tracking',
    title: { 'zh-CN': '查询码：查询、评价、追问、我的数据', en: 'Tracking code: track, rate, follow up, my data' },
    description: {
      'zh-CN': '留言人凭查询码查看自己的留言（不公开的也可以）、评价答复、追问、下载或删除个人信息。查询码只放在请求体里，从不放在网址里。',
      en: 'With the tracking code, the author sees their own message (private ones too), rates the reply, asks a follow-up, downloads or erases their personal data. The code travels only in request bodies, never in URLs.',
    },
    match: /^\w+ \/v1\/sites\/\{site\}\/(track|my-data)(\/|$)/,
  },
  {
    name: 'campaigns',
    title: { 'zh-CN': '建言专栏', en: 'Suggestion drives' },
    description: {
      'zh-CN': '限时征集建言的专栏（如“建言十四五”），含各来源网站的留言数和办理数字。',
      en: 'Time-boxed suggestion drives (建言专栏), with their figures per outlet.',
    },
    match: /^\w+ \/v1\/sites\/\{site\}\/campaigns(\/|$)/,
  },
  {
    name: 'stats',
    title: { 'zh-CN': '统计', en: 'Statistics' },
    description: {
      'zh-CN': '回复率、按期办结率、满意度、首次答复时间中位数、按月与按单位的统计。',
      en: 'Reply rate, on-time rate, satisfaction, median first response, monthly and per-unit figures.',
    },
    match: /^\w+ \/v1\/sites\/\{site\}\/stats(\/|$)/,
  },
  {
    name: 'public',
    title: { 'zh-CN': '其他公开接口', en: 'Other public routes' },
    description: { 'zh-CN': '站点的其他公开接口。', en: 'Other public routes of a site.' },
    match: /^\w+ \/v1\/sites\/\{site\}\//,
  },
  {
    name: 'open311',
    title: { 'zh-CN': 'Open311 GeoReport v2', en: 'Open311 GeoReport v2' },
    description: {
      'zh-CN': '与 Open311 GeoReport v2 兼容的接口，供 12345 热线平台等系统对接；提交留言需站点管理员发放的集成密钥（api_key）。',
      en: 'Open311 GeoReport v2 compatible endpoints for city service platforms; submitting needs an integration key (api_key) issued by the site’s admins.',
    },
    match: /^\w+ \/open311\//,
  },
  {
    name: 'sign-in',
    title: { 'zh-CN': '工作人员登录', en: 'Officials’ sign-in' },
    description: {
      'zh-CN': '工作人员用电子邮箱、密码（及身份验证器验证码）登录，得到会话 Cookie。',
      en: 'Officials sign in with email, password (and an authenticator code), and get the session cookie.',
    },
    match: /^\w+ \/v1\/auth\//,
  },
  {
    name: 'account',
    title: { 'zh-CN': '我的账号', en: 'Own account' },
    description: {
      'zh-CN': '当前登录的工作人员：个人信息、退出、修改密码、绑定身份验证器。',
      en: 'The signed-in official: profile, sign-out, password, authenticator enrolment.',
    },
    match: /^\w+ \/v1\/console\/(me|sign-out|password|totp)(\/|$)/,
  },
  {
    name: 'console',
    title: { 'zh-CN': '办理', en: 'Handling messages' },
    description: {
      'zh-CN': '工作人员的待办队列与办理动作：审核（公开、不予公开、隐藏）、受理、转办、答复、办结、延期、采纳、备注，回复模板、导出、工作台。',
      en: 'The officials’ queue and every action on a message: moderation, accept, transfer (转办), reply, close, extend, adopt, notes; reply templates, export, dashboard.',
    },
    match: /^\w+ \/v1\/console\//,
  },
  {
    name: 'admin',
    title: { 'zh-CN': '站点管理', en: 'Site administration' },
    description: {
      'zh-CN': '仅限管理员：站点设置、工作日历、单位、账号、回复模板、建言专栏、操作日志。',
      en: 'Admins only: site settings, working calendar, units, accounts, reply templates, suggestion drives, the audit log.',
    },
    match: /^\w+ \/v1\/admin\//,
  },
];

/** The two ways in, besides none: an official's session, and a site's integration key. */
export const SECURITY_SCHEMES = {
  consoleSession: {
    type: 'apiKey',
    in: 'cookie',
    name: `__Host-${SESSION_COOKIE}`,
    description: 'The session cookie `POST /v1/auth/sign-in` sets (HttpOnly, Secure, SameSite=Strict, 12 hours). '
      + 'Changes (anything but GET) are accepted only from the console’s own origin: the `Origin` header must be the service’s own.',
  },
  integrationKey: {
    type: 'apiKey',
    in: 'query',
    name: 'api_key',
    description: 'A site’s integration key, issued and revoked by its admins in the console. Open311 GeoReport v2 clients send it as the '
      + '`api_key` field of the POST’s form, as that specification says. OpenAPI has no scheme for a form field: `in: query` gives its name '
      + 'only. A key in the query string is not read (an address is kept in logs): the request is then refused (403) as one without a key.',
  },
} as const;

type Security = Record<string, string[]>[];

/** D1 read replication's bookmark header (`BOOKMARK_HEADER` of the site scope and of the SDK). */
const BOOKMARK = 'x-d1-bookmark';
const BOOKMARK_DESCRIPTION = 'D1 read replication: a sealed bookmark (opaque, at most 256 characters) of where this client’s last write got to. '
  + 'A client that sends back the last one it was given reads what it wrote, even from a read replica; anything else is ignored. '
  + 'The SDK does this by itself.';

/**
 * The bookmark where it applies, as components: every site-scoped request may send it (the API's
 * and Open311's: both start the site's D1 session from it), and the success of a write to the
 * site's API (not a GET) answers with it.
 */
const BOOKMARK_COMPONENTS = {
  parameters: {
    D1Bookmark: { name: BOOKMARK, in: 'header', required: false, description: BOOKMARK_DESCRIPTION, schema: { type: 'string', maxLength: 256 } },
  },
  headers: {
    D1Bookmark: { description: BOOKMARK_DESCRIPTION, schema: { type: 'string' } },
  },
} as const;
/**
 * Entity tags (RFC 9110 §8.8.3, §13.1): a public read answers an `ETag`, and a 304 without a body to
 * the same `If-None-Match` (cheap on a slow phone); an action on a message sent with the `version`
 * read in `If-Match` is refused (412 `changed_since_read`) once someone else handled it meanwhile.
 * Declared on every operation that says 304 or 412, so a generated client knows the headers.
 */
const CONDITIONAL_COMPONENTS = {
  parameters: {
    IfNoneMatch: {
      name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' },
      description: 'the ETag of the answer the client has: unchanged, the answer is 304 without a body',
    },
    IfMatch: {
      name: 'If-Match', in: 'header', required: false, schema: { type: 'string' },
      description: 'the message’s `version` as the official read it, quoted (`"…"`): changed since, the action is refused with 412 changed_since_read; absent, the action is taken whatever changed',
    },
  },
  headers: {
    ETag: { description: 'the answer’s entity tag, to send back in If-None-Match', schema: { type: 'string' } },
  },
} as const;

const bookmarkSent = (path: string) => /^\/(v1\/sites|open311\/v2)\/\{site\}/.test(path);
const bookmarkAnswered = (method: string, path: string) => method !== 'get' && method !== 'head' && path.startsWith('/v1/sites/{site}');

/**
 * Who may call an operation, from its prefix: each site's public API and signing in need nothing;
 * the console and admin routes a session; Open311 submissions an integration key. Undefined for a
 * prefix not listed here, so the lint test fails (`security-defined`) until someone decides.
 */
export function securityFor(method: string, path: string): Security | undefined {
  if (path.startsWith('/v1/sites/') || path.startsWith('/v1/auth/')) return [];
  if (path.startsWith('/v1/console/') || path.startsWith('/v1/admin/')) return [{ consoleSession: [] }];
  if (path.startsWith('/open311/')) return method === 'post' ? [{ integrationKey: [] }] : [];
  return undefined;
}

/** A name for an operation whose route gives none: `GET /v1/admin/units/{id}` → `getAdminUnitsById`. */
export function fallbackOperationId(method: string, path: string): string {
  const words = path.split(/[/.-]/).filter((part) => part !== '' && part !== 'v1')
    .map((part) => (part.startsWith('{') ? `by-${part.slice(1, -1)}` : part))
    .flatMap((part) => part.split('-'));
  return method + words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

/**
 * Built once per isolate and per app: the document depends only on the code, and building it takes
 * about 100 ms of CPU (ten times a free Workers plan's budget for a whole request). Never changed
 * once built; each answer copies it with its own server.
 */
const built = new WeakMap<OpenAPIHono<AppEnv>, ApiDocument>();

/**
 * The API description, made from the routes' own definitions (their zod schemas, in sdk/), with
 * what is decided here for every route at once: the server (the origin it is served from), the
 * license, the tags, who may call each operation, and a name for any operation without one.
 * `origin` is e.g. `https://liuyan.example.gov.cn` (no trailing slash).
 */
export function apiDocument(app: OpenAPIHono<AppEnv>, origin: string): ApiDocument {
  let document = built.get(app);
  if (!document) {
    document = buildDocument(app);
    built.set(app, document);
  }
  const { openapi, info, ...rest } = document;
  return { openapi, info, servers: [{ url: origin, description: 'this deployment' }], ...rest };
}

function buildDocument(app: OpenAPIHono<AppEnv>): ApiDocument {
  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Liuyan API',
      version: '1.0.0',
      description: '留言：群众给领导和部门留言，官方答复。Messages from citizens to their leaders and departments, and the official replies. '
        + 'Errors are `application/problem+json` with a stable `code` (see /docs/errors/). '
        + 'Texts follow `Accept-Language` (Chinese by default). The reference, in Chinese and English: /docs. '
        + 'Request bodies are UTF-8 JSON of at most 16 KB (413 `payload_too_large`) nested at most 32 deep (400 `json_too_deep`); '
        + 'on every operation, fields it does not define are ignored — never stored, never an error — so a newer client may send fields an older service does not know. '
        + 'A query parameter sent empty (`?type=&q=`, as an HTML form sends its “all” choice or an empty search box) is the same as one not sent.',
      license: { name: 'MIT', url: 'https://spdx.org/licenses/MIT.html' },
    },
    tags: API_TAGS.map((tag) => ({ name: tag.name, description: `${tag.title['zh-CN']} · ${tag.title.en}: ${tag.description.en}` })),
  });
  const used = new Set<string>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, ApiOperation | undefined>)[method];
      if (!operation) continue;
      operation.operationId ??= fallbackOperationId(method, path);
      const tag = API_TAGS.find((candidate) => candidate.match.test(`${method.toUpperCase()} ${path}`));
      if (!operation.tags?.length && tag) operation.tags = [tag.name];
      operation.security ??= securityFor(method, path);
      for (const requirement of operation.security ?? []) for (const name of Object.keys(requirement)) used.add(name);
      if (bookmarkSent(path)) operation.parameters = [...(operation.parameters ?? []), { $ref: '#/components/parameters/D1Bookmark' }];
      const responses = (operation.responses ?? {}) as Record<string, { headers?: Record<string, unknown> }>;
      if (responses['304']) {
        operation.parameters = [...(operation.parameters ?? []), { $ref: '#/components/parameters/IfNoneMatch' }];
        for (const status of ['200', '304']) responses[status]!.headers = { ...responses[status]!.headers, ETag: { $ref: '#/components/headers/ETag' } };
      }
      if (responses['412']) operation.parameters = [...(operation.parameters ?? []), { $ref: '#/components/parameters/IfMatch' }];
      if (bookmarkAnswered(method, path)) {
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          if (!status.startsWith('2')) continue;
          const answer = response as { headers?: Record<string, unknown> };
          answer.headers = { ...answer.headers, [BOOKMARK]: { $ref: '#/components/headers/D1Bookmark' } };
        }
      }
    }
  }
  // Webhooks are named by their event type (`message.replied`), not by a path (routes/admin-webhooks.ts).
  if (document.webhooks) document.webhooks = Object.fromEntries(Object.entries(document.webhooks).map(([name, item]) => [name.replace(/^\//, ''), item]));
  // Only the schemes some operation uses (the integration key arrives with the Open311 routes).
  const securitySchemes = Object.fromEntries(Object.entries(SECURITY_SCHEMES).filter(([name]) => used.has(name)));
  document.components = {
    ...document.components,
    securitySchemes,
    parameters: { ...document.components?.parameters, ...BOOKMARK_COMPONENTS.parameters, ...CONDITIONAL_COMPONENTS.parameters },
    headers: { ...document.components?.headers, ...BOOKMARK_COMPONENTS.headers, ...CONDITIONAL_COMPONENTS.headers },
  } as typeof document.components;
  return document;
}
