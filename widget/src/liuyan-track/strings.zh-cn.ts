import { commonZhCN, type CommonStrings, type Widen } from '../translations/zh-cn';

const strings = {
  statuses: { submitted: '待受理', accepted: '已受理', in_progress: '办理中', replied: '已回复', closed: '已办结' },
  moderation: { pending: '待审核', published: '已公开', rejected: '未通过审核', hidden: '已隐藏' },
  events: {
    submitted: '提交留言', published: '审核通过并公开', rejected: '未通过审核', hidden: '已隐藏', accepted: '受理',
    transferred: '转办', replied: '回复', extended: '延长办理期限', rated: '评价', followed_up: '追问', closed: '办结', reopened: '重新办理',
  },
  trackTitle: '查询我的留言',
  trackingCodePlaceholder: 'XXXX-XXXX-XXXX-XXXX',
  trackSubmit: '查询',
  tracking: '正在查询…',
  trackNotFound: '没有找到与该查询码对应的留言，请核对后重试。',
  to: '留言对象',
  status: '办理状态',
  submittedAt: '提交时间',
  overdue: '已超期',
  replies: '官方回复',
  interim: '阶段性回复',
  final: '正式回复',
  timeline: '办理进程',
  noReplyYet: '暂未回复',
} as const;

export type TrackStrings = CommonStrings & Widen<typeof strings>;

export const trackZhCN: TrackStrings = { ...commonZhCN, ...strings };
