import { commonEn } from '../translations/en';
import type { TrackStrings } from './strings.zh-cn';

export const trackEn: TrackStrings = {
  ...commonEn,
  statuses: { submitted: 'Awaiting acceptance', accepted: 'Accepted', in_progress: 'In progress', replied: 'Replied', closed: 'Closed' },
  moderation: { pending: 'Awaiting review', published: 'Public', rejected: 'Not published', hidden: 'Hidden' },
  events: {
    submitted: 'Submitted', published: 'Reviewed and published', rejected: 'Not published', hidden: 'Hidden', accepted: 'Accepted',
    transferred: 'Transferred', replied: 'Replied', extended: 'Deadline extended', rated: 'Rated', followed_up: 'Follow-up question',
    closed: 'Closed', reopened: 'Reopened',
  },
  trackTitle: 'Track my message',
  trackingCodePlaceholder: 'XXXX-XXXX-XXXX-XXXX',
  trackSubmit: 'Track',
  tracking: 'Looking it up…',
  trackNotFound: 'No message matches this tracking code. Please check it and try again.',
  to: 'To',
  status: 'Status',
  submittedAt: 'Submitted',
  overdue: 'Overdue',
  replies: 'Official replies',
  interim: 'Interim reply',
  final: 'Reply',
  timeline: 'Progress',
  noReplyYet: 'No reply yet',
};
