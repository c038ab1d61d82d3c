// A citizen adds a phone camera's photo to a message on a slow, flaky connection: the form makes it
// small on the phone, shows the upload's progress, retries an upload the network dropped, and sends
// the message once, naming the photo.
import { inject, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { queryD1 } from '../scripts/local-stack';
import { createClient } from '../sdk/src';
import type { PhotoUploaded } from '../sdk/src/schemas/photo';
import { JPEG_WITH_GPS, PNG_WITH_GPS } from '../worker/test/photo-fixtures';
import { DEMO_ACCOUNTS } from '../worker/seed/demo-accounts';
import { CONSOLE, officialApi, sessionCookie, signedIn } from './console-helpers';
import { citizenPhone, countMessagesTitled, fillForm, useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

const browser = useBrowserPage();

describe('photos with a message', () => {
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
    // The hint (how many, compressed, the location taken out) describes the control that adds them.
    expect(await form.locator('#photos').evaluate((input) => (input.getRootNode() as ShadowRoot).getElementById(input.getAttribute('aria-describedby')!)?.textContent))
      .toBe('最多4张。上传前会在本机压缩，并去掉拍摄位置等信息。');
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

  it('photos added offline, before the photo code came: each shows which picture it is, and once the network is back 重新上传 and 提交留言 send them', async () => {
    const { page, context } = browser;
    await page.goto(`${HOST}/`);
    const form = page.locator('liuyan-form');
    const title = `井盖缺失附照片${Date.now() % 100000}`;
    await fillForm(page, { title, body: '幸福路口的井盖丢了好几天，晚上很危险，附照片。' });
    await context.setOffline(true);
    await form.locator('#photos').setInputFiles(['井盖.png', '路口.png'].map((name) => ({ name, mimeType: 'image/png', buffer: Buffer.from(PNG_WITH_GPS) })));
    const photos = form.locator('[part="photo"]');
    await expect.poll(() => photos.getByRole('alert').allTextContents()).toEqual(['上传失败，请检查网络后重试', '上传失败，请检查网络后重试']);
    // Which pictures failed: each one's thumbnail, drawn from its file, named by it.
    for (const [i, name] of ['井盖.png', '路口.png'].entries()) {
      const image = photos.nth(i).getByRole('img', { name });
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    }

    await context.setOffline(false);
    await photos.first().getByRole('button', { name: '重新上传' }).click();
    await expect.poll(() => photos.first().textContent(), { timeout: 30_000 }).toContain('已上传');
    // The other one is tried once more by the send.
    await form.getByRole('button', { name: '提交留言' }).click();
    await form.locator('[part="tracking-code"]').waitFor({ timeout: 30_000 });
    const [sent] = queryD1<{ n: number }>(inject('persistTo'), `SELECT count(*) AS n FROM photos p JOIN messages m ON m.id = p.message_id WHERE m.title = '${title}'`);
    expect(sent!.n).toBe(2);
  }, 120_000);

  it('photos the network would not take wait on the device with the message, past a closed tab: the next page of the site sends it once, with every photo', async () => {
    const { page, context } = browser;
    const title = `路面塌陷附照片${Date.now() % 100000}`;
    const form = await countyForm(page);
    await fillForm(page, { title, body: '幸福路中段路面塌陷了一个坑，车辆绕行，附两张照片。' });
    // One photo uploaded while online, one added once the phone went offline (the photo code is here by then).
    await form.locator('#photos').setInputFiles({ name: '路面.png', mimeType: 'image/png', buffer: Buffer.from(PNG_WITH_GPS) });
    await expect.poll(() => form.locator('[part="photo"]').first().textContent(), { timeout: 30_000 }).toContain('已上传');
    await context.setOffline(true);
    await form.locator('#photos').setInputFiles({ name: '坑.png', mimeType: 'image/png', buffer: Buffer.from(PNG_WITH_GPS) });
    await expect.poll(() => form.locator('[part="photo"]').nth(1).getByRole('alert').textContent()).toBe('上传失败，请检查网络后重试');
    await form.getByRole('button', { name: '提交留言' }).click();
    await expect.poll(() => form.getByText('已保存，联网后自动提交').count(), { timeout: 30_000 }).toBe(1);
    // The citizen is told the photos were not left behind.
    expect(await form.locator('[part="outbox-photos"]').textContent()).toBe('所选的2张照片已一并保存，随留言提交。');
    expect(await keptPhotoCount(page)).toBe(2);
    await page.close();
    await context.setOffline(false);

    const later = await context.newPage();
    let posts = 0;
    later.on('request', (request) => request.method() === 'POST' && request.url() === `${WORKER}/v1/sites/demo/messages` && posts++);
    await later.goto(`${HOST}/`);
    await later.locator('liuyan-form [part="tracking-code"]').waitFor({ timeout: 60_000 });
    expect(posts).toBe(1);
    expect(countMessagesTitled(title)).toBe(1);
    const [sent] = queryD1<{ n: number }>(inject('persistTo'), `SELECT count(*) AS n FROM photos p JOIN messages m ON m.id = p.message_id WHERE m.title = '${title}'`);
    expect(sent!.n).toBe(2);
    // Sent: the photos are no longer kept on the device.
    await expect.poll(() => keptPhotoCount(later)).toBe(0);
  }, 120_000);

  it('offline before the first touch of the form, a photo that cannot be read beside a good one: kept with the message, which comes back into the form with both once the network returns, the bad one saying why', async () => {
    const { page, context } = browser;
    const title = `路灯倒伏附照片${Date.now() % 100000}`;
    const form = await countyForm(page);
    // The signal lost once the page has come: nothing fetched at the first focus (the photo code, the
    // sending of kept photos) can come, and the file cannot be looked at until the network is back.
    await context.setOffline(true);
    await fillForm(page, { title, body: '幸福路口的路灯被风刮倒了，压在人行道上，附照片。' });
    await form.locator('#photos').setInputFiles([
      { name: '路灯杆.png', mimeType: 'image/png', buffer: Buffer.from(PNG_WITH_GPS) },
      { name: '路灯.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo at all') },
    ]);
    // Said at once: no upload is tried again while the browser knows it is offline.
    // The file that is no picture has no thumbnail to show (its image cannot be drawn): it is named instead.
    await expect.poll(() => form.locator('[part="photo"]').getByRole('alert').allTextContents(), { timeout: 3_000 }).toEqual(['上传失败，请检查网络后重试', '路灯.jpg：上传失败，请检查网络后重试']);
    expect(await form.locator('[part="photo"]').nth(1).locator('img').count()).toBe(0);
    await form.getByRole('button', { name: '提交留言' }).click();
    await expect.poll(() => form.getByText('已保存，联网后自动提交').count(), { timeout: 30_000 }).toBe(1);

    await context.setOffline(false);
    await expect.poll(() => form.locator('#form-error').textContent(), { timeout: 30_000 }).toBe('有照片无法发送：请删除标出原因的照片，再提交。填写的内容已保留。');
    expect(await form.getByLabel('标题', { exact: true }).inputValue()).toBe(title);
    const [good, bad] = [form.locator('[part="photo"]').first(), form.locator('[part="photo"]').nth(1)];
    await expect.poll(() => bad.getByRole('alert').textContent()).toBe('路灯.jpg：无法读取这张照片，请换一张，或截图后再选');
    await expect.poll(() => good.textContent(), { timeout: 30_000 }).toContain('已上传');
    // No thumbnail drawn from a file that is no picture (a broken image); the good one's, named by its file.
    expect(await bad.locator('img').count()).toBe(0);
    expect(await good.getByRole('img', { name: '路灯杆.png' }).count()).toBe(1);
    expect(countMessagesTitled(title)).toBe(0);
    expect(await keptPhotoCount(page)).toBe(0);

    await bad.getByRole('button', { name: '删除照片' }).click();
    await form.getByRole('button', { name: '提交留言' }).click();
    await form.locator('[part="tracking-code"]').waitFor({ timeout: 30_000 });
    const [sent] = queryD1<{ n: number }>(inject('persistTo'), `SELECT count(*) AS n FROM photos p JOIN messages m ON m.id = p.message_id WHERE m.title = '${title}'`);
    expect(sent!.n).toBe(1);
  }, 120_000);

  it('a file that is not a photo, on a 320 px phone: said beside it with nothing to retry or publish, takes no place, and must be removed before sending', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 320, height: 760 });
    await page.goto(`${HOST}/`);
    const form = page.locator('liuyan-form');
    const title = `路灯不亮附照片${Date.now() % 100000}`;
    await fillForm(page, { title, body: '幸福路的路灯三天没亮了，晚上很不安全，附照片。' });
    // A text file named .jpg (a screenshot sent as a document, say): it cannot be read as a photo.
    await form.locator('#photos').setInputFiles({ name: 'fake.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo at all') });
    const bad = form.locator('[part="photo"]').first();
    await expect.poll(() => bad.getByRole('alert').textContent()).toBe('fake.jpg：无法读取这张照片，请换一张，或截图后再选');
    expect(await bad.getByRole('checkbox').count()).toBe(0);
    expect(await bad.getByRole('button').allTextContents()).toEqual(['删除照片']);
    // Three photos more: with the unreadable one listed, 添加照片 is still there (three of four places taken).
    await form.locator('#photos').setInputFiles(['a', 'b', 'c'].map((n) => ({ name: `${n}.png`, mimeType: 'image/png', buffer: Buffer.from(PNG_WITH_GPS) })));
    await expect.poll(() => form.locator('[part="photo"]', { hasText: '已上传' }).count(), { timeout: 30_000 }).toBe(3);
    expect(await form.getByText('添加照片').count()).toBe(1);
    expect(await form.locator('[part="photos-left-out"]').textContent()).toBe('');
    // Three more for the one place left: one is added, and the page says the other two were not.
    await form.locator('#photos').setInputFiles(['d', 'e', 'f'].map((n) => ({ name: `${n}.png`, mimeType: 'image/png', buffer: Buffer.from(PNG_WITH_GPS) })));
    await expect.poll(() => form.locator('[part="photos-left-out"]').textContent()).toBe('最多4张照片：另选的2张没有添加。');
    expect(await form.locator('[part="photos-left-out"]').getAttribute('role')).toBe('status');
    await expect.poll(() => form.locator('[part="photo"]', { hasText: '已上传' }).count(), { timeout: 30_000 }).toBe(4);
    expect(await form.getByText('添加照片').count()).toBe(0);
    // Each row reads across the phone: the public choice below the status, one line, not squeezed into a column.
    const choice = form.locator('[part="photo"]').nth(1).locator('label.choice');
    expect((await choice.boundingBox())!.height).toBeLessThan(50);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);

    await form.getByRole('button', { name: '提交留言' }).click();
    await expect.poll(() => form.locator('#form-error').textContent()).toBe('有照片无法发送：请删除标出原因的照片，再提交。填写的内容已保留。');
    await bad.getByRole('button', { name: '删除照片' }).click();
    expect(await form.locator('[part="photos-left-out"]').textContent()).toBe('');
    await form.getByRole('button', { name: '提交留言' }).click();
    await form.locator('[part="tracking-code"]').waitFor({ timeout: 30_000 });
    const [sent] = queryD1<{ n: number }>(inject('persistTo'), `SELECT count(*) AS n FROM photos p JOIN messages m ON m.id = p.message_id WHERE m.title = '${title}'`);
    expect(sent!.n).toBe(4);
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 120_000);

  it('shows a published message’s public photo on the board and every photo in the console; a private one is refused to the public', async () => {
    const upload = async (bytes: Uint8Array<ArrayBuffer>, type: string) => (await (await fetch(`${WORKER}/v1/sites/demo/photos`, {
      method: 'POST', headers: { 'Content-Type': type, 'Idempotency-Key': crypto.randomUUID(), Origin: HOST }, body: bytes,
    })).json()) as PhotoUploaded;
    const shown = await upload(JPEG_WITH_GPS, 'image/jpeg');
    const kept = await upload(PNG_WITH_GPS, 'image/png');
    const client = createClient({ baseUrl: WORKER, site: 'demo' });
    const { id } = await client.submitMessage({
      unitId: 'u_transport', type: 'complaint', domain: 'transport', campaign: null, title: `护栏损坏 ${Date.now() % 1_000_000}`,
      body: '幸福路护栏被撞坏，碎片散落在人行道上，附照片。', region: '示范县城关镇',
      author: { name: '陈明', phone: citizenPhone(), email: null, displayAs: 'masked' }, isPublic: true, consent: true,
      photos: [{ id: shown.photoId }, { id: kept.photoId, isPublic: false }],
    });
    expect((await officialApi(await sessionCookie(DEMO_ACCOUNTS.moderator), 'POST', `/v1/console/messages/${id}/publish`, {})).status).toBe(200);
    const loaded = (img: import('playwright-core').Locator) => img.evaluate(async (el: HTMLImageElement) => {
      await el.decode().catch(() => undefined);
      return el.naturalWidth;
    });

    const { page } = browser;
    await page.goto(`${HOST}/`);
    await page.evaluate((messageId) => {
      const message = document.createElement('liuyan-message');
      message.setAttribute('site', 'demo');
      message.setAttribute('message-id', messageId);
      const main = document.querySelector('main')!;
      main.insertBefore(message, main.firstChild);
    }, id);
    const photos = page.locator('liuyan-message [part="photos"] img');
    await photos.first().waitFor();
    expect(await photos.count()).toBe(1);
    expect(await photos.getAttribute('alt')).toBe('留言人附的第1张照片');
    expect(await loaded(photos)).toBe(24);
    expect((await fetch(`${WORKER}/v1/sites/demo/photos/${kept.photoId}/${kept.sha256}`)).status).toBe(404);

    const official = await signedIn(browser, DEMO_ACCOUNTS.transport);
    await official.page.goto(`${CONSOLE}#/messages/${id}`);
    const all = official.page.locator('liuyan-console-message [part="photos"] img');
    await all.first().waitFor();
    expect(await all.count()).toBe(2);
    expect(await official.page.locator('liuyan-console-message [part="photo-private"]').allTextContents()).toEqual(['不公开']);
    expect(await loaded(all.nth(1))).toBe(24);
    expect(official.problems).toEqual([]);
    await official.page.context().close();
  });
});

/** The county page's form, shown. */
async function countyForm(page: Page) {
  await page.goto(`${HOST}/`);
  const form = page.locator('liuyan-form');
  await form.locator('[part="form"]').waitFor();
  return form;
}

/** How many photos of queued messages the page's browser keeps on the device (IndexedDB `liuyan-outbox`). */
function keptPhotoCount(page: Page): Promise<number> {
  return page.evaluate(() => new Promise<number>((resolve, reject) => {
    const open = indexedDB.open('liuyan-outbox', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('photos', { keyPath: 'key' });
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const count = open.result.transaction('photos').objectStore('photos').count();
      count.onsuccess = () => {
        open.result.close();
        resolve(count.result);
      };
    };
  }));
}
