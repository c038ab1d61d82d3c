// GET /s/:site/liuyan.js: the widget's loader carrying the site config and the form as data, the two
// answers it would otherwise ask for once it had come (a round trip on a slow phone).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createSite, request } from '../../test/fixtures';
import { SOURCE_MAP_LINE } from './site-loader';

/** The answers a site's loader carries, by address, as the page will find them (each answer's text). */
function carried(script: string): Map<string, string> {
  const kept = new Map<string, string>();
  for (const [, address, text] of script.matchAll(/kept\.set\(("[^"]*"),Promise\.resolve\(new Response\(("(?:[^"\\]|\\.)*")/g)) {
    kept.set(JSON.parse(address!) as string, JSON.parse(text!) as string);
  }
  return kept;
}

/** The widget's loader as the static assets serve it, without its source map's line. */
async function sharedLoader(): Promise<string> {
  const answer = await env.ASSETS.fetch('https://liuyan.test/widget/liuyan.js');
  expect(answer.status).toBe(200);
  return (await answer.text()).replace(SOURCE_MAP_LINE, '\n');
}

describe('a site’s own loader (GET /s/:site/liuyan.js)', () => {
  it('is the widget’s loader with the site config and the form as data the page would ask for, each the route’s own answer', async () => {
    const { siteId } = await createSite();
    const response = await request(`/s/${siteId}/liuyan.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    // A module script from another website's page: readable by any (the widget's files are too).
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.get('Vary')).toContain('Origin');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=60');
    const script = await response.text();
    expect(script.endsWith(await sharedLoader())).toBe(true);
    // Its element files are named relative to the widget's loader, not to this address.
    expect(script).toContain('globalThis[Symbol.for("liuyan.loader")]="https://liuyan.test/widget/liuyan.js";');
    expect(script).not.toContain('sourceMappingURL');

    const kept = carried(script);
    const config = `https://liuyan.test/v1/sites/${siteId}`;
    const form = `https://liuyan.test/v1/sites/${siteId}/form?lang=zh-CN`;
    expect([...kept.keys()]).toEqual([config, form]);
    expect(kept.get(config)).toBe(await (await request(`/v1/sites/${siteId}`)).text());
    expect(kept.get(form)).toBe(await (await request(`/v1/sites/${siteId}/form`)).text());
    expect(JSON.parse(kept.get(form)!).form.tag).toBe('form');
  });

  it('carries the form in the language, theme and unit asked for, under the address the element asks for it', async () => {
    const { siteId, eduUnit } = await createSite();
    const kept = carried(await (await request(`/s/${siteId}/liuyan.js?unit=${eduUnit}&theme=dark&lang=en`)).text());
    const address = `https://liuyan.test/v1/sites/${siteId}/form?lang=en&theme=dark&unit=${eduUnit}`;
    expect(kept.get(address)).toBe(await (await request(`/v1/sites/${siteId}/form?lang=en&theme=dark&unit=${eduUnit}`)).text());
    expect(kept.get(address)).not.toContain('提交留言');
  });

  it('carries nothing for a website the site does not allow or an unknown site (the loader alone, which then asks as always), and no form for a site without hosted pages', async () => {
    const { siteId } = await createSite();
    const loader = await sharedLoader();
    const foreign = await request(`/s/${siteId}/liuyan.js`, { origin: 'https://county.example.net' });
    expect(foreign.status).toBe(200);
    const foreignScript = await foreign.text();
    expect(carried(foreignScript).size).toBe(0);
    expect(foreignScript).not.toContain('测试县');
    expect(foreignScript.endsWith(loader)).toBe(true);

    await env.DB.prepare('UPDATE sites SET hosted_pages = 0 WHERE id = ?').bind(siteId).run();
    const withoutPages = carried(await (await request(`/s/${siteId}/liuyan.js`)).text());
    // The config, and no form: the element draws its own, with nothing more to ask for first.
    expect(JSON.parse(withoutPages.get(`https://liuyan.test/v1/sites/${siteId}/form?lang=zh-CN`)!)).toEqual({ form: null, style: null });

    const unknown = await request('/s/no-such-site/liuyan.js');
    expect(unknown.status).toBe(200);
    expect(carried(await unknown.text()).size).toBe(0);
  });

  it('reads its language as the elements read a page’s; with any other wrong value carries nothing and names it in the console, the page keeping its loader', async () => {
    const { siteId } = await createSite();
    const english = carried(await (await request(`/s/${siteId}/liuyan.js?lang=en-US`)).text());
    expect(english.has(`https://liuyan.test/v1/sites/${siteId}/form?lang=en`)).toBe(true);
    const wrong = await request(`/s/${siteId}/liuyan.js?theme=pink&unit=${'u'.repeat(65)}`);
    expect(wrong.status).toBe(200);
    expect(wrong.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const script = await wrong.text();
    expect(carried(script).size).toBe(0);
    expect(script).toMatch(/^console\.warn\("Liuyan: \/s\/[^/]+\/liuyan\.js carries no form or config, for a wrong theme \(invalid_choice\), unit \(too_long\) in its address/);
    expect(script.endsWith(await sharedLoader())).toBe(true);
  });
});
