import { LiuyanError } from '../../../sdk/src/errors';
import type { LiuyanErrorDetail } from '../events';
import type { BaseStrings } from '../../../ui/translations/base.zh-cn';
import { format, waitText } from '../../../ui/localize';

/** The `liuyan-error` detail for a failure: the service's problem code, or `network`. */
export function errorDetail(error: unknown): LiuyanErrorDetail {
  const e = error instanceof LiuyanError ? error : null;
  return { code: e?.code ?? 'internal', status: e?.status ?? 0, fields: e?.fieldErrors.map((f) => f.field) ?? [] };
}

/**
 * Whether trying again could help: not on a website the site does not allow, nor for a site that does
 * not exist (a mistyped `site`), nor for an attribute the service refuses (`validation`: a `campaign`
 * or `unit` the site does not have); the page's editor has to act. The elements offer 重试 only where
 * it could.
 */
export function retryCanHelp(error: unknown): boolean {
  return !(error instanceof LiuyanError && (error.code === 'origin_not_allowed' || error.code === 'site_not_found' || error.code === 'validation'));
}

/**
 * Whether the service refused a citizen's action because the message is not as the page showed it
 * (409: rated or asked from another device or tab, answered again, closed; `already_rated`,
 * `follow_up_pending`, `new_reply`, … in sdk/src/schemas/error.ts): the page reads it again rather
 * than leave a form that can only be refused again.
 */
export function changedMeanwhile(error: unknown): error is LiuyanError {
  return error instanceof LiuyanError && error.status === 409;
}

/** Said once per page: the editor looking at the browser console learns what to do. */
let notAllowedWarned = false;

/**
 * What to tell the citizen about a failure, in the element's language: that this website may not
 * embed the board (and, in the browser console, which origin an admin must add, and where), to wait
 * after too many requests, or `fallback` when there was no answer, the service failed or the answer
 * was not the service's. Otherwise the service's own sentence.
 */
export function failureText(error: unknown, t: BaseStrings, fallback: string): string {
  if (!(error instanceof LiuyanError)) return fallback;
  if (error.code === 'origin_not_allowed') {
    if (!notAllowedWarned) {
      notAllowedWarned = true;
      console.warn(`Liuyan: this page's origin ${location.origin} is not allowed to embed the site's message board. `
        + 'An admin of the site adds it in the console: 站点管理 → 站点设置 → 允许嵌入的网站 (Administration → Site settings → Allowed websites).');
    }
    return format(t.notAllowed, { origin: location.origin });
  }
  if (error.code === 'too_many_requests') {
    return format(error.problem?.limit === 'phone' ? t.tooManyForPhone : t.tooManyRequests, { wait: waitText(t, error.retryAfterSeconds ?? 60) });
  }
  // No answer, the service failed, or an answer that is not the service's (a proxy's or a firewall's
  // page, whose status text is in English and names nothing the citizen could do).
  if (error.code === 'network' || error.status >= 500 || error.problem === null) return fallback;
  // What the service refused, each in its own sentence (专栏不存在), rather than the title they share
  // (请检查填写的内容), which names nothing a reader could check.
  if (error.fieldErrors.length > 0) return error.fieldErrors.map((e) => e.message).join(t.sentenceSeparator);
  return error.message;
}
