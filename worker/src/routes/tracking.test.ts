import { describe, expect, it } from 'vitest';
import type { MessageCreated, TrackedMessage } from '../../../sdk/src/schemas/message';
import {
  AUTHOR, createSite, expectNoPersonalData, expectProblem, FOREIGN_ORIGIN, request, submit, track, validMessage,
} from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';

async function submitted(siteId: string, unitId: string, overrides: Parameters<typeof validMessage>[1] = {}) {
  const response = await submit(siteId, validMessage(unitId, overrides));
  expect(response.status).toBe(201);
  return response.json<MessageCreated>();
}

describe('POST /v1/sites/:site/track', () => {
  it("gives the citizen his own message with its timeline, and nothing personal", async () => {
    const { siteId, eduUnit } = await createSite();
    const input = validMessage(eduUnit);
    const answer = await submitted(siteId, eduUnit);

    const response = await track(siteId, answer.trackingCode);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const text = await response.text();
    expectNoPersonalData(text);
    expect(text).not.toContain(answer.trackingCode);
    const message = JSON.parse(text) as TrackedMessage;
    expect(message).toMatchObject({
      id: answer.id,
      unit: { id: eduUnit, name: '测试县教育局' },
      type: 'complaint',
      domain: 'education',
      campaign: null,
      title: input.title,
      body: input.body,
      region: input.region,
      displayName: '陈***',
      isPublic: true,
      status: 'submitted',
      moderation: 'pending',
      dueAt: answer.dueAt,
      overdue: false,
      rejection: null,
      replies: [],
    });
    expect(message.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(message.timeline).toEqual([{ kind: 'submitted', at: message.createdAt, unit: { id: eduUnit, name: '测试县教育局' }, note: null }]);
  });

  it('shows a private message to its author', async () => {
    const { siteId, eduUnit } = await createSite();
    const answer = await submitted(siteId, eduUnit, { isPublic: false, author: { ...AUTHOR, displayAs: 'mr' } });
    const response = await track(siteId, answer.trackingCode);
    expect(response.status).toBe(200);
    const message = await response.json<TrackedMessage>();
    expect(message).toMatchObject({ id: answer.id, isPublic: false, displayName: '陈先生', moderation: 'pending' });
    expect(message.timeline.map((e) => e.kind)).toEqual(['submitted']);
  });

  it('tells the author of a rejected message why, and runs no deadline for it', async () => {
    const { siteId, eduUnit } = await createSite();
    const moderator = await createOfficial(siteId, 'moderator', [], { displayName: '审核员王五' });
    const reject = async (id: string, body: unknown) =>
      expect((await consoleRequest(`/v1/console/messages/${id}/reject`, { as: moderator, method: 'POST', body })).status).toBe(200);
    const withWords = await submitted(siteId, eduUnit);
    await reject(withWords.id, { reason: 'duplicate', note: '与您3月1日的留言内容相同，已在办理中。' });
    const listOnly = await submitted(siteId, eduUnit, { title: '另一条留言' });
    await reject(listOnly.id, { reason: 'off_topic' });

    const message = await (await track(siteId, withWords.trackingCode)).json<TrackedMessage>();
    expect(message).toMatchObject({
      moderation: 'rejected', dueAt: null, overdue: false,
      rejection: { reason: 'duplicate', note: '与您3月1日的留言内容相同，已在办理中。' },
    });
    // Who rejected it stays with the officials.
    expect(message.timeline.map((e) => e.kind)).toEqual(['submitted', 'rejected']);
    expect(JSON.stringify(message)).not.toContain('审核员王五');

    expect(await (await track(siteId, listOnly.trackingCode)).json<TrackedMessage>()).toMatchObject({
      dueAt: null, rejection: { reason: 'off_topic', note: null },
    });
  });

  it('tells the author of a message taken off the board why, and goes on handling it', async () => {
    const { siteId, eduUnit } = await createSite();
    const moderator = await createOfficial(siteId, 'moderator');
    const act = async (id: string, action: string, body: unknown = {}) =>
      expect((await consoleRequest(`/v1/console/messages/${id}/${action}`, { as: moderator, method: 'POST', body })).status).toBe(200);
    const created = await submitted(siteId, eduUnit);
    await act(created.id, 'publish');
    expect((await (await track(siteId, created.trackingCode)).json<TrackedMessage>()).rejection).toBeNull();
    await act(created.id, 'hide', { reason: 'personal_data', note: '留言中有他人的手机号码。' });
    const message = await (await track(siteId, created.trackingCode)).json<TrackedMessage>();
    expect(message).toMatchObject({ moderation: 'hidden', status: 'submitted', rejection: { reason: 'personal_data', note: '留言中有他人的手机号码。' } });
    expect(message.dueAt).not.toBeNull();
  });

  it('reads the code however it is typed: lower case, full width, without dashes, with spaces', async () => {
    const { siteId, eduUnit } = await createSite();
    const { id, trackingCode } = await submitted(siteId, eduUnit);
    const typings = [
      trackingCode.toLowerCase(),
      trackingCode.replaceAll('-', ''),
      trackingCode.replaceAll('-', ' '),
      ` ${trackingCode.toLowerCase().replaceAll('-', '')} `,
      // Full width, as a Chinese IME types it: ３ＪＭＨ－…
      [...trackingCode].map((ch) => String.fromCodePoint(ch.codePointAt(0)! + 0xfee0)).join(''),
    ];
    for (const typed of typings) {
      const response = await track(siteId, typed);
      expect(response.status, typed).toBe(200);
      expect((await response.json<TrackedMessage>()).id).toBe(id);
    }
  });

  it('answers a wrong, a malformed and another site’s code with the same 404', async () => {
    const { siteId, eduUnit } = await createSite();
    const other = await createSite();
    const { trackingCode } = await submitted(siteId, eduUnit);
    const { trackingCode: otherSiteCode } = await submitted(other.siteId, other.eduUnit);
    // Same format, one symbol changed.
    const wrong = trackingCode.slice(0, -1) + (trackingCode.endsWith('2') ? '3' : '2');

    const bodies: string[] = [];
    for (const code of [wrong, 'NOT-A-CODE', '0000-OOOO-0000-OOOO', otherSiteCode]) {
      const response = await track(siteId, code);
      const text = await response.clone().text();
      await expectProblem(response, 404, 'not_found');
      expect(response.headers.get('Cache-Control')).toBe('no-store');
      bodies.push(text);
    }
    expect(new Set(bodies).size).toBe(1);
    expectNoPersonalData(bodies[0]!);
  });

  it('refuses an empty or over-long code as a field error', async () => {
    const { siteId } = await createSite();
    for (const code of ['', 'A'.repeat(65)]) {
      const problem = await expectProblem(await track(siteId, code), 422, 'validation');
      expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'trackingCode' }));
    }
  });

  it('refuses a body with no code', async () => {
    const { siteId } = await createSite();
    const response = await request(`/v1/sites/${siteId}/track`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}',
    });
    const problem = await expectProblem(response, 422, 'validation');
    expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'trackingCode', code: 'required' }));
  });

  it('refuses a browser on a foreign origin', async () => {
    const { siteId, eduUnit } = await createSite();
    const { trackingCode } = await submitted(siteId, eduUnit);
    const response = await track(siteId, trackingCode, FOREIGN_ORIGIN);
    await expectProblem(response, 403, 'origin_not_allowed');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('https://evil.example.com'); // only the refusal is readable
  });
});
