// The frame of every hosted page (/s/:site/…): head, the site's header and return link, the section
// tabs, and the Content-Security-Policy that goes with it. Every value is put in through Hono's
// `html` template, which escapes it; `raw` is used only for markup built here.
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { isEmbeddingOrigin } from '../../../sdk/src/schemas/admin';

import { LANGUAGES, pickLocale, writtenLang, type Locale } from '../../../sdk/src/languages';
import { withOverrides } from '../../../sdk/src/string-overrides';
import type { StringOverrides } from '../../../sdk/src/schemas/string-overrides';
import { format } from '../../../ui/localize';
import type { Site } from '../db/sites';
import { hostedEn } from './strings.en';
import { hostedZhCN, type HostedStrings } from './strings.zh-cn';
import { hostedZhTW } from './strings.zh-tw';
import { themeRules, type HostedTheme } from './theme';

/** The sections of the hosted board, each an address under /s/:site/ (the board is the site's root). */
export const SECTIONS = ['board', 'write', 'track', 'stats'] as const;
export type Section = (typeof SECTIONS)[number];

/** Liuyan's red (ui/tokens.styles.ts), for a site that chose no colour. */
const DEFAULT_COLOR = '#b5121b';

const HOSTED_STRINGS: Record<Locale, HostedStrings> = { 'zh-CN': hostedZhCN, 'zh-TW': hostedZhTW, en: hostedEn };

/** The hosted pages' words in `locale`, with the site's own where it set any (`stringOverrides`). */
export const hostedStrings = (locale: Locale, overrides?: StringOverrides): HostedStrings =>
  withOverrides(HOSTED_STRINGS[locale], overrides, locale, 'hosted');

/** `/s/demo/` for the board, `/s/demo/write` for a section. */
export function sectionPath(siteId: string, section: Section): string {
  return `/s/${encodeURIComponent(siteId)}/${section === 'board' ? '' : section}`;
}

export function messagePath(siteId: string, messageId: string): string {
  return `/s/${encodeURIComponent(siteId)}/messages/${encodeURIComponent(messageId)}`;
}

/** A suggestion drive's page, `/s/:site/campaigns/:slug`. */
export function campaignPath(siteId: string, slug: string): string {
  return `/s/${encodeURIComponent(siteId)}/campaigns/${encodeURIComponent(slug)}`;
}

/**
 * How the reader asked for the pages: framed (`?embed=1`), in a language (`?lang=`; null: the site's
 * language), in a theme (`?theme=`; null: the reader's system setting).
 */
export interface PageView {
  embed: boolean;
  lang: Locale | null;
  theme: HostedTheme | null;
}

/**
 * The language a reader asks for with `?lang=`: a Chinese or English tag in any case, read as the
 * elements read `lang` (`zh-TW`, `zh-hk`, `zh-Hant` → zh-TW; `zh-CN`, `zh` → zh-CN; `en-GB` → en);
 * anything else: null (the site's language).
 */
export function askedLocale(lang: string | undefined): Locale | null {
  const tag = lang?.trim() ?? '';
  return /^(zh|en)(?![a-z])/i.test(tag) ? pickLocale(tag) : null;
}

/** `path` with the view's `?embed=1&lang=…&theme=…`: links between hosted pages stay in the embed, and in the language and theme asked for. */
export function hostedHref(path: string, { embed, lang, theme }: PageView): string {
  const query = new URLSearchParams();
  if (embed) query.set('embed', '1');
  if (lang) query.set('lang', lang);
  if (theme) query.set('theme', theme);
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** The elements' own font stack (ui/tokens.styles.ts `--liuyan-font-family`): system UI with CJK fallbacks. */
const FONT_STACK = "system-ui,-apple-system,'PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif";

/** The palette's names and the elements' public colour tokens (ui/tokens.styles.ts) they stand for. */
const ELEMENT_TOKENS: Record<string, string> = {
  primary: 'primary', 'on-primary': 'on-primary', text: 'text', muted: 'muted', line: 'border', surface: 'surface', error: 'error',
};

/**
 * `rules` with each colour of the palette (`var(--primary)`) giving way to the elements' own token
 * (`var(--liuyan-color-primary,var(--primary))`) where the page around sets it: a website that gave
 * `<liuyan-form>` its colours sees them in the form before and after the element takes it over.
 */
const withElementTokens = (rules: string) =>
  rules.replace(/var\(--(on-primary|primary|text|muted|line|surface|error)\)/g, (all, name: string) => `var(--liuyan-color-${ELEMENT_TOKENS[name]},${all})`);

/** The elements' step of room and corner (ui/tokens.styles.ts), which a website may set on `<liuyan-form>`: the plain form is spaced as the element's, so nothing moves as it is taken over. */
const SPACE = 'var(--liuyan-space,1em)';
const RADIUS = 'var(--liuyan-radius,4px)';

/**
 * The plain form's rules (hosted/write-form.ts): on the write page, and with the form other websites
 * set into their pages (`plainFormStyle`). Its colours are the palette's (`--text`, `--primary` …).
 */
const PLAIN_FORM_RULES = withElementTokens(`.plain-form{display:grid;gap:${SPACE};color:var(--text);font-size:16px;line-height:1.6;font-family:var(--liuyan-font-family,${FONT_STACK})}
.plain-form,.plain-form *{box-sizing:border-box}
.plain-form .liuyan-muted{color:var(--muted)}
.plain-form .liuyan-field{display:grid;gap:calc(.3*${SPACE});margin:0;padding:0;border:0;min-width:0}
.plain-form .liuyan-label{display:flex;align-items:baseline}
.plain-form label,.plain-form legend{font-weight:600}
.plain-form legend{padding:0;margin-bottom:calc(.3*${SPACE})}
.plain-form details summary{cursor:pointer;color:var(--primary);min-height:44px;display:flex;align-items:center}
.plain-form .liuyan-privacy-text{white-space:pre-line;font-size:.9em;color:var(--muted);margin:0}
.plain-form input:not([type=radio]):not([type=checkbox]),.plain-form select,.plain-form textarea{font:inherit;width:100%;min-height:44px;padding:calc(.4*${SPACE}) calc(.6*${SPACE});border:var(--field-border,1px) solid var(--line);border-radius:${RADIUS};background:var(--surface);color:var(--text)}
.plain-form [aria-invalid=true]{border-color:var(--error)}
.plain-form .liuyan-choices{display:flex;flex-wrap:wrap;gap:calc(.5*${SPACE})}
.plain-form .liuyan-choice{font-weight:normal;display:inline-flex;align-items:center;gap:calc(.4*${SPACE});min-height:44px}
.plain-form .liuyan-choice input{margin:0;font:inherit}
.plain-form .liuyan-choice.liuyan-block{display:flex;align-items:flex-start}
.plain-form .liuyan-choice.liuyan-block input{margin-top:calc(.35*${SPACE})}
.plain-form .liuyan-hint{display:block;font-size:.85em}
.plain-form .liuyan-row{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(12em,100%),1fr));gap:${SPACE};align-items:start}
.plain-form .liuyan-required{color:var(--error);margin-left:2px}
.plain-form .liuyan-error{color:var(--error);font-size:.9em;margin:calc(.2*${SPACE}) 0 0}
.plain-form .liuyan-counter{justify-self:end;font-size:.8em}
@media (scripting:none){.plain-form .liuyan-photos{display:none}}
.plain-form .liuyan-photos .liuyan-hint,.plain-form .liuyan-notify .liuyan-hint{margin:1em 0}
.plain-form .liuyan-notify,.plain-form .liuyan-notify .liuyan-choice{display:none}
.plain-form:has(.liuyan-notify-sms):has([name="author.phone"]:not(:placeholder-shown)) .liuyan-notify,.plain-form:has(.liuyan-notify-email):has([name="author.email"]:not(:placeholder-shown)) .liuyan-notify{display:grid}
.plain-form:has([name="author.phone"]:not(:placeholder-shown)) .liuyan-notify-sms,.plain-form:has([name="author.email"]:not(:placeholder-shown)) .liuyan-notify-email{display:flex}
.plain-form .liuyan-add-photos{display:flex;align-items:center;min-height:44px;margin:0}
.plain-form button{font:inherit;min-height:44px;padding:calc(.5*${SPACE}) calc(1.2*${SPACE});border:0;border-radius:${RADIUS};background:var(--primary);color:var(--on-primary);font-weight:600}
`);

/**
 * The stylesheet that comes with the form another website sets into its page (`GET /s/:site/form`),
 * so the form looks as it will once `<liuyan-form>` has taken it over (no jump when it does), and as
 * the write page's without a script: the site's palette in `theme` on `<liuyan-form>` alone, its
 * surface and room until the element is defined (then the element's own, `:host([theme])`), and the
 * form's rules; nothing of the page around it. `theme` null (the widget's loader, for an element with
 * no `theme`): the element's own look, Liuyan's light colours and nothing around the form. Inline, as the form must wait for no file: a page whose
 * Content-Security-Policy allows no inline style allows this one by its hash (`sha256`, base64: the same
 * for every answer of a site in a theme), or shows the form in its own styles.
 */
export function plainFormStyle(site: Pick<Site, 'themeColor'>, theme: HostedTheme | null): string {
  // No theme: as the element with none, Liuyan's own light colours and no surface or room of its own.
  return theme === null
    ? `${themeRules(DEFAULT_COLOR, 'light', 'liuyan-form')}
${PLAIN_FORM_RULES}`
    : `${themeRules(site.themeColor ?? DEFAULT_COLOR, theme, 'liuyan-form')}
liuyan-form:not(:defined){display:block;background:var(--surface);padding:var(--liuyan-theme-padding,.75em)}
${PLAIN_FORM_RULES}`;
}

/** `style` (`plainFormStyle`) as the `<style>` element a page carries, and its hash for a Content-Security-Policy (base64). */
export async function inlineStyle(style: string) {
  return { element: html`<style>${raw(style)}</style>`, sha256: await styleHash(style) };
}

/**
 * The page's one stylesheet. Inline, so a slow network waits for no second file; the CSP allows it
 * by its hash (one per site colour and theme). Its colours are the theme's palette
 * (`hosted/theme.ts`); the site's colour reaches the elements through their public token, and the
 * elements take the page's theme through their `theme` attribute, so they paint the page's surface
 * and need no room of their own around it (`--liuyan-theme-padding`). What the focus is moved to
 * (the receipt's tracking code, a field in error) is scrolled below the sticky tabs, not under them
 * (`scroll-padding-top`: the tabs' 44 px and their border, in em so it grows with the text). Where
 * one line of tabs would not fit, they go two a row (`narrowTabs`); a line a little wider than the
 * screen all the same (a wider font) scrolls sideways, a shadow at each edge with more beyond; a
 * tab's focus ring is drawn inside it, which the strip would otherwise cut at its top and bottom.
 */
/**
 * The tabs where one line of them would be wider than the screen (Chinese at 320 px or on a phone at
 * 200% zoom, English sooner): two a row, every section in view rather than some scrolled off the edge,
 * and the bar scrolls away with the page, so two rows do not stay over a short screen.
 */
const narrowTabs = (root: string) => `${root} .tabs{position:static}${root} .tabs-inner{display:grid;grid-template-columns:1fr 1fr}${root} .tabs a{white-space:normal;padding-inline:4px}${root} .tabs a:last-child:nth-child(odd){grid-column:1/-1}${root}:not(.embed){scroll-padding-top:0}`;

function pageStyle(color: string, theme: HostedTheme): string {
  return `${themeRules(color, theme)}
*{box-sizing:border-box}
body{margin:0;font-family:${FONT_STACK};font-size:16px;line-height:1.6;color:var(--text);background:var(--page);overflow-wrap:anywhere}
a{color:var(--primary)}
.site{background:var(--header);color:#fff;padding:12px 16px}
.site-inner,.tabs-inner,main{max-width:48rem;margin:0 auto}
.site h1{font-size:1.25rem;margin:0;line-height:1.4}
.site h1 small{display:block;font-size:.85rem;font-weight:normal;opacity:.9}
.site a{color:#fff}
.return,.back{display:inline-flex;align-items:center;min-height:44px}
.return{font-size:.9rem}
.langs{display:flex;flex-wrap:wrap;column-gap:.9em;font-size:.85rem}
.langs a,.langs span{display:inline-flex;align-items:center;min-height:44px}
.langs span{font-weight:600;text-decoration:underline 3px;text-underline-offset:.35em}
.langs a{text-decoration-thickness:1px;text-underline-offset:.2em}
.tabs{background:var(--surface);border-bottom:1px solid var(--line);position:sticky;top:0;z-index:1}
html:not(.embed){scroll-padding-top:4em}
.tabs-inner{display:flex;overflow-x:auto;background:linear-gradient(to right,var(--surface) 30%,transparent) left/2.5em 100% no-repeat local,linear-gradient(to left,var(--surface) 30%,transparent) right/2.5em 100% no-repeat local,radial-gradient(farthest-side at 0 50%,rgba(0,0,0,.3),transparent) left/14px 100% no-repeat scroll,radial-gradient(farthest-side at 100% 50%,rgba(0,0,0,.3),transparent) right/14px 100% no-repeat scroll}
.tabs a{flex:1 0 auto;text-align:center;padding:10px 12px;min-height:44px;color:var(--text);text-decoration:none;white-space:nowrap;border-bottom:3px solid transparent}
.tabs a[aria-current=page]{border-bottom-color:var(--primary);color:var(--primary);font-weight:600}
.tabs a:focus-visible{outline:2px solid var(--primary);outline-offset:-4px}
@media (max-width:22em){${narrowTabs('html')}}
@media (max-width:29em){${narrowTabs('html[lang=en]')}}
main{background:var(--surface);padding:16px;min-height:50vh}
html.embed body,html.embed main{background:var(--surface);min-height:0}
html.embed main{padding:8px;max-width:none}
liuyan-form,liuyan-track,liuyan-list,liuyan-stats{--liuyan-color-primary:var(--primary);--liuyan-color-on-primary:var(--on-primary);--liuyan-theme-padding:0}
liuyan-form:not(:defined),liuyan-track:not(:defined),liuyan-list:not(:defined),liuyan-stats:not(:defined){display:block;min-height:6rem;color:var(--muted)}
.late{margin:0;visibility:hidden;animation:late 0s 8s forwards}
@keyframes late{to{visibility:visible}}
@media (scripting:none){.late{display:none}liuyan-track:not(:defined),liuyan-list:not(:defined),liuyan-stats:not(:defined){min-height:0}}
.muted{color:var(--muted)}
.visually-hidden{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.latest{padding-left:1.2em}
.latest li{margin:.4em 0}
.message h2{font-size:1.3rem;margin:.2em 0 .4em;line-height:1.4}
.message h3{font-size:1.05rem;margin:1.4em 0 .4em;border-left:4px solid var(--primary);padding-left:8px}
.badges{margin:0 0 .6em}
.supports{display:flex;flex-wrap:wrap;align-items:center;gap:.3em .8em;margin:.8em 0}
.supports .support{display:inline-flex;align-items:center;gap:.3em;font:inherit;min-height:44px;padding:0 1.2em;border:1px solid var(--primary);border-radius:4px;background:var(--surface);color:var(--primary)}
.supports .pressed{border-color:var(--line);color:var(--text)}
.supports .liuyan-error{flex-basis:100%;color:var(--error);font-size:.9em}
.badge{display:inline-block;font-size:.85rem;padding:0 .5em;margin:0 .3em .3em 0;border:1px solid var(--line);border-radius:4px}
.badge.status{color:#fff;border:0}
.badge.submitted,.badge.overdue{background:#c0000b;color:#fff;border:0}
.badge.accepted{background:#1f5fae}.badge.in_progress{background:#b35300}.badge.replied{background:#1a7f37}.badge.closed{background:#4a5560}
.badge.adopted{border-color:var(--adopted);color:var(--adopted)}
@media (forced-colors:active){.badge.status,.badge.submitted,.badge.overdue{border:1px solid CanvasText}}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0 0 1em}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
.body{white-space:pre-wrap}
.reply{border:1px solid var(--line);border-radius:4px;padding:8px 12px;margin:.6em 0;background:var(--shade)}
.reply.final{border-left:4px solid var(--adopted)}
.reply header{color:var(--text);margin-bottom:.3em}
.photos{list-style:none;margin:.5em 0;padding:0;display:flex;flex-wrap:wrap;gap:.5em}
.photos img{display:block;height:96px;width:auto;max-width:100%;object-fit:cover;border-radius:4px}
.timeline{padding-left:1.2em}
.timeline li{margin:.3em 0}
.adoption{border:1px solid var(--adopted);border-radius:4px;padding:8px 12px}
${PLAIN_FORM_RULES}.receipt{border:2px solid var(--primary);border-radius:4px;padding:16px}
.receipt h2{margin:0 0 8px;font-size:1.2rem}
.receipt .code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.3em;letter-spacing:.04em;color:var(--primary);user-select:all;overflow-wrap:normal;word-break:keep-all}
.receipt .warning{font-weight:600}
`;
}

async function sha256Base64(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

/** A hash per colour and theme: the stylesheet is the same for every page of a site in a theme. */
const styleHashes = new Map<string, Promise<string>>();

function styleHash(style: string): Promise<string> {
  let hash = styleHashes.get(style);
  if (!hash) {
    if (styleHashes.size > 1000) styleHashes.clear();
    hash = sha256Base64(style);
    styleHashes.set(style, hash);
  }
  return hash;
}

/** Where Turnstile's script and its challenge frame come from. */
const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com';

/**
 * The hosted pages' Content-Security-Policy: scripts only from this origin (no inline script, no
 * eval), the one inline stylesheet by its hash, requests only to this origin, and framing only by
 * the site's allowed origins (none: not framed at all). Origins are checked again here, so that a
 * value stored by other means can never add a directive to the header. A site that asks for Cloudflare
 * Turnstile lets the form load its script and frame from Turnstile's origin (what Turnstile documents).
 */
export function contentSecurityPolicy(site: Pick<Site, 'allowedOrigins' | 'turnstileSiteKey'>, styleSha256: string): string {
  const ancestors = site.allowedOrigins.filter(isEmbeddingOrigin);
  const turnstile = site.turnstileSiteKey ? ` ${TURNSTILE_ORIGIN}` : '';
  return [
    "default-src 'none'",
    `script-src 'self'${turnstile}`,
    ...(turnstile ? [`frame-src${turnstile}`] : []),
    `style-src 'self' 'sha256-${styleSha256}'`,
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${ancestors.length > 0 ? ancestors.join(' ') : "'none'"}`,
  ].join('; ');
}

export interface PageInput {
  site: Site;
  locale: Locale;
  /** The absolute address of this page without `?embed=1`: canonical, and og:url. */
  canonical: string;
  /** The address the page was asked by (its query as typed: `?unit=`, `?cursor=`), for its language links; else `canonical`. */
  address?: string;
  title: string;
  /** The tab shown as current; null on a message page. */
  section: Section | null;
  /** Whether the statistics tab is offered (the site has published messages). */
  withStats: boolean;
  /** In an iframe on the site's own pages: no header, no tabs, the height told to the parent. */
  embed: boolean;
  /** The language asked for by `?lang=` (kept in links), null when the page is in the site's language by default. */
  lang: Locale | null;
  /** The theme asked for by `?theme=` (kept in links), null when the page follows the reader's system setting. */
  theme: HostedTheme | null;
  /** More of the head: share metadata, description. */
  head?: HtmlEscapedString | Promise<HtmlEscapedString>;
  /** Whether the page holds Liuyan elements (their loader is then included). */
  elements: boolean;
  main: HtmlEscapedString | Promise<HtmlEscapedString>;
  /** Search engines skip this page (a section of forms, or the embed). */
  noindex?: boolean;
}

/** The languages a hosted page is offered in (`?lang=`), each announced to search engines. */
const HREFLANG_LOCALES: readonly Locale[] = LANGUAGES.map((l) => l.tag);

/**
 * The page in each of its languages, and `x-default` (the site's own language, no `?lang=`) for
 * readers of any other: what `<link rel="alternate" hreflang>` tells search engines, so a Chinese
 * search shows the Chinese page and an English one the English page (Google, "Tell Google about
 * localized versions of your page"). `canonical` is the page's absolute address, with or without `?lang=`.
 */
export function alternates(canonical: string, siteLocale: Locale): [hreflang: string, href: string][] {
  const base = new URL(canonical);
  base.searchParams.delete('lang');
  const href = (lang: Locale | null) => {
    const url = new URL(base);
    if (lang !== null && lang !== siteLocale) url.searchParams.set('lang', lang);
    return url.toString();
  };
  return [...HREFLANG_LOCALES.map((lang): [string, string] => [lang, href(lang)]), ['x-default', href(null)]];
}

/**
 * The page in each language it is offered in, each named in its own language (简体中文, 繁體中文,
 * English), the one shown marked as current: the pages take `?lang=` only, never Accept-Language (a
 * cache keeps one copy of each address), so a reader of Traditional Chinese or English who followed a
 * link without it switches here, to the same address: the theme asked for and the rest of the query
 * (`?unit=`, `?cursor=`) go along.
 */
function languageLinks(p: PageInput, label: string) {
  const url = new URL(p.address ?? p.canonical);
  // The rest of the query as asked (the unit preselected, the board's page), the view's own set anew.
  const rest = new URLSearchParams(url.search);
  for (const own of ['lang', 'embed', 'theme']) rest.delete(own);
  // `hostedHref` always starts a query here: the language is set.
  const href = (lang: Locale) => [hostedHref(url.pathname, { embed: false, lang, theme: p.theme }), ...(rest.size > 0 ? [rest] : [])].join('&');
  return html`<nav class="langs" aria-label="${label}">${LANGUAGES.map((l) => (l.tag === p.locale
    ? html`<span lang="${l.tag}" aria-current="true">${l.name}</span>`
    : html`<a href="${href(l.tag)}" hreflang="${l.tag}" lang="${l.tag}">${l.name}</a>`))}</nav>`;
}

/** The whole document, and the CSP that must be sent with it. */
export async function renderPage(p: PageInput): Promise<{ body: string; csp: string }> {
  const t = hostedStrings(p.locale, p.site.stringOverrides);
  const color = p.site.themeColor ?? DEFAULT_COLOR;
  const style = pageStyle(color, p.theme ?? 'auto');
  const siteId = p.site.id;
  const tabs = SECTIONS.filter((s) => s !== 'stats' || p.withStats);
  const body = await html`<!doctype html>
<html lang="${p.locale}"${p.embed ? raw(' class="embed"') : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="format-detection" content="telephone=no">
<meta name="theme-color" content="${color}">
${p.noindex || p.embed ? raw('<meta name="robots" content="noindex">\n') : ''}<title>${p.title}</title>
<link rel="canonical" href="${p.canonical}">
${p.embed ? '' : alternates(p.canonical, pickLocale(p.site.locale)).map(([lang, href]) => html`<link rel="alternate" hreflang="${lang}" href="${href}">\n`)}<link rel="icon" href="data:,">
${p.head ?? ''}<style>${raw(style)}</style>
<script type="module" src="/hosted/hosted.js"></script>
${p.elements ? raw('<script type="module" src="/widget/liuyan.js"></script>\n') : ''}</head>
<body data-site="${siteId}"${p.embed ? raw(' data-embed="1"') : ''}${p.lang ? html` data-lang="${p.lang}"` : ''}${p.theme ? html` data-theme="${p.theme}"` : ''}>
${p.embed ? '' : html`<header class="site"><div class="site-inner">
${p.site.returnUrl && p.site.returnLabel ? html`<a class="return" href="${p.site.returnUrl}">‹ ${p.site.returnLabel}</a>` : ''}
<h1>${written(p.site.name, p.locale)}<small>${t.boardName}</small></h1>
${languageLinks(p, t.languagesLabel)}
</div></header>
<nav class="tabs" aria-label="${t.sectionsLabel}"><div class="tabs-inner">
${tabs.map((s) => html`<a href="${hostedHref(sectionPath(siteId, s), { embed: false, lang: p.lang, theme: p.theme })}"${s === p.section ? raw(' aria-current="page"') : ''}>${t.sections[s]}</a>`)}
</div></nav>
`}<main>
${p.main}
</main>
</body>
</html>
`;
  return { body: body.toString(), csp: contentSecurityPolicy(p.site, await styleHash(style)) };
}

/** Where Liuyan's own share image is served (a static asset: worker/src/hosted/share.png, copied by the build). */
export const DEFAULT_SHARE_IMAGE = { path: '/hosted/share.png', type: 'image/png', width: 600, height: 600 } as const;

/**
 * The share card's image: Open Graph's og:image (read by WeChat when a page is shared without its
 * JS-SDK, and by QQ, Weibo and others), and schema.org's, which some in-app browsers read instead.
 * WeChat wants an absolute address of a PNG or JPEG of at least 300×300: the site's own https image,
 * else Liuyan's (whose type and size are known, so they are said too). `origin`: this service's.
 */
export function shareImageHead(site: Pick<Site, 'shareImageUrl'>, origin: string) {
  const own = site.shareImageUrl;
  const image = own ?? `${origin}${DEFAULT_SHARE_IMAGE.path}`;
  return html`<meta property="og:image" content="${image}">
${own ? '' : html`<meta property="og:image:type" content="${DEFAULT_SHARE_IMAGE.type}">
<meta property="og:image:width" content="${DEFAULT_SHARE_IMAGE.width}">
<meta property="og:image:height" content="${DEFAULT_SHARE_IMAGE.height}">
`}<meta itemprop="image" content="${image}">
`;
}

/** Share metadata of the board: the site's name, its address, its image. `url` is the page's canonical address. */
export function boardHead(site: Site, t: HostedStrings, url: string, origin: string) {
  // 示范县人民政府领导留言板; with a space before a name in letters (示范县人民政府 Message board).
  const title = `${site.name}${/^\p{Script=Latin}/u.test(t.boardName) ? ' ' : ''}${t.boardName}`;
  return html`<meta property="og:type" content="website">
<meta property="og:title" content="${title}">
<meta property="og:url" content="${url}">
<meta property="og:site_name" content="${site.name}">
${shareImageHead(site, origin)}`;
}

/** `{section} - {site}`. */
export const pageTitle = (t: HostedStrings, section: string, siteName: string) => format(t.pageTitle, { section, site: siteName });

/**
 * `text` written by a citizen, an official or the site, as it goes into a page in `locale`: in
 * `<span lang="zh">` where `writtenLang` marks it (Chinese text on an English page), else as it is.
 */
export function written(text: string, locale: Locale) {
  return writtenLang(text, locale) ? html`<span lang="zh">${text}</span>` : text;
}
