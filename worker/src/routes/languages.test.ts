import { describe, expect, it } from 'vitest';
import { createSite, expectProblem, request, seedMessages, submit, validMessage } from '../../test/fixtures';

// The three languages as a reader meets them through the service: problem+json in the language of
// Accept-Language (Traditional Chinese included), hosted pages with ?lang=zh-TW.

/** A hosted page as a browser asks for it: no Origin header on a navigation. */
const page = (path: string) => request(path, { origin: null, redirect: 'manual' });

describe('problem+json in the reader’s language', () => {
  it('explains a bad field in Traditional Chinese for zh-TW, zh-HK and zh-Hant', async () => {
    const { siteId, eduUnit } = await createSite();
    for (const language of ['zh-TW', 'zh-HK,zh;q=0.9', 'zh-Hant-TW', 'en;q=0.5, zh-TW']) {
      const response = await submit(siteId, validMessage(eduUnit, { title: '标'.repeat(51) }), { headers: { 'Accept-Language': language } });
      const problem = await expectProblem(response, 422, 'validation');
      expect(problem.errors!.find((e) => e.field === 'title')!.message, language).toBe('標題不能超過50個字');
    }
  });

  it('picks the first language it speaks by weight, and Simplified Chinese when it speaks none', async () => {
    const { siteId, eduUnit } = await createSite();
    const messageIn = async (language: string) => {
      const response = await submit(siteId, validMessage(eduUnit, { title: '' }), { headers: { 'Accept-Language': language } });
      return (await expectProblem(response, 422, 'validation')).errors!.find((e) => e.field === 'title')!.message;
    };
    expect(await messageIn('fr-FR, en;q=0.8, zh-TW;q=0.5')).toBe('Please enter the title');
    expect(await messageIn('zh-TW;q=0.4, zh-CN;q=0.9')).toBe('请填写标题');
    expect(await messageIn('fr, de')).toBe('请填写标题');
  });
});

describe('hosted pages with ?lang=zh-TW', () => {
  it('speaks Traditional Chinese: <html lang>, the elements, the tabs, the message page; links keep the choice', async () => {
    const { siteId, eduUnit } = await createSite();
    const [id] = await seedMessages(siteId, [{ unitId: eduUnit, title: '路灯不亮了' }]);
    const board = await (await page(`/s/${siteId}/?lang=zh-TW`)).text();
    expect(board).toContain('<html lang="zh-TW">');
    expect(board).toContain(`<liuyan-list site="${siteId}" lang="zh-TW" theme="auto"><p class="late" role="status">`);
    expect(board).toContain(`<a href="/s/${siteId}/track?lang=zh-TW">查詢留言</a>`);
    expect(board).toContain('領導留言板');

    const message = await (await page(`/s/${siteId}/messages/${id}?lang=zh-tw`)).text();
    expect(message).toContain('<html lang="zh-TW">');
    expect(message).toContain(`<a class="back" href="/s/${siteId}/?lang=zh-TW">‹ 返回留言列表</a>`);
  });

  it('reads zh-HK and zh-Hant as Traditional too', async () => {
    const { siteId } = await createSite();
    for (const lang of ['zh-HK', 'zh-Hant']) {
      expect(await (await page(`/s/${siteId}/write?lang=${lang}`)).text(), lang).toContain('<html lang="zh-TW">');
    }
  });
});
