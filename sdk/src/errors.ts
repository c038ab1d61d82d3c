import type { FieldError, Problem, ProblemCode } from './schemas/error';

/**
 * Every failure the client reports. `code` is the service's stable problem code, or `network`
 * when no answer arrived (offline, timed out) after the client's retries.
 */
export class LiuyanError extends Error {
  /** The HTTP status; 0 when no answer came. */
  readonly status: number;
  readonly code: ProblemCode | 'network';
  readonly problem: Problem | null;
  /** How long the service asks to wait before trying again (a 429's or 503's `Retry-After`), in seconds; null when it did not say. */
  readonly retryAfterSeconds: number | null;
  /** The service's id of the request (`X-Request-Id`), to quote when asking its operators; null when no answer came. */
  readonly requestId: string | null;

  constructor(
    status: number, code: ProblemCode | 'network', message: string, problem: Problem | null = null,
    options?: ErrorOptions & { retryAfterSeconds?: number | null; requestId?: string | null },
  ) {
    super(message, options);
    this.name = 'LiuyanError';
    this.status = status;
    this.code = code;
    this.problem = problem;
    this.retryAfterSeconds = options?.retryAfterSeconds ?? null;
    this.requestId = options?.requestId ?? null;
  }

  /** The error an unsuccessful answer stands for: its problem+json (if it is one), `Retry-After` and `X-Request-Id`. */
  static async fromResponse(response: Response): Promise<LiuyanError> {
    let problem: Problem | null = null;
    try {
      problem = (await response.json()) as Problem;
    } catch {
      // A proxy's HTML error page: report the status alone.
    }
    return new LiuyanError(response.status, problem?.code ?? 'internal', problem?.title ?? response.statusText, problem, {
      retryAfterSeconds: retryAfterSeconds(response.headers.get('Retry-After')),
      requestId: response.headers.get('X-Request-Id'),
    });
  }

  /** Field errors of a 422 (`{ field, code, message, params? }`, `field` a dotted path such as `author.phone`), empty otherwise. */
  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }

  /** The same as `fieldErrors`. */
  get fields(): FieldError[] {
    return this.fieldErrors;
  }

  /** The same as `retryAfterSeconds`, in seconds. */
  get retryAfter(): number | null {
    return this.retryAfterSeconds;
  }

  /**
   * Worth sending again unchanged, at once: no answer, or the service was briefly unable to answer.
   * Never a 4xx: the same request would get the same answer (a 429 asks to wait, see `retryAfterSeconds`).
   */
  get retryable(): boolean {
    return this.code === 'network' || this.status >= 500;
  }
}

/**
 * Seconds from a `Retry-After` header, either delay-seconds or an HTTP date (RFC 9110 §10.2.3);
 * null when absent, unreadable or not in the future.
 */
function retryAfterSeconds(header: string | null): number | null {
  if (!header) return null;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null;
}
