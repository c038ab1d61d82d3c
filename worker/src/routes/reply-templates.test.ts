import { describe, expect, it, vi } from 'vitest';
import type { ReplyTemplate } from '../../../sdk/src/schemas/admin';
import { createSite, db, expectProblem } from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';

const RECEIVED = { title: '已受理', body: '您好，您反映的问题已收到，我们将尽快调查处理并及时答复。' };

async function addTemplate(admin: TestOfficial, body: unknown = RECEIVED): Promise<ReplyTemplate> {
  const response = await consoleRequest('/v1/admin/reply-templates', { as: admin, method: 'POST', body });
  expect(response.status).toBe(201);
  return response.json<ReplyTemplate>();
}

const fieldsOf = (problem: { errors?: { field: string; code: string }[] }) => problem.errors!.map(({ field, code }) => ({ field, code }));

describe('reply templates', () => {
  it('admins add them; every official of the site reads them', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const first = await addTemplate(admin, { title: ' 已受理 ', body: RECEIVED.body });
    expect(first).toEqual({ id: expect.stringMatching(/^t_/), ...RECEIVED });
    const second = await addTemplate(admin, { title: '转办说明', body: '您反映的问题已转交县交通运输局办理。' });

    for (const official of [
      admin, await createOfficial(site.siteId, 'moderator'), await createOfficial(site.siteId, 'responder', [site.eduUnit]),
    ]) {
      const response = await consoleRequest('/v1/console/reply-templates', { as: official });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual([first, second]);
    }
    expect(await (await consoleRequest('/v1/admin/reply-templates', { as: admin })).json()).toEqual([first, second]);
    await expectProblem(await consoleRequest('/v1/console/reply-templates', { as: null }), 401, 'unauthenticated');
  });

  it('admins change and remove them', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const template = await addTemplate(admin);
    const changed = await consoleRequest(`/v1/admin/reply-templates/${template.id}`, { as: admin, method: 'PATCH', body: { title: '已受理（通用）' } });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ ...template, title: '已受理（通用）' });

    // Deleted twice at once, within one millisecond (the clock held still): gone, and audited once.
    const remove = () => consoleRequest(`/v1/admin/reply-templates/${template.id}`, { as: admin, method: 'DELETE' });
    vi.useFakeTimers({ toFake: ['Date'] });
    const removed = await Promise.all([remove(), remove()]).finally(() => vi.useRealTimers());
    expect(removed.map((r) => r.status)).toEqual([204, 204]);
    expect((await db.all(db.q.selectFrom('audit_log').select('action').where('site_id', '=', siteId).where('action', '=', 'template.delete')))).toHaveLength(1);
    expect(await (await consoleRequest('/v1/console/reply-templates', { as: admin })).json()).toEqual([]);
    await expectProblem(await consoleRequest(`/v1/admin/reply-templates/${template.id}`, { as: admin, method: 'DELETE' }), 404, 'not_found');
  });

  it('refuses a title another template has, added or renamed, and answers the same template sent again with the one added', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const first = await addTemplate(admin);
    // Sent again (its answer lost): the one added, not a second one; audited once.
    expect(await addTemplate(admin, { title: ` ${RECEIVED.title}`, body: RECEIVED.body })).toEqual(first);
    const taken = await expectProblem(await consoleRequest('/v1/admin/reply-templates', { as: admin, method: 'POST', body: { title: RECEIVED.title, body: '另一段文字。' } }), 422, 'validation');
    expect(fieldsOf(taken)).toEqual([{ field: 'title', code: 'title_taken' }]);
    expect(taken.errors![0]!.message).toBe('已有同名的回复模板：答复时无法分辨两者，请换一个标题');
    const second = await addTemplate(admin, { title: '转办说明', body: '您反映的问题已转交县交通运输局办理。' });
    const renamed = await expectProblem(await consoleRequest(`/v1/admin/reply-templates/${second.id}`, { as: admin, method: 'PATCH', body: { title: RECEIVED.title } }), 422, 'validation');
    expect(fieldsOf(renamed)).toEqual([{ field: 'title', code: 'title_taken' }]);
    // Its own title sent back with a new text is no clash.
    const rewritten = await consoleRequest(`/v1/admin/reply-templates/${second.id}`, { as: admin, method: 'PATCH', body: { title: '转办说明', body: '已转交。' } });
    expect(rewritten.status).toBe(200);
    expect(await (await consoleRequest('/v1/console/reply-templates', { as: admin })).json()).toEqual([first, { ...second, body: '已转交。' }]);
    expect(await db.all(db.q.selectFrom('audit_log').select('action').where('site_id', '=', siteId).where('action', '=', 'template.create'))).toHaveLength(2);
  });

  it('reads titles as the search does: one differing only in case or width is taken, and a template may change its own title’s case', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const first = await addTemplate(admin, { title: 'Ｔ40 路灯', body: '路灯已修复。' });
    const taken = await expectProblem(await consoleRequest('/v1/admin/reply-templates', { as: admin, method: 'POST', body: { title: 't40 路灯', body: '路灯已修复。' } }), 422, 'validation');
    expect(fieldsOf(taken)).toEqual([{ field: 'title', code: 'title_taken' }]);
    const own = await consoleRequest(`/v1/admin/reply-templates/${first.id}`, { as: admin, method: 'PATCH', body: { title: 'T40 路灯' } });
    expect(own.status).toBe(200);
    expect(await (await consoleRequest('/v1/admin/reply-templates', { as: admin })).json()).toEqual([{ ...first, title: 'T40 路灯' }]);
  });

  it('adds one title once when admins send it in the same instant: the same template answered with the one added, another refused', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const other = await createOfficial(siteId, 'admin');
    const add = (as: TestOfficial, body: string) => consoleRequest('/v1/admin/reply-templates', { as, method: 'POST', body: { title: '雨季排水', body } });
    const same = await Promise.all([add(admin, '已安排清淤。'), add(admin, '已安排清淤。'), add(admin, '已安排清淤。')]);
    expect(same.map((r) => r.status)).toEqual([201, 201, 201]);
    const ids = new Set((await Promise.all(same.map((r) => r.json<ReplyTemplate>()))).map((t) => t.id));
    expect(ids.size).toBe(1);
    const rival = await Promise.all([add(admin, '积水点已上报。'), add(other, '排水泵已到位。')]);
    expect(rival.map((r) => r.status)).toEqual([422, 422]);
    const titles = await db.all(db.q.selectFrom('reply_templates').select('title').where('site_id', '=', siteId));
    expect(titles).toEqual([{ title: '雨季排水' }]);
    expect(await db.all(db.q.selectFrom('audit_log').select('action').where('site_id', '=', siteId).where('action', '=', 'template.create'))).toHaveLength(1);

    // Titles told apart only by case or width, at once: one is added.
    const variants = await Promise.all(['Ｔ9 排水', 't9 排水', 'T9 排水', 'ｔ９ 排水'].map((title) =>
      consoleRequest('/v1/admin/reply-templates', { as: admin, method: 'POST', body: { title, body: '已处理。' } })));
    expect(variants.map((r) => r.status).sort()).toEqual([201, 422, 422, 422]);

    // Two templates renamed to one title at once: one takes it, the other is refused and keeps its own.
    const [a, b] = await Promise.all([addTemplate(admin, { title: '甲', body: '甲。' }), addTemplate(admin, { title: '乙', body: '乙。' })]);
    const rename = (id: string) => consoleRequest(`/v1/admin/reply-templates/${id}`, { as: admin, method: 'PATCH', body: { title: '丙' } });
    const renamed = await Promise.all([rename(a!.id), rename(b!.id)]);
    expect(renamed.map((r) => r.status).sort()).toEqual([200, 422]);
    const titlesNow = async () => (await db.all(db.q.selectFrom('reply_templates').select('title').where('site_id', '=', siteId))).map((t) => t.title);
    expect((await titlesNow()).filter((t) => t === '丙')).toHaveLength(1);
    const renameTo = (id: string, title: string) => consoleRequest(`/v1/admin/reply-templates/${id}`, { as: admin, method: 'PATCH', body: { title } });
    expect((await Promise.all([renameTo(a!.id, 'Ｄ丁'), renameTo(b!.id, 'd丁')])).map((r) => r.status).sort()).toEqual([200, 422]);
    expect((await titlesNow()).filter((t) => /丁$/.test(t))).toHaveLength(1);
    expect(await db.all(db.q.selectFrom('audit_log').select('action').where('site_id', '=', siteId).where('action', '=', 'template.update'))).toHaveLength(2);
  });

  it('only admins manage them', async () => {
    const site = await createSite();
    const admin = await createOfficial(site.siteId, 'admin');
    const template = await addTemplate(admin);
    const responder = await createOfficial(site.siteId, 'responder', [site.eduUnit]);
    await expectProblem(await consoleRequest('/v1/admin/reply-templates', { as: responder, method: 'POST', body: RECEIVED }), 403, 'forbidden');
    await expectProblem(await consoleRequest(`/v1/admin/reply-templates/${template.id}`, { as: responder, method: 'PATCH', body: { title: '改' } }), 403, 'forbidden');
    await expectProblem(await consoleRequest(`/v1/admin/reply-templates/${template.id}`, { as: responder, method: 'DELETE' }), 403, 'forbidden');
    expect(await (await consoleRequest('/v1/console/reply-templates', { as: responder })).json()).toEqual([template]);
  });

  it('keeps each site’s templates its own', async () => {
    const mine = await createSite();
    const other = await createSite();
    const admin = await createOfficial(mine.siteId, 'admin');
    const otherAdmin = await createOfficial(other.siteId, 'admin');
    const foreign = await addTemplate(otherAdmin);
    expect(await (await consoleRequest('/v1/console/reply-templates', { as: admin })).json()).toEqual([]);
    await expectProblem(await consoleRequest(`/v1/admin/reply-templates/${foreign.id}`, { as: admin, method: 'PATCH', body: { title: '改' } }), 404, 'not_found');
    await expectProblem(await consoleRequest(`/v1/admin/reply-templates/${foreign.id}`, { as: admin, method: 'DELETE' }), 404, 'not_found');
    expect(await (await consoleRequest('/v1/console/reply-templates', { as: otherAdmin })).json()).toEqual([foreign]);
  });

  it('names each invalid field', async () => {
    const { siteId } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    const missing = await expectProblem(await consoleRequest('/v1/admin/reply-templates', { as: admin, method: 'POST', body: { title: '' } }), 422, 'validation');
    expect(fieldsOf(missing)).toEqual([{ field: 'title', code: 'required' }, { field: 'body', code: 'required' }]);
    const template = await addTemplate(admin);
    const long = await expectProblem(await consoleRequest(`/v1/admin/reply-templates/${template.id}`, {
      as: admin, method: 'PATCH', body: { title: '长'.repeat(51), body: '长'.repeat(2001) },
    }), 422, 'validation');
    expect(fieldsOf(long)).toEqual([{ field: 'title', code: 'too_long' }, { field: 'body', code: 'too_long' }]);
    expect(await (await consoleRequest('/v1/admin/reply-templates', { as: admin })).json()).toEqual([template]);
  });
});
