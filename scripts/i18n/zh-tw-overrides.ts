/**
 * Where OpenCC's Taiwan phrases (cn → twp) miss in this domain: Simplified phrase → the Traditional
 * words a Taiwanese reader of a government message board expects. Applied before OpenCC, longest
 * phrase first, so a longer entry wins over a shorter one inside it. Add a line when a reviewer of
 * the generated `*.zh-tw.ts` files finds a wrong word; `npm run i18n` rewrites them.
 */
export const ZH_TW_OVERRIDES: Record<string, string> = {
  // The protection page's example: in Taiwan the Simplified form is the one folded to the Traditional.
  '「法輪功」即「法轮功」': '「法轮功」即「法輪功」',
  // A banned word is 禁用詞; OpenCC's 停用詞 is a search engine's stop word.
  禁用词: '禁用詞',
  // Taiwan sends with 傳送 (傳送簡訊, 重新傳送); OpenCC gives 發送 or 傳送 by phrase, and a page mixed them.
  发送: '傳送',
  // OpenCC reads 审核 as an audit (稽核); a moderator reviews (審核).
  审核: '審核',
  // 发布 is to publish (發布), not to release software (釋出).
  发布: '發布',
  // 支持 a message is to back it (支持), not technical support (支援).
  支持: '支持',
  // 程序 here is a procedure (辦理程序), not a computer program (程式).
  程序: '程序',
  // Taiwan writes 帳 for accounts; OpenCC keeps the mainland 賬.
  账号: '帳號',
  账户: '帳戶',
  // A privacy statement is a 聲明, not a software declaration (宣告).
  声明: '聲明',
  // An e-mail mailbox is 電子郵件信箱 in Taiwan; 郵箱 reads mainland.
  电子邮箱: '電子郵件信箱',
  邮箱: '信箱',
  // Quality is 品質 in Taiwan.
  质量: '品質',
  // A sign-in session is a 工作階段 in Taiwan's software.
  会话: '工作階段',
  // Signing out is 登出.
  退出登录: '登出',
  // A like is 按讚.
  点赞: '按讚',
  // Taiwan says QR 碼 for a QR code.
  二维码: 'QR 碼',
  // The PRC law keeps its own name (個人信息保護法), though 信息 alone reads 資訊 in Taiwan.
  个人信息保护法: '個人信息保護法',
  // 对象 is whom a message is addressed to (對象), not a programming object (物件).
  对象: '對象',
  // 类型 is a kind of message (類型), not a programming type (型別).
  类型: '類型',
  // Taiwan says 像素 (OpenCC: 畫素), 網域 for a domain name, 閘道 for a gateway.
  像素: '像素',
  域名: '網域',
  网关: '閘道',
  // A site's navigation is 導覽 (導航 is a car's).
  导航: '導覽',
  // A tracking code is 查詢碼 (OpenCC agrees; pinned so a dictionary change cannot move it).
  查询码: '查詢碼',
  // A reply is 回覆 in Taiwan (pinned, as above); 答复 likewise 答覆.
  回复: '回覆',
  答复: '答覆',
  // 只 here is always "only" (只能, 只影响), never the measure word of animals (隻): OpenCC's phrases
  // 多只 and 数只 ("many animals") turned 最多只能 into 最多隻能.
  只: '只',
  // A mobile number is a 手機號碼 and a landline a 市話 in Taiwan (手機號, 座機 read mainland).
  手机号码: '手機號碼',
  手机号: '手機號碼',
  座机号: '市話號碼',
  座机: '市話',
  // To get a code is 取得 in Taiwan (獲取 reads mainland).
  获取: '取得',
  // What an address does not do is 不支援 (technical support), unlike backing a message (支持, above).
  不支持: '不支援',
  // A response header is a 回應標頭.
  响应头: '回應標頭',
  // A country calling code is a 國碼 (代码 alone reads as a program's code, 程式碼).
  国家或地区代码: '國碼',
  // Messages, questions, ratings and replies are counted with 則 in Taiwan (条 reads mainland);
  // only these phrases, so 条件 (a condition) and 每行一条记录 keep theirs.
  条留言: '則留言',
  条追问: '則追問',
  条评价: '則評價',
  条答复: '則答覆',
  再写一条: '再寫一則',
  条官方答复: '則官方答覆',
  条通知: '則通知',
  一条不公开的留言: '一則不公開的留言',
  // A count of messages in a limit's unit （条）, or as a number of them (条数); after a number or a
  // placeholder ({messages}条) the generator reads it (generate.ts, COUNTED_MESSAGES).
  '（条）': '（則）',
  条数: '則數',
  // A page of any list's records (an API's page size) is counted in 筆.
  每页条数: '每頁筆數',
  // Words Taiwan's software says its own way.
  当前密码: '目前密碼',
  自动程序: '自動程式',
  小程序: '小程式',
  验证器应用: '驗證器應用程式',
  发邮件: '寄送電子郵件',
};
