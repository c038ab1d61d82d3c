import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { html } from 'hono/html';
import { getCookie, setCookie } from 'hono/cookie';
import { fieldErrorMessage, pickLocale, type Locale } from '../../../sdk/src/error-messages';
import { DEFAULT_LOCALE } from '../../../sdk/src/languages';
import { FormNodeSchema, SiteFormQuerySchema, SiteFormSchema } from '../../../sdk/src/schemas/site';
import { format, formatDateTime, lastInstantOf } from '../../../ui/localize';
import { newRouteGroup } from '../app';
import { isCursor, listPublicMessages } from '../db/board';
import { rowsOf, type SiteDatabase } from '../db/client';
import { publicMessageView } from '../db/message-views';
import type { CampaignRow } from '../db/schema';
import { campaignQuery, findCampaign, type Site } from '../db/sites';
import { isOpen, outletFor } from '../db/campaigns';
import { narrowedChoices } from '../../../widget/src/liuyan-form/unit-path';
import { loadSite, type RidingReads } from '../middleware/site-scope';
import { submissionReadsPlan } from '../db/submission-reads';
import { localDay } from '../lib/site-time';
import { bannedWordProblems } from '../protection/screening';
import type { AppEnv } from '../env';
import { messageHead, messageMain, statusName, summary, supportLimitText } from '../hosted/message-page';
import { TRACKING_CODE_FIELD, trackedMain, trackForm, trackNotFound } from '../hosted/track-page';
import { trackedMessageView } from '../db/message-views';
import { byTrackingHash } from '../db/tracking-codes';
import { normalizeTrackingCode, trackingCodeHash } from '../lib/tracking-code';
import { LIMITER_PERIOD_SECONDS, tooManyRequests, withinLimit } from '../middleware/rate-limit';
import { clientAddress } from '../lib/client-address';
import { addSupport, supporterHash } from '../db/supports';
import type { HostedStrings } from '../hosted/strings.zh-cn';
import {
  askedLocale, boardHead, campaignPath, hostedHref, hostedStrings, messagePath, pageTitle, inlineStyle, plainFormStyle, renderPage, sectionPath, shareImageHead, written, type PageInput, type Section,
} from '../hosted/page';
import { askedTheme, type HostedTheme } from '../hosted/theme';
import {
  formKeyAge, KEY_FIELD, plainFillMs, listsUnit, SOURCE_FIELD, newFormKey, offersPlainForm, PLAIN_FORM_FIELDS, plainForm, plainFormTree, plainFormStrings, plainFormSubmission, plainFormValues, plainReceipt, tooManyText, elementAttribute, type PlainFormValues,
} from '../hosted/write-form';
import { bodyLimit } from 'hono/body-limit';
import { CONFIG_UNITS_MAX, type UnitNode } from '../../../sdk/src/schemas/site';
import { configUnits, smallTreeQuery, type SmallTreeRow } from '../db/unit-picker';
import { ApiError, FIELD_CATALOGS, fieldProblemsOf, handleError, problemOf, validationError, type FieldProblem } from '../errors';
import { keyedHash } from '../lib/crypto';
import { FORM_MAX_BYTES, isUtf8ContentType, refuseMalformedForm } from '../middleware/json-body';
import { siteRuleProblems, SubmissionSchema, storeSubmission, type SubmitInput } from './messages';
import { SiteParamsSchema, siteErrorResponses } from './openapi-common';
import { askingOrigin } from './campaigns';
import { PUBLIC_MAX_AGE } from '../../../sdk/src/limits';

/**
 * The hosted board: a whole page per section for the link a county puts in its WeChat menu or app
 * (/s/:site/ the board, /write, /track, /stats), a page per suggestion drive (/s/:site/campaigns/:slug)
 * and a server-rendered page per public message (/s/:site/messages/:id). `?embed=1` gives the same pages without the header and tabs, for an
 * iframe on the site's own website (they tell the parent their height: widget/src/hosted/hosted.ts).
 * A site that turned its hosted pages off, an unknown site, and anything that is not a published
 * public message answer one plain 404. `?lang=en|zh-CN` shows any page in that language instead of the
 * site's (links between the pages keep it); `?theme=light|dark|auto|high-contrast` forces a theme on
 * the page and its elements, which otherwise follow the reader's system setting (kept the same way).
 */
export const hosted = newRouteGroup();

/** The site's language: its pages' unless the reader asks for another with `?lang=`. */
const localeOf = (site: Site): Locale => pickLocale(site.locale);

/** The ids the service makes are short; anything longer is not one (and is not looked up). */
const ID_MAX = 64;

/**
 * A 404 is never kept by a shared cache: the message published a moment later must not stay "not
 * found" there (a 200 page is cached for a minute: middleware/public-cache.ts).
 */
const NOT_FOUND_CACHE = 'no-store';

/**
 * A page of the service's own, outside any site's frame: a heading and one line, in the language
 * asked for (`?lang=`, else Chinese). Never framed, never kept by a cache.
 */
function barePage(c: Context<AppEnv>, title: (t: HostedStrings) => string, line: (t: HostedStrings) => unknown, status: ContentfulStatusCode) {
  const locale = askedLocale(c.req.query('lang')) ?? 'zh-CN';
  const t = hostedStrings(locale);
  c.header('Content-Security-Policy', "default-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  c.header('Cache-Control', NOT_FOUND_CACHE);
  return c.html(html`<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title(t)}</title></head>
<body><h1>${title(t)}</h1><p>${line(t)}</p></body>
</html>
`, status);
}

/** A 404 that says nothing of why: an unknown site, hosted pages turned off. */
const bareNotFound = (c: Context<AppEnv>) => barePage(c, (t) => t.notFoundTitle, (t) => t.notFound, 404);

/**
 * The site when its hosted pages are on, with its database (kept on the context for the cost log),
 * the page's language (`?lang=`, else the site's), its words, and how the reader asked for the page
 * (`view`: framed, in a language, in a theme); null otherwise.
 */
async function hostedSite(c: Context<AppEnv>) {
  const found = await loadSite(c);
  if (!found?.site.hostedPages) return null;
  const lang = askedLocale(c.req.query('lang'));
  const locale = lang ?? localeOf(found.site);
  const view = { embed: isEmbed(c), lang, theme: askedTheme(c.req.query('theme')) };
  /** The absolute address of `path` as search engines should know it: `?lang=` only for a language that is not the site's. */
  const canonical = (path: string) => absolute(c, hostedHref(path, { embed: false, lang: locale === localeOf(found.site) ? null : locale, theme: null }));
  return { ...found, locale, t: hostedStrings(locale, found.site.stringOverrides), view, canonical };
}

/** The statement behind `hasPublishedMessages`, for a batch of reads: one row read off the board's index. */
const publishedMessageQuery = (db: SiteDatabase, siteId: string) => db.q.selectFrom('messages').select('id')
  .where('site_id', '=', siteId).where('moderation', '=', 'published').where('is_public', '=', 1)
  .limit(1);

/** Whether the statistics tab has anything to show: one row read off the board's index. */
async function hasPublishedMessages(db: SiteDatabase, siteId: string): Promise<boolean> {
  return (await db.first(publishedMessageQuery(db, siteId))) !== null;
}

/**
 * A section's heading, for screen readers (the tabs show the section): the page's outline goes
 * h1 (the site), h2 (the section), then the element's own h3 and h4 (the receipt, a message found),
 * never from h1 to h3 (WCAG 1.3.1; axe `heading-order`).
 */
const sectionHeading = (t: HostedStrings, section: Section) => html`<h2 class="visually-hidden">${t.sections[section]}</h2>
`;

async function send(c: Context<AppEnv>, page: PageInput, status: 200 | 404 | 422 | 429 = 200) {
  const { body, csp } = await renderPage({ address: c.req.url, ...page });
  c.header('Content-Security-Policy', csp);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  if (status === 404) c.header('Cache-Control', NOT_FOUND_CACHE);
  return c.html(body, status);
}

/**
 * The page for a message or a drive the site does not show: the site's frame with a link back to the
 * board, never indexed, never kept by a shared cache.
 */
function pageNotFound(c: Context<AppEnv>, found: NonNullable<Awaited<ReturnType<typeof hostedSite>>>, withStats: boolean) {
  const { site, locale, t, view, canonical } = found;
  return send(c, {
    site, locale, ...view, withStats, section: null, elements: false, noindex: true,
    canonical: canonical(sectionPath(site.id, 'board')),
    title: pageTitle(t, t.notFoundTitle, site.name),
    main: html`<p><a class="back" href="${hostedHref(sectionPath(site.id, 'board'), view)}">‹ ${t.toBoard}</a></p><h2>${t.notFoundTitle}</h2><p>${t.notFound}</p>`,
  }, 404);
}

const absolute = (c: Context<AppEnv>, path: string) => `${new URL(c.req.url).origin}${path}`;
const isEmbed = (c: Context<AppEnv>) => c.req.query('embed') === '1';

// /s/demo → /s/demo/ (relative links and the canonical address are the board's).
hosted.get('/s/:site', (c) => {
  const url = new URL(c.req.url);
  return c.redirect(`${url.pathname}/${url.search}`, 308);
});

/** The theme of the page's elements: the one asked for, else the reader's system setting, as the page's own colours. */
const elementTheme = (theme: HostedTheme | null): HostedTheme => theme ?? 'auto';

/**
 * `<liuyan-form>` as the pages and the form for other websites draw it, holding `inner` (the form as
 * HTML, or nothing): in the page's language and theme, writing to a drive (`campaign`), a unit preselected (`unit`).
 */
function formElement({ site, locale, view }: Pick<Found, 'site' | 'locale' | 'view'>, inner: unknown, { campaign, unit }: { campaign?: string; unit?: string } = {}) {
  return html`<liuyan-form site="${site.id}"${elementAttribute('campaign', campaign)} lang="${locale}" theme="${elementTheme(view.theme)}"${elementAttribute('unit', unit)}>${inner}</liuyan-form>`;
}

/**
 * What an element holds until its script draws it (its children, which its shadow root then leaves
 * unshown): a line said only where scripts run and the element's has not come some seconds after the
 * page (`.late` in hosted/page.ts; without scripts, `<noscript>` says why instead).
 */
const lateNote = (t: HostedStrings) => html`<p class="late" role="status">${t.scriptLate}</p>`;

/** The element of each section but the write page (`writePage`), in the page's language and theme. */
const ELEMENTS: Record<Exclude<Section, 'write'>, (siteId: string, locale: Locale, theme: HostedTheme, t: HostedStrings) => ReturnType<typeof html>> = {
  board: (siteId, locale, theme, t) => html`<liuyan-list site="${siteId}" lang="${locale}" theme="${theme}">${lateNote(t)}</liuyan-list>`,
  track: (siteId, locale, theme, t) => html`<liuyan-track site="${siteId}" lang="${locale}" theme="${theme}">${lateNote(t)}</liuyan-track>`,
  stats: (siteId, locale, theme, t) => html`<liuyan-stats site="${siteId}" lang="${locale}" theme="${theme}">${lateNote(t)}</liuyan-stats>`,
};

type Found = NonNullable<Awaited<ReturnType<typeof hostedSite>>>;

/** Whether the site's form can be sent without a script (`offersPlainForm`), its tree small enough to list. */
const hasPlainForm = (site: Site) => offersPlainForm(site, site.activeUnits <= CONFIG_UNITS_MAX);

/**
 * The units the plain form lists, or null where the site's form needs its script (`offersPlainForm`):
 * from the small tree's rows where they were read with other reads (`writeReads`), else read now.
 */
async function plainFormUnits({ site, db }: Pick<Found, 'site' | 'db'>, smallTree?: SmallTreeRow[]): Promise<UnitNode[] | null> {
  if (!hasPlainForm(site)) return null;
  const units = await configUnits(db, site, smallTree ?? await db.all(smallTreeQuery(db, site.id)));
  return units.complete ? units.units : null;
}

/**
 * The unit the page was asked to preselect (`?unit=`, a department's own link or page), as the
 * element's `unit`: only one the form lists (the form's tree, or the config's first levels for a tree
 * too large to list, where the element finds it itself); anything else is as if none were asked for.
 */
function askedUnit(c: Context<AppEnv>, units: UnitNode[] | null): string | undefined {
  const unit = c.req.query('unit');
  if (!unit || unit.length > ID_MAX) return undefined;
  return units === null || listsUnit(units, unit) ? unit : undefined;
}

/**
 * What the plain form offers: the site's units, types and domains, or a suggestion drive's narrowed
 * from them (`narrowedChoices`, as the element narrows them) with the drive's slug; `units` null where
 * the form needs its script, or the drive's targets are none of the units it lists.
 */
function formChoices(site: Site, units: UnitNode[] | null, drive: CampaignRow | null) {
  const own = { units, types: site.types, domains: site.domains, campaign: undefined as string | undefined, campaignTitle: '' };
  if (!drive || !units) return own;
  const narrowed = narrowedChoices({ units, types: site.types, domains: site.domains }, {
    unitIds: JSON.parse(drive.unit_ids) as string[], types: JSON.parse(drive.types) as string[], domains: JSON.parse(drive.domains) as string[],
  });
  return { ...narrowed, units: narrowed.units.length > 0 ? narrowed.units : null, campaign: drive.slug, campaignTitle: drive.title };
}

type Choices = ReturnType<typeof formChoices>;

/**
 * What the write page reads besides the site, in one round trip: what its form offers
 * (`formChoices`: the drive's, for a form sent from a drive's page, `campaign`, while it takes
 * messages), whether to offer statistics, why a drive asked for takes none (`driveGone`: ended or not
 * begun, or no such drive), and what `also` plans (a sent form's submission reads: `rode`).
 */
async function writeReads<T = undefined>({ site, db }: Found, campaign = '', also?: RidingReads<T>) {
  const tree = hasPlainForm(site) ? smallTreeQuery(db, site.id) : null;
  const published = publishedMessageQuery(db, site.id);
  const asked = campaign && campaign.length <= ID_MAX ? campaignQuery(db, site.id, campaign) : null;
  const [publishedRows, ...rest] = await db.batch([published, ...(tree ? [tree] : []), ...(asked ? [asked] : []), ...(also?.queries ?? [])]);
  const treeRows = tree ? rowsOf(tree, rest.shift()!) : undefined;
  const drive = asked ? rowsOf(asked, rest.shift()!)[0] ?? null : null;
  const units = await plainFormUnits({ site, db }, treeRows);
  const now = new Date().toISOString();
  const open = drive !== null && isOpen(drive, now);
  const driveGone: FieldProblem | null = !campaign || open ? null
    : { field: 'campaign', code: !drive ? 'unknown_campaign' : now < drive.starts_at ? 'campaign_not_started' : 'campaign_closed' };
  return {
    ...formChoices(site, units, open ? drive : null), withStats: rowsOf(published, publishedRows!).length > 0, driveGone,
    rode: also?.read(rest) as T,
  };
}

/**
 * The write page: `<liuyan-form>` holding the form as HTML (hosted/write-form.ts), which a citizen can
 * fill and send before the element's script has come, or without it; the element takes it over with
 * what was typed. `form`: what a sent form held and its errors, shown again (422, 429). A site whose
 * form needs its script gets the element alone, as the other sections.
 */
async function writePage(
  c: Context<AppEnv>, found: Found, { withStats, ...choices }: Choices & { withStats: boolean; driveGone?: unknown },
  form: { values?: PlainFormValues; errors?: Record<string, string>; formKey?: string; source?: { origin: string; signature: string } }, status: 200 | 422 | 429 = 200,
) {
  const { site, locale, t, view, canonical } = found;
  const action = hostedHref(sectionPath(site.id, 'write'), view);
  const { units, campaign, campaignTitle } = choices;
  const unitId = askedUnit(c, units);
  const element = (inner: unknown) => formElement(found, inner, { campaign, unit: unitId });
  // A drive's form (sent from its page) says which drive it writes to, and leads back to it.
  const drive = campaign ? html`<p><a class="back" href="${hostedHref(campaignPath(site.id, campaign), view)}">‹ ${campaignTitle}</a></p>
` : '';
  const main = units
    ? html`${sectionHeading(t, 'write')}${drive}${element(plainForm({ site: { ...site, ...choices }, units, locale, action, unitId, campaign, ...form, formKey: form.formKey ?? await newFormKey(c.env.HASH_KEY, site.id, 'form') }))}`
    : html`${sectionHeading(t, 'write')}${element(lateNote(t))}
<noscript><p class="muted">${t.needsScript}</p></noscript>`;
  // The form's key is this reader's (and what a citizen sent back with its errors is theirs): no cache
  // keeps the page. Without a form, the page is the same for all (a minute, as the other sections).
  if (units) c.header('Cache-Control', 'no-store');
  return send(c, {
    site, locale, ...view, withStats, section: 'write', elements: true, main, noindex: true,
    canonical: canonical(sectionPath(site.id, 'write')),
    title: pageTitle(t, t.sections.write, site.name),
  }, status);
}

/**
 * The write page's form alone, for another website to set into its own page's HTML (a server-side
 * include, a page built ahead): `<liuyan-form>` holding the form (hosted/write-form.ts), posting to
 * the write page here, and its stylesheet (`plainFormStyle`). Shown as soon as the host page's HTML has come, with no script to wait for;
 * the element takes it over when its script has come, as on the write page. Without the key of a page
 * served (the website's cache gives this to all), so a form sent without the script comes back once to
 * be confirmed (`confirmSend`), with one. A site whose form needs its script gets the element alone.
 * Kept a minute by caches, as the pages (the units it lists may change). `?lang=`, `?theme=` as the
 * pages; `?unit=` preselects a unit (a department's own page), as the element's `unit`.
 */
hosted.get('/s/:site/form', async (c) => {
  const found = await hostedSite(c);
  if (!found) return bareNotFound(c);
  const { site, locale, view } = found;
  const units = await plainFormUnits(found);
  const unitId = askedUnit(c, units);
  const action = absolute(c, hostedHref(sectionPath(site.id, 'write'), { ...view, embed: false }));
  const style = units ? await inlineStyle(plainFormStyle(site, elementTheme(view.theme))) : null;
  // The style sheet's hash is in the policy, for a page with a policy of its own to copy (README).
  c.header('Content-Security-Policy', `default-src 'none';${style ? ` style-src 'sha256-${style.sha256}';` : ''} base-uri 'none'; frame-ancestors 'none'`);
  c.header('X-Content-Type-Options', 'nosniff');
  return c.html(html`${formElement(found, units ? html`${style!.element}${plainForm({ site, units, locale, action, unitId })}` : '', { unit: unitId })}
`);
});

// A named component, so the recursive form is described by reference.
hosted.openAPIRegistry.register('FormNode', FormNodeSchema);

const getSiteForm = createRoute({
  operationId: 'getSiteForm',
  method: 'get',
  path: '/v1/sites/{site}/form',
  summary: 'The write page’s form as data, for the widget’s loader to show before the element’s script has come',
  request: { params: SiteParamsSchema, query: SiteFormQuerySchema },
  responses: {
    200: { description: 'the form and its stylesheet, or null for both', content: { 'application/json': { schema: SiteFormSchema } } },
    ...siteErrorResponses,
  },
});

/**
 * The form `GET /s/:site/form` gives, as data (`FormNode`), for the widget's loader to build into the
 * host page from what it fetched with the site config, before the element's own script has come
 * (widget/src/liuyan-form/early-form.ts): a page with nothing but the loader then shows a form to
 * write in after ≈ 4 KB instead of the element's 25 KB, and `<liuyan-form>` takes it over with what
 * was typed, as on the write page. Null where that page offers no plain form (its script is needed,
 * hosted pages are off) or the drive asked for takes no messages, or none from the asking website (its
 * outlets': `acceptsHere`): the element then draws its own, or says why.
 * `lang`, `theme`, `unit`, `campaign` as the element's attributes. Kept a minute by caches, as the config.
 */
hosted.openapi(getSiteForm, async (c) => {
  const site = c.get('site');
  const db = c.get('db');
  const { lang = DEFAULT_LOCALE, theme, unit, campaign } = c.req.valid('query');
  c.header('Cache-Control', `public, max-age=${PUBLIC_MAX_AGE.site}`);
  const [units, drive] = site.hostedPages
    ? await Promise.all([plainFormUnits({ site, db }), campaign ? findCampaign(db, site.id, campaign) : null])
    : [null, null];
  // A drive that takes messages only on its outlets' websites: none from any other (the element says where).
  const open = drive !== null && isOpen(drive, new Date().toISOString()) && outletFor(drive, askingOrigin(c)) !== 'refused';
  const choices = formChoices(site, units, open ? drive : null);
  if (!choices.units || (campaign && !open)) return c.json({ form: null, style: null }, 200);
  const action = absolute(c, hostedHref(sectionPath(site.id, 'write'), { embed: false, lang, theme: theme ?? null }));
  const form = plainFormTree({
    site: { ...site, ...choices }, units: choices.units, locale: lang, action, campaign: choices.campaign,
    unitId: unit && listsUnit(choices.units, unit) ? unit : undefined,
  });
  return c.json({ form, style: plainFormStyle(site, theme ?? null) }, 200);
});


/** A sent form's size limit, in bytes: past it, a 413 problem (`payload_too_large`). */
const formLimit = (maxSize: number) => bodyLimit({
  maxSize,
  onError: () => {
    throw new ApiError('payload_too_large');
  },
});

/**
 * A sent form the service cannot read at all (too large, not UTF-8, malformed, from another origin):
 * said to the citizen as a page in its language, with the way back to the form, never as JSON.
 */
hosted.onError((error, c) => {
  if (!(error instanceof ApiError) || c.req.method !== 'POST' || error.code === 'validation') return handleError(error, c);
  const lang = askedLocale(c.req.query('lang'));
  const write = hostedHref(`/s/${encodeURIComponent(c.req.param('site') ?? '')}/write`, { embed: isEmbed(c), lang, theme: null });
  return barePage(c, () => problemOf(error, lang ?? 'zh-CN').title, (t) => html`<a href="${write}">${t.sections.write}</a>`, error.status as ContentfulStatusCode);
});

/**
 * A form the hosted pages post without a script (the write page's, the tracker's): from the service's
 * own pages, a page with a strict referrer policy (`Origin: null`: `anonymous`) or one of the site's
 * websites (`elsewhere`: that website's origin, else null; any other is refused, 403), URL-encoded UTF-8 (else 415), well formed (400).
 */
async function readPlainPost(c: Context<AppEnv>, site: Pick<Site, 'allowedOrigins'>) {
  const origin = c.req.header('Origin');
  const anonymous = origin === 'null';
  const elsewhere = origin !== undefined && !anonymous && origin !== new URL(c.req.url).origin ? origin : null;
  if (elsewhere !== null && !site.allowedOrigins.includes(elsewhere)) throw new ApiError('origin_not_allowed');
  if (!isUtf8ContentType(c.req.header('Content-Type'), ['application/x-www-form-urlencoded'])) throw new ApiError('unsupported_media_type');
  const text = await c.req.text();
  refuseMalformedForm(text);
  return { origin, anonymous, elsewhere, sentForm: new URLSearchParams(text) };
}

/**
 * The cookie keeping, for an hour, the key of the last write page whose form this browser sent and a
 * keyed digest of the message it stored (`__Host-liuyan_form`: nothing of the citizen's can be read
 * from it): the same message sent again from a page served since (Back from the receipt) is keyed as
 * the first, so it is stored once.
 */
const SENT_FORM_COOKIE = 'liuyan_form';
const SENT_FORM_SECONDS = 3600;

/**
 * The Idempotency-Key a plain form is stored under (`key`), the page key it is made from (`keyOf`),
 * and the cookie that keeps that key for the same message sent again (`cookie`). A page's key stores
 * one message: the key is the page key's alone, and the message it stored is its record's (a
 * different one under it is refused as `idempotency_key_reused`, and by the write batch's unique
 * row when two race). A form this browser sent from another page of the write page within the
 * hour, the very message stored (what was sent but the fill time and the hidden field, which differ
 * from one press to the next), is keyed by that page's key (the cookie): pressing Back from the
 * receipt serves the form anew with a key of its own, and the same message sent again from it must
 * be the one stored, with its code; another message sent from there is that page's own.
 */
async function sentFormKey(c: Context<AppEnv>, formKey: string, submission: SubmitInput): Promise<{ key: string; keyOf: string; cookie: string }> {
  const siteId = c.get('site').id;
  const { fillMs: _fillMs, honeypot: _honeypot, ...sent } = submission;
  /** What the cookie says of the message stored under `key`, keyed (`HASH_KEY`): nothing of the citizen's can be read from it. */
  const sentUnder = async (key: string) => (await keyedHash(c.env.HASH_KEY, `${SENT_FORM_COOKIE}:${siteId}:${key}:${JSON.stringify(sent)}`)).slice(0, 16);
  const cookie = getCookie(c, SENT_FORM_COOKIE, 'host') ?? '';
  const earlier = cookie.slice(0, 32);
  const same = earlier.length === 32 && earlier !== formKey && cookie.slice(32) === await sentUnder(earlier) && await formKeyAge(c.env.HASH_KEY, siteId, earlier) !== null;
  const keyOf = same ? earlier : formKey;
  return { key: `form-page:${await keyedHash(c.env.HASH_KEY, `${siteId}:${keyOf}`)}`, keyOf, cookie: keyOf + await sentUnder(keyOf) };
}

/**
 * The plain form sent (no script, or before it came): stored by the one path every submission takes,
 * under a key made from the page's own key (`KEY_FIELD`, `sentFormKey`), which stores one message: a
 * form sent twice (a press of 提交 repeated on a slow connection, the page reloaded and sent again)
 * shows the same code, and another message sent with that key is shown again to be confirmed. Answered
 * with the tracking code (never cached), or with the form again, every value kept and each error
 * beside its field (422), or the limit said above it (429). The service's own pages post here (CSP
 * `form-action 'self'`), and the site's websites (its allowed origins) the form they set into their
 * pages (`GET /s/:site/form`); a form from any other origin is refused (403).
 */
hosted.post('/s/:site/write', formLimit(FORM_MAX_BYTES), async (c) => {
  const found = await hostedSite(c);
  if (!found) return bareNotFound(c);
  // `Origin: null` is how a browser sends a form from a page with a strict referrer policy
  // (`no-referrer`, `same-origin`: common on government websites); let through only as far as the
  // form to be confirmed here, which stores nothing (below).
  const { origin, anonymous, elsewhere, sentForm } = await readPlainPost(c, found.site);
  const { site, locale, view } = found;
  const values = plainFormValues(sentForm);
  const formKey = sentForm.get(KEY_FIELD);
  // The key says how long its form was open, the fill time a script's form measures itself (screening).
  const drawn = await formKeyAge(c.env.HASH_KEY, found.site.id, formKey);
  const submissionOf = () => SubmissionSchema.safeParse(plainFormSubmission(values, site.notifications, drawn ? plainFillMs(drawn) : undefined));
  let parsed = submissionOf();
  // The key a form that can be stored is stored under, read with the page's other reads (one round
  // trip), as are the screening settings every answer needs (a banned word is said with the rest).
  const key = drawn && formKey !== null && parsed.success ? await sentFormKey(c, formKey, parsed.data) : null;
  const now = new Date();
  // Shown again, the form offers what the one sent did: a drive's choices for a drive's form. A drive
  // that takes nothing now (ended while the citizen wrote, or never was) gives way to the write page's
  // own form, everything typed kept and the reason above it, to be sent to the county all the same.
  const reads = await writeReads(found, values.campaign, submissionReadsPlan(found.db, { siteId: site.id, key: key?.key ?? null, now: now.toISOString(), today: localDay(now) }));
  if (!reads.units) throw new ApiError('not_found');
  if (reads.driveGone) {
    values.campaign = '';
    parsed = submissionOf();
  }
  // Each error beside its field; one the form has no field for is said above it.
  const sentences = (problems: FieldProblem[]) => {
    const errors: Record<string, string> = {};
    for (const { field, message } of problemOf(validationError(problems), locale, 'public').errors ?? []) {
      const id = PLAIN_FORM_FIELDS.find((f) => field === f || field.startsWith(`${f}.`)) ?? 'form';
      errors[id] ??= message;
    }
    return errors;
  };
  /**
   * What is wrong: the contract's problems, and for the fields it found nothing wrong with the site's
   * own rules and its banned words, so all is said at once.
   */
  const problems = () => {
    const contract = parsed.success ? [] : fieldProblemsOf(parsed.error);
    const fine = (field: 'title' | 'body' | 'region' | 'type' | 'domain') => (contract.some((p) => p.field === field) ? undefined : values[field]);
    // A drive's form: what it offers only (the service checks again as it stores).
    const drive: FieldProblem[] = !reads.campaign ? [] : [
      ...(values.unitId && !listsUnit(reads.units!, values.unitId) ? [{ field: 'unitId', code: 'invalid_choice' } as const] : []),
      ...(values.type && !(reads.types as string[]).includes(values.type) ? [{ field: 'type', code: 'type_not_allowed' } as const] : []),
      ...(values.domain && !(reads.domains as string[]).includes(values.domain) ? [{ field: 'domain', code: 'domain_not_allowed' } as const] : []),
    ];
    return [
      ...(reads.driveGone ? [reads.driveGone] : []), ...contract, ...drive,
      ...siteRuleProblems(site, { title: fine('title')?.trim(), body: fine('body')?.trim(), type: fine('type'), domain: fine('domain') }),
      ...bannedWordProblems(reads.rode.protection, { title: fine('title'), body: fine('body'), region: fine('region') }),
    ];
  };
  // The website a form was first sent from, kept through its confirmation here (signed with the key
  // drawn for it) as the message's source: the confirming press comes from this origin.
  const sign = (key: string, from: string) => keyedHash(c.env.HASH_KEY, `${SOURCE_FIELD}:${site.id}:${key}:${from}`);
  /**
   * The form shown again with a key of its own, to be confirmed from it (its fill time then is the
   * time on that page: `plainFillMs`), with what to correct first and `line` above it; the website
   * it was first sent from (`from`) kept, signed for the new key. Nothing is stored.
   */
  const toConfirm = async (errors: Record<string, string>, line: string, from: string | null) => {
    const key = await newFormKey(c.env.HASH_KEY, site.id, 'confirm');
    const source = from !== null ? { origin: from, signature: await sign(key, from) } : undefined;
    return writePage(c, found, reads, { values, formKey: key, source, errors: { ...errors, form: errors.form ?? line } }, 422);
  };
  // A form without a key (another website's page: `GET /s/:site/form`) or with one the service never
  // drew (or drew more than a day ago) is shown again to be confirmed.
  if (!drawn || formKey === null) return toConfirm(sentences(problems()), formKey === null ? found.t.confirmSend : found.t.sendAgain, elsewhere);
  if (anonymous) throw new ApiError('origin_not_allowed');
  const from = sentForm.get(SOURCE_FIELD);
  const signature = sentForm.get(`${SOURCE_FIELD}Signature`);
  const source = from && signature && site.allowedOrigins.includes(from) && signature === await sign(formKey, from) ? { origin: from, signature } : undefined;
  if (!parsed.success || reads.driveGone || key === null) {
    const errors = sentences(problems());
    // The drive's reason, and what sending again now does: the form is the write page's own.
    if (reads.driveGone && errors.form) errors.form = format(found.t.driveGoneSendAnyway, { reason: errors.form });
    return writePage(c, found, reads, { values, formKey, source, errors }, 422);
  }
  try {
    const answer = await storeSubmission(c, parsed.data, key.key, { sourceOrigin: source?.origin ?? origin, reads: reads.rode, locale });
    setCookie(c, SENT_FORM_COOKIE, key.cookie, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax', maxAge: SENT_FORM_SECONDS, prefix: 'host' });
    c.header('Cache-Control', 'no-store');
    return send(c, {
      site, locale, ...view, withStats: reads.withStats, section: 'write', elements: false, noindex: true,
      canonical: found.canonical(sectionPath(site.id, 'write')),
      title: pageTitle(found.t, plainFormStrings(locale, site).submitted, site.name),
      main: plainReceipt(locale, site, answer, parsed.data.isPublic, hostedHref(sectionPath(site.id, 'track'), view), found.t.sections.track),
    });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === 'validation') return writePage(c, found, reads, { values, formKey, source, errors: sentences(error.fields) }, 422);
    // The page's key has stored another message (a script posting many with the one page it read, or
    // a page restored by Back and changed): as an expired key, the form to be confirmed with one of its own.
    if (error.code === 'idempotency_key_reused') return toConfirm({}, found.t.sendAgain, source?.origin ?? elsewhere);
    if (error.code === 'too_many_requests') {
      return writePage(c, found, reads, { values, formKey, source, errors: { form: tooManyText(locale, site, Number(c.res.headers.get('Retry-After')) || 60, error.extensions.limit) } }, 429);
    }
    throw error;
  }
});

/** `href` with the board's `cursor` (the API's) added to its query. */
const withCursor = (href: string, at: string) => `${href}${href.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(at)}`;

/** The `?cursor=` a reader without scripts asked for, where it is one; else the first page. */
function askedCursor(c: Context<AppEnv>): string | undefined {
  const asked = c.req.query('cursor');
  return asked && isCursor(asked) ? asked : undefined;
}

/**
 * A page of public messages from `cursor`, or the first page where the cursor leads to none (an id
 * that is no public message of this list: made up, hidden since, another list's), so that no address
 * is a page of nothing; `cursor` is undefined when the first page is given.
 */
async function messagePage(db: SiteDatabase, site: Site, filter: { campaign?: string }, cursor: string | undefined, now: Date) {
  const page = await listPublicMessages(db, site, { limit: 20, ...filter, cursor }, now);
  if (!cursor || page.items.length > 0) return { page, cursor };
  return { page: await listPublicMessages(db, site, { limit: 20, ...filter }, now), cursor: undefined };
}

/**
 * Public messages for readers without scripts and for search engines, 20 a page (`cursor`, from the
 * page before): each a link to its own page with its unit, status and day; a link to the earlier ones
 * (`href`, the list's own address, with `?cursor=`), and back to the first page from a later one;
 * under a heading of its own where the page has none for it (`titled`).
 */
function messageLinks(
  { site, locale, t, view }: Pick<Found, 'site' | 'locale' | 't' | 'view'>,
  page: Awaited<ReturnType<typeof listPublicMessages>>, cursor: string | undefined, href: string, titled: boolean,
) {
  return html`${titled ? html`<h2>${cursor ? t.earlier : t.latest}</h2>
` : ''}${page.items.length === 0 ? html`<p class="muted">${t.noMessages}</p>` : html`<ul class="latest">${page.items.map((m) => html`
<li><a href="${hostedHref(messagePath(site.id, m.id), view)}">${written(m.title, locale)}</a> <span class="muted">${written(m.unit.name, locale)} · ${statusName(locale, m.status)} · <time datetime="${m.createdAt}">${formatDateTime(locale, m.createdAt, false)}</time></span></li>`)}
</ul>`}${page.nextCursor ? html`<p><a href="${withCursor(href, page.nextCursor)}">${t.earlier} ›</a></p>` : ''}${cursor ? html`<p><a href="${href}">‹ ${t.latest}</a></p>` : ''}`;
}

/**
 * The tracker without a script: the code posted from the track page's form (URL-encoded, from the
 * service's own pages or the site's websites, counted by the tracking limiter as the API's lookup),
 * answered with the citizen's own view of the message, never cached, or with the form again and the
 * element's sentence (not found: 404; the limit reached: 429). The same lookup as the API's: a new
 * code's first use retires the old one (`byTrackingHash`).
 */
hosted.post('/s/:site/track', formLimit(4096), async (c) => {
  const found = await hostedSite(c);
  if (!found) return bareNotFound(c);
  const { site, db, locale, t, view } = found;
  const { sentForm } = await readPlainPost(c, site);
  const code = (sentForm.get(TRACKING_CODE_FIELD) ?? '').slice(0, 100);
  const action = hostedHref(sectionPath(site.id, 'track'), view);
  const withStats = await hasPublishedMessages(db, site.id);
  const page = async (main: ReturnType<typeof html>, status: 200 | 404 | 422 | 429) => {
    const answer = await send(c, {
      site, locale, ...view, withStats, section: 'track', elements: false, noindex: true, main,
      canonical: found.canonical(sectionPath(site.id, 'track')),
      title: pageTitle(t, t.sections.track, site.name),
    }, status);
    // The citizen's own view, or the code they typed: no cache keeps either (a 404 page would be kept a while).
    answer.headers.set('Cache-Control', 'no-store');
    return answer;
  };
  if (!(await withinLimit(c, 'TRACK_LIMITER'))) {
    tooManyRequests(c);
    return page(html`${sectionHeading(t, 'track')}${trackForm(locale, action, { code, error: tooManyText(locale, site, 60) })}`, 429);
  }
  // Nothing typed, or not the shape of a code (cut short, a letter too many): said as the element
  // says it, beside the field. Both are plain to see from the page; neither tells anything of a message.
  const problem = !code.trim() ? 'required' : !normalizeTrackingCode(code) ? 'invalid' : null;
  if (problem) {
    const error = fieldErrorMessage(FIELD_CATALOGS.public[locale], TRACKING_CODE_FIELD, problem);
    return page(html`${sectionHeading(t, 'track')}${trackForm(locale, action, { code, error })}`, 422);
  }
  // As the API's: a code not found is looked up all the same, so every wrong code takes one path.
  const hash = await trackingCodeHash(c.env.HASH_KEY, site.id, normalizeTrackingCode(code) ?? `invalid:${code}`);
  const message = await byTrackingHash(db, site.id, hash, () => trackedMessageView(db, site.id, hash, new Date()));
  if (!message) return page(html`${sectionHeading(t, 'track')}${trackForm(locale, action, { code, error: trackNotFound(locale) })}`, 404);
  return page(html`${sectionHeading(t, 'track')}${trackedMain(message, locale, t, action)}`, 200);
});

function sectionRoute(section: Exclude<Section, 'write'>) {
  return async (c: Context<AppEnv>) => {
    const found = await hostedSite(c);
    if (!found) return bareNotFound(c);
    const { site, db, locale, t, view, canonical } = found;
    const now = new Date();
    // The board lists its messages for readers without scripts and for search engines, 20 a page
    // (`?cursor=`, the API's, from the page before; one that is not a cursor is the first page): each
    // a link to its own page, with its status and day.
    const [withStats, listed] = await Promise.all([
      hasPublishedMessages(db, site.id),
      section === 'board' ? messagePage(db, site, {}, askedCursor(c), now) : Promise.resolve(null),
    ]);
    const latest = listed?.page ?? null;
    const cursor = listed?.cursor;
    // Without a script the tracker is a form posting the code here (never in an address).
    const main = html`${sectionHeading(t, section)}${ELEMENTS[section](site.id, locale, elementTheme(view.theme), t)}
<noscript>${section === 'track' ? html`<p class="muted">${t.trackNeedsScript}</p>
${trackForm(locale, hostedHref(sectionPath(site.id, 'track'), view))}` : html`<p class="muted">${t.needsScript}</p>`}${latest ? html`
${messageLinks(found, latest, cursor, hostedHref(sectionPath(site.id, 'board'), view), true)}` : ''}</noscript>`;
    // A later page of the board is a page of its own to search engines.
    const address = cursor ? withCursor(canonical(sectionPath(site.id, section)), cursor) : canonical(sectionPath(site.id, section));
    return send(c, {
      site, locale, ...view, withStats, section, elements: true, main,
      canonical: address,
      // The board is what gets shared; the forms are reached from it.
      head: section === 'board' ? boardHead(site, t, address, new URL(c.req.url).origin) : undefined,
      title: pageTitle(t, t.sections[section], site.name),
      // The forms are the same on every site; the board is what is worth finding.
      noindex: section !== 'board',
    });
  };
}

hosted.get('/s/:site/', sectionRoute('board'));
hosted.get('/s/:site/write', async (c) => {
  const found = await hostedSite(c);
  if (!found) return bareNotFound(c);
  // A drive's form is on the drive's page, with its title, dates and narrowed choices (a link written
  // as `write?campaign=` would otherwise give the site's own form, and its messages outside the drive).
  const campaign = c.req.query('campaign');
  if (campaign && campaign.length <= ID_MAX) return c.redirect(hostedHref(campaignPath(found.site.id, campaign), found.view), 302);
  return writePage(c, found, await writeReads(found), {});
});
hosted.get('/s/:site/track', sectionRoute('track'));
hosted.get('/s/:site/stats', sectionRoute('stats'));

/**
 * A public message's page, with 我也关注 as a form (`support`: pressed, or why the last press was not
 * counted). Private, pending, rejected, hidden and unknown messages answer exactly like missing ones.
 * The page answering a press says the reader's own 已关注: no cache keeps it.
 */
async function publicMessagePage(c: Context<AppEnv>, found: NonNullable<Awaited<ReturnType<typeof hostedSite>>>, id: string, support: { pressed: boolean; failure?: string }, status: 200 | 429 = 200) {
  const { site, db, locale, t, view, canonical } = found;
  const [message, withStats] = await Promise.all([
    id.length <= ID_MAX ? publicMessageView(db, site.id, id, new Date()) : Promise.resolve(null),
    hasPublishedMessages(db, site.id),
  ]);
  const boardHref = hostedHref(sectionPath(site.id, 'board'), view);
  if (!message) return pageNotFound(c, found, withStats);
  const address = canonical(messagePath(site.id, message.id));
  const answer = await send(c, {
    site, locale, ...view, withStats, section: null, elements: false, canonical: address,
    title: pageTitle(t, message.title, site.name),
    head: messageHead(message, site, address, new URL(c.req.url).origin),
    main: messageMain(message, locale, t, boardHref, { action: hostedHref(`${messagePath(site.id, message.id)}/support`, view), ...support }),
  }, status);
  if (support.pressed || status !== 200) answer.headers.set('Cache-Control', 'no-store');
  return answer;
}

hosted.get('/s/:site/messages/:id', async (c) => {
  const found = await hostedSite(c);
  if (!found) return bareNotFound(c);
  return publicMessagePage(c, found, c.req.param('id'), { pressed: false });
});

/**
 * 我也关注 without a script, from a message's page (the page a share opens): counted once per reader
 * as the API's route counts it (`addSupport`) and by the same limit, answered with the page itself
 * saying 已关注 with the count (never cached; no address of its own that would say so to whoever it
 * is shared with: reloading it sends the press again, which counts nothing more). The limit reached:
 * the page with why under the button, 429. Only from the service's own page: a form posted from
 * anywhere else (another website, or one hiding where it is from, `Origin: null`) is refused, 403, so
 * no website can press it for its visitors.
 */
hosted.post('/s/:site/messages/:id/support', formLimit(1024), async (c) => {
  const found = await hostedSite(c);
  if (!found) return bareNotFound(c);
  const { site, db, locale } = found;
  if (!fromOwnPage(c)) throw new ApiError('origin_not_allowed');
  await readPlainPost(c, site);
  const id = c.req.param('id');
  if (!(await withinLimit(c, 'WRITE_LIMITER'))) {
    tooManyRequests(c);
    return publicMessagePage(c, found, id, { pressed: false, failure: supportLimitText(locale, LIMITER_PERIOD_SECONDS) }, 429);
  }
  // Without a client address (only off Cloudflare's edge) every reader is one.
  const who = clientAddress(c) ?? 'token:hosted';
  const count = id.length <= ID_MAX ? await addSupport(db, site.id, id, await supporterHash(c.env.HASH_KEY, site.id, id, who)) : null;
  return publicMessagePage(c, found, id, { pressed: count !== null });
});

/** The press's address opened as a page (copied from the address bar, a link to the language): the message's page. */
hosted.get('/s/:site/messages/:id/support', (c) => {
  const url = new URL(c.req.url);
  return c.redirect(`${url.pathname.replace(/\/support$/, '')}${url.search}`, 302);
});

/**
 * Whether a form was posted from the service's own page: its `Origin`, or where a browser sends none
 * with a same-origin form, `Sec-Fetch-Site: same-origin`.
 */
function fromOwnPage(c: Context<AppEnv>): boolean {
  const origin = c.req.header('Origin');
  if (origin !== undefined) return origin === new URL(c.req.url).origin;
  return c.req.header('Sec-Fetch-Site') === 'same-origin';
}

/**
 * A suggestion drive (建言专栏) as a page of its own, for the link a newspaper or a county shares:
 * the drive's title, period and description, its form (which says so itself when the drive is not
 * open), and its public messages (the latest 20 as links without scripts). 404 for a drive the site
 * does not have.
 */
hosted.get('/s/:site/campaigns/:slug', async (c) => {
  const found = await hostedSite(c);
  if (!found) return bareNotFound(c);
  const { site, db, locale, t, view, canonical } = found;
  const slug = c.req.param('slug');
  const now = new Date();
  const [campaign, withStats] = await Promise.all([
    slug.length <= ID_MAX ? findCampaign(db, site.id, slug) : Promise.resolve(null),
    hasPublishedMessages(db, site.id),
  ]);
  const boardHref = hostedHref(sectionPath(site.id, 'board'), view);
  if (!campaign) return pageNotFound(c, found, withStats);
  const nowIso = now.toISOString();
  // While the drive takes messages, its form is in the page as HTML (as on the write page), narrowed
  // to the drive's choices; without a key of its own (the page is kept by caches, as the board), so
  // sent without a script it is confirmed once on the write page.
  const open = isOpen(campaign, nowIso);
  const [{ page: latest, cursor }, choices] = await Promise.all([
    messagePage(db, site, { campaign: campaign.slug }, askedCursor(c), now),
    open ? plainFormUnits(found).then((units) => formChoices(site, units, campaign)) : null,
  ]);
  // Before or after its days, what the element says in place of the form, said without a script too.
  const started = campaign.starts_at <= nowIso;
  const closed = open ? '' : html`
<noscript><p class="muted">${format(plainFormStrings(locale, site)[started ? 'campaignEnded' : 'campaignNotStarted'], {
    title: campaign.title, date: formatDateTime(locale, started ? lastInstantOf(campaign.ends_at) : campaign.starts_at, false),
  })}</p></noscript>`;
  const form = choices?.units
    ? plainForm({ site: { ...site, ...choices }, units: choices.units, locale, action: hostedHref(sectionPath(site.id, 'write'), view), campaign: campaign.slug })
    : '';
  const state = nowIso < campaign.starts_at ? t.campaignNotYet : nowIso < campaign.ends_at ? t.campaignOpen : t.campaignEnded;
  const period = format(t.campaignPeriod, { start: formatDateTime(locale, campaign.starts_at, false), end: formatDateTime(locale, lastInstantOf(campaign.ends_at), false) });
  // A later page of the drive's messages is a page of its own to search engines.
  const address = cursor ? withCursor(canonical(campaignPath(site.id, campaign.slug)), cursor) : canonical(campaignPath(site.id, campaign.slug));
  const description = summary(campaign.description || campaign.title);
  return send(c, {
    site, locale, ...view, withStats, section: null, elements: true, canonical: address,
    title: pageTitle(t, campaign.title, site.name),
    head: html`<meta name="description" content="${description}">
<meta property="og:type" content="website">
<meta property="og:title" content="${campaign.title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${address}">
<meta property="og:site_name" content="${site.name}">
${shareImageHead(site, new URL(c.req.url).origin)}`,
    main: html`<p><a class="back" href="${boardHref}">‹ ${t.toBoard}</a></p>
<section class="campaign">
<h2>${campaign.title}</h2>
<p class="badges"><span class="badge">${state}</span> <span class="muted">${period}</span></p>
${campaign.description ? html`<div class="body">${campaign.description}</div>` : ''}
</section>
<h3>${t.campaignWrite}</h3>
${formElement(found, form, { campaign: campaign.slug })}${closed}
<h3>${t.campaignMessages}</h3>
<liuyan-list site="${site.id}" campaign="${campaign.slug}" lang="${locale}" theme="${elementTheme(view.theme)}">${lateNote(t)}</liuyan-list>
<noscript><p class="muted">${t.needsScript}</p>
${messageLinks(found, latest, cursor, hostedHref(campaignPath(site.id, campaign.slug), view), false)}</noscript>`,
  });
});

// Any other address under a site's board is no page of it (registered last: the pages above come
// first), except a page's address typed or pasted with a slash at the end: that page.
hosted.get('/s/:site/*', (c) => {
  const url = new URL(c.req.url);
  const page = /^(\/s\/[^/]+\/(?:write|form|track|stats|messages\/[^/]+|campaigns\/[^/]+))\/$/.exec(url.pathname)?.[1];
  return page ? c.redirect(`${page}${url.search}`, 308) : bareNotFound(c);
});
