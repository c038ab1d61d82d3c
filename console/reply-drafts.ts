import type { ReplyKind } from '../sdk/src/vocabulary';

/**
 * A draft's send: the `Idempotency-Key` it went with and the input it was for (JSON). Kept with the
 * draft before the request leaves, so the same draft sent again — after an answer lost on the way,
 * or from the page rebuilt while the first send was still on its way (Back, then Forward) — is the
 * same request to the service, which does its work once.
 */
export interface Sending {
  key: string;
  input: string;
}

/** The send of `input`: `previous` where it was for the same input, else a new key (anything changed is a new request). */
export function sendingOf(previous: Sending | undefined, input: unknown): Sending {
  const json = JSON.stringify(input);
  return previous?.input === json ? previous : { key: crypto.randomUUID(), input: json };
}

/** A kept draft's send, where it holds a well-formed one. */
function keptSending(value: unknown): Sending | undefined {
  const sending = value as Partial<Sending> | null | undefined;
  return typeof sending?.key === 'string' && typeof sending.input === 'string' ? { key: sending.key, input: sending.input } : undefined;
}

/** A reply as it is being written on a message's page; `sending` once it has been sent. */
export interface ReplyDraft {
  kind: ReplyKind;
  body: string;
  templateId: string;
  sending?: Sending;
}

const PREFIX = 'liuyan:reply-draft:';

/** The reply being written for message `id` when this tab last left its page, if any. */
export function keptReplyDraft(id: string): ReplyDraft | null {
  try {
    const kept = JSON.parse(sessionStorage.getItem(PREFIX + id) ?? 'null') as Partial<ReplyDraft> | null;
    return kept && typeof kept.body === 'string' && (kept.kind === 'interim' || kept.kind === 'final')
      ? { kind: kept.kind, body: kept.body, templateId: typeof kept.templateId === 'string' ? kept.templateId : '', sending: keptSending(kept.sending) }
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
  /** Once sent: kept until its answer has come, for 受理 and the confirmations too, which have no field. */
  sending?: Sending;
}

const FORM_PREFIX = 'liuyan:form-draft:';

/** The form this tab was filling in on message `id`'s page when it last left it, if any. */
export function keptFormDraft(id: string): FormDraft | null {
  try {
    const kept = JSON.parse(sessionStorage.getItem(FORM_PREFIX + id) ?? 'null') as Partial<FormDraft> | null;
    if (!kept || typeof kept.action !== 'string' || typeof kept.fields !== 'object' || kept.fields === null) return null;
    const fields = Object.fromEntries(Object.entries(kept.fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    return { action: kept.action, fields, sending: keptSending(kept.sending) };
  } catch {
    return null;
  }
}

/**
 * Keeps the action form being filled in on message `id`'s page in this tab's `sessionStorage`, as a
 * reply is kept: a reload, a sign-in in between or a look at another page does not lose a reason
 * typed. A form with no words typed and not sent is forgotten; `null` forgets it (done, or cancelled).
 */
export function keepFormDraft(id: string, draft: FormDraft | null): void {
  try {
    // Typing keeps the draft's send (restoring a form types it again): whether it still applies is
    // judged by its input when the form is sent (`sendingOf`).
    const kept = draft && !draft.sending ? keptFormDraft(id) : null;
    const sending = draft?.sending ?? (kept?.action === draft?.action ? kept?.sending : undefined);
    if (draft && (sending || Object.values(draft.fields).some((value) => value.trim()))) sessionStorage.setItem(FORM_PREFIX + id, JSON.stringify({ ...draft, sending }));
    else sessionStorage.removeItem(FORM_PREFIX + id);
  } catch {
    // Private browsing with storage off: kept in the page only.
  }
}

/**
 * Whether this tab keeps a reply or an action's form with words typed, for any message: kept for the
 * tab only, it would be lost with it, so closing the tab asks first (the shell's `beforeunload`).
 */
export function hasKeptDrafts(): boolean {
  try {
    return Object.keys(sessionStorage).some((key) => key.startsWith(PREFIX) || key.startsWith(FORM_PREFIX));
  } catch {
    return false;
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
