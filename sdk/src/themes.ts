/**
 * The themes an element (`theme="…"`), a hosted page (`?theme=`) and the form as data
 * (`GET /v1/sites/:site/form?theme=`) take: fixed light or dark colours, the system's setting (`auto`:
 * light or dark, and high contrast under `prefers-contrast: more`), or high contrast. A module of its
 * own, so the widget's loader reads the list without the contract's schemas.
 */
export const THEMES = ['light', 'dark', 'auto', 'high-contrast'] as const;
export type Theme = (typeof THEMES)[number];
