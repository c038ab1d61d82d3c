import { baseZhCN, type BaseStrings, type Widen } from '../../../ui/translations/base.zh-cn';

const strings = {
  loadFailed: '留言板加载失败，请检查网络后重试。',
  privacyLoadFailed: '隐私声明未能加载，请检查网络后重新打开。',
  /** A suggestion drive (建言专栏) outside its window: said before anything is typed. */
  campaignNotStarted: '{title}将于{date}开始征集，届时欢迎留言。',
  campaignEnded: '{title}已于{date}结束征集，不再接收留言。感谢关注！',
  /** What a citizen wrote for a drive that closed before it was sent: kept, to copy and send another way. */
  keptText: '您写下的内容没有提交，仍保存在本设备上，可复制后另行留言：',
  forgetKept: '删除这段内容',
  campaignUnknown: '没有找到这个专栏，请联系本网站。',
  campaignElsewhere: '{title}只在{outlets}的网站上接收留言，本网站不能提交。欢迎到这些网站的专栏页面留言。',
  listSeparator: '、',
  chooseUnit: '请选择领导或部门',
  /** The picker of a large tree (a national site): search by name, or choose level by level. */
  unitSearch: '按名称搜索',
  unitSearchPlaceholder: '如：教育局、jyj 或 jiaoyu',
  unitSearchFound: '找到 {n} 个单位',
  unitSearchNone: '没有找到名称或拼音含“{text}”的单位，请换个词或逐级选择。',
  unitBrowse: '或逐级选择',
  unitsUnder: '{name}下属单位',
  chooseLevel: '请选择',
  unitChosen: '已选择：{name}',
  unitsLoadFailed: '单位列表加载失败，请检查网络后重试。',
  chooseDomain: '请选择领域',
  regionPlaceholder: '如：示范县城关镇幸福村',
  optional: '（选填）',
  /** Whose display name the 署名 choices show before a name is typed. */
  sampleName: '陈明',
  /** A 署名 choice before a name is typed: the sample name's, as an example. */
  sampleShown: '例如：{name}',
  requiredNote: '为必填项',
  public: '公开',
  publicHint: '审核后在网站上展示，姓名只显示为所选署名，电话和邮箱不公开；留言原样公开，请勿在其中填写电话、住址等个人信息',
  privateHint: '仅您本人（凭查询码）和办理部门可见',
  consent: '我已阅读并同意隐私声明：姓名、电话和邮箱仅用于办理本留言，加密保存，任何情况下都不会公开。',
  readPrivacyNotice: '阅读隐私声明',
  submit: '提交留言',
  submitting: '正在提交…',
  photosLegend: '照片',
  photosHint: '最多{max}张。上传前会在本机压缩，并去掉拍摄位置等信息。',
  addPhotos: '添加照片',
  photosLeftOut: '最多{max}张照片：另选的{n}张没有添加。',
  photoPublic: '随留言公开这张照片',
  photoPreparing: '正在压缩…',
  photoUploading: '正在上传 {percent}%',
  photoUploaded: '已上传',
  photoUnreadable: '无法读取这张照片，请换一张，或截图后再选',
  photoUploadFailed: '上传失败，请检查网络后重试',
  retryPhoto: '重新上传',
  /** A photo without a thumbnail (none could be drawn from it), named by its file: {name}, then what became of it. */
  photoNamed: '{name}：{status}',
  removePhoto: '删除照片',
  photosNotSent: '有照片没有上传成功：请重新上传或删除它，再提交。填写的内容已保留。',
  photosCannotSend: '有照片无法发送：请删除标出原因的照片，再提交。填写的内容已保留。',
  retrying: '网络不稳定，正在第{attempt}次尝试提交…已填写的内容不会丢失。',
  /** A 429 to a submission (`failureText`): the form says what was too frequent. */
  tooManyRequests: '提交太频繁，请{wait}后再试。',
  submitFailed: '网络连接失败，留言尚未提交。您填写的内容已保存在本机，网络恢复后请点击“重新提交”，不会重复提交。',
  resubmit: '重新提交',
  draftRestored: '已恢复您上次未提交的内容。',
  /** The form sent from this page before its script came, and no answer seen here: the message may be stored already. */
  sentRestored: '已恢复您在本页提交过的内容。本页没有收到提交结果：如果您已经拿到查询码，请不要重复提交。',
  clearDraft: '清空重写',
  submitted: '留言已提交',
  trackingCodeLabel: '您的查询码',
  saveCodeWarning: '请立即保存查询码：关闭本页后就无法再次查看。它是查看回复、评价和追问的凭证。如果丢失，可在“查询留言”中凭留言时填写的手机号或邮箱重新获取（使用新查询码后，原查询码即失效）。',
  copy: '复制查询码',
  copied: '已复制',
  copySelected: '无法自动复制：查询码已选中，请长按复制，或手动抄写',
  pendingModeration: '留言将在审核后公开。',
  privateNotice: '这是一条不公开的留言。',
  writeAnother: '再写一条',
  /** On a receipt while another message waits on the device to be sent (queued offline). */
  anotherWaiting: '这台设备上还有留言等待提交。保存好上面的查询码后，请点“提交下一条留言”。',
  sendNext: '提交下一条留言',
  rememberCode: '在本设备上记住查询码',
  rememberHint: '只保存在这台设备的浏览器里，不会上传；之后可在“查询留言”中直接查看。公共电脑上请不要勾选。',
  /** Reply notices (the author chooses; only for a contact given) and the SMS code (where the site asks for one). */
  notifyLegend: '有回复时通知我',
  notifySms: '短信通知（发送到上面的手机号）',
  notifyEmail: '邮件通知（发送到上面的邮箱）',
  notifyHint: '通知只告诉您有了新回复或留言未通过审核，不含查询码、回复内容和原因，请凭查询码查看。',
  getCode: '获取验证码',
  codeSending: '正在发送…',
  codeSent: '验证码已发送到{phone}，{minutes}分钟内有效。',
  resendIn: '{seconds}秒后可重新获取',
  codeNeedsPhone: '请先填写手机号，再获取验证码',
  codeNotSent: '验证码短信未能发出，请稍后点击“获取验证码”重试。',
  rememberFailed: '这个浏览器不允许保存（可能是无痕模式），请手动抄写查询码。',
  /** The hidden field people never see (form-guard.ts), for the rare reader who reaches it. */
  honeypotLabel: '此项请留空',
  /** The outbox: a submission made offline, or whose answer was lost, waits on the device and is sent when the network returns. */
  queued: '已保存，联网后自动提交',
  queuedHint: '留言（含联系方式）暂存在本设备的浏览器里，网络恢复后自动提交，不会重复提交；提交后这里会显示查询码，本设备上的副本随即删除。关闭页面也不会丢失，下次打开本网站的留言页面时继续提交。',
  /** Under the queued notice when the message has photos (uploaded already, or kept on the device in IndexedDB). */
  queuedPhotos: '所选的{n}张照片已一并保存，随留言提交。',
  /** A field's error while the sentences of field errors (fetched when the citizen starts writing) could not come. */
  checkField: '请检查{field}',
} as const;

// The common strings with the field names only: the sentences of field errors come on demand (liuyan-form.ts).
export type FormStrings = BaseStrings & Widen<typeof strings>;

export const formZhCN: FormStrings = { ...baseZhCN, ...strings };
