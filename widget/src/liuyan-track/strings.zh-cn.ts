import { progressZhCN, type ProgressStrings } from '../../../ui/translations/progress.zh-cn';
import { commonZhCN, type CommonStrings, type Widen } from '../../../ui/translations/zh-cn';

const strings = {
  trackTitle: '查询留言',
  trackingCodePlaceholder: 'XXXX-XXXX-XXXX-XXXX',
  trackSubmit: '查询',
  tracking: '正在查询…',
  trackNotFound: '没有找到与该查询码对应的留言，请核对后重试。',
  /** 忘记查询码: a new code sent to the phone or e-mail given with the message. */
  lostCode: '忘记查询码？',
  lostCodeHint: '填写留言时留下的手机号或电子邮箱，我们会把新的查询码发送给它。原查询码在您使用新查询码后失效。',
  lostCodeLabel: '手机号或电子邮箱',
  lostCodeSubmit: '发送新的查询码',
  lostCodeSending: '正在提交…',
  lostCodeSent: '已受理。如果这个手机号或邮箱在本站留过言，新的查询码将在几分钟内通过短信或邮件发送给您；使用新查询码后，原查询码即失效。',
  lostCodeInvalid: '请填写留言时留下的手机号或电子邮箱',
  to: '留言对象',
  /** The suggestion drive (建言专栏) the message was written to. */
  campaign: '建言专栏',
  status: '办理状态',
  submittedAt: '提交时间',
  /** Rating the final reply. */
  rateTitle: '评价本次答复',
  rateHint: '您的评分会公开显示在留言下方；您填写的具体说明只有办理单位能看到。',
  /** Said in place of `rateHint` of a private message, which has no public page. */
  rateHintPrivate: '您的评分和填写的具体说明只有办理单位能看到。',
  /** A sub-score's choice, read out: 5分 很满意. */
  scoreChoice: '{score}分 {level}',
  reasonTextHint: '选择“其他”时必填',
  rateSubmit: '提交评价',
  rateSending: '正在提交…',
  ratedThanks: '感谢您的评价。',
  reopenedNotice: '您的不满意评价已记录，这条留言将重新办理，办理期限至{date}。',
  /** A rating on the timeline, after the event: 评价 · 单位：满意（4分）. */
  ratedAs: '：{level}（{score}分）',
  /** Follow-up questions 追问. */
  followUpTitle: '追问',
  followUpsLeft: '还可追问 {n} 次。',
  /** Beside the follow-up form while the reply can still be rated: a follow-up sent first hides the rating until the next answer. */
  followUpBeforeRating: '提交追问后，需等单位再次答复才能评价；要评价这次答复，请先评价再追问。',
  followUpPublicHint: '留言是公开的：追问内容经审核后会显示在公开的办理进程中，请勿填写电话、住址等个人信息。',
  followUpModeration: { pending: '（待审核，审核前不公开）', published: '（已公开）', rejected: '（不予公开）' },
  followUpSubmit: '提交追问',
  followUpSent: '追问已提交，办理单位将再次答复，办理期限至{date}。',
  followUpPending: '您的追问正在等待答复，答复后可以再追问。',
  /** A rating or follow-up refused because the message changed meanwhile (from another device): it is shown again as it is now. */
  shownAsNow: '{reason}。下面是这条留言现在的情况。',
  /** The citizen's words of that refused rating or follow-up, kept on the page. */
  unsentWords: '您刚才写的没有发出，可以复制保存：{text}',
  noFollowUpsLeft: '这条留言的追问次数已用完。',
  /** A follow-up on the timeline, with its question. */
  question: '：{text}',
  sendFailed: '提交失败，请检查网络后重试。',
  myMessages: '我的留言',
  myMessagesHint: '本设备记住的查询码（只保存在这个浏览器里）。点“查看”获取最新办理状态。',
  sentOn: '{date}提交',
  lastSeen: '{status}（截至{date}）',
  /** A message the form kept on this device, offline, shown where no form on the page can send it. */
  waitingOnDevice: '本设备上有一条留言尚未提交：{title}（{date}保存）。打开本网站写留言的页面，联网后它会自动提交，并显示查询码。',
  openRemembered: '查看',
  forget: '不再记住',
  rememberThis: '在本设备上记住查询码',
  /** Said (a status) once 在本设备上记住查询码 or 不再记住 is pressed: the list above changes out of view. */
  rememberedNow: '已在本设备上记住查询码，可在上方“我的留言”中查看。',
  forgottenNow: '本设备不再记住这条留言的查询码。',
  myData: '我的数据',
  myDataHint: '您可以下载本留言的全部数据（含您的姓名和联系方式），或删除您的姓名、电话和邮箱。',
  download: '下载我的数据',
  preparing: '正在准备…',
  downloaded: '已下载（JSON文件），请妥善保管：其中有您的联系方式。',
  erase: '删除我的个人信息',
  /**
   * What erasing takes, all of it (my-data.ts): the details and the photos, the reply notices asked for
   * (sent to the phone or e-mail), and 忘记查询码 (it finds codes by them). {photos}: `erasePhotos` or nothing.
   */
  eraseQuestion: '确定要删除吗？您的姓名、电话和邮箱{photos}将被永久删除，无法恢复：办理部门将无法再联系您，有新回复时也不会再通知您，忘记查询码时也无法再凭手机号或邮箱找回。留言内容、回复和署名“{name}”会保留，写在留言内容里的文字也不会删除。',
  erasePhotos: '，以及您上传的{n}张照片',
  /** In place of `myDataHint` once the details were erased (by the citizen, or at the end of the site's retention period). */
  myDataErasedHint: '您的姓名、电话和邮箱（及照片）已于{date}删除。您仍可以下载本留言的其余数据。',
  eraseYes: '确认删除',
  eraseNo: '取消',
  erasing: '正在删除…',
  erased: '您的姓名、电话和邮箱已于{date}删除。',
  dataFailed: '操作没有完成，请检查网络后重试。',
} as const;

export type TrackStrings = CommonStrings & ProgressStrings & Widen<typeof strings>;

export const trackZhCN: TrackStrings = { ...commonZhCN, ...progressZhCN, ...strings };
