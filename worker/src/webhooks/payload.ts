// What a webhook says about an event (WebhookEventSchema, sdk/src/schemas/webhook.ts): ids, codes and
// units only. Nothing anyone typed (title, body, reply, a rating's reason, a note) and nothing about
// the author: the same for a public and a private message, so a private message's words never leave,
// and a public one's are read from the public API, which also honours later hiding and erasure.
import type { Domain } from '../../../sdk/src/schemas/common';
import type { TimelineEventKind } from '../../../sdk/src/schemas/message';
import type { WebhookEvent, WebhookEventType } from '../../../sdk/src/schemas/webhook';
import type { SiteDatabase } from '../db/client';
import type { StoredEvent } from '../queue/events';
import { toSiteTime } from '../lib/site-time';

/**
 * The webhook event types a timeline event is: most are one; the deadline check's `escalated` is both
 * 超期 (`message.overdue`, the deadline passed unanswered) and 督办 (`message.escalated`, to the unit above).
 * Other kinds (accepted, transferred, extended, …) are not offered to webhooks.
 */
export const WEBHOOK_TYPES_OF: Partial<Record<TimelineEventKind, WebhookEventType[]>> = {
  submitted: ['message.submitted'],
  published: ['message.published'],
  replied: ['message.replied'],
  rated: ['message.rated'],
  reopened: ['message.reopened'],
  escalated: ['message.overdue', 'message.escalated'],
};

/** The stable id of one event of one type, e.g. `evt_1042_replied`: the same in every attempt and re-send. */
export const webhookEventId = (event: Pick<StoredEvent, 'id'>, type: WebhookEventType) => `evt_${event.id}_${type.slice('message.'.length)}`;

/**
 * The bodies of `types` for one stored event, made from the message as the request that wrote the
 * event left it (`event.snapshot`; for an event written before the outbox kept it, as the message is
 * when the event is handled); null when the message is gone. `data.unit` is the unit the event names
 * (who replied; for 督办 the unit above), else the unit handling the message; a `replied` event names
 * its reply (the latest of the message written by then) and whether it is final.
 */
export async function webhookPayloads(db: SiteDatabase, siteId: string, event: StoredEvent, types: WebhookEventType[]): Promise<Map<WebhookEventType, WebhookEvent> | null> {
  const then = event.snapshot;
  const [row, reply] = await Promise.all([
    db.first(db.q.selectFrom('messages as m')
      // The unit that handled it then (a transfer since may have moved it).
      .innerJoin('units as u', (join) => join.on((eb) => eb('u.id', '=', then ? eb.val(then.unitId) : eb.ref('m.unit_id'))))
      .leftJoin('units as eu', (join) => join.on((eb) => eb('eu.id', '=', event.unit_id ?? '')))
      .select(['m.id', 'm.type', 'm.domain', 'm.status', 'm.moderation', 'm.is_public', 'm.due_at', 'u.id as unit_id', 'u.name as unit_name',
        'eu.id as event_unit_id', 'eu.name as event_unit_name'])
      .where('m.id', '=', event.message_id).where('m.site_id', '=', siteId)),
    // The reply is written in the event's batch, with the event's time.
    event.kind === 'replied'
      ? db.first(db.q.selectFrom('replies').select(['id', 'kind']).where('message_id', '=', event.message_id)
        .where('created_at', '<=', event.created_at).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1))
      : null,
  ]);
  if (!row) return null;
  const message = then
    ? { ...row, type: then.type, domain: then.domain, status: then.status, moderation: then.moderation, is_public: then.isPublic, due_at: then.dueAt }
    : row;
  const handling = { id: message.unit_id, name: message.unit_name };
  const data: WebhookEvent['data'] = {
    message: {
      id: message.id,
      type: message.type,
      domain: message.domain as Domain,
      status: message.status,
      moderation: message.moderation,
      isPublic: message.is_public === 1,
      unit: handling,
      dueAt: toSiteTime(message.due_at),
    },
    unit: message.event_unit_id && message.event_unit_name ? { id: message.event_unit_id, name: message.event_unit_name } : handling,
    reply: reply ? { id: reply.id, kind: reply.kind } : null,
  };
  const at = toSiteTime(event.created_at);
  return new Map(types.map((type) => [type, { id: webhookEventId(event, type), type, site: siteId, createdAt: at, occurredAt: at, data }]));
}
