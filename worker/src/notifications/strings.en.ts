import type { NoticeStrings } from './strings.zh-cn';

// The notices in English, for a citizen who wrote in English or a site whose language is English.

export const noticesEn: NoticeStrings = {
  which: { titled: ' “{title}”', dated: ' (sent on {day})' },
  reply: {
    subject: '[{site}] Your message{which} has a new reply',
    text: '[{site}] Your message{which} has a new reply. Read it with your tracking code.',
  },
  rejected: {
    subject: '[{site}] Your message{which} did not pass review',
    text: '[{site}] Your message{which} did not pass review: it will not be published or passed on for handling. Read why with your tracking code.',
  },
  newCode: {
    subject: '[{site}] A new tracking code for your message{which}',
    text: '[{site}] The new tracking code for your message{which} is {code}. Read the replies with it; once it is used, the old code stops working. If you receive several new codes, only the latest works. Keep it safe and do not tell anyone.',
  },
  verificationCode: {
    subject: '[{site}] Verification code',
    text: '[{site}] Your verification code is {code}, valid for {minutes} minutes. If you did not ask for it, ignore this message.',
  },
  assigned: {
    subject: '[{site}] A new message for {unit}: {title}',
    text: '[{site}] A message is assigned to {unit}: “{title}”, due by {due}. Sign in to the console to handle it.',
  },
  dueSoon: {
    subject: '[{site}] Message due soon: {title}',
    text: '[{site}] The message “{title}” handled by {unit} is due on {due}. Please reply in time.',
  },
  escalated: {
    subject: '[{site}] Message overdue and escalated: {title}',
    text: '[{site}] The message “{title}” handled by {unit} is past its deadline ({due}) and has been escalated. Please handle it and reply as soon as possible.',
  },
  reopened: {
    subject: '[{site}] Message sent back for handling: {title}',
    text: '[{site}] The writer of the message “{title}” answered by {unit} was not satisfied or asked a follow-up question: it is being handled again, due by {due}. Sign in to the console to handle it.',
  },
};
