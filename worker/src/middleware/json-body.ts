import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

/**
 * Whether a Content-Type names JSON the service can read: the media type `application/json` (any
 * case, any white space around it; RFC 9110 §8.3.1) with no charset or UTF-8 (RFC 8259 §8.1: JSON
 * exchanged between systems is UTF-8). Empty or malformed parameters (`application/json;`,
 * `application/json; foo`) are ignored, as browsers and HTTP libraries send them.
 */
export function isJsonContentType(header: string | undefined): boolean {
  return isUtf8ContentType(header, ['application/json']);
}

/**
 * Whether a Content-Type is one of `mediaTypes` (lower case; any case and white space in the header)
 * with no charset or UTF-8, the only encoding the service reads: a body in another one would be
 * stored garbled. Empty or malformed parameters are ignored, as for JSON.
 */
export function isUtf8ContentType(header: string | undefined, mediaTypes: readonly string[]): boolean {
  const [mediaType = '', ...parameters] = (header ?? '').split(';');
  if (!mediaTypes.includes(mediaType.trim().toLowerCase())) return false;
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() === 'charset' && !/^"?utf-?8"?$/i.test(value.trim())) return false;
  }
  return true;
}

/**
 * The most a sent form may weigh (bytes), for every route that takes one (the write page, Open311's
 * POST requests): every field at its longest, percent-encoded (a Chinese character is 9 bytes:
 * `%E8%B7%AF`, so a body of 2,000 characters alone is 18 KB), with room to spare. JSON's limit
 * (`MAX_BODY_BYTES`) counts UTF-8 bytes, 3 a character: a form's would refuse the same text.
 */
export const FORM_MAX_BYTES = 64 * 1024;

/**
 * A form whose percent-encoded bytes are not well-formed UTF-8 (the only encoding the service reads) is
 * malformed (400): decoded leniently, what the citizen typed would be stored as U+FFFD. (The text
 * read here is kept: the validator parses the same body.)
 */
export function refuseMalformedForm(body: string): void {
  for (const part of body.split(/[&=]/)) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      throw new ApiError('malformed_json');
    }
  }
}

/**
 * How deep a request body may nest objects and arrays. The deepest body the API defines is 4 (a site's
 * settings); a parser handed thousands of `[` spends its stack and time on nothing.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * The deepest nesting of objects and arrays in JSON text (brackets inside strings do not count),
 * read in one pass before any parser runs. Text that is not JSON gives some number; the parser then refuses it.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // a backslash: the next character is escaped
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return deepest;
}

/** Reads bytes as UTF-8, refusing what is not: decoded leniently, they would be stored as U+FFFD. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Requests with a body must be JSON and small. Checked before validation: the OpenAPI
 * validator silently skips bodies of other types, and nothing large should be read at all. A JSON
 * Content-Type is passed on in its plain form, which the validator recognises however it was written.
 * A body that is not well-formed UTF-8 is malformed JSON (400), not text to repair; one nested deeper
 * than `MAX_JSON_DEPTH` is 400 `json_too_deep`; one over `MAX_BODY_BYTES` 413 `payload_too_large`.
 * Fields a route does not define are ignored, on every route (its schema drops them: never stored,
 * never an error), so a newer client may send what an older service does not know. Paths matching
 * `rawBody` (a photo upload) read their body themselves, with their own size cap.
 */
export function jsonBody({ rawBody }: { rawBody?: RegExp } = {}): MiddlewareHandler<AppEnv> {
  return async function jsonBody(c, next) {
    if (c.req.method !== 'POST' && c.req.method !== 'PUT' && c.req.method !== 'PATCH') return next();
    if (rawBody?.test(c.req.path)) return next();
    const contentType = c.req.header('Content-Type');
    if (!isJsonContentType(contentType)) throw new ApiError('unsupported_media_type');
    if (contentType !== 'application/json') {
      const headers = new Headers(c.req.raw.headers);
      headers.set('Content-Type', 'application/json');
      c.req.raw = new Request(c.req.raw, { headers });
    }
    const limit = bodyLimit({
      maxSize: Number(c.env.MAX_BODY_BYTES) || 16_384,
      onError: () => {
        throw new ApiError('payload_too_large');
      },
    });
    return limit(c, async () => {
      const bytes = await c.req.arrayBuffer(); // kept: the validator parses these same bytes
      let text: string;
      try {
        text = utf8.decode(bytes);
      } catch {
        throw new ApiError('malformed_json');
      }
      if (jsonDepth(text) > MAX_JSON_DEPTH) throw new ApiError('json_too_deep');
      await next();
    });
  };
}
