import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureDevVars, migrate, root, seed, startWorker, stopWorker, waitUntilUp } from '../scripts/local-stack';
import { seedNational } from '../scripts/seed-national';
import { PORTS } from './ports';

/** A county page with only the form, embedding it from the service's origin with README's faster embed code. */
function formOnlyPage(workerOrigin: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>给领导留言</title>
<script type="module" src="${workerOrigin}/widget/liuyan.js"></script>
<link rel="modulepreload" href="${workerOrigin}/widget/alone/liuyan-form.js">
<link rel="preload" as="fetch" crossorigin href="${workerOrigin}/v1/sites/demo">
</head><body><liuyan-form site="demo"></liuyan-form></body></html>`;
}

/**
 * The county's page holding the form the service gave it (`form`); its own heading has the id `title`,
 * as the form's title field would without its prefix, and its style sheet a CSS framework's `.row`, `.label`, `.field`.
 */
const includedPage = (workerOrigin: string, form: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>示范县人民政府 · 给领导留言</title>
<script type="module" src="${workerOrigin}/widget/liuyan.js"></script>
<style>.row{display:flex;margin:0 -15px}.label{padding:.2em .6em;font-size:75%;background:#777;color:#fff}.field{border:3px solid #f0f}</style>
</head><body>
<h1 id="title">示范县人民政府 · 给领导留言</h1>
${form}
<footer id="body">示范县人民政府办公室 主办</footer>
</body></html>
`;

/** A county website on its own origin, embedding the widget from the service's origin. */
async function hostSite(port: number, workerOrigin: string): Promise<Server> {
  const page = (await readFile(path.join(root, 'examples/gov-site/index.html'), 'utf8'))
    .replace('src="/widget/liuyan.js"', `src="${workerOrigin}/widget/liuyan.js"`);
  const server = createServer((request, response) => {
    if (request.url === '/favicon.ico') return void response.writeHead(404).end();
    // A CMS page that allows no script of the service's: the hosted board in an iframe, and the helper that sizes it.
    if (request.url === '/iframe-embed.html') return void response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(iframeHostPage(workerOrigin));
    if (request.url === '/iframe-board.html') return void response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(iframeBoardPage(workerOrigin));
    // The county's page with the form set into its HTML, fetched from the service as it is served (a server-side include: README, "The form in your page's own HTML").
    const url = new URL(request.url ?? '/', 'http://x');
    // `?site=xss`: another site's form than the demo's (e2e/xss.test.ts).
    const site = /^[a-z0-9-]+$/.test(url.searchParams.get('site') ?? '') ? url.searchParams.get('site')! : 'demo';
    if (url.pathname === '/included.html') {
      return void fetch(`${workerOrigin}/s/${site}/form`).then((r) => r.text()).then((form) => {
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(includedPage(workerOrigin, form));
      }, () => response.writeHead(502).end());
    }
    // A page with only the form, naming its file and the site config beside the loader (README, "A faster first form").
    if (request.url === '/form-only.html') return void response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(formOnlyPage(workerOrigin));
    // Two forms on one page: the loader builds a form before the element's file for the first only (its ids are fixed).
    if (request.url === '/two-forms.html') return void response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(twoFormsPage(workerOrigin));
    // Nothing but the site's own loader (the config and the form as data in it) and the form; `?lang=` the page's language.
    if (url.pathname === '/site-loader.html') {
      const lang = /^[A-Za-z-]+$/.test(url.searchParams.get('lang') ?? '') ? url.searchParams.get('lang')! : 'zh-CN';
      return void response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(siteLoaderPage(workerOrigin, lang));
    }
    // Nothing but the loader and one form of `?site=` (the loader builds its form: e2e/xss.test.ts).
    if (url.pathname === '/one-form.html') {
      const theme = /^[a-z-]+$/.test(url.searchParams.get('theme') ?? '') ? url.searchParams.get('theme') : null;
      return void response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(oneFormPage(workerOrigin, site, theme));
    }
    // The page under the Content-Security-Policy a test names (`/strict?csp=…`, e2e/embedding.test.ts);
    // `&loader=site`: with the site's own loader in place of the shared one.
    if (url.pathname === '/strict') {
      const body = url.searchParams.get('loader') === 'site' ? page.replace(`${workerOrigin}/widget/liuyan.js`, `${workerOrigin}/s/demo/liuyan.js`) : page;
      return void response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': url.searchParams.get('csp') ?? '' }).end(body);
    }
    const lang = url.searchParams.get('lang');
    // `?lang=en`, `?lang=zh-TW` …: the county's page in that language (its `<html lang>`).
    const body = lang && /^[A-Za-z-]+$/.test(lang) ? page.replace('<html lang="zh-CN">', `<html lang="${lang}">`) : page;
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

/** A page in `lang` with nothing but the demo site's own loader (README, "One script for one site") and the form. */
const siteLoaderPage = (workerOrigin: string, lang: string) => `<!doctype html>
<html lang="${lang}"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>给领导留言</title>
<script type="module" src="${workerOrigin}/s/demo/liuyan.js"></script>
<liuyan-form site="demo"></liuyan-form>
</html>
`;

/** A page with nothing but the loader and `site`'s form, in `theme` where one is given. */
const oneFormPage = (workerOrigin: string, site: string, theme: string | null) => `<!doctype html>
<html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>给领导留言</title>
<script type="module" src="${workerOrigin}/widget/liuyan.js"></script>
<liuyan-form site="${site}"${theme ? ` theme="${theme}"` : ''}></liuyan-form>
</html>
`;

/** A page with two forms of the site, the second in English. */
const twoFormsPage = (workerOrigin: string) => `<!doctype html>
<html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>示范县人民政府 · 两个留言表单</title>
<script type="module" src="${workerOrigin}/widget/liuyan.js"></script>
<liuyan-form site="demo"></liuyan-form>
<liuyan-form site="demo" lang="en"></liuyan-form>
</html>
`;

/** The county's CMS page embedding the hosted form by iframe (README → "An iframe, for CMSs that strip scripts"). */
const iframeHostPage = (workerOrigin: string) => `<!doctype html>
<html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>示范县人民政府 · 领导留言</title>
<h1>示范县人民政府 · 领导留言</h1>
<iframe src="${workerOrigin}/s/demo/write?embed=1" title="给领导留言" width="100%" height="600" frameborder="0"></iframe>
<script src="${workerOrigin}/embed.js" async></script>
</html>
`;

/** A CMS page with the hosted board in an iframe between the county's own (tall) content and footer. */
const iframeBoardPage = (workerOrigin: string) => `<!doctype html>
<html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>示范县人民政府 · 留言选登</title>
<h1 style="height:900px;margin:0">示范县人民政府 · 留言选登</h1>
<iframe src="${workerOrigin}/s/demo/?embed=1" title="留言选登" width="100%" height="600" frameborder="0"></iframe>
<footer style="height:900px">示范县人民政府办公室 主办</footer>
<script src="${workerOrigin}/embed.js" async></script>
</html>
`;

/** Whether something answers on the port already (a stack left over from an interrupted run, say). */
async function answers(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

export default async function setup(project: TestProject) {
  // The tests would otherwise talk to that other service while reading this run's database.
  for (const port of Object.values(PORTS)) {
    if (await answers(port)) throw new Error(`port ${port} is already in use (an earlier run still up?); stop it, or set E2E_PORT_BASE`);
  }
  const persistTo = await mkdtemp(path.join(tmpdir(), 'liuyan-e2e-'));
  const workerOrigin = `http://127.0.0.1:${PORTS.worker}`;
  const hostOrigin = `http://127.0.0.1:${PORTS.host}`;
  const keys = ensureDevVars();
  migrate(persistTo);
  // Every test writes from this machine's one address, many a minute: the demo site's caps per address
  // and per site are raised for the run (its cap per phone stays, and is tested).
  await seed(keys, { port: PORTS.worker, persistTo, extraOrigins: [hostOrigin], submissionLimits: { perAddressHour: 10_000, perSiteMinute: 10_000 } });
  // A site whose tree (~2,400 units) is too large for its config: the picker loads levels and searches.
  await seedNational({ siteId: 'national', origins: [hostOrigin], persistTo, provinces: 3, cities: { min: 4, max: 5 }, counties: { min: 4, max: 6 } });
  const worker = startWorker({ port: PORTS.worker, persistTo, localTraces: false }, 'ignore');
  const servers = [await hostSite(PORTS.host, workerOrigin), await hostSite(PORTS.foreign, workerOrigin)];
  await waitUntilUp(PORTS.worker);
  project.provide('persistTo', persistTo);

  return async () => {
    for (const server of servers) server.close();
    stopWorker(worker);
    await rm(persistTo, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    persistTo: string;
  }
}
