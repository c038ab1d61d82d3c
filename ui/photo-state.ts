// Where a photo added to a message (<liuyan-form>) or a reply (the console) is, shared by both:
// apart from ui/photo-upload.ts, which the form fetches only when a photo is first added.
import { css } from 'lit';
import type { FieldError } from '../sdk/src/schemas/error';

/**
 * `preparing` (being made smaller), `uploading`, `uploaded`, `failed` (the network: trying again may
 * help), or one that cannot be sent as it is: `unreadable` (this browser cannot read it as an image)
 * or `refused` (the service said why: not a photo, too large …).
 */
export type PhotoState = 'preparing' | 'uploading' | 'uploaded' | 'failed' | 'unreadable' | 'refused';

/** A photo that can only be removed: no 重试 is offered for it, and it takes none of the places. */
export const unsendable = (photo: { state: PhotoState }): boolean => photo.state === 'unreadable' || photo.state === 'refused';

/**
 * The field error a failed upload carries when the service refused the photo itself (`UploadError`
 * of ui/photo-upload.ts: not a photo, too large …), or null when the network failed (a retry may help).
 * Read here, not by importing that module, which the form fetches only when a photo is first added.
 */
export function photoRefusal(error: unknown): FieldError | null {
  const problem = error instanceof Error && 'problem' in error ? (error as { problem: { errors?: FieldError[] } | null }).problem : null;
  return problem?.errors?.[0] ?? null;
}

/** How many more photos may be added: `max` less those listed that can still be sent. */
export const photoRoom = (photos: readonly { state: PhotoState }[], max: number): number =>
  Math.max(0, max - photos.filter((p) => !unsendable(p)).length);

/**
 * The files chosen that fit beside the photos listed (`taken`, in the order chosen), and how many
 * did not (`leftOut`), which the page says: a fifth photo is never dropped without a word.
 */
export function photosToAdd(files: FileList | readonly File[] | null, photos: readonly { state: PhotoState }[], max: number): { taken: File[]; leftOut: number } {
  const chosen = [...(files ?? [])];
  const taken = chosen.slice(0, photoRoom(photos, max));
  return { taken, leftOut: chosen.length - taken.length };
}

/**
 * 添加照片 as a button-like label around its file input, which is hidden: the browser's own control
 * would say "Choose Files" in the browser's language, not the page's.
 */
export const addPhotosStyles = css`
  .add-photos input { position: absolute; opacity: 0; width: 1px; height: 1px; }
  .add-photos { display: inline-flex; align-items: center; min-height: 44px; cursor: pointer; color: var(--liuyan-color-primary); font-weight: 600; }
  .add-photos:focus-within { outline: 2px solid var(--liuyan-color-primary); outline-offset: 2px; }
`;
