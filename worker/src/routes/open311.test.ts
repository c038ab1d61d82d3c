// Open311 GeoReport v2: each endpoint in JSON and XML, what it never shows, and its errors in the
// spec's shape. (A client written against the spec alone walks them all in test/open311-client.)
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it, vi } from 'vitest';
import type { AuditPage } from '../../../sdk/src/schemas/audit';
import {
  addRating, addReply, AUTHOR, createSite, d1Cost, db, expectNoPersonalData, expectProblem, messageRow, request, seedMessages, submit, validMessage,
} from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';

const xml = new XMLParser({ parseTagValue: false });

type Site = Awaited<ReturnType<typeof createSite>>;

/** An integration key issued by an admin of the site, through the admin API. */
async function issueKey(siteId: string): Promise<{ id: string; apiKey: string }> {
  const admin = await createOfficial(siteId, 'admin');
  const response = await consoleRequest('/v1/admin/integration-keys', { as: admin, method: 'POST', body: { label: '12345热线平台' } });
  expect(response.status).toBe(201);
  return response.json();
}

const get = (siteId: string, path: string, origin: string | null = null) => request(`/open311/v2/${siteId}/${path}`, { origin });

function post(siteId: string, fields: Record<string, string>, { format = 'json', key, query = '', language }: { format?: string; key?: string; query?: string; language?: string } = {}) {
  return request(`/open311/v2/${siteId}/requests.${format}${query}`, {
    method: 'POST',
    origin: null,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(key ? { 'Idempotency-Key': key } : {}), ...(language ? { 'Accept-Language': language } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}

/** What a citizen's 12345 app would send. */
const form = (site: Site, apiKey: string, overrides: Record<string, string> = {}) => ({
  api_key: apiKey,
  service_code: 'complaint.education',
  description: '城关小学门口早晚高峰车辆乱停，孩子过马路很危险，希望安排交警疏导。',
  address_string: '测试县城关镇',
  first_name: '明',
  last_name: '陈',
  phone: AUTHOR.phone,
  email: AUTHOR.email,
  'attribute[unit]': site.eduUnit,
  'attribute[consent]': 'true',
  ...overrides,
});

/** The spec's error list, checked in both forms. */
async function expectErrors(response: Response, status: number, mentions: string) {
  expect(response.status).toBe(status);
  const body = await response.text();
  if (response.headers.get('Content-Type')!.startsWith('text/xml')) {
    const error = xml.parse(body).errors.error;
    expect(error.code).toBe(String(status));
    expect(error.description).toContain(mentions);
  } else {
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    const errors = JSON.parse(body) as { code: number; description: string }[];
    expect(errors[0]).toMatchObject({ code: status });
    expect(errors.map((e) => e.description).join('\n')).toContain(mentions);
  }
}

describe('discovery and services', () => {
  it('lists one service per type and domain, in Chinese, the same in XML', async () => {
    const site = await createSite();
    const discovery = await (await get(site.siteId, 'discovery.json')).json<{ endpoints: { url: string; formats: string[] }[] }>();
    expect(discovery.endpoints[0]).toMatchObject({ url: `https://liuyan.test/open311/v2/${site.siteId}`, formats: ['text/xml', 'application/json'] });

    const json = await (await get(site.siteId, 'services.json')).json<{ service_code: string; service_name: string; group: string }[]>();
    expect(json).toHaveLength(4 * 13);
    expect(json).toContainEqual(expect.objectContaining({ service_code: 'complaint.transport', service_name: '交通投诉', group: '交通' }));
    const response = await get(site.siteId, 'services.xml');
    expect(response.headers.get('Content-Type')).toBe('text/xml; charset=utf-8');
    const text = await response.text();
    expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(xml.parse(text).services.service.map((s: { service_code: string }) => s.service_code)).toEqual(json.map((s) => s.service_code));
  });

  it('defines a service by the site’s active units, and refuses a code the site does not have', async () => {
    const site = await createSite();
    const definition = await (await get(site.siteId, 'services/help.urban.json')).json<{ attributes: { code: string; required: boolean; values: { key: string }[] }[] }>();
    const unit = definition.attributes.find((a) => a.code === 'unit')!;
    expect(unit).toMatchObject({ datatype: 'singlevaluelist', required: true });
    expect(unit.values.map((v) => v.key).sort()).toEqual([site.eduUnit, site.headUnit, site.transportUnit].sort());
    const parsed = xml.parse(await (await get(site.siteId, 'services/help.urban.xml')).text());
    expect(parsed.service_definition.attributes.attribute[0].values.value).toHaveLength(3);

    await expectErrors(await get(site.siteId, 'services/complaint.weather.json'), 404, '未找到');
    await expectErrors(await get(site.siteId, 'services/complaint.weather.xml'), 404, '未找到');
    await expectErrors(await get('no-such-site', 'services.xml'), 404, '站点不存在');
    await expectErrors(await get(site.siteId, 'reports.json'), 404, '未找到');
  });
});

describe('GET requests', () => {
  it('shows published public messages only, with the answering unit, the latest reply and the deadline', async () => {
    const site = await createSite();
    const [answered, waiting, privateOne, pending] = await seedMessages(site.siteId, [
      { unitId: site.eduUnit, type: 'complaint', domain: 'education', status: 'closed' },
      { unitId: site.transportUnit, type: 'help', domain: 'transport' },
      { unitId: site.eduUnit, isPublic: false },
      { unitId: site.eduUnit, moderation: 'pending' },
    ]);
    await addReply(answered!, { unitId: site.transportUnit, body: '已协调交警在上下学时段疏导。' });
    await addRating(answered!, { overall: 5, resolution: 5, attitude: 5, speed: 4 });

    const response = await get(site.siteId, 'requests.json?extensions=true');
    const text = await response.text();
    expectNoPersonalData(text);
    const requests = JSON.parse(text) as Record<string, unknown>[];
    expect(requests.map((r) => r.service_request_id)).toEqual([waiting, answered]);
    expect(requests[1]).toMatchObject({
      status: 'closed', status_notes: '已协调交警在上下学时段疏导。', agency_responsible: '测试县交通运输局',
      service_code: 'complaint.education', service_name: '教育投诉', address: '测试县城关镇',
      extended_attributes: { type: 'complaint', domain: 'education', rating: 5, adopted: false },
    });
    expect(requests[0]).toMatchObject({ status: 'open', status_notes: null, agency_responsible: '测试县交通运输局' });
    expect(requests[0]!.expected_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);

    // The XML says the same.
    const fromXml = xml.parse(await (await get(site.siteId, 'requests.xml?extensions=true')).text()).service_requests.request;
    expect(fromXml.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([waiting, answered]);
    expect(fromXml[1].extended_attributes.rating).toBe('5');

    const ids = [privateOne, pending, answered].join(',');
    expect((await (await get(site.siteId, `requests.json?service_request_id=${ids}`)).json<unknown[]>())).toHaveLength(1);
    expect((await (await get(site.siteId, 'requests.json?status=closed')).json<{ service_request_id: string }[]>()).map((r) => r.service_request_id)).toEqual([answered]);
    expect((await (await get(site.siteId, 'requests.json?service_code=help.transport')).json<{ service_request_id: string }[]>()).map((r) => r.service_request_id)).toEqual([waiting]);
    expect((await (await get(site.siteId, 'requests.json?page=2&page_size=1')).json<{ service_request_id: string }[]>()).map((r) => r.service_request_id)).toEqual([answered]);
  });

  it('takes several statuses or service codes at once, comma-separated or repeated, as the spec lets a client declare them', async () => {
    const site = await createSite();
    const [answered, waiting, other] = await seedMessages(site.siteId, [
      { unitId: site.eduUnit, type: 'complaint', domain: 'education', status: 'closed' },
      { unitId: site.transportUnit, type: 'help', domain: 'transport' },
      { unitId: site.eduUnit, type: 'complaint', domain: 'transport' },
    ]);
    const ids = async (query: string) => (await (await get(site.siteId, `requests.json?${query}`)).json<{ service_request_id: string }[]>())
      .map((r) => r.service_request_id).sort();
    const all = [answered!, waiting!, other!].sort();
    expect(await ids('status=open,closed')).toEqual(all);
    expect(await ids('status=open&status=closed')).toEqual(all);
    expect(await ids('status=closed,%20closed')).toEqual([answered]);
    expect(await ids('status=open,closed,open,closed,open,closed')).toEqual(all);
    expect(await ids('service_code=complaint.education,help.transport')).toEqual([answered!, waiting!].sort());
    expect(await ids('service_code=complaint.education&service_code=help.transport&status=open')).toEqual([waiting]);
    const fromXml = xml.parse(await (await get(site.siteId, 'requests.xml?service_code=help.transport,complaint.transport')).text()).service_requests.request;
    expect(fromXml.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([waiting!, other!].sort());
    // One wrong item refuses the whole filter: never a quietly narrower answer.
    await expectErrors(await get(site.siteId, 'requests.json?status=open,pending'), 400, 'status: ');
    await expectErrors(await get(site.siteId, 'requests.json?status=,'), 400, 'status: ');
    await expectErrors(await get(site.siteId, 'requests.xml?service_code=help.transport,complaint.weather'), 400, 'service_code: ');
    const many = Array.from({ length: 21 }, (_, i) => `help.d${i}`).join(',');
    await expectErrors(await get(site.siteId, `requests.json?service_code=${many}`), 400, 'service_code: 服务代码最多20条');
  });

  it('filters by dates in China time or with an offset, at most 90 days apart', async () => {
    const site = await createSite();
    const [older, newer] = await seedMessages(site.siteId, [
      { unitId: site.eduUnit, createdAt: new Date('2026-10-01T02:00:00Z') },
      { unitId: site.eduUnit, createdAt: new Date('2026-11-01T02:00:00Z') },
    ]);
    const ids = async (query: string) => (await (await get(site.siteId, `requests.json?${query}`)).json<{ service_request_id: string }[]>()).map((r) => r.service_request_id);
    expect(await ids('start_date=2026-10-15&end_date=2026-11-15')).toEqual([newer]);
    expect(await ids('end_date=2026-10-01T09:59:59%2B08:00')).toEqual([]);
    expect(await ids('end_date=2026-10-01T02:00:01Z')).toEqual([older]);
    // A day alone as the end is that whole day (China time): one day asked for is that day's messages.
    expect(await ids('start_date=2026-11-01&end_date=2026-11-01')).toEqual([newer]);
    expect(await ids('start_date=2026-10-01&end_date=2026-10-31')).toEqual([older]);
    expect(await ids('start_date=2026-10-02&end_date=2026-10-31')).toEqual([]);

    await expectErrors(await get(site.siteId, 'requests.json?start_date=2026-01-01&end_date=2026-06-01'), 400, 'end_date: 开始日期和结束日期最多相隔90天');
    await expectErrors(await get(site.siteId, 'requests.xml?start_date=yesterday'), 400, 'start_date');
    // A day no calendar has is refused, not rolled over (2026-02-30 would be 2 March).
    await expectErrors(await get(site.siteId, 'requests.json?start_date=2026-02-30'), 400, 'start_date');
    await expectErrors(await get(site.siteId, 'requests.json?updated_after=2026-11-31T08:00:00%2B08:00'), 400, 'updated_after');
    await expectErrors(await get(site.siteId, 'requests.json?service_code=complaint.weather'), 400, 'service_code');
    await expectErrors(await get(site.siteId, 'requests.xml?start_date=2026-11-15&end_date=2026-10-15'), 400, 'end_date: 结束日期不能早于开始日期');
    // The day before, though as a whole day it reaches the start: its range is empty, and so refused.
    await expectErrors(await get(site.siteId, 'requests.json?start_date=2026-12-06&end_date=2026-12-05'), 400, 'end_date: 结束日期不能早于开始日期');
    await expectErrors(await get(site.siteId, 'requests.json?start_date=2026-12-06T00:00:00%2B08:00&end_date=2026-12-05'), 400, 'end_date');
    expect(await ids('start_date=2026-11-01T23:00:00%2B08:00&end_date=2026-11-01')).toEqual([]);
    expect(await ids('start_date=2026-11-01T12:00:00%2B08:00&end_date=2026-11-01T12:00:00%2B08:00')).toEqual([]);
    // Each parameter is named as the spec names it, then in words: never a raw name in the sentence.
    await expectErrors(await get(site.siteId, 'requests.json?page_size=1000'), 400, 'page_size: 每页条数不能大于100');
    await expectErrors(await get(site.siteId, 'requests.json?updated_after=yesterday'), 400, 'updated_after: 更新时间格式不正确');
  });

  it('gives one public message with its public timeline as notes, and 404 for a private or unknown id', async () => {
    const site = await createSite();
    const [shown, privateOne] = await seedMessages(site.siteId, [{ unitId: site.eduUnit }, { unitId: site.eduUnit, isPublic: false }]);
    await addReply(shown!, { unitId: site.eduUnit, kind: 'interim', body: '正在核实。' });
    const [request] = await (await get(site.siteId, `requests/${shown}.json`)).json<{ service_request_id: string; notes: { type: string; summary: string; description: string | null }[] }[]>();
    expect(request!.service_request_id).toBe(shown);
    expect(request!.notes.map((n) => [n.type, n.summary])).toEqual([['submitted', '提交留言'], ['published', '审核通过并公开'], ['replied', '阶段性回复']]);
    expect(request!.notes[2]!.description).toBe('正在核实。');
    const fromXml = xml.parse(await (await get(site.siteId, `requests/${shown}.xml`)).text());
    expect(fromXml.service_requests.request.notes.note).toHaveLength(3);

    // Line breaks as typed (CR LF, a lone CR) and markup characters read the same from both forms: an
    // XML parser turns a raw CR into LF, so it is sent as &#13;.
    const body = '第一行\r\n第二行\r第三行 <b>&amp; "引号" \'撇号\'';
    const [typed] = await seedMessages(site.siteId, [{ unitId: site.eduUnit, body }]);
    const [asJson] = await (await get(site.siteId, `requests/${typed}.json`)).json<{ description: string }[]>();
    expect(asJson!.description).toBe(body);
    const asXml = await (await get(site.siteId, `requests/${typed}.xml`)).text();
    expect(asXml).not.toContain('\r');
    expect(new XMLParser({ parseTagValue: false, htmlEntities: true }).parse(asXml).service_requests.request.description).toBe(body);

    for (const id of [privateOne, 'm_nosuchmessage']) {
      await expectErrors(await get(site.siteId, `requests/${id}.json`), 404, '未找到');
      await expectErrors(await get(site.siteId, `requests/${id}.xml`), 404, '未找到');
    }
    // A path without its format is named as such, in the spec's shape.
    await expectErrors(await get(site.siteId, `requests/${shown}`), 400, 'format: 路径后缀（.json 或 .xml）格式不正确');
    await expectErrors(await get(site.siteId, 'services/complaint.education'), 400, 'format: ');
    for (const path of ['requests', 'services', 'discovery']) await expectErrors(await get(site.siteId, path), 400, 'format: ');
    await expectErrors(await get(site.siteId, 'no-such-thing'), 404, '未找到');
  });

  it('answers a method a path does not take with 405 and Allow, in the spec’s shape and the form the path asks for', async () => {
    const site = await createSite();
    for (const format of ['xml', 'json']) {
      const put = await request(`/open311/v2/${site.siteId}/requests.${format}`, { method: 'PUT', origin: null });
      expect(put.headers.get('Allow')).toBe('GET, HEAD, OPTIONS, POST');
      await expectErrors(put, 405, '此地址不支持这种请求方法');
    }
    const deleted = await request(`/open311/v2/${site.siteId}/services.xml`, { method: 'DELETE', origin: null });
    expect(deleted.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
    await expectErrors(deleted, 405, '此地址不支持这种请求方法');
  });
});

describe('POST requests', () => {
  it('stores the message as the widget would, answers with a token, and the token gives the id once published', async () => {
    const site = await createSite();
    const { apiKey } = await issueKey(site.siteId);
    const response = await post(site.siteId, form(site, apiKey), { key: 'open311-retry-0001' });
    expect(response.status).toBe(201);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const [created] = await response.json<{ token: string; service_request_id: string | null; tracking_code: string; service_notice: string }[]>();
    expect(created).toMatchObject({ service_request_id: null, service_notice: expect.stringContaining('审核通过后公开') });

    // A retry with the same key: the same answer, one message,
    // in the client's language, as its errors are.
    const retried = await post(site.siteId, form(site, apiKey), { key: 'open311-retry-0001', format: 'xml', language: 'en' });
    const again = xml.parse(await retried.text()).service_requests.request;
    expect(again).toMatchObject({ token: created!.token, tracking_code: created!.tracking_code });
    expect(again.service_notice).toMatch(/^Message received; it will be published once moderated\. Reply due by \d{4}-\d{2}-\d{2}\.$/);
    const inTraditional = await post(site.siteId, form(site, apiKey), { key: 'open311-retry-0001', language: 'zh-TW' });
    expect((await inTraditional.json<{ service_notice: string }[]>())[0]!.service_notice).toContain('審核通過後公開');
    const rows = await db.all(db.q.selectFrom('messages').select(['id', 'author_phone_enc', 'author_name_enc', 'display_name', 'title']).where('site_id', '=', site.siteId));
    expect(rows).toHaveLength(1);
    const message = rows[0]!;
    expect(message).toMatchObject({ display_name: '陈***', title: '城关小学门口早晚高峰车辆乱停，孩子过马路很危险，希望安排交警疏导。' });
    expect(`${message.author_phone_enc}${message.author_name_enc}`).not.toContain(AUTHOR.phone);

    const token = async () => (await (await get(site.siteId, `tokens/${created!.token}.json`)).json<{ service_request_id: string | null }[]>())[0]!.service_request_id;
    expect(await token()).toBeNull();
    await expectErrors(await get(site.siteId, `requests/${message.id}.json`), 404, '未找到');
    const moderator = await createOfficial(site.siteId, 'moderator');
    expect((await consoleRequest(`/v1/console/messages/${message.id}/publish`, { as: moderator, method: 'POST', body: {} })).status).toBe(200);
    expect(await token()).toBe(message.id);
    expect((await get(site.siteId, `requests/${message.id}.json`)).status).toBe(200);
    await expectErrors(await get(site.siteId, 'tokens/no-such-token.xml'), 404, '未找到');
  });

  it('takes the same form posted again without an Idempotency-Key for a retry, for a short while', async () => {
    const site = await createSite();
    const { apiKey } = await issueKey(site.siteId);
    const [first] = await (await post(site.siteId, form(site, apiKey))).json<{ token: string; tracking_code: string }[]>();
    // The answer was lost; the client posts the same form again (here as XML, and with its fields in another order).
    const reordered = Object.fromEntries(Object.entries(form(site, apiKey)).reverse());
    const retried = xml.parse(await (await post(site.siteId, reordered, { format: 'xml' })).text()).service_requests.request;
    expect(retried).toMatchObject({ token: first!.token, tracking_code: first!.tracking_code });
    // Another message from the same citizen is a new one.
    const [other] = await (await post(site.siteId, form(site, apiKey, { description: '城关小学门口的路灯坏了一个月，晚上放学很黑。' }))).json<{ token: string }[]>();
    expect(other!.token).not.toBe(first!.token);
    const keys = await db.all(db.q.selectFrom('idempotency_keys').select(['created_at', 'expires_at']).where('site_id', '=', site.siteId));
    expect(keys).toHaveLength(2);
    // Kept 15 minutes, then the same words are a new message.
    for (const key of keys) expect(Date.parse(key.expires_at) - Date.parse(key.created_at)).toBe(15 * 60_000);
    expect(await db.all(db.q.selectFrom('messages').select('id').where('site_id', '=', site.siteId))).toHaveLength(2);
  });

  it('publishes at once on a post-moderated site, and never a private message', async () => {
    const site = await createSite({ moderation: 'post' });
    const { apiKey } = await issueKey(site.siteId);
    const [open] = await (await post(site.siteId, form(site, apiKey))).json<{ service_request_id: string }[]>();
    expect((await messageRow(open!.service_request_id))!.moderation).toBe('published');
    const [closed] = await (await post(site.siteId, form(site, apiKey, { 'attribute[public]': 'false' }))).json<{ service_request_id: string | null; token: string }[]>();
    expect(closed!.service_request_id).toBeNull();
    expect((await (await get(site.siteId, `tokens/${closed!.token}.json`)).json<{ service_request_id: string | null }[]>())[0]!.service_request_id).toBeNull();
  });

  it('takes a description of the most characters the site takes, in Chinese, percent-encoded (18 KB), and names one more as too long', async () => {
    const site = await createSite();
    const { apiKey } = await issueKey(site.siteId);
    const longest = '城关小学门口早晚高峰车辆乱停。'.repeat(200).slice(0, 2000);
    expect((await post(site.siteId, form(site, apiKey, { description: longest }))).status).toBe(201);
    // Not refused as too large a body (413): the description is named.
    await expectErrors(await post(site.siteId, form(site, apiKey, { description: `${longest}路` })), 400, 'description: ');
  });

  it('refuses a missing, wrong or revoked api_key, a bad service_code and invalid fields, naming each parameter', async () => {
    const site = await createSite();
    const { id, apiKey } = await issueKey(site.siteId);
    const other = await createSite();
    const { apiKey: otherSitesKey } = await issueKey(other.siteId);

    const { api_key: _, ...noKey } = form(site, apiKey);
    await expectErrors(await post(site.siteId, noKey), 403, 'api_key');
    // A key sent in the address, as some clients do, is not read: the answer says where it goes.
    await expectErrors(await post(site.siteId, noKey, { query: `?api_key=${apiKey}` }), 403, '请在表单正文（不是网址）中提交');
    // Without a live key, nothing is said about the fields (what they must be is for key holders).
    const { description: __, ...noDescription } = form(site, 'lyk_wrongwrongwrongwrongwrongwrong', { service_code: 'complaint.weather', phone: 'x' });
    await expectErrors(await post(site.siteId, noDescription, { format: 'xml' }), 403, 'api_key');
    await expectErrors(await post(site.siteId, { ...noKey, 'attribute[consent]': 'false' }), 403, 'api_key');
    await expectErrors(await post(site.siteId, form(site, otherSitesKey)), 403, 'api_key');
    await expectErrors(await post(site.siteId, form(site, apiKey, { service_code: 'complaint.weather' }), { format: 'xml' }), 400, 'service_code');
    await expectErrors(await post(site.siteId, form(site, apiKey, { phone: '00000000000', 'attribute[consent]': 'false' })), 400, 'phone: ');
    await expectErrors(await post(site.siteId, form(site, apiKey, { 'attribute[consent]': 'false' })), 400, 'attribute[consent]: ');
    // Every parameter in error is named in one answer, whichever check finds it: the form's (a
    // description missing), the service_code, the submission's (the phone, the consent).
    const named = async (response: Response) => {
      expect(response.status).toBe(400);
      return (await response.json<{ description: string }[]>()).map((e) => e.description.slice(0, e.description.indexOf(':')));
    };
    const { description: ___, ...wrongEverywhere } = form(site, apiKey, { service_code: 'complaint.weather', phone: '00000000000', 'attribute[consent]': 'false' });
    expect(await named(await post(site.siteId, wrongEverywhere))).toEqual(['description', 'service_code', 'phone', 'attribute[consent]']);
    expect(await named(await post(site.siteId, form(site, apiKey, { service_code: 'complaint.weather', phone: '00000000000' })))).toEqual(['service_code', 'phone']);
    // The site's minimum lengths and the unit are named with the rest, not one try later.
    expect(await named(await post(site.siteId, form(site, apiKey, { phone: 'bad', description: '短', 'attribute[title]': '短', 'attribute[unit]': 'u_none' }))))
      .toEqual(['phone', 'attribute[title]', 'description', 'attribute[unit]']);
    // A singlevaluelist takes its keys only: FALSE or 0 is refused, never taken for the default (public).
    for (const value of ['FALSE', '0', 'no', '']) await expectErrors(await post(site.siteId, form(site, apiKey, { 'attribute[public]': value })), 400, 'attribute[public]: ');
    const notForm = await request(`/open311/v2/${site.siteId}/requests.json`, { method: 'POST', origin: null, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(form(site, apiKey)) });
    await expectErrors(notForm, 415, 'JSON');
    const notUtf8 = await request(`/open311/v2/${site.siteId}/requests.json`, {
      method: 'POST', origin: null, headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=iso-8859-1' }, body: new URLSearchParams(form(site, apiKey)).toString(),
    });
    expect(notUtf8.status).toBe(415);
    // Bytes that are not UTF-8 are refused, never stored as U+FFFD.
    const latin1 = new URLSearchParams(form(site, apiKey)).toString().replace('address_string=', 'address_string=%C7%E5');
    const malformed = await request(`/open311/v2/${site.siteId}/requests.json`, { method: 'POST', origin: null, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: latin1 });
    await expectErrors(malformed, 400, '请求格式有误');

    const admin = await createOfficial(site.siteId, 'admin');
    const revoked = await consoleRequest(`/v1/admin/integration-keys/${id}/revoke`, { as: admin, method: 'POST', body: {} });
    expect((await revoked.json<{ revokedAt: string | null }>()).revokedAt).not.toBeNull();
    await expectErrors(await post(site.siteId, form(site, apiKey)), 403, 'api_key');
    expect(await db.all(db.q.selectFrom('messages').select('id').where('site_id', '=', site.siteId))).toEqual([]);
  });

  it('names a banned word with the other parameters in error, in one answer: the description and the address', async () => {
    const site = await createSite();
    const { apiKey } = await issueKey(site.siteId);
    const admin = await createOfficial(site.siteId, 'admin');
    expect((await consoleRequest('/v1/admin/protection', {
      as: admin, method: 'PUT', body: { bannedWords: ['法轮功'], holdWords: [], holdLinks: true, holdPhones: true, minFillSeconds: 5, turnstileSiteKey: null, retentionDays: 365 },
    })).status).toBe(200);
    const response = await post(site.siteId, form(site, apiKey, { phone: 'bad', description: '城关镇有人发法轮功传单，孩子上学路上经常被塞。', address_string: '法轮功村', 'attribute[consent]': 'false' }));
    expect(response.status).toBe(400);
    expect((await response.json<{ description: string }[]>()).map((e) => e.description)).toEqual([
      'phone: 请填写有效的手机号或带区号的座机号；境外号码请以 + 和国家或地区代码开头，如 +852', 'attribute[consent]: 请阅读并同意隐私声明',
      'description: 留言内容含有本站不允许发布的词语，请修改后再提交', 'address_string: 所在地区含有本站不允许发布的词语，请修改后再提交',
    ]);
    // Alone, it is refused as before, and only the description is named: the title made from its
    // first line holds the word too, but the client sent no attribute[title] to fix.
    const alone = await post(site.siteId, form(site, apiKey, { description: '城关镇有人发法轮功传单，孩子上学路上经常被塞。' }));
    expect(alone.status).toBe(400);
    expect((await alone.json<{ description: string }[]>()).map((e) => e.description)).toEqual(['description: 留言内容含有本站不允许发布的词语，请修改后再提交']);
    // A title the client gave is named as itself.
    const titled = await post(site.siteId, form(site, apiKey, { 'attribute[title]': '法轮功传单', description: '城关镇有人发传单，孩子上学路上经常被塞。' }));
    expect((await titled.json<{ description: string }[]>()).map((e) => e.description)).toEqual(['attribute[title]: 标题含有本站不允许发布的词语，请修改后再提交']);
    expect(await db.all(db.q.selectFrom('messages').select('id').where('site_id', '=', site.siteId))).toEqual([]);
  });

  it('makes a title from the description when none is given, and names the description when it is too short for one', async () => {
    const site = await createSite();
    const { apiKey } = await issueKey(site.siteId);
    // A first line shorter than a title may be: the description's lines, joined, make the title.
    const created = await post(site.siteId, form(site, apiKey, { description: '坏了\n城关小学门口的路灯坏了三天，晚上很黑。' }));
    expect(created.status).toBe(201);
    expect(await db.first(db.q.selectFrom('messages').select('title').where('site_id', '=', site.siteId))).toEqual({ title: '坏了 城关小学门口的路灯坏了三天，晚上很黑。' });
    // Too short for a title even so (a site taking bodies of 2 characters): the description is named,
    // never attribute[title], which the client did not send.
    await db.batch([db.q.updateTable('sites').set({ body_min: 2 }).where('id', '=', site.siteId)]);
    const short = await post(site.siteId, form(site, apiKey, { description: '路灯坏' }));
    expect(short.status).toBe(400);
    expect((await short.json<{ description: string }[]>()).map((e) => e.description)).toEqual(['description: 留言内容至少需要4个字']);
    // A title given is named as itself.
    await expectErrors(await post(site.siteId, form(site, apiKey, { 'attribute[title]': '路灯' })), 400, 'attribute[title]: 标题至少需要4个字');
  });

  it('relays many citizens from the platform’s one address (no cap per address), still capping each phone', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const limits = await consoleRequest('/v1/admin/site', { as: admin, method: 'PATCH', body: { submissionLimits: { perAddressHour: 1, perPhoneDay: 1 } } });
    expect(limits.status).toBe(200);
    const { apiKey } = await issueKey(site.siteId);
    const from = { 'CF-Connecting-IP': '203.0.113.9' };
    const relay = (phone: string, description = form(site, apiKey).description) => request(`/open311/v2/${site.siteId}/requests.json`, {
      method: 'POST', origin: null, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...from },
      body: new URLSearchParams(form(site, apiKey, { phone, description })).toString(),
    });
    // Three citizens through the hotline's server: one address, three messages.
    for (const phone of ['13912341001', '13912341002', '13912341003']) expect((await relay(phone)).status).toBe(201);
    // One citizen's second message the same day is over their phone's cap, whichever way it comes.
    // Its answer says it is this phone, and when: an operator tells it from the relay going too fast.
    const capped = await relay('13912341001', '公交站牌被撞坏了，请尽快修复。');
    expect(capped.status).toBe(429);
    expect(Number(capped.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await capped.json()).toEqual([{ code: 429, description: expect.stringMatching(/^这个手机号提交得太频繁，请\d+(小时|分钟)后再试。$/) }]);
    // The widget's own submissions from that address are still capped per address.
    expect((await submit(site.siteId, validMessage(site.eduUnit, { author: { name: '陈明', phone: '13912341004' } }), { headers: from })).status).toBe(201);
    await expectProblem(await submit(site.siteId, validMessage(site.eduUnit, { author: { name: '陈明', phone: '13912341005' } }), { headers: from }), 429, 'too_many_requests');
  });
});

describe('integration keys', () => {
  it('shows a key once, keeps only its hash, lists and revokes it, and audits both', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const issued = await (await consoleRequest('/v1/admin/integration-keys', { as: admin, method: 'POST', body: { label: '市政务服务平台' } }))
      .json<{ id: string; apiKey: string; prefix: string; revokedAt: string | null }>();
    expect(issued.apiKey).toMatch(/^lyk_[a-z2-9]{32}$/);
    expect(issued.apiKey.startsWith(issued.prefix)).toBe(true);
    const stored = await db.first(db.q.selectFrom('integration_keys').selectAll().where('id', '=', issued.id));
    expect(JSON.stringify(stored)).not.toContain(issued.apiKey);

    const list = await (await consoleRequest('/v1/admin/integration-keys', { as: admin })).text();
    expect(list).toContain('市政务服务平台');
    expect(list).not.toContain(issued.apiKey);
    // Revoked twice at once, within one millisecond (the clock held still): revoked once, audited once.
    const revoke = () => consoleRequest(`/v1/admin/integration-keys/${issued.id}/revoke`, { as: admin, method: 'POST', body: {} });
    vi.useFakeTimers({ toFake: ['Date'] });
    const revoked = await Promise.all([revoke(), revoke()]).finally(() => vi.useRealTimers());
    expect(revoked.map((r) => r.status)).toEqual([200, 200]);
    const audit = await db.all(db.q.selectFrom('audit_log').select('action').where('site_id', '=', site.siteId).orderBy('id'));
    expect(audit.map((a) => a.action)).toEqual(['integration_key.create', 'integration_key.revoke']);
    // Named in the log as the keys page lists it: its label, with its prefix.
    const log = await (await consoleRequest('/v1/admin/audit-log', { as: admin })).json<AuditPage>();
    expect(log.items.map((e) => e.target?.name)).toEqual([`市政务服务平台 (${issued.prefix})`, `市政务服务平台 (${issued.prefix})`]);
    expect((await consoleRequest('/v1/admin/integration-keys/k_other/revoke', { as: admin, method: 'POST', body: {} })).status).toBe(404);
  });
});

describe('cost', () => {
  it('reads about one message row per request of a page, however many messages the site has', async () => {
    const site = await createSite();
    await seedMessages(site.siteId, Array.from({ length: 300 }, (_, i) => ({ unitId: i % 2 ? site.eduUnit : site.transportUnit, type: i % 3 ? 'complaint' as const : 'help' as const })));
    // Measured: 41 rows (the site, 20 messages and their units) for a first page of 20, with or without status.
    for (const query of ['page_size=20', 'page_size=20&status=open']) {
      const response = await get(site.siteId, `requests.json?${query}`);
      expect(response.status).toBe(200);
      expect(d1Cost(response).rowsRead).toBeLessThanOrEqual(45);
    }
    // A page further on walks the pages before it (page × page_size is capped at 5,000 rows).
    expect(d1Cost(await get(site.siteId, 'requests.json?page_size=20&page=3')).rowsRead).toBeLessThanOrEqual(125);
    await expectErrors(await get(site.siteId, 'requests.json?page=51'), 400, 'page');
    const ids = Array.from({ length: 51 }, (_, i) => `m_${String(i).padStart(16, 'a')}`).join(',');
    await expectErrors(await get(site.siteId, `requests.json?service_request_id=${ids}`), 400, 'service_request_id');
  });
});
