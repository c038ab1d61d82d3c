import { z } from 'zod';
import { ProblemSchema } from '../../../sdk/src/schemas/error';

/** Path parameter shared by every /v1/sites/{site} route. */
export const SiteParamsSchema = z.object({ site: z.string().min(1).max(64).describe('site id, e.g. `demo`') });

/** The problem+json shape as one component, referred to by every error answer (not copied into each). */
const ProblemComponent = ProblemSchema.openapi('Problem');

/** An error answer in the OpenAPI document. */
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemComponent } },
});

/**
 * The answer of a public read the shared cache keeps (middleware/public-cache.ts): sent its ETag in
 * If-None-Match, an unchanged one is a 304 without a body. (openapi.ts adds both headers to the
 * document of every operation that says this.)
 */
export const notModified = { 304: { description: 'unchanged since the ETag sent in If-None-Match' } };

/** The header of an answer that says when to try again (429, 503). */
export const RETRY_AFTER = { 'Retry-After': { description: 'seconds to wait before trying again', schema: { type: 'integer' as const, minimum: 1 } } };

/** An error answer that says, in `Retry-After`, when to try again. */
export const problemWithRetryAfter = (description: string) => ({ ...problem(description), headers: RETRY_AFTER });

/** Any route's answer when the database is busy or briefly unreachable (db/d1-errors.ts). */
const UNAVAILABLE = 'unavailable: the database is busy or briefly unreachable; try again after the seconds in Retry-After (with the same Idempotency-Key)';

/** The error answers every site route can give. */
export const siteErrorResponses = {
  403: problem('the Origin is not allowed for this site'),
  404: problem('no such site, or no such resource'),
  422: problem('invalid fields, each named with a stable code'),
  500: problem('the service could not answer'),
  503: problemWithRetryAfter(UNAVAILABLE),
};

/** The answer of a route that counts requests per client (searches, tracking, public writes). */
export const limitedResponses = {
  429: problemWithRetryAfter('too_many_requests: too many from this client (or for this phone, or on this site) in a short time; wait the seconds in Retry-After'),
};

/** The error answers every console and admin route can give. */
export const officialErrorResponses = {
  401: problem('no live session'),
  403: problem('not allowed for this role or outside the official’s units, or not from the console’s own origin'),
  404: problem('no such resource in this site'),
  422: problem('invalid fields, each named with a stable code'),
  500: problem('the service could not answer'),
  503: problemWithRetryAfter(UNAVAILABLE),
};

/** Extra answers of routes that take a JSON body. */
export const bodyErrorResponses = {
  400: problem('the body is not JSON'),
  413: problem('the body is too large'),
  415: problem('the body is not application/json'),
};

/**
 * The optional `Idempotency-Key` of an official's write (an action on a message, a note, a unit, a
 * webhook endpoint): a retry with the same key answers as the first time and does nothing more.
 */
export const ActionKeyHeadersSchema = z.object({
  'idempotency-key': z.string().min(8).max(128).optional()
    .describe('optional, one per action, reused on every retry of it: a retry of a done action answers as the first time and creates nothing twice'),
});
