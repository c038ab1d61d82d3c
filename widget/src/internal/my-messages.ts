import type { MessageStatus, Moderation } from '../../../sdk/src/schemas/common';

/** A message whose tracking code this browser remembers, with what was last seen of it. */
export interface RememberedMessage {
  id: string;
  trackingCode: string;
  title: string;
  /** When it was sent (ISO). */
  createdAt: string;
  /** Its state when last looked up with `/track` (or when sent), and when that was (ISO). */
  status: MessageStatus;
  moderation: Moderation;
  checkedAt: string;
}

/** At most this many are kept; the oldest go first. */
const MAX_REMEMBERED = 50;

/** Fired on `window` when a list changes in this tab (`storage` fires only in the other tabs). */
const CHANGED = 'liuyan:my-messages-changed';

/**
 * 我的留言: the tracking codes the citizen chose to remember on this device (opt-in, on the receipt),
 * kept in this browser's `localStorage` per site and sent nowhere but to `/track` and `/my-data`
 * when the citizen opens one. Storage can be unavailable (private browsing): then nothing is kept.
 * Shared by `<liuyan-form>` (remember) and `<liuyan-track>` (list, open, forget).
 */
export class MyMessages {
  private readonly key: string;

  constructor(site: string) {
    this.key = `liuyan:${site}:my-messages`;
  }

  /**
   * Calls `onChange` whenever a list of remembered codes changes: in this tab (a receipt's 记住查询码
   * while `<liuyan-track>` is on the same page) or in another tab. Returns how to stop listening.
   */
  static watch(onChange: () => void): () => void {
    const fromOtherTab = (event: StorageEvent) => {
      if (event.key === null || event.key.endsWith(':my-messages')) onChange();
    };
    addEventListener(CHANGED, onChange);
    addEventListener('storage', fromOtherTab);
    return () => {
      removeEventListener(CHANGED, onChange);
      removeEventListener('storage', fromOtherTab);
    };
  }

  /** Newest first. */
  list(): RememberedMessage[] {
    try {
      const stored = JSON.parse(localStorage.getItem(this.key) ?? '[]') as unknown;
      return Array.isArray(stored) ? (stored as RememberedMessage[]).filter((m) => typeof m?.trackingCode === 'string') : [];
    } catch {
      return [];
    }
  }

  has(id: string): boolean {
    return this.list().some((m) => m.id === id);
  }

  /** Adds or refreshes one; returns whether it could be kept. */
  remember(message: RememberedMessage): boolean {
    return this.save([message, ...this.list().filter((m) => m.id !== message.id)].slice(0, MAX_REMEMBERED));
  }

  /** What a lookup found now: only for messages already remembered. */
  refresh(id: string, seen: Pick<RememberedMessage, 'status' | 'moderation' | 'title'>, at: string): void {
    const list = this.list();
    if (list.some((m) => m.id === id)) this.save(list.map((m) => (m.id === id ? { ...m, ...seen, checkedAt: at } : m)));
  }

  forget(id: string): void {
    this.save(this.list().filter((m) => m.id !== id));
  }

  private save(list: RememberedMessage[]): boolean {
    try {
      if (list.length === 0) localStorage.removeItem(this.key);
      else localStorage.setItem(this.key, JSON.stringify(list));
      dispatchEvent(new Event(CHANGED));
      return true;
    } catch {
      return false;
    }
  }
}
