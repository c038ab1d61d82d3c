import { LiuyanError } from '../../../sdk/src/errors';
import type { LiuyanErrorDetail } from '../events';

/** The `liuyan-error` detail for a failure: the service's problem code, or `network`. */
export function errorDetail(error: unknown): LiuyanErrorDetail {
  const e = error instanceof LiuyanError ? error : null;
  return { code: e?.code ?? 'internal', status: e?.status ?? 0, fields: e?.fieldErrors.map((f) => f.field) ?? [] };
}

/** Whether a failure is worth a 重试 button (no answer, or the service was briefly unable to answer). */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof LiuyanError) || error.retryable;
}
