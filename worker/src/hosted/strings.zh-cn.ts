import type { Widen } from '../../../ui/translations/zh-cn';

// The hosted board's own words (its sections, the return link, the page that is not there); what a
// message says about itself is <liuyan-message>'s strings, so the page and the element read alike.

const strings = {
  /** The sections, as tabs; each is an address of its own. */
  sections: { board: '留言选登', write: '我要留言', track: '查询留言', stats: '办理统计' },
  sectionsLabel: '留言板栏目',
  /** The header's list of the other languages the pages can be read in. */
  languagesLabel: '语言',
  /** The page title: `{section} - {site}`. */
  pageTitle: '{section} - {site}',
  /** After the site's name in the header. */
  boardName: '领导留言板',
  /** Shown where an element waits for its script (no JavaScript, or still loading on a slow network). */
  needsScript: '此功能需要开启 JavaScript。如果页面长时间没有显示，请检查网络后刷新。',
  /** On the track page without a script: what the form below it does, and what needs the script. */
  trackNeedsScript: '没有开启 JavaScript 时可以用下面的表单查看办理情况和回复；评价、追问、照片和“我的数据”需要开启 JavaScript。',
  /**
   * Shown inside an element some seconds after the page came, where scripts run but the element's
   * script has not (blocked, or lost on a dropped connection); the element, once it runs, draws over it.
   */
  scriptLate: '这部分内容还没有显示出来。网络较慢时请稍候；如果一直没有显示，请检查网络后刷新页面。',
  /**
   * Below a field of the form without a script, where the element's counter (`12/50`) comes when it
   * takes the form over: the most it takes, which stays true while nothing counts what is typed.
   */
  mostCharacters: '最多{max}字',
  /** Above the latest messages listed without scripts (and for search engines). */
  latest: '最新公开留言',
  /** The link to the next 20 messages of the board listed without scripts, and their heading. */
  earlier: '更早的公开留言',
  noMessages: '还没有公开的留言。',
  toBoard: '返回留言列表',
  /** The write page's form sent without the key of a page the service served (hosted/write-form.ts): shown again with one. */
  sendAgain: '请再提交一次：这个页面已经过期，填写的内容都在下面。',
  /**
   * The form another website set into its page (`GET /s/:site/form`) sent without a script: it has no
   * key of its own (the website's cache serves it to all), so it is shown here to be sent once more.
   */
  confirmSend: '请核对后再提交一次：填写的内容都在下面。',
  /** A drive's form sent once the drive takes nothing (ended, or not begun): what sending it again does. */
  driveGoneSendAnyway: '{reason}。您填写的内容都在下面；再次提交，将作为普通留言发送给所选单位。',
  notFoundTitle: '页面不存在',
  notFound: '没有找到这个页面：留言可能尚未公开、已被隐藏，或地址有误。',
  /** A suggestion drive's page (/s/:site/campaigns/:slug): when it takes messages, and its messages. */
  campaignPeriod: '征集时间：{start} 至 {end}',
  campaignOpen: '征集中',
  campaignNotYet: '尚未开始',
  campaignEnded: '已结束',
  campaignWrite: '我要建言',
  campaignMessages: '专栏留言',
} as const;

export type HostedStrings = Widen<typeof strings>;

export const hostedZhCN: HostedStrings = strings;
