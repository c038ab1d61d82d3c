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
});
