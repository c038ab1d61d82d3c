// The Chinese reference page (/docs) in Chinese where the words are ours: the document's texts
// (written once, in English, beside the schemas and routes they describe) by their English wording.
// openapi.test.ts fails when an operation, a parameter or an answer has no line here: add it with
// the route. A field without one shows its English words, marked as English.

/** What each figure of the statistics means (STATS_DEFINITIONS of sdk/src/schemas/stats.ts, line by line). */
export const STATS_DEFINITIONS_ZH = [
  '统计范围：所选月份内（北京时间，按提交日期）群众提交的全部留言，公开与不公开的都算，审核不通过的（垃圾信息、辱骂）除外。不公开的留言计入每一项数字；任何数字都不显示留言的内容。',
  'messages：计入的留言数。',
  'replyRate（回复率）：计入的留言中至少有一条官方答复（阶段性或正式答复）的比例，0–1，3 位小数；没有计入的留言时为 null。',
  'onTimeRate（按期办结率）：已答复的留言中，首次答复不晚于当时有效期限的比例（之后的延期或重办不改变它）；没有已答复的留言时为 null。超期未答复的留言拉低回复率，工作人员在管理后台可以看到。',
  'medianResponseHours（首次答复时间中位数）：从提交到首次答复的时间中位数，单位小时，1 位小数；按区间估算，6 小时以内每 1 小时一档，逐步放宽到 30 天时每周一档（在包含中间那条答复的区间内线性估算；更晚的记为 720）；没有已答复的留言时为 null。',
  'satisfaction（满意度）：每条有评价的留言计一次，取最新的评价（重办后新评价取代旧评价）。mean：总体评价平均分 1–5，2 位小数；distribution：评 1、2、3、4、5 分的各有多少；resolution、attitude、speed：分项平均分；没有评价时平均分为 null。公开的统计（不是工作人员的办理统计）中，评价不足 5 条时不给出分数，全站和各单位都是如此（平均分为 null，distribution 全为 0；rated 仍给出条数）：否则缩小到一个单位、一个月时，可以看出某一位群众的评分。',
  'adopted：标记为已采纳的建言数。',
  'byType、byDomain、byOutlet：按类型、领域和来源网站统计的留言数；来源网站是留言所在的专栏合作网站（其名称），否则为发出留言的网站来源（origin）。不经网站提交的留言（程序通过 API 或 Open311 提交）不属于任何来源网站，因此 byOutlet 各项之和可能小于 messages。',
  'monthly：有留言的每个月，最早的在前：计入的留言数及其中已答复的数量。',
  'byUnit：按留言写给的单位（转办后按当前单位），依次按回复率、按期办结率、留言数排名；satisfaction 为该单位的总体评价平均分；已停用的单位 `active` 为 false（其留言仍计入，排名和工作台中标明“已停用”）。`unit` 只统计这一个单位（不含其下级单位）；`campaign` 只统计一个专栏的留言。',
];

const definitions = STATS_DEFINITIONS_ZH.map((line) => `- ${line}`).join('\n');

/** Operations' descriptions, by operationId (their titles are in operation-titles.ts). */
export const OPERATION_DESCRIPTIONS_ZH: Record<string, string> = {
  getStats: `各项数字的含义：\n\n${definitions}`,
  getDashboard: `数字与 GET /v1/sites/{site}/stats 相同，范围是该工作人员负责的单位：\n\n${definitions}`,
};

/** Descriptions of parameters, answers, headers and fields, by their English wording. */
export const DESCRIPTIONS_ZH: Record<string, string> = {
  'what the form may offer: reply notices, a lost code, the SMS code':
    '表单可以提供的：回复通知、找回查询码、短信验证码',
  'the site sends SMS: a reply notice by SMS, a lost code to a phone':
    '本站点发送短信：短信回复通知、把查询码发到手机',
  'a reply notice or a lost code by e-mail':
    '通过电子邮件发送回复通知或查询码',
  'a submission needs an SMS code (POST /v1/sites/{site}/verification-codes)':
    '提交留言需要短信验证码（POST /v1/sites/{site}/verification-codes）',
  'by SMS to author.phone (where the site sends SMS)':
    '以短信发到 author.phone（本站点发送短信时）',
  'by e-mail to author.email (which must then be given)':
    '以电子邮件发到 author.email（此时必须填写）',
  'the SMS code sent to author.phone (POST /v1/sites/{site}/verification-codes); required where the site asks for one (site config <code>notifications.phoneVerification</code>)':
    '发到 author.phone 的短信验证码（POST /v1/sites/{site}/verification-codes）；站点要求时必填（站点配置 <code>notifications.phoneVerification</code>）',
  'a mobile number, or an e-mail address (anything with @)':
    '手机号，或电子邮箱（含 @ 的即视为邮箱）',
  'the mobile number the submission will give as author.phone':
    '提交留言时将填写为 author.phone 的手机号',
  'how long the code works once it arrives':
    '验证码送达后的有效时间',
  'when the form may offer 重新获取':
    '表单何时可以提供“重新获取”',
  'a message assigned or transferred to my unit':
    '有留言交办或转办到我的单位',
  'a message of my unit nears its deadline':
    '我单位的留言临近办理期限',
  'a message of my unit is overdue and supervised (督办)':
    '我单位的留言已超期并被督办',
  'false: the unit is retired (停用) since; the messages it had still count, and the ranking marks it':
    'false：该单位已停用；它的留言仍然计入，排名中标明“已停用”',
  'true: the figures are the unit’s and every unit’s under it (an official’s dashboard over a large tree ranks the units right below their own so); absent: the unit’s own':
    'true：数字包括该单位及其所有下属单位（大型单位树上工作人员的工作台这样统计其本单位之下的各单位）；没有此字段：仅该单位本身',
  'a citizen sent a message of my unit back (重办: an unhappy rating, or a follow-up to an answer); always in answers, absent on a PUT: unchanged':
    '留言人将我单位答复过的留言退回重办（不满意评价，或对答复的追问）；应答中总有此项，PUT 时不填：保持不变',
  'my mobile for the same notices by SMS too (where the site sends SMS); null or empty: e-mail only; absent: unchanged':
    '同时以短信接收这些通知的手机号（本站点发送短信时）；null 或空：只发邮件；不填：保持不变',
  'https address of the image a share card of the hosted pages shows (og:image); null: Liuyan’s':
    '托管页面分享卡片显示的图片的 https 地址（og:image）；null：使用留言板默认图片',
  'https address of a PNG or JPEG of at least 300×300 pixels (WeChat’s share card); null: Liuyan’s image':
    '至少 300×300 像素的 PNG 或 JPEG 图片的 https 地址（微信分享卡片）；null：使用留言板默认图片',
  'during a rotation, until when the previous secret still signs (both sign); null otherwise':
    '更换密钥期间，旧密钥继续签名到何时（新旧两个都签名）；不在更换期间为 null',
  'deliveries whose retries are spent: re-send them once the receiver works':
    '重试已用完的推送：接收方恢复后可重新发送',
  'what receives it, e.g. 12345热线平台':
    '接收方说明，例如：12345热线平台',
  'shown once: keep it where the receiver can read it (whsec_…)':
    '只显示一次：请保存在接收方能读取的地方（whsec_…）',
  'when it is tried again (retrying)':
    '下次重试的时间（重试中）',
  'the last five':
    '最近五次',
  'the receiver’s HTTP status; null when it did not answer':
    '接收方返回的 HTTP 状态码；未应答时为 null',
  'timeout (no answer in time), network (no connection), status (not 2xx), disabled (the endpoint was off)':
    'timeout（未按时应答）、network（无法连接）、status（状态码不是 2xx）、disabled（接收地址已停用）',
  'at most the first 200 characters of the answer':
    '应答内容的前 200 个字符（最多）',
  'aliyun: 阿里云短信 Dysmsapi; gateway: the government’s own SMS gateway (signed JSON POST); null: no SMS':
    'aliyun：阿里云短信 Dysmsapi；gateway：政府自建短信网关（签名的 JSON POST）；null：不发短信',
  'base URL; null: the provider’s public endpoint (required for a gateway)':
    '接口基础地址；null：服务商的公共地址（自建网关必填）',
  'AccessKey ID, or the gateway’s key id':
    'AccessKey ID，或自建网关的密钥 ID',
  'whether a secret is stored (it is write-only)':
    '是否已保存密钥（密钥只能写入，不能读出）',
  'while SMS is off (provider null): the provider the kept endpoint, keyId, signName and templates were set up for; null otherwise':
    '短信关闭时（provider 为 null）：保留的接口地址、keyId、短信签名和模板编号原属的服务商；其他情况为 null',
  'template code per kind of notice (Aliyun: SMS_…)':
    '每类通知的短信模板代码（阿里云：SMS_…）',
  'the sender of e-mails; null: the service’s own (MAIL_FROM)':
    '电子邮件的发件地址；null：使用服务自己的（MAIL_FROM）',
  'a submission needs the SMS code sent to its phone':
    '提交留言需要填写发到手机的短信验证码',
  'write-only; absent or null keeps the stored secret':
    '只能写入；不填或 null 保留已保存的密钥',
  'the provider’s answer code of the last failed attempt':
    '最后一次失败时服务商返回的代码',
  'the code is on its way; it works for expiresInSeconds once it arrives':
    '验证码正在发送；收到后在 expiresInSeconds 秒内有效',
  'sms_unavailable: the site does not ask for verification codes (or sends no SMS)':
    'sms_unavailable：本站点不要求短信验证码（或未开通短信）',
  'taken: the same answer whether or not any message has this contact (if some do, their new codes are sent to it)':
    '已受理：无论是否有留言留了这个联系方式，答复都一样（如有，新的查询码会发送到这个联系方式）',
  'the endpoints':
    '接收地址列表',
  'the endpoint and its secret, shown this once':
    '接收地址及其签名密钥（只显示这一次）',
  'the site has 10 endpoints already (webhook_limit)':
    '本站点已有 10 个接收地址（webhook_limit）',
  'the endpoint after the change':
    '修改后的接收地址',
  'the endpoint and its new secret, shown this once':
    '接收地址及其新的签名密钥（只显示这一次）',
  'the deliveries':
    '推送记录',
  'queued: the delivery, pending':
    '已排队：这次推送，等待发送',
  'my choices':
    '我的通知选择',
  'my choices now':
    '修改后的通知选择',
  'the settings now':
    '修改后的设置',
  'the dead notices':
    '多次发送失败的通知',
  'ISO 8601 date-time with offset':
    'ISO 8601 日期时间，带时区偏移',
  'the service could not answer':
    '服务暂时无法应答',
  'invalid fields, each named with a stable code':
    '字段有误，逐项列出，各带固定的错误代码',
  'the message':
    '这条留言',
  'not from the console’s own origin':
    '不是从管理后台自己的网址发出的请求',
  'no such resource in this site':
    '本站没有这项内容',
  'not allowed for this role or outside the official’s units, or not from the console’s own origin':
    '当前角色无权操作，或留言不在本人负责的单位，或不是从管理后台自己的网址发出的请求',
  'no live session':
    '未登录，或会话已失效',
  'the body is too large':
    '请求体过大',
  'the body is not JSON':
    '请求体不是 JSON',
  'the body is not application/json':
    '请求体不是 application/json',
  'extension':
    '扩展字段',
  'D1 read replication: a sealed bookmark (opaque, at most 256 characters) of where this client’s last write got to. A client that sends back the last one it was given reads what it wrote, even from a read replica; anything else is ignored. The SDK does this by itself.':
    'D1 读副本书签：密封的（不透明，最多 256 个字符）本客户端上一次写入所到的位置。把最近一次收到的书签带回来，即使从读副本读取，也能读到自己刚写入的内容；其他值一律忽略。SDK 会自动处理。',
  'the answer’s entity tag, to send back in If-None-Match':
    '这个应答的实体标签（ETag），下次请求时放在 If-None-Match 中带回',
  'the ETag of the answer the client has: unchanged, the answer is 304 without a body':
    '客户端已有的应答的 ETag：内容未变时应答 304，不带正文',
  'the message’s `version` as the official read it, quoted (`"…"`): changed since, the action is refused with 412 changed_since_read; absent, the action is taken whatever changed':
    '工作人员读取时留言的 `version`，加引号（`"…"`）：此后留言有变化的，操作被拒绝（412 changed_since_read）；不带此项时，无论是否有变化都执行操作',
  'the drive':
    '这个建言专栏',
  'campaign slug':
    '专栏标识（slug）',
  'set when the suggestion was adopted (已采纳)':
    '建议被采纳（已采纳）时填写',
  'pending: the public sees that a question was asked, not its words; rejected: never public':
    'pending：公众只看到有人追问，看不到追问内容；rejected：永不公开',
  'the Origin is not allowed for this site':
    '请求来源（Origin）不在本站允许的网站之列',
  'no such site, or no such resource':
    '没有这个站点或这项内容',
  'YYYY-MM':
    'YYYY-MM（年-月）',
  '督办: escalated to the unit above once a deadline passed unanswered':
    '督办：期限已过仍未答复，已上报上级单位',
  're-opened (重办) by the citizen — an unhappy rating or a follow-up — and being handled again':
    '留言人不满意的评价或追问使留言重新办理（重办），正在再次办理',
  'the citizen’s ratings, oldest first, with their reasons and words (never public)':
    '留言人的评价，最早的在前，含理由和留言人的原话（从不公开）',
  'working days':
    '工作日',
  'display name of the official':
    '工作人员的显示名称',
  'this official may publish or reject the words now (a moderator or admin; a public message; pending)':
    '该工作人员现在可以公开或不予公开这条追问（审核员或管理员；公开的留言；待审核）',
  'the citizen’s follow-up questions (追问), oldest first; the next reply answers each':
    '留言人的追问，最早的在前；下一次答复逐条回应',
  'actions the official may take now':
    '该工作人员现在可以执行的操作',
  'why it was rejected or hidden: a RejectReason code (the moderator’s words are on the timeline event)':
    '不予公开或隐藏的原因：一个 RejectReason 代码（审核员的说明记在办理过程中）',
  'the form is too large':
    '表单过大',
  'a POST that is not a form':
    'POST 的内容不是表单',
  'no live api_key for this site (POST)':
    '没有本站有效的 api_key（POST）',
  'the message’s state does not allow this action (invalid_transition), or it changed meanwhile (conflict)':
    '留言当前的状态不允许此操作（invalid_transition），或在此期间已被他人改动（conflict）',
  'find a message by its id (m_…) or words of its title or body; a tracking code goes in the body of POST /v1/console/messages/find':
    '按留言编号（m_…）或标题、内容中的字词查找留言；查询码请放在 POST /v1/console/messages/find 的请求内容中',
  'the message to open':
    '要打开的留言',
  'as read out or typed: width, case, spaces and dashes do not matter':
    '按群众报出或输入的样子填写：全角半角、大小写、空格和连字符均可',
  '转来: the unit it was transferred (转办) from, while the unit it reached has not accepted (受理), replied, extended, closed or transferred it since; null otherwise':
    '转来：转办前所在的单位；接收单位受理、答复、延期、办结或再次转办之前有值，其他情况为 null',
  'handled by someone since the version sent in If-Match was read (changed_since_read): read it again':
    '自 If-Match 所带版本读取以来，留言已有变化（changed_since_read）：请重新读取',
  'what the message was when read (opaque): send it back as `If-Match: "<version>"` with an action, which is then refused with 412 changed_since_read if anyone has handled the message since':
    '读取时留言的版本（不透明）：操作时以 `If-Match: "<version>"` 带回；如此后已有他人处理过这条留言，操作会被拒绝（412 changed_since_read）',
  'no such site, service, request or token':
    '没有这个站点、服务、请求或 token',
  'too many submissions from this client, for this phone, or on this site; wait the seconds in Retry-After':
    '来自该客户端、该手机号或本站的提交过多；请等待 Retry-After 给出的秒数',
  'a parameter the service cannot take (each named, with why)':
    '服务无法接受的参数（逐个列出并说明原因）',
  'the message after the action':
    '操作之后的留言',
  'YYYY-MM-DD':
    'YYYY-MM-DD（年-月-日）',
  'the deadline':
    '办理期限',
  'too_many_requests: whose count is full — client (this address, counted at the edge, a minute), address (this address on this site), phone (the phone number given), contact (the phone or e-mail given for a lost code), site (the whole site, a minute); the wait is in Retry-After':
    'too_many_requests：哪一项计数已满——client（该地址，在边缘节点按分钟计）、address（该地址在本站）、phone（所填手机号）、contact（找回查询码时所填的手机号或邮箱）、site（全站，按分钟计）；等待时间见 Retry-After',
  'too_many_requests: too many from this client (or for this phone, or on this site) in a short time; wait the seconds in Retry-After':
    'too_many_requests：短时间内来自该客户端（或该手机号、本站）的请求过多；请等待 Retry-After 给出的秒数',
  'units a responder answers for (their sub-units included)':
    '答复人负责的单位（含其下级单位）',
  'messages with at least one official reply':
    '至少有一条官方答复的留言数',
  'units the campaign collects for; empty means any':
    '专栏征集的单位；为空表示不限',
  'messages written to the drive, public and private':
    '写给该专栏的留言数，公开与不公开的都算',
  'suggestions adopted (已采纳)':
    '被采纳的建言数（已采纳）',
  'public messages on the board':
    '留言板上公开的留言数',
  'oldest first (the n-th followed_up event is the n-th follow-up)':
    '最早的在前（第 n 个 followed_up 事件对应第 n 条追问）',
  'holiday: a day off; workday: a weekend day worked instead (调休)':
    'holiday：放假的日子；workday：调休上班的周末',
  'ignored: the site is in the path':
    '忽略：站点已在路径中',
  'public reason, e.g. for a transfer or an extension':
    '公开的理由，例如转办或延期的理由',
  'not signed in':
    '未登录',
  'follow-ups still allowed on this message (the site’s limit less those sent)':
    '这条留言还可以追问的次数（本站上限减去已追问的次数）',
  'null when the message did not pass review: it is not handled, so no deadline runs':
    '未通过审核的留言为 null：不予办理，因此没有办理期限',
  'what the moderator added, if anything':
    '审核员补充的说明（如有）',
  'an admin set the password: until the official chooses one, only /me, the password change and sign-out answer':
    '密码由管理员设置：在工作人员自己设定密码之前，只有 /me、修改密码和退出登录可用',
  'a RejectReason code (abusive, personal_data, duplicate, off_topic, advertising, illegal, other); clients show its label':
    '一个 RejectReason 代码（abusive、personal_data、duplicate、off_topic、advertising、illegal、other）；客户端显示其名称',
  'empty means any the site takes':
    '为空表示本站接受的都可以',
  'its password was set by an admin and must be changed at the next sign-in':
    '密码由管理员设置，下次登录时必须修改',
  'the latest reply is final and not rated yet':
    '最新答复是正式答复，尚未评价',
  'one per final reply rated, oldest first (the n-th rated event is the n-th rating)':
    '每条被评价的正式答复一条，最早的在前（第 n 个 rated 事件对应第 n 条评价）',
  'why: set when moderation is rejected, or hidden (published, then taken off the board)':
    '原因：审核未通过，或公开后被隐藏（撤下）时填写',
  'there is a reply, no follow-up waits for its answer, and follow-ups are left':
    '已有答复，没有待答复的追问，且还有追问次数',
  'the latest overall rating, 1–5':
    '最新的总体评价，1–5',
  'the public timeline (one request only)':
    '公开的办理过程（仅单条请求）',
  'unchanged since the ETag sent in If-None-Match':
    '自 If-None-Match 所带的 ETag 以来没有变化',
  'the year’s days, in date order':
    '这一年的日子，按日期排序',
  'its name in Chinese':
    '中文名称',
  'inactive units take no new messages and leave the widget':
    '停用的单位不再接收新留言，也不在挂件中显示',
  'the signed-in official':
    '当前登录的工作人员',
  'the site’s own privacy notice page':
    '本站自己的隐私声明页面',
  'the latest public reply':
    '最新的公开答复',
  'the key’s first characters, to tell keys apart':
    '密钥的开头几个字符，用来区分不同的密钥',
  'stored (or already stored under this Idempotency-Key)':
    '已保存（或此前已用这个 Idempotency-Key 保存过）',
  'YYYY-MM-DD, last day included':
    'YYYY-MM-DD，含当天（最后一天）',
  'null while it works':
    '可用期间为 null',
  'closed once answered (已办理: a final reply, or 已办结)':
    '答复后即为 closed（已办理：已有正式答复，或已办结）',
  'who uses it, e.g. 12345热线平台':
    '使用方，例如 12345热线平台',
  'the last message posted with it (null: never)':
    '最近一次用它提交留言的时间（null：从未使用）',
  'a reply’s text, or the public note of a transfer or extension':
    '答复的正文，或转办、延期的公开说明',
  'the region the citizen gave':
    '留言人填写的所在地区',
  'the definition':
    '服务定义',
  'the timeline event: submitted, published, accepted, transferred, replied, extended, closed …':
    '办理过程事件：submitted、published、accepted、transferred、replied、extended、closed …',
  'YYYY-MM-DD, first day included':
    'YYYY-MM-DD，含当天（第一天）',
  'the unit that answered last, or the unit it is addressed to':
    '最近答复的单位，或留言写给的单位',
  'the keys':
    '密钥列表',
  'extension: the citizen’s private 查询码, shown this once; give it to them only':
    '扩展字段：留言人的查询码，只出现这一次；只交给留言人本人',
  'how many follow-ups (追问) a citizen may send on one message':
    '每条留言留言人最多可以追问几次',
  'whether the hosted board /s/{site}/ and its message pages are served (off: 404)':
    '是否提供托管留言板 /s/{site}/ 及其留言页面（关闭时为 404）',
  'the drives':
    '建言专栏列表',
  'not possible now: no final reply to rate (invalid_transition), this reply rated already with other scores (already_rated), a follow-up waiting for its answer (follow_up_pending), no follow-ups left (follow_up_limit), a reply newer than the one the citizen saw (new_reply), or another change came first (conflict)':
    '现在不能这样做：没有可评价的正式答复（invalid_transition）、这条答复已用其他分数评价过（already_rated）、有追问等待答复（follow_up_pending）、追问次数已用完（follow_up_limit）、在市民看到的答复之后又有了新答复（new_reply），或他人先作了改动（conflict）',
  'when the citizen’s name, phone and e-mail (and photos) were erased, by the citizen or at the end of the site’s retention period; null: kept':
    '市民的姓名、电话和邮箱（及照片）被删除的时间：市民本人删除，或超过本站保存期限后删除；null：仍保留',
  'a unit’s change, as it was then: its name, its parent’s name (null: top level), active (<code>true</code>/<code>false</code>); empty for other entries':
    '单位的修改，按当时的情况记录：名称、上级单位名称（null：顶级）、是否在用（<code>true</code>/<code>false</code>）；其他记录为空',
  'the latest reply the citizen’s page showed; another since: refused (new_reply). Absent: the latest reply':
    '市民页面上显示的最新一条答复；此后又有新答复时拒绝（new_reply）。不填：最新一条答复',
  'the discovery document':
    '服务发现文档',
  'units (each with its sub-units) the drive collects for; empty means any':
    '专栏征集的单位（各含其下级单位）；为空表示不限',
  'at least 12 characters, 6 of them different, not the email':
    '至少 12 个字符，其中至少 6 个互不相同，不能是电子邮箱',
  'the words of that link, e.g. 返回示范县人民政府网':
    '链接文字，例如 返回示范县人民政府网',
  'the link back to the site’s own website on the hosted pages; null with returnLabel: none':
    '托管页面上返回本站网站的链接；returnLabel 为 none 时为 null',
  'the message, its replies and its timeline':
    '留言、答复和办理过程',
  'extension: the deadline':
    '扩展字段：办理期限',
  'the citizen’s view of the message after the change':
    '修改之后留言人看到的留言',
  'extension: changed after':
    '扩展字段：在此之后有变动',
  'when the drive opens':
    '专栏开始征集的时间',
  'the domain, in Chinese':
    '领域的中文名称',
  'requested on or after (W3C date-time)':
    '在此时间或之后提交（W3C 日期时间）',
  'the site’s templates, oldest first':
    '本站的回复模板，最早的在前',
  'requested before; a date alone (China time) includes that day; at most 90 days after start_date':
    '在此时间之前提交；只写日期（中国时间）时包含当天；与 start_date 最多相隔 90 天',
  'optional: one per message, reused on every retry of it (without it, an identical form from the same api_key within 15 minutes is the same message)':
    '可选：每条留言一个，重试时原样带上（不带时，15 分钟内同一 api_key 提交的相同表单视为同一条留言）',
  'always true: the definition names the unit to write to':
    '恒为 true：服务定义列出可以写给的单位',
  'rated messages':
    '有评价的留言数',
  'the surname; name = last_name + first_name':
    '姓；姓名 = last_name + first_name',
  'the shortest message accepted, in characters':
    '留言正文的最少字数',
  'working days to answer, per message type':
    '各留言类型的答复期限（工作日）',
  'mean 解决程度':
    '解决程度平均分',
  'the hourly deadline check reminds a message’s unit this many working days before its deadline; 0: never':
    '每小时的期限检查在期限前这么多个工作日提醒留言所在单位；0：不提醒',
  'each outlet and the messages written on its pages':
    '各来源网站及在其页面上写的留言数',
  'mean 办理态度':
    '办理态度平均分',
  'the services':
    '服务列表',
  'the site’s own privacy notice page, linked from the consent box':
    '本站自己的隐私声明页面，由同意勾选框链接',
  '#rrggbb of the hosted pages’ header and buttons; null: Liuyan’s red':
    '托管页面顶栏和按钮的颜色，#rrggbb；null：留言的默认红色',
  'only what this account did':
    '只看本账号的操作',
  'the site’s own privacy notice, shown by the consent box when there is no page':
    '本站自己的隐私声明；没有页面时由同意勾选框显示',
  'news sites allowed to embed the drive; empty means any origin the site allows':
    '允许嵌入该专栏的新闻网站；为空表示本站允许的任何网站',
  'between startsAt (inclusive) and endsAt (exclusive) now':
    '现在处于 startsAt（含）与 endsAt（不含）之间',
  'when it closes (exclusive)':
    '截止时间（不含）',
  'GET tokens/{token} gives the request id once the message is public':
    '留言公开后，GET tokens/{token} 给出请求编号',
  'first day off':
    '放假的第一天',
  'the site’s integration key, checked first (403 without a live one); in the form, never the address: a key in a URL is kept in logs, and one in the query string is not read':
    '本站的集成密钥，最先检查（没有有效密钥时为 403）；放在表单中，不要放在网址里：网址会被记入日志，查询字符串中的密钥不会被读取',
  'batch: a request gets its id once moderators publish it':
    'batch：留言经审核员公开后才有请求编号',
  'the unit (leader or department), from the service definition':
    '留言对象（领导或部门），取自服务定义',
  'the settings':
    '站点设置',
  'a suggestion drive’s slug (建言专栏): only the messages written to it':
    '建言专栏的网址标识：只列出该专栏收到的留言',
  'a unit id; its sub-units are included':
    '单位编号；含其下级单位',
  'the region (所在地区)':
    '所在地区',
  'in Chinese, e.g. 交通投诉':
    '中文名称，例如 交通投诉',
  'mean 办理速度':
    '办理速度平均分',
  'comma-separated ids, at most 50':
    '以逗号分隔的编号，最多 50 个',
  'one or more service codes, comma-separated or the parameter repeated (the spec\'s "declared multiple times"), at most 20':
    '一个或多个服务代码：以逗号分隔，或重复这个参数（规范所说的"可多次声明"），最多 20 个',
  '`open`, `closed`, or both (comma-separated or repeated)':
    '`open`、`closed`，或两者都要（以逗号分隔，或重复这个参数）',
  'the title; by default the description’s beginning':
    '标题；不填则取留言内容的开头',
  'page origins that may embed the widget':
    '可以嵌入挂件的网页来源（origin）',
  'the shortest title accepted, in characters':
    '标题的最少字数',
  'pre: nothing public until published; post: public at once, hidden if need be':
    'pre：公开前须审核；post：立即公开，必要时隐藏',
  'the requests':
    '请求列表',
  'set at once when the site publishes without moderation':
    '本站不经审核直接公开时立即给出',
  'how many rated 1, 2, 3, 4, 5 (很不满意 … 很满意)':
    '评 1、2、3、4、5 分（很不满意 … 很满意）的各有多少',
  'when the citizen erased them; null while they are kept':
    '留言人删除个人信息的时间；未删除时为 null',
  'the contact details (Cache-Control: no-store)':
    '联系方式（Cache-Control: no-store）',
  'UTF-8 CSV with a byte order mark (for Excel), one message a line, oldest first; labels in the reader’s language (lang, else Accept-Language), site-local times, the latest reply, the transfer path, and a drive’s suggestion’s drive, outlet and adoption':
    'UTF-8 CSV，带字节顺序标记（供 Excel 打开），每行一条留言，最早的在前；名称用读者的语言（lang，否则 Accept-Language），站点本地时间，含最新答复、转办路径，以及建言所属专栏、来源媒体和采纳情况',
  'as officials dial it, e.g. 139 1234 5678':
    '按工作人员拨号的格式，例如 139 1234 5678',
  'the token, as a list of one':
    'token，作为只有一项的列表',
  'UTF-8 CSV with a byte order mark (for Excel), one entry a line':
    'UTF-8 CSV，带字节顺序标记（供 Excel 打开），每行一条记录',
  'the new deadline and what it was counted from':
    '新的办理期限及其起算点',
  'signed out':
    '已退出登录',
  'the days of the year the holiday starts in (its first day off, else its first make-up day), in date order':
    '假期开始的年份里的日子（第一个放假日，否则第一个调休上班日），按日期排序',
  'in characters (Unicode code points: an emoji or 𠮷 counts once)':
    '按字符计（Unicode 码位：一个表情符号或 𠮷 算一个）',
  'the units, each with the names above it':
    '单位列表，各带其上级单位名称',
  'null: no page of its own':
    'null：没有自己的页面',
  'as GET /v1/sites/{site}/stats, over the official’s units and every unit below them (the whole site for site-wide roles). For a responder with more than 5 units in scope, byUnit ranks their own units (each by its own messages) and the units right below them (each with everything below it, marked includesSubunits where a unit is under it)':
    '同 GET /v1/sites/{site}/stats，范围是该工作人员负责的单位及其全部下级单位（全站角色为整个站点）。负责范围超过 5 个单位的办理人员，byUnit 排列其本人负责的单位（按各自收到的留言）和紧邻的下一级单位（各含其全部下级，有下级单位的标明 includesSubunits）',
  'null or absent: a top-level unit':
    'null 或不填：最上一级单位',
  'deleted':
    '已删除',
  'too_many_attempts: guesses at the current password are slowed as at sign-in; wait the seconds in Retry-After':
    'too_many_attempts：猜测当前密码会像登录时一样被放慢；请等待 Retry-After 给出的秒数',
  '督办: open messages escalated to the unit above after their deadline':
    '督办：超过期限、已上报上级单位的未办结留言',
  'for admins: a year whose holidays and 调休 the site’s calendar has none of (this year, and from 1 November the next, when the State Council has published it), so deadlines in it count Monday to Friday; null when both are set, and for every other role':
    '仅对管理员：站点工作日历中没有任何节假日和调休的年份（今年；自 11 月 1 日起也查看明年，国务院办公厅届时公布其安排），该年的办理期限按周一至周五计算；两年都已设置时为 null，其他角色总为 null',
  'the drive after the change':
    '修改之后的建言专栏',
  'the new key, shown this once':
    '新的密钥，只显示这一次',
  'turns the account’s authenticator off (an official who lost the phone signs in with the password, then enrols again)':
    '关闭该账号的身份验证器（手机丢失的工作人员用密码登录后重新绑定）',
  'the account and its temporary password (Cache-Control: no-store)':
    '账号及其临时密码（Cache-Control: no-store）',
  '0: no follow-ups':
    '0：不允许追问',
  'one of AuditAction; older or newer services may write others':
    'AuditAction 之一；更早或更新版本的服务可能写入其他值',
  'required (one or more) for responders':
    '答复人必填（一个或多个）',
  'weekend days worked instead (调休上班)':
    '调休上班的周末',
  'true: only the re-opened messages being handled again (重办: the citizen was not satisfied or asked again), as the dashboard counts them':
    'true：只看重新办理中的留言（重办：留言人不满意或追问），与办理统计中的数字一致',
  'at least the site\'s limits.titleMin characters (GET /v1/sites/{site}; 4 unless the site sets another), else too_short':
    '至少为站点 limits.titleMin 个字（见 GET /v1/sites/{site}；站点未另设时为 4），否则为 too_short',
  'at least the site\'s limits.bodyMin characters (GET /v1/sites/{site}; 10 unless the site sets another), else too_short':
    '至少为站点 limits.bodyMin 个字（见 GET /v1/sites/{site}；站点未另设时为 10），否则为 too_short',
  'open messages due by the end of the N-th day after today (China time; 0: today), not yet overdue':
    '在今天之后第 N 天结束前（北京时间；0 为今天）到期、尚未超期的未办结留言',
  'the first lines of the body':
    '正文的开头几行',
  'the words wait for a moderator (clients say 待审核)':
    '追问等待审核员审核（客户端显示“待审核”）',
  'the template the text started from (recorded)':
    '答复所用的回复模板（记录在案）',
  'the new template':
    '新的回复模板',
  'null when it no longer exists':
    '已不存在时为 null',
  'null while the message is not public (and always for a private one)':
    '留言未公开时为 null（不公开的留言始终为 null）',
  'the deadline the extension would set: the end of a working day, China time':
    '延期后的办理期限：某个工作日结束时（北京时间）',
  'the last day of an export’s range':
    '导出范围的最后一天',
  'the drive, ended':
    '已结束的建言专栏',
  'the citizen’s latest rating (scores only), null before any':
    '留言人最新的评价（只含分数）；尚未评价时为 null',
  'the message’s support count, this supporter included':
    '这条留言的关注人数，含本次关注',
  'the site’s own privacy notice; both null: the notice Liuyan ships, in the reader’s language':
    '本站自己的隐私声明；两者都为 null 时使用留言自带的声明（按读者的语言）',
  'the settings after the change':
    '修改之后的站点设置',
  'six digits from the authenticator app':
    '身份验证器 App 上的六位数字',
  'messages in a contact export':
    '导出中含联系方式的留言',
  'the request, as a list of one':
    '请求，作为只有一项的列表',
  'the figures of the messages selected':
    '所选留言的统计数字',
  'given with returnUrl':
    '与 returnUrl 一起给出',
  '16 letters and digits in groups of four; the official must change it at the next sign-in':
    '16 个字母和数字，每 4 个一组；工作人员下次登录时必须修改',
  'the drive has messages (campaign_has_messages): end it instead':
    '专栏已有留言（campaign_has_messages）：请改为结束专栏',
  'site_required: these credentials are right on several sites; `sites` lists their ids and names: send one as `site`':
    'site_required：这组登录信息在多个站点都有效；`sites` 列出这些站点的编号和名称，请把其中一个作为 `site` 发送',
  'first month counted, YYYY-MM (China time)':
    '统计的第一个月，YYYY-MM（北京时间）',
  'the unit whose children to list; absent: the top level':
    '要列出其下级的单位；不填：最上一级',
  'the secret, shown once, and its otpauth:// URI for a QR code':
    '密钥（只显示这一次）及用于二维码的 otpauth:// 地址',
  'null or empty: the notice Liuyan ships':
    'null 或空：使用留言自带的声明',
  'overall satisfaction: 5 很满意, 4 满意, 3 基本满意, 2 不满意, 1 很不满意':
    '总体满意度：5 很满意，4 满意，3 基本满意，2 不满意，1 很不满意',
  'the role an account was created with':
    '创建账号时的角色',
  'the whole record, contact details decrypted (null once erased)':
    '完整记录，联系方式已解密（删除后为 null）',
  'one page of the queue':
    '待办队列的一页',
  'the new drive':
    '新的建言专栏',
  'a page of entries and the cursor of the next (null at the end)':
    '一页记录及下一页的游标（到末尾时为 null）',
  'accounts by email':
    '账号列表，按电子邮箱排序',
  'shown once; keep it to follow the message':
    '只显示一次；请保存好，用来查询留言',
  'last month counted, YYYY-MM (China time)':
    '统计的最后一个月，YYYY-MM（北京时间）',
  'removed':
    '已移除',
  'the message whose contact details were seen':
    '被查看联系方式的留言',
  'language of the header and of the labels (状态, 类型 …); else Accept-Language':
    '表头和名称（状态、类型 …）的语言；不填则按 Accept-Language',
  '办理态度, the attitude of those who handled it: 5 很满意, 4 满意, 3 基本满意, 2 不满意, 1 很不满意':
    '办理态度：5 很满意，4 满意，3 基本满意，2 不满意，1 很不满意',
  'full-width characters are read as their ASCII forms':
    '全角字符按对应的半角字符读取',
  'the first day of an export’s range':
    '导出范围的第一天',
  'the citizen’s follow-up questions, oldest first (the n-th followed_up event is the n-th follow-up); their words once published':
    '留言人的追问，最早的在前（第 n 个 followed_up 事件对应第 n 条追问）；审核公开后才有原文',
  'units whose name contains this text (any 1+ characters, Latin letters in any case), or whose pinyin does (initials: jyj, or full: jiaoyu, finds 县教育局), at most 20':
    '名称包含这段文字（1 个字符以上，拉丁字母不分大小写）或拼音包含它（首字母如 jyj，全拼如 jiaoyu，都能找到县教育局）的单位，最多 20 个',
  'null until a moderator publishes the words, and for ever if they were rejected':
    '审核员公开追问之前为 null；不予公开的永远为 null',
  'required when overall ≤ 2':
    '总体评价 ≤ 2 时必填',
  'a code from the authenticator in use; needed when the second factor is on':
    '正在使用的身份验证器上的验证码；开启两步验证时必填',
  'the message’s state does not allow an extension (invalid_transition)':
    '留言当前的状态不允许延期（invalid_transition）',
  'open messages due by the end of the day after tomorrow (China time), not yet overdue (the queue with dueWithinDays=2)':
    '后天结束前（北京时间）到期、尚未超期的未办结留言（即队列的 dueWithinDays=2）',
  'deadline: counted on from the current deadline; today: that deadline has passed, so counted from today':
    'deadline：从当前期限起算；today：当前期限已过，从今天起算',
  'the year of the new deadline when it is a later year than the count starts in and the site’s calendar holds no holiday nor 调休 day of it: its days were counted Monday to Friday; else null':
    '新期限落在起算之后的年份、而站点的工作日历中还没有该年任何节假日或调休日时，为该年份（该年按周一至周五计算工作日）；否则为 null',
  'given with returnLabel; null with it: no link':
    '与 returnLabel 一起给出；二者都为 null：不显示链接',
  'the unit after the change':
    '修改之后的单位',
  'true: only adopted suggestions (已采纳)':
    'true：只看被采纳的建言（已采纳）',
  'the message after the decision':
    '决定之后的留言',
  'at most 50, oldest first':
    '最多 50 条，最早的在前',
  'the language of the form’s words; absent: zh-CN, as an element with no `lang` on a page with none':
    '表单文字的语言；不填：简体中文（与未设置 lang 的元素在未设置语言的网页上相同）',
  'the theme of its stylesheet, as the element’s `theme`; absent: as an element with none, Liuyan’s light colours and no background of its own':
    '样式表的主题，与元素的 theme 相同；不填：与未设置 theme 的元素相同，使用留言板默认的浅色配色，不加自己的背景',
  'the unit to preselect, as the element’s `unit` (ignored for a unit the form does not list)':
    '预先选中的留言对象，与元素的 unit 相同（表单未列出的单位不予理会）',
  'the suggestion drive the form writes to, as the element’s `campaign`: its units, types and domains':
    '表单提交到的建言专栏，与元素的 campaign 相同：只列出该专栏的单位、类型和领域',
  'the form and its stylesheet, or null for both':
    '表单及其样式表；不提供时两者均为 null',
  'the write page’s form, posting to it; null where the form needs its script (an SMS code, Turnstile, a tree too large to list), the site has no hosted pages, or the drive asked for takes no messages (or none from the asking website: not one of its outlets)':
    '留言页的表单，提交到留言页；表单需要脚本（短信验证码、Turnstile、单位太多无法全部列出）、站点未开启托管留言板，或所请求的专栏不接收留言（或不接收来自请求网站的留言：该网站不是专栏的合作网站）时为 null',
  'its stylesheet: the site’s palette in the theme asked for, on `liuyan-form` alone, and the form’s rules; null with no form':
    '表单的样式表：站点在所请求主题下的配色（只作用于 liuyan-form）和表单的样式规则；没有表单时为 null',
  'in order; \'\' for an attribute written by its name alone (required, checked)':
    '按顺序；只写名称的属性（required、checked）值为空字符串',
  'text and elements, in order':
    '文字和元素，按顺序',
  'site configuration':
    '站点配置',
  'a level in the site’s order; search results by the matched text':
    '按本站的排列顺序逐级列出；搜索结果按匹配的文字',
  'search in titles and bodies: every word must be found (at most 5 words, parted by spaces or by ，、；。！？ and their ASCII forms; Chinese: any 1+ characters; Traditional characters find Simplified ones and back)':
    '在标题和正文中搜索：每个词都须找到（最多 5 个词，以空格或 ，、；。！？ 及其半角形式分隔；中文：1 个字符以上；繁体字与简体字互相可以找到）',
  'tab: awaiting 待回复, in_progress 办理中, answered 已办理; all when absent':
    '标签：awaiting 待回复，in_progress 办理中，answered 已办理；不填为全部',
  'the key, revoked':
    '已吊销的密钥',
  'the official’s figures':
    '该工作人员的统计数字',
  'the new unit':
    '新的单位',
  'null: move to the top level':
    'null：移到最上一级',
  'too_many_attempts: wait the seconds in Retry-After':
    'too_many_attempts：请等待 Retry-After 给出的秒数',
  'published: on the public timeline with the message; rejected: never public':
    'published：随留言出现在公开的办理过程中；rejected：永不公开',
  'erased (now, or already before)':
    '已删除（现在删除，或此前已删除）',
  '重办: messages re-opened by an unhappy rating or a follow-up, being handled again':
    '重办：因不满意的评价或追问而重新办理的留言',
  'the new account':
    '新的账号',
  '1: add name, phone and email (audited)':
    '1：加上姓名、电话和电子邮箱（记入操作日志）',
  'lower-case letters, digits and hyphens: the address of the drive':
    '小写字母、数字和连字符：专栏的网址',
  'the website the message was sent from':
    '留言发出的网站',
  'base32, for typing into the app':
    'base32 编码，用于在 App 中手动输入',
  'too_many_attempts: password and code guesses are slowed as at sign-in; wait the seconds in Retry-After':
    'too_many_attempts：猜测密码和验证码会像登录时一样被放慢；请等待 Retry-After 给出的秒数',
  '解决程度, how far the problem was solved: 5 很满意, 4 满意, 3 基本满意, 2 不满意, 1 很不满意':
    '解决程度：5 很满意，4 满意，3 基本满意，2 不满意，1 很不满意',
  'sign_in_failed: the same answer for an unknown email, a wrong password, a disabled account, and a missing, wrong or used authenticator code':
    'sign_in_failed：电子邮箱不存在、密码错误、账号已停用、验证码缺失或错误或已用过，答复都一样',
  'the year of a calendar change':
    '日历变更所在的年份',
  'the holidays a calendar entry added or removed, by name; empty for other entries':
    '日历记录添加或删除的假期名称；其他记录为空',
  '办理速度, how fast it was handled: 5 很满意, 4 满意, 3 基本满意, 2 不满意, 1 很不满意':
    '办理速度：5 很满意，4 满意，3 基本满意，2 不满意，1 很不满意',
  'how many readers supported it (我也关注); who they are is not stored':
    '有多少读者点了“我也关注”；不保存是谁',
  'the message, its replies and its timeline, as the author sees them':
    '留言人看到的留言、答复和办理过程',
  'at least 12 characters, 6 of them different, not the email, not the current password':
    '至少 12 个字符，其中至少 6 个互不相同，不能是电子邮箱，不能与当前密码相同',
  'the citizen’s own words, for officials only; required when reason is other':
    '留言人自己的话，只给工作人员看；理由为 other 时必填',
  'the drive has not started or has ended already (campaign_not_open)':
    '专栏尚未开始或已经结束（campaign_not_open）',
  'one per submission, reused on every retry of it; not beginning with `open311:`':
    '每次提交一个，重试时原样带上；不得以 `open311:` 开头',
  'the template after the change':
    '修改之后的回复模板',
  'a unit id: only messages addressed to it (its sub-units are not included)':
    '单位编号：只看写给该单位的留言（不含其下级单位）',
  'as typed: 13800138000, +86 138 0013 8000, (0371)12345678 转 8012, 400-123-4567, +852 2123 4567 …; the service checks it against the numbering plans (invalid_phone) and stores it as E.164':
    '按填写的样子：13800138000、+86 138 0013 8000、(0371)12345678 转 8012、400-123-4567、+852 2123 4567 …；服务按号码规则检查（invalid_phone），并以 E.164 格式保存',
  'only the limits given change':
    '只修改给出的限额',
  'units in display order':
    '单位，按显示顺序',
  'every rating, oldest first (the n-th rated event is the n-th rating); sub-scores only':
    '每一次评价，最早的在前（第 n 个 rated 事件对应第 n 条评价）；只含分项分数',
  'the names of the units above it, from the top level down; [] at the top':
    '上级单位的名称，从最上一级往下；最上一级为 []',
  'the pending follow-ups':
    '待审核的追问',
  'messages per tab in the official’s units (other filters ignored); for moderators and admins, moderation also counts the follow-ups whose words wait for review':
    '本人负责单位中各标签的留言数（忽略其他筛选条件）；审核员和管理员的“待审核”还包括等待审核的追问',
  'shown once: the service keeps only a hash of it':
    '只显示一次：服务只保存它的哈希值',
  'nextCursor of the previous page':
    '上一页的 nextCursor',
  'open messages past their deadline':
    '已超过办理期限的未办结留言',
  'the whole tree while it is small; beyond that (unitsComplete false) only the top level, each with no children listed':
    '单位不多时为整棵树；否则（unitsComplete 为 false）只有最上一级，不列出下级',
  'one page; pass nextCursor as cursor for the next':
    '一页；把 nextCursor 作为 cursor 传入取下一页',
  'otpauth:// URI, for a QR code':
    'otpauth:// 地址，用于生成二维码',
  'the account after the change':
    '修改之后的账号',
  'what changed, by field name (settings, units, accounts, templates)':
    '按字段名列出的改动（设置、单位、账号、模板）',
  '#rrggbb, dark enough for white text on it (4.5:1); null: Liuyan’s red':
    '#rrggbb，须足够深，白字在上面清晰可读（4.5:1）；null：留言的默认红色',
  'entries per page (not for the CSV)':
    '每页条数（CSV 不适用）',
  'campaign slug: only its messages':
    '专栏标识：只看该专栏的留言',
  'the message’s title':
    '留言的标题',
  'who did it; null for the service itself':
    '操作人；服务自身的操作为 null',
  'decided already, or the message is private or rejected (invalid_transition), or another moderator decided meanwhile (conflict)':
    '已有决定，或留言不公开或未通过审核（invalid_transition），或在此期间另一位审核员已作决定（conflict）',
  'signed in: the `__Host-liuyan_session` cookie is set (HttpOnly, Secure, SameSite=Strict, 12 hours); with `mustChangePassword`, only the password change, /me and sign-out answer until it is changed':
    '已登录：设置了 `__Host-liuyan_session` Cookie（HttpOnly、Secure、SameSite=Strict，12 小时）；带 `mustChangePassword` 时，在修改密码之前只有修改密码、/me 和退出登录可用',
  '`false`: the message is never published':
    '`false`：这条留言永不公开',
  'site id, e.g. `demo`; needed only when the email has accounts on several sites':
    '站点编号，例如 `demo`；只在该电子邮箱在多个站点都有账号时需要',
  '`{service_code}.json` or `{service_code}.xml`':
    '`{service_code}.json` 或 `{service_code}.xml`',
  '`password` wrong_password, or `code` required / invalid_code':
    '`password` wrong_password，或 `code` required / invalid_code',
  'whether a level below it can be loaded (?parent=<id>)':
    '下面是否还有可加载的一级（?parent=<id>）',
  '`{service_request_id}.json` or `{service_request_id}.xml`':
    '`{service_request_id}.json` 或 `{service_request_id}.xml`',
  '`{type}.{domain}`, e.g. `complaint.transport`':
    '`{type}.{domain}`，例如 `complaint.transport`',
  '`code` is wrong, or no enrolment was started':
    '`code` 错误，或尚未开始绑定',
  '`true`: the citizen agreed to the privacy notice (required)':
    '`true`：留言人已阅读并同意隐私声明（必填）',
  '`{token}.json` or `{token}.xml`':
    '`{token}.json` 或 `{token}.xml`',
  'site_required: the sites the credentials are right for; sign in again with one of their ids as `site`':
    'site_required：这组登录信息有效的站点；请用其中一个编号作为 `site` 重新登录',
  '`currentPassword` wrong_password; `newPassword` weak_password (under 12 characters, or the email) or same_password':
    '`currentPassword` wrong_password；`newPassword` weak_password（少于 12 个字符，或就是电子邮箱）或 same_password',
  'false: `units` holds the top level only; load levels and search with GET /v1/sites/{site}/units':
    'false：`units` 只有最上一级；用 GET /v1/sites/{site}/units 逐级加载和搜索',
  'the HTTP status':
    'HTTP 状态码',
  'site id, e.g. `demo`':
    '站点编号，例如 `demo`',
  'unknown fields are ignored':
    '不认识的字段一律忽略',
  'the numbers a translation by code needs, e.g. `max` for too_long':
    '按代码翻译所需的数值，例如 too_long 的 `max`',
  'invalid fields (`code` invalid_code when it is not six digits)':
    '字段有误（`code` 不是六位数字时为 invalid_code）',
  'what is wrong, in the language of Accept-Language (Chinese by default); for a field, `param: message`':
    '错误说明，使用 Accept-Language 的语言（默认中文）；字段错误为 `参数: 说明`',
  'last day off; absent: the same as `from`':
    '放假的最后一天；不填：与 `from` 相同',
  'with `extensions=true`':
    '带 `extensions=true` 时',
  '`true` adds extended_attributes':
    '`true` 时附加 extended_attributes',
  'the `nextCursor` of the page before (not for the CSV)':
    '上一页的 `nextCursor`（CSV 不适用）',
  'invalid fields, each named with a stable code: `to` before_start (before `from`), `unit` unknown_unit, `campaign` unknown_campaign':
    '字段有误，逐项列出，各带固定的错误代码：`to` before_start（早于 `from`），`unit` unknown_unit，`campaign` unknown_campaign',
  'whether the page asking (its Origin) may send messages to the drive: false when the drive runs only on its outlets’ pages and this is none of them; true without an Origin (a server)':
    '发出请求的网页（其 Origin）能否向该专栏提交留言：专栏只在其来源网站的页面开放而本页面不在其中时为 false；没有 Origin（服务器）时为 true',
  // Photos (routes/photos.ts, sdk/src/schemas/photo.ts).
  'one per photo, reused on every retry of its upload': '每张照片一个，重试上传时沿用',
  'photo_too_large on field photo (more than 10 MB) or thumbnail (more than 200 KB)':
    '字段 photo（超过 10 MB）或 thumbnail（超过 200 KB）为 photo_too_large',
  'the field photo or thumbnail: photo_type_not_allowed (not JPEG, PNG or WebP by its bytes), photo_heic, photo_damaged (cut short or corrupt), thumbnail_too_large (too many pixels); idempotency_key_reused':
    '字段 photo 或 thumbnail 有误：photo_type_not_allowed（按文件内容不是 JPEG、PNG 或 WebP）、photo_heic、photo_damaged（不完整或已损坏）、thumbnail_too_large（像素过多）；或 idempotency_key_reused',
  'the photo’s id': '照片编号',
  pixels: '像素',
  'the photo’s content hash': '照片的内容哈希',
  'the image': '图片',
  'random; name it in the submission’s `photos`': '随机编号；提交留言时写在 `photos` 里',
  'size as stored, after metadata was removed': '去除元数据后保存的大小（字节）',
  'hex SHA-256 of the stored bytes': '所保存内容的 SHA-256（十六进制）',
  'shown on the public board with the message; default: the message’s own isPublic': '是否随留言在留言板公开；默认与留言的 isPublic 相同',
  'photos uploaded before (at most 4), in the order to show them': '事先上传的照片（最多 4 张），按显示顺序',
  'every photo sent with the message, in order; url: GET with the console session': '随留言提交的全部照片，按顺序；url：凭管理后台会话 GET',
  'units whose name contains this text, or whose pinyin does (initials jyj or full jiaoyu), retired ones too, best matches first, at most 20':
    '名称含有这段文字或拼音与之相符（首字母 jyj 或全拼 jiaoyu）的单位，含已停用的，最相符的在前，最多 20 个',
  'comma-separated unit ids (at most 100): those units, for naming what an account or a drive holds; unknown ids are left out':
    '以逗号分隔的单位编号（最多 100 个）：取出这些单位，用来显示账号或专栏的单位名称；不存在的编号略去',
  'the `nextCursor` of the page before (a level only)':
    '上一页的 `nextCursor`（仅用于逐级列出）',
  'units per page of a level, at most 200':
    '逐级列出时每页的单位数，最多 200',
  'whether it has units below it, retired ones included (?parent=<id> lists them)':
    '是否有下级单位（含已停用的；用 ?parent=<编号> 列出）',
  'the units above it, from the top level down; [] at the top':
    '上级单位（编号和名称），从最上一级往下；最上一级为 []',
  'a level in the site’s order (sort order, then id); search results best match first':
    '同一级的单位按站点的顺序（先排序号，再编号）；搜索结果最相符的在前',
  'where the level goes on; null at its end, and for a search or ids':
    '这一级的下一页从哪里开始；到头时为 null，搜索和按编号取出时也为 null',
  'the units, each with the units above it':
    '单位，每个都带上其上级单位',
  // Webhook payloads and notifications (issue 14 leftovers).
  'interim (阶段性答复: handling goes on) or final (正式答复)': 'interim（阶段性答复：仍在办理）或 final（正式答复）',
  'when it happened (the same as occurredAt, kept for receivers written before it)': '事件发生的时间（与 occurredAt 相同，为早先编写的接收方保留）',
  'when it happened, in the site’s time (+08:00): order events by it, not by arrival': '事件发生的时间（站点时间，+08:00）：请按它排序事件，而不是按收到的先后',
  'the message as the request that caused this event left it (a snapshot kept with the event, the same in every retry, not changed by later events), never its words nor its author':
    '引发该事件的那次操作完成时的留言（随事件保存的快照，每次重试都相同，之后的事件不会改动它），从不包含留言内容和留言人信息',
  'the unit the event concerns: who replied, for 督办 the unit it was escalated to, otherwise the unit handling the message':
    '事件涉及的单位：答复的单位，督办时为上级单位，其他事件为办理留言的单位',
  'message.replied: the reply, interim or final; null for every other event': 'message.replied：这条答复，阶段性或正式；其他事件为 null',
  'whether an admin may send it again (POST …/resend): not a verification code nor a lost-code request, whose typed contact was erased, nor an SMS notice while the site sends no SMS, nor a notice with no one to go to now':
    '管理员能否重新发送（POST …/resend）：验证码和找回查询码的请求不能，其填写的联系方式已删除；本站不发短信时，短信通知也不能；现在没有收件人的通知也不能',
  'why not, as the problem code a resend is refused with now: not_resendable (its kind), sms_unavailable (no SMS now), no_recipient (no contact or mobile to send to now); null when resendable':
    '不能重新发送的原因，即现在重新发送会得到的问题代码：not_resendable（通知类型）、sms_unavailable（现在不发短信）、no_recipient（现在没有可发送的联系方式或手机号）；能重新发送时为 null',
  'webhook_disabled: the endpoint is turned off (it would only die at once); turn it on first': 'webhook_disabled：接收地址已停用（发送只会立即失败）；请先启用',
  'the notice as it is now: queued again (or still on its way, or sent meanwhile)': '通知的当前状态：已重新排队（或仍在发送途中，或已发出）',
  'not_resendable: a verification code or a lost-code request (the citizen asks again); sms_unavailable: an SMS notice, and the site sends no SMS now (set a provider first); no_recipient: no one to send it to now (contact erased, account disabled, no mobile)': 'not_resendable：验证码或找回查询码的请求（须由本人重新获取）；sms_unavailable：短信通知，而本站现在不发短信（须先设置短信服务）；no_recipient：现在没有收件人（联系方式已删除、账号已停用或没有手机号）',
  'sms_not_sent: the SMS provider did not take the message (down, or refusing the site’s settings); nothing was sent, and the phone may ask again at once':
    'sms_not_sent：短信服务商未接收这条短信（服务中断，或不接受站点的设置）；没有发出任何短信，可立即重新获取',
  // Hiding, reply photos, thumbnails (migration 0032).
  'thumbnail: the small version (the photo itself when it has none); full when absent':
    'thumbnail：缩略图（没有缩略图时为照片本身）；不填为原图',
  'hidden already (conflict)': '已经隐藏（conflict）',
  'not hidden (conflict)': '没有被隐藏（conflict）',
  'the photo': '照片',
  'its small version for cards (long edge at most 640 px, 200 KB); without one, the photo stands in':
    '用于卡片的缩略图（长边不超过 640 像素、200 KB）；不提供时用照片本身',
  'the small version, for cards and lists; the photo itself when there is none':
    '缩略图，用于卡片和列表；没有缩略图时为照片本身',
  'when it was hidden (the site’s time, ISO 8601)': '隐藏的时间（站点时区，ISO 8601）',
  'to the author, with the reason': '写给留言人的说明，与原因一同显示',
  'set when a moderator hid it from the public (its author and officials still see it)':
    '审核人员对公众隐藏时才有（留言人和工作人员仍能看到）',
  'ids of photos the official uploaded for this reply (at most 4), in the order to show them':
    '工作人员为这条答复上传的照片编号（最多 4 张），按显示顺序',
  'photos sent with the reply (e.g. the repaired road), in order; hidden ones left out':
    '随答复发布的照片（如修好的路面），按顺序；不含被隐藏的',
  'photos sent with the reply, in order, hidden ones marked': '随答复发布的照片，按顺序，被隐藏的有标注',
  'every photo sent with the message, public or not, in order; hidden ones marked': '随留言提交的全部照片，公开与否都有，按顺序；被隐藏的有标注',
  'the photos the citizen made public, in order; hidden ones left out': '留言人选择公开的照片，按顺序；不含被隐藏的',
  'the first photo the citizen made public, for the card (its thumbnailUrl); null when none':
    '留言人公开的第一张照片，用于卡片（用其 thumbnailUrl）；没有时为 null',
  'the message’s first photo, public or not (url and thumbnailUrl: GET with the console session); null when none':
    '留言的第一张照片，公开与否都算（url 和 thumbnailUrl：凭管理后台会话 GET）；没有时为 null',
  '5xx: the request id (also the X-Request-Id header) that names the request in the service log':
    '5xx 错误：本次请求的编号（即 X-Request-Id 响应头），用于在服务日志中查到这次请求',
  'optional, one per action, reused on every retry of it: a retry of a done action answers as the first time and creates nothing twice':
    '可选；每次操作一个，重试时沿用：已完成的操作重试时得到与第一次相同的回答，不会重复创建',
  'unavailable: the database is busy or briefly unreachable; try again after the seconds in Retry-After (with the same Idempotency-Key)':
    'unavailable：数据库繁忙或暂时无法连接；请在 Retry-After 所示秒数后重试（使用同一个 Idempotency-Key）',
  'milliseconds from when the form was shown to when it was sent (the widget sends it); a form sent sooner than the site allows is stored but held for a moderator':
    '从表单显示到提交所用的毫秒数（由组件发送）；比站点规定更快提交的留言照常保存，但留待审核员处理',
  'the form’s hidden field, which people never see: anything in it and the message is stored but held for a moderator':
    '表单中用户看不到的隐藏项：填了任何内容，留言照常保存，但留待审核员处理',
  'the Cloudflare Turnstile token, where the site asks for one (site config `turnstileSiteKey`); a retry under the same Idempotency-Key needs none':
    'Cloudflare Turnstile 人机验证令牌，站点要求时必填（站点配置 `turnstileSiteKey`）；使用同一 Idempotency-Key 的重试无需再次提供',
  'the Cloudflare Turnstile site key when the site asks for a Turnstile token with each submission; null: none':
    '站点要求每次提交附带 Turnstile 令牌时的 Cloudflare Turnstile 站点密钥；null：不要求',
  'why it was held for a moderator (honeypot, too_fast, link, phone, word, banned_split); the author is never told; empty: nothing looked wrong':
    '留待审核的原因（honeypot 隐藏项被填写、too_fast 提交过快、link 含链接、phone 含电话号码、word 含待审词、banned_split 含被句号等隔开的禁用词）；不会告知留言人；空：未见异常',
  'why its words were held for a moderator (link, phone, word, banned_split); empty: nothing looked wrong':
    '追问内容留待审核的原因（link 含链接、phone 含电话号码、word 含待审词、banned_split 含被句号等隔开的禁用词）；空：未见异常',
  'a title, body, region or follow-up holding one is refused (banned_words, naming the field)':
    '标题、内容、地区或追问含有其中任何一个词即被拒绝（banned_words，并指明字段）',
  'a message or follow-up holding one is stored but held for a moderator':
    '留言或追问含有其中任何一个词，照常保存，但留待审核员处理',
  'hold a message whose body holds a link (http://, www., a domain name)':
    '留言内容含链接（http://、www.、域名）时先审核',
  'hold a message whose body holds a phone number':
    '留言内容含电话号码时先审核',
  'a form sent sooner than this after it was shown is held; 0: never':
    '表单显示后不到这么多秒就提交的留言先审核；0：不检查',
  'Cloudflare Turnstile site key; null: no Turnstile':
    'Cloudflare Turnstile 站点密钥；null：不使用 Turnstile',
  'whether a secret key is stored (it is write-only)':
    '是否已保存密钥（只能写入，不能读取）',
  'days after a message is closed that its author’s contact details and photos are erased; 0: kept':
    '留言办结多少天后删除留言人的联系方式和照片；0：一直保存',
  'at most 500 words of at most 30 characters':
    '最多 500 个词，每个词最多 30 个字',
  'the name of the suggestion drive (建言专栏) it was written to; null: none':
    '留言所属建言专栏的名称；null：不属于任何专栏',
  'the drive’s partner outlet (a news site) it was written on; null: none, or the site’s own pages':
    '留言提交时所在的专栏合作媒体网站；null：没有，或来自本站自己的页面',
  'null or empty: no Turnstile; absent keeps the stored one':
    'null 或空：不使用 Turnstile；不提供则保留已保存的站点密钥',
  'the site’s own words for a few visible strings, by language (zh-CN, zh-TW, en) and key (form.submit, form.regionPlaceholder, hosted.boardName)':
    '站点为少数几处文字自定的说法，按语言（zh-CN、zh-TW、en）和位置（form.submit 提交按钮、form.regionPlaceholder 地区示例、hosted.boardName 留言板名称）',
  'replaces all of the site’s own words; a key left out reads as shipped': '整体替换站点的自定义文字；未给出的位置恢复默认说法',
  'The site’s units named by id, retired ones too, each with the units above it: what a filter or a choice holds':
    '按编号取出站点的单位（含已停用的），每个附其上级单位：筛选条件或所选单位的名称',
  'comma-separated unit ids (at most 100): those units of the site, retired ones too, each with the units above it; unknown ids are left out':
    '以逗号分隔的单位编号（至多 100 个）：站点的这些单位（含已停用的），每个附其上级单位；不存在的编号略去',
  'the units found, in the order asked': '找到的单位，按所给编号的顺序',
  'when the details were erased (by the citizen, or after the site’s retention period); name and phone are then empty and email null: the citizen can no longer be reached':
    '联系方式被删除的时间（留言人本人删除，或办结后超过本站的保存期限）；此时姓名和电话为空、邮箱为 null：已无法联系留言人',
};
