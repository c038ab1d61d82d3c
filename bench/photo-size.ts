// What a citizen's phone uploads for one camera photo: the widget's own downsizing code
// (widget/src/liuyan-form/photos.ts, bundled here as the form bundles it) run in Chromium on a
// 12-megapixel JPEG, and the small version for cards it sends with it. The photo is drawn (a gradient with sensor-like grain, encoded at 0.92 as
// cameras do): grain compresses worse than most real scenes, so the figure errs on the large side.
import { build } from 'esbuild';
import path from 'node:path';
import { chromium } from 'playwright-core';

export interface PhotoSizes {
  width: number;
  height: number;
  /** The camera's JPEG, as chosen in the form. */
  originalBytes: number;
  /** What the form uploads (long edge 2048 px, JPEG 0.8). */
  uploadedBytes: number;
  uploadedWidth: number;
  uploadedHeight: number;
  /** Milliseconds Chromium took to decode, scale and encode it on this machine. */
  downsizeMs: number;
  /** The small version sent with it for cards and the console (long edge 320 px, JPEG 0.7). */
  thumbnailBytes: number;
  thumbnailWidth: number;
  thumbnailHeight: number;
}

export async function measurePhotoUpload(): Promise<PhotoSizes> {
  const bundle = await build({
    entryPoints: [path.join(import.meta.dirname, '../widget/src/liuyan-form/photos.ts')],
    bundle: true, write: false, format: 'iife', globalName: 'photos', minify: true,
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    return await page.evaluate(async () => {
      const width = 4000;
      const height = 3000;
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const g = canvas.getContext('2d')!;
      const gradient = g.createLinearGradient(0, 0, width, height);
      gradient.addColorStop(0, '#6b7b8c');
      gradient.addColorStop(1, '#3a3a36');
      g.fillStyle = gradient;
      g.fillRect(0, 0, width, height);
      const grain = g.getImageData(0, 0, width, height);
      for (let i = 0; i < grain.data.length; i += 4) {
        const n = (Math.random() - 0.5) * 40;
        for (const c of [i, i + 1, i + 2]) grain.data[c] = grain.data[c]! + n;
      }
      g.putImageData(grain, 0, 0);
      const original = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.92));
      const { downsizePhoto, thumbnailOf } = (window as unknown as { photos: typeof import('../widget/src/liuyan-form/photos') }).photos;
      const started = performance.now();
      const uploaded = await downsizePhoto(original);
      const downsizeMs = Math.round(performance.now() - started);
      const bitmap = await createImageBitmap(uploaded);
      const thumbnail = await thumbnailOf(uploaded);
      const small = await createImageBitmap(thumbnail);
      return {
        width, height, originalBytes: original.size, uploadedBytes: uploaded.size, uploadedWidth: bitmap.width, uploadedHeight: bitmap.height, downsizeMs,
        thumbnailBytes: thumbnail.size, thumbnailWidth: small.width, thumbnailHeight: small.height,
      };
    });
  } finally {
    await browser.close();
  }
}
