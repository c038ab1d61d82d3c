// Sites keep China Standard Time (UTC+8, no daylight saving): deadlines end at local midnight and
// the API shows times the way the citizen reads them, e.g. 2026-12-03T23:59:59+08:00.

const OFFSET_MS = 8 * 60 * 60 * 1000;

/** The local calendar day (YYYY-MM-DD) of an instant. */
export function localDay(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant stored as UTC ISO, shown with the site's offset. */
export function toSiteTime(isoUtc: string): string {
  const local = new Date(Date.parse(isoUtc) + OFFSET_MS).toISOString();
  return `${local.slice(0, 19)}+08:00`;
}

/**
 * An instant (ISO, any offset) as a spreadsheet shows a local time: `2026-12-03 09:05`, or with
 * `seconds` `2026-12-03 09:05:07` (the audit log's, where entries a second apart must read apart).
 */
export function siteDateTime(iso: string, seconds = false): string {
  return toSiteTime(iso).slice(0, seconds ? 19 : 16).replace('T', ' ');
}

/** The last second of a local day, as a UTC ISO instant. */
export function endOfLocalDay(day: string): string {
  return new Date(Date.parse(`${day}T23:59:59.000Z`) - OFFSET_MS).toISOString();
}

/** The first instant of a local day, as a UTC ISO instant: local midnight (16:00 UTC the day before). */
export function startOfLocalDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - OFFSET_MS).toISOString();
}

/** The first instant after a local day, as a UTC ISO instant: a range `< startOfNextLocalDay(to)` includes all of `to`. */
export function startOfNextLocalDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - OFFSET_MS + 86_400_000).toISOString();
}
