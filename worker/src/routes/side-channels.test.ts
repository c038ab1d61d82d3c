// Nothing a public answer carries — status, body, headers, ETag, what it cost — may depend on a
// message the public cannot see. Each test compares an answer about something hidden with the
// answer about something that does not exist at all.
import { describe, expect, it } from 'vitest';
import type { MessagePage } from '../../../sdk/src/schemas/message';
import { createSite, d1Cost, request, seedMessages, submit, track, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';

/** Headers that differ between any two requests, whatever they ask. */
const PER_REQUEST = new Set(['x-request-id', 'date']);

/** Everything a client can observe of an answer, besides what differs per request anyway. */
async function observed(response: Response) {
  const headers = [...response.headers].filter(([name]) => !PER_REQUEST.has(name.toLowerCase()));
  return { status: response.status, headers, body: await response.text() };
}

/** A site with one published public message and messages in every state the public must not see. */
async function siteWithSecrets() {
  const site = await createSite();
  const secret = { title: '举报赵德胜挪用扶贫资金', body: '村干部赵德胜挪用扶贫款，请纪委调查。' };
  const [visible] = await seedMessages(site.siteId, [{ unitId: site.eduUnit, title: '县城的路灯坏了', body: '晚上出行很不方便。' }]);
  const hidden = await seedMessages(site.siteId, [
    { unitId: site.eduUnit, ...secret, moderation: 'pending' },
    { unitId: site.eduUnit, ...secret, moderation: 'pending', isPublic: false },
    { unitId: site.eduUnit, ...secret, moderation: 'rejected' },
    { unitId: site.eduUnit, ...secret, moderation: 'hidden' },
    { unitId: site.eduUnit, ...secret, isPublic: false, status: 'replied' },
  ]);
  // And one stored the way a citizen stores it: private, pending, through the API.
  const submitted = await submit(site.siteId, validMessage(site.eduUnit, { ...secret, isPublic: false }));
  expect(submitted.status).toBe(201);
  const { id } = await submitted.json<{ id: string }>();
  return { ...site, visible: visible!, hidden: [...hidden, id] };
}

const MISSING_ID = 'm_doesnotexist0000000';

describe('public answers about a message the public cannot see', () => {
  it('no public answer says what it cost the database; officials’ answers do', async () => {
    const site = await siteWithSecrets();
    const base = `/v1/sites/${site.siteId}`;
    const answers = [
      await request(base),
      await request(`${base}/messages`),
      await request(`${base}/messages?q=${encodeURIComponent('赵德胜')}`),
      await request(`${base}/messages/${site.visible}`),
      await request(`${base}/messages/${site.hidden[0]}`),
      await submit(site.siteId, validMessage(site.eduUnit)),
      await track(site.siteId, 'K7QM-4XPH-9TRW-2CVB'),
      await request(`${base}/messages/${site.visible}/support`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ supporter: 'a'.repeat(32) }),
      }),
    ];
    for (const answer of answers) {
      expect(answer.headers.get('Server-Timing'), answer.url).toBeNull();
      // The cost is still logged, for the operators.
      expect(d1Cost(answer).queries, answer.url).toBeGreaterThan(0);
    }
    const admin = await createOfficial(site.siteId, 'admin');
    expect((await consoleRequest('/v1/console/messages', { as: admin })).headers.get('Server-Timing')).toMatch(/^d1;desc="queries=\d+ rows_read=\d+/);
  });

  it('GET …/messages/:id answers for a pending, rejected, hidden or private message exactly as for a missing one', async () => {
    const site = await siteWithSecrets();
    const missing = await observed(await request(`/v1/sites/${site.siteId}/messages/${MISSING_ID}`));
    expect(missing.status).toBe(404);
    for (const id of site.hidden) {
      expect(await observed(await request(`/v1/sites/${site.siteId}/messages/${id}`)), id).toEqual(missing);
    }
  });

  it('我也关注 on a pending, rejected, hidden or private message answers exactly as on a missing one', async () => {
    const site = await siteWithSecrets();
    const support = async (id: string) => observed(await request(`/v1/sites/${site.siteId}/messages/${id}/support`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ supporter: crypto.randomUUID().replaceAll('-', '') }),
    }));
    const missing = await support(MISSING_ID);
    expect(missing.status).toBe(404);
    for (const id of site.hidden) expect(await support(id), id).toEqual(missing);
  });

  it('a search for words only hidden messages hold answers, and costs, exactly what a search for words nowhere does', async () => {
    const site = await siteWithSecrets();
    const search = async (q: string) => {
      const response = await request(`/v1/sites/${site.siteId}/messages?q=${encodeURIComponent(q)}`);
      return { ...(await observed(response)), cost: d1Cost(response) };
    };
    // Prefixes of the hidden phrase, as someone guessing it a character at a time would send them,
    // against words of the same shape that no message holds.
    const pairs: [string, string][] = [
      ['赵德', '钱文'], ['赵德胜', '钱文忠'], ['赵德胜挪', '钱文忠挪'], ['赵德胜挪用扶贫', '钱文忠挪用公款'], ['纪委调查', '审计调查'],
      ['赵', '钱'], ['扶贫 赵德胜', '扶贫 钱文忠'],
    ];
    await search('路灯'); // the worker keeps the site's units after its first page: alike from here on
    for (const [hiddenWord, nowhere] of pairs) {
      const hiddenAnswer = await search(hiddenWord);
      const nowhereAnswer = await search(nowhere);
      expect(JSON.parse(hiddenAnswer.body) as MessagePage, hiddenWord).toEqual({ items: [], nextCursor: null });
      expect(hiddenAnswer, `${hiddenWord} vs ${nowhere}`).toEqual(nowhereAnswer);
    }
  });

  it('publishing puts a message into public search and hiding takes it out, in the same batch as the change', async () => {
    const site = await createSite();
    const moderator = await createOfficial(site.siteId, 'moderator');
    const submitted = await submit(site.siteId, validMessage(site.eduUnit, { title: '举报赵德胜挪用扶贫资金' }));
    const { id } = await submitted.json<{ id: string }>();
    const found = async () => (await (await request(`/v1/sites/${site.siteId}/messages?q=${encodeURIComponent('赵德胜')}`)).json<MessagePage>()).items.map((m) => m.id);
    const act = async (action: string, body: unknown = {}) =>
      expect((await consoleRequest(`/v1/console/messages/${id}/${action}`, { as: moderator, method: 'POST', body })).status).toBe(200);

    expect(await found()).toEqual([]);
    await act('publish');
    expect(await found()).toEqual([id]);
    await act('hide', { reason: 'personal_data' });
    expect(await found()).toEqual([]);
    await act('publish');
    expect(await found()).toEqual([id]);
  });

  it('a message a site publishes at once (post-moderation) is found at once, a private one never', async () => {
    const site = await createSite({ moderation: 'post' });
    const published = await (await submit(site.siteId, validMessage(site.eduUnit, { title: '建议增开3路公交' }))).json<{ id: string }>();
    await submit(site.siteId, validMessage(site.eduUnit, { title: '建议增开3路夜班公交', isPublic: false }));
    const page = await (await request(`/v1/sites/${site.siteId}/messages?q=${encodeURIComponent('3路')}`)).json<MessagePage>();
    expect(page.items.map((m) => m.id)).toEqual([published.id]);
  });
});
