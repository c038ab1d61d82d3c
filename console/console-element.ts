import { html, nothing, type PropertyValues } from 'lit';
import { fieldErrorMessage, inSentence, type FieldErrorParams } from '../sdk/src/error-messages';
import { LiuyanError } from '../sdk/src/errors';
import type { FieldErrorCode } from '../sdk/src/schemas/error';
import type { MessageStatus, Moderation } from '../sdk/src/schemas/common';
import type { HoldReason } from '../sdk/src/schemas/protection';
import { formatWritten, written, writtenLangAttr } from '../ui/content-lang';
import { focusWithContext } from '../ui/focus';
import { LiuyanElement } from '../ui/liuyan-element';
import { format, Localized } from '../ui/localize';
import { textCounter, textError, type TextRule } from '../ui/text-rules';
import { createConsoleClient, type ConsoleClient } from '../sdk/src/console-client';
import { consoleZhCN, type ConsoleStrings } from './strings.zh-cn';
import { onDemand } from '../ui/on-demand';

/** One set of strings for the whole console: Chinese in the bundle, English fetched when shown. */
const consoleStrings = new Localized<ConsoleStrings>(consoleZhCN, {
  en: onDemand(() => import('./strings.en'), (m) => m.consoleEn),
  'zh-TW': onDemand(() => import('./strings.zh-tw'), (m) => m.consoleZhTW),
});

/** `liuyan-unauthenticated`: the session is gone (expired, revoked, signed out elsewhere). */
export const UNAUTHENTICATED = 'liuyan-unauthenticated';

/** `liuyan-page-title`: the page shown has a new name for the browser tab's title (`detail`: the name). */
export const PAGE_TITLE = 'liuyan-page-title';

/** The element holding the focus, inside shadow roots: `null` when it is the document's body or nothing. */
function focusedElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active === document.body ? null : active;
}

/**
 * A page the official has just gone to (a link, Back, an address typed) and where its focus should land:
 * set by the app when the page changes, taken by the first page element that can place it. `from`:
 * the message the official came back from, which the queue focuses in its list where it is there.
 * `focused`: what held the focus when the page changed; should the official have moved it since
 * (clicked into the new page, started typing), the arrival leaves it where they put it.
 */
let arrival: { from?: string; focused: Element | null; page: ConsoleElement | null } | null = null;

/**
 * The page changes (or the tab of the queue or the admin pages): where it starts takes the focus once
 * drawn — its heading, a message's title, in the queue the message just left or the tab shown
 * (`arrivalFocus`) — so a keyboard or screen-reader user starts reading the new page there, as after a
 * page load, not in the header or on a link that is gone (WCAG 2.4.3, focus order). `from`: the
 * message the official leaves, if any.
 */
export function expectArrival(from?: string): void {
  arrival = { from, focused: focusedElement(), page: null };
}

/**
 * The app has drawn the page the official went to (`expectArrival`): that page, or a page drawn inside
 * it (an admin tab's), places the focus once it can. Only it: the page being left may still draw once
 * (a search's answer, a sign-in's last state) before it goes, and must not take the focus with it.
 */
export function arrivedAt(page: ConsoleElement | null): void {
  if (!arrival || arrival.page || !page) return;
  arrival.page = page;
  page.requestUpdate();
}

/**
 * How a page's forms name their fields in error sentences, where the catalog (sdk/src/locales) is
 * too general. `labels`: the page's own words for a field (`body` is 回复内容 in a reply, 留言内容 in
 * the catalog). `choices`: the fields chosen rather than typed, whose `required` reads 请选择…,
 * in place of the catalog's list (`reason` is chosen when rejecting, typed when transferring).
 */
export interface FieldNames {
  labels?: Record<string, string>;
  choices?: readonly string[];
}

/** Of a form's checks (field → sentence, '' when the field is fine), the ones that failed. */
export function failures(checks: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(checks).filter(([, error]) => error));
}

/**
 * A form's field errors (field → sentence) without those of `fields`, whose values have changed since
 * (typed in, chosen again, filled in by a template): each said what was wrong with the value refused,
 * not with this one. The form is checked again when it is sent.
 */
export function withoutErrors(errors: Record<string, string>, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([field]) => !fields.includes(field)));
}

/**
 * `errors` without the error of the control an `input` event came from (by its `name`), on a form's
 * `@input`: the same object when that control had none, so typing redraws nothing.
 */
export function withoutTyped(errors: Record<string, string>, event: Event): Record<string, string> {
  const name = (event.target as HTMLInputElement | null)?.name;
  return name && errors[name] ? withoutErrors(errors, [name]) : errors;
}

/**
 * What every page of the console shares: its strings, requests to the console API, how an error
 * from the service is told to the official — by its code, in the console's language — and how a
 * form is checked before it is sent: the same rules as the service, the same sentences.
 */
export abstract class ConsoleElement extends LiuyanElement<ConsoleStrings> {
  static override properties = {
    ...LiuyanElement.properties,
    typed: { state: true },
  };

  protected readonly strings = consoleStrings;

  /** What is typed in fields with a counter, by control id, so the counter follows the typing. */
  protected typed: Record<string, string> = {};

  /**
   * A control whose work is under way is marked `aria-disabled="true"`, not `disabled`: a disabled
   * button drops the focus to the page, and a keyboard or screen-reader user loses their place while
   * the change is sent. Its press (a click, Enter or Space, Enter in the form's fields) does nothing
   * meanwhile: it is stopped here, before any of the page's handlers, so no change is sent twice.
   */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    root.addEventListener('click', (event) => {
      if (!(event.target as Element).closest?.('[aria-disabled="true"]')) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    }, { capture: true });
    return root;
  }

  /**
   * When drawing the page removed the control that held the focus — a form that closes once it was
   * sent, an action's button gone with the message's new state — the focus goes to the sentence
   * saying what happened (`.notice[role="status"]`), else to a problem said (`[role="alert"]`), else
   * to the page's heading: not to the top of the document, where Tab would start again from the header.
   * A form closed unsent (取消, Escape) has nothing to say: the focus goes back to the button that
   * opened it (its `aria-expanded` gone from true to false), where the official was before opening it.
   * A page swapped for another (a custom element's host) is left to the page that comes.
   */
  protected override update(changed: PropertyValues): void {
    const focused = (this.renderRoot as ShadowRoot).activeElement;
    const expanded = [...this.renderRoot.querySelectorAll<HTMLElement>('[aria-expanded="true"]')];
    super.update(changed);
    if (!focused || focused.isConnected || focused.localName.includes('-')) return;
    const opener = () => expanded.find((e) => e.isConnected && e.getAttribute('aria-expanded') === 'false') ?? null;
    const next = ['.notice[role="status"]:not([hidden])', opener, '[role="alert"]:not([hidden])', 'h1']
      .map((selector) => (typeof selector === 'string' ? this.renderRoot.querySelector<HTMLElement>(selector) : selector())).find(Boolean);
    if (!next) return;
    // A sentence or heading takes the focus from a script only; a button is focusable already.
    if (!next.hasAttribute('tabindex') && !next.matches('button')) next.tabIndex = -1;
    next.focus();
  }

  /**
   * This page's name in the browser tab's title (`<page> · <site>`, WCAG 2.4.2), where the page knows
   * it better than its address does (a message's title, an admin tab): `undefined` for the parts of a
   * page. Said to the app (`liuyan-page-title`) each time it changes, so the title follows the page.
   */
  protected pageName(): string | undefined {
    return undefined;
  }

  /** The name last said with `liuyan-page-title`. */
  private saidName: string | undefined;

  /**
   * Where the focus lands when the official has just come to this page (`expectArrival`): the page's
   * `h1`. `undefined` while the page has not drawn it yet (a message loading), so a later drawing
   * places it; `null` for none.
   */
  protected arrivalFocus(_from: string | undefined): HTMLElement | null | undefined {
    return this.renderRoot.querySelector<HTMLElement>('h1') ?? undefined;
  }

  private placeArrival(): void {
    if (!arrival?.page || !this.isConnected) return;
    const { from, focused, page } = arrival;
    if (page !== this && !page.renderRoot.contains(this)) return;
    const now = focusedElement();
    // The official has put the focus somewhere in the new page already: it stays there.
    if (now && now !== focused && now.isConnected) return void (arrival = null);
    const target = this.arrivalFocus(from);
    if (target === undefined) return;
    arrival = null;
    if (!target) return;
    // A heading takes the focus from a script only.
    if (!target.matches('a[href], button, input, select, textarea, [tabindex]')) target.tabIndex = -1;
    target.focus();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.placeArrival();
    const name = this.pageName();
    if (name === undefined || name === this.saidName) return;
    this.saidName = name;
    this.emit(PAGE_TITLE, name);
  }

  /**
   * After 加载更多 (显示更多) the focus goes to the first item added (the `before`-th of those `selector`
   * finds), where the reading left off: the button pressed is gone with the last page, or stays below
   * what came, and a keyboard or screen-reader user would have to find their way back up to the new rows.
   */
  protected async focusAdded(selector: string, before: number): Promise<void> {
    await this.updateComplete;
    const first = this.renderRoot.querySelectorAll<HTMLElement>(selector)[before];
    if (!first) return;
    // A row that is not a control takes the focus from a script only.
    if (!first.matches('a[href], button, input, select, textarea, [tabindex]')) first.tabIndex = -1;
    first.focus();
  }

  /**
   * Text an official, a citizen or the site wrote (a unit's name, a title, a note), as it goes into the
   * page: marked `lang="zh"` where the console reads English and the text is Chinese (ui/content-lang.ts).
   */
  protected written(text: string) {
    return written(text, this.locale);
  }

  /** The `lang` of an element holding only written text (an `<option>`): `writtenLangAttr`. */
  protected langOf(text: string): 'zh' | typeof nothing {
    return writtenLangAttr(text, this.locale);
  }

  /**
   * Why the message (or a follow-up) was held for a moderator: the citizen is never told, the
   * moderator is. Once decided, it reads as what happened (曾先审核), not as still waiting. A private
   * message is never moderated: what was found in it (sent too fast, a link) is a caution to whoever
   * handles it (提示), not a review it waits for.
   */
  protected heldForBadge(reasons: HoldReason[], pending: boolean, isPublic: boolean) {
    const t = this.t;
    const template = !isPublic ? t.flaggedFor : pending ? t.heldFor : t.heldForBefore;
    return reasons.length === 0 ? nothing
      : html` <span class="badge held" part="held-for">${format(template, { reasons: reasons.map((r) => t.holdReasons[r]).join(t.heldForSeparator) })}</span>`;
  }
  /** One of the console's sentences with written text in it (`{name}` a unit's name), each marked as `written` marks it. */
  protected formatWritten(template: string, params: Record<string, string>) {
    return formatWritten(template, params, this.locale);
  }

  /**
   * A message's handling badge (`part="status"`). A rejected message is not handled: no deadline runs
   * (the citizen's view shows none), and its status column still says 待受理, so the review's state
   * stands for it.
   */
  protected statusBadge(m: { status: MessageStatus; moderation: Moderation }) {
    return m.moderation === 'rejected'
      ? html`<span class="badge moderation rejected" part="status">${this.t.moderation.rejected}</span>`
      : html`<span class="badge status ${m.status}" part="status">${this.t.statuses[m.status]}</span>`;
  }

  /** Every console and admin call, typed (same origin, the session cookie). */
  protected get officials(): ConsoleClient {
    return createConsoleClient({ locale: this.locale });
  }

  /**
   * The sentence for a failed request. A 401 outside sign-in means the session ended: the app
   * hears `liuyan-unauthenticated` and returns to the sign-in page.
   */
  protected problemText(error: unknown): string {
    if (!(error instanceof LiuyanError)) return String(error);
    if (error.code === 'unauthenticated') this.emit(UNAUTHENTICATED, null);
    if (error.code === 'network') return this.t.networkError;
    return this.t.problems[error.code];
  }

  /** How this page names its fields in errors; the service's catalog names the rest. */
  protected fieldNames(): FieldNames {
    return {};
  }

  /**
   * The sentence for field error `code` on `field`, in the page's words for the field: its label as
   * the form shows it, in lower case inside the sentence where the language has capitals (`inSentence`).
   */
  protected fieldMessage(field: string, code: FieldErrorCode, params: FieldErrorParams = {}): string {
    const { labels = {}, choices = this.t.errors.choices } = this.fieldNames();
    const named = Object.fromEntries(Object.entries(labels).map(([name, label]) => [name, inSentence(label)]));
    return fieldErrorMessage({ ...this.t.errors, fields: { ...this.t.errors.fields, ...named }, choices }, field, code, params);
  }

  /** Field errors of a 422, by field, each in the console's language. */
  protected fieldErrors(error: unknown): Record<string, string> {
    if (!(error instanceof LiuyanError)) return {};
    return Object.fromEntries(error.fieldErrors.map((e) => [e.field, this.fieldMessage(e.field, e.code, e.params)]));
  }

  /** What the service would say about a text field (`textError`), in this page's words; '' when fine. */
  protected textCheck(field: string, value: string, rule: TextRule): string {
    const problem = textError(value, rule);
    return problem ? this.fieldMessage(field, problem.code, problem.params) : '';
  }

  /** `required` (请选择…) when nothing is chosen (a select's value, or a group's checked values); '' otherwise. */
  protected choiceCheck(field: string, chosen: string | readonly string[]): string {
    return chosen.length > 0 ? '' : this.fieldMessage(field, 'required');
  }

  /** What the service would say about a whole number typed in a number field; '' when fine. */
  protected integerCheck(field: string, value: string, { min, max }: { min: number; max: number }): string {
    if (value.trim() === '') return this.fieldMessage(field, 'required');
    // Digits only: Number() would also read 1e1 as 10, 0x10 as 16 and 1.0 as 1.
    if (!/^-?\d+$/.test(value.trim())) return this.fieldMessage(field, 'invalid');
    const n = Number(value);
    if (n < min) return this.fieldMessage(field, 'below_minimum', { min });
    if (n > max) return this.fieldMessage(field, 'above_maximum', { max });
    return '';
  }

  /**
   * Moves focus to the first control marked invalid, once drawn: after a refused submit the official
   * lands on what to fix (in a group of radios or checkboxes, its first control), its label or legend in view.
   */
  protected async focusFirstInvalid(): Promise<void> {
    await this.updateComplete;
    focusWithContext(this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]'));
  }

  /**
   * Under a form's fields, announced once: the problem with the whole request (`error`), else, when
   * several of its answers are to correct, how many (`fixFields`, from `errors`). Their own lines are
   * then not alerts (`fieldErrorRole`): nine errors at once would be nine announcements, where the
   * focus (`focusFirstInvalid`) reads the first with its field and this line the count. One error
   * alone is its own line's alert (a row's button refused says so where it was pressed).
   */
  protected formProblem(error: string, errors: Record<string, string>) {
    if (error) return html`<p class="error" role="alert">${error}</p>`;
    const n = Object.values(errors).filter(Boolean).length;
    return n > 1 ? html`<p class="error" role="alert" part="fix-fields">${format(this.t.fixFields, { n })}</p>` : nothing;
  }

  /** The `role` of a field's error line among `errors`: an alert when it is the only one, else none (`formProblem` counts them). */
  protected fieldErrorRole(errors: Record<string, string>) {
    return Object.values(errors).filter(Boolean).length === 1 ? 'alert' : nothing;
  }

  /** Keeps `typed` up to date: the `@input` of a control with a counter. */
  protected readonly onTyped = (event: Event): void => {
    const control = event.target as HTMLInputElement | HTMLTextAreaElement;
    this.typed = { ...this.typed, [control.id]: control.value };
  };

  /**
   * The counter of the control `id` (`12/50`, in characters as the service counts them), with the
   * id `counterId(id)` for the control's `aria-describedby`. `initial`: the control's value before typing.
   */
  protected counter(id: string, max: number, initial = '') {
    return textCounter(this.typed[id] ?? initial, max, this.t.forms.counter, this.counterId(id));
  }

  /**
   * The id of the counter `counter(id, …)` draws (`<id>-counter`), for the control's `aria-describedby`:
   * named from here, a reference cannot drift from the counter's id (`title-add-counter`, not `title-counter-add`).
   */
  protected counterId(id: string): string {
    return `${id}-counter`;
  }

  /** Forgets what was typed in these controls (their form was sent, reset or closed). */
  protected forgetTyped(...ids: string[]): void {
    this.typed = Object.fromEntries(Object.entries(this.typed).filter(([id]) => !ids.includes(id)));
  }

  /**
   * The mark of a field that must be filled in or chosen: a star to see, 必填 to hear (in the
   * label, so the control's name says it).
   */
  protected requiredMark() {
    return html`<span class="required-mark" aria-hidden="true">*</span><span class="visually-hidden">${this.t.requiredField}</span>`;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'liuyan-unauthenticated': CustomEvent<null>;
    'liuyan-page-title': CustomEvent<string>;
  }
}
