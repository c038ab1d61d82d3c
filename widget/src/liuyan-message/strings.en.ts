import { commonEn } from '../../../ui/translations/en';
import { progressEn } from '../../../ui/translations/progress.en';
import type { MessageStrings } from './strings.zh-cn';

export const messageEn: MessageStrings = {
  ...commonEn,
  ...progressEn,
  to: 'To',
  campaign: 'Suggestion drive',
  author: 'From',
  submittedAt: 'Written',
  status: 'Status',
  loadFailed: 'The message could not load. Check your connection and try again.',
  notFound: 'This message was not found: it may not be public yet, or it was hidden.',
  rating: 'Satisfaction rating',
  satisfaction: 'Overall',
  levels: { 1: 'Very dissatisfied', 2: 'Dissatisfied', 3: 'Fairly satisfied', 4: 'Satisfied', 5: 'Very satisfied' },
  resolution: 'Problem solved',
  attitude: 'Attitude',
  speed: 'Speed',
  points: '{score}/5',
  levelWithPoints: '{level} ({score}/5)',
  eventDetail: ': {detail}',
  separator: ', ',
  cardRating: 'Citizen’s rating: {rating}',
  followUpPending: ' (awaiting review)',
  support: 'Me too',
  supported: 'Following',
  supportFailed: 'Your “me too” was not sent. Check your connection and try again.',
};
