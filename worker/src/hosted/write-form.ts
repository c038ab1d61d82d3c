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
// was typed without a word; the service counts characters and says which field is too long. Photos and the SMS code need the script; a site that asks for an SMS
// code or Turnstile, or whose tree is too large to list (`unitsComplete: false`), gets no plain form.
import { html } from 'hono/html';
import { displayNameChoice } from '../../../sdk/src/display-name';
import { fieldHeading } from '../../../sdk/src/error-messages';
import { writtenLang, type Locale } from '../../../sdk/src/languages';
import { DisplayAsSchema, type DisplayAs, type Domain, type MessageType } from '../../../sdk/src/schemas/common';
import type { RateLimit } from '../../../sdk/src/schemas/error';
import type { FormNode, UnitNode } from '../../../sdk/src/schemas/site';
import { withOverrides } from '../../../sdk/src/string-overrides';
import { format, waitText } from '../../../ui/localize';
import { idRefs } from '../../../ui/id-refs';
import { LIMITS } from '../../../sdk/src/limits';
import { replyNotice } from '../../../sdk/src/reply-notice';
import { hostedStrings } from './page';
import { formEn } from '../../../widget/src/liuyan-form/strings.en';
import { formZhCN, type FormStrings } from '../../../widget/src/liuyan-form/strings.zh-cn';
import { formZhTW } from '../../../widget/src/liuyan-form/strings.zh-tw';
import { unitGroups } from '../../../widget/src/liuyan-form/unit-path';
import { privacyEn } from '../../../widget/src/liuyan-form/privacy-strings.en';
import { privacyZhCN } from '../../../widget/src/liuyan-form/privacy-strings.zh-cn';
import { privacyZhTW } from '../../../widget/src/liuyan-form/privacy-strings.zh-tw';
import type { Site } from '../db/sites';
import { keyedHash } from '../lib/crypto';

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
 * form: it makes the submission's Idempotency-Key and stores one message, so the same form sent
 * again from that page is that message, another message sent with it is shown again to be confirmed
 * (one page read cannot post a hundred), and no one else can obtain its answer by sending the same text.
 */
export const KEY_FIELD = 'idempotencyKey';

/**
 * What every id in the form begins with: the form is also set into other websites' pages
 * (`GET /s/:site/form`), whose own ids (`title`, `body`) it must not meet. The element reads the same ids without it.
 */
export const ID_PREFIX = 'liuyan-';

/** The hidden field with the website a confirmed form was first sent from (`PlainFormInput.source`), and its signature (`…Signature`). */
export const SOURCE_FIELD = 'source';

/**
 * What a form key was drawn for: `form`, a page served with the form to fill (the write page, or the
 * form shown again with its errors); `confirm`, a form typed elsewhere (another website's page, a
 * drive's page, a page that expired) shown to be confirmed.
 */
export type FormKeyKind = 'form' | 'confirm';

const KIND_DIGIT: Record<FormKeyKind, string> = { form: 'a', confirm: 'c' };

/** The keyed hash's 12 hex digits over what a key says, bound to its site. */
const keyMac = async (secret: string, siteId: string, said: string) => (await keyedHash(secret, `form-key:${siteId}:${said}`)).slice(0, 12);

/** How long a page's form key is good for (ms): a form left open longer is shown again to be sent, everything typed kept. */
export const FORM_KEY_MS = 24 * 60 * 60 * 1000;

/**
 * A key as the page draws it, 32 hex digits: the millisecond it was drawn (11 digits), its kind (1:
 * `FormKeyKind`), 8 random digits, and 12 of a keyed hash of those with the site (`HASH_KEY`), so
 * the page's send can tell how long its form was open (`formKeyAge`) and no one can make a key look older.
 */
export async function newFormKey(secret: string, siteId: string, kind: FormKeyKind, now = Date.now()): Promise<string> {
  const random = crypto.getRandomValues(new Uint8Array(4));
  const said = Math.floor(now).toString(16).padStart(11, '0') + KIND_DIGIT[kind]
    + Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('');
  return said + await keyMac(secret, siteId, said);
}

/**
 * A key sent back with a form: its kind and how long ago it was drawn (ms, never below 0), or null
 * for a key the service did not draw for this site (not 32 hex digits, a wrong hash: forged, or from
 * before keys carried their time) or drawn more than `FORM_KEY_MS` ago.
 */
export async function formKeyAge(secret: string, siteId: string, key: string | null, now = Date.now()): Promise<{ kind: FormKeyKind; ms: number } | null> {
  if (key === null || !/^[0-9a-f]{32}$/.test(key)) return null;
  const said = key.slice(0, 20);
  if (key.slice(20) !== await keyMac(secret, siteId, said)) return null;
  const kind = (Object.keys(KIND_DIGIT) as FormKeyKind[]).find((k) => KIND_DIGIT[k] === said[11]);
  const ms = Math.max(0, now - parseInt(said.slice(0, 11), 16));
  return kind && ms <= FORM_KEY_MS ? { kind, ms } : null;
}

/**
 * How long a form typed elsewhere must stay on its confirmation page before its send is taken as a
 * person's (ms): the fill time of such a form cannot be known, and a person reads the page and
 * presses 提交 again, where a script posts at once. Below it, the send is screened as too fast.
 */
export const CONFIRM_MIN_MS = 1000;

/**
 * The fill time a plain form's send reports to screening (`fillMs`), from its key: the time since the
 * page was served for a form filled there; for a confirmed one, the time on its confirmation page
 * only while below `CONFIRM_MIN_MS` (else unknown, as from a client that sends none).
 */
export const plainFillMs = (age: { kind: FormKeyKind; ms: number }): number | undefined =>
  age.kind === 'form' || age.ms < CONFIRM_MIN_MS ? age.ms : undefined;

/**
 * What the citizen typed into the plain form, as sent back to be shown again: every field as the text
 * it was sent as (`isPublic`: `'true'` or `'false'`, as the radio buttons send it), the consent box ticked or not.
 */
export type PlainFormValues = Record<
  'unitId' | 'type' | 'domain' | 'title' | 'body' | 'region' | 'name' | 'phone' | 'email' | 'displayAs' | 'isPublic' | 'honeypot' | 'campaign', string
> & { consent: boolean; notifySms: boolean; notifyEmail: boolean };

export const emptyPlainForm = (): PlainFormValues => ({
  unitId: '', type: '', domain: '', title: '', body: '', region: '', name: '', phone: '', email: '',
  displayAs: 'masked', isPublic: 'true', consent: false, notifySms: false, notifyEmail: false, honeypot: '', campaign: '',
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
    notifySms: form.get('notify.sms') === 'true', notifyEmail: form.get('notify.email') === 'true',
  };
}

/**
 * The plain form's values as the API's submission body (`CreateMessageInput`), for the contract's
 * schema to check: what was left empty stays empty (the schema then names it `required`), a consent
 * not ticked is `false` (`consent_required`); `fillMs`, as `plainFillMs` gives it, for screening.
 */
export function plainFormSubmission(v: PlainFormValues, offered: Site['notifications'], fillMs?: number): Record<string, unknown> {
  // The reply notice as the element asks for it: a box left ticked on a contact then cleared is
  // hidden with it (worker/src/hosted/page.ts), and no more asked for.
  const notify = replyNotice({ sms: v.notifySms, email: v.notifyEmail }, v, offered);
  return {
    // A choice not made is missing (`required`: 请选择…), not a choice the form does not offer.
    unitId: v.unitId, type: v.type || undefined, domain: v.domain || undefined, title: v.title, body: v.body, region: v.region,
    author: { name: v.name, phone: v.phone, email: v.email.trim() || null, displayAs: v.displayAs },
    isPublic: v.isPublic !== 'false',
    consent: v.consent,
    ...(notify ? { notify } : {}),
    ...(v.honeypot ? { honeypot: v.honeypot } : {}),
    ...(fillMs !== undefined ? { fillMs } : {}),
    ...(v.campaign ? { campaign: v.campaign } : {}),
  };
}

/** Whether `id` is a unit the form lists (anywhere in `units`' tree). */
export function listsUnit(units: UnitNode[], id: string): boolean {
  return units.some((u) => u.id === id || listsUnit(u.children, id));
}

/** ` unit="…"`, ` campaign="…"`: the element's unit to preselect (`?unit=`, a department's own page), its drive, where there is one. */
export const elementAttribute = (name: 'unit' | 'campaign', value: string | undefined) => (value ? html` ${name}="${value}"` : '');

/** Whether the site's form can be written without a script: no SMS code, no Turnstile, a tree small enough to list. */
export function offersPlainForm(site: Pick<Site, 'notifications' | 'turnstileSiteKey'>, unitsComplete: boolean): boolean {
  return unitsComplete && !site.notifications.phoneVerification && !site.turnstileSiteKey;
}

export interface PlainFormInput {
  site: Pick<Site, 'types' | 'domains' | 'titleMin' | 'bodyMin' | 'stringOverrides' | 'privacyUrl' | 'privacyText' | 'notifications'>;
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

/** An attribute's value as written: `true` the attribute alone (`required`), `false` or undefined none. */
type AttributeValue = string | boolean | undefined;
type Child = FormNode | string | false | undefined | Child[];

/** An element of the form (`FormNode`): its attributes in the order given, its children flattened, with nothing for `false` or ''. */
function h(tag: string, attributes: Record<string, AttributeValue> = {}, ...children: Child[]): FormNode {
  const written: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) if (value !== false && value !== undefined) written[name] = value === true ? '' : value;
  const flat = (list: Child[]): (FormNode | string)[] => list.flatMap((c) => (Array.isArray(c) ? flat(c) : c ? [c] : []));
  return { tag, attributes: written, children: flat(children) };
}

/** Attributes written by their name alone when present (`required`, not `required=""`). */
const BOOLEAN_ATTRIBUTES = new Set(['autofocus', 'checked', 'data-sent', 'hidden', 'required', 'selected']);

/**
 * A form drawn as data (`plainFormTree`), as HTML: every text and attribute value escaped by Hono's
 * `html` (tag and attribute names are the service's own). The same tree the widget's loader builds
 * into a host page from `GET /v1/sites/:site/form` (widget/src/liuyan-form/early-form.ts).
 */
export function formHtml(node: FormNode | string): unknown {
  if (typeof node === 'string') return node;
  const attributes = Object.entries(node.attributes).map(([name, value]) => (BOOLEAN_ATTRIBUTES.has(name) && value === '' ? html` ${name}` : html` ${name}="${value}"`));
  if (node.tag === 'input') return html`<${node.tag}${attributes}>`;
  return html`<${node.tag}${attributes}>${node.children.map(formHtml)}</${node.tag}>`;
}

/** The form as HTML (`plainFormTree`), for a page of the service's or another website's. */
export const plainForm = (input: PlainFormInput) => formHtml(plainFormTree(input));

/**
 * The form as data (`FormNode`): written as HTML into a page (`plainForm`), or sent to the widget's
 * loader as JSON to build before the element's script has come. The controls carry the element's ids,
 * so a label, an error and the element's take-over find them by the same names. The browser's own check
 * (`required`) catches an empty field before a round trip; the service
 * checks again and answers with this form, values kept and each error beside its field.
 */
export function plainFormTree({ site, units, locale, action, formKey, values: sent, unitId, campaign, source, errors = {} }: PlainFormInput): FormNode {
  const values = sent ?? { ...emptyPlainForm(), unitId: unitId ?? '', campaign: campaign ?? '' };
  const t = plainFormStrings(locale, site);
  // A label or a legend: capitalised where the language has capitals, as the element's (`fieldHeading`).
  const label = (id: string) => fieldHeading(t.errors, id);
  const required = () => h('span', { class: 'liuyan-required', 'aria-hidden': 'true' }, '*');
  const errorLine = (id: string) => Boolean(errors[id]) && h('p', { class: 'liuyan-error', id: `${ID_PREFIX}${id}-error` }, errors[id]!);
  // Without a script the focus cannot be moved to an error: the first field in error takes it as the page opens.
  const first = PLAIN_FORM_FIELDS.find((id) => errors[id]);
  // A control names its error line only while there is one (ui/id-refs.ts).
  const errorRef = (id: string) => errors[id] ? `${ID_PREFIX}${id}-error` : undefined;
  const state = (id: string) => ({ 'aria-invalid': errors[id] ? 'true' : 'false', autofocus: id === first, 'aria-describedby': errorRef(id) });
  const most = hostedStrings(locale, site.stringOverrides).mostCharacters;
  // `max`: a line below the control where the element's counter comes as it takes the form over (so
  // nothing below moves then), saying the most the field takes, which no count typed here contradicts.
  const field = (id: string, control: FormNode, { isRequired = true, name = label(id), max = 0 } = {}) => h('div', { class: 'liuyan-field' },
    h('span', { class: 'liuyan-label' }, h('label', { for: `${ID_PREFIX}${id}` }, name), isRequired && required()), control,
    max > 0 && h('span', { class: 'liuyan-counter liuyan-muted' }, format(most, { max })), errorLine(id));
  const input = (id: string, value: string, { type = 'text', inputmode = '', autocomplete = 'off', placeholder = '', isRequired = true } = {}) =>
    h('input', {
      id: `${ID_PREFIX}${id}`, name: id, type, ...(inputmode ? { inputmode, autocapitalize: 'off' } : {}), value, autocomplete, placeholder, required: isRequired, ...state(id),
    });
  const select = (id: string, isRequired: boolean, ...options: Child[]) =>
    h('select', { id: `${ID_PREFIX}${id}`, name: id, ...(isRequired ? { required: true, ...state(id) } : {}) }, ...options);
  const { loose, groups } = unitGroups(units);
  // A unit's name is written text: marked Chinese on an English form (WCAG 3.1.2), as the element marks it.
  const lang = (text: string) => writtenLang(text, locale) ?? undefined;
  const option = (u: UnitNode) => h('option', { value: u.id, lang: lang(u.name), selected: u.id === values.unitId }, u.name);
  const shownName = (as: DisplayAs) => displayNameChoice(values.name, as, { name: t.sampleName, example: t.sampleShown });
  const isPublic = values.isPublic !== 'false';
  const choice = (value: string, checked: boolean, text: string, hint: string) => h('label', { class: 'liuyan-choice liuyan-block' },
    h('input', { type: 'radio', name: 'isPublic', value, checked }), h('span', {}, text, h('span', { class: 'liuyan-muted liuyan-hint' }, hint)));
  const hidden = (name: string, value: string) => h('input', { type: 'hidden', name, value });
  // 有回复时通知我, as the element draws it: each choice shown once its contact is typed, by CSS
  // (`:has`, worker/src/hosted/page.ts), with no script; so a form taken over with a contact typed
  // grows by nothing. The contacts' placeholder is a space for CSS to tell them empty (`:placeholder-shown`).
  const notifyChoice = (kind: 'sms' | 'email', checked: boolean, text: string) => site.notifications[kind] && h('label', { class: `liuyan-choice liuyan-block liuyan-notify-${kind}` },
    h('input', { id: `${ID_PREFIX}notify.${kind}`, name: `notify.${kind}`, type: 'checkbox', value: 'true', checked }), h('span', {}, text));
  // `data-sent`: the values are what the citizen sent, for the element to take over as typed.
  return h('form', { class: 'plain-form', method: 'post', action, 'accept-charset': 'utf-8', 'data-sent': sent !== undefined },
    formKey && hidden(KEY_FIELD, formKey),
    values.campaign && hidden('campaign', values.campaign),
    source && [hidden(SOURCE_FIELD, source.origin), hidden(`${SOURCE_FIELD}Signature`, source.signature)],
    h('div', { class: 'liuyan-hp', hidden: true }, h('label', {}, t.honeypotLabel, h('input', { name: HONEYPOT_FIELD, type: 'text', tabindex: '-1', autocomplete: 'off', value: values.honeypot }))),
    Boolean(errors.form) && h('p', { class: 'liuyan-error', id: `${ID_PREFIX}form-error`, role: 'alert', tabindex: '-1', autofocus: !first }, errors.form!),
    h('p', { class: 'liuyan-muted' }, required(), ` ${t.requiredNote}`),
    field('unitId', select('unitId', true,
      h('option', { value: '' }, t.chooseUnit),
      loose.map(option),
      groups.map((g) => h('optgroup', { label: g.path.join(' › '), lang: lang(g.path.join('')) }, g.units.map(option))))),
    h('fieldset', { class: 'liuyan-field' }, h('legend', {}, label('type'), required()),
      h('div', { class: 'liuyan-choices' }, site.types.map((type: MessageType, i) => h('label', { class: 'liuyan-choice' },
        h('input', {
          type: 'radio', name: 'type', value: type, 'aria-describedby': errorRef('type'), required: i === 0,
          autofocus: i === 0 && first === 'type', checked: values.type === type || site.types.length === 1,
        }), t.types[type]))),
      errorLine('type')),
    field('domain', select('domain', true,
      h('option', { value: '' }, t.chooseDomain),
      site.domains.map((d: Domain) => h('option', { value: d, selected: values.domain === d }, t.domains[d])))),
    field('title', input('title', values.title), { max: LIMITS.titleMax }),
    field('body', h('textarea', { id: `${ID_PREFIX}body`, name: 'body', rows: '8', required: true, ...state('body') }, values.body), { max: LIMITS.bodyMax }),
    // The element's 照片 field, its place kept while the element's script comes, so the take-over moves
    // nothing below it. Where no script runs it is not shown (`scripting: none`, worker/src/hosted/page.ts):
    // photos are added through the element.
    h('fieldset', { class: 'liuyan-field liuyan-photos' },
      h('legend', {}, t.photosLegend + t.optional),
      h('p', { class: 'liuyan-muted liuyan-hint' }, format(t.photosHint, { max: LIMITS.photosMax })),
      h('p', { class: 'liuyan-add-photos liuyan-muted' }, t.loading)),
    field('region', input('region', values.region, { placeholder: t.regionPlaceholder }), { max: LIMITS.regionMax }),
    h('div', { class: 'liuyan-row' },
      field('author.name', input('author.name', values.name, { autocomplete: 'name' }), { max: LIMITS.nameMax }),
      field('author.phone', input('author.phone', values.phone, { type: 'tel', autocomplete: 'tel', placeholder: ' ' }))),
    // An address is typed as text with the phone's e-mail keyboard (`inputmode`), as in the element: a
    // browser keeps no cursor position for `type="email"`, so the take-over could not put the cursor
    // back where it was in the address; the service checks the address and says so beside the field.
    field('author.email', input('author.email', values.email, { inputmode: 'email', autocomplete: 'email', placeholder: ' ', isRequired: false }), { isRequired: false, name: label('author.email') + t.optional }),
    (site.notifications.sms || site.notifications.email) && h('fieldset', { class: 'liuyan-field liuyan-notify' }, h('legend', {}, t.notifyLegend),
      notifyChoice('sms', values.notifySms, t.notifySms),
      notifyChoice('email', values.notifyEmail, t.notifyEmail),
      h('p', { class: 'liuyan-muted liuyan-hint' }, t.notifyHint)),
    field('author.displayAs', select('author.displayAs', false,
      DisplayAsSchema.options.map((d) => h('option', { value: d, selected: values.displayAs === d }, shownName(d)))), { isRequired: false }),
    h('fieldset', { class: 'liuyan-field' }, h('legend', {}, label('isPublic')),
      choice('true', isPublic, t.public, t.publicHint),
      choice('false', !isPublic, t.private, t.privateHint)),
    h('div', { class: 'liuyan-field' },
      h('label', { class: 'liuyan-choice liuyan-block' },
        h('input', {
          id: `${ID_PREFIX}consent`, name: 'consent', type: 'checkbox', value: 'true', required: true, checked: values.consent,
          ...state('consent'), 'aria-describedby': idRefs(errorRef('consent'), `${ID_PREFIX}privacy-notice`),
        }),
        h('span', {}, t.consent, required())),
      site.privacyUrl
        ? h('p', { id: `${ID_PREFIX}privacy-notice` }, h('a', { href: site.privacyUrl, target: '_blank', rel: 'noopener noreferrer' }, t.readPrivacyNotice))
        : h('details', { id: `${ID_PREFIX}privacy-notice` }, h('summary', {}, t.readPrivacyNotice), h('p', { class: 'liuyan-privacy-text' }, site.privacyText ?? PRIVACY_NOTICES[locale])),
      errorLine('consent')),
    // Where the element says how its sending goes: a row of the form's grid already, so the button stays where it is at the take-over.
    h('div', { class: 'liuyan-status' }),
    h('button', { type: 'submit' }, t.submit));
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
<p><strong class="code" id="tracking-code">${answer.trackingCode.split('-').map((group, i) => (i === 0 ? group : html`-<wbr>${group}`))}</strong></p>
<p class="warning">${t.saveCodeWarning}</p>
<p>${isPublic ? (answer.moderation === 'published' ? '' : t.pendingModeration) : t.privateNotice}</p>
<p><a href="${trackHref}">${trackLabel}</a></p>
</section>`;
}

/** A refusal of the whole form (too many submissions): said above the form, which keeps what was typed. */
export function tooManyText(locale: Locale, site: Pick<Site, 'stringOverrides'>, seconds: number, limit?: RateLimit): string {
  const t = plainFormStrings(locale, site);
  return format(limit === 'phone' ? t.tooManyForPhone : t.tooManyRequests, { wait: waitText(t, seconds) });
}
