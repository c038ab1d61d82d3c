import type { FieldError, Problem, ProblemCode } from './schemas/error';

/**
 * Every failure the client reports. `code` is the service's stable problem code, or `network`
 * when no answer arrived (offline, timed out) after the client's retries.
 */
export class LiuyanError extends Error {
  readonly status: number;
  readonly code: ProblemCode | 'network';
  readonly problem: Problem | null;

  constructor(status: number, code: ProblemCode | 'network', message: string, problem: Problem | null = null, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LiuyanError';
    this.status = status;
    this.code = code;
    this.problem = problem;
  }

  /** Field errors of a 422, empty otherwise. */
  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }

  /** Worth sending again unchanged: no answer, or the service was briefly unable to answer. */
  get retryable(): boolean {
    return this.code === 'network' || this.status >= 500 || this.status === 429;
  }
}
