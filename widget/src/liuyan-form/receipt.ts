// The receipt: the tracking code once the message is stored, 复制查询码 and 记住查询码. A chunk of its
// own (bench/README.md), fetched when the citizen comes into the form (or a queued message is shown),
// long before the answer it shows, so a receipt arriving after the network dropped finds it there.
// It imports no Lit and nothing the form's file holds (part-host.ts says why); the copy helper and
// the device's list of codes are the receipt's alone, so they come with it.
import type { TemplateResult } from 'lit';
import type { MessageCreated } from '../../../sdk/src/schemas/message';
import type { Locale } from '../../../sdk/src/languages';
import { copyText, type CopyOutcome } from '../../../ui/copy-text';
import { MyMessages } from '../internal/my-messages';
import type { PartHost } from './part-host';

/** What the receipt takes from the form besides the common part. */
export interface ReceiptHost extends PartHost {
  readonly locale: Locale;
  readonly site: string;
  /** A date as the reader writes it (ui/localize.ts `formatDateTime`, without the time). */
  formatDate(iso: string): string;
  /** The message's title and public choice, as sent. */
  title(): string;
  isPublic(): boolean;
  /** 再写一条: an empty form, or the next submission waiting on the device (`anotherWaiting`). */
  startOver(): void;
  /** Whether another submission waits on the device to be sent (queued offline in another tab, or earlier). */
  anotherWaiting(): boolean;
  /** The tracking code's line, as the form draws it where this part has not come. */
  codeLine(code: string): TemplateResult;
}

/** One message's receipt: what the service answered, and what the citizen did with its code here. */
export class Receipt {
  private copyState: '' | CopyOutcome = '';
  /** The citizen chose to keep this message's code on this device; null when storage failed. */
  private remembered: boolean | null = false;

  constructor(private readonly host: ReceiptHost, private readonly created: MessageCreated) {}

  render(): TemplateResult {
    const { html, nothing, format, t } = this.host;
    const created = this.created;
    const another = this.host.anotherWaiting();
    return html`<section part="receipt" class="receipt" aria-labelledby="receipt-title">
      <h3 id="receipt-title">${t.submitted}</h3>
      <p id="code-label">${t.trackingCodeLabel}</p>
      ${this.host.codeLine(created.trackingCode)}
      <p class="notice warning" role="alert">${t.saveCodeWarning}</p>
      <p><button type="button" @click=${(e: Event) => this.copyCode(e.target as HTMLElement)}>${t.copy}</button>
        <span role="status">${this.copyState === 'copied' ? t.copied : this.copyState === 'selected' ? t.copySelected : nothing}</span></p>
      <div part="remember">
        <label class="choice block"><input id="remember" type="checkbox" .checked=${this.remembered === true} aria-describedby="remember-hint"
          @change=${(e: Event) => this.rememberCode((e.target as HTMLInputElement).checked)} />
          <span>${t.rememberCode}</span></label>
        <p id="remember-hint" class="muted hint">${this.remembered === null ? t.rememberFailed : t.rememberHint}</p>
      </div>
      <p class="muted">${format(t.dueAt, { date: this.host.formatDate(created.dueAt) })}</p>
      ${this.host.isPublic() ? (created.moderation === 'pending' ? html`<p class="muted">${t.pendingModeration}</p>` : nothing) : html`<p class="muted">${t.privateNotice}</p>`}
      ${another ? html`<p class="notice" part="another-waiting">${t.anotherWaiting}</p>` : nothing}
      <button type="button" class="secondary" @click=${() => this.host.startOver()}>${another ? t.sendNext : t.writeAnother}</button>
    </section>`;
  }

  /** Opt-in: keeps (or drops) the code in this browser, listed by `<liuyan-track>` under 我的留言. */
  private rememberCode(keep: boolean): void {
    const created = this.created;
    const store = new MyMessages(this.host.site);
    if (!keep) {
      store.forget(created.id);
      this.remembered = false;
    } else {
      const now = new Date().toISOString();
      this.remembered = store.remember({
        id: created.id, trackingCode: created.trackingCode, title: this.host.title().trim(), createdAt: now,
        status: created.status, moderation: created.moderation, checkedAt: now,
      }) || null;
    }
    this.host.requestUpdate();
  }

  /** `button`: 复制查询码, in the receipt's shadow root, where the code is too. */
  private async copyCode(button: HTMLElement): Promise<void> {
    const root = button.getRootNode() as ParentNode;
    this.copyState = await copyText(this.created.trackingCode, root.querySelector('[part="tracking-code"]')!);
    this.host.requestUpdate();
  }
}
