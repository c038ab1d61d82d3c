import type { Domain, MessageStatus, MessageType, Moderation, ReplyKind } from './schemas/common';
import type { RejectReason } from './schemas/console';
import type { PublicTab, RatingReason, TimelineEvent, TimelineEventKind } from './schemas/message';

export type { ReplyKind };

/** Tags a message carries besides its status (`ProgressLabels.flags`). */
export const MESSAGE_FLAGS = ['reopened', 'adopted'] as const;
export type MessageFlag = (typeof MESSAGE_FLAGS)[number];

/** What a citizen writes about: the labels of the codes a message is filed under. */
export interface MessageKindLabels {
  types: Record<MessageType, string>;
  domains: Record<Domain, string>;
}

/**
 * How a message's handling reads in one language — the one vocabulary of the board, the tracked
 * view, the console and the CSV export, so each state has one name everywhere:
 * - `statuses`: handling (待受理 → 已受理 → 办理中 → 已回复 → 已办结), what a message's tag says;
 * - `tabs`: the public board's filters, as on 《领导留言板》 (待回复 = 待受理 and 已受理; 已办理 = 已回复 and 已办结);
 * - `moderation`: review (待审核 / 已公开 / 未通过审核 / 已隐藏);
 * - `events`: the timeline; a `replied` event reads as its reply's kind (`replyKinds`), see `eventLabel`;
 * - `replyKinds`: 阶段性回复 (interim, handling goes on) and 正式回复 (final);
 * - `rejectReasons`: why a moderator kept a message off the board, as its author is told;
 * - `ratingLevels`: the citizen's satisfaction, 1 很不满意 … 5 很满意 (overall and each sub-score);
 * - `ratingReasons`: why the citizen is not satisfied (overall ≤ 2);
 * - `flags`: tags a message carries besides its status: 重办 when the citizen re-opened it.
 */
export interface ProgressLabels {
  statuses: Record<MessageStatus, string>;
  tabs: Record<PublicTab, string>;
  moderation: Record<Moderation, string>;
  events: Record<TimelineEventKind, string>;
  replyKinds: Record<ReplyKind, string>;
  rejectReasons: Record<RejectReason, string>;
  ratingLevels: Record<1 | 2 | 3 | 4 | 5, string>;
  ratingReasons: Record<RatingReason, string>;
  flags: Record<MessageFlag, string>;
}

export type Vocabulary = MessageKindLabels & ProgressLabels;

/**
 * A timeline event's name; a `replied` event is named by its reply's kind when known.
 * Each reply writes exactly one `replied` event in the same batch, so the n-th `replied` event of a
 * timeline is the n-th reply: `replyKindsOfEvents` pairs them.
 */
export function eventLabel(labels: ProgressLabels, kind: TimelineEventKind, replyKind?: ReplyKind | null): string {
  return kind === 'replied' && replyKind ? labels.replyKinds[replyKind] : labels.events[kind];
}

/**
 * The unit a timeline shows beside an event, the public one and the console's alike: the office that
 * acted, was written to or has the message back. None beside the citizen's own acts (a rating, a
 * follow-up): no office made them, and "评价 · 交通运输局" read as if the office had rated itself. The
 * event keeps its unit for the figures.
 */
export function eventUnit<U>(event: { kind: TimelineEventKind; unit: U | null }): U | null {
  return event.kind === 'rated' || event.kind === 'followed_up' ? null : event.unit;
}

/** For each event of a timeline (oldest first), the kind of its reply when it is a `replied` event. */
export function replyKindsOfEvents(timeline: readonly Pick<TimelineEvent, 'kind'>[], replies: readonly { kind: ReplyKind }[]): (ReplyKind | null)[] {
  let next = 0;
  return timeline.map((e) => (e.kind === 'replied' ? (replies[next++]?.kind ?? null) : null));
}

/** A reason code from the list as its label; words stored before there was a list are shown as they are. */
export function rejectReasonLabel(labels: ProgressLabels, reason: string): string {
  return (labels.rejectReasons as Record<string, string>)[reason] ?? reason;
}

/**
 * The names of the statistics (GET /v1/sites/{site}/stats), shared by `<liuyan-stats>` and the
 * console's dashboard so a figure reads the same wherever it is shown; what each one counts is
 * STATS_DEFINITIONS (sdk/src/schemas/stats.ts).
 */
export interface StatsLabels {
  messages: string;
  replyRate: string;
  onTimeRate: string;
  medianResponse: string;
  satisfaction: string;
  adopted: string;
  replied: string;
  month: string;
  unit: string;
  /** `{hours}`: hours, 1 decimal. */
  hours: string;
  /** `{score}`: the mean out of 5. */
  outOfFive: string;
  /** A figure with nothing to compute it from (no replies, no ratings). */
  none: string;
}
