import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { displayNameChoice } from '../../../sdk/src/display-name';
import { fieldErrorMessage, fieldHeading, fieldLabel, type FieldErrorParams, type PublicFieldSentences } from '../../../sdk/src/error-messages';
import { LiuyanError } from '../../../sdk/src/errors';
import { LIMITS } from '../../../sdk/src/limits';
import { replyNotice } from '../../../sdk/src/reply-notice';
import type { DisplayAs, Domain, MessageType } from '../../../sdk/src/schemas/common';
import type { FieldErrorCode } from '../../../sdk/src/schemas/error';
import type { CreateMessageInput, MessageCreated } from '../../../sdk/src/schemas/message';
import type { SiteConfig, UnitNode } from '../../../sdk/src/schemas/site';
import type { Campaign } from '../../../sdk/src/schemas/campaign';
import type { LiuyanErrorDetail, LiuyanSubmittedDetail } from '../events';
import { errorDetail, failureText, retryCanHelp } from '../internal/errors';
import { defineElement, LiuyanElement } from '../../../ui/liuyan-element';
import { format, formatDateTime, lastInstantOf, Localized, sayNow, type LaterText } from '../../../ui/localize';
import type { Locale } from '../../../sdk/src/languages';
import { formatWritten, written, writtenLangAttr } from '../../../ui/content-lang';
import { textCounter, textError, type TextRule } from '../../../ui/text-rules';
import { tokens } from '../../../ui/tokens.styles';
import { idRefs } from '../../../ui/id-refs';
import { addPhotosStyles, photoRefusal, photoRoom, photosToAdd, unsendable, type PhotoState } from '../../../ui/photo-state';
import { arrivedBy, DraftStore, sentFormName } from './draft-store';
import { dropPhotos, keepPhotos, keptPhoto } from '../internal/outbox-photos';
import { amend, dequeue, enqueue, listen, queuedFor, sendQueued, type OutboxNews, type Queued, type QueuedPhoto } from '../internal/outbox';
import { styles } from './liuyan-form.styles';
import { FormGuard, guardStyles } from './form-guard';
import { formZhCN, type FormStrings } from './strings.zh-cn';
import { withOverrides } from '../../../sdk/src/string-overrides';
import { chosenUnit, narrowedChoices, pathTo, unitGroups } from './unit-path';
import type { LargeUnitPicker, PickerHost } from './large-unit-picker';
import type { Verification, VerificationHost } from './verification';
import type { Receipt, ReceiptHost } from './receipt';
import { onDemand } from '../../../ui/on-demand';
import { focusWithContext } from '../../../ui/focus';

/**
 * A field's error as kept: said when it is shown (`LaterText`), so it reads in the form's language of
 * the moment and as a sentence once the sentences come.
 */
type ErrorText = LaterText;

/** Everything the citizen types, as kept in the draft. */
export interface FormValues {
  units: string[];
  /** What the picker of a large tree shows for the chosen unit (its path and name): levels are not kept. */
  unitLabel: string;
  type: MessageType | '';
  domain: Domain | '';
  title: string;
  body: string;
  region: string;
  name: string;
  phone: string;
  email: string;
  displayAs: DisplayAs;
  isPublic: boolean;
  consent: boolean;
  /** Be told of a reply by SMS / by e-mail (offered only for a contact given). */
  notifySms: boolean;
  notifyEmail: boolean;
  /** The SMS code, where the site asks for one. */
  verificationCode: string;
}

const emptyValues = (): FormValues => ({
  units: [], unitLabel: '', type: '', domain: '', title: '', body: '', region: '', name: '', phone: '', email: '',
  displayAs: 'masked', isPublic: true, consent: false, notifySms: false, notifyEmail: false, verificationCode: '',
});

/** A photo the citizen added: made smaller, then uploaded at once; named by the submission once uploaded. */
interface PhotoItem {
  /** The upload's Idempotency-Key (a retry reuses it). */
  key: string;
  /** The file chosen (or, given back from the outbox, the photo kept under its name): made smaller by the photo code, which may not have come yet (offline). */
  file: File;
  /** An object URL of the smaller photo for its thumbnail; of the file itself while the photo code could not come. */
  preview: string;
  blob: Blob | null;
  state: PhotoState;
  /** Fraction sent, 0–1. */
  progress: number;
  id: string | null;
  /** Shown with a public message; unticked, only the author and the officials see it. */
  isPublic: boolean;
  error: string;
}

/** `queued`: the submission waits in the outbox (offline, or the connection dropped) and is sent when the network returns. */
type Phase = 'loading' | 'load-failed' | 'campaign-closed' | 'campaign-elsewhere' | 'editing' | 'sending' | 'queued' | 'done';

/** How often a queued submission is tried while the browser believes it is online (ms): `online` does not fire when only the service was unreachable. */
const OUTBOX_RETRY_MS = 15_000;
/**
 * How long a press of 提交 waits for the sentences of field errors when the first focus did not bring
 * them (ms): on a connection that hangs rather than fails, the send goes on without them (errors then
 * name their field plainly) instead of doing nothing in front of the citizen.
 */
const SENTENCES_WAIT_MS = 2_000;
/** The fields a drive narrows (`narrowedChoices`): a refusal of one may mean the drive changed since it was read. */
const NARROWED_BY_DRIVE = new Set(['unitId', 'type', 'domain']);

/** Contact details: kept for this tab's session only, never in the draft on the device. */
const CONTACT: (keyof FormValues)[] = ['name', 'phone', 'email', 'verificationCode'];
const FIELD_OF: Partial<Record<keyof FormValues, string>> = { name: 'author.name', phone: 'author.phone', email: 'author.email' };
type TypedField = 'title' | 'body' | 'region' | 'name' | 'phone' | 'email';

/**
 * @summary The citizen's form: choose who to write to, write, and get a private tracking code.
 *
 * @event liuyan-submitted - The message was stored. `detail`: `{ id, status, moderation, dueAt }`.
 * @event liuyan-error - The citizen was shown an error. `detail`: `{ code, status, fields }`.
 *
 * @csspart form - The form.
 * @csspart field - Each labelled field.
 * @csspart submit - The send button.
 * @csspart status - Sending / retrying / failure notices.
 * @csspart fix-fields - 有 N 处填写有误: how many answers a send found to correct, beside the send button.
 * @csspart outbox - 已保存，联网后自动提交: what is shown while the submission waits for the network.
 * @csspart outbox-photos - 所选的2张照片已一并保存…: under it, when the message has photos.
 * @csspart receipt - What is shown after sending.
 * @csspart campaign-closed - What a drive (`campaign`) says before its first day or after its last, instead of the form.
 * @csspart kept - What the citizen wrote for a drive that closed before it was sent, in a read-only box to copy, and its delete button.
 * @csspart campaign-elsewhere - What a drive that runs only on other websites (its outlets) says on this one, instead of the form.
 * @csspart tracking-code - The tracking code.
 * @csspart notify - 有回复时通知我: the choice of a reply notice by SMS or e-mail (only for a contact given).
 * @csspart get-code - 获取验证码, where the site asks for an SMS code (with its countdown).
 * @csspart photos - 照片: the photos added, their uploads and 添加照片.
 * @csspart photo - One photo added: thumbnail, progress or error, its public choice.
 * @csspart photos-left-out - How many photos chosen found no place beyond the limit (最多4张照片：另选的1张没有添加), empty until then.
 * @csspart privacy-notice - 阅读隐私声明: the site's privacy notice, opened under the consent box.
 * @csspart remember - The choice to remember the tracking code on this device (我的留言 in `<liuyan-track>`).
 * @csspart another-waiting - 这台设备上还有留言等待提交: on the receipt, while another message waits on the device to be sent.
 *
 * @cssproperty --liuyan-color-primary - Buttons, focus rings, the tracking code.
 * @cssproperty --liuyan-font-size - Base text size.
 * @cssproperty --liuyan-form-min-height - Height kept while the form loads (default 100em), so the page below does not move.
 */
const strings = new Localized<FormStrings>(formZhCN, {
  en: onDemand(() => import('./strings.en'), (m) => m.formEn),
  'zh-TW': onDemand(() => import('./strings.zh-tw'), (m) => m.formZhTW),
});

/**
 * The privacy notice Liuyan ships, in each language: a chunk each (privacy-strings.zh-cn.ts), fetched when the
 * citizen comes into the form (so it is there if the network drops later) or opens the notice.
 */
const privacyNotices: Record<Locale, () => Promise<{ defaultPrivacyNotice: string }>> = {
  'zh-CN': onDemand(() => import('./privacy-strings.zh-cn'), (m) => m.privacyZhCN),
  'zh-TW': onDemand(() => import('./privacy-strings.zh-tw'), (m) => m.privacyZhTW),
  en: onDemand(() => import('./privacy-strings.en'), (m) => m.privacyEn),
};

/**
 * The sentences of field errors (请填写标题, 标题不能超过50个字 …), in each language: a chunk each
 * (sdk/src/locales/sentences.<lang>.ts), not carried at first paint. Fetched when the citizen comes into
 * the form (so they are there if the network drops later), and awaited by the first send if that did
 * not bring them. The field names the form labels its controls with are in its strings (`t.errors`).
 */
const sentenceChunks: Record<Locale, () => Promise<PublicFieldSentences>> = {
  'zh-CN': onDemand(() => import('../../../sdk/src/locales/sentences.zh-cn'), (m) => m.zhCNFieldSentences),
  'zh-TW': onDemand(() => import('../../../sdk/src/locales/sentences.zh-tw'), (m) => m.zhTWFieldSentences),
  en: onDemand(() => import('../../../sdk/src/locales/sentences.en'), (m) => m.enFieldSentences),
};

/** The parts fetched on demand (`onDemand`: a failed fetch is asked for again by the next call). */
const receiptModule = onDemand(() => import('./receipt'));
const largeUnitPickerModule = onDemand(() => import('./large-unit-picker'));
const verificationModule = onDemand(() => import('./verification'));
const photosModule = onDemand(() => import('./photos'));
const outboxPhotosModule = onDemand(() => import('../internal/outbox-photos-send'));
const plainFormModule = onDemand(() => import('./plain-form'));

/** The receipt's chunk, or null if it could not come (asked for again by the next call). */
const loadReceipt = (): Promise<typeof import('./receipt') | null> => receiptModule().catch(() => null);
/** The sending of a queued submission's photos, or null if that chunk could not come. */
const loadOutboxPhotos = (): Promise<typeof import('../internal/outbox-photos-send') | null> => outboxPhotosModule().catch(() => null);
/** Errors of a queued submission's photo, refused or unreadable when the outbox sent it: given back with its photos, which say why. */
const refusedPhotos = new WeakSet<object>();

export class LiuyanForm extends LiuyanElement<FormStrings> {
  static override styles = [tokens, styles, guardStyles, addPhotosStyles];

  protected readonly strings = strings;

  static override properties = {
    ...LiuyanElement.properties,
    campaign: { type: String },
    unit: { type: String },
    config: { state: true },
    drive: { state: true },
    loadError: { state: true },
    values: { state: true },
    errors: { state: true },
    summarized: { state: true },
    phase: { state: true },
    attempt: { state: true },
    restored: { state: true },
    created: { state: true },
    receipt: { state: true },
    largePicker: { state: true },
    verification: { state: true },
    photos: { state: true },
    photosLeftOut: { state: true },
    flushing: { state: true },
    privacyText: { state: true },
    privacyFailed: { state: true },
    sentences: { state: true },
  };

  /** Slug of a campaign (建言 drive) the messages belong to: its units, types and domains only, and nothing outside its days. */
  campaign = '';
  /** Id of the unit to preselect, e.g. on a department's own page. */
  unit = '';

  private config: SiteConfig | null = null;
  /** The drive of `campaign`, with its window; its choices narrow `config`. */
  private drive: Campaign | null = null;
  private values: FormValues = emptyValues();
  private errors: Partial<Record<string, ErrorText>> = {};
  /**
   * The fields whose errors came together (a send, the service's answer, a page's form taken over):
   * one line beside the send button says how many are left (`fixFields`), and their own lines are not
   * alerts, so a screen reader hears the first field's error with the focus and the count once, not
   * every error at once. An error a part shows alone (its file failed to load) is still an alert.
   */
  private summarized: readonly string[] = [];
  private phase: Phase = 'loading';
  /** Why the form could not load, and whether trying again may help (not for a website that is not allowed). */
  private loadError: { text: LaterText; retry: boolean } = { text: '', retry: true };
  private attempt = 0;
  /** What the form was filled with from this browser: a draft (`draft`), or a page's form sent as it is with no answer seen (`sent`). */
  private restored: false | 'draft' | 'sent' = false;
  private created: MessageCreated | null = null;
  /** The receipt of `created` (receipt.ts), once its chunk is here. */
  private receipt: Receipt | null = null;
  private drafts: DraftStore<FormValues> | null = null;
  /** Photos added, in order; not kept in the draft (a file cannot be), so the message text never waits on them. */
  private photos: PhotoItem[] = [];
  /** How many of the files last chosen found no place (beyond the limit), said beside the photos. */
  private photosLeftOut = 0;
  /** Each photo's upload on its way, by key: sending waits for them. */
  private uploads = new Map<string, Promise<void>>();
  /** The picker of a tree too large to send whole (large-unit-picker.ts), once its chunk has arrived. */
  private largePicker: LargeUnitPicker | null = null;
  /** The SMS code's field (verification.ts), once its chunk has arrived. */
  private verification: Verification | null = null;
  /** The config whose parts (the two above) were asked for. */
  private partsFor: SiteConfig | null = null;
  /** The fill time, the hidden field and Turnstile (form-guard.ts). */
  private readonly guard = new FormGuard(this);
  /** The submission waiting in the outbox (also kept here, for a browser that stores nothing). */
  private queued: Queued<FormValues> | null = null;
  private flushing = false;
  private outboxTimer: ReturnType<typeof setInterval> | undefined;
  private stopListening: (() => void) | null = null;
  /** The notice Liuyan ships, by language, once its chunk has arrived. */
  private privacyText: Partial<Record<Locale, string>> = {};
  /** The notice's chunk could not be fetched: the notice says so, not 正在加载… for ever. */
  private privacyFailed = false;
  /** The sentences of field errors, by language, once their chunk has arrived. */
  private sentences: Partial<Record<Locale, PublicFieldSentences>> = {};

  /**
   * The form drawn as HTML into the page (the hosted write page: worker/src/hosted/write-form.ts),
   * shown through a slot until the site config has come, then taken over (`adoptPlainForm`).
   */
  private plain: HTMLFormElement | null = null;

  /** Whether a word is being composed in the page's form (an IME's pinyin, not yet chosen). */
  private composing = false;
  /** Whether the page's form holds what the browser filled in again of a form sent from it (`takeSentForm`): taken over empty. */
  private plainRefilled = false;
  /** The slot that shows the page's form until it is taken over. */
  private plainSlot: HTMLSlotElement | null = null;

  override connectedCallback(): void {
    this.plain ??= this.querySelector<HTMLFormElement>(':scope > form.plain-form');
    // Its reader comes beside the site config, so the take-over waits for nothing more.
    if (this.plain) void plainFormModule().catch(() => undefined);
    // A word begun before this script ran: marked on the form by the loader (`watchPageForm`), or
    // known by its next keystroke (an input event while composing).
    if (this.plain?.hasAttribute('data-composing')) this.composing = true;
    this.plain?.addEventListener('compositionstart', () => (this.composing = true));
    this.plain?.addEventListener('input', (event) => ((event as InputEvent).isComposing && (this.composing = true)));
    this.plain?.addEventListener('compositionend', () => (this.composing = false));
    // Sent as it is (before the take-over): the page is on its way to the answer; nothing is taken
    // over, so no copy of the message stays behind as a draft to be sent again. The loader marks it
    // so from its start (`watchPageForm`), should the form have been sent before this script came.
    this.plain?.addEventListener('submit', () => this.plain?.setAttribute('data-submitted', ''));
    super.connectedCallback();
    window.addEventListener('pagehide', this.leave);
    if (this.phase === 'queued') this.watchOutbox();
  }

  /** The tab is closed or left: what it wrote is what a page opened later restores. */
  private leave = (): void => this.drafts?.leave();

  /**
   * The page's form stays in view from the moment the element has its shadow root (before its first
   * render, which may wait for the strings of its language), through a slot of its own, so nothing
   * being typed in it loses the focus.
   */
  protected override createRenderRoot() {
    const root = super.createRenderRoot();
    if (this.plain && !this.plainSlot) this.plainSlot = root.appendChild(document.createElement('slot'));
    return root;
  }

  /**
   * Takes over the page's own form (`readPlainForm`, a chunk fetched with the site config). Once the
   * citizen has changed anything in it (or the service sent it back with its errors), its values are
   * all the form's values, and a draft restored from an earlier visit gives way to them; untouched, the
   * draft stays. The focus and the cursor go to the same place in the same control. A word being
   * composed (pinyin) is first let finish; the privacy notice stays open and a long letter scrolled as it
   * was. The page's form and its slot are then removed. Returns
   * false (the page's form kept, to be sent as it is) when the chunk cannot come.
   */
  private async adoptPlainForm(): Promise<boolean> {
    const form = this.plain;
    if (!form) return true;
    const reader = await plainFormModule().catch(() => null);
    // Looked at after that wait, and after each word: one may be begun while the chunk comes, and
    // another right after the last; read now, its pinyin would be kept as letters.
    while (this.composing) await new Promise<void>((done) => form.addEventListener('compositionend', () => setTimeout(done), { once: true }));
    if (!reader || form.hasAttribute('data-submitted')) return false;
    const reading = reader.readPlainForm(form);
    this.plain = null;
    // What the page's form sent is what it last held: on the way back to the page the browser restores
    // some of its fields only (not those with `autocomplete="off"`), so that reading would lose words;
    // and what it restores of the write page's form sent from this tab is of a message stored already.
    if (reading.values && this.restored !== 'sent' && !this.plainRefilled) {
      this.values = { ...emptyValues(), ...reading.values };
      this.restored = false;
      this.drafts?.save(this.values);
    }
    // The errors the service sent back with the form stay beside their fields.
    this.showErrors({ ...this.errors, ...reading.errors });
    form.remove();
    this.plainSlot?.remove();
    this.plainSlot = null;
    const { restoreView } = reading;
    if (restoreView) void this.updateComplete.then(() => restoreView(this.renderRoot));
    return true;
  }

  /**
   * A page's form sent as it is (before the take-over) keeps what it sent for this tab (`sentFormName`):
   * the page it went to may never have come. On a later page (not this one, whose answer may be on its
   * way; not the service's answer itself), made the draft, replacing an older one, so the citizen who
   * comes back finds it, told it was sent (`sentRestored`), on every load until it is sent or begun
   * again. Returns whether there is one; kept for the next load should its reader not come.
   */
  private async takeSentForm(): Promise<boolean> {
    const name = sentFormName(this.site);
    let kept: { page?: unknown; pairs?: unknown; taken?: unknown; keyed?: unknown } | null = null;
    // The service's answer to it (the form sent back to confirm or correct, `data-sent`): arrived after all.
    const answered = this.plain?.hasAttribute('data-sent') === true;
    try {
      kept = JSON.parse(sessionStorage.getItem(name) ?? 'null');
      if (kept && answered) sessionStorage.removeItem(name);
    } catch {
      return false; // no storage, or nothing readable kept
    }
    if (!kept || kept.page === performance.timeOrigin || answered) return false;
    if (kept.keyed) {
      // The write page's own form was sent, with its key: stored, or to be by a reload of the failed
      // page. Come back to (Back), the page's form is filled again by the browser with some of it: not
      // typing, and taken as such it would stay as a draft, to be sent twice.
      if (arrivedBy() === 'back_forward') this.plainRefilled = true;
      sessionStorage.removeItem(name);
      return false;
    }
    // Made the draft on an earlier load: still said to have been sent while its words are kept (this
    // tab's own, or the device's), until sent or begun again (in another tab, say, that began with
    // them and kept no words of this one's: then none are left).
    if (kept.taken) {
      if (this.drafts?.message()) return true;
      sessionStorage.removeItem(name);
      return false;
    }
    const values = await plainFormModule().then(({ sentValues }) => sentValues(kept.pairs), () => undefined);
    if (values === undefined) return false;
    if (values === null) {
      sessionStorage.removeItem(name);
      return false;
    }
    this.drafts?.save({ ...emptyValues(), ...values });
    sessionStorage.setItem(name, JSON.stringify({ page: kept.page, taken: true }));
    return true;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.leave);
    this.verification?.stop();
    this.unwatchOutbox();
  }

  /** The form's words, with the site's own where its admin set any (the button, the region's example). */
  protected override get t(): FormStrings {
    return withOverrides(super.t, this.config?.strings, this.locale, 'form');
  }

  /** Whether the page's own form is the form: while the config comes, and after it failed to, unless for good. */
  private plainShown(): boolean {
    return Boolean(this.plain) && (this.phase === 'loading' || (this.phase === 'load-failed' && this.loadError.retry));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The page's form is in view only while it is the form: not beside a receipt or a queued message,
    // nor where this website may not send at all (its origin not allowed: the form would be refused too).
    this.plainSlot?.toggleAttribute('hidden', !this.plainShown());
    if ((changed.has('site') || changed.has('campaign')) && this.site) void this.load();
    // Errors on show in a language whose sentences have not come (the element's lang changed): ask for them.
    if (navigator.onLine && Object.values(this.errors).some((error) => typeof error === 'function') && !this.sentences[this.locale]) void this.loadSentences();
  }

  private async load(): Promise<void> {
    // A page with two forms of one site (the form pasted twice, a drive's beside the general one):
    // each keeps a draft of its own, by its place on the page, or the one typed in last took the
    // other's place on a reload and its letter was lost.
    const forms = [...document.querySelectorAll('liuyan-form')].filter((form) => ((form as LiuyanForm).site || form.getAttribute('site')) === this.site);
    const place = Math.max(0, forms.indexOf(this));
    if (place === 1) console.warn(`Liuyan: this page has more than one <liuyan-form site="${this.site}">; each keeps its own draft.`);
    this.drafts = new DraftStore<FormValues>(this.site, CONTACT, place);
    // A submission left waiting (on this page or one closed since) is shown and sent first; it
    // needs no site config, which an offline reload may not get.
    const waiting = queuedFor<FormValues>(this.site);
    const receipt = waiting ? null : this.drafts.keptReceipt();
    if (waiting) this.showQueued(waiting);
    else if (receipt) {
      this.values = { ...emptyValues(), title: receipt.title, isPublic: receipt.isPublic };
      this.phase = 'done';
      this.showReceipt(receipt.created, { announce: false });
    } else if (this.phase !== 'queued' && this.phase !== 'done') this.phase = 'loading';
    let choices: SiteConfig;
    try {
      const [config, campaign] = await Promise.all([
        this.client().getSite(),
        this.campaign ? this.client().getCampaign(this.campaign) : null,
      ]);
      choices = this.useChoices(config, campaign);
    } catch (error) {
      this.loadError = {
        text: () => failureText(error, this.t, this.t.loadFailed),
        retry: retryCanHelp(error),
      };
      if (error instanceof LiuyanError && error.code === 'not_found') this.loadError = { text: () => this.t.campaignUnknown, retry: false };
      if (this.phase !== 'loading' && this.phase !== 'load-failed') return;
      this.phase = 'load-failed';
      this.report(error);
      return;
    }
    this.loadParts();
    // The queued submission's receipt or answer is what the citizen waits for.
    if (this.phase !== 'loading' && this.phase !== 'load-failed') return;
    // Before or after a drive's window, or on a website the drive does not run on, the form says
    // so before anything is typed.
    if (this.drive && !this.drive.open) {
      // What was written here before the drive closed is shown, to be copied (renderKept).
      const draft = this.drafts.load();
      if (draft) this.values = { ...emptyValues(), ...draft };
      this.phase = 'campaign-closed';
      return;
    }
    if (this.drive && !this.drive.acceptsHere) {
      this.phase = 'campaign-elsewhere';
      return;
    }
    const sent = await this.takeSentForm();
    const draft = this.drafts.load();
    if (draft) {
      this.values = { ...emptyValues(), ...draft };
      this.restored = sent ? 'sent' : 'draft';
    } else if (this.unit) {
      this.values = { ...this.values, units: pathTo(choices.units, this.unit).slice(-1).map((u) => u.id) };
    }
    // A drive that takes one type (建言) has it chosen already.
    if (choices.types.length === 1 && !this.values.type) this.values = { ...this.values, type: choices.types[0]! };
    // Should the reader of the page's form not come, that form stays, to be sent as it is.
    if (!(await this.adoptPlainForm())) {
      this.phase = 'load-failed';
      return;
    }
    this.phase = 'editing';
    this.guard.shown();
  }

  /**
   * The parts this site's config asks for, each a chunk of its own, asked for as soon as the config
   * says so (once per config; a chunk that failed is asked for again at the next focus): the picker of
   * a large tree, the SMS code's field.
   */
  private loadParts(): void {
    const config = this.config;
    if (!config || this.partsFor === config) return;
    this.partsFor = config;
    this.verification?.stop();
    this.largePicker = null;
    this.verification = null;
    const failed = (field: string) => () => {
      if (this.config !== config) return;
      this.partsFor = null;
      this.errors = { ...this.errors, [field]: this.t.loadFailed };
    };
    // A part that came on a later try takes back the sentence its failure left beside its field.
    const loaded = (field: string) => {
      if (this.errors[field] === this.t.loadFailed) this.errors = { ...this.errors, [field]: undefined };
    };
    if (!config.unitsComplete) {
      largeUnitPickerModule().then(({ LargeUnitPicker }) => {
        if (this.config !== config) return;
        this.largePicker = new LargeUnitPicker(this.partHost, config.units);
        loaded('unitId');
      }, failed('unitId'));
    }
    if (config.notifications.phoneVerification) {
      verificationModule().then(({ Verification }) => {
        if (this.config !== config) return;
        this.verification = new Verification(this.partHost);
        loaded('verificationCode');
      }, failed('verificationCode'));
    }
  }

  /** What the parts fetched on demand take from the form (part-host.ts). */
  private readonly partHost: PickerHost & VerificationHost & ReceiptHost = (() => {
    const form = this;
    return {
      html, nothing, format,
      written: (text: string) => written(text, form.locale),
      formatWritten: (template: string, params: Record<string, string>) => formatWritten(template, params, form.locale),
      langOf: (text: string) => form.langOf(text),
      get t() {
        return form.t;
      },
      fieldLabel: (field: string) => fieldHeading(form.t.errors, field),
      fieldError: (field: string, code: FieldErrorCode, params?: FieldErrorParams) => form.fieldError(field, code, params),
      requiredMark: () => form.requiredMark(),
      invalid: (id: string) => form.invalid(id),
      errorLine: (id: string) => form.errorLine(id),
      describedBy: (id: string, ...others: string[]) => form.describedBy(id, ...others),
      field: (id: string, label: string, control: TemplateResult) => form.field(id, label, control),
      client: () => form.client(),
      codeLine: (code: string) => form.codeLine(code),
      setError: (field: string, error: string, focus = false) => {
        form.errors = { ...form.errors, [field]: error || undefined };
        if (focus) void form.focusFirstError();
      },
      failure: (error: unknown, fallback: string) => ({
        fieldErrors: error instanceof LiuyanError ? error.fieldErrors : [],
        retryAfterSeconds: error instanceof LiuyanError ? (error.retryAfterSeconds ?? 0) : 0,
        text: failureText(error, form.t, fallback),
      }),
      report: (error: unknown) => form.report(error),
      requestUpdate: () => form.requestUpdate(),
      pick: (id: string, label: string) => form.pickUnit(id, label),
      chosenLabel: () => form.values.unitLabel,
      phone: () => form.values.phone,
      code: () => form.values.verificationCode,
      setCode: (code: string) => form.set('verificationCode', code),
      get locale() {
        return form.locale;
      },
      get site() {
        return form.site;
      },
      formatDate: (iso: string) => formatDateTime(form.locale, iso, false),
      title: () => form.values.title,
      isPublic: () => form.values.isPublic,
      startOver: () => form.startOver(),
      anotherWaiting: () => queuedFor(form.site) !== null,
    };
  })();

  private set<K extends keyof FormValues>(key: K, value: FormValues[K]): void {
    this.values = { ...this.values, [key]: value };
    const field = key === 'units' ? 'unitId' : (FIELD_OF[key] ?? key);
    if (this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
    this.drafts?.save(this.values);
  }

  /** The body to send; without the photos where they wait on the device (`photos: false`), named by the queued entry instead. */
  private input({ photos = true } = {}): CreateMessageInput {
    const v = this.values;
    const offered = this.config!.notifications;
    const notify = replyNotice({ sms: v.notifySms, email: v.notifyEmail }, v, offered);
    return {
      ...(notify ? { notify } : {}),
      ...(offered.phoneVerification ? { verificationCode: v.verificationCode.trim() } : {}),
      unitId: chosenUnit(v.units),
      type: v.type as MessageType,
      domain: v.domain as Domain,
      campaign: this.campaign || null,
      title: v.title,
      body: v.body,
      region: v.region,
      author: { name: v.name, phone: v.phone, email: v.email.trim() || null, displayAs: v.displayAs },
      isPublic: v.isPublic,
      consent: v.consent as true,
      ...(photos && this.photos.length > 0 ? { photos: this.photos.map((p) => ({ id: p.id!, isPublic: v.isPublic && p.isPublic })) } : {}),
    };
  }

  /** What each typed field must be, as the service checks it (the site's minimums included). */
  private rules(): Record<TypedField, TextRule> {
    const limits = this.config!.limits;
    return {
      title: { min: limits.titleMin, max: limits.titleMax },
      body: { min: limits.bodyMin, max: limits.bodyMax, multiline: true },
      region: { min: 1, max: limits.regionMax },
      name: { min: 1, max: limits.nameMax },
      // The service reads phone numbers in every form people write them: here only that one is given.
      phone: { min: 1, max: LIMITS.phoneMax },
      email: { max: LIMITS.emailMax },
    };
  }

  /** The errors the service would give, found before sending: a slow network is not spent on a form that comes back. */
  private localErrors(): Record<string, ErrorText> {
    const errors: Record<string, ErrorText> = {};
    const fail = (field: string, code: FieldErrorCode, params?: FieldErrorParams) => (errors[field] = () => this.fieldError(field, code, params));
    if (!chosenUnit(this.values.units)) fail('unitId', 'required');
    if (!this.values.type) fail('type', 'required');
    if (!this.values.domain) fail('domain', 'required');
    for (const [key, rule] of Object.entries(this.rules()) as [TypedField, TextRule][]) {
      const problem = textError(this.values[key], rule);
      if (problem) fail(FIELD_OF[key] ?? key, problem.code, problem.params);
    }
    if (!this.values.consent) fail('consent', 'consent_required');
    if (this.config!.notifications.phoneVerification && !this.values.verificationCode.trim()) fail('verificationCode', 'required');
    return errors;
  }

  private async send(event?: Event): Promise<void> {
    event?.preventDefault();
    if (this.phase === 'sending' || !this.drafts) return;
    // The sentences came at the first focus; if they did not (a click that focuses nothing, a fetch
    // that failed), the errors wait for them: at once when they are here, a small file otherwise.
    await Promise.race([this.loadSentences(), new Promise((resolve) => setTimeout(resolve, SENTENCES_WAIT_MS))]);
    // A second press while they came: the first one sends.
    if ((this.phase as Phase) === 'sending') return;
    const local = this.localErrors();
    if (Object.keys(local).length > 0) {
      this.showErrors(local);
      this.emit<LiuyanErrorDetail>('liuyan-error', { code: 'validation', status: 0, fields: Object.keys(local) });
      return this.focusFirstError();
    }
    this.phase = 'sending';
    this.attempt = 1;
    const uploaded = await this.photosUploaded();
    // Photos the network would not take wait on the device with the message, sent when it returns.
    const waitingPhotos = uploaded ? null : await this.keepPhotosForLater();
    if (!uploaded && !waitingPhotos) {
      this.phase = 'editing';
      this.showErrors({ form: this.photos.some(unsendable) ? this.t.photosCannotSend : this.t.photosNotSent });
      this.focusOnceDrawn('#form-error');
      return;
    }
    const input = this.input({ photos: !waitingPhotos });
    const { author: { name, phone, email, ...shownAs }, ...message } = input;
    const idempotencyKey = this.drafts.keyFor({
      durable: JSON.stringify({ ...message, author: shownAs, ...(waitingPhotos ? { waitingPhotos } : {}) }),
      personal: JSON.stringify({ name, phone, email }),
    });
    const entry: Queued<FormValues> = {
      key: idempotencyKey, input, values: this.values, savedAt: new Date().toISOString(), ...(waitingPhotos ? { photos: waitingPhotos } : {}),
    };
    // Offline, or photos the network just refused: no attempt is worth waiting for; the outbox sends it when the network returns.
    if (navigator.onLine === false || waitingPhotos) return this.queue(entry);
    try {
      const created = await this.client().submitMessage({ ...input, ...(await this.guard.fields(this.config!.turnstileSiteKey)) }, {
        idempotencyKey,
        onRetry: ({ attempt }) => {
          this.attempt = attempt;
          // The first try got no answer: whether it was stored is unknown. From now on it waits in the
          // outbox too, contact details with it, so a tab closed while it is tried again leaves it to
          // be sent by the next page of the site opened (the draft keeps those only for the tab).
          if (attempt === 2) enqueue(this.site, entry);
        },
      });
      dequeue(this.site, idempotencyKey);
      this.showReceipt(created);
    } catch (error) {
      const checkFailed = this.guard.failed(error);
      // No answer after the retries: the outcome is unknown, so the same key and body wait in the outbox.
      // (Not a Turnstile check that could not be made: nothing was stored, and its token would expire.)
      if (!checkFailed && error instanceof LiuyanError && error.retryable) {
        this.report(error);
        return this.queue(entry);
      }
      // Any definite answer settles the key, and takes it out of the outbox.
      dequeue(this.site, idempotencyKey);
      if (!checkFailed) this.drafts.settle();
      this.phase = 'editing';
      this.showRefusal(error);
    }
  }

  /** The service stored the message: its receipt, once (and again on this page, should the citizen come back to it: `DraftStore.keptReceipt`). */
  private showReceipt(created: MessageCreated, { announce = true } = {}): void {
    // Nothing more to send from here: no retry, no waiting for the network.
    this.stopRetrying();
    // The receipt says whether another message waits on the device (提交下一条留言). Another open tab
    // may be sending the one that waits, so its news redraws the receipt: the prompt goes once that
    // tab has sent it, rather than offering it here to be sent again. Heard on the channel this tab
    // already had open: one closed and opened again drops what another tab posted in between (its
    // message sent, the prompt left here for good).
    if (!this.stopListening && this.isConnected) this.stopListening = listen(this.site, this.heardFromOutbox);
    this.queued = null;
    this.drafts?.clear();
    this.created = created;
    this.drafts?.keepReceipt({ created, title: this.values.title, isPublic: this.values.isPublic });
    // Where the citizen was in the form (or on nothing: the disabled send button let the focus go), the
    // focus moves to the code, which a screen reader then reads; a receipt that arrives while the
    // citizen is elsewhere on the page takes nothing from them.
    const focus = this.focusIsHere();
    // The receipt's chunk was asked for at the first focus, so it is here: shown at once. If it never
    // could come, the code is shown plainly (the fallback in render).
    void loadReceipt().then((chunk) => {
      if (this.created !== created) return;
      this.receipt = chunk ? new chunk.Receipt(this.partHost, created) : null;
      // The code with the receipt's heading (留言已提交) in view: at 320 px the code alone would leave it above.
      if (focus) void this.updateComplete.then(() => focusWithContext(this.renderRoot.querySelector<HTMLElement>('[part="tracking-code"]'), this.renderRoot.querySelector('[part="receipt"]')));
      this.phase = 'done';
    });
    if (!announce) return;
    const { trackingCode: _private, ...detail } = created;
    this.emit<LiuyanSubmittedDetail>('liuyan-submitted', detail);
  }

  /** Shows why the service refused the submission (a 4xx), where the citizen can act on it. */
  private showRefusal(error: unknown): void {
    const checkFailed = this.guard.failed(error);
    if (checkFailed) {
      // Turnstile's check failed or could not be made: nothing was stored; say so, and check again.
      this.showErrors({ form: checkFailed });
      this.focusOnceDrawn('#form-error');
    } else if (error instanceof LiuyanError && this.drive && error.fieldErrors.some((e) => e.code === 'campaign_closed' || e.code === 'campaign_not_started')) {
      void this.showDriveClosed(error.fieldErrors.some((e) => e.code === 'campaign_closed') ? 'campaign_closed' : 'campaign_not_started');
    } else if (error instanceof LiuyanError && error.code === 'origin_not_allowed' && this.drive) {
      // The drive's outlets changed while the citizen was writing (the draft is kept).
      this.drive = { ...this.drive, acceptsHere: false };
      this.phase = 'campaign-elsewhere';
      this.focusOnceDrawn('[part="campaign-elsewhere"]');
    } else if (error instanceof LiuyanError && error.fieldErrors.length > 0) {
      this.showErrors(Object.fromEntries(error.fieldErrors.map((e) => [e.field, () => this.fieldError(e.field, e.code, e.params)])));
      void this.focusFirstError();
      // A choice refused: an admin narrowed the drive, or retired the unit, since the page read them (a
      // minute's copy), so the form offers what is taken now, and the citizen can choose again.
      if (error.fieldErrors.some((e) => e.code === 'unknown_unit' || (this.drive && NARROWED_BY_DRIVE.has(e.field)))) void this.readChoicesAgain();
    } else {
      // Too many submissions, a website not allowed, …: what to do, in the citizen's language, where
      // the focus goes (the send button it was on is disabled while sending).
      this.showErrors({ form: () => failureText(error, this.t, this.t.submitFailed) });
      this.focusOnceDrawn('#form-error');
    }
    this.report(error);
  }

  /**
   * The drive ended while the citizen was writing, or its first day was moved later: said instead of a
   * field error with no field, what was written kept below (renderKept). The drive is read again as the
   * service has it now (its new dates), past the copy the browser keeps for half a minute, so the
   * sentence names the right day and a reload of the page says the same.
   */
  private async showDriveClosed(code: 'campaign_closed' | 'campaign_not_started'): Promise<void> {
    const drive = this.drive!;
    const now = await this.client().getCampaign(this.campaign, { fresh: true }).catch(() => null);
    if (this.phase !== 'editing' || this.drive !== drive) return;
    if (now && !now.open) this.drive = now;
    else if (!now && code === 'campaign_closed') this.drive = { ...drive, open: false, endsAt: new Date().toISOString() };
    else {
      // Open again already, or its new dates unknown: the service's sentence, above the form as it is.
      if (now) this.drive = now;
      this.showErrors({ form: () => this.fieldError('campaign', code) });
      this.focusOnceDrawn('#form-error');
      return;
    }
    this.phase = 'campaign-closed';
    this.focusOnceDrawn('[part="campaign-closed"]');
  }

  /** The site's choices, narrowed to the drive's where the form is for one (`narrowedChoices`), as the form offers them. */
  private useChoices(site: SiteConfig, campaign: Campaign | null): SiteConfig {
    this.drive = campaign;
    this.config = campaign ? { ...site, ...narrowedChoices(site, campaign) } : site;
    return this.config;
  }

  /**
   * The site (and the drive, where the form is for one) as they are now, past the browser's copies: the
   * form offers their choices again (the errors stay beside their fields, the citizen's choice with them).
   */
  private async readChoicesAgain(): Promise<void> {
    const drive = this.drive;
    const now = await Promise.all([
      this.client().getSite({ fresh: true }), drive ? this.client().getCampaign(this.campaign, { fresh: true }) : null,
    ]).catch(() => null);
    if (!now || this.phase !== 'editing' || this.drive !== drive) return;
    const config = this.useChoices(...now);
    // A choice no longer taken is taken back (the list would show another, and send the old): the
    // citizen chooses again, its error beside the field; a drive of one type has it chosen. A unit is
    // looked for where the whole list is known: a drive's units, or a site's small tree.
    const v = this.values;
    const unit = chosenUnit(v.units);
    const listed = (drive?.unitIds.length ?? 0) > 0 || config.unitsComplete;
    this.values = {
      ...v,
      type: v.type && config.types.includes(v.type) ? v.type : config.types.length === 1 ? config.types[0]! : '',
      domain: v.domain && config.domains.includes(v.domain) ? v.domain : '',
      units: unit && listed && pathTo(config.units, unit).length === 0 ? [] : v.units,
    };
    // The one type chosen for the citizen is right: its refusal no longer applies.
    if (this.values.type && this.values.type !== v.type) this.errors = { ...this.errors, type: undefined };
    this.drafts?.save(this.values);
  }

  /** Puts the submission in the outbox and says so: 已保存，联网后自动提交. */
  private queue(entry: Queued<FormValues>): void {
    // Without storage it still waits in this tab, and is sent while the tab stays open.
    enqueue(this.site, entry);
    // Its photos are on the device (`keepPhotosForLater`), given back with it if it is refused.
    if (entry.photos) for (const p of this.photos) this.removePhoto(p.key);
    // The notice replaces the long form, so on a phone it would be drawn far above the screen: the
    // focus goes to it (scrolling it into view, read by a screen reader), as to a receipt.
    const focus = this.focusIsHere();
    this.showQueued(entry, { now: false });
    if (focus) this.focusOnceDrawn('#outbox-title');
  }

  /** Whether the focus is in this form or on nothing (a disabled send button lets it go): the form may move it. */
  private focusIsHere(): boolean {
    const active = document.activeElement;
    return !active || active === this || active === document.body;
  }

  /** Moves the focus to the element `selector` finds once the next render has drawn it. */
  private focusOnceDrawn(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  /** Shows the queued submission and tries it at once (`now`), and again whenever the network may be back. */
  private showQueued(entry: Queued<FormValues>, { now = true } = {}): void {
    this.queued = entry;
    this.values = { ...emptyValues(), ...entry.values };
    this.showErrors({});
    this.phase = 'queued';
    // The receipt this waits for is fetched now, while the network may be there.
    void loadReceipt();
    this.watchOutbox();
    if (now) void this.flushOutbox();
  }

  /**
   * While a submission is queued: try it when the network returns, every little while, and hear other
   * tabs, on the channel already open if there is one (one closed and opened again drops news posted
   * in between).
   */
  private watchOutbox(): void {
    if (!this.isConnected) return;
    window.addEventListener('online', this.flushOutbox);
    clearInterval(this.outboxTimer);
    this.outboxTimer = setInterval(this.flushOutbox, OUTBOX_RETRY_MS);
    this.stopListening ??= listen(this.site, this.heardFromOutbox);
  }

  /** No more sending from here: no retry timer, no waiting for the network (other tabs are still heard). */
  private stopRetrying(): void {
    window.removeEventListener('online', this.flushOutbox);
    clearInterval(this.outboxTimer);
  }

  private unwatchOutbox(): void {
    this.stopRetrying();
    this.stopListening?.();
    this.stopListening = null;
  }

  /** Sends the queued submission, unless the browser knows it is offline or another tab is sending it. */
  private flushOutbox = async (): Promise<void> => {
    // Nothing shown to send: a receipt just came (the phase turns 'done' once its chunk is here), and
    // the next waiting message is the citizen's to send with 提交下一条留言, once this code is noted.
    if (this.phase !== 'queued' || !this.queued || this.flushing || navigator.onLine === false) return;
    this.flushing = true;
    const shown = this.queued;
    try {
      const outcome = await sendQueued(this.site, shown, (entry) => this.submitQueued(entry));
      if ('sent' in outcome && outcome.entry.photos) void dropPhotos(outcome.entry.photos.map((p) => p.key));
      if (this.phase !== 'queued') return;
      // Another tab sent the one this try was for, and the news brought the next waiting here
      // meanwhile: this outcome is not the shown one's (its "gone" would give the form back, and the
      // next one would wait unsent). The shown one is tried now, below.
      if (this.queued !== shown) return;
      if ('sent' in outcome) this.showReceipt(outcome.sent);
      else if ('refused' in outcome) void this.giveBack(outcome.entry, outcome.refused);
      // Sent or given back by another tab, whose news did not reach this one: that tab shows it, and
      // this one takes the next waiting, if any.
      else if ('gone' in outcome && !this.showNextQueued()) void this.giveBack(null, null);
    } finally {
      this.flushing = false;
      // A submission shown while this try was under way (the next waiting) was not tried then: now.
      if (this.phase === 'queued' && this.queued && this.queued !== shown) void this.flushOutbox();
    }
  };

  /**
   * Another tab sent the queued submission (that tab shows its code) or had it refused. Should another
   * submission wait on the device (two tabs queued one each, then both were opened again at once, each
   * showing the oldest), this tab takes it and sends it, so each code is shown once and none waits
   * unsent; otherwise the same code is shown here too.
   */
  private heardFromOutbox = (news: OutboxNews): void => {
    // A receipt shown: whether another message waits may have changed (its prompt).
    if (this.phase !== 'queued') return void this.requestUpdate();
    if (news.key !== this.queued?.key) return;
    if (this.showNextQueued()) return;
    if ('sent' in news) this.showReceipt(news.sent, { announce: false });
    else void this.giveBack(this.queued, null);
  };

  /** Shows and sends the oldest submission waiting on the device other than the one shown; false when none waits. */
  private showNextQueued(): boolean {
    const next = queuedFor<FormValues>(this.site);
    if (!next || next.key === this.queued?.key) return false;
    // Still watching, on the same channel (`watchOutbox` keeps it): news posted meanwhile is not dropped.
    this.showQueued(next);
    return true;
  }

  /**
   * The queued submission `entry` comes back into the form, with the service's refusal when there is
   * one: nothing typed is lost. Without `entry` (another tab dealt with it), the form shows the draft, if any.
   */
  private async giveBack(entry: Queued<FormValues> | null, error: LiuyanError | null): Promise<void> {
    this.unwatchOutbox();
    this.queued = null;
    if (entry) {
      this.values = { ...emptyValues(), ...entry.values };
      this.drafts?.save(this.values);
      this.drafts?.settle();
      if (entry.photos) await this.restorePhotos(entry.photos);
    } else {
      this.drafts?.disown();
      this.values = { ...emptyValues(), ...this.drafts?.load() };
    }
    this.phase = 'loading';
    // The form needs the site config, which a page opened offline may not have yet.
    if (!this.config) await this.load();
    if (this.phase === 'loading') this.phase = 'editing';
    // A page reopened with a queued message may not have had a focus in the form: the sentences first.
    if (error) await this.loadSentences();
    if (error && this.phase === 'editing') {
      // A photo refused: each says why beside it once its upload is answered again.
      if (refusedPhotos.has(error)) {
        this.showErrors({ form: this.t.photosCannotSend });
        this.focusOnceDrawn('#form-error');
      } else this.showRefusal(error);
    }
  }

  /**
   * The form's photos kept on the device with the message, when some could not be uploaded (the
   * network dropped, the phone offline) but none is refused: each as the smaller photo, or the file
   * chosen when the photo code could not come. Null when a photo cannot be sent at all, or the
   * browser keeps nothing (the citizen is then asked to upload again or remove it, as before).
   */
  private async keepPhotosForLater(): Promise<QueuedPhoto[] | null> {
    if (this.photos.length === 0 || this.photos.some(unsendable)) return null;
    const kept = await keepPhotos(this.photos.map((p) => ({ key: p.key, name: p.file.name, blob: p.blob ?? p.file, downsized: p.blob !== null })));
    return kept ? this.photos.map((p) => ({ key: p.key, id: p.state === 'uploaded' ? p.id : null, isPublic: p.isPublic })) : null;
  }

  /**
   * Sends a queued submission: first its photos that wait on the device (`uploadWaiting`, each id
   * written into the outbox as it comes), then the message naming them. A photo refused (4xx) or
   * unreadable throws a refusal (`refusedPhotos`): the message is given back with its photos.
   */
  private async submitQueued(entry: Queued<FormValues>): Promise<MessageCreated> {
    let photos = entry.photos;
    if (photos?.some((p) => p.id === null)) {
      const uploaded = await (await outboxPhotosModule()).uploadWaiting(photos, {
        api: this.apiBase, site: this.site, locale: this.locale, saved: (now) => amend(this.site, { ...entry, photos: now }), keptPhoto,
      });
      if (uploaded === 'refused') {
        const refusal = new LiuyanError(422, 'validation', 'photo refused');
        refusedPhotos.add(refusal);
        throw refusal;
      }
      photos = uploaded;
    }
    const named = photos?.map((p) => ({ id: p.id!, isPublic: entry.input.isPublic && p.isPublic })) ?? [];
    return this.client().submitMessage(named.length > 0 ? { ...entry.input, photos: named } : entry.input, { idempotencyKey: entry.key });
  }

  /** A queued submission's photos back in the form (refused, or another tab gave it back): nothing chosen is lost. */
  private async restorePhotos(queued: readonly QueuedPhoto[]): Promise<void> {
    for (const p of (await (await loadOutboxPhotos())?.takeBack(queued, { keptPhoto, dropPhotos })) ?? []) {
      if (this.photos.some((q) => q.key === p.key)) continue;
      this.photos = [...this.photos, {
        key: p.key, file: new File([p.blob], p.name, { type: p.blob.type }), blob: p.downsized ? p.blob : null, preview: URL.createObjectURL(p.blob),
        state: 'failed', progress: 0, id: null, isPublic: p.isPublic, error: '',
      }];
      // Uploaded again with its key, even one with an id: the service answers with the same photo, or, if
      // it was given up (a photo waits a day for its message), stores it anew, so the next send names a photo that is there.
      this.sendPhoto(p.key);
    }
  }

  /** Adds the chosen files (up to the limit), each made smaller and uploaded at once. */
  private addPhotos(files: FileList | null): void {
    // A photo that cannot be sent takes no place: the citizen may add another while it is still listed.
    const { taken, leftOut } = photosToAdd(files, this.photos, LIMITS.photosMax);
    this.photosLeftOut = leftOut;
    for (const file of taken) {
      const key = crypto.randomUUID();
      this.photos = [...this.photos, { key, file, preview: '', blob: null, state: 'preparing', progress: 0, id: null, isPublic: true, error: '' }];
      this.sendPhoto(key);
    }
  }

  private updatePhoto(key: string, change: Partial<PhotoItem>): void {
    this.photos = this.photos.map((p) => (p.key === key ? { ...p, ...change } : p));
  }

  /**
   * Makes one photo smaller, if not yet, and uploads it (retrying a flaky network itself); a refusal
   * says why beside the photo. The photo code is fetched when a photo is first added, not with the
   * form; should it not come (offline), the photo fails as an upload would, shown from its file, and
   * 重新上传 or the send asks for the code again.
   */
  private async upload(key: string): Promise<void> {
    const item = this.photos.find((p) => p.key === key);
    if (!item) return;
    this.updatePhoto(key, { state: item.blob ? 'uploading' : 'preparing', progress: 0, error: '' });
    try {
      const { downsizePhoto, uploadPhoto } = await photosModule().catch((error: unknown) => {
        if (!item.preview) this.updatePhoto(key, { preview: URL.createObjectURL(item.file) });
        throw error;
      });
      let blob = item.blob;
      if (!blob) {
        try {
          blob = await downsizePhoto(item.file);
        } catch {
          // Its thumbnail, drawn from the file while the photo code could not come, would be a broken image.
          const { preview } = this.photos.find((p) => p.key === key) ?? item;
          if (preview) URL.revokeObjectURL(preview);
          return this.updatePhoto(key, { state: 'unreadable', error: this.t.photoUnreadable, preview: '' });
        }
        if (item.preview) URL.revokeObjectURL(item.preview);
        this.updatePhoto(key, { blob, preview: URL.createObjectURL(blob), state: 'uploading' });
      }
      const uploaded = await uploadPhoto(this.apiBase, this.site, blob, key, this.locale, (progress) => this.updatePhoto(key, { progress }));
      this.updatePhoto(key, { state: 'uploaded', id: uploaded.photoId, progress: 1 });
    } catch (error) {
      const field = photoRefusal(error);
      if (field) await this.loadSentences();
      // A refusal (not a photo, too large …) stays one however often it is sent: no 重新上传 for it.
      this.updatePhoto(key, { state: field ? 'refused' : 'failed', error: field ? this.fieldError('photo', field.code, field.params) : this.t.photoUploadFailed });
      this.report(error);
    }
  }

  /** Sends one photo: added, or again after a failure (重新上传, or the send's one more try). */
  private sendPhoto(key: string): void {
    this.uploads.set(key, this.upload(key));
  }

  /** A thumbnail the browser could not draw (a file that is no picture, shown from itself while the photo code could not come): the photo is named by its file instead. */
  private dropPreview(key: string): void {
    const item = this.photos.find((p) => p.key === key);
    if (item?.preview) URL.revokeObjectURL(item.preview);
    this.updatePhoto(key, { preview: '' });
  }

  private removePhoto(key: string): void {
    const item = this.photos.find((p) => p.key === key);
    if (item?.preview) URL.revokeObjectURL(item.preview);
    this.photos = this.photos.filter((p) => p.key !== key);
    this.photosLeftOut = 0;
    this.uploads.delete(key);
  }

  /** Waits for the photos on their way, tries failed uploads once more (online); whether every photo is uploaded. */
  private async photosUploaded(): Promise<boolean> {
    await Promise.all(this.uploads.values());
    // Offline, a try would fail after its waits: the photos wait on the device with the message instead.
    if (navigator.onLine !== false) for (const p of this.photos.filter((p) => p.state === 'failed')) this.sendPhoto(p.key);
    await Promise.all(this.uploads.values());
    return this.photos.every((p) => p.state === 'uploaded');
  }

  private report(error: unknown): void {
    this.emit<LiuyanErrorDetail>('liuyan-error', errorDetail(error));
  }

  private async focusFirstError(): Promise<void> {
    await this.updateComplete;
    focusWithContext(this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]'));
  }

  /**
   * 再写一条 (or 提交下一条留言) on the receipt: the form afresh, or the next message waiting. The
   * button pressed goes with the receipt, so the focus goes to what replaced it: the form's first
   * control, with its label in view, or the waiting message's notice.
   */
  private startOver(): void {
    this.unwatchOutbox();
    this.drafts?.clear();
    this.drafts?.forgetReceipt();
    this.values = emptyValues();
    this.showErrors({});
    this.restored = false;
    this.created = null;
    this.receipt = null;
    for (const p of this.photos) this.removePhoto(p.key);
    // Another message waits on this device (two tabs queued one each, both closed since): it is
    // shown and sent now, so its code is seen, rather than when a page of the site is next opened.
    const waiting = queuedFor<FormValues>(this.site);
    if (waiting) {
      this.showQueued(waiting);
      return this.focusOnceDrawn('#outbox-title');
    }
    // A receipt for a message sent from the outbox may have come before the site config could load.
    this.phase = this.config ? 'editing' : 'loading';
    // A page's form left while a queued message was shown: what may have been typed in it comes in.
    if (this.config && this.plain) void this.adoptPlainForm();
    if (!this.config) void this.load();
    else void this.updateComplete.then(() => focusWithContext(this.firstControl()));
  }

  /** The form's first control a keyboard reaches (the hidden field for bots is out of the tab order). */
  private firstControl(): HTMLElement | undefined {
    return [...this.renderRoot.querySelectorAll<HTMLInputElement>('[part="form"] :is(input, select, textarea, button)')]
      .find((control) => control.tabIndex >= 0 && !control.disabled);
  }

  override render() {
    const t = this.t;
    switch (this.phase) {
      case 'loading':
        // The page's own form, while there is one, is the form (it can be filled and sent): shown
        // through the slot the render root was made with.
        return this.plain ? nothing : html`<p class="muted loading" role="status">${t.loading}</p>`;
      case 'campaign-closed': {
        const d = this.drive!;
        const started = Date.parse(d.startsAt) <= Date.now();
        return html`<p class="notice" role="status" part="campaign-closed" tabindex="-1">${formatWritten(started ? t.campaignEnded : t.campaignNotStarted,
          // endsAt is exclusive (midnight after the last day): the day named is that of its last instant,
          // as the console names it.
          { title: d.title, date: formatDateTime(this.locale, started ? lastInstantOf(d.endsAt) : d.startsAt, false) }, this.locale)}</p>
          ${this.renderKept()}`;
      }
      case 'campaign-elsewhere': {
        const d = this.drive!;
        return html`<p class="notice" role="status" part="campaign-elsewhere" tabindex="-1">${formatWritten(t.campaignElsewhere,
          { title: d.title, outlets: d.outlets.map((o) => o.name).join(t.listSeparator) }, this.locale)}</p>`;
      }
      case 'load-failed':
        if (this.plainShown()) return nothing;
        return html`<p class="notice" role="alert">${sayNow(this.loadError.text)}</p>
          ${this.loadError.retry ? html`<button @click=${this.load}>${t.tryAgain}</button>` : nothing}`;
      case 'done':
        return this.renderReceipt();
      case 'queued':
        return this.renderQueued();
      default:
        return this.renderForm();
    }
  }

  /**
   * What the citizen wrote for a drive that closed before it could be sent (the drive ended while they
   * wrote, or a page opened again after): never lost. Shown in a read-only box, to be selected and
   * copied with the phone's own controls and sent another way; it stays on the device (the site's
   * draft, which its other forms restore) until deleted here.
   */
  private renderKept() {
    const { title, body } = this.values;
    if (!title.trim() && !body.trim()) return nothing;
    const t = this.t;
    return html`<div part="kept">
      <label for="kept">${t.keptText}</label>
      <textarea id="kept" readonly rows="6" lang=${this.langOf(title + body)} .value=${[title.trim(), body.trim()].filter(Boolean).join('\n\n')}></textarea>
      <button type="button" class="secondary" @click=${this.forgetKept}>${t.forgetKept}</button>
    </div>`;
  }

  private forgetKept(): void {
    this.drafts?.clear();
    this.values = emptyValues();
  }

  /**
   * A labelled field with its error. `id` ties them together: the control has that id, and names the
   * error (`${id}-error`, announced as it appears) in `aria-describedby`, with its counter if it has one.
   */
  private field(id: string, label: string, control: TemplateResult, { extra = nothing as unknown, required = true } = {}) {
    // The mark stands beside the label, not in it: the field's name stays its name.
    return html`<div class="field" part="field">
      <span class="label"><label for=${id}>${label}</label>${required ? this.requiredMark() : nothing}</span>${control}${extra}
      ${this.errorLine(id)}
    </div>`;
  }

  /** The visible mark of a required field (the control itself says `required` to assistive technology). */
  private requiredMark() {
    return html`<span class="required" aria-hidden="true">*</span>`;
  }

  /**
   * The error of `id`, if any, named by its control's `aria-describedby`: announced (`role="alert"`)
   * when it came alone, said with the others by `fixFields` when it came with them (`summarized`).
   */
  private errorLine(id: string) {
    const error = this.errorText(id);
    return error ? html`<p class="error" id="${id}-error" role=${this.summarized.includes(id) ? nothing : 'alert'}>${error}</p>` : nothing;
  }

  /**
   * Shows `errors` in place of those shown: the fields' came together (a send, the service's answer, a
   * page's form taken over), so they are counted once (`summarized`); the form's own (`form`) is said alone.
   */
  private showErrors(errors: Partial<Record<string, ErrorText>>): void {
    this.errors = errors;
    this.summarized = Object.keys(errors).filter((id) => id !== 'form');
  }

  /** How many of the errors that came together are still to correct, beside the send button (`summarized`). */
  private fixFieldsLine() {
    const n = this.summarized.filter((id) => this.errors[id]).length;
    return n > 0 ? html`<p class="error" part="fix-fields">${format(this.t.fixFields, { n })}</p>` : nothing;
  }

  /**
   * `aria-describedby` of the control `id`: its error line while `errorLine` shows one, then `others`,
   * lines that are always there (a counter, the privacy notice). Nothing when there is none: an id
   * must name a line on the page (ui/id-refs.ts).
   */
  private describedBy(id: string, ...others: string[]) {
    return idRefs(this.errorText(id) && `${id}-error`, ...others) ?? nothing;
  }

  /** The error of `id` as shown now: a field error is said in the form's language of the moment, with its sentence once that has come. */
  private errorText(id: string): string | undefined {
    return sayNow(this.errors[id]);
  }

  private invalid(id: string) {
    return this.errors[id] ? 'true' : 'false';
  }

  private textField(key: Exclude<TypedField, 'body'>, options: { type?: string; inputmode?: string; autocomplete?: string; placeholder?: string; label?: string; counted?: boolean } = {}) {
    const id = FIELD_OF[key] ?? key;
    const value = this.values[key];
    const rule = this.rules()[key];
    const counted = options.counted ?? true;
    return this.field(id, options.label ?? fieldHeading(this.t.errors, id), html`<input
      id=${id} name=${id} type=${options.type ?? 'text'} inputmode=${options.inputmode ?? nothing} .value=${value} ?required=${Boolean(rule.min)}
      autocomplete=${options.autocomplete ?? 'off'} autocapitalize=${options.inputmode === 'email' ? 'off' : nothing} placeholder=${options.placeholder ?? nothing}
      aria-invalid=${this.invalid(id)} aria-describedby=${this.describedBy(id, ...(counted ? [`${id}-counter`] : []))}
      @input=${(e: Event) => this.set(key, (e.target as HTMLInputElement).value)} />`, {
      extra: counted ? textCounter(value, rule.max, this.t.counter, `${id}-counter`) : nothing,
      required: Boolean(rule.min),
    });
  }

  /**
   * Who to write to, in one list: leaders and departments grouped under the unit they belong to
   * (the group's label is its path, 县长 › …), so a department is one choice away and a screen
   * reader names its group. A native `<select>`: the phone's own picker, keyboard and type-ahead.
   */
  private renderUnitPicker() {
    if (!this.config!.unitsComplete) return this.renderLargeUnitPicker();
    const { loose, groups } = unitGroups(this.config!.units);
    const value = chosenUnit(this.values.units);
    const option = (u: UnitNode) => html`<option value=${u.id} lang=${this.langOf(u.name)} ?selected=${u.id === value}>${u.name}</option>`;
    return this.field('unitId', fieldHeading(this.t.errors, 'unitId'), html`<select id="unitId" required
      aria-invalid=${this.invalid('unitId')} aria-describedby=${this.describedBy('unitId')}
      @change=${(e: Event) => this.set('units', [(e.target as HTMLSelectElement).value])}>
      <option value="" ?selected=${value === ''}>${this.t.chooseUnit}</option>
      ${loose.map(option)}
      ${groups.map((g) => html`<optgroup label=${g.path.join(' › ')} lang=${this.langOf(g.path.join(''))}>${g.units.map(option)}</optgroup>`)}
    </select>`);
  }

  /** The `lang` of an element holding only written text (an option): `writtenLangAttr`. */
  private langOf(text: string): 'zh' | typeof nothing {
    return writtenLangAttr(text, this.locale);
  }

  /** The picker of a tree too large to send whole (a national site): its chunk's, or what stands in its place until it arrives. */
  private renderLargeUnitPicker() {
    return this.largePicker?.render() ?? html`<fieldset class="field" part="field">
      <legend>${fieldHeading(this.t.errors, 'unitId')}${this.requiredMark()}</legend>
      <p class="muted" role="status">${this.t.loading}</p>
      ${this.errorLine('unitId')}
    </fieldset>`;
  }

  private pickUnit(id: string, label: string): void {
    this.set('units', id ? [id] : []);
    this.set('unitLabel', id ? label : '');
  }

  private renderForm() {
    const t = this.t;
    const config = this.config!;
    const v = this.values;
    // The citizen sees exactly what the board will show: the service names them with the same function.
    const shownName = (as: DisplayAs) => displayNameChoice(v.name, as, { name: t.sampleName, example: t.sampleShown });
    const busy = this.phase === 'sending';
    return html`<form part="form" novalidate @submit=${this.send} @focusin=${this.focusedIn}>
      ${this.guard.render(t.honeypotLabel)}
      ${this.restored ? html`<p class="notice">${this.restored === 'sent' ? t.sentRestored : t.draftRestored} <button type="button" class="secondary" @click=${this.startOver}>${t.clearDraft}</button></p>` : nothing}
      <p class="muted">${this.requiredMark()} ${t.requiredNote}</p>
      ${this.renderUnitPicker()}
      <fieldset class="field" part="field">
        <legend>${fieldHeading(this.t.errors, 'type')}${this.requiredMark()}</legend>
        <div class="choices">${config.types.map((type, i) => html`<label class="choice"><input type="radio" name="type" value=${type}
          ?required=${i === 0} aria-invalid=${this.invalid('type')} aria-describedby=${this.describedBy('type')}
          .checked=${v.type === type} @change=${() => this.set('type', type)} />${t.types[type]}</label>`)}</div>
        ${this.errorLine('type')}
      </fieldset>
      ${this.field('domain', fieldHeading(this.t.errors, 'domain'), html`<select id="domain" required aria-invalid=${this.invalid('domain')}
        aria-describedby=${this.describedBy('domain')} @change=${(e: Event) => this.set('domain', (e.target as HTMLSelectElement).value as Domain)}>
        <option value="" ?selected=${v.domain === ''}>${t.chooseDomain}</option>
        ${config.domains.map((d) => html`<option value=${d} ?selected=${v.domain === d}>${t.domains[d]}</option>`)}
      </select>`)}
      ${this.textField('title')}
      ${this.field('body', fieldHeading(this.t.errors, 'body'), html`<textarea id="body" rows="8" required
        .value=${v.body} aria-invalid=${this.invalid('body')} aria-describedby=${this.describedBy('body', 'body-counter')}
        @input=${(e: Event) => this.set('body', (e.target as HTMLTextAreaElement).value)}></textarea>`,
        { extra: textCounter(v.body, config.limits.bodyMax, t.counter, 'body-counter') })}
      ${this.renderPhotos()}
      ${this.textField('region', { placeholder: t.regionPlaceholder })}
      <div class="row">
        ${this.textField('name', { autocomplete: 'name' })}
        ${this.textField('phone', { type: 'tel', autocomplete: 'tel', counted: false })}
      </div>
      ${this.textField('email', { inputmode: 'email', autocomplete: 'email', label: fieldHeading(this.t.errors, 'author.email') + t.optional, counted: false })}
      ${this.renderVerification()}
      ${this.renderNotify()}
      ${this.field('author.displayAs', fieldHeading(this.t.errors, 'author.displayAs'), html`<select id="author.displayAs"
        @change=${(e: Event) => this.set('displayAs', (e.target as HTMLSelectElement).value as DisplayAs)}>
        ${(['masked', 'mr', 'ms'] as const).map((d) => html`<option value=${d} ?selected=${v.displayAs === d}>${shownName(d)}</option>`)}
      </select>`, { required: false })}
      <fieldset class="field" part="field">
        <legend>${fieldHeading(this.t.errors, 'isPublic')}</legend>
        <label class="choice block"><input type="radio" name="isPublic" .checked=${v.isPublic} @change=${() => this.set('isPublic', true)} />
          <span>${t.public}<span class="muted hint">${t.publicHint}</span></span></label>
        <label class="choice block"><input type="radio" name="isPublic" .checked=${!v.isPublic} @change=${() => this.set('isPublic', false)} />
          <span>${t.private}<span class="muted hint">${t.privateHint}</span></span></label>
      </fieldset>
      <div class="field" part="field">
        <label class="choice block"><input id="consent" type="checkbox" required .checked=${v.consent} aria-invalid=${this.invalid('consent')}
          aria-describedby=${this.describedBy('consent', 'privacy-notice')} @change=${(e: Event) => this.set('consent', (e.target as HTMLInputElement).checked)} />
          <span>${t.consent}${this.requiredMark()}</span></label>
        ${this.renderPrivacyNotice()}
        ${this.errorLine('consent')}
      </div>
      <slot name="turnstile"></slot>
      <div part="status" role="status" aria-live="polite">
        ${this.phase === 'sending' && this.attempt > 1 ? html`<p class="notice">${format(t.retrying, { attempt: this.attempt })}</p>` : nothing}
        ${this.phase === 'sending' && this.attempt <= 1 ? html`<p class="visually-hidden">${t.submitting}</p>` : nothing}
        ${this.errors.form ? html`<p class="error" id="form-error" tabindex="-1">${this.errorText('form')}</p>` : nothing}
        ${this.fixFieldsLine()}
      </div>
      <button part="submit" type="submit" aria-disabled=${busy ? 'true' : 'false'}>${busy ? t.submitting : t.submit}</button>
    </form>`;
  }

  /** 照片: each added photo's thumbnail, upload progress or error, its own public choice; 添加照片 while there is room. */
  private renderPhotos() {
    const t = this.t;
    const status = (p: PhotoItem) => (p.state === 'preparing' ? t.photoPreparing
      : p.state === 'uploading' ? format(t.photoUploading, { percent: Math.round(p.progress * 100) })
        : p.state === 'uploaded' ? t.photoUploaded : p.error);
    return html`<fieldset class="field" part="field photos">
      <legend>${t.photosLegend}${t.optional}</legend>
      <!-- The sentence on photos left out is a live region in the hint, always there (a live region added with
           its words may not be announced) and empty until then: taking the page's form over moves nothing. -->
      <p class="muted hint" id="photos-hint">${format(t.photosHint, { max: LIMITS.photosMax })}<span role="status" class="left-out" part="photos-left-out">${this.photosLeftOut > 0 ? format(t.photosLeftOut, { max: LIMITS.photosMax, n: this.photosLeftOut }) : ''}</span></p>
      ${this.photos.length > 0 ? html`<ul class="photos">${this.photos.map((p, i) => html`<li class="photo" part="photo">
        ${p.preview ? html`<img src=${p.preview} alt=${p.file.name} @error=${() => this.dropPreview(p.key)} />` : html`<span></span>`}
        <span role=${p.state === 'failed' || unsendable(p) ? 'alert' : 'status'} class=${p.error ? 'error' : 'muted'}>${p.preview ? status(p) : format(t.photoNamed, { name: p.file.name, status: status(p) })}</span>
        <button type="button" class="secondary" aria-label="${t.removePhoto} ${i + 1}" @click=${() => this.removePhoto(p.key)}>${t.removePhoto}</button>
        ${p.state === 'uploading' ? html`<progress max="1" .value=${p.progress} aria-label=${status(p)}></progress>` : nothing}
        ${p.state === 'failed' ? html`<button type="button" @click=${() => this.sendPhoto(p.key)}>${t.retryPhoto}</button>` : nothing}
        ${this.values.isPublic && !unsendable(p) ? html`<label class="choice"><input type="checkbox" .checked=${p.isPublic}
          @change=${(e: Event) => this.updatePhoto(p.key, { isPublic: (e.target as HTMLInputElement).checked })} />${t.photoPublic}</label>` : nothing}
      </li>`)}</ul>` : nothing}
      ${photoRoom(this.photos, LIMITS.photosMax) > 0 ? html`<label class="add-photos">${t.addPhotos}<input id="photos" type="file" accept="image/*" multiple aria-describedby="photos-hint"
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          this.addPhotos(input.files);
          input.value = '';
        }} /></label>` : nothing}
    </fieldset>`;
  }

  /** The SMS code, where the site asks for one: its chunk's field, or what stands in its place until it arrives. */
  private renderVerification() {
    if (!this.config!.notifications.phoneVerification) return nothing;
    const id = 'verificationCode';
    return this.verification?.render() ?? this.field(id, fieldHeading(this.t.errors, id), html`<p class="muted" role="status">${this.t.loading}</p>`);
  }

  /** 有回复时通知我: a choice per contact given (SMS only where the site sends SMS); the notice never holds the code or the reply. */
  private renderNotify() {
    const offered = this.config!.notifications;
    const v = this.values;
    const sms = offered.sms && Boolean(v.phone.trim());
    const email = offered.email && Boolean(v.email.trim());
    if (!sms && !email) return nothing;
    const t = this.t;
    return html`<fieldset class="field" part="field notify">
      <legend>${t.notifyLegend}</legend>
      ${sms ? html`<label class="choice block"><input id="notify.sms" type="checkbox" .checked=${v.notifySms}
        @change=${(e: Event) => this.set('notifySms', (e.target as HTMLInputElement).checked)} /><span>${t.notifySms}</span></label>` : nothing}
      ${email ? html`<label class="choice block"><input id="notify.email" type="checkbox" .checked=${v.notifyEmail}
        @change=${(e: Event) => this.set('notifyEmail', (e.target as HTMLInputElement).checked)} /><span>${t.notifyEmail}</span></label>` : nothing}
      <p class="muted hint">${t.notifyHint}</p>
    </fieldset>`;
  }

  /** The site's privacy notice: its own page, its own text, or the notice Liuyan ships, in the citizen's language. */
  private renderPrivacyNotice() {
    const { url, text } = this.config!.privacy;
    if (url) return html`<p id="privacy-notice"><a href=${url} target="_blank" rel="noopener noreferrer">${this.t.readPrivacyNotice}</a></p>`;
    return html`<details id="privacy-notice" part="privacy-notice" @toggle=${this.loadPrivacyNotice}><summary>${this.t.readPrivacyNotice}</summary>
      <div class="privacy-text">${text ?? this.privacyText[this.locale] ?? (this.privacyFailed ? this.t.privacyLoadFailed : this.t.loading)}</div></details>`;
  }

  /** The citizen came into the form: what they may need next is fetched now, while the network is there. */
  private focusedIn = (): void => {
    this.guard.focused(this.config!.turnstileSiteKey, this.locale);
    this.loadParts();
    void this.loadPrivacyNotice();
    void this.loadSentences();
    void loadReceipt();
    void loadOutboxPhotos();
  };

  /** Fetches the sentences of field errors in the form's language (once; a failure is tried again next time). */
  private loadSentences = async (): Promise<void> => {
    const locale = this.locale;
    if (this.sentences[locale]) return;
    try {
      this.sentences = { ...this.sentences, [locale]: await sentenceChunks[locale]() };
    } catch {
      // Offline before they came: errors name their field plainly (checkField) until a later try.
    }
  };

  /** The sentence for a field error in the form's language; 请检查… naming the field, should the sentences never have come. */
  private fieldError(field: string, code: FieldErrorCode, params?: FieldErrorParams): string {
    const sentences = this.sentences[this.locale];
    if (sentences) return fieldErrorMessage({ ...this.t.errors, ...sentences }, field, code, params);
    return format(this.t.checkField, { field: fieldLabel(this.t.errors, field) });
  }

  /** Fetches the notice Liuyan ships in the form's language, where the site has none of its own (once; a failure is tried again next time). */
  private loadPrivacyNotice = async (): Promise<void> => {
    const locale = this.locale;
    const { url, text } = this.config?.privacy ?? {};
    if (url || text || this.privacyText[locale]) return;
    this.privacyFailed = false;
    try {
      const { defaultPrivacyNotice } = await privacyNotices[locale]();
      this.privacyText = { ...this.privacyText, [locale]: defaultPrivacyNotice };
    } catch {
      // Offline before it came: the notice says so; the network's return, the next focus or opening tries again.
      this.privacyFailed = true;
      addEventListener('online', () => void this.loadPrivacyNotice(), { once: true });
    }
  };

  /** 已保存，联网后自动提交: the queued message's title, what happens next, and a way to try at once. */
  private renderQueued() {
    const t = this.t;
    // Photos waiting on the device, or every one uploaded before it was queued (then named in its body).
    const photos = this.queued?.photos?.length ?? this.queued?.input.photos?.length ?? 0;
    return html`<section part="outbox" class="receipt" aria-labelledby="outbox-title">
      <h3 id="outbox-title" role="status" tabindex="-1">${t.queued}</h3>
      <p class="queued-title">${this.values.title}</p>
      <p class="muted">${t.queuedHint}</p>
      ${photos ? html`<p class="muted" part="outbox-photos">${format(t.queuedPhotos, { n: photos })}</p>` : nothing}
      <button type="button" class="secondary" ?disabled=${this.flushing} @click=${this.flushOutbox}>${t.resubmit}</button>
    </section>`;
  }

  /** The receipt (receipt.ts); plainly the code, should its chunk never have come. */
  private renderReceipt() {
    const t = this.t;
    return this.receipt?.render() ?? html`<section part="receipt" class="receipt">
      <p id="code-label">${t.trackingCodeLabel}</p>
      ${this.codeLine(this.created!.trackingCode)}
      <p class="notice warning" role="alert">${t.saveCodeWarning}</p>
    </section>`;
  }

  /**
   * The tracking code, named by its label and itself. It may break after a dash, never inside a
   * group: at 200% zoom on a phone (195 CSS px) the whole code stays on the screen.
   */
  private codeLine(code: string) {
    return html`<p><output part="tracking-code" id="tracking-code" class="code" tabindex="-1" aria-labelledby="code-label tracking-code">${code.split('-').map((group, i) => (i === 0 ? group : html`-<wbr>${group}`))}</output></p>`;
  }
}

defineElement('liuyan-form', LiuyanForm);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-form': LiuyanForm;
  }
}
