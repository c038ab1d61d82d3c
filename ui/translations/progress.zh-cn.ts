import { zhCNProgressLabels } from '../../sdk/src/locales/labels.zh-cn';
import type { ProgressLabels } from '../../sdk/src/vocabulary';
import type { Widen } from './zh-cn';

/**
 * How a message's handling reads, in Chinese: the SDK's one vocabulary of statuses, public tabs,
 * moderation, timeline events, reply kinds and rejection reasons (`sdk/src/locales/labels.zh-cn.ts`),
 * with the headings around them. Shared by the elements that show a message (`<liuyan-track>`,
 * `<liuyan-list>`, `<liuyan-message>`) and the console; `<liuyan-form>` does not load it.
 */
const progress = {
  overdue: '已超期',
  /** Escalated to the unit above once the deadline passed (officials' flag and queue tab). */
  supervised: '督办',
  replies: '官方回复',
  timeline: '办理进程',
  noReplyYet: '暂未回复',
  /** A photo sent with the message (its alt text, and its link's name: opens it whole). */
  photoAlt: '留言人附的第{n}张照片',
  /** A public reason after a timeline event (a transfer, an extension). */
  note: '（{note}）',
  /** Why a message did not pass review, as its author sees it: the reason's label, then the moderator's words. */
  rejectionReason: '未通过原因',
  /** A message published, then taken off the board by a moderator. */
  hiddenReason: '隐藏原因',
  reasonWithNote: '{reason}（{note}）',
  /** A photo sent with a reply (its alt text). */
  replyPhotoAlt: '答复所附的第{n}张照片',
  /** Beside a photo a moderator hid, as its author and officials see it: the reason (and the moderator's words). */
  photoHidden: '已被隐藏，公众看不到：{reason}',
} as const;

export type ProgressStrings = ProgressLabels & Widen<typeof progress>;

export const progressZhCN: ProgressStrings = { ...zhCNProgressLabels, ...progress };
