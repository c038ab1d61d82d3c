// The room inside the elements is one custom property, `--liuyan-space` (ui/tokens.styles.ts): a host
// page makes a form denser or roomier without touching its text size.
import { describe, expect, it } from 'vitest';
import { useBrowserPage } from './helpers';
import { HOST } from './ports';

const browser = useBrowserPage();

describe('--liuyan-space', () => {
  it('sets every gap and padding of the form: 1em by default, half of each at 0.5em, the text the same size', async () => {
    const { page } = browser;
    await page.goto(`${HOST}/`);
    const form = page.locator('liuyan-form');
    await form.locator('[part="submit"]').waitFor();
    /** The gap between the form's fields, the send button's padding and the text size, in px. */
    const room = () => form.evaluate((element) => {
      const root = element.shadowRoot!;
      const submit = getComputedStyle(root.querySelector('[part="submit"]')!);
      return {
        fields: parseFloat(getComputedStyle(root.querySelector('form')!).rowGap),
        button: [parseFloat(submit.paddingTop), parseFloat(submit.paddingLeft)],
        text: parseFloat(getComputedStyle(element).fontSize),
      };
    });
    // The defaults: 1em of 16px between fields; the button 0.5em × 1.2em.
    expect(await room()).toEqual({ fields: 16, button: [8, 19.2], text: 16 });
    await form.evaluate((element) => element.style.setProperty('--liuyan-space', '0.5em'));
    expect(await room()).toEqual({ fields: 8, button: [4, 9.6], text: 16 });
    await form.evaluate((element) => element.style.setProperty('--liuyan-space', '12px'));
    expect(await room()).toEqual({ fields: 12, button: [6, 14.4], text: 16 });
  });
});
