import { css, html, nothing } from 'lit';
import type { PublicPhoto } from '../sdk/src/schemas/photo';
import { format } from './localize';

/**
 * The photos sent with a message, small, each a link to the whole photo, in the citizen's order:
 * on the board (public ones) and in the console (all). `base` is where the service is (its photo
 * URLs are paths); `alt` names the n-th photo; `privateLabel` marks the photos not shown to the public
 * (officials see them all). Shown at 96 px with their own proportions.
 */
export function renderPhotos(photos: (PublicPhoto & { isPublic?: boolean })[], base: string, alt: string, privateLabel = '') {
  if (photos.length === 0) return nothing;
  return html`<ul class="photos" part="photos">${photos.map((p, i) => html`<li>
    <a href=${base + p.url} target="_blank" rel="noopener noreferrer"><img src=${base + p.url} width=${p.width} height=${p.height}
      loading="lazy" decoding="async" alt=${format(alt, { n: i + 1 })} /></a>
    ${p.isPublic === false && privateLabel ? html`<span class="muted" part="photo-private">${privateLabel}</span>` : nothing}</li>`)}</ul>`;
}

export const photoStyles = css`
  .photos { list-style: none; margin: 0.5em 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5em; }
  .photos li { display: grid; gap: 0.2em; justify-items: start; font-size: 0.85em; }
  .photos img { display: block; height: 96px; width: auto; max-width: 100%; object-fit: cover; border-radius: var(--liuyan-radius, 4px); }
`;
