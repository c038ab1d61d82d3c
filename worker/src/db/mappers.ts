// Rows → the contract's shapes: the one place snake_case columns become the API's fields.
import { isOpenStatus, type MessageStatus } from '../../../sdk/src/schemas/common';
import type { PublicMessage, TrackedMessage } from '../../../sdk/src/schemas/message';
import { toSiteTime } from '../lib/site-time';
import type { MessageRow } from './schema';


/**
 * Past its deadline and not answered yet. A rejected message (moderation `rejected`) is not handled,
 * so no deadline runs for it: never overdue, as the queue's 已超期 tab and counts leave it out.
 */
export function isOverdue(status: MessageStatus, dueAt: string, now: Date, moderation?: MessageRow['moderation']): boolean {
  return moderation !== 'rejected' && isOpenStatus(status) && Date.parse(dueAt) < now.getTime();
}

type MessageFieldsRow = Pick<MessageRow, 'id' | 'unit_id' | 'type' | 'domain' | 'title' | 'region' | 'display_name' | 'status' | 'created_at' | 'due_at' | 'adopted_at' | 'adoption_note'> & {
  unit_name: string;
  campaign: string | null;
  /** Absent where only published messages are read (the board). */
  moderation?: MessageRow['moderation'];
};

/** What every view of a message shows, public or the author's own. */
export function messageFields(m: MessageFieldsRow, now: Date) {
  return {
    id: m.id,
    unit: { id: m.unit_id, name: m.unit_name },
    type: m.type,
    domain: m.domain as TrackedMessage['domain'],
    campaign: m.campaign,
    title: m.title,
    region: m.region,
    displayName: m.display_name,
    status: m.status,
    createdAt: toSiteTime(m.created_at),
    dueAt: toSiteTime(m.due_at),
    overdue: isOverdue(m.status, m.due_at, now, m.moderation),
    adoption: m.adopted_at ? { note: m.adoption_note ?? '', at: toSiteTime(m.adopted_at) } : null,
  };
}

type BoardFieldsRow = MessageFieldsRow & Pick<MessageRow, 'public_tab' | 'support_count' | 'reply_count'>;

/** What the public board shows of a message, list or detail. */
export function boardFields(m: BoardFieldsRow, now: Date): Omit<PublicMessage, 'excerpt' | 'latestReply' | 'rating' | 'coverPhoto'> {
  return { ...messageFields(m, now), tab: m.public_tab, supportCount: m.support_count, replyCount: m.reply_count };
}
