// Sending a photo from a browser, for <liuyan-form> (a citizen's photos) and the console (a reply's):
// made small first (a 12-megapixel camera photo of 3–6 MB becomes a JPEG of a few hundred KB: a cheap
// phone on a slow link can send it), with a card-sized version beside it, both re-encoded through a
// canvas, which also leaves EXIF (and its GPS position) behind; the service strips metadata again in
// case another client did not. Workers have no image library, so the small version is made here and
// checked by the service like the photo.
import type { PhotoUploaded } from '../sdk/src/schemas/photo';
import type { Problem } from '../sdk/src/schemas/error';

/** The long edge of a photo as sent, in pixels, and the JPEG quality (0–1) it is encoded with. */
export const PHOTO_LONG_EDGE = 2048;
export const PHOTO_QUALITY = 0.8;
/** The long edge of its small version for cards and the console (twice a 160 px card on a 2× screen), and its quality. */
export const THUMBNAIL_LONG_EDGE = 320;
export const THUMBNAIL_QUALITY = 0.7;

/**
 * The image in `file` as a JPEG whose long edge is at most `longEdge` pixels, upright (the EXIF
 * orientation applied: the re-encoded file has none). Throws when the browser cannot decode the file
 * (HEIC in most browsers but Safari, or not an image at all).
 */
export async function downsizeImage(file: Blob, longEdge: number, quality: number): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, longEdge / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext('2d')!;
  // A transparent PNG would turn black as a JPEG: paper white underneath.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('encode'))), 'image/jpeg', quality));
}

/** The photo as sent: long edge PHOTO_LONG_EDGE, JPEG. */
export const downsizePhoto = (file: Blob) => downsizeImage(file, PHOTO_LONG_EDGE, PHOTO_QUALITY);
/** Its small version: long edge THUMBNAIL_LONG_EDGE, JPEG, a few KB. */
export const thumbnailOf = (photo: Blob) => downsizeImage(photo, THUMBNAIL_LONG_EDGE, THUMBNAIL_QUALITY);

/** A failed upload: `problem` when the service answered with one (not retried), else the network failed. */
export class UploadError extends Error {
  constructor(readonly problem: Problem | null, readonly status: number) {
    super(problem?.title ?? `upload failed (${status})`);
  }
}

/** Whether a failed upload may succeed when tried again: a dropped connection, a timeout, a 5xx or a 429 (not a problem with the photo itself). */
export const retryableUpload = (error: unknown): boolean =>
  error instanceof UploadError && (error.status === 0 || error.status === 429 || error.status >= 500);

/** Waits between attempts (ms): a flaky network usually comes back within seconds. */
const BACKOFF_MS = [1000, 2000, 4000];

/**
 * Uploads `photo` with its small version (made here; left out if the browser cannot make it) to `url`
 * as multipart/form-data (`photo`, `thumbnail`), with `key` as its Idempotency-Key, telling
 * `onProgress` the fraction sent (0–1). A dropped connection, a timeout, a 5xx or a 429 is retried
 * with the same key (the service then answers with the photo it stored, never stores it twice), up to
 * 4 attempts, none more once the browser knows it is offline; a problem about the photo itself (4xx)
 * is thrown at once.
 */
export async function uploadPhotoTo(url: string, photo: Blob, key: string, locale: string, onProgress: (sent: number) => void): Promise<PhotoUploaded> {
  const thumbnail = await thumbnailOf(photo).catch(() => null);
  const form = () => {
    const body = new FormData();
    body.set('photo', photo, 'photo.jpg');
    if (thumbnail) body.set('thumbnail', thumbnail, 'thumbnail.jpg');
    return body;
  };
  for (let attempt = 0; ; attempt++) {
    try {
      return await sendOnce(url, form(), key, locale, onProgress);
    } catch (error) {
      // Offline, waiting would only keep the person watching 0% before the failure: it is said at once.
      if (!retryableUpload(error) || attempt >= BACKOFF_MS.length || navigator.onLine === false) throw error;
      onProgress(0);
      await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS[attempt]));
    }
  }
}

/** One attempt, by XMLHttpRequest: fetch cannot tell how much of a request body was sent. */
function sendOnce(url: string, body: FormData, key: string, locale: string, onProgress: (sent: number) => void): Promise<PhotoUploaded> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Idempotency-Key', key);
    xhr.setRequestHeader('Accept-Language', locale);
    xhr.timeout = 60_000;
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => {
      let answer: unknown = null;
      try {
        answer = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: a proxy's error page
      }
      if (xhr.status === 201) {
        onProgress(1);
        resolve(answer as PhotoUploaded);
      } else {
        reject(new UploadError(answer && typeof answer === 'object' && 'code' in answer ? (answer as Problem) : null, xhr.status));
      }
    };
    xhr.onerror = xhr.ontimeout = xhr.onabort = () => reject(new UploadError(null, 0));
    xhr.send(body);
  });
}
