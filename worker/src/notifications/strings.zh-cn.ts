// The words of each notice (an SMS's text, an e-mail's subject and text). Every text begins with
// 【site】, as a text message in China must carry its sender's name (a gateway sends the text whole).
// A citizen's notices read in the language they wrote in; an official's in the site's. `{which}`
// names the message: its title where the public may read it, else the day it was sent, never its
// words. In Chinese, as the SMS templates a provider approves are (a site's templates say the same
// with the same variables: texts.ts).

const strings = {
  /** Which message: its title where the public may read it (`titled`), else the site's day it was submitted (`dated`). */
  which: { titled: '“{title}”', dated: '（{day}提交）' },
  reply: {
    subject: '【{site}】您的留言{which}有了新回复',
    text: '【{site}】您的留言{which}有了新回复，请凭查询码查看。',
  },
  /** Not passed review: the author learns it is not waiting for a reply; why is in the tracker, never in the text. */
  rejected: {
    subject: '【{site}】您的留言{which}未通过审核',
    text: '【{site}】您的留言{which}未通过审核，不会公开，也不会交办。原因请凭查询码查看。',
  },
  /** Asked for twice, only the latest code works: the text says so. */
  newCode: {
    subject: '【{site}】您的留言{which}查询码已重新生成',
    text: '【{site}】您的留言{which}新查询码为 {code}，请用新查询码查看回复；使用后原查询码即失效。如收到多个新查询码，以最新一个为准。请妥善保管，勿告诉他人。',
  },
  verificationCode: {
    subject: '【{site}】验证码',
    text: '【{site}】您的验证码为 {code}，{minutes}分钟内有效。如非本人操作，请忽略。',
  },
  assigned: {
    subject: '【{site}】新的留言交由{unit}办理：{title}',
    text: '【{site}】有一条留言交由{unit}办理：“{title}”，办理期限至 {due}。请登录留言办理平台查看。',
  },
  dueSoon: {
    subject: '【{site}】留言即将到期：{title}',
    text: '【{site}】{unit}办理的留言“{title}”将于 {due} 到期，请及时答复。',
  },
  escalated: {
    subject: '【{site}】留言已超期，列入督办：{title}',
    text: '【{site}】{unit}办理的留言“{title}”已超过办理期限（{due}），已列入督办，请尽快办理并答复。',
  },
  /** 重办: an unhappy rating or a follow-up to an answer; the SMS template's variables are the same for both. */
  reopened: {
    subject: '【{site}】留言重办：{title}',
    text: '【{site}】{unit}答复的留言“{title}”，留言人不满意或提出了追问，已退回重新办理，办理期限至 {due}。请登录留言办理平台查看。',
  },
};

export type NoticeStrings = typeof strings;
export const noticesZhCN: NoticeStrings = strings;
