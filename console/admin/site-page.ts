import { html, nothing } from 'lit';
import { DOMAINS, MESSAGE_TYPES } from '../../sdk/src/codes';
import { live } from 'lit/directives/live.js';
import { toUnicode } from 'punycode';
import { HEX_COLOR, readableUnderWhiteText } from '../../sdk/src/color';
import type { SiteSettings, UpdateSiteInput } from '../../sdk/src/schemas/admin';
import type { Domain, MessageType, SubmissionLimits } from '../../sdk/src/schemas/common';
import { idRefs } from '../../ui/id-refs';
import { defineElement } from '../../ui/liuyan-element';
import { format } from '../../ui/localize';
import { failures, type FieldNames } from '../console-element';
import { AdminElement } from './admin-element';
import { LANGUAGES, type Locale } from '../../sdk/src/languages';
import { OVERRIDABLE_STRINGS, STRING_OVERRIDE_MAX, type OverridableString } from '../../sdk/src/string-overrides';

/**
 * An origin as its owner writes it: the service keeps a domain name in its ASCII form (punycode,
 * RFC 3492: `https://xn--fsqu00a.xn--fiqs8s`), shown here in its own script (`https://例子.中国`),
 * which the service takes back as the same origin. Anything unreadable is shown as stored.
 */
export function readableOrigin(origin: string): string {
  try {
    const url = new URL(origin);
    return url.hostname.includes('xn--') ? `${url.protocol}//${toUnicode(url.hostname)}${url.port ? `:${url.port}` : ''}` : origin;
  } catch {
    return origin;
  }
}

// What UpdateSiteInputSchema (sdk/src/schemas/admin.ts) accepts; texts in characters.
const NAME_MAX = 100;
const PRIVACY_TEXT_MAX = 5000;
const DEADLINE_DAYS = { min: 1, max: 60 };
const TITLE_MIN = { min: 1, max: 50 };
const BODY_MIN = { min: 1, max: 500 };
const FOLLOW_UP_LIMIT = { min: 0, max: 10 };
const REMINDER_DAYS = { min: 0, max: 30 };
const SUBMISSION_LIMITS = {
  perAddressHour: { min: 1, max: 10_000 },
  perPhoneDay: { min: 1, max: 10_000 },
  perSiteMinute: { min: 1, max: 100_000 },
} as const satisfies Record<keyof SubmissionLimits, { min: number; max: number }>;
const SUBMISSION_LIMIT_KEYS = Object.keys(SUBMISSION_LIMITS) as (keyof SubmissionLimits)[];
const RETURN_LABEL_MAX = 30;
const FORM = 'site';

/**
 * @summary 站点设置: name, pre- or post-moderation, the websites allowed to embed the widget, the
 * message types and domains accepted, the deadline in working days per type, the shortest title and
 * message accepted, the privacy notice (a page of the site's own, a text, or the default one), and
 * how many submissions a network address, a phone number and the whole site may send; and the
 * hosted board (/s/:site/): on or off, the link back to the site's own website, its colour.
 */
export class LiuyanConsoleAdminSite extends AdminElement {
  static override properties = {
    ...AdminElement.properties,
    settings: { state: true },
    origins: { state: true },
    loadError: { state: true },
  };


  private settings: SiteSettings | null = null;
  /** The origins as being edited: rows are added and removed before saving. */
  private origins: string[] = [];
  private loadError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.show(await this.officials.admin.site.get());
    } catch (error) {
      this.loadError = this.problemText(error);
    }
  }

  private show(settings: SiteSettings): void {
    this.settings = settings;
    this.origins = settings.allowedOrigins.map(readableOrigin);
  }

  private async addOrigin(): Promise<void> {
    this.origins = [...this.origins, ''];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#origin-${this.origins.length - 1}`)?.focus();
  }

  private removeOrigin(index: number): void {
    this.origins = this.origins.filter((_, i) => i !== index);
    // Errors name rows by position: after a removal they would point at the wrong row.
    if (this.scope === FORM) this.errors = {};
  }

  protected override fieldNames(): FieldNames {
    const { name, perAddressHour, perPhoneDay, perSiteMinute } = this.a.site.fieldNames;
    // Four deadline fields share one legend: each error names its type (请填写建言的办理时限).
    const deadlines = Object.fromEntries(MESSAGE_TYPES.map((type) => [`deadlineDays.${type}`, format(this.a.site.deadlineField, { type: this.t.types[type] })]));
    return { labels: { name, perAddressHour, perPhoneDay, perSiteMinute, ...deadlines } };
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const v = AdminElement.values(form);
    const number = (name: string) => Number(v.text(name));
    const checks: Record<string, string> = {
      name: this.textCheck('name', v.raw('name'), { min: 1, max: NAME_MAX }),
      types: this.choiceCheck('types', v.checked('types')),
      domains: this.choiceCheck('domains', v.checked('domains')),
      titleMin: this.integerCheck('titleMin', v.raw('titleMin'), TITLE_MIN),
      bodyMin: this.integerCheck('bodyMin', v.raw('bodyMin'), BODY_MIN),
      followUpLimit: this.integerCheck('followUpLimit', v.raw('followUpLimit'), FOLLOW_UP_LIMIT),
      reminderDays: this.integerCheck('reminderDays', v.raw('reminderDays'), REMINDER_DAYS),
      privacyText: this.textCheck('privacyText', v.raw('privacyText'), { max: PRIVACY_TEXT_MAX, multiline: true }),
    };
    for (const type of MESSAGE_TYPES) checks[`deadlineDays.${type}`] = this.integerCheck(`deadlineDays.${type}`, v.raw(`deadline-${type}`), DEADLINE_DAYS);
    Object.assign(checks, this.hostedChecks(v.text('returnUrl'), v.raw('returnLabel'), v.text('themeColor')));
    const stringOverrides: Partial<Record<Locale, Partial<Record<OverridableString, string>>>> = {};
    for (const { tag } of LANGUAGES) {
      for (const key of OVERRIDABLE_STRINGS) {
        const field = `stringOverrides.${tag}.${key}`;
        const words = v.raw(field);
        if (!words.trim()) continue;
        checks[field] = this.textCheck(field, words, { max: STRING_OVERRIDE_MAX });
        stringOverrides[tag] = { ...stringOverrides[tag], [key]: words.trim() };
      }
    }
    for (const key of SUBMISSION_LIMIT_KEYS) checks[`submissionLimits.${key}`] = this.integerCheck(`submissionLimits.${key}`, v.raw(key), SUBMISSION_LIMITS[key]);
    if (this.refused(FORM, failures(checks))) return;

    const input: UpdateSiteInput = {
      name: v.text('name'),
      moderation: v.raw('moderation') === 'post' ? 'post' : 'pre',
      // Blank rows are rows not filled in, not origins.
      allowedOrigins: this.origins.map((o) => o.trim()).filter(Boolean),
      types: v.checked('types') as MessageType[],
      domains: v.checked('domains') as Domain[],
      deadlineDays: Object.fromEntries(MESSAGE_TYPES.map((type) => [type, number(`deadline-${type}`)])),
      titleMin: number('titleMin'),
      bodyMin: number('bodyMin'),
      reminderDays: number('reminderDays'),
      // Empty: none of the site's own (the default notice).
      privacyUrl: v.text('privacyUrl') || null,
      privacyText: v.text('privacyText') || null,
      submissionLimits: Object.fromEntries(SUBMISSION_LIMIT_KEYS.map((key) => [key, number(key)])),
      followUpLimit: number('followUpLimit'),
      hostedPages: v.checked('hostedPages').length > 0,
      // Both or neither (checked above); empty: no link back.
      returnUrl: v.text('returnUrl') || null,
      returnLabel: v.text('returnLabel') || null,
      themeColor: v.text('themeColor') || null,
      // Empty: Liuyan's image.
      shareImageUrl: v.text('shareImageUrl') || null,
      // Every box at once: one left empty reads as shipped again.
      stringOverrides,
    };
    // Only what differs from the settings this page loaded is sent: what another admin saved meanwhile
    // in another field stays (the whole form sent back would undo it without either of them knowing).
    const loaded = this.settings as unknown as Record<string, unknown>;
    const changes = Object.fromEntries(Object.entries(input).filter(([field, value]) => JSON.stringify(value) !== JSON.stringify(loaded[field])));
    const saved = await this.change(FORM, () => this.officials.admin.site.update(changes as UpdateSiteInput), this.showsWithin(this.a.saved, 'site'));
    if (saved) this.show(saved);
  }

  override render() {
    const a = this.a.site;
    if (this.loadError) return html`<p class="error" role="alert">${this.loadError}</p>`;
    const s = this.settings;
    if (!s) return html`<p class="muted" role="status">${this.t.loading}</p>`;
    return html`<h1>${a.title}</h1>
      ${this.renderDone()}
      <form class="stack card" novalidate @submit=${this.save} aria-label=${a.title}>
        <div class="field">
          <label for="name">${a.name}${this.requiredMark()}</label>
          <input id="name" name="name" .value=${s.name} aria-invalid=${this.invalid(FORM, 'name')} aria-describedby=${idRefs(this.errorRef(FORM, 'name', 'name-error'), this.counterId('name')) ?? nothing}
            @input=${this.onTyped} />
          ${this.counter('name', NAME_MAX, s.name)}
          ${this.fieldError(FORM, 'name', 'name-error')}
        </div>
        <fieldset class="field">
          <legend>${a.moderation}</legend>
          <div class="choices column">
            ${(['pre', 'post'] as const).map((mode) => html`<label class="choice"><input type="radio" name="moderation" value=${mode}
              .checked=${s.moderation === mode} aria-invalid=${this.invalid(FORM, 'moderation')} aria-describedby=${this.errorRef(FORM, 'moderation', 'moderation-error') ?? nothing} />${a[mode]}</label>`)}
          </div>
          ${this.fieldError(FORM, 'moderation', 'moderation-error')}
        </fieldset>
        ${this.renderOrigins()}
        ${this.renderChoices('types', a.types, MESSAGE_TYPES.map((type) => [type, this.t.types[type]]), s.types)}
        ${this.renderChoices('domains', a.domains, DOMAINS.map((d) => [d, this.t.domains[d]]), s.domains)}
        <fieldset class="field" aria-describedby="deadlines-hint">
          <legend>${a.deadlines}</legend>
          <p class="muted hint" id="deadlines-hint">${a.deadlinesHint}</p>
          <div class="number-grid">
            ${MESSAGE_TYPES.map((type) => this.numberField(`deadline-${type}`, `deadlineDays.${type}`, format(a.deadlineFor, { type: this.t.types[type] }),
              s.deadlineDays[type], DEADLINE_DAYS))}
            ${this.numberField('reminderDays', 'reminderDays', a.reminderDays, s.reminderDays, REMINDER_DAYS, a.reminderDaysHint)}
          </div>
        </fieldset>
        <fieldset class="field" aria-describedby="lengths-hint">
          <legend>${a.lengths}</legend>
          <p class="muted hint" id="lengths-hint">${a.lengthsHint}</p>
          <div class="number-grid">
            ${this.numberField('titleMin', 'titleMin', a.titleMin, s.titleMin, TITLE_MIN, format(a.range, TITLE_MIN))}
            ${this.numberField('bodyMin', 'bodyMin', a.bodyMin, s.bodyMin, BODY_MIN, format(a.range, BODY_MIN))}
          </div>
        </fieldset>
        <fieldset class="field" aria-describedby="follow-ups-hint">
          <legend>${a.followUps}</legend>
          <p class="muted hint" id="follow-ups-hint">${a.followUpsHint}</p>
          <div class="number-grid">
            ${this.numberField('followUpLimit', 'followUpLimit', a.followUpLimit, s.followUpLimit, FOLLOW_UP_LIMIT, format(a.range, FOLLOW_UP_LIMIT))}
          </div>
        </fieldset>
        ${this.renderPrivacy(s)}
        ${this.renderHosted(s)}
        ${this.renderOverrides(s)}
        <fieldset class="field" aria-describedby="limits-hint">
          <legend>${a.limits}</legend>
          <p class="muted hint" id="limits-hint">${a.limitsHint}</p>
          <div class="wide-grid">
            ${SUBMISSION_LIMIT_KEYS.map((key) => this.numberField(key, `submissionLimits.${key}`, a[key], s.submissionLimits[key], SUBMISSION_LIMITS[key], a[`${key}Hint`]))}
          </div>
        </fieldset>
        ${this.formError(FORM)}
        <div class="buttons"><button type="submit" aria-disabled=${String(this.busy)}>${this.busy ? this.a.saving : this.a.save}</button></div>
      </form>`;
  }

  /** Checkboxes of which at least one is needed; each names the group's error (a fieldset cannot take focus). */
  private renderChoices(field: 'types' | 'domains', legend: string, options: [string, string][], checked: readonly string[]) {
    return html`<fieldset class="field">
      <legend>${legend}${this.requiredMark()}</legend>
      <div class="choices">
        ${options.map(([value, label]) => html`<label class="choice"><input type="checkbox" name=${field} value=${value}
          .checked=${checked.includes(value)} aria-invalid=${this.invalid(FORM, field)} aria-describedby=${this.errorRef(FORM, field, `${field}-error`) ?? nothing} />${label}</label>`)}
      </div>
      ${this.fieldError(FORM, field, `${field}-error`)}
    </fieldset>`;
  }

  /** A whole number the site needs; `field` is its path in the service's answer. */
  private numberField(id: string, field: string, label: string, value: number | undefined, range: { min: number; max: number }, hint = '') {
    return html`<div class="field">
      <label for=${id}>${label}${this.requiredMark()}</label>
      <input id=${id} name=${id} type="number" inputmode="numeric" min=${range.min} max=${range.max} .value=${String(value ?? '')}
        aria-invalid=${this.invalid(FORM, field)} aria-describedby=${idRefs(this.errorRef(FORM, field, `${id}-error`), hint && `${id}-hint`) ?? nothing} />
      ${hint ? html`<p class="muted hint" id="${id}-hint">${hint}</p>` : nothing}
      ${this.fieldError(FORM, field, `${id}-error`)}
    </div>`;
  }

  private renderPrivacy(s: SiteSettings) {
    const a = this.a.site;
    return html`<fieldset class="field" aria-describedby="privacy-hint">
      <legend>${a.privacy}</legend>
      <p class="muted hint" id="privacy-hint">${a.privacyHint}</p>
      <div class="field">
        <label for="privacyUrl">${a.privacyUrl}</label>
        <input id="privacyUrl" name="privacyUrl" type="url" inputmode="url" spellcheck="false" autocapitalize="off" maxlength="500"
          placeholder="https://" .value=${s.privacyUrl ?? ''} aria-invalid=${this.invalid(FORM, 'privacyUrl')}
          aria-describedby=${idRefs(this.errorRef(FORM, 'privacyUrl', 'privacyUrl-error'), 'privacyUrl-hint') ?? nothing} />
        <p class="muted hint" id="privacyUrl-hint">${a.privacyUrlHint}</p>
        ${this.fieldError(FORM, 'privacyUrl', 'privacyUrl-error')}
      </div>
      <div class="field">
        <label for="privacyText">${a.privacyText}</label>
        <textarea id="privacyText" name="privacyText" rows="6" .value=${s.privacyText ?? ''} aria-invalid=${this.invalid(FORM, 'privacyText')}
          aria-describedby=${idRefs(this.errorRef(FORM, 'privacyText', 'privacyText-error'), 'privacyText-hint', this.counterId('privacyText')) ?? nothing} @input=${this.onTyped}></textarea>
        ${this.counter('privacyText', PRIVACY_TEXT_MAX, s.privacyText ?? '')}
        <p class="muted hint" id="privacyText-hint">${a.privacyTextHint}</p>
        ${this.fieldError(FORM, 'privacyText', 'privacyText-error')}
      </div>
    </fieldset>`;
  }

  /** The return link is both an address and its words, or neither; the colour must carry white text. */
  private hostedChecks(returnUrl: string, returnLabel: string, themeColor: string): Record<string, string> {
    const label = returnLabel.trim();
    return {
      returnUrl: !returnUrl && label ? this.fieldMessage('returnUrl', 'required') : '',
      returnLabel: returnUrl && !label ? this.fieldMessage('returnLabel', 'required') : this.textCheck('returnLabel', returnLabel, { max: RETURN_LABEL_MAX }),
      themeColor: !themeColor ? ''
        : !HEX_COLOR.test(themeColor) ? this.fieldMessage('themeColor', 'not_a_color')
          : readableUnderWhiteText(themeColor) ? '' : this.fieldMessage('themeColor', 'low_contrast'),
    };
  }

  /** 托管留言板: the board the service hosts for the site, for WeChat menus, apps and iframes. */
  private renderHosted(s: SiteSettings) {
    const a = this.a.site;
    const link = `${location.origin}/s/${encodeURIComponent(s.id)}/`;
    return html`<fieldset class="field" aria-describedby="hosted-hint">
      <legend>${a.hosted}</legend>
      <p class="muted hint" id="hosted-hint">${format(a.hostedHint, { link })}</p>
      <label class="choice"><input type="checkbox" name="hostedPages" value="on" .checked=${s.hostedPages} />${a.hostedPages}</label>
      <div class="field">
        <label for="returnUrl">${a.returnUrl}</label>
        <input id="returnUrl" name="returnUrl" type="url" inputmode="url" spellcheck="false" autocapitalize="off" maxlength="500"
          placeholder="https://" .value=${s.returnUrl ?? ''} aria-invalid=${this.invalid(FORM, 'returnUrl')} aria-describedby=${this.errorRef(FORM, 'returnUrl', 'returnUrl-error') ?? nothing} />
        ${this.fieldError(FORM, 'returnUrl', 'returnUrl-error')}
      </div>
      <div class="field">
        <label for="returnLabel">${a.returnLabel}</label>
        <input id="returnLabel" name="returnLabel" placeholder=${a.returnLabelPlaceholder} .value=${s.returnLabel ?? ''}
          aria-invalid=${this.invalid(FORM, 'returnLabel')} aria-describedby=${idRefs(this.errorRef(FORM, 'returnLabel', 'returnLabel-error'), this.counterId('returnLabel'), 'returnLabel-hint') ?? nothing} @input=${this.onTyped} />
        ${this.counter('returnLabel', RETURN_LABEL_MAX, s.returnLabel ?? '')}
        <p class="muted hint" id="returnLabel-hint">${a.returnLabelHint}</p>
        ${this.fieldError(FORM, 'returnLabel', 'returnLabel-error')}
      </div>
      <div class="field">
        <label for="themeColor">${a.themeColor}</label>
        <input id="themeColor" name="themeColor" spellcheck="false" autocapitalize="off" maxlength="7" placeholder="#b5121b"
          .value=${s.themeColor ?? ''} aria-invalid=${this.invalid(FORM, 'themeColor')} aria-describedby=${idRefs(this.errorRef(FORM, 'themeColor', 'themeColor-error'), 'themeColor-hint') ?? nothing} />
        <p class="muted hint" id="themeColor-hint">${a.themeColorHint}</p>
        ${this.fieldError(FORM, 'themeColor', 'themeColor-error')}
      </div>
      <div class="field">
        <label for="shareImageUrl">${a.shareImageUrl}</label>
        <input id="shareImageUrl" name="shareImageUrl" type="url" inputmode="url" spellcheck="false" autocapitalize="off" maxlength="500"
          placeholder="https://" .value=${s.shareImageUrl ?? ''} aria-invalid=${this.invalid(FORM, 'shareImageUrl')} aria-describedby=${idRefs(this.errorRef(FORM, 'shareImageUrl', 'shareImageUrl-error'), 'shareImageUrl-hint') ?? nothing} />
        <p class="muted hint" id="shareImageUrl-hint">${a.shareImageUrlHint}</p>
        ${this.fieldError(FORM, 'shareImageUrl', 'shareImageUrl-error')}
      </div>
    </fieldset>`;
  }

  /** 自定义文字: a box per language and string a site may word its own way; an empty box reads as shipped. */
  private renderOverrides(s: SiteSettings) {
    const a = this.a.site;
    return html`<fieldset class="field" aria-describedby="overrides-hint">
      <legend>${a.overrides}</legend>
      <p class="muted hint" id="overrides-hint">${format(a.overridesHint, { max: STRING_OVERRIDE_MAX })}</p>
      ${LANGUAGES.map(({ tag, name }) => html`<fieldset class="field" lang=${tag}><legend>${name}</legend>
        ${OVERRIDABLE_STRINGS.map((key) => {
          const field = `stringOverrides.${tag}.${key}`;
          return html`<div class="field">
            <label for=${field} lang=${this.locale}>${a.overrideKeys[key]}</label>
            <input id=${field} name=${field} maxlength="200" .value=${s.stringOverrides[tag]?.[key] ?? ''}
              aria-invalid=${this.invalid(FORM, field)} aria-describedby=${this.errorRef(FORM, field, `${field}-error`) ?? nothing} />
            ${this.fieldError(FORM, field, `${field}-error`)}
          </div>`;
        })}
      </fieldset>`)}
    </fieldset>`;
  }

  private renderOrigins() {
    const a = this.a.site;
    // A row's error is `allowedOrigins.<n>`, counted among the rows that are filled in; an error of
    // the whole list (the same origin twice) belongs to every row.
    const listError = this.scope === FORM ? this.errors.allowedOrigins : undefined;
    let filled = -1;
    return html`<fieldset class="field">
      <legend>${a.origins}</legend>
      <p class="muted hint" id="origins-hint">${a.originsHint}</p>
      ${this.origins.length === 0 ? html`<p class="muted">${a.noOrigins}</p>` : nothing}
      <ul class="rows">
        ${this.origins.map((origin, i) => {
          if (origin.trim()) filled++;
          const field = `allowedOrigins.${origin.trim() ? filled : -1}`;
          const label = format(a.origin, { n: i + 1 });
          return html`<li>
            <div class="row">
              <label class="visually-hidden" for="origin-${i}">${label}</label>
              <input id="origin-${i}" type="url" inputmode="url" spellcheck="false" autocapitalize="off" maxlength="200"
                placeholder="https://" .value=${live(origin)} @input=${(e: Event) => (this.origins[i] = (e.target as HTMLInputElement).value)}
                aria-invalid=${listError ? 'true' : this.invalid(FORM, field)} aria-describedby=${idRefs(this.errorRef(FORM, field, `origin-${i}-error`), listError && 'origins-error', 'origins-hint') ?? nothing} />
              <button type="button" class="secondary" aria-label=${format(a.removeOrigin, { n: i + 1 })}
                @click=${() => this.removeOrigin(i)}>${this.a.remove}</button>
            </div>
            ${this.fieldError(FORM, field, `origin-${i}-error`)}
          </li>`;
        })}
      </ul>
      ${listError ? html`<p class="error" id="origins-error" role="alert" data-fields="allowedOrigins">${listError}</p>` : nothing}
      <div class="buttons"><button type="button" class="secondary" @click=${this.addOrigin}>${a.addOrigin}</button></div>
      ${this.renderEmbed()}
    </fieldset>`;
  }

  /**
   * 嵌入代码: what a website's editor pastes into a page, with this service's address (the console's
   * own origin) and the site's id, so no placeholder is left to replace (README, "Embedding").
   */
  private renderEmbed() {
    const a = this.a.site;
    const site = this.settings!.id;
    const code = [
      `<script type="module" src="${location.origin}/widget/liuyan.js"></script>`,
      `<liuyan-form site="${site}"></liuyan-form>`,
      `<liuyan-track site="${site}"></liuyan-track>`,
      `<liuyan-list site="${site}"></liuyan-list>`,
    ].join('\n');
    return html`<div class="field" part="embed-code">
      <h3 id="embed-title">${a.embed}</h3>
      <p class="muted hint" id="embed-hint">${a.embedHint}</p>
      <pre class="secret embed-code" id="embed-code" tabindex="-1" aria-labelledby="embed-title" aria-describedby="embed-hint"><code>${code}</code></pre>
      ${this.renderCopy('embed-code', code, { label: a.copyEmbed, selected: a.embedSelected, secondary: true })}
    </div>`;
  }
}

defineElement('liuyan-console-admin-site', LiuyanConsoleAdminSite);

declare global {
  interface HTMLElementTagNameMap {
    'liuyan-console-admin-site': LiuyanConsoleAdminSite;
  }
}
