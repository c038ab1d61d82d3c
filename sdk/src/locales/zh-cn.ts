import type { FieldMessages, ProblemTitles } from '../error-messages';

export const zhCNFieldMessages: FieldMessages = {
  fields: {
    $: '请求内容', author: '联系人信息',
    unitId: '留言对象', type: '留言类型', domain: '所属领域', campaign: '专栏', title: '标题', body: '留言内容',
    region: '所在地区', 'author.name': '姓名', 'author.phone': '联系电话', 'author.email': '电子邮箱',
    'author.displayAs': '署名方式', isPublic: '公开方式', consent: '隐私声明', trackingCode: '查询码',
    'idempotency-key': '提交编号',
  },
  fieldErrors: {
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
};

export const zhCNProblemTitles: ProblemTitles = {
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
};
