// The console's colours in each theme, beyond the tokens it shares with the widget
// (ui/tokens.styles.ts: text, surface, primary, status …): the page behind its cards, shaded blocks
// (a message's text, a retired unit) and the grey visibility tag. One place, read by the console's
// stylesheet (liuyan-console.styles.ts) and by its page's (page.css, written by the build). No
// library here: the build script imports it too.
import { DARK, SYSTEM_DARK, SYSTEM_MORE_CONTRAST } from '../ui/theme-media';

/** A palette of the console's own colours, each `#rgb` or `#rrggbb`. */
export interface ConsolePalette {
  /** Behind the pages' cards: the document's background. */
  page: string;
  /** A shaded block: a message's text, a retired unit. */
  shade: string;
  /** The background of the grey tag (公开 / 不公开). */
  tag: string;
}

export const CONSOLE_PALETTES: Record<'light' | 'dark' | 'high-contrast', ConsolePalette> = {
  light: { page: '#f4f4f4', shade: '#f7f7f7', tag: '#eceff3' },
  // The dark page of the hosted pages too (ui/theme-media.ts).
  dark: { page: DARK.page, shade: DARK.shade, tag: '#2c2c30' },
  'high-contrast': { page: '#fff', shade: '#fff', tag: '#fff' },
};

/** The console page's own stylesheet (public/console/page.css): its background in each theme, and no margin. */
export const CONSOLE_PAGE_CSS = `html { background: ${CONSOLE_PALETTES.light.page}; color-scheme: light; }
body { margin: 0; }
@media ${SYSTEM_DARK} { html { background: ${CONSOLE_PALETTES.dark.page}; color-scheme: dark; } }
@media ${SYSTEM_MORE_CONTRAST} { html { background: ${CONSOLE_PALETTES['high-contrast'].page}; } }
`;
