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

/** 两天内到期: the dashboard's figure counts the queue's `dueWithinDays` of this many days, and links to it. */
export const DUE_SOON_DAYS = 2;
