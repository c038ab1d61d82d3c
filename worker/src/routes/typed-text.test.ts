// What a person types is judged the same way wherever text is accepted: characters are code points
// (an emoji or 𠮷 counts once), text must be well-formed, free of control and bidirectional-override
// characters and show something, and phone numbers and e-mail addresses are read in every form people
// type them. Citizens' fields, officials' fields and admins' fields alike.
import { describe, expect, it } from 'vitest';
import { textProblem } from '../../../sdk/src/text';
import { AUTHOR, createSite, expectNothingWritten, expectProblem, messageRow, request, submit, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';

/** Text that looks empty: each shows nothing at all. */
const BLANK = {
  'NUL only': '\u0000',
  'zero-width spaces': '\u200b\u200b\u200b',
  'zero-width joiners': '\u200d\u200d',
  'soft hyphens': '\u00ad\u00ad',
  'Hangul fillers': '\u3164\u3164\u3164\u3164',
  'blank Braille': '\u2800\u2800\u2800\u2800',
  'ideographic spaces': '\u3000\u3000\u3000\u3000',
  'word joiners and BOMs': '\u2060\ufeff\u2060\ufeff',
  'combining marks alone': '\u0301\u0301\u0301\u0301',
};

/** Text with something visible, and something that must not be there. */
const MALFORMED = {
  'right-to-left override': '路灯坏了\u202e很久',
  'left-to-right isolate': '路灯坏了\u2066很久\u2069',
  'an escape character': '路灯坏了\u001b[31m',
  'a NUL inside': '路灯坏了\u0000很久',
  'a lone high surrogate': '路灯坏了\ud800很久',
  'a lone low surrogate': '路灯坏了\udc00很久',
  'a noncharacter': '路灯坏了\uffff',
};

describe('textProblem', () => {
  it.each(Object.entries(BLANK))('%s: nothing visible → required', (_, text) => {
    expect(textProblem(text)).toBe(text.includes('\u0000') ? 'invalid_characters' : 'required');
  });

  it.each(Object.entries(MALFORMED))('%s → invalid_characters', (_, text) => {
    expect(textProblem(text)).toBe('invalid_characters');
    expect(textProblem(text, { multiline: true })).toBe('invalid_characters');
  });

  it('accepts ordinary text of every kind', () => {
    for (const text of ['路灯坏了', 'A', '1', '😀', '👨‍👩‍👧', '𠮷野家', 'é', 'ﾊﾝｶｸ', '،', '…', '阿‍拉']) expect(textProblem(text), text).toBeNull();
  });

  it('allows line breaks and tabs only where lines are', () => {
    expect(textProblem('第一行\n第二行')).toBe('invalid_characters');
    expect(textProblem('第一行\n第二行\r\n\t第三行', { multiline: true })).toBeNull();
  });
});

describe('a citizen’s submission', () => {
  const FIELDS = [
    ['title', (text: string) => ({ title: text })],
    ['body', (text: string) => ({ body: text })],
    ['region', (text: string) => ({ region: text })],
    ['author.name', (text: string) => ({ author: { ...AUTHOR, name: text } })],
  ] as const;

  it.each(Object.entries(BLANK))('refuses %s in every text field, naming the field', async (what, text) => {
    const { siteId, eduUnit } = await createSite();
    for (const [field, fill] of FIELDS) {
      const problem = await expectProblem(await submit(siteId, validMessage(eduUnit, fill(text))), 422, 'validation');
      expect(problem.errors, `${what} in ${field}`).toContainEqual(expect.objectContaining({ field, code: expect.stringMatching(/^(required|invalid_characters)$/) }));
    }
    await expectNothingWritten(siteId);
  });

  it.each(Object.entries(MALFORMED))('refuses %s in every text field as invalid_characters', async (what, text) => {
    const { siteId, eduUnit } = await createSite();
    for (const [field, fill] of FIELDS) {
      // JSON.stringify writes a lone surrogate as an escape, as a client would send it.
      const problem = await expectProblem(await submit(siteId, validMessage(eduUnit, fill(text))), 422, 'validation');
      expect(problem.errors, `${what} in ${field}`).toContainEqual(expect.objectContaining({ field, code: 'invalid_characters' }));
      expect(problem.errors!.find((e) => e.field === field)!.message).toMatch(/字符/);
    }
    await expectNothingWritten(siteId);
  });

  // The lost-code request answers the same whatever the contact; malformed text is still refused as anywhere else.
  it.each(Object.entries(MALFORMED))('refuses %s in the contact of a lost-code request as invalid_characters', async (_what, text) => {
    const { siteId } = await createSite();
    const response = await request(`/v1/sites/${siteId}/track/recover`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ contact: `${text}@example.cn` }) });
    expect((await expectProblem(response, 422, 'validation')).errors).toEqual([expect.objectContaining({ field: 'contact', code: 'invalid_characters' })]);
  });

  it('counts characters, not UTF-16 units: 50 emoji or 50 𠮷 fill a title, the 51st is refused', async () => {
    const { siteId, eduUnit } = await createSite();
    for (const ch of ['😀', '𠮷', '标']) {
      expect((await submit(siteId, validMessage(eduUnit, { title: ch.repeat(50) }))).status, ch).toBe(201);
      const problem = await expectProblem(await submit(siteId, validMessage(eduUnit, { title: ch.repeat(51) })), 422, 'validation');
      expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'title', code: 'too_long', params: { max: 50 } }));
    }
    // 25 emoji are 50 UTF-16 units but 25 characters: far from the limit.
    expect((await submit(siteId, validMessage(eduUnit, { title: '😀'.repeat(26) }))).status).toBe(201);
  });

  it('applies the site’s minimum lengths (4 for a title, 10 for a body by default), in characters', async () => {
    const { siteId, eduUnit } = await createSite();
    const problem = await expectProblem(await submit(siteId, validMessage(eduUnit, { title: '路灯坏', body: '路灯坏了很久没人修' })), 422, 'validation');
    expect(problem.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'title', code: 'too_short', params: { min: 4 }, message: '标题至少需要4个字' }),
      expect.objectContaining({ field: 'body', code: 'too_short', params: { min: 10 } }),
    ]));
    await expectNothingWritten(siteId);
    // Minimums count what shows: zero-width and white space do not make a title long enough.
    const padded = await expectProblem(await submit(siteId, validMessage(eduUnit, { title: '路\u200b\u200b\u200b', body: `一二三${'\u200b'.repeat(7)}` })), 422, 'validation');
    expect(padded.errors!.map((e) => [e.field, e.code]).sort()).toEqual([['body', 'too_short'], ['title', 'too_short']]);
    expect((await submit(siteId, validMessage(eduUnit, { title: '路灯坏了', body: '路灯坏了很久没人修。' }))).status).toBe(201);
  });

  it('stores and shows what was typed, trimmed, inner zero-width joiners of emoji included', async () => {
    const { siteId, eduUnit } = await createSite();
    const response = await submit(siteId, validMessage(eduUnit, { title: '  全家👨‍👩‍👧都盼着路灯修好  ' }));
    const { id } = await response.json<{ id: string }>();
    expect((await messageRow(id))!.title).toBe('全家👨‍👩‍👧都盼着路灯修好');
  });

  it.each([
    '+86 138 0013 8000', '+8613800138000', '0086-13800138000', '138 0013 8000', '138-0013-8000', '１３８００１３８０００',
    '(0371)12345678', '0371 12345678', '0371-12345678-8012', '0371-12345678 转 8012', '400-123-4567', '800-820-8820',
    '+852 2123 4567', '+853 2888 1234', '+886 2 2345 6789',
  ])('accepts the phone number %j', async (phone) => {
    const { siteId, eduUnit } = await createSite();
    expect((await submit(siteId, validMessage(eduUnit, { author: { ...AUTHOR, phone } }))).status).toBe(201);
  });

  it.each(['00000000000', '12345678901', '1380013800', '10086', '0371-123', 'call me', '138001380001'])('refuses the phone number %j', async (phone) => {
    const { siteId, eduUnit } = await createSite();
    const problem = await expectProblem(await submit(siteId, validMessage(eduUnit, { author: { ...AUTHOR, phone } })), 422, 'validation');
    expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'author.phone', code: 'invalid_phone' }));
  });

  it('reads an e-mail address typed in full width', async () => {
    const { siteId, eduUnit } = await createSite();
    expect((await submit(siteId, validMessage(eduUnit, { author: { ...AUTHOR, email: 'ｃｈｅｎ＠ｅｘａｍｐｌｅ．ｃｏｍ' } }))).status).toBe(201);
  });
});

describe('officials’ and admins’ text', () => {
  async function setUp() {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const submitted = await submit(site.siteId, validMessage(site.eduUnit));
    const { id } = await submitted.json<{ id: string }>();
    for (const action of ['accept']) await consoleRequest(`/v1/console/messages/${id}/${action}`, { as: admin, method: 'POST', body: {} });
    return { ...site, admin, id };
  }

  it('refuses blank and malformed text in replies, notes, reasons, unit, account, site and template names', async () => {
    const { admin, id, eduUnit, transportUnit } = await setUp();
    const places: [string, string, (text: string) => unknown, string][] = [
      [`/v1/console/messages/${id}/reply`, 'POST', (t) => ({ kind: 'final', body: t }), 'body'],
      [`/v1/console/messages/${id}/notes`, 'POST', (t) => ({ body: t }), 'body'],
      [`/v1/console/messages/${id}/transfer`, 'POST', (t) => ({ unitId: transportUnit, reason: t }), 'reason'],
      [`/v1/console/messages/${id}/extend`, 'POST', (t) => ({ days: 3, reason: t }), 'reason'],
      ['/v1/admin/units', 'POST', (t) => ({ name: t, kind: 'department', parentId: null }), 'name'],
      [`/v1/admin/units/${eduUnit}`, 'PATCH', (t) => ({ name: t }), 'name'],
      ['/v1/admin/accounts', 'POST', (t) => ({ email: 'new@county.example.gov.cn', displayName: t, role: 'moderator', password: 'a long enough password 2026', unitIds: [] }), 'displayName'],
      ['/v1/admin/site', 'PATCH', (t) => ({ name: t }), 'name'],
      ['/v1/admin/reply-templates', 'POST', (t) => ({ title: t, body: '您好，已收到。' }), 'title'],
      ['/v1/admin/reply-templates', 'POST', (t) => ({ title: '模板', body: t }), 'body'],
    ];
    for (const [path, method, body, field] of places) {
      for (const text of [BLANK['zero-width spaces'], BLANK['Hangul fillers'], MALFORMED['right-to-left override'], MALFORMED['a lone high surrogate']]) {
        const response = await consoleRequest(path, { as: admin, method, body: body(text) });
        const problem = await expectProblem(response, 422, 'validation');
        expect(problem.errors, `${method} ${path} ${JSON.stringify(text)}`).toContainEqual(expect.objectContaining({ field, code: expect.stringMatching(/^(required|invalid_characters)$/) }));
      }
    }
  });

  it('counts a reply’s characters as code points', async () => {
    const { admin, id } = await setUp();
    const tooLong = await consoleRequest(`/v1/console/messages/${id}/reply`, { as: admin, method: 'POST', body: { kind: 'interim', body: '😀'.repeat(2001) } });
    expect((await expectProblem(tooLong, 422, 'validation')).errors).toContainEqual(expect.objectContaining({ field: 'body', code: 'too_long' }));
    const fits = await consoleRequest(`/v1/console/messages/${id}/reply`, { as: admin, method: 'POST', body: { kind: 'interim', body: `已收到${'😀'.repeat(1997)}` } });
    expect(fits.status).toBe(200);
  });
});
