import type { ReplyKind } from '../sdk/src/vocabulary';

/** A reply as it is being written on a message's page. */
export interface ReplyDraft {
  kind: ReplyKind;
  body: string;
  templateId: string;
}

const PREFIX = 'liuyan:reply-draft:';

/** The reply being written for message `id` when this tab last left its page, if any. */
export function keptReplyDraft(id: string): ReplyDraft | null {
  try {
    const kept = JSON.parse(sessionStorage.getItem(PREFIX + id) ?? 'null') as Partial<ReplyDraft> | null;
    return kept && typeof kept.body === 'string' && (kept.kind === 'interim' || kept.kind === 'final')
      ? { kind: kept.kind, body: kept.body, templateId: typeof kept.templateId === 'string' ? kept.templateId : '' }
      : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the reply being written for message `id` in this tab's `sessionStorage`, so that a sign-in
 * in between (the session ran out while the official was typing) or a look at another page does
 * not lose it; an empty one is forgotten. Storage can be unavailable: then it lives in the page only.
 */
export function keepReplyDraft(id: string, draft: ReplyDraft): void {
  try {
    if (draft.body.trim()) sessionStorage.setItem(PREFIX + id, JSON.stringify(draft));
    else sessionStorage.removeItem(PREFIX + id);
  } catch {
    // Private browsing with storage off: kept in the page only.
  }
}

/**
 * Another action's form as it is being filled in (转办, 延期, 驳回, 隐藏, 内部备注, 采纳): the action
 * and its fields' values by name. The reply has its own (`ReplyDraft`), with its kind and template.
 */
export interface FormDraft {
  action: string;
  fields: Record<string, string>;
}

const FORM_PREFIX = 'liuyan:form-draft:';

/** The form this tab was filling in on message `id`'s page when it last left it, if any. */
export function keptFormDraft(id: string): FormDraft | null {
  try {
    const kept = JSON.parse(sessionStorage.getItem(FORM_PREFIX + id) ?? 'null') as Partial<FormDraft> | null;
    if (!kept || typeof kept.action !== 'string' || typeof kept.fields !== 'object' || kept.fields === null) return null;
    const fields = Object.fromEntries(Object.entries(kept.fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    return { action: kept.action, fields };
  } catch {
    return null;
  }
}

/**
 * Keeps the action form being filled in on message `id`'s page in this tab's `sessionStorage`, as a
 * reply is kept: a reload, a sign-in in between or a look at another page does not lose a reason
 * typed. A form with no words typed is forgotten; `null` forgets it (sent, or cancelled).
 */
export function keepFormDraft(id: string, draft: FormDraft | null): void {
  try {
    if (draft && Object.values(draft.fields).some((value) => value.trim())) sessionStorage.setItem(FORM_PREFIX + id, JSON.stringify(draft));
    else sessionStorage.removeItem(FORM_PREFIX + id);
  } catch {
    // Private browsing with storage off: kept in the page only.
  }
}

/** Forgets every kept reply and form (on 退出登录: the next person at this browser must not find them). */
export function forgetReplyDrafts(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX) || key.startsWith(FORM_PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // Nothing could be kept either.
  }
}
