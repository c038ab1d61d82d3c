import { enStatsLabels } from '../../../sdk/src/locales/labels.en';
import { commonEn } from '../../../ui/translations/en';
import type { StatsStrings } from './strings.zh-cn';

export const statsEn: StatsStrings = {
  ...commonEn,
  ...enStatsLabels,
  title: 'How messages are handled',
  chartTitle: 'Messages and replies per month',
  chartPeriod: 'Messages and replies per month ({from} to {to}; earlier messages count in the totals above, not drawn here)',
  tableCaption: 'Messages and replied messages per month',
  ranking: 'Replies by leader and department',
  rankingNote: '{n} in all, ranked by reply rate, then on-time rate, then messages.',
  showAllUnits: 'Show all {n}',
  definitionsTitle: 'What the figures count',
  definitions: [
    'Messages: those citizens sent in the period, public and private alike (counted, never shown); those moderation rejected are not counted.',
    'Reply rate: the share of messages with at least one reply (an interim reply counts).',
    'On-time rate: of the replied messages, the share whose first reply came within the deadline.',
    'Time to first reply: the median time from sending to the first reply.',
    'Satisfaction: the mean overall score citizens gave the replies, out of 5; not shown for fewer than 5 ratings.',
    'By unit: by the unit now handling each message (after a transfer, the new one), that unit alone, not the units below it.',
  ],
  loadFailed: 'The statistics could not be loaded. Check the connection and try again.',
  empty: 'No messages yet',
  retired: ' (retired)',
};
