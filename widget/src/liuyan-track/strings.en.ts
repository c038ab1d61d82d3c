import { progressEn } from '../../../ui/translations/progress.en';
import { commonEn } from '../../../ui/translations/en';
import type { TrackStrings } from './strings.zh-cn';

export const trackEn: TrackStrings = {
  ...commonEn,
  ...progressEn,
  trackTitle: 'Track my message',
  trackingCodePlaceholder: 'XXXX-XXXX-XXXX-XXXX',
  trackSubmit: 'Track',
  tracking: 'Looking it up…',
  trackNotFound: 'No message matches this tracking code. Please check it and try again.',
  to: 'To',
  status: 'Status',
  submittedAt: 'Submitted',
};
