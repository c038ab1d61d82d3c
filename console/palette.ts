// The console's colours in each theme, beyond the tokens it shares with the widget
// (ui/tokens.styles.ts: text, surface, primary, status …): the page behind its cards, shaded blocks
// (a message's text, a retired unit) and the grey visibility tag. One place, read by the console's
// stylesheet (liuyan-console.styles.ts) and by its page's (page.css, written by the build). No
// library here: the build script imports it too.

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
  // Beside the tokens' dark surface (#1b1b1d), as on the hosted pages (worker/src/hosted/theme.ts).
  dark: { page: '#121214', shade: '#242427', tag: '#2c2c30' },
  'high-contrast': { page: '#fff', shade: '#fff', tag: '#fff' },
};

/**
 * When the console is dark: the system's dark setting, unless it also asks for more contrast, which
 * wins (as in the elements' `theme="auto"`).
 */
export const SYSTEM_DARK = '(prefers-color-scheme: dark) and (not (prefers-contrast: more))';
/** When the console is in high contrast: the system asks for more contrast. */
export const SYSTEM_MORE_CONTRAST = '(prefers-contrast: more)';

/** The console page's own stylesheet (public/console/page.css): its background in each theme, and no margin. */
export const CONSOLE_PAGE_CSS = `html { background: ${CONSOLE_PALETTES.light.page}; color-scheme: light; }
body { margin: 0; }
@media ${SYSTEM_DARK} { html { background: ${CONSOLE_PALETTES.dark.page}; color-scheme: dark; } }
@media ${SYSTEM_MORE_CONTRAST} { html { background: ${CONSOLE_PALETTES['high-contrast'].page}; } }
`;
