import { progressZhCN, type ProgressStrings } from '../../../ui/translations/progress.zh-cn';
import { commonZhCN, type CommonStrings, type Widen } from '../../../ui/translations/zh-cn';

const strings = {
  trackTitle: '查询我的留言',
  trackingCodePlaceholder: 'XXXX-XXXX-XXXX-XXXX',
  trackSubmit: '查询',
  tracking: '正在查询…',
  trackNotFound: '没有找到与该查询码对应的留言，请核对后重试。',
  to: '留言对象',
  status: '办理状态',
  submittedAt: '提交时间',
} as const;

export type TrackStrings = CommonStrings & ProgressStrings & Widen<typeof strings>;

export const trackZhCN: TrackStrings = { ...commonZhCN, ...progressZhCN, ...strings };
