import { describe, expect, it } from 'vitest';
import type { ConsoleMessage } from '../../../sdk/src/schemas/console';
import type { MessageCreated, MessagePage, PublicMessageDetail } from '../../../sdk/src/schemas/message';
import type { Stats } from '../../../sdk/src/schemas/stats';
import { createSite, db, expectProblem, request, submit, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';

const NOTE = '已写入《测试县“十四五”规划》第三章：城关小学周边交通整治。';

/** A message published (the site moderates after) and taken on by its unit (受理): what a unit adopts. */
async function published(siteId: string, unitId: string, type: 'suggestion' | 'complaint' = 'suggestion') {
  const response = await submit(siteId, validMessage(unitId, { type }));
  expect(response.status).toBe(201);
  const { id } = await response.json<MessageCreated>();
  const admin = await createOfficial(siteId, 'admin');
  expect((await consoleRequest(`/v1/console/messages/${id}/accept`, { as: admin, method: 'POST', body: {} })).status).toBe(200);
  return id;
}

const adopt = (as: TestOfficial, id: string, body: unknown = { note: NOTE }) =>
  consoleRequest(`/v1/console/messages/${id}/adopt`, { as, method: 'POST', body });

async function county() {
  const site = await createSite({ moderation: 'post' });
  const [moderator, eduResponder, transportResponder, admin] = await Promise.all([
    createOfficial(site.siteId, 'moderator'),
    createOfficial(site.siteId, 'responder', [site.eduUnit]),
    createOfficial(site.siteId, 'responder', [site.transportUnit]),
    createOfficial(site.siteId, 'admin'),
  ]);
  return { ...site, moderator, eduResponder, transportResponder, admin };
}

describe('采纳: adopting a suggestion', () => {
  it('the unit’s responder adopts a 建言: the public sees the note on the detail and its timeline, the board’s adopted filter lists it, the tally counts it', async () => {
    const c = await county();
    const [adoptedId, otherId] = [await published(c.siteId, c.eduUnit), await published(c.siteId, c.eduUnit)];

    const response = await adopt(c.eduResponder, adoptedId);
    expect(response.status).toBe(200);
    const message = await response.json<ConsoleMessage>();
    expect(message.adoption).toMatchObject({ note: NOTE });
    expect(message.actions).not.toContain('adopt');

    const detail = await (await request(`/v1/sites/${c.siteId}/messages/${adoptedId}`)).json<PublicMessageDetail>();
    expect(detail.adoption).toMatchObject({ note: NOTE });
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'adopted', note: NOTE, unit: { id: c.eduUnit } });

    const board = await (await request(`/v1/sites/${c.siteId}/messages?adopted=true`)).json<MessagePage>();
    expect(board.items.map((m) => m.id)).toEqual([adoptedId]);
    expect(board.items[0]!.adoption).toMatchObject({ note: NOTE });
    const all = await (await request(`/v1/sites/${c.siteId}/messages`)).json<MessagePage>();
    expect(all.items.find((m) => m.id === otherId)!.adoption).toBeNull();

    // What statistics read: adoptions per unit, from the tallies, never the messages.
    const adoptedOf = async (query: string) => (await (await request(`/v1/sites/${c.siteId}/stats${query}`)).json<Stats>()).adopted;
    expect(await adoptedOf('')).toBe(1);
    expect(await adoptedOf(`?unit=${c.eduUnit}`)).toBe(1);
    expect(await adoptedOf(`?unit=${c.transportUnit}`)).toBe(0);

    // Once only: a second click (or a second official) is refused and counts nothing more.
    await expectProblem(await adopt(c.admin, adoptedId), 409, 'invalid_transition');
    expect(await adoptedOf(`?unit=${c.eduUnit}&from=2000-01`)).toBe(1);
  });

  it('only an admin or a responder of the message’s unit adopts, only a 建言 it has taken on, and only with a note', async () => {
    const c = await county();
    // Not before 受理: the public would read 已采纳 on a message no one has accepted.
    const waiting = (await (await submit(c.siteId, validMessage(c.eduUnit, { type: 'suggestion' }))).json<MessageCreated>()).id;
    await expectProblem(await adopt(c.eduResponder, waiting), 409, 'invalid_transition');
    expect((await consoleRequest(`/v1/console/messages/${waiting}`, { as: c.eduResponder })).ok).toBe(true);
    expect((await (await consoleRequest(`/v1/console/messages/${waiting}`, { as: c.eduResponder })).json<ConsoleMessage>()).actions).not.toContain('adopt');

    const suggestion = await published(c.siteId, c.eduUnit);
    const complaint = await published(c.siteId, c.eduUnit, 'complaint');

    await expectProblem(await adopt(c.moderator, suggestion), 403, 'forbidden');
    await expectProblem(await adopt(c.transportResponder, suggestion), 403, 'forbidden');
    await expectProblem(await adopt(c.eduResponder, complaint), 409, 'invalid_transition');
    const problem = await expectProblem(await adopt(c.eduResponder, suggestion, { note: '   ' }), 422, 'validation');
    expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'note', code: 'required' }));
    expect((await db.first(db.q.selectFrom('messages').select('adopted_at').where('id', '=', suggestion)))!.adopted_at).toBeNull();

    expect((await adopt(c.admin, suggestion)).status).toBe(200);
  });
});
