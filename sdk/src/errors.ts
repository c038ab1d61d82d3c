import type { FieldError, Problem, ProblemCode } from './schemas/error';

/**
 * Every failure the client reports. `code` is the service's stable problem code, or `network`
 * when no answer arrived (offline, timed out) after the client's retries.
 */
export class LiuyanError extends Error {
  readonly status: number;
  readonly code: ProblemCode | 'network';
  readonly problem: Problem | null;
  /** How long the service asks to wait before trying again (a 429's `Retry-After`), in seconds; null when it did not say. */
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number, code: ProblemCode | 'network', message: string, problem: Problem | null = null,
    options?: ErrorOptions & { retryAfterSeconds?: number | null },
  ) {
    super(message, options);
    this.name = 'LiuyanError';
    this.status = status;
    this.code = code;
    this.problem = problem;
    this.retryAfterSeconds = options?.retryAfterSeconds ?? null;
  }

  /** The error an unsuccessful answer stands for: its problem+json (if it is one) and its `Retry-After`. */
  static async fromResponse(response: Response): Promise<LiuyanError> {
    let problem: Problem | null = null;
    try {
      problem = (await response.json()) as Problem;
    } catch {
      // A proxy's HTML error page: report the status alone.
    }
    const retryAfter = Number(response.headers.get('Retry-After'));
    return new LiuyanError(response.status, problem?.code ?? 'internal', problem?.title ?? response.statusText, problem, {
      retryAfterSeconds: retryAfter > 0 ? retryAfter : null,
    });
  }

  /** Field errors of a 422, empty otherwise. */
  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }

  /**
   * Worth sending again unchanged, at once: no answer, or the service was briefly unable to answer.
   * Never a 4xx: the same request would get the same answer (a 429 asks to wait, see `retryAfterSeconds`).
   */
  get retryable(): boolean {
    return this.code === 'network' || this.status >= 500;
  }
}
