import type { StatsLabels } from '../sdk/src/vocabulary';
import { format } from './localize';

// How the statistics read, the same in <liuyan-stats> and the console's dashboard. Digits and the
// per-cent sign read alike in Chinese and English, so no Intl data is needed on a cheap phone.

/** A rate 0–1 as a percentage with one decimal (`91.3%`); `none` when there is nothing to compute it from. */
export function percent(rate: number | null, labels: StatsLabels): string {
  return rate === null ? labels.none : `${(rate * 100).toFixed(1)}%`;
}

/** Hours with one decimal (`52.5小时`, `52.5 h`). */
export function hours(value: number | null, labels: StatsLabels): string {
  return value === null ? labels.none : format(labels.hours, { hours: value.toFixed(1) });
}

/** A mean score out of 5 with two decimals (`4.10分`, `4.10 / 5`). */
export function score(value: number | null, labels: StatsLabels): string {
  return value === null ? labels.none : format(labels.outOfFive, { score: value.toFixed(2) });
}
