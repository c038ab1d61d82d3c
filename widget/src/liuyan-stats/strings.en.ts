import { enStatsLabels } from '../../../sdk/src/locales/labels.en';
import { commonEn } from '../../../ui/translations/en';
import type { StatsStrings } from './strings.zh-cn';

export const statsEn: StatsStrings = {
  ...commonEn,
  ...enStatsLabels,
  title: 'How messages are handled',
  chartTitle: 'Messages and replies per month',
  chartPeriod: 'Messages and replies per month ({from} to {to})',
  tableCaption: 'Messages and replied messages per month',
  ranking: 'Replies by leader and department',
  rankingNote: '{n} in all, ranked by reply rate, then on-time rate, then messages.',
  showAllUnits: 'Show all {n}',
  loadFailed: 'The statistics could not be loaded. Check the connection and try again.',
  empty: 'No messages yet',
};
