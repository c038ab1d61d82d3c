import { html, nothing, type PropertyValues } from 'lit';
import { fieldLabel } from '../../../sdk/src/error-messages';
import { LiuyanError } from '../../../sdk/src/errors';
import type { TrackedMessage } from '../../../sdk/src/schemas/message';
import { eventLabel, rejectReasonLabel, replyKindsOfEvents } from '../../../sdk/src/vocabulary';
import type { LiuyanErrorDetail } from '../events';
import { errorDetail, failureText } from '../internal/errors';
import { MyMessages, type RememberedMessage } from '../internal/my-messages';
import { defineElement, LiuyanElement } from '../../../ui/liuyan-element';
import { format, formatDateTime, Localized } from '../../../ui/localize';
import { tokens } from '../../../ui/tokens.styles';
import { styles } from './liuyan-track.styles';
import { trackZhCN, type TrackStrings } from './strings.zh-cn';

/**
 * @summary The citizen's own view of a message, opened with the tracking code: status, replies, history;
 * the messages this device remembers (我的留言); and the citizen's data (download, erase).
 *
 * @event liuyan-error - A lookup, a download or an erasure failed. `detail`: `{ code, status, fields }`.
 *
 * @csspart form - The tracking-code form.
 * @csspart message - The message found.
 * @csspart status - Its status (未通过审核 when it did not pass review).
 * @csspart rejection - Why it did not pass review: the reason and the moderator's words.
 * @csspart reply - Each official reply.
 * @csspart timeline - The list of events.
 * @csspart my-messages - The messages whose codes this device remembers.
 * @csspart my-data - Download everything stored about the message; erase the contact details.
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
    remembered: { state: true },
    data: { state: true },
  };

  private message: TrackedMessage | null = null;
  private busy = false;
  private error = '';
  /** The code of the message shown: My data needs it again. */
  private code = '';
  private remembered: RememberedMessage[] = [];
  private data: { phase: '' | 'downloading' | 'confirm' | 'erasing'; notice: string; error: string } = { phase: '', notice: '', error: '' };

  private get myMessages(): MyMessages {
    return new MyMessages(this.site);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('site')) this.remembered = this.myMessages.list();
  }

  private async lookUp(event: Event): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#trackingCode')!;
    await this.open(input.value.trim());
  }

  /** Looks the code up (typed, or a remembered one: its status is fetched only now, when asked for). */
  private async open(code: string): Promise<void> {
    if (!code || this.busy) return;
    this.busy = true;
    this.error = '';
    this.data = { phase: '', notice: '', error: '' };
    try {
      const message = await this.client().track(code);
      this.message = message;
      this.code = code;
      this.myMessages.refresh(message.id, { status: message.status, moderation: message.moderation, title: message.title }, new Date().toISOString());
      this.remembered = this.myMessages.list();
    } catch (error) {
      this.message = null;
      this.error = error instanceof LiuyanError && error.code === 'not_found' ? this.t.trackNotFound : failureText(error, this.t, this.t.networkError);
      this.emit<LiuyanErrorDetail>('liuyan-error', errorDetail(error));
    } finally {
      this.busy = false;
    }
  }

  private forget(id: string): void {
    this.myMessages.forget(id);
    this.remembered = this.myMessages.list();
  }

  private rememberShown(): void {
    const m = this.message!;
    this.myMessages.remember({
      id: m.id, trackingCode: this.code, title: m.title, createdAt: m.createdAt, status: m.status, moderation: m.moderation, checkedAt: new Date().toISOString(),
    });
    this.remembered = this.myMessages.list();
  }

  /** Everything stored about the message, saved as a JSON file by the browser. */
  private async download(): Promise<void> {
    if (this.data.phase) return;
    this.data = { phase: 'downloading', notice: '', error: '' };
    try {
      const data = await this.client().exportMyData(this.code);
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: `liuyan-${data.message.id}.json` });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.data = { phase: '', notice: this.t.downloaded, error: '' };
    } catch (error) {
      this.dataFailed(error);
    }
  }

  /** The question, what goes and what stays, gets the focus: nothing is erased without a second, deliberate press. */
  private async askToErase(): Promise<void> {
    this.data = { phase: 'confirm', notice: '', error: '' };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#erase-confirm')?.focus();
  }

  private async erase(): Promise<void> {
    if (this.data.phase !== 'confirm') return;
    this.data = { phase: 'erasing', notice: '', error: '' };
    try {
      const { erasedAt } = await this.client().eraseMyData(this.code);
      this.data = { phase: '', notice: format(this.t.erased, { date: formatDateTime(this.locale, erasedAt, true) }), error: '' };
    } catch (error) {
      this.dataFailed(error);
    }
  }

  private dataFailed(error: unknown): void {
    const text = error instanceof LiuyanError && error.code === 'not_found' ? this.t.trackNotFound : failureText(error, this.t, this.t.dataFailed);
    this.data = { phase: '', notice: '', error: text };
    this.emit<LiuyanErrorDetail>('liuyan-error', errorDetail(error));
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
      ${this.renderRemembered()}
      ${this.message ? html`${this.renderMessage(this.message)}${this.renderMyData(this.message)}` : nothing}`;
  }

  /** 我的留言: title, date and the state last seen; opening one looks it up (one request, when asked). */
  private renderRemembered() {
    const t = this.t;
    if (this.remembered.length === 0) return nothing;
    return html`<section class="my-messages" part="my-messages" aria-labelledby="my-messages-title">
      <h4 id="my-messages-title">${t.myMessages}</h4>
      <p class="muted hint">${t.myMessagesHint}</p>
      <ul>${this.remembered.map((m) => html`<li>
        <span class="my-title">${m.title}</span>
        <span class="muted">${format(t.sentOn, { date: formatDateTime(this.locale, m.createdAt, false) })} ·
          ${format(t.lastSeen, { status: m.moderation === 'rejected' ? t.moderation.rejected : t.statuses[m.status], date: formatDateTime(this.locale, m.checkedAt, true) })}</span>
        <span class="actions">
          <button type="button" ?disabled=${this.busy} @click=${() => this.open(m.trackingCode)}>${t.openRemembered}</button>
          <button type="button" class="secondary" @click=${() => this.forget(m.id)}>${t.forget}</button>
        </span>
      </li>`)}</ul>
    </section>`;
  }

  /** My data: download everything stored; erase name, phone and email after a confirmation. */
  private renderMyData(m: TrackedMessage) {
    const t = this.t;
    const { phase, notice, error } = this.data;
    const remembered = this.remembered.some((r) => r.id === m.id);
    return html`<section class="my-data" part="my-data" aria-labelledby="my-data-title">
      <h4 id="my-data-title">${t.myData}</h4>
      <p class="muted hint">${t.myDataHint}</p>
      <p class="actions">
        <button type="button" ?disabled=${phase !== ''} @click=${this.download}>${phase === 'downloading' ? t.preparing : t.download}</button>
        <button type="button" class="secondary" ?disabled=${phase !== ''} @click=${this.askToErase}>${t.erase}</button>
        ${remembered ? nothing : html`<button type="button" class="secondary" @click=${this.rememberShown}>${t.rememberThis}</button>`}
      </p>
      ${phase === 'confirm' || phase === 'erasing' ? html`<div class="confirm" id="erase-confirm" role="alertdialog" aria-labelledby="erase-question" tabindex="-1">
        <p id="erase-question">${format(t.eraseQuestion, { name: m.displayName })}</p>
        <p class="actions"><button type="button" class="danger" ?disabled=${phase === 'erasing'} @click=${this.erase}>${phase === 'erasing' ? t.erasing : t.eraseYes}</button>
          <button type="button" class="secondary" ?disabled=${phase === 'erasing'} @click=${() => (this.data = { phase: '', notice: '', error: '' })}>${t.eraseNo}</button></p>
      </div>` : nothing}
      <div role="status" aria-live="polite">${notice ? html`<p class="notice">${notice}</p>` : nothing}</div>
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
    </section>`;
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
