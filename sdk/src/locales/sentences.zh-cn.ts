import type { PublicFieldSentences } from '../error-messages';
import { LIMITS } from '../limits';

// Apart from the field names (zh-cn.ts) so that <liuyan-form> fetches them once the citizen is
// writing, not with its first paint (error-messages.ts, FieldSentences); the service and the console
// read both (locales/index.ts).

/** The sentences of the public field errors in Chinese (names in zh-cn.ts): `(label, params) => sentence`. */
export const zhCNFieldSentences: PublicFieldSentences = {
  choices: ['unitId', 'type', 'domain', 'campaign', 'author.displayAs', 'isPublic', 'status', 'overall', 'resolution', 'attitude', 'speed', 'reason'],
  choose: (l) => `请选择${l}`,
  fieldErrors: {
    required: (l) => `请填写${l}`,
    too_long: (l, p) => `${l}不能超过${p.max}个字`,
    too_short: (l, p) => `${l}至少需要${p.min}个字`,
    invalid: (l) => `${l}格式不正确`,
    invalid_choice: (l) => `请选择有效的${l}`,
    invalid_phone: () => '请填写有效的手机号或带区号的座机号；境外号码请以 + 和国家或地区代码开头，如 +852',
    invalid_email: () => '请填写有效的电子邮箱地址',
    consent_required: () => '请阅读并同意隐私声明',
    unknown_unit: (l) => `所选${l}已停用或不存在，请重新选择`,
    type_not_allowed: () => '此处不接受这一类型的留言',
    domain_not_allowed: () => '此处不接受这一领域的留言',
    unknown_campaign: () => '专栏不存在',
    campaign_closed: () => '该专栏已结束，不再接收留言',
    campaign_not_started: () => '该专栏尚未开始征集，请在开始后再留言',
    below_minimum: (l, p) => `${l}不能小于${p.min}`,
    above_maximum: (l, p) => `${l}不能大于${p.max}`,
    invalid_characters: (l) => `${l}含有无法显示或不允许的字符（如控制字符、文字方向控制符），请删除后重试`,
    date_range_too_long: (_, p) => `开始日期和结束日期最多相隔${p.max ?? ''}天`,
    before_start: () => '结束日期不能早于开始日期',
    date_out_of_range: (l, p) => `${l}须在${p.min}年至${p.max}年之间`,
    verification_failed: () => '验证码不正确，请核对短信中的6位数字',
    verification_expired: () => '验证码已失效，请重新获取',
    photo_type_not_allowed: () => '这个文件不是照片：只接受 JPEG、PNG、WebP 格式的图片',
    photo_heic: () => '暂不接受 HEIC 格式的照片，请在手机设置中选择“兼容性最佳”，或截图后再上传',
    photo_damaged: () => '照片不完整或已损坏（可能没有传完），请重新选择',
    photo_too_large: (_, p) => `照片太大，每张不能超过${Number(p.max) >= 1048576 ? `${Math.round(Number(p.max) / 1048576)}MB` : `${Math.round(Number(p.max) / 1024)}KB`}`,
    too_many_photos: (_, p) => `最多只能附${p.max ?? LIMITS.photosMax}张照片`,
    unknown_photo: () => '照片没有上传成功或已失效，请重新添加',
    thumbnail_too_large: (_, p) => `缩略图太大：长边不能超过${p.max}像素`,
    banned_words: (l) => `${l}含有本站不允许发布的词语，请修改后再提交`,
    too_many: (l, p) => `${l}最多${p.max}条`,
    too_many_words: () => `一次最多搜索${LIMITS.searchWordsMax}个词，请减少词语`,
  },
};
