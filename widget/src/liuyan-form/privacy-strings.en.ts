// The privacy notice Liuyan ships, in English (privacy-strings.zh-cn.ts says why it is a chunk of its own).

export const privacyEn: { defaultPrivacyNotice: string } = {
  defaultPrivacyNotice: 'What we collect: the message you write, your region, and your name, phone number and (optionally) email address.\n'
    + 'What for: only to accept, refer, answer and follow up your message. Contact details are stored encrypted; only the officials '
    + 'handling your message can see them when they need to, and every view is recorded.\n'
    + 'What is public: a message you make public is shown on the website after review, under the display name you chose '
    + '(e.g. 陈先生); your phone and email are never shown. A private message is seen only by you (with the tracking code) and the officials handling it.\n'
    + 'Your rights: with the tracking code you can read your message and its progress, download all its data, or erase your name, phone and email; to correct them, contact this website.\n'
    + 'Basis: the Personal Information Protection Law of the People’s Republic of China.',
};
