import type { MessageKindLabels, ProgressLabels } from '../vocabulary';
import type { StatsLabels } from '../vocabulary';

// One name per code, in Chinese: what the board, the tracked view, the console and the CSV export say.
// The wording follows 《领导留言板》 and the 12345 hotlines (PRODUCT.md, "Vocabulary").

export const zhCNKindLabels: MessageKindLabels = {
  types: { suggestion: '建言', complaint: '投诉', help: '求助', consultation: '咨询' },
  domains: {
    urban: '城建', transport: '交通', agriculture: '三农', health: '医疗', education: '教育', environment: '环保',
    employment: '就业', enterprise: '企业', governance: '政务', security: '治安', tourism: '旅游', finance: '金融', other: '其他',
  },
};

export const zhCNProgressLabels: ProgressLabels = {
  statuses: { submitted: '待受理', accepted: '已受理', in_progress: '办理中', replied: '已回复', closed: '已办结' },
  tabs: { awaiting: '待回复', in_progress: '办理中', answered: '已办理' },
  moderation: { pending: '待审核', published: '已公开', rejected: '未通过审核', hidden: '已隐藏' },
  events: {
    submitted: '提交留言', published: '审核通过并公开', rejected: '未通过审核', hidden: '已隐藏', accepted: '受理',
    transferred: '转办', replied: '回复', extended: '延长办理期限', rated: '评价', followed_up: '追问', closed: '办结', reopened: '重新办理',
    reminder: '即将到期提醒', escalated: '超期督办', overdue: '已超期',
    adopted: '建议被采纳',
  },
  replyKinds: { interim: '阶段性回复', final: '正式回复' },
  rejectReasons: {
    abusive: '辱骂、攻击他人', personal_data: '含他人隐私信息', duplicate: '重复留言', off_topic: '与留言对象无关',
    advertising: '广告、推销', illegal: '违法违规内容', other: '其他',
  },
  ratingLevels: { 1: '很不满意', 2: '不满意', 3: '基本满意', 4: '满意', 5: '很满意' },
  ratingReasons: { not_solved: '问题没有解决', not_answered: '答复没有针对我的问题', too_slow: '办理太慢', attitude: '办理态度不好', other: '其他' },
  flags: { reopened: '重办', adopted: '已采纳' },
};

export const zhCNStatsLabels: StatsLabels = {
  messages: '留言总数',
  replyRate: '回复率',
  onTimeRate: '按时回复率',
  medianResponse: '首次回复用时（中位数）',
  satisfaction: '满意度',
  adopted: '建言采纳',
  replied: '已回复',
  month: '月份',
  unit: '留言对象',
  hours: '{hours}小时',
  outOfFive: '{score}分',
  none: '暂无',
};
