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

/** Forgets every kept reply (on 退出登录: the next person at this browser must not find them). */
export function forgetReplyDrafts(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // Nothing could be kept either.
  }
}
