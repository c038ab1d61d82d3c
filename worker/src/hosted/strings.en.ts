import type { HostedStrings } from './strings.zh-cn';

export const hostedEn: HostedStrings = {
  sections: { board: 'Messages', write: 'Write', track: 'Track my message', stats: 'Statistics' },
  sectionsLabel: 'Sections of the message board',
  languagesLabel: 'Language',
  pageTitle: '{section} - {site}',
  boardName: 'Message board',
  needsScript: 'This part needs JavaScript. If nothing shows for a long time, check your connection and reload.',
  trackNeedsScript: 'Without JavaScript, the form below shows how your message is being handled and its replies; rating, follow-up questions, photos and “My data” need JavaScript.',
  scriptLate: 'This part has not loaded yet. On a slow connection, please wait; if it never shows, check your connection and reload the page.',
  mostCharacters: 'Up to {max} characters',
  latest: 'Latest public messages',
  earlier: 'Earlier public messages',
  noMessages: 'No public messages yet.',
  toBoard: 'Back to the messages',
  /** The write page's form sent without the key of a page the service served (hosted/write-form.ts): shown again with one. */
  sendAgain: 'Please send it again: this page had expired. Everything you typed is below.',
  confirmSend: 'Please check and send it once more: everything you typed is below.',
  driveGoneSendAnyway: '{reason}. Everything you typed is below; sent again, it goes to the chosen office as an ordinary message.',
  notFoundTitle: 'Page not found',
  notFound: 'This page was not found: the message may not be public yet, may have been hidden, or the address is wrong.',
  campaignPeriod: 'Dates: {start} to {end}',
  campaignOpen: 'Open',
  campaignNotYet: 'Not open yet',
  campaignEnded: 'Closed',
  campaignWrite: 'Write a suggestion',
  campaignMessages: 'Messages of this drive',
};
