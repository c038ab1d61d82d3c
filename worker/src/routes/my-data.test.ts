import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../sdk/src/schemas/console';
import type { MessageCreated, PublicMessageDetail, TrackedMessage } from '../../../sdk/src/schemas/message';
import type { Erased, MyData } from '../../../sdk/src/schemas/my-data';
import {
  addRating, AUTHOR, createSite, db, expectNoPersonalData, expectProblem, messageRow, request, submit, track, validMessage,
} from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';
import { REAPPLY_ERASURES_SQL } from '../db/my-data';

const post = (siteId: string, path: string, trackingCode: string) => request(`/v1/sites/${siteId}/${path}`, {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trackingCode }),
});
const download = (siteId: string, code: string) => post(siteId, 'my-data', code);
const erase = (siteId: string, code: string) => post(siteId, 'my-data/erase', code);

/** A published message with a final reply and a rating, and another message by the same author. */
async function handledMessage() {
  const site = await createSite();
  const created = await (await submit(site.siteId, validMessage(site.eduUnit))).json<MessageCreated>();
  const other = await (await submit(site.siteId, validMessage(site.eduUnit, { title: '另一条：县医院停车难', isPublic: false }))).json<MessageCreated>();
  const admin = await createOfficial(site.siteId, 'admin');
  for (const [action, body] of [['publish', {}], ['accept', {}], ['reply', { kind: 'final', body: '已安排交警早晚高峰在校门口疏导。' }]] as const) {
    expect((await consoleRequest(`/v1/console/messages/${created.id}/${action}`, { as: admin, method: 'POST', body })).status).toBe(200);
  }
  await addRating(created.id, { overall: 4, resolution: 4, attitude: 5, speed: 3 });
  return { ...site, created, other, admin };
}

describe('POST /v1/sites/:site/my-data — the author’s download', () => {
  it('holds everything stored about the message, contact details decrypted, and nothing of any other message', async () => {
    const { siteId, created, other } = await handledMessage();
    const response = await download(siteId, created.trackingCode);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const data = await response.json<MyData>();
    expect(data.contact).toEqual({ name: AUTHOR.name, phone: expect.stringContaining('139'), email: AUTHOR.email, erasedAt: null });
    expect(data.contact.phone!.replace(/\D/g, '')).toContain(AUTHOR.phone);
    const tracked = await (await track(siteId, created.trackingCode)).json();
    expect(data.message).toEqual(tracked);
    expect(data.message.replies.map((r) => r.body)).toEqual(['已安排交警早晚高峰在校门口疏导。']);
    expect(data.message.timeline.map((e) => e.kind)).toEqual(['submitted', 'published', 'accepted', 'replied']);
    expect(data.ratings).toEqual([expect.objectContaining({ overall: 4, resolution: 4, attitude: 5, speed: 3 })]);
    expect(data).toMatchObject({ sourceOrigin: 'https://www.county.example.gov.cn', supportCount: 0, followUps: [] });
    const text = JSON.stringify(data);
    expect(text).not.toContain(other.id);
    expect(text).not.toContain('县医院');
    expect(text).not.toContain(created.trackingCode);
  });

  it('answers a wrong code with the same 404 as a lookup, and a missing one by field', async () => {
    const { siteId, created } = await handledMessage();
    const wrong = created.trackingCode.slice(0, -1) + (created.trackingCode.endsWith('2') ? '3' : '2');
    for (const send of [download, erase]) {
      const refused = await send(siteId, wrong);
      const text = await refused.clone().text();
      await expectProblem(refused, 404, 'not_found');
      expectNoPersonalData(text);
      const problem = await expectProblem(await send(siteId, ''), 422, 'validation');
      expect(problem.errors).toContainEqual(expect.objectContaining({ field: 'trackingCode', code: 'required' }));
    }
    expect((await messageRow(created.id))!.author_erased_at).toBeNull();
  });
});

describe('POST /v1/sites/:site/my-data/erase', () => {
  it('erases name, phone and email, keeps the public record with its masked name, and logs the erasure once', async () => {
    const { siteId, created, admin } = await handledMessage();
    const before = (await messageRow(created.id))!;
    expect(await (await track(siteId, created.trackingCode)).json<TrackedMessage>()).toMatchObject({ contactErasedAt: null });
    const response = await erase(siteId, created.trackingCode);
    expect(response.status).toBe(200);
    const { erasedAt } = await response.json<Erased>();
    expect(erasedAt).toMatch(/\+08:00$/);

    const row = (await messageRow(created.id))!;
    expect(row).toMatchObject({ author_name_enc: '', author_phone_enc: '', author_email_enc: null, display_name: '陈***', title: before.title, body: before.body });
    expect(row.author_erased_at).not.toBeNull();
    const log = await db.all(db.q.selectFrom('personal_data_erasures').selectAll().where('message_id', '=', created.id));
    expect(log).toEqual([expect.objectContaining({ site_id: siteId, message_id: created.id, erased_at: row.author_erased_at })]);

    // Asking again changes nothing.
    expect(await (await erase(siteId, created.trackingCode)).json<Erased>()).toEqual({ erasedAt });
    expect(await db.all(db.q.selectFrom('personal_data_erasures').select('id').where('message_id', '=', created.id))).toHaveLength(1);
    // Looked up again, the message says they are gone and since when (the tracker then offers no second erasure).
    expect(await (await track(siteId, created.trackingCode)).json<TrackedMessage>()).toMatchObject({ contactErasedAt: erasedAt });

    const publicView = await (await request(`/v1/sites/${siteId}/messages/${created.id}`)).json<PublicMessageDetail>();
    expect(publicView).toMatchObject({ title: before.title, displayName: '陈***', replies: [expect.objectContaining({ body: '已安排交警早晚高峰在校门口疏导。' })] });
    const data = await (await download(siteId, created.trackingCode)).json<MyData>();
    expect(data.contact).toEqual({ name: null, phone: null, email: null, erasedAt });
    expectNoPersonalData(JSON.stringify(data));
    // Officials find nothing left to reveal.
    const reveal = await consoleRequest(`/v1/console/messages/${created.id}/reveal`, { as: admin, method: 'POST', body: {} });
    expect(reveal.status).toBe(200);
    // And when they went: the official learns why the fields are empty, not that none was given.
    expect(await reveal.json<Contact>()).toEqual({ name: '', phone: '', email: null, erasedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*\+08:00$/) });
  });

  it('is applied again from its log after a backup older than it is restored', async () => {
    const { siteId, created } = await handledMessage();
    const sealed = (await messageRow(created.id))!;
    expect((await erase(siteId, created.trackingCode)).status).toBe(200);
    const erasedAt = (await messageRow(created.id))!.author_erased_at;
    // The restored row holds the contact details again; the log was kept apart (README, "Backup and restore").
    await db.run(db.q.updateTable('messages').set({
      author_name_enc: sealed.author_name_enc, author_phone_enc: sealed.author_phone_enc, author_email_enc: sealed.author_email_enc, author_erased_at: null,
    }).where('id', '=', created.id));
    await env.DB.prepare(REAPPLY_ERASURES_SQL).run();
    expect(await messageRow(created.id)).toMatchObject({ author_name_enc: '', author_phone_enc: '', author_email_enc: null, author_erased_at: erasedAt });
  });
});
