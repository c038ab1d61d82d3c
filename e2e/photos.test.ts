// A citizen adds a phone camera's photo to a message on a slow, flaky connection: the form makes it
// small on the phone, shows the upload's progress, retries an upload the network dropped, and sends
// the message once, naming the photo.
import { inject, describe, expect, it } from 'vitest';
import { queryD1 } from '../scripts/local-stack';
import { countMessagesTitled, fillForm, useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

const browser = useBrowserPage();

describe('<liuyan-form>: photos', () => {
  it('makes a 12-megapixel photo small, uploads it with progress and a retry, and sends the message once with it', async () => {
    const { page } = browser;
    await page.goto(`${HOST}/`);
    const form = page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    // A camera's photo: 4000×3000, a JPEG of a few MB (drawn here: a road with grain).
    const original = Buffer.from(await page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 4000;
      canvas.height = 3000;
      const g = canvas.getContext('2d')!;
      const gradient = g.createLinearGradient(0, 0, 4000, 3000);
      gradient.addColorStop(0, '#6b7b8c');
      gradient.addColorStop(1, '#3a3a36');
      g.fillStyle = gradient;
      g.fillRect(0, 0, 4000, 3000);
      const grain = g.getImageData(0, 0, 4000, 3000);
      for (let i = 0; i < grain.data.length; i += 4) {
        const n = (Math.random() - 0.5) * 40;
        for (const c of [i, i + 1, i + 2]) grain.data[c] = grain.data[c]! + n;
      }
      g.putImageData(grain, 0, 0);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.92));
      return [...new Uint8Array(await blob.arrayBuffer())];
    }));

    // The first upload is dropped by the network; the form tries again with the same key.
    let uploads = 0;
    await page.route(`${WORKER}/v1/sites/demo/photos`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      uploads++;
      return uploads === 1 ? route.abort('connectionreset') : route.continue();
    });
    // A slow uplink (about 2G/3G), so the progress shows.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 300, downloadThroughput: 200_000, uploadThroughput: 150_000 });

    const title = `路面塌陷附照片${Date.now() % 100000}`;
    await fillForm(page, { title, body: '幸福路与建设路交叉口的路面塌陷了一个大坑，雨天积水，附照片。' });
    await form.locator('#photos').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: original });
    await expect.poll(() => form.locator('[part="photo"] progress').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => form.locator('[part="photo"]').textContent(), { timeout: 60_000 }).toContain('已上传');
    expect(uploads).toBe(2);
    await form.getByRole('button', { name: '提交留言' }).click();
    await form.locator('[part="tracking-code"]').waitFor({ timeout: 30_000 });
    expect(countMessagesTitled(title)).toBe(1);

    const [photo] = queryD1<{ width: number; height: number; bytes: number; is_public: number }>(inject('persistTo'),
      `SELECT p.width, p.height, p.bytes, p.is_public FROM photos p JOIN messages m ON m.id = p.message_id WHERE m.title = '${title}'`);
    expect(photo).toMatchObject({ width: 2048, height: 1536, is_public: 1 });
    expect(photo!.bytes).toBeLessThan(original.length / 3);
    console.log(`12-megapixel photo: ${original.length} bytes chosen, ${photo!.bytes} bytes uploaded (2048×1536 JPEG at 0.8)`);
  }, 120_000);
});
