// The author's own photos in <liuyan-track>: private and hidden ones too, so they cannot be plain
// links — each is fetched with the tracking code in a POST body (a code is never in a URL) and shown
// from an object URL. Small versions are fetched for the page; the whole photo only when tapped.
import type { Photo } from '../../../sdk/src/schemas/photo';

export class OwnPhotos {
  /** Object URLs by the address they were fetched from (the small and whole versions differ by `?size`). */
  private readonly urls = new Map<string, string>();
  private readonly loading = new Set<string>();

  /** `changed` is called when a small version has arrived (the element renders again). */
  constructor(private readonly changed: () => void) {}

  private async fetch(api: string, address: string, trackingCode: string): Promise<string | null> {
    const response = await fetch(api + address, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trackingCode }), cache: 'no-store',
    });
    if (!response.ok) return null;
    const url = URL.createObjectURL(await response.blob());
    this.urls.set(address, url);
    return url;
  }

  /** The photo with its small version's object URL ('' until it has arrived: fetched now). */
  shown(api: string, photo: Photo, trackingCode: string): Photo {
    const thumbnail = this.urls.get(photo.thumbnailUrl);
    if (!thumbnail && !this.loading.has(photo.thumbnailUrl)) {
      this.loading.add(photo.thumbnailUrl);
      void this.fetch(api, photo.thumbnailUrl, trackingCode).then(() => this.changed(), () => undefined);
    }
    return { ...photo, thumbnailUrl: thumbnail ?? '', url: this.urls.get(photo.url) ?? '#' };
  }

  /**
   * Opens the whole photo in a new tab: the tab is opened at once (a browser allows that only while
   * handling the tap), then shown the photo once it has come.
   */
  async open(api: string, photo: Photo, trackingCode: string, event: Event): Promise<void> {
    event.preventDefault();
    const tab = window.open('', '_blank');
    const url = this.urls.get(photo.url) ?? (await this.fetch(api, photo.url, trackingCode).catch(() => null));
    if (url && tab) tab.location.href = url;
    else tab?.close();
  }

  /** Lets go of every object URL (another message opened, or the element removed). */
  clear(): void {
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.urls.clear();
    this.loading.clear();
  }
}
