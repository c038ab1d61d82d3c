import { newIdempotencyKey } from '../../../sdk/src/client';

/**
 * What the citizen typed, kept in this browser until the service confirms it has the message:
 * a reload, a crash or a dead battery loses nothing. Storage can be unavailable (private
 * browsing, full quota); then the form still works, only without this safety net.
 */
export class DraftStore<T> {
  private readonly draftKey: string;
  private readonly pendingKey: string;

  constructor(site: string) {
    this.draftKey = `liuyan:${site}:draft`;
    this.pendingKey = `liuyan:${site}:pending`;
  }

  load(): T | null {
    return this.read<T>(this.draftKey);
  }

  save(values: T): void {
    this.write(this.draftKey, values);
  }

  /**
   * The Idempotency-Key for sending `body`: the one already used for exactly this body (so a
   * resend after a failure or a reload lands on the same message), or a new one.
   */
  keyFor(body: string): string {
    const pending = this.read<{ key: string; body: string }>(this.pendingKey);
    if (pending?.body === body) return pending.key;
    const key = newIdempotencyKey();
    this.write(this.pendingKey, { key, body });
    return key;
  }

  /** The service answered for good: nothing more to resend. */
  settle(): void {
    this.remove(this.pendingKey);
  }

  clear(): void {
    this.remove(this.draftKey);
    this.remove(this.pendingKey);
  }

  private read<R>(key: string): R | null {
    try {
      const raw = localStorage.getItem(key);
      return raw ? (JSON.parse(raw) as R) : null;
    } catch {
      return null;
    }
  }

  private write(key: string, value: unknown): void {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // No storage: keep working without it.
    }
  }

  private remove(key: string): void {
    try {
      localStorage.removeItem(key);
    } catch {
      // No storage: nothing to remove.
    }
  }
}
