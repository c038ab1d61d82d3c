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
  rateTitle: 'Rate this reply',
  rateHint: 'Your scores are shown publicly under the message; what you write in the details is seen only by the officials handling it.',
  scoreChoice: '{score} {level}',
  reasonTextHint: 'required when you choose “Other”',
  rateSubmit: 'Send rating',
  rateSending: 'Sending…',
  ratedThanks: 'Thank you for your rating.',
  reopenedNotice: 'Your rating is recorded: the message will be handled again, due by {date}.',
  ratedAs: ': {level} ({score})',
  followUpTitle: 'Follow-up question',
  followUpsLeft: '{n} follow-up questions left.',
  followUpSubmit: 'Send follow-up question',
  followUpSent: 'Your question is sent; the office will answer it by {date}.',
  followUpPending: 'Your follow-up question is waiting for its answer; you can ask again once it is answered.',
  noFollowUpsLeft: 'No follow-up questions are left for this message.',
  question: ': {text}',
  sendFailed: 'Could not send. Please check your connection and try again.',
};
