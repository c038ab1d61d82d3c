import { html, nothing, type PropertyValues } from 'lit';
import { formatWritten, written } from '../../../ui/content-lang';
import { fieldErrorMessage, fieldHeading } from '../../../sdk/src/error-messages';
import { LiuyanError } from '../../../sdk/src/errors';
import { LIMITS } from '../../../sdk/src/limits';
import { textCounter, textError } from '../../../ui/text-rules';
import type { FollowUp, OwnRating, RatingReason, Rejection, TrackedMessage } from '../../../sdk/src/schemas/message';
import { eventLabel, eventUnit, rejectReasonLabel, replyKindsOfEvents } from '../../../sdk/src/vocabulary';
import type { Photo, PhotoHiding } from '../../../sdk/src/schemas/photo';
import { photoStyles, renderPhotos } from '../../../ui/photos';
import { OwnPhotos } from './own-photos';
import type { LiuyanErrorDetail } from '../events';
import { changedMeanwhile, errorDetail, failureText } from '../internal/errors';
import { MyMessages, type RememberedMessage } from '../internal/my-messages';
import { queuedFor, type Queued } from '../internal/outbox';
import { defineElement, LiuyanElement } from '../../../ui/liuyan-element';
import { format, formatDateTime, formatRelative, Localized, sayNow, type LaterText } from '../../../ui/localize';
import { tokens } from '../../../ui/tokens.styles';
import { statusStyles } from '../../../ui/status.styles';
import { styles } from './liuyan-track.styles';
import { trackZhCN, type TrackStrings } from './strings.zh-cn';
import { onDemand } from '../../../ui/on-demand';
import { focusWithContext, keepInPlace, revealOutcome } from '../../../ui/focus';
import { formatTrackingCode, normalizeTrackingCode } from '../../../sdk/src/tracking-code';

/**
 * @summary The citizen's own view of a message, opened with the tracking code: status, replies, history;
 * the messages this device remembers (我的留言); and the citizen's data (download, erase).
 *
 * @event liuyan-error - A lookup, a rating, a follow-up, a download or an erasure failed. `detail`: `{ code, status, fields }`.
 * @event liuyan-rated - The citizen rated a reply. `detail`: `{ id, overall, reopened }`.
 * @event liuyan-followed-up - The citizen asked a follow-up question. `detail`: `{ id, followUpsLeft }`.
 *
 * @csspart form - The tracking-code form.
 * @csspart message - The message found.
 * @csspart campaign - The suggestion drive (建言专栏) the message was written to, when it was written to one.
 * @csspart status - Its status (未通过审核 when it did not pass review).
 * @csspart rejection - Why it did not pass review, or was taken off the board: the reason and the moderator's words.
 * @csspart photos - The author's photos (private and hidden ones too, marked), and each reply's.
 * @csspart cover - The first photo's small version, a link to the whole photo.
 * @csspart photo-private - Beside a photo only the author and the officials see: 不公开.
 * @csspart photo-hidden - Beside a photo a moderator hid: why.
 * @csspart reply - Each official reply.
 * @csspart timeline - The list of events.
 * @csspart rating-form - The rating of a final reply (评价): overall, 解决程度, 办理态度, 办理速度, and why when unhappy.
 * @csspart fix-fields - 有 N 处填写有误: how many answers of the rating form to correct, under its button.
 * @csspart follow-up-form - The follow-up question (追问) and how many are left.
 * @csspart notice - What happened after a rating or a follow-up was sent.
 * @csspart unsent - With the notice, the citizen's words of a rating or follow-up refused because the message changed meanwhile (sent from another device).
 * @csspart waiting - A message saved on this device and not sent yet, where no form on the page sends it: its title, and where it will be sent from.
 * @csspart my-messages - The messages whose codes this device remembers.
 * @csspart my-data - Download everything stored about the message; erase the contact details.
 * @csspart lost-code - 忘记查询码: a new code sent to the phone or e-mail given with the message.
 *
 * @cssproperty --liuyan-color-primary - Buttons and reply accents.
 */
type Score = 1 | 2 | 3 | 4 | 5;
type ScoreField = 'overall' | 'resolution' | 'attitude' | 'speed';

/** The rating as the citizen fills it in. */
interface RatingDraft {
  overall?: Score;
  resolution?: Score;
  attitude?: Score;
  speed?: Score;
  reason?: RatingReason;
  reasonText: string;
}

const SCORES: Score[] = [5, 4, 3, 2, 1];
const SUB_SCORES = ['resolution', 'attitude', 'speed'] as const;
/**
 * The rating form's answers: their errors come together (four scores left unchosen), so their lines
 * are not alerts each; one line under the button says how many are left (`fixFields`).
 */
const RATING_FIELDS: readonly string[] = ['overall', ...SUB_SCORES, 'reason', 'reasonText'];
const REASONS: RatingReason[] = ['not_solved', 'not_answered', 'too_slow', 'attitude', 'other'];
/** A rating of 2 (不满意) or less asks why, and re-opens the message. */
const UNHAPPY_AT_MOST = 2;
/** The buttons whose outcome is said under them, beyond their form (ui/focus.ts `revealOutcome`). */
const LOOKUP_BUTTON = 'form.lookup button[type="submit"]';
const LOST_CODE_BUTTON = '[part="lost-code"] button[type="submit"]';
const SEND_BUTTON = { ratingForm: '[part="rating-form"] button[type="submit"]', followUpForm: '[part="follow-up-form"] button[type="submit"]' } as const;

const strings = new Localized<TrackStrings>(trackZhCN, {
  en: onDemand(() => import('./strings.en'), (m) => m.trackEn),
  'zh-TW': onDemand(() => import('./strings.zh-tw'), (m) => m.trackZhTW),
});

export class LiuyanTrack extends LiuyanElement<TrackStrings> {
  static override styles = [tokens, statusStyles, styles, photoStyles];

  protected readonly strings = strings;

  static override properties = {
    ...LiuyanElement.properties,
    message: { state: true },
    busy: { state: true },
    error: { state: true },
    draft: { state: true },
    question: { state: true },
    fieldErrors: { state: true },
    notice: { state: true },
    unsent: { state: true },
    sending: { state: true },
    remembered: { state: true },
    waiting: { state: true },
    data: { state: true },
    lost: { state: true },
    said: { state: true },
  };

  private message: TrackedMessage | null = null;
  private busy = false;
  private error: LaterText = '';
  /**
   * The code of the message shown, held in memory (stored only when the citizen asks this device to
   * remember it): to rate it, ask a follow-up, or download or erase its data.
   */
  private code = '';
  private draft: RatingDraft = { reasonText: '' };
  private question = '';
  private fieldErrors: Record<string, LaterText> = {};
  private notice: LaterText = '';
  /**
   * The citizen's words of a rating or follow-up the service refused because the message had changed
   * meanwhile, shown with the notice when their form is no longer offered: nothing typed is lost.
   */
  private unsent = '';
  /** The rating or follow-up form being sent (one at a time), false when neither is. */
  private sending: false | 'ratingForm' | 'followUpForm' = false;
  private remembered: RememberedMessage[] = [];
  /** What the status under the code's field says of 我的留言's changes (a row forgotten out of view). */
  private said = '';
  /**
   * A message the form queued on this device (offline, or its answer lost) and no page has sent yet:
   * a citizen who comes here to find its code is told where it will be sent from (the outbox is the
   * form's: only a form can give a refused message back to be corrected, so it is not sent from here).
   */
  private waiting: Queued<unknown> | null = null;
  private data: { phase: '' | 'downloading' | 'confirm' | 'erasing'; notice: LaterText; error: LaterText } = { phase: '', notice: '', error: '' };

  /** The shown message's photos, fetched with its code. */
  private readonly ownPhotos = new OwnPhotos(() => this.requestUpdate());

  /** 忘记查询码: the request for a new code, and what the citizen is told. */
  private lost: { sending: boolean; notice: LaterText; error: LaterText } = { sending: false, notice: '', error: '' };

  private get myMessages(): MyMessages {
    return new MyMessages(this.site);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('site')) {
      this.remembered = this.myMessages.list();
      // A form of the site on this page sends it, and shows its code, itself.
      this.waiting = document.querySelector(`liuyan-form[site="${CSS.escape(this.site)}"]`) ? null : queuedFor(this.site);
    }
  }

  private async lookUp(event: Event): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#trackingCode')!;
    // Nothing typed: said beside the field, in place of what an earlier look-up said.
    if (!input.value.trim()) {
      this.error = () => fieldErrorMessage(this.t.errors, 'trackingCode', 'required');
      input.focus();
      return this.revealOnceDrawn('#trackingCode-error', LOOKUP_BUTTON);
    }
    // Not a code (cut short, a letter too many): said at once, not asked of the service as a code it
    // would not find. A code pasted with words around it (查询码：…) is looked up alone, and shown so.
    const code = normalizeTrackingCode(input.value);
    if (!code) {
      // As for a code not found: the message found before is not left under another code's error.
      this.message = null;
      this.code = '';
      this.error = () => fieldErrorMessage(this.t.errors, 'trackingCode', 'invalid');
      input.focus();
      return this.revealOnceDrawn('#trackingCode-error', LOOKUP_BUTTON);
    }
    input.value = formatTrackingCode(code);
    await this.open(input.value);
  }

  /** Looks the code up (typed, or a remembered one: its status is fetched only now, when asked for). */
  private async open(code: string): Promise<void> {
    if (!code || this.busy) return;
    this.busy = true;
    this.said = '';
    this.error = '';
    this.notice = '';
    this.unsent = '';
    this.fieldErrors = {};
    this.data = { phase: '', notice: '', error: '' };
    try {
      const message = await this.client().track(code);
      if (message.id !== this.message?.id) this.ownPhotos.clear();
      this.message = message;
      this.code = code;
      this.draft = { reasonText: '' };
      this.question = '';
      this.myMessages.refresh(message.id, { status: message.status, moderation: message.moderation, title: message.title }, new Date().toISOString());
      this.remembered = this.myMessages.list();
      // Found: the focus moves to its title, which a screen reader then reads, and the keyboard goes on
      // from there to the replies and the rating. (The whole message as a live region was read out
      // again at each change inside it, down to a counter ticking as a follow-up is typed.)
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part="message"] h3')?.focus();
    } catch (error) {
      this.message = null;
      this.code = '';
      this.error = error instanceof LiuyanError && error.code === 'not_found' ? () => this.t.trackNotFound : () => failureText(error, this.t, this.t.networkError);
      this.revealOnceDrawn('#trackingCode-error', LOOKUP_BUTTON);
      this.emit<LiuyanErrorDetail>('liuyan-error', errorDetail(error));
    } finally {
      this.busy = false;
    }
  }

  /** Asks for new codes to be sent to the contact typed; the answer says the same whether or not it matched. */
  private async recover(event: Event): Promise<void> {
    event.preventDefault();
    if (this.lost.sending) return;
    const contact = this.renderRoot.querySelector<HTMLInputElement>('#lostContact')!.value.trim();
    if (!contact) {
      this.lost = { sending: false, notice: '', error: () => this.t.lostCodeInvalid };
      return this.revealOnceDrawn('#lostContact-status', LOST_CODE_BUTTON);
    }
    this.lost = { sending: true, notice: '', error: '' };
    try {
      await this.client().recoverTrackingCodes(contact);
      this.lost = { sending: false, notice: () => this.t.lostCodeSent, error: '' };
    } catch (error) {
      const invalid = error instanceof LiuyanError && error.fieldErrors.length > 0;
      this.lost = { sending: false, notice: '', error: invalid ? () => this.t.lostCodeInvalid : () => failureText(error, this.t, this.t.networkError) };
      this.emit<LiuyanErrorDetail>('liuyan-error', errorDetail(error));
    }
    this.revealOnceDrawn('#lostContact-status', LOST_CODE_BUTTON);
  }

  private renderLostCode() {
    const t = this.t;
    const l = this.lost;
    return html`<details part="lost-code" class="lost-code">
      <summary>${t.lostCode}</summary>
      <form @submit=${this.recover}>
        <p class="muted">${t.lostCodeHint}</p>
        <label for="lostContact">${t.lostCodeLabel}</label>
        <!-- One autofill token only (HTML's autocomplete takes one field name): the phone, the contact most citizens give. -->
        <input id="lostContact" name="contact" autocomplete="tel" aria-describedby="lostContact-status" aria-invalid=${l.error ? 'true' : 'false'} />
        <button type="submit" aria-disabled=${l.sending ? 'true' : 'false'}>${l.sending ? t.lostCodeSending : t.lostCodeSubmit}</button>
        <div id="lostContact-status" role="status" aria-live="polite">
          ${l.notice ? html`<p class="notice">${sayNow(l.notice)}</p>` : nothing}
          ${l.error ? html`<p class="error">${sayNow(l.error)}</p>` : nothing}
        </div>
      </form>
    </details>`;
  }

  /** What is missing from the rating, by field, in the element's language. */
  private ratingProblems(d: RatingDraft): Record<string, LaterText> {
    const problems: Record<string, LaterText> = {};
    const required = (field: string) => (problems[field] = () => fieldErrorMessage(this.t.errors, field, 'required'));
    for (const field of ['overall', ...SUB_SCORES] as const) if (!d[field]) required(field);
    if (d.overall && d.overall <= UNHAPPY_AT_MOST && !d.reason) required('reason');
    if (d.overall && d.overall <= UNHAPPY_AT_MOST && d.reason === 'other' && !d.reasonText.trim()) required('reasonText');
    const reasonText = d.overall && d.overall <= UNHAPPY_AT_MOST ? textError(d.reasonText, { max: LIMITS.ratingReasonMax, multiline: true }) : null;
    if (reasonText && !problems.reasonText) problems.reasonText = () => fieldErrorMessage(this.t.errors, 'reasonText', reasonText.code, reasonText.params);
    return problems;
  }

  /**
   * Shows the service's field errors, or the failure under the button of the form that failed
   * (`ratingForm`, `followUpForm`): where the citizen is looking on a phone, not above a form that
   * may be a screen taller.
   */
  private failed(error: unknown, form: 'ratingForm' | 'followUpForm'): void {
    if (error instanceof LiuyanError && error.fieldErrors.length > 0) {
      this.fieldErrors = Object.fromEntries(error.fieldErrors.map((e) => [e.field, () => fieldErrorMessage(this.t.errors, e.field, e.code, e.params)]));
      void this.focusFirstInvalid();
    } else {
      this.fieldErrors = { [form]: () => failureText(error, this.t, this.t.sendFailed) };
      this.revealOnceDrawn(`#${form}-error`, SEND_BUTTON[form]);
    }
    this.emit<LiuyanErrorDetail>('liuyan-error', errorDetail(error));
  }

  /**
   * The service refused a rating or a follow-up because the message changed since it was shown (rated
   * or asked from another device or tab, answered again, closed): it is read again, so the page shows
   * what holds now (the rating kept, the question waiting), and the notice says why nothing was sent.
   * Should the form still be offered, the failure stays under its button with what was typed; if not,
   * the citizen's own words (`unsent`) are shown with the notice, to be copied.
   */
  private async showChanged(error: LiuyanError, form: 'ratingForm' | 'followUpForm', unsent: string): Promise<void> {
    this.emit<LiuyanErrorDetail>('liuyan-error', errorDetail(error));
    const code = this.code;
    const now = await this.client().track(code).catch(() => null);
    if (now && this.code === code) this.message = now;
    const reason = () => failureText(error, this.t, this.t.sendFailed);
    const offered = form === 'ratingForm' ? this.message?.can.rate : this.message?.can.followUp;
    if (now && offered) {
      this.fieldErrors = { [form]: reason };
      this.revealOnceDrawn(`#${form}-error`, SEND_BUTTON[form]);
      return;
    }
    this.fieldErrors = {};
    if (form === 'ratingForm') this.draft = { reasonText: '' };
    await this.showNotice(now ? () => format(this.t.shownAsNow, { reason: reason() }) : reason, unsent);
  }

  /** The latest reply the page shows: what a rating or follow-up is about (`replyId`; a newer one refuses it). */
  private get seenReplyId(): string | undefined {
    return this.message?.replies.at(-1)?.id;
  }

  private async focusFirstInvalid(): Promise<void> {
    await this.updateComplete;
    focusWithContext(this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]'));
  }

  /** Once drawn, brings the outcome `selector` under the button just pressed (`pressed`: it, or its selector) into view (ui/focus.ts). */
  private revealOnceDrawn(selector: string, pressed: string | Element): void {
    void this.updateComplete.then(() => revealOutcome(this.renderRoot.querySelector(selector),
      typeof pressed === 'string' ? this.renderRoot.querySelector(pressed) : pressed));
  }

  private async showNotice(text: LaterText, unsent = ''): Promise<void> {
    this.notice = text;
    this.unsent = unsent;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="notice"]')?.focus();
  }

  private async sendRating(event: Event): Promise<void> {
    event.preventDefault();
    if (this.sending || !this.message) return;
    const d = this.draft;
    this.fieldErrors = this.ratingProblems(d);
    if (Object.keys(this.fieldErrors).length > 0) return this.focusFirstInvalid();
    const unhappy = d.overall! <= UNHAPPY_AT_MOST;
    this.sending = 'ratingForm';
    try {
      this.message = await this.client().rate({
        trackingCode: this.code, replyId: this.seenReplyId, overall: d.overall!, resolution: d.resolution!, attitude: d.attitude!, speed: d.speed!,
        reason: unhappy ? d.reason! : null, reasonText: unhappy ? d.reasonText.trim() || null : null,
      });
      this.draft = { reasonText: '' };
      this.emit('liuyan-rated', { id: this.message.id, overall: d.overall!, reopened: unhappy });
      const { dueAt } = this.message;
      await this.showNotice(unhappy && dueAt
        ? () => format(this.t.reopenedNotice, { date: formatDateTime(this.locale, dueAt, false) })
        : () => this.t.ratedThanks);
    } catch (error) {
      if (changedMeanwhile(error)) await this.showChanged(error, 'ratingForm', d.reasonText.trim());
      else this.failed(error, 'ratingForm');
    } finally {
      this.sending = false;
    }
  }

  private async sendFollowUp(event: Event): Promise<void> {
    event.preventDefault();
    if (this.sending || !this.message) return;
    const question = this.question.trim();
    // Checked as the service checks it (lengths in characters, so 𠮷 is one): nothing is cut off.
    const problem = textError(question, { max: LIMITS.followUpMax, min: 1, multiline: true });
    this.fieldErrors = problem ? { question: () => fieldErrorMessage(this.t.errors, 'question', problem.code, problem.params) } : {};
    if (problem) return this.focusFirstInvalid();
    this.sending = 'followUpForm';
    try {
      this.message = await this.client().followUp({ trackingCode: this.code, replyId: this.seenReplyId, question });
      this.question = '';
      this.emit('liuyan-followed-up', { id: this.message.id, followUpsLeft: this.message.can.followUpsLeft });
      const { dueAt } = this.message;
      await this.showNotice(() => format(this.t.followUpSent, { date: formatDateTime(this.locale, dueAt ?? '', false) }));
    } catch (error) {
      if (changedMeanwhile(error)) await this.showChanged(error, 'followUpForm', question);
      else this.failed(error, 'followUpForm');
    } finally {
      this.sending = false;
    }
  }

  private setDraft<K extends keyof RatingDraft>(field: K, value: RatingDraft[K]): void {
    this.draft = { ...this.draft, [field]: value };
    if (this.fieldErrors[field]) {
      const { [field]: _, ...rest } = this.fieldErrors;
      this.fieldErrors = rest;
    }
  }

  /** Why a form's send failed, under its button, announced as it appears. */
  private formError(form: 'ratingForm' | 'followUpForm') {
    return this.fieldErrors[form] ? html`<p class="error" id="${form}-error" role="alert">${sayNow(this.fieldErrors[form])}</p>` : nothing;
  }

  /**
   * Under a form's button, said politely: that it is being sent (the button's new words are not
   * announced), and for the rating form how many of its answers are left to correct.
   */
  private formStatus(form: 'ratingForm' | 'followUpForm') {
    const n = form === 'ratingForm' ? RATING_FIELDS.filter((field) => this.fieldErrors[field]).length : 0;
    return html`<div role="status">${this.sending === form ? html`<p class="visually-hidden">${this.t.rateSending}</p>` : nothing}${
      n > 0 ? html`<p class="error" part="fix-fields">${format(this.t.fixFields, { n })}</p>` : nothing}</div>`;
  }

  /**
   * A field's error; its control names it in `aria-describedby`. Announced as it appears, but for the
   * rating form's, which `formStatus` counts instead.
   */
  private errorOf(field: string) {
    return html`<span id="${field}-error" class="error" role=${RATING_FIELDS.includes(field) ? nothing : 'alert'}>${sayNow(this.fieldErrors[field]) ?? ''}</span>`;
  }

  private invalid(field: string): 'true' | 'false' {
    return this.fieldErrors[field] ? 'true' : 'false';
  }

  /** Five choices of one score, best first, as radio buttons (arrow keys move between them). */
  private scoreGroup(field: ScoreField, named: boolean) {
    const t = this.t;
    return html`<fieldset class="field" aria-describedby="${field}-error">
      <legend>${fieldHeading(t.errors, field)}</legend>
      <div class="choices">${SCORES.map((n) => html`<label class="choice">
        <input type="radio" name=${field} value=${n} .checked=${this.draft[field] === n} aria-invalid=${this.invalid(field)}
          @change=${() => this.setDraft(field, n)} />${named ? t.ratingLevels[n] : format(t.scoreChoice, { score: n, level: t.ratingLevels[n] })}
      </label>`)}</div>
      ${this.errorOf(field)}
    </fieldset>`;
  }

  private renderRatingForm(m: TrackedMessage) {
    const t = this.t;
    const d = this.draft;
    const unhappy = d.overall !== undefined && d.overall <= UNHAPPY_AT_MOST;
    return html`<form part="rating-form" class="loop" novalidate @submit=${this.sendRating}>
      <h4>${t.rateTitle}</h4>
      <p class="muted">${m.isPublic ? t.rateHint : t.rateHintPrivate}</p>
      ${this.scoreGroup('overall', true)}
      ${SUB_SCORES.map((field) => this.scoreGroup(field, false))}
      ${unhappy ? html`<fieldset class="field" aria-describedby="reason-error">
          <legend>${fieldHeading(t.errors, 'reason')}</legend>
          <div class="choices">${REASONS.map((reason) => html`<label class="choice">
            <input type="radio" name="reason" value=${reason} .checked=${d.reason === reason} aria-invalid=${this.invalid('reason')}
              @change=${() => this.setDraft('reason', reason)} />${t.ratingReasons[reason]}
          </label>`)}</div>
          ${this.errorOf('reason')}
        </fieldset>
        <div class="field">
          <!-- The label is the field's name only: its hint and counter describe it, and are not read again in its name. -->
          <label for="reasonText">${fieldHeading(t.errors, 'reasonText')}</label>
          <span class="hint muted" id="reasonText-hint">${t.reasonTextHint}</span>
          <textarea id="reasonText" rows="3" .value=${d.reasonText}
            aria-invalid=${this.invalid('reasonText')} aria-describedby="reasonText-hint reasonText-error reasonText-counter"
            @input=${(e: Event) => this.setDraft('reasonText', (e.target as HTMLTextAreaElement).value)}></textarea>
          ${textCounter(d.reasonText, LIMITS.ratingReasonMax, t.counter, 'reasonText-counter')}
          ${this.errorOf('reasonText')}
        </div>` : nothing}
      <button type="submit" aria-disabled=${this.sending ? 'true' : 'false'}>${this.sending === 'ratingForm' ? t.rateSending : t.rateSubmit}</button>
      ${this.formError('ratingForm')}
      ${this.formStatus('ratingForm')}
    </form>`;
  }

  private renderFollowUp(m: TrackedMessage) {
    const t = this.t;
    if (m.replies.length === 0 || m.moderation === 'rejected') return nothing;
    if (!m.can.followUp) {
      return html`<p class="muted" part="follow-up-form">${m.can.followUpsLeft === 0 ? t.noFollowUpsLeft : t.followUpPending}</p>`;
    }
    return html`<form part="follow-up-form" class="loop" novalidate @submit=${this.sendFollowUp}>
      <h4>${t.followUpTitle}</h4>
      <div class="field">
        <label for="question">${fieldHeading(t.errors, 'question')}</label>
        <span class="hint muted" id="question-hint">${format(t.followUpsLeft, { n: m.can.followUpsLeft })}${m.can.rate ? t.followUpBeforeRating : ''}${m.isPublic ? t.followUpPublicHint : ''}</span>
        <textarea id="question" rows="3" .value=${this.question}
          aria-invalid=${this.invalid('question')} aria-describedby="question-hint question-error question-counter"
          @input=${(e: Event) => { this.question = (e.target as HTMLTextAreaElement).value; }}></textarea>
        ${textCounter(this.question, LIMITS.followUpMax, t.counter, 'question-counter')}
        ${this.errorOf('question')}
      </div>
      <button type="submit" aria-disabled=${this.sending ? 'true' : 'false'}>${this.sending === 'followUpForm' ? t.rateSending : t.followUpSubmit}</button>
      ${this.formError('followUpForm')}
      ${this.formStatus('followUpForm')}
    </form>`;
  }

  /** What a timeline event adds: a rating's level, a follow-up's question (the n-th of each event is the n-th of each). */
  private eventDetails(m: TrackedMessage): (string | null)[] {
    const t = this.t;
    let rating = 0;
    let followUp = 0;
    const rated = (r: OwnRating | undefined) => (r ? format(t.ratedAs, { level: t.ratingLevels[r.overall as Score], score: r.overall }) : null);
    // On a public message the citizen sees where their words stand: 待审核, 已公开 or 不予公开.
    const asked = (f: FollowUp | undefined) => (f
      ? format(t.question, { text: f.body }) + (m.isPublic ? t.followUpModeration[f.moderation] : '')
      : null);
    return m.timeline.map((e) => (e.kind === 'rated' ? rated(m.ratings[rating++]) : e.kind === 'followed_up' ? asked(m.followUps[followUp++]) : null));
  }

  /**
   * 不再记住 in 我的留言: its row goes, so the focus goes to the next row's 查看 (the one before it
   * when it was the last; the code's field when none is left), and a status says what was done.
   */
  private async forget(id: string): Promise<void> {
    const at = this.remembered.findIndex((r) => r.id === id);
    this.myMessages.forget(id);
    this.remembered = this.myMessages.list();
    // The message shown below, forgotten here: 我的数据 no longer says it is remembered.
    if (this.data.notice === this.rememberedNow) this.data = { ...this.data, notice: '' };
    // Emptied first, so a second row forgotten is said again.
    this.said = '';
    await this.updateComplete;
    this.said = this.t.forgottenNow;
    await this.updateComplete;
    const rows = this.renderRoot.querySelectorAll<HTMLElement>('.my-messages li');
    (rows[Math.min(at, rows.length - 1)]?.querySelector('button') ?? this.renderRoot.querySelector<HTMLElement>('#trackingCode'))?.focus();
  }

  /** 已在本设备上记住查询码…, said in 我的数据 until the code is forgotten. */
  private readonly rememberedNow = () => this.t.rememberedNow;

  /** The message shown, remembered on this device or forgotten: one button, so the focus stays on it; said in 我的数据's status. */
  private toggleRemembered(event: Event): void {
    const button = event.currentTarget as HTMLElement;
    const m = this.message!;
    if (this.remembered.some((r) => r.id === m.id)) {
      this.myMessages.forget(m.id);
      this.data = { ...this.data, notice: () => this.t.forgottenNow, error: '' };
    } else {
      this.myMessages.remember({
        id: m.id, trackingCode: this.code, title: m.title, createdAt: m.createdAt, status: m.status, moderation: m.moderation, checkedAt: new Date().toISOString(),
      });
      this.data = { ...this.data, notice: this.rememberedNow, error: '' };
    }
    this.remembered = this.myMessages.list();
    // 我的留言 comes or goes above, once drawn: the button stays under the reader's finger, its notice in view.
    void keepInPlace(button, this.updateComplete);
    this.revealOnceDrawn('#my-data-status', button);
  }

  /** Everything stored about the message, saved as a JSON file by the browser. */
  private async download(event: Event): Promise<void> {
    const button = event.currentTarget as HTMLElement;
    if (this.data.phase) return;
    this.data = { phase: 'downloading', notice: '', error: '' };
    try {
      const data = await this.client().exportMyData(this.code);
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: `liuyan-${data.message.id}.json` });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.data = { phase: '', notice: () => this.t.downloaded, error: '' };
      this.revealOnceDrawn('#my-data-status', button);
    } catch (error) {
      this.dataFailed(error, button);
    }
  }

  /** The question, what goes and what stays, gets the focus: nothing is erased without a second, deliberate press. */
  private async askToErase(): Promise<void> {
    if (this.data.phase) return;
    this.data = { phase: 'confirm', notice: '', error: '' };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#erase-confirm')?.focus();
  }

  /** 取消 or Escape on the question: it goes, and the focus goes back to 删除我的个人信息. */
  private async keepData(): Promise<void> {
    if (this.data.phase !== 'confirm') return;
    this.data = { phase: '', notice: '', error: '' };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#erase-button')?.focus();
  }

  /**
   * 确认删除. Its button stays focusable while it works (aria-disabled, not disabled, which would drop
   * the focus to the page); then the question goes, and the focus goes to 我的数据's heading, with the
   * outcome said in its status, or back to 删除我的个人信息 if it failed.
   */
  private async erase(): Promise<void> {
    if (this.data.phase !== 'confirm') return;
    this.data = { phase: 'erasing', notice: '', error: '' };
    try {
      const code = this.code;
      const { erasedAt } = await this.client().eraseMyData(code);
      // Onto the heading before the question (and the button with the focus) goes: never onto the page between.
      this.renderRoot.querySelector<HTMLElement>('#my-data-title')?.focus();
      this.data = { phase: '', notice: () => format(this.t.erased, { date: formatDateTime(this.locale, erasedAt, true) }), error: '' };
      // Read again: its photos are gone with the details, and the section says so from now on.
      const now = await this.client().track(code).catch(() => null);
      if (now && this.code === code) {
        this.ownPhotos.clear();
        this.message = now;
      }
    } catch (error) {
      this.dataFailed(error, '#erase-button');
      // Not erased: 删除我的个人信息 is offered again, and the focus goes back to it.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#erase-button')?.focus();
    }
  }

  /** A download or an erasure failed: said under 我的数据's buttons, brought into view while `pressed` is on the screen. */
  private dataFailed(error: unknown, pressed: string | Element): void {
    const text = error instanceof LiuyanError && error.code === 'not_found' ? () => this.t.trackNotFound : () => failureText(error, this.t, this.t.dataFailed);
    this.data = { phase: '', notice: '', error: text };
    this.emit<LiuyanErrorDetail>('liuyan-error', errorDetail(error));
    this.revealOnceDrawn('#my-data-error', pressed);
  }

  override render() {
    const t = this.t;
    return html`<form part="form" class="lookup" @submit=${this.lookUp}>
        <label>${t.trackTitle}
          <input id="trackingCode" name="trackingCode" autocomplete="off" autocapitalize="characters" spellcheck="false"
            placeholder=${t.trackingCodePlaceholder} aria-label=${fieldHeading(this.t.errors, 'trackingCode')}
            aria-invalid=${this.error ? 'true' : 'false'} aria-describedby=${this.error ? 'trackingCode-error' : nothing} />
        </label>
        <button type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? t.tracking : t.trackSubmit}</button>
        <p class="visually-hidden" role="status">${this.busy ? t.tracking : this.said}</p>
      </form>
      ${this.error ? html`<p class="error" id="trackingCode-error" role="alert">${sayNow(this.error)}</p>` : nothing}
      ${this.renderLostCode()}
      ${this.waiting ? html`<p class="notice" part="waiting">${formatWritten(t.waitingOnDevice, {
        title: this.waiting.input.title, date: formatDateTime(this.locale, this.waiting.savedAt) }, this.locale)}</p>` : nothing}
      ${this.renderRemembered()}
      ${this.message ? html`${this.renderMessage(this.message)}${this.renderMyData(this.message)}` : nothing}`;
  }

  /** 我的留言: title, date and the state last seen; opening one looks it up (one request, when asked). */
  private renderRemembered() {
    const t = this.t;
    if (this.remembered.length === 0) return nothing;
    return html`<section class="my-messages" part="my-messages" aria-labelledby="my-messages-title">
      <h3 id="my-messages-title">${t.myMessages}</h3>
      <p class="muted hint">${t.myMessagesHint}</p>
      <ul>${this.remembered.map((m) => html`<li>
        <span class="my-title">${written(m.title, this.locale)}</span>
        <span class="muted">${format(t.sentOn, { date: formatDateTime(this.locale, m.createdAt, false) })} ·
          ${format(t.lastSeen, { status: m.moderation === 'rejected' ? t.moderation.rejected : t.statuses[m.status], date: formatRelative(this.locale, m.checkedAt) })}</span>
        <span class="actions">
          <button type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${() => this.open(m.trackingCode)}>${t.openRemembered}</button>
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
      <h4 id="my-data-title" tabindex="-1">${t.myData}</h4>
      <p class="muted hint">${m.contactErasedAt
        ? format(t.myDataErasedHint, { date: formatDateTime(this.locale, m.contactErasedAt, false) }) : t.myDataHint}</p>
      <p class="actions">
        <button type="button" aria-disabled=${phase !== '' ? 'true' : 'false'} @click=${this.download}>${phase === 'downloading' ? t.preparing : t.download}</button>
        ${m.contactErasedAt ? nothing : html`<button type="button" id="erase-button" class="secondary" aria-disabled=${phase !== '' ? 'true' : 'false'} @click=${this.askToErase}>${t.erase}</button>`}
        <button type="button" class="secondary" @click=${this.toggleRemembered}>${remembered ? t.forget : t.rememberThis}</button>
      </p>
      ${phase === 'confirm' || phase === 'erasing' ? html`<div class="confirm" id="erase-confirm" role="alertdialog" aria-labelledby="erase-question" tabindex="-1"
        @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && void this.keepData()}>
        <p id="erase-question">${formatWritten(t.eraseQuestion, {
          photos: m.photos.length > 0 ? format(t.erasePhotos, { n: m.photos.length }) : '', name: m.displayName }, this.locale)}</p>
        <p class="actions"><button type="button" class="danger" aria-disabled=${phase === 'erasing' ? 'true' : 'false'} @click=${this.erase}>${phase === 'erasing' ? t.erasing : t.eraseYes}</button>
          <button type="button" class="secondary" ?disabled=${phase === 'erasing'} @click=${this.keepData}>${t.eraseNo}</button></p>
      </div>` : nothing}
      <div id="my-data-status" role="status" aria-live="polite">${notice ? html`<p class="notice">${sayNow(notice)}</p>` : nothing}</div>
      ${error ? html`<p class="error" id="my-data-error" role="alert">${sayNow(error)}</p>` : nothing}
    </section>`;
  }

  /** Photos as their author sees them: private and hidden ones too, marked, each fetched with the code. */
  private renderOwnPhotos(photos: Photo[], alt: string) {
    const t = this.t;
    const code = this.code;
    const hiddenLabel = (h: PhotoHiding) => format(t.photoHidden, {
      reason: h.note ? format(t.reasonWithNote, { reason: rejectReasonLabel(t, h.reason), note: h.note }) : rejectReasonLabel(t, h.reason),
    });
    return renderPhotos(photos.map((p) => this.ownPhotos.shown(this.apiBase, p, code)), '', alt, {
      privateLabel: t.private,
      hiddenLabel,
      open: (p, event) => void this.ownPhotos.open(this.apiBase, photos.find((x) => x.id === p.id)!, code, event),
    });
  }

  /** Stops hearing of codes remembered elsewhere. */
  private unwatchRemembered: (() => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    // A code remembered on the receipt of a form on this page (or in another tab) shows under 我的留言 at once.
    this.unwatchRemembered = MyMessages.watch(() => {
      this.remembered = this.myMessages.list();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatchRemembered?.();
    this.unwatchRemembered = null;
    this.ownPhotos.clear();
  }

  private renderMessage(m: TrackedMessage) {
    const t = this.t;
    const when = (iso: string, withTime = true) => formatDateTime(this.locale, iso, withTime);
    const replyKinds = replyKindsOfEvents(m.timeline, m.replies);
    const details = this.eventDetails(m);
    const rejection = m.moderation === 'rejected' ? m.rejection : null;
    const w = (text: string) => written(text, this.locale);
    const reasonText = ({ reason, note }: Rejection) => (note ? format(t.reasonWithNote, { reason: rejectReasonLabel(t, reason), note }) : rejectReasonLabel(t, reason));
    return html`<article part="message">
      <h3 tabindex="-1">${w(m.title)}</h3>
      <p class="badges">${rejection ? nothing : html`<span class="badge status ${m.status}">${t.statuses[m.status]}</span>`}
        <span class="badge">${t.types[m.type]}</span> <span class="badge">${t.domains[m.domain]}</span>
        <span class="badge">${m.isPublic || rejection ? t.moderation[m.moderation] : t.private}</span></p>
      <dl>
        <dt>${t.to}</dt><dd>${w(m.unit.name)}</dd>
        ${m.campaignTitle !== null ? html`<dt>${t.campaign}</dt><dd part="campaign">${w(m.campaignTitle)}</dd>` : nothing}
        ${rejection
          // Not handled: the state is the review's, with its reason, and no deadline.
          ? html`<dt>${t.status}</dt><dd part="status">${t.moderation.rejected}</dd>
            <dt>${t.rejectionReason}</dt><dd part="rejection">${reasonText(rejection)}</dd>`
          : html`<dt>${t.status}</dt><dd part="status">${t.statuses[m.status]} ${m.overdue ? html`<span class="badge overdue">${t.overdue}</span>` : nothing}</dd>
            ${m.moderation === 'hidden' && m.rejection ? html`<dt>${t.hiddenReason}</dt><dd part="rejection">${reasonText(m.rejection)}</dd>` : nothing}`}
        <dt>${t.submittedAt}</dt><dd>${when(m.createdAt)}</dd>
        <dt>${fieldHeading(this.t.errors, 'region')}</dt><dd>${w(m.region)}</dd>
      </dl>
      ${m.dueAt ? html`<p class="muted">${format(t.dueAt, { date: when(m.dueAt, false) })}</p>` : nothing}
      <div class="body">${w(m.body)}</div>
      ${this.renderOwnPhotos(m.photos, t.photoAlt)}
      <h4>${t.replies}</h4>
      ${m.replies.length === 0 ? html`<p class="muted">${t.noReplyYet}</p>` : m.replies.map((r) => html`<section class="reply" part="reply">
        <header>${w(r.unit.name)} · ${t.replyKinds[r.kind]} · <time datetime=${r.createdAt}>${when(r.createdAt)}</time></header>
        <div class="body">${w(r.body)}</div>
        ${this.renderOwnPhotos(r.photos, t.replyPhotoAlt)}
      </section>`)}
      <h4>${t.timeline}</h4>
      <ol class="timeline" part="timeline">${m.timeline.map((e, i) => html`<li>
        <time datetime=${e.at}>${when(e.at)}</time> ${eventLabel(t, e.kind, replyKinds[i])}${eventUnit(e) ? html` · ${w(eventUnit(e)!.name)}` : nothing}${e.note ? formatWritten(t.note, { note: e.note }, this.locale) : nothing}${details[i] ?? nothing}
      </li>`)}</ol>
      ${this.notice ? html`<p class="notice" part="notice" role="status" tabindex="-1">${sayNow(this.notice)}${this.unsent
        ? html`<span class="unsent" part="unsent">${formatWritten(t.unsentWords, { text: this.unsent }, this.locale)}</span>` : nothing}</p>` : nothing}
      ${m.can.rate ? this.renderRatingForm(m) : nothing}
      ${this.renderFollowUp(m)}
    </article>`;
  }
}

defineElement('liuyan-track', LiuyanTrack);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-track': LiuyanTrack;
  }
}
