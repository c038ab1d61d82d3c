// Photos after the upload, in a browser: the hosted board's card and the console's queue show a
// photo's small version (the whole photo opens on tap); a moderator hides it on the message page, and
// the public no longer gets it, while its author sees it marked with the reason.
import { describe, expect, it } from 'vitest';
import { createClient } from '../sdk/src';
import type { PhotoUploaded } from '../sdk/src/schemas/photo';
import { JPEG_WITH_GPS, PNG_WITH_GPS } from '../worker/test/photo-fixtures';
import { DEMO_ACCOUNTS } from '../worker/seed/demo-accounts';
import { CONSOLE, officialApi, queueCard, sessionCookie, signedIn } from './console-helpers';
import { citizenPhone, useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

const browser = useBrowserPage();

/**
 * Width the browser decoded an image at (0: it did not load). Scrolled into view first: a lazy image
 * far down a long board or queue is not fetched until then.
 */
async function loaded(img: import('playwright-core').Locator): Promise<number> {
  await img.scrollIntoViewIfNeeded();
  return img.evaluate(async (el: HTMLImageElement) => {
    await el.decode().catch(() => undefined);
    return el.naturalWidth;
  });
}

describe('thumbnails and a moderator hiding a photo', () => {
  it('shows the small version on the board and in the console; once hidden, the public never gets it and its author sees why', async () => {
    // Sent as the form sends it: the photo with its small version (a PNG here, to tell them apart).
    const form = new FormData();
    form.set('photo', new Blob([JPEG_WITH_GPS]), 'photo.jpg');
    form.set('thumbnail', new Blob([PNG_WITH_GPS]), 'thumbnail.jpg');
    const photo = (await (await fetch(`${WORKER}/v1/sites/demo/photos`, {
      method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID(), Origin: HOST }, body: form,
    })).json()) as PhotoUploaded;
    const title = `井盖缺失 ${Date.now() % 1_000_000}`;
    const client = createClient({ baseUrl: WORKER, site: 'demo' });
    const { id, trackingCode } = await client.submitMessage({
      unitId: 'u_transport', type: 'complaint', domain: 'transport', campaign: null, title,
      body: '建设路菜市场门口的井盖丢了，晚上很危险，附照片。', region: '示范县城关镇',
      author: { name: '陈明', phone: citizenPhone(), email: null, displayAs: 'masked' }, isPublic: true, consent: true,
      photos: [{ id: photo.photoId }],
    });
    const full = `${WORKER}/v1/sites/demo/photos/${photo.photoId}/${photo.sha256}`;

    // The console's queue: the moderator's 待审核 card shows the small version.
    const official = await signedIn(browser, DEMO_ACCOUNTS.moderator);
    await official.page.goto(`${CONSOLE}#/queue?tab=moderation`);
    const item = await queueCard(official.page, title, 'a.item');
    await item.waitFor();
    expect(await item.locator('img').getAttribute('src')).toBe(`/v1/console/photos/${photo.photoId}?size=thumbnail`);
    expect(await loaded(item.locator('img'))).toBe(24);
    expect((await officialApi(await sessionCookie(DEMO_ACCOUNTS.moderator), 'POST', `/v1/console/messages/${id}/publish`, {})).status).toBe(200);

    // The hosted board: the card shows the small version, a link to the whole photo.
    const { page } = browser;
    await page.goto(`${WORKER}/s/demo/`);
    const card = page.locator('liuyan-list [part="card"]', { hasText: title });
    const cover = card.locator('[part="cover"]');
    await cover.waitFor();
    expect(await cover.getAttribute('href')).toBe(full);
    expect(await cover.locator('img').getAttribute('src')).toBe(`${full}?size=thumbnail`);
    expect(await loaded(cover.locator('img'))).toBe(24);
    expect(await cover.locator('img').getAttribute('alt')).toBe('留言人附的第1张照片');

    // The message page shows it; the moderator hides it with a reason.
    await official.page.goto(`${CONSOLE}#/messages/${id}`);
    const message = official.page.locator('liuyan-console-message');
    await message.locator('[part="photos"] img').first().waitFor();
    await message.locator('[part="photo-hide"] summary').click();
    await message.locator('[part="photo-hide"] select').selectOption('personal_data');
    await message.locator('[part="photo-hide"] input[name="note"]').fill('照片中有他人车牌');
    await message.locator('[part="photo-hide"] button[type="submit"]').click();
    await expect.poll(() => message.locator('[part="photo-hidden"]').textContent()).toContain('含他人隐私信息');
    expect(await message.locator('.notice').first().textContent()).toContain('照片已隐藏');
    await official.page.screenshot({ path: '/tmp/photo-hidden-console.png', fullPage: true });
    expect(official.problems).toEqual([]);
    await official.page.context().close();

    // The public: the address refuses it, and a reader arriving now sees no photo on the card (one who
    // loaded the board in the minute before keeps its page that long: middleware/public-cache.ts).
    expect((await fetch(full)).status).toBe(404);
    expect((await fetch(`${full}?size=thumbnail`)).status).toBe(404);
    const reader = await (await browser.context.browser()!.newContext({ locale: 'zh-CN' })).newPage();
    await reader.goto(`${WORKER}/s/demo/`);
    const again = reader.locator('liuyan-list [part="card"]', { hasText: title });
    await again.waitFor();
    expect(await again.locator('[part="cover"]').count()).toBe(0);
    await reader.context().close();

    // Its author, with the code: the photo is still there, marked with why.
    await page.goto(`${WORKER}/s/demo/track`);
    const track = page.locator('liuyan-track');
    await track.locator('#trackingCode').fill(trackingCode);
    await track.locator('#trackingCode').press('Enter');
    await expect.poll(() => track.locator('[part="photo-hidden"]').textContent(), { timeout: 15_000 }).toContain('照片中有他人车牌');
    // The author's photo comes by a request with the code, then shows: polled, as a busy stack may take a moment.
    await expect.poll(() => loaded(track.locator('[part="photos"] img')), { timeout: 15_000 }).toBe(24);
  }, 120_000);
});
