import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ACTIONS, OFFICIALS_ONLY_EVENTS, REJECT_REASONS } from '../sdk/src/codes';
import type { Action, ConsoleEvent, ConsoleMessage, Contact, ExtensionPreview } from '../sdk/src/schemas/console';
import type { ReplyTemplate } from '../sdk/src/schemas/admin';
import type { SiteConfig } from '../sdk/src/schemas/site';
import { eventLabel, eventUnit, rejectReasonLabel, replyKindsOfEvents, type ReplyKind } from '../sdk/src/vocabulary';
import { revealOutcome } from '../ui/focus';
import { idRefs } from '../ui/id-refs';
import { defineElement } from '../ui/liuyan-element';
import { format, formatDateTime } from '../ui/localize';
import { textCounter } from '../ui/text-rules';
import { tokens } from '../ui/tokens.styles';
import { statusStyles } from '../ui/status.styles';
import type { MessageActions } from '../sdk/src/console-client';
import { ConsoleElement, failures, withoutErrors, type FieldNames } from './console-element';
import { styles } from './liuyan-console.styles';
import './unit-picker';
import { photoStyles, renderPhotos, type ShownPhoto } from '../ui/photos';
import { downsizePhoto, uploadPhotoTo } from '../ui/photo-upload';
import { addPhotosStyles, photoRefusal, photoRoom, photosToAdd, unsendable, type PhotoState } from '../ui/photo-state';
import type { Role } from '../sdk/src/schemas/console';
import type { PhotoHiding } from '../sdk/src/schemas/photo';
import { keepFormDraft, keepReplyDraft, keptFormDraft, keptReplyDraft, sendingOf, type ReplyDraft } from './reply-drafts';

/** Actions that ask for something first; the others run at once. */
const WITH_FORM = new Set<Action>(['publish', 'reject', 'hide', 'transfer', 'reply', 'extend', 'close', 'note', 'adopt']);
/** Actions whose form only asks to confirm: what cannot be quietly undone (publishing shows it to everyone). */
const CONFIRM_ONLY = new Set<Action>(['publish', 'close']);
// In characters, as sdk/src/schemas/console.ts checks them: notes and reasons, and a reply when the
// site's configuration has not arrived.
const NOTE_MAX = 500;
/** The public note of 采纳 (sdk/src/schemas/console.ts AdoptInputSchema). */
const ADOPTION_NOTE_MAX = 200;
const BODY_MAX = 2000;
const EXTEND_DAYS = { min: 1, max: 30 };


/** A photo chosen for the reply: made smaller, uploaded at once, named by the reply once uploaded. */
interface ReplyPhoto {
  /** The upload's Idempotency-Key (a retry reuses it). */
  key: string;
  blob: Blob | null;
  /** An object URL of the smaller photo, for its preview. */
  preview: string;
  state: PhotoState;
  progress: number;
  id: string | null;
  /** Why the service refused it (`refused`), in the console's language. */
  error?: string;
}

/** Photos with one reply (LIMITS.photosMax in sdk/src/limits.ts). */
const REPLY_PHOTOS_MAX = 4;

/**
 * @summary One message as officials see it: text, state, deadline, replies, the whole timeline,
 * internal notes, and the actions the service says this official may take now.
 */
export class LiuyanConsoleMessage extends ConsoleElement {
  static override styles = [tokens, statusStyles, styles, photoStyles, addPhotosStyles];

  static override properties = {
    ...ConsoleElement.properties,
    messageId: { attribute: false },
    config: { attribute: false },
    backHref: { attribute: false },
    message: { state: true },
    loadError: { state: true },
    open: { state: true },
    gone: { state: true },
    busy: { state: true },
    pressed: { state: true },
    error: { state: true },
    errors: { state: true },
    done: { state: true },
    contact: { state: true },
    templates: { state: true },
    draft: { state: true },
    rejection: { state: true },
    extension: { state: true },
    confirming: { state: true },
    officialRole: { attribute: false },
    replyPhotos: { state: true },
    replyPhotosLeftOut: { state: true },
  };

  messageId = '';
  /** The official's role: moderators and admins hide and show photos. */
  officialRole: Role | null = null;
  /** Photos chosen for the reply being written. */
  private replyPhotos: ReplyPhoto[] = [];
  /** How many of the files last chosen for the reply found no place (beyond the limit), said beside them. */
  private replyPhotosLeftOut = 0;
  config: SiteConfig | null = null;
  backHref = '#/queue';
  private message: ConsoleMessage | null = null;
  private loadError = '';
  /** The action whose form is open. */
  private open: Action | null = null;
  /** The open form's action is no longer possible (a colleague acted meanwhile): kept open, not sendable. */
  private gone = false;
  /** The follow-up whose moderation is being confirmed: neither choice can be undone. */
  private confirming: { id: string; moderation: 'published' | 'rejected' } | null = null;
  private busy = false;
  /** The action with no form (受理, 查看联系方式) last pressed: its button shows the send while `busy`. */
  private pressed: Action | null = null;
  private error = '';
  private errors: Record<string, string> = {};
  /**
   * The fields whose errors a send found together: counted once beside the send button (`fixFields`),
   * their lines not alerts each. An error shown as it is typed (the days of 延期) is an alert.
   */
  private summarized: readonly string[] = [];
  /** What the last action did, said once. */
  private done = '';
  /** Shown once after 查看联系方式; gone when the page is left. */
  private contact: Contact | null = null;
  private templates: ReplyTemplate[] | null = null;
  private draft: ReplyDraft = { kind: 'interim', body: '', templateId: '' };
  /** The reject form as filled in so far, for the line that shows what the author will see. */
  private rejection = { reason: '', note: '' };
  /** The deadline 延期 would set for the days typed, as the service counts it (the site's calendar; today if overdue). */
  private extension: ExtensionPreview | null = null;

  /** A refusal said under the row of actions (受理, 办结, …) is brought into view from the screen's bottom edge (ui/focus.ts). */
  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('error') && this.error) revealOutcome(this.renderRoot.querySelector('#action-error'), this.renderRoot.querySelector('[part="actions"]'));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('messageId') && this.messageId) void this.load();
    else if ((changed as Map<string, unknown>).has('draft') && this.messageId) keepReplyDraft(this.messageId, this.draft);
  }

  private async load(): Promise<void> {
    const id = this.messageId;
    this.message = null;
    this.loadError = '';
    this.contact = null;
    this.open = null;
    this.gone = false;
    this.done = '';
    // The reply this tab was writing for this message (before a sign-in, say), else none.
    this.draft = keptReplyDraft(id) ?? { kind: 'interim', body: '', templateId: '' };
    try {
      // The official may have gone to another message meanwhile (Back, a search): that one's answer counts.
      const message = await this.officials.messages.get(id);
      if (!this.show(message)) return;
      // Its form opens again where the official left it; else another form left half filled in.
      const form = keptFormDraft(id);
      if (this.draft.body.trim() && message.actions.includes('reply')) {
        this.open = 'reply';
        if (this.templates === null) void this.loadTemplates();
      } else if (form && (message.actions as string[]).includes(form.action) && WITH_FORM.has(form.action as Action)) {
        this.open = form.action as Action;
        await this.updateComplete;
        this.restoreForm(form.fields);
      }
    } catch (error) {
      if (id !== this.messageId) return;
      this.loadError = (error as { code?: string }).code === 'not_found' ? this.t.notFound : this.problemText(error);
    }
  }

  /** Arriving at a message that could not be read: the sentence saying why, in place of its title. */
  protected override arrivalFocus(from: string | undefined): HTMLElement | null | undefined {
    if (this.loadError) return this.renderRoot.querySelector<HTMLElement>('[role="alert"]') ?? undefined;
    return super.arrivalFocus(from);
  }

  /**
   * Shows `message` if it is still the one this page is for; false when the official has gone to
   * another meanwhile (an answer on its way when the address changed), whose page it must not take.
   */
  private show(message: ConsoleMessage): boolean {
    if (message.id !== this.messageId) return false;
    this.message = message;
    return true;
  }

  private choose(action: Action): void {
    this.error = '';
    this.errors = {};
    this.done = '';
    this.gone = false;
    // A form opens empty (the reply keeps its draft): its counters start again too.
    this.typed = {};
    this.rejection = { reason: '', note: '' };
    this.extension = null;
    // 受理 and 查看联系方式 need nothing more; every other action opens its form (or its confirmation).
    // Their button says 正在提交… while it is on its way, as a form's send button does.
    if (action === 'accept' || action === 'reveal') this.pressed = action;
    if (action === 'accept') return void this.run('accept', {});
    if (action === 'reveal') return void this.reveal();
    // Its own button pressed again closes the form as 取消 does; another action's form replaces it.
    if (this.open === action) return this.cancel();
    if (this.message && this.open && this.open !== 'reply') keepFormDraft(this.message.id, null);
    this.open = action;
    if (action === 'reply' && this.templates === null) void this.loadTemplates();
    if (this.open) void this.focusFirstField();
  }

  /**
   * The focus goes to the open form's first field, 转办's unit picker too (it hands the focus to its own
   * first control, once it has drawn them), and focusing scrolls it into view: not to a later field
   * below the fold.
   */
  private async focusFirstField(): Promise<void> {
    await this.updateComplete;
    const first = this.renderRoot.querySelector<HTMLElement>('form[part="action-form"] :is(select, textarea, input, button, liuyan-console-unit-picker)');
    await (first as { updateComplete?: Promise<unknown> } | null)?.updateComplete;
    first?.focus();
  }

  /**
   * Asks the service what the days typed would make the deadline, so it is seen before confirming. A
   * number it cannot take (past the most days, not a whole number) is said under the box as it is typed,
   * where the browser already outlines the box, not only once the form is sent; an empty box says nothing yet.
   */
  private async previewExtension(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const typed = input.value.trim();
    this.extension = null;
    const id = this.message?.id;
    // A number box holds '' for what is not a number (1e, --1): the browser's badInput tells it from empty.
    const problem = input.validity.badInput ? this.fieldMessage('days', 'invalid') : typed === '' ? '' : this.integerCheck('days', typed, EXTEND_DAYS);
    this.errors = problem ? { ...this.errors, days: problem } : withoutErrors(this.errors, ['days']);
    if (!id || problem || typed === '') return;
    try {
      const preview = await this.officials.messages.previewExtension(id, Number(typed));
      // Only the answer for what is typed now (a slow answer for an earlier number is dropped).
      if (input.value.trim() === typed && this.message?.id === id && this.open === 'extend') this.extension = preview;
    } catch {
      // A help only: the extension itself says what is wrong.
    }
  }

  private async loadTemplates(): Promise<void> {
    try {
      this.templates = await this.officials.replyTemplates();
    } catch {
      // Replies can be written without a template; the list is a convenience.
      this.templates = [];
    }
  }

  /**
   * Runs an action; the answer is the message as it now is. An action that changes the message is
   * sent with the version this page shows: if a colleague handled it meanwhile (a reply, a transfer,
   * 办结), the service refuses it (412) and the page shows the message as it is now, the words typed
   * kept, rather than a second final reply going out beside one the official never saw. A note does
   * not depend on what the message says now.
   */
  private run<A extends Exclude<Action, 'reveal'>>(action: A, body: MessageActions[A]['input']): Promise<void> {
    return this.working(async (id) => {
      const version = action === 'note' ? undefined : this.message?.version;
      const answer = await this.officials.messages.act(id, action, body, { version, idempotencyKey: this.keyFor(id, action, body) });
      keepFormDraft(id, null);
      if (!this.show(answer)) return;
      const done: Record<Exclude<Action, 'reveal'>, string> = this.t.actionDone;
      this.done = done[action];
      if (action === 'reply') {
        this.draft = { kind: 'interim', body: '', templateId: '' };
        for (const p of this.replyPhotos) URL.revokeObjectURL(p.preview);
        this.replyPhotos = [];
        this.replyPhotosLeftOut = 0;
      }
    });
  }

  /**
   * The `Idempotency-Key` an action goes with, kept with its draft before it leaves (`Sending`,
   * reply-drafts.ts): the same action sent again — its answer lost on the way, or the page rebuilt
   * from the kept form while the first send was on its way — is answered as done and done once,
   * rather than a second note, or a 412 telling the official someone else did what they did.
   */
  private keyFor(id: string, action: Exclude<Action, 'reveal'>, body: unknown): string {
    if (action === 'reply') {
      this.draft = { ...this.draft, sending: sendingOf(this.draft.sending, body) };
      keepReplyDraft(id, this.draft);
      return this.draft.sending!.key;
    }
    const kept = keptFormDraft(id);
    const sending = sendingOf(kept?.action === action ? kept.sending : undefined, body);
    keepFormDraft(id, { action, fields: kept?.action === action ? kept.fields : {}, sending });
    return sending.key;
  }

  /** Adds the chosen files (up to the limit) to the reply, each made smaller and uploaded at once. */
  private addReplyPhotos(event: Event): void {
    const input = event.target as HTMLInputElement;
    const { taken, leftOut } = photosToAdd(input.files, this.replyPhotos, REPLY_PHOTOS_MAX);
    input.value = '';
    this.replyPhotosLeftOut = leftOut;
    for (const file of taken) {
      const item: ReplyPhoto = { key: crypto.randomUUID(), blob: null, preview: '', state: 'preparing', progress: 0, id: null };
      this.replyPhotos = [...this.replyPhotos, item];
      void downsizePhoto(file).then(
        (blob) => {
          this.updateReplyPhoto(item.key, { blob, preview: URL.createObjectURL(blob) });
          return this.uploadReplyPhoto(item.key);
        },
        () => this.updateReplyPhoto(item.key, { state: 'unreadable' }),
      );
    }
  }

  private updateReplyPhoto(key: string, change: Partial<ReplyPhoto>): void {
    this.replyPhotos = this.replyPhotos.map((p) => (p.key === key ? { ...p, ...change } : p));
  }

  /** Uploads one reply photo (retrying a flaky network itself); a refusal says so beside it. */
  private async uploadReplyPhoto(key: string): Promise<void> {
    const item = this.replyPhotos.find((p) => p.key === key);
    if (!item?.blob || !this.message) return;
    this.updateReplyPhoto(key, { state: 'uploading', progress: 0 });
    try {
      const url = this.officials.photos.replyUploadUrl(this.message.id);
      const uploaded = await uploadPhotoTo(url, item.blob, key, this.locale, (progress) => this.updateReplyPhoto(key, { progress }));
      this.updateReplyPhoto(key, { state: 'uploaded', id: uploaded.photoId, progress: 1 });
    } catch (error) {
      // A network that never came back: 重试 or remove it before sending. A refusal (not a photo, too
      // large …) says why, and is only removed: sent again, it would be refused again.
      const field = photoRefusal(error);
      this.updateReplyPhoto(key, field ? { state: 'refused', error: this.fieldMessage('photo', field.code, field.params) } : { state: 'failed' });
    }
  }

  private removeReplyPhoto(key: string): void {
    const item = this.replyPhotos.find((p) => p.key === key);
    if (item?.preview) URL.revokeObjectURL(item.preview);
    this.replyPhotos = this.replyPhotos.filter((p) => p.key !== key);
    this.replyPhotosLeftOut = 0;
  }

  /** 隐藏照片 (with the reason its author is told) or 恢复显示: moderators and admins; audited by the service. */
  private moderatePhoto(event: Event, photoId: string, hidden: boolean): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const reason = REJECT_REASONS.find((r) => r === (form.elements.namedItem('reason') as HTMLSelectElement | null)?.value);
    const note = (form.elements.namedItem('note') as HTMLInputElement | null)?.value.trim() ?? '';
    if (!hidden && !reason) return Promise.resolve();
    return this.working(async () => {
      if (!this.show(hidden
        ? await this.officials.photos.unhide(photoId)
        : await this.officials.photos.hide(photoId, { reason: reason!, ...(note ? { note } : {}) }))) return;
      this.done = hidden ? this.t.photos.shown : this.t.photos.hidden;
    });
  }

  /** A moderator publishes a follow-up's words on the public timeline, or keeps them off it (audited). */
  private moderateFollowUp(id: string, moderation: 'published' | 'rejected'): Promise<void> {
    return this.working(async () => {
      if (!this.show(await this.officials.followUps.moderate(id, { moderation }))) return;
      this.confirming = null;
      this.done = moderation === 'published' ? this.t.message.followUpPublished : this.t.message.followUpRejected;
    });
  }

  /** 查看联系方式: the citizen's contact details, for this view only (the service audits it). */
  private reveal(): Promise<void> {
    return this.working(async (id) => {
      const contact = await this.officials.messages.act(id, 'reveal', {});
      if (id === this.messageId) this.contact = contact;
    });
  }

  /**
   * One request at a time; a refusal shows beside its fields, or as a sentence, on the page of the
   * message it was for only (the official may have gone to another while it was on its way).
   */
  private async working(request: (messageId: string) => Promise<void>): Promise<void> {
    if (this.busy || !this.message) return;
    this.busy = true;
    const id = this.message.id;
    try {
      await request(id);
      if (id === this.messageId) this.open = null;
    } catch (error) {
      if (id !== this.messageId) return;
      this.errors = this.fieldErrors(error);
      this.summarized = Object.keys(this.errors);
      void this.focusFirstInvalid();
      // Someone acted first (another official, another tab): the page shows the message as it is now,
      // and says what happened, once (a bare 409 would tell the official to reload a page already reloaded).
      const status = (error as { status?: number }).status;
      const seen = this.message?.timeline.length ?? 0;
      const said = Object.keys(this.errors).length > 0 ? '' : this.problemText(error);
      // Refused as not the official's (403, 404): the message may have left their units meanwhile (a
      // colleague transferred it, an admin moved its unit); read again, the page says so if it did.
      const changed = status === 409 || status === 412;
      if (changed || status === 403 || status === 404) {
        this.error = '';
        void this.refresh().then((now) => {
          if (id !== this.messageId) return;
          if (now) this.error = changed ? this.changedSince(seen) : said;
          else if (!this.error) this.error = said;
        });
      } else {
        this.error = said;
      }
    } finally {
      this.busy = false;
      this.pressed = null;
    }
  }

  /**
   * What happened to the message since the page read it, newest last (the events past the `seen`
   * first ones: the timeline only grows), as a sentence: 这条留言在您查看之后已有变化：12:03 正式回复（王科长）… .
   * Where nothing new is on the timeline (a note, a change the timeline does not show), the general sentence.
   */
  private changedSince(seen: number): string {
    const m = this.message;
    const t = this.t;
    const events = m ? m.timeline.slice(seen) : [];
    if (!m || events.length === 0) return t.problems.changed_since_read;
    const replyKinds = replyKindsOfEvents(m.timeline, m.replies).slice(seen);
    const changes = events.map((e, i) => format(t.changedEvent, {
      time: formatDateTime(this.locale, e.at), what: eventLabel(t, e.kind, replyKinds[i]), who: e.account ? format(t.changedBy, { name: e.account }) : '',
    }));
    return format(t.changedMeanwhile, { changes: changes.join(t.sentenceSeparator) });
  }

  /**
   * The message as it is now, the error said kept; true when it could be read again. A form for an
   * action no longer possible stays open with what was typed, not sendable (`gone`), and a
   * confirmation, holding nothing typed, closes; a message gone from the official's units (a
   * colleague transferred it) stays as it was last seen, with nothing more to do on it.
   */
  private async refresh(): Promise<boolean> {
    const id = this.message?.id;
    if (!id) return false;
    try {
      const message = await this.officials.messages.get(id);
      if (this.message?.id !== id) return false;
      this.message = message;
      if (this.open && this.open !== 'reveal' && !message.actions.includes(this.open)) {
        // A confirmation holds nothing typed to keep: it goes; a form with words stays, to copy them.
        if (CONFIRM_ONLY.has(this.open)) this.open = null;
        else this.gone = true;
      }
      return true;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if ((status === 403 || status === 404) && this.message?.id === id) {
        this.message = { ...this.message, actions: [] };
        this.gone = this.open !== null;
        this.error = this.t.movedAway;
      }
      // Otherwise the error already shown says what to do; the page stays as it was.
      return false;
    }
  }

  /** The open form's fields in error sentences: `reason` and `body` are another thing in each form. */
  protected override fieldNames(): FieldNames {
    const n = this.t.fieldNames;
    switch (this.open) {
      case 'reject':
      case 'hide':
        return { labels: { reason: n.reason, note: n.note }, choices: ['reason'] };
      case 'transfer':
        return { labels: { unitId: n.unitId, reason: n.transferReason }, choices: ['unitId'] };
      case 'reply':
        return { labels: { kind: n.kind, templateId: n.templateId, body: n.replyBody }, choices: ['kind', 'templateId'] };
      case 'extend':
        return { labels: { days: n.days, reason: n.extendReason }, choices: [] };
      case 'note':
        return { labels: { body: n.noteBody }, choices: [] };
      case 'adopt':
        return { labels: { note: n.adoptionNote }, choices: [] };
      default:
        return {};
    }
  }

  private get bodyMax(): number {
    return this.config?.limits.bodyMax ?? BODY_MAX;
  }

  /**
   * Reads the open form and checks it as the service would (sdk/src/schemas/console.ts): a refused
   * form shows its errors beside the fields and is not sent.
   */
  private submit(event: Event): void {
    event.preventDefault();
    const action = this.open;
    if (!action) return;
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
    const optional = { max: NOTE_MAX, multiline: true };
    const required = { ...optional, min: 1 };
    let checks: Record<string, string> = {};
    let send: () => Promise<void>;
    switch (action) {
      case 'reject':
      case 'hide': {
        // One of the list's own codes, or none chosen.
        const reason = REJECT_REASONS.find((r) => r === value('reason'));
        checks = { reason: this.choiceCheck('reason', reason ?? ''), note: this.textCheck('note', value('note'), optional) };
        send = () => (reason ? this.run(action, { reason, ...(value('note') ? { note: value('note') } : {}) }) : Promise.resolve());
        break;
      }
      case 'transfer':
        checks = { unitId: this.choiceCheck('unitId', value('unitId')), reason: this.textCheck('reason', value('reason'), required) };
        send = () => this.run(action, { unitId: value('unitId'), reason: value('reason') });
        break;
      case 'reply': {
        checks = { body: this.textCheck('body', this.draft.body, { ...required, max: this.bodyMax }) };
        if (this.replyPhotos.some((p) => p.state !== 'uploaded')) checks = { ...checks, photos: this.replyPhotos.some(unsendable) ? this.t.photos.cannotSend : this.t.photos.notSent };
        const photos = this.replyPhotos.map((p) => p.id!);
        send = () => this.run(action, {
          kind: this.draft.kind, body: this.draft.body.trim(), ...(this.draft.templateId ? { templateId: this.draft.templateId } : {}),
          ...(photos.length > 0 ? { photos } : {}),
        });
        break;
      }
      case 'extend':
        checks = { days: this.integerCheck('days', value('days'), EXTEND_DAYS), reason: this.textCheck('reason', value('reason'), required) };
        send = () => this.run(action, { days: Number(value('days')), reason: value('reason') });
        break;
      case 'note':
        checks = { body: this.textCheck('body', value('body'), required) };
        send = () => this.run(action, { body: value('body') });
        break;
      case 'adopt':
        checks = { note: this.textCheck('note', value('note'), { ...required, max: ADOPTION_NOTE_MAX }) };
        send = () => this.run(action, { note: value('note') });
        break;
      case 'publish':
      case 'close':
      case 'accept':
        // Confirmations: nothing to fill in.
        send = () => this.run(action, {});
        break;
      case 'reveal':
        send = () => this.reveal();
        break;
    }
    this.errors = failures(checks);
    this.summarized = Object.keys(this.errors);
    this.error = '';
    if (Object.keys(this.errors).length > 0) return void this.focusFirstInvalid();
    void send();
  }

  /**
   * A template fills an empty reply, or replaces the template chosen before it while that is not
   * edited; after words the official typed it is added below them: nothing typed is lost.
   */
  private chooseTemplate(id: string): void {
    const template = this.templates?.find((x) => x.id === id);
    const previous = this.templates?.find((x) => x.id === this.draft.templateId);
    const typed = this.draft.body.trim();
    const body = !template ? this.draft.body
      : !typed || typed === previous?.body.trim() ? template.body
      : `${this.draft.body.trimEnd()}\n\n${template.body}`;
    // Words put in by the template are no longer the ones refused (请填写回复内容): their error goes with them.
    if (body !== this.draft.body) this.clearError('body');
    this.draft = { ...this.draft, templateId: id, body };
  }

  /**
   * Forgets a field's error once its value is changed (typed, or filled in by a template): it said
   * what was wrong with the value that was refused, not with this one. The form is checked again when sent.
   */
  private clearError(field: string): void {
    if (this.errors[field]) this.errors = withoutErrors(this.errors, [field]);
  }

  /**
   * The message's title once it is here, where the public may read it (published and public); a
   * private one's is the citizen's private words, which a browser keeps in its history and may sync
   * to its vendor's servers, so its tab says only 留言.
   */
  protected override pageName(): string {
    const m = this.message;
    return m && m.isPublic && m.moderation === 'published' ? m.title : this.t.message.pageName;
  }



  override render() {
    const t = this.t;
    const back = html`<p><a class="back" href=${this.backHref}>← ${t.message.back}</a></p>`;
    if (this.loadError) return html`${back}<p class="error" role="alert">${this.loadError}</p>`;
    const m = this.message;
    if (!m) return html`${back}<p class="muted" role="status">${t.loading}</p>`;
    const when = (iso: string, withTime = true) => formatDateTime(this.locale, iso, withTime);
    const replyKinds = replyKindsOfEvents(m.timeline, m.replies);
    const rejected = m.moderation === 'rejected';
    return html`${back}
      <article part="message" class="message">
        <h1 class="title">${this.written(m.title)}</h1>
        <p class="badges">
          ${this.statusBadge(m)}
          ${m.reopened ? html`<span class="badge reopened" part="reopened">${t.flags.reopened}</span>` : nothing}
          ${m.transferredFrom ? html`<span class="badge transferred" part="transferred-from">${this.formatWritten(t.transferredFrom, { unit: m.transferredFrom.name })}</span>` : nothing}
          ${m.adoption ? html`<span class="badge adopted" part="adopted">${t.flags.adopted}</span>` : nothing}
          ${m.overdue ? html`<span class="badge overdue">${t.overdue}</span>` : nothing}
          ${m.supervised ? html`<span class="badge supervised">${t.supervised}</span>` : nothing}
          ${m.isPublic && !rejected ? html`<span class="badge moderation ${m.moderation}">${t.moderation[m.moderation]}</span>` : nothing}
          <span class="badge visibility">${m.isPublic ? t.message.public : t.private}</span>
          <span class="badge">${t.types[m.type]}</span>
          <span class="badge">${t.domains[m.domain]}</span>
        </p>
        <dl class="facts">
          <dt>${t.message.to}</dt><dd part="unit">${this.written(m.unit.name)}</dd>
          <dt>${t.message.status}</dt><dd>${rejected ? t.moderation.rejected : t.statuses[m.status]}</dd>
          <dt>${t.message.moderation}</dt><dd>${m.isPublic ? t.moderation[m.moderation] : t.message.neverPublished}${m.moderationReason
            ? html` · ${format(m.moderation === 'hidden' ? t.message.hiddenBecause : t.message.rejectedBecause, { reason: this.reasonText(m.moderationReason) })}` : nothing}${this.heldForBadge(m.heldFor, m.moderation === 'pending', m.isPublic)}</dd>
          <dt>${t.message.visibility}</dt><dd>${m.isPublic ? t.message.public : t.private}</dd>
          <dt>${t.message.deadline}</dt><dd>${rejected ? t.message.noDeadline : html`${when(m.dueAt, false)} ${m.overdue ? html`<span class="badge overdue">${t.overdue}</span>` : nothing}`}</dd>
          <dt>${t.message.submittedAt}</dt><dd>${when(m.createdAt)}</dd>
          <dt>${t.message.author}</dt><dd>${this.written(m.displayName)} · ${this.written(m.region)}</dd>
          <dt>${t.message.supports}</dt><dd>${m.supportCount}</dd>
          ${m.campaignTitle !== null ? html`<dt>${t.message.campaign}</dt><dd part="campaign">${this.written(m.campaignTitle)}${m.outlet
            ? html` · ${this.formatWritten(t.message.outlet, { name: m.outlet })}` : nothing}</dd>` : nothing}
          ${m.adoption ? html`<dt>${t.flags.adopted}</dt><dd part="adoption">${this.written(m.adoption.note)} · ${when(m.adoption.at, false)}</dd>` : nothing}
        </dl>
        <div class="body message-body">${this.written(m.body)}</div>
        ${renderPhotos(m.photos, '', t.photoAlt, this.photoMarks())}
      </article>
      ${this.renderActions(m)}
      ${this.contact ? this.renderContact(this.contact) : nothing}
      <section aria-labelledby="replies-title">
        <h2 id="replies-title">${t.replies}</h2>
        ${m.replies.length === 0 ? html`<p class="muted">${t.noReplyYet}</p>` : m.replies.map((r) => html`<section class="reply" part="reply">
          <header>${this.written(r.unit.name)} · ${t.replyKinds[r.kind]} · <time datetime=${r.createdAt}>${when(r.createdAt)}</time></header>
          <div class="body">${this.written(r.body)}</div>
          ${renderPhotos(r.photos, '', t.replyPhotoAlt, this.photoMarks())}
        </section>`)}
      </section>
      ${this.renderCitizenLoop(m)}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">${t.timeline}</h2>
        <ol class="timeline" part="timeline">${m.timeline.map((e, i) => this.renderEvent(e, replyKinds[i]))}</ol>
      </section>
      <section aria-labelledby="notes-title">
        <h2 id="notes-title">${t.message.notes}</h2>
        <p class="muted hint">${t.message.notesHint}</p>
        ${m.notes.length === 0 ? html`<p class="muted">${t.message.noNotes}</p>` : html`<ul class="notes">${m.notes.map((n) => html`<li>
          <header class="muted">${this.written(n.account)} · <time datetime=${n.createdAt}>${when(n.createdAt)}</time></header>
          <div class="body">${this.written(n.body)}</div>
        </li>`)}</ul>`}
      </section>`;
  }

  /**
   * The citizen's ratings (with the reason and words only officials see) and follow-up questions,
   * oldest first: a follow-up is answered by the next reply.
   */
  private renderCitizenLoop(m: ConsoleMessage) {
    const t = this.t;
    if (m.ratings.length === 0 && m.followUps.length === 0) return nothing;
    const when = (iso: string) => html`<time datetime=${iso}>${formatDateTime(this.locale, iso)}</time>`;
    const level = (score: number) => format(t.message.score, { level: t.ratingLevels[score as 1 | 2 | 3 | 4 | 5], score });
    return html`<section aria-labelledby="citizen-title" part="citizen">
      <h2 id="citizen-title">${t.message.citizen}</h2>
      ${m.ratings.map((r) => html`<section class="rating" part="rating">
        <header><strong>${format(t.message.ratedAs, { level: level(r.overall) })}</strong> · ${when(r.createdAt)}</header>
        <p>${t.message.resolution} ${r.resolution} · ${t.message.attitude} ${r.attitude} · ${t.message.speed} ${r.speed}</p>
        ${r.reason ? html`<p>${format(t.message.ratingReason, { reason: t.ratingReasons[r.reason] })}</p>` : nothing}
        ${r.reasonText ? html`<div class="body">${this.written(r.reasonText)}</div>` : nothing}
      </section>`)}
      ${m.followUps.map((f) => html`<section class="follow-up" part="follow-up">
        <header><strong>${t.message.followUp}</strong> · ${when(f.createdAt)}
          ${m.isPublic ? html`<span class="badge moderation ${f.moderation}">${t.message.followUpModeration[f.moderation]}</span>` : nothing}${this.heldForBadge(f.heldFor, f.moderation === 'pending', m.isPublic)}</header>
        <div class="body">${this.written(f.body)}</div>
        ${!f.moderate ? nothing : this.confirming?.id === f.id ? this.renderFollowUpConfirmation(this.confirming) : html`<p class="follow-up-actions">
          <button type="button" aria-disabled=${String(this.busy)} @click=${() => this.confirmFollowUp(f.id, 'published')}>${t.message.publishFollowUp}</button>
          <button type="button" class="secondary" aria-disabled=${String(this.busy)} @click=${() => this.confirmFollowUp(f.id, 'rejected')}>${t.message.rejectFollowUp}</button>
        </p>`}
      </section>`)}
    </section>`;
  }

  /** Asks first: a follow-up's words, once published or kept off the board, stay so. */
  private confirmFollowUp(id: string, moderation: 'published' | 'rejected'): void {
    this.error = '';
    this.done = '';
    this.confirming = { id, moderation };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="follow-up-confirm"] button')?.focus());
  }

  private renderFollowUpConfirmation({ id, moderation }: { id: string; moderation: 'published' | 'rejected' }) {
    const t = this.t;
    const publish = moderation === 'published';
    return html`<div class="panel stack" role="group" part="follow-up-confirm" aria-label=${publish ? t.message.publishFollowUp : t.message.rejectFollowUp}>
      <!-- The question describes its confirming button, so a screen reader says what is being confirmed (WCAG 1.3.1). -->
      <p id="follow-up-question">${publish ? t.message.publishFollowUpConfirm : t.message.rejectFollowUpConfirm}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="buttons">
        <button type="button" aria-describedby="follow-up-question" aria-disabled=${String(this.busy)} @click=${() => this.moderateFollowUp(id, moderation)}>${this.busy ? t.forms.sending : t.forms.confirm}</button>
        <button type="button" class="secondary" @click=${() => { this.confirming = null; }}>${t.forms.cancel}</button>
      </div>
    </div>`;
  }

  /** A moderation reason is a code from the list, shown translated (older records may hold words). */
  private reasonText(reason: string): string {
    return rejectReasonLabel(this.t, reason);
  }

  private renderEvent(e: ConsoleEvent, replyKind: ReplyKind | null | undefined) {
    const t = this.t;
    const unit = eventUnit(e);
    const where = e.fromUnit && unit ? `${e.fromUnit.name} → ${unit.name}` : (unit?.name ?? '');
    // Not public is not internal: the author reads every event but the deadline reminders, with its
    // note (a rejection's reason, why it was hidden), so the badge says who reads it.
    const officialsOnly = (OFFICIALS_ONLY_EVENTS as readonly string[]).includes(e.kind);
    return html`<li class=${officialsOnly ? 'internal' : ''}>
      <time datetime=${e.at}>${formatDateTime(this.locale, e.at)}</time>
      <strong>${eventLabel(t, e.kind, replyKind)}</strong>${where ? html` · ${this.written(where)}` : nothing}${e.account ? html` · <span class="muted">${this.written(e.account)}</span>` : nothing}
      ${e.isPublic ? nothing : html`<span class="badge">${officialsOnly ? t.message.internal : t.message.authorOnly}</span>`}
      ${e.note ? html`<div class="event-note">${this.written(e.note)}</div>` : nothing}
    </li>`;
  }

  /** How a photo is marked in the console: 不公开, hidden with why; for moderators and admins, 隐藏照片 / 恢复显示. */
  private photoMarks() {
    const t = this.t;
    const hiddenLabel = (h: PhotoHiding) => format(t.photoHidden, {
      reason: h.note ? format(t.reasonWithNote, { reason: rejectReasonLabel(t, h.reason), note: h.note }) : rejectReasonLabel(t, h.reason),
    });
    const moderates = this.officialRole === 'admin' || this.officialRole === 'moderator';
    const actions = (p: ShownPhoto, n: number) => {
      if (!moderates) return nothing;
      if (p.hidden) {
        return html`<form @submit=${(e: Event) => this.moderatePhoto(e, p.id, true)}><button type="submit" class="secondary"
          aria-disabled=${String(this.busy)} aria-label="${t.photos.unhide} ${n}">${t.photos.unhide}</button></form>`;
      }
      return html`<details class="photo-hide" part="photo-hide"><summary>${t.photos.hide}</summary>
        <form class="stack" @submit=${(e: Event) => this.moderatePhoto(e, p.id, false)}>
          <label>${t.photos.hideReason}${this.requiredMark()}<select name="reason" required>
            <option value="">${t.forms.chooseReason}</option>
            ${REJECT_REASONS.map((r) => html`<option value=${r}>${t.rejectReasons[r]}</option>`)}
          </select></label>
          <label>${t.photos.hideNote}<input name="note" maxlength=${NOTE_MAX} /></label>
          <button type="submit" aria-disabled=${String(this.busy)}>${t.photos.hide}</button>
        </form></details>`;
    };
    return { privateLabel: t.private, hiddenLabel, actions };
  }

  /** The reply's photos: each one's preview and upload progress, 添加照片 while there is room. */
  private renderReplyPhotos() {
    const t = this.t;
    const status = (p: ReplyPhoto) => (p.state === 'uploading' ? format(t.photos.uploading, { percent: Math.round(p.progress * 100) })
      : p.state === 'uploaded' ? t.photos.uploaded : p.state === 'unreadable' ? t.photos.unreadable : p.state === 'refused' ? p.error
        : p.state === 'failed' ? t.photos.failed : t.loading);
    return html`<fieldset class="field" part="reply-photos">
      <legend>${t.photos.replyPhotos}</legend>
      ${this.replyPhotos.length > 0 ? html`<ul class="photos">${this.replyPhotos.map((p, i) => html`<li>
        ${p.preview ? html`<img src=${p.preview} alt=${format(t.replyPhotoAlt, { n: i + 1 })} />` : nothing}
        <span class=${unsendable(p) || p.state === 'failed' ? 'error' : 'muted'} role=${unsendable(p) || p.state === 'failed' ? 'alert' : 'status'}>${status(p)}</span>
        ${p.state === 'uploading' ? html`<progress max="1" .value=${p.progress} aria-label=${status(p)}></progress>` : nothing}
        ${p.state === 'failed' ? html`<button type="button" class="secondary" @click=${() => this.uploadReplyPhoto(p.key)}>${t.photos.retry}</button>` : nothing}
        <button type="button" class="secondary" aria-label=${format(t.photos.removeNth, { n: i + 1 })} @click=${() => this.removeReplyPhoto(p.key)}>${t.photos.remove}</button>
      </li>`)}</ul>` : nothing}
      ${photoRoom(this.replyPhotos, REPLY_PHOTOS_MAX) > 0 ? html`<label class="add-photos">${t.photos.add}<input id="reply-photos" type="file"
        accept="image/*" multiple aria-describedby=${this.errorRef('photos') ?? nothing} @change=${this.addReplyPhotos} /></label>` : nothing}
      <p class="muted" role="status" part="reply-photos-left-out">${this.replyPhotosLeftOut > 0 ? format(t.photos.leftOut, { max: REPLY_PHOTOS_MAX, n: this.replyPhotosLeftOut }) : ''}</p>
      ${this.fieldError('photos')}
    </fieldset>`;
  }

  private renderActions(m: ConsoleMessage) {
    const t = this.t;
    // Contact details already on screen are not asked for (and logged) again.
    // Buttons in the order of the work (ACTIONS): moderate, take on, hand on, answer, finish.
    const actions = ACTIONS.filter((a) => m.actions.includes(a) && !(a === 'reveal' && this.contact));
    if (actions.length === 0 && !this.done && !this.open && !this.error) return nothing;
    // One button per action, kept by its action (`repeat`): once one is done and gone (受理), the
    // focus is not left on whichever button took its place.
    return html`<section class="actions" aria-labelledby="actions-title">
      <h2 id="actions-title" class="visually-hidden">${t.message.actions}</h2>
      ${this.done ? html`<p class="notice" role="status">${this.done}</p>` : nothing}
      <div class="buttons" part="actions">
        ${repeat(actions, (a) => a, (a) => html`<button type="button" class=${a === 'publish' || a === 'accept' || a === 'reply' ? '' : 'secondary'}
          aria-disabled=${String(this.busy)} aria-expanded=${WITH_FORM.has(a) ? String(this.open === a) : nothing} data-action=${a}
          @click=${() => this.choose(a)}>${this.busy && this.pressed === a ? t.forms.sending : t.actionLabels[a]}</button>`)}
      </div>
      ${this.open ? this.renderPanel(this.open, m) : this.error ? html`<p class="error" id="action-error" role="alert">${this.error}</p>` : nothing}
    </section>`;
  }

  /** A labelled field; its error's id, `<id>-error` (`errorRef`), is what the control's `aria-describedby` names. */
  private field(id: string, label: string, required: boolean, control: TemplateResult, extra: unknown = nothing) {
    return html`<div class="field">
      <label for=${id}>${label}${required ? this.requiredMark() : nothing}</label>${control}${extra}
      ${this.fieldError(id)}
    </div>`;
  }

  /**
   * `<id>-error` while the field's error line (`fieldError`) is shown, else `undefined`: what the
   * control's `aria-describedby` names (through `idRefs`), so it never names a line that is not there.
   */
  private errorRef(id: string): string | undefined {
    return this.errors[id] ? `${id}-error` : undefined;
  }

  /** The error line under the field `id`, drawn only with an error, with the id `errorRef` names. */
  private fieldError(id: string) {
    const shown = this.errorRef(id);
    return shown ? html`<p class="error" id=${shown} role=${this.summarized.includes(id) ? nothing : 'alert'}>${this.errors[id]}</p>` : nothing;
  }

  /** How many of the errors a send found are left, beside the send button (said politely as it changes). */
  private fixFieldsLine() {
    const n = this.summarized.filter((id) => this.errors[id]).length;
    return html`<div role="status">${n > 0 ? html`<p class="error" part="fix-fields">${format(this.t.fixFields, { n })}</p>` : nothing}</div>`;
  }

  private invalid(id: string): string {
    return this.errors[id] ? 'true' : 'false';
  }

  /** A note or reason: up to NOTE_MAX characters, counted as the official types. */
  private textarea(id: string, label: string, required: boolean, max = NOTE_MAX) {
    return this.field(id, label, required, html`<textarea id=${id} name=${id} rows="3" aria-invalid=${this.invalid(id)}
      aria-describedby=${idRefs(this.errorRef(id), this.counterId(id)) ?? nothing} @input=${this.onTyped}></textarea>`, this.counter(id, max));
  }

  private renderPanel(action: Action, m: ConsoleMessage) {
    const t = this.t;
    const f = t.forms;
    let fields: unknown = nothing;
    switch (action) {
      case 'reject':
      case 'hide':
        fields = html`${this.field('reason', f.reason, true, html`<select id="reason" name="reason" aria-invalid=${this.invalid('reason')}
            aria-describedby=${this.errorRef('reason') ?? nothing}>
            <option value="">${f.chooseReason}</option>
            ${REJECT_REASONS.map((r) => html`<option value=${r}>${t.rejectReasons[r]}</option>`)}
          </select>`)}
          ${this.textarea('note', f.reasonNote, false)}
          ${action === 'reject' ? this.renderRejectionPreview() : nothing}`;
        break;
      case 'transfer': {
        // One level at a time or a search, so a unit deep in a national tree is two or three steps away.
        fields = html`<div class="field">
            <liuyan-console-unit-picker id="unitId" name="unitId" source="site" .site=${this.config?.site.id ?? ''}
              label=${f.transferTo} .exclude=${[m.unit.id]} aria-invalid=${this.invalid('unitId')} .error=${this.errors.unitId ?? ''}
              described-by="unitId-error"></liuyan-console-unit-picker>
          </div>
          ${this.textarea('reason', f.transferReason, true)}`;
        break;
      }
      case 'reply': {
        const d = this.draft;
        // Each radio names the group's error: a fieldset cannot take focus or describe its radios.
        const kind = (value: ReplyDraft['kind'], label: string) => html`<label class="choice"><input type="radio" name="kind"
          value=${value} .checked=${d.kind === value} aria-invalid=${this.invalid('kind')} aria-describedby=${this.errorRef('kind') ?? nothing}
          @change=${() => (this.draft = { ...this.draft, kind: value })} />${label}</label>`;
        fields = html`<fieldset class="field">
            <legend>${f.replyKind}</legend>
            <div class="choices">${kind('interim', t.replyKinds.interim)}${kind('final', t.replyKinds.final)}</div>
            ${this.fieldError('kind')}
          </fieldset>
          ${this.templates && this.templates.length > 0 ? this.field('templateId', f.template, false, html`<select id="templateId" name="templateId"
            aria-invalid=${this.invalid('templateId')} aria-describedby=${this.errorRef('templateId') ?? nothing}
            @change=${(e: Event) => this.chooseTemplate((e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${d.templateId === ''}>${f.noTemplate}</option>
            ${this.templates.map((x) => html`<option value=${x.id} lang=${this.langOf(x.title)} ?selected=${d.templateId === x.id}>${x.title}</option>`)}
          </select>`) : nothing}
          ${this.field('body', f.replyBody, true, html`<textarea id="body" name="body" rows="8" .value=${d.body}
            aria-invalid=${this.invalid('body')} aria-describedby=${idRefs(this.errorRef('body'), this.counterId('body')) ?? nothing}
            @input=${(e: Event) => (this.draft = { ...this.draft, body: (e.target as HTMLTextAreaElement).value })}></textarea>`,
            textCounter(d.body, this.bodyMax, f.counter, this.counterId('body')))}
          ${this.renderReplyPhotos()}
          <p class="muted hint">${this.formatWritten(m.isPublic ? f.replySigned : f.replySignedPrivate, { unit: m.unit.name })}</p>`;
        break;
      }
      case 'extend':
        fields = html`${this.field('days', f.days, true, html`<input id="days" name="days" type="number" min=${EXTEND_DAYS.min}
            max=${EXTEND_DAYS.max} inputmode="numeric" aria-invalid=${this.invalid('days')} aria-describedby=${idRefs(this.errorRef('days'), 'extension-preview') ?? nothing}
            data-checked-as-typed @input=${this.previewExtension} />`)}
          <p class="notice" id="extension-preview" part="extension-preview" aria-live="polite" ?hidden=${!this.extension}>${this.extension
            ? html`${format(this.extension.countedFrom === 'today' ? f.newDeadlineFromToday : f.newDeadline,
              { date: formatDateTime(this.locale, this.extension.dueAt, false) })}${this.extension.calendarNotSetFor === null ? nothing
              : html`<br />${format(f.calendarNotSet, { year: this.extension.calendarNotSetFor })}`}`
            : nothing}</p>
          ${this.textarea('reason', f.extendReason, true)}`;
        break;
      case 'note':
        fields = this.textarea('body', f.noteBody, true);
        break;
      case 'adopt':
        fields = html`${this.textarea('note', f.adoptionNote, true, ADOPTION_NOTE_MAX)}<p class="muted hint">${f.adoptionHint}</p>`;
        break;
      case 'close':
        // Its id describes 确定 (below), so a screen reader says what is being confirmed.
        fields = html`<p id="confirm-question">${f.closeConfirm}</p>`;
        break;
      case 'publish':
        // The contact fields are never shown, but a number typed into the text would be: the moderator is told before,
        // in the question that describes 确定, so a screen reader says it too.
        fields = html`<p id="confirm-question">${m.heldFor.includes('phone') ? html`<strong>${f.publishHeldPhone}</strong> ` : nothing}${format(f.publishConfirm, { name: m.displayName })}</p>`;
        break;
    }
    return html`<form class="panel stack" part="action-form" novalidate @submit=${this.submit} @keydown=${this.onPanelKeydown}
      @input=${this.onPanelInput} @change=${this.onPanelInput} aria-label=${t.actionLabels[action]}>
      <h3>${t.actionLabels[action]}</h3>
      ${fields}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.fixFieldsLine()}
      ${this.gone ? html`<p class="notice" part="action-gone">${f.actionGone}</p>` : nothing}
      <div class="buttons">
        <button type="submit" aria-disabled=${String(this.busy || this.gone)} aria-describedby=${CONFIRM_ONLY.has(action) ? 'confirm-question' : nothing}>${this.busy ? f.sending : t.actionSubmit[action]}</button>
        <button type="button" class="secondary" aria-disabled=${String(this.busy)} @click=${this.cancel}>${f.cancel}</button>
      </div>
    </form>`;
  }

  /**
   * Keeps what is typed in the open form (not the reply's, kept by its own draft) for a reload or a
   * sign-in in between, and reads the reject form for its preview (events bubble up from the fields).
   */
  private onPanelInput(event: Event): void {
    const form = event.currentTarget as HTMLFormElement;
    // A field typed in or chosen again is no longer the value refused: its error and aria-invalid go.
    // Only a control's own events: a search typed inside 转办's unit picker chooses nothing yet.
    const name = event.composedPath()[0] === event.target ? (event.target as Element).getAttribute('name') : null;
    // A field checked as it is typed (延期's days) keeps the error its own handler has just set.
    if (name && !(event.target as Element).hasAttribute('data-checked-as-typed')) this.clearError(name);
    if (this.message && this.open && this.open !== 'reply') {
      // Every named field with a value, the unit picker of 转办 (a form-associated element) too.
      const fields: Record<string, string> = {};
      for (const e of form.elements) {
        const name = e.getAttribute('name');
        const value = (e as { value?: unknown }).value;
        if (name && typeof value === 'string' && !(e instanceof HTMLInputElement && e.type === 'radio')) fields[name] = value;
      }
      keepFormDraft(this.message.id, { action: this.open, fields });
    }
    this.onRejectionInput(form);
  }

  /**
   * 取消: the form closes and what was typed in it is forgotten (a reply keeps its draft, as before).
   * The focus goes back to the button that opened the form, where the official was: not to the
   * page's heading (nor, from inside 转办's unit picker, nowhere).
   */
  private cancel(): void {
    const action = this.open;
    if (this.message && this.open !== 'reply') keepFormDraft(this.message.id, null);
    this.open = null;
    this.gone = false;
    if (action) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[part="actions"] button[data-action="${action}"]`)?.focus());
  }

  /**
   * Escape in an open form closes it as 取消 does, but not while it is being sent (its answer would
   * come to a form no longer there), not while it clears a search box's text (the browser's own
   * Escape), and not from a form holding words typed (取消 forgets them; a key pressed by mistake must
   * not), but a reply's, which keeps its draft.
   */
  private onPanelKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || this.busy || event.defaultPrevented) return;
    const target = event.composedPath()[0];
    if (target instanceof HTMLInputElement && target.type === 'search' && target.value) return;
    const typed = [...(event.currentTarget as HTMLFormElement).querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('textarea, input[type="text"]')]
      .some((field) => field.value.trim() !== '');
    if (typed && this.open !== 'reply') return;
    event.preventDefault();
    this.cancel();
  }

  /** Puts back a kept form's values, each announced as typed (its counter, the new deadline's preview). */
  private restoreForm(fields: Record<string, string>): void {
    const form = this.renderRoot.querySelector<HTMLFormElement>('form[part="action-form"]');
    for (const [name, value] of Object.entries(fields)) {
      const element = form?.elements.namedItem(name);
      if (!(element instanceof HTMLElement) || typeof (element as { value?: unknown }).value !== 'string') continue;
      (element as unknown as { value: string }).value = value;
      element.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
  }

  /** Reads the reject form as the moderator fills it in. */
  private onRejectionInput(form: HTMLFormElement): void {
    if (this.open !== 'reject') return;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
    this.rejection = { reason: value('reason'), note: value('note') };
  }

  /** The line the author will read with the tracking code, as `<liuyan-track>` shows it. */
  private renderRejectionPreview() {
    const t = this.t;
    const { reason, note } = this.rejection;
    const label = reason ? rejectReasonLabel(t, reason) : '';
    return html`<p class="muted hint" part="rejection-preview" aria-live="polite">${reason
      ? format(t.forms.rejectPreview, {
        state: t.moderation.rejected, label: t.rejectionReason, reason: note ? format(t.reasonWithNote, { reason: label, note }) : label,
      })
      : format(t.forms.rejectPreviewHint, { state: t.moderation.rejected })}</p>`;
  }

  private renderContact(c: Contact) {
    const t = this.t.message;
    return html`<section class="contact panel" part="contact" aria-labelledby="contact-title">
      <h2 id="contact-title">${t.contact}</h2>
      <p class="notice">${t.contactLogged}</p>
      ${c.erasedAt ? html`<p class="notice warning" part="contact-erased">${format(t.contactErased, { date: formatDateTime(this.locale, c.erasedAt) })}</p>` : html`<dl class="facts">
        <dt>${t.contactName}</dt><dd>${this.written(c.name)}</dd>
        <dt>${t.contactPhone}</dt><dd><a href="tel:${c.phone}">${c.phone}</a></dd>
        <dt>${t.contactEmail}</dt><dd>${c.email ?? t.none}</dd>
      </dl>`}
    </section>`;
  }
}

defineElement('liuyan-console-message', LiuyanConsoleMessage);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-message': LiuyanConsoleMessage;
  }
}
