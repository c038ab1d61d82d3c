// Sending the photos of a submission waiting in the outbox, and giving them back to the form: a
// chunk fetched when the outbox sends a submission with photos (the network is back) and at the
// first focus in the form. The photos are kept on the device by outbox-photos.ts, in the form's own
// file; its functions are handed in (`PhotoStore`), as importing that module here would cut it out
// of the form's file into a chunk of its own.
import type { KeptPhoto, keptPhoto, dropPhotos } from './outbox-photos';
import type { QueuedPhoto } from './outbox';

/** The form's photo storage (outbox-photos.ts), handed in. */
export interface PhotoStore {
  keptPhoto: typeof keptPhoto;
  dropPhotos: typeof dropPhotos;
}

/**
 * Uploads the photos of a queued submission that wait on the device (`id` null): each made smaller
 * if it was not, then sent with its own key, as the form sends one; `saved` is told the list after
 * each, ids written in, for the outbox to keep. A photo no longer on the device (its storage cleared)
 * is left out. Returns the photos, every one with its id; `refused` when the service refused a photo
 * (4xx) or it could not be read: the submission goes back to the form. A network failure rejects (tried again later).
 */
export async function uploadWaiting(
  photos: readonly QueuedPhoto[],
  { api, site, locale, saved, keptPhoto }: { api: string; site: string; locale: string; saved: (photos: QueuedPhoto[]) => void } & Pick<PhotoStore, 'keptPhoto'>,
): Promise<QueuedPhoto[] | 'refused'> {
  const { downsizePhoto, uploadPhoto, retryableUpload, UploadError } = await import('../liuyan-form/photos');
  let now = [...photos];
  for (const p of photos.filter((p) => p.id === null)) {
    const kept = await keptPhoto(p.key);
    let id: string | null = null;
    if (kept) {
      let blob = kept.blob;
      if (!kept.downsized) {
        try {
          blob = await downsizePhoto(kept.blob);
        } catch {
          return 'refused';
        }
      }
      try {
        id = (await uploadPhoto(api, site, blob, p.key, locale, () => {})).photoId;
      } catch (error) {
        // The service's answer about the photo itself; anything else (the network) is tried again later.
        if (error instanceof UploadError && error.problem && !retryableUpload(error)) return 'refused';
        throw error;
      }
    }
    now = id ? now.map((q) => (q.key === p.key ? { ...q, id } : q)) : now.filter((q) => q.key !== p.key);
    saved(now);
  }
  return now;
}

/** A queued submission's photos taken back from the device into the form (it was given back): those still kept, each with its queued choice and id. */
export async function takeBack(photos: readonly QueuedPhoto[], { keptPhoto, dropPhotos }: PhotoStore): Promise<(KeptPhoto & QueuedPhoto)[]> {
  const back: (KeptPhoto & QueuedPhoto)[] = [];
  for (const p of photos) {
    const kept = await keptPhoto(p.key);
    if (kept) back.push({ ...kept, ...p });
  }
  await dropPhotos(photos.map((p) => p.key));
  return back;
}
