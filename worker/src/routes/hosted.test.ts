import { describe, expect, it } from 'vitest';
import { env, exports } from 'cloudflare:workers';
import type { SiteSettings } from '../../../sdk/src/schemas/admin';
import {
  addReply, ALLOWED_ORIGIN, AUTHOR, createCampaign, createSite, d1Cost, db, expectNoPersonalData, expectProblem, request, seedMessages, submit, validMessage,
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

describe('我也关注 without a script (POST /s/:site/messages/:id/support)', () => {
  const press = (siteId: string, id: string, { origin = 'https://liuyan.test', address = '203.0.113.21', query = '' } = {}) => request(`/s/${siteId}/messages/${id}/support${query}`, {
    method: 'POST', origin, redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': address }, body: '',
  });
  const supportCount = async (siteId: string, id: string) => (await (await request(`/v1/sites/${siteId}/messages/${id}`)).json<{ supportCount: number }>()).supportCount;

  it('is a form on a public message’s page; pressed, the count goes up once per reader, answered with the page saying so with the count, uncached', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit, title: '路灯不亮', status: 'replied' }]);
    const before = await (await page(`/s/${siteId}/messages/${id}?lang=en`)).text();
    expect(before).toContain(`<form class="supports" method="post" action="/s/${siteId}/messages/${id}/support?lang=en"><button type="submit" class="support">Me too <span class="count">0</span></button></form>`);

    const pressed = await press(siteId, id!, { query: '?lang=en' });
    expect(pressed.status).toBe(200);
    expect(pressed.headers.get('Cache-Control')).toBe('no-store');
    const shown = await pressed.text();
    expect(shown).toContain('<span class="support pressed">Following <span class="count">1</span></span>');
    expect(shown).not.toContain('<form class="supports"');
    expect(await supportCount(siteId, id!)).toBe(1);
    // No address says 已关注 to whoever it is shared with: the press's own, opened, is the page with its button.
    const opened = await page(`/s/${siteId}/messages/${id}/support?lang=en`);
    expect(opened.status).toBe(302);
    expect(opened.headers.get('Location')).toBe(`/s/${siteId}/messages/${id}?lang=en`);
    expect(await (await page(`/s/${siteId}/messages/${id}?lang=en&supported=1`)).text()).toContain('<button type="submit" class="support">Me too <span class="count">1</span></button>');

    // The same reader again counts nothing; another reader counts; so does the API's press, by its own reader only.
    expect((await press(siteId, id!)).status).toBe(200);
    expect(await supportCount(siteId, id!)).toBe(1);
    await press(siteId, id!, { address: '203.0.113.22' });
    expect(await supportCount(siteId, id!)).toBe(2);
    const api = await request(`/v1/sites/${siteId}/messages/${id}/support`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': '203.0.113.22' }, body: JSON.stringify({ supporter: crypto.randomUUID() }),
    });
    expect(await api.json()).toEqual({ supportCount: 2, supported: true });
  });

  it('counts only presses from the service’s own page: not another website’s form, one hiding where it is from (Origin: null), nor the site’s own websites', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit, title: '公开的留言' }]);
    for (const origin of ['https://elsewhere.example', 'null', ALLOWED_ORIGIN]) expect((await press(siteId, id!, { origin })).status, origin).toBe(403);
    // No Origin at all: only a same-origin request (as a browser marks it) counts.
    const bare = (site: string) => exports.default.fetch(new Request(`https://liuyan.test/s/${siteId}/messages/${id}/support`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': '203.0.113.23', 'Sec-Fetch-Site': site }, body: '',
    }));
    expect((await bare('cross-site')).status).toBe(403);
    expect(await supportCount(siteId, id!)).toBe(0);
    expect((await bare('same-origin')).status).toBe(200);
    expect(await supportCount(siteId, id!)).toBe(1);
  });

  it('says under the button, in the reader’s language and with the focus there, when the limit is reached', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit, title: '公开的留言' }]);
    let answer: Response | undefined;
    for (let i = 0; i < 100 && answer?.status !== 429; i++) answer = await press(siteId, id!, { address: '203.0.113.99', query: '?lang=en' });
    expect(answer!.status).toBe(429);
    expect(answer!.headers.get('Retry-After')).toBeTruthy();
    expect(answer!.headers.get('Cache-Control')).toBe('no-store');
    expect(await answer!.text()).toMatch(/<span class="liuyan-error" role="alert" tabindex="-1" autofocus>Too many requests\. Please try again in 1 minute\.<\/span><\/form>/);
  });

  it('counts nothing for a private, pending or unknown message (the page not found)', async () => {
    const { siteId, eduUnit } = await createSite();
    const [open, closed, pending] = await seedMessages(siteId, [
      { unitId: eduUnit, title: '公开的留言' }, { unitId: eduUnit, title: '私下反映', isPublic: false }, { unitId: eduUnit, title: '待审核的留言', moderation: 'pending' },
    ]);
    for (const id of [closed!, pending!, 'm_unknown']) {
      const answer = await press(siteId, id);
      expect(answer.status, id).toBe(404);
      expect(answer.headers.get('Cache-Control'), id).toBe('no-store');
    }
    expect(await supportCount(siteId, open!)).toBe(0);
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM supports WHERE message_id IN (?, ?, ?)').bind(open, closed, pending).first<{ n: number }>();
    expect(rows!.n).toBe(0);
  });
});

describe('GET /s/:site/ and its sections', () => {
  it('lists the board’s messages without scripts 20 a page, each page leading to the earlier ones and its own canonical address', async () => {
    const { siteId, eduUnit } = await createSite();
    await seedMessages(siteId, Array.from({ length: 23 }, (_, i) => ({ unitId: eduUnit, title: `第${i + 1}条公开留言` })));
    const first = await (await page(`/s/${siteId}/`)).text();
    const titles = (html: string) => [...html.matchAll(/">(第\d+条公开留言)<\/a>/g)].map(([, title]) => title);
    expect(titles(first)).toHaveLength(20);
    const next = /<a href="(\/s\/[^"]+\?cursor=[^"]+)">更早的公开留言 ›<\/a>/.exec(first)?.[1];
    expect(next).toBeDefined();
    const earlier = await (await page(next!.replaceAll('&amp;', '&'))).text();
    expect(titles(earlier)).toHaveLength(3);
    expect(new Set([...titles(first), ...titles(earlier)]).size).toBe(23);
    expect(earlier).toContain('<h2>更早的公开留言</h2>');
    expect(earlier).not.toContain('更早的公开留言 ›');
    expect(earlier).toContain(`<a href="/s/${siteId}/">‹ 最新公开留言</a>`);
    expect(earlier).toContain(`<link rel="canonical" href="https://liuyan.test${next}">`);
    // Not a cursor, or one that leads to no public message of the board: the first page.
    expect(titles(await (await page(`/s/${siteId}/?cursor=nonsense`)).text())).toEqual(titles(first));
    const madeUp = await (await page(`/s/${siteId}/?cursor=m_doesnotexist00`)).text();
    expect(titles(madeUp)).toEqual(titles(first));
    expect(madeUp).toContain(`<link rel="canonical" href="https://liuyan.test/s/${siteId}/">`);
  });

  it('serves the board, the form, tracking and statistics, each at its own address, with the widget from this origin', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit, title: '公开的<留言>' }]);
    const board = await page(`/s/${siteId}/`);
    expect(board.status).toBe(200);
    const html = await board.text();
    // Where scripts run but the element's has not come some seconds after the page (blocked, lost), it says so (hosted/page.ts: `.late`).
    expect(html).toContain(`<liuyan-list site="${siteId}" lang="zh-CN" theme="auto"><p class="late" role="status">这部分内容还没有显示出来。网络较慢时请稍候；如果一直没有显示，请检查网络后刷新页面。</p></liuyan-list>`);
    expect(html).toContain('<script type="module" src="/widget/liuyan.js"></script>');
    expect(html).toContain(`<link rel="canonical" href="https://liuyan.test/s/${siteId}/">`);
    // The tabs are links; the current one is marked; statistics once something is published.
    expect(html).toContain(`<a href="/s/${siteId}/" aria-current="page">留言选登</a>`);
    expect(html).toContain(`<a href="/s/${siteId}/write">我要留言</a>`);
    expect(html).toContain(`<a href="/s/${siteId}/track">查询留言</a>`);
    expect(html).toContain(`<a href="/s/${siteId}/stats">办理统计</a>`);
    // Without scripts (and for search engines) the latest messages are links to their pages.
    expect(html).toContain(`<a href="/s/${siteId}/messages/${id}">公开的&lt;留言&gt;</a>`);

    expect(html).toMatch(new RegExp(`<a href="/s/${siteId}/messages/${id}">公开的&lt;留言&gt;</a> <span class="muted">测试县教育局 · [^ <]+ · <time datetime="[^"]+">2\\d{3}/\\d{2}/\\d{2}</time></span>`));

    for (const [section, tag] of [['write', 'liuyan-form'], ['track', 'liuyan-track'], ['stats', 'liuyan-stats']]) {
      const response = await page(`/s/${siteId}/${section}`);
      expect(response.status).toBe(200);
      const body = await response.text();
      // The form holds its plain HTML form (hosted-write.test.ts); the others are empty until their script comes.
      expect(body).toContain(`<${tag} site="${siteId}" lang="zh-CN" theme="auto">${tag === 'liuyan-form' ? '<form class="plain-form"' : '<p class="late" role="status">'}`);
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
    expect(message.rowsRead).toBeLessThanOrEqual(12);
    // Nothing of other sites is read: officials' accounts elsewhere (the timeline's join, once a scan
    // of every account for each event) change nothing.
    const other = await createSite();
    await Promise.all(Array.from({ length: 6 }, () => createOfficial(other.siteId, 'moderator')));
    expect(d1Cost(await page(`/s/${siteId}/messages/${ids[60]}`)).rowsRead).toBe(message.rowsRead);
    // The write page: the site, one row to know whether to offer statistics, and the site's units its
    // form lists (4 read, one of them retired; the site's row again beside them; SQLite counts one
    // more where the index holds another site's units after this one's).
    expect(d1Cost(await page(`/s/${siteId}/write`)).rowsRead).toBeLessThanOrEqual(2 + 1 + 4 + 1);
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
    expect(message).toContain(`<a class="back" href="/s/${siteId}/?embed=1">‹ 返回留言列表</a>`);
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

describe('GET /s/:site/campaigns/:slug', () => {
  it('shows a drive: its title, period and description as text, its form and its messages, and share metadata', async () => {
    const { siteId, eduUnit } = await createSite();
    const day = 86_400_000;
    // Drives end at a midnight, China time (UTC+8): 30 days from the next one.
    const china = 8 * 3_600_000;
    const endsAt = new Date(Math.ceil((Date.now() + china) / day) * day - china + 30 * day);
    const campaignId = await createCampaign(siteId, { slug: 'jianyan-2027', startsAt: new Date(Date.now() - day), endsAt });
    await db.run(db.q.updateTable('campaigns').set({ description: '请为<示范县>出主意。\n第二段。' }).where('id', '=', campaignId));
    const [inDrive] = await seedMessages(siteId, [{ unitId: eduUnit, title: '建议多建口袋公园', campaignId }]);
    await seedMessages(siteId, [{ unitId: eduUnit, title: '别的留言' }]);

    const response = await page(`/s/${siteId}/campaigns/jianyan-2027`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>专栏 jianyan-2027 - 测试县人民政府</title>');
    expect(html).toContain('<div class="body">请为&lt;示范县&gt;出主意。\n第二段。</div>');
    expect(html).toContain('<span class="badge">征集中</span>');
    // The period names the drive's last day, not the exclusive midnight after it.
    const dayOf = (ms: number) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
    expect(html).toContain(dayOf(endsAt.getTime() - 1));
    expect(html).not.toContain(dayOf(endsAt.getTime()));
    // The drive's form as HTML (to be filled and sent before or without a script), narrowed to the
    // drive's choices, writing to it; no key of its own, so the page can be kept by caches.
    expect(html).toMatch(new RegExp(`<liuyan-form site="${siteId}" campaign="jianyan-2027" lang="zh-CN" theme="auto"><form class="plain-form" method="post" action="/s/${siteId}/write" accept-charset="utf-8"><input type="hidden" name="campaign" value="jianyan-2027">`));
    expect(html).not.toContain('idempotencyKey');
    expect(response.headers.get('Cache-Control')).toMatch(/^public/);
    expect(html).toContain(`<liuyan-list site="${siteId}" campaign="jianyan-2027" lang="zh-CN" theme="auto"><p class="late" role="status">`);
    // Without scripts: the drive's messages only, as links.
    expect(html).toContain(`<a href="/s/${siteId}/messages/${inDrive}">建议多建口袋公园</a>`);
    expect(html).not.toContain('别的留言');
    expect(meta(html, 'og:title')).toBe('专栏 jianyan-2027');
    expect(meta(html, 'og:url')).toBe(`https://liuyan.test/s/${siteId}/campaigns/jianyan-2027`);
    expect(meta(html, 'og:image')).toBe('https://liuyan.test/hosted/share.png');

    const english = await (await page(`/s/${siteId}/campaigns/jianyan-2027?lang=en&embed=1`)).text();
    expect(english).toContain('<span class="badge">Open</span>');
    expect(english).toContain(`<a href="/s/${siteId}/messages/${inDrive}?embed=1&amp;lang=en">`);

    // A drive written on a newspaper's pages takes messages from its own page here too, from no outlet.
    await db.run(db.q.updateTable('campaigns').set({ outlets: JSON.stringify([{ name: '示范日报', origin: 'https://news.example.com' }]) }).where('id', '=', campaignId));
    const fromHostedPage = await submit(siteId, validMessage(eduUnit, { campaign: 'jianyan-2027' }), { origin: 'https://liuyan.test' });
    expect(fromHostedPage.status).toBe(201);
    const row = await db.first(db.q.selectFrom('messages').select(['campaign_id', 'source_outlet']).where('id', '=', (await fromHostedPage.json<{ id: string }>()).id));
    expect(row).toEqual({ campaign_id: campaignId, source_outlet: null });
    await expectProblem(await submit(siteId, validMessage(eduUnit, { campaign: 'jianyan-2027' })), 403, 'origin_not_allowed');

    await db.run(db.q.updateTable('campaigns').set({ ends_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', campaignId));
    expect(await (await page(`/s/${siteId}/campaigns/jianyan-2027`)).text()).toContain('<span class="badge">已结束</span>');
    const other = await createSite();
    for (const path of [`/s/${siteId}/campaigns/no-such-drive`, `/s/${other.siteId}/campaigns/jianyan-2027`]) {
      const missing = await page(path);
      expect(missing.status, path).toBe(404);
      expect(missing.headers.get('Cache-Control')).toBe('no-store');
    }
  });
});

describe('hosted pages in the reader’s language (?lang=)', () => {
  it('shows the board, its elements and its links in English with ?lang=en, keeping it in every link; the canonical address carries it', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit, title: '路灯不亮了' }]);
    const board = await (await page(`/s/${siteId}/?lang=en`)).text();
    expect(board).toContain('<html lang="en">');
    expect(board).toContain(`<liuyan-list site="${siteId}" lang="en" theme="auto"><p class="late" role="status">`);
    expect(board).toContain('<title>Messages - 测试县人民政府</title>');
    expect(board).toContain('<h1><span lang="zh">测试县人民政府</span><small>Message board</small></h1>');
    expect(meta(board, 'og:title')).toBe('测试县人民政府 Message board');
    expect(board).toContain(`<link rel="canonical" href="https://liuyan.test/s/${siteId}/?lang=en">`);
    expect(board).toContain(`<a href="/s/${siteId}/write?lang=en">Write</a>`);
    // What was written in Chinese is marked so on an English page (a screen reader then reads it in Chinese).
    expect(board).toContain(`<a href="/s/${siteId}/messages/${id}?lang=en"><span lang="zh">路灯不亮了</span></a>`);
    expect(board).toContain('data-lang="en"');

    const message = await (await page(`/s/${siteId}/messages/${id}?embed=1&lang=EN`)).text();
    expect(message).toContain('<html lang="en" class="embed">');
    expect(message).toContain(`<a class="back" href="/s/${siteId}/?embed=1&amp;lang=en">‹ Back to the messages</a>`);
    expect(message).toContain('<dt>To</dt><dd><span lang="zh">测试县教育局</span></dd>');
    expect(message).toContain('<h2><span lang="zh">路灯不亮了</span></h2>');
    // Not on a Chinese page.
    expect(await (await page(`/s/${siteId}/messages/${id}`)).text()).toContain('<h2>路灯不亮了</h2>');
    expect(meta(message, 'og:url')).toBe(`https://liuyan.test/s/${siteId}/messages/${id}?lang=en`);

    const write = await (await page(`/s/${siteId}/write?lang=en`)).text();
    expect(write).toContain(`<liuyan-form site="${siteId}" lang="en" theme="auto"><form class="plain-form" method="post" action="/s/${siteId}/write?lang=en"`);
    // The units to write to, by their names in Chinese: each option marked so; the English ones around them not.
    expect(write).toContain(`<option value="${eduUnit}" lang="zh">测试县教育局</option>`);
    expect(write).toMatch(/<option value="">[A-Z][a-z ]+<\/option>/);
    expect(await (await page(`/s/${siteId}/write`)).text()).toContain(`<option value="${eduUnit}">测试县教育局</option>`);
  });

  it('falls back to the site’s language for no or an unknown ?lang=, and leaves the site’s own language out of the canonical address', async () => {
    const { siteId } = await createSite();
    for (const query of ['', '?lang=fr', '?lang=']) {
      const board = await (await page(`/s/${siteId}/${query}`)).text();
      expect(board, query).toContain('<html lang="zh-CN">');
      expect(board, query).toContain(`<a href="/s/${siteId}/write">我要留言</a>`);
      expect(board, query).toContain(`<link rel="canonical" href="https://liuyan.test/s/${siteId}/">`);
    }
    // Asked for the site's own language: the links keep the choice, the canonical address needs none.
    const chinese = await (await page(`/s/${siteId}/?lang=zh-CN`)).text();
    expect(chinese).toContain(`<a href="/s/${siteId}/write?lang=zh-CN">我要留言</a>`);
    expect(chinese).toContain(`<link rel="canonical" href="https://liuyan.test/s/${siteId}/">`);

    // A site in English: its pages are, and Chinese is the one asked for.
    await db.run(db.q.updateTable('sites').set({ locale: 'en' }).where('id', '=', siteId));
    expect(await (await page(`/s/${siteId}/track`)).text()).toContain(`<liuyan-track site="${siteId}" lang="en" theme="auto"><p class="late" role="status">`);
    const asked = await (await page(`/s/${siteId}/track?lang=zh-CN`)).text();
    expect(asked).toContain('<html lang="zh-CN">');
    expect(asked).toContain(`<link rel="canonical" href="https://liuyan.test/s/${siteId}/track?lang=zh-CN">`);
  });

  it('names the page in Simplified and Traditional Chinese, in English and for anyone else (hreflang), whichever language it is shown in; the embed names none', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit }]);
    const links = (body: string) => [...body.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2]]);
    const board = `https://liuyan.test/s/${siteId}/`;
    const expected = [['zh-CN', board], ['zh-TW', `${board}?lang=zh-TW`], ['en', `${board}?lang=en`], ['x-default', board]];
    for (const query of ['', '?lang=en', '?lang=zh-CN', '?lang=zh-TW']) {
      expect(links(await (await page(`/s/${siteId}/${query}`)).text()), query).toEqual(expected);
    }
    const message = `https://liuyan.test/s/${siteId}/messages/${id}`;
    expect(links(await (await page(`/s/${siteId}/messages/${id}?lang=en`)).text()))
      .toEqual([['zh-CN', message], ['zh-TW', `${message}?lang=zh-TW`], ['en', `${message}?lang=en`], ['x-default', message]]);
    expect(links(await (await page(`/s/${siteId}/?embed=1`)).text())).toEqual([]);

    // A site in English: its own language needs no ?lang=, Chinese does; x-default is the English page.
    await db.run(db.q.updateTable('sites').set({ locale: 'en' }).where('id', '=', siteId));
    const track = `https://liuyan.test/s/${siteId}/track`;
    expect(links(await (await page(`/s/${siteId}/track?lang=zh-CN`)).text()))
      .toEqual([['zh-CN', `${track}?lang=zh-CN`], ['zh-TW', `${track}?lang=zh-TW`], ['en', track], ['x-default', track]]);
  });

  it('offers its other languages in the header, each named in its own, keeping the theme; the language shown is marked, the embed offers none', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit }]);
    const switcher = (body: string) => /<nav class="langs" aria-label="([^"]+)">(.*?)<\/nav>/.exec(body)?.slice(1) ?? [];
    expect(switcher(await (await page(`/s/${siteId}/track?theme=dark`)).text())).toEqual(['语言',
      `<span lang="zh-CN" aria-current="true">简体中文</span><a href="/s/${siteId}/track?lang=zh-TW&amp;theme=dark" hreflang="zh-TW" lang="zh-TW">繁體中文</a>`
      + `<a href="/s/${siteId}/track?lang=en&amp;theme=dark" hreflang="en" lang="en">English</a>`]);
    expect(switcher(await (await page(`/s/${siteId}/messages/${id}?lang=en`)).text())).toEqual(['Language',
      `<a href="/s/${siteId}/messages/${id}?lang=zh-CN" hreflang="zh-CN" lang="zh-CN">简体中文</a><a href="/s/${siteId}/messages/${id}?lang=zh-TW" hreflang="zh-TW" lang="zh-TW">繁體中文</a>`
      + '<span lang="en" aria-current="true">English</span>']);
    expect(switcher(await (await page(`/s/${siteId}/?embed=1`)).text())).toEqual([]);
    // The same address in another language: the unit preselected stays, and a message not there is
    // the same address too.
    expect(switcher(await (await page(`/s/${siteId}/write?unit=${eduUnit}&theme=dark`)).text())[1])
      .toContain(`<a href="/s/${siteId}/write?lang=en&amp;theme=dark&amp;unit=${eduUnit}" hreflang="en" lang="en">English</a>`);
    expect(switcher(await (await page(`/s/${siteId}/messages/m_not_there?lang=en`)).text())[1])
      .toContain(`<a href="/s/${siteId}/messages/m_not_there?lang=zh-CN" hreflang="zh-CN" lang="zh-CN">简体中文</a>`);
  });

  it('says “not found” in the language asked for, and no shared cache keeps a 404', async () => {
    const { siteId } = await createSite();
    for (const path of [`/s/${siteId}/messages/m_missing?lang=en`, '/s/no-such-site/?lang=en']) {
      const response = await page(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('Cache-Control'), path).toBe('no-store');
      expect(await response.text(), path).toContain('Page not found');
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
    expect(html).toContain(':root{color-scheme:light;--primary:#1f5fae;');
    // The embed sits on the site's own page: no link back to it.
    expect(await (await page(`/s/${siteId}/write?embed=1`)).text()).not.toContain('class="return"');

    await setSite(siteId, { returnUrl: null, returnLabel: null, themeColor: null });
    const plain = await (await page(`/s/${siteId}/`)).text();
    expect(plain).not.toContain('class="return"');
    expect(plain).toContain(':root{color-scheme:light;--primary:#b5121b;');
  });

  it('shares the board and its messages with Liuyan’s image, or the site’s own https image once set', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit }]);
    const board = await (await page(`/s/${siteId}/`)).text();
    expect(meta(board, 'og:title')).toBe('测试县人民政府领导留言板');
    expect(meta(board, 'og:url')).toBe(`https://liuyan.test/s/${siteId}/`);
    for (const html of [board, await (await page(`/s/${siteId}/messages/${id}`)).text()]) {
      expect(meta(html, 'og:image')).toBe('https://liuyan.test/hosted/share.png');
      expect([meta(html, 'og:image:type'), meta(html, 'og:image:width'), meta(html, 'og:image:height')]).toEqual(['image/png', '600', '600']);
    }

    const image = 'https://www.county.example.gov.cn/images/share.jpg?v="2"';
    expect(await (await setSite(siteId, { shareImageUrl: image })).json<SiteSettings>()).toMatchObject({ shareImageUrl: image });
    const message = await (await page(`/s/${siteId}/messages/${id}`)).text();
    expect(message).toContain('<meta property="og:image" content="https://www.county.example.gov.cn/images/share.jpg?v=&quot;2&quot;">');
    expect(meta(message, 'og:image:width')).toBeUndefined(); // its size is not known
    expect(await (await setSite(siteId, { shareImageUrl: null })).json<SiteSettings>()).toMatchObject({ shareImageUrl: null });
    expect(meta(await (await page(`/s/${siteId}/`)).text(), 'og:image')).toBe('https://liuyan.test/hosted/share.png');
  });

  it('refuses an address with a user name or password in it, and a share image that is not https', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const patch = (body: unknown) => consoleRequest('/v1/admin/site', { as: admin, method: 'PATCH', body });
    let problem = await expectProblem(await patch({ returnUrl: 'https://user:pw@www.county.example.gov.cn/', returnLabel: '返回' }), 422, 'validation');
    expect(problem.errors).toEqual([{ field: 'returnUrl', code: 'credentials_in_url', message: '返回链接地址不能含用户名或密码（如 https://用户:密码@…），请去掉后再保存' }]);
    problem = await expectProblem(await patch({ shareImageUrl: 'https://cdn@www.county.example.gov.cn/a.png' }), 422, 'validation');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'shareImageUrl', code: 'credentials_in_url' })]);
    problem = await expectProblem(await patch({ shareImageUrl: 'http://www.county.example.gov.cn/a.png' }), 422, 'validation');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'shareImageUrl', code: 'https_required', message: '分享图片地址须以 https:// 开头：http:// 的网址不加密，不能使用' })]);
    const row = await db.first(db.q.selectFrom('sites').select(['return_url', 'share_image_url']).where('id', '=', siteId));
    expect(row).toEqual({ return_url: null, share_image_url: null });
  });

  it('refuses a half return link, a page that is not https, and a colour white text cannot be read on', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const patch = (body: unknown) => consoleRequest('/v1/admin/site', { as: admin, method: 'PATCH', body });
    let problem = await expectProblem(await patch({ returnUrl: 'https://www.county.example.gov.cn/' }), 422, 'validation');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'returnLabel', code: 'required' })]);
    problem = await expectProblem(await patch({ returnUrl: 'javascript:alert(1)', returnLabel: '返回' }), 422, 'validation');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'returnUrl', code: 'invalid' })]);
    // An http:// page is said to need https, not to be malformed.
    problem = await expectProblem(await patch({ returnUrl: 'http://www.county.example.gov.cn/', returnLabel: '返回' }), 422, 'validation');
    expect(problem.errors).toEqual([{ field: 'returnUrl', code: 'https_required', message: '返回链接地址须以 https:// 开头：http:// 的网址不加密，不能使用' }]);
    problem = await expectProblem(await patch({ themeColor: '#ffd700' }), 422, 'validation');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'themeColor', code: 'low_contrast', message: expect.stringContaining('主题颜色太浅') })]);
    problem = await expectProblem(await patch({ themeColor: 'red; } body { display:none' }), 422, 'validation');
    // Said with the shape it takes.
    expect(problem.errors).toEqual([{ field: 'themeColor', code: 'not_a_color', message: '主题颜色须是 # 加六位十六进制数字（0–9、a–f），如 #1f5fae' }]);
    const row = await db.first(db.q.selectFrom('sites').select(['return_url', 'return_label', 'theme_color', 'hosted_pages']).where('id', '=', siteId));
    expect(row).toEqual({ return_url: null, return_label: null, theme_color: null, hosted_pages: 1 });
  });
});

describe('hosted pages in a theme (?theme=)', () => {
  /** The page's one inline stylesheet. */
  const styleOf = (body: string) => /<style>([\s\S]*?)<\/style>/.exec(body)![1]!;

  it('follows the reader’s system by default: light, dark under prefers-color-scheme: dark, high contrast under prefers-contrast: more; its elements too', async () => {
    const { siteId } = await createSite();
    const board = await (await page(`/s/${siteId}/`)).text();
    const style = styleOf(board);
    expect(style).toMatch(/^:root\{color-scheme:light;--primary:#b5121b;/);
    expect(style).toContain('@media (prefers-color-scheme: dark) and (not (prefers-contrast: more)){:root{color-scheme:dark;--primary:#da898d;--on-primary:#1b1b1d;');
    expect(style).toContain('@media (prefers-contrast: more){:root{color-scheme:light;--primary:#ac111a;');
    expect(board).toContain(`<liuyan-list site="${siteId}" lang="zh-CN" theme="auto"><p class="late" role="status">`);
    expect(board).toContain(`<a href="/s/${siteId}/write">我要留言</a>`);
    expect(board).not.toContain('data-theme');
  });

  it('forces a theme with ?theme=, on the page and its elements, and keeps it in every link (with the embed and the language), never in the canonical address', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit, title: '路灯不亮了' }]);
    const board = await page(`/s/${siteId}/?theme=dark`);
    const body = await board.text();
    const style = styleOf(body);
    // One palette, no media query: the system's setting no longer matters.
    expect(style).toMatch(/^:root\{color-scheme:dark;--primary:#da898d;--on-primary:#1b1b1d;--header:#b5121b;/);
    expect(style).not.toContain('@media (prefers-');
    expect(body).toContain(`<liuyan-list site="${siteId}" lang="zh-CN" theme="dark"><p class="late" role="status">`);
    expect(body).toContain(`<a href="/s/${siteId}/write?theme=dark">我要留言</a>`);
    expect(body).toContain(`<a href="/s/${siteId}/messages/${id}?theme=dark">路灯不亮了</a>`);
    expect(body).toContain('data-theme="dark"');
    expect(body).toContain(`<link rel="canonical" href="https://liuyan.test/s/${siteId}/">`);
    // The CSP names this stylesheet's hash.
    const digest = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(style)))));
    expect(board.headers.get('Content-Security-Policy')).toContain(`style-src 'self' 'sha256-${digest}'`);

    const embedded = await (await page(`/s/${siteId}/messages/${id}?embed=1&lang=en&theme=high-contrast`)).text();
    expect(styleOf(embedded)).toMatch(/^:root\{color-scheme:light;--primary:#ac111a;--on-primary:#fff;--header:#ac111a;--page:#fff;--surface:#fff;--text:#000;/);
    expect(embedded).toContain(`<a class="back" href="/s/${siteId}/?embed=1&amp;lang=en&amp;theme=high-contrast">‹ Back to the messages</a>`);
    const write = await (await page(`/s/${siteId}/write?theme=light`)).text();
    expect(write).toContain(`<liuyan-form site="${siteId}" lang="zh-CN" theme="light"><form class="plain-form"`);
    expect(styleOf(write)).not.toContain('@media (prefers-');
    await createCampaign(siteId, { slug: 'theme-drive', startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() + 86_400_000) });
    const drive = await (await page(`/s/${siteId}/campaigns/theme-drive?theme=dark`)).text();
    expect(drive).toContain(`<liuyan-form site="${siteId}" campaign="theme-drive" lang="zh-CN" theme="dark"><form class="plain-form"`);
    expect(drive).toContain(`<liuyan-list site="${siteId}" campaign="theme-drive" lang="zh-CN" theme="dark"><p class="late" role="status">`);
  });

  it('ignores any other ?theme= (the system’s setting) and never writes it into the page', async () => {
    const { siteId } = await createSite();
    const system = styleOf(await (await page(`/s/${siteId}/`)).text());
    for (const asked of ['DARK', 'sepia', '', '"><script>alert(1)</script>', 'dark" onload="alert(1)', 'dark&embed=0']) {
      const body = await (await page(`/s/${siteId}/write?theme=${encodeURIComponent(asked)}`)).text();
      expect(styleOf(body), asked).toBe(system);
      expect(body, asked).toContain(`<liuyan-form site="${siteId}" lang="zh-CN" theme="auto"><form class="plain-form"`);
      expect(body, asked).toContain(`<a href="/s/${siteId}/">留言选登</a>`);
      expect(body, asked).not.toContain('data-theme');
      if (asked) expect(body, asked).not.toContain(asked);
    }
  });

  it('lightens a site’s colour on dark and darkens it in high contrast, so its text stays readable', async () => {
    const { siteId } = await createSite();
    await setSite(siteId, { themeColor: '#1F5FAE' });
    const dark = styleOf(await (await page(`/s/${siteId}/?theme=dark`)).text());
    // #1f5fae is 2.9:1 on the dark surface: lightened to 6.3:1 there (4.6:1 on a dark notice) (hosted/theme.node.test.ts measures every colour).
    expect(dark).toMatch(/^:root\{color-scheme:dark;--primary:#799fce;--on-primary:#1b1b1d;--header:#1f5fae;/);
    expect(dark).toContain('liuyan-form,liuyan-track,liuyan-list,liuyan-stats{--liuyan-color-primary:var(--primary);--liuyan-color-on-primary:var(--on-primary)');
    const light = styleOf(await (await page(`/s/${siteId}/?theme=light`)).text());
    expect(light).toMatch(/^:root\{color-scheme:light;--primary:#1f5fae;--on-primary:#fff;--header:#1f5fae;/);
  });
});

describe('the tracker without a script (POST /s/:site/track)', () => {
  const lookUp = (siteId: string, code: string, { origin = 'https://liuyan.test', address = '203.0.113.7' } = {}) => request(`/s/${siteId}/track`, {
    method: 'POST', origin, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'CF-Connecting-IP': address }, body: new URLSearchParams({ trackingCode: code }).toString(),
  });

  it('is a form on the track page posting the code, answered with the citizen’s own view, never cached; a wrong code gets the form again with the element’s sentence', async () => {
    const { siteId, eduUnit } = await createSite();
    const trackPage = await (await page(`/s/${siteId}/track`)).text();
    expect(trackPage).toMatch(new RegExp(`<noscript><p class="muted">[^<]+</p>\\n<form class="plain-form" method="post" action="/s/${siteId}/track">`));
    const created = await (await submit(siteId, validMessage(eduUnit, { title: '私下反映的<问题>', isPublic: false }))).json<{ id: string; trackingCode: string }>();
    await addReply(created.id, { unitId: eduUnit, kind: 'interim', body: '已收到，正在核实。' });
    const found = await lookUp(siteId, created.trackingCode.toLowerCase().replaceAll('-', ' '));
    expect(found.status).toBe(200);
    expect(found.headers.get('Cache-Control')).toBe('no-store');
    const html = await found.text();
    expect(html).toContain('<h2>私下反映的&lt;问题&gt;</h2>');
    expect(html).toContain('已收到，正在核实。');
    expect(html).toContain('不公开');
    expect(html).not.toContain(AUTHOR.phone);
    const wrong = await lookUp(siteId, 'AAAA-BBBB-CCCC-DDDD');
    expect(wrong.status).toBe(404);
    expect(wrong.headers.get('Cache-Control')).toBe('no-store');
    const again = await wrong.text();
    expect(again).toContain('<span class="liuyan-error" id="liuyan-trackingCode-error" role="alert">没有找到与该查询码对应的留言，请核对后重试。</span>');
    expect(again).toContain('value="AAAA-BBBB-CCCC-DDDD"');
    // Nothing typed, or not the shape of a code: said as the element says it, not as a code not found.
    for (const [typed, sentence] of [['', '请填写查询码'], ['  ', '请填写查询码'], ['ABC', '查询码格式不正确'], [`${created.trackingCode}X`, '查询码格式不正确']]) {
      const refused = await lookUp(siteId, typed!);
      expect(refused.status).toBe(422);
      expect(refused.headers.get('Cache-Control')).toBe('no-store');
      expect(await refused.text()).toContain(`<span class="liuyan-error" id="liuyan-trackingCode-error" role="alert">${sentence}</span>`);
    }
    // Only from the service's pages or the site's websites.
    expect((await lookUp(siteId, created.trackingCode, { origin: 'https://evil.example.com' })).status).toBe(403);
    expect((await lookUp(siteId, created.trackingCode, { origin: ALLOWED_ORIGIN })).status).toBe(200);
  });

  it('counts each lookup with the API’s tracking limit, saying when to try again', async () => {
    const { siteId } = await createSite();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await lookUp(siteId, 'AAAA-BBBB-CCCC-DDDD', { address: '203.0.113.99' })).status);
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    const limited = await lookUp(siteId, 'AAAA-BBBB-CCCC-DDDD', { address: '203.0.113.99' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('60');
    expect(await limited.text()).toContain('id="liuyan-trackingCode-error" role="alert">');
  });
});
