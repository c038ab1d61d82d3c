import { html, nothing, type PropertyValues } from 'lit';
import { LiuyanError } from '../../../sdk/src/errors';
import type { PublicMessageDetail } from '../../../sdk/src/schemas/message';
import { errorDetail, failureText, retryCanHelp } from '../internal/errors';
import { defineElement, LiuyanElement } from '../../../ui/liuyan-element';
import { Localized } from '../../../ui/localize';
import { tokens } from '../../../ui/tokens.styles';
import { statusStyles } from '../../../ui/status.styles';
import { messageStyles } from './liuyan-message.styles';
import { photoStyles } from '../../../ui/photos';
import { renderMessage } from './render-message';
import { pressSupport, revealSupportFailure, supportedCounts, withRememberedCount } from './support';
import { messageZhCN, type MessageStrings } from './strings.zh-cn';
import { onDemand } from '../../../ui/on-demand';

type Phase = 'idle' | 'loading' | 'ready' | 'failed' | 'not-found';

/**
 * @summary One public message: what was written, every reply signed by its unit (interim and final),
 * the public timeline and the citizen's rating. `<liuyan-list>` shows the same view when a message is opened.
 *
 * @event liuyan-error - The message could not be shown. `detail`: `{ code, status, fields }`.
 *
 * @csspart message - The message.
 * @csspart status - The status badge (待受理 / 已受理 / 办理中 / 已回复 / 已办结).
 * @csspart adopted - The 已采纳 tag of a suggestion an official took up.
 * @csspart adoption - The official's note on what was taken up.
 * @csspart photos - A message's or a reply's photos.
 * @csspart cover - The first photo's small version, a link to the whole photo.
 * @csspart photo-private - Beside a photo only the author and the officials see: 不公开.
 * @csspart photo-hidden - Beside a photo a moderator hid: why.
 * @csspart campaign - The suggestion drive (建言专栏) the message was written to, when it was written to one.
 * @csspart author - The masked display name.
 * @csspart body - What the citizen wrote.
 * @csspart reply - Each official reply; also `reply-interim` or `reply-final`.
 * @csspart timeline - The list of events.
 * @csspart rating - The satisfaction rating.
 * @csspart support - The 我也关注 button (`aria-pressed` once the reader has pressed it) and its count.
 * @csspart support-failed - Under 我也关注, why the press was not counted (no connection, too many presses); gone on the next press.
 *
 * @cssproperty --liuyan-color-awaiting - 待受理 (default red).
 * @cssproperty --liuyan-color-accepted - 已受理 (default blue).
 * @cssproperty --liuyan-color-in-progress - 办理中 and interim replies (default orange).
 * @cssproperty --liuyan-color-answered - 已回复 and final replies (default green).
 * @cssproperty --liuyan-color-closed - 已办结 (default grey).
 */
const strings = new Localized<MessageStrings>(messageZhCN, {
  en: onDemand(() => import('./strings.en'), (m) => m.messageEn),
  'zh-TW': onDemand(() => import('./strings.zh-tw'), (m) => m.messageZhTW),
});

export class LiuyanMessage extends LiuyanElement<MessageStrings> {
  static override styles = [tokens, statusStyles, messageStyles, photoStyles];

  protected readonly strings = strings;

  static override properties = {
    ...LiuyanElement.properties,
    messageId: { type: String, attribute: 'message-id' },
    message: { state: true },
    phase: { state: true },
    pressed: { state: true },
    supportFailure: { state: true },
  };

  /** The id of the public message to show, e.g. `m_…`. */
  messageId = '';

  private message: PublicMessageDetail | null = null;
  private phase: Phase = 'idle';
  /** Why the message could not be shown (phase `failed`). */
  private failure: unknown = null;
  /** Whether this reader has pressed 我也关注 for the message (remembered in localStorage). */
  private pressed = false;
  /** Why the last 我也关注 was not counted (said under it), or null. */
  private supportFailure: unknown = null;
  /** Only the answer to the latest request is shown. */
  private request = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('site') || changed.has('messageId') || changed.has('api')) && this.site && this.messageId) void this.load();
  }

  private async load(): Promise<void> {
    const request = ++this.request;
    this.phase = 'loading';
    try {
      const message = await this.client().getMessage(this.messageId);
      if (request !== this.request) return;
      const supported = supportedCounts(this.site);
      this.message = withRememberedCount(message, supported);
      this.pressed = supported.has(message.id);
      this.supportFailure = null;
      this.phase = 'ready';
    } catch (error) {
      if (request !== this.request) return;
      this.message = null;
      this.failure = error;
      this.phase = error instanceof LiuyanError && error.code === 'not_found' ? 'not-found' : 'failed';
      this.emit('liuyan-error', errorDetail(error));
    }
  }

  private async support(button: HTMLElement): Promise<void> {
    const message = this.message;
    if (!message) return;
    this.supportFailure = null;
    try {
      await pressSupport(this.client(), this.site, message, (supportCount, pressed) => {
        if (this.message?.id !== message.id) return;
        this.message = { ...this.message, supportCount };
        this.pressed = pressed;
      });
    } catch (error) {
      if (this.message?.id === message.id) {
        this.supportFailure = error;
        void revealSupportFailure(this, button);
      }
      this.emit('liuyan-error', errorDetail(error));
    }
  }

  override render() {
    const t = this.t;
    switch (this.phase) {
      case 'idle':
        return html``;
      case 'loading':
        return html`<p class="muted" role="status">${t.loading}</p>`;
      case 'not-found':
        return html`<p class="notice" role="alert">${t.notFound}</p>`;
      case 'failed':
        return html`<p class="notice" role="alert">${failureText(this.failure, t, t.loadFailed)}</p>
          ${retryCanHelp(this.failure) ? html`<button type="button" @click=${this.load}>${t.tryAgain}</button>` : nothing}`;
      case 'ready':
        return renderMessage(this.message!, t, this.locale, {
          pressed: this.pressed, onPress: (button) => this.support(button), failure: this.supportFailure ? failureText(this.supportFailure, t, t.supportFailed) : '' }, this.apiBase);
    }
  }
}

defineElement('liuyan-message', LiuyanMessage);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-message': LiuyanMessage;
  }
}
