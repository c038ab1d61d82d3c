// The write page's form as HTML (/s/:site/write): drawn by the service into the page itself, so a
// citizen on a slow phone can start writing as soon as the page has arrived, and can send without any
// script at all (a script that never came on a dropped connection, an old browser, scripts turned off).
// `<liuyan-form>` takes it over once its script has come, keeping what was typed in it and where the
// cursor was (widget/src/liuyan-form/liuyan-form.ts, `adoptPlainForm`); until then it shows it as its
// own. Sent without the script, the form posts to the same address (routes/hosted.ts), which stores the
// message by the one path every submission takes (`storeSubmission`) and answers with the tracking code.
//
// The fields and their words are the element's: the same names (`unitId`, `author.phone` …), labels
// (the service's field names), choices and hints (the form's strings), and the same one list of units
// (`unitGroups`). No `maxlength`: it counts UTF-16 units, not characters (𠮷 is two), and would cut what
// was typed without a word; the service counts characters and says which field is too long. Photos, reply notices and the SMS code need the script; a site that asks for an SMS
// code or Turnstile, or whose tree is too large to list (`unitsComplete: false`), gets no plain form.
import { html } from 'hono/html';
import { displayName } from '../../../sdk/src/display-name';
import { fieldLabel } from '../../../sdk/src/error-messages';
import type { Locale } from '../../../sdk/src/languages';
import { DisplayAsSchema, type DisplayAs, type Domain, type MessageType } from '../../../sdk/src/schemas/common';
import type { UnitNode } from '../../../sdk/src/schemas/site';
import { withOverrides } from '../../../sdk/src/string-overrides';
import { format, waitText } from '../../../ui/localize';
import { formEn } from '../../../widget/src/liuyan-form/strings.en';
import { formZhCN, type FormStrings } from '../../../widget/src/liuyan-form/strings.zh-cn';
import { formZhTW } from '../../../widget/src/liuyan-form/strings.zh-tw';
import { unitGroups } from '../../../widget/src/liuyan-form/unit-path';
import { privacyEn } from '../../../widget/src/liuyan-form/privacy-strings.en';
import { privacyZhCN } from '../../../widget/src/liuyan-form/privacy-strings.zh-cn';
import { privacyZhTW } from '../../../widget/src/liuyan-form/privacy-strings.zh-tw';
import type { Site } from '../db/sites';

const FORM_STRINGS: Record<Locale, FormStrings> = { 'zh-CN': formZhCN, 'zh-TW': formZhTW, en: formEn };
/** The privacy notice Liuyan ships, for a site with none of its own (the element's). */
const PRIVACY_NOTICES: Record<Locale, string> = {
  'zh-CN': privacyZhCN.defaultPrivacyNotice, 'zh-TW': privacyZhTW.defaultPrivacyNotice, en: privacyEn.defaultPrivacyNotice,
};

/** The form's words in `locale`, with the site's own where it set any (as `<liuyan-form>` reads them). */
export const plainFormStrings = (locale: Locale, site: Pick<Site, 'stringOverrides'>): FormStrings =>
  withOverrides(FORM_STRINGS[locale], site.stringOverrides, locale, 'form');

/** The name of the hidden field people never see (the element's is the same: form-guard.ts). */
export const HONEYPOT_FIELD = 'homepage';

/**
 * The form's own key, drawn afresh for each page served (which no cache keeps) and sent back with the
 * form: what was sent and this key make the submission's Idempotency-Key, so the same form sent
 * again from that page is one message, and no one else can obtain its answer by sending the same text.
 */
export const KEY_FIELD = 'idempotencyKey';

/**
 * What every id in the form begins with: the form is also set into other websites' pages
 * (`GET /s/:site/form`), whose own ids (`title`, `body`) it must not meet. The element reads the same ids without it.
 */
export const ID_PREFIX = 'liuyan-';

/** The hidden field with the website a confirmed form was first sent from (`PlainFormInput.source`), and its signature (`…Signature`). */
export const SOURCE_FIELD = 'source';

/** A key as the page draws it: 32 hex digits. */
export const newFormKey = (): string => crypto.randomUUID().replaceAll('-', '');
export const isFormKey = (key: string | null): key is string => key !== null && /^[0-9a-f]{32}$/.test(key);

/**
 * What the citizen typed into the plain form, as sent back to be shown again: every field as the text
 * it was sent as (`isPublic`: `'true'` or `'false'`, as the radio buttons send it), the consent box ticked or not.
 */
export type PlainFormValues = Record<
  'unitId' | 'type' | 'domain' | 'title' | 'body' | 'region' | 'name' | 'phone' | 'email' | 'displayAs' | 'isPublic' | 'honeypot' | 'campaign', string
> & { consent: boolean };

export const emptyPlainForm = (): PlainFormValues => ({
  unitId: '', type: '', domain: '', title: '', body: '', region: '', name: '', phone: '', email: '',
  displayAs: 'masked', isPublic: 'true', consent: false, honeypot: '', campaign: '',
});

/** The fields the plain form has, by the names the API's errors give them. */
export const PLAIN_FORM_FIELDS = [
  'unitId', 'type', 'domain', 'title', 'body', 'region', 'author.name', 'author.phone', 'author.email', 'author.displayAs', 'isPublic', 'consent',
] as const;

/** The form's fields as a browser sends them (`application/x-www-form-urlencoded`). */
export function plainFormValues(form: URLSearchParams): PlainFormValues {
  const text = (name: string) => form.get(name) ?? '';
  return {
    unitId: text('unitId'), type: text('type'), domain: text('domain'), title: text('title'), body: text('body'),
    region: text('region'), name: text('author.name'), phone: text('author.phone'), email: text('author.email'),
    displayAs: text('author.displayAs') || 'masked', isPublic: text('isPublic') || 'true',
    consent: form.get('consent') === 'true', honeypot: text(HONEYPOT_FIELD), campaign: text('campaign'),
  };
}

/**
 * The plain form's values as the API's submission body (`CreateMessageInput`), for the contract's
 * schema to check: what was left empty stays empty (the schema then names it `required`), a consent
 * not ticked is `false` (`consent_required`).
 */
export function plainFormSubmission(v: PlainFormValues): Record<string, unknown> {
  return {
    unitId: v.unitId, type: v.type, domain: v.domain, title: v.title, body: v.body, region: v.region,
    author: { name: v.name, phone: v.phone, email: v.email.trim() || null, displayAs: v.displayAs },
    isPublic: v.isPublic !== 'false',
    consent: v.consent,
    ...(v.honeypot ? { honeypot: v.honeypot } : {}),
    ...(v.campaign ? { campaign: v.campaign } : {}),
  };
}

/** Whether `id` is a unit the form lists (anywhere in `units`' tree). */
export function listsUnit(units: UnitNode[], id: string): boolean {
  return units.some((u) => u.id === id || listsUnit(u.children, id));
}

/** ` unit="…"`, ` campaign="…"`: the element's unit to preselect (`?unit=`, a department's own page), its drive, where there is one. */
export const elementAttribute = (name: 'unit' | 'campaign', value: string | undefined) => (value ? html` ${name}="${value}"` : '');

/** A boolean attribute (` checked`) where `on`, else nothing. */
const flag = (name: 'autofocus' | 'checked' | 'data-sent' | 'required' | 'selected', on: boolean) => (on ? html` ${name}` : '');

/** Whether the site's form can be written without a script: no SMS code, no Turnstile, a tree small enough to list. */
export function offersPlainForm(site: Pick<Site, 'notifications' | 'turnstileSiteKey'>, unitsComplete: boolean): boolean {
  return unitsComplete && !site.notifications.phoneVerification && !site.turnstileSiteKey;
}

export interface PlainFormInput {
  site: Pick<Site, 'types' | 'domains' | 'titleMin' | 'bodyMin' | 'stringOverrides' | 'privacyUrl' | 'privacyText'>;
  /**
   * The form's key (`KEY_FIELD`): a new one for a page served, the one sent for a form sent back;
   * none for the form other websites set into their pages, which their caches keep and serve to all
   * (sent without one, the form comes back to be confirmed with a key of its own).
   */
  formKey?: string;
  units: UnitNode[];
  locale: Locale;
  /** Where the form posts: the write page's address (with its `?lang=`, `?embed=1`, `?theme=`), absolute in another website's page. */
  action: string;
  values?: PlainFormValues;
  /** The unit chosen as the form is served (`?unit=`, one the form lists: `listsUnit`), where nothing was sent back. */
  unitId?: string;
  /** The suggestion drive the form writes to (its slug, a hidden field), where nothing was sent back; `site`'s and `units`' choices are then the drive's (`narrowedChoices`). */
  campaign?: string;
  /**
   * The website the form was first sent from (another website's page: `GET /s/:site/form`), kept
   * through its confirmation here as the message's source, signed so it cannot be made up (routes/hosted.ts).
   */
  source?: { origin: string; signature: string };
  /** Each field's error sentence, by the field's name (`title`, `author.phone`); `form`: one for the whole form. */
  errors?: Record<string, string>;
}

/**
 * The form as HTML, every value escaped by Hono's `html`. The controls carry the element's ids, so a
 * label, an error and the element's take-over find them by the same names. The browser's own check
 * (`required`) catches an empty field before a round trip; the service
 * checks again and answers with this form, values kept and each error beside its field.
 */
export function plainForm({ site, units, locale, action, formKey, values: sent, unitId, campaign, source, errors = {} }: PlainFormInput) {
  const values = sent ?? { ...emptyPlainForm(), unitId: unitId ?? '', campaign: campaign ?? '' };
  const t = plainFormStrings(locale, site);
  const label = (id: string) => fieldLabel(t.errors, id);
  const required = html`<span class="liuyan-required" aria-hidden="true">*</span>`;
  const errorLine = (id: string) => (errors[id] ? html`<p class="liuyan-error" id="${ID_PREFIX}${id}-error">${errors[id]}</p>` : '');
  // Without a script the focus cannot be moved to an error: the first field in error takes it as the page opens.
  const first = PLAIN_FORM_FIELDS.find((id) => errors[id]);
  const invalid = (id: string) => (errors[id] ? 'true' : 'false');
  const focus = (id: string) => flag('autofocus', id === first);
  const field = (id: string, control: unknown, { isRequired = true, name = label(id) } = {}) => html`<div class="liuyan-field">
<span class="liuyan-label"><label for="${ID_PREFIX}${id}">${name}</label>${isRequired ? required : ''}</span>${control}${errorLine(id)}
</div>`;
  const input = (id: string, value: string, { type = 'text', autocomplete = 'off', placeholder = '', isRequired = true } = {}) =>
    html`<input id="${ID_PREFIX}${id}" name="${id}" type="${type}" value="${value}" autocomplete="${autocomplete}" placeholder="${placeholder}"${flag('required', isRequired)} aria-invalid="${invalid(id)}"${focus(id)} aria-describedby="${ID_PREFIX}${id}-error">`;
  const { loose, groups } = unitGroups(units);
  const option = (u: UnitNode) => html`<option value="${u.id}"${flag('selected', u.id === values.unitId)}>${u.name}</option>`;
  const shownName = (as: DisplayAs) => displayName(values.name.trim() || t.sampleName, as);
  const isPublic = values.isPublic !== 'false';
  // `data-sent`: the values are what the citizen sent, for the element to take over as typed.
  return html`<form class="plain-form" method="post" action="${action}" accept-charset="utf-8"${flag('data-sent', sent !== undefined)}>
${formKey ? html`<input type="hidden" name="${KEY_FIELD}" value="${formKey}">` : ''}${values.campaign ? html`<input type="hidden" name="campaign" value="${values.campaign}">` : ''}${source ? html`<input type="hidden" name="${SOURCE_FIELD}" value="${source.origin}"><input type="hidden" name="${SOURCE_FIELD}Signature" value="${source.signature}">` : ''}
<div class="liuyan-hp" hidden><label>${t.honeypotLabel}<input name="${HONEYPOT_FIELD}" type="text" tabindex="-1" autocomplete="off" value="${values.honeypot}"></label></div>
${errors.form ? html`<p class="liuyan-error" id="${ID_PREFIX}form-error" role="alert" tabindex="-1"${flag('autofocus', !first)}>${errors.form}</p>` : ''}
<p class="liuyan-muted">${required} ${t.requiredNote}</p>
${field('unitId', html`<select id="${ID_PREFIX}unitId" name="unitId" required aria-invalid="${invalid('unitId')}"${focus('unitId')} aria-describedby="${ID_PREFIX}unitId-error">
<option value="">${t.chooseUnit}</option>
${loose.map(option)}
${groups.map((g) => html`<optgroup label="${g.path.join(' › ')}">${g.units.map(option)}</optgroup>`)}
</select>`)}
<fieldset class="liuyan-field"><legend>${label('type')}${required}</legend>
<div class="liuyan-choices">${site.types.map((type: MessageType, i) => html`<label class="liuyan-choice"><input type="radio" name="type" value="${type}" aria-describedby="${ID_PREFIX}type-error"${flag('required', i === 0)}${i === 0 ? focus('type') : ''}${flag('checked', values.type === type || site.types.length === 1)}>${t.types[type]}</label>`)}</div>
${errorLine('type')}</fieldset>
${field('domain', html`<select id="${ID_PREFIX}domain" name="domain" required aria-invalid="${invalid('domain')}"${focus('domain')} aria-describedby="${ID_PREFIX}domain-error">
<option value="">${t.chooseDomain}</option>
${site.domains.map((d: Domain) => html`<option value="${d}"${flag('selected', values.domain === d)}>${t.domains[d]}</option>`)}
</select>`)}
${field('title', input('title', values.title))}
${field('body', html`<textarea id="${ID_PREFIX}body" name="body" rows="8" required aria-invalid="${invalid('body')}"${focus('body')} aria-describedby="${ID_PREFIX}body-error">${values.body}</textarea>`)}
${field('region', input('region', values.region, { placeholder: t.regionPlaceholder }))}
<div class="liuyan-row">
${field('author.name', input('author.name', values.name, { autocomplete: 'name' }))}
${field('author.phone', input('author.phone', values.phone, { type: 'tel', autocomplete: 'tel' }))}
</div>
${field('author.email', input('author.email', values.email, { type: 'email', autocomplete: 'email', isRequired: false }), { isRequired: false, name: label('author.email') + t.optional })}
${field('author.displayAs', html`<select id="${ID_PREFIX}author.displayAs" name="author.displayAs">
${DisplayAsSchema.options.map((d) => html`<option value="${d}"${flag('selected', values.displayAs === d)}>${shownName(d)}</option>`)}
</select>`, { isRequired: false })}
<fieldset class="liuyan-field"><legend>${label('isPublic')}</legend>
<label class="liuyan-choice liuyan-block"><input type="radio" name="isPublic" value="true"${flag('checked', isPublic)}><span>${t.public}<span class="liuyan-muted liuyan-hint">${t.publicHint}</span></span></label>
<label class="liuyan-choice liuyan-block"><input type="radio" name="isPublic" value="false"${flag('checked', !isPublic)}><span>${t.private}<span class="liuyan-muted liuyan-hint">${t.privateHint}</span></span></label>
</fieldset>
<div class="liuyan-field">
<label class="liuyan-choice liuyan-block"><input id="${ID_PREFIX}consent" name="consent" type="checkbox" value="true" required${flag('checked', values.consent)} aria-invalid="${invalid('consent')}"${focus('consent')} aria-describedby="${ID_PREFIX}consent-error ${ID_PREFIX}privacy-notice"><span>${t.consent}${required}</span></label>
${site.privacyUrl
    ? html`<p id="${ID_PREFIX}privacy-notice"><a href="${site.privacyUrl}" target="_blank" rel="noopener noreferrer">${t.readPrivacyNotice}</a></p>`
    : html`<details id="${ID_PREFIX}privacy-notice"><summary>${t.readPrivacyNotice}</summary><p class="liuyan-privacy-text">${site.privacyText ?? PRIVACY_NOTICES[locale]}</p></details>`}
${errorLine('consent')}
</div>
<button type="submit">${t.submit}</button>
</form>`;
}

/**
 * What the plain form's sender sees once the message is stored: the tracking code (shown this once;
 * the page is never kept by any cache), the warning to keep it, and where to look for the reply.
 */
export function plainReceipt(locale: Locale, site: Pick<Site, 'stringOverrides'>, answer: { trackingCode: string; moderation: string }, isPublic: boolean, trackHref: string, trackLabel: string) {
  const t = plainFormStrings(locale, site);
  return html`<section class="receipt" aria-labelledby="receipt-title">
<h2 id="receipt-title" tabindex="-1" autofocus>${t.submitted}</h2>
<p>${t.trackingCodeLabel}</p>
<p><strong class="code" id="tracking-code">${answer.trackingCode}</strong></p>
<p class="warning">${t.saveCodeWarning}</p>
<p>${isPublic ? (answer.moderation === 'published' ? '' : t.pendingModeration) : t.privateNotice}</p>
<p><a href="${trackHref}">${trackLabel}</a></p>
</section>`;
}

/** A refusal of the whole form (too many submissions): said above the form, which keeps what was typed. */
export function tooManyText(locale: Locale, site: Pick<Site, 'stringOverrides'>, seconds: number): string {
  const t = plainFormStrings(locale, site);
  return format(t.tooManyRequests, { wait: waitText(t, seconds) });
}
