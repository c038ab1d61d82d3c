import { LiuyanError } from './errors';

/** The header that carries D1's read-replication bookmark both ways (see `RequestSettings.session`). */
export const BOOKMARK_HEADER = 'x-d1-bookmark';

/** How every request to the service is made, by the public client and the console client alike. */
export interface RequestSettings {
  fetch: typeof fetch;
  /** Language for the service's error messages (`zh-CN` or `en`). */
  locale?: string;
  /** Give up on one attempt after this long, in milliseconds; none when not given. */
  timeoutMs?: number;
  /** Attempts after the first, for requests that are safe to repeat (`sendJson`); none when not given. */
  retries?: number;
  /**
   * The longest wait before a retry, in milliseconds (default 30 s): a `Retry-After` asking for more
   * is reported to the caller as the error instead of waited out.
   */
  maxRetryDelayMs?: number;
  /**
   * D1 read replication: the last bookmark the service answered with (`x-d1-bookmark`), sent back
   * with every later request, so a read made after a write sees it even when a replica answers.
   */
  session?: { bookmark: string | null };
}

/** Told before each retry, e.g. to show "retrying…" to someone waiting. */
export interface RetryNotice {
  /** The attempt about to be made, counting from 2. */
  attempt: number;
  /** The wait before it, in milliseconds: the service's `Retry-After` when it gave one, else backoff with jitter. */
  delayMs: number;
  error: LiuyanError;
}

/** A request's settings apart from its body (sent as JSON); `idempotent` vouches that repeating it is safe. */
export type JsonRequestInit = Omit<RequestInit, 'body'> & { idempotent?: boolean };

/** What a caller may pass to any one call. */
export interface CallOptions {
  /** Aborts the call, retries and waits included: it then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Told before each retry (only calls that are safe to repeat are retried). */
  onRetry?: (notice: RetryNotice) => void;
}

/**
 * One request, JSON both ways: `body`, when given, is sent as JSON. Resolves with the parsed answer
 * (undefined for 204 No Content). Rejects with a `LiuyanError`: status 0 and code `network` when
 * no answer came (or it took longer than `timeoutMs`), otherwise the service's problem+json.
 * An abort by the caller's own `signal` rejects with the signal's reason, untouched.
 */
export async function requestJson<T>(settings: RequestSettings, url: string, init: RequestInit & { body?: never }, body?: unknown): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  if (settings.locale) headers.set('Accept-Language', settings.locale);
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  if (settings.session?.bookmark) headers.set(BOOKMARK_HEADER, settings.session.bookmark);
  const timeout = settings.timeoutMs === undefined ? undefined : AbortSignal.timeout(settings.timeoutMs);
  const signal = init.signal && timeout ? AbortSignal.any([init.signal, timeout]) : (init.signal ?? timeout);
  let response: Response;
  try {
    response = await settings.fetch(url, { ...init, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw new LiuyanError(0, 'network', 'No answer from the service', null, { cause });
  }
  const bookmark = response.headers.get(BOOKMARK_HEADER);
  if (bookmark && settings.session) settings.session.bookmark = bookmark;
  if (response.status === 204) return undefined as T;
  if (response.ok) return (await response.json()) as T;
  throw await LiuyanError.fromResponse(response);
}

/**
 * Whether a request may be sent again without doing its work twice: a GET or HEAD, or a request
 * carrying an `Idempotency-Key` (the service answers a repeat with the first answer), or one the
 * caller vouches for (`idempotent`, e.g. a support, which counts once per supporter).
 */
function safeToRepeat(init: JsonRequestInit): boolean {
  const method = (init.method ?? 'GET').toUpperCase();
  return method === 'GET' || method === 'HEAD' || init.idempotent === true || new Headers(init.headers).has('Idempotency-Key');
}

/**
 * `requestJson`, repeated up to `settings.retries` times when it is safe (`safeToRepeat`) and worth
 * it: no answer, or a 5xx — never a 4xx, a 429 included (its wait is the caller's to show: "try again
 * in N minutes"). Waits the service's `Retry-After` when it gives one (a 503's), unless it is longer
 * than `maxRetryDelayMs`, else exponential backoff from 0.5 s (capped at 8 s) with ±25 % jitter, so
 * many clients coming back after an outage do not arrive together.
 */
export async function sendJson<T>(
  settings: RequestSettings, url: string, init: JsonRequestInit, body?: unknown, call: CallOptions = {},
): Promise<T> {
  const { idempotent: _, ...requestInit } = init;
  const retries = safeToRepeat(init) ? (settings.retries ?? 0) : 0;
  const maxDelayMs = settings.maxRetryDelayMs ?? 30_000;
  const signal = call.signal ?? init.signal ?? undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await requestJson<T>(settings, url, { ...requestInit, signal }, body);
    } catch (error) {
      if (!(error instanceof LiuyanError) || attempt > retries) throw error;
      const askedMs = error.retryAfterSeconds === null ? null : error.retryAfterSeconds * 1000;
      if (!error.retryable || (askedMs !== null && askedMs > maxDelayMs)) throw error;
      const delayMs = askedMs ?? Math.min(8_000, 500 * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
      call.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await sleep(delayMs, signal);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/** `?a=1&b=2` of the values given (none, null or empty are left out); empty when there are none. */
export function queryString(query: object = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  return params.size > 0 ? `?${params}` : '';
}
