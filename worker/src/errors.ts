import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { fieldErrorMessage, localeFromAcceptLanguage, type FieldErrorParams, type Locale, type PublicFieldMessages } from '../../sdk/src/error-messages';
import { errorCatalogs, publicFieldMessages } from '../../sdk/src/locales';
import { enOpen311FieldLabels } from '../../sdk/src/locales/en';
import { zhCNOpen311FieldLabels } from '../../sdk/src/locales/zh-cn';
import { zhTWOpen311FieldLabels } from '../../sdk/src/locales/zh-tw';
import { FieldErrorCodeSchema, PROBLEM_STATUS, type FieldErrorCode, type Problem, type ProblemCode } from '../../sdk/src/schemas/error';
import type { AppEnv } from './env';
import { classifyD1Error } from './db/d1-errors';

export interface FieldProblem {
  field: string;
  code: FieldErrorCode;
  params?: FieldErrorParams;
}

/**
 * Every error a client can see, by its problem code; its HTTP status comes from `PROBLEM_STATUS`.
 * Thrown anywhere; turned into problem+json once, in `handleError`.
 */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;

  constructor(
    readonly code: ProblemCode,
    readonly fields: FieldProblem[] = [],
    /** Members a client needs to act on this problem, beyond the standard ones (e.g. `sites` of site_required). */
    readonly extensions: Pick<Problem, 'sites' | 'limit'> = {},
  ) {
    super(code);
    this.name = 'ApiError';
    this.status = PROBLEM_STATUS[code];
  }
}

export const validationError = (fields: FieldProblem[]) => new ApiError('validation', fields);
export const notFound = () => new ApiError('not_found');

// zod keeps the offending input only while its error map runs; there, a missing value (of any
// kind: string, enum, object) is told apart from a wrong one and reported as `required`.
z.config({
  customError: (issue) => (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value') ? 'required' : undefined),
});

/** Field name of problems with the request body as a whole (JSONPath's root: no field can have it). */
export const WHOLE_BODY = '$';

function fieldCodeOf(issue: z.core.$ZodIssue): { code: FieldErrorCode; params?: FieldErrorParams } {
  const own = FieldErrorCodeSchema.safeParse(issue.message);
  // A refinement's own code, with the numbers its sentence states (`date_out_of_range`: the years).
  if (own.success) return issue.code === 'custom' && issue.params ? { code: own.data, params: issue.params as FieldErrorParams } : { code: own.data };
  switch (issue.code) {
    case 'invalid_type':
      return { code: 'invalid' };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'number' || issue.origin === 'int') return { code: 'below_minimum', params: { min } };
      return min <= 1 && issue.origin === 'string' ? { code: 'required' } : { code: 'too_short', params: { min } };
    }
    case 'too_big':
      if (issue.origin === 'number' || issue.origin === 'int') return { code: 'above_maximum', params: { max: Number(issue.maximum) } };
      // A list too long is too many entries, not too many characters.
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_many', params: { max: Number(issue.maximum) } };
      return { code: 'too_long', params: { max: Number(issue.maximum) } };
    case 'invalid_value':
      return { code: 'invalid_choice' };
    default:
      return { code: 'invalid' };
  }
}

/**
 * zod issues → field problems, one per field (the first problem of a field is the one to fix first).
 * Of two bounds of the same kind the tighter is said: `limit=99999999999999999999` breaks both the
 * safe-integer bound and `max(50)`, and "at most 50" is what helps.
 */
export function fieldProblemsOf(error: z.ZodError): FieldProblem[] {
  const byField = new Map<string, FieldProblem>();
  for (const issue of error.issues) {
    const field = issue.path.join('.') || WHOLE_BODY;
    const problem: FieldProblem = { field, ...fieldCodeOf(issue) };
    const earlier = byField.get(field);
    const tighter = earlier?.code === problem.code && (
      (problem.params?.max ?? Infinity) < (earlier.params?.max ?? Infinity) || (problem.params?.min ?? -Infinity) > (earlier.params?.min ?? -Infinity));
    if (!earlier || tighter) byField.set(field, problem);
  }
  return [...byField.values()];
}

/**
 * Who reads a route's field errors, so each field is named in their words: officials (console, admin,
 * sign-in: the officials' names win, e.g. `description` 说明), the public (the widget's names), or
 * an Open311 client (the spec's parameters, e.g. `description` 留言内容, `address_string`).
 */
export type FieldAudience = 'official' | 'public' | 'open311';

export const audienceOf = (path: string): FieldAudience =>
  (/^\/v1\/(console|admin|auth)\//.test(path) ? 'official' : path.startsWith('/open311/') ? 'open311' : 'public');

/** The field names and sentences each audience reads, by language. */
export const FIELD_CATALOGS: Record<FieldAudience, Record<Locale, PublicFieldMessages>> = {
  official: { 'zh-CN': errorCatalogs['zh-CN'].fields, en: errorCatalogs.en.fields, 'zh-TW': errorCatalogs['zh-TW'].fields },
  public: publicFieldMessages,
  open311: {
    'zh-CN': { ...publicFieldMessages['zh-CN'], fields: { ...publicFieldMessages['zh-CN'].fields, ...zhCNOpen311FieldLabels } },
    en: { ...publicFieldMessages.en, fields: { ...publicFieldMessages.en.fields, ...enOpen311FieldLabels } },
    'zh-TW': { ...publicFieldMessages['zh-TW'], fields: { ...publicFieldMessages['zh-TW'].fields, ...zhTWOpen311FieldLabels } },
  },
};

/** The problem+json body of an error, in the reader's language, its fields named for `audience`. */
export function problemOf(error: ApiError, acceptLanguage: string | undefined, audience: FieldAudience = 'official'): Problem {
  const locale = localeFromAcceptLanguage(acceptLanguage);
  const catalog = { problems: errorCatalogs[locale].problems, fields: FIELD_CATALOGS[audience][locale] };
  const problem: Problem = {
    type: `/docs/errors#${error.code}`,
    title: catalog.problems[error.code],
    status: error.status,
    code: error.code,
    ...error.extensions,
  };
  if (error.fields.length > 0) {
    problem.errors = error.fields.map(({ field, code, params }) => ({
      field, code, message: fieldErrorMessage(catalog.fields, field, code, params), ...(params ? { params } : {}),
    }));
  }
  return problem;
}

export function problemResponse(c: Context<AppEnv>, error: ApiError): Response {
  c.set('problem', error.code);
  c.header('Content-Type', 'application/problem+json; charset=UTF-8');
  c.header('Cache-Control', 'no-store');
  const problem = problemOf(error, c.req.header('Accept-Language'), audienceOf(c.req.path));
  // The service's own failures name the log line that says what happened (request-log.ts).
  if (error.status >= 500) problem.requestId = c.get('requestId');
  return c.body(JSON.stringify(problem), error.status);
}

/**
 * What the framework's own errors (Hono's `HTTPException`: a body that is not JSON, a media type the
 * validator refuses, …) mean to a client, by status. A status not listed is the service's fault.
 */
const FRAMEWORK_PROBLEMS: Partial<Record<number, ProblemCode>> = {
  400: 'malformed_json',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/**
 * Seconds a client waits before trying again after a D1 failure: an overloaded database needs its
 * queue to drain (no retry storm: the service itself never retries that), a restarted one a moment.
 */
export const RETRY_AFTER_SECONDS = { overloaded: 5, transient: 1 } as const;

/**
 * `app.onError`: known errors keep their status. A D1 error that is overloaded, or transient and not
 * (or no longer) retried, is a 503 `unavailable` with `Retry-After` — a retry with the same
 * Idempotency-Key is safe. Anything else is a 500 that reveals nothing but the request id.
 */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) return problemResponse(c, err);
  if (err instanceof HTTPException) {
    const code = FRAMEWORK_PROBLEMS[err.status];
    if (code) return problemResponse(c, new ApiError(code));
  }
  const d1 = classifyD1Error(err);
  // Only the error's name and message (D1's name the failure, never a bound value): request bodies
  // and bound values never reach the log.
  console.error(JSON.stringify({ requestId: c.get('requestId'), error: err.name, d1, message: err.message.slice(0, 200) }));
  if (d1 === 'other') return problemResponse(c, new ApiError('internal'));
  c.header('Retry-After', String(RETRY_AFTER_SECONDS[d1]));
  return problemResponse(c, new ApiError('unavailable'));
}
