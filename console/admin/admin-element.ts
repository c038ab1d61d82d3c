import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { ref } from 'lit/directives/ref.js';
import { copyText, type CopyOutcome } from '../../ui/copy-text';
import { format, Localized } from '../../ui/localize';
import { tokens } from '../../ui/tokens.styles';
import { ConsoleElement, withoutErrors } from '../console-element';
import { pickedUnits } from '../unit-picker';
import { styles } from '../liuyan-console.styles';
import { adminZhCN, type AdminStrings } from './strings.zh-cn';
import { onDemand } from '../../ui/on-demand';
import { markSaved, markUnsaved } from '../unsaved';
import { PUBLIC_MAX_AGE } from '../../sdk/src/limits';

const adminStrings = new Localized<AdminStrings>(adminZhCN, {
  en: onDemand(() => import('./strings.en'), (m) => m.adminEn),
  'zh-TW': onDemand(() => import('./strings.zh-tw'), (m) => m.adminZhTW),
});

/** A form's controls, read by name: trimmed, as typed, or the values of the checked boxes. */
export interface FormValues {
  text(name: string): string;
  raw(name: string): string;
  checked(name: string): string[];
  /** The ids chosen in the unit picker `name` (unit-picker.ts). */
  units(name: string): string[];
}

/**
 * What the admin pages share: their strings (`this.a`), one request at a time, a confirmation after
 * each change, and field errors — found before sending or by the service — shown beside the field
 * of the form that was sent (`scope`), until that field's value changes.
 */
export abstract class AdminElement extends ConsoleElement {
  static override styles = [tokens, styles];

  static override properties = {
    ...ConsoleElement.properties,
    busy: { state: true },
    done: { state: true },
    error: { state: true },
    errors: { state: true },
    scope: { state: true },
    copied: { state: true },
  };

  protected busy = false;
  /** What the last change did, said once (`role="status"`). */
  protected done = '';
  /** A problem with the request as a whole, shown in the form that sent it. */
  protected error = '';
  /** Field errors by field path (`allowedOrigins.2`, `days.0.day`, `unitIds`). */
  protected errors: Record<string, string> = {};
  /** Which form `error` and `errors` belong to: one page may show several. */
  protected scope = '';

  /** The forms sent and not yet answered: saved (and so no longer unsaved) once their change succeeds. */
  private sent = new Set<HTMLFormElement>();

  private watching = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.watching) return;
    this.watching = true;
    // A control changed inside a form is a change not saved until its form is; not in a form that
    // only finds or shows something (a search box, the calendar's year: `data-navigates`). The
    // confirmation of the last change goes then: 已保存 beside a form being changed again is no longer so.
    const typed = (event: Event) => {
      const form = (event.composedPath().find((node) => node instanceof HTMLFormElement) as HTMLFormElement | undefined);
      if (!form || form.getAttribute('role') === 'search' || form.hasAttribute('data-navigates')) return;
      markUnsaved(form);
      this.done = '';
    };
    this.renderRoot.addEventListener('input', typed);
    this.renderRoot.addEventListener('change', typed);
    this.renderRoot.addEventListener('input', this.onFieldChanged);
    this.renderRoot.addEventListener('change', this.onFieldChanged);
    this.renderRoot.addEventListener('submit', (event) => {
      if (event.target instanceof HTMLFormElement) this.sent.add(event.target);
    });
  }

  /**
   * A field typed in or chosen again is no longer the value refused: its error line goes, and with it
   * the control's `aria-invalid` and the line's id in its `aria-describedby` (both follow `errorFor`).
   * A control's errors are those of the lines its `aria-describedby` names (`data-fields`, written by
   * `fieldError`), or, for a unit picker, which draws its own line, those of its name. Only a control
   * marked invalid has any, and only its own events count: a search typed inside a picker chooses nothing.
   */
  private readonly onFieldChanged = (event: Event): void => {
    const control = event.target as Element;
    if (event.composedPath()[0] !== control || control.getAttribute('aria-invalid') !== 'true') return;
    const fields = control.localName.includes('-')
      ? this.errorKeys(this.scope, control.getAttribute('name') ?? '')
      : (control.getAttribute('aria-describedby') ?? '').split(/\s+/)
        .flatMap((id) => (id && (this.renderRoot as ShadowRoot).getElementById(id)?.dataset.fields?.split(' ')) || []);
    if (fields.length > 0) this.errors = withoutErrors(this.errors, fields);
  };

  protected get a(): AdminStrings {
    return adminStrings.get(this.locale);
  }

  /**
   * `done` said of a change citizens see (a setting, a unit, a drive), with how long public pages may
   * take to show it: browsers and caches keep those answers `PUBLIC_MAX_AGE[what]` seconds.
   */
  protected showsWithin(done: string, what: keyof typeof PUBLIC_MAX_AGE): string {
    return format(this.a.showsWithin, { done, minutes: Math.ceil(PUBLIC_MAX_AGE[what] / 60) });
  }

  protected override async scheduleUpdate(): Promise<void> {
    await adminStrings.loadOrWait(this.locale, this);
    return super.scheduleUpdate();
  }

  /**
   * Runs one change for the form `scope`: clears old messages, says `done` when it worked, and
   * otherwise shows the field errors beside their fields (focusing the first) or the problem.
   * Answers `undefined` when it failed.
   */
  protected async change<T>(scope: string, run: () => Promise<T>, done: string): Promise<T | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    this.scope = scope;
    this.done = '';
    this.error = '';
    this.errors = {};
    try {
      const result = await run();
      this.done = done;
      for (const form of this.sent) markSaved(form);
      this.sent.clear();
      return result;
    } catch (error) {
      this.sent.clear();
      this.errors = this.fieldErrors(error);
      this.error = Object.keys(this.errors).length > 0 ? '' : this.problemText(error);
      void this.focusFirstInvalid();
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Shows the errors a form's own checks found (`failures`), as `change` shows the service's, so
   * nothing is sent; answers whether there were any.
   */
  protected refused(scope: string, errors: Record<string, string>): boolean {
    if (Object.keys(errors).length === 0) return false;
    this.sent.clear();
    this.scope = scope;
    this.done = '';
    this.error = '';
    this.errors = errors;
    void this.focusFirstInvalid();
    return true;
  }

  /** Empties a form that was sent, its counters too. */
  protected resetForm(form: HTMLFormElement): void {
    form.reset();
    markSaved(form);
    this.forgetTyped(...[...form.elements].map((control) => control.id));
  }

  /** Forgets the messages of the last change (a form closed, another opened). */
  protected clearMessages(): void {
    this.done = '';
    this.error = '';
    this.errors = {};
    this.scope = '';
  }

  /** The fields whose errors `field`'s line says in form `scope`: its own, and those inside it (`unitIds.1` belongs to `unitIds`). */
  private errorKeys(scope: string, field: string): string[] {
    if (scope !== this.scope || !field) return [];
    return Object.keys(this.errors).filter((key) => key === field || key.startsWith(`${field}.`));
  }

  /** The error for `field` (or, failing its own, the first of anything inside it) in form `scope`. */
  protected errorFor(scope: string, field: string): string {
    const [first] = this.errorKeys(scope, field);
    return first === undefined ? '' : this.errors[field] ?? this.errors[first]!;
  }

  protected invalid(scope: string, field: string): 'true' | 'false' {
    return this.errorFor(scope, field) ? 'true' : 'false';
  }

  /**
   * `id` while `fieldError(scope, field, id)` shows its line, else `undefined`: what the control's
   * `aria-describedby` names, through `idRefs` (`${idRefs(this.errorRef(…), this.counterId(…)) ?? nothing}`).
   * An id reference must name an element that is there, and the line is drawn only with an error;
   * both follow this one test, so they cannot drift apart.
   */
  protected errorRef(scope: string, field: string, id: string): string | undefined {
    return this.errorFor(scope, field) ? id : undefined;
  }

  /**
   * The error line under a field, drawn only with an error; `errorRef` is what the control's
   * `aria-describedby` names. Its `data-fields` are the fields it speaks for, forgotten when the control changes.
   * Not an alert among several: the errors of a form come together, and `formError` says how many
   * once (the focus goes to the first, which its line describes); alone, it is its own alert.
   */
  protected fieldError(scope: string, field: string, id: string) {
    const shown = this.errorRef(scope, field, id);
    return shown ? html`<p class="error" id=${shown} role=${this.fieldErrorRole(this.errors)} data-fields=${this.errorKeys(scope, field).join(' ')}>${this.errorFor(scope, field)}</p>` : nothing;
  }

  /**
   * Inside the form that sent it, above its buttons: a problem with the whole request, or how many of
   * its answers are to correct (`fixFields`), announced once; or, once it is saved, the confirmation
   * (`doneBeside`), where the official pressed 保存 — the page's own, at its top, may be screens above
   * on a phone.
   */
  protected formError(scope: string) {
    return this.scope === scope ? html`${this.formProblem(this.error, this.errors)}${this.doneBeside(scope)}` : nothing;
  }

  /** The confirmation of the last change, at the top of the page. */
  protected renderDone() {
    return html`<p class="notice" role="status" ?hidden=${!this.done}>${this.done}</p>`;
  }

  /**
   * The same confirmation beside the item of a list it was about (`scope`: a row's id), where the
   * official is looking: the page's own, at its top, may be screens above on a phone. Read out by
   * the page's (`renderDone`, a live region), so hidden from assistive technology here.
   */
  private doneBeside(scope: string) {
    return this.done && this.scope === scope ? html`<p class="notice" aria-hidden="true">${this.done}</p>` : nothing;
  }

  /** Which shown text was copied last (its element's id), and how: to the clipboard, or only selected. */
  protected copied: { id: string; outcome: CopyOutcome } | null = null;

  /**
   * A copy button for the text shown in the element `#id`, and its status beside it: 已复制, or, where
   * the browser refuses the clipboard (a page on http, an old WebView), the text selected and
   * `selected` saying how to copy it.
   */
  protected renderCopy(id: string, text: string, { label, selected, part, secondary = false }: { label: string; selected: string; part?: string; secondary?: boolean }) {
    const outcome = this.copied?.id === id ? this.copied.outcome : null;
    return html`<div class="buttons compact">
      <button type="button" class=${secondary ? 'secondary' : ''} part=${part ?? nothing}
        @click=${async () => { this.copied = { id, outcome: await copyText(text, this.renderRoot.querySelector<HTMLElement>(`#${id}`)!) }; }}>${label}</button>
      <span role="status">${outcome === 'copied' ? this.a.copied : outcome === 'selected' ? selected : ''}</span>
    </div>`;
  }

  /**
   * A row's button named with its item (`编辑 县交通运输局`), starting with the word it shows, so a
   * voice user says what they see (WCAG 2.5.3) and a list of rows is not ten 编辑 alike (2.4.6).
   */
  protected named(action: string, item: string): string {
    return `${action} ${item}`;
  }

  /**
   * Takes the focus onto a question's confirming button when it first appears (`confirmPanel`), where
   * Escape answers it. One function for every render, so Lit calls it for a new button only, not on
   * each redraw of the same question (which would pull the focus back from 取消 or the row).
   */
  private readonly focusOnArrival = (button?: Element) => {
    if (button) void this.updateComplete.then(() => (button as HTMLElement).focus());
  };

  /**
   * The question asked before a change that cannot be taken back (删除, 吊销, 结束), beside its row:
   * a group named with the item (`label`, as the button that opened it), the question describing
   * the confirming button so a screen reader says what is being confirmed (WCAG 1.3.1), the
   * problem the service answered (`scope`), then the confirming button (`action` runs `run`) and
   * 取消. Escape answers 取消 — it holds nothing typed — but not while the change is being sent.
   * It takes the focus onto its confirming button when it opens; closed unanswered, it gives the focus
   * back to the row's button that opened it (named `label` too), where the official was, not to the
   * page's heading. Keyed by `label`: another question in its place is a new panel, focused again.
   */
  protected confirmPanel({ label, question, scope, action, run, cancel }: {
    label: string; question: unknown; scope: string; action: string; run: () => void; cancel: () => void;
  }) {
    // The opener is looked for in the question's own row first: two rows may name the same item (two keys labelled alike).
    const close = (event: Event) => {
      const row = (event.currentTarget as Element).closest('li');
      cancel();
      this.clearMessages();
      const opener = `button[aria-label="${CSS.escape(label)}"]`;
      void this.updateComplete.then(() => ((row?.isConnected ? row.querySelector<HTMLElement>(opener) : null) ?? this.renderRoot.querySelector<HTMLElement>(opener))?.focus());
    };
    const onKeydown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || this.busy || event.defaultPrevented) return;
      event.preventDefault();
      close(event);
    };
    return keyed(label, html`<div class="panel" role="group" aria-label=${label} @keydown=${onKeydown}>
      <p id="confirm-question">${question}</p>
      ${this.formError(scope)}
      <div class="buttons">
        <button type="button" aria-describedby="confirm-question" aria-disabled=${String(this.busy)} @click=${run} ${ref(this.focusOnArrival)}>${action}</button>
        <button type="button" class="secondary" @click=${close}>${this.a.cancel}</button>
      </div>
    </div>`);
  }

  /** Reads a form's controls by name. */
  protected static values(form: HTMLFormElement): FormValues {
    return {
      text: (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '',
      raw: (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '',
      checked: (name: string) => [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value),
      units: (name: string) => pickedUnits(form, name),
    };
  }
}
