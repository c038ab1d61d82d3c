import { describe, expect, it } from 'vitest';
import { createSite, expectProblem, request, submit, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';

// What a host page's filter form sends when its citizen leaves 全部 chosen and the search box empty.
const EMPTY_BOARD = 'unit=&type=&domain=&status=&campaign=&adopted=&q=&cursor=&limit=';

describe('an empty query parameter is one not given', () => {
  it('on the board, the units, the statistics and the console queue, each answers as with no query', async () => {
    const { siteId, eduUnit } = await createSite();
    const { id } = await (await submit(siteId, validMessage(eduUnit, { title: '路灯不亮' }))).json<{ id: string }>();
    const moderator = await createOfficial(siteId, 'moderator');
    expect((await consoleRequest(`/v1/console/messages/${id}/publish`, { as: moderator, method: 'POST', body: {} })).status).toBe(200);

    for (const [path, empty] of [
      [`/v1/sites/${siteId}/messages`, EMPTY_BOARD],
      [`/v1/sites/${siteId}/units`, 'parent=&q='],
      [`/v1/sites/${siteId}/stats`, 'unit=&campaign=&from=&to='],
    ] as const) {
      const plain = await request(path);
      const withEmpty = await request(`${path}?${empty}`);
      expect([withEmpty.status, path]).toEqual([200, path]);
      expect(await withEmpty.json()).toEqual(await plain.json());
    }
    const board = await (await request(`/v1/sites/${siteId}/messages?${EMPTY_BOARD}`)).json<{ items: { id: string }[] }>();
    expect(board.items.map((m) => m.id)).toEqual([id]);

    const queue = await consoleRequest('/v1/console/messages?tab=&unit=&type=&domain=&moderation=&dueWithinDays=&limit=&cursor=', { as: moderator });
    expect(queue.status).toBe(200);
    expect(await queue.json()).toEqual(await (await consoleRequest('/v1/console/messages', { as: moderator })).json());
  });

  it('keeps a parameter given twice with one empty, and a value of spaces is given', async () => {
    const { siteId } = await createSite();
    const problem = await expectProblem(await request(`/v1/sites/${siteId}/messages?type=&type=praise`), 422, 'validation');
    expect(problem.errors?.map((e) => e.field)).toEqual(['type']);
    const spaces = await expectProblem(await request(`/v1/sites/${siteId}/messages?q=%20%20`), 422, 'validation');
    expect(spaces.errors?.map((e) => [e.field, e.code])).toEqual([['q', 'required']]);
  });
});
