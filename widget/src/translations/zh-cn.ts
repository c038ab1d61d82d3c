import type { ErrorCatalog } from '../../../sdk/src/error-messages';
import { zhCNErrors } from '../../../sdk/src/locales/zh-cn';

const strings = {
  loading: '正在加载…',
  loadFailed: '留言板加载失败，请检查网络后重试。',
  tryAgain: '重试',

  types: { suggestion: '建言', complaint: '投诉', help: '求助', consultation: '咨询' },
  domains: {
    urban: '城建', transport: '交通', agriculture: '三农', health: '医疗', education: '教育', environment: '环保',
    employment: '就业', enterprise: '企业', governance: '政务', security: '治安', tourism: '旅游', finance: '金融', other: '其他',
  },
  statuses: { submitted: '待受理', accepted: '已受理', in_progress: '办理中', replied: '已回复', closed: '已办结' },
  moderation: { pending: '待审核', published: '已公开', rejected: '未通过审核', hidden: '已隐藏' },
  events: {
    submitted: '提交留言', published: '审核通过并公开', rejected: '未通过审核', hidden: '已隐藏', accepted: '受理',
    transferred: '转办', replied: '回复', extended: '延长办理期限', rated: '评价', followed_up: '追问', closed: '办结', reopened: '重新办理',
  },

  chooseUnit: '请选择领导或部门',
  directTo: '直接写给{name}',
  unitsUnder: '{name}下属部门',
  chooseDomain: '请选择领域',
  regionPlaceholder: '如：示范县城关镇幸福村',
  optional: '（选填）',
  displayAsMasked: '{surname}***',
  displayAsMr: '{surname}先生',
  displayAsMs: '{surname}女士',
  public: '公开',
  publicHint: '审核后在网站上展示，姓名只显示为所选署名，电话和邮箱不公开',
  private: '不公开',
  privateHint: '仅您本人（凭查询码）和办理部门可见',
  consent: '我已阅读并同意隐私声明：姓名、电话和邮箱仅用于办理本留言，加密保存，任何情况下都不会公开。',
  counter: '{count}/{max}',
  submit: '提交留言',
  submitting: '正在提交…',
  retrying: '网络不稳定，正在第{attempt}次尝试提交…已填写的内容不会丢失。',
  submitFailed: '网络连接失败，留言尚未提交。您填写的内容已保存在本机，网络恢复后请点击“重新提交”，不会重复提交。',
  resubmit: '重新提交',
  draftRestored: '已恢复您上次未提交的内容。',
  clearDraft: '清空重写',
  fixErrors: '请修改标出的内容后再提交。',

  submitted: '留言已提交',
  trackingCodeLabel: '您的查询码',
  saveCodeWarning: '请立即保存查询码：它只显示这一次，是查看回复、评价和追问的唯一凭证，丢失后无法找回。',
  copy: '复制查询码',
  copied: '已复制',
  copyFailed: '无法自动复制，请手动抄写',
  dueAt: '办理期限：{date}',
  pendingModeration: '留言将在审核后公开。',
  privateNotice: '这是一条不公开的留言。',
  writeAnother: '再写一条',

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
  networkError: '网络连接失败，请检查网络后重试。',
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Every string an element shows, and the service's error messages, in one language. */
export type Translation = Widen<typeof strings> & { errors: ErrorCatalog };

/** Chinese, the default language: always in the bundle. Other languages load when a page asks for them. */
export const zhCN: Translation = { ...strings, errors: zhCNErrors };
