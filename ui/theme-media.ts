// What the system settings and the dark page look like, for every page Liuyan draws itself (the
// console, the hosted pages). The elements' own stylesheet (tokens.styles.ts) writes the same two
// queries in its Lit `css` literal. No library here: the worker and the build script import it too.

/**
 * When a page follows the system into dark: its dark setting, unless it also asks for more contrast,
 * which wins (as in the elements' `theme="auto"`).
 */
export const SYSTEM_DARK = '(prefers-color-scheme: dark) and (not (prefers-contrast: more))';
/** When a page follows the system into high contrast: it asks for more contrast. */
export const SYSTEM_MORE_CONTRAST = '(prefers-contrast: more)';

/** The dark page's colours: the elements' dark surface (`--liuyan-color-surface`), the page behind it, a shaded block on it. */
export const DARK = { surface: '#1b1b1d', page: '#121214', shade: '#242427' } as const;
