import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio, readableUnderWhiteText } from '../../../sdk/src/color';
import { askedTheme, palettes } from './theme';

/** Every colour with channels in steps of 0x11 (4,096) that the admin API accepts: white text readable on it. */
const SITE_COLOURS = Array.from({ length: 16 ** 3 }, (_, n) => `#${[n >> 8, (n >> 4) & 15, n & 15].map((c) => (c * 17).toString(16).padStart(2, '0')).join('')}`)
  .filter(readableUnderWhiteText);

/** The elements' dark `--liuyan-color-notice`. */
const DARK_NOTICE = /--liuyan-color-notice: (#[0-9a-f]{6});/.exec(readFileSync(new URL('../../../ui/tokens.styles.ts', import.meta.url), 'utf8'))![1]!;

/** `#fff` → `#ffffff`, so the contrast helper reads it. */
const long = (hex: string) => (hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex);

describe('the hosted pages’ palettes', () => {
  it('keep every site colour readable in each theme: 4.5:1 for links, tabs and buttons (7:1 in high contrast), 4.5:1 for white on the header', () => {
    expect(SITE_COLOURS.length).toBeGreaterThan(1000);
    let lowest = { dark: Infinity, 'high-contrast': Infinity };
    for (const colour of SITE_COLOURS) {
      const all = palettes(colour);
      for (const [theme, p] of Object.entries(all)) {
        const min = theme === 'high-contrast' ? 7 : 4.5;
        const c = (a: string, b: string) => contrastRatio(long(a), long(b));
        // Links and tabs sit on the surface (main, the tab bar); the page's own background holds no text.
        expect(c(p.primary, p.surface), `${colour} ${theme} primary`).toBeGreaterThanOrEqual(min);
        expect(c(p.onPrimary, p.primary), `${colour} ${theme} button text`).toBeGreaterThanOrEqual(4.5);
        expect(c('#ffffff', p.header), `${colour} ${theme} header`).toBeGreaterThanOrEqual(min);
      }
      // On dark, also on the elements' dark notice (ui/tokens.styles.ts), which holds primary-coloured buttons.
      const onNotice = contrastRatio(all.dark.primary, DARK_NOTICE);
      expect(onNotice, `${colour} dark primary on a notice`).toBeGreaterThanOrEqual(4.5);
      lowest = { dark: Math.min(lowest.dark, onNotice), 'high-contrast': Math.min(lowest['high-contrast'], contrastRatio(all['high-contrast'].primary, '#ffffff')) };
    }
    // Mixed in steps of 5%: never far past the threshold.
    expect(lowest.dark).toBeLessThan(4.7);
    expect(lowest['high-contrast']).toBeLessThan(7.2);
  });

  it('keep the site’s colour where it is already readable, and its hue where it is not', () => {
    expect(palettes('#b5121b').light.primary).toBe('#b5121b');
    expect(palettes('#000000')['high-contrast'].primary).toBe('#000000');
    // The default red on dark: a lighter red, not grey.
    const { primary } = palettes('#b5121b').dark;
    expect(primary).toBe('#da898d');
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(primary.slice(i, i + 2), 16)) as [number, number, number];
    expect(r).toBeGreaterThan(Math.max(g, b) + 60);
  });

  it('have readable text, hints and tags on every background', () => {
    for (const [theme, p] of Object.entries(palettes('#b5121b'))) {
      for (const background of [p.surface, p.page, p.shade]) {
        for (const [name, colour] of Object.entries({ text: p.text, muted: p.muted, adopted: p.adopted })) {
          expect(contrastRatio(long(colour), long(background)), `${theme} ${name} on ${background}`).toBeGreaterThanOrEqual(4.5);
        }
      }
    }
  });
});

describe('?theme=', () => {
  it('takes exactly light, dark, auto or high-contrast; anything else is no choice', () => {
    for (const theme of ['light', 'dark', 'auto', 'high-contrast'] as const) expect(askedTheme(theme)).toBe(theme);
    for (const other of [undefined, '', 'Dark', 'DARK', ' dark', 'sepia', 'dark"><script>', 'high contrast']) expect(askedTheme(other)).toBeNull();
  });
});
