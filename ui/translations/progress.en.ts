import { enProgressLabels } from '../../sdk/src/locales/labels.en';
import type { ProgressStrings } from './progress.zh-cn';

export const progressEn: ProgressStrings = {
  ...enProgressLabels,
  overdue: 'Overdue',
  supervised: 'Supervised',
  replies: 'Official replies',
  timeline: 'Progress',
  noReplyYet: 'No reply yet',
  note: ' ({note})',
  rejectionReason: 'Why it was not approved',
  reasonWithNote: '{reason} ({note})',
};
