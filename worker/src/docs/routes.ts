import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { apiDocument } from '../openapi';
import { DOCS_STYLESHEET } from './docs-css';
import { renderDocs, type DocsLocale } from './render';

/**
 * What a docs page may load: its own stylesheet, nothing else (no script at all, no third-party host).
 */
const DOCS_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The description changes only with a deploy: five minutes of shared caching spare the CPU that builds it. */
const CACHE = 'public, max-age=300';

/**
 * `GET /openapi.json` (the OpenAPI 3.1 document), `GET /docs` (the reference in Chinese),
 * `GET /docs/en` (in English) and `GET /docs/docs.css` (`/docs/` and `/docs/en/` redirect to them), on the root app: the document describes
 * every route registered on it, so it is built on each request from the app itself.
 */
export function registerApiDocs(app: OpenAPIHono<AppEnv>) {
  app.get('/openapi.json', (c) => {
    c.header('Cache-Control', CACHE);
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(apiDocument(app, new URL(c.req.url).origin), 200);
  });

  const page = (locale: DocsLocale) => app.get(locale === 'en' ? '/docs/en' : '/docs', (c) => {
    c.header('Content-Security-Policy', DOCS_CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', CACHE);
    return c.html(renderDocs(apiDocument(app, new URL(c.req.url).origin), locale), 200);
  });
  page('zh-CN');
  page('en');
  // People type and paste the addresses with a slash at the end: the page, not a JSON 404.
  for (const [slashed, page] of [['/docs/', '/docs'], ['/docs/en/', '/docs/en']] as const) {
    app.get(slashed, (c) => c.redirect(`${page}${new URL(c.req.url).search}`, 308));
  }

  app.get('/docs/docs.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', CACHE);
    return c.body(DOCS_STYLESHEET, 200);
  });
}
