import { describe, expect, it } from 'vitest';
import type { SiteSettings } from '../../../sdk/src/schemas/admin';
import type { SiteConfig } from '../../../sdk/src/schemas/site';
import { createSite, db, expectProblem, request } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';

// A site's own words for a few visible strings, per language: set by an admin (PATCH /v1/admin/site
// `stringOverrides`), served with the site's config to the widget, used by the hosted pages.

const page = (path: string) => request(path, { origin: null, redirect: 'manual' });

async function adminOf(siteId: string) {
  const admin = await createOfficial(siteId, 'admin');
  return (body: unknown, headers: Record<string, string> = {}) => consoleRequest('/v1/admin/site', { as: admin, method: 'PATCH', body, headers });
}

describe('per-site string overrides', () => {
  it('an admin words the button and the board’s name per language; the widget’s config and the hosted pages follow', async () => {
    const { siteId } = await createSite();
    const patch = await adminOf(siteId);
    const overrides = {
      'zh-CN': { 'form.submit': '提交给县长', 'hosted.boardName': '县长信箱' },
      'zh-TW': { 'hosted.boardName': '縣長信箱' },
      en: { 'form.submit': 'Send to the county head' },
    };
    const response = await patch({ stringOverrides: overrides });
    expect(response.status).toBe(200);
    expect((await response.json<SiteSettings>()).stringOverrides).toEqual(overrides);

    const config = await (await request(`/v1/sites/${siteId}`)).json<SiteConfig>();
    expect(config.strings).toEqual(overrides);

    expect(await (await page(`/s/${siteId}/`)).text()).toContain('<h1>测试县人民政府<small>县长信箱</small></h1>');
    expect(await (await page(`/s/${siteId}/?lang=zh-TW`)).text()).toContain('<small>縣長信箱</small>');
    // English was not given a board name: the shipped one.
    expect(await (await page(`/s/${siteId}/?lang=en`)).text()).toContain('<small>Message board</small>');

    // Replacing them all: what is left out reads as shipped again.
    await patch({ stringOverrides: {} });
    expect(await (await page(`/s/${siteId}/`)).text()).toContain('<small>领导留言板</small>');
  });

  it('refuses a key that is not offered, a language it does not speak, empty or long words, each named with its code', async () => {
    const { siteId } = await createSite();
    const patch = await adminOf(siteId);
    const fieldsOf = async (body: unknown) => (await expectProblem(await patch(body), 422, 'validation')).errors!.map((e) => [e.field, e.code]);

    expect(await fieldsOf({ stringOverrides: { 'zh-CN': { 'form.consent': '随便' } } })).toEqual([['stringOverrides.zh-CN', 'invalid']]);
    expect(await fieldsOf({ stringOverrides: { fr: { 'form.submit': 'Envoyer' } } })).toEqual([['stringOverrides', 'invalid']]);
    expect(await fieldsOf({ stringOverrides: { en: { 'form.submit': '  ' } } })).toEqual([['stringOverrides.en.form.submit', 'required']]);
    expect(await fieldsOf({ stringOverrides: { en: { 'form.submit': 'x'.repeat(31) } } })).toEqual([['stringOverrides.en.form.submit', 'too_long']]);

    const problem = await expectProblem(await patch({ stringOverrides: { en: { 'form.submit': '' } } }), 422, 'validation');
    expect(problem.errors![0]!.message).toBe('请填写自定义文字');
    const row = await db.first(db.q.selectFrom('sites').select('string_overrides').where('id', '=', siteId));
    expect(row!.string_overrides).toBe('{}');
  });
});
