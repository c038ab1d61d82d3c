import type { PhotoUploaded } from '../../sdk/src/schemas/photo';
import { request } from './fixtures';
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
