import type { Locale } from '../sdk/src/languages';
import type { StatsLabels } from '../sdk/src/vocabulary';
import { format, formatNumber } from './localize';

// How the statistics read, the same in <liuyan-stats> and the console's dashboard, numbers written
// by Intl.NumberFormat in the reader's language (built into every browser: nothing to download).

const decimals = (n: number): Intl.NumberFormatOptions => ({ minimumFractionDigits: n, maximumFractionDigits: n });

/** A rate 0–1 as a percentage with one decimal (`91.3%`); `none` when there is nothing to compute it from. */
export function percent(rate: number | null, labels: StatsLabels, locale: Locale): string {
  return rate === null ? labels.none : formatNumber(locale, rate, { style: 'percent', ...decimals(1) });
}

/** Hours with one decimal (`52.5小时`, `52.5 h`). */
export function hours(value: number | null, labels: StatsLabels, locale: Locale): string {
  return value === null ? labels.none : format(labels.hours, { hours: formatNumber(locale, value, decimals(1)) });
}

/** A mean score out of 5 with two decimals (`4.10分`, `4.10 / 5`). */
export function score(value: number | null, labels: StatsLabels, locale: Locale): string {
  return value === null ? labels.none : format(labels.outOfFive, { score: formatNumber(locale, value, decimals(2)) });
}
