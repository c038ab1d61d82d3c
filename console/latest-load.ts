import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Loads where only the latest one counts (a level opened, then another before the first answered):
 * `loading` while the latest is on its way, `error` (in the reader's words, from `describe`) when it
 * failed; an earlier load's answer or failure is dropped. The host redraws on each change.
 */
export class LatestLoad implements ReactiveController {
  loading = false;
  error = '';
  private latest = 0;

  constructor(private readonly host: ReactiveControllerHost, private readonly describe: (error: unknown) => string) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Drops the load on its way (what the host shows now needs none). */
  cancel(): void {
    this.latest++;
    this.loading = false;
    this.error = '';
    this.host.requestUpdate();
  }

  /** Starts a load: `fetch`'s answer goes to `show` unless a later load was started meanwhile. */
  async run<T>(fetch: () => Promise<T>, show: (answer: T) => void): Promise<void> {
    const load = ++this.latest;
    this.loading = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      const answer = await fetch();
      if (load === this.latest) show(answer);
    } catch (error) {
      if (load === this.latest) this.error = this.describe(error);
    } finally {
      if (load === this.latest) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }
}
