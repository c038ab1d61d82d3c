import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

/**
 * Requests with a body must be JSON and small. Checked before validation: the OpenAPI
 * validator silently skips bodies of other types, and nothing large should be read at all.
 */
export function jsonBody(): MiddlewareHandler<AppEnv> {
  return async function jsonBody(c, next) {
    if (c.req.method !== 'POST' && c.req.method !== 'PUT' && c.req.method !== 'PATCH') return next();
    const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'application/json') throw new ApiError(415, 'unsupported_media_type');
    const limit = bodyLimit({
      maxSize: Number(c.env.MAX_BODY_BYTES) || 16_384,
      onError: () => {
        throw new ApiError(413, 'payload_too_large');
      },
    });
    return limit(c, next);
  };
}
