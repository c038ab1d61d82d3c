import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createClient } from '../sdk/src';
import { DEMO_ACCOUNTS } from '../worker/seed/demo-accounts';
import { CONSOLE, officialApi, sessionCookie, signedIn } from './console-helpers';
import { citizenPhone, useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

const browser = useBrowserPage();

/** The citizen's phone at 390 px, on the county website, looking the message up with its code. */
async function tracked(page: Page, code: string) {
  await page.goto(`${HOST}/`);
  const tracker = page.locator('liuyan-track');
  await tracker.getByLabel('查询码').fill(code);
  await tracker.getByRole('button', { name: '查询' }).click();
  await tracker.locator('[part="message"]').waitFor();
  return tracker;
}

/** A private message to the transport bureau, accepted and answered finally (by the API, as the console would). */
async function answered(title: string, body: string, reply: string) {
  const { id, trackingCode } = await createClient({ baseUrl: WORKER, site: 'demo' }).submitMessage({
    unitId: 'u_transport', type: 'complaint', domain: 'transport', campaign: null, title, body, region: '示范县石桥镇',
    author: { name: '陈明', phone: citizenPhone(), email: null, displayAs: 'masked' }, isPublic: false, consent: true,
  });
  const bureau = await sessionCookie(DEMO_ACCOUNTS.transport);
  expect((await officialApi(bureau, 'POST', `/v1/console/messages/${id}/accept`, {})).status).toBe(200);
  expect((await officialApi(bureau, 'POST', `/v1/console/messages/${id}/reply`, { kind: 'final', body: reply })).status).toBe(200);
  return { id, trackingCode };
}

describe('the citizen’s loop in <liuyan-track>: rating, 重办, 追问', () => {
  it('a tracker left open on a second device: a rating or follow-up sent from the first is shown, and what the second typed is kept', async () => {
    const { trackingCode } = await answered(`城南菜市场路灯不亮 ${Date.now() % 1_000_000}`, '城南菜市场门口的路灯坏了半个月，晚上买菜的老人看不清路。', '路灯已报修。');
    const phone = await browser.context.browser()!.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const first = await tracked(await phone.newPage(), trackingCode);
    const second = await tracked(await phone.newPage(), trackingCode);

    // Rated 很满意 on the first; the second, still showing the form, sends 很不满意 and its words.
    const rate = async (tracker: typeof first, score: number) => {
      const form = tracker.locator('[part="rating-form"]');
      await form.locator(`input[name="overall"][value="${score}"]`).check();
      for (const group of ['resolution', 'attitude', 'speed']) await form.locator(`input[name="${group}"][value="${score}"]`).check();
      if (score <= 2) {
        await form.getByRole('radio', { name: '问题没有解决' }).check();
        await form.getByLabel('具体说明').fill('路灯还是不亮。');
      }
      await form.getByRole('button', { name: '提交评价' }).click();
    };
    await rate(first, 5);
    await expect.poll(() => first.locator('[part="notice"]').textContent()).toBe('感谢您的评价。');
    await rate(second, 1);
    // Refused, and the second page now shows what holds: the rating kept, no form that can only be refused again.
    await expect.poll(() => second.locator('[part="notice"]').textContent()).toMatch(/^这次回复您已经评价过了。下面是这条留言现在的情况。/);
    expect(await second.locator('[part="rating-form"]').count()).toBe(0);
    expect(await second.locator('[part="timeline"]').textContent()).toContain('很满意（5分）');
    expect(await second.locator('[part="unsent"]').textContent()).toContain('路灯还是不亮。');
    expect(await second.locator('[part="status"]').textContent()).toContain('已回复');

    // A follow-up asked on the first while the second types one: the second's question is refused and kept on the page.
    await second.locator('[part="follow-up-form"]').getByLabel('追问内容').fill('第二台手机上写的追问：什么时候修好？');
    await first.locator('[part="follow-up-form"]').getByLabel('追问内容').fill('路灯报修后多久能修好？');
    await first.locator('[part="follow-up-form"]').getByRole('button', { name: '提交追问' }).click();
    await expect.poll(() => first.locator('[part="notice"]').textContent()).toMatch(/^追问已提交/);
    await second.locator('[part="follow-up-form"]').getByRole('button', { name: '提交追问' }).click();
    await expect.poll(() => second.locator('[part="notice"]').textContent()).toMatch(/^您的追问正在等待答复，答复后可以再追问。下面是这条留言现在的情况。/);
    expect(await second.locator('[part="unsent"]').textContent()).toContain('第二台手机上写的追问：什么时候修好？');
    expect(await second.locator('[part="follow-up-form"]').textContent()).toBe('您的追问正在等待答复，答复后可以再追问。');
    expect(await second.locator('[part="timeline"]').textContent()).toContain('路灯报修后多久能修好？');
    await phone.close();
  });

  it('a rating sent from a page that shows an older reply is not taken for a newer one: the new reply is shown, the scores kept to send', async () => {
    const { id, trackingCode } = await answered(`城东小区门口积水 ${Date.now() % 1_000_000}`, '城东小区门口一下雨就积水，排水口堵了。', '已安排疏通。');
    const phone = await browser.context.browser()!.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const tracker = await tracked(await phone.newPage(), trackingCode);
    const bureau = await sessionCookie(DEMO_ACCOUNTS.transport);
    expect((await officialApi(bureau, 'POST', `/v1/console/messages/${id}/reply`, { kind: 'final', body: '补充答复：排水口已更换。' })).status).toBe(200);
    const form = tracker.locator('[part="rating-form"]');
    await form.locator('input[name="overall"][value="2"]').check();
    for (const group of ['resolution', 'attitude', 'speed']) await form.locator(`input[name="${group}"][value="2"]`).check();
    await form.getByRole('radio', { name: '问题没有解决' }).check();
    // Its name is its label only; the hint and the counter describe it.
    const reasonText = form.getByRole('textbox', { name: '具体说明', exact: true });
    expect(await reasonText.getAttribute('aria-describedby')).toBe('reasonText-hint reasonText-error reasonText-counter');
    await reasonText.fill('一下雨还是积水。');
    await form.getByRole('button', { name: '提交评价' }).click();
    // Refused, read again: the new reply is there, and the form for it keeps what was chosen and written.
    await expect.poll(() => form.textContent()).toContain('办理单位又有了新的答复，请先查看');
    expect(await tracker.locator('[part="reply"]').allTextContents()).toEqual([expect.stringContaining('已安排疏通。'), expect.stringContaining('补充答复：排水口已更换。')]);
    expect(await form.getByLabel('具体说明').inputValue()).toBe('一下雨还是积水。');
    expect(await tracker.locator('[part="timeline"]').textContent()).not.toContain('不满意（2分）');
    await phone.close();
  });

  it('an unhappy rating re-opens the message, the bureau answers again from the console, the citizen rates it happy and asks a follow-up', async () => {
    const title = `石桥镇公交站台雨棚破损 ${Date.now() % 1_000_000}`;
    const { id, trackingCode } = await answered(title, '石桥镇中心站台的雨棚破了一个大洞，下雨天候车的老人孩子都淋雨。', '已通知公交公司尽快维修。');

    const phone = await browser.context.browser()!.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const citizen = await phone.newPage();
    // While the lookup is on its way, its status says so (the button's new words are not announced).
    let release = () => {};
    await citizen.route('**/v1/sites/demo/track', async (route) => {
      await new Promise<void>((resolve) => (release = resolve));
      await route.continue();
    }, { times: 1 });
    await citizen.goto(`${HOST}/`);
    const looking = citizen.locator('liuyan-track');
    await looking.getByLabel('查询码').fill(trackingCode);
    await looking.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => looking.locator('form[part="form"] [role="status"]').textContent()).toBe('正在查询…');
    release();
    await looking.locator('[part="message"]').waitFor();
    expect(await looking.locator('form[part="form"] [role="status"]').textContent()).toBe('');
    // Pasted as the receipt's line reads, words and all: the code alone is looked up, and shown.
    let tracker = await tracked(citizen, `查询码：${trackingCode}`);
    expect(await tracker.getByLabel('查询码').inputValue()).toBe(trackingCode);
    const rating = tracker.locator('[part="rating-form"]');
    await rating.waitFor();
    // A private message has no public page: its scores are said to be seen by the bureau only.
    expect(await rating.locator('p.muted').first().textContent()).toBe('您的评分和填写的具体说明只有办理单位能看到。');
    // Beside the rating, the follow-up form says that a follow-up sent first puts the rating off.
    expect(await tracker.locator('[part="follow-up-form"]').textContent()).toContain('要评价这次答复，请先评价再追问');
    // Sent empty: each missing choice is named beside its group, and the first one takes the focus.
    await rating.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => rating.locator('#overall-error').textContent()).toBe('请选择总体评价');
    expect(await rating.locator('#speed-error').textContent()).toBe('请选择办理速度');
    // Four missing choices are one announcement, how many (counting down as each is chosen), not four alerts.
    expect(await rating.getByRole('alert').count()).toBe(0);
    expect(await rating.locator('[role="status"] [part="fix-fields"]').textContent()).toBe('有4处填写有误，请按各项下方的提示修改。');
    // With the keyboard: 不满意 (2) overall; the reason is then asked for.
    await rating.getByRole('radio', { name: '不满意', exact: true }).check();
    expect(await rating.locator('[part="fix-fields"]').textContent()).toBe('有3处填写有误，请按各项下方的提示修改。');
    for (const group of ['resolution', 'attitude', 'speed']) await rating.locator(`input[name="${group}"][value="2"]`).check();
    expect(await rating.locator('[part="fix-fields"]').count()).toBe(0);
    await rating.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => rating.locator('#reason-error').textContent()).toBe('请选择不满意的原因');
    await rating.getByRole('radio', { name: '问题没有解决' }).check();
    await rating.getByLabel('具体说明').fill('雨棚到现在还没有修，下雨照样淋。');
    // The rating is stored and its answer lost on the way: tried again, the same rating is answered
    // as stored, and the citizen reads that it was, not 提交失败.
    const ratings: number[] = [];
    await citizen.route('**/track/rating', async (route) => {
      ratings.push(ratings.length);
      if (ratings.length > 1) return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await rating.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => tracker.locator('[part="notice"]').textContent()).toMatch(/^您的不满意评价已记录，这条留言将重新办理/);
    expect(ratings).toHaveLength(2);
    await citizen.unroute('**/track/rating');
    expect(await tracker.locator('[part="status"]').textContent()).toContain('办理中');
    expect(await tracker.locator('[part="timeline"]').textContent()).toContain('：不满意（2分）');
    expect(await tracker.locator('[part="rating-form"]').count()).toBe(0);

    // The bureau finds it first in 办理中, tagged 重办, with the citizen's reason, and answers again.
    const official = await signedIn(browser, DEMO_ACCOUNTS.transport);
    const queue = official.page.locator('liuyan-console-queue');
    await queue.getByRole('link', { name: /^办理中/ }).click();
    await queue.locator('[part="queue"][aria-busy="false"]').waitFor();
    const item = queue.locator('[part="queue"] li').filter({ hasText: title });
    await item.waitFor();
    expect(await item.locator('[part="reopened"]').textContent()).toBe('重办');
    // Re-opened messages head the tab, before any earlier deadline.
    expect(await queue.locator('[part="queue"] li').first().locator('[part="reopened"]').count()).toBe(1);
    await official.page.goto(`${CONSOLE}#/messages/${id}`);
    const message = official.page.locator('liuyan-console-message');
    await message.locator('[part="rating"]').waitFor();
    expect(await message.locator('[part="rating"]').textContent()).toContain('雨棚到现在还没有修，下雨照样淋。');
    await message.locator('[part="actions"]').getByRole('button', { name: '回复', exact: true }).click();
    const form = message.locator('[part="action-form"]');
    await form.getByLabel('正式回复').check();
    // Private: the reply is signed, not published.
    expect(await form.locator('p.hint').filter({ hasText: '署名' }).textContent()).toBe('回复将以“示范县交通运输局”的名义署名。');
    await form.getByLabel('回复内容').fill('雨棚已于今日更换完毕。');
    await form.locator('button[type="submit"]').click();
    await message.getByRole('status').getByText('回复已发送', { exact: true }).waitFor();
    expect(await message.locator('[part="reopened"]').count()).toBe(0);

    // The citizen rates the new answer 很满意, then asks a follow-up question.
    tracker = await tracked(citizen, trackingCode);
    const again = tracker.locator('[part="rating-form"]');
    await again.getByRole('radio', { name: '很满意', exact: true }).check();
    for (const group of ['resolution', 'attitude', 'speed']) await again.locator(`input[name="${group}"][value="5"]`).check();
    await again.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => tracker.locator('[part="notice"]').textContent()).toBe('感谢您的评价。');
    expect(await tracker.locator('[part="status"]').textContent()).toContain('已回复');

    const followUp = tracker.locator('[part="follow-up-form"]');
    expect(await followUp.textContent()).toContain('还可追问 3 次。');
    expect(await followUp.textContent()).not.toContain('请先评价');
    // A private message's follow-up is never published: no word of review for it.
    expect(await followUp.textContent()).not.toContain('审核');
    // Lengths are counted in characters, as the service counts them: a long pasted text is kept whole
    // (no maxlength cutting UTF-16 units), counted, and refused before it is sent.
    const tooLong = '𠮷'.repeat(1001);
    expect(await followUp.getByRole('textbox', { name: '追问内容', exact: true }).getAttribute('aria-describedby')).toBe('question-hint question-error question-counter');
    await followUp.getByLabel('追问内容').fill(tooLong);
    expect(await followUp.getByLabel('追问内容').inputValue()).toBe(tooLong);
    expect(await followUp.locator('#question-counter').textContent()).toBe('1001/1000');
    await followUp.getByRole('button', { name: '提交追问' }).click();
    await expect.poll(() => followUp.locator('#question-error').textContent()).toMatch(/1000/);
    await followUp.getByLabel('追问内容').fill('新雨棚能用多久？');
    // Refused on its way (a proxy's answer, not the service's): the failure is said under 提交追问,
    // on the screen where the citizen pressed it, the question kept.
    await citizen.route('**/follow-ups', (route) => route.fulfill({ status: 400, contentType: 'text/plain', body: 'Bad Request' }));
    // The button at the very bottom of the screen, as a phone often has it: the failure comes into view.
    await followUp.getByRole('button', { name: '提交追问' }).evaluate((b) => scrollBy({ top: b.getBoundingClientRect().bottom - innerHeight + 2, behavior: 'instant' }));
    await followUp.getByRole('button', { name: '提交追问' }).click();
    const failure = followUp.locator('p[role="alert"]');
    await expect.poll(() => failure.textContent()).toBe('提交失败，请检查网络后重试。');
    const [button, said] = await Promise.all([followUp.getByRole('button', { name: '提交追问' }).boundingBox(), failure.boundingBox()]);
    expect(said!.y - (button!.y + button!.height)).toBeLessThan(40);
    expect(said!.y + said!.height).toBeLessThan(845); // scrolled to a whole pixel
    expect(await followUp.getByLabel('追问内容').inputValue()).toBe('新雨棚能用多久？');
    await citizen.unroute('**/follow-ups');
    await followUp.getByRole('button', { name: '提交追问' }).click();
    await expect.poll(() => tracker.locator('[part="notice"]').textContent()).toMatch(/^追问已提交/);
    expect(await tracker.locator('[part="follow-up-form"]').textContent()).toBe('您的追问正在等待答复，答复后可以再追问。');
    // The citizen's own question is theirs: no office is named beside it (a reply keeps its unit).
    const timeline = (await tracker.locator('[part="timeline"]').textContent())!.replace(/\s+/g, ' ');
    expect(timeline).toContain('追问：新雨棚能用多久？');
    expect(timeline).not.toMatch(/(评价|追问) · /);
    expect(timeline).toMatch(/回复 · 示范县交通运输局/);
    // Nothing spills sideways on the phone.
    expect(await citizen.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The console's timeline names no office beside the citizen's acts either.
    await official.page.reload();
    await expect.poll(async () => (await message.locator('[part="timeline"]').textContent()) ?? '').toMatch(/追问/);
    const consoleTimeline = (await message.locator('[part="timeline"]').textContent())!.replace(/\s+/g, ' ');
    expect(consoleTimeline).toMatch(/评价/);
    expect(consoleTimeline).not.toMatch(/(评价|追问) · /);
    expect(consoleTimeline).toMatch(/回复 · 示范县交通运输局/);

    expect(official.problems).toEqual([]);
    await official.page.context().close();
    await phone.close();
  }, 180_000);
  it('a reader who looks codes up too often is asked to wait, in words; a citizen at another address is not', async () => {
    const { trackingCode } = await answered(`东街排水沟堵塞 ${Date.now() % 1_000_000}`, '东街排水沟堵塞，下雨后积水没过脚踝。', '已安排清淤。');
    const { page } = browser;
    await page.goto(`${HOST}/`);
    const tracker = page.locator('liuyan-track');
    // A script guessing codes: 20 lookups a minute from one address (wrangler.toml TRACK_LIMITER), then a wait.
    for (const last of 'ABCDEFGHJKMNPQRSTVWX') {
      await tracker.getByLabel('查询码').fill(`K7QM-4XPH-9TRW-2CV${last}`);
      const answer = page.waitForResponse((r) => r.url().endsWith('/v1/sites/demo/track') && r.request().method() === 'POST');
      await tracker.getByRole('button', { name: '查询' }).click();
      expect((await answer).status()).toBe(404);
    }
    await tracker.getByLabel('查询码').fill(trackingCode);
    await tracker.getByRole('button', { name: '查询' }).click();
    await expect.poll(async () => (await tracker.getByRole('alert').textContent()) ?? '').toBe('操作太频繁，请1分钟后再试。');
    expect(await tracker.locator('[part="message"]').count()).toBe(0);
    // The citizen, on a phone of their own, finds the message.
    const phone = await browser.context.browser()!.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await tracked(await phone.newPage(), trackingCode);
    await phone.close();
  });
});
