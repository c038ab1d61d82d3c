import { LiuyanError } from '../sdk/src/errors';

/**
 * Requests to the console API: same origin, the session cookie, JSON both ways. The service
 * accepts changes only with the console's own Origin, which a same-origin `fetch` always sends.
 */
export class ConsoleApi {
  constructor(private readonly locale: string) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  /** Actions with nothing to say send `{}`: every console POST is JSON. */
  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  /** Admin changes: only the fields given change. */
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  /** Admin replacements (a year's calendar): the body is the whole new state. */
  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path);
  }

  private async request<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': this.locale };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(path, {
        method, headers, credentials: 'same-origin', cache: 'no-store',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      throw new LiuyanError(0, 'network', 'No answer from the service', null, { cause });
    }
    if (response.status === 204) return undefined as T;
    if (response.ok) return (await response.json()) as T;
    throw await LiuyanError.fromResponse(response);
  }
}
