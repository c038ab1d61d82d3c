// The hosted pages' colours in each theme: light, dark, high contrast, or the reader's system
// setting (auto). The page's frame and the Liuyan elements in it take the same one: the elements
// through their `theme` attribute (ui/tokens.styles.ts), the frame through the palettes below.
import { readableOn } from '../../../sdk/src/color';
import { THEMES } from '../../../sdk/src/themes';
import { DARK, SYSTEM_DARK, SYSTEM_MORE_CONTRAST } from '../../../ui/theme-media';

/** What `?theme=` may ask for: the elements' own values. */
export const HOSTED_THEMES = THEMES;
export type HostedTheme = (typeof HOSTED_THEMES)[number];

/** The theme a reader asks for with `?theme=` (exactly one of `HOSTED_THEMES`); anything else: null (the system's setting). */
export function askedTheme(theme: string | undefined): HostedTheme | null {
  return HOSTED_THEMES.find((t) => t === theme) ?? null;
}

/** Text in a colour needs 4.5:1 on its background (WCAG 2.x, 1.4.3 AA); 7:1 in high contrast (1.4.6 AAA). */
const TEXT_MIN = 4.5;
const HIGH_CONTRAST_MIN = 7;

/**
 * The lightest dark background the site's colour is put on as text: the elements' dark
 * `--liuyan-color-notice` (a notice holds a button in the primary colour: 恢复草稿's 清空). Readable
 * there, it is readable on the surface, the page and shaded blocks too (all darker).
 */
const DARK_NOTICE = '#3d3200';

/**
 * One theme's colours of the page frame, each a custom property of the page (not of the elements:
 * those are `--liuyan-*`). `primary`: links, the current tab, buttons in the elements; `onPrimary`:
 * text on primary buttons; `header`: the site's bar (white text on it).
 */
export interface PagePalette {
  scheme: 'light' | 'dark';
  primary: string;
  onPrimary: string;
  header: string;
  page: string;
  surface: string;
  text: string;
  muted: string;
  line: string;
  shade: string;
  adopted: string;
  /** Field errors and invalid fields (the write page's form): the elements' `--liuyan-color-error` of the theme. */
  error: string;
  /** The width of a field's border (the write page's form): 2px in high contrast, as the elements draw it (ui/tokens.styles.ts). */
  fieldBorder: '1px' | '2px';
}

/**
 * The three palettes for a site colour (`#rrggbb`, readable under white text: the admin API's rule).
 * In dark the colour is lightened until it reaches 4.5:1 on the lightest dark background it is put on
 * (the site's red becomes a lighter red), and buttons then carry dark text; in high contrast it is
 * darkened to 7:1 on white.
 */
export function palettes(color: string): Record<'light' | 'dark' | 'high-contrast', PagePalette> {
  const dark = readableOn(color, DARK_NOTICE, TEXT_MIN);
  const highContrast = readableOn(color, '#ffffff', HIGH_CONTRAST_MIN);
  return {
    light: {
      scheme: 'light', primary: color, onPrimary: '#fff', header: color,
      page: '#f4f4f4', surface: '#fff', text: '#222', muted: '#666', line: '#ddd', shade: '#fafafa', adopted: '#1a7f37', error: '#c0000b', fieldBorder: '1px',
    },
    dark: {
      // The header keeps the site's own colour: white text on it is readable whatever the page's theme.
      scheme: 'dark', primary: dark, onPrimary: DARK.surface, header: color,
      page: DARK.page, surface: DARK.surface, text: '#e6e6e6', muted: '#b0b0b0', line: '#48484d', shade: DARK.shade, adopted: '#5cc878', error: '#ff8a80', fieldBorder: '1px',
    },
    'high-contrast': {
      scheme: 'light', primary: highContrast, onPrimary: '#fff', header: highContrast,
      page: '#fff', surface: '#fff', text: '#000', muted: '#333', line: '#000', shade: '#fff', adopted: '#0b5a22', error: '#a00000', fieldBorder: '2px',
    },
  };
}

/** A palette as the declarations of `:root`. */
function declarations(p: PagePalette): string {
  return `color-scheme:${p.scheme};--primary:${p.primary};--on-primary:${p.onPrimary};--header:${p.header};--page:${p.page};--surface:${p.surface};--text:${p.text};--muted:${p.muted};--line:${p.line};--shade:${p.shade};--adopted:${p.adopted};--error:${p.error};--field-border:${p.fieldBorder}`;
}

/**
 * The rules of `selector` (the page's `:root`, or the one element a palette is for) for `theme`: one palette, or for `auto` the light one
 * with the dark one under `prefers-color-scheme: dark` and the high-contrast one under
 * `prefers-contrast: more` (which wins when both are set, as in the elements' `auto`).
 */
export function themeRules(color: string, theme: HostedTheme, selector = ':root'): string {
  const p = palettes(color);
  if (theme !== 'auto') return `${selector}{${declarations(p[theme])}}`;
  return `${selector}{${declarations(p.light)}}
@media ${SYSTEM_DARK}{${selector}{${declarations(p.dark)}}}
@media ${SYSTEM_MORE_CONTRAST}{${selector}{${declarations(p['high-contrast'])}}}`;
}

