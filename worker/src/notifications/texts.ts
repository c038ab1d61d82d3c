import type { Locale } from '../../../sdk/src/languages';
import { format } from '../../../ui/localize';
import type { NotificationKind } from '../db/schema';
import { noticesEn } from './strings.en';
import { noticesZhCN, type NoticeStrings } from './strings.zh-cn';
import { noticesZhTW } from './strings.zh-tw';

/** What a notice says, by kind: the SMS/e-mail text, the e-mail subject, and the SMS template's variables. */
export interface NoticeText {
  subject: string;
  text: string;
  params: Record<string, string>;
}

/** What a notice may mention. A citizen's notice never carries the message's content or its code (but for the new code itself), nor why it was rejected. */
export interface NoticeFacts {
  siteName: string;
  /** new_code, verification_code: the code being sent. */
  code?: string;
  /**
   * Officials' notices: the message's title, the unit's name, the deadline as the site's day (YYYY-MM-DD).
   * A citizen's reply or new-code notice: the title only when the message is public (published), never otherwise.
   */
  title?: string;
  /** A citizen's reply or new-code notice: the site's day the message was submitted (YYYY-MM-DD). */
  submittedDay?: string;
  unitName?: string;
  dueDay?: string;
}

/** The SMS template variables of every officials' notice: ${title}, ${unit}, ${due}. */
function officialParams(facts: NoticeFacts): Record<string, string> {
  return { title: facts.title ?? '', unit: facts.unitName ?? '', due: facts.dueDay ?? '' };
}

/** Minutes a verification code works: said in its SMS. */
export const VERIFICATION_CODE_MINUTES = 10;

const NOTICE_STRINGS: Record<Locale, NoticeStrings> = { 'zh-CN': noticesZhCN, 'zh-TW': noticesZhTW, en: noticesEn };

/**
 * The words of each notice, in `locale` (notifications/strings.*.ts): a citizen's in the language they
 * wrote in, an official's in the site's. A reply notice says only that there is a reply to which
 * message — "您的留言“<title>”有了新回复，请凭查询码查看" for a public one, "您的留言（<day>提交）有了新回复…"
 * for a private one — never the code, never the content. The SMS template's variables are the same in
 * every language (the template a provider approved is the site's, in Chinese): a reply's ${day} always,
 * ${title} only for a public message.
 */
export function noticeText(kind: NotificationKind, facts: NoticeFacts, locale: Locale = 'zh-CN'): NoticeText {
  const t = NOTICE_STRINGS[locale];
  const site = facts.siteName;
  const code = facts.code ?? '';
  // Which message: its title where the public may read it, else only the day it was sent.
  const which = facts.title ? format(t.which.titled, { title: facts.title }) : facts.submittedDay ? format(t.which.dated, { day: facts.submittedDay }) : '';
  const official = { site, unit: facts.unitName ?? '', title: facts.title ?? '', due: facts.dueDay ?? '' };
  const said = (words: { subject: string; text: string }, values: Record<string, string | number>) =>
    ({ subject: format(words.subject, values), text: format(words.text, values) });
  switch (kind) {
    case 'reply':
      return { ...said(t.reply, { site, which }), params: { day: facts.submittedDay ?? '', ...(facts.title ? { title: facts.title } : {}) } };
    case 'rejected':
      // The message is not public: only its day. The reason is for the tracker, not a text message.
      return { ...said(t.rejected, { site, which }), params: { day: facts.submittedDay ?? '' } };
    case 'new_code':
      // One contact may have written several messages: which one, as a reply notice names it.
      return { ...said(t.newCode, { site, which, code }), params: { code, day: facts.submittedDay ?? '', ...(facts.title ? { title: facts.title } : {}) } };
    case 'verification_code':
      return { ...said(t.verificationCode, { site, code, minutes: VERIFICATION_CODE_MINUTES }), params: { code } };
    case 'assigned':
      return { ...said(t.assigned, official), params: officialParams(facts) };
    case 'due_soon':
      return { ...said(t.dueSoon, official), params: officialParams(facts) };
    case 'escalated':
      return { ...said(t.escalated, official), params: officialParams(facts) };
    case 'reopened':
      return { ...said(t.reopened, official), params: officialParams(facts) };
    case 'recovery':
      // A request, not a notice: the delivery step turns it into one `new_code` per message found.
      return { subject: '', text: '', params: {} };
  }
}
