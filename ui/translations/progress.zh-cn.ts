import type { Widen } from './zh-cn';

/**
 * How a message's handling reads, in Chinese: statuses, public tabs, timeline events, replies.
 * Shared by the elements that show a message (`<liuyan-track>`, `<liuyan-list>`, `<liuyan-message>`),
 * so they all name things the same way; `<liuyan-form>` does not load it.
 */
const progress = {
  statuses: { submitted: '待受理', accepted: '已受理', in_progress: '办理中', replied: '已回复', closed: '已办结' },
  /** The public board's tabs, as on 领导留言板. */
  tabs: { awaiting: '待回复', in_progress: '办理中', answered: '已办理' },
  events: {
    submitted: '提交留言', published: '审核通过并公开', rejected: '未通过审核', hidden: '已隐藏', accepted: '受理',
    transferred: '转办', replied: '回复', extended: '延长办理期限', rated: '评价', followed_up: '追问', closed: '办结', reopened: '重新办理',
  },
  overdue: '已超期',
  replies: '官方回复',
  interim: '阶段性回复',
  final: '正式回复',
  timeline: '办理进程',
  noReplyYet: '暂未回复',
  /** A public reason after a timeline event (a transfer, an extension). */
  note: '（{note}）',
} as const;

export type ProgressStrings = Widen<typeof progress>;

export const progressZhCN: ProgressStrings = progress;
