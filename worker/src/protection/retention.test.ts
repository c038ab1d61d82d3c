// Retention in workerd on a real D1 and R2 (issue 17): the hourly job erases the contact details and
// photos of messages closed longer ago than the site keeps them, logs each erasure (so a restored
// backup re-applies it) and audits the run; running it again changes nothing.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ConsoleMessage } from '../../../sdk/src/schemas/console';
import type { MessageCreated, PublicMessageDetail } from '../../../sdk/src/schemas/message';
import type { PhotoUploaded } from '../../../sdk/src/schemas/photo';
import type { MyData } from '../../../sdk/src/schemas/my-data';
import { createSite, db, messageRow, request, submit, validMessage } from '../../test/fixtures';
import { consoleRequest, createOfficial } from '../../test/officials';
import { uploadedPhoto, uploadWithThumbnail } from '../../test/photos';
import { JPEG_WITH_GPS, PNG_WITH_GPS } from '../../test/photo-fixtures';
import worker from '../index';
import { photoObjectKey, thumbnailObjectKey } from '../db/photos';
import { eraseExpiredContacts } from './retention';

const DAY_MS = 86_400_000;

async function runHourlyJob(at = Date.now()) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '17 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** A message with a photo, closed `daysAgo` days ago. */
async function closedMessage(siteId: string, unitId: string, daysAgo: number) {
  const photo = await uploadedPhoto(siteId);
  const response = await submit(siteId, validMessage(unitId, { photos: [{ id: photo.photoId, isPublic: true }] }));
  expect(response.status).toBe(201);
  const created = await response.json<MessageCreated>();
  const closedAt = new Date(Date.now() - daysAgo * DAY_MS).toISOString();
  await db.run(db.q.updateTable('messages').set({ status: 'closed', closed_at: closedAt, moderation: 'published', published_at: closedAt }).where('id', '=', created.id));
  return { ...created, photoId: photo.photoId };
}

const myData = async (siteId: string, trackingCode: string) => (await request(`/v1/sites/${siteId}/my-data`, {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trackingCode }),
})).json<MyData>();

describe('retention of contact details', { timeout: 30_000 }, () => {
  it('erases the contact details and photos of messages closed longer ago than the site keeps them, once', async () => {
    const { siteId, eduUnit } = await createSite();
    const admin = await createOfficial(siteId, 'admin');
    expect((await consoleRequest('/v1/admin/protection', { as: admin, method: 'PUT', body: {
      bannedWords: [], holdWords: [], holdLinks: true, holdPhones: true, minFillSeconds: 5, turnstileSiteKey: null, retentionDays: 30,
    } })).status).toBe(200);
    const old = await closedMessage(siteId, eduUnit, 31);
    const recent = await closedMessage(siteId, eduUnit, 29);
    const open = await submit(siteId, validMessage(eduUnit)).then((r) => r.json<MessageCreated>());

    await runHourlyJob();

    // The author's own download: contact details gone, the message kept with its display name.
    const mine = await myData(siteId, old.trackingCode);
    expect(mine.contact).toMatchObject({ name: null, phone: null, email: null });
    expect(mine.contact.erasedAt).not.toBeNull();
    expect(mine.message.displayName).toBe('陈***');
    const row = await messageRow(old.id);
    expect(row).toMatchObject({ author_name_enc: '', author_phone_enc: '', author_email_enc: null, author_phone_hash: null, author_email_hash: null });
    // The photo: out of R2 and off the public page.
    expect(await env.PHOTOS.head(photoObjectKey(siteId, old.photoId))).toBeNull();
    const page = await (await request(`/v1/sites/${siteId}/messages/${old.id}`)).json<PublicMessageDetail>();
    expect(page.photos).toEqual([]);
    // What an official sees: the contact can no longer be revealed.
    const revealed = await (await consoleRequest(`/v1/console/messages/${old.id}/reveal`, { as: admin, method: 'POST', body: {} })).json<{ name: string; erasedAt: string | null }>();
    expect(revealed).toMatchObject({ name: '', erasedAt: expect.stringMatching(/\+08:00$/) });
    // Kept: the message closed 29 days ago and the open one, with their contact details and photo.
    for (const kept of [recent.id, open.id]) expect((await messageRow(kept))!.author_erased_at).toBeNull();
    expect(await env.PHOTOS.head(photoObjectKey(siteId, recent.photoId))).not.toBeNull();
    // Logged for a restore, and audited with the count.
    const erasures = await db.all(db.q.selectFrom('personal_data_erasures').select('message_id').where('site_id', '=', siteId));
    expect(erasures.map((e) => e.message_id)).toEqual([old.id]);
    const audit = () => db.all(db.q.selectFrom('audit_log').select(['action', 'account_id', 'detail']).where('site_id', '=', siteId).where('action', '=', 'retention.erase'));
    expect((await audit()).map((a) => [a.account_id, JSON.parse(a.detail!)])).toEqual([[null, { messages: 1, photos: 1, retentionDays: 30 }]]);

    // Again: nothing changes, nothing more is logged.
    const before = JSON.stringify(await messageRow(old.id));
    await runHourlyJob();
    expect(JSON.stringify(await messageRow(old.id))).toBe(before);
    expect(await audit()).toHaveLength(1);
    expect((await db.all(db.q.selectFrom('personal_data_erasures').select('message_id').where('site_id', '=', siteId)))).toHaveLength(1);
  });

  // As a citizen's own erasure: the photos the author sent, with their small versions; an official's
  // reply photos are the record's, and stay with the reply.
  it('erases the author’s photos with their small versions, and keeps the photos of officials’ replies', async () => {
    const site = await createSite({ moderation: 'post' });
    const admin = await createOfficial(site.siteId, 'admin');
    expect((await consoleRequest('/v1/admin/protection', { as: admin, method: 'PUT', body: {
      bannedWords: [], holdWords: [], holdLinks: true, holdPhones: true, minFillSeconds: 5, turnstileSiteKey: null, retentionDays: 30,
    } })).status).toBe(200);
    const own = await (await uploadWithThumbnail(`/v1/sites/${site.siteId}/photos`, JPEG_WITH_GPS, PNG_WITH_GPS)).json<PhotoUploaded>();
    const created = await (await submit(site.siteId, validMessage(site.eduUnit, { photos: [{ id: own.photoId, isPublic: true }] }))).json<MessageCreated>();
    const responder = await createOfficial(site.siteId, 'responder', [site.eduUnit]);
    expect((await consoleRequest(`/v1/console/messages/${created.id}/accept`, { as: responder, method: 'POST', body: {} })).status).toBe(200);
    const repaired = await (await uploadWithThumbnail(`/v1/console/messages/${created.id}/photos`, JPEG_WITH_GPS, PNG_WITH_GPS, { cookie: responder.cookie })).json<PhotoUploaded>();
    expect((await consoleRequest(`/v1/console/messages/${created.id}/reply`, { as: responder, method: 'POST', body: { kind: 'final', body: '路面已修复，请查看照片。', photos: [repaired.photoId] } })).status).toBe(200);
    await db.run(db.q.updateTable('messages').set({ status: 'closed', closed_at: new Date(Date.now() - 31 * DAY_MS).toISOString() }).where('id', '=', created.id));

    await runHourlyJob();

    expect((await messageRow(created.id))!.author_erased_at).not.toBeNull();
    for (const key of [photoObjectKey(site.siteId, own.photoId), thumbnailObjectKey(site.siteId, own.photoId)]) expect(await env.PHOTOS.head(key), key).toBeNull();
    for (const key of [photoObjectKey(site.siteId, repaired.photoId), thumbnailObjectKey(site.siteId, repaired.photoId)]) expect(await env.PHOTOS.head(key), key).not.toBeNull();
    const page = await (await request(`/v1/sites/${site.siteId}/messages/${created.id}`)).json<PublicMessageDetail>();
    expect(page.photos).toEqual([]);
    expect(page.replies[0]!.photos.map((p) => p.id)).toEqual([repaired.photoId]);
    const audit = await db.all(db.q.selectFrom('audit_log').select('detail').where('site_id', '=', site.siteId).where('action', '=', 'retention.erase'));
    expect(audit.map((a) => JSON.parse(a.detail!))).toEqual([{ messages: 1, photos: 1, retentionDays: 30 }]);
  });

  it('keeps everything on a site that set 0 days, and uses 365 days where the site set nothing', async () => {
    const keeping = await createSite();
    const admin = await createOfficial(keeping.siteId, 'admin');
    await consoleRequest('/v1/admin/protection', { as: admin, method: 'PUT', body: {
      bannedWords: [], holdWords: [], holdLinks: true, holdPhones: true, minFillSeconds: 5, turnstileSiteKey: null, retentionDays: 0,
    } });
    const kept = await closedMessage(keeping.siteId, keeping.eduUnit, 4000);
    const plain = await createSite();
    const yearOld = await closedMessage(plain.siteId, plain.eduUnit, 366);
    const monthsOld = await closedMessage(plain.siteId, plain.eduUnit, 300);

    await runHourlyJob();

    expect((await messageRow(kept.id))!.author_erased_at).toBeNull();
    expect((await messageRow(yearOld.id))!.author_erased_at).not.toBeNull();
    expect((await messageRow(monthsOld.id))!.author_erased_at).toBeNull();
  });

  it('works a backlog off in bounded batches, oldest first', async () => {
    const { siteId, eduUnit } = await createSite();
    const messages: Awaited<ReturnType<typeof closedMessage>>[] = [];
    for (const daysAgo of [400, 500, 600]) messages.push(await closedMessage(siteId, eduUnit, daysAgo));
    const d1 = (await import('../db/client')).siteDatabaseOn(env.DB);
    await eraseExpiredContacts(d1, env.PHOTOS, new Date(), 2);
    const erased = async () => Promise.all(messages.map(async (m) => (await messageRow(m.id))!.author_erased_at !== null));
    expect(await erased()).toEqual([false, true, true]);
    await eraseExpiredContacts(d1, env.PHOTOS, new Date(), 2);
    expect(await erased()).toEqual([true, true, true]);
  });
});
