// The photos of a submission waiting in the outbox (internal/outbox.ts): a photo the network would
// not take (the phone offline, the connection dropped mid-upload) waits on the device with the
// message, and is uploaded when the message is sent, by this tab or a page of the site opened later.
// The outbox itself is in localStorage, which holds strings only and a few megabytes in all; photos
// are kept in IndexedDB, which stores a File or Blob as it is. A photo goes when its message is sent,
// or given back to the form (which holds it again).
// Part of the form's own file, not fetched on demand: a phone that lost the network before the
// citizen came into the form must still keep the photos. Sending them (outbox-photos-send.ts) needs
// the network anyway, so it is fetched then.

/** One photo kept on the device, under its upload's Idempotency-Key (`key`). */
export interface KeptPhoto {
  key: string;
  /** The name of the file chosen: the photo's text alternative in the form. */
  name: string;
  /** The photo made smaller (`downsized`), or the file chosen when the photo code could not come. */
  blob: Blob;
  downsized: boolean;
}

const DATABASE = 'liuyan-outbox';
const STORE = 'photos';

let opened: Promise<IDBDatabase> | null = null;

/** The database, opened once per page (created the first time); rejects where IndexedDB is off. */
function database(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  }).catch((error: unknown) => {
    opened = null;
    throw error;
  });
  return opened;
}

/** Runs `work` in one transaction on the photos and resolves when it is committed (rejects if it is not). */
async function inStore<R>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<R> | void): Promise<R | undefined> {
  const db = await database();
  return new Promise<R | undefined>((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = work(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request ? request.result : undefined);
    transaction.onerror = transaction.onabort = () => reject(transaction.error);
  });
}

/** Keeps `photos` on the device, all or none; false where the browser keeps nothing (IndexedDB off, storage full). */
export async function keepPhotos(photos: readonly KeptPhoto[]): Promise<boolean> {
  try {
    await inStore('readwrite', (store) => {
      for (const photo of photos) store.put(photo);
    });
    return true;
  } catch {
    return false;
  }
}

/** The photo kept under `key`, or null (never kept, already gone, or storage unreadable). */
export async function keptPhoto(key: string): Promise<KeptPhoto | null> {
  try {
    return ((await inStore<KeptPhoto | undefined>('readonly', (store) => store.get(key))) as KeptPhoto | undefined) ?? null;
  } catch {
    return null;
  }
}

/** Deletes the photos kept under `keys` (sent, or given back to the form). */
export async function dropPhotos(keys: readonly string[]): Promise<void> {
  try {
    await inStore('readwrite', (store) => {
      for (const key of keys) store.delete(key);
    });
  } catch {
    // Nothing readable was kept.
  }
}
