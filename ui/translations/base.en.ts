import { enFieldNames } from '../../sdk/src/locales/en';
import { enKindLabels } from '../../sdk/src/locales/labels.en';
import type { BaseStrings } from './base.zh-cn';

export const baseEn: BaseStrings = {
  loading: 'Loading…',
  tryAgain: 'Try again',
  networkError: 'No connection. Check your network and try again.',
  notAllowed: 'The message board is not yet enabled for this website, so it cannot be used here. Please contact the website’s administrator (who allows {origin} in the site settings of the console).',
  tooManyRequests: 'Too many requests. Please try again in {wait}.',
  tooManyForPhone: 'Too many from this phone number. Please try again in {wait}.',
  waitMinutes: '{n} {n:minute|minutes}',
  waitHours: '{n} {n:hour|hours}',
  ...enKindLabels,
  dueAt: 'Due by {date}',
  private: 'Private',
  counter: '{count}/{max}',
  /** Between the sentences of one notice (several things refused at once). */
  sentenceSeparator: '; ',
  fixFields: '{n} {n:answer needs correcting: see the note under it|answers need correcting: see the note under each}.',
  errors: enFieldNames,
};
