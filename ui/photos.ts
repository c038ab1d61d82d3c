import { css, html, nothing, type TemplateResult } from 'lit';
import type { PhotoHiding, PublicPhoto } from '../sdk/src/schemas/photo';
import { format } from './localize';

/** A photo as a view shows it: the public's, or the author's and officials' with whether it is public or hidden. */
export type ShownPhoto = PublicPhoto & { isPublic?: boolean; hidden?: PhotoHiding | null };

/** What marks a photo beside it: 不公开, 已隐藏 (with why), and what an official may do to it. */
export interface PhotoMarks {
  /** Marks the photos not shown to the public (officials and the author see them all). */
  privateLabel?: string;
  /** Says that, and why, a moderator hid it. */
  hiddenLabel?: (hidden: PhotoHiding) => string;
  /** Controls under the photo (the console's 隐藏 / 恢复显示). */
  actions?: (photo: ShownPhoto, n: number) => TemplateResult | typeof nothing;
  /** Opens the whole photo itself, where a link cannot (the author's photos come by POST with the code). */
  open?: (photo: ShownPhoto, event: Event) => void;
}

/**
 * The photos sent with a message or a reply, small, each a link to the whole photo, in the sender's
 * order: their small versions (`thumbnailUrl`) are shown, the whole photo opens on tap. `base` is where
 * the service is (its photo URLs are paths; '' for addresses already whole, e.g. object URLs); `alt`
 * names the n-th photo. Shown 96 px high with their own proportions.
 */
export function renderPhotos(photos: ShownPhoto[], base: string, alt: string, marks: PhotoMarks = {}) {
  if (photos.length === 0) return nothing;
  return html`<ul class="photos" part="photos">${photos.map((p, i) => html`<li class=${p.hidden ? 'hidden-photo' : ''}>
    <a href=${base + p.url} target="_blank" rel="noopener noreferrer" @click=${marks.open ? (e: Event) => marks.open!(p, e) : nothing}><img src=${base + p.thumbnailUrl} width=${p.width} height=${p.height}
      loading="lazy" decoding="async" alt=${format(alt, { n: i + 1 })} /></a>
    ${p.isPublic === false && marks.privateLabel ? html`<span class="muted" part="photo-private">${marks.privateLabel}</span>` : nothing}
    ${p.hidden && marks.hiddenLabel ? html`<span class="photo-hidden" part="photo-hidden">${marks.hiddenLabel(p.hidden)}</span>` : nothing}
    ${marks.actions ? marks.actions(p, i + 1) : nothing}</li>`)}</ul>`;
}

/** A card's photo: the first one's small version beside the text, the whole photo on tap. */
export function renderCover(photo: PublicPhoto | null, base: string, alt: string) {
  if (!photo) return nothing;
  return html`<a class="cover" part="cover" href=${base + photo.url} target="_blank" rel="noopener noreferrer"><img src=${base + photo.thumbnailUrl}
    width=${photo.width} height=${photo.height} loading="lazy" decoding="async" alt=${format(alt, { n: 1 })} /></a>`;
}

export const photoStyles = css`
  .photos { list-style: none; margin: calc(.5*var(--liuyan-space)) 0; padding: 0; display: flex; flex-wrap: wrap; gap: calc(.5*var(--liuyan-space)); }
  .photos li { display: grid; gap: calc(.2*var(--liuyan-space)); justify-items: start; align-content: start; align-self: start; font-size: 0.85em; max-width: 12em; }
  .photos img { display: block; height: 96px; width: auto; max-width: 100%; object-fit: cover; border-radius: var(--liuyan-radius, 4px); }
  .photos .hidden-photo img { opacity: 0.45; }
  .photo-hidden { color: var(--liuyan-color-error); }
  .cover { float: right; margin: 0 0 calc(.4*var(--liuyan-space)) calc(.8*var(--liuyan-space)); }
  .cover img { display: block; width: 88px; height: 66px; object-fit: cover; border-radius: var(--liuyan-radius, 4px); }
`;
