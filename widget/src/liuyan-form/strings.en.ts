import { commonEn } from '../../../ui/translations/en';
import type { FormStrings } from './strings.zh-cn';

export const formEn: FormStrings = {
  ...commonEn,
  loadFailed: 'The message board could not load. Check your connection and try again.',
  campaignNotStarted: '{title} opens for messages on {date}. Please come back then.',
  campaignEnded: '{title} closed on {date} and no longer takes messages. Thank you for your interest!',
  campaignUnknown: 'This campaign could not be found. Please tell the website.',
  campaignElsewhere: '{title} takes messages only on the websites of {outlets}, not on this one. Please write on one of those.',
  listSeparator: ', ',
  chooseUnit: 'Choose a leader or department',
  unitSearch: 'Search by name',
  unitSearchPlaceholder: 'e.g. 教育局, jyj or jiaoyu (education bureau)',
  unitSearchNone: 'No unit’s name or pinyin contains “{text}”. Try another word, or choose level by level.',
  unitBrowse: 'Or choose level by level',
  unitsUnder: 'Under {name}',
  chooseLevel: 'Choose',
  unitChosen: 'Chosen: {name}',
  unitsLoadFailed: 'The list of units could not load. Check your connection and try again.',
  chooseDomain: 'Choose a domain',
  regionPlaceholder: 'e.g. Xingfu village, Chengguan town',
  optional: ' (optional)',
  sampleName: '陈明',
  requiredNote: 'required',
  public: 'Public',
  publicHint: 'Shown on the website after review, under the display name you chose; phone and email are never shown',
  privateHint: 'Seen only by you (with the tracking code) and the officials handling it',
  consent: 'I have read and accept the privacy notice: my name, phone and email are used only to handle this message, are stored encrypted and are never published.',
  readPrivacyNotice: 'Read the privacy notice',
  defaultPrivacyNotice: 'What we collect: the message you write, your region, and your name, phone number and (optionally) email address.\n'
    + 'What for: only to accept, refer, answer and follow up your message. Contact details are stored encrypted; only the officials '
    + 'handling your message can see them when they need to, and every view is recorded.\n'
    + 'What is public: a message you make public is shown on the website after review, under the display name you chose '
    + '(e.g. 陈先生); your phone and email are never shown. A private message is seen only by you (with the tracking code) and the officials handling it.\n'
    + 'Your rights: with the tracking code you can read your message and its progress, download all its data, or erase your name, phone and email; to correct them, contact this website.\n'
    + 'Basis: the Personal Information Protection Law of the People’s Republic of China.',
  counter: '{count}/{max}',
  submit: 'Send message',
  submitting: 'Sending…',
  retrying: 'The connection is unstable; attempt {attempt} to send… Nothing you wrote will be lost.',
  submitFailed: 'No connection: the message has not been sent yet. What you wrote is saved on this device; when you are back online press “Send again” — it will not be sent twice.',
  resubmit: 'Send again',
  draftRestored: 'We restored what you had written but not sent.',
  clearDraft: 'Start over',
  submitted: 'Your message was sent',
  trackingCodeLabel: 'Your tracking code',
  saveCodeWarning: 'Save this code now: it is shown only once, it is the only way to read the reply, rate it or ask a follow-up, and it cannot be recovered.',
  copy: 'Copy code',
  copied: 'Copied',
  copySelected: 'Could not copy automatically: the code is selected; long-press to copy it, or write it down',
  pendingModeration: 'The message will be public after review.',
  privateNotice: 'This message is private.',
  writeAnother: 'Write another message',
  rememberCode: 'Remember the tracking code on this device',
  rememberHint: 'Kept only in this browser on this device, never uploaded; you can then open it under “Track my message”. Do not tick this on a shared computer.',
  rememberFailed: 'This browser does not allow saving (private browsing?). Please write the code down.',
};
