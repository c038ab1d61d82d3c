// A site's colour (the hosted pages' header and buttons, white text on it): one rule for the admin
// API's check and the console's, with no schema library, so the console can bundle it.

/**
 * The contrast of white text on `#rrggbb`, by WCAG 2.x's relative luminance
 * (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): 1 (white) to 21 (black).
 */
export function contrastWithWhite(color: string): number {
  const channel = (i: number) => {
    const c = parseInt(color.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

/** White text needs 4.5:1 on a button or header (WCAG 2.x, 1.4.3 AA, normal text). */
export const THEME_CONTRAST_MIN = 4.5;

/** `#rrggbb`, either case. */
export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** Whether white text can be read on `color` (`#rrggbb`). */
export const readableUnderWhiteText = (color: string) => contrastWithWhite(color) >= THEME_CONTRAST_MIN;
