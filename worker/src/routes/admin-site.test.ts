import { describe, expect, it } from 'vitest';
import type { SiteSettings } from '../../../sdk/src/schemas/admin';
import { ALLOWED_ORIGIN, createSite, db, expectProblem, submit, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';

async function auditRows(siteId: string, action: string) {
  return db.all(db.q.selectFrom('audit_log').select(['account_id', 'action', 'detail']).where('site_id', '=', siteId).where('action', '=', action).orderBy('id'));
}

describe('GET /v1/admin/site', () => {
  it('shows the admin its own site’s settings', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const response = await consoleRequest('/v1/admin/site', { as: admin });
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(await response.json<SiteSettings>()).toEqual({
      id: siteId, name: '测试县人民政府', locale: 'zh-CN', moderation: 'pre', allowedOrigins: [ALLOWED_ORIGIN],
      types: ['suggestion', 'complaint', 'help', 'consultation'],
      domains: ['urban', 'transport', 'agriculture', 'health', 'education', 'environment', 'employment', 'enterprise', 'governance', 'security', 'tourism', 'finance', 'other'],
      deadlineDays: { consultation: 5, help: 5, complaint: 7, suggestion: 15 },
      titleMin: 4, bodyMin: 10, privacyUrl: null, privacyText: null,
      submissionLimits: { perAddressHour: 10, perPhoneDay: 5, perSiteMinute: 30 },
      followUpLimit: 3,
      reminderDays: 1,
      hostedPages: true, returnUrl: null, returnLabel: null, themeColor: null,
      shareImageUrl: null, stringOverrides: {},
    });
  });

  it('is for admins only', async () => {
    const { siteId, eduUnit } = await createSite();
    for (const official of [await createOfficial(siteId, 'moderator'), await createOfficial(siteId, 'responder', [eduUnit])]) {
      await expectProblem(await consoleRequest('/v1/admin/site', { as: official }), 403, 'forbidden');
      await expectProblem(await consoleRequest('/v1/admin/site', { as: official, method: 'PATCH', body: { moderation: 'post' } }), 403, 'forbidden');
    }
    await expectProblem(await consoleRequest('/v1/admin/site', { as: null }), 401, 'unauthenticated');
  });
});

describe('PATCH /v1/admin/site', () => {
  it('changes only the fields given, and the widget and submissions follow at once', async () => {
    const { siteId, eduUnit } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const response = await consoleRequest('/v1/admin/site', {
      as: admin, method: 'PATCH',
      body: {
        moderation: 'post',
        allowedOrigins: [ALLOWED_ORIGIN, 'https://news.example.cn:8443', 'http://localhost:5173'],
        types: ['complaint', 'help'],
        domains: ['education', 'transport'],
        deadlineDays: { complaint: 3 },
      },
    });
    expect(response.status).toBe(200);
    const settings = await response.json<SiteSettings>();
    expect(settings).toMatchObject({
      name: '测试县人民政府',
      moderation: 'post',
      allowedOrigins: [ALLOWED_ORIGIN, 'https://news.example.cn:8443', 'http://localhost:5173'],
      types: ['complaint', 'help'],
      domains: ['education', 'transport'],
      deadlineDays: { consultation: 5, help: 5, complaint: 3, suggestion: 15 },
    });
    expect(await (await consoleRequest('/v1/admin/site', { as: admin })).json()).toEqual(settings);

    // Post-moderation publishes at once; a type switched off is refused.
    const published = await submit(siteId, validMessage(eduUnit, { type: 'complaint', domain: 'education' }), { origin: 'https://news.example.cn:8443' });
    expect(published.status).toBe(201);
    expect(await published.json()).toMatchObject({ moderation: 'published' });
    const refused = await expectProblem(await submit(siteId, validMessage(eduUnit, { type: 'suggestion', domain: 'education' })), 422, 'validation');
    expect(refused.errors).toContainEqual(expect.objectContaining({ field: 'type', code: 'type_not_allowed' }));
  });

  it('writes one audit row naming the changed fields, and none when nothing changed', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    await consoleRequest('/v1/admin/site', {
      as: admin, method: 'PATCH', body: { moderation: 'pre', allowedOrigins: ['https://a.example.cn'], deadlineDays: { help: 4 } },
    });
    await consoleRequest('/v1/admin/site', { as: admin, method: 'PATCH', body: { allowedOrigins: ['https://a.example.cn'], deadlineDays: { help: 4 } } });
    const rows = await auditRows(siteId, 'site.update');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.account_id).toBe(admin.id);
    // The field names only: not the origins themselves, and not the unchanged moderation mode.
    expect(JSON.parse(rows[0]!.detail!)).toEqual({ fields: ['allowedOrigins', 'deadlineDays'] });
  });

  it('takes a website as copied from the address bar as its origin: a lone "/" dropped, the host in lower case', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const saved = await consoleRequest('/v1/admin/site', {
      as: admin, method: 'PATCH', body: { allowedOrigins: ['https://www.county.example.gov.cn/', ' HTTPS://News.Example.CN:8443 ', 'http://localhost:5173/', 'https://tv.example.cn./'] },
    });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { allowedOrigins: string[] }).allowedOrigins)
      .toEqual(['https://www.county.example.gov.cn', 'https://news.example.cn:8443', 'http://localhost:5173', 'https://tv.example.cn']);
    // The same website twice, once with its "/": the second is named.
    const twice = await expectProblem(await consoleRequest('/v1/admin/site', {
      as: admin, method: 'PATCH', body: { allowedOrigins: ['https://a.example.cn', 'https://a.example.cn/'] },
    }), 422, 'validation');
    expect(twice.errors).toEqual([expect.objectContaining({ field: 'allowedOrigins.1', code: 'duplicate' })]);
  });

  // Each refusal says what to change: the shape of an origin, https, or the user name to drop.
  it.each([
    ['http://www.county.example.gov.cn', 'https_required', '允许嵌入的网站须以 https:// 开头'],
    ['https://www.county.example.gov.cn/news', 'not_an_origin', '允许嵌入的网站：只填网址的开头，如 https://www.county.gov.cn'],
    ['https://www.county.example.gov.cn/?', 'not_an_origin', '不带其后的路径'],
    ['https://www.county.example.gov.cn/#top', 'not_an_origin', '和 ? 或 # 后的内容'],
    ['https://admin@www.county.example.gov.cn', 'credentials_in_url', '不能含用户名或密码'],
    ['https://*.gov.cn', 'not_an_origin', '也不能用 * 代表多个网站'],
    ['ftp://files.example.cn', 'not_an_origin', '只填网址的开头'],
    ['www.county.example.gov.cn', 'not_an_origin', '只填网址的开头'],
    ['javascript:alert(1)', 'not_an_origin', '只填网址的开头'],
  ])('refuses the origin %s (%s), saying what to change', async (origin, code, sentence) => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const problem = await expectProblem(
      await consoleRequest('/v1/admin/site', { as: admin, method: 'PATCH', body: { allowedOrigins: [origin] } }), 422, 'validation',
    );
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'allowedOrigins.0', code, message: expect.stringContaining(sentence) })]);
  });

  it('names every invalid field with a stable code, and changes nothing', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const problem = await expectProblem(await consoleRequest('/v1/admin/site', {
      as: admin, method: 'PATCH',
      body: {
        moderation: 'sometimes',
        allowedOrigins: ['https://a.example.cn', 'https://a.example.cn'],
        types: [],
        domains: ['education', 'astrology'],
        deadlineDays: { complaint: 0, help: 61 },
      },
    }), 422, 'validation');
    expect(problem.errors!.map(({ field, code }) => ({ field, code }))).toEqual(expect.arrayContaining([
      { field: 'moderation', code: 'invalid_choice' },
      { field: 'allowedOrigins.1', code: 'duplicate' },
      { field: 'types', code: 'required' },
      { field: 'domains.1', code: 'invalid_choice' },
      { field: 'deadlineDays.complaint', code: 'below_minimum' },
      { field: 'deadlineDays.help', code: 'above_maximum' },
    ]));
    expect(problem.errors!.find((e) => e.field === 'deadlineDays.help')?.message).toBe('办理时限不能大于60');
    // The second of two equal origins is the one named, as listed twice (not as malformed).
    expect(problem.errors!.find((e) => e.field === 'allowedOrigins.1')?.message).toMatch(/重复/);
    expect(await (await consoleRequest('/v1/admin/site', { as: admin })).json()).toMatchObject({ moderation: 'pre', allowedOrigins: [ALLOWED_ORIGIN] });
    expect(await auditRows(siteId, 'site.update')).toEqual([]);
  });

  it('changes only the admin’s own site', async () => {
    const mine = await createSite();
    const other = await createSite();
    const admin = await createOfficial(mine.siteId, 'admin');
    await consoleRequest('/v1/admin/site', { as: admin, method: 'PATCH', body: { moderation: 'post' } });
    const otherAdmin = await createOfficial(other.siteId, 'admin');
    expect(await (await consoleRequest('/v1/admin/site', { as: otherAdmin })).json()).toMatchObject({ id: other.siteId, moderation: 'pre' });
  });
});

describe('PATCH /v1/admin/site — reminders before deadlines', () => {
  it('sets how many working days before a deadline units are reminded (0: never), within 0–30', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const patch = (body: unknown) => consoleRequest('/v1/admin/site', { as: admin, method: 'PATCH', body });
    expect(await (await patch({ reminderDays: 0 })).json<SiteSettings>()).toMatchObject({ reminderDays: 0 });
    const problem = await expectProblem(await patch({ reminderDays: 31 }), 422, 'validation');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'reminderDays', code: 'above_maximum' })]);
    expect(await (await consoleRequest('/v1/admin/site', { as: admin })).json<SiteSettings>()).toMatchObject({ reminderDays: 0 });
  });
});
