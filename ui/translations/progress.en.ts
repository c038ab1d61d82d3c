import { enProgressLabels } from '../../sdk/src/locales/labels.en';
import type { ProgressStrings } from './progress.zh-cn';

export const progressEn: ProgressStrings = {
  ...enProgressLabels,
  overdue: 'Overdue',
  supervised: 'Supervised',
  replies: 'Official replies',
  timeline: 'Progress',
  noReplyYet: 'No reply yet',
  photoAlt: 'Photo {n} sent with the message',
  note: ' ({note})',
  rejectionReason: 'Why it was not approved',
  hiddenReason: 'Why it was taken off the board',
  reasonWithNote: '{reason} ({note})',
  replyPhotoAlt: 'Photo {n} sent with the reply',
  photoHidden: 'Hidden from the public: {reason}',
};
