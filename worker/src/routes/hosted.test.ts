import { describe, expect, it } from 'vitest';
import type { SiteSettings } from '../../../sdk/src/schemas/admin';
import {
  addReply, ALLOWED_ORIGIN, AUTHOR, createSite, d1Cost, db, expectNoPersonalData, expectProblem, request, seedMessages, submit, validMessage,
} from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';

/** A hosted page as a browser asks for it: no Origin header on a navigation. */
const page = (path: string, headers: Record<string, string> = {}) => request(path, { origin: null, headers, redirect: 'manual' });

/** The value of one `<meta property|name="…" content="…">`, as written in the page. */
function meta(body: string, key: string): string | undefined {
  return new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)">`).exec(body)?.[1];
}

async function setSite(siteId: string, changes: Record<string, unknown>) {
  const admin = await createOfficial(siteId, 'admin');
  const response = await consoleRequest('/v1/admin/site', { as: admin, method: 'PATCH', body: changes });
  return response;
}

describe('GET /s/:site/messages/:id', () => {
  it('renders a public message, its replies and timeline as HTML, every text escaped, with share metadata and its canonical address', async () => {
    const { siteId, eduUnit } = await createSite();
    const title = '<script>alert("标题")</script>路灯&不亮';
    const [id] = await seedMessages(siteId, [{
      unitId: eduUnit, title, body: '城关镇<img src=x onerror=alert(1)>东街的路灯\n已经坏了三个月。', status: 'replied',
    }]);
    await addReply(id!, { unitId: eduUnit, body: '已安排<b>维修</b>，本周内修复。' });

    const response = await page(`/s/${siteId}/messages/${id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html; charset=UTF-8/i);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=60');
    expect(response.headers.get('ETag')).toBeTruthy();
    const body = await response.text();

    // What the citizen and the unit wrote is text, never markup.
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img src=x');
    expect(body).not.toContain('<b>维修</b>');
    expect(body).toContain('<h2>&lt;script&gt;alert(&quot;标题&quot;)&lt;/script&gt;路灯&amp;不亮</h2>');
    expect(body).toContain('城关镇&lt;img src=x onerror=alert(1)&gt;东街的路灯\n已经坏了三个月。');
    expect(body).toContain('已安排&lt;b&gt;维修&lt;/b&gt;，本周内修复。');
    // Its unit, its status, who replied, the public timeline, the site's name.
    expect(body).toContain('<dd>测试县教育局</dd>');
    expect(body).toContain('<span class="badge status replied">已回复</span>');
    expect(body).toMatch(/<header>测试县教育局 · 正式回复 · <time/);
    expect(body).toMatch(/<li><time[^>]*>[^<]*<\/time> 提交留言 · 测试县教育局<\/li>/);
    expect(body).toContain('<h1>测试县人民政府<small>领导留言板</small></h1>');

    const url = `https://liuyan.test/s/${siteId}/messages/${id}`;
    expect(body).toContain(`<link rel="canonical" href="${url}">`);
    expect(meta(body, 'og:url')).toBe(url);
    expect(meta(body, 'og:type')).toBe('article');
    expect(meta(body, 'og:title')).toBe('&lt;script&gt;alert(&quot;标题&quot;)&lt;/script&gt;路灯&amp;不亮');
    expect(meta(body, 'og:description')).toBe('城关镇&lt;img src=x onerror=alert(1)&gt;东街的路灯 已经坏了三个月。');
    expect(meta(body, 'og:site_name')).toBe('测试县人民政府');
    expect(body).toContain(`<title>&lt;script&gt;alert(&quot;标题&quot;)&lt;/script&gt;路灯&amp;不亮 - 测试县人民政府</title>`);
    expect(body).not.toContain('name="robots"');
  });

  it('cuts a long message to a share card’s length, by characters', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit, body: `𠮷${'路'.repeat(200)}` }]);
    const description = meta(await (await page(`/s/${siteId}/messages/${id}`)).text(), 'og:description')!;
    expect([...description]).toHaveLength(120);
    expect(description).toMatch(/^𠮷路+…$/);
  });

  it('answers 404 for a private, pending, rejected, hidden or unknown message and another site’s, and no personal data on the page', async () => {
    const { siteId, eduUnit } = await createSite();
    const other = await createSite();
    const ids = await seedMessages(siteId, [
      { unitId: eduUnit, isPublic: false, moderation: 'published', title: '私密留言的标题' },
      { unitId: eduUnit, moderation: 'pending', title: '待审核留言的标题' },
      { unitId: eduUnit, moderation: 'rejected', title: '未通过留言的标题' },
      { unitId: eduUnit, moderation: 'hidden', title: '已隐藏留言的标题' },
    ]);
    const [foreign] = await seedMessages(other.siteId, [{ unitId: other.eduUnit }]);
    const submitted = await (await submit(siteId, validMessage(eduUnit, { isPublic: false }))).json<{ id: string }>();
    for (const id of [...ids, submitted.id, 'm_unknown', foreign!, 'x'.repeat(300)]) {
      const response = await page(`/s/${siteId}/messages/${id}`);
      expect(response.status, id).toBe(404);
      const body = await response.text();
      expect(body).toContain('页面不存在');
      expect(body).toContain('<meta name="robots" content="noindex">');
      expect(body).not.toMatch(/私密|待审核留言|未通过留言|已隐藏留言/);
      expectNoPersonalData(body);
    }
  });

  it('shows the public message written through the API, never its author’s name, phone or e-mail', async () => {
    const { siteId, eduUnit } = await createSite({ moderation: 'post' });
    const { id } = await (await submit(siteId, validMessage(eduUnit))).json<{ id: string }>();
    const body = await (await page(`/s/${siteId}/messages/${id}`)).text();
    expect(body).toContain('<dd>陈***</dd>');
    expectNoPersonalData(body);
    expect(body).not.toContain(AUTHOR.phone);
  });
});

describe('GET /s/:site/ and its sections', () => {
  it('serves the board, the form, tracking and statistics, each at its own address, with the widget from this origin', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit, title: '公开的<留言>' }]);
    const board = await page(`/s/${siteId}/`);
    expect(board.status).toBe(200);
    const html = await board.text();
    expect(html).toContain(`<liuyan-list site="${siteId}"></liuyan-list>`);
    expect(html).toContain('<script type="module" src="/widget/liuyan.js"></script>');
    expect(html).toContain(`<link rel="canonical" href="https://liuyan.test/s/${siteId}/">`);
    // The tabs are links; the current one is marked; statistics once something is published.
    expect(html).toContain(`<a href="/s/${siteId}/" aria-current="page">留言选登</a>`);
    expect(html).toContain(`<a href="/s/${siteId}/write">我要留言</a>`);
    expect(html).toContain(`<a href="/s/${siteId}/track">查询回复</a>`);
    expect(html).toContain(`<a href="/s/${siteId}/stats">办理统计</a>`);
    // Without scripts (and for search engines) the latest messages are links to their pages.
    expect(html).toContain(`<a href="/s/${siteId}/messages/${id}">公开的&lt;留言&gt;</a>`);

    for (const [section, tag] of [['write', 'liuyan-form'], ['track', 'liuyan-track'], ['stats', 'liuyan-stats']]) {
      const response = await page(`/s/${siteId}/${section}`);
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(body).toContain(`<${tag} site="${siteId}"></${tag}>`);
      expect(body).toMatch(new RegExp(`<a href="/s/${siteId}/${section}" aria-current="page">`));
    }
    const bare = await page(`/s/${siteId}`);
    expect(bare.status).toBe(308);
    expect(bare.headers.get('Location')).toBe(`/s/${siteId}/`);
    // A page's address with a slash at the end (typed, pasted) is that page, not a 404.
    const slashed = await page(`/s/${siteId}/write/?embed=1`);
    expect(slashed.status).toBe(308);
    expect(slashed.headers.get('Location')).toBe(`/s/${siteId}/write?embed=1`);
    expect((await page(`/s/${siteId}/nothing/`)).status).toBe(404);
  });

  it('reads about what the board’s API reads: one row per card, a handful for a message page, however many messages there are', async () => {
    const { siteId, eduUnit } = await createSite();
    const ids = await seedMessages(siteId, Array.from({ length: 120 }, (_, i) => ({ unitId: eduUnit, title: `第${i}条公开留言` })));
    // The first request of a site also loads its units into the worker's copy: measure the second.
    await page(`/s/${siteId}/`);
    const board = d1Cost(await page(`/s/${siteId}/`));
    expect(board.queries).toBeLessThanOrEqual(4);
    expect(board.rowsRead).toBeLessThanOrEqual(2 * 20 + 10);
    const message = d1Cost(await page(`/s/${siteId}/messages/${ids[60]}`));
    expect(message.queries).toBeLessThanOrEqual(3);
    expect(message.rowsRead).toBeLessThanOrEqual(20);
    expect(d1Cost(await page(`/s/${siteId}/write`)).rowsRead).toBeLessThanOrEqual(3);
  });

  it('offers no statistics tab while nothing is published', async () => {
    const { siteId, eduUnit } = await createSite();
    await seedMessages(siteId, [{ unitId: eduUnit, moderation: 'pending' }]);
    const html = await (await page(`/s/${siteId}/`)).text();
    expect(html).not.toContain('办理统计');
    expect(html).toContain('还没有公开的留言。');
  });

  it('is sent with a strict CSP: no inline script, scripts and requests to this origin only, framed only by the site’s allowed origins', async () => {
    const { siteId } = await createSite();
    for (const path of [`/s/${siteId}/`, `/s/${siteId}/write?embed=1`]) {
      const response = await page(path);
      const csp = response.headers.get('Content-Security-Policy')!;
      const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
      expect(directives).toMatchObject({
        'default-src': "'none'", 'script-src': "'self'", 'connect-src': "'self'", 'base-uri': "'none'",
        'frame-ancestors': ALLOWED_ORIGIN,
      });
      // The one inline stylesheet, by its hash; nothing else inline.
      expect(directives['style-src']).toMatch(/^'self' 'sha256-[A-Za-z0-9+/]+=*'$/);
      const body = await response.text();
      const style = /<style>([\s\S]*?)<\/style>/.exec(body)![1]!;
      const digest = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(style)))));
      expect(directives['style-src']).toBe(`'self' 'sha256-${digest}'`);
      expect(body.match(/<script\b[^>]*>/g)!.every((tag) => / src="\/[^"]+"/.test(tag))).toBe(true);
      expect(body).not.toMatch(/ on[a-z]+=/);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }

    await setSite(siteId, { allowedOrigins: [ALLOWED_ORIGIN, 'https://news.example.cn:8443'] });
    const twice = (await page(`/s/${siteId}/`)).headers.get('Content-Security-Policy')!;
    expect(twice).toMatch(/; frame-ancestors https:\/\/www\.county\.example\.gov\.cn https:\/\/news\.example\.cn:8443$/);
    await setSite(siteId, { allowedOrigins: [] });
    expect((await page(`/s/${siteId}/`)).headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
  });

  it('gives the embed without header and tabs, keeps its links in the embed, and keeps search engines to the full page', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit }]);
    const board = await (await page(`/s/${siteId}/?embed=1`)).text();
    expect(board).toContain('<html lang="zh-CN" class="embed">');
    expect(board).toContain('data-embed="1"');
    expect(board).not.toContain('<nav');
    expect(board).not.toContain('<header class="site">');
    expect(board).toContain(`<link rel="canonical" href="https://liuyan.test/s/${siteId}/">`);
    expect(board).toContain('<meta name="robots" content="noindex">');
    expect(board).toContain(`href="/s/${siteId}/messages/${id}?embed=1"`);
    const message = await (await page(`/s/${siteId}/messages/${id}?embed=1`)).text();
    expect(message).toContain(`<a href="/s/${siteId}/?embed=1">‹ 返回留言列表</a>`);
  });

  it('answers 404 for an unknown site and an address that is no section', async () => {
    const { siteId } = await createSite();
    for (const path of ['/s/no-such-site/', '/s/no-such-site/messages/m_1', `/s/${siteId}/admin`, `/s/${siteId}/messages/`]) {
      const response = await page(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('页面不存在');
      expect(response.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    }
  });
});

describe('hosted pages settings', () => {
  it('turns the hosted pages off (every page 404) and on again, shows the return link and the site’s colour', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit }]);
    const off = await setSite(siteId, { hostedPages: false });
    expect(await off.json()).toMatchObject({ hostedPages: false });
    for (const path of [`/s/${siteId}/`, `/s/${siteId}/write`, `/s/${siteId}/messages/${id}`, `/s/${siteId}/track?embed=1`]) {
      expect((await page(path)).status, path).toBe(404);
    }

    const on = await setSite(siteId, {
      hostedPages: true, returnUrl: 'https://www.county.example.gov.cn/?from="liuyan"', returnLabel: '返回<测试县>政府网', themeColor: '#1F5FAE',
    });
    expect(await on.json<SiteSettings>()).toMatchObject({
      hostedPages: true, returnUrl: 'https://www.county.example.gov.cn/?from="liuyan"', returnLabel: '返回<测试县>政府网', themeColor: '#1f5fae',
    });
    const html = await (await page(`/s/${siteId}/messages/${id}`)).text();
    expect(html).toContain('<a class="return" href="https://www.county.example.gov.cn/?from=&quot;liuyan&quot;">‹ 返回&lt;测试县&gt;政府网</a>');
    expect(html).toContain('--liuyan-color-primary:#1f5fae');
    // The embed sits on the site's own page: no link back to it.
    expect(await (await page(`/s/${siteId}/write?embed=1`)).text()).not.toContain('class="return"');

    await setSite(siteId, { returnUrl: null, returnLabel: null, themeColor: null });
    const plain = await (await page(`/s/${siteId}/`)).text();
    expect(plain).not.toContain('class="return"');
    expect(plain).toContain('--liuyan-color-primary:#b5121b');
  });

  it('refuses a half return link, a page that is not https, and a colour white text cannot be read on', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const patch = (body: unknown) => consoleRequest('/v1/admin/site', { as: admin, method: 'PATCH', body });
    let problem = await expectProblem(await patch({ returnUrl: 'https://www.county.example.gov.cn/' }), 422, 'validation');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'returnLabel', code: 'required' })]);
    problem = await expectProblem(await patch({ returnUrl: 'javascript:alert(1)', returnLabel: '返回' }), 422, 'validation');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'returnUrl', code: 'invalid' })]);
    problem = await expectProblem(await patch({ themeColor: '#ffd700' }), 422, 'validation');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'themeColor', code: 'low_contrast', message: expect.stringContaining('主题颜色太浅') })]);
    problem = await expectProblem(await patch({ themeColor: 'red; } body { display:none' }), 422, 'validation');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'themeColor', code: 'invalid' })]);
    const row = await db.first(db.q.selectFrom('sites').select(['return_url', 'return_label', 'theme_color', 'hosted_pages']).where('id', '=', siteId));
    expect(row).toEqual({ return_url: null, return_label: null, theme_color: null, hosted_pages: 1 });
  });
});
