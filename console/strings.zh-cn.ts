import { withOfficialMessages, type ProblemTitles } from '../sdk/src/error-messages';
import { zhCNOfficialFieldMessages, zhCNProblemTitles } from '../sdk/src/locales/zh-cn';
import { progressZhCN, type ProgressStrings } from '../ui/translations/progress.zh-cn';
import { commonZhCN, type CommonStrings, type Widen } from '../ui/translations/zh-cn';
import { zhCNStatsLabels } from '../sdk/src/locales/labels.zh-cn';

const { statuses, moderation } = progressZhCN;

const strings = {
  appTitle: '留言办理',
  /**
   * The browser tab's title, most specific first: the page in its part of the console (待受理 · 留言队列),
   * then the site (· 示范县人民政府). Each page, tab and message has its own (WCAG 2.4.2).
   */
  titleParts: '{part} · {whole}',
  nav: { queue: '留言队列', admin: '站点管理', account: '我的账号', signOut: '退出登录', menu: '导航' },
  dashboard: {
    nav: '办理统计',
    title: '办理统计',
    scopeSite: '全站',
    scopeUnits: '我负责的单位',
    now: '待处理',
    overdue: '已超期',
    dueSoon: '两天内到期',
    reopened: '重办',
    supervised: '督办',
    figures: '回复与满意度',
    distribution: '满意度分布',
    byUnit: '各单位',
    /** After a unit ranked with every unit under it (UnitStats `includesSubunits`); the others count their own messages alone. */
    withSubunits: '（含下属单位）',
    loadFailed: '统计数据加载失败，请稍后重试。',
    /** Under the figures: why 留言总数 may be fewer than the queue's 全部 (STATS_DEFINITIONS, `Counted`). */
    countedNote: '统计不含审核未通过（驳回）的留言，留言总数因此可能少于留言队列“全部”中的条数。',
    /** To admins, when the site's calendar has nothing of a year (DashboardSchema `calendarNotSet`). */
    calendarNotSet: '{year} 年的节假日和调休尚未设置：落在这一年的办理期限将按周一至周五计算。',
    calendarLink: '前往工作日历导入 {year} 年的安排',
    ...zhCNStatsLabels,
  },
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
    campaign: '建言专栏',
    dueWithinDays: '几天内到期',
    dueWithinDaysPlaceholder: '天数',
    reopenedOnly: '只看重办',
    any: '全部',
    apply: '筛选',
    clear: '清除筛选',
    empty: '没有符合条件的留言。',
    loadMore: '加载更多',
    loadingMore: '正在加载…',
    due: '期限 {date}',
    replies: '回复 {count}',
    /** Finding one message: a citizen on the phone reads out their tracking code, or says what they wrote about. */
    search: '查找留言',
    searchField: '查询码、留言编号或标题、内容中的字词',
    /** Short enough for a phone's box; the field's name (searchField) says it whole. */
    searchPlaceholder: '查询码、编号或关键词',
    searchSubmit: '查找',
    /** Under the tabs while a search or a filter narrows the list: the tabs' numbers are the tab's whole count. */
    countsUnfiltered: '标签上的数字是各栏的全部留言，不按搜索和筛选条件计算。',
    searchResults: '“{q}”的查找结果',
    /** Said (a polite status) once the search's first page is in: how many messages it found, or how many are shown when more can be loaded. */
    searchFound: '“{q}”的查找结果：找到 {n} 条留言',
    searchFoundMore: '“{q}”的查找结果：已显示 {n} 条留言，还有更多',
    searchClear: '清除查找',
    codeNotFound: '没有找到这个查询码的留言，或它不在您负责的单位。请核对后再试。',
  },

  message: {
    /** The browser tab's title while a message is on its way (then its own title). */
    pageName: '留言',
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
    /** A drive's suggestion: the drive it was written to, and the partner outlet's website it came from. */
    campaign: '建言专栏',
    outlet: '来源：{name}',
    rejectedBecause: '未通过原因：{reason}',
    /** A message published, then hidden: it had passed review, so not 未通过. */
    hiddenBecause: '隐藏原因：{reason}',
    actions: '操作',
    notes: '内部备注',
    notesHint: '仅办理人员可见，不会公开。',
    noNotes: '暂无内部备注',
    internal: '内部',
    /** A timeline event the public does not see and the author does (by tracking code). */
    authorOnly: '仅留言人可见',
    /** The deadline of a rejected message: none runs. */
    noDeadline: '不计办理期限（未通过审核）',
    by: '{name}',
    fromUnit: '自{name}',
    contact: '联系方式',
    contactLogged: '查看联系方式会被记录（查看人、时间、留言）。请仅为办理本留言使用。',
    contactName: '姓名',
    contactPhone: '电话',
    contactEmail: '邮箱',
    /** In place of the details, once erased (by the citizen, or after the site's retention period). */
    contactErased: '留言人的姓名、电话和邮箱已于{date}删除（留言人本人删除，或办结后超过本站的保存期限），无法再联系留言人。',
    none: '无',
    citizen: '群众评价与追问',
    ratedAs: '评价：{level}',
    score: '{level}（{score}分）',
    resolution: '解决程度',
    attitude: '办理态度',
    speed: '办理速度',
    ratingReason: '不满意的原因：{reason}',
    followUp: '追问',
    /** A follow-up's words and the public: the unit answers it at once either way. */
    followUpModeration: { pending: '待审核：公众暂时看不到追问内容', published: '追问内容已公开', rejected: '追问内容不予公开' },
    publishFollowUp: '公开追问内容',
    rejectFollowUp: '不予公开',
    followUpPublished: '追问内容已公开',
    followUpRejected: '追问内容不会公开',
    publishFollowUpConfirm: '公开后，这条追问的内容将出现在这条留言公开的办理记录中，所有人都能看到，且不能撤回。确定公开吗？',
    rejectFollowUpConfirm: '不予公开后，这条追问的内容将永远不会出现在网站上（留言人和办理单位仍能看到），且不能撤回。确定不予公开吗？',
    pendingFollowUps: '待审核的追问（{count}）',
    pendingFollowUpsHint: '市民追问的内容经审核后才会出现在公开的办理记录中；办理单位已可看到并答复。',
  },

  actionLabels: {
    publish: '发布', reject: '驳回', hide: '隐藏', accept: '受理', transfer: '转办', reply: '回复',
    close: '办结', extend: '延期', note: '内部备注', reveal: '查看联系方式', adopt: '采纳',
  },
  /**
   * The send button of an action's form: not the action's own name, which the button that opened the
   * form already has (two buttons named 回复 one after the other, to a screen reader).
   */
  actionSubmit: {
    publish: '确定', reject: '确认驳回', hide: '确认隐藏', accept: '确认受理', transfer: '确认转办', reply: '发送回复',
    close: '确定', extend: '确认延期', note: '保存备注', reveal: '查看', adopt: '确认采纳',
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
    replySignedPrivate: '回复将以“{unit}”的名义署名。',
    counter: '{count}/{max}',
    days: '延长工作日数',
    extendReason: '延期原因（公开）',
    newDeadline: '延期后的办理期限：{date}（从原期限起算）',
    newDeadlineFromToday: '延期后的办理期限：{date}（原期限已过，从今天起算）',
    /** After the new deadline, when it falls in a year the site's calendar has nothing of. */
    calendarNotSet: '{year} 年的节假日和调休尚未设置，这一年按周一至周五计算工作日；请管理员在“工作日历”中导入。',
    noteBody: '备注内容',
    adoptionNote: '采纳情况（公开）',
    adoptionHint: '请简要说明采纳了什么、用于何处，例如：已写入《县“十四五”规划》第三章。公众可以看到这段说明。',
    closeConfirm: '办结后留言将不再处于办理中。确定办结吗？',
    publishConfirm: '发布后，这条留言将在网站上公开，所有人都能看到（署名“{name}”，不含联系方式）。确定发布吗？',
    /** Above 发布's question when the title or text holds a phone number (held for `phone`): it would be public too. */
    publishHeldPhone: '注意：标题或内容中有电话号码，发布后所有人都能看到这个号码。是个人号码的，请驳回并说明原因，留言人删去号码后可以重新提交。',
    /** What the author will read in 查询留言, before the moderator has chosen a reason, and after. */
    rejectPreviewHint: '留言人凭查询码查看时，会看到“{state}”和您选择的原因及补充说明。',
    rejectPreview: '留言人凭查询码查看时将看到：{state}。{label}：{reason}',
    confirm: '确定',
    cancel: '取消',
    /** A form whose action a colleague's change has made impossible: kept open so that nothing typed is lost. */
    actionGone: '这项操作已不能再做：您填写的内容仍在这里，可以复制后另作处理。',
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
    /** Which e-mail notices the official gets (sent to the address above). */
    notifications: '通知',
    notificationsHint: '以下情况发邮件到上面的电子邮箱（只通知本人负责单位的留言）：',
    notifyAssigned: '有留言交由本单位办理（新留言或转办）',
    notifyDueSoon: '留言即将到期',
    notifyEscalated: '留言超期被督办',
    notifyReopened: '留言人不满意或追问，留言退回重办',
    notificationsSaved: '通知设置已保存',
    smsPhone: '短信通知手机号（选填）',
    smsPhoneHint: '填写后，本站开通短信服务时，以上通知同时发短信到这个手机号；清空则只发邮件。号码加密保存。',
    smsPhoneSave: '保存手机号',
    mustChange: '管理员为您设置了临时密码。请先设置您自己的密码，再继续使用。',
    passwordsDiffer: '两次输入的新密码不一致',
  },

  photos: {
    hide: '隐藏照片',
    unhide: '恢复显示',
    hideReason: '隐藏原因',
    hideNote: '给留言人的说明（选填）',
    hidden: '照片已隐藏，公众不再能看到；留言人会看到原因。',
    shown: '照片已恢复显示。',
    replyPhotos: '照片（选填，如修好后的现场）',
    add: '添加照片',
    leftOut: '最多{max}张照片：另选的{n}张没有添加。',
    uploading: '正在上传 {percent}%',
    uploaded: '已上传',
    failed: '上传失败',
    retry: '重试',
    remove: '移除',
    /** 移除's name on the n-th photo of a reply: the word shown first (WCAG 2.5.3), then which photo. */
    removeNth: '移除 照片{n}',
    unreadable: '无法读取这张照片，请换一张',
    notSent: '还有照片没有上传成功：请重试或移除后再发送。',
    cannotSend: '有照片无法发送：请移除标出原因的照片后再发送。',
  },

  problems: zhCNProblemTitles as ProblemTitles,
  signedOutNotice: '登录已失效，请重新登录。',
  /** Asked before leaving an admin page whose form has changes not saved (console/unsaved.ts). */
  unsavedChanges: '这一页有尚未保存的修改，离开后这些修改将会丢失。确定离开吗？',
  notFound: '未找到该留言，或它不在您负责的单位。',
  /** The message left the official's units while its page was open (a colleague transferred it). */
  movedAway: '这条留言已不在您负责的单位（可能已被转办），不能再在这里办理。',
  /**
   * An action refused because the message changed since the page read it: what happened meanwhile,
   * each `changedEvent` (its time, what, who), newest last; the timeline below shows them too.
   */
  changedMeanwhile: '这条留言在您查看之后已有变化：{changes}。请查看最新内容后再操作。',
  changedEvent: '{time} {what}{who}',
  changedBy: '（{name}）',
  noPermission: '只有管理员可以使用站点管理。',
  /** The unit picker (unit-picker.ts): levels, search, what is chosen. */
  unitPicker: {
    searchLabel: '{label}：按名称或拼音搜索',
    searchPlaceholder: '如 教育局、jyj（首字母）',
    search: '搜索',
    whereLabel: '{label}：所在层级',
    top: '全部单位',
    mine: '我负责的单位',
    resultsFor: '“{q}”的搜索结果',
    levelLabel: '本级单位',
    below: '下级',
    openBelow: '打开“{name}”的下级单位',
    chosen: '已选择：{unit}',
    chosenCount: '已选择 {n} 个单位：',
    noneChosen: '尚未选择',
    remove: '取消选择“{name}”',
    inactive: '已停用',
    noResults: '没有找到相符的单位',
    emptyLevel: '没有下级单位',
    more: '显示更多',
    /** A picker's 下级 button: the picker's label keeps it apart from the page's own (the 单位 page tree) and from other pickers. */
    openBelowIn: '{label}：打开“{name}”的下级单位',
    /** Said (a polite status) once a level opened with 下级 or the breadcrumb is shown: the level, and how many units it holds. */
    levelShown: '{level}：{n} 个单位',
  },
  /** Why a message or a follow-up's words were held for a moderator (never told to the citizen). */
  heldFor: '先审核原因：{reasons}',
  /** 转来: on a message transferred to the unit, until the unit accepts, replies, extends, closes or transfers it. */
  transferredFrom: '由{unit}转来',
  /** The same, once a moderator has decided. */
  heldForBefore: '曾先审核：{reasons}',
  /** What was found in a private message, which no moderator reviews: a caution to its handler. */
  flaggedFor: '提示：{reasons}',
  heldForSeparator: '、',
  holdReasons: { honeypot: '填写了隐藏项（疑似自动程序）', too_fast: '提交过快（疑似自动程序）', link: '含链接', phone: '含电话号码', word: '含待审词', banned_split: '含被句号等隔开的禁用词（请核实）' },
  /** The header's language switch (each language is named in itself: 简体中文, 繁體中文, English). */
  language: '语言',
} as const;

export type ConsoleStrings = CommonStrings & ProgressStrings & Widen<Omit<typeof strings, 'problems'>> & { problems: ProblemTitles };

export const consoleZhCN: ConsoleStrings = {
  ...commonZhCN,
  ...progressZhCN,
  ...strings,
  // The officials' field names and errors (sign-in, actions, admin) on top of the public ones.
  errors: withOfficialMessages(commonZhCN.errors, zhCNOfficialFieldMessages),
};
