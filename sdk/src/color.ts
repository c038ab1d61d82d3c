// A site's colour (the hosted pages' header and buttons, white text on it): one rule for the admin
// API's check and the console's, with no schema library, so the console can bundle it.

/** The relative luminance of `#rrggbb`, 0 (black) to 1 (white), by WCAG 2.x (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance). */
export function luminance(color: string): number {
  const channel = (i: number) => {
    const c = parseInt(color.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The contrast ratio of two `#rrggbb` colours, either order: 1 (the same) to 21 (black and white), by WCAG 2.x. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The contrast of white text on `#rrggbb`, by WCAG 2.x's relative luminance
 * (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): 1 (white) to 21 (black).
 */
export function contrastWithWhite(color: string): number {
  return 1.05 / (luminance(color) + 0.05);
}

/** White text needs 4.5:1 on a button or header (WCAG 2.x, 1.4.3 AA, normal text). */
export const THEME_CONTRAST_MIN = 4.5;

/** `#rrggbb`, either case. */
export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** Whether white text can be read on `color` (`#rrggbb`). */
export const readableUnderWhiteText = (color: string) => contrastWithWhite(color) >= THEME_CONTRAST_MIN;

/** `#rrggbb` mixed with `toward` (`#rrggbb`) by `share` (0: unchanged, 1: `toward`), each channel in sRGB, rounded. */
function mix(color: string, toward: string, share: number): string {
  const channel = (hex: string, i: number) => parseInt(hex.slice(i, i + 2), 16);
  return `#${[1, 3, 5].map((i) => Math.round(channel(color, i) + (channel(toward, i) - channel(color, i)) * share).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The site's colour as text or a button on `background` (`#rrggbb`): itself when it already reaches
 * `min` (a contrast ratio) there, else the least mix of it with white (on a dark background) or
 * black (on a light one) that does, so it keeps its hue: the site's red as a lighter red on a dark
 * page. Lower case `#rrggbb`.
 */
export function readableOn(color: string, background: string, min: number): string {
  const toward = luminance(background) < 0.18 ? '#ffffff' : '#000000';
  for (let step = 0; step <= 20; step++) {
    const candidate = mix(color.toLowerCase(), toward, step / 20);
    if (contrastRatio(candidate, background) >= min) return candidate;
  }
  return toward;
}
