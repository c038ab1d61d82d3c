// Photos in <liuyan-form>: each chosen photo is made small in the browser and uploaded at once,
// with its card-sized version, while the citizen goes on writing; the submission then names the
// uploads. The making and sending are shared with the console's reply photos (ui/photo-upload.ts).
import type { PhotoUploaded } from '../../../sdk/src/schemas/photo';
import { downsizePhoto, retryableUpload, thumbnailOf, uploadPhotoTo, UploadError, PHOTO_LONG_EDGE, PHOTO_QUALITY } from '../../../ui/photo-upload';

export { downsizePhoto, retryableUpload, thumbnailOf, UploadError, PHOTO_LONG_EDGE, PHOTO_QUALITY };

/**
 * Uploads `photo` and its small version to the site (POST {api}/v1/sites/{site}/photos) with `key`
 * as its Idempotency-Key, retrying a flaky network (see uploadPhotoTo).
 */
export function uploadPhoto(api: string, site: string, photo: Blob, key: string, locale: string, onProgress: (sent: number) => void): Promise<PhotoUploaded> {
  return uploadPhotoTo(`${api}/v1/sites/${encodeURIComponent(site)}/photos`, photo, key, locale, onProgress);
}
