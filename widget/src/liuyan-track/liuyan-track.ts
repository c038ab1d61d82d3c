import { html, nothing } from 'lit';
import { fieldLabel } from '../../../sdk/src/error-messages';
import { LiuyanError } from '../../../sdk/src/errors';
import type { TrackedMessage } from '../../../sdk/src/schemas/message';
import { eventLabel, rejectReasonLabel, replyKindsOfEvents } from '../../../sdk/src/vocabulary';
import type { LiuyanErrorDetail } from '../events';
import { errorDetail, failureText } from '../internal/errors';
import { defineElement, LiuyanElement } from '../../../ui/liuyan-element';
import { format, formatDateTime, Localized } from '../../../ui/localize';
import { tokens } from '../../../ui/tokens.styles';
import { styles } from './liuyan-track.styles';
import { trackZhCN, type TrackStrings } from './strings.zh-cn';

/**
 * @summary The citizen's own view of a message, opened with the tracking code: status, replies, history.
 *
 * @event liuyan-error - A lookup failed. `detail`: `{ code, status, fields }`.
 *
 * @csspart form - The tracking-code form.
 * @csspart message - The message found.
 * @csspart status - Its status (未通过审核 when it did not pass review).
 * @csspart rejection - Why it did not pass review: the reason and the moderator's words.
 * @csspart reply - Each official reply.
 * @csspart timeline - The list of events.
 *
 * @cssproperty --liuyan-color-primary - Buttons and reply accents.
 */
const strings = new Localized<TrackStrings>(trackZhCN, async () => (await import('./strings.en')).trackEn);

export class LiuyanTrack extends LiuyanElement<TrackStrings> {
  static override styles = [tokens, styles];

  protected readonly strings = strings;

  static override properties = {
    ...LiuyanElement.properties,
    message: { state: true },
    busy: { state: true },
    error: { state: true },
  };

  private message: TrackedMessage | null = null;
  private busy = false;
  private error = '';

  private async lookUp(event: Event): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#trackingCode')!;
    const code = input.value.trim();
    if (!code || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      this.message = await this.client().track(code);
    } catch (error) {
      this.message = null;
      this.error = error instanceof LiuyanError && error.code === 'not_found' ? this.t.trackNotFound : failureText(error, this.t, this.t.networkError);
      this.emit<LiuyanErrorDetail>('liuyan-error', errorDetail(error));
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = this.t;
    return html`<form part="form" @submit=${this.lookUp}>
        <label>${t.trackTitle}
          <input id="trackingCode" name="trackingCode" autocomplete="off" autocapitalize="characters" spellcheck="false"
            placeholder=${t.trackingCodePlaceholder} aria-label=${fieldLabel(this.t.errors, 'trackingCode')} />
        </label>
        <button type="submit" ?disabled=${this.busy}>${this.busy ? t.tracking : t.trackSubmit}</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.message ? this.renderMessage(this.message) : nothing}`;
  }

  private renderMessage(m: TrackedMessage) {
    const t = this.t;
    const when = (iso: string, withTime = true) => formatDateTime(this.locale, iso, withTime);
    const replyKinds = replyKindsOfEvents(m.timeline, m.replies);
    const rejection = m.moderation === 'rejected' ? m.rejection : null;
    return html`<article part="message" aria-live="polite">
      <h3>${m.title}</h3>
      <p class="badges">${rejection ? nothing : html`<span class="badge status ${m.status}">${t.statuses[m.status]}</span>`}
        <span class="badge">${t.types[m.type]}</span> <span class="badge">${t.domains[m.domain]}</span>
        <span class="badge">${m.isPublic || rejection ? t.moderation[m.moderation] : t.private}</span></p>
      <dl>
        <dt>${t.to}</dt><dd>${m.unit.name}</dd>
        ${rejection
          // Not handled: the state is the review's, with its reason, and no deadline.
          ? html`<dt>${t.status}</dt><dd part="status">${t.moderation.rejected}</dd>
            <dt>${t.rejectionReason}</dt><dd part="rejection">${rejection.note
              ? format(t.reasonWithNote, { reason: rejectReasonLabel(t, rejection.reason), note: rejection.note })
              : rejectReasonLabel(t, rejection.reason)}</dd>`
          : html`<dt>${t.status}</dt><dd part="status">${t.statuses[m.status]} ${m.overdue ? html`<span class="badge overdue">${t.overdue}</span>` : nothing}</dd>`}
        <dt>${t.submittedAt}</dt><dd>${when(m.createdAt)}</dd>
        <dt>${fieldLabel(this.t.errors, 'region')}</dt><dd>${m.region}</dd>
      </dl>
      ${m.dueAt ? html`<p class="muted">${format(t.dueAt, { date: when(m.dueAt, false) })}</p>` : nothing}
      <div class="body">${m.body}</div>
      <h4>${t.replies}</h4>
      ${m.replies.length === 0 ? html`<p class="muted">${t.noReplyYet}</p>` : m.replies.map((r) => html`<section class="reply" part="reply">
        <header>${r.unit.name} · ${t.replyKinds[r.kind]} · <time datetime=${r.createdAt}>${when(r.createdAt)}</time></header>
        <div class="body">${r.body}</div>
      </section>`)}
      <h4>${t.timeline}</h4>
      <ol class="timeline" part="timeline">${m.timeline.map((e, i) => html`<li>
        <time datetime=${e.at}>${when(e.at)}</time> ${eventLabel(t, e.kind, replyKinds[i])}${e.unit ? html` · ${e.unit.name}` : nothing}${e.note ? format(t.note, { note: e.note }) : nothing}
      </li>`)}</ol>
    </article>`;
  }
}

defineElement('liuyan-track', LiuyanTrack);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-track': LiuyanTrack;
  }
}
