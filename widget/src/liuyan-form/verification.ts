// The SMS code of a site that asks for one (`notifications.phoneVerification` in the site config):
// its field, 获取验证码 and the countdown before asking again. A chunk of its own (≈ 0.6 KB gzip;
// bench/README.md), fetched as soon as the config says the site asks for a code; the other sites
// never download it. It imports types only (part-host.ts says why).
import type { TemplateResult } from 'lit';
import type { PartHost } from './part-host';

/** What the code's field takes from the form besides the common part: the phone and code typed. */
export interface VerificationHost extends PartHost {
  phone(): string;
  code(): string;
  setCode(code: string): void;
}

/** The code asked for: on its way, sent (and the seconds until another may be asked for), or why not. */
interface CodeRequest {
  state: 'idle' | 'sending' | 'sent';
  wait: number;
  phone: string;
  minutes: number;
  error: string;
}

export class Verification {
  private request: CodeRequest = { state: 'idle', wait: 0, phone: '', minutes: 0, error: '' };
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: VerificationHost) {}

  render(): TemplateResult {
    const { html, nothing, format, t } = this.host;
    const r = this.request;
    const id = 'verificationCode';
    return this.host.field(id, this.host.fieldLabel(id), html`<div class="code-row">
        <input id=${id} name=${id} inputmode="numeric" autocomplete="one-time-code" maxlength="6" required .value=${this.host.code()}
          aria-invalid=${this.host.invalid(id)} aria-describedby=${this.host.describedBy(id, `${id}-status`)}
          @input=${(e: Event) => this.host.setCode((e.target as HTMLInputElement).value)} />
        <button type="button" class="secondary" part="get-code" ?disabled=${r.state === 'sending' || r.wait > 0} @click=${() => this.requestCode()}>
          ${r.state === 'sending' ? t.codeSending : r.wait > 0 ? format(t.resendIn, { seconds: r.wait }) : t.getCode}</button>
      </div>
      <p id="${id}-status" class="muted hint" role="status">${r.state === 'sent' ? format(t.codeSent, { phone: r.phone, minutes: r.minutes }) : nothing}</p>
      ${r.error ? html`<p class="error" role="alert">${r.error}</p>` : nothing}`);
  }

  /** The form left the page: the countdown stops. */
  stop(): void {
    clearInterval(this.timer);
  }

  private set(request: CodeRequest): void {
    this.request = request;
    this.host.requestUpdate();
  }

  /** 获取验证码: asks the service to text a code to the phone typed, then counts down until another may be asked for. */
  private async requestCode(): Promise<void> {
    const phone = this.host.phone().trim();
    if (!phone) return this.host.setError('author.phone', this.host.t.codeNeedsPhone, true);
    this.set({ ...this.request, state: 'sending', error: '' });
    try {
      const sent = await this.host.client().requestVerificationCode(phone);
      this.countDown({ state: 'sent', wait: sent.resendAfterSeconds, phone, minutes: Math.round(sent.expiresInSeconds / 60), error: '' });
    } catch (error) {
      const { fieldErrors: [field], retryAfterSeconds, text } = this.host.failure(error, this.host.t.codeNotSent);
      if (field) {
        // An unusable number is the phone field's error, where the citizen fixes it.
        this.set({ ...this.request, state: 'idle' });
        this.host.setError('author.phone', this.host.fieldError('author.phone', field.code, field.params), true);
      } else {
        // Nothing was sent (the provider down, the network): said plainly, and 获取验证码 works again at once.
        this.countDown({ ...this.request, state: 'idle', wait: retryAfterSeconds, error: text });
      }
      this.host.report(error);
    }
  }

  private countDown(request: CodeRequest): void {
    clearInterval(this.timer);
    this.set(request);
    if (request.wait <= 0) return;
    this.timer = setInterval(() => {
      const wait = this.request.wait - 1;
      this.set({ ...this.request, wait });
      if (wait <= 0) clearInterval(this.timer);
    }, 1000);
  }
}
