import { describe, expect, it } from 'vitest';
import { AUTHOR, createSite, db, expectProblem, request, seedMessages, submit, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';
import type { ConsoleMessage } from '../../../sdk/src/schemas/console';

const HEADER = [
  '编号', '提交时间', '留言对象', '类型', '领域', '标题', '内容', '所在地区', '署名', '公开', '审核状态', '办理状态', '办理期限', '回复数',
  '最新回复类型', '答复单位', '最新回复时间', '最新回复内容', '转办路径', '建言专栏', '来源媒体', '采纳时间', '采纳说明',
];
const LOCAL_TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d$/;

/** RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += ch;
  }
  expect(field).toBe(''); // every line ends with CRLF
  return rows;
}

async function download(as: TestOfficial, query = '', headers: Record<string, string> = {}) {
  const response = await consoleRequest(`/v1/console/export.csv${query}`, { as, headers });
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // TextDecoder drops the byte order mark by default: keep it to check it is there.
  const raw = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return { response, bytes, raw, rows: parseCsv(raw.replace(/^\uFEFF/, '')) };
}

async function submitted(siteId: string, overrides: Parameters<typeof validMessage>[1] = {}, unitId = `${siteId}_edu`) {
  const response = await submit(siteId, validMessage(unitId, overrides));
  expect(response.status).toBe(201);
  return (await response.json<{ id: string }>()).id;
}

const contactAudits = (siteId: string) =>
  db.all(db.q.selectFrom('audit_log').select(['account_id', 'detail']).where('site_id', '=', siteId).where('action', '=', 'export.contact'));

describe('GET /v1/console/export.csv', () => {
  it('is for admins only', async () => {
    const { siteId, eduUnit } = await createSite();
    for (const official of [await createOfficial(siteId, 'moderator'), await createOfficial(siteId, 'responder', [eduUnit])]) {
      await expectProblem(await consoleRequest('/v1/console/export.csv', { as: official }), 403, 'forbidden');
      await expectProblem(await consoleRequest('/v1/console/export.csv?contact=1', { as: official }), 403, 'forbidden');
    }
    await expectProblem(await consoleRequest('/v1/console/export.csv', { as: null }), 401, 'unauthenticated');
    expect(await contactAudits(siteId)).toEqual([]);
  });

  it('downloads the site’s messages as a CSV file Excel opens in Chinese, without contact details', async () => {
    const site = await createSite();
    const other = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const first = await submitted(site.siteId);
    const second = await submitted(site.siteId, { type: 'help', domain: 'transport', isPublic: false }, site.transportUnit);
    await submitted(other.siteId, { title: '别的站点的留言' });

    const { response, bytes, raw, rows } = await download(admin);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toMatch(new RegExp(`^attachment; filename="liuyan-${site.siteId}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    expect(rows[0]).toEqual(HEADER);
    expect(rows.slice(1).map((r) => r[0])).toEqual([first, second]);
    expect(rows[1]).toEqual([
      first, expect.stringMatching(LOCAL_TIME), '测试县教育局', '投诉', '教育',
      '城关小学门口早晚高峰拥堵', validMessage('').body, '测试县城关镇', '陈***', '是', '待审核', '待受理',
      expect.stringMatching(/^\d{4}-\d\d-\d\d$/), '0', '', '', '', '', '', '', '', '', '',
    ]);
    // A private message is never reviewed: no review state.
    expect(rows[2]).toMatchObject({ 2: '测试县交通运输局', 3: '求助', 4: '交通', 9: '否', 10: '', 11: '待受理' });
    expect(raw).not.toContain('别的站点的留言');
    for (const secret of [AUTHOR.name, AUTHOR.phone, AUTHOR.email]) expect(raw).not.toContain(secret);
    expect(await contactAudits(site.siteId)).toEqual([]);
  });

  it('quotes fields as RFC 4180 says and keeps citizens’ formulas from running', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const id = await submitted(site.siteId, {
      title: '=HYPERLINK("http://evil.example","点我")',
      body: '第一行，有逗号, 还有"引号"\n第二行\r\n第三行',
      region: '+86 城关镇',
      author: { name: '@陈明', phone: AUTHOR.phone, email: null, displayAs: 'masked' },
    });
    await submitted(site.siteId, { title: '-1+1', region: '城关镇=东街' });

    const { raw, rows } = await download(admin);
    // (A display name starts at the name's first letter, so '@陈明' is shown as 陈***, nothing to escape.)
    // What the file holds, byte for byte, and what a spreadsheet shows from it.
    expect(raw).toContain(`,"'=HYPERLINK(""http://evil.example"",""点我"")","第一行，有逗号, 还有""引号""\n第二行\r\n第三行",'+86 城关镇,陈***,`);
    expect(rows[1]!.slice(0, 1)).toEqual([id]);
    expect(rows[1]!.slice(5, 9)).toEqual(['\'=HYPERLINK("http://evil.example","点我")', '第一行，有逗号, 还有"引号"\n第二行\r\n第三行', "'+86 城关镇", '陈***']);
    expect(rows[2]!.slice(5, 8)).toEqual(["'-1+1", validMessage('').body, '城关镇=东街']);
    expect(rows).toHaveLength(3);
  });

  it('adds name, phone and email only when asked, and records who took them and how many', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    await submitted(site.siteId);
    await submitted(site.siteId, { author: { name: '王芳', phone: '0571-88889999', email: null, displayAs: 'ms' } });
    // One whose citizen erased their details: its empty cells say when, not that none were given.
    const erasedOne = await submit(site.siteId, validMessage(`${site.siteId}_edu`));
    const { trackingCode } = await erasedOne.json<{ trackingCode: string }>();
    const erasure = await request(`/v1/sites/${site.siteId}/my-data/erase`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trackingCode }),
    });
    expect(erasure.status).toBe(200);
    const { erasedAt } = await erasure.json<{ erasedAt: string }>();

    const { response, rows } = await download(admin, '?contact=1');
    expect(response.headers.get('Content-Disposition')).toMatch(/-contact\.csv"$/);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(rows[0]).toEqual([...HEADER, '姓名', '联系电话', '电子邮箱', '联系方式删除时间']);
    expect(rows.slice(1).map((r) => r.slice(HEADER.length))).toEqual([
      // Phones as an official dials them, whatever way the citizen typed them.
      [AUTHOR.name, '139 1234 5678', AUTHOR.email, ''],
      ['王芳', '0571 8888 9999', '', ''],
      ['', '', '', erasedAt.slice(0, 16).replace('T', ' ')],
    ]);
    expect(rows[2]![8]).toBe('王女士');
    const audits = await contactAudits(site.siteId);
    expect(audits).toEqual([{ account_id: admin.id, detail: JSON.stringify({ rows: 3, from: null, to: null }) }]);

    // contact=0 is the plain export.
    const plain = await download(admin, '?contact=0');
    expect(plain.rows[0]).toEqual(HEADER);
    expect(await contactAudits(site.siteId)).toHaveLength(1);
  });

  it('keeps the messages of the days asked for, in the site’s time zone', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const at = (iso: string) => ({ unitId: site.eduUnit, createdAt: new Date(iso) });
    const [beforeFrom, firstMoment, lastMoment, afterTo] = await seedMessages(site.siteId, [
      at('2026-02-28T15:59:59.999Z'), // 2026-02-28 23:59:59 in China
      at('2026-02-28T16:00:00.000Z'), // 2026-03-01 00:00:00
      at('2026-03-31T15:59:59.500Z'), // 2026-03-31 23:59:59
      at('2026-03-31T16:00:00.000Z'), // 2026-04-01 00:00:00
    ]);
    const ids = async (query: string) => (await download(admin, query)).rows.slice(1).map((r) => r[0]);
    expect(await ids('?from=2026-03-01&to=2026-03-31')).toEqual([firstMoment, lastMoment]);
    expect(await ids('?from=2026-03-01')).toEqual([firstMoment, lastMoment, afterTo]);
    expect(await ids('?to=2026-02-28')).toEqual([beforeFrom]);
    expect(await ids('?from=2026-03-01&to=2026-03-01')).toEqual([firstMoment]);

    const invalid = await expectProblem(await consoleRequest('/v1/console/export.csv?from=2026-02-30&to=yesterday&contact=yes', { as: admin }), 422, 'validation');
    expect(invalid.errors!.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: 'from', code: 'invalid' }, { field: 'to', code: 'invalid' }, { field: 'contact', code: 'invalid_choice' },
    ]);
    const reversed = await expectProblem(await consoleRequest('/v1/console/export.csv?from=2026-04-01&to=2026-03-01', { as: admin }), 422, 'validation');
    expect(reversed.errors).toEqual([expect.objectContaining({ field: 'to', code: 'before_start' })]);
  });

  it('streams every message once, however many there are', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const seeded = await seedMessages(site.siteId, Array.from({ length: 1201 }, (_, i) => ({ unitId: site.eduUnit, title: `第${i}条` })));
    const { rows } = await download(admin);
    expect(rows.slice(1).map((r) => r[0])).toEqual(seeded);
  });

  it('says what officials did in words: labels, local times, the latest reply signed by its unit, the transfer path', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const [handled] = await seedMessages(site.siteId, [{ unitId: site.eduUnit, createdAt: new Date('2026-03-02T01:05:00Z') }]);
    const act = async (action: string, body: unknown = {}) =>
      expect((await consoleRequest(`/v1/console/messages/${handled}/${action}`, { as: admin, method: 'POST', body })).status).toBe(200);
    await act('accept');
    await act('transfer', { unitId: site.transportUnit, reason: '属交通部门职责' });
    await act('transfer', { unitId: site.eduUnit, reason: '涉及校门口，退回教育局' });
    await act('reply', { kind: 'interim', body: '已派人现场查看。' });
    await act('reply', { kind: 'final', body: '=已增设护学岗，\n早晚高峰有专人疏导。' });
    const rejected = await submitted(site.siteId, { title: '重复的一条' });
    expect((await consoleRequest(`/v1/console/messages/${rejected}/reject`, { as: admin, method: 'POST', body: { reason: 'duplicate' } })).status).toBe(200);

    const { rows } = await download(admin);
    const row = Object.fromEntries(HEADER.map((name, i) => [name, rows[1]![i]]));
    expect(row).toMatchObject({
      编号: handled, 提交时间: '2026-03-02 09:05', 留言对象: '测试县教育局', 办理状态: '已回复', 回复数: '2',
      最新回复类型: '正式回复', 答复单位: '测试县教育局', 最新回复时间: expect.stringMatching(LOCAL_TIME),
      // The reply as written, line break and all; a cell starting like a formula stays text.
      最新回复内容: "'=已增设护学岗，\n早晚高峰有专人疏导。",
      转办路径: '测试县教育局 → 测试县交通运输局 → 测试县教育局',
    });
    // Rejected: not handled, so no deadline runs.
    expect(rows[2]).toMatchObject({ 0: rejected, 10: '未通过审核', 11: '待受理', 12: '', 18: '' });

    const en = await download(admin, '?lang=en');
    expect(en.rows[1]!.slice(10, 15)).toEqual(['Published', 'Replied', expect.stringMatching(/^\d{4}-\d\d-\d\d$/), '2', 'Final reply']);
    expect(en.rows[2]![10]).toBe('Not approved');
    await expectProblem(await consoleRequest('/v1/console/export.csv?lang=fr', { as: admin }), 422, 'validation');
  });

  it('names a drive’s suggestion’s drive, the partner outlet it came from, and its adoption (采纳)', async () => {
    const site = await createSite({ moderation: 'post' });
    const admin = await createOfficial(site.siteId, 'admin');
    const drive = await consoleRequest('/v1/admin/campaigns', {
      as: admin, method: 'POST', body: {
        slug: 'jianyan', title: '建言“十五五”', startsAt: new Date(Date.now() - 86_400_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString(),
        outlets: [{ name: '示范日报', origin: 'https://news.example.cn' }],
      },
    });
    expect(drive.status).toBe(201);
    const sent = await submit(site.siteId, validMessage(site.eduUnit, { type: 'suggestion', campaign: 'jianyan' }), { origin: 'https://news.example.cn' });
    expect(sent.status).toBe(201);
    const { id } = await sent.json<{ id: string }>();
    const plain = await submitted(site.siteId, { title: '不属于专栏的一条' });
    for (const [action, body] of [['accept', {}], ['adopt', { note: '已写入县“十五五”规划第三章' }]] as const) {
      expect((await consoleRequest(`/v1/console/messages/${id}/${action}`, { as: admin, method: 'POST', body })).status).toBe(200);
    }

    const { rows } = await download(admin);
    const byId = new Map(rows.slice(1).map((r) => [r[0], Object.fromEntries(HEADER.map((name, i) => [name, r[i]]))]));
    expect(byId.get(id)).toMatchObject({ 建言专栏: '建言“十五五”', 来源媒体: '示范日报', 采纳时间: expect.stringMatching(LOCAL_TIME), 采纳说明: '已写入县“十五五”规划第三章' });
    expect(byId.get(plain)).toMatchObject({ 建言专栏: '', 来源媒体: '', 采纳时间: '', 采纳说明: '' });
    // The console's page of each says the same.
    const view = async (messageId: string) => (await consoleRequest(`/v1/console/messages/${messageId}`, { as: admin })).json<ConsoleMessage>();
    expect(await view(id)).toMatchObject({ campaign: 'jianyan', campaignTitle: '建言“十五五”', outlet: '示范日报' });
    expect(await view(plain)).toMatchObject({ campaign: null, campaignTitle: null, outlet: null });
  });

  it('answers in English when asked', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const { rows } = await download(admin, '?contact=1', { 'Accept-Language': 'en-GB,en;q=0.9' });
    expect(rows).toEqual([[
      'id', 'created', 'unit', 'type', 'domain', 'title', 'body', 'region', 'display name', 'public', 'moderation', 'status', 'due', 'replies',
      'latest reply kind', 'answering unit', 'latest reply time', 'latest reply', 'transfer path', 'campaign', 'outlet', 'adopted', 'adoption note',
      'name', 'phone', 'email', 'contact erased',
    ]]);
    expect(await contactAudits(site.siteId)).toEqual([{ account_id: admin.id, detail: JSON.stringify({ rows: 0, from: null, to: null }) }]);
  });
});
