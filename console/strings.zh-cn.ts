import { withOfficialMessages, type ProblemTitles } from '../sdk/src/error-messages';
import { zhCNOfficialFieldMessages, zhCNProblemTitles } from '../sdk/src/locales/zh-cn';
import { progressZhCN, type ProgressStrings } from '../ui/translations/progress.zh-cn';
import { commonZhCN, type CommonStrings, type Widen } from '../ui/translations/zh-cn';

const { statuses, moderation } = progressZhCN;

const strings = {
  appTitle: '留言办理',
  nav: { queue: '留言队列', admin: '站点管理', account: '我的账号', signOut: '退出登录', menu: '导航' },
  roles: { admin: '管理员', moderator: '审核员', responder: '办理人员' },

  signIn: {
    title: '工作人员登录',
    email: '电子邮箱',
    password: '密码',
    code: '动态验证码',
    codeHint: '已开启动态验证码的账号必填：打开验证器应用，输入当前显示的6位数字；未开启的不填。',
    chooseSite: '选择站点',
    chooseSiteHint: '您的账号属于多个站点，请选择这次要登录的站点，再点登录。',
    siteNamed: '登录到站点：{site}',
    submit: '登录',
    submitting: '正在登录…',
    wait: '尝试次数过多，请在{minutes}分钟后再试。',
    waitSeconds: '尝试次数过多，请在{seconds}秒后再试。',
  },

  queue: {
    // The queue's tabs are named as the statuses they hold (sdk/src/locales/labels.zh-cn.ts).
    tabs: {
      moderation: moderation.pending, new: statuses.submitted, handling: statuses.in_progress, replied: statuses.replied,
      closed: statuses.closed, overdue: progressZhCN.overdue, all: '全部',
      supervised: progressZhCN.supervised,
    },
    filters: '筛选',
    type: '类型',
    domain: '领域',
    unit: '单位（含下属）',
    dueWithinDays: '几天内到期',
    dueWithinDaysPlaceholder: '天数',
    any: '全部',
    apply: '筛选',
    clear: '清除筛选',
    empty: '没有符合条件的留言。',
    loadMore: '加载更多',
    loadingMore: '正在加载…',
    due: '期限 {date}',
    replies: '回复 {count}',
  },

  message: {
    back: '返回队列',
    to: '留言对象',
    status: '办理状态',
    moderation: '审核状态',
    visibility: '公开方式',
    public: '公开',
    neverPublished: '不公开的留言无需审核，只办理、不发布',
    submittedAt: '提交时间',
    deadline: '办理期限',
    author: '署名',
    supports: '关注人数',
    rejectedBecause: '未通过原因：{reason}',
    actions: '操作',
    notes: '内部备注',
    notesHint: '仅办理人员可见，不会公开。',
    noNotes: '暂无内部备注',
    internal: '内部',
    by: '{name}',
    fromUnit: '自{name}',
    contact: '联系方式',
    contactLogged: '查看联系方式会被记录（查看人、时间、留言）。请仅为办理本留言使用。',
    contactName: '姓名',
    contactPhone: '电话',
    contactEmail: '邮箱',
    none: '无',
    citizen: '群众评价与追问',
    ratedAs: '评价：{level}',
    score: '{level}（{score}分）',
    resolution: '解决程度',
    attitude: '办理态度',
    speed: '办理速度',
    ratingReason: '不满意的原因：{reason}',
    followUp: '追问',
  },

  actionLabels: {
    publish: '发布', reject: '驳回', hide: '隐藏', accept: '受理', transfer: '转办', reply: '回复',
    close: '办结', extend: '延期', note: '内部备注', reveal: '查看联系方式', adopt: '采纳',
  },
  actionDone: {
    publish: '已发布', reject: '已驳回', hide: '已隐藏', accept: '已受理', transfer: '已转办', reply: '回复已发送',
    close: '已办结', extend: '已延期', note: '备注已保存', reveal: '', adopt: '已标记为采纳',
  },

  forms: {
    reason: '原因',
    reasonNote: '补充说明（选填）',
    chooseReason: '请选择原因',
    transferTo: '转办单位',
    chooseUnit: '请选择转办单位',
    transferReason: '转办原因（公开）',
    replyKind: '回复类型',
    template: '回复模板（选填）',
    noTemplate: '不使用模板',
    replyBody: '回复内容',
    replySigned: '回复将以“{unit}”的名义公开署名。',
    counter: '{count}/{max}',
    days: '延长工作日数',
    extendReason: '延期原因（公开）',
    newDeadline: '延期后的办理期限：{date}（从原期限起算）',
    newDeadlineFromToday: '延期后的办理期限：{date}（原期限已过，从今天起算）',
    noteBody: '备注内容',
    adoptionNote: '采纳情况（公开）',
    adoptionHint: '请简要说明采纳了什么、用于何处，例如：已写入《县“十四五”规划》第三章。公众可以看到这段说明。',
    closeConfirm: '办结后留言将不再处于办理中。确定办结吗？',
    publishConfirm: '发布后，这条留言将在网站上公开，所有人都能看到（署名“{name}”，不含联系方式）。确定发布吗？',
    /** What the author will read in 查询我的留言, before the moderator has chosen a reason, and after. */
    rejectPreviewHint: '留言人凭查询码查看时，会看到“{state}”和您选择的原因及补充说明。',
    rejectPreview: '留言人凭查询码查看时将看到：{state}。{label}：{reason}',
    confirm: '确定',
    cancel: '取消',
    sending: '正在提交…',
  },

  /** Fields as error sentences name them (请填写…, …不能超过500个字), where a label says more. */
  fieldNames: {
    site: '站点编号', email: '电子邮箱', password: '密码', code: '动态验证码',
    reason: '原因', note: '补充说明', unitId: '转办单位', transferReason: '转办原因', kind: '回复类型', templateId: '回复模板',
    replyBody: '回复内容', days: '延长工作日数', extendReason: '延期原因', noteBody: '备注内容', adoptionNote: '采纳情况',
    currentPassword: '当前密码', newPassword: '新密码', repeatPassword: '确认新密码',
  },
  /** Read after the label of a field that must be filled in or chosen (its star is not read). */
  requiredField: '（必填）',

  account: {
    title: '我的账号',
    name: '姓名',
    email: '电子邮箱',
    role: '角色',
    units: '负责单位',
    wholeSite: '全站',
    site: '站点',
    totp: '动态验证码（两步验证）',
    totpOn: '已启用。登录时需要输入验证器上的动态验证码。',
    totpOff: '未启用。启用后，登录时除密码外还需输入验证器应用（如 Google Authenticator、微信小程序“腾讯身份验证器”）上的动态验证码。',
    enrol: '启用动态验证码',
    enrolPassword: '请输入登录密码，以确认是您本人',
    scan: '1. 用验证器应用扫描二维码：',
    qrLabel: '动态验证码二维码',
    secretIntro: '无法扫码时，请在验证器中手动输入密钥：',
    confirmIntro: '2. 输入验证器上显示的6位验证码完成启用',
    confirm: '确认启用',
    enabled: '动态验证码已启用。',
    password: '修改密码',
    currentPassword: '当前密码',
    newPassword: '新密码',
    repeatPassword: '再次输入新密码',
    passwordHint: '至少12位，含至少6个不同的字符，且不能与邮箱相同。修改后，您在其他设备上的登录将退出。',
    changePassword: '修改密码',
    changingPassword: '正在修改…',
    passwordChanged: '密码已修改，其他设备上的登录已退出。',
    mustChange: '管理员为您设置了临时密码。请先设置您自己的密码，再继续使用。',
    passwordsDiffer: '两次输入的新密码不一致',
  },

  problems: zhCNProblemTitles as ProblemTitles,
  signedOutNotice: '登录已失效，请重新登录。',
  notFound: '未找到该留言，或它不在您负责的单位。',
  noPermission: '只有管理员可以使用站点管理。',
} as const;

export type ConsoleStrings = CommonStrings & ProgressStrings & Widen<Omit<typeof strings, 'problems'>> & { problems: ProblemTitles };

export const consoleZhCN: ConsoleStrings = {
  ...commonZhCN,
  ...progressZhCN,
  ...strings,
  // The officials' field names and errors (sign-in, actions, admin) on top of the public ones.
  errors: withOfficialMessages(commonZhCN.errors, zhCNOfficialFieldMessages),
};
