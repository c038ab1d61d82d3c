import { LiuyanError } from './errors';

/** How every request to the service is made, by the public client and the console client alike. */
export interface RequestSettings {
  fetch: typeof fetch;
  /** Language for the service's error messages (`zh-CN` or `en`). */
  locale?: string;
  /** Give up on one attempt after this long, in milliseconds; none when not given. */
  timeoutMs?: number;
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
  const timeout = settings.timeoutMs === undefined ? undefined : AbortSignal.timeout(settings.timeoutMs);
  const signal = init.signal && timeout ? AbortSignal.any([init.signal, timeout]) : (init.signal ?? timeout);
  let response: Response;
  try {
    response = await settings.fetch(url, { ...init, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw new LiuyanError(0, 'network', 'No answer from the service', null, { cause });
  }
  if (response.status === 204) return undefined as T;
  if (response.ok) return (await response.json()) as T;
  throw await LiuyanError.fromResponse(response);
}

/** `?a=1&b=2` of the values given (none, null or empty are left out); empty when there are none. */
export function queryString(query: object = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  return params.size > 0 ? `?${params}` : '';
}
