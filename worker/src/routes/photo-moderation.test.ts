import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { AuditPage } from '../../../sdk/src/schemas/audit';
import type { ConsoleMessage, QueuePage } from '../../../sdk/src/schemas/console';
import type { MessageCreated, MessagePage, PublicMessageDetail, TrackedMessage } from '../../../sdk/src/schemas/message';
import type { PhotoUploaded } from '../../../sdk/src/schemas/photo';
import { createSite, db, expectProblem, request, submit, track, validMessage } from '../../test/fixtures';
import { CONSOLE_ORIGIN, consoleRequest, createOfficial, type TestOfficial } from '../../test/officials';
import { fetchInterleaved } from '../../test/d1-faults';
import { JPEG_WITH_GPS, METADATA_TEXT, PNG_WITH_GPS, WEBP_WITH_GPS } from '../../test/photo-fixtures';
import { uploadedPhoto, uploadWithThumbnail } from '../../test/photos';
import { REAPPLY_ERASURES_SQL } from '../db/my-data';
import { purgeAbandonedPhotos, purgeErasedPhotos } from '../db/photos';

// Photos after the upload (issue 15): their small versions, a moderator hiding one, photos with a
// reply, and every way a photo's bytes leave R2 again.

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const object = async (key: string) => {
  const found = await env.PHOTOS.get(key);
  return found ? new Uint8Array(await found.arrayBuffer()) : null;
};
const publicGet = (url: string) => request(url, { origin: null });
const uploadedWith = async (response: Response) => {
  expect(response.status).toBe(201);
  return response.json<PhotoUploaded>();
};

/**
 * A post-moderated site with a public message carrying a public photo sent with a small version
 * (`shown`) and a private one (`kept`, also with one).
 */
async function messageWithThumbnails() {
  const site = await createSite({ moderation: 'post' });
  const shown = await uploadedWith(await uploadWithThumbnail(`/v1/sites/${site.siteId}/photos`, JPEG_WITH_GPS, PNG_WITH_GPS));
  const kept = await uploadedWith(await uploadWithThumbnail(`/v1/sites/${site.siteId}/photos`, WEBP_WITH_GPS, PNG_WITH_GPS));
  const response = await submit(site.siteId, validMessage(site.eduUnit, { photos: [{ id: shown.photoId }, { id: kept.photoId, isPublic: false }] }));
  expect(response.status).toBe(201);
  const created = await response.json<MessageCreated>();
  const moderator = await createOfficial(site.siteId, 'moderator');
  return { ...site, shown, kept, created, moderator };
}

const detailOf = async (siteId: string, id: string) => (await request(`/v1/sites/${siteId}/messages/${id}`)).json<PublicMessageDetail>();
const cardOf = async (siteId: string, id: string) => (await (await request(`/v1/sites/${siteId}/messages`)).json<MessagePage>()).items.find((m) => m.id === id)!;
const hide = (as: TestOfficial, photoId: string, body: unknown = { reason: 'personal_data', note: '照片中能看清他人的车牌' }) =>
  consoleRequest(`/v1/console/photos/${photoId}/hide`, { as, method: 'POST', body });
const unhide = (as: TestOfficial, photoId: string) => consoleRequest(`/v1/console/photos/${photoId}/unhide`, { as, method: 'POST', body: {} });

describe('thumbnails', () => {
  it('keeps the small version sent with a photo, stripped like it, and serves it on the same rules', async () => {
    const { siteId, created, shown } = await messageWithThumbnails();
    const detail = await detailOf(siteId, created.id);
    const url = `/v1/sites/${siteId}/photos/${shown.photoId}/${shown.sha256}`;
    expect(detail.photos).toEqual([expect.objectContaining({ id: shown.photoId, url, thumbnailUrl: `${url}?size=thumbnail` })]);
    // The card on the board shows it.
    expect((await cardOf(siteId, created.id)).coverPhoto).toEqual(detail.photos[0]);

    const small = await publicGet(detail.photos[0]!.thumbnailUrl);
    expect(small.status).toBe(200);
    expect(small.headers.get('Content-Type')).toBe('image/png');
    expect(small.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(small.headers.get('Cache-Control')).toContain('immutable');
    const bytes = new Uint8Array(await small.arrayBuffer());
    expect(bytes).toEqual(await object(`${siteId}/${shown.photoId}.thumbnail`));
    for (const trace of [METADATA_TEXT, 'eXIf', 'xmpmeta']) expect(latin1(bytes)).not.toContain(trace);
    // The full photo is another answer at the address without ?size.
    expect((await publicGet(url)).headers.get('Content-Type')).toBe('image/jpeg');
  });

  it('refuses a private photo’s small version to the public, and gives it to its author by the code', async () => {
    const { siteId, created, kept } = await messageWithThumbnails();
    await expectProblem(await publicGet(`/v1/sites/${siteId}/photos/${kept.photoId}/${kept.sha256}?size=thumbnail`), 404, 'not_found');
    const tracked = await (await track(siteId, created.trackingCode)).json<TrackedMessage>();
    const own = await request(tracked.photos[1]!.thumbnailUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trackingCode: created.trackingCode }) });
    expect(own.status).toBe(200);
    expect(own.headers.get('Content-Type')).toBe('image/png');
    expect(own.headers.get('Cache-Control')).toBe('private, no-store');
  });

  it('shows the public photo on the hosted message page: its small version, a link to the whole photo', async () => {
    const { siteId, created, shown, kept } = await messageWithThumbnails();
    const url = `/v1/sites/${siteId}/photos/${shown.photoId}/${shown.sha256}`;
    const page = await (await request(`/s/${siteId}/messages/${created.id}`)).text();
    expect(page).toContain(`<a href="${url}"><img src="${url}?size=thumbnail"`);
    expect(page).not.toContain(kept.photoId);
  });

  it('puts the first photo’s small version on the console queue’s card, public or not', async () => {
    const site = await createSite();
    const kept = await uploadedWith(await uploadWithThumbnail(`/v1/sites/${site.siteId}/photos`, JPEG_WITH_GPS, PNG_WITH_GPS));
    const created = await (await submit(site.siteId, validMessage(site.eduUnit, { isPublic: false, photos: [{ id: kept.photoId }] }))).json<MessageCreated>();
    const edu = await createOfficial(site.siteId, 'responder', [site.eduUnit]);
    const queue = await (await consoleRequest('/v1/console/messages', { as: edu })).json<QueuePage>();
    const card = queue.items.find((m) => m.id === created.id)!;
    expect(card.coverPhoto).toEqual(expect.objectContaining({ url: `/v1/console/photos/${kept.photoId}`, thumbnailUrl: `/v1/console/photos/${kept.photoId}?size=thumbnail` }));
    const small = await consoleRequest(card.coverPhoto!.thumbnailUrl, { as: edu });
    expect(small.headers.get('Content-Type')).toBe('image/png');
    await expectProblem(await consoleRequest(card.coverPhoto!.thumbnailUrl, { as: await createOfficial(site.siteId, 'responder', [site.transportUnit]) }), 403, 'forbidden');
  });

  it('refuses a small version that is not a photo or too big, naming the field, and stores nothing', async () => {
    const { siteId } = await createSite();
    const script = new TextEncoder().encode('<svg onload="alert(1)"/>');
    const refused = await expectProblem(await uploadWithThumbnail(`/v1/sites/${siteId}/photos`, JPEG_WITH_GPS, script), 422, 'validation');
    expect(refused.errors).toEqual([expect.objectContaining({ field: 'thumbnail', code: 'photo_type_not_allowed', message: expect.stringContaining('不是照片') })]);
    const huge = new Uint8Array(300 * 1024);
    const tooLarge = await expectProblem(await uploadWithThumbnail(`/v1/sites/${siteId}/photos`, JPEG_WITH_GPS, huge), 413, 'payload_too_large');
    expect(tooLarge.errors).toEqual([expect.objectContaining({ field: 'thumbnail', code: 'photo_too_large', message: '照片太大，每张不能超过200KB' })]);
    expect(await db.all(db.q.selectFrom('photos').select('id').where('site_id', '=', siteId))).toEqual([]);
    expect((await env.PHOTOS.list({ prefix: `${siteId}/` })).objects).toEqual([]);
  });
});

describe('a moderator hides a photo', () => {
  it('takes it off every public view for good, shows it to its author marked with the reason, audited; unhiding brings it back', async () => {
    const { siteId, created, shown, moderator } = await messageWithThumbnails();
    const detail = await detailOf(siteId, created.id);
    const [photo] = detail.photos;

    const answer = await hide(moderator, shown.photoId);
    expect(answer.status).toBe(200);
    const inConsole = await answer.json<ConsoleMessage>();
    expect(inConsole.photos[0]!.hidden).toEqual({ reason: 'personal_data', note: '照片中能看清他人的车牌', at: expect.any(String) });

    // The public: not on the page, not on the card, not at its address (nor its small version's).
    expect((await detailOf(siteId, created.id)).photos).toEqual([]);
    expect((await cardOf(siteId, created.id)).coverPhoto).toBeNull();
    await expectProblem(await publicGet(photo!.url), 404, 'not_found');
    await expectProblem(await publicGet(photo!.thumbnailUrl), 404, 'not_found');
    expect(await (await request(`/s/${siteId}/messages/${created.id}`)).text()).not.toContain(shown.photoId);
    // The message itself stays published.
    expect((await detailOf(siteId, created.id)).id).toBe(created.id);

    // Its author still sees it, marked, and may open it.
    const tracked = await (await track(siteId, created.trackingCode)).json<TrackedMessage>();
    expect(tracked.photos[0]).toMatchObject({ id: shown.photoId, hidden: { reason: 'personal_data', note: '照片中能看清他人的车牌' } });
    const own = await request(tracked.photos[0]!.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trackingCode: created.trackingCode }) });
    expect(own.status).toBe(200);

    // Hiding it again is refused; the audit log has the decision, with who and why.
    await expectProblem(await hide(moderator, shown.photoId), 409, 'conflict');
    const admin = await createOfficial(siteId, 'admin');
    const audit = async () => (await (await consoleRequest('/v1/admin/audit-log', { as: admin })).json<AuditPage>()).items.filter((e) => e.action.startsWith('photo.'));
    expect(await audit()).toEqual([expect.objectContaining({ action: 'photo.hide', messageId: created.id, actor: expect.objectContaining({ id: moderator.id }) })]);
    const logged = await db.first(db.q.selectFrom('audit_log').select('detail').where('message_id', '=', created.id).where('action', '=', 'photo.hide'));
    expect(JSON.parse(logged!.detail!)).toEqual({ photoId: shown.photoId, reason: 'personal_data' });

    // Two moderators unhiding it at once, within one millisecond (the clock held still): one does it, one audit entry.
    const other = await createOfficial(siteId, 'moderator');
    vi.useFakeTimers({ toFake: ['Date'] });
    const both = await Promise.all([unhide(moderator, shown.photoId), unhide(other, shown.photoId)]).finally(() => vi.useRealTimers());
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await detailOf(siteId, created.id)).photos.map((p) => p.id)).toEqual([shown.photoId]);
    expect((await publicGet(photo!.url)).status).toBe(200);
    expect((await audit()).map((e) => e.action).sort()).toEqual(['photo.hide', 'photo.unhide']);
    await expectProblem(await unhide(moderator, shown.photoId), 409, 'conflict');
  });

  it('lets a moderator publish a pending message without a photo: hidden first, the public never gets it', async () => {
    const site = await createSite();
    const photo = await uploadedPhoto(site.siteId);
    const created = await (await submit(site.siteId, validMessage(site.eduUnit, { photos: [{ id: photo.photoId }] }))).json<MessageCreated>();
    const moderator = await createOfficial(site.siteId, 'moderator');
    expect((await hide(moderator, photo.photoId, { reason: 'abusive' })).status).toBe(200);
    expect((await consoleRequest(`/v1/console/messages/${created.id}/publish`, { as: moderator, method: 'POST', body: {} })).status).toBe(200);
    expect((await detailOf(site.siteId, created.id)).photos).toEqual([]);
    await expectProblem(await publicGet(`/v1/sites/${site.siteId}/photos/${photo.photoId}/${photo.sha256}`), 404, 'not_found');
  });

  it('is for moderators and admins of the message’s site, with a reason from the list', async () => {
    const { siteId, eduUnit, shown, moderator } = await messageWithThumbnails();
    await expectProblem(await hide(await createOfficial(siteId, 'responder', [eduUnit]), shown.photoId), 403, 'forbidden');
    const elsewhere = await createSite();
    await expectProblem(await hide(await createOfficial(elsewhere.siteId, 'admin'), shown.photoId), 404, 'not_found');
    const problem = await expectProblem(await hide(moderator, shown.photoId, { reason: 'ugly' }), 422, 'validation');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    // An upload no message named yet is no one's to hide.
    await expectProblem(await hide(moderator, (await uploadedPhoto(siteId)).photoId), 404, 'not_found');
  });
});

describe('photos with a reply', () => {
  /** A message accepted by its unit's responder, ready for a reply. */
  async function accepted({ isPublic = true } = {}) {
    const site = await createSite({ moderation: 'post' });
    const created = await (await submit(site.siteId, validMessage(site.eduUnit, { isPublic }))).json<MessageCreated>();
    const responder = await createOfficial(site.siteId, 'responder', [site.eduUnit]);
    expect((await consoleRequest(`/v1/console/messages/${created.id}/accept`, { as: responder, method: 'POST', body: {} })).status).toBe(200);
    const upload = (photo = JPEG_WITH_GPS, as = responder) => uploadWithThumbnail(`/v1/console/messages/${created.id}/photos`, photo, PNG_WITH_GPS, { cookie: as.cookie });
    const reply = (photos: string[], as = responder) =>
      consoleRequest(`/v1/console/messages/${created.id}/reply`, { as, method: 'POST', body: { kind: 'final', body: '路面已修复，请查看照片。', photos } });
    return { ...site, created, responder, upload, reply };
  }

  it('are uploaded from the console, checked like a citizen’s, and shown with the reply to the public, the author and officials', async () => {
    const { siteId, created, upload, reply } = await accepted();
    const repaired = await uploadedWith(await upload());
    expect(latin1((await object(`${siteId}/${repaired.photoId}`))!)).not.toContain(METADATA_TEXT);
    const answer = await reply([repaired.photoId]);
    expect(answer.status).toBe(200);
    const inConsole = await answer.json<ConsoleMessage>();
    expect(inConsole.replies[0]!.photos).toEqual([expect.objectContaining({ id: repaired.photoId, url: `/v1/console/photos/${repaired.photoId}`, hidden: null })]);
    // Not the citizen's photos.
    expect(inConsole.photos).toEqual([]);

    const detail = await detailOf(siteId, created.id);
    expect(detail.photos).toEqual([]);
    const [shown] = detail.replies[0]!.photos;
    expect(shown).toEqual(expect.objectContaining({ id: repaired.photoId, url: `/v1/sites/${siteId}/photos/${repaired.photoId}/${repaired.sha256}` }));
    expect((await publicGet(shown!.url)).status).toBe(200);
    expect((await publicGet(shown!.thumbnailUrl)).headers.get('Content-Type')).toBe('image/png');

    const tracked = await (await track(siteId, created.trackingCode)).json<TrackedMessage>();
    expect(tracked.replies[0]!.photos.map((p) => p.id)).toEqual([repaired.photoId]);
  });

  it('are each sent with one reply: a reply racing another for the same photo is refused by the field photos, not stored without it', async () => {
    const { created, responder, upload, reply } = await accepted();
    // 办理中 after an interim reply, so a second interim reply is not refused as a conflict.
    const interim = (photos: string[]) => ({ kind: 'interim', body: '正在施工，照片为现场。', photos });
    expect((await consoleRequest(`/v1/console/messages/${created.id}/reply`, { as: responder, method: 'POST', body: interim([]) })).status).toBe(200);
    const photo = await uploadedWith(await upload());
    const { response, body } = await fetchInterleaved(new Request(`${CONSOLE_ORIGIN}/v1/console/messages/${created.id}/reply`, {
      method: 'POST', body: JSON.stringify(interim([photo.photoId])),
      headers: { Cookie: responder.cookie, Origin: CONSOLE_ORIGIN, 'Content-Type': 'application/json' },
    }), async () => {
      expect((await consoleRequest(`/v1/console/messages/${created.id}/reply`, { as: responder, method: 'POST', body: interim([photo.photoId]) })).status).toBe(200);
    });
    expect(response.status, body).toBe(422);
    expect(JSON.parse(body).errors).toEqual([expect.objectContaining({ field: 'photos', code: 'unknown_photo' })]);
    const replies = await db.all(db.q.selectFrom('replies').select('id').where('message_id', '=', created.id));
    expect(replies).toHaveLength(2);
    const inConsole = await (await consoleRequest(`/v1/console/messages/${created.id}`, { as: responder })).json<ConsoleMessage>();
    expect(inConsole.replies.map((r) => r.photos.map((p) => p.id))).toEqual(expect.arrayContaining([[], [photo.photoId]]));
    expect(inConsole.replyCount).toBe(2);
  });

  it('of a private message are never public', async () => {
    const { siteId, created, upload, reply } = await accepted({ isPublic: false });
    const repaired = await uploadedWith(await upload());
    expect((await reply([repaired.photoId])).status).toBe(200);
    await expectProblem(await publicGet(`/v1/sites/${siteId}/photos/${repaired.photoId}/${repaired.sha256}`), 404, 'not_found');
    const tracked = await (await track(siteId, created.trackingCode)).json<TrackedMessage>();
    expect(tracked.replies[0]!.photos.map((p) => p.id)).toEqual([repaired.photoId]);
  });

  it('are only the replying official’s own uploads, sent once, and only officials of the message’s units upload', async () => {
    const { siteId, eduUnit, transportUnit, upload, reply, created } = await accepted();
    const citizens = await uploadedPhoto(siteId);
    const colleague = await createOfficial(siteId, 'responder', [eduUnit]);
    const theirs = await uploadedWith(await upload(JPEG_WITH_GPS, colleague));
    for (const ids of [[citizens.photoId], [theirs.photoId], ['ph_doesnotexist2345']]) {
      const problem = await expectProblem(await reply(ids), 422, 'validation');
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'photos', code: 'unknown_photo' })]);
    }
    // A citizen's submission cannot take an official's upload either.
    const taken = await expectProblem(await submit(siteId, validMessage(eduUnit, { photos: [{ id: theirs.photoId }] })), 422, 'validation');
    expect(taken.errors).toEqual([expect.objectContaining({ field: 'photos', code: 'unknown_photo' })]);
    const outsider = await createOfficial(siteId, 'responder', [transportUnit]);
    await expectProblem(await upload(JPEG_WITH_GPS, outsider), 403, 'forbidden');
    const moderator = await createOfficial(siteId, 'moderator');
    await expectProblem(await uploadWithThumbnail(`/v1/console/messages/${created.id}/photos`, JPEG_WITH_GPS, null, { cookie: moderator.cookie }), 403, 'forbidden');
    // A retried console upload answers with the first photo.
    const key = crypto.randomUUID();
    const first = await uploadedWith(await uploadWithThumbnail(`/v1/console/messages/${created.id}/photos`, JPEG_WITH_GPS, null, { key, cookie: colleague.cookie }));
    expect(await uploadedWith(await uploadWithThumbnail(`/v1/console/messages/${created.id}/photos`, JPEG_WITH_GPS, null, { key, cookie: colleague.cookie }))).toEqual(first);
  });
});

describe('photos leaving R2', () => {
  it('go again when an erasure is applied again after a restore brought the rows back', async () => {
    const { siteId, created, shown, kept } = await messageWithThumbnails();
    const post = (path: string) => request(`/v1/sites/${siteId}/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trackingCode: created.trackingCode }) });
    const rows = await db.all(db.q.selectFrom('photos').selectAll().where('site_id', '=', siteId));
    expect((await post('my-data/erase')).status).toBe(200);
    expect((await env.PHOTOS.list({ prefix: `${siteId}/` })).objects).toEqual([]);

    // A backup from before the erasure is restored: the rows (and, say, the objects) are back.
    await db.run(db.q.insertInto('photos').values(rows));
    await env.PHOTOS.put(`${siteId}/${shown.photoId}`, JPEG_WITH_GPS);
    await env.PHOTOS.put(`${siteId}/${kept.photoId}.thumbnail`, PNG_WITH_GPS);
    await env.DB.prepare(REAPPLY_ERASURES_SQL).run();
    expect(await purgeErasedPhotos(db, env.PHOTOS)).toBe(2);
    expect(await db.all(db.q.selectFrom('photos').select('id').where('site_id', '=', siteId))).toEqual([]);
    expect((await env.PHOTOS.list({ prefix: `${siteId}/` })).objects).toEqual([]);
    expect(await purgeErasedPhotos(db, env.PHOTOS)).toBe(0);
  });

  it('leave nothing behind when an upload is abandoned: the photo and its small version', async () => {
    const { siteId } = await createSite();
    const abandoned = await uploadedWith(await uploadWithThumbnail(`/v1/sites/${siteId}/photos`, JPEG_WITH_GPS, PNG_WITH_GPS));
    expect(await object(`${siteId}/${abandoned.photoId}.thumbnail`)).not.toBeNull();
    await purgeAbandonedPhotos(db, env.PHOTOS, new Date(Date.now() + 25 * 3600_000));
    expect((await env.PHOTOS.list({ prefix: `${siteId}/` })).objects).toEqual([]);
    expect(await db.all(db.q.selectFrom('photos').select('id').where('site_id', '=', siteId))).toEqual([]);
  });
});
