// Picking who to write to: a department is one choice in one list, found under the leader it belongs to.
import { describe, expect, it } from 'vitest';
import { fillForm, useBrowserPage } from './helpers';
import { HOST, WORKER } from './ports';

const browser = useBrowserPage();

describe('<liuyan-form>: the recipient picker', () => {
  it('finds 县教育局 in one step on the demo, in the group of the county head, and sends the message to it', async () => {
    await browser.page.setViewportSize({ width: 390, height: 844 });
    await browser.page.goto(`${HOST}/`);
    const form = browser.page.locator('liuyan-form');
    await form.locator('[part="form"]').waitFor();
    const picker = form.getByLabel('留言对象', { exact: true });
    // One control: no second list appears after a choice.
    expect(await form.locator('select#unitId').count()).toBe(1);
    expect(await picker.locator('optgroup[label="示范县县长"] option').allTextContents()).toContain('示范县教育局');

    let sentTo = '';
    browser.page.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === `${WORKER}/v1/sites/demo/messages`) sentTo = request.postDataJSON().unitId;
    });
    await fillForm(browser.page, { title: '建议增加校车线路', body: '城东新区的孩子上学要走很远，建议增加一条校车线路。', department: '示范县教育局' });
    expect(await form.locator('select').count()).toBe(3); // the picker, the domain and the display name: no second list
    await form.getByRole('button', { name: '提交留言' }).click();
    await form.locator('[part="receipt"]').waitFor();
    expect(sentTo).toBe('u_edu');
  });

  it('on a tree too large for the config (~2,400 units), loads a level when one is chosen and finds a unit by search', async () => {
    const page = browser.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${HOST}/`);
    // The county page, with a form of the national site added beside its own.
    await page.evaluate(() => {
      const form = document.createElement('liuyan-form');
      form.setAttribute('site', 'national');
      document.body.appendChild(form);
    });
    const form = page.locator('liuyan-form[site="national"]');
    await form.locator('[part="form"]').waitFor();
    const chosen = form.locator('#unitId-chosen');

    // Level by level: a province, then its leaders and cities, loaded when it is chosen.
    await form.getByLabel('请选择领导或部门', { exact: true }).selectOption({ label: '河北省' });
    const below = form.getByLabel('河北省下属单位', { exact: true });
    await below.waitFor();
    expect(await below.locator('option').allTextContents()).toEqual(expect.arrayContaining(['河北省委书记', '河北省长']));
    await below.selectOption({ label: '河北省长' });
    await form.getByLabel('河北省长下属单位', { exact: true }).selectOption({ label: '河北教育厅' });
    await expect.poll(() => chosen.textContent()).toBe('已选择：河北省 › 河北省长 › 河北教育厅');

    // By name: the answers say where each unit sits; choosing one says so.
    await form.getByLabel('按名称搜索', { exact: true }).fill('教育部');
    await form.getByLabel('按名称搜索', { exact: true }).press('Enter'); // searches; never sends the half-filled form
    const result = form.getByRole('button', { name: /^教育部/ });
    await result.waitFor();
    // Said in one sentence in a live region, not the list read out at each letter.
    expect(await form.locator('[aria-live="polite"]').filter({ hasText: /^\s*找到 \d+ 个单位\s*$/ }).count()).toBe(1);
    expect(await form.locator('[aria-live] .unit-results').count()).toBe(0);
    await result.click();
    await expect.poll(() => chosen.textContent()).toBe('已选择：教育部');
    expect(await form.locator('[role="alert"]').count()).toBe(0);
    await form.getByLabel('按名称搜索', { exact: true }).fill('天津市长');
    await form.getByRole('button', { name: /^天津市长/ }).click();
    await expect.poll(() => chosen.textContent()).toBe('已选择：天津市 › 天津市长');
    // By pinyin, as typed on a phone keyboard: full or initials.
    await form.getByLabel('按名称搜索', { exact: true }).fill('jiaoyubu');
    await form.getByRole('button', { name: /^教育部/ }).click();
    await expect.poll(() => chosen.textContent()).toBe('已选择：教育部');
  });
});
