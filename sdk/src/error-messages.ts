import type { FieldErrorCode, ProblemCode } from './schemas/error';

/** The two languages every message has; anything that is not English reads Chinese. */
export type Locale = 'zh-CN' | 'en';

export function pickLocale(tag: string | null | undefined): Locale {
  return tag && /^en\b/i.test(tag.trim()) ? 'en' : 'zh-CN';
}

export interface FieldErrorParams {
  max?: number;
  min?: number;
}

const fieldLabels: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    unitId: '留言对象', type: '留言类型', domain: '所属领域', campaign: '专栏', title: '标题', body: '留言内容',
    region: '所在地区', 'author.name': '姓名', 'author.phone': '联系电话', 'author.email': '电子邮箱',
    'author.displayAs': '署名方式', isPublic: '公开方式', consent: '隐私声明', trackingCode: '查询码',
    'idempotency-key': '提交编号',
  },
  en: {
    unitId: 'recipient', type: 'message type', domain: 'domain', campaign: 'campaign', title: 'title', body: 'message',
    region: 'region', 'author.name': 'name', 'author.phone': 'phone', 'author.email': 'email',
    'author.displayAs': 'display name', isPublic: 'visibility', consent: 'privacy notice', trackingCode: 'tracking code',
    'idempotency-key': 'submission key',
  },
};

type Template = (label: string, p: FieldErrorParams) => string;

const fieldTemplates: Record<Locale, Record<FieldErrorCode, Template>> = {
  'zh-CN': {
    required: (l) => `请填写${l}`,
    too_long: (l, p) => `${l}不能超过${p.max}个字`,
    too_short: (l, p) => `${l}至少需要${p.min}个字`,
    invalid: (l) => `${l}格式不正确`,
    invalid_choice: (l) => `请选择有效的${l}`,
    invalid_phone: () => '请填写有效的手机号或带区号的座机号',
    invalid_email: () => '请填写有效的电子邮箱地址',
    consent_required: () => '请阅读并同意隐私声明',
    unknown_unit: () => '所选留言对象不存在，请重新选择',
    type_not_allowed: () => '此处不接受这一类型的留言',
    domain_not_allowed: () => '此处不接受这一领域的留言',
    unknown_campaign: () => '专栏不存在',
    campaign_closed: () => '该专栏已结束，不再接收留言',
  },
  en: {
    required: (l) => `Please enter the ${l}`,
    too_long: (l, p) => `The ${l} must be at most ${p.max} characters`,
    too_short: (l, p) => `The ${l} must be at least ${p.min} characters`,
    invalid: (l) => `The ${l} is not valid`,
    invalid_choice: (l) => `Please choose a valid ${l}`,
    invalid_phone: () => 'Please enter a valid mobile number, or a landline with its area code',
    invalid_email: () => 'Please enter a valid email address',
    consent_required: () => 'Please read and accept the privacy notice',
    unknown_unit: () => 'That recipient does not exist; please choose again',
    type_not_allowed: () => 'This type of message is not accepted here',
    domain_not_allowed: () => 'Messages in this domain are not accepted here',
    unknown_campaign: () => 'No such campaign',
    campaign_closed: () => 'This campaign has ended and no longer accepts messages',
  },
};

const problemTitles: Record<Locale, Record<ProblemCode, string>> = {
  'zh-CN': {
    validation: '请检查填写的内容',
    not_found: '未找到',
    site_not_found: '站点不存在',
    origin_not_allowed: '此网站未获授权提交留言',
    unsupported_media_type: '只接受 JSON 格式的请求',
    payload_too_large: '提交的内容过大',
    malformed_json: '请求格式有误',
    idempotency_key_reused: '同一提交编号已用于不同的内容',
    conflict: '操作冲突，请刷新后再试',
    internal: '服务暂时不可用，请稍后再试',
  },
  en: {
    validation: 'Please check the form',
    not_found: 'Not found',
    site_not_found: 'No such site',
    origin_not_allowed: 'This website may not submit messages',
    unsupported_media_type: 'Only JSON requests are accepted',
    payload_too_large: 'The request is too large',
    malformed_json: 'The request is not valid JSON',
    idempotency_key_reused: 'This submission key was already used for different content',
    conflict: 'Conflicting change; please reload and try again',
    internal: 'The service is unavailable; please try again later',
  },
};

export function fieldLabel(locale: Locale, field: string): string {
  return fieldLabels[locale][field] ?? field;
}

export function fieldErrorMessage(locale: Locale, field: string, code: FieldErrorCode, params: FieldErrorParams = {}): string {
  return fieldTemplates[locale][code](fieldLabel(locale, field), params);
}

export function problemTitle(locale: Locale, code: ProblemCode): string {
  return problemTitles[locale][code];
}
