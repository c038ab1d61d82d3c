// The hosted write page's form as HTML (worker/src/hosted/write-form.ts) in Chromium: sent without any
// script, and taken over by <liuyan-form> once its script comes, with what was typed and the cursor kept.
import { describe, expect, inject, it } from 'vitest';
import { queryD1 } from '../scripts/local-stack';
import { citizenPhone, countMessagesTitled, ELEMENT_FILES, fillForm, fillPlainForm, FORM_FILE, holdRequests, TRACKING_CODE, useBrowserPage } from './helpers';
import { FOREIGN, HOST, WORKER } from './ports';

const browser = useBrowserPage();

/**
 * Opens the write page with every widget script held back (a slow connection), until the returned
 * function lets them come; waits for the page's own form (module scripts hold DOMContentLoaded back,
 * so not for that).
 */
async function openWithScriptsHeld(page: import('playwright-core').Page, query = ''): Promise<() => void> {
  const release = await holdRequests(page, '**/widget/**/*.js');
  await page.goto(`${WORKER}/s/demo/write${query}`, { waitUntil: 'commit' });
  await page.locator('liuyan-form form.plain-form button[type=submit]').waitFor();
  return release;
}

/**
 * With 县城 typed in the page's form and the word zhong being composed (pinyin, not yet chosen), the
 * element ready: checks that it waits (the page's form still there), then chooses 中, and that the
 * element's form reads 县城中 — no letters of the pinyin kept.
 */
async function chooseWordAfterTakeOverWaited(page: import('playwright-core').Page, cdp: import('playwright-core').CDPSession) {
  await page.waitForTimeout(1500);
  expect(await page.locator('form.plain-form').count()).toBe(1);
  await cdp.send('Input.insertText', { text: '中' });
  const form = page.locator('liuyan-form [part="form"]');
  await form.waitFor();
  expect(await form.getByLabel('标题', { exact: true }).inputValue()).toBe('县城中');
}

describe('the hosted write page’s form as HTML', () => {
  it('is sent without any script: a wrong field comes back with its error and the focus, everything typed kept; then one message and its code', async () => {
    const context = await browser.page.context().browser()!.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      await page.goto(`${WORKER}/s/demo/write`);
      // The 照片 field the element would bring is not offered where no script can add a photo; each
      // counted field says the most it takes.
      expect(await page.locator('.liuyan-photos').isVisible()).toBe(false);
      expect(await page.locator('#liuyan-title ~ .liuyan-counter').textContent()).toBe('最多50字');
      const title = `没有脚本写的留言 ${Date.now()}`;
      await fillPlainForm(page, title, '12345');
      // 有回复时通知我 comes with an address typed, and goes with it (CSS alone: `:has`).
      const notify = page.getByRole('group', { name: '有回复时通知我' });
      expect(await notify.isVisible()).toBe(false);
      await page.getByLabel(/电子邮箱/).fill('chenming@example.com');
      expect(await notify.isVisible()).toBe(true);
      await notify.getByLabel('邮件通知（发送到上面的邮箱）').check();
      await page.getByLabel(/电子邮箱/).fill('');
      expect(await notify.isVisible()).toBe(false);
      await page.getByLabel(/电子邮箱/).fill('chenming@example.com');
      await page.getByRole('button', { name: '提交留言' }).click();
      await page.waitForLoadState();
      expect(await page.locator('[id="liuyan-author.phone-error"]').textContent()).toBe('请填写有效的手机号或带区号的座机号；境外号码请以 + 和国家或地区代码开头，如 +852');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('liuyan-author.phone');
      expect(await page.getByLabel('标题', { exact: true }).inputValue()).toBe(title);
      expect(await page.getByLabel(/我已阅读并同意隐私声明/).isChecked()).toBe(true);
      expect(countMessagesTitled(title)).toBe(0);

      await page.getByLabel('联系电话', { exact: true }).fill('13912345678');
      await page.getByRole('button', { name: '提交留言' }).click();
      await page.waitForLoadState();
      expect((await page.locator('#tracking-code').textContent())!.trim()).toMatch(TRACKING_CODE);
      expect(countMessagesTitled(title)).toBe(1);
      expect(queryD1<{ notify_email: number }>(inject('persistTo'), `SELECT notify_email FROM messages WHERE title = '${title}'`)[0]!.notify_email).toBe(1);
      // Reloaded (the browser sends the form again): the same code, still one message.
      const code = await page.locator('#tracking-code').textContent();
      await page.reload();
      expect(await page.locator('#tracking-code').textContent()).toBe(code);
      expect(countMessagesTitled(title)).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('is taken over by <liuyan-form> once its script comes: what was typed, the choices and the cursor are kept', async () => {
    const { page } = browser;
    const release = await openWithScriptsHeld(page);
    const plain = page.locator('liuyan-form form.plain-form');
    await plain.getByLabel('留言对象', { exact: true }).selectOption({ label: '示范县县长' });
    await plain.getByLabel('求助').check();
    await plain.getByRole('radio', { name: /^不公开/ }).check();
    await plain.getByLabel('标题', { exact: true }).fill('路灯不亮');
    const body = plain.getByLabel('留言内容', { exact: true });
    await body.fill('幸福路的路灯坏了');
    await body.evaluate((el) => (el as HTMLTextAreaElement).setSelectionRange(3, 3));

    release();
    const form = page.locator('liuyan-form [part="form"]');
    await form.waitFor();
    expect(await plain.count()).toBe(0);
    expect(await form.getByLabel('标题', { exact: true }).inputValue()).toBe('路灯不亮');
    expect(await form.getByLabel('留言内容', { exact: true }).inputValue()).toBe('幸福路的路灯坏了');
    expect(await form.getByLabel('求助').isChecked()).toBe(true);
    expect(await form.getByRole('radio', { name: /^不公开/ }).isChecked()).toBe(true);
    expect(await form.getByLabel('留言对象', { exact: true }).evaluate((s) => (s as unknown as HTMLSelectElement).selectedOptions[0]!.textContent)).toBe('示范县县长');
    // The cursor is where it was: typing goes on in the same place.
    await expect.poll(() => page.evaluate(() => document.querySelector('liuyan-form')!.shadowRoot!.activeElement?.id)).toBe('body');
    await page.keyboard.type('三盏');
    expect(await form.getByLabel('留言内容', { exact: true }).inputValue()).toBe('幸福路三盏的路灯坏了');
  });

  it('lets what was typed in the page’s form win over a draft left from an earlier visit, whole', async () => {
    const { page } = browser;
    // An earlier visit, with the script: a draft with a title, a region, 不公开 and the consent ticked.
    await page.goto(`${WORKER}/s/demo/write`);
    const earlier = page.locator('liuyan-form [part="form"]');
    await earlier.waitFor();
    await earlier.getByLabel('标题', { exact: true }).fill('旧草稿的标题');
    await earlier.getByLabel('所在地区', { exact: true }).fill('旧村');
    await earlier.getByRole('radio', { name: /^不公开/ }).check();
    await earlier.getByLabel(/我已阅读并同意隐私声明/).check();
    // Today, on a slow connection: only the body is typed before the script comes.
    const release = await openWithScriptsHeld(page);
    await page.locator('form.plain-form #liuyan-body').fill('今天要说的是另一件事：幸福路的路灯坏了。');
    release();
    const form = page.locator('liuyan-form [part="form"]');
    await form.waitFor();
    expect(await form.getByLabel('留言内容', { exact: true }).inputValue()).toBe('今天要说的是另一件事：幸福路的路灯坏了。');
    expect(await form.getByLabel('标题', { exact: true }).inputValue()).toBe('');
    expect(await form.getByLabel('所在地区', { exact: true }).inputValue()).toBe('');
    expect(await form.getByRole('radio', { name: /^公开/ }).isChecked()).toBe(true);
    expect(await form.getByLabel(/我已阅读并同意隐私声明/).isChecked()).toBe(false);
    expect(await form.getByText('已恢复您上次未提交的内容').count()).toBe(0);
  });

  it('restores a draft left from an earlier visit when the page’s form was not touched', async () => {
    const { page } = browser;
    await page.goto(`${WORKER}/s/demo/write`);
    const form = page.locator('liuyan-form [part="form"]');
    await form.getByLabel('标题', { exact: true }).fill('留着的草稿');
    await page.reload();
    await form.waitFor();
    await expect.poll(() => form.getByLabel('标题', { exact: true }).inputValue()).toBe('留着的草稿');
    expect(await form.getByText('已恢复您上次未提交的内容').count()).toBe(1);
  });

  it('takes nothing over once the page’s form was sent as it is, so no copy of the message stays as a draft', async () => {
    const { page } = browser;
    const configCame = await holdRequests(page, '**/v1/sites/demo');
    const release = await openWithScriptsHeld(page);
    release();
    await page.waitForFunction(() => customElements.get('liuyan-form') !== undefined);
    const title = `先于接管提交的留言 ${Date.now()}`;
    await fillPlainForm(page, title);
    // The form sent as it is: the browser fires its submit, then goes to the answer. (Playwright cannot
    // look into a page whose navigation is on its way, so the submit is fired first, the POST after.)
    await page.locator('form.plain-form').evaluate((form) => form.dispatchEvent(new Event('submit', { cancelable: true })));
    // The site config comes meanwhile: nothing is taken over, no copy kept.
    configCame();
    await page.waitForTimeout(1500);
    expect(await page.locator('form.plain-form').count()).toBe(1);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(title);
    // The write page's own form stores the message (its key): no copy of it is kept to be sent again.
    expect(await page.evaluate(() => sessionStorage.getItem('liuyan:demo:sent'))).not.toContain(title);
    await page.getByRole('button', { name: '提交留言' }).click();
    await page.locator('#tracking-code').waitFor();
    expect(countMessagesTitled(title)).toBe(1);
  });

  it('shows a message sent from the outbox without the page’s form beside it', async () => {
    const { page, context } = browser;
    await page.goto(`${WORKER}/s/demo/write`);
    await page.locator('liuyan-form [part="form"]').waitFor();
    const title = `离线写好的留言 ${Date.now()}`;
    await fillForm(page, { title, body: '离线时写好，联网后自动提交，只提交一次。' });
    await context.setOffline(true);
    await page.locator('liuyan-form').getByRole('button', { name: '提交留言' }).click();
    await page.locator('liuyan-form [part="outbox"]').waitFor();
    await page.close();
    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(`${WORKER}/s/demo/write`);
    await again.locator('liuyan-form [part="tracking-code"]').waitFor();
    expect(await again.locator('form.plain-form').isVisible()).toBe(false);
    expect(countMessagesTitled(title)).toBe(1);
  });

  it('loses no key typed while the element takes over, in English too (whose strings come after its script)', async () => {
    const { page } = browser;
    const release = await openWithScriptsHeld(page, '?lang=en');
    await page.locator('form.plain-form #liuyan-title').click();
    const text = 'Street lights out on Xingfu Road since Monday';
    const typing = page.keyboard.type(text, { delay: 50 });
    setTimeout(release, 400);
    await typing;
    const form = page.locator('liuyan-form [part="form"]');
    await form.waitFor();
    expect(await form.locator('#title').inputValue()).toBe(text);
    expect(await page.evaluate(() => document.querySelector('liuyan-form')!.shadowRoot!.activeElement?.id)).toBe('title');
  });

  it('keeps the cursor where it was in the e-mail address too: every field typed in, in both forms, has a cursor the take-over can read and set', async () => {
    const { page } = browser;
    const release = await openWithScriptsHeld(page);
    const plain = page.locator('form.plain-form');
    /** The typed-in controls of a form whose cursor a script cannot read (`type="email"`, `number`: selectionStart null). */
    const noCursor = (root: string) => page.evaluate((root) => {
      const host = document.querySelector('liuyan-form')!;
      const form = root === 'page' ? host.querySelector('form.plain-form')! : host.shadowRoot!.querySelector('[part="form"]')!;
      return [...form.querySelectorAll<HTMLInputElement>('input, textarea')]
        .filter((c) => !['radio', 'checkbox', 'hidden', 'file', 'submit', 'button'].includes(c.type) && c.name !== 'homepage' && c.selectionStart === null)
        .map((c) => c.name);
    }, root);
    expect(await noCursor('page')).toEqual([]);
    const email = plain.getByLabel(/电子邮箱/);
    await email.fill('chen@example.cn');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    release();
    const form = page.locator('liuyan-form [part="form"]');
    await form.waitFor();
    await expect.poll(() => page.evaluate(() => document.querySelector('liuyan-form')!.shadowRoot!.activeElement?.id)).toBe('author.email');
    await page.keyboard.type('X');
    expect(await form.getByLabel(/电子邮箱/).inputValue()).toBe('chXen@example.cn');
    expect(await noCursor('element')).toEqual([]);
  });

  it('keeps the focus on a radio button chosen with the keyboard', async () => {
    const { page } = browser;
    const release = await openWithScriptsHeld(page);
    await page.locator('form.plain-form input[name="type"][value="help"]').focus();
    await page.keyboard.press('Space');
    release();
    await page.locator('liuyan-form [part="form"]').waitFor();
    await expect.poll(() => page.evaluate(() => {
      const active = document.querySelector('liuyan-form')!.shadowRoot!.activeElement as HTMLInputElement | null;
      return active ? `${active.name}=${active.value}:${active.checked}` : null;
    })).toBe('type=help:true');
  });

  it('lets a word being composed (pinyin) finish before taking the form over', async () => {
    const { page } = browser;
    // The site's config held too, so the pinyin's next key is typed once the element's script runs.
    const configCame = await holdRequests(page, '**/v1/sites/demo');
    const release = await openWithScriptsHeld(page);
    await page.locator('form.plain-form #liuyan-title').fill('县城');
    const cdp = await page.context().newCDPSession(page);
    // The word begun before the script came…
    await cdp.send('Input.imeSetComposition', { text: 'zh', selectionStart: 2, selectionEnd: 2 });
    release();
    await page.waitForFunction(() => customElements.get('liuyan-form') !== undefined);
    // … and still being typed after it: the element is ready, but waits while the word is not chosen.
    await cdp.send('Input.imeSetComposition', { text: 'zhong', selectionStart: 5, selectionEnd: 5 });
    configCame();
    await chooseWordAfterTakeOverWaited(page, cdp);
  });

  it('lets a word begun while the part that reads the page’s form is still coming finish too, keeping no pinyin', async () => {
    const { page } = browser;
    const readerCame = await holdRequests(page, '**/plain-form-*.js');
    await page.goto(`${WORKER}/s/demo/write`, { waitUntil: 'commit' });
    await page.locator('form.plain-form #liuyan-title').fill('县城');
    // The element is ready and waits only for that part: no word was being composed when it began to.
    await page.waitForFunction(() => customElements.get('liuyan-form') !== undefined);
    await page.waitForTimeout(300);
    await page.locator('form.plain-form #liuyan-title').focus();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'zhong', selectionStart: 5, selectionEnd: 5 });
    readerCame();
    await chooseWordAfterTakeOverWaited(page, cdp);
  });

  it('keeps the errors the service sent back with the form when the element takes it over', async () => {
    const { page } = browser;
    const release = await openWithScriptsHeld(page);
    const title = `先写错电话的留言 ${Date.now()}`;
    await fillPlainForm(page, title, '12345');
    await page.getByRole('button', { name: '提交留言' }).click();
    await page.waitForURL(`${WORKER}/s/demo/write`, { waitUntil: 'commit' });
    await page.locator('form.plain-form [id="liuyan-author.phone-error"]').waitFor();
    release();
    const form = page.locator('liuyan-form [part="form"]');
    await form.waitFor();
    expect(await form.locator('[id="author.phone-error"]').textContent()).toBe('请填写有效的手机号或带区号的座机号；境外号码请以 + 和国家或地区代码开头，如 +852');
    expect(await form.getByLabel('标题', { exact: true }).inputValue()).toBe(title);
    await expect.poll(() => page.evaluate(() => document.querySelector('liuyan-form')!.shadowRoot!.activeElement?.id)).toBe('author.phone');
    expect(countMessagesTitled(title)).toBe(0);
  });

  it('keeps the page’s form, to be sent as it is, when the part that reads it never comes', async () => {
    const { page } = browser;
    // Every try: the element asks again at a fresh address (`?retry=…`: ui/on-demand.ts) once the first has failed.
    await page.route(/\/chunks\/plain-form-[^/?]+\.js(\?.*)?$/, (route) => route.abort('connectionfailed'));
    await page.goto(`${WORKER}/s/demo/write`);
    await page.waitForFunction(() => customElements.get('liuyan-form') !== undefined);
    const title = `读取部分没来时写的留言 ${Date.now()}`;
    await fillPlainForm(page, title);
    expect(await page.locator('liuyan-form [part="form"]').count()).toBe(0);
    await page.getByRole('button', { name: '提交留言' }).click();
    await page.locator('#tracking-code').waitFor();
    expect(countMessagesTitled(title)).toBe(1);
  });

  it('still sends when the form’s script never comes (a dropped connection), with scripts on', async () => {
    const { page } = browser;
    await page.route(ELEMENT_FILES, (route) => route.abort('connectionfailed'));
    await page.goto(`${WORKER}/s/demo/write`);
    const title = `脚本没来时写的留言 ${Date.now()}`;
    await fillPlainForm(page, title);
    await page.getByRole('button', { name: '提交留言' }).click();
    await page.locator('#tracking-code').waitFor();
    expect((await page.locator('#tracking-code').textContent())!.trim()).toMatch(TRACKING_CODE);
    expect(countMessagesTitled(title)).toBe(1);
  });
});

describe('the form set into the county’s own page (GET /s/:site/form, a server-side include)', () => {
  it('is there to fill with no script, and sent is confirmed once on the service’s write page, then stored once', async () => {
    const context = await browser.page.context().browser()!.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      await page.goto(`${HOST}/included.html`);
      const title = `县政府网站上没有脚本写的留言 ${Date.now()}`;
      await fillPlainForm(page, title, citizenPhone());
      // The county's own ids are its own: the form's labels lead to the form's fields.
      expect(await page.locator('h1#title').textContent()).toBe('示范县人民政府 · 给领导留言');
      expect(await page.getByLabel('标题', { exact: true }).evaluate((el) => el.tagName)).toBe('INPUT');
      // Nor do its rules (a CSS framework's `.row`) reach the form: every field within it.
      const box = (await page.locator('form.plain-form').boundingBox())!;
      for (const label of ['姓名', '联系电话']) {
        const field = (await page.getByLabel(label, { exact: true }).boundingBox())!;
        expect(field.x, label).toBeGreaterThanOrEqual(box.x);
        expect(field.x + field.width, label).toBeLessThanOrEqual(box.x + box.width);
      }
      // The hidden field is hidden without the service's style sheet.
      expect(await page.locator('input[name="homepage"]').isVisible()).toBe(false);
      await page.getByRole('button', { name: '提交留言' }).click();
      await page.waitForURL(`${WORKER}/s/demo/write`);
      expect(await page.locator('[id="liuyan-form-error"]').textContent()).toBe('请核对后再提交一次：填写的内容都在下面。');
      expect(await page.getByLabel('标题', { exact: true }).inputValue()).toBe(title);
      expect(countMessagesTitled(title)).toBe(0);
      await page.getByRole('button', { name: '提交留言' }).click();
      await page.locator('#tracking-code').waitFor();
      expect((await page.locator('#tracking-code').textContent())!.trim()).toMatch(TRACKING_CODE);
      expect(countMessagesTitled(title)).toBe(1);
      // Written on the county's page: its source, though confirmed on the write page.
      expect(queryD1<{ source_origin: string }>(inject('persistTo'), `SELECT source_origin FROM messages WHERE title = '${title}'`)[0]!.source_origin).toBe(HOST);
    } finally {
      await context.close();
    }
  });

  it('is taken over by the element on the county’s page with what was typed, and sends from there', async () => {
    const { page } = browser;
    const release = await holdRequests(page, '**/widget/**/*.js');
    await page.goto(`${HOST}/included.html`, { waitUntil: 'commit' });
    await page.locator('liuyan-form form.plain-form button[type=submit]').waitFor();
    const title = `县政府网站上先写后接管的留言 ${Date.now()}`;
    await fillPlainForm(page, title, citizenPhone());
    await page.locator('form.plain-form #liuyan-body').click();
    release();
    const form = page.locator('liuyan-form [part="form"]');
    await form.waitFor();
    expect(await form.getByLabel('标题', { exact: true }).inputValue()).toBe(title);
    expect(await form.getByLabel('留言对象', { exact: true }).inputValue()).not.toBe('');
    expect(await form.getByLabel(/我已阅读并同意隐私声明/).isChecked()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.querySelector('liuyan-form')!.shadowRoot!.activeElement?.id)).toBe('body');
    expect(await page.locator('form.plain-form').isVisible()).toBe(false);
    await form.getByRole('button', { name: '提交留言' }).click();
    await page.locator('liuyan-form [part="tracking-code"]').waitFor();
    expect(countMessagesTitled(title)).toBe(1);
    expect(page.url()).toBe(`${HOST}/included.html`);
  });

  it('on a website the site does not allow, says so in place of the form, which could not be sent from there either', async () => {
    const { page } = browser;
    await page.goto(`${FOREIGN}/included.html`);
    const notice = page.locator('liuyan-form [role="alert"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('尚未开通留言板');
    expect(await page.locator('form.plain-form').isVisible()).toBe(false);
  });
});

describe('the form the loader builds into a page that has nothing but the loader (GET /v1/sites/:site/form)', () => {
  it('is there to write in before the element’s file has come, is taken over with what was typed, and sends from the county’s page', async () => {
    const { page } = browser;
    // The element's file held back (a slow connection); the loader and the form as data come.
    const release = await holdRequests(page, '**/widget/**/liuyan-form*.js');
    await page.goto(`${HOST}/`, { waitUntil: 'commit' });
    await page.locator('liuyan-form form.plain-form button[type=submit]').waitFor();
    expect(await page.evaluate(() => customElements.get('liuyan-form'))).toBeUndefined();
    // Built from data, not from markup: the same form as the write page's, styled, its hidden field hidden.
    expect(await page.locator('liuyan-form form.plain-form').getAttribute('action')).toBe(`${WORKER}/s/demo/write?lang=zh-CN`);
    expect(await page.locator('input[name="homepage"]').isVisible()).toBe(false);
    expect(await page.locator('form.plain-form button[type=submit]').evaluate((b) => getComputedStyle(b).minHeight)).toBe('44px');
    const title = `加载脚本先画出的表单里写的留言 ${Date.now()}`;
    await fillPlainForm(page, title, citizenPhone());
    await page.locator('form.plain-form #liuyan-body').click();
    const topOf = () => page.evaluate(() => {
      const form = document.querySelector('liuyan-form')!;
      const focused = form.shadowRoot?.activeElement ?? document.activeElement;
      return Math.round(focused!.getBoundingClientRect().top);
    });
    const before = await topOf();
    release();
    const form = page.locator('liuyan-form [part="form"]');
    await form.waitFor();
    // The field being typed in stays where it was on the screen, though the element's form has more above it.
    await expect.poll(() => page.evaluate(() => document.querySelector('liuyan-form')!.shadowRoot!.activeElement?.id)).toBe('body');
    expect(Math.abs((await topOf()) - before)).toBeLessThanOrEqual(2);
    expect(await form.getByLabel('标题', { exact: true }).inputValue()).toBe(title);
    expect(await form.getByLabel('留言对象', { exact: true }).inputValue()).not.toBe('');
    expect(await form.getByLabel(/我已阅读并同意隐私声明/).isChecked()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.querySelector('liuyan-form')!.shadowRoot!.activeElement?.id)).toBe('body');
    expect(await page.locator('form.plain-form').count()).toBe(0);
    await form.getByRole('button', { name: '提交留言' }).click();
    await page.locator('liuyan-form [part="tracking-code"]').waitFor();
    expect(countMessagesTitled(title)).toBe(1);
    expect(page.url()).toBe(`${HOST}/`);
  });

  it('lets a word begun before the element’s file came finish before taking the form over, with no key pressed between', async () => {
    const { page } = browser;
    const release = await holdRequests(page, '**/widget/**/liuyan-form*.js');
    await page.goto(`${HOST}/`, { waitUntil: 'commit' });
    const title = page.locator('form.plain-form #liuyan-title');
    await title.fill('县城');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'zhong', selectionStart: 5, selectionEnd: 5 });
    release();
    await page.waitForFunction(() => customElements.get('liuyan-form') !== undefined);
    await chooseWordAfterTakeOverWaited(page, cdp);
  });

  it('is not built over a draft from an earlier visit, which the element restores; nor twice on a page with two forms', async () => {
    const { page } = browser;
    await page.goto(`${HOST}/`);
    const own = page.locator('liuyan-form [part="form"]');
    await own.getByLabel('标题', { exact: true }).fill('上次没写完的留言');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('liuyan:demo:draft'))).toContain('上次没写完的留言');
    const asked: string[] = [];
    page.on('request', (r) => r.url().includes('/v1/sites/demo/form') && asked.push(r.url()));
    const release = await holdRequests(page, '**/widget/**/liuyan-form*.js');
    await page.reload({ waitUntil: 'commit' });
    await page.waitForTimeout(1000);
    // An empty form would hide the draft, and what was typed into it would replace it: none is built.
    expect(await page.locator('form.plain-form').count()).toBe(0);
    expect(asked).toEqual([]);
    release();
    expect(await own.getByLabel('标题', { exact: true }).inputValue()).toBe('上次没写完的留言');
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });

    // Two forms: the first only (the form's ids are fixed: a second one's labels would lead into the first).
    const again = await holdRequests(page, '**/widget/**/liuyan-form*.js');
    await page.goto(`${HOST}/two-forms.html`, { waitUntil: 'commit' });
    await page.locator('liuyan-form form.plain-form button[type=submit]').waitFor();
    await page.waitForTimeout(500);
    expect(await page.locator('liuyan-form:first-of-type > form.plain-form').count()).toBe(1);
    expect(await page.locator('form.plain-form').count()).toBe(1);
    // Asked for once, for the first element: the second's answer could otherwise come first.
    expect(asked).toHaveLength(1);
    again();
    await page.locator('liuyan-form[lang="en"] [part="form"]').waitFor();
    await page.locator('liuyan-form:first-of-type [part="form"]').waitFor();
    expect(await page.locator('form.plain-form').count()).toBe(0);
  });

  it('is not built on a website the site does not allow, nor once the element has drawn its own form', async () => {
    const { page } = browser;
    const asked: string[] = [];
    page.on('request', (r) => r.url().includes('/form?') && asked.push(r.url()));
    const release = await holdRequests(page, '**/widget/**/liuyan-form*.js');
    await page.goto(`${FOREIGN}/`, { waitUntil: 'commit' });
    await expect.poll(() => asked.length).toBe(1);
    await page.waitForTimeout(500);
    expect(await page.locator('form.plain-form').count()).toBe(0);
    release();
    await page.locator('liuyan-form [role="alert"]').waitFor();
    // The element's file first (the form as data held back): the element's own form, and nothing built beside it.
    const late = await holdRequests(page, '**/v1/sites/demo/form?*');
    await page.goto(`${HOST}/`);
    await page.locator('liuyan-form [part="form"]').waitFor();
    late();
    await page.waitForTimeout(500);
    expect(await page.locator('form.plain-form').count()).toBe(0);
  });
});

describe('a page with nothing but the site’s own loader (GET /s/:site/liuyan.js)', () => {
  it('builds the form from what the loader carries, asking for nothing more before the element’s file; the element then draws its form from the config it carries too', async () => {
    const { page } = browser;
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    const release = await holdRequests(page, '**/widget/**/liuyan-form*.js');
    await page.goto(`${HOST}/site-loader.html`, { waitUntil: 'commit' });
    await page.locator('liuyan-form form.plain-form button[type=submit]').waitFor();
    expect(await page.evaluate(() => customElements.get('liuyan-form'))).toBeUndefined();
    expect(await page.locator('liuyan-form form.plain-form').getAttribute('action')).toBe(`${WORKER}/s/demo/write?lang=zh-CN`);
    await page.locator('form.plain-form #liuyan-title').fill('一个脚本的页面里写的标题');
    release();
    const form = page.locator('liuyan-form [part="form"]');
    await form.waitFor();
    expect(await form.getByLabel('标题', { exact: true }).inputValue()).toBe('一个脚本的页面里写的标题');
    expect(await form.getByLabel('留言对象', { exact: true }).locator('option').count()).toBeGreaterThan(1);
    // The page asked for the site's loader and the element's files: neither the shared loader, nor
    // the form as data, nor the site config (each a round trip on a slow phone).
    expect(asked).toContain('/s/demo/liuyan.js');
    expect(asked.filter((path) => path.startsWith('/v1/') || path === '/widget/liuyan.js')).toEqual([]);
  });

  it('on a page in another language than the one it carries, asks for the form in the page’s language; on a website the site does not allow, says so', async () => {
    const { page } = browser;
    const asked: string[] = [];
    page.on('request', (r) => r.url().includes('/v1/sites/demo/form') && asked.push(r.url()));
    const release = await holdRequests(page, '**/widget/**/liuyan-form*.js');
    await page.goto(`${HOST}/site-loader.html?lang=en`, { waitUntil: 'commit' });
    await page.locator('liuyan-form form.plain-form button[type=submit]').waitFor();
    expect(asked).toEqual([`${WORKER}/v1/sites/demo/form?lang=en`]);
    expect(await page.locator('liuyan-form form.plain-form button[type=submit]').textContent()).not.toContain('提交');
    release();
    await page.locator('liuyan-form [part="form"]').waitFor();

    await page.goto(`${FOREIGN}/site-loader.html`);
    await page.locator('liuyan-form [role="alert"]').waitFor();
    expect(await page.locator('form.plain-form').count()).toBe(0);
  });
});

describe('a page’s form sent before the element’s file came, the connection dropping on the way', () => {
  it('the write page’s own form, sent and stored: going back to it, the element takes nothing the browser fills in again for typing', async () => {
    const { page } = browser;
    await page.route(FORM_FILE, (route) => route.abort('connectionfailed'));
    await page.goto(`${WORKER}/s/demo/write`);
    const title = `从写留言页直接提交后返回 ${Date.now()}`;
    await fillPlainForm(page, title, citizenPhone());
    await page.locator('form.plain-form button[type=submit]').click();
    await page.locator('#tracking-code').waitFor();
    expect(countMessagesTitled(title)).toBe(1);
    await page.unroute(FORM_FILE);
    await page.goBack();
    const form = page.locator('liuyan-form [part="form"]');
    await form.waitFor();
    // The browser filled some of the page's form in again (the letter, the choices, the name); none of it is a draft to send.
    expect(await form.getByLabel('留言内容', { exact: true }).inputValue()).toBe('');
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => [localStorage.getItem('liuyan:demo:draft'), sessionStorage.getItem('liuyan:demo:sent')])).toEqual([null, null]);
    expect(await form.getByText('已恢复').count()).toBe(0);
  });

  it('a record of an earlier restore whose draft was sent from another tab is dropped, with no notice', async () => {
    const { page } = browser;
    await page.goto(`${HOST}/`);
    await page.locator('liuyan-form [part="form"]').waitFor();
    await page.evaluate(() => {
      sessionStorage.setItem('liuyan:demo:sent', JSON.stringify({ page: 1, taken: true }));
      sessionStorage.setItem('liuyan:demo:draft', JSON.stringify({ name: '陈明', phone: '13912345678' }));
    });
    await page.reload();
    const form = page.locator('liuyan-form [part="form"]');
    await form.waitFor();
    await page.waitForTimeout(500);
    expect(await form.getByText('本页没有收到提交结果').count()).toBe(0);
    expect(await page.evaluate(() => sessionStorage.getItem('liuyan:demo:sent'))).toBeNull();
  });

  it('the element coming while the answer is on its way takes nothing over and keeps no draft; a later page finds what was sent', async () => {
    const { page } = browser;
    const release = await holdRequests(page, '**/widget/**/liuyan-form*.js');
    await page.goto(`${HOST}/`, { waitUntil: 'commit' });
    await page.locator('liuyan-form form.plain-form button[type=submit]').waitFor();
    const title = `答复还在路上时到来的脚本 ${Date.now()}`;
    await fillPlainForm(page, title, citizenPhone());
    // Sent as it is, its answer slow (the submit fired, the navigation not yet there), the element's file comes.
    await page.locator('form.plain-form').evaluate((form) => form.dispatchEvent(new Event('submit', { cancelable: true })));
    release();
    await page.waitForFunction(() => customElements.get('liuyan-form') !== undefined);
    await page.waitForTimeout(1500);
    expect(await page.locator('form.plain-form').count()).toBe(1);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(title);
    // Had the answer never come, the citizen who opens the page again finds it, said to have been sent.
    await page.reload();
    const form = page.locator('liuyan-form [part="form"]');
    await form.waitFor();
    expect(await form.getByLabel('标题', { exact: true }).inputValue()).toBe(title);
    await expect.poll(() => form.getByText('本页没有收到提交结果').count()).toBe(1);
    await form.getByRole('button', { name: '清空重写' }).click();
    expect(await page.evaluate(() => [sessionStorage.getItem('liuyan:demo:sent'), localStorage.getItem('liuyan:demo:draft')])).toEqual([null, null]);
  });


  for (const [what, address] of [['the loader’s form', `${HOST}/`], ['the form set into the county’s page', `${HOST}/included.html`]] as const) {
    it(`${what}: what was sent is in the element’s form when the citizen comes back, said to have been sent`, async () => {
      const { page } = browser;
      const context = page.context();
      // The element's file never comes; the network goes as the form is sent.
      await page.route(FORM_FILE, (route) => route.abort('connectionfailed'));
      await page.goto(address);
      await page.locator('liuyan-form form.plain-form button[type=submit]').waitFor();
      const title = `断网时从本页提交的留言 ${Date.now()}`;
      const phone = citizenPhone();
      await fillPlainForm(page, title, phone);
      await context.setOffline(true);
      await page.locator('form.plain-form button[type=submit]').click();
      await page.waitForURL(/^chrome-error:/);
      // Back online, the element's file with it; the citizen goes back to the county's page.
      await context.setOffline(false);
      await page.unroute(FORM_FILE);
      await page.goBack();
      const form = page.locator('liuyan-form [part="form"]');
      await form.waitFor();
      expect(await form.getByLabel('标题', { exact: true }).inputValue()).toBe(title);
      expect(await form.getByLabel('联系电话', { exact: true }).inputValue()).toBe(phone);
      expect(await form.getByLabel('留言对象', { exact: true }).inputValue()).not.toBe('');
      await expect.poll(() => form.getByText('本页没有收到提交结果').count()).toBe(1);
      expect(await page.locator('form.plain-form').count()).toBe(0);
      expect(countMessagesTitled(title)).toBe(0);
      // Still said to have been sent after a reload, until it is sent or begun again.
      await page.reload();
      await expect.poll(() => form.getByText('本页没有收到提交结果').count()).toBe(1);
      expect(await form.getByLabel('标题', { exact: true }).inputValue()).toBe(title);
      // Sent from the element, it is stored once; nothing of it is kept afterwards.
      await form.getByRole('button', { name: '提交留言' }).click();
      await page.locator('liuyan-form [part="tracking-code"]').waitFor();
      expect(countMessagesTitled(title)).toBe(1);
      expect(await page.evaluate(() => [sessionStorage.getItem('liuyan:demo:sent'), localStorage.getItem('liuyan:demo:draft')])).toEqual([null, null]);
    });
  }
});

/** The slug of the drive a message titled `title` was written to, or null. */
const driveOf = (title: string) => queryD1<{ slug: string | null }>(inject('persistTo'),
  `SELECT c.slug FROM messages m LEFT JOIN campaigns c ON c.id = m.campaign_id WHERE m.title = '${title.replaceAll("'", "''")}'`)[0]?.slug ?? null;

describe('a suggestion drive’s page with its form as HTML (/s/:site/campaigns/:slug)', () => {
  it('is written and sent to the drive with no script, confirmed once', async () => {
    const context = await browser.page.context().browser()!.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      await page.goto(`${WORKER}/s/demo/campaigns/jianyan-2026`);
      const title = `没有脚本的建言 ${Date.now()}`;
      await fillPlainForm(page, title, citizenPhone(), { drive: true });
      await page.getByRole('button', { name: '提交留言' }).click();
      await page.waitForURL(`${WORKER}/s/demo/write`);
      expect(await page.locator('[id="liuyan-form-error"]').textContent()).toBe('请核对后再提交一次：填写的内容都在下面。');
      await page.getByRole('button', { name: '提交留言' }).click();
      await page.locator('#tracking-code').waitFor();
      expect(driveOf(title)).toBe('jianyan-2026');
    } finally {
      await context.close();
    }
  });

  it('is taken over by the element with what was typed, and sent to the drive', async () => {
    const { page } = browser;
    const release = await holdRequests(page, '**/widget/**/*.js');
    await page.goto(`${WORKER}/s/demo/campaigns/jianyan-2026`, { waitUntil: 'commit' });
    await page.locator('liuyan-form form.plain-form button[type=submit]').waitFor();
    const title = `先写后接管的建言 ${Date.now()}`;
    await fillPlainForm(page, title, citizenPhone(), { drive: true });
    release();
    const form = page.locator('liuyan-form [part="form"]');
    await form.waitFor();
    expect(await form.getByLabel('标题', { exact: true }).inputValue()).toBe(title);
    expect(await form.getByLabel('留言对象', { exact: true }).inputValue()).not.toBe('');
    await form.getByRole('button', { name: '提交留言' }).click();
    await page.locator('liuyan-form [part="tracking-code"]').waitFor();
    expect(driveOf(title)).toBe('jianyan-2026');
  });
});
