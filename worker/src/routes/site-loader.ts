import type { ExecutionContext, Handler } from 'hono';
import { DEFAULT_LOCALE, pickLocale } from '../../../sdk/src/languages';
import { LOADER_KEY, PRELOADED_KEY, siteConfigAddress, siteFormAddress } from '../../../sdk/src/preloaded';
import { SiteFormQuerySchema } from '../../../sdk/src/schemas/site';
import type { AppEnv, Env } from '../env';
import { ApiError, fieldProblemsOf } from '../errors';
import { PUBLIC_MAX_AGE } from '../../../sdk/src/limits';

/** Where the widget's loader is among the static assets (public/widget/liuyan.js, built by scripts/build-widget.ts). */
const LOADER_PATH = '/widget/liuyan.js';

/** The loader's last line naming its source map (relative to its own address; its lines are one further down here). */
export const SOURCE_MAP_LINE = /\n\/\/# sourceMappingURL=\S+\s*$/;

/** The worker's own app, asked for the answers a site's loader carries, exactly as a browser would ask. */
interface App {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response>;
}

/**
 * `GET /s/:site/liuyan.js`: the widget's loader with the two answers it would ask for first on a page
 * with `<liuyan-form site=":site">` already in it: the site config (`GET /v1/sites/:site`) and the form
 * as data (`GET /v1/sites/:site/form`, for `?lang=`, `?theme=`, `?unit=`, `?campaign=` as that route;
 * zh-CN when no `lang`). A page holding only this one script then has a form to write in one round
 * trip after the page, where the shared loader takes two: itself, then the form (562.5 ms each on
 * Slow 4G; bench/README.md). Each answer is the route's own, asked for with the page's `Origin`, so a
 * website the site does not allow or an unknown site gets none (the loader then asks, and is answered,
 * as without them), and a site without hosted pages no form (`form: null`); an answer the element asks for under another address
 * (another language or theme on the page) is not used, and that one is fetched.
 *
 * The answers are kept where the loader keeps those it fetched itself (`PRELOADED_KEY`, ui/preload.ts),
 * and the loader's own address is given (`LOADER_KEY`), as its element files are named relative to it.
 * A module script: `Access-Control-Allow-Origin: *` (as the widget's files), `Vary: Origin`, a minute
 * of shared cache (as the config). `lang` is read as the elements read a page's (`en-US` → en); any
 * other wrong value (a theme the elements do not know, an id too long) carries nothing, and the
 * script says so in the browser's console, naming each parameter and its code: a page is never left
 * without its elements for a typing error in an address.
 */
export function siteLoader(app: App): Handler<AppEnv> {
  return async (c) => {
    const here = new URL(c.req.url);
    // The language as the element reads the page's (`<html lang="en-US">` → en), so a page's own tag serves.
    const lang = pickLocale(c.req.query('lang') ?? DEFAULT_LOCALE);
    const asked = SiteFormQuerySchema.omit({ lang: true }).safeParse(c.req.query());
    const loaderAddress = new URL(LOADER_PATH, here).href;
    const site = c.req.param('site') ?? '';
    const origin = c.req.header('Origin');
    // A wrong value carries nothing (the loader then asks as the shared one does, so the page works),
    // and the browser's console names each parameter with its code, for the page's author.
    const addresses = asked.success ? [siteConfigAddress(here.origin, site), siteFormAddress(here.origin, site, { ...asked.data, lang })] : [];
    const [loader, ...answers] = await Promise.all([
      c.env.ASSETS.fetch(loaderAddress),
      ...addresses.map((address) => app.fetch(new Request(address, { headers: { Accept: 'application/json', ...(origin ? { Origin: origin } : {}) } }), c.env, c.executionCtx)),
    ]);
    if (!loader!.ok) throw new ApiError('not_found');
    const kept = await Promise.all(answers.map(async (answer, i) => (answer.status === 200 ? [addresses[i]!, await answer.text()] as const : null)));
    const wrong = asked.success ? [] : fieldProblemsOf(asked.error).map((problem) => `${problem.field} (${problem.code})`);
    const prelude = [
      ...(wrong.length > 0 ? [`console.warn(${JSON.stringify(`Liuyan: ${here.pathname} carries no form or config, for a wrong ${wrong.join(', ')} in its address; see ${here.origin}/openapi.json, getSiteForm`)});`] : []),
      `globalThis[Symbol.for(${JSON.stringify(LOADER_KEY)})]=${JSON.stringify(loaderAddress)};`,
      `{const kept=globalThis[Symbol.for(${JSON.stringify(PRELOADED_KEY)})]??=new Map();`,
      ...kept.flatMap((entry) => (entry ? [`kept.set(${JSON.stringify(entry[0])},Promise.resolve(new Response(${JSON.stringify(entry[1])},{headers:{"Content-Type":"application/json"}})));`] : [])),
      '}',
    ].join('');
    // Its source map would not match: left out.
    const source = (await loader!.text()).replace(SOURCE_MAP_LINE, '\n');
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Vary', 'Origin');
    c.header('Cache-Control', `public, max-age=${PUBLIC_MAX_AGE.site}`);
    return c.body(`${prelude}\n${source}`, 200);
  };
}
