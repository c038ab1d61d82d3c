import type { MessageKindLabels, ProgressLabels } from '../vocabulary';
import type { StatsLabels } from '../vocabulary';

// One name per code, in English (see labels.zh-cn.ts).

export const enKindLabels: MessageKindLabels = {
  types: { suggestion: 'Suggestion', complaint: 'Complaint', help: 'Request for help', consultation: 'Question' },
  domains: {
    urban: 'Urban development', transport: 'Transport', agriculture: 'Rural affairs', health: 'Health', education: 'Education',
    environment: 'Environment', employment: 'Employment', enterprise: 'Business', governance: 'Public services',
    security: 'Public safety', tourism: 'Tourism', finance: 'Finance', other: 'Other',
  },
};

export const enProgressLabels: ProgressLabels = {
  statuses: { submitted: 'Awaiting acceptance', accepted: 'Accepted', in_progress: 'In progress', replied: 'Replied', closed: 'Closed' },
  tabs: { awaiting: 'Awaiting reply', in_progress: 'In progress', answered: 'Answered' },
  moderation: { pending: 'Awaiting review', published: 'Published', rejected: 'Not approved', hidden: 'Hidden' },
  events: {
    submitted: 'Submitted', published: 'Reviewed and published', rejected: 'Not approved', hidden: 'Hidden', accepted: 'Accepted',
    transferred: 'Transferred', replied: 'Replied', extended: 'Deadline extended', rated: 'Rated', followed_up: 'Follow-up question',
    closed: 'Closed', reopened: 'Reopened',
    reminder: 'Due-soon reminder', escalated: 'Overdue: escalated for supervision', overdue: 'Overdue',
    adopted: 'Suggestion adopted',
  },
  replyKinds: { interim: 'Interim reply', final: 'Final reply' },
  rejectReasons: {
    abusive: 'Abusive or attacks others', personal_data: 'Contains others’ personal data', duplicate: 'Duplicate message',
    off_topic: 'Not for this recipient', advertising: 'Advertising', illegal: 'Unlawful content', other: 'Other',
  },
  ratingLevels: { 1: 'Very dissatisfied', 2: 'Dissatisfied', 3: 'Fairly satisfied', 4: 'Satisfied', 5: 'Very satisfied' },
  ratingReasons: { not_solved: 'The problem is not solved', not_answered: 'The reply does not address my question', too_slow: 'Too slow', attitude: 'Attitude', other: 'Other' },
  flags: { reopened: 'Reopened', adopted: 'Adopted' },
};

export const enStatsLabels: StatsLabels = {
  messages: 'Messages',
  replyRate: 'Reply rate',
  onTimeRate: 'Replied on time',
  medianResponse: 'Time to first reply (median)',
  satisfaction: 'Satisfaction',
  adopted: 'Suggestions adopted',
  replied: 'Replied',
  month: 'Month',
  unit: 'Unit',
  hours: '{hours} h',
  outOfFive: '{score} / 5',
  none: '—',
};
