// The spec-only client (./client.ts, which shares no code with the service) walks every Open311
// endpoint of a site in JSON and in XML, with no special case for this service: discovery →
// services → a definition → POST → token → (a moderator publishes) → token → requests → request.
// Only the setting up (a site, an admin's key, the moderator) uses the service's test helpers.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createSite } from '../fixtures';
import { consoleRequest, createOfficial } from '../officials';
import { asXmlText, GeoReportClient, Open311Error, type Format, type Value } from './client';

const fetchWorker = (url: string, init?: RequestInit) => exports.default.fetch(new Request(url, init));

/** What a person fills in for each attribute the definition asks for: the first choice, or some text. */
function attributesFor(definition: { attributes: Record<string, Value>[] }): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const attribute of definition.attributes) {
    if (attribute.variable !== true && attribute.variable !== 'true') continue;
    const values = attribute.values as { key: string }[];
    if (attribute.required === true || attribute.required === 'true') fields[`attribute[${String(attribute.code)}]`] = values.length > 0 ? String(values[0]!.key) : '路灯不亮';
  }
  return fields;
}

describe.each(['json', 'xml'] as Format[])('a GeoReport v2 client reading %s', (format) => {
  it('walks discovery, services, a definition, POST, token, requests and one request; the other format says the same', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const { apiKey } = await (await consoleRequest('/v1/admin/integration-keys', { as: admin, method: 'POST', body: { label: 'Open311 客户端' } })).json<{ apiKey: string }>();
    const discoveryUrl = `https://liuyan.test/open311/v2/${site.siteId}/discovery.${format}`;
    const client = await GeoReportClient.discover(fetchWorker, discoveryUrl, format);
    const other = await GeoReportClient.discover(fetchWorker, discoveryUrl.replace(/\.(json|xml)$/, format === 'json' ? '.xml' : '.json'), format === 'json' ? 'xml' : 'json');
    /** JSON and XML of the same resource hold the same (XML as text). */
    const same = async (read: (c: GeoReportClient) => Promise<unknown>) => {
      const [mine, theirs] = await Promise.all([read(client), read(other)]);
      const [json, xml] = format === 'json' ? [mine, theirs] : [theirs, mine];
      expect(xml).toEqual(asXmlText(json as Value));
      return mine;
    };

    const services = await same((c) => c.services()) as Record<string, Value>[];
    const service = services.find((s) => String(s.service_code) === 'help.urban')!;
    expect(service).toMatchObject({ service_name: '城建求助', group: '城建' });
    const definition = await same((c) => c.definition(String(service.service_code))) as { attributes: Record<string, Value>[] };

    const [created] = await client.create({
      api_key: apiKey, service_code: String(service.service_code), description: '我家门口的路灯坏了一个多月，晚上走路很不安全。',
      address_string: '测试县城关镇', first_name: 'Ming', last_name: 'Chen', phone: '13912345678', email: 'chen@example.com',
      ...attributesFor(definition),
    });
    const token = String(created!.token);
    expect(created!.service_request_id ?? '').toBe('');
    expect((await same((c) => c.token(token)) as Record<string, Value>[])[0]!.service_request_id ?? '').toBe('');
    await expect(client.request('m_nosuchmessage')).rejects.toBeInstanceOf(Open311Error);

    // A moderator publishes it (the service's side); the token now names the request.
    const moderator = await createOfficial(site.siteId, 'moderator');
    const messageId = (await (await consoleRequest('/v1/console/messages?moderation=pending', { as: moderator })).json<{ items: { id: string }[] }>()).items[0]!.id;
    expect((await consoleRequest(`/v1/console/messages/${messageId}/publish`, { as: moderator, method: 'POST', body: {} })).status).toBe(200);
    const [resolved] = await same((c) => c.token(token)) as Record<string, Value>[];
    expect(String(resolved!.service_request_id)).toBe(messageId);

    const requests = await same((c) => c.requests({ service_code: String(service.service_code), status: 'open', extensions: 'true' })) as Record<string, Value>[];
    expect(requests.map((r) => String(r.service_request_id))).toEqual([messageId]);
    const [request] = await same((c) => c.request(messageId)) as Record<string, Value>[];
    // Not answered yet: the unit it was written to (the first choice the client made) is responsible.
    const chosen = (definition.attributes.find((a) => a.required === true || a.required === 'true')!.values as { name: string }[])[0]!.name;
    expect(request).toMatchObject({ status: 'open', address: '测试县城关镇', agency_responsible: chosen });
    expect(String(request!.requested_datetime)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/);
    expect(JSON.stringify(request)).not.toMatch(/Chen|13912345678|chen@example\.com/);
    // An error reads the same way: the spec's list of {code, description}, in either format.
    const errors = await same((c) => c.requests({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-12-31T00:00:00Z' }).catch((e: Open311Error) => e.errors)) as Record<string, Value>[];
    expect(String(errors[0]!.code)).toBe('400');
  });
});
