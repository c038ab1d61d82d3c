import { progressZhCN, type ProgressStrings } from '../../../ui/translations/progress.zh-cn';
import { commonZhCN, type CommonStrings, type Widen } from '../../../ui/translations/zh-cn';

const strings = {
  to: '留言对象',
  /** The suggestion drive (建言专栏) the message was written to. */
  campaign: '建言专栏',
  author: '留言人',
  submittedAt: '留言时间',
  status: '办理状态',
  loadFailed: '留言加载失败，请检查网络后重试。',
  notFound: '没有找到这条留言：它可能尚未公开，或已被隐藏。',
  rating: '满意度评价',
  satisfaction: '满意度',
  /** Overall satisfaction, 1–5. */
  levels: { 1: '很不满意', 2: '不满意', 3: '基本满意', 4: '满意', 5: '很满意' },
  resolution: '解决程度',
  attitude: '办理态度',
  speed: '办理速度',
  points: '{score}分',
  levelWithPoints: '{level}（{score}分）',
  /** After a timeline event: a rating's scores, a follow-up's question. */
  eventDetail: '：{detail}',
  separator: '，',
  /** The 我也关注 button, before and after the reader pressed it; the count follows. */
  /** A card's line with the citizen's latest rating. */
  cardRating: '市民评价：{rating}',
  /** After 市民追问 on the public timeline while a moderator has not yet published the words. */
  followUpPending: '（待审核）',
  support: '我也关注',
  supported: '已关注',
  /** Under 我也关注 when the press did not reach the service (the count is back to what it was). */
  supportFailed: '未能关注，请检查网络后再试。',
} as const;

export type MessageStrings = CommonStrings & ProgressStrings & Widen<typeof strings>;

export const messageZhCN: MessageStrings = { ...commonZhCN, ...progressZhCN, ...strings };
