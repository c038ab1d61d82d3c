import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ConsoleMessage } from '../../../sdk/src/schemas/console';
import type { MessageCreated, PublicMessageDetail, TrackedMessage } from '../../../sdk/src/schemas/message';
import type { MyData } from '../../../sdk/src/schemas/my-data';
import type { PhotoUploaded } from '../../../sdk/src/schemas/photo';
import { ALLOWED_ORIGIN, createSite, db, expectProblem, request, submit, track, validMessage } from '../../test/fixtures';
import { fetchInterleaved } from '../../test/d1-faults';
import { consoleRequest, createOfficial } from '../../test/officials';
import { purgeAbandonedPhotos } from '../db/photos';
import { uploadedPhoto, uploadPhoto } from '../../test/photos';
import { JPEG_WITH_GPS, METADATA_TEXT, PHOTO_HEIGHT, PHOTO_WIDTH, PNG_WITH_GPS, WEBP_WITH_GPS } from '../../test/photo-fixtures';

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

const upload = uploadPhoto;
const uploaded = (siteId: string, bytes: Uint8Array<ArrayBuffer>, type?: string) => uploadedPhoto(siteId, bytes, type);

const storedBytes = async (siteId: string, photoId: string) => {
  const object = await env.PHOTOS.get(`${siteId}/${photoId}`);
  return object ? new Uint8Array(await object.arrayBuffer()) : null;
};

const photoRows = (siteId: string) => db.all(db.q.selectFrom('photos').selectAll().where('site_id', '=', siteId).orderBy('position'));

/** A post-moderated site (published at once) with a public message carrying a public and a private photo. */
async function messageWithPhotos() {
  const site = await createSite({ moderation: 'post' });
  const shown = await uploaded(site.siteId, JPEG_WITH_GPS);
  const kept = await uploaded(site.siteId, PNG_WITH_GPS, 'image/png');
  const response = await submit(site.siteId, validMessage(site.eduUnit, { photos: [{ id: shown.photoId }, { id: kept.photoId, isPublic: false }] }));
  expect(response.status).toBe(201);
  return { ...site, shown, kept, created: await response.json<MessageCreated>() };
}

describe('POST /v1/sites/:site/photos', () => {
  it.each([['image/jpeg', JPEG_WITH_GPS], ['image/png', PNG_WITH_GPS], ['image/webp', WEBP_WITH_GPS]] as const)(
    'stores a %s photo without its EXIF GPS position, XMP or comments, under an unguessable id', async (type, bytes) => {
      const { siteId } = await createSite();
      const response = await upload(siteId, bytes, { type });
      expect(response.status).toBe(201);
      expect(response.headers.get('Cache-Control')).toBe('no-store');
      const answer = await response.json<PhotoUploaded>();
      expect(answer).toMatchObject({ width: PHOTO_WIDTH, height: PHOTO_HEIGHT });
      expect(answer.photoId).toMatch(/^ph_[a-z2-9]{16}$/);
      const stored = (await storedBytes(siteId, answer.photoId))!;
      expect(stored.length).toBe(answer.bytes);
      const text = latin1(stored);
      for (const trace of [METADATA_TEXT, 'GPS', 'Exif', 'eXIf', 'EXIF', 'xmpmeta']) expect(text).not.toContain(trace);
      const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', stored))].map((b) => b.toString(16).padStart(2, '0')).join('');
      expect(answer.sha256).toBe(digest);
      expect((await env.PHOTOS.get(`${siteId}/${answer.photoId}`))!.httpMetadata?.contentType).toBe(type);
    });

  it('answers a retried upload with the photo stored the first time, and refuses another photo under its key', async () => {
    const { siteId } = await createSite();
    const key = crypto.randomUUID();
    const first = await (await upload(siteId, JPEG_WITH_GPS, { key })).json<PhotoUploaded>();
    const again = await upload(siteId, JPEG_WITH_GPS, { key });
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(first);
    expect(await photoRows(siteId)).toHaveLength(1);
    await expectProblem(await upload(siteId, PNG_WITH_GPS, { key, type: 'image/png' }), 422, 'idempotency_key_reused');
    // Another upload of the same photo is another photo, with another id.
    expect((await uploaded(siteId, JPEG_WITH_GPS)).photoId).not.toBe(first.photoId);
  });

  it('goes by the bytes, not the name or type: a script named photo.jpg is refused, a JPEG sent as PNG stored as JPEG', async () => {
    const { siteId } = await createSite();
    const script = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    const refused = await expectProblem(await upload(siteId, script, { type: 'image/jpeg', headers: { 'Content-Disposition': 'attachment; filename="photo.jpg"' } }), 422, 'validation');
    expect(refused.errors).toEqual([expect.objectContaining({ field: 'photo', code: 'photo_type_not_allowed' })]);
    const mislabelled = await uploaded(siteId, JPEG_WITH_GPS, 'image/png');
    expect((await env.PHOTOS.get(`${siteId}/${mislabelled.photoId}`))!.httpMetadata?.contentType).toBe('image/jpeg');
  });

  it('refuses a truncated photo and an oversized one by field, in Chinese, storing nothing', async () => {
    const { siteId } = await createSite();
    const truncated = await expectProblem(await upload(siteId, JPEG_WITH_GPS.subarray(0, JPEG_WITH_GPS.length - 10)), 422, 'validation');
    expect(truncated.errors).toEqual([expect.objectContaining({ field: 'photo', code: 'photo_damaged', message: expect.stringContaining('照片不完整') })]);
    const huge = new Uint8Array(10 * 1024 * 1024 + 1);
    huge.set(JPEG_WITH_GPS);
    const oversized = await expectProblem(await upload(siteId, huge), 413, 'payload_too_large');
    expect(oversized.errors).toEqual([expect.objectContaining({ field: 'photo', code: 'photo_too_large', message: expect.stringContaining('10MB') })]);
    expect(await photoRows(siteId)).toEqual([]);
  });
});

describe('a submission with photos', () => {
  it('attaches its photos in order, public as asked or as the message is, once however often it is retried', async () => {
    const site = await createSite();
    const a = await uploaded(site.siteId, JPEG_WITH_GPS);
    const b = await uploaded(site.siteId, WEBP_WITH_GPS, 'image/webp');
    const key = crypto.randomUUID();
    const body = validMessage(site.eduUnit, { photos: [{ id: b.photoId, isPublic: false }, { id: a.photoId }] });
    const first = await (await submit(site.siteId, body, { key })).json<MessageCreated>();
    expect(await (await submit(site.siteId, body, { key })).json()).toEqual(first);
    expect((await photoRows(site.siteId)).map((p) => [p.id, p.message_id, p.is_public, p.position])).toEqual([
      [b.photoId, first.id, 0, 0], [a.photoId, first.id, 1, 1],
    ]);
    // A private message's photos are private unless said otherwise.
    const c = await uploaded(site.siteId, PNG_WITH_GPS, 'image/png');
    await submit(site.siteId, validMessage(site.eduUnit, { isPublic: false, photos: [{ id: c.photoId }] }));
    expect((await db.first(db.q.selectFrom('photos').select('is_public').where('id', '=', c.photoId)))!.is_public).toBe(0);
  });

  it('refuses, by the field photos, a photo never uploaded, another site’s, one already sent, and more than four', async () => {
    const site = await createSite();
    const other = await createSite();
    const foreign = await uploaded(other.siteId, JPEG_WITH_GPS);
    const mine = await uploaded(site.siteId, JPEG_WITH_GPS);
    await submit(site.siteId, validMessage(site.eduUnit, { photos: [{ id: mine.photoId }] }));
    for (const photos of [[{ id: 'ph_doesnotexist2345' }], [{ id: foreign.photoId }], [{ id: mine.photoId }]]) {
      const problem = await expectProblem(await submit(site.siteId, validMessage(site.eduUnit, { photos })), 422, 'validation');
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'photos', code: 'unknown_photo' })]);
    }
    const five = await Promise.all([1, 2, 3, 4, 5].map(() => uploaded(site.siteId, PNG_WITH_GPS, 'image/png')));
    const tooMany = await expectProblem(await submit(site.siteId, validMessage(site.eduUnit, { photos: five.map((p) => ({ id: p.photoId })) })), 422, 'validation');
    expect(tooMany.errors).toEqual([expect.objectContaining({ field: 'photos', code: 'too_many_photos', message: '最多只能附4张照片' })]);
    expect((await db.first(db.q.selectFrom('photos').select('message_id').where('id', '=', foreign.photoId)))!.message_id).toBeNull();
  });
});

describe('two submissions naming the same photo at once', () => {
  it('store one with it; the other is refused by the field photos, stores nothing and leaves its key free', async () => {
    const site = await createSite();
    const photo = await uploaded(site.siteId, JPEG_WITH_GPS);
    const key = crypto.randomUUID();
    const body = JSON.stringify(validMessage(site.eduUnit, { title: '先读后写的那一条', photos: [{ id: photo.photoId }] }));
    let other: MessageCreated | undefined;
    // The other submission lands between this one's reads (the photo was free) and its write.
    const { response, body: answer } = await fetchInterleaved(new Request(`https://liuyan.test/v1/sites/${site.siteId}/messages`, {
      method: 'POST', body, headers: { Origin: ALLOWED_ORIGIN, 'Content-Type': 'application/json', 'Idempotency-Key': key },
    }), async () => {
      const meanwhile = await submit(site.siteId, validMessage(site.eduUnit, { photos: [{ id: photo.photoId }] }));
      expect(meanwhile.status).toBe(201);
      other = await meanwhile.json<MessageCreated>();
    });
    expect(response.status, answer).toBe(422);
    expect(JSON.parse(answer).errors).toEqual([expect.objectContaining({ field: 'photos', code: 'unknown_photo' })]);
    expect((await photoRows(site.siteId)).map((p) => p.message_id)).toEqual([other!.id]);
    expect(await db.all(db.q.selectFrom('messages').select('id').where('site_id', '=', site.siteId))).toEqual([{ id: other!.id }]);
    // Sent again without the photo under the same key: stored.
    expect((await submit(site.siteId, validMessage(site.eduUnit, { title: '先读后写的那一条' }), { key })).status).toBe(201);
  });
});

describe('serving photos', () => {
  it('serves a public photo of a published message at its content-hashed URL, typed, nosniff and cached for ever', async () => {
    const { siteId, created, shown, kept } = await messageWithPhotos();
    const detail = await (await request(`/v1/sites/${siteId}/messages/${created.id}`)).json<PublicMessageDetail>();
    const url = `/v1/sites/${siteId}/photos/${shown.photoId}/${shown.sha256}`;
    // Sent without a small version: the photo stands in for it.
    expect(detail.photos).toEqual([{ id: shown.photoId, width: PHOTO_WIDTH, height: PHOTO_HEIGHT, url, thumbnailUrl: url }]);
    expect(JSON.stringify(detail)).not.toContain(kept.photoId);
    const response = await request(detail.photos[0]!.url, { origin: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/jpeg');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Cache-Control')).toContain('immutable');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(await storedBytes(siteId, shown.photoId));
    // Another hash (an old or guessed URL) is not found.
    expect((await request(`/v1/sites/${siteId}/photos/${shown.photoId}/${'0'.repeat(64)}`, { origin: null })).status).toBe(404);
  });

  it('never serves a private photo, or a photo of an unpublished message, to the public, even with its id and hash', async () => {
    const { siteId, kept, created, shown } = await messageWithPhotos();
    await expectProblem(await request(`/v1/sites/${siteId}/photos/${kept.photoId}/${kept.sha256}`, { origin: null }), 404, 'not_found');
    const admin = await createOfficial(siteId, 'admin');
    expect((await consoleRequest(`/v1/console/messages/${created.id}/hide`, { as: admin, method: 'POST', body: { reason: 'other', note: '含有他人隐私' } })).status).toBe(200);
    expect((await request(`/v1/sites/${siteId}/photos/${shown.photoId}/${shown.sha256}`, { origin: null })).status).toBe(404);
  });

  it('lists every photo to the author and serves a private one for the tracking code only', async () => {
    const { siteId, created, kept } = await messageWithPhotos();
    const tracked = await (await track(siteId, created.trackingCode)).json<TrackedMessage>();
    expect(tracked.photos.map((p) => [p.id, p.isPublic])).toEqual([[expect.any(String), true], [kept.photoId, false]]);
    const fetchWith = (trackingCode: string) => request(tracked.photos[1]!.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trackingCode }) });
    const own = await fetchWith(created.trackingCode);
    expect(own.status).toBe(200);
    expect(own.headers.get('Content-Type')).toBe('image/png');
    expect(own.headers.get('Cache-Control')).toBe('private, no-store');
    const stranger = (await (await submit(siteId, validMessage(`${siteId}_edu`))).json<MessageCreated>()).trackingCode;
    await expectProblem(await fetchWith(stranger), 404, 'not_found');
  });

  it('shows officials of the message’s units every photo, and no one else', async () => {
    const { siteId, eduUnit, transportUnit, created, kept } = await messageWithPhotos();
    const edu = await createOfficial(siteId, 'responder', [eduUnit]);
    const message = await (await consoleRequest(`/v1/console/messages/${created.id}`, { as: edu })).json<ConsoleMessage>();
    expect(message.photos.map((p) => p.url)).toEqual([expect.stringMatching(/^\/v1\/console\/photos\/ph_/), `/v1/console/photos/${kept.photoId}`]);
    const own = await consoleRequest(`/v1/console/photos/${kept.photoId}`, { as: edu });
    expect(own.status).toBe(200);
    expect(own.headers.get('X-Content-Type-Options')).toBe('nosniff');
    await expectProblem(await consoleRequest(`/v1/console/photos/${kept.photoId}`, { as: await createOfficial(siteId, 'responder', [transportUnit]) }), 403, 'forbidden');
    const elsewhere = await createSite();
    await expectProblem(await consoleRequest(`/v1/console/photos/${kept.photoId}`, { as: await createOfficial(elsewhere.siteId, 'admin') }), 404, 'not_found');
    await expectProblem(await consoleRequest(`/v1/console/photos/${kept.photoId}`, { as: null }), 401, 'unauthenticated');
  });
});

describe('photos and the author’s data', () => {
  it('come with the download and are deleted from R2 and D1 when the author erases their data', async () => {
    const { siteId, created, shown, kept } = await messageWithPhotos();
    const post = (path: string) => request(`/v1/sites/${siteId}/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trackingCode: created.trackingCode }) });
    const data = await (await post('my-data')).json<MyData>();
    expect(data.message.photos.map((p) => p.id)).toEqual([shown.photoId, kept.photoId]);
    expect((await post('my-data/erase')).status).toBe(200);
    expect(await storedBytes(siteId, shown.photoId)).toBeNull();
    expect(await storedBytes(siteId, kept.photoId)).toBeNull();
    expect(await photoRows(siteId)).toEqual([]);
    expect((await request(`/v1/sites/${siteId}/photos/${shown.photoId}/${shown.sha256}`, { origin: null })).status).toBe(404);
    expect((await request(`/v1/sites/${siteId}/messages/${created.id}`)).status).toBe(200); // the message stays on the record
  });
});

describe('the hourly clean-up', () => {
  it('deletes photos never sent with a message a day after their upload, and keeps sent ones', async () => {
    const { siteId, shown, kept } = await messageWithPhotos();
    const abandoned = await uploaded(siteId, WEBP_WITH_GPS, 'image/webp');
    expect(await purgeAbandonedPhotos(db, env.PHOTOS, new Date())).toBe(0);
    expect(await purgeAbandonedPhotos(db, env.PHOTOS, new Date(Date.now() + 25 * 3600_000))).toBeGreaterThanOrEqual(1);
    expect(await storedBytes(siteId, abandoned.photoId)).toBeNull();
    expect((await photoRows(siteId)).map((p) => p.id)).toEqual([shown.photoId, kept.photoId]);
    expect(await storedBytes(siteId, shown.photoId)).not.toBeNull();
  });
});
