import type { ProgressStrings } from './progress.zh-cn';

export const progressEn: ProgressStrings = {
  statuses: { submitted: 'Awaiting acceptance', accepted: 'Accepted', in_progress: 'In progress', replied: 'Replied', closed: 'Closed' },
  tabs: { awaiting: 'Awaiting reply', in_progress: 'In progress', answered: 'Answered' },
  events: {
    submitted: 'Submitted', published: 'Reviewed and published', rejected: 'Not published', hidden: 'Hidden', accepted: 'Accepted',
    transferred: 'Transferred', replied: 'Replied', extended: 'Deadline extended', rated: 'Rated', followed_up: 'Follow-up question',
    closed: 'Closed', reopened: 'Reopened',
  },
  overdue: 'Overdue',
  replies: 'Official replies',
  interim: 'Interim reply',
  final: 'Reply',
  timeline: 'Progress',
  noReplyYet: 'No reply yet',
  note: ' ({note})',
};
