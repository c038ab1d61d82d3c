import type { OfficialFieldMessages, ProblemTitles, PublicFieldMessages } from '../error-messages';

export const zhCNFieldMessages: PublicFieldMessages = {
  fields: {
    $: '请求内容', author: '联系人信息',
    unitId: '留言对象', type: '留言类型', domain: '所属领域', campaign: '专栏', title: '标题', body: '留言内容',
    region: '所在地区', 'author.name': '姓名', 'author.phone': '联系电话', 'author.email': '电子邮箱',
    'author.displayAs': '署名方式', isPublic: '公开方式', consent: '隐私声明', trackingCode: '查询码',
    'idempotency-key': '提交编号', q: '搜索词', unit: '单位', status: '办理状态', cursor: '翻页位置', limit: '每页条数',
    supporter: '关注标识',
  },
  choices: ['unitId', 'type', 'domain', 'campaign', 'author.displayAs', 'isPublic', 'status'],
  choose: (l) => `请选择${l}`,
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
    below_minimum: (l, p) => `${l}不能小于${p.min}`,
    above_maximum: (l, p) => `${l}不能大于${p.max}`,
    invalid_characters: (l) => `${l}含有无法显示或不允许的字符（如控制字符、文字方向控制符），请删除后重试`,
  },
};

/** Field names and errors only officials' routes give (console, admin, sign-in). */
export const zhCNOfficialFieldMessages: OfficialFieldMessages = {
  fields: {
    email: '电子邮箱', password: '密码', code: '动态验证码', reason: '原因', note: '说明', kind: '类别',
    templateId: '回复模板', days: '延期天数', displayName: '姓名', role: '角色', unitIds: '负责单位', name: '名称',
    allowedOrigins: '允许嵌入的网站', moderation: '审核方式', types: '留言类型', domains: '所属领域', deadlineDays: '办理时限',
    year: '年份', day: '日期', parentId: '上级单位', sortOrder: '排序', active: '启用状态', disabled: '停用状态', from: '开始日期',
    to: '结束日期', contact: '联系方式', titleMin: '标题最少字数', bodyMin: '留言内容最少字数', privacyUrl: '隐私声明网址',
    privacyText: '隐私声明内容', submissionLimits: '提交频率限制', perAddressHour: '每个网络地址每小时', perPhoneDay: '每个电话号码每天',
    perSiteMinute: '全站每分钟', site: '站点', tab: '标签页', dueWithinDays: '到期天数',
  },
  choices: ['reason', 'kind', 'templateId', 'role', 'unitIds', 'moderation', 'types', 'domains', 'parentId'],
  fieldErrors: {
    invalid_code: () => '动态验证码不正确或已使用，请输入验证器上的新验证码',
    weak_password: () => '密码至少12位，且不能与邮箱相同',
    wrong_password: () => '密码不正确',
    email_taken: () => '该邮箱已有账号',
    same_unit: () => '留言已在该单位，请选择其他单位',
    unknown_template: () => '回复模板不存在',
    unknown_account: () => '账号不存在',
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
  unauthenticated: '请先登录',
  forbidden: '您没有权限执行此操作',
  invalid_transition: '留言当前的状态不允许此操作',
  sign_in_failed: '邮箱、密码或动态验证码不正确',
  too_many_attempts: '尝试次数过多，请稍后再试',
  site_required: '该账号属于多个站点，请选择要登录的站点',
  too_many_requests: '提交太频繁，请稍后再试',
};
