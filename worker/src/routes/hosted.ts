import type { Context } from 'hono';
import { html } from 'hono/html';
import { pickLocale, type Locale } from '../../../sdk/src/error-messages';
import { newRouteGroup } from '../app';
import { listPublicMessages } from '../db/board';
import type { SiteDatabase } from '../db/client';
import { publicMessageView } from '../db/message-views';
import type { Site } from '../db/sites';
import { loadSite } from '../middleware/site-scope';
import type { AppEnv } from '../env';
import { messageHead, messageMain } from '../hosted/message-page';
import { hostedStrings, inEmbed, messagePath, pageTitle, renderPage, sectionPath, type PageInput, type Section } from '../hosted/page';

/**
 * The hosted board: a whole page per section for the link a county puts in its WeChat menu or app
 * (/s/:site/ the board, /write, /track, /stats), and a server-rendered page per public message
 * (/s/:site/messages/:id). `?embed=1` gives the same pages without the header and tabs, for an
 * iframe on the site's own website (they tell the parent their height: widget/src/hosted/hosted.ts).
 * A site that turned its hosted pages off, an unknown site, and anything that is not a published
 * public message answer one plain 404.
 */
export const hosted = newRouteGroup();

/** Liuyan elements render in the page's language: the site's. */
const localeOf = (site: Site): Locale => pickLocale(site.locale);

/** The ids the service makes are short; anything longer is not one (and is not looked up). */
const ID_MAX = 64;

/** A 404 that says nothing of why: an unknown site, hosted pages turned off. Never framed. */
function bareNotFound(c: Context<AppEnv>) {
  const t = hostedStrings('zh-CN');
  c.header('Content-Security-Policy', "default-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  c.header('Cache-Control', 'public, max-age=60');
  return c.html(html`<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${t.notFoundTitle}</title></head>
<body><h1>${t.notFoundTitle}</h1><p>${t.notFound}</p></body>
</html>
`, 404);
}

/**
 * The site when its hosted pages are on, with its database (kept on the context for the cost log),
 * its language, the page's words and whether the page is framed (`?embed=1`); null otherwise.
 */
async function hostedSite(c: Context<AppEnv>) {
  const found = await loadSite(c);
  if (!found?.site.hostedPages) return null;
  const locale = localeOf(found.site);
  return { ...found, locale, t: hostedStrings(locale), embed: isEmbed(c) };
}

/** Whether the statistics tab has anything to show: one row read off the board's index. */
async function hasPublishedMessages(db: SiteDatabase, siteId: string): Promise<boolean> {
  const row = await db.first(
    db.q.selectFrom('messages').select('id')
      .where('site_id', '=', siteId).where('moderation', '=', 'published').where('is_public', '=', 1)
      .limit(1),
  );
  return row !== null;
}

async function send(c: Context<AppEnv>, page: PageInput, status: 200 | 404 = 200) {
  const { body, csp } = await renderPage(page);
  c.header('Content-Security-Policy', csp);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  if (status === 404) c.header('Cache-Control', 'public, max-age=60');
  return c.html(body, status);
}

const absolute = (c: Context<AppEnv>, path: string) => `${new URL(c.req.url).origin}${path}`;
const isEmbed = (c: Context<AppEnv>) => c.req.query('embed') === '1';

// /s/demo → /s/demo/ (relative links and the canonical address are the board's).
hosted.get('/s/:site', (c) => {
  const url = new URL(c.req.url);
  return c.redirect(`${url.pathname}/${url.search}`, 308);
});

/** The element of each section (the service's own: its `api` is where its script came from). */
const ELEMENTS: Record<Section, (siteId: string) => ReturnType<typeof html>> = {
  board: (siteId) => html`<liuyan-list site="${siteId}"></liuyan-list>`,
  write: (siteId) => html`<liuyan-form site="${siteId}"></liuyan-form>`,
  track: (siteId) => html`<liuyan-track site="${siteId}"></liuyan-track>`,
  stats: (siteId) => html`<liuyan-stats site="${siteId}"></liuyan-stats>`,
};

function sectionRoute(section: Section) {
  return async (c: Context<AppEnv>) => {
    const found = await hostedSite(c);
    if (!found) return bareNotFound(c);
    const { site, db, locale, t, embed } = found;
    const now = new Date();
    // The board lists its latest messages for readers without scripts and for search engines: each
    // is a link to its own page.
    const [withStats, latest] = await Promise.all([
      hasPublishedMessages(db, site.id),
      section === 'board' ? listPublicMessages(db, site, { limit: 20 }, now).then((page) => page.items) : Promise.resolve(null),
    ]);
    const main = html`${ELEMENTS[section](site.id)}
<noscript><p class="muted">${t.needsScript}</p>${latest ? html`
<h2>${t.latest}</h2>
${latest.length === 0 ? html`<p class="muted">${t.noMessages}</p>` : html`<ul class="latest">${latest.map((m) => html`
<li><a href="${inEmbed(messagePath(site.id, m.id), embed)}">${m.title}</a> <span class="muted">${m.unit.name}</span></li>`)}
</ul>`}` : ''}</noscript>`;
    return send(c, {
      site, locale, embed, withStats, section, elements: true, main,
      canonical: absolute(c, sectionPath(site.id, section)),
      title: pageTitle(t, t.sections[section], site.name),
      // The forms are the same on every site; the board is what is worth finding.
      noindex: section !== 'board',
    });
  };
}

hosted.get('/s/:site/', sectionRoute('board'));
hosted.get('/s/:site/write', sectionRoute('write'));
hosted.get('/s/:site/track', sectionRoute('track'));
hosted.get('/s/:site/stats', sectionRoute('stats'));

hosted.get('/s/:site/messages/:id', async (c) => {
  const found = await hostedSite(c);
  if (!found) return bareNotFound(c);
  const { site, db, locale, t, embed } = found;
  const id = c.req.param('id');
  // Private, pending, rejected and hidden messages answer exactly like missing ones.
  const [message, withStats] = await Promise.all([
    id.length <= ID_MAX ? publicMessageView(db, site.id, id, new Date()) : Promise.resolve(null),
    hasPublishedMessages(db, site.id),
  ]);
  const boardHref = inEmbed(sectionPath(site.id, 'board'), embed);
  if (!message) {
    return send(c, {
      site, locale, embed, withStats, section: null, elements: false, noindex: true,
      canonical: absolute(c, sectionPath(site.id, 'board')),
      title: pageTitle(t, t.notFoundTitle, site.name),
      main: html`<p><a href="${boardHref}">‹ ${t.toBoard}</a></p><h2>${t.notFoundTitle}</h2><p>${t.notFound}</p>`,
    }, 404);
  }
  const canonical = absolute(c, messagePath(site.id, message.id));
  return send(c, {
    site, locale, embed, withStats, section: null, elements: false, canonical,
    title: pageTitle(t, message.title, site.name),
    head: messageHead(message, site.name, canonical),
    main: messageMain(message, locale, t, boardHref),
  });
});

// Any other address under a site's board is no page of it (registered last: the pages above come
// first), except a page's address typed or pasted with a slash at the end: that page.
hosted.get('/s/:site/*', (c) => {
  const url = new URL(c.req.url);
  const page = /^(\/s\/[^/]+\/(?:write|track|stats|messages\/[^/]+))\/$/.exec(url.pathname)?.[1];
  return page ? c.redirect(`${page}${url.search}`, 308) : bareNotFound(c);
});
