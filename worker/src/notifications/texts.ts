import type { NotificationKind } from '../db/schema';

/** What a notice says, by kind: the SMS/e-mail text, the e-mail subject, and the SMS template's variables. */
export interface NoticeText {
  subject: string;
  text: string;
  params: Record<string, string>;
}

/** What a notice may mention. A citizen's notice never carries the message's content or its code (but for the new code itself). */
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

/**
 * The words of each notice, in Chinese (the language of the SMS templates a provider approves; a
 * site's templates must say the same with the same variables). A reply notice says only that there
 * is a reply to which message: "您的留言“<title>”有了新回复，请凭查询码查看" for a public one,
 * "您的留言（<day>提交）有了新回复…" for a private one — never the code, never the content. Its
 * template variables: ${day} always, ${title} only for a public message.
 */
export function noticeText(kind: NotificationKind, facts: NoticeFacts): NoticeText {
  const site = facts.siteName;
  switch (kind) {
    case 'reply': {
      // Which message: its title where the public may read it, else only the day it was sent.
      const which = facts.title ? `“${facts.title}”` : facts.submittedDay ? `（${facts.submittedDay}提交）` : '';
      return {
        subject: `【${site}】您的留言${which}有了新回复`,
        text: `【${site}】您的留言${which}有了新回复，请凭查询码查看。`,
        params: { day: facts.submittedDay ?? '', ...(facts.title ? { title: facts.title } : {}) },
      };
    }
    case 'new_code': {
      // Which message, as a reply notice names it: one contact may have written several. Asked for
      // twice, only the latest code works: the text says so.
      const which = facts.title ? `“${facts.title}”` : facts.submittedDay ? `（${facts.submittedDay}提交）` : '';
      return {
        subject: `【${site}】您的留言${which}查询码已重新生成`,
        text: `【${site}】您的留言${which}新查询码为 ${facts.code}，请用新查询码查看回复；使用后原查询码即失效。如收到多个新查询码，以最新一个为准。请妥善保管，勿告诉他人。`,
        params: { code: facts.code ?? '', day: facts.submittedDay ?? '', ...(facts.title ? { title: facts.title } : {}) },
      };
    }
    case 'verification_code':
      return {
        subject: `【${site}】验证码`,
        text: `【${site}】您的验证码为 ${facts.code}，${VERIFICATION_CODE_MINUTES}分钟内有效。如非本人操作，请忽略。`,
        params: { code: facts.code ?? '' },
      };
    case 'assigned':
      return {
        subject: `【${site}】新的留言交由${facts.unitName}办理：${facts.title}`,
        text: `有一条留言交由${facts.unitName}办理：“${facts.title}”，办理期限至 ${facts.dueDay}。请登录留言办理平台查看。`,
        params: officialParams(facts),
      };
    case 'due_soon':
      return {
        subject: `【${site}】留言即将到期：${facts.title}`,
        text: `${facts.unitName}办理的留言“${facts.title}”将于 ${facts.dueDay} 到期，请及时答复。`,
        params: officialParams(facts),
      };
    case 'escalated':
      return {
        subject: `【${site}】留言已超期，列入督办：${facts.title}`,
        text: `${facts.unitName}办理的留言“${facts.title}”已超过办理期限（${facts.dueDay}），已列入督办，请尽快办理并答复。`,
        params: officialParams(facts),
      };
    case 'recovery':
      // A request, not a notice: the delivery step turns it into one `new_code` per message found.
      return { subject: '', text: '', params: {} };
  }
}
