// What a citizen types is understood in the form exactly as the service understands it: characters
// are counted the same way, empty-looking text is refused before sending, the name preview is what
// will be published, errors sit with their fields and take the focus, contact details stay off the
// device, and the citizen is told plainly when the site is not set up or when to wait.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DISPLAY_NAME_CASES } from '../sdk/src/display-name.cases';
import { citizenPhone, countMessagesTitled, fillForm, useBrowserPage } from './helpers';
import { FOREIGN, HOST, WORKER } from './ports';

const browser = useBrowserPage();

async function openForm(): Promise<Locator> {
  await browser.page.goto(`${HOST}/`);
  const form = browser.page.locator('liuyan-form');
  await form.locator('[part="form"]').waitFor();
  return form;
}

/** The id of the element that has the focus inside the form's shadow root. */
const focusedId = (page: Page) => page.evaluate(() => document.querySelector('liuyan-form')!.shadowRoot!.activeElement?.id ?? null);
/** Counts the submissions the page sends from now on. */
function countSubmissions(page: Page): () => number {
  let posts = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url() === `${WORKER}/v1/sites/demo/messages`) posts++;
  });
  return () => posts;
}

describe('<liuyan-form>: counting and checking what is typed', () => {
  it('counts characters as the service does: 50 emoji fill the title, none is dropped, the 51st is refused beside the field', async () => {
    const form = await openForm();
    const posts = countSubmissions(browser.page);
    expect(await form.locator('input[maxlength], textarea[maxlength]').count()).toBe(0);
    const title = form.getByLabel('标题', { exact: true });
    await title.fill('😀'.repeat(49));
    await title.pressSequentially('𠮷');
    expect([...await title.inputValue()]).toHaveLength(50);
    expect(await form.locator('#title-counter').textContent()).toBe('50/50');
    await title.pressSequentially('😀');
    expect(await form.locator('#title-counter').textContent()).toBe('51/50');
    expect(await form.locator('#title-counter').getAttribute('class')).toContain('over');

    await fillForm(browser.page, { title: '😀'.repeat(51), body: '县城的路灯坏了很久没人修，晚上出行很不方便。' });
    await form.getByRole('button', { name: '提交留言' }).click();
    await expect.poll(() => form.locator('#title-error').textContent()).toBe('标题不能超过50个字');
    expect(await focusedId(browser.page)).toBe('title');
    expect(await title.getAttribute('aria-describedby')).toBe('title-error title-counter');
    expect(posts()).toBe(0);

    // Back to 50: accepted by the service as the form promised.
    await title.fill('😀'.repeat(50));
    await form.getByRole('button', { name: '提交留言' }).click();
    await form.locator('[part="tracking-code"]').waitFor();
    expect(countMessagesTitled('😀'.repeat(50))).toBeGreaterThanOrEqual(1);
  });

  it('refuses empty-looking and malformed text before sending, and counts region and name too', async () => {
    const form = await openForm();
    const posts = countSubmissions(browser.page);
    await fillForm(browser.page, { title: '\u200b\u200b\u200b\u200b', body: '县城的路灯坏了很久没人修，晚上出行很不方便。' });
    await form.getByLabel('所在地区', { exact: true }).fill('城关镇\u202e幸福村');
    await form.getByLabel('姓名', { exact: true }).fill('\u3164\u3164');
    await form.getByRole('button', { name: '提交留言' }).click();
    await expect.poll(() => form.locator('#title-error').textContent()).toBe('请填写标题');
    expect(await form.locator('#region-error').textContent()).toContain('不允许的字符');
    expect(await form.locator('#author\\.name-error').textContent()).toBe('请填写姓名');
    expect(await focusedId(browser.page)).toBe('title');
    expect(posts()).toBe(0);
    // The site's minimum lengths, with counters on every typed field.
    await form.getByLabel('标题', { exact: true }).fill('路灯');
    await form.getByRole('button', { name: '提交留言' }).click();
    await expect.poll(() => form.locator('#title-error').textContent()).toBe('标题至少需要4个字');
    for (const id of ['title', 'body', 'region', 'author\\.name']) expect(await form.locator(`#${id}-counter`).count(), id).toBe(1);
    expect(await form.locator('#region-counter').textContent()).toBe('7/50');
  });

  it('previews the display name exactly as the board will publish it', async () => {
    const form = await openForm();
    const names = new Map<string, Map<string, string>>();
    for (const [name, displayAs, shown] of DISPLAY_NAME_CASES) names.set(name, (names.get(name) ?? new Map()).set(displayAs, shown));
    const values = { masked: 'masked', mr: 'mr', ms: 'ms' } as const;
    for (const [name, shownAs] of names) {
      await form.getByLabel('姓名', { exact: true }).fill(name);
      for (const [displayAs, shown] of shownAs) {
        expect(await form.locator(`select[id="author.displayAs"] option[value="${values[displayAs as keyof typeof values]}"]`).textContent(), name).toBe(shown);
      }
    }
  });
});

describe('<liuyan-form>: errors with their fields, wording, privacy', () => {
  it('with only the type missing, focus goes to the first type choice, and every error is named by its control', async () => {
    const form = await openForm();
    await form.getByRole('button', { name: '提交留言' }).click();
    // Choices say 请选择, typed fields 请填写; the first missing field (the recipient) has the focus.
    await expect.poll(() => form.locator('#unitId-error').textContent()).toBe('请选择留言对象');
    expect(await form.locator('#type-error').textContent()).toBe('请选择留言类型');
    expect(await form.locator('#domain-error').textContent()).toBe('请选择所属领域');
    expect(await form.locator('#title-error').textContent()).toBe('请填写标题');
    expect(await focusedId(browser.page)).toBe('unitId');
    for (const [control, error] of [['#unitId', 'unitId-error'], ['#domain', 'domain-error'], ['#consent', 'consent-error'], ['input[name="type"] >> nth=0', 'type-error']] as const) {
      expect(await form.locator(control).getAttribute('aria-describedby'), control).toContain(error);
      // Not an alert each: the focus says the first, the line beside the send button how many (once).
      expect(await form.locator(`#${error}`).getAttribute('role'), error).toBeNull();
    }
    const errorLines = await form.locator('p.error[id$="-error"]').count();
    expect(errorLines).toBeGreaterThanOrEqual(6);
    expect(await form.locator('[part="status"][role="status"] [part="fix-fields"]').textContent()).toBe(`有${errorLines}处填写有误，请按各项下方的提示修改。`);
    expect(await form.locator('[role="alert"]').count()).toBe(0);

    // Everything but the type.
    await form.getByLabel('留言对象', { exact: true }).selectOption({ label: '示范县县长' });
    await form.getByLabel('所属领域', { exact: true }).selectOption({ label: '交通' });
    await form.getByLabel('标题', { exact: true }).fill('县城的路灯坏了');
    await form.getByLabel('留言内容', { exact: true }).fill('县城的路灯坏了很久没人修，晚上出行很不方便。');
    await form.getByLabel('所在地区', { exact: true }).fill('示范县城关镇');
    await form.getByLabel('姓名', { exact: true }).fill('陈明');
    await form.getByLabel('联系电话', { exact: true }).fill(citizenPhone());
    await form.getByLabel(/我已阅读并同意隐私声明/).check();
    // Each answer corrected takes its error away, and the count beside the send button follows.
    expect(await form.locator('[part="fix-fields"]').textContent()).toBe('有1处填写有误，请按各项下方的提示修改。');
    await form.getByRole('button', { name: '提交留言' }).click();
    await expect.poll(() => form.locator('#type-error').textContent()).toBe('请选择留言类型');
    expect(await form.locator('p.error[id$="-error"]').count()).toBe(1);
    expect(await form.locator('[part="fix-fields"]').textContent()).toBe('有1处填写有误，请按各项下方的提示修改。');
    expect(await browser.page.evaluate(() => {
      const active = document.querySelector('liuyan-form')!.shadowRoot!.activeElement as HTMLInputElement | null;
      return active ? `${active.name}:${active.type}:${active.value}` : null;
    })).toBe('type:radio:suggestion');
  });

  it('marks required fields and links the consent box to the privacy notice', async () => {
    const form = await openForm();
    expect(await form.getByText('为必填项').count()).toBe(1);
    for (const label of ['标题', '留言内容', '所在地区', '姓名', '联系电话']) {
      expect(await form.getByLabel(label, { exact: true }).getAttribute('required'), label).not.toBeNull();
    }
    expect(await form.getByLabel('电子邮箱（选填）').getAttribute('required')).toBeNull();
    const notice = form.locator('#privacy-notice');
    await notice.getByText('阅读隐私声明').click();
    // The notice Liuyan ships is a file of its own, fetched at the first focus or when it is opened.
    await expect.poll(() => notice.textContent()).toContain('《中华人民共和国个人信息保护法》');
    expect(await form.locator('#consent').getAttribute('aria-describedby')).toContain('privacy-notice');
  });

  it('keeps contact details for this tab only: not in the draft on the device; the receipt is not cached', async () => {
    const form = await openForm();
    const title = `小区电梯经常故障 ${Date.now()}`;
    const phone = citizenPhone();
    await fillForm(browser.page, { title, body: '城关镇幸福小区3号楼电梯一个月坏了四次，老人上下楼很困难。', phone });
    await form.getByLabel('电子邮箱（选填）').fill('chenming@example.com');
    const stored = () => browser.page.evaluate(() => ({ local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }) }));
    await expect.poll(async () => (await stored()).local).toContain(title);
    const { local, session } = await stored();
    for (const personal of ['陈明', phone, 'chenming@example.com']) {
      expect(local, personal).not.toContain(personal);
      expect(session, personal).toContain(personal);
    }
    // A reload in the same tab restores everything; the contact details came from the session.
    await browser.page.reload();
    await form.locator('[part="form"]').waitFor();
    expect(await form.getByLabel('联系电话', { exact: true }).inputValue()).toBe(phone);

    const answer = browser.page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${WORKER}/v1/sites/demo/messages`);
    await form.getByRole('button', { name: '提交留言' }).click();
    expect((await answer).headers()['cache-control']).toBe('no-store');
    await form.locator('[part="tracking-code"]').waitFor();
    expect((await stored()).local).not.toContain(title);
  });

  it('two tabs keep each its own draft through a reload; a page opened later gets that of the tab last written in or closed', async () => {
    const tabA = browser.page;
    const formA = await openForm();
    const titleA = `A写的路灯问题 ${Date.now()}`;
    await fillForm(tabA, { title: titleA, body: '城关镇幸福路的路灯坏了一个星期，晚上走路很不安全。' });
    const open = async () => {
      const page = await browser.context.newPage();
      await page.goto(`${HOST}/`);
      const form = page.locator('liuyan-form');
      await form.locator('[part="form"]').waitFor();
      return { page, title: form.getByLabel('标题', { exact: true }) };
    };
    const tabB = await open();
    expect(await tabB.title.inputValue()).toBe(titleA);
    const titleB = `B写的学校门口拥堵 ${Date.now()}`;
    await tabB.title.fill(titleB);
    await tabB.page.locator('liuyan-form').getByLabel('留言内容', { exact: true }).fill('学校门口每天放学都堵车，请安排交警疏导。');
    // A types one more word after B.
    await formA.getByLabel('所在地区', { exact: true }).fill('示范县城关镇二村');

    await tabB.page.reload();
    await tabB.page.locator('liuyan-form [part="form"]').waitFor();
    expect(await tabB.title.inputValue()).toBe(titleB);
    await tabA.reload();
    await formA.locator('[part="form"]').waitFor();
    expect(await formA.getByLabel('标题', { exact: true }).inputValue()).toBe(titleA);
    expect(await formA.getByLabel('所在地区', { exact: true }).inputValue()).toBe('示范县城关镇二村');

    // B closed: a page opened later finds B's words.
    const closed = tabB.page.waitForEvent('close');
    await tabB.page.close({ runBeforeUnload: true });
    await closed;
    const later = await open();
    expect(await later.title.inputValue()).toBe(titleB);
  });

  it('two forms of one site on a page keep each its own draft, and its own receipt, through a reload', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${HOST}/two-forms.html`);
    const [first, second] = [page.locator('liuyan-form').first(), page.locator('liuyan-form[lang="en"]')];
    await first.locator('[part="form"]').waitFor();
    await second.locator('[part="form"]').waitFor();
    const mine = `上面表单的信 ${Date.now()}`;
    await first.getByLabel('标题', { exact: true }).fill(mine);
    await first.getByLabel('留言内容', { exact: true }).fill('城关镇幸福路的路灯坏了一个星期，晚上走路很不安全。');
    // Typed into the other one last: it took the first one's draft, and the letter above was lost.
    await second.getByRole('textbox', { name: /^title/i }).fill('Below');
    await page.reload();
    await first.locator('[part="form"]').waitFor();
    await second.locator('[part="form"]').waitFor();
    expect(await first.getByLabel('标题', { exact: true }).inputValue()).toBe(mine);
    expect(await first.getByLabel('留言内容', { exact: true }).inputValue()).toBe('城关镇幸福路的路灯坏了一个星期，晚上走路很不安全。');
    expect(await second.getByRole('textbox', { name: /^title/i }).inputValue()).toBe('Below');
    // A receipt the second form showed comes back to it alone on a reload; the first keeps its letter.
    const keepReceipt = (name: string, title: string, trackingCode: string) => page.evaluate(([name, title, trackingCode]) => sessionStorage.setItem(name!, JSON.stringify({
      page: location.pathname + location.search, title, isPublic: true,
      created: { id: `m_${trackingCode}`, trackingCode, status: 'submitted', moderation: 'pending', dueAt: '2026-12-09T23:59:59+08:00' },
    })), [name, title, trackingCode]);
    await keepReceipt('liuyan:demo:receipt:2', 'Below', 'K7QM-4XPH-9TRW-2CVB');
    await page.reload();
    await expect.poll(() => second.locator('[part="tracking-code"]').textContent()).toContain('K7QM-4XPH-9TRW-2CVB');
    await first.locator('[part="form"]').waitFor();
    expect(await first.getByLabel('标题', { exact: true }).inputValue()).toBe(mine);
    expect(await first.locator('[part="tracking-code"]').count()).toBe(0);
    // The first form then shows a receipt of its own: on a reload, each form has its own back.
    await keepReceipt('liuyan:demo:receipt', mine, 'M4RT-8WQX-3JKP-6NHD');
    await page.reload();
    await expect.poll(() => first.locator('[part="tracking-code"]').textContent()).toContain('M4RT-8WQX-3JKP-6NHD');
    await expect.poll(() => second.locator('[part="tracking-code"]').textContent()).toContain('K7QM-4XPH-9TRW-2CVB');
    await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
    await page.close();
  });
});

describe('<liuyan-form>: told plainly, never retried', () => {
  it('on a website not yet allowed, says so at once, offers no retry, and tells the editor which origin to add', async () => {
    const warnings: string[] = [];
    browser.page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    const configRequests: string[] = [];
    browser.page.on('request', (request) => {
      if (request.url() === `${WORKER}/v1/sites/demo`) configRequests.push(request.url());
    });
    await browser.page.goto(`${FOREIGN}/`);
    const form = browser.page.locator('liuyan-form');
    await expect.poll(() => form.getByText('本网站尚未开通留言板').count()).toBe(1);
    // The address to allow, said on the page: the editor placing the box need not open the browser's tools.
    expect(await form.getByText('本网站尚未开通留言板').textContent()).toContain(`须在留言办理平台的站点设置中允许 ${FOREIGN}`);
    expect(await form.getByRole('button', { name: '重试' }).count()).toBe(0);
    expect(warnings.join('\n')).toContain(`origin ${FOREIGN} is not allowed`);
    expect(warnings.join('\n')).toContain('允许嵌入的网站');
    // The board on the same page says the same; so does tracking, whose lookup is a POST (its
    // preflight is answered so that the refusal can be read, not taken for a network failure).
    // The board may mount after the form has answered, so its request is counted once it has.
    await expect.poll(() => browser.page.locator('liuyan-list').getByText('本网站尚未开通留言板').count()).toBe(1);
    // The notice alone: no tab, filter or search that would only ask again.
    expect(await browser.page.locator('liuyan-list [role="tablist"], liuyan-list input, liuyan-list select').count()).toBe(0);
    expect(configRequests).toHaveLength(2); // one for the form, one for the board: none repeated
    const tracker = browser.page.locator('liuyan-track');
    await tracker.getByLabel('查询码').fill('K7QM-4XPH-9TRW-2CVB');
    await tracker.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => tracker.getByText('本网站尚未开通留言板').count()).toBe(1);
  });

  it('after too many messages from one phone today, asks to wait, once, and keeps what was typed', async () => {
    const phone = citizenPhone();
    const form = await openForm();
    const posts = countSubmissions(browser.page);
    for (let i = 0; i < 6; i++) {
      await fillForm(browser.page, { title: `同一电话的第${i + 1}条留言 ${Date.now()}`, body: '县城的路灯坏了很久没人修，晚上出行很不方便。', phone });
      await form.getByRole('button', { name: '提交留言' }).click();
      if (i < 5) {
        await form.locator('[part="tracking-code"]').waitFor();
        await form.getByRole('button', { name: '再写一条' }).click();
      }
    }
    // Until the day's end in China: in hours, or in minutes in its last hour and a half.
    // Whose count it is: the phone number's, not the page's.
    await expect.poll(() => form.getByText(/这个手机号提交得太频繁，请\d+(小时|分钟)后再试/).count()).toBe(1);
    expect(await focusedId(browser.page)).toBe('form-error');
    expect(posts()).toBe(6);
    expect(await form.getByLabel('标题', { exact: true }).inputValue()).toMatch(/^同一电话的第6条留言/);
  });
});
