import type { ReplyTable } from './schema';

/** How much of the latest reply a board card shows before 查看全文. */
export const REPLY_EXCERPT_CHARS = 120;

/**
 * The message row's copy of its latest reply, set in the same batch that stores the reply: the
 * board's cards read it from the row instead of searching the replies table for every card.
 */
export function latestReplyColumns(reply: Pick<ReplyTable, 'id' | 'kind' | 'unit_id' | 'body' | 'created_at'>) {
  return {
    latest_reply_id: reply.id,
    latest_reply_kind: reply.kind,
    latest_reply_unit_id: reply.unit_id,
    latest_reply_excerpt: Array.from(reply.body).slice(0, REPLY_EXCERPT_CHARS).join(''),
    latest_reply_at: reply.created_at,
  };
}
