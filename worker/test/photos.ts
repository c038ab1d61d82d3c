import type { PhotoUploaded } from '../../sdk/src/schemas/photo';
import { exports } from 'cloudflare:workers';
import { ALLOWED_ORIGIN, request } from './fixtures';
import { CONSOLE_ORIGIN } from './officials';
import { JPEG_WITH_GPS } from './photo-fixtures';

/** Uploads photo bytes as the widget does: raw, with a Content-Type (which the service does not trust) and an Idempotency-Key. */
export function uploadPhoto(siteId: string, bytes: Uint8Array<ArrayBuffer> = JPEG_WITH_GPS, { key = crypto.randomUUID(), type = 'image/jpeg', headers = {} }: { key?: string; type?: string; headers?: Record<string, string> } = {}) {
  return request(`/v1/sites/${siteId}/photos`, { method: 'POST', headers: { 'Content-Type': type, 'Idempotency-Key': key, ...headers }, body: bytes });
}

/** The id of a freshly uploaded photo (a JPEG unless said otherwise), not yet sent with a message. */
export async function uploadedPhoto(siteId: string, bytes: Uint8Array<ArrayBuffer> = JPEG_WITH_GPS, type = 'image/jpeg'): Promise<PhotoUploaded> {
  const response = await uploadPhoto(siteId, bytes, { type });
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${await response.text()}`);
  return response.json<PhotoUploaded>();
}

/**
 * Uploads a photo with its small version as the widget and the console do (multipart/form-data:
 * parts `photo` and `thumbnail`) to `path`: the public upload, or a console one with `cookie`.
 */
export function uploadWithThumbnail(path: string, photo: Uint8Array<ArrayBuffer>, thumbnail: Uint8Array<ArrayBuffer> | null, { key = crypto.randomUUID(), cookie }: { key?: string; cookie?: string } = {}) {
  const form = new FormData();
  form.set('photo', new Blob([photo]), 'photo.jpg');
  if (thumbnail) form.set('thumbnail', new Blob([thumbnail]), 'thumbnail.png');
  const headers = new Headers({ 'Idempotency-Key': key, Origin: cookie ? CONSOLE_ORIGIN : ALLOWED_ORIGIN });
  if (cookie) headers.set('Cookie', cookie);
  return exports.default.fetch(new Request(`${CONSOLE_ORIGIN}${path}`, { method: 'POST', headers, body: form }));
}
