/**
 * Form limits shared by the widget (counters) and the service (validation), in characters (code
 * points, see `textLength`). `titleMin` and `bodyMin` are the defaults of a site's own minimums.
 * Apart from the schemas (which import zod), so that the widget can use them without zod.
 */
export const LIMITS = {
  titleMin: 4,
  titleMax: 50,
  bodyMin: 10,
  bodyMax: 2000,
  regionMax: 50,
  nameMax: 20,
  phoneMax: 32,
  emailMax: 100,
  trackingCodeMax: 64,
  ratingReasonMax: 500,
  followUpMax: 1000,
  /** Photos with one message. */
  photosMax: 4,
  /** Bytes of one uploaded photo (the widget sends a few hundred KB; a camera's original is refused above this). */
  photoMaxBytes: 10 * 1024 * 1024,
  /** Words one search looks for, each of which must be found (the board's, the console's queue's): more is refused, never cut short. */
  searchWordsMax: 5,
} as const;

/**
 * A site's word lists (banned, held for review): the most words a list holds, and the longest word in
 * characters. A list is matched in memory on every submission, so both are bounded.
 */
export const WORD_LIST_MAX = 500;
export const WORD_MAX = 30;
/** The protection settings' numbers: the shortest fill-in time (s) and the days contact details are kept (0: each check off / kept). */
export const MIN_FILL_SECONDS = { min: 0, max: 600 } as const;
export const RETENTION_DAYS = { min: 0, max: 36500 } as const;

/** 两天内到期: the dashboard's figure counts the queue's `dueWithinDays` of this many days, and links to it. */
export const DUE_SOON_DAYS = 2;

/**
 * Seconds a browser or a shared cache may keep a public answer (`Cache-Control: max-age`), so how long
 * a change an admin saves may take to show where citizens look: `site`, the site's config, its hosted
 * pages (/s/:site/…) and its own loader; `units`, a level or a search of its units
 * (`GET /v1/sites/:site/units`, the national tree's picker); `campaigns`, its drives and their figures.
 * The console says so beside what it saved (console/admin).
 */
export const PUBLIC_MAX_AGE = { site: 60, units: 300, campaigns: 30 } as const;
